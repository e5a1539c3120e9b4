"""The Analysis window: a batch's charts and tables, and a run opened for review (replayed off the GUI thread)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from wargame.app import batch as B
from wargame.app import open_game
from wargame.gui.analysis import AnalysisWindow
from wargame.gui.mainwindow import MainWindow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analysis") / "r.parquet"
    plan = B.plan_batch("demo", 2, seed=3, turns=6, vary=["difficulty=easy,hard"])
    B.run_batch(plan, out, workers=1)
    return out


def test_window_shows_the_reports_charts_and_every_run(qtbot: Any, results: Path) -> None:
    win = AnalysisWindow(results)
    qtbot.addWidget(win)
    win.show()
    assert [win.tabs.tabText(i) for i in range(win.tabs.count())] == ["Outcomes", "Timings", "Sensitivity", "Runs"]
    assert "4 runs" in win.summary.text() and "difficulty = easy, hard" in win.summary.text()
    assert win.run_table is not None and win.run_table.rowCount() == 4
    head = [win.run_table.horizontalHeaderItem(c).text() for c in range(win.run_table.columnCount())]
    assert head[0] == "run" and "vary difficulty" in head and "score" in head
    assert win.typical_table is not None and win.typical_table.item(0, 0).text() == "all runs"
    # the charts are the report's pictures, not empty
    outcomes = win.tabs.widget(0).widget()
    from PySide6.QtWidgets import QLabel

    pictures = [lbl for lbl in outcomes.findChildren(QLabel) if not lbl.pixmap().isNull()]
    assert pictures and pictures[0].pixmap().width() > 500
    image = pictures[0].pixmap().toImage()
    assert len({image.pixel(x, image.height() // 2) for x in range(0, image.width(), 7)}) > 2
    assert not win.open_button.isEnabled()  # nothing selected yet


def test_a_run_opens_for_review_in_the_main_window(qtbot: Any, settings: QSettings, results: Path) -> None:
    """Double-clicking a run replays it into a temporary saved game in the background, then the main window
    reviews it: the same last state hash as in the batch, and it verifies."""
    main = MainWindow(settings)
    qtbot.addWidget(main)
    main.show()
    win = main.analysis.open_analysis(results)
    assert win is not None
    qtbot.addWidget(win)
    assert win.run_table is not None
    win.run_table.sortItems(0)
    win.run_table.setFocus()
    win.run_table.selectRow(2)
    assert win.selected_run() == 3 and win.open_button.isEnabled()
    assert win.open_button.text() == "Open run 3 for review"
    with qtbot.waitSignal(win.replayed, timeout=120_000) as blocker:
        assert win.open_selected()
        assert not win.open_button.isEnabled()  # one replay at a time; the window stays responsive meanwhile
    path = blocker.args[0]
    assert Path(path).is_file() and "Run 3 replayed" in win.status.text()
    assert main.session.review.active and main.game is not None and main.game.readonly
    row = B.open_results(results).row(3)
    assert main.game.hashes()[main.game.last_turn] == row["final_hash"]
    main.files.close_game()
    with open_game(path, readonly=True) as game:
        assert game.verify().ok


def test_a_bad_results_file_says_why_and_changes_nothing(
    qtbot: Any, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    bad = tmp_path / "bad.parquet"
    bad.write_bytes(b"nope")
    win = AnalysisWindow()
    qtbot.addWidget(win)
    assert not win.load(bad)
    assert errors and errors[0][0] == "Cannot open the results" and "not a Parquet file" in errors[0][1]
    assert win.tabs.count() == 0 and win.results is None
