"""The saved game's per-entity snapshot keeps every field of the world: a field that no row held would be lost
when a game is continued from its file, and the turns after it would no longer replay."""

from __future__ import annotations

from wargame.app import snapshot_to_world, world_to_snapshot
from wargame.engine import AttackKind, AttackSpec, Command, CommandKind, encode, initial_world, resolve_turn
from wargame.engine.codec import canonical_json
from wargame.scenario import SCENARIOS_DIR, load_scenario


def test_every_world_field_survives_the_snapshot_rows():
    sc = load_scenario(SCENARIOS_DIR / "demo.toml")
    world = initial_world(sc)
    spec = AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=60)
    for t in range(1, 6):
        world = resolve_turn(sc, world, [Command(CommandKind.INJECT, 1, encode(spec))] if t == 1 else [], 3).world
    assert world.permissions or world.sanctions or world.nuclear, "the game used the new parts of the world"
    back = snapshot_to_world(world_to_snapshot(world))
    assert canonical_json(encode(back)) == canonical_json(encode(world))
