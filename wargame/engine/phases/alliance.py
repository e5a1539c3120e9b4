"""Phase 4, alliance decisions: a treaty's decision rule turns a TRIGGERED verdict into a collective outcome.

Individual and victim-invokes articles are INVOKED at once (each party then decides for itself); consensus
and two-thirds articles collect each voter's stance — a seat's, the victim's support, a human seat's silence,
or the default policy's — and settle INVOKED, BLOCKED or PENDING. A standing white-cell ruling replaces the
outcome.
"""

from __future__ import annotations

import math

from .. import policy
from ..commands import Action
from ..enums import DecisionRule, Gravity, Outcome, OverrideTarget, Stance, StateId, VerdictCode
from ..events import EventKind, Reason
from ..model import Article, Treaty
from ..world import AttackState, Collective, VerdictKey
from .context import TurnContext

StanceCommands = dict[VerdictKey, dict[StateId, tuple[Stance, str]]]
"""Seats' stances this turn: verdict key → state → (stance, seat)."""


def run(ctx: TurnContext) -> None:
    stance_cmds = _stance_commands(ctx)
    w = ctx.world
    for key, vd in sorted(w.verdicts.items()):
        att = w.attacks[vd.attack]
        if vd.code is VerdictCode.ATTRIBUTION_PENDING and _conditional(ctx, key, att):
            treaty = ctx.scenario.treaty(vd.treaty)
            _vote(ctx, key, treaty, treaty.article(vd.article), att, stance_cmds.get(key, {}), conditional=True)
            continue
        if vd.code is not VerdictCode.TRIGGERED:
            continue
        treaty = ctx.scenario.treaty(vd.treaty)
        art = treaty.article(vd.article)
        if art.decision_rule in (DecisionRule.INDIVIDUAL, DecisionRule.VICTIM_INVOKES):
            _invoke_individually(ctx, key, treaty, art, att)
        else:
            _vote(ctx, key, treaty, art, att, stance_cmds.get(key, {}))


def _conditional(ctx: TurnContext, key: VerdictKey, att: AttackState) -> bool:
    """A council may invoke on condition that the attack proves to come from abroad, before its author is named,
    when the attack put the victim in a state of war and the victim asked or consented (NATO, 12 Sep 2001)."""
    vd = ctx.world.verdicts[key]
    if vd.decision_rule is not DecisionRule.CONSENSUS or att.gravity < Gravity.STATE_OF_WAR:
        return False
    return f"{key.treaty}:{key.article}" in att.assistance


def _stance_commands(ctx: TurnContext) -> StanceCommands:
    out: StanceCommands = {}
    for cmd in ctx.decisions(Action.STANCE):
        p = cmd.payload
        key = VerdictKey(str(p.get("treaty")), str(p.get("article")), str(p.get("attack")))
        try:
            stance = Stance(p.get("stance"))
        except ValueError:
            ctx.reject(cmd, f"unknown stance {p.get('stance')!r} (support, object, abstain)")
            continue
        if key not in ctx.world.verdicts:
            ctx.reject(cmd, f"no verdict {key}")
            continue
        out.setdefault(key, {})[str(p.get("state"))] = (stance, cmd.seat)
    return out


def _invoke_individually(ctx: TurnContext, key: VerdictKey, treaty: Treaty, art: Article, att: AttackState) -> None:
    """The victim invokes (or each party decides for itself) once the decision days have passed (TEU 42(7):
    France announced on 16 Nov 2015 and invoked at the Council of 17 Nov)."""
    col = ctx.world.collectives.get(key)
    if col is not None and col.outcome is Outcome.INVOKED:
        return
    rule = art.decision_rule
    if col is None:
        col = Collective(key, Outcome.PENDING, ctx.turn, {}, "", opened_turn=ctx.turn)
        ctx.world.collectives[key] = col
    elapsed = ctx.scenario.days_between(col.opened_turn if col.opened_turn is not None else col.since_turn, ctx.turn)
    if elapsed < art.decision_days:
        if col.reason:
            return
        col.reason = f"the invocation takes {art.decision_days:g} day(s)"
        ctx.log.add(
            EventKind.COLLECTIVE,
            str(key),
            f"{art.citation or treaty.name + ' Art ' + art.id}: PENDING for {att.id}",
            reasons=[Reason("decision rule", col.reason, citation=art.citation)],
            data={"outcome": Outcome.PENDING.value, "rule": rule.value},
        )
        return
    why = (
        "the victim invokes; each party decides bilaterally what to give"
        if rule is DecisionRule.VICTIM_INVOKES
        else "each party decides individually under its constitutional processes"
    )
    col.outcome, col.since_turn, col.reason = Outcome.INVOKED, ctx.turn, why
    ctx.log.add(
        EventKind.COLLECTIVE,
        str(key),
        f"{art.citation or treaty.name + ' Art ' + art.id}: INVOKED for {att.id}",
        reasons=[Reason("decision rule", why, citation=art.citation)],
        data={"outcome": Outcome.INVOKED.value, "rule": rule.value},
    )


def _vote(
    ctx: TurnContext,
    key: VerdictKey,
    treaty: Treaty,
    art: Article,
    att: AttackState,
    seats: dict[StateId, tuple[Stance, str]],
    *,
    conditional: bool = False,
) -> None:
    rule = art.decision_rule
    col = ctx.world.collectives.get(key)
    new_col = col is None
    if col is None:
        col = Collective(key, Outcome.PENDING, ctx.turn, {}, "", opened_turn=ctx.turn)
        ctx.world.collectives[key] = col
    voters = [p for p in treaty.parties_on(ctx.scenario.date_of(att.turn)) if p not in (att.attacker,)]
    if rule is DecisionRule.TWO_THIRDS:
        voters = [p for p in voters if p != att.spec.victim]
    for sid in voters:
        _stance(ctx, key, col, sid, treaty, att, seats.get(sid))
    outcome, why = settle(ctx, rule, art.decision_days, col, voters, att)
    if conditional and outcome is Outcome.INVOKED:
        why = (
            f"{why}; on condition that the attack is determined to have been directed from abroad (its author is "
            "not yet named)"
        )
    confirmed = not conditional and col.outcome is Outcome.INVOKED and "on condition" in col.reason
    if confirmed:
        why = f"{why}; confirmed now that the attack's author is named"
    ov = ctx.standing(OverrideTarget.COLLECTIVE, str(key))
    if ov is not None:
        outcome, why = Outcome(ov.value), f"white cell ruled {ov.value} ({why}): {ov.rationale}"
    if outcome is not col.outcome or new_col or confirmed:
        changed = outcome is not col.outcome
        col.outcome = outcome
        col.reason = why
        if changed:
            col.since_turn = ctx.turn
        stances = {s: st.value for s, st in col.stances.items()}
        ctx.log.add(
            EventKind.COLLECTIVE,
            str(key),
            f"{art.citation or treaty.name + ' Art ' + art.id}: {outcome.value} for {att.id}"
            + (
                " (confirmed)"
                if confirmed
                else " (conditionally)"
                if conditional and outcome is Outcome.INVOKED
                else ""
            ),
            reasons=[Reason("decision rule", why, citation=art.citation, facts={"stances": stances})],
            data={"outcome": outcome.value, "rule": rule.value, "conditional": conditional, "confirmed": confirmed},
        )


def _stance(
    ctx: TurnContext,
    key: VerdictKey,
    col: Collective,
    sid: StateId,
    treaty: Treaty,
    att: AttackState,
    seat_stance: tuple[Stance, str] | None,
) -> None:
    """One voter's stance: a seat's this turn, else the one it has, else the victim's support, a human seat's
    silence, or the default policy's."""
    if seat_stance is not None:
        stance, seat = seat_stance
        if col.stances.get(sid) is not stance:
            col.stances[sid] = stance
            ctx.log.add(
                EventKind.STANCE,
                sid,
                f"{ctx.name(sid)}: {stance.value} on {key}",
                reasons=[Reason("seat", f"decided by seat {seat}")],
                data={"state": sid, "key": str(key), "stance": stance.value},
            )
        return
    if sid in col.stances:
        return
    if sid == att.spec.victim:
        col.stances[sid] = Stance.SUPPORT
        return
    if sid in ctx.controlled:
        col.stances.setdefault(sid, Stance.UNDECIDED)
        return
    stance, reasons = policy.stance_on(ctx.scenario, ctx.world, sid, att, treaty.id)
    col.stances[sid] = stance
    ctx.log.add(
        EventKind.STANCE,
        sid,
        f"{ctx.name(sid)}: {stance.value} on invoking {treaty.name} for {att.id}",
        reasons=reasons,
        data={"state": sid, "key": str(key), "stance": stance.value},
    )


def settle(
    ctx: TurnContext, rule: DecisionRule, days: float, col: Collective, voters: list[StateId], att: AttackState
) -> tuple[Outcome, str]:
    """The decision rule's outcome from the stances so far, and why."""
    objectors = sorted(s for s, v in col.stances.items() if v is Stance.OBJECT and s in voters)
    opened = col.opened_turn if col.opened_turn is not None else col.since_turn
    elapsed = ctx.scenario.days_between(opened, ctx.turn)
    if rule is DecisionRule.CONSENSUS:
        if objectors:
            return Outcome.BLOCKED, f"consensus broken: {', '.join(objectors)} object(s)"
        if elapsed >= days:
            silent = sorted(s for s, v in col.stances.items() if v is Stance.UNDECIDED and s in voters)
            extra = f"; silence from {', '.join(silent)} counts as assent (silence procedure)" if silent else ""
            return Outcome.INVOKED, f"consensus: no party objects among {len(voters)}{extra}"
        return Outcome.PENDING, f"the council deliberates ({days:.0f} day(s) needed)"
    # two-thirds, disputants excluded
    yes = sum(1 for s in voters if col.stances.get(s) is Stance.SUPPORT)
    undecided = sum(1 for s in voters if col.stances.get(s, Stance.UNDECIDED) is Stance.UNDECIDED)
    needed = math.ceil(len(voters) * 2 / 3)
    excluded = [att.spec.victim, att.attacker]
    tally = f"{yes} of {len(voters)} eligible in favour, {needed} needed (disputants {', '.join(excluded)} excluded)"
    if yes >= needed and elapsed >= days:
        return Outcome.INVOKED, "two-thirds reached: " + tally
    if yes + undecided < needed:
        return Outcome.BLOCKED, "two-thirds cannot be reached: " + tally
    return Outcome.PENDING, "the Organ of Consultation deliberates: " + tally
