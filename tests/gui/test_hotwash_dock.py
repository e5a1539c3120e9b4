"""The Hotwash dock: record observations, plan rows and feedback in the window, also in review mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QDate, QSettings  # noqa: E402

from wargame.app import hotwash, new_game, open_game  # noqa: E402
from wargame.app.types import AttackKind, AttackSpec  # noqa: E402
from wargame.gui.hotwash_dock import HotwashPanel  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"


@pytest.fixture
def played(tmp_path: Path) -> Path:
    path = tmp_path / "played.wargame"
    with new_game(DEMO, path) as game:
        game.inject(AttackSpec("RUS", "LVA", "LVA", AttackKind.INVASION, casualties=40))
        game.advance(3)
    return path


def test_the_dock_records_the_hotwash_while_reviewing(qtbot: Any, settings: QSettings, played: Path) -> None:
    """Reviewing the open game: the dock defaults a new observation to the reviewed turn and stores it."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.files.open_path(played)
    assert "hotwash" in win.docks and win.docks["hotwash"].isVisibleTo(win)
    win.action("review.this").trigger()
    assert win.session.review.active and not win.game.readonly
    win.reviewing.go(1)
    panel = win.hotwash_panel
    assert panel.obs_turn.value() == 1
    panel.obs_team.setCurrentText("Latvia")
    panel.obs_kind.setCurrentIndex(1)
    panel.obs_capability.setCurrentText("Planning")
    panel.obs_text.setText("The request came a turn late")
    assert panel.add_observation()
    assert panel.obs_table.rowCount() == 1 and panel.obs_table.item(0, 1).text() == "Latvia"
    assert panel.obs_table.item(0, 4).text() == "turn 1"
    panel.obs_team.setCurrentText("XYZ")
    panel.obs_text.setText("x")
    assert not panel.add_observation()
    assert "unknown state 'XYZ'" in panel.message.text() and panel.obs_table.rowCount() == 1
    panel.plan_issue.setText("Late request")
    panel.plan_action.setText("Pre-draft the request")
    panel.plan_owner.setText("MFA Riga")
    panel.plan_due.setDate(QDate(2027, 3, 31))
    assert panel.add_plan_item()
    assert panel.plan_table.item(0, 5).text() == "2027-03-31"
    panel.fb_participant.setText("Anna")
    panel.fb_ratings["realism"].setValue(4)
    panel.fb_strengths.setText("the map; the verdicts")
    assert panel.add_feedback()
    assert panel.fb_table.item(0, 3).text() == "realism 4" and "realism 4.0" in panel.fb_summary.text()
    panel.obs_table.selectRow(0)
    assert panel._remove("observation", panel.obs_table)
    assert panel.obs_table.rowCount() == 0
    win.close()
    with open_game(played, readonly=True) as g:
        hw = hotwash.hotwash(g)
        assert [p.issue for p in hw.plan] == ["Late request"] and hw.feedback[0].strengths == (
            "the map",
            "the verdicts",
        )


def test_a_read_only_review_shows_the_hotwash_without_changing_it(
    qtbot: Any, settings: QSettings, played: Path
) -> None:
    with open_game(played) as g:
        hotwash.add_observation(g, "LVA", "strength", "asked at once", turn=1)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.reviewing.review_path(played) and win.game.readonly
    panel = win.hotwash_panel
    assert panel.obs_table.rowCount() == 1 and panel.obs_table.item(0, 5).text() == "asked at once"
    assert not panel.obs_add.isEnabled() and "read-only" in panel.message.text()
    assert not panel.add_observation()
    win.close()


def test_survey_import_in_the_dock(qtbot: Any, played: Path, tmp_path: Path) -> None:
    panel = HotwashPanel()
    qtbot.addWidget(panel)
    with open_game(played) as g:
        panel.show_game(g)
        bad = tmp_path / "bad.csv"
        bad.write_text("participant,realism\nAnna,7\nBo,3\n", encoding="utf-8")
        assert not panel.import_survey(bad)
        assert "nothing imported" in panel.message.text() and "row 2, realism" in panel.message.text()
        assert panel.fb_table.rowCount() == 0
        good = tmp_path / "good.csv"
        good.write_text("participant,realism\nAnna,5\nBo,3\n", encoding="utf-8")
        assert panel.import_survey(good)
        assert panel.fb_table.rowCount() == 2 and "Imported 2" in panel.message.text()
        panel.show_game(None)
    assert panel.fb_table.rowCount() == 0
