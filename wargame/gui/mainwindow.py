"""The main window: start page, then the map with docks, toolbar, shortcuts and the turn worker.

Threading rule: while ``runner.busy`` the worker thread owns the :class:`~wargame.app.Game`;
every method here that reads or writes the game checks ``_can_touch_game()`` first.

Review mode (``review.active``): the docks and the map show the world as it was at the reviewed
turn (:class:`~wargame.gui.review.ReviewController`); injects, advancing and decisions are off.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, Game, TurnSummary, mapmodes, new_game, open_game
from wargame.app.models import CommandView
from wargame.app.review import Bookmark, add_bookmark, bookmarks, compare, diff_worlds, provenance
from wargame.app.types import AttackSpec, Event, InjectError, WorldState
from wargame.gui.analysis import AnalysisWindow
from wargame.gui.charts import ChartsPanel
from wargame.gui.compare import CompareDialog
from wargame.gui.decisions import DecisionsPanel
from wargame.gui.hotwash_dock import HotwashPanel
from wargame.gui.inject_dialog import InjectDialog
from wargame.gui.mapview import MapView
from wargame.gui.msel_panel import MselPanel
from wargame.gui.override_dialog import OverrideDialog
from wargame.gui.panels import EventLogPanel, InspectorPanel, PendingPanel, StatesPanel, SummaryPanel, VerdictTree
from wargame.gui.provenance import ProvenanceDialog
from wargame.gui.report_job import ReportJob
from wargame.gui.review import BookmarksPanel, DiffPanel, ReviewBar, ReviewController, TurnView
from wargame.gui.seats_dialog import EndOfGameDialog, seats_text
from wargame.gui.startpage import StartPage
from wargame.gui.timeline import TimelinePanel
from wargame.gui.undo import RecordCommand, RemoveCommand
from wargame.gui.worker import TurnRunner, summaries_text

MAX_RECENT = 8
FILE_FILTER = "Saved games (*.wargame);;All files (*)"
REVIEW_DOCKS = ("diff", "bookmarks")
"""Docks shown only in review mode."""


class MainWindow(QMainWindow):
    """The desktop application's window (see the module docstring)."""

    refreshed = Signal()
    """Every dock shows the game's current state (emitted at the end of each refresh)."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.game: Game | None = None
        self.undo_stack = QUndoStack(self)
        self.runner = TurnRunner(self)
        # After an advance the docks are refreshed one per event-loop pass, so painting and input go on
        # between them instead of waiting for the whole rebuild.
        self._refresh_steps: list[Callable[[], None]] = []
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._refresh_step)
        self.report_job = ReportJob(self)
        self.report_job.progress.connect(self._on_report_progress)
        self.report_job.finished.connect(self._on_report_finished)
        self.last_summaries: list[TurnSummary] = []
        self._inject_dialog: InjectDialog | None = None
        self.override_dialog: OverrideDialog | None = None
        self.end_dialog: EndOfGameDialog | None = None
        self._editing: CommandView | None = None
        self.review = ReviewController(self)
        self._review_summaries: dict[int, TurnSummary] = {}
        self.provenance_dialog: ProvenanceDialog | None = None
        self.compare_window: CompareDialog | None = None

        self.start_page = StartPage()
        self.map = MapView()
        self.map.setObjectName("map")
        self.mode_combo = QComboBox()
        self.mode_combo.addItems(list(mapmodes.MODES))
        self.mode_combo.setToolTip("Map colours (Ctrl+M cycles)")
        self.treaty_combo = QComboBox()
        self.treaty_combo.setToolTip("The treaty shown in 'Treaty' mode")
        self.attack_combo = QComboBox()
        self.attack_combo.setToolTip("The attack shown in 'Verdicts' mode")
        self.preset_combo = QComboBox()
        self.preset_combo.addItems(MapView.presets())
        self.preset_combo.setToolTip("Theatre (Ctrl+1 … Ctrl+5)")
        self.map_page = QWidget()
        mbox = QVBoxLayout(self.map_page)
        mbox.setContentsMargins(0, 0, 0, 0)
        mbox.addWidget(self.map)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.map_page)
        self.setCentralWidget(self.stack)

        self.states_panel = StatesPanel()
        self.verdict_tree = VerdictTree()
        self.event_log = EventLogPanel()
        self.timeline = TimelinePanel()
        self.charts = ChartsPanel()
        self.inspector = InspectorPanel()
        self.decisions = DecisionsPanel()
        self.pending_panel = PendingPanel()
        self.summary_panel = SummaryPanel()
        self.bookmarks_panel = BookmarksPanel()
        self.diff_panel = DiffPanel()
        self.msel_panel = MselPanel(busy=lambda: self.runner.busy)
        self.hotwash_panel = HotwashPanel(busy=lambda: self.runner.busy)
        self.docks: dict[str, QDockWidget] = {}
        area_l, area_r, area_b = (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
            Qt.DockWidgetArea.BottomDockWidgetArea,
        )
        for name, title, widget, area in (
            ("states", "States", self.states_panel, area_l),
            ("inspector", "State inspector", self.inspector, area_l),
            ("verdicts", "Treaties && verdicts", self.verdict_tree, area_r),
            ("pending", "Pending commands", self.pending_panel, area_l),
            ("decisions", "Decisions", self.decisions, area_l),
            ("summary", "Turn summary", self.summary_panel, area_b),
            ("events", "Event log", self.event_log, area_b),
            ("timeline", "Mobilisation timeline", self.timeline, area_b),
            ("charts", "Charts", self.charts, area_b),
            ("diff", "What changed this turn", self.diff_panel, area_r),
            ("bookmarks", "Bookmarks", self.bookmarks_panel, area_l),
            ("msel", "MSEL (scheduled injects)", self.msel_panel, area_b),
            ("hotwash", "Hotwash", self.hotwash_panel, area_b),
        ):
            dock = QDockWidget(title, self)
            dock.setObjectName(f"dock_{name}")
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            self.docks[name] = dock
        self.tabifyDockWidget(self.docks["states"], self.docks["inspector"])
        self.tabifyDockWidget(self.docks["inspector"], self.docks["pending"])
        self.tabifyDockWidget(self.docks["pending"], self.docks["decisions"])
        for other in ("events", "timeline", "charts", "msel", "hotwash"):
            self.tabifyDockWidget(self.docks["summary"], self.docks[other])
        self.splitDockWidget(self.docks["verdicts"], self.docks["diff"], Qt.Orientation.Vertical)
        self.tabifyDockWidget(self.docks["diff"], self.docks["bookmarks"])
        self.docks["states"].raise_()
        self.docks["verdicts"].raise_()
        self.docks["summary"].raise_()
        self.resizeDocks([self.docks["states"], self.docks["verdicts"]], [380, 420], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["summary"]], [240], Qt.Orientation.Vertical)

        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop after the turn being resolved (Esc)")
        self.cancel_button.setVisible(False)
        self.turn_label = QLabel()
        self.statusBar().addPermanentWidget(self.turn_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)

        self._make_actions()
        self._connect()
        self._load_settings()
        self._show_start()

    # ================================================================== actions & wiring
    def _action(self, text: str, slot: Callable[[], Any], shortcuts: list[Any] | None = None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcuts:
            act.setShortcuts([QKeySequence(s) for s in shortcuts])
        keys = ", ".join(QKeySequence(s).toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts or [])
        act.setToolTip(f"{tip or text.replace('&', '').rstrip('…')}" + (f" ({keys})" if keys else ""))
        act.setStatusTip(tip or text.replace("&", ""))
        act.triggered.connect(slot)
        self.addAction(act)
        return act

    def _make_actions(self) -> None:
        K = QKeySequence.StandardKey
        self.new_action = self._action("&New game…", self._show_start, [K.New], "Start a new game from a scenario")
        self.open_action = self._action("&Open…", self.open_dialog, [K.Open], "Open a saved game")
        self.save_action = self._action("&Save", self.save, [K.Save], "Every turn is saved when it is committed")
        self.save_as_action = self._action(
            "Save &As…", self.save_as_dialog, [K.SaveAs], "Copy the game to a new file and continue there"
        )
        self.close_action = self._action(
            "&Close game", self.close_game, [K.Close], "Close the game and return to the start page"
        )
        self.quit_action = self._action("&Quit", self.close, [K.Quit], "Quit the application")
        self.analysis_action = self._action(
            "&Batch analysis…", self.open_analysis, [], "The results of a batch: charts, and any run for review"
        )
        self.inject_action = self._action(
            "&Inject attack…", lambda: self.open_inject_dialog(), ["Ctrl+I"], "Inject an attack for the next turn"
        )
        self.advance_action = self._action(
            "&Advance 1 turn", lambda: self.advance(1), ["Ctrl+Return", "F5"], "Resolve the next turn"
        )
        self.advance_n_action = self._action(
            "Advance &N turns…", self.advance_n_dialog, ["Ctrl+Shift+Return", "Shift+F5"], "Resolve several turns"
        )
        self.cancel_action = self._action(
            "&Stop advancing", self.runner.cancel, ["Esc"], "Stop after the turn being resolved"
        )
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(K.Undo))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action.setToolTip("Undo the last change to the pending commands (Ctrl+Z)")
        self.redo_action.setToolTip("Redo (Ctrl+Shift+Z)")
        self.addActions([self.undo_action, self.redo_action])
        self.cycle_mode_action = self._action(
            "Next map &colours", self._cycle_mode, ["Ctrl+M"], "Cycle the map colour mode"
        )
        self.preset_actions = [
            self._action(
                f"View {name}", lambda n=name: self.set_preset(n), [f"Ctrl+{i + 1}"], f"Show the {name} theatre"
            )
            for i, name in enumerate(MapView.presets()[:9])
        ]
        self.review_bar = ReviewBar(self.review, self)
        self.review_open_action = self._action(
            "Re&view saved game…",
            self.review_dialog,
            ["Ctrl+Shift+O"],
            "Open any saved game read-only and step through it turn by turn",
        )
        self.review_this_action = self._action(
            "&Review this game",
            lambda: self.enter_review(),
            ["Ctrl+R"],
            "Step through the open game turn by turn (read-only)",
        )
        self.leave_review_action = self._action(
            "&Leave review", self.leave_review, ["Ctrl+Shift+R"], "Back to playing the game"
        )
        self.bookmark_action = self._action(
            "Add &bookmark…", self.add_bookmark_dialog, ["Ctrl+B"], "Bookmark the shown turn with a note"
        )
        self.what_if_action = self._action(
            "&What if… (branch here)", self.what_if_dialog, [], "Start a new saved game from the shown turn and play it"
        )
        self.compare_action = self._action(
            "&Compare with…", self.compare_dialog, [], "Compare this game with another game of the same scenario"
        )
        self.override_action = self._action(
            "White-cell &override…",
            lambda: self.open_override_dialog(),
            ["Ctrl+Shift+W"],
            "Overrule a verdict, outcome, decision, engagement, opinion or budget (a rationale is mandatory)",
        )
        self.report_action = self._action(
            "After-action &report…",
            self.report_dialog,
            ["Ctrl+Shift+P"],
            "Write the after-action report (PDF or self-contained HTML) in the background",
        )
        self.export_action = self._action(
            "&Export for analysts…",
            self.export_dialog,
            ["Ctrl+Shift+E"],
            "Write the events and per-turn series as CSV files",
        )
        self.note_action = self._action(
            "Facilitator &note…",
            self.note_dialog,
            ["Ctrl+Shift+N"],
            "Record a note for this turn (shown in the event log, review and the report)",
        )
        self.end_summary_action = self._action(
            "End-of-game &summary", self.show_end_summary, [], "Why the game ended and the objectives score"
        )
        self.dock_actions = [d.toggleViewAction() for d in self.docks.values()]
        for i, act in enumerate(self.dock_actions[:9]):
            act.setShortcut(QKeySequence(f"Alt+{i + 1}"))

        mb = self.menuBar()
        m = mb.addMenu("&Game")
        for a in (
            self.new_action,
            self.open_action,
            self.review_open_action,
            self.save_action,
            self.save_as_action,
            self.report_action,
            self.export_action,
            self.analysis_action,
            self.close_action,
        ):
            m.addAction(a)
        self.recent_menu = m.addMenu("Open &recent")
        m.addSeparator()
        m.addAction(self.quit_action)
        m = mb.addMenu("&Edit")
        m.addActions([self.undo_action, self.redo_action])
        m = mb.addMenu("&Turn")
        m.addActions([self.inject_action, self.advance_action, self.advance_n_action, self.cancel_action])
        m.addSeparator()
        m.addActions([self.override_action, self.note_action, self.end_summary_action])
        m = mb.addMenu("Re&view")
        m.addActions([self.review_open_action, self.review_this_action, self.leave_review_action])
        m.addSeparator()
        m.addActions(self.review_bar.actions_for_menu())
        m.addSeparator()
        m.addActions([self.bookmark_action, self.what_if_action, self.compare_action])
        m = mb.addMenu("&View")
        m.addAction(self.cycle_mode_action)
        m.addActions(self.preset_actions)
        m.addSeparator()
        m.addActions(self.dock_actions)

        tb = QToolBar("Main")
        tb.setObjectName("toolbar_main")
        for a in (self.inject_action, self.advance_action, self.advance_n_action, self.undo_action, self.redo_action):
            tb.addAction(a)
        tb.addAction(self.review_this_action)
        tb.addSeparator()
        tb.addWidget(QLabel(" Colours: "))
        tb.addWidget(self.mode_combo)
        self.treaty_widget_action = tb.addWidget(self.treaty_combo)
        self.attack_widget_action = tb.addWidget(self.attack_combo)
        tb.addWidget(QLabel(" View: "))
        tb.addWidget(self.preset_combo)
        self.addToolBar(tb)
        self.review_bar.addSeparator()
        self.review_bar.addActions(
            [self.bookmark_action, self.what_if_action, self.compare_action, self.leave_review_action]
        )
        self.addToolBarBreak()
        self.addToolBar(self.review_bar)
        self.review_bar.setVisible(False)
        undo_b, redo_b = QPushButton("Undo"), QPushButton("Redo")
        undo_b.clicked.connect(self.undo_action.trigger)
        redo_b.clicked.connect(self.redo_action.trigger)
        undo_b.setToolTip(self.undo_action.toolTip())
        redo_b.setToolTip(self.redo_action.toolTip())
        self.pending_panel.add_buttons(undo_b, redo_b)

    def _connect(self) -> None:
        self.start_page.newGameRequested.connect(self.new_game_dialog)
        self.start_page.openRequested.connect(self.open_dialog)
        self.start_page.recentRequested.connect(self.open_path)
        self.mode_combo.currentIndexChanged.connect(self.refresh_map)
        self.treaty_combo.currentIndexChanged.connect(self.refresh_map)
        self.attack_combo.currentIndexChanged.connect(self.refresh_map)
        self.preset_combo.currentTextChanged.connect(self.set_preset)
        self.map.countryClicked.connect(self.select_state)
        self.map.markerClicked.connect(self._marker_clicked)
        self.map.contextMenuRequested.connect(self._context_menu)
        self.states_panel.stateSelected.connect(self.select_state)
        self.verdict_tree.attackSelected.connect(self._attack_selected)
        self.pending_panel.editRequested.connect(self.edit_pending)
        self.pending_panel.removeRequested.connect(self.remove_pending)
        self.decisions.decisionRequested.connect(self.record_decision)
        self.undo_stack.indexChanged.connect(lambda _i: self._pending_changed())
        self.runner.progress.connect(self._on_progress)
        self.runner.finished.connect(self._on_turns_done)
        self.runner.failed.connect(self._on_turns_failed)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.review.turnChanged.connect(lambda _t: self._show_review_turn())
        self.bookmarks_panel.jumpRequested.connect(self.review_go)
        self.bookmarks_panel.addRequested.connect(self.add_bookmark_dialog)
        self.event_log.table.doubleClicked.connect(self._event_activated)
        self.verdict_tree.itemDoubleClicked.connect(self._verdict_activated)
        self.verdict_tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.verdict_tree.customContextMenuRequested.connect(self._verdict_context_menu)
        self.msel_panel.changed.connect(self._pending_changed)
        self.msel_panel.changed.connect(lambda: self.timeline.show_game(self.game) if self._can_touch_game() else None)

    # ================================================================== settings
    def _load_settings(self) -> None:
        geo = self.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        self._update_recent()

    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or []) if str(v)]

    def _add_recent(self, path: Path) -> None:
        p = str(path.resolve())
        files = [p] + [f for f in self.recent_files() if f != p]
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self._update_recent()

    def _update_recent(self) -> None:
        files = self.recent_files()
        self.start_page.set_recent(files)
        self.recent_menu.clear()
        for f in files:
            act = self.recent_menu.addAction(Path(f).name)
            act.setToolTip(f)
            act.triggered.connect(lambda _c=False, p=f: self.open_path(p))
        self.recent_menu.setEnabled(bool(files))

    # ================================================================== game lifecycle
    def _show_start(self) -> None:
        if self.game is None:
            self.stack.setCurrentWidget(self.start_page)
            for d in self.docks.values():
                d.setVisible(False)
            self._hide_dock_tab_bars()
            self.review_bar.setVisible(False)
        else:
            if not self.close_game():
                return
        self._update_actions()
        self._update_title()

    def _hide_dock_tab_bars(self) -> None:
        """Qt keeps the tab bars of tabified docks on screen after the docks are hidden; hide them too.
        (The main window's layout shows them again when their docks are shown.) The map's treaty and
        attack pickers have nothing to pick without a game."""
        for bar in self.findChildren(QTabBar):
            if bar.parent() is self:
                bar.hide()
        self.treaty_widget_action.setVisible(False)
        self.attack_widget_action.setVisible(False)

    def _error(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    def new_game_dialog(self, scenario_path: str) -> bool:
        """Ask where to save, then create the game from ``scenario_path``."""
        if not scenario_path:
            return False
        start = Path(self.settings.value("lastDir", str(Path.home())))
        out, _ = QFileDialog.getSaveFileName(
            self, "Save the new game as", str(start / (Path(scenario_path).stem + ".wargame")), FILE_FILTER
        )
        if not out:
            return False
        if not out.endswith(".wargame"):
            out += ".wargame"
        choice = self.start_page.seat_choice()
        return self.new_game(
            scenario_path,
            out,
            overwrite=Path(out).exists(),
            seats=choice.seats,
            difficulty=choice.difficulty,
            tag=choice.tag,
        )

    def new_game(
        self,
        scenario_path: str | Path,
        out_path: str | Path,
        *,
        overwrite: bool = False,
        seats: dict[str, str] | None = None,
        difficulty: str = "normal",
        tag: str = "",
    ) -> bool:
        """Create a saved game (with its seats, difficulty and tag) and show it; errors go to a message box."""
        if not self._release_game():
            return False
        try:
            game = new_game(scenario_path, out_path, overwrite=overwrite, seats=seats, difficulty=difficulty, tag=tag)
        except AppError as exc:
            self._error("Cannot create the game", str(exc))
            return False
        self._set_game(game)
        return True

    def open_dialog(self) -> bool:
        start = str(self.settings.value("lastDir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Open a saved game", start, FILE_FILTER)
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path) -> bool:
        """Open a saved game; a damaged or newer file gives a message box with the one-line reason."""
        if not self._release_game():
            return False
        try:
            game = open_game(path)
        except AppError as exc:
            self._error("Cannot open the game", str(exc))
            return False
        self._set_game(game)
        return True

    def _release_game(self) -> bool:
        """Close the current game if any (refused while a turn runs)."""
        if self.runner.busy:
            self.statusBar().showMessage("A turn is being resolved; wait or cancel first.", 4000)
            return False
        if self.game is not None:
            self._refresh_timer.stop()
            self._refresh_steps = []
            self._end_review_ui()
            self._close_game_dialogs()
            self.runner.shutdown()
            self.undo_stack.clear()
            self.msel_panel.show_game(None)
            self.hotwash_panel.show_game(None)
            self.game.close()
            self.game = None
        return True

    def _close_game_dialogs(self) -> None:
        """Close the dialogs that hold the open game (override, end-of-game summary)."""
        if self.override_dialog is not None:
            self.override_dialog.reject()
        if self.end_dialog is not None:
            self.end_dialog.reject()

    def close_game(self) -> bool:
        """Close the game and return to the start page."""
        if not self._release_game():
            return False
        self.stack.setCurrentWidget(self.start_page)
        for d in self.docks.values():
            d.setVisible(False)
        self._hide_dock_tab_bars()
        self._update_actions()
        self._update_title()
        return True

    def _set_game(self, game: Game) -> None:
        self.game = game
        self.settings.setValue("lastDir", str(game.path.parent))
        self._add_recent(game.path)
        self.undo_stack.clear()
        self.stack.setCurrentWidget(self.map_page)
        for name, d in self.docks.items():
            d.setVisible(name not in REVIEW_DOCKS)
        self.treaty_combo.blockSignals(True)
        self.treaty_combo.clear()
        for t in game.scenario.treaties:
            self.treaty_combo.addItem(t.id, t.id)
        self.treaty_combo.blockSignals(False)
        self.hotwash_panel.show_game(game)
        summaries = game.summaries()
        if game.last_turn in summaries:
            self.summary_panel.show_text(summaries_text([summaries[game.last_turn]]))
        self.refresh()
        self.statusBar().showMessage(f"Opened {game.path.name} — {seats_text(game.controlled, game.ai_states)}", 4000)

    def save(self) -> None:
        if self.game is not None:
            self.statusBar().showMessage(
                f"{self.game.path.name} is saved: every turn and command is written as it happens.", 5000
            )

    # ================================================================== report & export (another process)
    def report_dialog(self) -> bool:
        if self.game is None:
            return False
        out, _ = QFileDialog.getSaveFileName(
            self,
            "Write the after-action report",
            str(self.game.path.with_suffix(".pdf")),
            "PDF (*.pdf);;Self-contained web page (*.html);;Word document, editable (*.docx)",
        )
        return self.write_report(out) if out else False

    def write_report(self, out_path: str | Path) -> bool:
        """Start writing the report of the open game; the window stays responsive."""
        if self.game is None or self.report_job.busy:
            return False
        self.report_job.start_report(self.game.path, out_path)
        self.statusBar().showMessage(f"Writing the after-action report to {out_path}…")
        return True

    def export_dialog(self) -> bool:
        if self.game is None:
            return False
        out = QFileDialog.getExistingDirectory(self, "Export events and series into", str(self.game.path.parent))
        return self.export_to(out) if out else False

    def export_to(self, out_dir: str | Path, fmt: str = "csv") -> bool:
        if self.game is None or self.report_job.busy:
            return False
        self.report_job.start_export(self.game.path, out_dir, fmt)
        self.statusBar().showMessage(f"Exporting to {out_dir}…")
        return True

    def _on_report_progress(self, done: int, total: int) -> None:
        self.statusBar().showMessage(f"Writing: {done}/{total}…")

    def _on_report_finished(self, ok: bool, message: str) -> None:
        if ok:
            self.statusBar().showMessage(message, 8000)
        else:
            self._error("Report not written", message)

    def save_as_dialog(self) -> bool:
        if not self._can_touch_game():
            return False
        assert self.game is not None
        out, _ = QFileDialog.getSaveFileName(
            self, "Save the game as", str(self.game.path.with_name(self.game.path.stem + "-copy.wargame")), FILE_FILTER
        )
        return self.save_as(out) if out else False

    def save_as(self, out_path: str | Path) -> bool:
        """Copy the game to ``out_path`` (pending commands too) and continue there."""
        if not self._can_touch_game():
            return False
        assert self.game is not None
        old = self.game
        try:
            new = old.save_as(out_path, overwrite=Path(out_path).exists())
        except (AppError, InjectError) as exc:
            self._error("Cannot save the game", str(exc))
            return False
        self.undo_stack.clear()
        old.close()
        self.game = None
        self._set_game(new)
        return True

    # ================================================================== refresh
    def _can_touch_game(self) -> bool:
        return self.game is not None and not self.runner.busy

    def _shown_world(self) -> WorldState:
        """The world the docks show: the reviewed turn's in review mode, else the last turn's."""
        assert self.game is not None
        if self.review.active and self.review.world is not None:
            return self.review.world
        return self.game.world

    def _view(self) -> Game | TurnView:
        """What the docks read: the game, or in review mode the game as it was at the reviewed turn."""
        assert self.game is not None
        return self.review.view() if self.review.active else self.game

    def _fill_attacks(self, world: WorldState) -> None:
        current_attack = self.attack_combo.currentData()
        self.attack_combo.blockSignals(True)
        self.attack_combo.clear()
        for aid, att in sorted(world.attacks.items(), key=lambda kv: int(kv[0][1:]) if kv[0][1:].isdigit() else 0):
            self.attack_combo.addItem(f"{aid}: {att.spec.attacker} → {att.spec.victim}", aid)
        i = self.attack_combo.findData(current_attack)
        self.attack_combo.setCurrentIndex(i if i >= 0 else self.attack_combo.count() - 1)
        self.attack_combo.blockSignals(False)

    def refresh(self) -> None:
        """Re-read everything from the game (GUI thread, not while a turn runs)."""
        if not self._can_touch_game():
            return
        assert self.game is not None
        if self.review.active:
            self._show_review_turn()
            return
        self._refresh_timer.stop()
        self._refresh_steps = []
        for step in self._refresh_plan():
            step()
        self.refreshed.emit()

    def _refresh_plan(self) -> list[Callable[[], None]]:
        """The refresh, as steps that each touch one dock (or the map)."""
        assert self.game is not None
        game = self.game
        steps: list[Callable[[], None]] = [lambda: self._fill_attacks(game.world), self.refresh_map]
        for panel in (
            self.states_panel,
            self.verdict_tree,
            self.event_log,
            self.timeline,
            self.charts,
            self.inspector,
            self.decisions,
            self.pending_panel,
            self.msel_panel,
        ):
            steps.append(lambda panel=panel: panel.show_game(game))
        steps.append(self._pending_changed)
        return steps

    @property
    def refresh_pending(self) -> bool:
        """True while a staged refresh (after an advance) still has docks to update."""
        return bool(self._refresh_steps)

    def refresh_soon(self) -> None:
        """Refresh the docks one per event-loop pass (after an advance); ``refreshed`` says when all are done."""
        if not self._can_touch_game():
            return
        if self.review.active:
            self.refresh()
            return
        self._refresh_steps = self._refresh_plan()
        self._refresh_timer.start()

    def _refresh_step(self) -> None:
        if not self._refresh_steps:
            return
        if not self._can_touch_game() or self.review.active:
            self._refresh_steps = []  # a new advance, review or closed game: its own refresh follows
            return
        self._refresh_steps.pop(0)()
        if self._refresh_steps:
            self._refresh_timer.start()
        else:
            self.refreshed.emit()

    def refresh_map(self) -> None:
        if not self._can_touch_game():
            return
        assert self.game is not None
        sc, world = self.game.scenario, self._shown_world()
        mode = self.mode_combo.currentText()
        self.treaty_widget_action.setVisible(mode == "Treaty")
        self.attack_widget_action.setVisible(mode == "Verdicts")
        lay = mapmodes.layer(
            sc,
            world,
            mode,
            treaty=str(self.treaty_combo.currentData() or ""),
            attack=str(self.attack_combo.currentData() or ""),
        )
        self.map.set_country_colors(lay.colors)
        self.map.set_country_tooltips(lay.tooltips)
        self.map.set_legend(lay.legend, lay.title)
        self.map.set_markers(mapmodes.markers(sc, world, set(self.map.countries()), lay.marker_colors))
        self.map.set_arrows(mapmodes.arrows(sc, world))

    def _pending_changed(self) -> None:
        if self._can_touch_game() and not self.review.active:
            assert self.game is not None
            self.pending_panel.show_game(self.game)
        self._update_title()
        self._update_actions()

    def _update_title(self) -> None:
        if self.game is None:
            self.setWindowTitle("Wargame")
            self.setWindowModified(False)
            self.turn_label.setText("")
            return
        if self.runner.busy:
            return
        g = self.game
        if self.review.active and self.review.world is not None:
            t, w = self.review.turn, self.review.world
            ro = " (read-only)" if g.readonly else ""
            self.setWindowTitle(
                f"{g.path.name}{ro} — REVIEW turn {t} of {self.review.last} ({g.date_of(t).isoformat()}) — Wargame"
            )
            self.setWindowModified(False)
            self.turn_label.setText(
                f"Review · turn {t} / {self.review.last} · {g.date_of(t).isoformat()}"
                + (f" · ENDED: {w.end_reason}" if w.ended else "")
            )
            return
        seats = seats_text(g.controlled, g.ai_states)
        self.setWindowTitle(
            f"{g.path.name}[*] — turn {g.last_turn} ({g.date_of(g.last_turn).isoformat()}) — {seats} — Wargame"
        )
        self.setWindowModified(bool(g.pending()))
        world = g.world
        tag = g.meta.tag
        self.turn_label.setText(
            f"Turn {g.last_turn} · {g.date_of(g.last_turn).isoformat()} · {seats} · {g.difficulty}"
            + (f" · {tag}" if tag else "")
            + (f" · ENDED: {world.end_reason}" if world.ended else "")
        )

    def _update_actions(self) -> None:
        has, busy, reviewing = self.game is not None, self.runner.busy, self.review.active
        for a in (
            self.inject_action,
            self.advance_action,
            self.advance_n_action,
            self.save_as_action,
            self.save_action,
        ):
            a.setEnabled(has and not busy and not reviewing)
        self.close_action.setEnabled(has and not busy)
        self.cancel_action.setEnabled(busy)
        for w in (self.charts, self.states_panel, self.event_log):
            w.setEnabled(not busy)
        for w in (self.pending_panel, self.decisions, self.msel_panel):
            w.setEnabled(not busy and not reviewing)
        writable = has and self.game is not None and not self.game.readonly
        self.override_action.setEnabled(writable and not busy and not reviewing)
        self.note_action.setEnabled(writable and not busy and not reviewing)
        self.end_summary_action.setEnabled(has and not busy)
        self.review_open_action.setEnabled(not busy)
        self.review_this_action.setEnabled(has and not busy and not reviewing)
        self.compare_action.setEnabled(has and not busy)
        self.bookmark_action.setEnabled(has and not busy)
        for a in (self.leave_review_action, self.what_if_action):
            a.setEnabled(reviewing)
        if not reviewing:
            for a in self.review_bar.actions_for_menu():
                a.setEnabled(False)
        if busy or reviewing:
            self.undo_action.setEnabled(False)
            self.redo_action.setEnabled(False)
        else:
            self.undo_action.setEnabled(self.undo_stack.canUndo())
            self.redo_action.setEnabled(self.undo_stack.canRedo())

    # ================================================================== map interaction
    def set_preset(self, name: str) -> None:
        if name in MapView.presets():
            self.map.set_preset(name)
            if self.preset_combo.currentText() != name:
                self.preset_combo.setCurrentText(name)

    def _cycle_mode(self) -> None:
        self.mode_combo.setCurrentIndex((self.mode_combo.currentIndex() + 1) % self.mode_combo.count())

    def select_state(self, sid: str) -> None:
        if not self._can_touch_game():
            return
        assert self.game is not None
        if sid in self.game.scenario.states:
            self.inspector.show_state(self._view(), sid)
            if not self.review.active:
                self.decisions.set_state(sid)
            self.docks["inspector"].raise_()

    def _marker_clicked(self, marker_id: str) -> None:
        kind, _, key = marker_id.partition(":")
        if kind == "state":
            self.select_state(key)
        elif kind == "attack":
            self._attack_selected(key)
        elif kind in ("place", "forces") and self.game is not None:
            loc = self.game.scenario.locations.get(key)
            if loc is not None and loc.administered_by:
                self.select_state(loc.administered_by)

    def _attack_selected(self, aid: str) -> None:
        i = self.attack_combo.findData(aid)
        if i >= 0:
            self.attack_combo.setCurrentIndex(i)

    def context_target(self, target: str) -> tuple[str | None, str | None]:
        """(victim, location) to pre-fill the inject dialog for a map target id."""
        if self.game is None:
            return None, None
        sc = self.game.scenario
        kind, _, key = target.partition(":")
        if not key:
            key, kind = target, "country"
        if kind in ("country", "state"):
            return (key if key in sc.states else None), (key if key in sc.locations else None)
        if kind in ("place", "forces") and key in sc.locations:
            return sc.locations[key].administered_by, key
        world = self._shown_world() if not self.runner.busy else None
        if kind == "attack" and world is not None and key in world.attacks:
            spec = world.attacks[key].spec
            return spec.victim, spec.location
        return None, None

    def context_menu_for(self, target: str) -> QMenu:
        """The map's context menu for a target id (country code or marker id)."""
        menu = QMenu(self)
        victim, location = self.context_target(target)
        name = target
        if self.game is not None:
            loc = self.game.scenario.locations.get(location or "")
            name = loc.name if loc else (self.game.scenario.states[victim].name if victim else target)
        act = menu.addAction(f"Inject an attack on {name}…")
        act.setEnabled(self._can_touch_game() and not self.review.active and bool(victim or location))
        act.triggered.connect(lambda: self.open_inject_dialog(victim=victim, location=location))
        if victim:
            insp = menu.addAction(f"Inspect {victim}")
            insp.triggered.connect(lambda: self.select_state(victim))
        return menu

    def _context_menu(self, target: str, pos: QPoint) -> None:
        if target:
            self.context_menu_for(target).exec(pos)

    # ================================================================== injects & decisions
    def open_inject_dialog(
        self, *, victim: str | None = None, location: str | None = None, spec: AttackSpec | None = None
    ) -> InjectDialog | None:
        """Show the inject dialog (window-modal, non-blocking); OK records the attack undoably."""
        if not self._can_touch_game() or self.review.active:
            return None
        assert self.game is not None
        dlg = InjectDialog(self.game.scenario, self.game.world, self, victim=victim, location=location, spec=spec)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._inject_accepted(dlg))
        dlg.finished.connect(lambda _r: self._dialog_closed(dlg))
        self._inject_dialog = dlg
        dlg.open()
        return dlg

    def _dialog_closed(self, dlg: InjectDialog) -> None:
        if self._inject_dialog is dlg:
            self._inject_dialog = None
            self._editing = None

    def _inject_accepted(self, dlg: InjectDialog) -> None:
        spec = dlg.spec()
        if spec is None or not self._can_touch_game():
            return
        assert self.game is not None
        editing, self._editing = self._editing, None
        text = f"{'Edit' if editing else 'Inject'} attack {spec.attacker} → {spec.victim} at {spec.location}"
        if editing is not None:
            self.undo_stack.beginMacro(text)
            self.undo_stack.push(RemoveCommand(self.game, editing, "Remove the old attack"))
        try:
            rec = self.game.inject(spec)
        except (InjectError, AppError) as exc:
            if editing is not None:
                self.undo_stack.endMacro()
                self.undo_stack.undo()
            self._error("Attack refused", str(exc))
            return
        self.undo_stack.push(RecordCommand(self.game, rec, text))
        self.docks["pending"].raise_()
        if editing is not None:
            self.undo_stack.endMacro()
        self.statusBar().showMessage(f"Recorded for turn {rec.turn}: {rec.description}", 5000)

    def edit_pending(self, rec: CommandView) -> InjectDialog | None:
        """Edit a pending attack in the dialog (replaces it undoably)."""
        if rec.kind != "inject":
            self.statusBar().showMessage("Only attacks can be edited; remove a decision and take it again.", 4000)
            return None
        dlg = self.open_inject_dialog(spec=rec.attack())
        self._editing = rec
        return dlg

    def remove_pending(self, rec: CommandView) -> None:
        if self._can_touch_game():
            assert self.game is not None
            self.undo_stack.push(RemoveCommand(self.game, rec, f"Remove: {rec.description}"))

    def note_dialog(self) -> bool:
        if self.game is None:
            return False
        text, ok = QInputDialog.getMultiLineText(
            self, "Facilitator note", f"Note for turn {self.game.last_turn + 1} (the hotwash will see it):"
        )
        return self.record_note(text) if ok else False

    def record_note(self, text: str) -> bool:
        """Record a facilitator's note for the next turn, undoably."""
        if not text.strip() or not self._can_touch_game() or self.review.active:
            return False
        assert self.game is not None
        rec = self.game.note(text.strip())
        self.undo_stack.push(RecordCommand(self.game, rec, f"Note: {text.strip()[:60]}"))
        self.docks["pending"].raise_()
        return True

    def record_decision(self, state: str, action: str, fields: dict[str, Any], text: str) -> bool:
        """Record a national decision undoably; a refusal shows its one-line reason."""
        if not self._can_touch_game() or self.review.active:
            return False
        assert self.game is not None
        try:
            rec = self.game.decide(state, action, **fields)
        except (InjectError, AppError) as exc:
            self._error("Decision refused", str(exc))
            return False
        self.undo_stack.push(RecordCommand(self.game, rec, text))
        self.statusBar().showMessage(f"Recorded for turn {rec.turn}: {text}", 5000)
        return True

    # ================================================================== white cell & end of game
    def open_override_dialog(self, *, target: str | None = None, key: str | None = None) -> OverrideDialog | None:
        """Show the white-cell override dialog (window-modal, non-blocking); OK records the override undoably."""
        if not self._can_touch_game() or self.review.active:
            return None
        assert self.game is not None
        if self.game.readonly:
            return None
        if self.override_dialog is not None:
            self.override_dialog.reject()
        dlg = OverrideDialog(self.game, self, target=target, key=key)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self._override_accepted(dlg))
        dlg.finished.connect(lambda _r: self._override_closed(dlg))
        self.override_dialog = dlg
        dlg.open()
        return dlg

    def _override_closed(self, dlg: OverrideDialog) -> None:
        if self.override_dialog is dlg:
            self.override_dialog = None

    def _override_accepted(self, dlg: OverrideDialog) -> None:
        rec = dlg.record
        if rec is None or self.game is None:
            return
        p = rec.payload
        text = f"Override {p['target']} {p['key']} → {p['value']}"
        self.undo_stack.push(RecordCommand(self.game, rec, text))
        self.docks["pending"].raise_()
        self.statusBar().showMessage(f"Recorded for turn {rec.turn}: {text} ({p['rationale']})", 6000)

    def verdict_menu_for(self, item: Any) -> QMenu:
        """The verdict tree's context menu for ``item`` (a verdict or one of its gates)."""
        menu = QMenu(self)
        node = item
        while node is not None and (node.data(0, Qt.ItemDataRole.UserRole) or ("",))[0] != "verdict":
            node = node.parent()
        key = str(node.data(0, Qt.ItemDataRole.UserRole)[1]) if node is not None else ""
        usable = (
            bool(key)
            and self._can_touch_game()
            and not self.review.active
            and self.game is not None
            and not self.game.readonly
        )
        act = menu.addAction("Overrule this verdict…")
        act.setEnabled(usable)
        act.triggered.connect(lambda: self.open_override_dialog(target="verdict", key=key))
        coll = menu.addAction("Overrule its collective outcome…")
        coll.setEnabled(usable)
        coll.triggered.connect(lambda: self.open_override_dialog(target="collective", key=key))
        return menu

    def _verdict_context_menu(self, pos: QPoint) -> None:
        item = self.verdict_tree.itemAt(pos)
        if item is not None:
            self.verdict_menu_for(item).exec(self.verdict_tree.viewport().mapToGlobal(pos))

    def show_end_summary(self) -> EndOfGameDialog | None:
        """Why the game ended and the objectives score (window-modal, non-blocking)."""
        if not self._can_touch_game():
            return None
        assert self.game is not None
        world = self._shown_world()
        if self.end_dialog is not None:
            self.end_dialog.reject()
        dlg = EndOfGameDialog(self.game.scenario, world, self)
        if not world.ended:
            dlg.setWindowTitle("The score so far (the game has not ended)")
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self._end_dialog_closed(dlg))
        self.end_dialog = dlg
        dlg.open()
        return dlg

    def _end_dialog_closed(self, dlg: EndOfGameDialog) -> None:
        if self.end_dialog is dlg:
            self.end_dialog = None

    # ================================================================== turns
    def advance_n_dialog(self) -> bool:
        if not self._can_touch_game() or self.review.active:
            return False
        n, ok = QInputDialog.getInt(
            self, "Advance", "Number of turns:", int(self.settings.value("advanceN", 5)), 1, 365
        )
        if not ok:
            return False
        self.settings.setValue("advanceN", n)
        return self.advance(n)

    def advance(self, turns: int = 1) -> bool:
        """Resolve ``turns`` turns in the worker thread; False if a run is going, no game is open or in review."""
        if not self._can_touch_game() or self.review.active:
            return False
        assert self.game is not None
        if self.game.world.ended:
            self._error(
                "The game has ended", f"The game has ended ({self.game.world.end_reason}); use Save As to branch it."
            )
            return False
        if self._inject_dialog is not None:
            self._inject_dialog.reject()
        if self.override_dialog is not None:
            self.override_dialog.reject()
        self.progress.setRange(0, turns)
        self.progress.setValue(0)
        self.progress.setFormat(f"resolving %v/{turns} turns")
        if not self.runner.advance(self.game, turns):
            return False
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self._update_actions()
        self.statusBar().showMessage(f"Resolving {turns} turn(s)…")
        return True

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(total)
        self.progress.setValue(done)

    def _end_run(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.undo_stack.clear()

    def _on_turns_done(self, summaries: list[TurnSummary]) -> None:
        self._end_run()
        self.last_summaries = list(summaries)
        self.summary_panel.show_text(summaries_text(list(reversed(summaries))))  # newest turn first
        self.docks["summary"].raise_()
        self.refresh_soon()
        last = summaries[-1].turn if summaries else (self.game.last_turn if self.game else 0)
        self.statusBar().showMessage(f"Resolved {len(summaries)} turn(s); saved up to turn {last}.", 6000)
        if summaries and summaries[-1].ended:
            self.show_end_summary()

    def _on_turns_failed(self, message: str) -> None:
        self._end_run()
        self.refresh()
        self._error("The turn could not be resolved", message)

    # ================================================================== review mode
    def review_dialog(self) -> bool:
        """Pick any saved game and open it read-only in review mode."""
        start = str(self.settings.value("lastDir", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, "Review a saved game", start, FILE_FILTER)
        return self.review_path(path) if path else False

    def open_analysis(self, results: str | Path | None = None) -> AnalysisWindow | None:
        """The Analysis window of a batch's results (asked for when not given); its runs open here for review."""
        win = AnalysisWindow(open_review=self.review_path, parent=self)
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not (win.load(results) if results is not None else win.open_dialog()):
            win.close()
            return None
        win.show()
        return win

    def review_path(self, path: str | Path, turn: int | None = None) -> bool:
        """Open ``path`` read-only and review it (at ``turn``, default the last)."""
        if not self._release_game():
            return False
        try:
            game = open_game(path, readonly=True)
        except AppError as exc:
            self._error("Cannot open the game", str(exc))
            return False
        self._set_game(game)
        return self.enter_review(turn)

    def enter_review(self, turn: int | None = None) -> bool:
        """Review the open game: step through its turns; the docks show each turn as it was."""
        if not self._can_touch_game() or self.review.active:
            return False
        assert self.game is not None
        game = self.game
        if self._inject_dialog is not None:
            self._inject_dialog.reject()
        self.undo_stack.clear()
        self.event_log.show_game(game)
        self.charts.show_game(game)
        self._review_summaries = game.summaries()
        self.review.start(game, turn)
        self._load_bookmarks()
        self.review_bar.reset()
        self.review_bar.setVisible(True)
        for name in REVIEW_DOCKS:
            self.docks[name].setVisible(True)
        self.docks["diff"].raise_()
        self.resizeDocks([self.docks["diff"]], [470], Qt.Orientation.Horizontal)
        self.resizeDocks([self.docks["verdicts"], self.docks["diff"]], [250, 400], Qt.Orientation.Vertical)
        self._update_actions()
        self._update_title()
        self.statusBar().showMessage(
            "Review mode: Home / PgUp / PgDn / End step through the turns; double-click an event for its provenance.",
            6000,
        )
        return True

    def _end_review_ui(self) -> None:
        """Stop the review (timers too) and hide its toolbar and docks; the game stays open."""
        self.review.stop()
        self.review_bar.stop()
        self.review_bar.setVisible(False)
        for name in REVIEW_DOCKS:
            self.docks[name].setVisible(False)
        self.event_log.turn_spin.setValue(-1)
        self.charts.set_cursor(None)
        self.diff_panel.clear_diff()
        self._review_summaries = {}

    def leave_review(self) -> bool:
        """Back to playing: a game opened read-only for review is reopened for writing."""
        if not self.review.active or self.game is None:
            return False
        self._end_review_ui()
        if self.game.readonly:
            return self.open_path(self.game.path)
        self.refresh()
        self._update_actions()
        self._update_title()
        return True

    def review_go(self, turn: int) -> bool:
        """Show ``turn`` in review mode."""
        return self.review.go(turn)

    def _show_review_turn(self) -> None:
        """Show the reviewed turn in every dock and on the map (no database work beyond its one snapshot)."""
        if not self._can_touch_game() or not self.review.active or self.review.world is None:
            return
        assert self.game is not None and self.review.cache is not None
        t, world, sc = self.review.turn, self.review.world, self.game.scenario
        view = self.review.view()
        self._fill_attacks(world)
        self.states_panel.model.set_world(sc, world)
        self.verdict_tree.show_world(sc, world)
        self.event_log.turn_spin.setValue(t)
        self.timeline.show_game(view)
        self.charts.set_cursor(t)
        self.inspector.show_game(view)
        before = self.review.cache.get(t - 1) if t > 0 else world
        self.diff_panel.show_diff(diff_worlds(before, world), sc)
        self.bookmarks_panel.mark_turn(t)
        self.msel_panel.show_game(self.game, readonly=True)
        self.hotwash_panel.show_game(self.game, t)
        summary = self._review_summaries.get(t)
        self.summary_panel.show_text(summaries_text([summary]) if summary else f"Turn {t}")
        self.refresh_map()
        self._update_title()

    def _load_bookmarks(self) -> None:
        if self._can_touch_game():
            assert self.game is not None
            try:
                marks = bookmarks(self.game)
            except AppError as exc:
                self.statusBar().showMessage(f"Bookmarks unavailable: {exc}", 6000)
                marks = []
            self.bookmarks_panel.set_bookmarks(marks)
            if self.review.active:
                self.bookmarks_panel.mark_turn(self.review.turn)

    def add_bookmark_dialog(self) -> Bookmark | None:
        """Ask for a note and bookmark the shown turn (Ctrl+B)."""
        if not self._can_touch_game():
            return None
        assert self.game is not None
        turn = self.review.turn if self.review.active else self.game.last_turn
        note, ok = QInputDialog.getText(
            self, "Add a bookmark", f"Note for turn {turn} ({self.game.date_of(turn).isoformat()}):"
        )
        return self.add_bookmark(note, turn) if ok else None

    def add_bookmark(self, note: str, turn: int | None = None) -> Bookmark | None:
        """Bookmark ``turn`` (default: the shown turn) with ``note``.

        Bookmarks are notes about the game, not moves: a game reviewed read-only gets them through
        a short-lived writable handle on the same file.
        """
        if not self._can_touch_game():
            return None
        assert self.game is not None
        game = self.game
        if turn is None:
            turn = self.review.turn if self.review.active else game.last_turn
        try:
            if game.readonly:
                with open_game(game.path) as writable:
                    mark = add_bookmark(writable, turn, note)
            else:
                mark = add_bookmark(game, turn, note)
        except AppError as exc:
            self._error("Cannot add the bookmark", str(exc))
            return None
        self._load_bookmarks()
        self.statusBar().showMessage(f"Bookmarked turn {turn}: {mark.label}", 4000)
        return mark

    def what_if_dialog(self) -> bool:
        """Ask for a file name and branch the reviewed game at the shown turn."""
        if not self._can_touch_game() or not self.review.active:
            return False
        assert self.game is not None
        t = self.review.turn
        suggestion = self.game.path.with_name(f"{self.game.path.stem}-whatif-t{t}.wargame")
        out, _ = QFileDialog.getSaveFileName(self, f"What if… — new game from turn {t}", str(suggestion), FILE_FILTER)
        if not out:
            return False
        if not out.endswith(".wargame"):
            out += ".wargame"
        return self.branch_here(out)

    def branch_here(self, out_path: str | Path) -> bool:
        """Create a saved game from the reviewed turn (recording its parent) and open it for play."""
        if not self._can_touch_game() or not self.review.active:
            return False
        assert self.game is not None
        t, old = self.review.turn, self.game
        try:
            new = old.branch(t, out_path, overwrite=Path(out_path).exists())
        except AppError as exc:
            self._error("Cannot branch the game", str(exc))
            return False
        self._end_review_ui()
        self.undo_stack.clear()
        old.close()
        self.game = None
        self._set_game(new)
        self._update_actions()
        self.statusBar().showMessage(f"What if…: {new.path.name} continues from turn {t} of {old.path.name}.", 8000)
        return True

    def compare_dialog(self) -> bool:
        """Pick another game of the same scenario and compare it with this one."""
        if not self._can_touch_game():
            return False
        assert self.game is not None
        path, _ = QFileDialog.getOpenFileName(
            self, "Compare with another game", str(self.game.path.parent), FILE_FILTER
        )
        return self.compare_with(path) is not None if path else False

    def compare_with(self, path: str | Path) -> CompareDialog | None:
        """Open ``path`` read-only and show the comparison window (window-modal, non-blocking)."""
        if not self._can_touch_game():
            return None
        assert self.game is not None
        if Path(path).resolve() == self.game.path.resolve():
            self._error("Cannot compare", "choose another game than the one that is open")
            return None
        try:
            other = open_game(path, readonly=True)
        except AppError as exc:
            self._error("Cannot open the game", str(exc))
            return None
        try:
            cmp = compare(self.game, other)
        except AppError as exc:
            other.close()
            self._error("Cannot compare", str(exc))
            return None
        dlg = CompareDialog(self.game, other, cmp, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: setattr(self, "compare_window", None))
        self.compare_window = dlg
        dlg.open()
        return dlg

    # ================================================================== provenance
    def show_provenance(self, turn: int, seq: int) -> ProvenanceDialog | None:
        """Open the provenance record of event ``seq`` of ``turn``."""
        if not self._can_touch_game():
            return None
        assert self.game is not None
        try:
            prov = provenance(self.game, turn, seq)
        except AppError as exc:
            self._error("No provenance", str(exc))
            return None
        if self.provenance_dialog is not None:
            self.provenance_dialog.close()
        dlg = ProvenanceDialog(prov, self.game.scenario, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.finished.connect(lambda _r: self._provenance_closed(dlg))
        self.provenance_dialog = dlg
        dlg.show()
        return dlg

    def _provenance_closed(self, dlg: ProvenanceDialog) -> None:
        if self.provenance_dialog is dlg:
            self.provenance_dialog = None

    def _event_activated(self, index: Any) -> None:
        src = self.event_log.proxy.mapToSource(index)
        if src.isValid():
            ev = self.event_log.model.events[src.row()]
            self.show_provenance(ev.turn, ev.seq)

    def verdict_event(self, key: str) -> Event | None:
        """The event that set the shown verdict ``TREATY:ARTICLE:ATTACK`` (the last one up to the shown turn)."""
        if not self._can_touch_game():
            return None
        assert self.game is not None
        if self.review.active:
            events = self.review.index.upto(self.review.turn, ["verdict"])
        else:
            events = self.game.events(kinds=["verdict"])
        return next((e for e in reversed(events) if e.subject == key), None)

    def _verdict_activated(self, item: Any, _column: int = 0) -> None:
        node = item
        while node is not None and (node.data(0, Qt.ItemDataRole.UserRole) or ("",))[0] != "verdict":
            node = node.parent()
        if node is None:
            return
        ev = self.verdict_event(str(node.data(0, Qt.ItemDataRole.UserRole)[1]))
        if ev is not None:
            self.show_provenance(ev.turn, ev.seq)

    # ================================================================== closing
    def closeEvent(self, event: QCloseEvent) -> None:
        """Join the worker, remember the layout, close the game."""
        self._end_review_ui()
        if self.compare_window is not None:
            self.compare_window.reject()
        if self.provenance_dialog is not None:
            self.provenance_dialog.close()
        self._close_game_dialogs()
        self._refresh_timer.stop()
        self._refresh_steps = []
        self.runner.shutdown()
        self.report_job.cancel()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        if self.game is not None:
            self.undo_stack.clear()
            self.game.close()
            self.game = None
        super().closeEvent(event)
