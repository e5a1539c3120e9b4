"""The scenario's facts: states, places, treaties and their articles, forces, injects and the scenario itself.

They are frozen dataclasses and never change during a game (the changing state is in :mod:`.world`; the
rules' numbers in :mod:`.rules`). Nothing here imports Qt, SQLAlchemy or touches the file system.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from .codec import options
from .crisis_facts import CrisisFacts
from .enums import (
    AdversaryKind,
    ArticleKind,
    AttackKind,
    DecisionRule,
    Doctrine,
    Domain,
    ForceRole,
    Government,
    Gravity,
    Intent,
    LocationId,
    LocationKind,
    Obligation,
    ScopeResult,
    StateId,
    TargetKind,
    Transport,
)
from .military import Military
from .rules import Rules

# --------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """A state (or a named non-state actor when ``non_state`` is true)."""

    id: StateId
    name: str
    government: Government = Government.DEMOCRACY
    continent: str = ""
    oceans: tuple[str, ...] = ()
    lat: float = 0.0
    lon: float = 0.0
    gdp_busd: float = 0.0
    population_m: float = 0.0
    defence_budget_busd: float = 0.0
    opinion_baseline: float = 50.0
    """Support (0-100) for using force to defend an ally, before any crisis."""
    support_threshold: float = 50.0
    """A democracy needs at least this support to deploy abroad without a vote."""
    legislative_lag_days: float = 0.0
    """Days a legislature takes to approve a deployment abroad (0 = executive decides)."""
    needs_prior_approval: bool = False
    """The constitution requires the legislature's consent before deploying abroad."""
    doctrine: Doctrine = Doctrine.CAUTIOUS
    non_state: bool = False
    un_member: bool = True
    """A member of the United Nations (Taiwan and Kosovo are not: their standing to ask for collective
    self-defence under Art 51 is contested)."""
    host: StateId = ""
    """For a non-state actor: the State from whose territory it mainly operates (its base)."""


@dataclass(frozen=True)
class Location:
    """A place that can be attacked: a whole state, a place of ``locations.csv`` or a sea area."""

    id: LocationId
    name: str
    kind: LocationKind
    administered_by: StateId | None
    claimants: tuple[StateId, ...] = ()
    continent: str = ""
    oceans: tuple[str, ...] = ()
    """The ocean basins the place lies in or borders ('' for a landlocked place)."""
    sea: str = ""
    lat: float = 0.0
    lon: float = 0.0
    note: str = ""
    coastal: bool = False
    """On a coast: naval forces may go there (a sea area always takes them)."""
    airbase: bool = False
    """Has an airfield that can base an air force and receive airlift."""

    def facts(self) -> dict[str, Any]:
        """The facts a scope gate uses, for the verdict's reasons."""
        return {
            "location": self.id,
            "kind": self.kind.value,
            "administered_by": self.administered_by,
            "claimants": list(self.claimants),
            "continent": self.continent,
            "oceans": list(self.oceans),
            "sea": self.sea,
            "lat": self.lat,
            "lon": self.lon,
        }


@dataclass(frozen=True)
class DateRange:
    """A half-open validity interval ``[start, end)``; ``None`` means unbounded."""

    start: dt.date | None = None
    end: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day < self.end)


@dataclass(frozen=True)
class Membership:
    """A state's membership of a treaty over time."""

    state: StateId
    joined: dt.date | None = None
    left: dt.date | None = None
    note: str = ""

    def active(self, day: dt.date) -> bool:
        return DateRange(self.joined, self.left).contains(day)


@dataclass(frozen=True)
class Suspension:
    """A suspended obligation. ``guarantor`` owes nothing to ``beneficiary`` during ``period``.

    ``"*"`` stands for every party, so a frozen participation (Armenia in the CSTO from
    2024) is two suspensions: ARM→* and *→ARM.
    """

    guarantor: StateId
    beneficiary: StateId
    start: dt.date | None = None
    end: dt.date | None = None
    note: str = ""

    def applies(self, guarantor: StateId, beneficiary: StateId, day: dt.date) -> bool:
        return (
            self.guarantor in ("*", guarantor)
            and self.beneficiary in ("*", beneficiary)
            and DateRange(self.start, self.end).contains(day)
        )


@dataclass(frozen=True)
class ScopeClause:
    """One clause of an article's scope. An article's clauses are tried in order; the first
    clause whose every condition holds gives the result; if none holds the location is out.

    Every condition left at its default does not constrain.  The conditions test the
    location's *facts*, so a place nobody listed still gets an answer.
    """

    result: ScopeResult = ScopeResult.IN
    targets: tuple[TargetKind, ...] = ()
    kinds: tuple[LocationKind, ...] = ()
    continents: tuple[str, ...] = ()
    oceans: tuple[str, ...] = ()
    seas: tuple[str, ...] = ()
    min_lat: float | None = None
    max_lat: float | None = None
    administered_by_victim: bool | None = None
    administered_by_party: bool | None = None
    administered_by: tuple[StateId, ...] = ()
    disputed: bool | None = None
    polygon: tuple[tuple[float, float], ...] = ()
    """(lat, lon) vertices; the location must lie inside (even-odd rule, plate carrée)."""
    valid: DateRange = DateRange()
    note: str = ""


@dataclass(frozen=True)
class AdversaryCondition:
    kind: AdversaryKind = AdversaryKind.ANY
    named: tuple[StateId, ...] = ()
    non_state_accepted: bool = False
    """A practice that accepted a non-state attacker (the OAS on 21 Sep 2001)."""
    exclude_parties: bool = False
    """An attack by another party is not covered (intra-alliance disputes)."""
    note: str = ""


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    kind: ArticleKind
    obligation: Obligation = Obligation.AS_DEEMS_NECESSARY
    threshold: Gravity = Gravity.ARMED_ATTACK
    adversary: AdversaryCondition = AdversaryCondition()
    initiator_rule: bool = True
    """The victim must not have initiated hostilities (the treaty is defensive)."""
    scope: tuple[ScopeClause, ...] = ()
    scope_from: str | None = None
    """Use the scope clauses of another article of the same treaty (NATO Art 5 → Art 6)."""
    decision_rule: DecisionRule = DecisionRule.INDIVIDUAL
    decision_days: float = 1.0
    """Days the decision body needs before the collective outcome is settled."""
    attribution_min: float | None = None
    """Attribution confidence needed; ``None`` = the rules' default."""
    concerns: tuple[StateId, ...] = ()
    """For a consultation article: the states whose situation it is about (Budapest para 6: Ukraine, "questions
    concerning these commitments"). Empty: the security of any party (NATO Art 4), so parties exposed to an attack
    on a non-party may ask for consultations."""
    in_force: DateRange = DateRange()
    citation: str = ""
    text: str = ""
    source: str = ""

    def about(self, victim: StateId) -> bool:
        """Whether this article may be asked about an attack on ``victim`` (see ``concerns``)."""
        return not self.concerns or victim in self.concerns


@dataclass(frozen=True)
class Treaty:
    id: str
    name: str
    in_force: DateRange
    parties: tuple[Membership, ...]
    articles: tuple[Article, ...]
    suspensions: tuple[Suspension, ...] = ()
    source: str = ""
    note: str = ""

    def parties_on(self, day: dt.date) -> tuple[StateId, ...]:
        """The parties on ``day``, in the treaty's order (memoised per day: the parties never change)."""
        memo = self._parties_memo
        hit = memo.get(day)
        if hit is None:
            states = tuple(m.state for m in self.parties if m.active(day))
            hit = memo[day] = (states, frozenset(states))
        return hit[0]

    def is_party(self, state: StateId, day: dt.date) -> bool:
        hit = self._parties_memo.get(day)
        if hit is None:
            self.parties_on(day)
            hit = self._parties_memo[day]
        return state in hit[1]

    @functools.cached_property
    def _parties_memo(self) -> dict[dt.date, tuple[tuple[StateId, ...], frozenset[StateId]]]:
        return {}

    def article(self, article_id: str) -> Article:
        for art in self.articles:
            if art.id == article_id:
                return art
        raise KeyError(f"treaty {self.id} has no article {article_id!r}")

    def suspended(self, guarantor: StateId, beneficiary: StateId, day: dt.date) -> Suspension | None:
        for s in self.suspensions:
            if s.applies(guarantor, beneficiary, day):
                return s
        return None


@dataclass(frozen=True)
class ForceDef:
    """A force as the scenario defines it (brigade, wing, task group …)."""

    id: str
    owner: StateId
    name: str
    kind: str
    combat_power: float
    personnel: int
    home: LocationId
    readiness_days: float
    transport: Transport = Transport.ROAD
    speed_km_per_day: float = 400.0
    daily_cost_musd: float = 0.0
    """Platform operating cost per day while not in garrison, US$ million, on top of the personnel-based cost
    of ``Rules`` (0 for most forces: the troop-day rates cover them)."""
    role: ForceRole = ForceRole.EXPEDITIONARY
    domain: Domain = Domain.LAND
    theatre: str = ""
    """The theatre it belongs to ('' = the theatre its home lies in)."""
    lift_tonnes: float = 0.0
    """Tonnes to move it by strategic air or sea lift (0: estimated from personnel by ``Rules``)."""


CHARTER_ID = "UN"
"""The id under which UN Charter Art 51 is judged as a treaty (``UN:51``)."""

_TYPED = options(coerce=True)
"""An inject typed by hand (a command payload) is converted to the field's type when read."""
_NEW = options(coerce=True, omit_default=True)
"""A field added in rules version 2: typed like the others, and left out of the stored form while it has its
default (so an inject without it is stored as before)."""


@dataclass(frozen=True)
class AttackSpec:
    """An inject: who attacked whom, where, how, and how sure we are of the attacker."""

    attacker: StateId
    victim: StateId
    location: LocationId
    kind: AttackKind
    target: TargetKind = TargetKind.TERRITORY
    casualties: int = field(default=0, metadata=_TYPED)
    damage_musd: float = field(default=0.0, metadata=_TYPED)
    attribution: float = field(default=1.0, metadata=_TYPED)
    victim_initiated: bool = field(default=False, metadata=_TYPED)
    request: bool = field(default=True, metadata=_TYPED)
    """The victim declares itself attacked at once and makes its requests (under the articles of
    ``request_under``, else those its forum preferences name). In ``wargame assess``: as if it had requested
    under every article."""
    description: str = field(default="", metadata=_TYPED)
    intent: Intent = field(default=Intent.DELIBERATE, metadata=_NEW)
    injured: int = field(default=0, metadata=_NEW)
    """People injured (gravity of cyber and gray-zone incidents; Oil Platforms §72: the Samuel B. Roberts)."""
    platforms: int = field(default=0, metadata=_NEW)
    """Warships, public vessels, military aircraft or major installations destroyed or disabled."""
    weapons: int = field(default=0, metadata=_NEW)
    """Missiles or drones in one salvo, or rounds in one barrage."""
    troops: int = field(default=0, metadata=_NEW)
    """For an invasion (or covert forces seizing ground): the troops that crossed; 0 = an invasion in force."""
    physical: bool = field(default=False, metadata=_NEW)
    """For a cyber or hybrid attack: it caused physical destruction (its damage is physical, not economic)."""
    domestic: bool = field(default=False, metadata=_NEW)
    """For a terrorist attack: a domestic cell with no direction from abroad (London 2005)."""
    campaign: str = field(default="", metadata=_NEW)
    """A declared or evident campaign this incident belongs to (incidents of one campaign may add up)."""
    suspects: dict[str, float] = field(default_factory=dict, metadata=_NEW)
    """Candidate attackers and their weights when the attack is first reported (empty: the attacker, with
    ``attribution``); the attacker may be ``UNKNOWN``."""
    attribution_days: float | None = field(default=None, metadata=_NEW)
    """Days until a working attribution names the attacker; None draws it from its kind's distribution, a
    negative number means never."""
    request_under: tuple[str, ...] = field(default=(), metadata=_NEW)
    """With ``request``: the articles (``TREATY:ARTICLE``, ``UNSC``, ``UN:51``) the victim asks under at once."""
    response_to: str = field(default="", metadata=_NEW)
    """This use of force answers that attack (an id, ``A3``, or an MSEL serial ``#3``) in self-defence."""
    anticipatory: bool = field(default=False, metadata=_NEW)
    """The attacker claims anticipatory self-defence against an imminent attack (judged by the Caroline test)."""
    imminent_days: float = field(default=0.0, metadata=_NEW)
    """For an anticipatory claim: in how many days the feared attack was expected (0 = not said)."""


@dataclass(frozen=True)
class ScheduledInject:
    """An MSEL row: an attack that enters the world at the start of ``turn``."""

    serial: str
    turn: int
    attack: AttackSpec


@dataclass(frozen=True)
class EndCondition:
    """The game ends when ``location`` is controlled by ``controller`` (``kind='control'``)."""

    kind: str
    location: LocationId = ""
    controller: StateId = ""
    label: str = ""


@dataclass(frozen=True)
class Objective:
    """A scored objective for a side (``side`` is a list of states; empty = the scenario's defenders).

    Kinds: ``hold`` — ``location`` is held by one of ``side`` at ``turn`` (or at the end);
    ``cohesion`` — no collective outcome of ``treaty`` is BLOCKED; ``budget`` — no state of ``side`` has
    an exhausted budget at the end; ``no_war`` — ``side`` (the aggressor) is never answered by an invoked defence article.
    """

    id: str
    kind: str
    label: str
    points: int = 10
    side: tuple[StateId, ...] = ()
    location: LocationId = ""
    treaty: str = ""
    turn: int | None = None


@dataclass(frozen=True)
class Scenario:
    """Everything a game starts from. Built by :mod:`wargame.scenario` from a TOML file."""

    id: str
    name: str
    briefing: str
    start_date: dt.date
    turn_length_days: float
    states: dict[StateId, State]
    locations: dict[LocationId, Location]
    treaties: tuple[Treaty, ...]
    forces: tuple[ForceDef, ...]
    rules: Rules = Rules()
    injects: tuple[ScheduledInject, ...] = ()
    end_conditions: tuple[EndCondition, ...] = ()
    max_turns: int = 30
    default_seed: int = 1
    objectives: tuple[Objective, ...] = ()
    ai_aggressors: tuple[StateId, ...] = ()
    """States the aggressor AI may play (empty: every state with the aggressor doctrine)."""
    source_hash: str = ""
    """sha256 of the scenario text it was built from (for the saved game and replay)."""
    military: Military = Military()
    """Theatres, plans, transit policies, straits, lift, munitions, nuclear doctrines, land outlines."""
    map_views: tuple[tuple[str, tuple[float, float, float, float]], ...] = ()
    """The scenario's own views of the map, (name, (lat_min, lat_max, lon_min, lon_max)), the first opened
    first (presentation only: the rules never read it)."""
    theatre: tuple[StateId, ...] = ()
    """The states at stake, which the map names first (presentation only)."""
    crisis: CrisisFacts = field(default_factory=CrisisFacts)
    """Forum preferences, legal clocks, relations, sponsors, borders, the Council's seats, consultation measures."""

    def date_of(self, turn: int) -> dt.date:
        """The calendar date of a turn (turn 0 = the start date)."""
        return self.start_date + dt.timedelta(days=int(turn * self.turn_length_days))

    def days_between(self, turn_a: int, turn_b: int) -> float:
        return (turn_b - turn_a) * self.turn_length_days

    @functools.cached_property
    def route_cache(self) -> dict[str, Any]:
        """Memo of the route planner (:mod:`wargame.engine.routes`) for this scenario: facts never change."""
        return {}

    @functools.cached_property
    def verdict_cache(self) -> dict[Any, Any]:
        """Memo of the verdict phase (:mod:`wargame.engine.phases.verdicts`): the verdicts on an attack are a pure
        function of the scenario, of what the gates see of the attack (:class:`~wargame.engine.verdicts.AttackView`)
        and of the day it began, so they are worked out again only when one of those changes."""
        return {}

    def derive(self, **changes: Any) -> Scenario:
        """This scenario with some fields replaced (:func:`dataclasses.replace`). The route memo goes along when
        nothing it depends on changed — the places, the outlines and theatres (``military``), the treaties (allies)
        and ``rules.air_radius_km`` (air bases) — so that the runs of a batch, each with its own derived scenario
        (``--turns``, ``--vary``), work out each route once per process instead of once per run; the verdict memo
        goes along when only ``max_turns`` changed. Every memo is a pure function of those inputs and of its key,
        so sharing it changes no outcome."""
        new = dataclasses.replace(self, **changes)
        if set(changes) <= {"max_turns"}:  # the verdicts do not depend on the game's length
            new.__dict__["verdict_cache"] = self.verdict_cache
        if (
            new.locations is self.locations
            and new.military is self.military
            and new.treaties is self.treaties
            and new.rules.air_radius_km == self.rules.air_radius_km
        ):
            new.__dict__["route_cache"] = self.route_cache
        return new

    @functools.cached_property
    def _forces_by_id(self) -> dict[str, ForceDef]:
        return {f.id: f for f in self.forces}

    @functools.cached_property
    def forces_by_owner(self) -> dict[StateId, tuple[ForceDef, ...]]:
        """Each state's forces, in scenario order."""
        out: dict[StateId, list[ForceDef]] = {}
        for f in self.forces:
            out.setdefault(f.owner, []).append(f)
        return {k: tuple(v) for k, v in out.items()}

    @functools.cached_property
    def _treaties_by_id(self) -> dict[str, Treaty]:
        out = {t.id: t for t in self.treaties}
        out.setdefault(CHARTER_ID, self.charter)
        return out

    @functools.cached_property
    def charter(self) -> Treaty:
        """UN Charter Art 51 as a treaty of every state: collective self-defence at the victim's request, with no
        treaty (its verdict binds nobody; :func:`wargame.engine.verdicts.evaluate` judges it)."""
        return Treaty(
            id=CHARTER_ID,
            name="Charter of the United Nations",
            in_force=DateRange(dt.date(1945, 10, 24)),
            parties=(),
            articles=(
                Article(
                    id="51",
                    title="Collective self-defence at the request of the victim",
                    kind=ArticleKind.DEFENCE,
                    obligation=Obligation.NONE,
                    threshold=Gravity.ARMED_ATTACK,
                    decision_rule=DecisionRule.INDIVIDUAL,
                    decision_days=0.0,
                    citation="UN Charter, Art 51",
                    text="Nothing in the Charter impairs the inherent right of individual or collective self-defence "
                    "if an armed attack occurs, until the Security Council has taken measures necessary to maintain "
                    "international peace and security; measures taken are immediately reported to the Council.",
                    source="UN Charter Art 51; ICJ Nicaragua §§195, 199 (declaration and request); Kuwait 1990 "
                    "(res 661 affirms the right)",
                ),
            ),
            source="UN Charter (1945), Art 51",
        )

    def treaty(self, treaty_id: str) -> Treaty:
        return self._treaties_by_id[treaty_id]

    def force(self, force_id: str) -> ForceDef:
        try:
            return self._forces_by_id[force_id]
        except KeyError:
            raise KeyError(force_id) from None
