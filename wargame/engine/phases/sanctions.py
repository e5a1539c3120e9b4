"""Sanctions: packages with effects on GDP, budgets and opinion over time.

A state whose response to an armed attack is sanctions or stronger (and the victim) sanctions the attacker, unless
it is the attacker's ally. A union (the EU) adopts a package for all its members once one of them wants it, by
unanimity (TEU Arts 24(1) and 31(1)): after its usual lag when nobody holds out, after its hold-out lag when a
member does not yet want sanctions (Hungary and Slovakia held up the 6th, 18th and 19th packages for weeks); each
lag is drawn per game between half and one and a half times the pack's figure.

Effects, daily, with the figures of ``Rules`` (issue-11 research §8d): the target loses GDP at
``sanctions_gdp_pct_per_year`` × the imposers' share of a comprehensive coalition's GDP, reaching full effect over
``sanctions_lag_days``; ``sanctions_revenue_share`` of that loss comes out of its operations budget. Each imposer
loses ``sanctions_imposer_gdp_pct_per_year`` of GDP and ``sanctions_fatigue_per_year`` points of support.
"""

from __future__ import annotations

from .. import permissions as perm
from ..enums import Doctrine, Gravity, ResponseLevel, StateId
from ..events import EventKind, Reason
from ..rng import uniform
from ..world import AttackState, Sanctions, Term
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    states = {s for s, st in ctx.scenario.states.items() if not st.non_state}
    targets = sorted({a.spec.attacker for a in ctx.open_attacks() if a.gravity >= Gravity.ARMED_ATTACK} & states)
    for target in targets:
        _join(ctx, target)
    for target, regime in sorted(ctx.world.sanctions.items()):
        _effects(ctx, target, regime)


def _wants(ctx: TurnContext, sid: StateId, target: StateId) -> bool:
    if sid == target:
        return False
    nation = ctx.world.nations[sid]
    for att in _armed_attacks_by(ctx, target):
        level = nation.responses.get(att.id, ResponseLevel.NONE)
        if att.spec.victim == sid or level.rank >= ResponseLevel.SANCTIONS.rank:
            return not perm.allies(ctx.scenario, sid, target, ctx.day)
    return False


def _armed_attacks_by(ctx: TurnContext, target: StateId) -> list[AttackState]:
    key = ("armed attacks by", target)
    got = ctx.memo.get(key)
    if got is None:
        got = ctx.memo[key] = [
            a for a in ctx.open_attacks() if a.spec.attacker == target and a.gravity >= Gravity.ARMED_ATTACK
        ]
    return got  # type: ignore[return-value]


def _join(ctx: TurnContext, target: StateId) -> None:
    s = ctx.scenario
    regime = ctx.world.sanctions.get(target)
    wanting = [sid for sid in sorted(s.states) if not s.states[sid].non_state and _wants(ctx, sid, target)]
    new = [sid for sid in wanting if regime is None or sid not in regime.imposers]
    if regime is None and not wanting:
        return
    if regime is None:
        regime = ctx.world.sanctions[target] = Sanctions(target, [], ctx.turn, 0.0)
    union_members: set[StateId] = set()
    for union in s.military.unions:
        tr = next((t for t in s.treaties if t.id == union.treaty), None)
        if tr is None:
            continue
        members = [m for m in tr.parties_on(ctx.day) if m in s.states and m != target]
        union_members.update(members)
        if not any(m in wanting for m in members) or all(m in regime.imposers for m in members):
            continue
        if union.id not in regime.pending:
            holdouts = [m for m in members if not _wants(ctx, m, target) and _holds_out(ctx, m)]
            base = union.holdout_days if holdouts else union.lag_days
            draw = uniform(ctx.seed, "sanctions package timing", "sanctions", union.id, target)
            days = base * (0.5 + draw.value)
            regime.pending[union.id] = ctx.turn + max(1, ctx.turns_for(days))
            ctx.log.add(
                EventKind.SANCTIONS,
                target,
                f"{union.name}: a sanctions package against {ctx.name(target)} is proposed; adoption due on turn "
                f"{regime.pending[union.id]}",
                reasons=[
                    Reason(
                        "unanimity",
                        f"{union.rule} ({union.source or 'TEU Arts 24(1), 31(1)'})"
                        + (f"; held up by {', '.join(ctx.name(h) for h in holdouts)}" if holdouts else ""),
                        facts={"lag_days": round(days, 2), "holdouts": holdouts},
                    )
                ],
                draws=[draw],
                data={"target": target, "union": union.id, "due": regime.pending[union.id]},
            )
        elif regime.pending[union.id] <= ctx.turn:
            del regime.pending[union.id]
            joined = [m for m in members if m not in regime.imposers]
            regime.imposers.extend(joined)
            new = [x for x in new if x not in joined]
            _announce(ctx, target, regime, joined, f"{union.name} adopts its package (unanimity)")
    solo = [sid for sid in new if sid not in union_members]
    if solo:
        regime.imposers.extend(solo)
        _announce(ctx, target, regime, solo, "national sanctions")


def _holds_out(ctx: TurnContext, sid: StateId) -> bool:
    st = ctx.scenario.states[sid]
    return st.doctrine in (Doctrine.FREE_RIDER, Doctrine.NEUTRAL)


def _announce(ctx: TurnContext, target: StateId, regime: Sanctions, joined: list[StateId], how: str) -> None:
    s = ctx.scenario
    regime.imposers.sort()
    gdp = sum(s.states[m].gdp_busd for m in regime.imposers)
    regime.share = round(min(1.0, gdp / max(s.rules.sanctions_full_gdp_busd, 1.0)), 6)
    ctx.log.add(
        EventKind.SANCTIONS,
        target,
        f"Sanctions on {ctx.name(target)}: {', '.join(ctx.name(j) for j in joined)} ({how})",
        reasons=[
            Reason(
                "coalition",
                f"imposers' GDP US${gdp:,.0f}bn: {regime.share:.0%} of a comprehensive package "
                f"(US${s.rules.sanctions_full_gdp_busd:,.0f}bn)",
                facts={"imposers": list(regime.imposers)},
            )
        ],
        data={"target": target, "imposers": list(regime.imposers), "share": regime.share},
    )


def _effects(ctx: TurnContext, target: StateId, regime: Sanctions) -> None:
    s = ctx.scenario
    rules = s.rules
    if not regime.imposers:
        return
    length = s.turn_length_days
    days_on = max(0.0, (ctx.turn - regime.since_turn) * length)
    ramp = min(1.0, days_on / max(rules.sanctions_lag_days, 1.0))
    pct = rules.sanctions_gdp_pct_per_year * regime.share * ramp * length / 365.0
    nation = ctx.world.nations[target]
    nation.gdp_change_pct = round(nation.gdp_change_pct - pct, 6)
    lost = s.states[target].gdp_busd * 1000 * pct / 100 * rules.sanctions_revenue_share
    ctx.sanctions_musd[target] = ctx.sanctions_musd.get(target, 0.0) + lost
    for m in regime.imposers:
        other = ctx.world.nations[m]
        other.gdp_change_pct = round(
            other.gdp_change_pct - rules.sanctions_imposer_gdp_pct_per_year * length / 365.0, 6
        )


def opinion_terms(ctx: TurnContext, sid: StateId) -> list[Term]:
    """The support an imposer loses to sanctions fatigue (one term per target it sanctions)."""
    out: list[Term] = []
    rules = ctx.scenario.rules
    for target, regime in sorted(ctx.world.sanctions.items()):
        if sid in regime.imposers:
            years = (ctx.turn - regime.since_turn) * ctx.scenario.turn_length_days / 365.0
            out.append(
                Term(
                    f"Sanctions fatigue (on {ctx.name(target)})",
                    -rules.sanctions_fatigue_per_year * years,
                    "issue-11 research §8d: 5-10 points a year (estimate)",
                )
            )
    return out
