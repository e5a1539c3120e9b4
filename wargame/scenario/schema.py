"""Pydantic 2 models of the scenario TOML document (docs/scenario-format.md).

The models check the *shape* of one file: keys, types, enumerated values and ranges.  Cross-references
between records (a party that names an unknown state …) are checked by :mod:`wargame.scenario.loader`
after the included files are merged.  Types are strict: TOML's own types are expected (a date is a TOML
date, a number is not a string); an integer is accepted where a float is expected.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, create_model

from wargame.engine import (
    EVIDENCE_KINDS,
    MEASURE_WHEN,
    NOT_IF,
    REFUSALS,
    REQUEST_TOKENS,
    AdversaryKind,
    ArticleKind,
    AttackKind,
    DecisionRule,
    Doctrine,
    Domain,
    ForceRole,
    Government,
    Intent,
    LocationKind,
    Obligation,
    RelationKind,
    Rules,
    ScopeResult,
    Sponsorship,
    TargetKind,
    Transport,
)
from wargame.engine import limits as L
from wargame.engine.crisis_facts import P5
from wargame.scenario.errors import suggest

CONTINENTS = ("africa", "antarctica", "asia", "europe", "north_america", "oceania", "south_america")
OCEANS = ("atlantic", "pacific", "indian", "arctic", "mediterranean", "black_sea", "southern")
THRESHOLDS = ("threat", "incident", "use_of_force", "armed_attack", "state_of_war")
END_KINDS = ("control",)

SCENARIO_ID = re.compile(r"^[a-z0-9_-]+$")
STATE_ID = re.compile(r"^[A-Z]{3}$")
ACTOR_ID = re.compile(r"^[A-Z0-9][A-Z0-9_-]*$")
PLACE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
AT_DAY = re.compile(r"^D\+(\d{1,9})$")


def _choice(values: tuple[str, ...], what: str, *, allow_empty: bool = False) -> Any:
    """A strict string that must be one of ``values`` (suggesting the closest on a typo)."""

    def check(value: str) -> str:
        if value in values or (allow_empty and value == ""):
            return value
        hint = suggest(value, values) or f" (expected one of {', '.join(values)})"
        raise ValueError(f"unknown {what} {L.shorten(value)}{hint}")

    return Annotated[str, Field(max_length=L.MAX_NAME_CHARS), AfterValidator(check)]


def _values(enum_type: Any) -> tuple[str, ...]:
    return tuple(member.value for member in enum_type)


def _pattern(regex: re.Pattern[str], what: str) -> Any:
    def check(value: str) -> str:
        if not regex.match(value):
            raise ValueError(f"{what} {L.shorten(value)} must match {regex.pattern}")
        return value

    return Annotated[str, Field(max_length=L.MAX_ID_CHARS), AfterValidator(check)]


def _nonblank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def _forum_token(value: str) -> str:
    """``TREATY:ARTICLE``, ``ACCEPT:TREATY:ARTICLE``, ``UNSC`` or ``UN:51``."""
    parts = value.split(":")
    if (
        value in REQUEST_TOKENS
        or (len(parts) == 2 and all(parts))
        or (len(parts) == 3 and parts[0] == "ACCEPT" and all(parts))
    ):
        return value
    raise ValueError(f"a forum is TREATY:ARTICLE, ACCEPT:TREATY:ARTICLE, UNSC or UN:51, not {value!r}")


def _serial(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Continent = _choice(CONTINENTS, "continent")
ContinentOrEmpty = _choice(CONTINENTS, "continent", allow_empty=True)
Ocean = _choice(OCEANS, "ocean")
OceanOrEmpty = _choice(OCEANS, "ocean", allow_empty=True)
GovernmentName = _choice(_values(Government), "government")
DoctrineName = _choice(_values(Doctrine), "doctrine")
LocationKindName = _choice(_values(LocationKind), "location kind")
ArticleKindName = _choice(_values(ArticleKind), "article kind")
ObligationName = _choice(_values(Obligation), "obligation")
ThresholdName = _choice(THRESHOLDS, "threshold")
DecisionRuleName = _choice(_values(DecisionRule), "decision rule")
AdversaryKindName = _choice(_values(AdversaryKind), "adversary kind")
ScopeResultName = _choice(_values(ScopeResult), "scope result")
TargetName = _choice(_values(TargetKind), "target")
AttackKindName = _choice(_values(AttackKind), "attack kind")
TransportName = _choice(_values(Transport), "transport")
RoleName = _choice(_values(ForceRole), "force role")
DomainName = _choice(_values(Domain), "domain")
EndKindName = _choice(END_KINDS, "end condition kind")
IntentName = _choice(_values(Intent), "intent")
RelationKindName = _choice(_values(RelationKind), "relation kind")
SponsorshipName = _choice(tuple(m.name.lower() for m in Sponsorship), "sponsorship level")
ForumToken = Annotated[str, AfterValidator(_forum_token)]
NotIfName = _choice(NOT_IF, "condition")
RefusalName = _choice(REFUSALS, "refusal")
MeasureWhenName = _choice(MEASURE_WHEN, "measure condition")
EvidenceKindName = _choice(EVIDENCE_KINDS, "kind of evidence")
Name = Annotated[str, Field(max_length=L.MAX_NAME_CHARS), AfterValidator(_nonblank)]
Short = Annotated[str, Field(max_length=L.MAX_NAME_CHARS)]
"""A short text (a name, an id, a path): at most ``MAX_NAME_CHARS`` characters."""
Text = Annotated[str, Field(max_length=L.MAX_TEXT_CHARS)]
"""A long text (briefing, treaty text, note): at most ``MAX_TEXT_CHARS`` characters."""
Latitude = Annotated[float, Field(ge=-90, le=90)]
Longitude = Annotated[float, Field(ge=-180, le=180)]
NonNegative = Annotated[float, Field(ge=0, le=L.MAX_RULE_VALUE)]
"""A non-negative number up to the general bound of :data:`wargame.engine.limits.MAX_RULE_VALUE`."""
Percent = Annotated[float, Field(ge=0, le=100)]
Share = Annotated[float, Field(ge=0, le=1)]
Days = Annotated[float, Field(ge=0, le=L.MAX_DAYS)]


def Upto(high: float, *, integer: bool = False) -> Any:  # noqa: N802 - a type factory, named like a type
    """A non-negative number up to ``high`` (each bound is an assumption of :mod:`wargame.engine.limits`)."""
    return Annotated[int if integer else float, Field(ge=0, le=high)]


def Items(item: Any, high: int = L.MAX_ITEMS) -> Any:  # noqa: N802 - a type factory, named like a type
    """A list of at most ``high`` items (a count limit; the message names it)."""
    return Annotated[list[item], Field(max_length=high)]


Strings = Items(Short)


class Strict(BaseModel):
    """Base: strict TOML types, unknown keys refused, no NaN or infinity."""

    model_config = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False, str_max_length=L.MAX_TEXT_CHARS)


class Sourced(Strict):
    """A record whose numbers carry provenance (see :mod:`wargame.scenario.provenance`)."""

    source: Text = ""
    sources: Annotated[dict[Short, Text], Field(max_length=L.MAX_ITEMS)] = {}
    assumed: Strings = []


class ScenarioMeta(Strict):
    """``[scenario]``. Required fields are checked for the main file only (library files may omit them)."""

    id: _pattern(SCENARIO_ID, "scenario id") | None = None  # type: ignore[valid-type]
    name: Name | None = None
    briefing: Text = ""
    start_date: dt.date | None = None
    turn_length_days: Annotated[float, Field(gt=0, le=366)] | None = None
    max_turns: Annotated[int, Field(ge=1, le=L.MAX_TURNS)] | None = None
    seed: Annotated[int, Field(ge=0, lt=2**63)] = 1
    include: Items(Short, L.MAX_INCLUDED_FILES) = []  # type: ignore[valid-type]
    use_treaties: Items(Name, L.MAX_TREATIES) = []  # type: ignore[valid-type]
    """Build only these treaties (in this order); from an included pack, only their parties among this
    scenario's states (see docs/scenario-format.md, "Treaties from a pack")."""
    locations_csv: bool = False
    playable: bool | None = None
    library: bool = False
    ai_aggressors: Items(Name, L.MAX_STATES) = []  # type: ignore[valid-type]
    """States the aggressor AI may play in solo games (default: every state with the aggressor doctrine)."""


class ProvenanceMeta(Strict):
    """``[provenance]``."""

    all_assumed: Text = ""


class StateDoc(Sourced):
    """``[[states]]``."""

    id: Name
    name: Name
    government: GovernmentName = "democracy"
    continent: ContinentOrEmpty = ""
    oceans: Items(Ocean, 20) = []  # type: ignore[valid-type]
    lat: Latitude = 0.0
    lon: Longitude = 0.0
    gdp_busd: Upto(L.MAX_GDP_BUSD) = 0.0  # type: ignore[valid-type]
    population_m: Upto(L.MAX_POPULATION_M) = 0.0  # type: ignore[valid-type]
    defence_budget_busd: Upto(L.MAX_GDP_BUSD) = 0.0  # type: ignore[valid-type]
    opinion_baseline: Percent = 50.0
    support_threshold: Percent = 50.0
    legislative_lag_days: Days = 0.0
    needs_prior_approval: bool = False
    doctrine: DoctrineName = "cautious"
    non_state: bool = False
    un_member: bool = True
    host: str = ""


class LocationDoc(Sourced):
    """``[[locations]]`` (the columns of ``locations.csv``)."""

    id: _pattern(PLACE_ID, "location id")  # type: ignore[valid-type]
    name: Name
    kind: LocationKindName
    administered_by: Short = ""
    claimants: Strings = []
    continent: ContinentOrEmpty = ""
    ocean: OceanOrEmpty = ""
    sea: Short = ""
    lat: Latitude
    lon: Longitude
    note: Text = ""
    coastal: bool | None = None
    """On a coast (default: a place with an ocean is coastal)."""
    airbase: bool | None = None
    """Has an airfield (default: any place on land that is not a reef or shoal)."""


class PartyDoc(Strict):
    """``[[treaties.parties]]``."""

    state: Name
    joined: dt.date | None = None
    left: dt.date | None = None
    note: Text = ""


class SuspensionDoc(Strict):
    """``[[treaties.suspensions]]``."""

    guarantor: Name
    beneficiary: Name
    from_: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None
    note: Text = ""


class AdversaryDoc(Strict):
    """``[treaties.articles.adversary]``."""

    kind: AdversaryKindName = "any"
    named: Strings = []
    non_state_accepted: bool = False
    exclude_parties: bool = False
    note: Text = ""


class ScopeDoc(Sourced):
    """``[[treaties.articles.scope]]``."""

    result: ScopeResultName = "in"
    targets: Items(TargetName, 20) = []  # type: ignore[valid-type]
    kinds: Items(LocationKindName, 20) = []  # type: ignore[valid-type]
    continents: Items(Continent, 20) = []  # type: ignore[valid-type]
    oceans: Items(Ocean, 20) = []  # type: ignore[valid-type]
    seas: Strings = []
    min_lat: Latitude | None = None
    max_lat: Latitude | None = None
    administered_by_victim: bool | None = None
    administered_by_party: bool | None = None
    administered_by: Strings = []
    disputed: bool | None = None
    polygon: Items(Annotated[list[float], Field(max_length=4)], L.MAX_POLYGON_VERTICES) = []  # type: ignore[valid-type]
    from_: dt.date | None = Field(default=None, alias="from")
    until: dt.date | None = None
    note: Text = ""


class ArticleDoc(Sourced):
    """``[[treaties.articles]]``."""

    id: Name
    title: Short = ""
    kind: ArticleKindName
    obligation: ObligationName = "as_deems_necessary"
    threshold: ThresholdName = "armed_attack"
    initiator_rule: bool = True
    decision_rule: DecisionRuleName = "individual"
    decision_days: Annotated[float, Field(ge=0, le=3650)] = 1.0
    attribution_min: Share | None = None
    in_force: dt.date | None = None
    until: dt.date | None = None
    scope_from: Short | None = None
    concerns: Items(Name, L.MAX_STATES) = []  # type: ignore[valid-type]
    citation: Text = ""
    text: Text = ""
    adversary: AdversaryDoc = AdversaryDoc()
    scope: Items(ScopeDoc, 200) = []  # type: ignore[valid-type]


class TreatyDoc(Sourced):
    """``[[treaties]]``."""

    id: Name
    name: Name
    in_force: dt.date
    terminated: dt.date | None = None
    note: Text = ""
    parties: Items(PartyDoc, L.MAX_STATES) = []  # type: ignore[valid-type]
    suspensions: Items(SuspensionDoc, L.MAX_STATES) = []  # type: ignore[valid-type]
    articles: Items(ArticleDoc, 200) = []  # type: ignore[valid-type]


class ForceDoc(Sourced):
    """``[[forces]]``."""

    id: _pattern(PLACE_ID, "force id")  # type: ignore[valid-type]
    owner: Name
    name: Name
    kind: Name
    combat_power: Upto(L.MAX_COMBAT_POWER)  # type: ignore[valid-type]
    personnel: Upto(L.MAX_PERSONNEL, integer=True)  # type: ignore[valid-type]
    home: Name
    readiness_days: Days
    transport: TransportName = "road"
    speed_km_per_day: Annotated[float, Field(gt=0, le=L.MAX_SPEED_KM_PER_DAY)] | None = None
    """Overrides the march or sea rate of its kind (``Rules``)."""
    daily_cost_musd: Upto(L.MAX_DAILY_COST_MUSD) = 0.0  # type: ignore[valid-type]
    role: RoleName = "expeditionary"
    domain: DomainName | None = None
    """land | sea | air (default: from the kind)."""
    theatre: Short = ""
    lift_tonnes: Upto(L.MAX_COMBAT_POWER) = 0.0  # type: ignore[valid-type]


Box = Annotated[list[Annotated[float, Field(ge=-180, le=180)]], Field(min_length=4, max_length=4)]


class TheatreDoc(Sourced):
    """``[[theatres]]``: a region of operations, one or more (lat_min, lat_max, lon_min, lon_max) boxes."""

    id: Name
    name: Name
    boxes: Items(Box, 100)  # type: ignore[valid-type]
    note: Text = ""


class StageDoc(Strict):
    """``[[plans.stages]]``."""

    objectives: Items(Name, 100)  # type: ignore[valid-type]
    by_day: Days
    label: Short = ""
    main: bool = False


class PlanDoc(Sourced):
    """``[[plans]]``: an aggressor's plan (only in a scenario's main file)."""

    state: Name
    theatre: Name
    targets: Items(Name, L.MAX_STATES)  # type: ignore[valid-type]
    stages: Items(StageDoc, 100)  # type: ignore[valid-type]
    stop_heavy_brigades: Annotated[int, Field(ge=0, le=10_000)] = 7
    stop_losses: Share = 0.3
    stop_day: Days = 10.0


TRANSIT_POLICIES = ("neutral", "consult", "closed")


class TransitDoc(Sourced):
    """``[[transit]]``: a state's answer to transit, overflight and basing requests."""

    state: Name
    policy: _choice(TRANSIT_POLICIES, "transit policy")  # type: ignore[valid-type]
    consult_days: Days = 0.0
    refuse_share: Share = 0.0
    note: Text = ""


class StraitDoc(Sourced):
    """``[[straits]]``."""

    id: Name
    name: Name
    controller: Name
    passage: _choice(("bosporus",), "passage")  # type: ignore[valid-type]
    regime: _choice(("montreux",), "strait regime")  # type: ignore[valid-type]
    basin: Items(Name, 100) = []  # type: ignore[valid-type]
    lat: Latitude = 0.0
    lon: Longitude = 0.0


class LiftDoc(Sourced):
    """``[[lift]]``: a state's strategic air or sea lift."""

    state: Name
    mode: _choice(("air", "sea"), "lift mode")  # type: ignore[valid-type]
    tonnes_per_day: NonNegative
    reference_km: Annotated[float, Field(gt=0)]


MUNITION_POOLS = ("artillery", "interceptors", "strike", "antiship")


class MunitionsDoc(Sourced):
    """``[[munitions]]``: a state's stock of one pool and its production."""

    state: Name
    pool: _choice(MUNITION_POOLS, "munitions pool")  # type: ignore[valid-type]
    stock: Upto(L.MAX_MUNITIONS)  # type: ignore[valid-type]
    production_per_day: Upto(L.MAX_MUNITIONS)  # type: ignore[valid-type]
    unit_cost_musd: NonNegative = 0.0


NUCLEAR_THRESHOLDS = ("homeland_invaded", "homeland_struck", "nuclear_use", "regime_threat")


class NuclearDoc(Sourced):
    """``[[nuclear]]``: a nuclear power's declared posture."""

    state: Name
    thresholds: Items(_choice(NUCLEAR_THRESHOLDS, "nuclear threshold"), 10)  # type: ignore[valid-type]
    protects: Items(Name, L.MAX_STATES) = []  # type: ignore[valid-type]
    signals: bool = True
    doctrine: Text = ""


class TerritorialDoc(Sourced):
    """``[[territorial]]``: a territorial-defence estimate."""

    state: Name
    personnel: Upto(L.MAX_PERSONNEL, integer=True)  # type: ignore[valid-type]


class UnionDoc(Sourced):
    """``[[unions]]``: a body that adopts sanctions together."""

    id: Name
    name: Name
    treaty: Name
    rule: _choice(("unanimity",), "decision rule")  # type: ignore[valid-type]
    lag_days: Days = 2.0
    holdout_days: Days = 35.0


class InjectDoc(Sourced):
    """``[[injects]]``: one MSEL row."""

    serial: Annotated[str, BeforeValidator(_serial)] | None = None
    turn: Annotated[int, Field(ge=1, le=L.MAX_TURNS)] | None = None
    at: Short | None = None
    attacker: Name
    victim: Name
    location: Name
    kind: AttackKindName
    target: TargetName = "territory"
    casualties: Upto(L.MAX_CASUALTIES, integer=True) = 0  # type: ignore[valid-type]
    damage_musd: Upto(L.MAX_DAMAGE_MUSD) = 0.0  # type: ignore[valid-type]
    attribution: Share = 1.0
    victim_initiated: bool = False
    request: bool = True
    description: Text = ""
    intent: IntentName = "deliberate"
    injured: Upto(L.MAX_CASUALTIES, integer=True) = 0  # type: ignore[valid-type]
    platforms: Upto(L.MAX_ITEMS, integer=True) = 0  # type: ignore[valid-type]
    weapons: Upto(L.MAX_ITEMS, integer=True) = 0  # type: ignore[valid-type]
    troops: Upto(L.MAX_PERSONNEL, integer=True) = 0  # type: ignore[valid-type]
    physical: bool = False
    domestic: bool = False
    campaign: str = ""
    suspects: Annotated[dict[Short, Share], Field(max_length=L.MAX_STATES)] = {}
    attribution_days: Annotated[float, Field(ge=-1, le=100_000)] | None = None
    request_under: Items(Name, L.MAX_TREATIES) = []  # type: ignore[valid-type]
    response_to: str = ""
    anticipatory: bool = False
    imminent_days: NonNegative = 0.0


class EndDoc(Strict):
    """``[[end]]``."""

    kind: EndKindName = "control"
    location: Name
    controller: Name
    label: Short = ""


class MapViewDoc(Strict):
    """``[[map.views]]``: a named view of the map (``box`` = lat_min, lat_max, lon_min, lon_max)."""

    name: Name
    box: Annotated[list[Annotated[float, Field(ge=-180, le=360)]], Field(min_length=4, max_length=4)]


class MapDoc(Strict):
    """``[map]``: how the map opens on this scenario (its theatre, its own views)."""

    view: str = ""
    """The view the scenario opens on (a name of ``views``; default the first)."""
    theatre: list[Name] = []
    """The states at stake: their names are placed first and the map's key keeps off them."""
    views: list[MapViewDoc] = []


OBJECTIVE_KINDS = ("hold", "cohesion", "budget", "no_war")
ObjectiveKindName = _choice(OBJECTIVE_KINDS, "objective kind")


class ObjectiveDoc(Strict):
    """``[[objectives]]``: a scored objective (see :class:`wargame.engine.model.Objective`)."""

    id: Name
    kind: ObjectiveKindName
    label: Short = ""
    points: Annotated[int, Field(ge=0, le=1000)] = 10
    side: Items(Name, L.MAX_STATES) = []  # type: ignore[valid-type]
    location: Short = ""
    treaty: Short = ""
    turn: Annotated[int, Field(ge=1, le=L.MAX_TURNS)] | None = None


def _rules_model() -> type[Sourced]:
    """``[rules]``: every field of :class:`Rules`, non-negative (at most 1 for shares), with its default."""
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(Rules):
        kind = int if isinstance(f.default, int) else float
        upper = f.metadata.get("max", L.MAX_RULE_VALUE)
        fields[f.name] = (Annotated[kind, Field(ge=0, le=upper)], f.default)
    return create_model("RulesDoc", __base__=Sourced, **fields)


RulesDoc = _rules_model()


class ForumDoc(Sourced):
    """``[[forums]]``: where a state turns first, by kind of threat (see ``crisis_facts.ForumPrefs``)."""

    state: Name
    minor: Items(ForumToken, 100) = []  # type: ignore[valid-type]
    armed_attack: Items(ForumToken, 100) = []  # type: ignore[valid-type]
    forces_abroad: Items(ForumToken, 100) = []  # type: ignore[valid-type]
    terrorism: Items(ForumToken, 100) = []  # type: ignore[valid-type]
    cyber_hybrid: Items(ForumToken, 100) = []  # type: ignore[valid-type]
    not_if: Items(NotIfName, 100) = []  # type: ignore[valid-type]


class LegalDoc(Sourced):
    """``[[legal]]``: a state's law on sending armed forces abroad (see ``crisis_facts.LegalClock``)."""

    state: Name
    approves: Name
    prior: bool = False
    emergency: bool = False
    vote_days: NonNegative = 0.0
    report_days: NonNegative | None = None
    clock_days: NonNegative | None = None
    grace_days: NonNegative = 0.0
    refusal: RefusalName = "block"
    home_free: bool = True
    collective_test: _choice(("", "survival_threatening"), "collective test", allow_empty=True) = ""  # type: ignore[valid-type]


class RelationDoc(Sourced):
    """``[[relations]]``: how state ``a`` stands towards ``b`` (directed)."""

    a: Name
    b: Name
    kind: RelationKindName


class SponsorDoc(Sourced):
    """``[[sponsors]]``: how far a State stands behind a non-state actor."""

    state: Name
    actor: Name
    level: SponsorshipName


class BorderDoc(Sourced):
    """``[[borders]]``: land borders, as pairs of states."""

    pairs: Items(Annotated[list[Name], Field(max_length=2)]) = []  # type: ignore[valid-type]


class UnDoc(Sourced):
    """``[un]``: the Security Council's seats."""

    permanent: Items(Name, L.MAX_STATES) = list(P5)  # type: ignore[valid-type]
    elected: Items(Name, L.MAX_STATES) = []  # type: ignore[valid-type]
    absent: Items(Name, L.MAX_STATES) = []  # type: ignore[valid-type]


class MeasureDoc(Sourced):
    """``[[measures]]``: a defensive measure a treaty's consultation body can decide."""

    treaty: Name
    id: Name
    name: Name
    body: str = ""
    readiness_days: NonNegative = 0.0
    cost_musd_per_day: NonNegative = 0.0
    min_gravity: ThresholdName = "threat"
    when: MeasureWhenName = "any"
    kinds: Items(AttackKindName, 20) = []  # type: ignore[valid-type]
    force: bool = False


class EvidenceDoc(Strict):
    """``[[evidence]]``: an MSEL row of evidence about the author of an inject's attack."""

    turn: Annotated[int, Field(ge=1, le=L.MAX_TURNS)] | None = None
    at: Short | None = None
    inject: Annotated[str, BeforeValidator(_serial)]
    candidate: Name
    kind: EvidenceKindName
    intent: IntentName | None = None
    description: str = ""


class DocumentDoc(Strict):
    """One scenario file."""

    scenario: ScenarioMeta | None = None
    provenance: ProvenanceMeta = ProvenanceMeta()
    rules: RulesDoc = RulesDoc()  # type: ignore[valid-type]
    states: Items(StateDoc, L.MAX_STATES) = []  # type: ignore[valid-type]
    locations: Items(LocationDoc) = []  # type: ignore[valid-type]
    treaties: Items(TreatyDoc, L.MAX_TREATIES) = []  # type: ignore[valid-type]
    forces: Items(ForceDoc) = []  # type: ignore[valid-type]
    theatres: Items(TheatreDoc, 1000) = []  # type: ignore[valid-type]
    plans: Items(PlanDoc, 1000) = []  # type: ignore[valid-type]
    transit: Items(TransitDoc, L.MAX_STATES) = []  # type: ignore[valid-type]
    straits: Items(StraitDoc, 1000) = []  # type: ignore[valid-type]
    lift: Items(LiftDoc, 1000) = []  # type: ignore[valid-type]
    munitions: Items(MunitionsDoc) = []  # type: ignore[valid-type]
    nuclear: Items(NuclearDoc, L.MAX_STATES) = []  # type: ignore[valid-type]
    territorial: Items(TerritorialDoc, L.MAX_STATES) = []  # type: ignore[valid-type]
    unions: Items(UnionDoc, 1000) = []  # type: ignore[valid-type]
    injects: Items(InjectDoc) = []  # type: ignore[valid-type]
    end: Items(EndDoc, 1000) = []  # type: ignore[valid-type]
    objectives: Items(ObjectiveDoc, 1000) = []  # type: ignore[valid-type]
    map: MapDoc | None = None
    forums: Items(ForumDoc) = []  # type: ignore[valid-type]
    legal: Items(LegalDoc) = []  # type: ignore[valid-type]
    relations: Items(RelationDoc) = []  # type: ignore[valid-type]
    sponsors: Items(SponsorDoc) = []  # type: ignore[valid-type]
    borders: Items(BorderDoc) = []  # type: ignore[valid-type]
    un: UnDoc | None = None
    measures: Items(MeasureDoc) = []  # type: ignore[valid-type]
    evidence: Items(EvidenceDoc) = []  # type: ignore[valid-type]
