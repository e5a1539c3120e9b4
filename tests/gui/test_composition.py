"""How the window is put together: the notice hub, the action table, and adding a panel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QObject, QSettings, QTimer  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtWidgets import QLabel  # noqa: E402

from wargame.gui import gates  # noqa: E402
from wargame.gui.actions import MENUS, REVIEW_TOOLBAR, TOOLBAR  # noqa: E402
from wargame.gui.docks import RIGHT, DockSpec  # noqa: E402
from wargame.gui.mainwindow import MainWindow  # noqa: E402
from wargame.gui.notices import Changes, NoticeHub  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "demo.toml"


class Recorder:
    """A listener that writes down what it was told (and, optionally, when)."""

    def __init__(self, name: str, listens: Changes, log: list[tuple[str, Changes]]) -> None:
        self.name, self.listens, self.log = name, listens, log

    def on_changes(self, changes: Changes, _session: Any) -> None:
        self.log.append((self.name, changes))


@pytest.fixture
def hub(qtbot: Any) -> NoticeHub:
    owner = QObject()
    ready = {"ok": True}
    h = NoticeHub(object(), lambda: ready["ok"], owner)  # type: ignore[arg-type]
    h.ready_flag = ready  # type: ignore[attr-defined]
    h.owner = owner  # type: ignore[attr-defined]
    return h


def test_any_is_every_kind_of_change() -> None:
    assert Changes.ANY == ~Changes.NONE, "a new member of Changes belongs in Changes.ANY too"
    assert Changes.TURN_ADVANCED in Changes.WORLD and Changes.REVIEW_TURN_CHANGED in Changes.REVIEW


def test_each_listener_hears_only_what_it_listens_to(hub: NoticeHub) -> None:
    log: list[tuple[str, Changes]] = []
    a = Recorder("a", Changes.TURN_ADVANCED | Changes.PENDING_CHANGED, log)
    b = Recorder("b", Changes.REVIEW, log)
    for r in (a, b):
        hub.subscribe(r)
    settled: list[Changes] = []
    hub.settled.connect(lambda: settled.append(hub.last))
    hub.publish(Changes.PENDING_CHANGED | Changes.MSEL_CHANGED)
    assert log == [("a", Changes.PENDING_CHANGED)]
    hub.publish(Changes.REVIEW_TURN_CHANGED, source=b)  # the source made the change itself
    assert log == [("a", Changes.PENDING_CHANGED)]
    assert settled == [Changes.PENDING_CHANGED | Changes.MSEL_CHANGED, Changes.REVIEW_TURN_CHANGED]


def test_a_staged_notice_tells_one_listener_per_event_loop_pass(qtbot: Any, hub: NoticeHub) -> None:
    """Other events (painting, input) run between the listeners; settled comes after the last."""
    log: list[tuple[str, Changes]] = []
    for name in "abc":
        hub.subscribe(Recorder(name, Changes.TURN_ADVANCED, log))
    hub.publish(Changes.TURN_ADVANCED, staged=True)
    assert log == [] and hub.pending
    QTimer.singleShot(0, lambda: log.append(("other event", Changes.NONE)))
    with qtbot.waitSignal(hub.settled, timeout=2000):
        pass
    names = [n for n, _c in log]
    assert names.index("other event") < names.index("c") and [n for n in names if n != "other event"] == list("abc")
    assert not hub.pending


def test_a_later_notice_takes_over_what_a_staged_one_has_not_told(hub: NoticeHub) -> None:
    log: list[tuple[str, Changes]] = []
    a, b = Recorder("a", Changes.ANY, log), Recorder("b", Changes.ANY, log)
    hub.subscribe(a)
    hub.subscribe(b)
    hub.publish(Changes.TURN_ADVANCED, staged=True)
    hub.ready_flag["ok"] = False  # type: ignore[attr-defined]  # a new run owns the game: the queue waits
    QCoreApplication.processEvents()
    assert log == [] and hub.pending
    hub.ready_flag["ok"] = True  # type: ignore[attr-defined]
    hub.publish(Changes.PENDING_CHANGED)
    assert log == [
        ("a", Changes.TURN_ADVANCED | Changes.PENDING_CHANGED),
        ("b", Changes.TURN_ADVANCED | Changes.PENDING_CHANGED),
    ]
    assert not hub.pending
    log.clear()
    hub.publish(Changes.TURN_ADVANCED, staged=True)
    hub.publish(Changes.GAME_CLOSED)  # another game: what was queued is dropped, everyone re-reads
    assert log == [("a", Changes.GAME_CLOSED), ("b", Changes.GAME_CLOSED)]


def test_a_batch_is_one_notice(hub: NoticeHub) -> None:
    log: list[tuple[str, Changes]] = []
    hub.subscribe(Recorder("a", Changes.ANY, log))
    with hub.batch():
        hub.publish(Changes.PENDING_CHANGED)
        with hub.batch():
            hub.publish(Changes.BUSY_CHANGED)
        assert log == []
    assert log == [("a", Changes.PENDING_CHANGED | Changes.BUSY_CHANGED)]


def test_gates_give_the_first_reason() -> None:
    s = gates.UiState(has_game=True, reviewing=True, rules="made with version 9")
    assert gates.playable(s) == gates.REVIEWING
    assert (
        gates.playable(gates.UiState(has_game=True, rules="made with version 9")) == "Review only: made with version 9."
    )
    assert gates.playable(gates.UiState(has_game=True, busy=True)) == gates.BUSY
    assert gates.playable(gates.UiState()) == gates.NO_GAME
    assert gates.writable(gates.UiState(has_game=True, readonly=True)) == gates.READONLY
    assert gates.playable(gates.UiState(has_game=True)) == ""


def test_actions_are_placed_and_no_two_share_a_shortcut(qtbot: Any, settings: QSettings) -> None:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    names = win.registry.names()
    for _title, items in MENUS:
        for item in items:
            if item != "-" and not item.startswith("@"):
                assert win.registry.matching(item), f"{item} is in MENUS but no controller declares it"
    for item in TOOLBAR + REVIEW_TOOLBAR:
        assert item in names
    seen: dict[str, str] = {}
    for name in names:
        for key in win.action(name).shortcuts():
            text = key.toString(QKeySequence.SequenceFormat.PortableText)
            assert text not in seen, f"{name} and {seen[text]} share {text}"
            seen[text] = name
    placed = {a.objectName() for m in win.menuBar().findChildren(type(win.files.recent_menu)) for a in m.actions()}
    assert {f"action:{n}" for n in names} <= placed, "every action is in a menu"
    assert all(win.action(n).toolTip() for n in names)
    win.close()


class NotesPanel(QLabel):
    """The smallest panel: it says which turn it last saw."""

    listens = Changes.WORLD | Changes.REVIEW

    def on_changes(self, _changes: Changes, session: Any) -> None:
        self.setText(f"turn {session.world().turn}")


def test_adding_a_panel_is_one_line(qtbot: Any, settings: QSettings, tmp_path: Path) -> None:
    """A widget with listens/on_changes, docked with a DockSpec, follows the game and is blocked by its gate."""
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    panel = win.docks.add(NotesPanel(), DockSpec("notes", "Notes", RIGHT, tab_with="verdicts", gate=gates.playable))
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    assert panel.text() == "turn 0" and win.docks["notes"].isVisible() and panel.isEnabled()
    with qtbot.waitSignals([win.session.runner.finished, win.refreshed], timeout=30_000):
        assert win.turns.advance(2)
    assert panel.text() == "turn 2"
    assert win.reviewing.enter(1)
    assert panel.text() == "turn 1" and not panel.isEnabled()
    assert win.docks.why_blocked("notes") == gates.REVIEWING
    win.close()


def test_the_application_window_freezes_the_collectors_survivors(
    qtbot: Any, settings: QSettings, tmp_path: Path
) -> None:
    """With ``freeze_gc`` (as ``wargame gui`` runs) an opened game's heap is frozen; closing gives it back."""
    import gc

    win = MainWindow(settings, freeze_gc=True)
    qtbot.addWidget(win)
    assert gc.get_freeze_count() == 0
    assert win.files.new_game(DEMO, tmp_path / "g.wargame")
    assert win.gc_freezer is not None and win.gc_freezer.frozen > 10_000
    assert 0 < gc.get_freeze_count() <= win.gc_freezer.frozen  # (frozen objects may still be freed)
    win.close()
    assert gc.get_freeze_count() == 0


def test_the_window_starts_without_the_store_the_loader_or_the_charts() -> None:
    """A cold start imports the window without SQLAlchemy, Alembic, pydantic or pyqtgraph: they come with the
    first game opened and the first chart shown (``benchmarks/bench_gui.py`` measures the start)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from wargame.gui.mainwindow import MainWindow\n"
        "print(' '.join(m for m in ('sqlalchemy', 'alembic', 'pydantic', 'pyqtgraph') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "", out.stdout
