"""Phase 3, verdicts: every treaty article's verdict on every open attack, gate by gate (the gates are in
:mod:`wargame.engine.verdicts`); a standing white-cell ruling replaces the computed code. A verdict is logged
when it is first reached and whenever its code changes."""

from __future__ import annotations

from ..codec import encode
from ..enums import OverrideTarget
from ..events import EventKind, Reason
from ..verdicts import AttackView, verdicts_for
from ..world import AttackState, Verdict
from .context import TurnContext
from .overrides import overruled


def run(ctx: TurnContext) -> None:
    w = ctx.world
    for att in ctx.open_attacks():
        if att.void:
            continue
        for v in verdicts_for(ctx.scenario, attack_view(att), ctx.scenario.date_of(att.turn)):
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
