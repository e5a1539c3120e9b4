"""Phase 3, verdicts: every treaty article's verdict on every open attack, gate by gate (the gates are in
:mod:`wargame.engine.verdicts`); a standing white-cell ruling replaces the computed code. A verdict is logged
when it is first reached and whenever its code changes. The verdicts on an attack are worked out again only when
the attack changes as the gates see it (``Scenario.verdict_cache``); Verdicts are frozen, so the memo's are shared."""

from __future__ import annotations

import dataclasses

from ..codec import encode
from ..enums import OverrideTarget
from ..events import EventKind, Reason
from ..verdicts import AttackView, verdicts_for
from ..world import AttackState, Verdict
from .context import TurnContext
from .overrides import overruled


def run(ctx: TurnContext) -> None:
    w = ctx.world
    memo = ctx.scenario.verdict_cache
    for att in ctx.open_attacks():
        if att.void:
            continue
        view, day = attack_view(att), ctx.scenario.date_of(att.turn)
        key = _key(view, day)
        found = memo.get(key)
        if found is None:  # the attack changed as the gates see it (or is new): judge it again
            found = memo[key] = tuple(verdicts_for(ctx.scenario, view, day))
        for v in found:
            key = v.key
            ov = ctx.standing(OverrideTarget.VERDICT, str(key))
            if ov is not None:
                v = overruled(ctx, v, ov)
            old = w.verdicts.get(key)
            w.verdicts[key] = v
            if old is not None and old.code is v.code:
                continue
            was = f" (was {old.code.value})" if old else ""
            ctx.log.add(
                EventKind.VERDICT,
                str(key),
                f"{v.citation or v.treaty + ' Art ' + v.article}: {v.code.value}{was} for {att.id}",
                reasons=gate_reasons(v),
                data={"verdict": encode(v), "previous": old.code.value if old else None},
            )


def _key(view: AttackView, day: object) -> tuple[object, ...]:
    """Everything the gates read, exactly (no rounding), as a hashable value: the view's fields with tables as
    sorted pairs, the attack's inject field by field, and the day the attack began."""
    out: list[object] = [day]
    for f in dataclasses.fields(view):
        value = getattr(view, f.name)
        if f.name == "spec":
            value = tuple(_hashable(getattr(value, g.name)) for g in dataclasses.fields(value))
        out.append(_hashable(value))
    return tuple(out)


def _hashable(value: object) -> object:
    return tuple(sorted(value.items())) if isinstance(value, dict) else value


def attack_view(attack: AttackState, detail: str = "") -> AttackView:
    """What the gates need to know about an attack in the world."""
    return AttackView(
        id=attack.id,
        spec=attack.spec,
        gravity=attack.gravity,
        attribution=attack.attribution,
        requested=bool(attack.assistance),
        consult_requests=tuple(attack.consult_requests),
        gravity_detail=detail,
        attacker=attack.attacker,
        requested_under=frozenset(attack.assistance),
        consultations={k: tuple(v) for k, v in attack.consultations.items()},
    )


def gate_reasons(v: Verdict) -> list[Reason]:
    """A verdict's gates as an event's reasons (the article cited where scope, threshold or request decide)."""
    return [
        Reason(g.name, g.detail, g.passed, v.citation if g.name in ("scope", "threshold", "request") else "", g.facts)
        for g in v.gates
    ]
