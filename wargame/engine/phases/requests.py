"""What the victim asks for, and where; and who else asks for consultations (issue 10, item 2).

The victim's steps are separate: it declares itself attacked (ICJ Nicaragua §195), requests consultations under a
treaty's consultation article, requests assistance under a named treaty and article (Nicaragua §199: no collective
self-defence without a request), writes to the Security Council, or asks other states for collective
self-defence under UN Charter Art 51 when it has no treaty. A seat takes each step by command; for a state nobody
controls the default policy takes them from its forum preferences (``world-crisis.toml``), or from a generic rule
when it has none: consultations first while the attack is minor or unclear, the defence articles once it is an
armed attack whose author is named, nothing under a treaty when it would rather not invoke.

Third parties ask for consultations because they are exposed — a border with the attacker or the victim, forces
present there, or a shared threat — not because they are near (24 Feb 2022: eight Allies asked for Art 4).
"""

from __future__ import annotations

from ..crisis_facts import ForumPrefs
from ..enums import ArticleKind, AttackKind, Gravity, Intent, RelationKind, ScopeResult, StateId, TargetKind
from ..events import EventKind, Reason
from ..model import Article, Treaty
from ..relations import friends
from ..verdicts import evaluate_scope
from ..world import AttackState
from .context import TurnContext

UN_51 = "UN:51"
UNSC = "UNSC"


# ------------------------------------------------------------------------------------------
# The steps (seats and the default policy share them)
# ------------------------------------------------------------------------------------------


def article_of(ctx: TurnContext, key: str) -> tuple[Treaty, Article] | None:
    """The treaty and article a ``TREATY:ARTICLE`` key names (``UN:51`` included), if any."""
    tid, _, aid = key.partition(":")
    try:
        treaty = ctx.scenario.treaty(tid)
        return treaty, treaty.article(aid)
    except KeyError:
        return None


def declare(ctx: TurnContext, att: AttackState, why: str) -> None:
    """The victim declares itself attacked (once)."""
    if att.declared_turn is not None:
        return
    att.declared_turn = ctx.turn
    ctx.log.add(
        EventKind.REQUEST,
        att.id,
        f"{ctx.name(att.spec.victim)} declares itself attacked ({att.id})",
        reasons=[Reason("declaration", why, citation="ICJ Nicaragua §195")],
        data={"state": att.spec.victim, "attack": att.id, "step": "declare"},
    )


def request_assistance(ctx: TurnContext, att: AttackState, key: str, why: str, *, consent: bool = False) -> None:
    """The victim requests assistance under the article ``key`` (declaring itself attacked first)."""
    if key in att.assistance:
        return
    declare(ctx, att, why)
    att.assistance[key] = ctx.turn
    if att.requested_turn is None:
        att.requested_turn = ctx.turn
    found = article_of(ctx, key)
    cite = found[1].citation if found else key
    verb = "consents to the invocation the other parties offer under" if consent else "requests assistance under"
    ctx.log.add(
        EventKind.REQUEST,
        att.id,
        f"{ctx.name(att.spec.victim)} {verb} {cite} ({att.id})",
        reasons=[
            Reason(
                "request",
                why,
                citation="ICJ Nicaragua §199"
                + ("; NATO PR(2001)124: the US accepted the Allies' offer" if consent else ""),
            )
        ],
        data={"state": att.spec.victim, "attack": att.id, "article": key, "step": "request"},
    )


def request_consultations(ctx: TurnContext, att: AttackState, state: StateId, key: str, why: str) -> None:
    """``state`` requests consultations under the consultation article ``key``."""
    asked = att.consultations.setdefault(key, [])
    if state in asked:
        return
    asked.append(state)
    if state not in att.consult_requests:
        att.consult_requests.append(state)
    found = article_of(ctx, key)
    cite = found[1].citation if found else key
    ctx.log.add(
        EventKind.CONSULT_REQUEST,
        att.id,
        f"{ctx.name(state)} requests consultations under {cite} about {att.id}",
        reasons=[Reason("consultation", why, citation=cite)],
        data={"state": state, "attack": att.id, "article": key},
    )


def notify_council(ctx: TurnContext, att: AttackState, state: StateId, why: str) -> None:
    """``state`` writes to the Security Council about the attack (the Council then takes it up)."""
    if state in att.notified:
        return
    att.notified.append(state)
    ctx.log.add(
        EventKind.REQUEST,
        att.id,
        f"{ctx.name(state)} writes to the Security Council about {att.id}",
        reasons=[Reason("Security Council", why, citation="UN Charter Arts 35, 51")],
        data={"state": state, "attack": att.id, "step": "notify"},
    )


def consultation_articles(ctx: TurnContext, sid: StateId, about: StateId | None = None) -> list[str]:
    """The in-force consultation articles ``sid`` is a party to, as ``TREATY:ARTICLE`` keys, that may be asked
    about an attack on ``about`` (default ``sid``): an article that concerns named states only (Budapest para 6,
    Ukraine) is left out for an attack on anyone else."""
    victim = sid if about is None else about
    out = []
    for tr in ctx.scenario.treaties:
        if not (tr.in_force.contains(ctx.day) and tr.is_party(sid, ctx.day)):
            continue
        for art in tr.articles:
            if art.kind is ArticleKind.CONSULTATION and art.in_force.contains(ctx.day) and art.about(victim):
                out.append(f"{tr.id}:{art.id}")
    return out


def defence_articles(ctx: TurnContext, sid: StateId) -> list[str]:
    """The in-force defence articles ``sid`` is a party to, as ``TREATY:ARTICLE`` keys."""
    out = []
    for tr in ctx.scenario.treaties:
        if not (tr.in_force.contains(ctx.day) and tr.is_party(sid, ctx.day)):
            continue
        for art in tr.articles:
            if art.kind is ArticleKind.DEFENCE and art.in_force.contains(ctx.day):
                out.append(f"{tr.id}:{art.id}")
    return out


# ------------------------------------------------------------------------------------------
# The victim's default policy
# ------------------------------------------------------------------------------------------


def threat_class(ctx: TurnContext, att: AttackState) -> str:
    """The kind of threat the victim faces (a :data:`~wargame.engine.crisis_facts.FORUM_CLASSES` name)."""
    spec = att.spec
    if att.gravity < Gravity.ARMED_ATTACK or spec.intent is Intent.ACCIDENTAL:
        return "minor"
    if spec.kind is AttackKind.TERRORIST:
        return "terrorism"
    if spec.kind is AttackKind.CYBER or (spec.kind is AttackKind.HYBRID and not spec.troops):
        return "cyber_hybrid"
    loc = ctx.scenario.locations.get(spec.location)
    if spec.target is TargetKind.FORCES or loc is None or loc.administered_by != spec.victim:
        return "forces_abroad"
    return "armed_attack"


def generic_prefs(ctx: TurnContext, sid: StateId) -> ForumPrefs:
    """The preferences of a state the pack says nothing about (assumption): consultations first, its defence
    articles for an armed attack, the Council always, and Art 51 help when no treaty covers it."""
    consult = tuple(consultation_articles(ctx, sid))
    defence = tuple(defence_articles(ctx, sid))
    serious = (*consult, *defence, UNSC) if defence else (*consult, UNSC, UN_51)
    return ForumPrefs(
        sid,
        minor=(*consult, UNSC),
        armed_attack=serious,
        forces_abroad=serious,
        terrorism=serious,
        cyber_hybrid=serious,
        source="generic rule (assumption)",
    )


def escalation_risk(ctx: TurnContext, attacker: StateId) -> str:
    """Why an answer to ``attacker`` risks escalation: a permanent member protects it ('' if none does)."""
    crisis = ctx.scenario.crisis
    for p5 in crisis.council.permanent:
        if p5 == attacker:
            return f"{ctx.name(attacker)} is a permanent member of the Security Council"
        rel = crisis.relation(p5, attacker)
        if rel is not None and rel.kind is RelationKind.PROTECTOR:
            return f"{ctx.name(p5)}, a permanent member, protects {ctx.name(attacker)}"
    return ""


def reluctance(ctx: TurnContext, att: AttackState, prefs: ForumPrefs) -> tuple[str, str]:
    """The first 'would rather not invoke' condition that holds: (condition, why), or ('', '')."""
    spec = att.spec
    for cond in prefs.not_if:
        why = ""
        if cond == "accidental" and spec.intent is Intent.ACCIDENTAL:
            why = "the incident looks accidental"
        elif cond == "victim_fired_first" and spec.victim_initiated:
            why = "it fired first"
        elif cond == "escalation_risk" and att.gravity < Gravity.STATE_OF_WAR:
            risk = escalation_risk(ctx, att.attacker)
            why = f"escalation risk: {risk}" if risk else ""
        elif cond == "gray_zone_no_deaths" and spec.kind is AttackKind.GRAY_ZONE and not spec.casualties:
            why = "gray-zone pressure without deaths"
        elif cond == "cyber_without_physical_harm" and spec.kind is AttackKind.CYBER:
            if not (spec.physical or spec.casualties or spec.injured):
                why = "cyber harm without physical effects"
        if why:
            return cond, why
    return "", ""


def victim_policy(ctx: TurnContext, att: AttackState, *, explicit: tuple[str, ...] = ()) -> None:
    """The victim's requests this turn, from its forum preferences (or ``explicit`` tokens from the inject).

    Consultation and Council steps come at once; a defence article only for an armed attack whose author is
    named with enough confidence (a consent, ``ACCEPT:…``, comes at once for a state of war: the council may then
    invoke on condition that the attack is attributed, as the NAC did on 12 Sep 2001); nothing under a treaty
    when a 'would rather not invoke' condition holds.
    """
    sid = att.spec.victim
    prefs = ctx.scenario.crisis.forums.get(sid)
    source = prefs.source if prefs else ""
    if prefs is None:
        prefs = generic_prefs(ctx, sid)
        source = prefs.source
    cls = threat_class(ctx, att)
    named = att.attribution >= ctx.scenario.rules.attribution_threshold and att.attacker == att.spec.attacker
    tokens = list(explicit) if explicit else list(prefs.tokens(cls))
    if cls != "minor" and not named and not explicit:
        tokens = [*prefs.tokens("minor"), *tokens]
    cond, why_not = reluctance(ctx, att, prefs)
    if cond:
        marker = f"restraint:{cond}"
        if marker not in att.decided:
            att.decided.append(marker)
            ctx.log.add(
                EventKind.DECISION,
                sid,
                f"{ctx.name(sid)} would rather not invoke a treaty over {att.id}: {why_not}",
                reasons=[Reason("forum preferences", f"{why_not} ({cond})", citation=source)],
                data={"state": sid, "attack": att.id, "level": "restraint", "condition": cond},
            )
        tokens = [t for t in tokens if _survives(ctx, t, cond)]
    why = f"forum preferences ({cls.replace('_', ' ')}): {source}" if not explicit else "the inject names the articles"
    for token in tokens:
        _take(ctx, att, token, cls, named, why)


def _survives(ctx: TurnContext, token: str, cond: str) -> bool:
    """What a state still does when it would rather not invoke: it writes to the Council (unless the incident was
    an accident, it fired first or the harm is cyber only: Przewodow 2022, the Su-24 2015, Estonia 2007); fearing
    escalation it also consults its ally (the ROK and the US after Cheonan, 2010)."""
    if token == UNSC:
        return cond not in ("accidental", "victim_fired_first", "cyber_without_physical_harm")
    if cond != "escalation_risk" or token.startswith("ACCEPT:") or token == UN_51:
        return False
    found = article_of(ctx, token)
    return found is not None and found[1].kind is ArticleKind.CONSULTATION


def _take(ctx: TurnContext, att: AttackState, token: str, cls: str, named: bool, why: str) -> None:
    sid = att.spec.victim
    if token == UNSC:
        if att.gravity >= Gravity.USE_OF_FORCE or cls != "minor":
            notify_council(ctx, att, sid, why)
        return
    consent = token.startswith("ACCEPT:")
    key = token.removeprefix("ACCEPT:")
    if key == UN_51:
        if cls != "minor" and named:
            request_assistance(ctx, att, UN_51, why + "; it has no treaty that covers the attack")
        return
    found = article_of(ctx, key)
    if found is None:
        return
    treaty, art = found
    day = ctx.scenario.date_of(att.turn)
    if not (treaty.in_force.contains(day) and art.in_force.contains(day) and treaty.is_party(sid, day)):
        return  # no request under a treaty not in force, or one the victim is not a party to
    if art.kind is ArticleKind.CONSULTATION:
        if treaty.is_party(sid, ctx.day):
            request_consultations(ctx, att, sid, key, why)
        return
    if art.kind is not ArticleKind.DEFENCE or cls == "minor":
        return
    if not (named or (consent and att.gravity >= Gravity.STATE_OF_WAR)):
        return
    loc = ctx.scenario.locations[att.spec.location]
    result, detail, _ = evaluate_scope(treaty, art, loc, att.spec, ctx.scenario.date_of(att.turn))
    if result is ScopeResult.OUT:
        marker = f"out of scope:{key}"
        if marker not in att.decided:
            att.decided.append(marker)
            ctx.log.add(
                EventKind.DECISION,
                sid,
                f"{ctx.name(sid)} does not ask under {art.citation or key} about {att.id}: the place is outside its scope",
                reasons=[Reason("scope", detail, citation=art.citation)],
                data={"state": sid, "attack": att.id, "level": "not requested", "article": key},
            )
        return
    request_assistance(ctx, att, key, why, consent=consent)


# ------------------------------------------------------------------------------------------
# Exposed third parties
# ------------------------------------------------------------------------------------------


def exposure(ctx: TurnContext, sid: StateId, att: AttackState) -> str:
    """Why ``sid`` is exposed to the attack ('' if it is not): a border with the attacker (or with an invaded
    victim), its forces there, a shared threat."""
    crisis = ctx.scenario.crisis
    attacker, victim = att.attacker, att.spec.victim
    if crisis.neighbours(sid, attacker):
        return f"it borders {ctx.name(attacker)}"
    invaded = att.spec.kind is AttackKind.INVASION or att.spec.troops > 0
    if invaded and crisis.neighbours(sid, victim):
        return f"it borders {ctx.name(victim)}, invaded next door"
    rel = crisis.relation(sid, attacker)
    if rel is not None and rel.kind is RelationKind.RIVAL:
        return f"it shares the threat from {ctx.name(attacker)}" + (f" ({rel.source})" if rel.source else "")
    for fd in ctx.scenario.forces_by_owner.get(sid, ()):
        fs = ctx.world.forces[fd.id]
        loc = ctx.scenario.locations.get(fs.location)
        if fs.location == att.spec.location or (loc is not None and loc.administered_by == victim):
            return f"its forces are in {ctx.name(victim)} ({fd.name})"
    return ""


def exposed_parties(ctx: TurnContext, att: AttackState) -> None:
    """Exposed parties of a consultation article the victim is not a party to ask for consultations (once)."""
    rules = ctx.scenario.rules
    if att.gravity < rules.exposure_consult_gravity or att.spec.intent is Intent.ACCIDENTAL:
        return
    attacker, victim = att.attacker, att.spec.victim
    crisis = ctx.scenario.crisis
    for tr in ctx.scenario.treaties:
        if not tr.in_force.contains(ctx.day) or tr.is_party(victim, ctx.day):
            continue
        arts = [
            a
            for a in tr.articles
            if a.kind is ArticleKind.CONSULTATION
            and a.in_force.contains(ctx.day)
            and a.about(victim)  # Budapest para 6 is about Ukraine, not its neighbours
        ]
        parties = tr.parties_on(ctx.day)
        if not arts or not any(p != attacker and crisis.neighbours(p, victim) for p in parties):
            continue  # the treaty's area is elsewhere: none of its parties borders the victim
        for sid in parties:
            if sid in (attacker, victim) or sid in ctx.controlled:
                continue
            if not _willing(ctx, sid, attacker):
                continue
            why = exposure(ctx, sid, att)
            if why:
                for art in arts:
                    request_consultations(
                        ctx, att, sid, f"{tr.id}:{art.id}", f"default policy: exposed to {att.id} ({why})"
                    )


def _willing(ctx: TurnContext, sid: StateId, attacker: StateId) -> bool:
    """A state does not ask for consultations against a state it protects, is allied with or partners."""
    st = ctx.scenario.states[sid]
    return not st.non_state and not friends(ctx.scenario, sid, attacker, ctx.day)


__all__ = [
    "UN_51",
    "UNSC",
    "article_of",
    "consultation_articles",
    "declare",
    "defence_articles",
    "escalation_risk",
    "exposed_parties",
    "exposure",
    "generic_prefs",
    "notify_council",
    "request_assistance",
    "request_consultations",
    "threat_class",
    "victim_policy",
]
