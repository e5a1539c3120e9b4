"""The engine's speed-ups (issue 16) change no outcome: fixed Baltic runs give the hashes and event logs the engine
gave before them, whether each run starts from a freshly loaded scenario (cold memos) or follows others in the same
process (the route memo shared through ``Scenario.derive``)."""

from __future__ import annotations

import dataclasses
import hashlib
import json

from wargame.app import batch as B
from wargame.app import variations as V
from wargame.engine import RULES_VERSION, Scenario, encode, initial_world, resolve_turn, state_hash

BEFORE: dict[int, list[tuple[int, int, str, str]]] = {
    # (seed, last turn, state_hash, sha256 of the event log) of runs 1-3 of `plan_batch("baltic", 3, turns=60)`,
    # computed with the engine of main at 622e4e6 (before the speed-ups). A rules change that is meant to change
    # outcomes bumps RULES_VERSION: add that version's figures here (made the same way) with the new golden games.
    3: [
        (
            3043085955447085036,
            16,
            "83dab60c481d27045947b926451783521f37e0d7583bfcfe25cf17b209ea7f72",
            "7ded531e59602a89d86bdf22c3c7b4997a877158c089cced74e0da102ee25bbb",
        ),
        (
            6278478077450809177,
            17,
            "0670a4bf985953c3238920382e008009a64560590c9bd1b792aa92e73c79fa13",
            "28e515a4a39ff7277ae7432bb3eca75c6f3c2677b600362090a066cb6d6a06f2",
        ),
        (
            1331417134430945498,
            16,
            "9e3e4226e23fe66bdb434e2aafb2ff78978df8a7af7ca70204d9305aaf73ebde",
            "642a6095b01f96deab4f8c7b915930e88f09dae3c05fbb79523fe5b63a3b9068",
        ),
    ]
}


def _play(base: Scenario, spec: B.RunSpec) -> tuple[int, int, str, str]:
    changes, difficulty = V.split_difficulty(spec.assignment)
    scenario = V.apply(base, changes)
    ai = frozenset(B.seats_of(scenario))
    world = initial_world(scenario)
    log = hashlib.sha256()
    while not world.ended:
        rec = resolve_turn(scenario, world, (), spec.seed, (), ai, difficulty)
        world = rec.world
        log.update(json.dumps([encode(e) for e in rec.events], sort_keys=True).encode())
    return spec.seed, world.turn, state_hash(world), log.hexdigest()


def test_fixed_runs_give_the_hashes_and_events_of_before_the_speed_ups() -> None:
    assert RULES_VERSION in BEFORE, "add this rules version's figures to BEFORE (see the comment there)"
    plan = B.plan_batch("baltic", 3, turns=60)
    base = plan.source.load()
    warm = [_play(base, spec) for spec in plan.runs]  # one process, the route memo shared run after run
    derived = V.apply(base, dict(plan.runs[0].assignment))
    assert derived is not base and derived.route_cache is base.route_cache
    B._LOADED.clear()
    cold = _play(plan.source.load(), plan.runs[2])  # a fresh scenario: every memo empty
    assert warm == BEFORE[RULES_VERSION]
    assert cold == warm[2]


def test_a_varied_scenario_that_changes_route_inputs_gets_its_own_memo() -> None:
    plan = B.plan_batch("baltic", 1, turns=5)
    base = plan.source.load()
    same = base.derive(max_turns=7)
    other = base.derive(rules=dataclasses.replace(base.rules, air_radius_km=1.0))
    assert same.route_cache is base.route_cache and other.route_cache is not base.route_cache
