"""Solo play and the facilitator's toolkit, driven as a user would: seats, the MSEL dock, the override dialog."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QTableWidget, QTreeWidgetItem  # noqa: E402

from wargame.app import msel  # noqa: E402
from wargame.engine import AttackKind, AttackSpec, TargetKind  # noqa: E402
from wargame.engine.objectives import score  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402
from wargame.gui.seats_dialog import playable_states  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"
HEADER = [
    "Serial",
    "Time",
    "Kind",
    "Attacker",
    "Victim",
    "Location",
    "Target",
    "Casualties",
    "Attribution",
    "Message",
    "Expected action",
]
GOOD = [
    [
        "10",
        "D+2",
        "shelling",
        "RUS",
        "LVA",
        "LVA-DGP",
        "territory",
        "6",
        "0.9",
        "Shells land in Latgale",
        "LVA requests Art 4",
    ],
    [
        "11",
        "D+3 H+6",
        "missile",
        "RUS",
        "POL",
        "POL-RZE",
        "territory",
        "12",
        "0.8",
        "Missile on Rzeszow hub",
        "NAC meets",
    ],
    ["12", "HOLD", "cyber", "RUS", "EST", "EST-TLL", "territory", "0", "0.3", "Held: cyber on Tallinn", ""],
    ["13", "D+6", "airspace violation", "RUS", "FIN", "FIN", "territory", "0", "1", "Overflight", ""],
]
BAD = [
    ["1", "D+2", "shellling", "RUS", "LVA", "LVA-DGP", "territory", "6", "0.9", "", ""],
    ["2", "tomorrow", "missile", "RUX", "POL", "POL-RZE", "territory", "x", "1.4", "", ""],
    ["3", "D+3", "strike", "RUS", "LVA", "LVA-DGP", "territory", "1", "1", "a good row", ""],
]


def make_window(qtbot: Any, settings: QSettings) -> MainWindow:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    return win


def write_msel(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def click(qtbot: Any, button: Any) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def click_row(qtbot: Any, table: QTableWidget, serial: str) -> None:
    """Click the first cell of the row whose first column is ``serial``."""
    row = next(i for i in range(table.rowCount()) if table.item(i, 0).text() == serial)
    table.scrollToItem(table.item(row, 0))
    rect = table.visualItemRect(table.item(row, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert table.currentRow() == row


def table_column(table: QTableWidget, name: str, *, scenario: bool = False) -> dict[str, str]:
    """Serial → the text in column ``name``, of the imported rows (``scenario``: of the scenario's own, S1 …)."""
    col = next(c for c in range(table.columnCount()) if table.horizontalHeaderItem(c).text() == name)
    rows = {table.item(i, 0).text(): table.item(i, col).text() for i in range(table.rowCount())}
    return {k: v for k, v in rows.items() if k.startswith("S") == scenario}


def advance(qtbot: Any, win: MainWindow, turns: int) -> None:
    with qtbot.waitSignals([win.session.runner.finished, win.refreshed], timeout=30_000):
        assert win.turns.advance(turns)
        assert win.session.runner.busy and win.docks.is_blocked("msel") and not win.action("turn.override").isEnabled()
    assert win.msel_panel.isEnabled()


# ---------------------------------------------------------------------------------------------
# Seats
# ---------------------------------------------------------------------------------------------


def test_seat_selection_solo_pick_creates_the_game_with_those_seats(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seats… on the start page: the solo pick makes one human seat and every other state AI; New game uses them."""
    win = make_window(qtbot, settings)
    page = win.start_page
    assert page.select_scenario(DEMO)
    click(qtbot, page.seats_button)
    dlg = page.seats_dialog
    assert dlg is not None and dlg.isVisible()
    states = playable_states(win.start_page._scenario)
    assert "ZAPAD-MILITIA" not in dlg.combos and set(dlg.combos) == set(states)
    assert dlg.seats() == {}  # everyone starts on the default policy

    dlg.solo_combo.setCurrentIndex(dlg.solo_combo.findData("USA"))
    seats = dlg.seats()
    assert seats["USA"] == "human" and all(v == "ai" for s, v in seats.items() if s != "USA")
    assert len(seats) == len(states) and "You play USA" in dlg.summary.text()
    # changing one row by hand leaves the solo pick
    dlg.combos["FIN"].setCurrentIndex(dlg.combos["FIN"].findData(""))
    assert dlg.solo_combo.currentIndex() == 0 and "FIN" not in dlg.seats()
    dlg.solo_combo.setCurrentIndex(dlg.solo_combo.findData("USA"))
    assert dlg.seats()["FIN"] == "ai"

    dlg.difficulty_combo.setCurrentIndex(dlg.difficulty_combo.findData("hard"))
    dlg.tag_combo.lineEdit().clear()
    qtbot.keyClicks(dlg.tag_combo.lineEdit(), "training")
    click(qtbot, dlg.ok_button)
    assert page.seats_dialog is None
    assert "you play USA" in page.seats_label.text() and "hard" in page.seats_label.text()

    out = tmp_path / "solo.wargame"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    click(qtbot, page.new_button)
    game = win.game
    assert game is not None and game.path == out
    assert game.controlled == frozenset({"USA"})
    assert game.ai_states == frozenset(s for s in states if s != "USA")
    assert game.difficulty == "hard" and game.meta.variant["tag"] == "training"
    assert "playing USA" in win.windowTitle() and "playing USA" in win.turn_label.text()


def test_seats_reset_with_another_scenario_and_default_is_facilitator(
    qtbot: Any, settings: QSettings, tmp_path: Path
) -> None:
    """Cancelling keeps the earlier choice; a game created without seats is the facilitator's."""
    win = make_window(qtbot, settings)
    page = win.start_page
    assert page.select_scenario(DEMO)
    click(qtbot, page.seats_button)
    dlg = page.seats_dialog
    dlg.combos["POL"].setCurrentIndex(dlg.combos["POL"].findData("human"))
    dlg.reject()
    assert page.seat_choice().seats == {}
    assert win.files.new_game(DEMO, tmp_path / "f.wargame")
    assert win.game.controlled == frozenset() and "playing facilitator" in win.windowTitle()


# ---------------------------------------------------------------------------------------------
# MSEL
# ---------------------------------------------------------------------------------------------


def load_msel(qtbot: Any, win: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Click 'Load MSEL…' and answer the file dialog with ``path``."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    win.docks["msel"].raise_()
    click(qtbot, win.msel_panel.choose_button)


def import_good(qtbot: Any, win: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_msel(qtbot, win, write_msel(tmp_path / "msel.csv", GOOD), monkeypatch)
    click(qtbot, win.msel_panel.import_button)


def test_msel_dry_run_lists_problems_then_a_clean_file_imports(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file with mistakes shows every problem by row and column and cannot be imported; a clean one imports."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    panel = win.msel_panel
    assert not panel.import_button.isEnabled()

    load_msel(qtbot, win, write_msel(tmp_path / "bad.csv", BAD), monkeypatch)
    table = panel.problems_table
    assert table.isVisible()
    shown = {(table.item(i, 0).text(), table.item(i, 1).text()) for i in range(table.rowCount())}
    assert {("2", "kind"), ("3", "time"), ("3", "attacker"), ("3", "casualties"), ("3", "attribution")} <= shown
    assert not any(r == "4" for r, _c in shown)  # the good row has no problem
    assert "did you mean 'shelling'" in table.item(0, 2).text()
    assert "problem" in panel.dry_label.text() and "nothing imported" in panel.dry_label.text()
    assert not panel.import_button.isEnabled()
    qtbot.mouseClick(panel.import_button, Qt.MouseButton.LeftButton)  # a disabled button does nothing
    assert msel.rows(win.game) == [] and table_column(panel.rows_table, "Serial") == {}

    load_msel(qtbot, win, write_msel(tmp_path / "good.csv", GOOD), monkeypatch)
    assert not panel.problems_table.isVisible() and "no problems" in panel.dry_label.text()
    click(qtbot, panel.import_button)
    assert [r.serial for r in msel.rows(win.game)] == ["10", "11", "12", "13"]
    assert table_column(panel.rows_table, "Turn") == {"10": "2", "11": "4", "12": "held back", "13": "6"}
    assert panel.deck_serials() == ["12"]
    assert not panel.import_button.isEnabled() and panel.error_text() == ""


def test_fire_now_postpone_and_the_held_back_deck(
    qtbot: Any, settings: QSettings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Postponing shifts later rows; firing from the deck records an inject for the next turn; export writes CSV."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    import_good(qtbot, win, tmp_path, monkeypatch)
    panel = win.msel_panel

    click_row(qtbot, panel.rows_table, "10")
    assert panel.postpone_button.isEnabled() and panel.hold_button.isEnabled()
    panel.postpone_spin.setValue(2)
    click(qtbot, panel.postpone_button)
    assert table_column(panel.rows_table, "Turn") == {"10": "4", "11": "6", "12": "held back", "13": "8"}

    click_row(qtbot, panel.rows_table, "13")
    click(qtbot, panel.skip_button)
    assert table_column(panel.rows_table, "Status")["13"] == "skipped"
    assert not panel.fire_button.isEnabled() and not panel.postpone_button.isEnabled()

    # the held-back deck: fire its row at any moment
    deck = panel.deck_list
    item = deck.item(0)
    deck.setCurrentItem(item)
    click(qtbot, panel.deck_fire_button)
    assert panel.deck_serials() == []
    assert table_column(panel.rows_table, "Status")["12"] == "fired"
    assert table_column(panel.rows_table, "Turn")["12"] == "fired for turn 1"
    pending = win.pending_panel.records()
    assert [(r.kind, r.seat, r.payload["kind"]) for r in pending] == [("inject", "msel", "cyber")]
    assert win.isWindowModified()

    # fire a scheduled row now, too
    click_row(qtbot, panel.rows_table, "11")
    click(qtbot, panel.fire_button)
    assert table_column(panel.rows_table, "Status")["11"] == "fired"
    assert len(win.pending_panel.records()) == 2
    # a refusal shows in the panel's label
    assert not panel.hold("11") and "fired" in panel.error_text() and panel.error_label.isVisible()

    advance(qtbot, win, 1)
    kinds = sorted(e.data["attack"]["spec"]["kind"] for e in win.game.events(1, kinds=["attack"]))
    assert kinds == ["cyber", "missile"]
    assert "the next turn is 2" in panel.status_label.text()

    out = tmp_path / "back.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    click(qtbot, panel.export_button)
    back = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["serial"], r["status"]) for r in back] == [
        ("10", "scheduled"),
        ("11", "fired"),
        ("12", "fired"),
        ("13", "skipped"),
    ]


# ---------------------------------------------------------------------------------------------
# White-cell override
# ---------------------------------------------------------------------------------------------


def verdict_item(win: MainWindow, key: str) -> QTreeWidgetItem:
    """The verdict's node, expanded as a user would to see its gates."""
    item = next(it for it in win.verdict_tree.verdict_items() if it.data(0, Qt.ItemDataRole.UserRole)[1] == key)
    item.setExpanded(True)
    return item


def test_override_through_the_dialog_needs_a_rationale_and_shows_in_the_verdict(
    qtbot: Any, settings: QSettings, tmp_path: Path
) -> None:
    """Overrule a verdict from the verdict tree: OK waits for a rationale; the next turn shows the override gate."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    win.game.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.STRIKE, TargetKind.TERRITORY, 20, 0.0, 1.0))
    advance(qtbot, win, 1)
    key = "NATO:5:A1"
    assert win.verdict_tree.code_of(verdict_item(win, key)) == "TRIGGERED"

    menu = win.commands.verdict_menu_for(
        verdict_item(win, key).child(0)
    )  # a gate of the verdict: the menu finds its verdict
    qtbot.addWidget(menu)
    act = next(a for a in menu.actions() if a.text() == "Overrule this verdict…")
    assert act.isEnabled()
    act.trigger()
    dlg = win.commands.override_dialog
    assert dlg is not None and dlg.isVisible()
    assert dlg.target() == "verdict" and dlg.key() == key and dlg.value() == "TRIGGERED"
    assert not dlg.ok_button.isEnabled() and "rationale" in dlg.reason_text() and dlg.reason_label.isVisible()

    dlg.value_combo.setCurrentIndex(dlg.value_combo.findData("AMBIGUOUS_SCOPE"))
    qtbot.keyClicks(dlg.rationale_edit, "   ")
    assert not dlg.ok_button.isEnabled()  # blank is not a rationale
    qtbot.keyClicks(dlg.rationale_edit, "Narva's status is disputed in the exercise setting")
    assert dlg.ok_button.isEnabled() and not dlg.reason_label.isVisible()
    click(qtbot, dlg.ok_button)
    assert win.commands.override_dialog is None
    (rec,) = win.pending_panel.records()
    assert rec.kind == "override" and rec.payload["value"] == "AMBIGUOUS_SCOPE"
    assert rec.payload["rationale"] == "Narva's status is disputed in the exercise setting"
    win.action("edit.undo").trigger()
    assert win.pending_panel.records() == []
    win.action("edit.redo").trigger()
    assert len(win.pending_panel.records()) == 1

    advance(qtbot, win, 1)
    item = verdict_item(win, key)
    assert win.verdict_tree.code_of(item) == "AMBIGUOUS_SCOPE"
    gates = [item.child(i).text(0) for i in range(item.childCount())]
    assert "✓ override" in gates
    gate = item.child(gates.index("✓ override"))
    assert "white cell ruled treaty area unclear" in gate.text(2) and "disputed" in gate.text(2)
    assert any(e.kind.value == "override" for e in win.game.events(2))


def test_override_dialog_adapts_to_the_target(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """From the menu action: keys and values follow the target; numbers for opinion; no verdicts yet is explained."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    assert win.action("turn.override").isEnabled()
    win.action("turn.override").trigger()
    dlg = win.commands.override_dialog
    assert dlg is not None and dlg.target() == "verdict"
    assert dlg.key_combo.count() == 0 and "No verdict yet" in dlg.reason_text() and not dlg.ok_button.isEnabled()

    dlg.target_combo.setCurrentIndex(dlg.target_combo.findData("opinion"))
    dlg.key_combo.setCurrentIndex(dlg.key_combo.findData("DEU"))
    assert dlg.value_spin.isVisible() and not dlg.value_combo.isVisible()
    assert dlg.value() == round(win.game.world.nations["DEU"].support, 1)
    dlg.value_spin.setValue(35)
    qtbot.keyClicks(dlg.rationale_edit, "A scandal in Berlin, per the exercise script")
    dlg.target_combo.setCurrentIndex(dlg.target_combo.findData("control"))
    assert dlg.value_combo.isVisible() and dlg.key_combo.findData("EST-NAR") >= 0
    assert dlg.value_combo.findData("RUS") >= 0
    dlg.target_combo.setCurrentIndex(dlg.target_combo.findData("opinion"))
    dlg.key_combo.setCurrentIndex(dlg.key_combo.findData("DEU"))
    dlg.value_spin.setValue(35)
    click(qtbot, dlg.ok_button)
    (rec,) = win.game.pending()
    assert (rec.payload["target"], rec.payload["key"], rec.payload["value"]) == ("opinion", "DEU", 35.0)
    advance(qtbot, win, 1)
    assert win.game.world.nations["DEU"].support == pytest.approx(35.0, abs=6.0)


# ---------------------------------------------------------------------------------------------
# End of game
# ---------------------------------------------------------------------------------------------


def without_objectives(text: str) -> str:
    """The scenario text with its ``[[objectives]]`` tables left out."""
    out, skipping = [], False
    for line in text.splitlines():
        head = line.strip()
        if head.startswith("["):
            skipping = head == "[[objectives]]"
        if not skipping:
            out.append(line)
    return "\n".join(out) + "\n"


def test_end_of_game_summary_shows_the_reason_and_the_score(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """When the last turn is played the summary opens with the end reason and each objective's result."""
    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    dlg = win.turns.show_end_summary()
    assert dlg is not None and "goes on" in dlg.headline.text()
    dlg.reject()
    advance(qtbot, win, 40)
    assert win.game.world.ended
    dlg = win.turns.end_dialog
    assert dlg is not None and dlg.isVisible()
    assert win.game.world.end_reason in dlg.headline.text()
    results = score(win.game.scenario, win.game.world)
    assert results, "the demo scenario sets objectives"
    shown = [(dlg.table.item(i, 0).text(), dlg.table.item(i, 1).text()) for i in range(dlg.table.rowCount())]
    assert shown == [(r.objective.label, "yes" if r.met else "no") for r in results]
    total, most = sum(r.points for r in results), sum(r.objective.points for r in results)
    assert dlg.score_label.text() == f"Score: {total} of {most} points"


def test_end_summary_without_objectives(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """A scenario without objectives says so instead of showing an empty score."""
    scenario = tmp_path / "plain.toml"
    scenario.write_text(without_objectives(DEMO.read_text(encoding="utf-8")), encoding="utf-8")
    shutil.copy(DEMO.with_name("world-treaties.toml"), tmp_path)  # the demo's treaties come from the pack
    win = make_window(qtbot, settings)
    assert win.files.new_game(scenario, tmp_path / "g.wargame")
    assert win.game.scenario.objectives == ()
    win.action("turn.end").trigger()
    dlg = win.turns.end_dialog
    assert dlg is not None and "no objectives" in dlg.score_label.text() and not dlg.table.isVisible()


def test_scheduled_injects_appear_on_the_timeline(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """The scenario's coming injects and the imported MSEL rows are drawn on the mobilisation timeline;
    postponing a row moves its mark, firing it shows it as fired."""
    from wargame.app import msel

    win = make_window(qtbot, settings)
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    csv_path = write_msel(
        tmp_path / "m.csv", [["10", "D+6", "shelling", "RUS", "LVA", "LVA-DGP", "territory", "3", "0.9", "", ""]]
    )
    msel.import_msel(win.game, csv_path)
    win.refresh()
    marks = {m.label: (m.turn, m.status) for m in win.timeline.injects()}
    assert marks["10"] == (6, "scheduled")
    assert any(label.startswith("S") for label in marks), "the demo's own MSEL is on the timeline"
    msel.postpone(win.game, "10", 2)
    win.msel_panel.changed.emit()
    assert {m.label: m.turn for m in win.timeline.injects()}["10"] == 8
    canvas = win.timeline.canvas
    mark = next(m for m in canvas.injects if m.label == "10")
    assert canvas.inject_at(canvas.LABEL_W + mark.turn * canvas.TURN_W, canvas.TOP + 5) == mark
