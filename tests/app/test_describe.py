"""app.describe: the engine's texts in words (names, not ids), as the docks, the cards and the CLI show them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wargame.app import describe, new_game

ROOT = Path(__file__).resolve().parents[2]
BALTIC = ROOT / "assets" / "scenarios" / "baltic.toml"

RAW_ID = re.compile(r"\b[A-Z]{3}-[A-Z0-9]+(?:-[A-Z0-9]+)*\b")  # a force or place id: GBR-SSN, EST-NAR, USA-EFP-POL


@pytest.fixture(scope="module")
def baltic12(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("describe") / "b.wargame"
    with new_game(BALTIC, path) as game:
        game.advance(12)
        yield game


def test_ids_in_brackets_become_names(baltic12) -> None:  # type: ignore[no-untyped-def]
    """A force, a place or a list of forces in brackets reads as their names; codes and plurals read as words."""
    game = baltic12
    sc, world = game.scenario, game.world
    ssn, para = sc.force("GBR-SSN").name, sc.force("GBR-16AA").name
    text = describe.clean("United Kingdom: deploy in response to A4 (GBR-SSN, GBR-16AA)", sc, world)
    assert text.endswith(f"({ssn}, {para})") and "GBR-" not in text
    assert describe.clean("2 day(s) at EST-NAR (GBR-SSN)", sc, world) == f"2 days at Narva ({ssn})"
    assert "BELOW_THRESHOLD" not in describe.clean("the response is BELOW_THRESHOLD", sc, world)
    assert describe.clean("(ZZZ-NOPE, GBR-SSN)", sc, world) == f"(ZZZ-NOPE, {ssn})"  # an unknown id stays as it is


def test_every_event_of_a_baltic_game_reads_without_force_or_place_ids(baltic12) -> None:  # type: ignore[no-untyped-def]
    """After 12 turns of the Baltic scenario (the military model's decisions, permissions, sanctions, nuclear
    posture and engagements among them), no event's text in words names a force or a place by its id."""
    game = baltic12
    sc, world = game.scenario, game.world
    ids = set(sc.locations) | {f.id for f in sc.forces}
    kinds = set()
    for e in game.events():
        kinds.add(e.kind.value)
        text = describe.clean(e.summary, sc, world)
        left = [m for m in RAW_ID.findall(text) if m in ids]
        assert not left, (e.kind, text)
    assert {"decision", "permission", "engagement"} <= kinds
