"""The dock layout: where each panel sits, when it shows, and when it is blocked (and why).

A panel is a widget with ``listens`` (the :class:`~wargame.gui.notices.Changes` it cares about) and
``on_changes(changes, session)`` (refresh itself from the session). The window places it with a
:class:`DockSpec`; :class:`DockLayout` makes the dock, subscribes the panel to the notice hub, and
shows, hides and blocks it as the game opens and closes, a run starts and the review comes and goes.

A panel that is costly to refresh and need not be current while hidden (charts, the chain of an attack, the
event log) defines ``on_shown()``: it notes the changes while its dock is off screen (:func:`on_screen`) and
catches up when its tab comes up, so an advance refreshes only what is seen.

Adding a panel:

1. write the widget with ``listens`` and ``on_changes`` (see ``wargame/gui/panels.py``);
2. in ``MainWindow._make_panels`` add ``self.my_panel = self.docks.add(MyPanel(), DockSpec("mine", "My panel",
   RIGHT, tab_with="verdicts", gate=gates.idle))``. Its dock gets a View-menu toggle and is saved with
   the window layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from wargame.gui import gates
from wargame.gui.gates import Gate
from wargame.gui.notices import Changes, Listener
from wargame.gui.session import Session

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea

P = TypeVar("P", bound=QWidget)
BANNER = "#fdf1c7"
"""The background of a blocked panel's banner (a pale yellow, dark text on it)."""


def on_screen(widget: QWidget) -> bool:
    """Whether ``widget`` can be seen now: shown, and not on a tab behind another dock."""
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


@dataclass(frozen=True)
class DockSpec:
    """Where a panel's dock goes and when the panel can be used."""

    name: str
    title: str
    area: Qt.DockWidgetArea
    tab_with: str = ""
    """Tabify with this dock (already added)."""
    below: str = ""
    """Split this dock's area under that dock (already added)."""
    review_only: bool = False
    """Shown only in review mode."""
    gate: Gate = gates.always
    """Disabled when the gate gives a reason; a lasting reason (not a running turn) shows over the panel.
    (A panel whose clicks read the game is blocked while a turn runs: ``gates.not_busy``.)"""
    front: bool = False
    """Raised above its tab group when a game opens."""
    size: int = 0
    """Width (left and right areas) or height (bottom) in pixels, when the layout is first made."""
    scroll: bool = False
    """Scroll a tall panel inside its dock, so its minimum size does not set the window's (a small screen)."""


class _Holder(QWidget):
    """A dock's widget: the banner saying why the panel is blocked, over the panel."""

    def __init__(self, panel: QWidget, scroll: bool = False) -> None:
        super().__init__()
        self.banner = QLabel()
        self.banner.setObjectName("blockedBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"background:{BANNER}; color:#222; padding:4px;")
        self.banner.setVisible(False)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.banner)
        if scroll:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setWidget(panel)
            box.addWidget(area, 1)
        else:
            box.addWidget(panel, 1)


class _BusyGuard(QObject):
    """While a turn runs, swallows the mouse and keyboard input aimed at the blocked panels (they keep their looks)."""

    INPUT = frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.Wheel,
            QEvent.Type.ContextMenu,
            QEvent.Type.Drop,
        }
    )

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._blocked: list[QWidget] = []

    def set_blocked(self, holders: list[QWidget]) -> None:
        if holders == self._blocked:
            return
        app = QApplication.instance()
        if self._blocked and not holders and app is not None:
            app.removeEventFilter(self)
        elif holders and not self._blocked and app is not None:
            app.installEventFilter(self)
        self._blocked = list(holders)

    def blocks(self, holder: QWidget) -> bool:
        return holder in self._blocked

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.INPUT and isinstance(watched, QWidget):
            return any(h is watched or h.isAncestorOf(watched) for h in self._blocked)
        return False


class DockLayout:
    """The window's docks by name, and the start page / map page switch (a hub listener)."""

    listens = Changes.LIFECYCLE | Changes.PENDING_CHANGED

    def __init__(self, window: QMainWindow, session: Session, stack: QStackedWidget, start: QWidget, page: QWidget):
        self._window = window
        self._session = session
        self._stack, self._start, self._page = stack, start, page
        self.docks: dict[str, QDockWidget] = {}
        self.specs: dict[str, DockSpec] = {}
        self.panels: dict[str, QWidget] = {}
        self._holders: dict[str, _Holder] = {}
        self._guard = _BusyGuard(window)

    def add(self, panel: P, spec: DockSpec) -> P:
        """Dock ``panel`` as ``spec`` says and subscribe it to the hub if it listens; returns the panel."""
        if spec.name in self.docks:
            raise ValueError(f"two docks are named {spec.name!r}")
        holder = _Holder(panel, spec.scroll)
        dock = QDockWidget(spec.title, self._window)
        dock.setObjectName(f"dock_{spec.name}")
        dock.setWidget(holder)
        self._window.addDockWidget(spec.area, dock)
        if spec.tab_with:
            self._window.tabifyDockWidget(self.docks[spec.tab_with], dock)
        if spec.below:
            self._window.splitDockWidget(self.docks[spec.below], dock, Qt.Orientation.Vertical)
        self.docks[spec.name], self.specs[spec.name] = dock, spec
        self.panels[spec.name], self._holders[spec.name] = panel, holder
        if hasattr(panel, "on_shown"):  # a panel that refreshes only on screen is told when its tab comes up
            shown: Any = panel.on_shown
            dock.visibilityChanged.connect(lambda visible, f=shown: f() if visible else None)
        if hasattr(panel, "listens") and hasattr(panel, "on_changes"):
            listener: Any = panel
            self._session.hub.subscribe(listener)
        return panel

    def finish(self) -> None:
        """Raise the front docks and size the areas (after every dock is added)."""
        for name, spec in self.specs.items():
            if spec.front:
                self.docks[name].raise_()
        self._size_docks()

    SHARE = {LEFT: 0.25, RIGHT: 0.27, BOTTOM: 0.25}
    """At most this share of the window's width (left, right) or height (bottom) for each dock area, so that the
    map keeps about half the window at 1024×768 as at 1920×1080."""

    def _size_docks(self) -> None:
        w, h = max(1, self._window.width()), max(1, self._window.height())
        for orientation, areas in (
            (Qt.Orientation.Horizontal, (LEFT, RIGHT)),
            (Qt.Orientation.Vertical, (BOTTOM,)),
        ):
            sized = [
                (self.docks[n], min(s.size, round(self.SHARE[s.area] * (h if s.area == BOTTOM else w))))
                for n, s in self.specs.items()
                if s.size and s.area in areas
            ]
            if sized:
                self._window.resizeDocks([d for d, _ in sized], [s for _, s in sized], orientation)

    auto_size = True
    """Size the docks to the window when the first game opens (False once a saved layout was restored)."""

    SQUEEZED = 0.4
    """The map's least share of the window's width and height that a window made smaller keeps (see below)."""

    def fit_if_squeezed(self) -> bool:
        """When the map (shown with its docks) has less than :attr:`SQUEEZED` of the window's width or height, size
        the dock areas to the window again, as when the first game opens; True if it did. The window calls it when
        it is made smaller (a laptop moved to a 1024×768 projector keeps the map, not the docks)."""
        if self._stack.currentWidget() is not self._page or not self._page.isVisible():
            return False
        w, h = self._window.width(), self._window.height()
        if self._page.width() >= self.SQUEEZED * w and self._page.height() >= self.SQUEEZED * h:
            return False
        self._size_docks()
        return True

    def __getitem__(self, name: str) -> QDockWidget:
        return self.docks[name]

    def __contains__(self, name: object) -> bool:
        return name in self.docks

    def raise_dock(self, name: str) -> None:
        if name in self.docks:
            self.docks[name].raise_()

    def listener(self, name: str) -> Listener | None:
        panel: Any = self.panels.get(name)
        return panel if hasattr(panel, "on_changes") else None

    # ------------------------------------------------------------------ showing
    def on_changes(self, changes: Changes, session: Session) -> None:
        if changes & (Changes.GAME_OPENED | Changes.GAME_CLOSED):
            self.show_page(session.game is not None)
        if changes & (Changes.REVIEW_STARTED | Changes.REVIEW_ENDED) and session.game is not None:
            self._show_review_docks(session.reviewing)
        self.block(session)

    def show_page(self, game_open: bool) -> None:
        """The map and the docks (a game is open), or the start page with every dock hidden."""
        if game_open:
            self._stack.setCurrentWidget(self._page)
            for name, dock in self.docks.items():
                dock.setVisible(not self.specs[name].review_only or self._session.reviewing)
            if self.auto_size:
                self.auto_size = False
                self._size_docks()
            return
        self._stack.setCurrentWidget(self._start)
        for dock in self.docks.values():
            dock.setVisible(False)
        # Qt keeps the tab bars of tabified docks on screen after the docks are hidden; hide them too
        # (the main window's layout shows them again when their docks are shown).
        for bar in self._window.findChildren(QTabBar):
            if bar.parent() is self._window:
                bar.hide()

    def _show_review_docks(self, reviewing: bool) -> None:
        review = [n for n, s in self.specs.items() if s.review_only]
        for name in review:
            self.docks[name].setVisible(reviewing)
        if reviewing and review:
            first = self.docks[review[0]]
            first.raise_()
            self._window.resizeDocks([first], [470], Qt.Orientation.Horizontal)
            above = next((self.docks[s.below] for s in self.specs.values() if s.review_only and s.below), None)
            if above is not None:
                self._window.resizeDocks([above, first], [250, 400], Qt.Orientation.Vertical)

    def block(self, session: Session) -> None:
        """Enable each panel by its gate; a lasting reason is shown over the panel. While a turn runs (the only
        passing reason) a panel is not greyed out (repainting every dock twice per advance held the window): it
        ignores the mouse and the keys instead (:class:`_BusyGuard`) and says so in its tooltip."""
        state = session.state()
        busy_now: list[QWidget] = []
        for name, spec in self.specs.items():
            why = spec.gate(state)
            panel = self.panels[name]
            if why == gates.BUSY:
                busy_now.append(self._holders[name])
            else:
                panel.setEnabled(not why)
            banner = self._holders[name].banner
            show = bool(why) and why != gates.BUSY and state.has_game
            if banner.text() != why:
                banner.setText(why)
            if banner.isVisibleTo(self._holders[name]) != show:
                banner.setVisible(show)

        self._guard.set_blocked(busy_now)

    def is_blocked(self, name: str) -> bool:
        """Whether panel ``name`` takes no input now (disabled, or a turn is running)."""
        return not self.panels[name].isEnabled() or self._guard.blocks(self._holders[name])

    def why_blocked(self, name: str) -> str:
        """The banner over panel ``name`` ('' when none is shown)."""
        banner = self._holders[name].banner
        return banner.text() if banner.isVisibleTo(self._holders[name]) else ""
