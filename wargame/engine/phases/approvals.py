"""Phase 8a, approvals: legislative votes fall due — deployments abroad and supplemental budgets — each a
seeded draw against a chance that rises with public support. :func:`ask_supplemental` puts a supplemental
request on the legislature's calendar (phase 5 calls it)."""

from __future__ import annotations

from .. import policy
from ..enums import StateId
from ..events import EventKind, Reason
from ..model import State
from ..rng import uniform
from ..world import NationState
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    """Each state's votes due this turn: deployments (in key order), then its supplemental."""
    rules = ctx.scenario.rules
    for sid in sorted(ctx.world.nations):
        st = ctx.scenario.states[sid]
        nation = ctx.world.nations[sid]
        sup = policy.effective_support(st, nation, rules.autocracy_weight)
        for key, due in sorted(nation.approvals.items()):
            if due <= ctx.turn:
                _deployment_vote(ctx, st, nation, key, sup)
        if nation.supplemental_pending is not None and nation.supplemental_pending <= ctx.turn:
            _supplemental_vote(ctx, st, nation, sup)


def ask_supplemental(ctx: TurnContext, sid: StateId, reasons: list[Reason]) -> bool:
    """``sid`` asks its legislature for a supplemental budget (unless one is pending); True if it asked."""
    nation = ctx.world.nations[sid]
    st = ctx.scenario.states[sid]
    if nation.supplemental_pending is not None:
        return False
    lag = st.legislative_lag_days or ctx.scenario.rules.supplemental_lag_days
    nation.supplemental_pending = ctx.turn + max(1, ctx.turns_for(lag))
    ctx.log.add(
        EventKind.BUDGET,
        sid,
        f"{st.name} asks for a supplemental budget; vote on turn {nation.supplemental_pending}",
        reasons=list(reasons) + [Reason("lag", f"{lag:g} days for the legislature", facts={"lag_days": lag})],
        data={"state": sid, "supplemental_vote_turn": nation.supplemental_pending},
    )
    return True


def _deployment_vote(ctx: TurnContext, st: State, nation: NationState, key: str, sup: float) -> None:
    del nation.approvals[key]
    p = policy.approval_probability(st, sup, ctx.scenario.rules)
    d = uniform(ctx.seed, f"legislative vote on {key}", "approval", ctx.turn, st.id, key)
    ok = d.value < p
    (nation.approved if ok else nation.refused).append(key)
    ctx.log.add(
        EventKind.APPROVAL,
        st.id,
        f"{st.name}'s legislature {'approves' if ok else 'refuses'} {key}",
        reasons=[Reason("vote", f"support {sup:.0f} gives a {p:.0%} chance of approval", ok, facts={"p": round(p, 4)})],
        draws=[d],
        data={"state": st.id, "key": key, "approved": ok},
    )


def _supplemental_vote(ctx: TurnContext, st: State, nation: NationState, sup: float) -> None:
    rules = ctx.scenario.rules
    nation.supplemental_pending = None
    p = policy.approval_probability(st, sup, rules)
    d = uniform(ctx.seed, "supplemental budget vote", "supplemental", ctx.turn, st.id)
    ok = d.value < p
    amount = st.defence_budget_busd * 1000 * rules.supplemental_share
    if ok:
        nation.supplemental_musd += amount
    ctx.log.add(
        EventKind.BUDGET,
        st.id,
        f"{st.name}: supplemental of ${amount:,.0f}m {'passes' if ok else 'fails'}",
        reasons=[
            Reason(
                "vote",
                f"support {sup:.0f} gives a {p:.0%} chance",
                ok,
                facts={"p": round(p, 4), "amount_musd": round(amount, 2)},
            )
        ],
        draws=[d],
        data={"state": st.id, "passed": ok, "amount_musd": round(amount, 2)},
    )
