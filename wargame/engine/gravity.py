"""The gravity of an attack, in the ICJ's terms: its kind, casualties and damage ('scale and effects',
Nicaragua para 191, 195), with the thresholds in :class:`~wargame.engine.rules.Rules`."""

from __future__ import annotations

from .enums import Gravity
from .model import AttackSpec
from .rules import Rules


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
