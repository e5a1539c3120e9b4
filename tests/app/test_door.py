"""The application layer is the clients' only door: it hands out its own read models, never store records."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from wargame.app import AppError, new_game, open_game
from wargame.app.models import Bookmark, CommandView, EventRow, GameInfo
from wargame.app.types import AttackKind, AttackSpec

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"


def _is_store_type(value: object) -> bool:
    return type(value).__module__.startswith("wargame.store")


def test_commands_come_back_as_read_models_with_a_readable_description(tmp_path: Path) -> None:
    with new_game(DEMO, tmp_path / "g.wargame", seed=3) as game:
        rec = game.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=12))
        note = game.note("Hotwash: Narva first")
        assert isinstance(rec, CommandView) and not _is_store_type(rec)
        assert rec.description == "Attack: RUS → EST at EST-NAR (invasion, territory, 12 casualties, attribution 1.00)"
        assert rec.attack() == AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=12)
        assert note.description == "Note: Hotwash: Narva first" and note.attack() is None
        assert [c.id for c in game.pending()] == [rec.id, note.id]
        assert all(isinstance(c, CommandView) for c in game.pending())
        game.cancel(note.id)
        assert [c.id for c in game.pending()] == [rec.id]
        assert [c.cancelled for c in game.commands(include_cancelled=True)] == [False, True]
        rec.payload["victim"] = "LVA"  # a copy: changing it changes nothing stored
        assert game.pending()[0].payload["victim"] == "EST"
        game.advance(1)
        with pytest.raises(AppError, match="already committed"):
            game.cancel(rec.id)


def test_meta_events_and_bookmarks_are_app_read_models(tmp_path: Path) -> None:
    with new_game(DEMO, tmp_path / "g.wargame", seed=3, tag="training") as game:
        game.advance(3)
        info = game.meta
        assert isinstance(info, GameInfo) and info.tag == "training" and info.seed == 3
        assert not any(f.name in ("scenario_text", "scenario_files") for f in dataclasses.fields(GameInfo))
        rows = game.event_rows(kinds=["attack"])
        assert rows and all(isinstance(r, EventRow) and r.kind == "attack" for r in rows)
        assert set(game.hashes()) == {0, 1, 2, 3}
        mark = game.add_bookmark(2, "the cyber attack")
        assert isinstance(mark, Bookmark) and mark.kind == "manual" and game.manual_bookmarks() == [mark]
        game.remove_bookmark(mark.id or 0)
        assert game.manual_bookmarks() == []
    with open_game(tmp_path / "g.wargame", readonly=True) as ro:
        assert ro.readonly
        with pytest.raises(AppError):
            ro.note("read-only games take no notes")


def test_save_as_carries_the_pending_commands(tmp_path: Path) -> None:
    with new_game(DEMO, tmp_path / "a.wargame", seed=3) as game:
        game.advance(1)
        game.decide("POL", "supplemental")
        game.note("keep")
        with game.save_as(tmp_path / "b.wargame") as copy:
            assert copy.last_turn == 1
            assert [(c.kind, c.payload) for c in copy.pending()] == [(c.kind, c.payload) for c in game.pending()]
