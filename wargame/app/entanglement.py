"""Deterrence and entanglement, as read models: how a state got drawn into an attack, and how the aggressor AI
reads deterrence at its targets.

:func:`chain` follows one attack from the attack itself through the victim's request, each treaty article it
triggered (with the collective decision and each guarantor's answer) to the states now committed, and whether
a treaty or their own choice brought each one in. :func:`deterrence` reads what the aggressor AI wrote in its
events: for each target it weighed, its own power in reach, the defence it expects (credibility-weighted), the
ratio as it reads it and what an attack there would trigger. Both degrade gracefully: no AI events, or events
written in another form, give the lines as they were written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import describe

__all__ = ["ChainStep", "Reading", "AiTurn", "chain", "committed", "deterrence"]

COMMITTED = ("mobilise", "deploy", "defend", "assault")
"""Response levels that commit a state's forces."""
_LEVEL_ORDER = ("assault", "defend", "deploy", "mobilise", "sanctions", "statement", "delayed", "declined", "none")


@dataclass
class ChainStep:
    """One link of the chain: its words, more words (a tooltip), the turn it happened and what it led to."""

    text: str
    detail: str = ""
    turn: int | None = None
    kind: str = ""
    """``attack``, ``request``, ``article``, ``outcome``, ``answer`` or ``committed``."""
    children: list[ChainStep] = field(default_factory=list)


def committed(world: Any, attack: str) -> dict[str, str]:
    """States whose forces are committed to ``attack`` (its attacker left out) → their response level."""
    att = world.attacks.get(attack)
    out = {}
    for sid, n in world.nations.items():
        level = n.responses.get(attack)
        if level is not None and level.value in COMMITTED and (att is None or sid != att.spec.attacker):
            out[sid] = level.value
    return out


def _first_turns(events: Iterable[Any]) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """(verdict key → the turn it was first triggered or set to consult, request attack → turn, collective
    key → the turn of its latest outcome)."""
    verdicts: dict[str, int] = {}
    requests: dict[str, int] = {}
    outcomes: dict[str, int] = {}
    for ev in events:
        kind = str(getattr(ev.kind, "value", ev.kind))
        if kind == "verdict":
            code = str((ev.data.get("verdict") or {}).get("code", ""))
            if code in ("TRIGGERED", "CONSULT"):
                verdicts.setdefault(ev.subject, ev.turn)
        elif kind == "request":
            requests.setdefault(str(ev.data.get("attack", ev.subject)), ev.turn)
        elif kind == "collective":
            outcomes[ev.subject] = ev.turn
    return verdicts, requests, outcomes


def chain(scenario: Any, world: Any, events: Iterable[Any], attack: str) -> ChainStep | None:
    """How states got drawn into ``attack``: attack → request → each article it triggered (its collective
    decision, each guarantor's answer) → the states committed now and what brought each in."""
    att = world.attacks.get(attack)
    if att is None:
        return None
    first, requests, outcomes = _first_turns(events)
    sc = scenario
    root = ChainStep(
        describe.attack(sc, world, attack),
        f"{describe.gravity(att.gravity)}; {describe.plural(att.spec.casualties, 'casualty', 'casualties')}; "
        f"attribution {getattr(att, 'attribution', att.spec.attribution):.0%}",
        att.turn,
        "attack",
    )
    victim = describe.state(sc, att.spec.victim)
    if attack in requests:
        root.children.append(ChainStep(f"{victim} asks for help", "", requests[attack], "request"))
    else:
        root.children.append(
            ChainStep(f"{victim} has not asked for help", "articles that need a request wait for it", None, "request")
        )
    levels = {sid: n.responses.get(attack) for sid, n in world.nations.items()}
    brought: dict[str, list[str]] = {}
    verdicts = sorted(
        (v for v in world.verdicts.values() if v.attack == attack and v.code.value in ("TRIGGERED", "CONSULT")),
        key=lambda v: (v.code.value != "TRIGGERED", -len(v.guarantors), v.treaty, v.article),
    )
    for v in verdicts:
        key = str(v.key)
        what = describe.article(sc, v.treaty, v.article)
        step = ChainStep(
            f"{what}: {describe.verdict(v.code)}",
            describe.verdict_help(v.code) + f" Obligation: {describe.words(v.obligation)}.",
            first.get(key),
            "article",
        )
        col = world.collectives.get(v.key)
        if col is not None:
            step.children.append(
                ChainStep(
                    f"Collective decision: {describe.outcome(col.outcome)}",
                    f"decided by {describe.words(v.decision_rule)}",
                    outcomes.get(key),
                    "outcome",
                )
            )
        groups: dict[str, list[str]] = {}
        for g in v.guarantors:
            if g == att.spec.attacker:
                continue
            lv = levels.get(g)
            groups.setdefault(lv.value if lv is not None else "none", []).append(g)
            if lv is not None and lv.value in COMMITTED and v.code.value == "TRIGGERED":
                brought.setdefault(g, []).append(what)
        for lv in _LEVEL_ORDER:
            if lv in groups:
                names = sorted(describe.state(sc, g) for g in groups[lv])
                step.children.append(
                    ChainStep(
                        f"{describe.level(lv).capitalize()}: {', '.join(names[:6])}"
                        + (f" and {describe.plural(len(names) - 6, 'other')}" if len(names) > 6 else ""),
                        ", ".join(names),
                        None,
                        "answer",
                    )
                )
        root.children.append(step)
    now = committed(world, attack)
    if now:
        top = ChainStep(
            f"Committed now: {describe.plural(len(now), 'state')}",
            "forces mobilising, deploying or fighting",
            None,
            "committed",
        )
        for sid in sorted(now, key=lambda s: describe.state(sc, s)):
            why = (
                f"through {brought[sid]}"
                if sid in brought
                else ("defending itself" if sid == att.spec.victim else "of its own accord (no treaty obliges it)")
            )
            top.children.append(
                ChainStep(f"{describe.state(sc, sid)}: {describe.level(now[sid])}, {why}", "", None, "committed")
            )
        root.children.append(top)
    return root


# ------------------------------------------------------------------------------------------
# Deterrence as the aggressor AI reads it
# ------------------------------------------------------------------------------------------

_READING = re.compile(
    r"^(?P<victim>[^:]+): own power in reach (?P<own>[\d.]+), defence within (?P<days>[\d.]+) days "
    r"(?P<defence>[\d.]+) \(credibility-weighted\), ratio(?: as it reads it)? (?P<ratio>[\d.]+)"
    r"(?: \(misperception × (?P<mis>[\d.]+)\))?; would trigger: (?P<trig>.*)$"
)


@dataclass(frozen=True)
class Reading:
    """One target as the aggressor AI weighed it (numbers None when its words could not be read)."""

    target: str
    victim: str
    own: float | None
    defence: float | None
    ratio: float | None
    triggers: tuple[str, ...] = ()
    perception: float | None = None
    text: str = ""
    """The line as the AI wrote it."""


@dataclass(frozen=True)
class AiTurn:
    """The aggressor AI's last weighing: its state, the turn, its targets (weakest deterrence first) and what it
    decided (label, words)."""

    state: str
    turn: int
    readings: tuple[Reading, ...]
    decision: tuple[str, str] = ("", "")


def _triggers(scenario: Any, text: str) -> tuple[str, ...]:
    if not text or text == "nothing":
        return ()
    out = []
    for item in re.split(r",\s(?=[A-Z][A-Z0-9-]+\s)", text):
        treaty, _, cite = item.partition(" ")
        if any(t.id == treaty for t in getattr(scenario, "treaties", ())):
            short = describe.treaty_short(scenario, treaty)
            m = re.search(r"\b(Art(?:icle)?s?|para(?:graph)?)\s*\S+", cite)
            art = m.group(0) if m else cite.rsplit(", ", 1)[-1]
            out.append(short if short.endswith(art) else f"{short} {art}")
        else:
            out.append(item)
    return tuple(out)


def deterrence(scenario: Any, events: Iterable[Any], upto: int | None = None) -> list[AiTurn]:
    """Each aggressor's latest weighing of its targets (up to turn ``upto``), from its ``ai`` events."""
    latest: dict[str, Any] = {}
    for ev in events:
        if str(getattr(ev.kind, "value", ev.kind)) != "ai" or (upto is not None and ev.turn > upto):
            continue
        if any(r.label.startswith("target ") for r in ev.reasons) or ev.subject not in latest:
            latest[ev.subject] = ev
    out = []
    for sid, ev in sorted(latest.items()):
        readings = []
        decision = ("", "")
        for r in ev.reasons:
            if r.label.startswith("target "):
                target = r.label.removeprefix("target ")
                m = _READING.match(r.detail)
                if m is None:
                    readings.append(Reading(target, "", None, None, None, (), None, r.detail))
                    continue
                readings.append(
                    Reading(
                        target,
                        m.group("victim"),
                        float(m.group("own")),
                        float(m.group("defence")),
                        float(m.group("ratio")),
                        _triggers(scenario, m.group("trig")),
                        float(m.group("mis")) if m.group("mis") else None,
                        r.detail,
                    )
                )
            else:
                decision = (r.label, r.detail)
        out.append(AiTurn(sid, ev.turn, tuple(readings), decision))
    return out
