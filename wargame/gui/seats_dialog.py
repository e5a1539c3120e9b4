"""The bookends of a solo or facilitated game: who plays which seat, and the end-of-game summary.

:class:`SeatsDialog` comes after a scenario is chosen and before the game is created: each state
is a human seat, an AI, or left to the default policy with the facilitator injecting.
:class:`EndOfGameDialog` shows why the game ended and the scenario's objectives score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.engine import Doctrine, Scenario, WorldState
from wargame.engine.objectives import ObjectiveResult, score

SEAT_CHOICES = (("Human", "human"), ("AI", "ai"), ("Default (facilitator)", ""))
"""(label, seat value) of the per-state combo; '' = not listed (the default policy)."""
DIFFICULTIES = ("easy", "normal", "hard")
TAGS = ("", "training", "analysis")


@dataclass(frozen=True)
class SeatChoice:
    """The answer of the seats dialog: the keyword arguments of :func:`wargame.app.new_game`."""

    seats: dict[str, str] = field(default_factory=dict)
    difficulty: str = "normal"
    tag: str = ""

    def describe(self) -> str:
        """One line for the start page: who plays what, the difficulty and the tag."""
        human = sorted(s for s, v in self.seats.items() if v == "human")
        ai = sorted(s for s, v in self.seats.items() if v == "ai")
        if human:
            who = f"you play {', '.join(human)}"
        elif ai:
            who = "facilitator seat"
        else:
            who = "facilitator seat: every state follows its doctrine"
        parts = (
            [who]
            + ([f"AI plays {len(ai)}"] if ai else [])
            + [self.difficulty]
            + ([f"tag: {self.tag}"] if self.tag else [])
        )
        return " · ".join(parts)


def seats_text(controlled: frozenset[str] | set[str], ai: frozenset[str] | set[str]) -> str:
    """A short line naming the human seats (and how many states the AI plays), for titles and the status bar."""
    who = ", ".join(sorted(controlled)) if controlled else "facilitator"
    text = f"playing {who}"
    if ai:
        text += f" · AI: {len(ai)} state{'s' if len(ai) != 1 else ''}"
    return text


def playable_states(scenario: Scenario) -> list[str]:
    """The states that can take a seat (named non-state actors cannot)."""
    return [sid for sid, st in scenario.states.items() if not st.non_state]


class SeatsDialog(QDialog):
    """Choose the seats, difficulty and tag of a new game.

    Read the answer with :meth:`seats`, :meth:`difficulty` and :meth:`tag` after ``accept``.
    """

    def __init__(self, scenario: Scenario, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.setObjectName("SeatsDialog")
        self.setWindowTitle(f"Seats — {scenario.name}")
        self.states = playable_states(scenario)
        self._bulk = False
        aggressors = set(scenario.ai_aggressors) or {
            sid for sid in self.states if scenario.states[sid].doctrine is Doctrine.AGGRESSOR
        }

        self.table = QTableWidget(len(self.states), 3)
        self.table.setHorizontalHeaderLabels(["State", "Doctrine", "Seat"])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.combos: dict[str, QComboBox] = {}
        for row, sid in enumerate(self.states):
            st = scenario.states[sid]
            name = QTableWidgetItem(f"{st.name} ({sid})")
            name.setData(Qt.ItemDataRole.UserRole, sid)
            doctrine = st.doctrine.value.replace("_", " ") + (" · aggressor AI" if sid in aggressors else "")
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(doctrine))
            combo = QComboBox()
            for label, value in SEAT_CHOICES:
                combo.addItem(label, value)
            combo.setCurrentIndex(combo.findData(""))
            combo.setToolTip(
                "Human: you decide for it. AI: the computer plays it with purpose "
                "(the aggressor AI for aggressors). Default: its doctrine, with the facilitator injecting."
            )
            combo.currentIndexChanged.connect(self._update_summary)
            self.table.setCellWidget(row, 2, combo)
            self.combos[sid] = combo
        self.table.resizeColumnsToContents()

        self.solo_combo = QComboBox()
        self.solo_combo.setObjectName("soloCombo")
        self.solo_combo.addItem("(choose a state)", "")
        for sid in self.states:
            self.solo_combo.addItem(f"{scenario.states[sid].name} ({sid})", sid)
        self.solo_combo.setToolTip("Solo play: you take this state; the AI plays every other state")
        self.solo_combo.currentIndexChanged.connect(lambda _i: self.solo(str(self.solo_combo.currentData() or "")))
        self.all_default_button = QPushButton("All &default")
        self.all_default_button.setToolTip("Every state follows its doctrine; the facilitator injects")
        self.all_default_button.clicked.connect(self.all_default)

        self.difficulty_combo = QComboBox()
        for d in DIFFICULTIES:
            self.difficulty_combo.addItem(d, d)
        self.difficulty_combo.setCurrentIndex(self.difficulty_combo.findData("normal"))
        self.difficulty_combo.setToolTip(
            "Easy: a timid aggressor and reliable allies; hard: a bold aggressor, hesitant allies"
        )
        self.tag_combo = QComboBox()
        self.tag_combo.setEditable(True)
        for t in TAGS:
            self.tag_combo.addItem(t)
        self.tag_combo.setToolTip("Mark the game (e.g. training or analysis); shown in reviews and reports")
        self.tag_combo.lineEdit().setPlaceholderText("training, analysis, … (optional)")

        self.summary = QLabel()
        self.summary.setObjectName("seatsSummary")
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create game")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        solo_row = QHBoxLayout()
        solo_row.addWidget(self.solo_combo, 1)
        solo_row.addWidget(self.all_default_button)
        form = QFormLayout()
        solo_label = QLabel("&Solo: I play…")
        solo_label.setBuddy(self.solo_combo)
        form.addRow(solo_label, solo_row)
        form.addRow("D&ifficulty:", self.difficulty_combo)
        form.addRow("&Tag:", self.tag_combo)
        box = QVBoxLayout(self)
        box.addWidget(QLabel("Who plays each state?"))
        box.addWidget(self.table, 1)
        box.addLayout(form)
        box.addWidget(self.summary)
        box.addWidget(self.buttons)
        self.setMinimumSize(560, 480)
        self._update_summary()

    # ------------------------------------------------------------------ choosing
    def set_seat(self, sid: str, seat: str) -> None:
        """Set one state's seat: ``"human"``, ``"ai"`` or ``""`` (default policy)."""
        combo = self.combos[sid]
        combo.setCurrentIndex(combo.findData(seat))

    def solo(self, sid: str) -> None:
        """Solo play: ``sid`` is the human seat and the AI plays every other state."""
        if sid not in self.combos or self._bulk:
            return
        self._bulk = True
        try:
            for other in self.states:
                self.set_seat(other, "human" if other == sid else "ai")
            self.solo_combo.setCurrentIndex(self.solo_combo.findData(sid))
        finally:
            self._bulk = False
        self._update_summary()

    def all_default(self) -> None:
        """Every state back to its default policy."""
        self._bulk = True
        try:
            for sid in self.states:
                self.set_seat(sid, "")
            self.solo_combo.setCurrentIndex(0)
        finally:
            self._bulk = False
        self._update_summary()

    # ------------------------------------------------------------------ reading
    def seats(self) -> dict[str, str]:
        """State → ``"human"``/``"ai"``; states left to the default policy are not listed."""
        out = {}
        for sid, combo in self.combos.items():
            value = str(combo.currentData() or "")
            if value:
                out[sid] = value
        return out

    def difficulty(self) -> str:
        return str(self.difficulty_combo.currentData())

    def tag(self) -> str:
        return self.tag_combo.currentText().strip()

    def choice(self) -> SeatChoice:
        """Seats, difficulty and tag together."""
        return SeatChoice(self.seats(), self.difficulty(), self.tag())

    def set_choice(self, choice: SeatChoice) -> None:
        """Show an earlier answer (unknown states are ignored)."""
        self._bulk = True
        try:
            for sid in self.states:
                self.set_seat(sid, choice.seats.get(sid, ""))
            human = [s for s, v in choice.seats.items() if v == "human"]
            solo = len(human) == 1 and choice.seats == self._solo_seats(human[0])
            self.solo_combo.setCurrentIndex(self.solo_combo.findData(human[0]) if solo else 0)
        finally:
            self._bulk = False
        i = self.difficulty_combo.findData(choice.difficulty)
        if i >= 0:
            self.difficulty_combo.setCurrentIndex(i)
        self.tag_combo.setCurrentText(choice.tag)
        self._update_summary()

    def _update_summary(self) -> None:
        if self._bulk:
            return
        seats = self.seats()
        human = {s for s, v in seats.items() if v == "human"}
        ai = {s for s, v in seats.items() if v == "ai"}
        default = len(self.states) - len(seats)
        text = "You play " + (", ".join(sorted(human)) if human else "no state (facilitator seat: you see everything)")
        text += f"; the AI plays {len(ai)}; {default} follow their doctrine."
        self.summary.setText(text)
        if self.solo_combo.currentData() and seats != self._solo_seats(str(self.solo_combo.currentData())):
            self.solo_combo.setCurrentIndex(0)

    def _solo_seats(self, sid: str) -> dict[str, str]:
        return {s: ("human" if s == sid else "ai") for s in self.states}


# ---------------------------------------------------------------------------------------------
# End of game
# ---------------------------------------------------------------------------------------------


def end_summary_text(scenario: Scenario, world: WorldState) -> tuple[str, list[ObjectiveResult]]:
    """(headline, objective results) of the game at ``world``."""
    date = scenario.date_of(world.turn).isoformat()
    if world.ended:
        head = f"The game ended on turn {world.turn} ({date}): {world.end_reason or 'the last turn was played'}."
    else:
        head = f"Turn {world.turn} ({date}): the game goes on; the score so far."
    return head, score(scenario, world)


class EndOfGameDialog(QDialog):
    """Why the game ended and the objectives score (\"no objectives\" when the scenario sets none)."""

    def __init__(self, scenario: Scenario, world: WorldState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EndOfGameDialog")
        self.setWindowTitle("The game has ended")
        head, self.results = end_summary_text(scenario, world)
        self.headline = QLabel(head)
        self.headline.setWordWrap(True)
        self.table = QTableWidget(len(self.results), 4)
        self.table.setHorizontalHeaderLabels(["Objective", "Met", "Points", "Why"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for row, r in enumerate(self.results):
            for col, text in enumerate(
                (
                    r.objective.label or r.objective.id,
                    "yes" if r.met else "no",
                    f"{r.points} / {r.objective.points}",
                    r.detail,
                )
            ):
                self.table.setItem(row, col, QTableWidgetItem(text))
        total, most = sum(r.points for r in self.results), sum(r.objective.points for r in self.results)
        self.score_label = QLabel(
            f"Score: {total} of {most} points" if self.results else "This scenario sets no objectives: no score."
        )
        self.score_label.setObjectName("endScore")
        self.table.setVisible(bool(self.results))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        box = QVBoxLayout(self)
        box.addWidget(self.headline)
        box.addWidget(self.table, 1)
        box.addWidget(self.score_label)
        box.addWidget(buttons)
        self.setMinimumWidth(520)
