"""Necessity, proportionality and anticipation (issue 10, item 9).

Every use of force in self-defence is judged against the attack it answers: was that an armed attack by the
state now struck (ICJ Oil Platforms §51), did the response come in time (Nicaragua §237), had the Security Council
not yet taken measures (UN Charter Art 51, "until"), and was it proportionate (Oil Platforms §77; Armed
Activities §147)? An anticipatory claim is judged by the Caroline test (Webster to Fox, 24 Apr 1841): an attack
expected within days and named with confidence, or the claim is preventive. Every such use of force must be
reported to the Council (Art 51); the report task is checked by the Council phase. A failed check costs the
state standing abroad — foreign opinion, votes in the Council, allies' willingness — and a claim is contested by
the state struck and by the permanent members that do not stand with the claimant; it is never accepted silently.
"""

from __future__ import annotations

from ..enums import Gravity, Intent, RelationKind, StateId
from ..events import EventKind, Reason
from ..model import AttackSpec
from ..world import Art51Report, AttackState, Gate, Judgement, Term
from .context import TurnContext, days_text


def on_attack(ctx: TurnContext, att: AttackState) -> None:
    """A new attack: a reckless one costs its author standing; one claimed as self-defence is judged."""
    rules = ctx.scenario.rules
    spec = att.spec
    if spec.intent is Intent.RECKLESS and spec.attacker in ctx.scenario.states:
        lose_standing(ctx, spec.attacker, rules.legitimacy_reckless, f"reckless attack {att.id}", "crisis-sources §3.4")
    if spec.response_to or spec.anticipatory:
        judge_response(ctx, att)


def lose_standing(ctx: TurnContext, sid: StateId, points: float, label: str, source: str) -> None:
    """``sid`` loses ``points`` of standing abroad (a term of its standing, shown in its breakdown)."""
    ctx.world.crisis.standing.setdefault(sid, []).append(Term(f"{label} (turn {ctx.turn})", -points, source))


def report_task(ctx: TurnContext, sid: StateId, answers: str, action: str) -> None:
    """A use of force in self-defence: a report to the Security Council falls due (UN Charter Art 51)."""
    crisis = ctx.world.crisis
    if any(r.state == sid and r.attack == answers for r in crisis.reports):
        return
    due = ctx.turn + ctx.turns_for(ctx.scenario.rules.art51_report_days)
    crisis.reports.append(Art51Report(sid, answers, action, ctx.turn, due))


def _scale(spec: AttackSpec) -> dict[str, float]:
    """The scale of a use of force, dimension by dimension (people harmed, platforms, damage, weapons)."""
    return {
        "people harmed": float(spec.casualties + spec.injured),
        "platforms": float(spec.platforms),
        "damage (US$ m)": spec.damage_musd,
        "weapons": float(spec.weapons),
    }


def judge_response(ctx: TurnContext, att: AttackState) -> Judgement:
    """Judge ``att`` (a use of force claimed as self-defence) against the attack it answers."""
    rules = ctx.scenario.rules
    spec = att.spec
    claimant, target = spec.attacker, spec.victim
    answered = ctx.world.attacks.get(spec.response_to) if spec.response_to else None
    basis = (
        "anticipatory"
        if spec.anticipatory
        else ("individual" if answered and answered.spec.victim == claimant else "collective")
    )
    checks: list[Gate] = []
    if spec.anticipatory:
        checks.append(_caroline(ctx, att, answered))
    if answered is not None:
        checks += _against(ctx, att, answered)
    elif not spec.anticipatory:
        checks.append(Gate("armed attack", False, "no attack is named that this force answers", {}))
    passed = all(g.passed for g in checks)
    j = Judgement(claimant, att.id, answered.id if answered else "", basis, ctx.turn, checks, passed)
    j.contested_by = _contesting(ctx, claimant, target, passed, spec.anticipatory)
    ctx.world.crisis.judgements.append(j)
    failed = [g for g in checks if not g.passed]
    for g in failed:
        lose_standing(ctx, claimant, rules.legitimacy_failure, f"{g.name} failed for {att.id}", "crisis-sources §8.2")
    report_task(ctx, claimant, answered.id if answered else att.id, att.id)
    what = {"anticipatory": "an anticipatory", "individual": "individual", "collective": "collective"}[basis]
    ctx.log.add(
        EventKind.JUDGEMENT,
        att.id,
        f"{ctx.name(claimant)}'s claim of {what} self-defence for {att.id}: "
        + ("the checks hold" if passed else f"fails ({', '.join(g.name for g in failed)})")
        + (f"; contested by {', '.join(ctx.name(s) for s in j.contested_by)}" if j.contested_by else ""),
        reasons=[Reason(g.name, g.detail, g.passed, facts=g.facts) for g in checks]
        + (
            [Reason("standing", f"{len(failed)} failed check(s): −{rules.legitimacy_failure:g} standing abroad each")]
            if failed
            else []
        ),
        data={"state": claimant, "attack": att.id, "answers": j.answers, "basis": basis, "passed": passed},
    )
    return j


def _caroline(ctx: TurnContext, att: AttackState, threat: AttackState | None) -> Gate:
    rules = ctx.scenario.rules
    days = att.spec.imminent_days
    named = threat is not None and threat.attribution >= rules.attribution_threshold
    imminent = 0 < days <= rules.imminence_days
    ok = named and imminent
    if ok:
        detail = (
            f"an attack expected within {days_text(days)} (≤ {rules.imminence_days:g}) and named with confidence: the "
            "necessity was 'instant, overwhelming' (Caroline, 1841-42); still contested"
        )
    else:
        why = []
        if not imminent:
            why.append("no attack was expected within days" if not days else f"the attack was {days:g} days away")
        if not named:
            why.append("no imminent attack was shown with confidence")
        detail = (
            f"{'; '.join(why)}: a preventive claim, not anticipatory self-defence (Caroline, 1841-42; High-level Panel "
            "A/59/565 §§188-192; SC res 487 (1981) on Osirak)"
        )
    return Gate("imminence", ok, detail, {"imminent_days": days, "threshold_days": rules.imminence_days})


def _against(ctx: TurnContext, att: AttackState, answered: AttackState) -> list[Gate]:
    """Armed attack, timing, alternatives and proportionality of ``att`` against the attack it answers."""
    rules = ctx.scenario.rules
    spec = att.spec
    out: list[Gate] = []
    by_target = answered.attacker == spec.victim
    grave = answered.gravity >= Gravity.ARMED_ATTACK
    named = answered.attribution >= rules.attribution_threshold
    out.append(
        Gate(
            "armed attack",
            grave and named and by_target,
            f"{answered.id} was {answered.gravity.name.lower().replace('_', ' ')}, attributed to "
            f"{ctx.name(answered.attacker)} at {answered.attribution:.2f}"
            + ("" if by_target else f", not to {ctx.name(spec.victim)}, the state now struck")
            + ("" if grave else ": not an armed attack (ICJ Nicaragua §§191, 211)")
            + ("" if named else ": not shown to be its author (ICJ Oil Platforms §§51, 57)"),
            {"gravity": answered.gravity.name, "attribution": answered.attribution},
        )
    )
    delay = ctx.scenario.days_between(answered.turn, ctx.turn)
    out.append(
        Gate(
            "necessity: timing",
            delay <= rules.necessity_max_delay_days,
            f"{days_text(delay)} after {answered.id} (at most {rules.necessity_max_delay_days:g}; ICJ Nicaragua §237)",
            {"days": delay},
        )
    )
    measures = [
        c.id
        for c in ctx.world.crisis.council.values()
        if c.attack == answered.id and c.status == "adopted" and c.kind in ("authorise", "ceasefire")
    ]
    out.append(
        Gate(
            "necessity: alternatives",
            not measures,
            "the Security Council has taken measures on it (" + ", ".join(measures) + "): the Art 51 basis has ended"
            if measures
            else "the Security Council has taken no measures on it yet (UN Charter Art 51, 'until')",
            {"council": measures},
        )
    )
    mine, theirs = _scale(spec), _scale(answered.spec)
    if answered.composite_of:
        for aid in answered.composite_of:
            for k, v in _scale(ctx.world.attacks[aid].spec).items():
                theirs[k] += v
    over = [k for k in mine if mine[k] > rules.proportionality_ratio * max(theirs[k], 1.0)]
    out.append(
        Gate(
            "proportionality",
            not over,
            (
                f"{', '.join(f'{k} {mine[k]:g} against {theirs[k]:g}' for k in over)}: more than "
                f"{rules.proportionality_ratio:g} times the attack answered (ICJ Oil Platforms §77; Armed Activities §147)"
            )
            if over
            else f"within {rules.proportionality_ratio:g} times the scale of the attack answered",
            {"response": mine, "attack": theirs},
        )
    )
    return out


def _contesting(
    ctx: TurnContext, claimant: StateId, target: StateId, passed: bool, anticipatory: bool
) -> list[StateId]:
    """Who contests the claim: the state struck, and (for a failed or anticipatory claim) the permanent members
    that neither protect nor partner the claimant."""
    out = [target] if target in ctx.scenario.states and not ctx.scenario.states[target].non_state else []
    if passed and not anticipatory:
        return out
    crisis = ctx.scenario.crisis
    for p5 in crisis.council.permanent:
        if p5 in (claimant, target) or p5 not in ctx.scenario.states:
            continue
        rel = crisis.relation(p5, claimant)
        if rel is None or rel.kind is RelationKind.RIVAL:
            out.append(p5)
    return out


def on_force(ctx: TurnContext, sid: StateId, att: AttackState, action: str, basis: str) -> None:
    """A state uses force in self-defence against ``att`` (the victim defending itself, or a guarantor sending
    forces to fight): a report task, and for collective self-defence a judgement of the armed-attack and timing
    checks (a third state may answer only an armed attack, at the victim's request: Nicaragua §§195, 199, 211)."""
    report_task(ctx, sid, att.id, action)
    if basis != "collective":
        return
    if any(j.state == sid and j.answers == att.id for j in ctx.world.crisis.judgements):
        return
    rules = ctx.scenario.rules
    delay = ctx.scenario.days_between(att.turn, ctx.turn)
    checks = [
        Gate(
            "armed attack",
            att.gravity >= Gravity.ARMED_ATTACK and att.attribution >= rules.attribution_threshold,
            f"{att.id} is {att.gravity.name.lower().replace('_', ' ')}, attributed at {att.attribution:.2f}",
            {"gravity": att.gravity.name},
        ),
        Gate(
            "request",
            bool(att.assistance),
            f"{ctx.name(att.spec.victim)} "
            + ("asked for help" if att.assistance else "has not asked for help (ICJ Nicaragua §199)"),
            {"requests": sorted(att.assistance)},
        ),
        Gate(
            "necessity: timing",
            delay <= rules.necessity_max_delay_days or not att.ended,
            f"{days_text(delay)} after {att.id}, which " + ("continues" if not att.ended else "has ended"),
            {"days": delay},
        ),
    ]
    passed = all(g.passed for g in checks)
    ctx.world.crisis.judgements.append(Judgement(sid, action, att.id, basis, ctx.turn, checks, passed))
    for g in checks:
        if not g.passed:
            lose_standing(ctx, sid, rules.legitimacy_failure, f"{g.name} failed for {action}", "crisis-sources §8.2")
    if not passed:
        ctx.log.add(
            EventKind.JUDGEMENT,
            sid,
            f"{ctx.name(sid)}'s use of force for {att.id} fails the checks of collective self-defence",
            reasons=[Reason(g.name, g.detail, g.passed) for g in checks],
            data={"state": sid, "attack": att.id, "basis": basis, "passed": False},
        )
