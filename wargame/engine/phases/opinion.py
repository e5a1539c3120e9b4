"""Phase 8c, opinion: each state's support for using force to defend an ally, rebuilt every turn term by term
(``reference/numbers.md`` §2d): the poll baseline, rallies after armed attacks on itself or a guarded ally
(decaying, capped together), expected success in its fights, cumulative and recent casualties, the cue of an
alliance that invoked, a white-cell adjustment, clamped to 0..100. A large change is logged with every term.
"""

from __future__ import annotations

import math

from ..enums import Doctrine, Gravity, Outcome, OverrideTarget, StateId, VerdictCode
from ..events import EventKind, Reason
from ..model import State
from ..world import NationState, Term
from . import sanctions
from .context import TurnContext


def run(ctx: TurnContext) -> None:
    bound = _triggered_guarantors(ctx)
    invoked_treaties = {k.treaty for k, c in ctx.world.collectives.items() if c.outcome is Outcome.INVOKED}
    for sid in sorted(ctx.world.nations):
        st = ctx.scenario.states[sid]
        nation = ctx.world.nations[sid]
        terms = [Term("Baseline (polls)", st.opinion_baseline, "scenario opinion_baseline")]
        terms += _rallies(ctx, sid, bound)
        terms += _war_terms(ctx, st, nation)
        terms += sanctions.opinion_terms(ctx, sid)
        member_of_invoked = [
            tr.name for tr in ctx.scenario.treaties if tr.id in invoked_treaties and tr.is_party(sid, ctx.day)
        ]
        if member_of_invoked and st.doctrine is not Doctrine.AGGRESSOR:
            terms.append(
                Term(
                    f"Alliance cue ({', '.join(sorted(member_of_invoked))} invoked)",
                    ctx.scenario.rules.alliance_cue,
                    "assumption",
                )
            )
        ov = ctx.standing(OverrideTarget.OPINION, sid)
        if ov is not None:
            if not ov.applied:
                ov.delta = float(ov.value) - sum(t.value for t in terms)
                ov.applied = True
            terms.append(Term(f"White-cell adjustment (turn {ov.turn}): {ov.rationale}", ov.delta or 0.0, "override"))
        _set_support(ctx, st, nation, terms)


def _triggered_guarantors(ctx: TurnContext) -> dict[str, set[StateId]]:
    """Attack id → the states bound by a TRIGGERED verdict on it."""
    out: dict[str, set[StateId]] = {}
    for vd in ctx.world.verdicts.values():
        if vd.code is VerdictCode.TRIGGERED:
            out.setdefault(vd.attack, set()).update(vd.guarantors)
    return out


def _rallies(ctx: TurnContext, sid: StateId, bound: dict[str, set[StateId]]) -> list[Term]:
    """Rallies after armed attacks on the state itself, or on an ally it is bound to help; decaying with their
    half-life, together at most the rally cap."""
    rules = ctx.scenario.rules
    rally_terms: list[Term] = []
    for att in sorted(ctx.world.attacks.values(), key=lambda a: int(a.id[1:])):
        days = ctx.scenario.days_between(att.turn, ctx.turn)
        decay = math.exp(-math.log(2) * days / rules.rally_half_life_days)
        if att.spec.victim == sid and att.gravity >= Gravity.ARMED_ATTACK:
            rally_terms.append(
                Term(
                    f"Rally after {att.id} on own {att.spec.target.value} ({days:g} days ago)",
                    rules.rally_own * decay,
                    "Gallup rallies; numbers.md §2d",
                )
            )
        elif att.spec.attacker != sid and sid in bound.get(att.id, ()):
            rally_terms.append(
                Term(
                    f"Rally after {att.id} on an ally ({days:g} days ago)",
                    rules.rally_ally * decay,
                    "assumption: k_ally ≈ 0.3 of a direct rally",
                )
            )
    out: list[Term] = []
    rally = 0.0
    for rt in rally_terms:
        room = rules.rally_cap - rally
        if room <= 0:
            break
        if rt.value > room:
            rt = Term(rt.label + f" (capped: rallies total at most {rules.rally_cap:g})", room, rt.source)
        rally += rt.value
        out.append(rt)
    return out


def _war_terms(ctx: TurnContext, st: State, nation: NationState) -> list[Term]:
    """Expected success, cumulative casualties (log form) and recent losses (the window is also pruned)."""
    rules = ctx.scenario.rules
    out: list[Term] = []
    if nation.expected_success is not None:
        out.append(
            Term(
                f"Expected success (own share of force {nation.expected_success:.0%})",
                rules.success_gamma * (nation.expected_success - 0.5),
                "Gelpi, Feaver & Reifler 2005/06 (form)",
            )
        )
    if nation.casualties:
        out.append(
            Term(
                f"Cumulative casualties ({nation.casualties:,})",
                -rules.mueller_b * math.log10(1 + nation.casualties / rules.mueller_c0),
                "Mueller 1973 (log form; b unconfirmed)",
            )
        )
    window = [
        (t, c)
        for t, c in nation.recent_losses
        if ctx.scenario.days_between(t, ctx.turn) < rules.recent_loss_window_days
    ]
    nation.recent_losses = window
    recent = sum(c for _, c in window)
    if recent and st.population_m > 0:
        out.append(
            Term(
                f"Recent losses ({recent:,} in {rules.recent_loss_window_days:g} days)",
                -min(rules.recent_loss_cap, rules.recent_loss_beta * recent / st.population_m),
                "Gartner & Segura 1998 (form; β assumed)",
            )
        )
    return out


def _set_support(ctx: TurnContext, st: State, nation: NationState, terms: list[Term]) -> None:
    raw = sum(t.value for t in terms)
    value = min(100.0, max(0.0, raw))
    if value != raw:
        terms.append(Term("Clamp to 0..100", value - raw, "support is a percentage"))
    old = nation.support
    nation.support = value
    nation.support_terms = terms
    if abs(value - old) >= ctx.scenario.rules.opinion_event_points:
        ctx.log.add(
            EventKind.OPINION,
            st.id,
            f"{st.name}: support {old:.0f} → {value:.0f}",
            reasons=[Reason(t.label, f"{t.value:+.1f}", citation=t.source) for t in terms],
            data={"state": st.id, "from": round(old, 3), "to": round(value, 3)},
        )
