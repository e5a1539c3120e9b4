"""The aggressor AI: a plan limited to the scenario's theatre, staged objectives, and a decision to stop,
escalate or negotiate; it knows only what it could know.

**What it knows** (:func:`view_for`): the public record — attacks, verdicts, collective outcomes, who holds
which place, each state's polls and whether its budget is exhausted — its own forces and orders, and the other
states' forces it can see (within ``ai_sensor_radius_km`` of its own territory or forces): where they are, how
ready and how strong. It never reads another state's orders, pending votes, permissions or the white cell.

**Its plan** (the scenario's ``[[plans]]``): the states it may attack (only places of its theatre), stages of
objectives in order (border, then the main objective, then consolidation). On its first turn it readies its
forces in the theatre (a visible build-up). Then, for the current stage's objectives not yet held, it weighs
deterrence: the victim's and its credible guarantors' power that could be there within ``ai_horizon_days``
(guarantors discounted by doctrine, polls, budget and constitutional hurdles), over its own power within the
invasion radius — a ratio it reads through its own misperception, drawn once per game (``ai_perception_sigma``).
Where the ratio allows it climbs one rung at a time (gray-zone probe → limited strike → invasion) at the
objective with the weakest deterrence; a stage is done when its objectives are held, and the forces there go on
to the next (a garrison stays).

**Stop, escalate or negotiate**: it stops and offers to negotiate when the allies' heavy brigades in the theatre
reach the plan's number (RAND: about seven), when it has lost the plan's share of its committed forces, when the
plan's day passes without the main objective, or when its plan is done; a nuclear power then raises its alert to
deter a counter-offensive (escalation by signalling; never use). It halts for good when defenders outweigh an
invasion under way by ``ai_halt_ratio``.

Simplified: no deception, one new attack a turn, objectives are single places.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field, replace

from .enums import AttackKind, Domain, ForceRole, ForceStatus, Government, Gravity, TargetKind, VerdictCode
from .forces import HEAVY, march_km_per_day
from .geo import great_circle_km
from .military import Plan, Stage
from .model import AttackSpec, Scenario
from .rng import stream
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
    return (rules.ai_probe_casualties, rules.ai_limited_casualties, rules.ai_major_casualties)


# ------------------------------------------------------------------------------------------
# What it knows
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    """A force as the aggressor sees it."""

    id: str
    owner: str
    location: str
    status: ForceStatus
    strength: float


@dataclass(frozen=True)
class AiView:
    """The aggressor's knowledge: the public record, its own forces in full, the forces it can see."""

    turn: int
    state: str
    memory: AiMemory
    control: dict[str, str]
    support: dict[str, float]
    exhausted: dict[str, bool]
    attacks: tuple[tuple[str, AttackSpec, Gravity], ...]
    """(id, spec, gravity) of every attack, public."""
    invoked: tuple[tuple[str, str], ...]
    """(treaty, attack) of collective outcomes INVOKED."""
    forces: dict[str, Seen] = field(default_factory=dict)
    own_orders: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Its own forces' (mission, destination)."""


def view_for(scenario: Scenario, world: WorldState, sid: str) -> AiView:
    """What ``sid`` can know of ``world`` (never another state's orders, votes, permissions or the white cell)."""
    s = scenario
    radius = s.rules.ai_sensor_radius_km
    eyes = [(s.locations[lid].lat, s.locations[lid].lon) for lid, h in world.control.items() if h == sid]
    own_orders: dict[str, tuple[str, str]] = {}
    for fd in s.forces_by_owner.get(sid, ()):
        fs = world.forces[fd.id]
        loc = s.locations[fs.location]
        eyes.append((loc.lat, loc.lon))
        own_orders[fd.id] = (fs.mission, fs.destination or "")
    eyes = sorted(set((round(a, 1), round(b, 1)) for a, b in eyes))
    seen: dict[str, Seen] = {}
    visible: dict[str, bool] = {}
    for fid, fs in world.forces.items():
        fd = s.force(fid)
        if fs.status is ForceStatus.DESTROYED:
            continue
        where = visible.get(fs.location)
        if where is None:
            loc = s.locations[fs.location]
            where = visible[fs.location] = any(great_circle_km(la, lo, loc.lat, loc.lon) <= radius for la, lo in eyes)
        if fd.owner == sid or where:
            seen[fid] = Seen(fid, fd.owner, fs.location, fs.status, fs.strength)
    return AiView(
        turn=world.turn,
        state=sid,
        memory=world.ai.get(sid, AiMemory()),
        control=dict(world.control),
        support={k: n.support for k, n in world.nations.items()},
        exhausted={k: n.exhausted for k, n in world.nations.items()},
        attacks=tuple((a.id, a.spec, a.gravity) for a in world.attacks.values()),
        invoked=tuple((k.treaty, k.attack) for k, c in world.collectives.items() if c.outcome.value == "INVOKED"),
        forces=seen,
        own_orders=own_orders,
    )


# ------------------------------------------------------------------------------------------
# Deterrence
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """An objective the aggressor weighs: its power in reach, the credibility-weighted defence, their ratio."""

    location: str
    victim: str
    own_power: float
    defence: float
    ratio: float
    triggered: tuple[str, ...]
    guarantors: dict[str, float]


def credibility(scenario: Scenario, view: AiView, sid: str) -> float:
    """How likely an ally is to act, as the aggressor reads it: doctrine × polls × budget × hurdles."""
    st = scenario.states[sid]
    rules = scenario.rules
    base = rules.ai_credibility(st.doctrine)
    if st.government is Government.DEMOCRACY:
        factor = view.support.get(sid, 50.0) / max(st.support_threshold, 1.0)
        base *= min(rules.ai_support_factor_max, max(rules.ai_support_factor_min, factor))
    if view.exhausted.get(sid):
        base *= rules.ai_exhausted_factor
    if st.needs_prior_approval:
        base *= rules.ai_prior_approval_factor
    return max(0.0, min(1.0, base))


def _reach(scenario: Scenario, view: AiView, owner: str, lid: str, horizon: float, victim: str) -> float:
    """Land power of ``owner`` it can see that could be at ``lid`` within ``horizon`` days (a guarantor's
    home-defence forces stay home, and its forward forces defend where they stand: roles are public)."""
    s = scenario
    loc = s.locations[lid]
    total = 0.0
    for fd in s.forces_by_owner.get(owner, ()):
        seen = view.forces.get(fd.id)
        if seen is None or fd.domain is Domain.SEA or fd.role is ForceRole.STRATEGIC:
            continue
        here = s.locations[seen.location]
        if owner != victim and fd.role is not ForceRole.EXPEDITIONARY and here.administered_by != victim:
            continue
        km = great_circle_km(here.lat, here.lon, loc.lat, loc.lon)
        if fd.domain is Domain.AIR:
            if km <= s.rules.air_radius_km:
                total += fd.combat_power * seen.strength * s.rules.air_support_share
            continue
        ready = 0.0 if seen.status in (ForceStatus.READY, ForceStatus.DEPLOYED) else fd.readiness_days
        speed = march_km_per_day(fd, s.rules) if km < 1500 else s.rules.air_km_per_day / 4
        if ready + km / speed <= horizon:
            total += fd.combat_power * seen.strength
    return total


def _own(scenario: Scenario, view: AiView, sid: str, lid: str) -> float:
    """Its own land power within the invasion radius of ``lid``, free or already on the way there."""
    s = scenario
    loc = s.locations[lid]
    total = 0.0
    for fd in s.forces_by_owner.get(sid, ()):
        seen = view.forces.get(fd.id)
        if seen is None or fd.domain is not Domain.LAND or fd.role in (ForceRole.STRATEGIC, ForceRole.HOME_DEFENCE):
            continue
        here = s.locations[seen.location]
        if great_circle_km(here.lat, here.lon, loc.lat, loc.lon) <= s.rules.invasion_radius_km:
            total += fd.combat_power * seen.strength
    return total


def weigh(scenario: Scenario, view: AiView, sid: str, lid: str, day: dt.date) -> Candidate | None:
    """The deterrence at one objective, as ``sid`` reads it (None if it has no power in reach)."""
    rules = scenario.rules
    loc = scenario.locations[lid]
    victim = view.control.get(lid) or loc.administered_by
    if victim is None or victim == sid or victim not in scenario.states:
        return None
    own = _own(scenario, view, sid, lid)
    if own <= 0:
        return None
    spec = AttackSpec(sid, victim, lid, AttackKind.INVASION, casualties=rules.ai_major_casualties)
    av = AttackView("AI", spec, Gravity.STATE_OF_WAR, 1.0, True, (victim,))
    triggered, guarantors = [], {}
    for v in verdicts_for(scenario, av, day):
        if v.code is VerdictCode.TRIGGERED:
            triggered.append(f"{v.treaty} {v.citation}")
            for g in v.guarantors:
                if g != sid and g in view.support:
                    guarantors[g] = credibility(scenario, view, g)
    horizon = rules.ai_horizon_days
    defence = _reach(scenario, view, victim, lid, horizon, victim)
    defence += sum(_reach(scenario, view, g, lid, horizon, victim) * c for g, c in sorted(guarantors.items()))
    ratio = defence / own * view.memory.perception
    return Candidate(lid, victim, own, defence, ratio, tuple(triggered), guarantors)


# ------------------------------------------------------------------------------------------
# The move
# ------------------------------------------------------------------------------------------


Reasons = list[tuple[str, str]]
"""The AI's reasoning: (label, detail) pairs, logged as the reasons of its event."""


@dataclass
class Move:
    """What the aggressor does this turn."""

    attack: AttackSpec | None = None
    memory: AiMemory = AiMemory()
    reasons: Reasons = field(default_factory=list)
    mobilise: list[str] = field(default_factory=list)
    retask: list[str] = field(default_factory=list)
    """Its forces at objectives it holds that go on to the next (their mission is cleared)."""
    alert: int = 0
    """A nuclear alert level it raises to (0: none)."""


def decide(scenario: Scenario, view: AiView, turn: int, difficulty: str, seed: int) -> Move:
    """The aggressor's move this turn, from what it knows."""
    sid = view.state
    mem = view.memory
    if mem.last == -999 and mem.perception == 1.0:
        z = stream(seed, "ai perception", sid).gauss(0.0, 1.0)
        mem = replace(mem, perception=round(math.exp(scenario.rules.ai_perception_sigma * z), 6))
    plan = scenario.military.plan_of.get(sid)
    if plan is None:
        if mem.last == -999:
            return Move(
                memory=replace(mem, last=turn), reasons=[("no plan", "no plan for this scenario: no moves of its own")]
            )
        return Move(memory=mem)
    if mem.halted or mem.negotiating:
        return Move(memory=mem)
    move = Move(memory=mem)
    if mem.stage == 0:
        move.mobilise = _build_up(scenario, view, plan)
        move.memory = replace(mem, stage=1)
        move.reasons.append(
            ("build-up", f"readies {len(move.mobilise)} force(s) in its theatre ({plan.theatre}) for its plan")
        )
        mem = move.memory
    stop = _stop(scenario, view, plan, turn)
    if stop is not None:
        label, detail = stop
        nuclear = scenario.military.nuclear_of.get(sid)
        move.alert = 2 if nuclear is not None and nuclear.signals else 0
        move.memory = replace(mem, negotiating=label != "halt", halted=label == "halt", last=turn)
        move.reasons.append((label, detail))
        if move.alert:
            move.reasons.append(("escalate", "raises its nuclear alert to deter a counter-offensive (signalling only)"))
        return move
    stage_no, stage = _current_stage(view, plan)
    if stage is None:
        move.memory = replace(mem, negotiating=True, last=turn, stage=len(plan.stages) + 1)
        move.reasons.append(("negotiate", "its plan's objectives are held: it consolidates and offers to negotiate"))
        return move
    if stage_no > mem.stage:
        move.memory = mem = replace(mem, stage=stage_no)
        move.retask = _retask(scenario, view, plan)
        move.reasons.append(("next stage", f"stage {stage_no}: {stage.label or ', '.join(stage.objectives)}"))
    if (
        turn - mem.last < scenario.rules.ai_cadence_turns
        and mem.last != -999
        and stage_no == mem.stage
        and not move.retask
    ):
        return move
    return _escalate(scenario, view, plan, stage_no, turn, difficulty, move)


def _build_up(scenario: Scenario, view: AiView, plan: Plan) -> list[str]:
    theatre = scenario.military.theatre_by_id.get(plan.theatre)
    out = []
    for fd in scenario.forces_by_owner.get(view.state, ()):
        seen = view.forces.get(fd.id)
        if seen is None or seen.status is not ForceStatus.GARRISON or fd.role is not ForceRole.EXPEDITIONARY:
            continue
        loc = scenario.locations[seen.location]
        if theatre is None or theatre.contains(loc.lat, loc.lon):
            out.append(fd.id)
    return out


def _held(view: AiView, lid: str) -> bool:
    return view.control.get(lid) == view.state


def _current_stage(view: AiView, plan: Plan) -> tuple[int, Stage | None]:
    """The first stage not done: a stage is done when one of its places is held and every other is held or
    under invasion (the main stage: when one of its places is held)."""
    under_way = {
        a[1].location for a in view.attacks if a[1].attacker == view.state and a[1].kind is AttackKind.INVASION
    }
    for i, st in enumerate(plan.stages, 1):
        held = [lid for lid in st.objectives if _held(view, lid)]
        if held and (st.main or all(lid in held or lid in under_way for lid in st.objectives)):
            continue
        return i, st
    return len(plan.stages) + 1, None


def _stop(scenario: Scenario, view: AiView, plan: Plan, turn: int) -> tuple[str, str] | None:
    s = scenario
    sid = view.state
    rules = s.rules
    mine = [a for a in view.attacks if a[1].attacker == sid and a[1].kind is AttackKind.INVASION]
    if not mine:
        return None
    # halt: defenders outweigh an invasion under way
    for aid, spec, _ in mine:
        lid = spec.location
        own = sum(
            s.force(f).combat_power * v.strength
            for f, v in view.forces.items()
            if v.owner == sid and v.location == lid and view.own_orders.get(f, ("", ""))[0] == aid
        )
        theirs = sum(
            s.force(f).combat_power * v.strength
            for f, v in view.forces.items()
            if v.owner != sid and v.location == lid and v.status is ForceStatus.DEPLOYED
        )
        if own > 0 and theirs > rules.ai_halt_ratio * own and not _held(view, lid):
            return (
                "halt",
                f"at {s.locations[lid].name} the defenders ({theirs:.1f}) outweigh its forces ({own:.1f}) by more than "
                f"{rules.ai_halt_ratio:g}: it halts and attempts no new escalation",
            )
    theatre = s.military.theatre_by_id.get(plan.theatre)
    friends = {sid} | {a for a, _ in _allies(s, sid, s.date_of(turn))}
    heavy = 0
    for f, v in view.forces.items():
        fd = s.force(f)
        if fd.owner in friends or fd.owner in plan.targets or fd.kind not in HEAVY or fd.personnel < 2500:
            continue
        loc = s.locations[v.location]
        if theatre is not None and theatre.contains(loc.lat, loc.lon) and v.status is not ForceStatus.GARRISON:
            heavy += 1
    if heavy >= plan.stop_heavy_brigades:
        return (
            "negotiate",
            f"{heavy} allied heavy brigades now stand in the theatre (plan: stop at {plan.stop_heavy_brigades})",
        )
    committed = [f for f, (m, _) in view.own_orders.items() if m]
    if committed:
        lost = sum(1 - (view.forces[f].strength if f in view.forces else 0.0) for f in committed) / len(committed)
        if lost > plan.stop_losses:
            return (
                "negotiate",
                f"it has lost {lost:.0%} of the forces it committed (plan: stop at {plan.stop_losses:.0%})",
            )
    day = turn * s.turn_length_days
    main = [lid for st in plan.stages if st.main for lid in st.objectives]
    if main and day > plan.stop_day and not any(_held(view, lid) for lid in main):
        return ("negotiate", f"day {day:g} and its main objective is not taken (plan: by day {plan.stop_day:g})")
    return None


def _allies(scenario: Scenario, sid: str, day: dt.date) -> list[tuple[str, str]]:
    out = []
    for tr in scenario.treaties:
        if tr.is_party(sid, day) and any(a.kind.value == "defence" for a in tr.articles):
            out += [(p, tr.id) for p in tr.parties_on(day) if p != sid]
    return out


def _retask(scenario: Scenario, view: AiView, plan: Plan) -> list[str]:
    """Its forces at the objectives it holds go on, but for a garrison of about 40% of the power there."""
    sid = view.state
    held = {lid for st in plan.stages for lid in st.objectives if _held(view, lid)}
    out = []
    for lid in sorted(held):
        here = sorted(
            (scenario.force(f).combat_power * v.strength, f)
            for f, v in view.forces.items()
            if v.owner == sid and v.location == lid and scenario.force(f).domain is Domain.LAND
        )
        total = sum(p for p, _ in here)
        kept = 0.0
        for p, f in here:
            if kept < 0.4 * total:
                kept += p
                continue
            out.append(f)
    return out


def _escalate(
    scenario: Scenario, view: AiView, plan: Plan, stage_no: int, turn: int, difficulty: str, move: Move
) -> Move:
    rules = scenario.rules
    sid = view.state
    mem = move.memory
    stage = plan.stages[stage_no - 1]
    under_way = {a[1].location for a in view.attacks if a[1].attacker == sid and a[1].kind is AttackKind.INVASION}
    day = scenario.date_of(turn)
    cands = [
        c
        for lid in stage.objectives
        if not _held(view, lid) and lid not in under_way
        for c in [weigh(scenario, view, sid, lid, day)]
        if c is not None and c.victim in plan.targets
    ]
    if not cands:
        return move
    cands.sort(key=lambda c: (c.ratio, -c.own_power, c.location))
    boldness = rules.ai_boldness(difficulty)
    limits = rung_limits(rules)
    move.reasons += [
        (
            f"target {c.location}",
            f"{c.victim}: own power in reach {c.own_power:.1f}, defence within {rules.ai_horizon_days:g} days "
            f"{c.defence:.1f} (credibility-weighted), ratio as it reads it {c.ratio:.2f} (misperception × "
            f"{mem.perception:.2f}); would trigger: {', '.join(c.triggered) or 'nothing'}",
        )
        for c in cands[:5]
    ]
    best = cands[0]
    allowed = [i for i, limit in enumerate(limits) if best.ratio <= limit * boldness]
    top = max(allowed) if allowed else -1
    if top < 0:
        move.reasons.append(
            (
                "deterred",
                f"the weakest objective ({best.location}) reads {best.ratio:.2f} > {limits[0] * boldness:.2f}: no action",
            )
        )
        move.memory = replace(mem, last=turn)
        return move
    rung = min(mem.level + 1, top)
    if rung <= mem.level and best.location == mem.target and rung < 2:
        move.reasons.append(
            (
                "hold",
                f"deterrence at {best.location} ({best.ratio:.2f}) does not allow climbing above '{LADDER[mem.level][0]}'",
            )
        )
        move.memory = replace(mem, last=turn)
        return move
    name, kind = LADDER[rung]
    loc = scenario.locations[best.location]
    move.attack = AttackSpec(
        sid,
        best.victim,
        best.location,
        kind,
        target=TargetKind.TERRITORY,
        casualties=rung_casualties(rules)[rung],
        attribution=rules.ai_probe_attribution if rung == 0 else rules.ai_attribution,
        request=rung > 0,
        description=f"aggressor AI: {name} against {loc.name} (stage {stage_no})",
    )
    move.reasons.append(
        (
            "choice",
            f"rung '{name}' ({kind.value}) at {loc.name}: the weakest deterrence of stage {stage_no} "
            f"({best.ratio:.2f} ≤ {limits[rung] * boldness:.2f}, difficulty {difficulty})",
        )
    )
    move.memory = replace(mem, level=max(mem.level, rung), last=turn, target=best.location)
    return move
