"""White-cell overrides: recorded in phase 1, each taking effect in the phase that owns the value.

A verdict or collective override stands (it is applied every turn from then on: :func:`overruled` here, and
the alliance phase); a decision or control override is applied once (:func:`apply_decisions` at the start of
phase 5, :func:`apply_control` at the start of phase 8); budget, opinion and attribution overrides are applied by
their phases (:mod:`.budget`, :mod:`.opinion`, :mod:`.assessment`).
"""

from __future__ import annotations

import dataclasses

from ..attribution import NONE
from ..commands import Command, CommandKind
from ..enums import LEVELS, Outcome, OverrideTarget, ResponseLevel, VerdictCode
from ..events import EventKind, Reason
from ..world import Gate, Override, OverrideKey, Verdict
from .context import TurnContext

TARGETS = tuple(t.value for t in OverrideTarget)
LEVEL_NAMES = tuple(level.value for level in LEVELS)


def record(ctx: TurnContext) -> None:
    """This turn's override commands, checked and recorded (or refused with the reason)."""
    for cmd in ctx.commands_of(CommandKind.OVERRIDE):
        _record(ctx, cmd)


def _problem(ctx: TurnContext, target: str, key: str, value: object, rationale: str) -> str:
    """Why an override cannot be recorded ('' if it can)."""
    nations = ctx.world.nations
    if not rationale:
        return "an override needs a rationale"
    if target not in TARGETS:
        return f"unknown override target {target!r} ({', '.join(TARGETS)})"
    if target == "verdict" and value not in {c.value for c in VerdictCode}:
        return f"unknown verdict code {value!r}"
    if target == "collective" and value not in {o.value for o in Outcome}:
        return f"unknown outcome {value!r}"
    if target in ("opinion", "budget", "decision"):
        state = OverrideKey(OverrideTarget(target), key).state
        if state not in nations:
            return f"unknown state {state!r}"
    if target == "control" and (key not in ctx.scenario.locations or value not in ctx.scenario.states):
        return f"unknown location or holder ({key!r}, {value!r})"
    if target == "opinion" and not (isinstance(value, (int, float)) and 0 <= float(value) <= 100):
        return f"support must be between 0 and 100, not {value!r}"
    if target == "budget" and not isinstance(value, (int, float)):
        return f"a budget must be a number, not {value!r}"
    if target == "decision" and value not in LEVEL_NAMES:
        return f"unknown response level {value!r} ({', '.join(LEVEL_NAMES)})"
    if target == "attribution":
        if key not in ctx.world.attacks:
            return f"no attack {key!r}"
        if value != NONE and value not in ctx.scenario.states:
            return f"unknown attacker {value!r} (a state or actor id, or NONE: no attack took place)"
    return ""


def _record(ctx: TurnContext, cmd: Command) -> None:
    p = cmd.payload
    target, key, value = str(p.get("target", "")), str(p.get("key", "")), p.get("value")
    rationale = str(p.get("rationale", "")).strip()
    problem = _problem(ctx, target, key, value, rationale)
    if problem:
        ctx.reject(cmd, problem)
        return
    ctx.world.overrides[OverrideKey(OverrideTarget(target), key)] = Override(value, rationale, ctx.turn, cmd.seat)
    ctx.log.add(
        EventKind.OVERRIDE,
        key,
        f"White cell overrules {target} {key} → {value}",
        reasons=[Reason("rationale", rationale, citation=f"override by {cmd.seat}")],
        data={"target": target, "key": key, "value": value, "rationale": rationale, "seat": cmd.seat},
    )


def overruled(ctx: TurnContext, v: Verdict, ov: Override) -> Verdict:
    """The verdict as the white cell ruled: the computed gates stay visible, then the override's gate."""
    guarantors = v.guarantors
    if not guarantors:
        tr = ctx.scenario.treaty(v.treaty)
        att = ctx.world.attacks[v.attack]
        guarantors = tuple(
            p
            for p in tr.parties_on(ctx.scenario.date_of(att.turn))
            if p not in (att.spec.victim, att.spec.attacker) and p not in v.suspended
        )
    gate = Gate(
        "override",
        True,
        f"white cell ruled {ov.value} (computed {v.code.value}): {ov.rationale}",
        {"computed": v.code.value, "turn": ov.turn, "seat": ov.seat},
    )
    return dataclasses.replace(v, code=VerdictCode(ov.value), gates=(*v.gates, gate), guarantors=guarantors)


def apply_decisions(ctx: TurnContext) -> None:
    """Decision overrides set a state's response to an attack, once."""
    for okey, ov in sorted(ctx.world.overrides.items()):
        if okey.target is OverrideTarget.DECISION and not ov.applied:
            ctx.world.nations[okey.state].responses[okey.attack] = ResponseLevel(str(ov.value))
            ov.applied = True


def apply_control(ctx: TurnContext) -> None:
    """Control overrides hand a place to another state (an umpire's engagement result), once."""
    w = ctx.world
    for okey, ov in sorted(w.overrides.items()):
        if okey.target is OverrideTarget.CONTROL and not ov.applied:
            lid = okey.subject
            old = w.control.get(lid)
            w.control[lid] = str(ov.value)
            ov.applied = True
            ctx.log.add(
                EventKind.CONTROL,
                lid,
                f"{ctx.loc_name(lid)} passes from {ctx.name(old or '?')} to "
                f"{ctx.name(str(ov.value))} (white-cell ruling)",
                reasons=[Reason("override", str(ov.rationale))],
                data={"location": lid, "from": old, "to": ov.value, "override": True},
            )
