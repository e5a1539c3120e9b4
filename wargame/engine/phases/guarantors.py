"""Phase 5, a guarantor's response (the default policy): what a party owing assistance under a TRIGGERED
article does once the collective outcome is settled.

It takes the strongest response its doctrine wants under any triggered article (only mobilising when the
alliance is blocked), then the constraints decide: a democracy far below its support threshold declines;
an exhausted budget delays; a deployment needs the legislature's consent (or support above the threshold),
free forces and money for the deployment, else the state only mobilises.
"""

from __future__ import annotations

from typing import NamedTuple

from .. import orders, policy
from ..enums import Doctrine, Government, Obligation, Outcome, ResponseLevel, Stance, StateId
from ..events import EventKind, Reason
from ..model import CHARTER_ID, State
from ..relations import friends, stance_towards
from ..rng import uniform
from ..world import AttackState, NationState, Verdict, VerdictKey
from . import legal, necessity
from .approvals import ask_supplemental
from .context import TurnContext
from .movement import mobilise


class Commitment(NamedTuple):
    """The response a guarantor wants under one triggered article, and why."""

    level: ResponseLevel
    why: str
    verdict: Verdict
    outcome: Outcome


def respond(ctx: TurnContext, sid: StateId, att: AttackState, triggered: list[VerdictKey]) -> None:
    """``sid``'s response to ``att`` as a guarantor under the ``triggered`` articles (if it is one)."""
    st = ctx.scenario.states[sid]
    nation = ctx.world.nations[sid]
    rules = ctx.scenario.rules
    best = _strongest_commitment(ctx, st, nation, triggered)
    if best is None:
        return
    current = nation.responses.get(att.id, ResponseLevel.NONE)
    if current is ResponseLevel.DECLINED or best.level.rank <= current.rank:
        return
    level, v = best.level, best.verdict
    reasons = [
        Reason(
            "commitment",
            f"{v.citation}: TRIGGERED, collective outcome {best.outcome.value}",
            citation=v.citation,
            facts={"obligation": v.obligation.value},
        ),
        Reason("doctrine", best.why, facts={"doctrine": st.doctrine.value}),
    ]
    shift = rules.support_shift(ctx.difficulty)
    sup = policy.effective_support(st, nation, rules.autocracy_weight) + shift
    if shift:
        reasons.append(Reason("difficulty", f"difficulty {ctx.difficulty}: allies weigh support {shift:+.0f} points"))
    lost = ctx.world.crisis.standing_of(att.spec.victim)
    if lost < 0:
        sup += lost * rules.legitimacy_ally_factor
        reasons.append(
            Reason(
                "standing",
                f"{ctx.name(att.spec.victim)} has lost {-lost:g} points of standing abroad: allies are "
                f"{-lost * rules.legitimacy_ally_factor:g} points less willing",
                facts={"standing": lost},
            )
        )
    automatic = v.obligation is Obligation.AUTOMATIC_ALL_MEANS
    if (
        not automatic
        and st.government is not Government.AUTOCRACY
        and sup < st.support_threshold - rules.decline_margin
        and level.rank > ResponseLevel.STATEMENT.rank
    ):
        _decline(ctx, st, nation, att, sup, reasons)
        return
    if nation.exhausted and level.rank > ResponseLevel.SANCTIONS.rank:
        if current.rank < ResponseLevel.DELAYED.rank + 1 and current is not ResponseLevel.DELAYED:
            _delay(ctx, st, nation, att, reasons)
        return
    if level is ResponseLevel.DEPLOY:
        level = _deploy_constraints(ctx, st, nation, att, reasons)
        if level.rank <= current.rank:
            return
    _act(ctx, st, nation, att, level, reasons)


def _strongest_commitment(
    ctx: TurnContext, st: State, nation: NationState, triggered: list[VerdictKey]
) -> Commitment | None:
    """The strongest response the doctrine wants under an article whose collective outcome is settled, held to the
    state's stance on it (an objection means no help; an abstention, no forces), to the floor of an automatic
    clause (at least mobilisation), and, under UN Charter Art 51 without a treaty, to what a helper gives."""
    rules = ctx.scenario.rules
    best: Commitment | None = None
    for key in triggered:
        v = ctx.world.verdicts[key]
        helper = ""
        if st.id not in v.guarantors:
            if v.treaty != CHARTER_ID:
                continue
            helper = _helper(ctx, st, v)
            if not helper:
                continue
        col = ctx.world.collectives.get(key)
        if col is None or col.outcome is Outcome.PENDING:
            continue
        stance = col.stances.get(st.id)
        if stance is Stance.OBJECT:
            continue
        art = ctx.scenario.treaty(v.treaty).article(v.article)
        sup = policy.effective_support(st, nation, rules.autocracy_weight)
        level, why = policy.desired_level(st, art.obligation, sup, rules)
        if helper:
            level, why = _help_level(ctx, st, nation, v, helper)
        if col.outcome is Outcome.BLOCKED and level.rank > ResponseLevel.MOBILISE.rank:
            level = ResponseLevel.MOBILISE
            why += "; the alliance is blocked, so it acts alone and only mobilises"
        if stance is Stance.ABSTAIN and level.rank > ResponseLevel.SANCTIONS.rank:
            level = ResponseLevel.SANCTIONS
            why += "; it abstained on the invocation, so it sends no forces"
        if art.obligation is Obligation.AUTOMATIC_ALL_MEANS and level.rank < ResponseLevel.MOBILISE.rank:
            level = ResponseLevel.MOBILISE
            why += "; the clause is automatic ('immediately … by all means'): at least mobilisation"
        if best is None or level.rank > best.level.rank:
            best = Commitment(level, why, v, col.outcome)
    return best


def _helper(ctx: TurnContext, st: State, v: Verdict) -> str:
    """Why ``st`` would help the victim of a triggered Art 51 request with no treaty ('' if it would not): it
    protects, is allied with or partners the victim, and stands with neither side's attacker."""
    att = ctx.world.attacks[v.attack]
    if st.non_state or st.doctrine is Doctrine.AGGRESSOR or st.id in (att.spec.victim, att.attacker):
        return ""
    how, why = stance_towards(ctx.scenario, st.id, att.spec.victim, ctx.day)
    if how not in ("protector", "ally", "partner"):
        return ""
    if friends(ctx.scenario, st.id, att.attacker, ctx.day):
        return ""
    return how + ":" + why


def _help_level(ctx: TurnContext, st: State, nation: NationState, v: Verdict, helper: str) -> tuple[ResponseLevel, str]:
    """What a helper gives under Art 51 with no treaty: assistance without force (sanctions, arms), forces only if
    it protects the victim or the Security Council has acted on the attack (Kuwait 1990: res 661 affirmed the right;
    Ukraine 2022: arms, no troops)."""
    rules = ctx.scenario.rules
    how, why = helper.split(":", 1)
    sup = policy.effective_support(st, nation, rules.autocracy_weight)
    level, doctrine = policy.desired_level(st, Obligation.AS_DEEMS_NECESSARY, sup, rules)
    acted = any(
        c.attack == v.attack and c.status == "adopted" and c.kind in ("condemn", "withdraw", "affirm", "authorise")
        for c in ctx.world.crisis.council.values()
    )
    if how != "protector" and not acted and level.rank > ResponseLevel.SANCTIONS.rank:
        return (
            ResponseLevel.SANCTIONS,
            f"{why}: helps without force under Art 51 ({doctrine}; no Council resolution yet)",
        )
    return level, f"{why}: helps under Art 51 ({doctrine})"


def _decline(
    ctx: TurnContext, st: State, nation: NationState, att: AttackState, sup: float, reasons: list[Reason]
) -> None:
    rules = ctx.scenario.rules
    nation.responses[att.id] = ResponseLevel.DECLINED
    reasons.append(
        Reason(
            "opinion",
            f"support {sup:.0f} is far below the threshold {st.support_threshold:.0f} "
            f"(by more than {rules.decline_margin:g}): the government declines to commit forces and free-rides",
            False,
            facts={"support": round(sup, 2), "threshold": st.support_threshold},
        )
    )
    ctx.log.add(
        EventKind.DECISION,
        st.id,
        f"{st.name} declines to assist in {att.id} beyond statements",
        reasons=reasons,
        data={"state": st.id, "attack": att.id, "level": "declined"},
    )


def _delay(ctx: TurnContext, st: State, nation: NationState, att: AttackState, reasons: list[Reason]) -> None:
    nation.responses[att.id] = ResponseLevel.DELAYED
    reasons.append(
        Reason(
            "budget",
            "operations budget exhausted: hesitates until a supplemental passes",
            False,
            facts={"budget_musd": round(nation.budget_musd, 2)},
        )
    )
    ctx.log.add(
        EventKind.DECISION,
        st.id,
        f"{st.name} delays its response to {att.id} (budget exhausted)",
        reasons=reasons,
        data={"state": st.id, "attack": att.id, "level": "delayed"},
    )
    ask_supplemental(ctx, st.id, [Reason("budget", f"to fund a response to {att.id}")])


def _act(
    ctx: TurnContext, st: State, nation: NationState, att: AttackState, level: ResponseLevel, reasons: list[Reason]
) -> None:
    """Record the response; a deployment sends the best-placed free forces, a mobilisation readies them."""
    rules = ctx.scenario.rules
    nation.responses[att.id] = level
    forces: list[str] = []
    if level in (ResponseLevel.DEPLOY, ResponseLevel.MOBILISE):
        deploy = level is ResponseLevel.DEPLOY
        count = policy.forces_count(st, rules) if deploy else max(1, policy.forces_count(st, rules))
        delay = _hesitation(ctx, st, att) if deploy else 0.0
        for fd, dest, _ in orders.pick(ctx, st.id, att.spec.location, count, mobilise_only=not deploy):
            if deploy:
                why = [Reason("deploy", f"sent to {ctx.loc_name(dest)} for {att.id}")]
                if orders.order(ctx, fd.id, dest, att.id, why, delay_days=delay):
                    continue
            else:
                mobilise(ctx, fd.id, [Reason("mobilise", f"readiness raised for {att.id}")])
            forces.append(fd.id)
        if deploy and forces:
            necessity.on_force(ctx, st.id, att, f"deploy:{att.id}", "collective")
    ctx.log.add(
        EventKind.DECISION,
        st.id,
        f"{st.name}: {level.value} in response to {att.id}" + (f" ({', '.join(forces)})" if forces else ""),
        reasons=reasons,
        data={"state": st.id, "attack": att.id, "level": level.value, "forces": forces},
    )


def _hesitation(ctx: TurnContext, st: State, att: AttackState) -> float:
    """Whole days a government hesitates before its forces move: a draw per game, state and attack, from 0 to the
    doctrine's most (Rules ``hesitation_days_*``)."""
    rules = ctx.scenario.rules
    most = rules.hesitation_days_reliable if st.doctrine is Doctrine.RELIABLE else rules.hesitation_days_cautious
    return float(int(uniform(ctx.seed, "hesitation", "hesitation", st.id, att.id).value * (most + 1)))


def _deploy_constraints(
    ctx: TurnContext, st: State, nation: NationState, att: AttackState, reasons: list[Reason]
) -> ResponseLevel:
    """Opinion, approval, forces and budget checks before deploying abroad; the level they allow."""
    rules = ctx.scenario.rules
    sup = policy.effective_support(st, nation, rules.autocracy_weight)
    key = f"deploy:{att.id}"
    lawful = legal.permission(ctx, st, att, reasons)
    if lawful is False:
        return ResponseLevel.MOBILISE
    needs_vote = lawful is None and (
        st.needs_prior_approval or (sup < st.support_threshold and st.legislative_lag_days > 0)
    )
    if key in nation.refused:
        reasons.append(
            Reason("approval", "the legislature refused the deployment; opinion does not overrule it", False)
        )
        return ResponseLevel.MOBILISE
    if needs_vote and key not in nation.approved:
        if key not in nation.approvals:
            _ask_approval(ctx, st, nation, att, key, sup)
        reasons.append(Reason("approval", "awaiting the legislature's vote: mobilises meanwhile", False))
        return ResponseLevel.MOBILISE
    if not needs_vote and lawful is None and sup < st.support_threshold:
        reasons.append(
            Reason(
                "opinion",
                f"support {sup:.0f} below threshold {st.support_threshold:.0f} and no vote to seek: does not deploy",
                False,
                facts={"support": round(sup, 2), "threshold": st.support_threshold},
            )
        )
        return ResponseLevel.MOBILISE
    candidates = [fd for fd, _, _ in orders.pick(ctx, st.id, att.spec.location, policy.forces_count(st, rules))]
    if not candidates:
        reasons.append(
            Reason(
                "forces",
                "no force it may send arrives in time (home defence, forward presence, an attacked theatre, "
                "the home reserve and the domains keep the others)",
                False,
            )
        )
        return ResponseLevel.SANCTIONS
    cost = policy.deployment_cost(candidates, rules.deployment_cost_days, rules.troop_day_usd)
    if nation.budget_musd < cost:
        reasons.append(
            Reason(
                "budget",
                f"operations budget ${nation.budget_musd:,.0f}m < ${cost:,.0f}m for {rules.deployment_cost_days:g} days deployed: "
                "mobilises and asks for a supplemental",
                False,
                facts={"budget_musd": round(nation.budget_musd, 2), "cost_musd": round(cost, 2)},
            )
        )
        ask_supplemental(ctx, st.id, [Reason("budget", f"to fund a deployment for {att.id}")])
        return ResponseLevel.MOBILISE
    reasons.append(
        Reason(
            "constraints",
            f"support {sup:.0f}, budget ${nation.budget_musd:,.0f}m ≥ ${cost:,.0f}m: deploys",
            True,
            facts={"support": round(sup, 2), "budget_musd": round(nation.budget_musd, 2)},
        )
    )
    return ResponseLevel.DEPLOY


def _ask_approval(ctx: TurnContext, st: State, nation: NationState, att: AttackState, key: str, sup: float) -> None:
    """The government asks its legislature to approve the deployment; the vote comes after its lag."""
    spread = ctx.scenario.rules.vote_lag_spread
    jitter = 1.0 + spread * (2 * uniform(ctx.seed, "vote timing", "vote timing", st.id, key).value - 1)
    nation.approvals[key] = ctx.turn + max(1, ctx.turns_for(st.legislative_lag_days * jitter))
    ctx.log.add(
        EventKind.APPROVAL,
        st.id,
        f"{st.name} asks its legislature to approve deploying forces for {att.id}; vote on turn {nation.approvals[key]}",
        reasons=[
            Reason(
                "constitution",
                "prior parliamentary consent required"
                if st.needs_prior_approval
                else f"support {sup:.0f} below threshold {st.support_threshold:.0f}: the government seeks a vote",
                facts={"lag_days": st.legislative_lag_days, "support": round(sup, 2)},
            )
        ],
        data={"state": st.id, "key": key, "vote_turn": nation.approvals[key]},
    )
