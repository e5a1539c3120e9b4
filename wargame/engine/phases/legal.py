"""Domestic legal clocks (issue 10, item 7; crisis-sources §6): who must approve sending armed forces abroad, within
what time, what may be done before approval, and what a refusal does.

A clock starts when a state with a legal entry in the pack first wants to deploy forces abroad in answer to an
attack (not when an alliance invokes: the US War Powers Resolution §8(a) infers no authority from a treaty). Where
approval must come first (Germany's Bundestag, the ROK's National Assembly, Japan's Diet) the forces wait for the
vote — unless the law allows an emergency deployment first and a vote at once afterwards (Germany's Gefahr im
Verzug, ParlBG §5; Japan's 'particular urgency'). Where the executive may act (the United States, France, the
United Kingdom by convention in an emergency) the forces go and the clock runs: a report to the legislature
(48 hours; 3 days), then an authorisation by day 60 (+30 to withdraw) or month 4. A refusal blocks, forces a
withdrawal, or binds the government politically; opinion never overrules it. Japan's forces may fight for an ally
only in a 'survival-threatening situation' (Legislation for Peace and Security, 2015).
"""

from __future__ import annotations

from .. import policy
from ..crisis_facts import LegalClock
from ..enums import ForceStatus, ResponseLevel, StateId
from ..events import EventKind, Reason
from ..geo import great_circle_km
from ..model import State
from ..relations import allied
from ..rng import uniform
from ..world import AttackState, LegalState
from .context import TurnContext, days_text

SURVIVAL_KM = 2500.0
"""Japan: an attack on an ally within this distance of Tokyo may be a survival-threatening situation (assumption:
it takes in the seas around Japan and Taiwan, as the Prime Minister's Diet answer of 7 Nov 2025 suggested)."""


def permission(ctx: TurnContext, st: State, att: AttackState, reasons: list[Reason]) -> bool | None:
    """Whether ``st``'s law lets it deploy forces abroad for ``att`` now (None: the pack has no clock for it, so the
    generic rule applies). Starts the clock (and asks for a vote) the first time; adds its reasons."""
    clock = ctx.scenario.crisis.legal.get(st.id)
    if clock is None:
        return None
    key = f"{st.id}:{att.id}"
    ls = ctx.world.crisis.legal.get(key)
    if ls is None:
        if clock.collective_test == "survival_threatening" and not _survival_threatening(ctx, st, att, reasons):
            return False
        ls = _start(ctx, st, clock, att)
    ok = ls.status in ("running", "approved")
    reasons.append(
        Reason("law", f"{clock.approves}: {ls.reason}", ok, citation=clock.source, facts={"status": ls.status})
    )
    return ok


def _survival_threatening(ctx: TurnContext, st: State, att: AttackState, reasons: list[Reason]) -> bool:
    loc = ctx.scenario.locations[att.spec.location]
    km = great_circle_km(st.lat, st.lon, loc.lat, loc.lon)
    ally = att.spec.victim == st.id or bool(allied(ctx.scenario, st.id, att.spec.victim, ctx.day))
    ok = ally and km <= SURVIVAL_KM
    reasons.append(
        Reason(
            "survival-threatening situation",
            f"an armed attack on {'an ally' if ally else 'a state that is not an ally'} {km:,.0f} km away "
            + (
                "threatens Japan's survival: force may be used (the three new conditions)"
                if ok
                else "is not a survival-threatening situation: no use of force for others"
            ),
            ok,
            citation="Cabinet decision 1 Jul 2014; Legislation for Peace and Security 2015 (in force 29 Mar 2016)",
            facts={"km": round(km), "ally": ally},
        )
    )
    return ok


def _turn_after(ctx: TurnContext, days: float | None) -> int | None:
    return None if days is None else ctx.turn + max(1, ctx.turns_for(days))


def _start(ctx: TurnContext, st: State, clock: LegalClock, att: AttackState) -> LegalState:
    """Start the clock: wait for a prior vote, or deploy now and let the report and the clock run."""
    emergency = clock.emergency and att.gravity.value >= 3 and att.spec.victim != st.id
    vote = _turn_after(ctx, clock.vote_days)
    if clock.prior and not emergency:
        ls = LegalState(
            st.id, att.id, "awaiting", ctx.turn, vote_turn=vote, reason=f"approval first; vote on turn {vote}"
        )
    else:
        after = (
            "emergency: deploys first, approval sought at once"
            if (clock.prior and emergency)
            else "the executive may act"
        )
        ls = LegalState(
            st.id,
            att.id,
            "running",
            ctx.turn,
            vote_turn=vote if clock.prior else None,
            report_turn=_turn_after(ctx, clock.report_days),
            clock_turn=_turn_after(ctx, clock.clock_days),
            reason=after
            + (f"; report due turn {_turn_after(ctx, clock.report_days)}" if clock.report_days is not None else "")
            + (
                f"; authorisation needed by turn {_turn_after(ctx, clock.clock_days)}"
                if clock.clock_days is not None
                else ""
            ),
        )
    ctx.world.crisis.legal[f"{st.id}:{att.id}"] = ls
    ctx.log.add(
        EventKind.LEGAL,
        st.id,
        f"{st.name}: legal clock for forces abroad over {att.id} — {ls.reason}",
        reasons=[Reason("law", f"{clock.approves}", citation=clock.source)],
        data={"state": st.id, "attack": att.id, "status": ls.status, "vote_turn": ls.vote_turn},
    )
    return ls


def run(ctx: TurnContext) -> None:
    """Phase 8a: reports to legislatures fall due, votes are held, clocks run out, refusals take effect."""
    for key in sorted(ctx.world.crisis.legal):
        ls = ctx.world.crisis.legal[key]
        clock = ctx.scenario.crisis.legal.get(ls.state)
        if clock is None or ls.status in ("refused", "withdrawn"):
            continue
        st = ctx.scenario.states[ls.state]
        if ls.report_turn is not None and ls.report_turn <= ctx.turn:
            ls.report_turn = None
            ctx.log.add(
                EventKind.LEGAL,
                st.id,
                f"{st.name} reports the deployment over {ls.attack} to {clock.approves.split(' (')[0]}",
                reasons=[Reason("report", f"due within {days_text(clock.report_days or 0)}", citation=clock.source)],
                data={"state": st.id, "attack": ls.attack, "report": True},
            )
            if ls.vote_turn is None and clock.clock_days is not None:
                ls.vote_turn = _turn_after(ctx, clock.vote_days)
        if ls.vote_turn is not None and ls.vote_turn <= ctx.turn and ls.status in ("awaiting", "running"):
            _vote(ctx, st, clock, ls)
        if ls.clock_turn is not None and ls.clock_turn <= ctx.turn and ls.status == "running":
            ls.status = "expired"
            ls.clock_turn = _turn_after(ctx, clock.grace_days) if clock.grace_days else ctx.turn
            ctx.log.add(
                EventKind.LEGAL,
                st.id,
                f"{st.name}: the legal clock over {ls.attack} has run out without authorisation"
                + (f"; forces must leave by turn {ls.clock_turn}" if clock.grace_days else ""),
                reasons=[Reason("law", clock.approves, False, citation=clock.source)],
                data={"state": st.id, "attack": ls.attack, "status": ls.status},
            )
        if ls.status == "expired" and ls.clock_turn is not None and ls.clock_turn <= ctx.turn:
            recall(ctx, st.id, ls, f"the legal clock ran out ({clock.source})")


def _vote(ctx: TurnContext, st: State, clock: LegalClock, ls: LegalState) -> None:
    rules = ctx.scenario.rules
    nation = ctx.world.nations[st.id]
    sup = policy.effective_support(st, nation, rules.autocracy_weight)
    p = policy.approval_probability(st, sup, rules)
    d = uniform(ctx.seed, f"legal vote on {st.id}:{ls.attack}", "legal vote", ctx.turn, st.id, ls.attack)
    ok = d.value < p
    ls.vote_turn = None
    was_running = ls.status == "running"
    ls.status = "approved" if ok else "refused"
    ls.reason = f"{clock.approves} {'approved' if ok else 'refused'} on turn {ctx.turn}"
    effect = ""
    if not ok:
        effect = {
            "block": "no forces may go",
            "withdraw": "forces sent must come back",
            "political": "the government is bound politically and does not act",
            "none": "no legal effect",
        }[clock.refusal]
        if clock.refusal == "none":
            ls.status = "running"
            ls.reason += ": no legal effect, the clock runs on"
    ctx.log.add(
        EventKind.LEGAL,
        st.id,
        f"{st.name}: {clock.approves.split(' (')[0]} {'approves' if ok else 'refuses'} the deployment over {ls.attack}"
        + (f" — {effect}" if effect else ""),
        reasons=[
            Reason("vote", f"support {sup:.0f} gives a {p:.0%} chance of approval", ok, facts={"p": round(p, 4)}),
            Reason("law", f"refusal: {clock.refusal}", citation=clock.source),
        ],
        draws=[d],
        data={"state": st.id, "attack": ls.attack, "approved": ok},
    )
    if not ok and clock.refusal != "none" and (was_running or clock.refusal in ("withdraw", "political")):
        recall(ctx, st.id, ls, ls.reason)


def recall(ctx: TurnContext, sid: StateId, ls: LegalState, why: str) -> None:
    """Bring home the forces ``sid`` sent over the attack (a refusal or an expired clock)."""
    ls.status = "withdrawn" if ls.status != "refused" else "refused"
    nation = ctx.world.nations[sid]
    back: list[str] = []
    for fd in ctx.scenario.forces_by_owner.get(sid, ()):
        fs = ctx.world.forces[fd.id]
        if fs.mission != ls.attack or fs.status is ForceStatus.DESTROYED:
            continue
        fs.mission = ""
        fs.engage = False
        if fs.location != fd.home:
            fs.destination = fd.home
            if fs.status is ForceStatus.DEPLOYED:
                fs.status = ForceStatus.READY
        else:
            fs.destination = None
        back.append(fd.id)
    if nation.responses.get(ls.attack, ResponseLevel.NONE).rank > ResponseLevel.SANCTIONS.rank:
        nation.responses[ls.attack] = ResponseLevel.SANCTIONS
    ctx.log.add(
        EventKind.LEGAL,
        sid,
        f"{ctx.name(sid)} recalls its forces sent over {ls.attack}" + (f" ({', '.join(back)})" if back else ""),
        reasons=[Reason("law", why, False)],
        data={"state": sid, "attack": ls.attack, "forces": back, "recalled": True},
    )


__all__ = ["SURVIVAL_KM", "permission", "recall", "run"]
