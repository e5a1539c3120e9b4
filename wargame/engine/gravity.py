"""The gravity of an attack, in the ICJ's terms: its scale and effects (Nicaragua §§191, 195).

Each kind of attack has its bands (crisis-sources §1.2; the numbers are in :class:`~wargame.engine.rules.Rules`):
a band is reached when any of its criteria is met, and some kinds are capped — a frontier incursion or a single
volley of shells at a "less grave" use of force (Nicaragua §195; the Eritrea-Ethiopia Claims Commission, 2005,
§§11-12, paragraph numbers unverified), cyber harm without physical effects and sabotage without deaths likewise (Tallinn Manual 2.0 Rules
69, 71; NotPetya and Nord Stream: nobody claimed an armed attack), gray-zone pressure and airspace violations
lower still. An accidental attack is never an armed attack by whoever fired it (Przewodow, 15 Nov 2022).
"""

from __future__ import annotations

from collections.abc import Callable

from .enums import AttackKind, Gravity, Intent
from .model import AttackSpec
from .rules import Rules

UOF, AA, WAR = Gravity.USE_OF_FORCE, Gravity.ARMED_ATTACK, Gravity.STATE_OF_WAR


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


def _effects(spec: AttackSpec) -> str:
    """The attack's figures in words ('12 killed, 1 platform lost, $40m damage')."""
    parts = [f"{spec.casualties:,} killed"]
    if spec.injured:
        parts.append(f"{spec.injured:,} injured")
    if spec.platforms:
        parts.append(_plural(spec.platforms, "platform") + " lost")
    if spec.weapons:
        parts.append(f"{spec.weapons:,} weapons fired")
    if spec.damage_musd:
        parts.append(f"${spec.damage_musd:,.0f}m damage")
    return ", ".join(parts)


def _kinetic(spec: AttackSpec, rules: Rules, what: str) -> tuple[Gravity, str]:
    """Strike-like bands: killed, platforms, physical damage."""
    c, r = spec.casualties, rules
    if c >= r.war_casualties:
        return WAR, f"{what} killing {c:,}: a state of war"
    if c >= r.armed_attack_casualties:
        return AA, f"{what} killing {c:,} (≥ {r.armed_attack_casualties}): an armed attack by its scale and effects"
    if spec.platforms >= r.armed_attack_platforms:
        return (
            AA,
            f"{what} destroying or disabling {_plural(spec.platforms, 'platform')}: an armed attack (ICJ Oil Platforms §72)",
        )
    if spec.damage_musd >= r.armed_attack_damage_musd:
        return (
            AA,
            f"{what} causing ${spec.damage_musd:,.0f}m of physical damage (≥ ${r.armed_attack_damage_musd:,.0f}m): an armed attack",
        )
    return UOF, f"{what} with {_effects(spec)}: a less grave use of force (ICJ Nicaragua §191)"


def _strike(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    return _kinetic(spec, rules, "a strike")


def _missile(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    if spec.weapons >= rules.war_salvo:
        return WAR, f"a raid of {spec.weapons:,} missiles or drones (≥ {rules.war_salvo}): a state of war"
    g, why = _kinetic(spec, rules, "a missile attack")
    if g < AA and spec.weapons >= rules.armed_attack_salvo:
        return AA, (
            f"a salvo of {spec.weapons:,} missiles or drones aimed at the victim (≥ {rules.armed_attack_salvo}): an "
            "armed attack by the force used, intercepted or not"
        )
    return g, why


def _naval(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    if spec.platforms >= rules.naval_war_platforms:
        return WAR, f"{_plural(spec.platforms, 'warship')} sunk: a state of war"
    g, why = _kinetic(spec, rules, "a naval attack")
    if g is UOF and spec.injured:
        why += " (fire or seizure with only wounded, as at Kerch in 2018)"
    return g, why


def _air(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    c, r = spec.casualties, rules
    if c >= r.war_casualties:
        return WAR, f"an air attack killing {c:,}: a state of war"
    if spec.platforms >= r.air_armed_attack_aircraft:
        return AA, f"{spec.platforms} military aircraft shot down in one engagement: an armed attack"
    if c >= r.armed_attack_casualties:
        return AA, f"an air attack killing {c:,}: an armed attack"
    if spec.damage_musd >= r.armed_attack_damage_musd:
        return AA, f"an air attack causing ${spec.damage_musd:,.0f}m of physical damage: an armed attack"
    lost = f"{_plural(spec.platforms, 'aircraft')} shot down" if spec.platforms else "weapons fired"
    return UOF, (
        f"an air incident ({lost}, {c:,} killed): a use of force below an armed attack (the RF-4E, 22 Jun 2012: "
        "Turkey asked for Art 4 only)"
    )


def _shelling(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    c, r = spec.casualties, rules
    if c >= r.war_casualties:
        return WAR, f"shelling killing {c:,}: a state of war"
    if c >= r.armed_attack_casualties:
        return AA, f"shelling killing {c:,} (≥ {r.armed_attack_casualties}): an armed attack"
    if spec.weapons >= r.armed_attack_barrage:
        return (
            AA,
            f"a barrage of {spec.weapons:,} rounds on an inhabited place (≥ {r.armed_attack_barrage}): an armed attack",
        )
    if spec.platforms >= r.armed_attack_platforms or spec.damage_musd >= r.armed_attack_damage_musd:
        return _kinetic(spec, rules, "shelling")
    return UOF, (
        f"shelling across a line with {_effects(spec)}: a frontier incident, capped at a use of force (ICJ Nicaragua "
        "§195; Akcakale, 3 Oct 2012: 5 killed, Art 4 only)"
    )


def _invasion(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    t, r = spec.troops, rules
    if t == 0:
        return WAR, "an invasion in force puts the victim in a state of war"
    if t >= r.invasion_war_troops or spec.casualties >= r.war_casualties:
        return WAR, f"an invasion by {t:,} troops: a state of war"
    if t >= r.invasion_company_troops:
        return AA, (
            f"{t:,} troops crossing to hold ground (≥ {r.invasion_company_troops}): an armed attack, however temporary "
            "(GA res 3314 Art 3(a))"
        )
    return UOF, (
        f"an incursion by {t:,} troops (fewer than {r.invasion_company_troops}): a frontier incident, capped at a use "
        "of force (Eritrea-Ethiopia Claims Commission, Jus ad Bellum award of 19 Dec 2005; paragraph numbers unverified)"
    )


def _cyber(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    c, r = spec.casualties, rules
    if c >= r.armed_attack_casualties or (spec.physical and spec.damage_musd >= r.armed_attack_damage_musd):
        return AA, (
            f"a cyber attack with {_effects(spec)}{' (physical)' if spec.physical else ''}: deaths or destruction on "
            "the scale of a kinetic armed attack (Tallinn Manual 2.0 Rule 71; NATO Wales 2014 §72)"
        )
    if c or spec.injured or spec.physical:
        return UOF, (
            f"a cyber attack with {_effects(spec)}: physical harm makes it a use of force, below an armed attack "
            "(Tallinn Manual 2.0 Rule 69)"
        )
    if spec.damage_musd:
        return UOF, (
            f"a cyber attack with ${spec.damage_musd:,.0f}m of economic damage and no physical effects: capped at a use "
            "of force however large (Tallinn Manual 2.0 Rule 69; NotPetya 2017: nobody claimed an armed attack)"
        )
    return Gravity.INCIDENT, (
        "a cyber attack disrupting services without damage (a denial of service): an incident below the use of "
        "force (Estonia 2007)"
    )


def _terrorist(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    c, r = spec.casualties, rules
    if spec.domestic:
        return UOF, (
            f"a terrorist attack killing {c:,} by a domestic cell with no direction from abroad: capped at a use of "
            "force (London, 7 Jul 2005)"
        )
    if c >= r.terrorist_war_casualties:
        return WAR, f"a terrorist attack directed from abroad killing {c:,}: a state of war (9/11 precedent)"
    if c >= r.terrorist_armed_attack_casualties:
        return AA, (
            f"a terrorist attack directed from abroad killing {c:,} (≥ {r.terrorist_armed_attack_casualties}): an "
            "armed attack (NATO 12 Sep 2001; Paris 13 Nov 2015)"
        )
    return UOF, f"a terrorist attack killing {c:,}: below an armed attack"


def _hybrid(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    if spec.troops:
        g, why = _invasion(spec, rules)
        return g, "covert forces seizing ground, judged as an invasion: " + why
    if spec.casualties:
        g, why = _kinetic(spec, rules, "a covert attack")
        return g, why
    if spec.physical or spec.damage_musd or spec.platforms:
        return UOF, (
            f"sabotage with {_effects(spec)} and no deaths: capped at a use of force (Nord Stream, 26 Sep 2022: no "
            "invocation)"
        )
    return Gravity.INCIDENT, "covert pressure without force or damage (unrest, agents): an incident"


def _gray_zone(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    if spec.casualties:
        g, why = _naval(spec, rules)
        return g, "lethal force against a public vessel's crew, judged as a naval attack: " + why
    if spec.injured:
        return UOF, (
            f"gray-zone pressure injuring {spec.injured:,}: a use of force, capped below an armed attack (Second Thomas "
            "Shoal, 17 Jun 2024: Manila declined to call it an armed attack)"
        )
    return (
        Gravity.INCIDENT,
        "gray-zone pressure without casualties (coast guards, water cannon): below the use of force",
    )


def _airspace(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    if spec.casualties:
        return UOF, (
            f"an airspace violation with {spec.casualties:,} killed: a less grave use of force (enter it as an air, "
            "missile or strike attack to judge it on its effects)"
        )
    return Gravity.INCIDENT, (
        "an airspace violation without casualties: an incident, below the use of force (Estonia 19 Sep 2025; Poland "
        "9-10 Sep 2025: Art 4 only)"
    )


def _threat(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    return Gravity.THREAT, "a threat: no force used (UN Charter Art 2(4)); never an armed attack"


_BANDS: dict[AttackKind, Callable[[AttackSpec, Rules], tuple[Gravity, str]]] = {
    AttackKind.INVASION: _invasion,
    AttackKind.STRIKE: _strike,
    AttackKind.MISSILE: _missile,
    AttackKind.NAVAL: _naval,
    AttackKind.AIR: _air,
    AttackKind.SHELLING: _shelling,
    AttackKind.CYBER: _cyber,
    AttackKind.TERRORIST: _terrorist,
    AttackKind.HYBRID: _hybrid,
    AttackKind.GRAY_ZONE: _gray_zone,
    AttackKind.AIRSPACE_VIOLATION: _airspace,
    AttackKind.THREAT: _threat,
}


def assess_gravity(spec: AttackSpec, rules: Rules) -> tuple[Gravity, str]:
    """The gravity of one attack from its kind and its scale and effects, and why, in words.

    An accidental attack is capped at a use of force: it is no armed attack by whoever fired it.
    """
    g, why = _BANDS[spec.kind](spec, rules)
    if spec.intent is Intent.ACCIDENTAL and g > UOF:
        return UOF, f"{why}; but it was accidental: no armed attack by whoever fired it (Przewodow, 15 Nov 2022)"
    if spec.intent is Intent.ACCIDENTAL:
        return g, f"{why}; accidental"
    if spec.intent is Intent.RECKLESS:
        return g, f"{why}; reckless (a careless choice of target)"
    return g, why


def mass_casualty(spec: AttackSpec, rules: Rules) -> bool:
    """An attack on the victim's territory that kills at least the mass-casualty number (crisis-sources §1.2)."""
    return spec.casualties >= rules.mass_casualty
