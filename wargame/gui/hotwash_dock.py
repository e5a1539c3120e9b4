"""The Hotwash dock: observations per team or state, the improvement plan, and participant feedback.

A self-contained panel: the main window only docks it; it follows the window's notices (a game opened or
closed, the review's turn) and shows the game with :meth:`HotwashPanel.show_game` (also in review mode: the
hotwash is about turns already played, so it can be recorded while reviewing a game that is open for writing). Every change goes through :mod:`wargame.app.hotwash`, which checks it;
a refusal shows in the panel's message line, never as a traceback. While a turn is being resolved the
worker owns the game and the panel does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, Game, describe, hotwash
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session

__all__ = ["HotwashPanel"]

SURVEY_FILTER = "Survey export (*.csv);;All files (*)"


def _table(headers: tuple[str, ...]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(list(headers))
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.verticalHeader().setVisible(False)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    t.setWordWrap(True)
    return t


def _fill(table: QTableWidget, rows: list[tuple[int, list[str]]]) -> None:
    """Rows of (item id, cell texts); the id rides on the first cell."""
    table.setRowCount(len(rows))
    for i, (item_id, cells) in enumerate(rows):
        for j, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if j == 0:
                cell.setData(Qt.ItemDataRole.UserRole, item_id)
            table.setItem(i, j, cell)


def _selected_id(table: QTableWidget) -> int | None:
    row = table.currentRow()
    item = table.item(row, 0) if row >= 0 else None
    return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))


class HotwashPanel(QWidget):
    """Three tabs (observations, improvement plan, feedback), each a table with a form to add and a button to
    remove. Signal ``changed()``: the hotwash changed."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, busy: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("HotwashPanel")
        self.game: Game | None = None
        self._busy: Callable[[], bool] = busy or (lambda: False)
        self._turn: int | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self._observations_tab(), "Observations")
        self.tabs.addTab(self._plan_tab(), "Improvement plan")
        self.tabs.addTab(self._feedback_tab(), "Feedback")
        self.message = QLabel()
        self.message.setObjectName("hotwashMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(self.message)
        self.show_game(None)

    # ------------------------------------------------------------------ building
    def _observations_tab(self) -> QWidget:
        w = QWidget()
        self.obs_table = _table(("#", "Team or state", "Kind", "Core capability", "About", "Observation"))
        self.obs_team = QComboBox()
        self.obs_team.setEditable(True)
        self.obs_team.setToolTip("A state (code or name) or a team's name, e.g. White cell")
        self.obs_kind = QComboBox()
        self.obs_kind.addItem("Strength", "strength")
        self.obs_kind.addItem("Area for improvement", "improvement")
        self.obs_capability = QComboBox()
        self.obs_capability.setEditable(True)
        self.obs_capability.addItems(["", *hotwash.CAPABILITIES])
        self.obs_turn = QSpinBox()
        self.obs_turn.setRange(-1, 0)
        self.obs_turn.setSpecialValueText("—")
        self.obs_turn.setToolTip("The turn it is about (— for none)")
        self.obs_event = QSpinBox()
        self.obs_event.setRange(0, 100000)
        self.obs_event.setSpecialValueText("—")
        self.obs_event.setToolTip("The event it is about: its number in the turn, as the event log shows (— for none)")
        self.obs_text = QLineEdit()
        self.obs_text.setPlaceholderText("What went well, or what to improve")
        self.obs_add = QPushButton("Add observation")
        self.obs_add.clicked.connect(self.add_observation)
        self.obs_remove = QPushButton("Remove selected")
        self.obs_remove.clicked.connect(lambda: self._remove("observation", self.obs_table))
        form = QFormLayout()
        row = QHBoxLayout()
        for label, widget in (("Team", self.obs_team), ("", self.obs_kind), ("Capability", self.obs_capability)):
            if label:
                row.addWidget(QLabel(label))
            row.addWidget(widget, 1)
        form.addRow(row)
        row2 = QHBoxLayout()
        for label, widget in (("Turn", self.obs_turn), ("Event", self.obs_event)):
            row2.addWidget(QLabel(label))
            row2.addWidget(widget)
        row2.addWidget(self.obs_text, 1)
        row2.addWidget(self.obs_add)
        row2.addWidget(self.obs_remove)
        form.addRow(row2)
        lay = QVBoxLayout(w)
        lay.addWidget(self.obs_table, 1)
        lay.addLayout(form)
        return w

    def _plan_tab(self) -> QWidget:
        w = QWidget()
        self.plan_table = _table(("#", "Issue", "Corrective action", "Core capability", "Owner", "Due"))
        self.plan_issue = QLineEdit()
        self.plan_issue.setPlaceholderText("Issue")
        self.plan_action = QLineEdit()
        self.plan_action.setPlaceholderText("Corrective action")
        self.plan_owner = QLineEdit()
        self.plan_owner.setPlaceholderText("Owner")
        self.plan_due = QDateEdit()
        self.plan_due.setCalendarPopup(True)
        self.plan_due.setDisplayFormat("yyyy-MM-dd")
        self.plan_due.setDate(QDate.currentDate().addMonths(3))
        self.plan_capability = QComboBox()
        self.plan_capability.setEditable(True)
        self.plan_capability.addItems(["", *hotwash.CAPABILITIES])
        self.plan_add = QPushButton("Add to the plan")
        self.plan_add.clicked.connect(self.add_plan_item)
        self.plan_remove = QPushButton("Remove selected")
        self.plan_remove.clicked.connect(lambda: self._remove("plan", self.plan_table))
        row = QHBoxLayout()
        row.addWidget(self.plan_issue, 2)
        row.addWidget(self.plan_action, 3)
        row2 = QHBoxLayout()
        for widget in (self.plan_owner, self.plan_capability):
            row2.addWidget(widget, 1)
        row2.addWidget(QLabel("Due"))
        row2.addWidget(self.plan_due)
        row2.addWidget(self.plan_add)
        row2.addWidget(self.plan_remove)
        lay = QVBoxLayout(w)
        lay.addWidget(self.plan_table, 1)
        lay.addLayout(row)
        lay.addLayout(row2)
        return w

    def _feedback_tab(self) -> QWidget:
        w = QWidget()
        self.fb_table = _table(("#", "Participant", "Team", "Ratings", "Strengths", "Improvements", "Source"))
        self.fb_summary = QLabel()
        self.fb_summary.setWordWrap(True)
        self.fb_participant = QLineEdit()
        self.fb_participant.setPlaceholderText("Participant")
        self.fb_team = QLineEdit()
        self.fb_team.setPlaceholderText("Team or state (optional)")
        self.fb_ratings: dict[str, QSpinBox] = {}
        ratings = QHBoxLayout()
        for key, statement in hotwash.QUESTIONS:
            box = QSpinBox()
            box.setRange(0, 5)
            box.setSpecialValueText("—")
            box.setToolTip(f"{statement}: 1 (strongly disagree) to 5 (strongly agree); — unanswered")
            self.fb_ratings[key] = box
            ratings.addWidget(QLabel(key))
            ratings.addWidget(box)
        self.fb_strengths = QLineEdit()
        self.fb_strengths.setPlaceholderText("Top three strengths, separated by ;")
        self.fb_improvements = QLineEdit()
        self.fb_improvements.setPlaceholderText("Top three improvements, separated by ;")
        self.fb_add = QPushButton("Add form")
        self.fb_add.clicked.connect(self.add_feedback)
        self.fb_import = QPushButton("Import survey CSV…")
        self.fb_import.clicked.connect(self.import_dialog)
        self.fb_remove = QPushButton("Remove selected")
        self.fb_remove.clicked.connect(lambda: self._remove("feedback", self.fb_table))
        row = QHBoxLayout()
        row.addWidget(self.fb_participant, 1)
        row.addWidget(self.fb_team, 1)
        row2 = QHBoxLayout()
        row2.addWidget(self.fb_strengths, 1)
        row2.addWidget(self.fb_improvements, 1)
        row3 = QHBoxLayout()
        row3.addWidget(self.fb_add)
        row3.addWidget(self.fb_import)
        row3.addWidget(self.fb_remove)
        row3.addStretch(1)
        lay = QVBoxLayout(w)
        lay.addWidget(self.fb_table, 1)
        lay.addWidget(self.fb_summary)
        lay.addLayout(row)
        lay.addLayout(ratings)
        lay.addLayout(row2)
        lay.addLayout(row3)
        return w

    # ------------------------------------------------------------------ state
    listens = Changes.GAME_OPENED | Changes.GAME_CLOSED | Changes.REVIEW

    def on_changes(self, _changes: Changes, session: Session) -> None:
        """The open game's hotwash; in review mode a new observation defaults to the reviewed turn."""
        self.show_game(session.game, session.review.turn if session.reviewing else None)

    @property
    def editable(self) -> bool:
        return self.game is not None and not self.game.readonly

    def show_game(self, game: Game | None, turn: int | None = None) -> None:
        """Show ``game``'s hotwash (None: no game); ``turn`` (the reviewed turn) is the default turn of a new
        observation."""
        if game is not self.game:
            self.message.clear()
        self.game = game
        self._turn = turn
        if game is not None:
            self.obs_turn.setRange(-1, game.last_turn)
            self.obs_turn.setValue(turn if turn is not None else -1)
            current = self.obs_team.currentText()
            self.obs_team.clear()
            self.obs_team.addItems(["", "White cell", *sorted(game.scenario.states)])
            self.obs_team.setCurrentText(current)
        for widget in (
            self.obs_add,
            self.obs_remove,
            self.plan_add,
            self.plan_remove,
            self.fb_add,
            self.fb_import,
            self.fb_remove,
        ):
            widget.setEnabled(self.editable)
        if game is not None and game.readonly:
            self.message.setText("This game is open read-only: open it for editing to record the hotwash.")
        self.refresh()

    def refresh(self) -> None:
        """Re-read the hotwash from the game."""
        if self.game is None:
            for t in (self.obs_table, self.plan_table, self.fb_table):
                t.setRowCount(0)
            self.fb_summary.clear()
            return
        if self._busy():
            return
        try:
            hw = hotwash.hotwash(self.game)
        except AppError as exc:
            self._say(str(exc))
            return
        _fill(
            self.obs_table,
            [
                (
                    o.id,
                    [
                        str(o.id),
                        hotwash.team_label(self.game, o.team),
                        "strength" if o.kind == "strength" else "area for improvement",
                        o.capability,
                        "" if o.turn is None else f"turn {o.turn}" + (f", event {o.event_seq}" if o.event_seq else ""),
                        o.text,
                    ],
                )
                for o in hw.observations
            ],
        )
        _fill(
            self.plan_table,
            [(p.id, [str(p.id), p.issue, p.action, p.capability, p.owner, p.due.isoformat()]) for p in hw.plan],
        )
        _fill(
            self.fb_table,
            [
                (
                    f.id,
                    [
                        str(f.id),
                        f.participant,
                        hotwash.team_label(self.game, f.team),
                        ", ".join(f"{k} {v}" for k, v in f.ratings.items()),
                        "; ".join(f.strengths),
                        "; ".join(f.improvements),
                        f.source,
                    ],
                )
                for f in hw.feedback
            ],
        )
        means = [f"{r.key} {r.mean:.1f}" for r in hw.ratings() if r.mean is not None]
        self.fb_summary.setText(
            f"{describe.plural(len(hw.feedback), 'form')}; mean ratings: {', '.join(means)}"
            if means
            else describe.plural(len(hw.feedback), "form")
        )

    # ------------------------------------------------------------------ actions
    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _may_change(self) -> bool:
        if self.game is None:
            self._say("No game is open.")
            return False
        if self._busy():
            self._say("A turn is being resolved; wait for it to finish.")
            return False
        if self.game.readonly:
            self._say("This game is open read-only: open it for editing to record the hotwash.")
            return False
        return True

    def _done(self, text: str) -> None:
        self._say(text)
        self.refresh()
        self.changed.emit()

    def add_observation(self) -> bool:
        if not self._may_change():
            return False
        assert self.game is not None
        turn = self.obs_turn.value()
        event = self.obs_event.value()
        try:
            o = hotwash.add_observation(
                self.game,
                self.obs_team.currentText(),
                str(self.obs_kind.currentData()),
                self.obs_text.text(),
                self.obs_capability.currentText(),
                turn=None if turn < 0 else turn,
                event_seq=None if event <= 0 or turn < 0 else event,
            )
        except AppError as exc:
            self._say(str(exc))
            return False
        self.obs_text.clear()
        self._done(f"Observation #{o.id} recorded.")
        return True

    def add_plan_item(self) -> bool:
        if not self._may_change():
            return False
        assert self.game is not None
        try:
            p = hotwash.add_plan_item(
                self.game,
                self.plan_issue.text(),
                self.plan_action.text(),
                self.plan_owner.text(),
                self.plan_due.date().toString("yyyy-MM-dd"),
                self.plan_capability.currentText(),
            )
        except AppError as exc:
            self._say(str(exc))
            return False
        for field in (self.plan_issue, self.plan_action):
            field.clear()
        self._done(f"Improvement plan row #{p.id} added.")
        return True

    def add_feedback(self) -> bool:
        if not self._may_change():
            return False
        assert self.game is not None
        ratings = {k: box.value() for k, box in self.fb_ratings.items() if box.value() > 0}
        try:
            f = hotwash.add_feedback(
                self.game,
                self.fb_participant.text(),
                ratings,
                [s for s in self.fb_strengths.text().split(";") if s.strip()],
                [s for s in self.fb_improvements.text().split(";") if s.strip()],
                team=self.fb_team.text(),
            )
        except AppError as exc:
            self._say(str(exc))
            return False
        for field in (self.fb_participant, self.fb_strengths, self.fb_improvements):
            field.clear()
        for box in self.fb_ratings.values():
            box.setValue(0)
        self._done(f"Feedback of {f.participant} recorded.")
        return True

    def import_dialog(self) -> bool:
        if not self._may_change():
            return False
        path, _ = QFileDialog.getOpenFileName(self, "Import participant feedback", "", SURVEY_FILTER)
        return self.import_survey(path) if path else False

    def import_survey(self, path: str | Path) -> bool:
        """Import a survey CSV: with any problem nothing is imported and the problems are listed."""
        if not self._may_change():
            return False
        assert self.game is not None
        try:
            forms = hotwash.import_feedback(self.game, path)
        except hotwash.FeedbackImportError as exc:
            shown = "\n".join(str(p) for p in exc.problems[:12])
            more = f"\n… and {len(exc.problems) - 12} more" if len(exc.problems) > 12 else ""
            self._say(f"{Path(path).name}: nothing imported.\n{shown}{more}")
            return False
        except AppError as exc:
            self._say(str(exc))
            return False
        self._done(f"Imported {describe.plural(len(forms), 'feedback form')} from {Path(path).name}.")
        return True

    def _remove(self, what: str, table: QTableWidget) -> bool:
        if not self._may_change():
            return False
        assert self.game is not None
        item_id = _selected_id(table)
        if item_id is None:
            self._say("Select a row to remove first.")
            return False
        try:
            hotwash.remove(self.game, what, item_id)
        except AppError as exc:
            self._say(str(exc))
            return False
        self._done(f"Removed {what} #{item_id}.")
        return True
