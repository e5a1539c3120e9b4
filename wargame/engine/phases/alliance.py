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
from ..enums import DecisionRule, Outcome, OverrideTarget, Stance, StateId, VerdictCode
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
        if vd.code is not VerdictCode.TRIGGERED:
            continue
        treaty = ctx.scenario.treaty(vd.treaty)
        art = treaty.article(vd.article)
        att = w.attacks[vd.attack]
        if art.decision_rule in (DecisionRule.INDIVIDUAL, DecisionRule.VICTIM_INVOKES):
            _invoke_individually(ctx, key, treaty, art, att)
        else:
            _vote(ctx, key, treaty, art, att, stance_cmds.get(key, {}))


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
    if key in ctx.world.collectives:
        return
    rule = art.decision_rule
    why = (
        "the victim invokes; each party decides bilaterally what to give"
        if rule is DecisionRule.VICTIM_INVOKES
        else "each party decides individually under its constitutional processes"
    )
    ctx.world.collectives[key] = Collective(key, Outcome.INVOKED, ctx.turn, {}, why)
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
) -> None:
    rule = art.decision_rule
    col = ctx.world.collectives.get(key)
    new_col = col is None
    if col is None:
        col = Collective(key, Outcome.PENDING, ctx.turn, {}, "")
        ctx.world.collectives[key] = col
    voters = [p for p in treaty.parties_on(ctx.scenario.date_of(att.turn)) if p not in (att.spec.attacker,)]
    if rule is DecisionRule.TWO_THIRDS:
        voters = [p for p in voters if p != att.spec.victim]
    for sid in voters:
        _stance(ctx, key, col, sid, treaty, att, seats.get(sid))
    outcome, why = settle(ctx, rule, art.decision_days, col, voters, att)
    ov = ctx.standing(OverrideTarget.COLLECTIVE, str(key))
    if ov is not None:
        outcome, why = Outcome(ov.value), f"white cell ruled {ov.value} ({why}): {ov.rationale}"
    if outcome is not col.outcome or new_col:
        changed = outcome is not col.outcome
        col.outcome = outcome
        col.reason = why
        if changed:
            col.since_turn = ctx.turn
        stances = {s: st.value for s, st in col.stances.items()}
        ctx.log.add(
            EventKind.COLLECTIVE,
            str(key),
            f"{art.citation or treaty.name + ' Art ' + art.id}: {outcome.value} for {att.id}",
            reasons=[Reason("decision rule", why, citation=art.citation, facts={"stances": stances})],
            data={"outcome": outcome.value, "rule": rule.value},
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
    elapsed = ctx.scenario.days_between(col.since_turn, ctx.turn)
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
    excluded = [att.spec.victim, att.spec.attacker]
    tally = f"{yes} of {len(voters)} eligible in favour, {needed} needed (disputants {', '.join(excluded)} excluded)"
    if yes >= needed and elapsed >= days:
        return Outcome.INVOKED, "two-thirds reached: " + tally
    if yes + undecided < needed:
        return Outcome.BLOCKED, "two-thirds cannot be reached: " + tally
    return Outcome.PENDING, "the Organ of Consultation deliberates: " + tally
