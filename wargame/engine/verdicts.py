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
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .crisis_facts import UNKNOWN
from .enums import AdversaryKind, ArticleKind, Gravity, ScopeResult, StateId, VerdictCode
from .geo import point_in_polygon
from .gravity import assess_gravity
from .model import CHARTER_ID, Article, AttackSpec, Location, Scenario, ScopeClause, Treaty
from .world import Gate, Verdict


@dataclass(frozen=True)
class AttackView:
    """What the verdict gates need to know about an attack at the time of judging.

    ``requested`` with ``requested_under`` None means the victim asked under every article (``wargame assess``);
    otherwise ``requested_under`` lists the ``TREATY:ARTICLE`` keys it asked under. Likewise ``consult_requests``
    are parties that asked under every consultation article unless ``consultations`` says per article.
    """

    id: str
    spec: AttackSpec
    gravity: Gravity
    attribution: float
    requested: bool
    consult_requests: tuple[StateId, ...] = ()
    gravity_detail: str = ""
    attacker: StateId = ""
    """Whom the attack is attributed to now ('' = the inject's attacker)."""
    requested_under: frozenset[str] | None = None
    consultations: dict[str, tuple[StateId, ...]] | None = None

    @property
    def who(self) -> StateId:
        return self.attacker or self.spec.attacker

    def asked(self, key: str) -> bool:
        """Whether the victim asked for assistance under the article ``key``."""
        return self.requested and (self.requested_under is None or key in self.requested_under)

    def consulting(self, key: str) -> tuple[StateId, ...]:
        """The states that asked for consultations under the article ``key``."""
        if self.consultations is None:
            return self.consult_requests
        return self.consultations.get(key, ())


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


class _Judging:
    """One article's verdict on one attack being reached: the gates passed so far."""

    __slots__ = ("scenario", "treaty", "article", "attack", "day", "gates", "spec", "cite", "victim_name")

    def __init__(self, scenario: Scenario, treaty: Treaty, article: Article, attack: AttackView, day: dt.date) -> None:
        self.scenario = scenario
        self.treaty = treaty
        self.article = article
        self.attack = attack
        self.day = day
        self.gates: list[Gate] = []
        self.spec = attack.spec
        self.cite = article.citation or f"{treaty.name}, Art {article.id}"
        """The article as cited in the verdict."""
        self.victim_name = _state_name(scenario, attack.spec.victim)

    def gate(self, name: str, passed: bool, detail: str, facts: dict[str, Any]) -> bool:
        """Record a gate; whether it held."""
        self.gates.append(Gate(name, passed, detail, facts))
        return passed

    def done(self, code: VerdictCode, guarantors: Iterable[str] = (), suspended: Iterable[str] = ()) -> Verdict:
        return Verdict(
            treaty=self.treaty.id,
            article=self.article.id,
            attack=self.attack.id,
            code=code,
            gates=tuple(self.gates),
            citation=self.cite,
            obligation=self.article.obligation,
            decision_rule=self.article.decision_rule,
            guarantors=tuple(guarantors),
            suspended=tuple(suspended),
        )


def evaluate(
    scenario: Scenario,
    treaty: Treaty,
    article: Article,
    attack: AttackView,
    day: dt.date,
) -> Verdict:
    """The verdict of ``article`` of ``treaty`` on ``attack`` on ``day``: the gates in order (module docstring),
    stopping at the first that fails."""
    j = _Judging(scenario, treaty, article, attack, day)
    if not _in_force(j):
        return j.done(VerdictCode.NOT_IN_FORCE)
    if treaty.id == CHARTER_ID:
        return _charter(j)
    parties = treaty.parties_on(day)
    if article.kind is ArticleKind.CONSULTATION:
        return _consultation(j, parties)
    if not _party(j, parties):
        return j.done(VerdictCode.NOT_A_PARTY)
    if article.kind is ArticleKind.COOPERATION:
        j.gate(
            "pledge",
            False,
            f"{j.cite} carries no pledge to assist or consult when a party is attacked",
            {"kind": article.kind.value},
        )
        return j.done(VerdictCode.OUT_OF_SCOPE)
    bound, guarantors, suspended = _suspension(j, parties)
    if not bound:
        return j.done(VerdictCode.SUSPENDED, (), suspended)
    failed: VerdictCode | None = None
    if article.initiator_rule and not _initiator(j):
        failed = VerdictCode.VICTIM_INITIATED
    elif not j.gate("adversary", *_adversary_ok(j), {"attacker": j.attack.who}):
        failed = VerdictCode.ADVERSARY_EXCLUDED
    elif (scope := _scope(j)) is not None:
        failed = scope
    elif not _threshold(j):
        failed = VerdictCode.BELOW_THRESHOLD
    elif not _attribution(j):
        failed = VerdictCode.ATTRIBUTION_PENDING
    elif not _request(j):
        failed = VerdictCode.NOT_REQUESTED
    return j.done(failed or VerdictCode.TRIGGERED, guarantors, suspended)


def _in_force(j: _Judging) -> bool:
    in_force = j.treaty.in_force.contains(j.day) and j.article.in_force.contains(j.day)
    return j.gate(
        "in_force",
        in_force,
        f"{j.treaty.name} {'is' if in_force else 'is not'} in force on {j.day.isoformat()}"
        + ("" if in_force else _range_text(j.treaty, j.article)),
        {"date": j.day.isoformat()},
    )


def _party(j: _Judging, parties: tuple[str, ...]) -> bool:
    is_party = j.spec.victim in parties
    return j.gate(
        "party",
        is_party,
        f"{j.victim_name} {'is' if is_party else 'is not'} a party on {j.day.isoformat()}",
        {"victim": j.spec.victim, "parties": list(parties)},
    )


def _suspension(j: _Judging, parties: tuple[str, ...]) -> tuple[bool, list[str], list[str]]:
    """Directed suspensions towards the victim: (anyone still bound, the guarantors, the suspended)."""
    spec = j.spec
    others = [p for p in parties if p not in (spec.victim, j.attack.who)]
    suspended: list[str] = []
    notes: list[str] = []
    for p in others:
        s = j.treaty.suspended(p, spec.victim, j.day)
        if s is not None:
            suspended.append(p)
            if s.note and s.note not in notes:
                notes.append(s.note)
    guarantors = [p for p in others if p not in suspended]
    all_suspended = bool(others) and not guarantors
    noted = f" ({'; '.join(notes)})" if notes else ""
    if all_suspended or (not others and j.treaty.suspended("*", spec.victim, j.day)):
        j.gate(
            "suspension", False, f"obligations towards {j.victim_name} are suspended" + noted, {"suspended": suspended}
        )
        return False, [], suspended
    j.gate(
        "suspension",
        True,
        "no suspension applies"
        if not suspended
        else f"suspended towards {j.victim_name}: {', '.join(suspended)}"
        + noted
        + f"; still bound: {', '.join(guarantors)}",
        {"suspended": suspended, "guarantors": guarantors},
    )
    return True, guarantors, suspended


def _initiator(j: _Judging) -> bool:
    ok = not j.spec.victim_initiated
    return j.gate(
        "initiator",
        ok,
        f"{j.victim_name} did not initiate hostilities"
        if ok
        else f"{j.victim_name} initiated hostilities; the pledge is defensive (UN Charter Art 51)",
        {"victim_initiated": j.spec.victim_initiated},
    )


def _scope(j: _Judging) -> VerdictCode | None:
    """The scope gate: None when the place (and target) is in scope, else the verdict code."""
    spec = j.spec
    loc = j.scenario.locations[spec.location]
    result, detail, idx = evaluate_scope(j.treaty, j.article, loc, spec, j.day)
    facts = loc.facts() | {"target": spec.target.value, "clause": idx}
    if result is ScopeResult.IN:
        j.gate("scope", True, detail, facts)
        return None
    if result is ScopeResult.AMBIGUOUS:
        j.gate("scope", False, detail + " — the law is contested; the facilitator rules", facts)
        return VerdictCode.AMBIGUOUS_SCOPE
    j.gate("scope", False, detail, facts)
    return VerdictCode.OUT_OF_SCOPE


def _threshold(j: _Judging) -> bool:
    attack, article = j.attack, j.article
    ok = attack.gravity >= article.threshold
    return j.gate(
        "threshold",
        ok,
        f"gravity {attack.gravity.name.lower()} {'reaches' if ok else 'is below'} "
        f"the threshold ({article.threshold.name.lower()})"
        + (f"; {attack.gravity_detail}" if attack.gravity_detail else ""),
        {"gravity": attack.gravity.name, "threshold": article.threshold.name, "casualties": j.spec.casualties},
    )


def _attribution(j: _Judging) -> bool:
    attack, article = j.attack, j.article
    needed = article.attribution_min if article.attribution_min is not None else j.scenario.rules.attribution_threshold
    ok = attack.attribution >= needed
    return j.gate(
        "attribution",
        ok,
        f"attribution to {_state_name(j.scenario, attack.who)} is {attack.attribution:.2f} "
        f"({'≥' if ok else '<'} {needed:.2f} needed)",
        {"attribution": round(attack.attribution, 4), "needed": needed},
    )


def _request(j: _Judging) -> bool:
    ok = j.attack.asked(f"{j.treaty.id}:{j.article.id}")
    return j.gate(
        "request",
        ok,
        f"{j.victim_name} "
        + (
            f"declared itself attacked and requested assistance under {j.cite}"
            if ok
            else f"has not requested assistance under {j.cite}"
            + (" (it asked under another article)" if j.attack.requested else "")
            + " (ICJ Nicaragua §199: no collective self-defence without a request)"
        ),
        {"requested": ok},
    )


def _range_text(treaty: Treaty, article: Article) -> str:
    parts = []
    for label, rng in (("treaty", treaty.in_force), ("article", article.in_force)):
        if rng.start or rng.end:
            parts.append(
                f"{label}: {rng.start.isoformat() if rng.start else '…'} to {rng.end.isoformat() if rng.end else '…'}"
            )
    return f" ({'; '.join(parts)})" if parts else ""


def _adversary_ok(j: _Judging) -> tuple[bool, str]:
    cond = j.article.adversary
    who = j.attack.who
    attacker = j.scenario.states.get(who)
    name = attacker.name if attacker else who
    non_state = bool(attacker and attacker.non_state)
    if who == UNKNOWN:
        return True, "the attacker is unknown: the attribution gate decides"
    if j.treaty.is_party(who, j.day):
        return False, (
            f"{name} is itself a party: an attack between parties is a dispute for the treaty's council, not a case "
            "for its defence clause (NATO Art 1; Rio Treaty Arts 7, 18; issue 10)"
        )
    if cond.kind is AdversaryKind.NAMED:
        if who in cond.named:
            return True, f"{name} is a named adversary"
        return False, f"{name} is not among the named adversaries ({', '.join(cond.named)})"
    if cond.kind is AdversaryKind.STATE and non_state:
        if cond.non_state_accepted:
            return True, f"{name} is a non-state actor; accepted by practice" + (f" ({cond.note})" if cond.note else "")
        return False, f"{name} is a non-state actor; the article requires an attack by a State"
    if non_state:
        return True, f"{name} is a non-state actor; the article covers any armed attack"
    return True, f"{name} meets the adversary condition ({cond.kind.value})"


def _consultation(j: _Judging, parties: tuple[str, ...]) -> Verdict:
    """A consultation article: CONSULT once a party that judges itself threatened requests consultations."""
    spec, attack = j.spec, j.attack
    requesters = [s for s in attack.consulting(f"{j.treaty.id}:{j.article.id}") if s in parties]
    others = [p for p in parties if p not in requesters]
    if not requesters and spec.victim not in parties:
        j.gate(
            "party",
            False,
            f"{j.victim_name} is not a party and no party has requested consultations",
            {"victim": spec.victim, "requests": list(attack.consulting(f"{j.treaty.id}:{j.article.id}"))},
        )
        return j.done(VerdictCode.NOT_A_PARTY)
    j.gate(
        "party",
        True,
        f"{j.victim_name} is a party"
        if spec.victim in parties
        else f"{', '.join(requesters)} {'is a party' if len(requesters) == 1 else 'are parties'} that judged "
        f"{'itself' if len(requesters) == 1 else 'themselves'} threatened",
        {"parties": list(parties)},
    )
    if not j.gate(
        "request",
        bool(requesters),
        f"consultations requested by {', '.join(requesters)}; no scope or gravity gate for consultation"
        if requesters
        else "no party has requested consultations",
        {"requests": requesters},
    ):
        return j.done(VerdictCode.NOT_REQUESTED)
    return j.done(VerdictCode.CONSULT, others)


def _charter(j: _Judging) -> Verdict:
    """Collective self-defence under UN Charter Art 51, with no treaty: any state may help a victim of an armed
    attack that declares itself attacked and asks for help (ICJ Nicaragua §§195, 199); nobody is bound to."""
    spec = j.spec
    victim = j.scenario.states.get(spec.victim)
    member = victim is not None and victim.un_member
    j.gate(
        "party",
        member,
        f"{j.victim_name} is a member of the United Nations"
        if member
        else f"{j.victim_name} is not a member of the United Nations: its standing to ask for collective "
        "self-defence is contested",
        {"victim": spec.victim},
    )
    if not member:
        return j.done(VerdictCode.AMBIGUOUS_SCOPE)
    if not _initiator(j):
        return j.done(VerdictCode.VICTIM_INITIATED)
    j.gate("scope", True, "Art 51 has no geographic limit: the victim's territory or its forces anywhere", {})
    if not _threshold(j):
        return j.done(VerdictCode.BELOW_THRESHOLD)
    if not _attribution(j):
        return j.done(VerdictCode.ATTRIBUTION_PENDING)
    if not _request(j):
        return j.done(VerdictCode.NOT_REQUESTED)
    return j.done(VerdictCode.TRIGGERED)


def verdicts_for(scenario: Scenario, attack: AttackView, day: dt.date) -> list[Verdict]:
    """The verdict of every article (except definitions) of every treaty on one attack, then UN Charter Art 51
    (collective self-defence at the request of the victim, treaty or none)."""
    out: list[Verdict] = []
    for treaty in (*scenario.treaties, scenario.charter):
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
