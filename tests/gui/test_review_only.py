"""A game made with another version of the rules opens for review only: playing it is disabled, and says why."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings  # noqa: E402

from wargame.app import msel, new_game, open_game  # noqa: E402
from wargame.engine import RULES_VERSION, AttackKind, AttackSpec  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"
PLAY = ("turn.inject", "turn.advance", "turn.advance_n", "turn.override", "turn.note")


def other_rules_game(tmp_path: Path) -> Path:
    """The demo played 3 turns with an MSEL row waiting, then marked as made by the next version of the rules."""
    path = tmp_path / "old-rules.wargame"
    sheet = tmp_path / "msel.csv"
    with sheet.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["Serial", "Time", "Kind", "Attacker", "Victim", "Location", "Target", "Casualties"])
        w.writerow(["10", "D+6", "shelling", "RUS", "LVA", "LVA-DGP", "territory", "3"])
    with new_game(DEMO, path) as game:
        game.inject(AttackSpec("RUS", "LVA", "LVA", AttackKind.INVASION, casualties=40))
        game.advance(3)
        msel.import_msel(game, sheet)
        game.set_variant(rules_version=RULES_VERSION + 1)
    return path


def test_a_game_of_other_rules_is_review_only_and_says_why(
    qtbot: Any, settings: QSettings, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    """Advance, Inject, Decide, notes, overrides and the MSEL are disabled with the reason; review works."""
    path = other_rules_game(tmp_path)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.files.open_path(path)
    assert win.game is not None and win.game.rules_mismatch()
    assert errors == []

    for name in PLAY:
        act = win.action(name)
        assert not act.isEnabled(), name
        assert f"version {RULES_VERSION + 1} of the rules" in act.toolTip(), (name, act.toolTip())
        assert act.statusTip().startswith("Review only:"), act.statusTip()
    assert "Review only" in win.statusBar().currentMessage()
    assert "REVIEW ONLY" in win.turn_label.text()

    # Decide: the decisions panel is blocked, and its banner says why
    assert not win.decisions.isEnabled()
    assert "not re-adjudicated or continued" in win.docks.why_blocked("decisions")
    assert win.docks.why_blocked("states") == ""

    # used anyway (a script, a stale shortcut): nothing happens, the status bar says why, no message box
    assert not win.turns.advance(1)
    assert "version" in win.statusBar().currentMessage()
    assert win.commands.open_inject_dialog() is None
    assert not win.commands.record_decision("POL", "supplemental", {}, "POL: supplemental")
    assert not win.commands.record_note("A note")
    assert win.commands.open_override_dialog() is None
    assert not win.msel_panel.skip("10") and "version" in win.msel_panel.error_text()
    assert not win.msel_panel.choose_button.isEnabled() and "version" in win.msel_panel.dry_label.text()
    menu = win.inspection.context_menu_for("place:EST-NAR")
    qtbot.addWidget(menu)
    assert not menu.actions()[0].isEnabled() and "version" in menu.actions()[0].toolTip()
    assert errors == []
    assert win.game.last_turn == 3 and win.game.pending() == []

    # what still works: the docks show the game, review steps through it, saving a copy is allowed
    assert win.states_panel.model.rowCount() > 0 and win.event_log.visible_rows() > 0
    assert win.action("review.this").isEnabled() and win.action("file.save_as").isEnabled()
    win.action("review.this").trigger()
    assert win.session.review.active and win.session.review.turn == 3
    win.reviewing.go(1)
    assert win.event_log.visible_rows() == len(win.game.events(1))
    assert win.reviewing.leave()
    assert not win.action("turn.advance").isEnabled()
    win.close()
    with open_game(path, readonly=True) as g:
        assert g.last_turn == 3 and g.pending() == []


def test_a_game_of_todays_rules_is_playable(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """The same checks pass the other way for a game made with today's rules (the test above can fail)."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    for name in PLAY:
        assert win.action(name).isEnabled(), name
        assert "Review only" not in win.action(name).toolTip()
    assert win.decisions.isEnabled() and win.docks.why_blocked("decisions") == ""
    assert "REVIEW ONLY" not in win.turn_label.text()
    win.close()
