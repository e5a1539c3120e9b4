"""Review mode's widgets: the review toolbar, bookmarks, and "what changed this turn".

They follow the review cursor (:mod:`wargame.gui.review_cursor`, ``session.review``) through the
window's notice hub.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, describe
from wargame.app.review import Bookmark, TurnDiff, bookmarks, diff_worlds
from wargame.app.types import Scenario
from wargame.gui import palette
from wargame.gui.notices import Changes
from wargame.gui.review_cursor import DEFAULT_SPEED, SPEEDS, ReviewController

if TYPE_CHECKING:
    from wargame.gui.session import Session

DEBOUNCE_MS = 60
"""How long a slider drag must rest before the docks follow it."""


# ---------------------------------------------------------------------------------------------
# Toolbar
# ---------------------------------------------------------------------------------------------


class ReviewBar(QToolBar):
    """First / previous / play / next / last, speed, the turn slider and the review actions."""

    def __init__(self, controller: ReviewController, parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        self.setObjectName("toolbar_review")
        self.controller = controller
        c = controller
        self.first_action = self._act("|◀ First", c.first, ["Home"], "First turn")
        self.prev_action = self._act("◀ Previous", c.previous, ["PgUp", "Left"], "Previous turn")
        self.play_action = self._act("▶ Play", c.toggle_play, ["Space"], "Play / pause")
        self.play_action.setCheckable(True)
        self.next_action = self._act("Next ▶", c.next, ["PgDown", "Right"], "Next turn")
        self.last_action = self._act("Last ▶|", c.last_turn, ["End"], "Last turn")
        self.speed_combo = QComboBox()
        self.speed_combo.addItems(list(SPEEDS))
        self.speed_combo.setCurrentText(DEFAULT_SPEED)
        self.speed_combo.setToolTip("Play speed")
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setMinimumWidth(220)
        self.slider.setPageStep(5)
        self.slider.setToolTip("Turn (drag to scrub)")
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.turn_label = QLabel()
        self.turn_label.setMinimumWidth(190)
        self.mode_label = QLabel(" REVIEW ")
        self.mode_label.setStyleSheet(f"background:{palette.BLUE}; color:white; font-weight:bold; padding:2px 6px;")
        self.mode_label.setToolTip("Read-only review of a saved game")
        self.addWidget(self.mode_label)
        for a in (self.first_action, self.prev_action, self.play_action, self.next_action, self.last_action):
            self.addAction(a)
        self.addWidget(self.speed_combo)
        self.addWidget(self.slider)
        self.addWidget(self.turn_label)
        self.debounce = QTimer(self)
        self.debounce.setObjectName("reviewSliderDebounce")
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self._settle)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderReleased.connect(self._settle)
        self.speed_combo.currentTextChanged.connect(lambda s: c.set_speed(SPEEDS.get(s, 500)))
        c.set_speed(SPEEDS[DEFAULT_SPEED])
        c.turnChanged.connect(self.show_turn)
        c.playingChanged.connect(self._playing)

    def _act(self, text: str, slot: Callable[[], Any], keys: list[str], tip: str) -> QAction:
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setToolTip(f"{tip} ({', '.join(keys)})")
        act.setStatusTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        return act

    def actions_for_menu(self) -> list[QAction]:
        return [self.first_action, self.prev_action, self.play_action, self.next_action, self.last_action]

    listens = Changes.REVIEW | Changes.GAME_CLOSED

    def on_changes(self, changes: Changes, session: Session) -> None:
        """Shown in review mode (fitted to the game when the review starts), hidden and stopped otherwise."""
        if session.reviewing:
            if changes & Changes.REVIEW_STARTED:
                self.reset()
                self.setVisible(True)
            return
        self.stop()
        self.setVisible(False)
        for a in self.actions_for_menu():
            a.setEnabled(False)

    def reset(self) -> None:
        """Fit the slider to the reviewed game."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, self.controller.last)
        self.slider.setValue(self.controller.turn)
        self.slider.blockSignals(False)
        self.show_turn(self.controller.turn)

    def show_turn(self, turn: int) -> None:
        c = self.controller
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(turn)
            self.slider.blockSignals(False)
        date = c.game.date_of(turn).isoformat() if c.game is not None else ""
        self.turn_label.setText(f" Turn {turn} / {c.last} · {date} ")
        self.first_action.setEnabled(turn > 0)
        self.prev_action.setEnabled(turn > 0)
        self.next_action.setEnabled(turn < c.last)
        self.last_action.setEnabled(turn < c.last)
        self.play_action.setEnabled(c.last > 0)

    def _slider_moved(self, value: int) -> None:
        if self.slider.isSliderDown():
            c = self.controller
            date = c.game.date_of(value).isoformat() if c.game is not None else ""
            self.turn_label.setText(f" Turn {value} / {c.last} · {date} ")
            self.debounce.start()
        else:
            self.debounce.stop()
            self.controller.go(value)

    def _settle(self) -> None:
        self.debounce.stop()
        self.controller.go(self.slider.value())

    def _playing(self, playing: bool) -> None:
        self.play_action.setChecked(playing)
        self.play_action.setText("⏸ Pause" if playing else "▶ Play")

    def stop(self) -> None:
        self.debounce.stop()


# ---------------------------------------------------------------------------------------------
# Bookmarks
# ---------------------------------------------------------------------------------------------

KIND_LABELS: dict[str, str] = {
    "inject": "Inject",
    "first_verdict": "First verdict",
    "invocation": "Invocation",
    "arrival": "Arrival",
    "control": "Control",
    "end": "End",
    "manual": "Note",
}


HINT = "Double-click a bookmark to jump to its turn."


class BookmarksPanel(QWidget):
    """Automatic and hand-made bookmarks; double-click jumps to the bookmark's turn."""

    jumpRequested = Signal(int)
    addRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Turn", "Kind", "Bookmark"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setColumnWidth(0, 48)
        self.tree.setColumnWidth(1, 96)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.itemDoubleClicked.connect(
            lambda it, _c: self.jumpRequested.emit(int(it.data(0, Qt.ItemDataRole.UserRole)))
        )
        self.tree.itemActivated.connect(
            lambda it, _c: self.jumpRequested.emit(int(it.data(0, Qt.ItemDataRole.UserRole)))
        )
        self.add_button = QPushButton("Add bookmark…")
        self.add_button.setToolTip("Bookmark the shown turn with a note (Ctrl+B)")
        self.add_button.clicked.connect(self.addRequested)
        self.hint = QLabel(HINT)
        self.hint.setStyleSheet("color:#555;")
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.add_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.tree)
        box.addLayout(row)
        self._marks: list[Bookmark] = []

    listens = Changes.REVIEW | Changes.BOOKMARKS_CHANGED

    def on_changes(self, changes: Changes, session: Session) -> None:
        """Read the bookmarks when the review starts or they change; follow the reviewed turn."""
        if session.game is None:
            return
        if changes & (Changes.REVIEW_STARTED | Changes.BOOKMARKS_CHANGED):
            try:
                marks = bookmarks(session.game)
                self.hint.setText(HINT)
            except AppError as exc:
                marks = []
                self.hint.setText(f"Bookmarks unavailable: {exc}")
            self.set_bookmarks(marks)
        if session.reviewing:
            self.mark_turn(session.review.turn)

    def set_bookmarks(self, marks: list[Bookmark]) -> None:
        self._marks = sorted(marks, key=lambda b: (b.turn, b.event_seq if b.event_seq is not None else 1 << 30))
        self.tree.clear()
        for b in self._marks:
            text = b.label + (f" — {b.note}" if b.note and b.note != b.label else "")
            item = QTreeWidgetItem([str(b.turn), KIND_LABELS.get(b.kind, b.kind), text])
            item.setData(0, Qt.ItemDataRole.UserRole, b.turn)
            item.setToolTip(2, text)
            if b.kind == "manual":
                item.setForeground(1, QBrush(QColor(palette.BLUE)))
            self.tree.addTopLevelItem(item)

    def bookmarks(self) -> list[Bookmark]:
        return list(self._marks)

    def mark_turn(self, turn: int) -> None:
        """Select the first bookmark at ``turn`` (if any), so the list follows the review."""
        self.tree.blockSignals(True)
        self.tree.clearSelection()
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == turn:
                item.setSelected(True)
                self.tree.scrollToItem(item)
                break
        self.tree.blockSignals(False)

    def item_for(self, kind: str) -> QTreeWidgetItem | None:
        """The first row of a bookmark kind (for tests)."""
        for i, b in enumerate(self._marks):
            if b.kind == kind:
                return self.tree.topLevelItem(i)
        return None


# ---------------------------------------------------------------------------------------------
# What changed this turn
# ---------------------------------------------------------------------------------------------

DIFF_SECTIONS: tuple[tuple[str, str], ...] = (
    ("control", "Control"),
    ("forces", "Forces"),
    ("opinion", "Opinion (support %)"),
    ("budget", "Budget (US$ M)"),
    ("verdicts", "Verdicts"),
)


def fmt_value(value: Any) -> str:
    """A before/after value as short text."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.1f}"
    if isinstance(value, dict):
        for key in ("code", "holder", "status"):
            if key in value:
                rest = [f"{k}={fmt_value(v)}" for k, v in value.items() if k != key and not isinstance(v, (dict, list))]
                return str(value[key]) + (f" ({', '.join(rest[:3])})" if rest else "")
        return ", ".join(f"{k}={fmt_value(v)}" for k, v in list(value.items())[:4])
    if isinstance(value, (list, tuple)):
        return ", ".join(fmt_value(v) for v in value)
    return str(value)


class DiffPanel(QWidget):
    """``diff_turn``: what this turn changed in control, forces, opinion, budget and verdicts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel("Open a game in review to see what each turn changed.")
        self.heading.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What", "Before", "After"])
        self.tree.setColumnWidth(0, 170)
        self.tree.setColumnWidth(1, 140)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.heading)
        box.addWidget(self.tree)
        self.diff: TurnDiff | None = None

    listens = Changes.REVIEW

    def on_changes(self, _changes: Changes, session: Session) -> None:
        """The reviewed turn against the one before (no database work beyond the review's cache)."""
        review = session.review
        if session.game is None or not session.reviewing or review.world is None or review.cache is None:
            self.clear_diff()
            return
        t, world = review.turn, review.world
        before = review.cache.get(t - 1) if t > 0 else world
        self.show_diff(diff_worlds(before, world), session.game.scenario)

    def clear_diff(self) -> None:
        self.diff = None
        self.tree.clear()
        self.heading.setText("Open a game in review to see what each turn changed.")

    def show_diff(self, diff: TurnDiff, scenario: Scenario | None = None) -> None:
        """Fill the tree with one section per kind of change (empty sections are listed collapsed)."""
        self.diff = diff
        self.tree.clear()
        total = 0
        for attr, title in DIFF_SECTIONS:
            rows = list(getattr(diff, attr, []) or [])
            total += len(rows)
            top = QTreeWidgetItem(
                [f"{title}: {describe.plural(len(rows), 'change')}" if rows else f"{title}: no change", "", ""]
            )
            top.setData(0, Qt.ItemDataRole.UserRole, attr)
            font = top.font(0)
            font.setBold(bool(rows))
            top.setFont(0, font)
            if not rows:
                top.setForeground(0, QBrush(QColor("#777777")))
            self.tree.addTopLevelItem(top)
            for key, before, after in rows:
                name = self._name(scenario, str(key))
                child = QTreeWidgetItem([name, fmt_value(before), fmt_value(after)])
                child.setToolTip(0, str(key))
                child.setToolTip(1, fmt_value(before))
                child.setToolTip(2, fmt_value(after))
                top.addChild(child)
            top.setExpanded(bool(rows))
        date = scenario.date_of(diff.turn).isoformat() if scenario is not None else ""
        self.heading.setText(
            f"<b>Turn {diff.turn}</b> {date}: {describe.plural(total, 'change')} against turn {max(0, diff.turn - 1)}."
            if diff.turn > 0
            else "<b>Turn 0</b>: the starting position."
        )

    @staticmethod
    def _name(scenario: Scenario | None, key: str) -> str:
        if scenario is None:
            return key
        if key in scenario.states:
            return f"{scenario.states[key].name} ({key})"
        loc = scenario.locations.get(key)
        if loc is not None:
            return f"{loc.name} ({key})"
        return key

    def rows(self, section: str) -> list[tuple[str, str, str]]:
        """The (what, before, after) texts of one section (``control``, ``forces``, …)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, Qt.ItemDataRole.UserRole) == section:
                return [
                    (top.child(j).text(0), top.child(j).text(1), top.child(j).text(2)) for j in range(top.childCount())
                ]
        return []
