"""The desktop application driven as a new user would: start page, inject, advance, docks, reopen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from wargame.app.scenarios import bundled  # noqa: E402
from wargame.engine import encode  # noqa: E402
from wargame.gui.inject_dialog import InjectDialog  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"


def make_window(qtbot: Any, settings: QSettings) -> MainWindow:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    return win


def start_demo(qtbot: Any, win: MainWindow, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pick the demo on the start page and click New game, answering the save dialog with ``out``."""
    page = win.start_page
    names = [page.scenario_list.item(i).text() for i in range(page.scenario_list.count())]
    row = next(
        i
        for i in range(page.scenario_list.count())
        if Path(page.scenario_list.item(i).data(Qt.ItemDataRole.UserRole)).resolve() == DEMO.resolve()
    )
    assert names, "the start page lists the bundled scenarios"
    page.scenario_list.setCurrentRow(row)
    assert "Narva" in page.briefing.toPlainText()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert win.game is not None and win.stack.currentWidget() is win.map_page


def fill_attack(dlg: InjectDialog, attacker: str, victim: str, location: str, kind: str, casualties: int) -> None:
    dlg.attacker_combo.setCurrentIndex(dlg.attacker_combo.findData(attacker))
    dlg.victim_combo.setCurrentIndex(dlg.victim_combo.findData(victim))
    dlg.set_location_text(location)
    dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData(kind))
    dlg.casualties_spin.setValue(casualties)


def advance(qtbot: Any, win: MainWindow, turns: int) -> None:
    with qtbot.waitSignals([win.session.runner.finished, win.refreshed], timeout=30_000):
        assert win.turns.advance(turns)
        assert win.session.runner.busy
        assert not win.action("turn.inject").isEnabled()


def test_whole_exercise(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    """New game from the demo, inject through the dialog, advance 5 turns, read the docks, reopen."""
    win = make_window(qtbot, settings)
    assert any(b.path.resolve() == DEMO.resolve() and "Narva" in b.briefing for b in bundled())
    out = tmp_path / "exercise.wargame"
    start_demo(qtbot, win, out, monkeypatch)
    assert win.game.last_turn == 0

    dlg = win.commands.open_inject_dialog()
    assert dlg is not None and dlg.isVisible()
    fill_attack(dlg, "RUS", "LVA", "Latvia", "strike", 12)
    assert dlg.ok_button.isEnabled(), dlg.error_text()
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    assert len(win.pending_panel.records()) == 1
    assert win.isWindowModified() and "[*]" in win.windowTitle()

    win.action("edit.undo").trigger()
    assert win.pending_panel.records() == [] and not win.isWindowModified()
    win.action("edit.redo").trigger()
    assert [r.payload["victim"] for r in win.pending_panel.records()] == ["LVA"]

    advance(qtbot, win, 5)
    assert win.game.last_turn == 5
    assert win.pending_panel.records() == [] and not win.session.undo_stack.canUndo()
    assert "Turn 5" in win.summary_panel.toPlainText()
    assert any("Latvia" in h for s in win.session.last_summaries for h in s.headlines)

    triggered = win.verdict_tree.verdict_items("TRIGGERED")
    assert triggered, "an armed attack on a NATO member triggers Art 5"
    assert triggered[0].childCount() == 0  # gate rows are built when the user expands the verdict
    triggered[0].setExpanded(True)
    gates = [triggered[0].child(i) for i in range(triggered[0].childCount())]
    assert any(g.text(0).startswith("✓") for g in gates)
    assert win.event_log.visible_rows() > 0
    win.event_log.kind_combo.setCurrentIndex(win.event_log.kind_combo.findData("verdict"))
    assert 0 < win.event_log.visible_rows() < win.event_log.model.rowCount()
    win.event_log.search_edit.setText("Latvia")
    assert all(  # the search finds what the rows show (in words) or what the engine wrote
        "latvia" in " ".join(win.event_log.model.words(row)[1:3]).casefold()
        or "latvia" in (win.event_log.model.events[row].summary + win.event_log.model.events[row].subject).casefold()
        for row in (
            win.event_log.proxy.mapToSource(win.event_log.proxy.index(r, 0)).row()
            for r in range(win.event_log.visible_rows())
        )
    )
    assert win.timeline.bars(), "forces mobilised"
    curves = win.charts.curves()
    assert curves["opinion"] and all(len(xs) == 6 for xs, _ in curves["opinion"])
    assert win.states_panel.model.rowCount() >= 10
    assert win.map.marker_ids() and any(m.startswith("attack:") for m in win.map.marker_ids())

    verdicts = {k: v.code for k, v in win.game.world.verdicts.items()}
    win.close()
    assert not win.session.runner.thread_running

    win2 = make_window(qtbot, settings)
    assert str(out.resolve()) == win2.files.recent_files()[0]
    assert win2.files.open_path(out)
    assert win2.game.last_turn == 5
    assert {k: v.code for k, v in win2.game.world.verdicts.items()} == verdicts
    assert len(win2.verdict_tree.verdict_items("TRIGGERED")) == len(triggered)
    assert errors == []


@pytest.mark.parametrize(
    ("attacker", "victim", "location", "target", "reason"),
    [
        ("EST", "EST", "EST", "territory", "cannot attack itself"),
        ("RUS", "EST", "Atlantis", "territory", "unknown location"),
        ("RUS", "EST", "LVA", "territory", "not EST"),
    ],
    ids=["attack-on-oneself", "unknown-location", "not-the-victims-territory"],
)
def test_inject_dialog_refuses_bad_input(
    qtbot: Any, settings: QSettings, tmp_path: Path, attacker: str, victim: str, location: str, target: str, reason: str
) -> None:
    """Bad input is refused as the user types: a visible reason, OK disabled, nothing recorded."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    dlg = win.commands.open_inject_dialog()
    assert dlg is not None
    fill_attack(dlg, attacker, victim, location, "strike", 1)
    assert reason in dlg.error_text()
    assert dlg.error_label.isVisible()
    assert not dlg.ok_button.isEnabled()
    assert dlg.spec() is None
    dlg.set_location_text("EST")
    dlg.attacker_combo.setCurrentIndex(dlg.attacker_combo.findData("RUS"))
    dlg.victim_combo.setCurrentIndex(dlg.victim_combo.findData("EST"))
    assert dlg.ok_button.isEnabled() and dlg.error_text() == ""
    dlg.reject()
    assert win.game.pending() == []


def test_context_menu_prefills_and_edit_is_undoable(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """The map's context menu on a place pre-fills the dialog; editing a pending attack can be undone."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    menu = win.inspection.context_menu_for("place:EST-NAR")
    qtbot.addWidget(menu)
    menu.actions()[0].trigger()
    dlg = win.commands.inject_dialog
    assert dlg is not None
    assert dlg.victim_combo.currentData() == "EST" and dlg.location_id() == "EST-NAR"
    dlg.attacker_combo.setCurrentIndex(dlg.attacker_combo.findData("RUS"))
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    (rec,) = win.pending_panel.records()
    dlg2 = win.commands.edit_pending(rec)
    assert dlg2 is not None and dlg2.location_id() == "EST-NAR"
    dlg2.casualties_spin.setValue(250)
    qtbot.mouseClick(dlg2.ok_button, Qt.MouseButton.LeftButton)
    assert [r.payload["casualties"] for r in win.pending_panel.records()] == [250]
    win.action("edit.undo").trigger()
    assert [r.payload["casualties"] for r in win.pending_panel.records()] == [rec.payload["casualties"]]
    win.commands.remove_pending(win.pending_panel.records()[0])
    assert win.pending_panel.records() == []
    win.action("edit.undo").trigger()
    assert len(win.pending_panel.records()) == 1


def test_decisions_panel_records_and_refuses(
    qtbot: Any, settings: QSettings, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    """Constraints are shown before committing; a mobilisation is recorded; a bad one is refused in a dialog."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    panel = win.decisions
    panel.set_state("POL")
    assert "threshold" in panel.constraints.text() and "budget" in panel.constraints.text()
    qtbot.mouseClick(panel.mobilise_button, Qt.MouseButton.LeftButton)
    assert [r.payload["action"] for r in win.pending_panel.records()] == ["mobilise"]
    assert not win.commands.record_decision("POL", "mobilise", {"force": "RUS-6CAA"}, "bad")
    assert errors and "belongs to RUS" in errors[-1][1]


def test_damaged_file_shows_a_message(
    qtbot: Any, settings: QSettings, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    """A damaged file opens a message box with a one-line reason, not a traceback."""
    bad = tmp_path / "broken.wargame"
    bad.write_bytes(b"this is not a saved game" * 100)
    win = make_window(qtbot, settings)
    assert not win.files.open_path(bad)
    assert win.game is None
    assert len(errors) == 1
    title, text = errors[0]
    assert "Cannot open" in title and "\n" not in text and "Traceback" not in text


def test_save_as_and_cancel(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """Save As copies the game with its pending commands; a long advance can be cancelled."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "a.wargame")
    assert win.commands.record_decision("EST", "supplemental", {}, "EST: supplemental")
    assert win.files.save_as(tmp_path / "b.wargame")
    assert win.game.path.name == "b.wargame" and len(win.game.pending()) == 1
    with qtbot.waitSignal(win.session.runner.finished, timeout=30_000) as blocker:
        assert win.turns.advance(25)
        win.action("turn.cancel").trigger()
    assert 1 <= len(blocker.args[0]) <= 25
    qtbot.waitUntil(lambda: not win.hub.pending, timeout=10_000)
    assert win.game.last_turn == len(blocker.args[0])
    assert not win.turns.progress.isVisible()


def test_report_and_export_run_in_the_background(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list
) -> None:
    """The after-action report is written by another process: the window stays responsive, and the file appears."""
    win = make_window(qtbot, settings)
    start_demo(qtbot, win, tmp_path / "g.wargame", monkeypatch)
    advance(qtbot, win, 3)
    out = tmp_path / "aar.html"
    with qtbot.waitSignal(win.files.report_job.finished, timeout=120_000) as blocker:
        assert win.files.write_report(out)
        assert win.files.report_job.busy
    assert blocker.args[0] is True, blocker.args
    assert out.exists() and "After-action report" in out.read_text(encoding="utf-8")
    with qtbot.waitSignal(win.files.report_job.finished, timeout=120_000) as blocker:
        assert win.files.export_to(tmp_path / "out")
    assert blocker.args[0] is True and (tmp_path / "out" / "events.csv").exists()
    with qtbot.waitSignal(win.files.report_job.finished, timeout=120_000) as blocker:
        assert win.files.write_report(tmp_path / "aar.odt")
    ok, message = blocker.args
    assert ok is False and ("odt" in message or ".pdf" in message), message
    assert errors and errors[-1][0] == "Report not written"


def test_facilitator_note_is_recorded_undoably_and_logged(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note from the Turn menu is a pending command (undoable), then a note event of its turn."""
    from PySide6.QtWidgets import QInputDialog

    win = make_window(qtbot, settings)
    start_demo(qtbot, win, tmp_path / "g.wargame", monkeypatch)
    monkeypatch.setattr(
        QInputDialog, "getMultiLineText", staticmethod(lambda *a, **k: ("Check the Art 4 request", True))
    )
    assert win.action("turn.note").isEnabled()
    win.action("turn.note").trigger()
    assert [r.kind for r in win.game.pending()] == ["note"]
    win.action("edit.undo").trigger()
    assert win.game.pending() == []
    win.action("edit.redo").trigger()
    advance(qtbot, win, 1)
    notes = win.game.events(1, kinds=["note"])
    assert [e.summary for e in notes] == ["Check the Art 4 request"]


def test_event_log_grows_incrementally_and_matches_the_file(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each advance the log appends only the new turns' events; it always equals the saved game's events."""
    win = make_window(qtbot, settings)
    start_demo(qtbot, win, tmp_path / "g.wargame", monkeypatch)
    for _ in range(3):
        advance(qtbot, win, 2)
        assert [encode(e) for e in win.event_log.model.events] == [encode(e) for e in win.game.events()]
    resets: list[bool] = []
    win.event_log.model.modelReset.connect(lambda: resets.append(True))
    advance(qtbot, win, 1)
    assert not resets and [e.turn for e in win.event_log.model.events][-1] == 7
