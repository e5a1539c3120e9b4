"""Deterrence and entanglement as read models: the chain from an attack to the states committed, and the
aggressor AI's deterrence readings parsed from its events (degrading to its own words)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wargame.app import entanglement, new_game
from wargame.app.types import Event, EventKind, Reason

BALTIC = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "baltic.toml"


@pytest.fixture(scope="module")
def ai_game(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("ent") / "g.wargame"
    game = new_game(BALTIC, path, seats={"RUS": "ai", "BLR": "ai"})
    game.advance(8)
    yield game
    game.close()


def _lines(step: entanglement.ChainStep) -> list[str]:
    return [step.text] + [t for c in step.children for t in _lines(c)]


def test_the_chain_leads_from_the_attack_to_the_states_committed(ai_game) -> None:  # type: ignore[no-untyped-def]
    sc, world = ai_game.scenario, ai_game.world
    aid = next(
        k.attack for k, v in sorted(world.verdicts.items()) if k.treaty == "NATO" and v.code.value == "TRIGGERED"
    )
    root = entanglement.chain(sc, world, ai_game.events(), aid)
    assert root is not None and root.kind == "attack" and f"({aid})" in root.text
    lines = _lines(root)
    assert any(line.endswith("asks for help") for line in lines)
    assert any(line.startswith("NATO Art 5: triggered") for line in lines)
    now = entanglement.committed(world, aid)
    assert now and world.attacks[aid].spec.attacker not in now
    committed = next(c for c in root.children if c.kind == "committed")
    assert len(committed.children) == len(now)
    assert all(", through " in c.text or "own accord" in c.text or "itself" in c.text for c in committed.children)
    assert entanglement.chain(sc, world, [], "A999") is None


def test_the_ai_deterrence_readings_are_read_from_its_events(ai_game) -> None:  # type: ignore[no-untyped-def]
    turns = entanglement.deterrence(ai_game.scenario, ai_game.events())
    assert {t.state for t in turns} <= {"RUS", "BLR"} and turns
    russia = next(t for t in turns if t.state == "RUS")
    assert russia.readings and all(r.ratio is not None and r.ratio >= 0 for r in russia.readings)
    assert all(r.own is not None and r.own > 0 for r in russia.readings)
    assert any("NATO Art 5" in r.triggers for r in russia.readings)
    assert russia.decision[0]


def test_readings_written_otherwise_degrade_to_their_words() -> None:
    ev = Event(3, 1, EventKind.AI, "RUS", "Russia (AI)", (Reason("target EST-NAR", "a reading in a new form"),))
    (turn,) = entanglement.deterrence(None, [ev])
    (reading,) = turn.readings
    assert reading.ratio is None and reading.text == "a reading in a new form" and reading.target == "EST-NAR"
    assert entanglement.deterrence(None, []) == []
