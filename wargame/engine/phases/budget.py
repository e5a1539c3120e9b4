"""Phase 8b, budget: every force out of garrison costs its daily cost (more in transit and in combat); a
state's operations budget is its reserve plus supplementals minus these costs, shown term by term. Below
zero the budget is exhausted (readiness slows, the default policy hesitates) until it is back in credit.
A white-cell budget override sets the balance once, through an adjustment term."""

from __future__ import annotations

from ..enums import ForceStatus, OverrideTarget
from ..events import EventKind, Reason
from ..rules import Rules
from ..world import Term
from .context import TurnContext

RESERVE, SUPPLEMENTAL, READINESS, TRANSIT, COMBAT = range(5)
"""Positions of a budget's standing terms (:func:`budget_terms`); white-cell adjustments come after."""


def budget_terms(reserve: float, rules: Rules, annual_busd: float) -> list[Term]:
    """A state's budget terms at the start of a game: the operations reserve and empty cost lines."""
    return [
        Term(
            f"Operations reserve ({rules.ops_reserve_share:.0%} of ${annual_busd:,.1f}bn annual defence budget)",
            reserve,
            "rules.ops_reserve_share",
        ),
        Term("Supplemental appropriations", 0.0, "legislative votes"),
        Term("Readiness and deployment costs", 0.0, "forces' daily cost"),
        Term("Transit costs", 0.0, f"forces' daily cost × {rules.transit_cost_factor:g} in transit (assumption)"),
        Term(
            "Combat operations costs",
            0.0,
            f"forces' daily cost × {rules.combat_cost_factor:g} when engaged (assumption)",
        ),
    ]


def run(ctx: TurnContext) -> None:
    costs = _costs(ctx)
    for sid in sorted(ctx.world.nations):
        _balance(ctx, sid, *costs.get(sid, [0.0, 0.0, 0.0]))


def _costs(ctx: TurnContext) -> dict[str, list[float]]:
    """Each state's costs this turn: [readiness and deployment, transit, combat]."""
    rules = ctx.scenario.rules
    per_state: dict[str, list[float]] = {}
    for fid in sorted(ctx.world.forces):
        fs = ctx.world.forces[fid]
        if fs.status in (ForceStatus.GARRISON, ForceStatus.DESTROYED):
            continue
        fd = ctx.scenario.force(fid)
        base = fd.daily_cost_musd * ctx.scenario.turn_length_days
        acc = per_state.setdefault(fd.owner, [0.0, 0.0, 0.0])
        if fs.status is ForceStatus.IN_TRANSIT:
            acc[1] += base * rules.transit_cost_factor
        elif fid in ctx.engaged_forces:
            acc[2] += base * rules.combat_cost_factor
        else:
            acc[0] += base
    return per_state


def _balance(ctx: TurnContext, sid: str, ready: float, transit: float, combat: float) -> None:
    nation = ctx.world.nations[sid]
    st = ctx.scenario.states[sid]
    terms = nation.budget_terms
    terms[SUPPLEMENTAL].value = nation.supplemental_musd
    terms[READINESS].value -= ready
    terms[TRANSIT].value -= transit
    terms[COMBAT].value -= combat
    nation.spent_musd += ready + transit + combat
    ov = ctx.standing(OverrideTarget.BUDGET, sid)
    if ov is not None and not ov.applied:
        ov.applied = True
        delta = float(ov.value) - sum(t.value for t in terms)
        label = "White-cell adjustments"
        adj = next((t for t in terms if t.label == label), None)
        if adj is None:
            terms.append(Term(label, delta, "override"))
        else:
            adj.value += delta
    nation.budget_musd = sum(t.value for t in terms)
    if nation.budget_musd < 0 and not nation.exhausted:
        nation.exhausted = True
        ctx.log.add(
            EventKind.BUDGET,
            sid,
            f"{st.name}'s operations budget is exhausted (${nation.budget_musd:,.0f}m)",
            reasons=[Reason("budget", f"{t.label}: {t.value:,.0f}", facts={}) for t in terms]
            + [
                Reason(
                    "consequence",
                    f"readiness slows by {ctx.scenario.rules.exhausted_readiness_penalty_days:g} days for new mobilisations",
                )
            ],
            data={"state": sid, "budget_musd": round(nation.budget_musd, 2), "exhausted": True},
        )
    elif nation.budget_musd >= 0 and nation.exhausted:
        nation.exhausted = False
        ctx.log.add(
            EventKind.BUDGET,
            sid,
            f"{st.name}'s operations budget is back in credit (${nation.budget_musd:,.0f}m)",
            reasons=[Reason("budget", f"{t.label}: {t.value:,.0f}") for t in terms],
            data={"state": sid, "budget_musd": round(nation.budget_musd, 2), "exhausted": False},
        )
