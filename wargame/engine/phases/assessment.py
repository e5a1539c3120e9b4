"""Phase 2, assessment: what is known about each attack, and what the victim and others ask for.

In order: the seats' steps (declare, request assistance, request consultations, write to the Council); evidence
and the white cell's rulings on attribution; each attack's working-attribution clock; incidents that form a
pattern judged as one composite attack; then the victim's default policy and exposed third parties
(:mod:`.requests`).
"""

from __future__ import annotations

import dataclasses

from .. import attribution as attr
from ..commands import Action, Command, CommandKind
from ..crisis_facts import UNKNOWN
from ..enums import ArticleKind, AttackKind, Gravity, Intent, OverrideTarget
from ..events import EventKind, Reason
from ..gravity import assess_gravity
from ..world import AttackState
from . import necessity, requests
from .context import TurnContext, days_text


def run(ctx: TurnContext) -> None:
    for cmd in ctx.decisions(Action.DECLARE, Action.REQUEST, Action.CONSULT, Action.NOTIFY, Action.CLAIM):
        _seat_step(ctx, cmd)
    _evidence(ctx)
    _rulings(ctx)
    for att in ctx.open_attacks():
        _attribution(ctx, att)
    _series(ctx)
    for att in ctx.open_attacks():
        if att.void or ctx.scenario.states[att.spec.victim].non_state:
            continue
        first = att.turn == ctx.turn
        if att.spec.victim in ctx.controlled:
            if first and att.spec.request:
                requests.victim_policy(ctx, att, explicit=att.spec.request_under)
        elif not (first and not att.spec.request):
            requests.victim_policy(ctx, att, explicit=att.spec.request_under if first else ())
        requests.exposed_parties(ctx, att)


# ------------------------------------------------------------------------------------------
# Seats' steps
# ------------------------------------------------------------------------------------------


def _seat_step(ctx: TurnContext, cmd: Command) -> None:
    p = cmd.payload
    att = ctx.world.attacks.get(str(p.get("attack")))
    state = str(p.get("state", ""))
    action = p["action"]
    why = f"decided by seat {cmd.seat}"
    if att is None:
        ctx.reject(cmd, f"no attack {p.get('attack')!r}")
        return
    if action == Action.NOTIFY.value:
        requests.notify_council(ctx, att, state, why)
        return
    if action == Action.CLAIM.value:
        _claim(ctx, cmd, att, state)
        return
    if action in (Action.DECLARE.value, Action.REQUEST.value) and state != att.spec.victim:
        ctx.reject(cmd, f"only the victim ({att.spec.victim}) can {action} for {att.id}")
        return
    if action == Action.DECLARE.value:
        requests.declare(ctx, att, why)
        return
    kind = ArticleKind.CONSULTATION if action == "consult" else ArticleKind.DEFENCE
    keys, problem = _keys(ctx, cmd, state, kind, att.spec.victim)
    if problem:
        ctx.reject(cmd, problem)
        return
    for key in keys:
        if action == Action.CONSULT.value:
            requests.request_consultations(ctx, att, state, key, why)
        else:
            requests.request_assistance(ctx, att, key, why)


def _claim(ctx: TurnContext, cmd: Command, att: AttackState, state: str) -> None:
    """A state claims anticipatory self-defence for an attack it made: recorded and judged (Caroline), never
    silently accepted."""
    p = cmd.payload
    if att.spec.attacker != state:
        ctx.reject(cmd, f"{state} did not make {att.id}: only its author can claim self-defence for it")
        return
    threat = str(p.get("threat", "") or "")
    if threat and threat not in ctx.world.attacks:
        ctx.reject(cmd, f"no threat {threat!r} (an attack id, e.g. a threat inject)")
        return
    try:
        days = float(p.get("imminent_days", 0) or 0)
    except (TypeError, ValueError):
        ctx.reject(cmd, f"imminent_days must be a number, not {p.get('imminent_days')!r}")
        return
    if days < 0:
        ctx.reject(cmd, f"imminent_days must be 0 or more, not {days:g}")
        return
    att.spec = dataclasses.replace(att.spec, anticipatory=True, imminent_days=days, response_to=threat)
    necessity.judge_response(ctx, att)


def _keys(ctx: TurnContext, cmd: Command, state: str, kind: ArticleKind, victim: str) -> tuple[list[str], str]:
    """The articles a request or consultation command names (all the state's articles of ``kind`` when it names
    none), or why it cannot be made."""
    p = cmd.payload
    treaty, article = str(p.get("treaty", "") or ""), str(p.get("article", "") or "")
    if not treaty:
        keys = (
            requests.consultation_articles(ctx, state, about=victim)
            if kind is ArticleKind.CONSULTATION
            else requests.defence_articles(ctx, state)
        )
        if not keys:
            return [], f"{state} is a party to no {kind.value} article in force"
        return keys, ""
    if kind is ArticleKind.DEFENCE and (treaty, article) == ("UN", "51"):
        return [requests.UN_51], ""
    try:
        tr = ctx.scenario.treaty(treaty)
    except KeyError:
        return [], f"no treaty {treaty!r}"
    arts = [a for a in tr.articles if a.kind is kind and (not article or a.id == article)]
    if not arts:
        return (
            [],
            f"{tr.name} has no {kind.value} article {article!r}"
            if article
            else f"{tr.name} has no {kind.value} article",
        )
    if kind is ArticleKind.CONSULTATION and not tr.is_party(state, ctx.day):
        return [], f"{state} is not a party to {tr.name}: it cannot ask for consultations under it"
    unconcerned = [a for a in arts if not a.about(victim)]
    if unconcerned:
        a = unconcerned[0]
        about = ", ".join(ctx.name(s) for s in a.concerns)
        return (
            [],
            f"{a.citation or tr.name} concerns {about} only: an attack on {ctx.name(victim)} raises no question under it",
        )
    return [f"{tr.id}:{a.id}" for a in arts], ""


# ------------------------------------------------------------------------------------------
# Attribution
# ------------------------------------------------------------------------------------------


def _evidence(ctx: TurnContext) -> None:
    """Evidence this turn: the MSEL's scheduled rows, then the facilitator's commands."""
    for ev in ctx.scenario.crisis.evidence:
        if ev.turn != ctx.turn:
            continue
        att = next((a for a in ctx.world.attacks.values() if a.serial == ev.inject), None)
        if att is None:
            ctx.log.add(
                EventKind.REJECTED,
                "evidence",
                f"Evidence refused: no attack from MSEL serial {ev.inject!r} yet",
                reasons=[Reason("check", f"serial {ev.inject} has not entered the game", False)],
            )
            continue
        apply_evidence(ctx, att, ev.candidate, ev.kind, ev.intent, ev.description or "MSEL evidence")
    for cmd in ctx.commands_of(CommandKind.EVIDENCE):
        p = cmd.payload
        att = ctx.world.attacks.get(str(p.get("attack")))
        kind = str(p.get("kind", ""))
        if att is None:
            ctx.reject(cmd, f"no attack {p.get('attack')!r}")
            continue
        if kind not in attr.EVIDENCE_KINDS:
            ctx.reject(cmd, f"unknown kind of evidence {kind!r} ({', '.join(attr.EVIDENCE_KINDS)})")
            continue
        intent = p.get("intent") or None
        try:
            found = Intent(intent) if intent else None
        except ValueError:
            ctx.reject(cmd, f"unknown intent {intent!r} (deliberate, reckless, accidental)")
            continue
        candidate = str(p.get("candidate", ""))
        if candidate not in ctx.scenario.states and candidate != UNKNOWN:
            ctx.reject(cmd, f"unknown candidate {candidate!r}")
            continue
        apply_evidence(ctx, att, candidate, kind, found, str(p.get("description", "")) or f"evidence by {cmd.seat}")


def apply_evidence(
    ctx: TurnContext, att: AttackState, candidate: str, kind: str, intent: Intent | None, why: str
) -> None:
    """Evidence for ``candidate``: its weight moves (an acknowledgement settles), the intent may be found."""
    rules = ctx.scenario.rules
    before = att.attacker
    old_candidate = att.candidates.get(candidate, 0.0)
    delta = attr.evidence_delta(rules, kind)
    if delta is None:
        att.candidates = {candidate: 1.0}
        attr.refresh(att)
        att.working_due = None
    else:
        attr.shift(att, candidate, delta)
    reasons = [
        Reason(
            "evidence",
            f"{kind} pointing to {ctx.name(candidate)}: "
            + ("settles the attribution" if delta is None else f"{delta:+.2f} weight (rules.evidence_{kind})"),
            citation="crisis-sources §3.3",
            facts={"candidates": dict(att.candidates)},
        ),
        Reason("source", why),
    ]
    if intent is not None and intent is not att.spec.intent:
        old_g = att.gravity
        att.spec = dataclasses.replace(att.spec, intent=intent)
        if not att.composite_of:
            att.gravity, detail = assess_gravity(att.spec, rules)
            reasons.append(
                Reason("intent", f"found {intent.value}: {detail}", facts={"from": old_g.name, "to": att.gravity.name})
            )
    switched = att.attacker != before
    note_named(ctx, att, before)
    ctx.log.add(
        EventKind.ATTRIBUTION,
        att.id,
        f"{att.id}: "
        + (
            f"attribution switches from {ctx.name(before)} to {ctx.name(att.attacker)} ({att.attribution:.2f})"
            if switched
            else f"evidence on {ctx.name(candidate)} ({old_candidate:.2f} → {att.candidates.get(candidate, 0.0):.2f}); "
            f"{ctx.name(att.attacker)} leads at {att.attribution:.2f}"
        ),
        reasons=reasons,
        data={"attack": att.id, "attribution": att.attribution, "attacker": att.attacker, "switched": switched},
    )


def note_named(ctx: TurnContext, att: AttackState, before: str = "") -> None:
    """Remember who has been publicly named (a leading candidate above the threshold); a switch away from a named
    attacker means the victim's government named the wrong one (Madrid, Mar 2004)."""
    if att.attribution >= ctx.scenario.rules.attribution_threshold and f"named:{att.attacker}" not in att.decided:
        att.decided.append(f"named:{att.attacker}")
    if before and before != att.attacker and f"named:{before}" in att.decided and "named wrongly" not in att.decided:
        att.decided.append("named wrongly")


def _rulings(ctx: TurnContext) -> None:
    """The white cell settles an attribution (standing): on an attacker, or NONE (no attack took place)."""
    for okey, ov in sorted(ctx.world.overrides.items()):
        if okey.target is not OverrideTarget.ATTRIBUTION or ov.applied:
            continue
        att = ctx.world.attacks.get(okey.subject)
        if att is None:
            continue
        ov.applied = True
        value = str(ov.value)
        if value == attr.NONE:
            att.void = True
            att.ended = True
            summary = f"White cell: {att.id} did not take place ({ov.rationale})"
        else:
            att.candidates = {value: 1.0}
            attr.refresh(att)
            att.working_due = None
            summary = f"White cell settles the attribution of {att.id} on {ctx.name(value)} ({ov.rationale})"
        ctx.log.add(
            EventKind.ATTRIBUTION,
            att.id,
            summary,
            reasons=[Reason("override", ov.rationale, citation=f"override by {ov.seat or 'white cell'}")],
            data={"attack": att.id, "attacker": att.attacker, "attribution": att.attribution, "void": att.void},
        )


def _attribution(ctx: TurnContext, att: AttackState) -> None:
    """The working attribution comes when its clock runs out: the real attacker is named 'highly likely'."""
    if att.working_due is None or att.void:
        return
    length = ctx.scenario.turn_length_days
    elapsed_end = (ctx.turn - att.turn + 1) * length
    if att.working_due >= elapsed_end:
        return
    due, att.working_due = att.working_due, None
    before, old = att.attacker, att.attribution
    attr.name_attacker(att, att.spec.attacker, ctx.scenario.rules.attribution_working_weight)
    switched = before != att.attacker
    note_named(ctx, att, before)
    ctx.log.add(
        EventKind.ATTRIBUTION,
        att.id,
        f"{att.id}: a working attribution names {ctx.name(att.attacker)} ({att.attribution:.2f}) after {days_text(round(due))}"
        + (f", not {ctx.name(before)} as first suspected" if switched else ""),
        reasons=[
            Reason(
                "attribution",
                f"a government names the attacker as 'highly likely' ({old:.2f} → {att.attribution:.2f}); the other "
                "candidates share what is left",
                citation="ICJ Oil Platforms §57 (burden of proof); crisis-sources §3.2",
                facts={"candidates": dict(att.candidates), "days": round(due, 3)},
            )
        ],
        data={"attack": att.id, "attribution": att.attribution, "attacker": att.attacker, "switched": switched},
    )


# ------------------------------------------------------------------------------------------
# A pattern of incidents judged as one
# ------------------------------------------------------------------------------------------


def pattern(ctx: TurnContext, att: AttackState) -> list[AttackState]:
    """The incidents that form a pattern with ``att`` (itself included, oldest first), or [] if none does.

    Same attacker (each attributed above the threshold), same victim, same campaign (the same declared label, or
    the same kind of attack at the same place), each at least a use of force, each within ``cumulative_max_gap_days``
    of the one before and all within ``cumulative_window_days`` (ICJ Oil Platforms §64; Armed Activities §146).
    """
    rules, s = ctx.scenario.rules, ctx.scenario
    spec = att.spec

    def same_campaign(a: AttackState) -> bool:
        if spec.campaign or a.spec.campaign:
            return a.spec.campaign == spec.campaign
        return a.spec.kind is spec.kind and a.spec.location == spec.location

    members = sorted(
        (
            a
            for a in ctx.world.attacks.values()
            if not a.composite_of
            and not a.void
            and a.attacker == att.attacker
            and a.spec.victim == spec.victim
            and a.attribution >= rules.attribution_threshold
            and a.gravity >= Gravity.USE_OF_FORCE
            and a.spec.intent is not Intent.ACCIDENTAL
            and a.turn <= att.turn
            and s.days_between(a.turn, att.turn) <= rules.cumulative_window_days
            and same_campaign(a)
        ),
        key=lambda a: (a.turn, int(a.id[1:])),
    )
    chain: list[AttackState] = []
    for a in reversed(members):
        if chain and s.days_between(a.turn, chain[-1].turn) > rules.cumulative_max_gap_days:
            break
        chain.append(a)
    chain.reverse()
    return chain if len(chain) >= rules.cumulative_min_incidents and att in chain else []


def _series(ctx: TurnContext) -> None:
    """An incident that completes or extends a pattern makes a composite attack judged on the discounted sum (when
    that is graver than each incident alone; otherwise the log says the series stays below)."""
    for att in [a for a in ctx.open_attacks() if not a.composite_of and not a.void]:
        chain = pattern(ctx, att)
        if not chain or chain[-1] is not att:
            continue
        ids = [a.id for a in chain]
        marker = "series:" + ",".join(ids)
        if marker in att.decided:
            continue
        att.decided.append(marker)
        if att.spec.kind is AttackKind.CYBER:
            ctx.log.add(
                EventKind.GRAVITY,
                att.id,
                f"{len(chain)} cyber incidents by {ctx.name(att.attacker)} form a pattern; a cyber series becomes an "
                "armed attack only by an explicit decision, never by adding up",
                reasons=[Reason("cumulative", "decided case by case", citation="NATO Wales 2014 §72; Brussels 2021")],
                data={"attack": att.id, "series": ids},
            )
            continue
        _composite(ctx, att, chain)


def _composite(ctx: TurnContext, att: AttackState, chain: list[AttackState]) -> None:
    rules = ctx.scenario.rules
    share = rules.cumulative_discount
    gravest = max(chain, key=lambda a: (a.gravity, a.spec.casualties))
    spec = dataclasses.replace(
        gravest.spec,
        casualties=int(sum(a.spec.casualties for a in chain) * share),
        damage_musd=sum(a.spec.damage_musd for a in chain) * share,
        injured=int(sum(a.spec.injured for a in chain) * share),
        platforms=int(sum(a.spec.platforms for a in chain) * share),
        weapons=max(a.spec.weapons for a in chain),
        location=att.spec.location,
        request=False,
        request_under=(),
        suspects={},
        description=f"the series {', '.join(a.id for a in chain)} taken together",
    )
    g, detail = assess_gravity(spec, rules)
    if g <= max(a.gravity for a in chain):
        ctx.log.add(
            EventKind.GRAVITY,
            att.id,
            f"{len(chain)} incidents by {ctx.name(att.attacker)} on {ctx.name(att.spec.victim)} taken together stay "
            f"{g.name.lower().replace('_', ' ')}",
            reasons=[
                Reason(
                    "cumulative",
                    f"{', '.join(a.id for a in chain)}: {spec.casualties} killed and ${spec.damage_musd:,.0f}m after a "
                    f"{share:.0%} discount — {detail}",
                    citation="ICJ Oil Platforms §64 ('even taken cumulatively')",
                    facts={"attacks": [a.id for a in chain], "gravity": g.name},
                )
            ],
            data={"attack": att.id, "gravity": g.name, "series": [a.id for a in chain]},
        )
        return
    w = ctx.world
    for old in w.attacks.values():
        if old.composite_of and set(old.composite_of) < {a.id for a in chain}:
            old.ended = True
    cid = f"A{w.next_attack}"
    w.next_attack += 1
    comp = AttackState(
        id=cid,
        spec=dataclasses.replace(spec, casualties=0, damage_musd=0.0, injured=0, platforms=0),
        turn=ctx.turn,
        attribution=min(a.attribution for a in chain),
        gravity=g,
        requested_turn=None,
        candidates={att.attacker: min(a.attribution for a in chain)},
        attributed=att.attacker,
        composite_of=[a.id for a in chain],
    )
    w.attacks[cid] = comp
    ctx.log.add(
        EventKind.GRAVITY,
        cid,
        f"{cid}: {len(chain)} incidents by {ctx.name(att.attacker)} on {ctx.name(att.spec.victim)} taken together "
        f"reach {g.name.lower().replace('_', ' ')}",
        reasons=[
            Reason(
                "cumulative",
                f"{', '.join(a.id for a in chain)}: {spec.casualties} killed and ${spec.damage_musd:,.0f}m after a "
                f"{share:.0%} discount (a series is less grave than one attack of the same total) — {detail}",
                citation="ICJ Oil Platforms §64; Nicaragua §231; Armed Activities §146",
                facts={"attacks": [a.id for a in chain], "gravity": g.name},
            ),
            Reason("incidents", "each incident keeps its own gravity"),
        ],
        data={"attack": cid, "gravity": g.name, "composite_of": [a.id for a in chain]},
    )
