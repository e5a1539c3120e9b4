"""Treaty verdicts: one verdict per treaty article and attack, gate by gate (DESIGN §4).

Gate order for a defence article (each verdict stops at the first gate that fails and records
every gate it passed):

1. ``in_force``      the treaty and the article are in force on the attack's date → NOT_IN_FORCE
2. ``party``         the victim is a party on that date → NOT_A_PARTY
3. ``suspension``    the victim's pair with the other parties is not suspended → SUSPENDED
4. ``initiator``     the victim did not initiate hostilities → VICTIM_INITIATED
5. ``adversary``     the attacker meets the adversary condition → ADVERSARY_EXCLUDED
6. ``scope``         the location (and target kind) is in the article's scope → OUT_OF_SCOPE /
                     AMBIGUOUS_SCOPE
7. ``threshold``     the attack's gravity reaches the article's threshold → BELOW_THRESHOLD
8. ``attribution``   we are sure enough of the attacker → ATTRIBUTION_PENDING
9. ``request``       the victim declared itself attacked and requested help → NOT_REQUESTED
→ TRIGGERED.

A consultation article has no scope or gravity gate: CONSULT once a party that judges itself
threatened requests consultations, NOT_REQUESTED otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .enums import AdversaryKind, ArticleKind, Gravity, ScopeResult, StateId, VerdictCode
from .geo import point_in_polygon
from .model import Article, AttackSpec, Location, Scenario, ScopeClause, Treaty
from .rules import Rules
from .world import Gate, Verdict


@dataclass(frozen=True)
class AttackView:
    """What the verdict gates need to know about an attack at the time of judging."""

    id: str
    spec: AttackSpec
    gravity: Gravity
    attribution: float
    requested: bool
    consult_requests: tuple[StateId, ...] = ()
    gravity_detail: str = ""


# ------------------------------------------------------------------------------------------
# Scope
# ------------------------------------------------------------------------------------------


def _clause_matches(
    clause: ScopeClause,
    loc: Location,
    spec: AttackSpec,
    treaty: Treaty,
    day: dt.date,
) -> bool:
    if not clause.valid.contains(day):
        return False
    if clause.targets and spec.target not in clause.targets:
        return False
    if clause.kinds and loc.kind not in clause.kinds:
        return False
    if clause.continents and loc.continent not in clause.continents:
        return False
    if clause.oceans and not set(clause.oceans) & set(loc.oceans):
        return False
    if clause.seas and loc.sea not in clause.seas:
        return False
    if clause.min_lat is not None and loc.lat < clause.min_lat:
        return False
    if clause.max_lat is not None and loc.lat > clause.max_lat:
        return False
    if clause.administered_by_victim is not None:
        if (loc.administered_by == spec.victim) != clause.administered_by_victim:
            return False
    if clause.administered_by_party is not None:
        is_party = loc.administered_by is not None and treaty.is_party(loc.administered_by, day)
        if is_party != clause.administered_by_party:
            return False
    if clause.administered_by and loc.administered_by not in clause.administered_by:
        return False
    if clause.disputed is not None and bool(loc.claimants) != clause.disputed:
        return False
    if clause.polygon and not point_in_polygon(loc.lat, loc.lon, clause.polygon):
        return False
    return True


def scope_clauses(treaty: Treaty, article: Article) -> tuple[tuple[ScopeClause, ...], str]:
    """The clauses that define ``article``'s scope, and the citation they come from."""
    if article.scope_from:
        src = treaty.article(article.scope_from)
        return src.scope, src.citation or f"Art {src.id}"
    return article.scope, article.citation or f"Art {article.id}"


def evaluate_scope(
    treaty: Treaty, article: Article, loc: Location, spec: AttackSpec, day: dt.date
) -> tuple[ScopeResult, str, int | None]:
    """Try the article's scope clauses in order: (result, explanation, index of the clause)."""
    clauses, cited = scope_clauses(treaty, article)
    for i, clause in enumerate(clauses):
        if _clause_matches(clause, loc, spec, treaty, day):
            note = clause.note or f"clause {i + 1}"
            text = note if note.startswith(("Art", "Para", "§")) or cited in note else f"{cited}: {note}"
            return clause.result, text, i
    return ScopeResult.OUT, f"{cited}: no scope clause covers {spec.target.value} at {loc.name}", None


# ------------------------------------------------------------------------------------------
# Gates
# ------------------------------------------------------------------------------------------


def _state_name(scenario: Scenario, sid: str) -> str:
    st = scenario.states.get(sid)
    return st.name if st else sid


def evaluate(
    scenario: Scenario,
    treaty: Treaty,
    article: Article,
    attack: AttackView,
    day: dt.date,
) -> Verdict:
    """The verdict of ``article`` of ``treaty`` on ``attack`` on ``day``."""
    spec = attack.spec
    rules = scenario.rules
    gates: list[Gate] = []
    cite = article.citation or f"{treaty.name}, Art {article.id}"
    victim_name = _state_name(scenario, spec.victim)

    def done(code: VerdictCode, guarantors: Iterable[str] = (), suspended: Iterable[str] = ()) -> Verdict:
        return Verdict(
            treaty=treaty.id,
            article=article.id,
            attack=attack.id,
            code=code,
            gates=tuple(gates),
            citation=cite,
            obligation=article.obligation,
            decision_rule=article.decision_rule,
            guarantors=tuple(guarantors),
            suspended=tuple(suspended),
        )

    # 1. in force
    in_force = treaty.in_force.contains(day) and article.in_force.contains(day)
    gates.append(
        Gate(
            "in_force",
            in_force,
            f"{treaty.name} {'is' if in_force else 'is not'} in force on {day.isoformat()}"
            + ("" if in_force else _range_text(treaty, article)),
            {"date": day.isoformat()},
        )
    )
    if not in_force:
        return done(VerdictCode.NOT_IN_FORCE)

    parties = treaty.parties_on(day)

    if article.kind is ArticleKind.CONSULTATION:
        return _consultation(scenario, treaty, article, attack, day, gates, parties, done)

    # 2. party
    is_party = spec.victim in parties
    gates.append(
        Gate(
            "party",
            is_party,
            f"{victim_name} {'is' if is_party else 'is not'} a party on {day.isoformat()}",
            {"victim": spec.victim, "parties": list(parties)},
        )
    )
    if not is_party:
        return done(VerdictCode.NOT_A_PARTY)

    if article.kind is ArticleKind.COOPERATION:
        gates.append(
            Gate(
                "pledge",
                False,
                f"{cite} carries no pledge to assist or consult when a party is attacked",
                {"kind": article.kind.value},
            )
        )
        return done(VerdictCode.OUT_OF_SCOPE)

    # 3. suspension (directed pairs)
    others = [p for p in parties if p not in (spec.victim, spec.attacker)]
    suspended: list[str] = []
    notes: list[str] = []
    for p in others:
        s = treaty.suspended(p, spec.victim, day)
        if s is not None:
            suspended.append(p)
            if s.note and s.note not in notes:
                notes.append(s.note)
    guarantors = [p for p in others if p not in suspended]
    all_suspended = bool(others) and not guarantors
    if all_suspended or (not others and treaty.suspended("*", spec.victim, day)):
        gates.append(
            Gate(
                "suspension",
                False,
                f"obligations towards {victim_name} are suspended" + (f" ({'; '.join(notes)})" if notes else ""),
                {"suspended": suspended},
            )
        )
        return done(VerdictCode.SUSPENDED, (), suspended)
    gates.append(
        Gate(
            "suspension",
            True,
            "no suspension applies"
            if not suspended
            else f"suspended towards {victim_name}: {', '.join(suspended)}"
            + (f" ({'; '.join(notes)})" if notes else "")
            + f"; still bound: {', '.join(guarantors)}",
            {"suspended": suspended, "guarantors": guarantors},
        )
    )

    # 4. initiator
    if article.initiator_rule:
        ok = not spec.victim_initiated
        gates.append(
            Gate(
                "initiator",
                ok,
                f"{victim_name} did not initiate hostilities"
                if ok
                else f"{victim_name} initiated hostilities; the pledge is defensive (UN Charter Art 51)",
                {"victim_initiated": spec.victim_initiated},
            )
        )
        if not ok:
            return done(VerdictCode.VICTIM_INITIATED, guarantors, suspended)

    # 5. adversary
    ok, detail = _adversary_ok(scenario, treaty, article, spec, day)
    gates.append(Gate("adversary", ok, detail, {"attacker": spec.attacker}))
    if not ok:
        return done(VerdictCode.ADVERSARY_EXCLUDED, guarantors, suspended)

    # 6. scope
    loc = scenario.locations[spec.location]
    result, detail, idx = evaluate_scope(treaty, article, loc, spec, day)
    facts = loc.facts() | {"target": spec.target.value, "clause": idx}
    if result is ScopeResult.IN:
        gates.append(Gate("scope", True, detail, facts))
    elif result is ScopeResult.AMBIGUOUS:
        gates.append(Gate("scope", False, detail + " — the law is contested; the facilitator rules", facts))
        return done(VerdictCode.AMBIGUOUS_SCOPE, guarantors, suspended)
    else:
        gates.append(Gate("scope", False, detail, facts))
        return done(VerdictCode.OUT_OF_SCOPE, guarantors, suspended)

    # 7. threshold
    ok = attack.gravity >= article.threshold
    gates.append(
        Gate(
            "threshold",
            ok,
            f"gravity {attack.gravity.name.lower()} {'reaches' if ok else 'is below'} "
            f"the threshold ({article.threshold.name.lower()})"
            + (f"; {attack.gravity_detail}" if attack.gravity_detail else ""),
            {"gravity": attack.gravity.name, "threshold": article.threshold.name, "casualties": spec.casualties},
        )
    )
    if not ok:
        return done(VerdictCode.BELOW_THRESHOLD, guarantors, suspended)

    # 8. attribution
    needed = article.attribution_min if article.attribution_min is not None else rules.attribution_threshold
    ok = attack.attribution >= needed
    gates.append(
        Gate(
            "attribution",
            ok,
            f"attribution to {_state_name(scenario, spec.attacker)} is {attack.attribution:.2f} "
            f"({'≥' if ok else '<'} {needed:.2f} needed)",
            {"attribution": round(attack.attribution, 4), "needed": needed},
        )
    )
    if not ok:
        return done(VerdictCode.ATTRIBUTION_PENDING, guarantors, suspended)

    # 9. request
    ok = attack.requested
    gates.append(
        Gate(
            "request",
            ok,
            f"{victim_name} {'declared itself attacked and requested assistance' if ok else 'has not requested assistance'}"
            + ("" if ok else " (ICJ Nicaragua §199: no collective self-defence without a request)"),
            {"requested": ok},
        )
    )
    if not ok:
        return done(VerdictCode.NOT_REQUESTED, guarantors, suspended)
    return done(VerdictCode.TRIGGERED, guarantors, suspended)


def _range_text(treaty: Treaty, article: Article) -> str:
    parts = []
    for label, rng in (("treaty", treaty.in_force), ("article", article.in_force)):
        if rng.start or rng.end:
            parts.append(
                f"{label}: {rng.start.isoformat() if rng.start else '…'} to {rng.end.isoformat() if rng.end else '…'}"
            )
    return f" ({'; '.join(parts)})" if parts else ""


def _adversary_ok(
    scenario: Scenario, treaty: Treaty, article: Article, spec: AttackSpec, day: dt.date
) -> tuple[bool, str]:
    cond = article.adversary
    attacker = scenario.states.get(spec.attacker)
    name = attacker.name if attacker else spec.attacker
    non_state = bool(attacker and attacker.non_state)
    if cond.exclude_parties and treaty.is_party(spec.attacker, day):
        return False, f"{name} is itself a party; the article does not cover attacks between parties"
    if cond.kind is AdversaryKind.NAMED:
        if spec.attacker in cond.named:
            return True, f"{name} is a named adversary"
        return False, f"{name} is not among the named adversaries ({', '.join(cond.named)})"
    if cond.kind is AdversaryKind.STATE and non_state:
        if cond.non_state_accepted:
            return True, f"{name} is a non-state actor; accepted by practice" + (f" ({cond.note})" if cond.note else "")
        return False, f"{name} is a non-state actor; the article requires an attack by a State"
    if non_state:
        return True, f"{name} is a non-state actor; the article covers any armed attack"
    return True, f"{name} meets the adversary condition ({cond.kind.value})"


def _consultation(
    scenario: Scenario,
    treaty: Treaty,
    article: Article,
    attack: AttackView,
    day: dt.date,
    gates: list[Gate],
    parties: tuple[str, ...],
    done: Callable[..., Verdict],
) -> Verdict:
    spec = attack.spec
    requesters = [s for s in attack.consult_requests if s in parties]
    others = [p for p in parties if p not in requesters]
    if not requesters and spec.victim not in parties:
        gates.append(
            Gate(
                "party",
                False,
                f"{_state_name(scenario, spec.victim)} is not a party and no party has requested consultations",
                {"victim": spec.victim, "requests": list(attack.consult_requests)},
            )
        )
        return done(VerdictCode.NOT_A_PARTY)
    gates.append(
        Gate(
            "party",
            True,
            f"{_state_name(scenario, spec.victim)} is a party"
            if spec.victim in parties
            else f"{', '.join(requesters)} {'is a party' if len(requesters) == 1 else 'are parties'} that judged "
            f"{'itself' if len(requesters) == 1 else 'themselves'} threatened",
            {"parties": list(parties)},
        )
    )
    ok = bool(requesters)
    gates.append(
        Gate(
            "request",
            ok,
            f"consultations requested by {', '.join(requesters)}; no scope or gravity gate for consultation"
            if ok
            else "no party has requested consultations",
            {"requests": requesters},
        )
    )
    if not ok:
        return done(VerdictCode.NOT_REQUESTED)
    return done(VerdictCode.CONSULT, others)


# ------------------------------------------------------------------------------------------
# Gravity
# ------------------------------------------------------------------------------------------

_KINETIC = {"strike", "missile", "naval", "air", "shelling"}


def assess_gravity(
    spec: AttackSpec, rules: Rules, casualties: int | None = None, damage: float | None = None
) -> tuple[Gravity, str]:
    """The gravity of an attack from its kind, casualties and damage (Nicaragua 'scale and effects').

    ``casualties``/``damage`` override the spec's own figures (used for cumulative incidents).
    """
    c = spec.casualties if casualties is None else casualties
    d = spec.damage_musd if damage is None else damage
    k = spec.kind.value
    if k == "threat":
        return Gravity.THREAT, "a threat: no force used"
    if k == "invasion":
        return Gravity.STATE_OF_WAR, "an invasion puts the victim in a state of war"
    if k in ("airspace_violation", "gray_zone"):
        if c >= rules.armed_attack_casualties:
            return Gravity.USE_OF_FORCE, f"{k.replace('_', ' ')} with {c} casualties: a less grave use of force"
        return Gravity.INCIDENT, f"{k.replace('_', ' ')} without casualties: below the use of force"
    if k in ("cyber", "hybrid"):
        if c >= rules.war_casualties:
            return Gravity.STATE_OF_WAR, f"{k} attack with {c} casualties"
        if c >= rules.armed_attack_casualties or d >= rules.cyber_armed_attack_damage_musd:
            return Gravity.ARMED_ATTACK, (
                f"{k} attack with {c} casualties and ${d:,.0f}m damage: scale and effects of an armed attack "
                "(NATO Wales Summit 2014 §72)"
            )
        return Gravity.INCIDENT, f"{k} attack with {c} casualties and ${d:,.0f}m damage: below an armed attack"
    if k == "terrorist":
        if c >= rules.war_casualties:
            return Gravity.ARMED_ATTACK, f"terrorist attack with {c} casualties: an armed attack (9/11 precedent)"
        return Gravity.USE_OF_FORCE, f"terrorist attack with {c} casualties: below an armed attack"
    # kinetic
    if c >= rules.war_casualties:
        return Gravity.STATE_OF_WAR, f"{k} with {c} casualties: a state of war"
    if c >= rules.armed_attack_casualties or d >= rules.kinetic_armed_attack_damage_musd:
        return Gravity.ARMED_ATTACK, f"{k} with {c} casualties and ${d:,.0f}m damage: an armed attack"
    return Gravity.USE_OF_FORCE, f"{k} without casualties: a less grave use of force (a frontier incident)"


def verdicts_for(scenario: Scenario, attack: AttackView, day: dt.date) -> list[Verdict]:
    """The verdict of every article (except definitions) of every treaty on one attack."""
    out: list[Verdict] = []
    for treaty in scenario.treaties:
        for art in treaty.articles:
            if art.kind is ArticleKind.DEFINITION:
                continue
            out.append(evaluate(scenario, treaty, art, attack, day))
    return out


def assess(scenario: Scenario, spec: AttackSpec, day: dt.date, *, attack_id: str = "H1") -> list[Verdict]:
    """Verdicts for a hypothetical attack on ``day`` without creating a game (``wargame assess``).

    The attack is judged as reported: its attribution as given, its gravity from its own figures,
    and (if ``spec.request``) the victim requesting assistance and consultations.
    """
    gravity, detail = assess_gravity(spec, scenario.rules)
    view = AttackView(
        id=attack_id,
        spec=spec,
        gravity=gravity,
        attribution=spec.attribution,
        requested=spec.request,
        consult_requests=(spec.victim,) if spec.request else (),
        gravity_detail=detail,
    )
    return verdicts_for(scenario, view, day)
