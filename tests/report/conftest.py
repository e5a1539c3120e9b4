"""A 100-turn game made by the engine (demo scenario, max_turns 100, no end condition), built once per session."""

from __future__ import annotations

import shutil

import pytest
from reportgame import BRANCH_TURN, DEMO, TURNS, Played, long_demo_text

from wargame.app import Game, new_game, open_game
from wargame.engine import AttackKind, AttackSpec, state_hash


@pytest.fixture(scope="session")
def played(tmp_path_factory: pytest.TempPathFactory) -> Played:
    folder = tmp_path_factory.mktemp("report")
    scen = folder / "demo.toml"
    scen.write_text(long_demo_text(), encoding="utf-8")
    shutil.copy(DEMO.with_name("world-treaties.toml"), folder)  # the demo's treaties come from the pack
    game = new_game(scen, folder / "long.wargame")
    live = {0: state_hash(game.world)}
    game.inject(
        AttackSpec("RUS", "LVA", "LVA", AttackKind.INVASION, casualties=30, description="tanks cross into Latgale")
    )
    game.note("Facilitator: Latvia's request is read out at the start of turn 1.")
    # the invaders march for days before they fight: the white cell rules that Riga falls on turn 1
    game.override("control", "LVA", "RUS", "umpire: a coup de main takes Riga")
    for _ in range(TURNS):
        game.advance(1)
        live[game.world.turn] = state_hash(game.world)
    # the branch: at turn 40 Russia also invades Lithuania
    branch = game.branch(BRANCH_TURN, folder / "whatif.wargame")
    branch.inject(AttackSpec("RUS", "LTU", "LTU", AttackKind.INVASION, casualties=25))
    branch.advance(TURNS - BRANCH_TURN)
    branch.close()
    game.close()
    return Played(folder / "long.wargame", folder / "whatif.wargame", live, folder)


@pytest.fixture
def game(played: Played):
    g = open_game(played.path, readonly=True)
    yield g
    g.close()


@pytest.fixture
def branch(played: Played) -> Game:
    g = open_game(played.branch_path, readonly=True)
    yield g
    g.close()
