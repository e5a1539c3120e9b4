"""Checking injects and decisions before they enter a game."""

from __future__ import annotations

from .crisis_facts import UNKNOWN
from .enums import AttackKind, LocationKind, TargetKind
from .limits import (
    MAX_CASUALTIES,
    MAX_DAMAGE_MUSD,
    MAX_DAYS,
    MAX_ITEMS,
    MAX_NAME_CHARS,
    MAX_PERSONNEL,
    MAX_TEXT_CHARS,
    number_problem,
    shorten,
)
from .model import AttackSpec, Scenario
from .names import suggest
from .world import WorldState


class InjectError(ValueError):
    """An impossible inject or decision. The message is one line, for the user."""


def check_state(scenario: Scenario, sid: str, role: str) -> None:
    if sid not in scenario.states:
        raise InjectError(f"unknown {role} {shorten(sid)}{suggest(sid, list(scenario.states))}")


def check_attack(scenario: Scenario, spec: AttackSpec, world: WorldState | None = None) -> None:
    """Raise :class:`InjectError` if ``spec`` cannot happen in ``scenario`` (and ``world``)."""
    if spec.attacker != UNKNOWN:
        check_state(scenario, spec.attacker, "attacker")
    check_state(scenario, spec.victim, "victim")
    for sid, weight in spec.suspects.items():
        if sid != UNKNOWN:
            check_state(scenario, sid, "suspect")
        if not 0.0 <= float(weight) <= 1.0:
            raise InjectError(f"a suspect's weight must be between 0 and 1, not {weight} ({sid})")
    if sum(float(v) for v in spec.suspects.values()) > 1.0 + 1e-9:
        raise InjectError("the suspects' weights add up to more than 1")
    for name in ("injured", "platforms", "weapons", "troops"):
        if getattr(spec, name) < 0:
            raise InjectError(f"{name} must be 0 or more, not {getattr(spec, name)}")
    if spec.imminent_days < 0:
        raise InjectError(f"imminent_days must be 0 or more, not {spec.imminent_days}")
    if spec.response_to and world is not None and not spec.response_to.startswith("#"):
        if spec.response_to not in world.attacks:
            raise InjectError(f"no attack {spec.response_to!r} for response_to")
    if spec.attacker == spec.victim:
        raise InjectError(f"{spec.attacker} cannot attack itself")
    if scenario.states[spec.victim].non_state:
        raise InjectError(f"the victim must be a state; {spec.victim} is a non-state actor")
    if spec.location not in scenario.locations:
        raise InjectError(
            f"unknown location {shorten(spec.location)}{suggest(spec.location, list(scenario.locations))}"
        )
    for problem in (
        number_problem(spec.casualties, "casualties", 0, MAX_CASUALTIES, integer=True),
        number_problem(spec.injured, "injured", 0, MAX_CASUALTIES, integer=True),
        number_problem(spec.platforms, "platforms", 0, MAX_ITEMS, integer=True),
        number_problem(spec.weapons, "weapons", 0, MAX_ITEMS, integer=True),
        number_problem(spec.troops, "troops", 0, MAX_PERSONNEL, integer=True),
        number_problem(spec.damage_musd, "damage (US$ million)", 0, MAX_DAMAGE_MUSD),
        number_problem(spec.attribution, "attribution", 0.0, 1.0),
        number_problem(spec.imminent_days, "imminent_days", 0.0, MAX_DAYS),
        ""
        if spec.attribution_days is None
        else number_problem(spec.attribution_days, "attribution_days", -MAX_DAYS, MAX_DAYS),
        *(number_problem(w, f"the weight of suspect {shorten(sid)}", 0.0, 1.0) for sid, w in spec.suspects.items()),
    ):
        if problem:
            raise InjectError(problem)
    for name, limit in (("description", MAX_TEXT_CHARS), ("campaign", MAX_NAME_CHARS), ("response_to", MAX_NAME_CHARS)):
        if len(getattr(spec, name)) > limit:
            raise InjectError(f"the {name} has {len(getattr(spec, name)):,} characters; the limit is {limit:,}")
    loc = scenario.locations[spec.location]
    if spec.target is TargetKind.TERRITORY:
        if loc.kind is LocationKind.SEA:
            raise InjectError(
                f"{loc.name} is a sea area, not territory; use --target forces for an attack on ships or aircraft there"
            )
        holders = {loc.administered_by, *loc.claimants}
        if world is not None:
            holders.add(world.control.get(loc.id))
        if spec.victim not in holders:
            raise InjectError(
                f"{loc.name} is administered by {loc.administered_by}, not {spec.victim}; "
                f"use --target forces for an attack on {spec.victim}'s forces there"
            )
    if spec.kind is AttackKind.INVASION and spec.target is not TargetKind.TERRITORY:
        raise InjectError("an invasion targets territory, not forces")
    if spec.kind is AttackKind.INVASION and loc.kind is LocationKind.SEA:
        raise InjectError(f"cannot invade a sea area ({loc.name})")
    if world is not None and world.ended:
        raise InjectError(f"the game has ended ({world.end_reason}); branch it to play on")
