"""Each playable pack scenario loads and runs 30 turns headless with the default policies."""

from __future__ import annotations

import pytest

from wargame.app.scenarios import bundled
from wargame.engine import EventKind, VerdictKey, initial_world, resolve_turn
from wargame.scenario import SCENARIOS_DIR, load_scenario

PLAYABLE = ("baltic.toml", "taiwan.toml", "korea.toml")


@pytest.mark.parametrize("name", PLAYABLE)
def test_playable_scenario_runs_30_turns(name: str) -> None:
    """Load, then resolve every turn with no commands (every state on its default policy) until the end (its last
    turn, or one of its end conditions: without a treaty nobody fights for Taiwan, and Taipei may fall): the
    default policy orders no move it cannot make (a move that a lift queue would make arrive after the last day
    is held back when the force is ready, and says so)."""
    s = load_scenario(SCENARIOS_DIR / name)
    assert s.max_turns >= 30 and s.briefing.strip() and s.injects and s.end_conditions
    world = initial_world(s)
    turns = 0
    refused: list[str] = []
    while not world.ended:
        record = resolve_turn(s, world, [], s.default_seed)
        refused += [
            e.summary
            for e in record.events
            if e.kind is EventKind.REJECTED and "after the game's last day" not in e.summary
        ]
        world = record.world
        turns += 1
    labels = {c.label for c in s.end_conditions}
    assert (turns == 30 and world.turn == 30) or world.end_reason in labels, f"ended early: {world.end_reason}"
    assert not refused, refused
    assert {a.spec.location for a in world.attacks.values()} == {i.attack.location for i in s.injects}
    assert world.verdicts, "the injects produced verdicts"


@pytest.mark.parametrize("name", PLAYABLE)
def test_playable_scenario_is_listed_and_includes_the_world(name: str) -> None:
    """The packs are bundled (playable) and draw their states and treaties from the world files."""
    s = load_scenario(SCENARIOS_DIR / name)
    assert SCENARIOS_DIR / name in [b.path for b in bundled()]
    assert {"NATO", "US-JPN", "US-ROK", "US-PHL", "ANZUS", "RIO", "EU-42-7", "CSTO", "CHN-PRK", "RUS-PRK"} <= {
        t.id for t in s.treaties
    }
    assert len(s.states) > 170 and "ISIL" in s.states


def test_world_scenario_is_a_library() -> None:
    """world.toml loads for `wargame assess` but is not offered as a game."""
    assert SCENARIOS_DIR / "world.toml" not in [b.path for b in bundled()]
    assert load_scenario(SCENARIOS_DIR / "world.toml").name == "World treaties"


def test_taiwan_kadena_strike_triggers_us_japan_and_guam_does_not() -> None:
    """In the Taiwan game, the Kadena strike triggers US-Japan Art V; the Guam strike is outside it."""
    s = load_scenario(SCENARIOS_DIR / "taiwan.toml")
    world = initial_world(s)
    for _ in range(5):
        world = resolve_turn(s, world, [], s.default_seed).world
    by_loc = {a.spec.location: a.id for a in world.attacks.values()}
    assert world.verdicts[VerdictKey("US-JPN", "V", by_loc["JPN-47"])].code == "TRIGGERED"
    assert world.verdicts[VerdictKey("US-JPN", "V", by_loc["GUM"])].code == "OUT_OF_SCOPE"
