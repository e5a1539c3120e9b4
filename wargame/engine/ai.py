"""The aggressor AI: it reasons with the engine's own models and climbs an escalation ladder.

For every target within reach it asks the verdict gates which treaties a major attack there would
trigger, estimates how much combat power the victim and its credible guarantors could bring within
a horizon (readiness + great-circle travel), discounts each guarantor by its credibility (doctrine,
public support, budget), and divides by its own power in reach: the *deterrence ratio*. It probes
(gray zone) where deterrence is weak, escalates one rung at a time (gray zone → limited strike →
invasion) where the ratio stays low, and halts when the balance turns against an invasion under way.
Its reasoning is logged as an event like any other outcome.

Simplified on purpose: no deception, no multi-front planning, and targets are single locations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .enums import AttackKind, ForceStatus, Government, Gravity, LocationKind, TargetKind, VerdictCode
from .geo import great_circle_km
from .model import AttackSpec, Scenario
from .rules import Rules
from .verdicts import AttackView, verdicts_for
from .world import AiMemory, WorldState

LADDER: tuple[tuple[str, AttackKind], ...] = (
    ("probe", AttackKind.GRAY_ZONE),
    ("limited", AttackKind.STRIKE),
    ("major", AttackKind.INVASION),
)
"""The escalation ladder: rung name and attack kind (its casualties and limits are in :class:`Rules`)."""


def rung_limits(rules: Rules) -> tuple[float, float, float]:
    """Highest deterrence ratio at which each rung is tried (before boldness)."""
    return (rules.ai_probe_limit, rules.ai_limited_limit, rules.ai_major_limit)


def rung_casualties(rules: Rules) -> tuple[int, int, int]:
    """Casualties each rung's attack causes."""
    return (rules.ai_probe_casualties, rules.ai_limited_casualties, rules.ai_major_casualties)


@dataclass(frozen=True)
class Candidate:
    """A target the aggressor weighs: its own power in reach, the credibility-weighted defence, their ratio."""

    location: str
    victim: str
    own_power: float
    defence: float
    ratio: float
    triggered: tuple[str, ...]
    guarantors: dict[str, float]


def credibility(scenario: Scenario, world: WorldState, sid: str) -> float:
    """How likely an ally is to act, as the aggressor reads it: doctrine × support × budget."""
    st = scenario.states[sid]
    n = world.nations[sid]
    rules = scenario.rules
    base = rules.ai_credibility(st.doctrine)
    if st.government is Government.DEMOCRACY:
        factor = n.support / max(st.support_threshold, 1.0)
        base *= min(rules.ai_support_factor_max, max(rules.ai_support_factor_min, factor))
    if n.exhausted:
        base *= rules.ai_exhausted_factor
    if st.needs_prior_approval:
        base *= rules.ai_prior_approval_factor
    return max(0.0, min(1.0, base))


def allies_of(scenario: Scenario, sid: str, day: dt.date) -> set[str]:
    """The parties of every defence treaty ``sid`` belongs to on ``day``."""
    out: set[str] = set()
    for tr in scenario.treaties:
        if tr.is_party(sid, day) and any(a.kind.value == "defence" for a in tr.articles):
            out.update(tr.parties_on(day))
    out.discard(sid)
    return out


def power_near(scenario: Scenario, world: WorldState, owner: str, loc_id: str, radius_km: float) -> float:
    loc = scenario.locations[loc_id]
    total = 0.0
    for fd in scenario.forces_by_owner.get(owner, ()):
        fs = world.forces[fd.id]
        if fs.status is ForceStatus.DESTROYED:
            continue
        here = scenario.locations[fs.location]
        if great_circle_km(here.lat, here.lon, loc.lat, loc.lon) <= radius_km:
            total += fd.combat_power * fs.strength
    return total


def arriving_power(scenario: Scenario, world: WorldState, owner: str, loc_id: str, horizon_days: float) -> float:
    """Combat power of ``owner`` that could be at ``loc_id`` within the horizon (readiness + travel)."""
    loc = scenario.locations[loc_id]
    total = 0.0
    for fd in scenario.forces_by_owner.get(owner, ()):
        fs = world.forces[fd.id]
        if fs.status is ForceStatus.DESTROYED:
            continue
        here = scenario.locations[fs.location]
        km = great_circle_km(here.lat, here.lon, loc.lat, loc.lon)
        ready = 0.0 if fs.status in (ForceStatus.READY, ForceStatus.DEPLOYED) else fd.readiness_days
        if ready + km / max(fd.speed_km_per_day, 1.0) <= horizon_days:
            total += fd.combat_power * fs.strength
    return total


def candidates(scenario: Scenario, world: WorldState, sid: str, day: dt.date) -> list[Candidate]:
    """Every place the aggressor could invade, weakest deterrence first."""
    rules = scenario.rules
    friends = allies_of(scenario, sid, day)
    out: list[Candidate] = []
    for lid, loc in sorted(scenario.locations.items()):
        victim = world.control.get(lid) or loc.administered_by
        if (
            victim is None
            or victim == sid
            or victim in friends
            or loc.kind in (LocationKind.SEA, LocationKind.FEATURE)
            or victim not in scenario.states
            or scenario.states[victim].non_state
        ):
            continue
        if world.control.get(lid) == sid or any(
            a.spec.attacker == sid and a.spec.location == lid and a.spec.kind is AttackKind.INVASION
            for a in world.attacks.values()
        ):
            continue  # already held, or an invasion of it is under way
        own = power_near(scenario, world, sid, lid, rules.invasion_radius_km)
        if own <= 0:
            continue
        spec = AttackSpec(sid, victim, lid, AttackKind.INVASION, casualties=rules.ai_major_casualties)
        view = AttackView("AI", spec, Gravity.STATE_OF_WAR, 1.0, True, (victim,))
        triggered, guarantors = [], {}
        for v in verdicts_for(scenario, view, day):
            if v.code is VerdictCode.TRIGGERED:
                triggered.append(f"{v.treaty} {v.citation}")
                for g in v.guarantors:
                    if g != sid and g in world.nations:
                        guarantors[g] = credibility(scenario, world, g)
        horizon = rules.ai_horizon_days
        defence = arriving_power(scenario, world, victim, lid, horizon)
        defence += sum(arriving_power(scenario, world, g, lid, horizon) * c for g, c in sorted(guarantors.items()))
        out.append(Candidate(lid, victim, own, defence, defence / own, tuple(triggered), guarantors))
    out.sort(key=lambda c: (c.ratio, -c.own_power, c.location))
    return out


Reasons = list[tuple[str, str]]
"""The AI's reasoning: (label, detail) pairs, logged as the reasons of its event."""


def decide(
    scenario: Scenario, world: WorldState, sid: str, turn: int, difficulty: str
) -> tuple[AttackSpec | None, AiMemory, Reasons]:
    """The aggressor's move this turn: an attack (or None), its updated memory, and its reasons."""
    mem = world.ai.get(sid, AiMemory())
    if mem.halted:
        return None, mem, []
    halt = _halt(scenario, world, sid)
    if halt is not None:
        return None, replace(mem, halted=True), [halt]
    if turn - mem.last < scenario.rules.ai_cadence_turns:
        return None, mem, []
    cands = candidates(scenario, world, sid, scenario.date_of(turn))
    if not cands:
        return None, mem, []
    return _escalate(scenario, sid, turn, difficulty, mem, cands)


def _halt(scenario: Scenario, world: WorldState, sid: str) -> tuple[str, str] | None:
    """The reason to halt for good, if the defenders now outweigh an invasion under way."""
    rules = scenario.rules
    for att in world.attacks.values():
        if att.spec.attacker != sid or att.spec.kind is not AttackKind.INVASION:
            continue
        lid = att.spec.location
        mine = sum(
            scenario.force(f).combat_power * fs.strength
            for f, fs in world.forces.items()
            if fs.location == lid and fs.mission == att.id and fs.status is not ForceStatus.DESTROYED
        )
        theirs = sum(
            scenario.force(f).combat_power * fs.strength
            for f, fs in world.forces.items()
            if fs.location == lid
            and scenario.force(f).owner != sid
            and fs.status is not ForceStatus.DESTROYED
            and (fs.mission == att.id or scenario.force(f).owner == att.spec.victim)
        )
        if mine > 0 and theirs > rules.ai_halt_ratio * mine:
            return (
                "halt",
                f"at {lid} the defenders ({theirs:.1f}) outweigh its forces ({mine:.1f}) by more than {rules.ai_halt_ratio:g}: "
                "it halts and attempts no new escalation",
            )
    return None


def _escalate(
    scenario: Scenario, sid: str, turn: int, difficulty: str, mem: AiMemory, cands: list[Candidate]
) -> tuple[AttackSpec | None, AiMemory, Reasons]:
    """Against the weakest target, climb one rung of the ladder as far as its deterrence ratio allows."""
    rules = scenario.rules
    boldness = rules.ai_boldness(difficulty)
    limits = rung_limits(rules)
    reasons: Reasons = [
        (
            f"target {c.location}",
            f"{c.victim}: own power in reach {c.own_power:.1f}, defence within {rules.ai_horizon_days:g} days {c.defence:.1f} "
            f"(credibility-weighted), ratio {c.ratio:.2f}; would trigger: {', '.join(c.triggered) or 'nothing'}",
        )
        for c in cands[:5]
    ]
    best = cands[0]
    level = mem.level
    allowed = [i for i, limit in enumerate(limits) if best.ratio <= limit * boldness]
    top = max(allowed) if allowed else -1
    if top < 0:
        reasons.append(
            (
                "deterred",
                f"the weakest target ({best.location}) has deterrence ratio {best.ratio:.2f} > "
                f"{limits[0] * boldness:.2f}: no action",
            )
        )
        return None, replace(mem, last=turn), reasons
    rung = min(level + 1, top) if level + 1 <= top else top
    if rung <= level and best.location == mem.target:
        reasons.append(
            (
                "hold",
                f"deterrence at {best.location} ({best.ratio:.2f}) does not allow climbing above "
                f"'{LADDER[level][0]}': holds",
            )
        )
        return None, replace(mem, last=turn), reasons
    name, kind = LADDER[rung]
    loc = scenario.locations[best.location]
    spec = AttackSpec(
        sid,
        best.victim,
        best.location,
        kind,
        target=TargetKind.TERRITORY,
        casualties=rung_casualties(rules)[rung],
        attribution=rules.ai_probe_attribution if rung == 0 else rules.ai_attribution,
        request=rung > 0,
        description=f"aggressor AI: {name} against {loc.name}",
    )
    reasons.append(
        (
            "choice",
            f"rung '{name}' ({kind.value}) at {loc.name}: the lowest deterrence ratio "
            f"({best.ratio:.2f} ≤ {limits[rung] * boldness:.2f}, difficulty {difficulty})",
        )
    )
    return spec, replace(mem, level=max(level, rung), last=turn, target=best.location), reasons
