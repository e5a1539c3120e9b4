"""One turn, in the phases of DESIGN §4, and the start of a game.

``resolve_turn`` takes the world after turn t−1 and the commands recorded for turn t, and
returns a :class:`TurnRecord`: the events of turn t and the new world. It does not modify its
input. Randomness comes only from the seed through named sub-streams. Each phase lives in its own
module of :mod:`wargame.engine.phases`; this module only runs them in order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .codec import clone, state_hash
from .commands import Command
from .enums import Difficulty, ForceStatus, LocationId, StateId
from .events import Event, EventLog
from .injects import InjectError
from .model import Scenario
from .phases import (
    alliance,
    approvals,
    assessment,
    budget,
    consultations,
    council,
    end,
    engagements,
    escalation,
    injects,
    legal,
    movement,
    munitions,
    national,
    opinion,
    overrides,
    sanctions,
    verdicts,
)
from .phases.context import TurnContext
from .world import ForceState, NationState, Term, WorldState

__all__ = ["DIFFICULTIES", "TurnRecord", "initial_world", "resolve_turn"]

DIFFICULTIES = tuple(d.value for d in Difficulty)
"""The difficulty levels: they set the aggressor AI's boldness and the allies' reliability (see ``Rules``)."""


@dataclass(frozen=True)
class TurnRecord:
    """What one resolved turn produced: its events and the new world."""

    turn: int
    date: dt.date
    events: tuple[Event, ...]
    world: WorldState

    @property
    def state_hash(self) -> str:
        """sha256 of the world's canonical JSON, computed on each access.

        To store the world as well, encode it once and hash that: ``state_hash(encode(rec.world))``.
        """
        return state_hash(self.world)


def initial_world(scenario: Scenario) -> WorldState:
    """The world at turn 0: forces at home, every place held by its administrator."""
    nations: dict[StateId, NationState] = {}
    for sid, st in sorted(scenario.states.items()):
        reserve = st.defence_budget_busd * 1000.0 * scenario.rules.ops_reserve_share
        nations[sid] = NationState(
            id=sid,
            support=st.opinion_baseline,
            support_terms=[Term("Baseline (polls)", st.opinion_baseline, "scenario opinion_baseline")],
            budget_musd=reserve,
            budget_terms=budget.budget_terms(reserve, scenario.rules, st.defence_budget_busd),
        )
    forces = {
        fd.id: ForceState(id=fd.id, status=ForceStatus.GARRISON, location=fd.home, strength=1.0)
        for fd in scenario.forces
    }
    control: dict[LocationId, StateId] = {
        lid: loc.administered_by for lid, loc in sorted(scenario.locations.items()) if loc.administered_by
    }
    stocks = {f"{m.state}:{m.pool}": m.stock for m in scenario.military.munitions if m.state in nations}
    return WorldState(
        turn=0,
        attacks={},
        forces=forces,
        nations=nations,
        control=control,
        verdicts={},
        collectives={},
        munitions=dict(sorted(stocks.items())),
    )


def resolve_turn(
    scenario: Scenario,
    world: WorldState,
    commands: Sequence[Command],
    seed: int,
    controlled: Iterable[StateId] = (),
    ai: Iterable[StateId] = (),
    difficulty: str = "normal",
) -> TurnRecord:
    """Resolve turn ``world.turn + 1`` with ``commands``.

    States in ``controlled`` (human seats) get no default policy; aggressors in ``ai`` are played by
    the aggressor AI (:mod:`wargame.engine.ai`); ``difficulty`` (easy/normal/hard) sets the AI's
    boldness and the allies' reliability. The turn works on a copy of ``world``
    (:func:`~wargame.engine.codec.clone`: the world as the saved game would give it back).
    Raises :class:`InjectError` if the game has ended or the difficulty is unknown.
    """
    if world.ended:
        raise InjectError(f"the game has ended ({world.end_reason}); branch it to play on")
    if difficulty not in DIFFICULTIES:
        raise InjectError(f"unknown difficulty {difficulty!r} (easy, normal, hard)")
    turn = world.turn + 1
    ctx = TurnContext(
        scenario=scenario,
        world=clone(world),
        turn=turn,
        day=scenario.date_of(turn),
        seed=seed,
        commands=tuple(commands),
        controlled=frozenset(controlled),
        ai_states=frozenset(ai),
        difficulty=difficulty,
        log=EventLog(turn),
    )
    ctx.world.turn = turn
    # 1. injects, and the white cell's overrides (each takes effect in the phase that owns the value)
    injects.run(ctx)
    overrides.record(ctx)
    # 2. assessment: evidence and attribution, patterns of incidents, requests and consultations
    assessment.run(ctx)
    # 3. verdicts
    verdicts.run(ctx)
    # 4. alliance decisions, the Security Council, consultation bodies
    alliance.run(ctx)
    council.run(ctx)
    consultations.run(ctx)
    # 5. national decisions: decision overrides, seats, then the default policy
    overrides.apply_decisions(ctx)
    national.run(ctx)
    # 6. mobilisation and movement
    movement.run(ctx)
    # 7. engagements, munitions refilled by industry, nuclear posture
    engagements.run(ctx)
    munitions.run(ctx)
    escalation.run(ctx)
    # 8. politics: control overrides, legislative votes, legal clocks, sanctions, budget, opinion
    overrides.apply_control(ctx)
    approvals.run(ctx)
    legal.run(ctx)
    sanctions.run(ctx)
    budget.run(ctx)
    opinion.run(ctx)
    # 9. end conditions
    end.run(ctx)
    return TurnRecord(turn, ctx.day, tuple(ctx.log.events), ctx.world)
