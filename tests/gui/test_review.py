"""Review mode in the desktop application: stepping, play, bookmarks, diff, provenance, what-if, compare."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QInputDialog  # noqa: E402

from wargame.app import Game, SaveFileError, new_game, open_game  # noqa: E402
from wargame.app.review import bookmarks  # noqa: E402
from wargame.engine import AttackKind, AttackSpec  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"
TURNS = 12


@pytest.fixture
def played(tmp_path: Path) -> Path:
    """The demo played 12 turns with a Russian invasion of Latvia injected for turn 1; the white cell rules on turn 3
    that Riga has fallen (the invaders march for days before they fight: a control change in 12 turns is the
    umpire's)."""
    path = tmp_path / "played.wargame"
    with new_game(DEMO, path) as game:
        game.inject(
            AttackSpec("RUS", "LVA", "LVA", AttackKind.INVASION, casualties=40, description="Invasion of Latvia")
        )
        game.advance(2)
        game.override("control", "LVA", "RUS", "umpire: a coup de main takes Riga")
        game.advance(TURNS - 2)
        assert game.last_turn == TURNS
    return path


def reviewing(qtbot: Any, settings: QSettings, path: Path) -> MainWindow:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.reviewing.review_path(path)
    assert win.session.review.active and win.game is not None and win.game.readonly
    return win


def shown_support(win: MainWindow) -> dict[str, float]:
    m = win.states_panel.model
    return {m.state_id(r): float(m.index(r, 1).data(Qt.ItemDataRole.UserRole)) for r in range(m.rowCount())}


def shown_verdicts(win: MainWindow) -> dict[str, str]:
    return win.verdict_tree.shown_codes()  # the verdict rows and those folded into a count


def assert_shows(win: MainWindow, game: Game, turn: int) -> None:
    """The docks show the world of ``turn`` as the live game had it."""
    world = game.world_at(turn)
    assert win.session.review.turn == turn
    assert win.review_bar.slider.value() == turn
    assert shown_support(win) == {
        sid: round(n.support, 1) for sid, n in world.nations.items() if sid in shown_support(win)
    }
    assert shown_verdicts(win) == {str(k): v.code.value for k, v in world.verdicts.items()}
    rows = win.event_log.visible_rows()
    assert rows == len(game.events(turn))
    assert f"turn {turn} of {TURNS}" in win.windowTitle()


def test_stepping_shows_each_turn_as_it_was(qtbot: Any, settings: QSettings, played: Path) -> None:
    """First / previous / next / last, the slider (with its debounce) and the keys show the world of that turn."""
    win = reviewing(qtbot, settings, played)
    with open_game(played, readonly=True) as live:
        assert_shows(win, live, TURNS)
        assert not win.action("turn.inject").isEnabled() and not win.action("turn.advance").isEnabled()
        assert not win.decisions.isEnabled() and not win.turns.advance(1) and win.commands.open_inject_dialog() is None
        win.review_bar.prev_action.trigger()
        assert_shows(win, live, TURNS - 1)
        win.review_bar.first_action.trigger()
        assert_shows(win, live, 0)
        assert not win.review_bar.prev_action.isEnabled()
        win.review_bar.next_action.trigger()
        assert_shows(win, live, 1)
        assert win.charts.cursor_turn == 1
        win.review_bar.slider.setValue(6)
        assert_shows(win, live, 6)
        assert win.timeline.canvas.today == 6
        assert all(b.start <= 6 for b in win.timeline.bars())

        slider = win.review_bar.slider
        slider.setSliderDown(True)
        slider.setValue(3)
        assert win.session.review.turn == 6, "a drag does not reload the docks at every pixel"
        assert "Turn 3" in win.review_bar.turn_label.text()
        qtbot.waitUntil(lambda: win.session.review.turn == 3, timeout=2000)
        slider.setValue(4)
        slider.setSliderDown(False)
        assert_shows(win, live, 4)
        assert not win.review_bar.debounce.isActive()

        win.session.review.cache.clear()
        loads = win.session.review.cache.loads
        win.reviewing.go(9)
        assert win.session.review.cache.loads == loads + 2, "turn 9 and turn 8 (for the diff)"
        win.review_bar.next_action.trigger()
        win.review_bar.prev_action.trigger()
        win.review_bar.next_action.trigger()
        assert win.session.review.cache.loads == loads + 3, (
            "a step reads one snapshot; revisited turns come from the cache"
        )

        win.activateWindow()
        win.setFocus()
        qtbot.keyClick(win, Qt.Key.Key_End)
        assert win.session.review.turn == TURNS
        qtbot.keyClick(win, Qt.Key.Key_Home)
        assert win.session.review.turn == 0
        qtbot.keyClick(win, Qt.Key.Key_PageDown)
        assert win.session.review.turn == 1
    win.close()


def test_play_and_pause(qtbot: Any, settings: QSettings, played: Path) -> None:
    """Play steps forward on a timer at the chosen speed; pause stops the timer; the end stops it too."""
    win = reviewing(qtbot, settings, played)
    win.review_bar.speed_combo.setCurrentText("10 turns / s")
    assert win.session.review.play_timer.interval() == 100
    win.reviewing.go(2)
    win.review_bar.play_action.trigger()
    assert win.session.review.playing and win.review_bar.play_action.isChecked()
    qtbot.waitUntil(lambda: win.session.review.turn >= 4, timeout=5000)
    win.review_bar.play_action.trigger()
    assert not win.session.review.playing and not win.session.review.play_timer.isActive()
    stopped = win.session.review.turn
    qtbot.wait(250)
    assert win.session.review.turn == stopped
    win.reviewing.go(TURNS - 1)
    win.session.review.play()
    qtbot.waitUntil(lambda: not win.session.review.playing, timeout=5000)
    assert win.session.review.turn == TURNS
    win.session.review.play()  # at the end, play starts over from the first turn
    assert win.session.review.turn == 0 and win.session.review.playing
    win.close()
    assert not win.session.review.play_timer.isActive()


def test_bookmarks_jump_and_manual(
    qtbot: Any, settings: QSettings, played: Path, monkeypatch: pytest.MonkeyPatch, errors: list[tuple[str, str]]
) -> None:
    """Automatic bookmarks are listed and jump on double-click; Ctrl+B adds a bookmark with a note."""
    win = reviewing(qtbot, settings, played)
    panel = win.bookmarks_panel
    kinds = {b.kind for b in panel.bookmarks()}
    assert {"inject", "first_verdict", "invocation", "arrival", "control"} <= kinds
    assert win.docks["bookmarks"].isVisible()
    control = next(b for b in panel.bookmarks() if b.kind == "control" and b.turn != win.session.review.turn)
    item = panel.item_for("control")
    assert item is not None
    panel.tree.scrollToItem(item)
    rect = panel.tree.visualItemRect(item)
    assert panel.tree.viewport().rect().contains(rect.center())
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert win.session.review.turn == control.turn

    win.reviewing.go(7)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("Why did Latvia hold?", True)))
    win.action("review.bookmark").trigger()
    manual = [b for b in panel.bookmarks() if b.kind == "manual"]
    assert [(b.turn, b.note) for b in manual] == [(7, "Why did Latvia hold?")]
    assert errors == []
    with open_game(played, readonly=True) as g:
        assert any(b.kind == "manual" and b.turn == 7 for b in bookmarks(g))
    win.close()


def test_diff_panel_lists_the_change_of_control(qtbot: Any, settings: QSettings, played: Path) -> None:
    """'What changed this turn' lists a change of control on the turn it happened, and none on a quiet turn."""
    win = reviewing(qtbot, settings, played)
    with open_game(played, readonly=True) as g:
        control_turns = sorted({e.turn for e in g.events(kinds=["control"])})
        quiet = next(t for t in range(1, TURNS + 1) if t not in control_turns)
    assert control_turns
    win.reviewing.go(control_turns[0])
    rows = win.diff_panel.rows("control")
    assert rows and any("LVA" in what for what, _b, _a in rows)
    assert any(before != after for _w, before, after in rows)
    assert win.diff_panel.rows("opinion"), "opinion moves every turn of a war"
    win.reviewing.go(quiet)
    assert win.diff_panel.rows("control") == []
    win.close()


def test_provenance_of_a_verdict_and_an_engagement(qtbot: Any, settings: QSettings, played: Path) -> None:
    """Double-clicking a verdict shows its gates; double-clicking an engagement in the log shows its draws."""
    win = reviewing(qtbot, settings, played)
    triggered = win.verdict_tree.verdict_items("TRIGGERED")
    assert triggered
    win.verdict_tree.itemDoubleClicked.emit(triggered[0], 0)
    dlg = win.inspection.provenance_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.addWidget(dlg)
    assert dlg.prov.event["kind"] == "verdict"
    gates = dlg.section("rule")
    assert gates and all(g[0][:1] in "✓✗•" for g in gates)
    assert [g["label"] for g in dlg.prov.event["reasons"]] == [g[0][2:] for g in gates]
    assert any(g[1] == "passed" for g in gates)
    dlg.close()

    with open_game(played, readonly=True) as g:
        eng = g.events(kinds=["engagement"])[0]
    win.reviewing.go(eng.turn)
    log = win.event_log
    log.kind_combo.setCurrentIndex(log.kind_combo.findData("engagement"))
    assert log.visible_rows() == 1
    index = log.proxy.index(0, 3)
    rect = log.table.visualRect(index)
    qtbot.mouseClick(log.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(log.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dlg = win.inspection.provenance_dialog
    assert dlg is not None
    qtbot.addWidget(dlg)
    assert (dlg.prov.event["turn"], dlg.prov.event["seq"]) == (eng.turn, eng.seq)
    draws = dlg.section("draws")
    assert len(draws) == len(eng.draws) >= 1
    assert [float(v) for _p, v, _s in draws] == pytest.approx([d.value for d in eng.draws], abs=1e-6)
    assert "Random draws" in dlg.as_text()
    win.close()


def test_what_if_branches_and_plays_on(
    qtbot: Any,
    settings: QSettings,
    played: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    errors: list[tuple[str, str]],
) -> None:
    """'What if…' at turn 6 writes a new game ending at turn 6 and opens it for play."""
    win = reviewing(qtbot, settings, played)
    win.reviewing.go(6)
    out = tmp_path / "whatif.wargame"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    win.action("review.what_if").trigger()
    assert errors == []
    assert out.exists() and win.game is not None and win.game.path == out
    assert not win.session.review.active and not win.review_bar.isVisible()
    assert win.game.last_turn == 6 and not win.game.readonly
    assert win.game.meta.parent_turn == 6
    assert win.action("turn.inject").isEnabled() and win.action("turn.advance").isEnabled()
    with qtbot.waitSignals([win.session.runner.finished, win.refreshed], timeout=30_000):
        assert win.turns.advance(1)
    assert win.game.last_turn == 7
    with open_game(played, readonly=True) as parent:
        assert parent.last_turn == TURNS
    win.close()


def test_compare_shows_the_difference(
    qtbot: Any, settings: QSettings, played: Path, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    """A branch played differently from turn 6 shows verdict differences and diverging series (A solid, B dashed)."""
    other = tmp_path / "other.wargame"
    with open_game(played) as parent, parent.branch(6, other) as branch:
        branch.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, casualties=3000))
        branch.advance(TURNS - 6)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.files.open_path(played)
    assert win.reviewing.enter(TURNS)
    dlg = win.reviewing.compare_with(other)
    assert dlg is not None and errors == []
    qtbot.addWidget(dlg)
    cmp = dlg.comparison
    assert cmp.branch_turn == 6
    assert cmp.verdict_diffs, "the invasion of Estonia exists only in the branch"
    assert dlg.verdict_table.rowCount() == len(cmp.verdict_diffs)
    assert "EST" in cmp.states
    curves = dlg.curves("support")
    styles = {name.rsplit(" ", 1)[1]: style for name, style, _x, _y in curves}
    assert styles == {"A": Qt.PenStyle.SolidLine, "B": Qt.PenStyle.DashLine}
    est = {name: ys for name, _s, _x, ys in curves if name.startswith("EST ")}
    assert est["EST A"] != est["EST B"]
    b_game = dlg.game_b
    dlg.reject()
    assert win.reviewing.compare_window is None
    with pytest.raises(SaveFileError, match="closed"):
        b_game.last_turn  # noqa: B018 - the dialog closed the other game
    win.close()


def test_review_this_game_and_leave(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """'Review this game' reviews the open game; leaving it returns to play with the last turn shown."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    assert win.game is not None
    win.game.advance(3)
    win.refresh()
    win.action("review.this").trigger()
    assert win.session.review.active and win.session.review.turn == 3 and not win.game.readonly
    win.reviewing.go(1)
    assert win.states_panel.model.rowCount() > 0 and "turn 1 of 3" in win.windowTitle()
    assert win.reviewing.leave()
    assert not win.session.review.active and win.action("turn.inject").isEnabled()
    assert win.event_log.visible_rows() == len(win.game.events())
    assert "turn 3" in win.windowTitle()
    win.close()


def test_bad_file_for_review_gives_a_message(
    qtbot: Any, settings: QSettings, tmp_path: Path, errors: list[tuple[str, str]]
) -> None:
    bad = tmp_path / "bad.wargame"
    bad.write_bytes(b"not a game" * 50)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert not win.reviewing.review_path(bad)
    assert len(errors) == 1 and "\n" not in errors[0][1]
    assert not win.session.review.active
    win.close()
