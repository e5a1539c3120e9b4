"""What a force can do by its kind and domain: where it may go, how fast it marches, what it weighs to lift,
which theatre and state it belongs to. Shared by the loader (a force's home must suit its domain), the
movement phase, the default policy and the AI.
"""

from __future__ import annotations

from .enums import Domain, LocationKind, StateId
from .model import ForceDef, Location, Scenario
from .rules import Rules

SEA_KINDS = frozenset(
    {
        "surface_action_group",
        "submarine_group",
        "carrier_strike_group",
        "amphibious_group",
        "naval_task_group",
        "coast_guard",
        "amphibious_task_force",
    }
)
AIR_KINDS = frozenset({"fighter_wing", "bomber_wing", "maritime_patrol", "air_wing"})
TRACKED = frozenset({"armoured_brigade", "mechanised_brigade", "artillery_brigade", "mechanised_division"})
FOOT = frozenset({"territorial_defence"})
HEAVY = frozenset({"armoured_brigade", "mechanised_brigade", "mechanised_division"})
MEDIUM = frozenset({"artillery_brigade", "air_defence", "stryker_brigade"})


def domain_of_kind(kind: str) -> Domain:
    """The domain a kind of force belongs to (sea and air kinds by name; anything else fights on land)."""
    if kind in SEA_KINDS:
        return Domain.SEA
    if kind in AIR_KINDS:
        return Domain.AIR
    return Domain.LAND


def domain_refusal(domain: Domain, loc: Location) -> str:
    """Why a force of ``domain`` cannot be at ``loc`` ('' if it can)."""
    if domain is Domain.LAND:
        if loc.kind is LocationKind.SEA:
            return f"{loc.name} is a sea area: land forces go to land"
        return ""
    if domain is Domain.SEA:
        if loc.kind is LocationKind.SEA or loc.coastal:
            return ""
        return f"{loc.name} is inland: naval forces go to sea areas and coastal places"
    if loc.kind is LocationKind.SEA or not loc.airbase:
        return f"{loc.name} has no air base: air forces go to bases and fight as support within their radius"
    return ""


def march_km_per_day(fd: ForceDef, rules: Rules) -> float:
    """A land force's sustained march rate on roads (its own figure if the pack gives one)."""
    if fd.speed_km_per_day > 0:
        return fd.speed_km_per_day
    if fd.kind in FOOT:
        return rules.march_foot_km_per_day
    if fd.kind in TRACKED:
        return rules.march_tracked_km_per_day
    if fd.kind in MEDIUM:
        return rules.march_wheeled_km_per_day
    return rules.march_light_km_per_day


def lift_tonnes(fd: ForceDef, rules: Rules) -> float:
    """Tonnes to lift a force by strategic air or sea lift (its own figure, else personnel × weight by kind)."""
    if fd.lift_tonnes > 0:
        return fd.lift_tonnes
    if fd.kind in HEAVY:
        per = rules.tonnes_per_person_heavy
    elif fd.kind in MEDIUM:
        per = rules.tonnes_per_person_medium
    else:
        per = rules.tonnes_per_person_light
    return fd.personnel * per


def home_state(scenario: Scenario, fd: ForceDef) -> StateId:
    """The state a force's home lies in (its owner for a force at sea)."""
    loc = scenario.locations.get(fd.home)
    return (loc.administered_by if loc is not None and loc.administered_by else None) or fd.owner


def theatre_of(scenario: Scenario, fd: ForceDef) -> str:
    """The theatre a force belongs to: its own, or the one its home lies in ('' if none)."""
    if fd.theatre:
        return fd.theatre
    loc = scenario.locations.get(fd.home)
    return scenario.military.theatre_at(loc.lat, loc.lon) if loc is not None else ""


def place_theatre(scenario: Scenario, lid: str) -> str:
    """The theatre a place lies in ('' if none)."""
    loc = scenario.locations.get(lid)
    return scenario.military.theatre_at(loc.lat, loc.lon) if loc is not None else ""
