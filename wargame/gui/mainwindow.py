"""The main window: the composition root of the desktop application.

It makes the session (the open game, the turn runner, the undo stack, the review cursor and the
notice hub), the panels in their docks, the map, the controllers and their actions, and wires them
together. It holds no game logic: operations live in the controllers (:mod:`wargame.gui.controllers`),
each panel refreshes itself from the hub's notices (:mod:`wargame.gui.notices`), and actions are
enabled by their gates (:mod:`wargame.gui.gates`). ``docs/architecture.md`` shows the whole picture
and where to add a panel, an action or a controller.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QStackedWidget, QToolBar, QWidget

from wargame.app import Game
from wargame.gui import gates
from wargame.gui.a11y import name_widgets
from wargame.gui.actions import REVIEW_TOOLBAR, TOOLBAR, ActionRegistry, button_for
from wargame.gui.charts import ChartsPanel
from wargame.gui.controllers import Controller
from wargame.gui.controllers.analysis import AnalysisController
from wargame.gui.controllers.commands import CommandsController
from wargame.gui.controllers.exercise import ExerciseController
from wargame.gui.controllers.files import FilesController
from wargame.gui.controllers.inspection import InspectionController
from wargame.gui.controllers.presentation import PresentationController
from wargame.gui.controllers.review_mode import ReviewModeController
from wargame.gui.controllers.turns import TurnsController
from wargame.gui.decisions import DecisionsPanel
from wargame.gui.docks import BOTTOM, LEFT, RIGHT, DockLayout, DockSpec
from wargame.gui.entanglement_panel import EntanglementPanel
from wargame.gui.hotwash_dock import HotwashPanel
from wargame.gui.map_panel import MapPanel
from wargame.gui.memory import GcFreezer
from wargame.gui.msel_panel import MselPanel
from wargame.gui.notices import Changes
from wargame.gui.panels import EventLogPanel, InspectorPanel, PendingPanel, StatesPanel, SummaryPanel, VerdictTree
from wargame.gui.review import BookmarksPanel, DiffPanel, ReviewBar
from wargame.gui.session import Session
from wargame.gui.startpage import StartPage
from wargame.gui.timeline import TimelinePanel
from wargame.gui.titlebar import TitleBar


class MainWindow(QMainWindow):
    """The desktop application's window (see the module docstring)."""

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None, *, freeze_gc: bool = False):
        """``freeze_gc``: after each game opens, freeze the survivors of a full collection (:mod:`.memory`;
        the application does, tests need not)."""
        super().__init__(parent)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.session = Session(self)
        self.hub = self.session.hub
        self.start_page = StartPage()
        self.start_page.setMinimumWidth(260)  # its lists scroll: the window fits a 1024-pixel screen
        self.map_page = MapPanel(self.session)
        self.map = self.map_page.view
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.map_page)
        self.setCentralWidget(self.stack)
        self.docks = DockLayout(self, self.session, self.stack, self.start_page, self.map_page)
        self.registry = ActionRegistry(self, self.session)
        self.titlebar = TitleBar(self)
        self.review_bar = ReviewBar(self.session.review, self)
        # Listeners are told in this order: actions, title and docks first (cheap), then the map and the panels.
        for listener in (self.registry, self.titlebar, self.docks, self.map_page, self.review_bar):
            self.hub.subscribe(listener)
        self.gc_freezer = GcFreezer() if freeze_gc else None
        if self.gc_freezer is not None:
            self.session.runner.after_turn = self.gc_freezer.after_turn
        self._make_panels()
        self._make_controllers()
        self._make_menus_and_toolbars()
        self._connect()
        self.turn_label = self.titlebar.turn_label
        self.statusBar().addPermanentWidget(self.turn_label)
        for w in self.turns.status_widgets():
            self.statusBar().addPermanentWidget(w)
        self._load_settings()
        name_widgets(self)  # every button, box and list gets a name for screen readers
        self.docks.show_page(False)
        self.review_bar.setVisible(False)
        self.registry.update(self.session.state())

    # ================================================================== composition
    def _make_panels(self) -> None:
        """Each panel in its dock (the order of ``add`` is the order of the View menu's Alt+N toggles)."""
        add, s = self.docks.add, self.session
        self.states_panel = add(
            StatesPanel(), DockSpec("states", "States", LEFT, front=True, size=380, gate=gates.not_busy)
        )
        self.inspector = add(InspectorPanel(), DockSpec("inspector", "State inspector", LEFT, tab_with="states"))
        self.verdict_tree = add(
            VerdictTree(), DockSpec("verdicts", "Treaties && verdicts", RIGHT, front=True, size=420)
        )
        self.entanglement = add(
            EntanglementPanel(), DockSpec("drawn_in", "Drawn in && deterrence", RIGHT, tab_with="verdicts")
        )
        self.pending_panel = add(
            PendingPanel(), DockSpec("pending", "Pending commands", LEFT, tab_with="inspector", gate=gates.live)
        )
        self.decisions = add(
            DecisionsPanel(),
            DockSpec("decisions", "Decisions", LEFT, tab_with="pending", gate=gates.playable, scroll=True),
        )
        self.summary_panel = add(SummaryPanel(), DockSpec("summary", "Turn summary", BOTTOM, front=True, size=240))
        self.event_log = add(
            EventLogPanel(), DockSpec("events", "Event log", BOTTOM, tab_with="summary", gate=gates.not_busy)
        )
        self.timeline = add(TimelinePanel(), DockSpec("timeline", "Mobilisation timeline", BOTTOM, tab_with="summary"))
        self.charts = add(ChartsPanel(), DockSpec("charts", "Charts", BOTTOM, tab_with="summary", gate=gates.not_busy))
        self.diff_panel = add(
            DiffPanel(), DockSpec("diff", "What changed this turn", RIGHT, below="verdicts", review_only=True)
        )
        self.bookmarks_panel = add(
            BookmarksPanel(), DockSpec("bookmarks", "Bookmarks", LEFT, tab_with="diff", review_only=True)
        )
        self.msel_panel = add(
            MselPanel(busy=lambda: s.busy),
            DockSpec("msel", "MSEL (scheduled injects)", BOTTOM, tab_with="summary", gate=gates.live),
        )
        self.hotwash_panel = add(
            HotwashPanel(busy=lambda: s.busy), DockSpec("hotwash", "Hotwash", BOTTOM, tab_with="summary", scroll=True)
        )
        self.docks.finish()
        if self.gc_freezer is not None:
            self.hub.subscribe(self.gc_freezer)  # last: after every panel has read the new game

    def _make_controllers(self) -> None:
        s = self.session
        self.files = FilesController(s, self, self.start_page)
        self.commands = CommandsController(s, self)
        self.turns = TurnsController(s, self)
        self.reviewing = ReviewModeController(s, self, self.files)
        self.inspection = InspectionController(s, self, self.commands, self.map_page)
        self.analysis = AnalysisController(s, self, self.reviewing)
        self.exercise = ExerciseController(s, self, self.files)
        self.presentation = PresentationController(s, self, self.map_page)
        self.controllers: list[Controller] = [
            self.presentation,
            self.files,
            self.commands,
            self.turns,
            self.reviewing,
            self.inspection,
            self.analysis,
            self.exercise,
        ]
        for c in self.controllers:
            self.registry.add_all(c.action_specs())
            c.registry = self.registry
            if c.listens:
                self.hub.subscribe(c)
        self.registry.add_all(self.map_page.action_specs())
        for i, (name, dock) in enumerate(self.docks.docks.items()):
            act = dock.toggleViewAction()
            if i < 9:
                act.setShortcut(QKeySequence(f"Alt+{i + 1}"))
            self.registry.adopt(f"view.dock.{name}", act, gate=None)
        for act, step in zip(
            self.review_bar.actions_for_menu(), ("first", "prev", "play", "next", "last"), strict=True
        ):
            self.registry.adopt(f"review.step.{step}", act, gate=None)

    def _make_menus_and_toolbars(self) -> None:
        self.registry.build_menus(self.menuBar(), {"recent": self.files.recent_menu})
        tb = QToolBar("Main")
        tb.setObjectName("toolbar_main")
        self.registry.fill_toolbar(tb, TOOLBAR)
        tb.addSeparator()
        self.map_page.add_pickers(tb)
        self.addToolBar(tb)
        self.review_bar.addSeparator()
        self.registry.fill_toolbar(self.review_bar, REVIEW_TOOLBAR)
        self.addToolBarBreak()
        self.addToolBar(self.review_bar)
        self.pending_panel.add_buttons(
            button_for(self.action("edit.undo"), "Undo"), button_for(self.action("edit.redo"), "Redo")
        )

    def _connect(self) -> None:
        """The panels' requests, to the controllers that do them."""
        c, i = self.commands, self.inspection
        self.map.countryClicked.connect(i.select_state)
        self.map.markerClicked.connect(i.marker_clicked)
        self.map.contextMenuRequested.connect(i.context_menu)
        self.states_panel.stateSelected.connect(i.select_state)
        self.verdict_tree.attackSelected.connect(i.select_attack)
        self.verdict_tree.attackSelected.connect(self.entanglement.select_attack)
        self.verdict_tree.verdictActivated.connect(i.verdict_provenance)
        self.verdict_tree.menuRequested.connect(c.verdict_menu)
        self.event_log.eventActivated.connect(i.show_provenance)
        self.pending_panel.editRequested.connect(c.edit_pending)
        self.pending_panel.removeRequested.connect(c.remove_pending)
        self.decisions.decisionRequested.connect(c.record_decision)
        self.bookmarks_panel.jumpRequested.connect(self.reviewing.go)
        self.bookmarks_panel.addRequested.connect(self.reviewing.add_bookmark_dialog)
        changed = Changes.MSEL_CHANGED | Changes.PENDING_CHANGED
        self.msel_panel.changed.connect(lambda: self.hub.publish(changed, source=self.msel_panel))

    # ================================================================== what controllers may ask (Ui)
    def widget(self) -> QWidget:
        return self

    def status(self, message: str, ms: int = 0) -> None:
        self.statusBar().showMessage(message, ms)

    def error(self, title: str, message: str) -> None:
        QMessageBox.critical(self, title, message)

    def raise_dock(self, name: str) -> None:
        self.docks.raise_dock(name)

    # ================================================================== for scripts and tests
    @property
    def game(self) -> Game | None:
        return self.session.game

    @property
    def refreshed(self) -> SignalInstance:
        """Signal: every panel shows the game's current state (after each notice has reached them all)."""
        return self.hub.settled

    def action(self, name: str) -> QAction:
        """The action named ``name`` (``turn.advance``, ``edit.undo`` …: see the controllers' ``action_specs``)."""
        return self.registry[name]

    def refresh(self) -> None:
        """Re-read everything from the game (after it changed outside the window)."""
        if self.session.can_touch():
            self.hub.publish(
                Changes.RELOADED | Changes.PENDING_CHANGED | Changes.MSEL_CHANGED | Changes.BOOKMARKS_CHANGED
            )

    # ================================================================== settings and closing
    def _load_settings(self) -> None:
        geo = self.settings.value("window/geometry")
        if isinstance(geo, QByteArray) and not geo.isEmpty():
            self.restoreGeometry(geo)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
            self.docks.auto_size = False  # the user's own layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Made smaller, the window gives the map its room back from the docks when they squeeze it
        (:meth:`DockLayout.fit_if_squeezed`)."""
        super().resizeEvent(event)
        old, new = event.oldSize(), event.size()
        if old.isValid() and (new.width() < old.width() or new.height() < old.height()):
            self.docks.fit_if_squeezed()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the dialogs, stop the review, join the worker and the report job, remember the layout, close the game."""
        for c in self.controllers:
            c.shutdown()
        self.review_bar.stop()
        self.session.shutdown()
        if self.gc_freezer is not None:
            self.gc_freezer.release()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        super().closeEvent(event)
