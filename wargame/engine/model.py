"""The world model: frozen scenario facts and the mutable state of a game.

Two kinds of objects live here:

* **Facts** (frozen dataclasses): states, locations, treaties and their articles, forces as
  defined by the scenario, and the rules' parameters.  They never change during a game.
* **Game state** (:class:`WorldState` and its parts): what changes turn by turn.  It is plain
  data that round-trips through :meth:`WorldState.to_dict` / :meth:`WorldState.from_dict`, so the
  saved game can store it and the state hash can be computed from it.

Nothing here imports Qt, SQLAlchemy or touches the file system.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from dataclasses import dataclass, field
from typing import Any, TypeAlias

StateId: TypeAlias = str
"""An ISO3 code ("EST") or the id of a named non-state actor ("ISIL")."""
LocationId: TypeAlias = str
"""A state's ISO3 code (its whole territory) or a place id from ``locations.csv``."""


class Government(str, enum.Enum):
    """Form of government; decides how much public support constrains decisions."""

    DEMOCRACY = "democracy"
    HYBRID = "hybrid"
    AUTOCRACY = "autocracy"


class Doctrine(str, enum.Enum):
    """The default policy's temperament for a state nobody controls."""

    RELIABLE = "reliable"
    """Honours commitments with forces when opinion and budget allow."""
    CAUTIOUS = "cautious"
    """Mobilises, deploys only with comfortable support."""
    FREE_RIDER = "free_rider"
    """Statements and sanctions; forces only if itself attacked."""
    NEUTRAL = "neutral"
    """Non-military aid only (the TEU 42(7) neutrality caveat)."""
    AGGRESSOR = "aggressor"
    """Pursues its own attacks; never assists the states it attacks."""


class LocationKind(str, enum.Enum):
    """What kind of place a location is; the scope clauses test it."""

    STATE = "state"
    """The whole territory of a state (its ISO3 code)."""
    LAND = "land"
    ISLAND = "island"
    OVERSEAS = "overseas"
    FEATURE = "feature"
    """A reef or shoal; not clearly 'territory'."""
    SEA = "sea"


class TargetKind(str, enum.Enum):
    """What the attack hit: the victim's territory, or its forces/vessels/aircraft."""

    TERRITORY = "territory"
    FORCES = "forces"


class AttackKind(str, enum.Enum):
    """How the attack was made; decides its gravity with the casualties."""

    INVASION = "invasion"
    STRIKE = "strike"
    MISSILE = "missile"
    NAVAL = "naval"
    AIR = "air"
    SHELLING = "shelling"
    CYBER = "cyber"
    TERRORIST = "terrorist"
    HYBRID = "hybrid"
    GRAY_ZONE = "gray_zone"
    AIRSPACE_VIOLATION = "airspace_violation"
    THREAT = "threat"


class Gravity(enum.IntEnum):
    """How grave an attack is, in the ICJ's terms (Nicaragua para 191, 195)."""

    THREAT = 0
    """A threat: no force used."""
    INCIDENT = 1
    """Gray-zone or airspace incident: below the use of force."""
    USE_OF_FORCE = 2
    """A 'less grave' use of force, e.g. a frontier incident."""
    ARMED_ATTACK = 3
    """An armed attack by its scale and effects (UN Charter Art 51)."""
    STATE_OF_WAR = 4
    """An armed attack that puts the victim in a state of war (invasion or mass casualties)."""


class ArticleKind(str, enum.Enum):
    """The ATOP kind of pledge an article makes."""

    DEFENCE = "defence"
    CONSULTATION = "consultation"
    NEUTRALITY = "neutrality"
    NON_AGGRESSION = "non_aggression"
    DEFINITION = "definition"
    """Defines terms or scope for other articles (NATO Art 6); gets no verdict of its own."""
    COOPERATION = "cooperation"
    """A look-alike with no defence pledge (AUKUS); never TRIGGERED."""


class Obligation(str, enum.Enum):
    """How strongly an article binds the other parties (never 'automatic war')."""

    AUTOMATIC_ALL_MEANS = "automatic_all_means"
    ALL_MEANS_IN_POWER = "all_means_in_power"
    AS_DEEMS_NECESSARY = "as_deems_necessary"
    CONSTITUTIONAL_PROCESSES = "constitutional_processes"
    CONSULT_ONLY = "consult_only"
    NO_COMPULSORY_FORCE = "no_compulsory_force"
    NONE = "none"


class DecisionRule(str, enum.Enum):
    """How a treaty's parties turn verdicts into a collective outcome."""

    CONSENSUS = "consensus"
    """Any party's objection blocks (NATO NAC silence procedure, CSTO CSC)."""
    TWO_THIRDS = "two_thirds"
    """Two-thirds of the parties, the parties to the dispute excluded (Rio Arts 17-18)."""
    INDIVIDUAL = "individual"
    """Each party decides for itself under its constitutional processes."""
    VICTIM_INVOKES = "victim_invokes"
    """The victim invokes; each party decides bilaterally what to give (TEU 42(7))."""


class AdversaryKind(str, enum.Enum):
    """Whom the article answers: any attacker, any State, or named adversaries."""

    ANY = "any"
    STATE = "state"
    NAMED = "named"


class ScopeResult(str, enum.Enum):
    """What a matching scope clause says about the location."""

    IN = "in"
    OUT = "out"
    AMBIGUOUS = "ambiguous"


class VerdictCode(str, enum.Enum):
    """The stable verdict codes (DESIGN §4): the CLI's JSON, the GUI and reports use them."""

    TRIGGERED = "TRIGGERED"
    CONSULT = "CONSULT"
    NOT_IN_FORCE = "NOT_IN_FORCE"
    NOT_A_PARTY = "NOT_A_PARTY"
    SUSPENDED = "SUSPENDED"
    VICTIM_INITIATED = "VICTIM_INITIATED"
    ADVERSARY_EXCLUDED = "ADVERSARY_EXCLUDED"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"
    AMBIGUOUS_SCOPE = "AMBIGUOUS_SCOPE"
    BELOW_THRESHOLD = "BELOW_THRESHOLD"
    ATTRIBUTION_PENDING = "ATTRIBUTION_PENDING"
    NOT_REQUESTED = "NOT_REQUESTED"


class Outcome(str, enum.Enum):
    """A collective outcome of a decision rule; separate from verdicts."""

    INVOKED = "INVOKED"
    BLOCKED = "BLOCKED"
    PENDING = "PENDING"


class Stance(str, enum.Enum):
    """A party's position on an invocation."""

    SUPPORT = "support"
    OBJECT = "object"
    ABSTAIN = "abstain"
    UNDECIDED = "undecided"


class ForceStatus(str, enum.Enum):
    """Where a force is in its mobilisation cycle."""

    GARRISON = "garrison"
    MOBILISING = "mobilising"
    READY = "ready"
    IN_TRANSIT = "in_transit"
    DEPLOYED = "deployed"
    DESTROYED = "destroyed"


class Transport(str, enum.Enum):
    """How a force travels; the speed comes from the force's own figure."""

    ROAD = "road"
    RAIL = "rail"
    AIR = "air"
    SEA = "sea"


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

    @property
    def is_territory(self) -> bool:
        return self.kind is not LocationKind.SEA

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
    in_force: DateRange = DateRange()
    citation: str = ""
    text: str = ""
    source: str = ""


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
        return tuple(m.state for m in self.parties if m.active(day))

    def is_party(self, state: StateId, day: dt.date) -> bool:
        return any(m.state == state and m.active(day) for m in self.parties)

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
    daily_cost_musd: float = 1.0
    """Operating cost per day while not in garrison, US$ million."""


@dataclass(frozen=True)
class AttackSpec:
    """An inject: who attacked whom, where, how, and how sure we are of the attacker."""

    attacker: StateId
    victim: StateId
    location: LocationId
    kind: AttackKind
    target: TargetKind = TargetKind.TERRITORY
    casualties: int = 0
    damage_musd: float = 0.0
    attribution: float = 1.0
    victim_initiated: bool = False
    request: bool = True
    """The victim declares itself attacked and requests assistance at once."""
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "attacker": self.attacker,
            "victim": self.victim,
            "location": self.location,
            "kind": self.kind.value,
            "target": self.target.value,
            "casualties": self.casualties,
            "damage_musd": self.damage_musd,
            "attribution": self.attribution,
            "victim_initiated": self.victim_initiated,
            "request": self.request,
            "description": self.description,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AttackSpec:
        return cls(
            attacker=d["attacker"],
            victim=d["victim"],
            location=d["location"],
            kind=AttackKind(d["kind"]),
            target=TargetKind(d.get("target", "territory")),
            casualties=int(d.get("casualties", 0)),
            damage_musd=float(d.get("damage_musd", 0.0)),
            attribution=float(d.get("attribution", 1.0)),
            victim_initiated=bool(d.get("victim_initiated", False)),
            request=bool(d.get("request", True)),
            description=str(d.get("description", "")),
        )


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


def _share(default: float) -> float:
    """A :class:`Rules` field that is a share or a probability (0 to 1)."""
    return field(default=default, metadata={"max": 1.0})


@dataclass(frozen=True)
class Rules:
    """Model parameters: every number a rule uses. Defaults are documented assumptions or sourced; a scenario
    overrides any of them in its ``[rules]`` table.

    Sources for the forms: ``reference/numbers.md`` §2d (Mueller log-casualty form, rally
    decay, Gelpi/Feaver/Reifler success term) and §4 (decision lags). A field made with :func:`_share`
    is a share or a probability: a scenario may not set it above 1.
    """

    attribution_threshold: float = _share(0.7)
    """Confidence in the attacker needed before a defence article triggers (ICJ Oil Platforms: the burden of
    proof; the figure is an assumption)."""
    attribution_rate_per_day: float = 0.10
    """How fast attribution confidence rises towards 1 for kinetic attacks (assumption)."""
    cyber_attribution_rate_per_day: float = 0.02
    """Cyber attribution is slow (assumption: weeks to months)."""
    armed_attack_casualties: int = 1
    """Casualties from which a kinetic attack counts as an armed attack (assumption)."""
    war_casualties: int = 100
    """Casualties from which an armed attack puts the victim in a state of war (assumption)."""
    cyber_armed_attack_damage_musd: float = 1000.0
    """Damage from which a cyber attack is treated as an armed attack (NATO Wales 2014 §72; figure assumed)."""
    cumulative_window_days: float = 30.0
    """Incidents by the same attacker on the same victim within this window add up (ICJ Oil Platforms §64; the
    window is an assumption)."""
    rally_own: float = 20.0
    """Rally (points) after an armed attack on one's own territory or forces (numbers.md §2d: 10-35)."""
    rally_ally: float = 6.0
    """Rally after an armed attack on a treaty ally (assumption, k_ally ≈ 0.3)."""
    rally_half_life_days: float = 120.0
    """Half-life of a rally (numbers.md §2d suggests 3-6 months)."""
    mueller_b: float = 15.0
    """Points lost per tenfold rise in cumulative casualties (Mueller 1973; unconfirmed value)."""
    mueller_c0: float = 100.0
    """Casualty scale of the log term (assumption)."""
    recent_loss_beta: float = 0.05
    """Points per (casualties within the recent-loss window per million people) (assumption)."""
    success_gamma: float = 20.0
    """Points per unit of (expected success − 0.5) (Gelpi, Feaver & Reifler form; value assumed)."""
    alliance_cue: float = 5.0
    """Points when an alliance the state belongs to invokes on its behalf or for an ally (assumption)."""
    autocracy_weight: float = _share(0.3)
    """How much opinion constrains an autocracy's decisions compared with a democracy (assumption)."""
    ops_reserve_share: float = _share(0.05)
    """Share of the annual defence budget available for unplanned operations (assumption)."""
    supplemental_share: float = _share(0.05)
    """Size of a supplemental budget request, as a share of the annual budget (assumption)."""
    supplemental_lag_days: float = 14.0
    """Days a supplemental request takes when the legislature has no lag of its own (assumption)."""
    exhausted_readiness_penalty_days: float = 2.0
    """Extra days to ready for every force of a state whose budget is exhausted (assumption)."""
    defender_bonus: float = 1.5
    """Multiplier on the defender's combat power (assumption in the 1.5-3 rule-of-thumb range)."""
    attrition_rate: float = 0.02
    """Lanchester-style daily attrition coefficient (assumption)."""
    max_daily_loss: float = _share(0.15)
    """No side loses more than this share of its strength in one day (assumption)."""
    combat_noise: float = 0.15
    """Standard deviation of the multiplicative noise on each side's losses (assumption)."""
    control_ratio: float = 1.0
    """An attacker takes a location when its power exceeds the defence × bonus × this ratio (assumption)."""
    invasion_radius_km: float = 600.0
    """Attacker forces within this distance of an invaded location join the assault (assumption)."""
    threat_radius_km: float = 1500.0
    """States whose capital is within this distance of an attack feel threatened (assumption)."""
    kinetic_armed_attack_damage_musd: float = 10.0
    """Damage from which a kinetic attack without casualties counts as an armed attack (assumption)."""

    # Opinion (numbers.md §2d)
    rally_cap: float = 35.0
    """Most points all rallies together can add: the largest rally on record (Gallup, Sep 2001: +35, +39 at
    peak; numbers.md §2d)."""
    recent_loss_window_days: float = 28.0
    """Casualties within this many days count as recent losses (numbers.md §2d: 'last 4 weeks', Gartner-type term)."""
    recent_loss_cap: float = 15.0
    """Most points the recent-loss term can take away (assumption)."""
    opinion_event_points: float = 2.0
    """A change of support of at least this many points is logged as an event (presentation; assumption)."""

    # Budget
    transit_cost_factor: float = 1.5
    """A force in transit costs this many times its daily cost (assumption)."""
    combat_cost_factor: float = 2.0
    """A force that fought this turn costs this many times its daily cost (assumption)."""
    deployment_cost_days: float = 30.0
    """Days of deployment a government wants funded before it deploys (assumption)."""

    # Engagements
    combat_effective_strength: float = _share(0.25)
    """A force below this share of its strength is no longer combat-effective (assumption)."""
    reinforce_radius_factor: float = 3.0
    """An invader reinforces its assault with forces within this many invasion radii (assumption)."""

    # The default policy
    stance_object_below: float = 25.0
    """Below this effective support a government objects to an invocation (assumption)."""
    stance_abstain_below: float = 40.0
    """Below this support a free-rider or neutral government abstains (assumption)."""
    cautious_deploy_margin: float = 10.0
    """A cautious government deploys only with support this many points above its threshold (assumption)."""
    decline_margin: float = 20.0
    """A democracy whose support is more than this many points below its threshold declines to commit forces
    (assumption)."""
    reliable_forces: int = 3
    """Forces a reliable ally sends (assumption)."""
    cautious_forces: int = 1
    """Forces a cautious ally sends (assumption)."""
    approval_autocracy: float = _share(0.97)
    """Chance an autocracy's legislature approves a deployment or a supplemental (assumption)."""
    approval_midpoint_democracy: float = 45.0
    """Support at which a democracy's legislature approves with even odds (logistic; assumption)."""
    approval_midpoint_hybrid: float = 35.0
    """Support at which a hybrid regime's legislature approves with even odds (logistic; assumption)."""
    approval_slope: float = 8.0
    """Points of support that change the odds of approval e-fold (logistic scale; assumption)."""
    difficulty_support_shift: float = 10.0
    """Points added to allies' effective support when they weigh a response at 'easy', taken away at 'hard'
    (assumption)."""

    # The aggressor AI (assumptions, tuned on the bundled scenarios)
    ai_cadence_turns: int = 3
    """The aggressor acts at most once every this many turns (assumption)."""
    ai_horizon_days: float = 7.0
    """How far ahead the aggressor counts arriving defenders (assumption: a week)."""
    ai_probe_limit: float = 3.0
    """Highest deterrence ratio at which the aggressor probes in the gray zone (× boldness; assumption)."""
    ai_limited_limit: float = 1.5
    """Highest deterrence ratio at which it makes a limited strike (× boldness; assumption)."""
    ai_major_limit: float = 0.8
    """Highest deterrence ratio at which it invades (× boldness; assumption)."""
    ai_probe_casualties: int = 0
    """Casualties a gray-zone probe causes (assumption)."""
    ai_limited_casualties: int = 20
    """Casualties a limited strike causes (assumption)."""
    ai_major_casualties: int = 100
    """Casualties an invasion causes on its first day (assumption)."""
    ai_probe_attribution: float = _share(0.6)
    """Attribution confidence of a probe: deniable (assumption)."""
    ai_attribution: float = _share(0.9)
    """Attribution confidence of a strike or an invasion (assumption)."""
    ai_boldness_easy: float = 0.7
    """Multiplier on the rung limits at 'easy' (a timid aggressor; assumption)."""
    ai_boldness_normal: float = 1.0
    """Multiplier on the rung limits at 'normal' (the reference; assumption)."""
    ai_boldness_hard: float = 1.4
    """Multiplier on the rung limits at 'hard' (a bold aggressor; assumption)."""
    ai_halt_ratio: float = 1.2
    """The aggressor halts when the defenders at an invaded place outweigh its forces by more than this
    (assumption)."""
    ai_credibility_reliable: float = _share(0.9)
    """How likely the aggressor thinks a reliable ally is to act (assumption)."""
    ai_credibility_cautious: float = _share(0.6)
    """… a cautious ally (assumption)."""
    ai_credibility_free_rider: float = _share(0.2)
    """… a free-rider (assumption)."""
    ai_credibility_neutral: float = _share(0.1)
    """… a neutral state (assumption)."""
    ai_credibility_aggressor: float = _share(0.0)
    """… another aggressor (assumption)."""
    ai_support_factor_min: float = 0.2
    """Lowest factor a democracy's support (over its threshold) puts on its credibility (assumption)."""
    ai_support_factor_max: float = 1.2
    """Highest such factor (assumption)."""
    ai_exhausted_factor: float = _share(0.5)
    """Credibility factor of an ally whose budget is exhausted (assumption)."""
    ai_prior_approval_factor: float = _share(0.8)
    """Credibility factor of an ally that needs its legislature's consent first (assumption)."""

    def support_shift(self, difficulty: str) -> float:
        """Points added to allies' effective support at ``difficulty`` (easy +, normal 0, hard −)."""
        return {"easy": self.difficulty_support_shift, "hard": -self.difficulty_support_shift}.get(difficulty, 0.0)

    def ai_boldness(self, difficulty: str) -> float:
        """The aggressor AI's multiplier on its rung limits at ``difficulty``."""
        return {"easy": self.ai_boldness_easy, "hard": self.ai_boldness_hard}.get(difficulty, self.ai_boldness_normal)

    def ai_credibility(self, doctrine: Doctrine) -> float:
        """How likely the aggressor AI thinks a state of ``doctrine`` is to act, before support and budget."""
        return {
            Doctrine.RELIABLE: self.ai_credibility_reliable,
            Doctrine.CAUTIOUS: self.ai_credibility_cautious,
            Doctrine.FREE_RIDER: self.ai_credibility_free_rider,
            Doctrine.NEUTRAL: self.ai_credibility_neutral,
            Doctrine.AGGRESSOR: self.ai_credibility_aggressor,
        }[doctrine]


# --------------------------------------------------------------------------------------------
# Game state
# --------------------------------------------------------------------------------------------


@dataclass
class AttackState:
    """An attack in the world: its spec plus what the engine has assessed about it."""

    id: str
    spec: AttackSpec
    turn: int
    attribution: float
    gravity: Gravity
    requested_turn: int | None
    consult_requests: list[StateId] = field(default_factory=list)
    ended: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "spec": self.spec.to_dict(),
            "turn": self.turn,
            "attribution": self.attribution,
            "gravity": self.gravity.name,
            "requested_turn": self.requested_turn,
            "consult_requests": list(self.consult_requests),
            "ended": self.ended,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AttackState:
        return cls(
            id=d["id"],
            spec=AttackSpec.from_dict(d["spec"]),
            turn=d["turn"],
            attribution=d["attribution"],
            gravity=Gravity[d["gravity"]],
            requested_turn=d["requested_turn"],
            consult_requests=list(d["consult_requests"]),
            ended=d["ended"],
        )


@dataclass
class ForceState:
    id: str
    status: ForceStatus
    location: LocationId
    strength: float
    """Remaining share of the force's combat power and personnel (0-1)."""
    destination: LocationId | None = None
    ready_turn: int | None = None
    depart_turn: int | None = None
    arrive_turn: int | None = None
    engage: bool = False
    """Fights at its location when hostile forces are there."""
    mission: str = ""
    """The attack id this force answers, if any."""
    losses: int = 0

    def to_dict(self) -> dict[str, Any]:
        # Field by field rather than dataclasses.asdict (which deep-copies): this runs for every force
        # every turn. The keys are the dataclass fields, so from_dict(**d) round-trips.
        return {
            "id": self.id,
            "status": self.status.value,
            "location": self.location,
            "strength": self.strength,
            "destination": self.destination,
            "ready_turn": self.ready_turn,
            "depart_turn": self.depart_turn,
            "arrive_turn": self.arrive_turn,
            "engage": self.engage,
            "mission": self.mission,
            "losses": self.losses,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ForceState:
        d = dict(d)
        d["status"] = ForceStatus(d["status"])
        return cls(**d)


@dataclass
class Term:
    """One term of an opinion or budget figure: a label, a value and where it comes from."""

    label: str
    value: float
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": round(self.value, 6), "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Term:
        return cls(d["label"], d["value"], d.get("source", ""))


@dataclass
class NationState:
    """A state's changing figures."""

    id: StateId
    support: float
    support_terms: list[Term]
    budget_musd: float
    """Operations budget balance, US$ million (may go negative: then it is exhausted)."""
    budget_terms: list[Term]
    spent_musd: float = 0.0
    supplemental_musd: float = 0.0
    casualties: int = 0
    recent_losses: list[tuple[int, int]] = field(default_factory=list)
    """(turn, casualties) pairs of the last weeks, for the recent-loss term."""
    approvals: dict[str, int] = field(default_factory=dict)
    """Pending legislative approvals: key (e.g. ``deploy:A1``) → turn the vote happens."""
    approved: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    supplemental_pending: int | None = None
    """Turn on which a pending supplemental request is voted."""
    responses: dict[str, str] = field(default_factory=dict)
    """Attack id → the response level chosen (statement, sanctions, mobilise, deploy, engage)."""
    exhausted: bool = False
    expected_success: float | None = None
    """Own share of combat power in the engagements it fights (0-1), or None if not fighting."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "support": round(self.support, 6),
            "support_terms": [t.to_dict() for t in self.support_terms],
            "budget_musd": round(self.budget_musd, 6),
            "budget_terms": [t.to_dict() for t in self.budget_terms],
            "spent_musd": round(self.spent_musd, 6),
            "supplemental_musd": round(self.supplemental_musd, 6),
            "casualties": self.casualties,
            "recent_losses": [list(x) for x in self.recent_losses],
            "approvals": dict(sorted(self.approvals.items())),
            "approved": list(self.approved),
            "refused": list(self.refused),
            "supplemental_pending": self.supplemental_pending,
            "responses": dict(sorted(self.responses.items())),
            "exhausted": self.exhausted,
            "expected_success": None if self.expected_success is None else round(self.expected_success, 6),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NationState:
        return cls(
            id=d["id"],
            support=d["support"],
            support_terms=[Term.from_dict(t) for t in d["support_terms"]],
            budget_musd=d["budget_musd"],
            budget_terms=[Term.from_dict(t) for t in d["budget_terms"]],
            spent_musd=d["spent_musd"],
            supplemental_musd=d["supplemental_musd"],
            casualties=d["casualties"],
            recent_losses=[(a, b) for a, b in d["recent_losses"]],
            approvals=dict(d["approvals"]),
            approved=list(d["approved"]),
            refused=list(d["refused"]),
            supplemental_pending=d["supplemental_pending"],
            responses=dict(d["responses"]),
            exhausted=d["exhausted"],
            expected_success=d.get("expected_success"),
        )


@dataclass
class Collective:
    """A treaty article's collective outcome for one attack."""

    key: str
    """``TREATY:ARTICLE:ATTACK``."""
    outcome: Outcome
    since_turn: int
    stances: dict[StateId, str] = field(default_factory=dict)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "outcome": self.outcome.value,
            "since_turn": self.since_turn,
            "stances": dict(sorted(self.stances.items())),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Collective:
        return cls(d["key"], Outcome(d["outcome"]), d["since_turn"], dict(d["stances"]), d.get("reason", ""))


@dataclass
class WorldState:
    """Everything that changes during a game.  ``turn`` is the last resolved turn (0 = start)."""

    turn: int
    attacks: dict[str, AttackState]
    forces: dict[str, ForceState]
    nations: dict[StateId, NationState]
    control: dict[LocationId, StateId]
    verdicts: dict[str, dict[str, Any]]
    """``TREATY:ARTICLE:ATTACK`` → the current verdict as a dict (see :class:`Verdict`)."""
    collectives: dict[str, Collective]
    ended: bool = False
    end_reason: str = ""
    next_attack: int = 1
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Standing white-cell overrides: ``verdict:KEY`` / ``collective:KEY`` → value, rationale, turn."""
    ai: dict[StateId, dict[str, Any]] = field(default_factory=dict)
    """The aggressor AI's memory per state: escalation level, last action turn, halted."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "attacks": {k: v.to_dict() for k, v in sorted(self.attacks.items())},
            "forces": {k: v.to_dict() for k, v in sorted(self.forces.items())},
            "nations": {k: v.to_dict() for k, v in sorted(self.nations.items())},
            "control": dict(sorted(self.control.items())),
            "verdicts": dict(sorted(self.verdicts.items())),
            "collectives": {k: v.to_dict() for k, v in sorted(self.collectives.items())},
            "ended": self.ended,
            "end_reason": self.end_reason,
            "next_attack": self.next_attack,
            "overrides": dict(sorted(self.overrides.items())),
            "ai": dict(sorted(self.ai.items())),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WorldState:
        return cls(
            turn=d["turn"],
            attacks={k: AttackState.from_dict(v) for k, v in d["attacks"].items()},
            forces={k: ForceState.from_dict(v) for k, v in d["forces"].items()},
            nations={k: NationState.from_dict(v) for k, v in d["nations"].items()},
            control=dict(d["control"]),
            verdicts={k: dict(v) for k, v in d["verdicts"].items()},
            collectives={k: Collective.from_dict(v) for k, v in d["collectives"].items()},
            ended=d["ended"],
            end_reason=d["end_reason"],
            next_attack=d["next_attack"],
            overrides={k: dict(v) for k, v in d.get("overrides", {}).items()},
            ai={k: dict(v) for k, v in d.get("ai", {}).items()},
        )


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

    def date_of(self, turn: int) -> dt.date:
        """The calendar date of a turn (turn 0 = the start date)."""
        return self.start_date + dt.timedelta(days=int(turn * self.turn_length_days))

    def days_between(self, turn_a: int, turn_b: int) -> float:
        return (turn_b - turn_a) * self.turn_length_days

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
        return {t.id: t for t in self.treaties}

    def treaty(self, treaty_id: str) -> Treaty:
        return self._treaties_by_id[treaty_id]

    def force(self, force_id: str) -> ForceDef:
        try:
            return self._forces_by_id[force_id]
        except KeyError:
            raise KeyError(force_id) from None
