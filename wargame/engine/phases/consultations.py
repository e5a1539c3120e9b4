"""Phase 4c, consultations that do something (issue 10, item 5).

When a consultation article gives CONSULT, its body meets after the article's decision days and chooses, from the
treaty's menu in the pack, the defensive measures that fit the attack: always a statement; AWACS for a threat;
air policing or an eastern-flank activity when a party's own territory or airspace was hit; the response force's
readiness, the defence plans and a forward-presence reinforcement when a neighbour of the parties is invaded;
a measure marked ``on_request`` only when a party asks for it by name (Turkey's Patriots, 21 Nov 2012). The body's
decision rule decides: under consensus one objection blocks (Turkey, Feb 2003); under two-thirds the parties to
the dispute do not vote (Rio Arts 17-18), and force is only recommended (Rio Art 20). A measure is ready after its
readiness days and costs its contributors every day.
"""

from __future__ import annotations

import math

from ..commands import Action
from ..crisis_facts import Measure
from ..enums import (
    AttackKind,
    DecisionRule,
    Gravity,
    Obligation,
    OverrideTarget,
    Stance,
    StateId,
    TargetKind,
    VerdictCode,
)
from ..events import EventKind, Reason
from ..model import Article, Treaty
from ..relations import friends, stance_towards
from ..world import AttackState, MeasureState, Meeting, Term, VerdictKey
from .context import TurnContext

COST_LABEL = "Consultation measures (share of the cost)"


def run(ctx: TurnContext) -> None:
    _requested(ctx)
    w = ctx.world
    for key, vd in sorted(w.verdicts.items()):
        if vd.code is not VerdictCode.CONSULT:
            continue
        att = w.attacks[vd.attack]
        if att.void:
            continue
        meeting = w.crisis.meetings.get(str(key))
        treaty = ctx.scenario.treaty(vd.treaty)
        art = treaty.article(vd.article)
        if meeting is None:
            meeting = Meeting(ctx.turn + ctx.turns_for(art.decision_days))
            w.crisis.meetings[str(key)] = meeting
        if not meeting.held and meeting.turn <= ctx.turn:
            _meet(ctx, key, treaty, art, att, meeting)
        elif meeting.held and meeting.requested:
            _meet(ctx, key, treaty, art, att, meeting, again=True)
    _readiness_and_costs(ctx)


def _requested(ctx: TurnContext) -> None:
    """Seats ask a consultation body for a measure by name (it is decided at the next meeting)."""
    for cmd in ctx.decisions(Action.MEASURE):
        p = cmd.payload
        key = VerdictKey(str(p.get("treaty", "")), str(p.get("article", "")) or "", str(p.get("attack", "")))
        menu = ctx.scenario.crisis.measures.get(key.treaty, ())
        mid = str(p.get("measure", ""))
        if not any(m.id == mid for m in menu):
            ctx.reject(cmd, f"no measure {mid!r} for {key.treaty} ({', '.join(m.id for m in menu) or 'none'})")
            continue
        found = [
            k
            for k, v in ctx.world.verdicts.items()
            if k.treaty == key.treaty and k.attack == key.attack and v.code is VerdictCode.CONSULT
        ]
        if not found:
            ctx.reject(cmd, f"no consultations under {key.treaty} about {key.attack}: request them first")
            continue
        meeting = ctx.world.crisis.meetings.setdefault(str(found[0]), Meeting(ctx.turn))
        if mid not in meeting.requested:
            meeting.requested.append(mid)
        ctx.log.add(
            EventKind.MEETING,
            str(found[0]),
            f"{ctx.name(str(p.get('state', '')))} asks for {mid.replace('_', ' ')} under {key.treaty} ({key.attack})",
            reasons=[Reason("seat", f"decided by seat {cmd.seat}")],
            data={"key": str(found[0]), "measure": mid, "state": p.get("state")},
        )


def fits(ctx: TurnContext, m: Measure, att: AttackState, parties: tuple[StateId, ...], requested: list[str]) -> bool:
    """Whether the body chooses ``m`` for ``att`` by default (see :data:`~wargame.engine.crisis_facts.MEASURE_WHEN`)."""
    spec = att.spec
    if att.gravity < m.min_gravity or (m.kinds and spec.kind not in m.kinds):
        return False
    crisis = ctx.scenario.crisis
    if m.when == "on_request":
        return m.id in requested
    if m.when == "threat":
        return att.gravity is Gravity.THREAT
    if m.when == "military_threat":
        return spec.kind is AttackKind.THREAT and (spec.weapons > 0 or spec.troops > 0)
    if m.when == "territory":
        return spec.victim in parties and spec.target is TargetKind.TERRITORY
    if m.when == "neighbour_invasion":
        invaded = spec.kind is AttackKind.INVASION or spec.troops > 0
        return invaded and spec.victim not in parties and any(crisis.neighbours(p, spec.victim) for p in parties)
    return True


def _meet(
    ctx: TurnContext,
    key: VerdictKey,
    treaty: Treaty,
    art: Article,
    att: AttackState,
    meeting: Meeting,
    again: bool = False,
) -> None:
    day = ctx.scenario.date_of(att.turn)
    parties = treaty.parties_on(day)
    menu = ctx.scenario.crisis.measures.get(treaty.id, ())
    body = next((m.body for m in menu if m.body), f"the parties to the {treaty.name}")
    taken = {m.measure for m in ctx.world.crisis.measures if m.treaty == treaty.id and m.attack == att.id}
    chosen = [m for m in menu if m.id not in taken and fits(ctx, m, att, parties, meeting.requested)]
    meeting.requested = []
    meeting.held = True
    requesters = [s for s in att.consultations.get(f"{treaty.id}:{art.id}", att.consult_requests) if s in parties]
    voters = [p for p in parties if p not in (att.attacker,)]
    if art.decision_rule is DecisionRule.TWO_THIRDS:
        voters = [p for p in voters if p != att.spec.victim]
    stances = {sid: _stance(ctx, key, sid, att) for sid in voters}
    objectors = sorted(s for s, v in stances.items() if v is Stance.OBJECT)
    yes = sum(1 for v in stances.values() if v is Stance.SUPPORT)
    if art.decision_rule is DecisionRule.CONSENSUS:
        ok, rule = (
            not objectors,
            ("consensus" + (f": broken by {', '.join(ctx.name(s) for s in objectors)}" if objectors else "")),
        )
    elif art.decision_rule is DecisionRule.TWO_THIRDS:
        needed = math.ceil(2 * len(voters) / 3)
        ok, rule = (
            yes >= needed,
            f"two-thirds: {yes} of {len(voters)} eligible in favour, {needed} needed (Rio Arts 17-18)",
        )
    else:
        ok, rule = True, "the parties consult each other"
    ov = ctx.standing(OverrideTarget.COLLECTIVE, str(key))
    if ov is not None:
        ok, rule = ov.value == "INVOKED", f"white cell ruled {ov.value}: {ov.rationale}"
    meeting.outcome = "adopted" if ok and chosen else ("statement" if ok else "blocked")
    voluntary = any(a.obligation is Obligation.NO_COMPULSORY_FORCE for a in treaty.articles)
    decided: list[str] = []
    for m in chosen:
        status = ("recommended" if m.force and voluntary else "adopted") if ok else "blocked"
        ready = ctx.turn + ctx.turns_for(m.readiness_days)
        if status == "adopted" and ready <= ctx.turn:
            status = "active"
        ctx.world.crisis.measures.append(
            MeasureState(
                treaty.id, m.id, att.id, requesters[0] if requesters else att.spec.victim, ctx.turn, ready, status
            )
        )
        decided.append(
            f"{m.name} ({status}"
            + (f", ready on turn {ready}" if status != "blocked" and m.readiness_days else "")
            + (f", ${m.cost_musd_per_day:g}m a day" if m.cost_musd_per_day and status != "blocked" else "")
            + ")"
        )
    words = "; ".join(decided) if decided else "a statement only"
    ctx.log.add(
        EventKind.MEETING,
        str(key),
        f"Consultations under {art.citation or treaty.name} on {att.id}"
        + (" (again)" if again else "")
        + f", {body}"
        + (f", requested by {', '.join(ctx.name(s) for s in requesters)}" if requesters else "")
        + f": {words}"
        + ("" if ok else " — no decision"),
        reasons=[
            Reason(
                "decision rule",
                rule,
                ok,
                citation=art.citation,
                facts={"stances": {k: v.value for k, v in stances.items()}},
            )
        ]
        + [
            Reason(m.name, f"ready in {m.readiness_days:g} days, ${m.cost_musd_per_day:g}m a day", citation=m.source)
            for m in chosen
        ],
        data={"key": str(key), "attack": att.id, "outcome": meeting.outcome, "measures": [m.id for m in chosen]},
    )


def _stance(ctx: TurnContext, key: VerdictKey, sid: StateId, att: AttackState) -> Stance:
    """A party's stance on the measures: a seat's standing stance on the key, else it objects when it stands with
    the attacker and supports otherwise."""
    col = ctx.world.collectives.get(key)
    if col is not None and sid in col.stances:
        return col.stances[sid]
    for cmd in ctx.decisions(Action.STANCE):
        p = cmd.payload
        if p.get("state") == sid and (p.get("treaty"), p.get("article"), p.get("attack")) == (
            key.treaty,
            key.article,
            key.attack,
        ):
            try:
                return Stance(p.get("stance"))
            except ValueError:
                return Stance.UNDECIDED
    if sid in ctx.controlled:
        return Stance.UNDECIDED
    if stance_towards(ctx.scenario, sid, att.attacker, ctx.day)[0] in ("protector", "ally"):
        return Stance.OBJECT
    return Stance.SUPPORT


def _readiness_and_costs(ctx: TurnContext) -> None:
    """Adopted measures become active when ready; active and adopted ones cost their contributors each day."""
    per_state: dict[StateId, float] = {}
    menu = {(m.treaty, m.id): m for ms in ctx.scenario.crisis.measures.values() for m in ms}
    for ms in ctx.world.crisis.measures:
        if ms.status == "adopted" and ms.ready_turn <= ctx.turn:
            ms.status = "active"
            m = menu.get((ms.treaty, ms.measure))
            ctx.log.add(
                EventKind.MEETING,
                f"{ms.treaty}:{ms.measure}:{ms.attack}",
                f"{m.name if m else ms.measure} ({ms.treaty}) is in place for {ms.attack}",
                reasons=[Reason("readiness", f"decided on turn {ms.decided_turn}", citation=m.source if m else "")],
                data={"treaty": ms.treaty, "measure": ms.measure, "attack": ms.attack, "status": "active"},
            )
        if ms.status not in ("adopted", "active"):
            continue
        m = menu.get((ms.treaty, ms.measure))
        if m is None or not m.cost_musd_per_day:
            continue
        att = ctx.world.attacks.get(ms.attack)
        tr = ctx.scenario.treaty(ms.treaty)
        payers = [
            p
            for p in tr.parties_on(ctx.day)
            if p in ctx.world.nations
            and att is not None
            and p not in (att.attacker,)
            and not friends(ctx.scenario, p, att.attacker, ctx.day)
        ]
        if not payers:
            continue
        share = m.cost_musd_per_day * ctx.scenario.turn_length_days / len(payers)
        for p in payers:
            per_state[p] = per_state.get(p, 0.0) + share
    for sid, cost in sorted(per_state.items()):
        nation = ctx.world.nations[sid]
        term = next((t for t in nation.budget_terms if t.label == COST_LABEL), None)
        if term is None:
            term = Term(COST_LABEL, 0.0, "treaty measures shared among the parties (assumption)")
            nation.budget_terms.append(term)
        term.value -= cost
        nation.spent_musd += cost
