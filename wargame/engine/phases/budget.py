"""Phase 8b, budget: every force out of garrison costs its personnel at the deployed troop-day rate (in transit
too), or at the combat rate on a day it fought, plus any platform cost; munitions fired are paid for at their
unit cost; sanctions cut a target's revenue. A state's operations budget is its reserve plus supplementals minus
these, shown term by term. Below zero the budget is exhausted (readiness slows, the default policy hesitates)
until it is back in credit. A white-cell budget override sets the balance once, through an adjustment term.

Sources: US$1,500 a deployed troop-day (CRS RL33110 and R40682, Operation Iraqi Freedom FY2005) and US$2,500 a
day of major combat (CBO, 2002 and 2003); see ``Rules``."""

from __future__ import annotations

from ..enums import ForceStatus, OverrideTarget
from ..events import EventKind, Reason
from ..rules import Rules
from ..world import Term
from .context import TurnContext

RESERVE, SUPPLEMENTAL, READINESS, TRANSIT, COMBAT, MUNITIONS, SANCTIONS = range(7)
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
        Term(
            "Readiness and deployment costs",
            0.0,
            f"US${rules.troop_day_usd:,.0f} a deployed troop-day (CRS RL33110, R40682) and platform costs",
        ),
        Term("Transit costs", 0.0, f"US${rules.troop_day_usd:,.0f} a troop-day on the move"),
        Term(
            "Combat operations costs",
            0.0,
            f"US${rules.troop_day_combat_usd:,.0f} a troop-day in combat (CBO 2002, 2003)",
        ),
        Term("Munitions fired", 0.0, "unit costs of the pack's [[munitions]]"),
        Term("Sanctions: lost revenue", 0.0, "rules.sanctions_revenue_share of the GDP lost"),
    ]


def run(ctx: TurnContext) -> None:
    costs = _costs(ctx)
    for sid in sorted(ctx.world.nations):
        _balance(ctx, sid, *costs.get(sid, [0.0, 0.0, 0.0]))


def _costs(ctx: TurnContext) -> dict[str, list[float]]:
    """Each state's costs this turn: [readiness and deployment, transit, combat]."""
    rules = ctx.scenario.rules
    length = ctx.scenario.turn_length_days
    per_state: dict[str, list[float]] = {}
    for fid in sorted(ctx.world.forces):
        fs = ctx.world.forces[fid]
        if fs.status in (ForceStatus.GARRISON, ForceStatus.DESTROYED):
            continue
        fd = ctx.scenario.force(fid)
        people = fd.personnel * fs.strength * length / 1e6
        acc = per_state.setdefault(fd.owner, [0.0, 0.0, 0.0])
        if fs.status is ForceStatus.IN_TRANSIT:
            acc[1] += people * rules.troop_day_usd + fd.daily_cost_musd * length
        elif fid in ctx.engaged_forces:
            acc[2] += people * rules.troop_day_combat_usd + fd.daily_cost_musd * length
        else:
            acc[0] += people * rules.troop_day_usd + fd.daily_cost_musd * length
    return per_state


def _balance(ctx: TurnContext, sid: str, ready: float, transit: float, combat: float) -> None:
    nation = ctx.world.nations[sid]
    st = ctx.scenario.states[sid]
    terms = nation.budget_terms
    terms[SUPPLEMENTAL].value = nation.supplemental_musd
    terms[READINESS].value -= ready
    terms[TRANSIT].value -= transit
    terms[COMBAT].value -= combat
    fired = ctx.munitions_musd.get(sid, 0.0)
    lost = ctx.sanctions_musd.get(sid, 0.0)
    if len(terms) > SANCTIONS:
        terms[MUNITIONS].value -= fired
        terms[SANCTIONS].value -= lost
    nation.spent_musd += ready + transit + combat + fired
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
