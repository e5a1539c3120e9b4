"""Scoring a game against its scenario's objectives, with the reason for each result."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codec import options
from .enums import AttackKind, Outcome, VerdictCode
from .model import Objective, Scenario
from .world import VerdictKey, WorldState


@dataclass(frozen=True)
class ObjectiveResult:
    """An objective's result: met or not, the points it earns and why (stored as its id, label and kind)."""

    id: str
    label: str
    kind: str
    met: bool
    points: int
    max_points: int
    detail: str
    objective: Objective = field(metadata=options(skip=True))
    """The objective judged (not stored: the scenario has it)."""


def score(scenario: Scenario, world: WorldState) -> list[ObjectiveResult]:
    """Each objective's result at ``world`` (the end of a game, or any turn for a running score)."""
    out = []
    for ob in scenario.objectives:
        met, detail = _judge(scenario, world, ob)
        out.append(ObjectiveResult(ob.id, ob.label, ob.kind, met, ob.points if met else 0, ob.points, detail, ob))
    return out


def _judge(scenario: Scenario, world: WorldState, ob: Objective) -> tuple[bool, str]:
    if ob.kind == "hold":
        holder = world.control.get(ob.location)
        side = ob.side or (scenario.locations[ob.location].administered_by,)
        name = scenario.locations[ob.location].name
        if ob.turn is not None and world.turn < ob.turn:
            return holder in side, f"{name} held by {holder} at turn {world.turn} (judged at turn {ob.turn})"
        return holder in side, f"{name} is held by {holder}" + (
            "" if holder in side else f", not by {'/'.join(map(str, side))}"
        )
    if ob.kind == "cohesion":
        blocked = sorted(
            k for k, c in world.collectives.items() if k.treaty == ob.treaty and c.outcome is Outcome.BLOCKED
        )
        return not blocked, (
            "no invocation of " + ob.treaty + " was blocked"
        ) if not blocked else f"blocked: {', '.join(map(str, blocked))}"
    if ob.kind == "budget":
        side = ob.side or tuple(sorted(world.nations))
        broke = sorted(s for s in side if world.nations[s].exhausted)
        return not broke, "every budget is in credit" if not broke else f"exhausted: {', '.join(broke)}"
    if ob.kind == "no_war":
        answered = sorted(
            k
            for k, c in world.collectives.items()
            if c.outcome is Outcome.INVOKED
            and world.attacks[k.attack].spec.attacker in ob.side
            and _triggered(world, k)
            and world.attacks[k.attack].spec.kind is not AttackKind.THREAT
        )
        return (
            not answered,
            "no defence article was invoked against it"
            if not answered
            else f"invoked: {', '.join(map(str, answered))}",
        )
    return False, f"unknown objective kind {ob.kind!r}"


def _triggered(world: WorldState, key: VerdictKey) -> bool:
    v = world.verdicts.get(key)
    return v is not None and v.code is VerdictCode.TRIGGERED
