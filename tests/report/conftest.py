"""A 100-turn game made by the engine (demo scenario, max_turns 100, no end condition), built once per session."""

from __future__ import annotations

import shutil

import pytest
from reportgame import BALTIC_TURNS, BRANCH_TURN, DEMO, SCRIPT, SURVEY, TURNS, Baltic, Played, long_demo_text

from wargame.app import Game, hotwash, new_game, open_game, review, scenarios
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


@pytest.fixture(scope="session")
def baltic(tmp_path_factory: pytest.TempPathFactory) -> Baltic:
    """A 30-turn Baltic game (every state played by the AI, seed 3: one that lasts 30 turns) with a note, a bookmark and a hotwash:
    observations (one carrying a script tag), an improvement plan and three feedback forms from a survey CSV."""
    folder = tmp_path_factory.mktemp("baltic")
    path = scenarios.resolve("baltic")
    sc = scenarios.load(path)
    seats = {s: "ai" for s, st in sc.states.items() if not st.non_state}
    game = new_game(path, folder / "baltic.wargame", seed=3, seats=seats, tag="training")
    game.note(f"{SCRIPT} The white cell reads out Estonia's request for assistance.")
    game.advance(BALTIC_TURNS)
    review.add_bookmark(game, 13, "Narva retaken: pause for discussion")
    o1 = hotwash.add_observation(
        game, "EST", "strength", "Estonia asked for assistance at once and named the article", "Planning", turn=4
    )
    hotwash.add_observation(
        game,
        "Italy",
        "improvement",
        f"Rome waited for its parliament {SCRIPT}",
        "Alliance consultation and decision-making",
        turn=4,
    )
    hotwash.add_observation(
        game, "White cell", "improvement", "The grey-zone injects ran too long", "Situational assessment"
    )
    hotwash.add_plan_item(
        game,
        "Parliamentary votes delay deployments by days",
        "Agree standing pre-authorisations for eFP reinforcement",
        "Ministry of Defence (Rome)",
        "2027-03-31",
        "Force mobilisation and deployment",
        observation_id=o1.id,
    )
    hotwash.add_plan_item(
        game, "Grey-zone phase too long", "Cut the MSEL's first three injects to one", "Exercise director", "2027-01-15"
    )
    survey = folder / "survey.csv"
    survey.write_text(SURVEY, encoding="utf-8")
    hotwash.import_feedback(game, survey)
    game.close()
    return Baltic(folder / "baltic.wargame", folder)
