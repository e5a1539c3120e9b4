"""The start page: a new game from a bundled or chosen scenario (with its briefing and seats), open, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, scenarios
from wargame.app.types import Scenario
from wargame.gui.seats_dialog import SeatChoice, SeatsDialog


class StartPage(QWidget):
    """Signals: ``newGameRequested(scenario_path)``, ``openRequested()``, ``recentRequested(path)``.

    The seats, difficulty and tag chosen with "Seats…" for the selected scenario are in
    :meth:`seat_choice` (they go back to the default when another scenario is chosen).
    """

    newGameRequested = Signal(str)
    openRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(
            "<h1>Collective defence wargame</h1><p>Start a new game from a scenario, or open a saved game.</p>"
        )
        title.setTextFormat(Qt.TextFormat.RichText)
        self.scenario_list = QListWidget()
        self.scenario_list.setToolTip("Bundled scenarios: pick one to read its briefing")
        self._headers: dict[str, tuple[str, str]] = {}
        for entry in scenarios.bundled():
            item = QListWidgetItem(entry.name)
            item.setData(Qt.ItemDataRole.UserRole, str(entry.path))
            item.setToolTip(str(entry.path))
            self.scenario_list.addItem(item)
            self._headers[str(entry.path)] = (entry.name, entry.briefing)
        self.choose_button = QPushButton("Scenario &file…")
        self.choose_button.setToolTip("Use a scenario file of your own (TOML)")
        self.briefing = QTextBrowser()
        self.briefing.setPlaceholderText("The briefing of the selected scenario appears here.")
        self.new_button = QPushButton("&New game…")
        self.new_button.setToolTip("Create a saved game from the selected scenario (Ctrl+N)")
        self.new_button.setDefault(True)
        self.new_button.setEnabled(False)
        self.seats_button = QPushButton("S&eats && difficulty…")
        self.seats_button.setToolTip(
            "Who plays each state (human, AI or the default policy), solo play, difficulty and a training/analysis tag"
        )
        self.seats_button.setEnabled(False)
        self.seats_label = QLabel()
        self.seats_label.setObjectName("seatsChoice")
        self.seats_label.setWordWrap(True)
        self.open_button = QPushButton("&Open saved game…")
        self.open_button.setToolTip("Open a .wargame file (Ctrl+O)")
        self.recent_list = QListWidget()
        self.recent_list.setToolTip("Double-click or press Enter to open")

        left = QGroupBox("New game")
        lbox = QVBoxLayout(left)
        lbox.addWidget(self.scenario_list)
        lbox.addWidget(self.choose_button)
        lbox.addWidget(QLabel("Briefing:"))
        lbox.addWidget(self.briefing, 1)
        lbox.addWidget(self.seats_label)
        seats_row = QHBoxLayout()
        seats_row.addWidget(self.seats_button)
        seats_row.addWidget(self.new_button, 1)
        lbox.addLayout(seats_row)
        right = QGroupBox("Saved games")
        rbox = QVBoxLayout(right)
        rbox.addWidget(self.open_button)
        rbox.addWidget(QLabel("Recent files:"))
        rbox.addWidget(self.recent_list, 1)
        row = QHBoxLayout()
        row.addWidget(left, 3)
        row.addWidget(right, 2)
        box = QVBoxLayout(self)
        box.addWidget(title)
        box.addLayout(row, 1)

        self._chosen: str = ""
        self._scenario: Scenario | None = None
        self._seat_choice = SeatChoice()
        self.seats_dialog: SeatsDialog | None = None
        self.scenario_list.currentItemChanged.connect(self._picked)
        self.choose_button.clicked.connect(self._choose_file)
        self.new_button.clicked.connect(lambda: self.newGameRequested.emit(self._chosen))
        self.seats_button.clicked.connect(self.open_seats_dialog)
        self.open_button.clicked.connect(self.openRequested)
        self.recent_list.itemActivated.connect(lambda it: self.recentRequested.emit(it.data(Qt.ItemDataRole.UserRole)))
        if self.scenario_list.count():  # the first scenario's briefing from its header: loading it waits for a pick
            self.scenario_list.blockSignals(True)
            self.scenario_list.setCurrentRow(0)
            self.scenario_list.blockSignals(False)
            self._show_header(str(self.scenario_list.item(0).data(Qt.ItemDataRole.UserRole)))

    def select_scenario(self, path: str | Path) -> bool:
        """Select a scenario by path (bundled or not) and show its briefing; False if it does not load."""
        for i in range(self.scenario_list.count()):
            item = self.scenario_list.item(i)
            if Path(item.data(Qt.ItemDataRole.UserRole)).resolve() == Path(path).resolve():
                self.scenario_list.setCurrentItem(item)
                return bool(self._chosen)
        return self._show(str(path))

    def seat_choice(self) -> SeatChoice:
        """The seats, difficulty and tag for the new game (the default until "Seats…" is used)."""
        return self._seat_choice

    def set_seat_choice(self, choice: SeatChoice) -> None:
        self._seat_choice = choice
        self.seats_label.setText(f"Seats: {choice.describe()}")

    def _show_header(self, path: str) -> None:
        """The scenario chosen by default at start: its name and briefing from its header (the scenario itself is
        loaded when it is picked, or when its seats are chosen: starting the application does not wait for it)."""
        name, briefing = self._headers.get(path, (Path(path).stem, ""))
        self._chosen = path
        self._scenario = None
        self.briefing.setPlainText(f"{name}\n\n{briefing}\n\n(Select it for its states, treaties and forces.)")
        self.new_button.setEnabled(True)
        self.seats_button.setEnabled(True)

    def open_seats_dialog(self) -> SeatsDialog | None:
        """Show the seats dialog for the selected scenario (window-modal, non-blocking); OK keeps the choice."""
        if self._scenario is None and self._chosen:
            self._show(self._chosen)
        if self._scenario is None:
            return None
        if self.seats_dialog is not None:
            self.seats_dialog.reject()
        dlg = SeatsDialog(self._scenario, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.ok_button.setText("OK")
        dlg.set_choice(self._seat_choice)
        dlg.accepted.connect(lambda: self.set_seat_choice(dlg.choice()))
        dlg.finished.connect(lambda _r: self._seats_closed(dlg))
        self.seats_dialog = dlg
        dlg.open()
        return dlg

    def _seats_closed(self, dlg: SeatsDialog) -> None:
        if self.seats_dialog is dlg:
            self.seats_dialog = None

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._show(str(item.data(Qt.ItemDataRole.UserRole)))

    def _show(self, path: str) -> bool:
        try:
            sc = scenarios.load(path)
        except AppError as exc:
            self._chosen = ""
            self._scenario = None
            self.briefing.setPlainText(f"This scenario does not load:\n{str(exc).splitlines()[0]}")
            self.new_button.setEnabled(False)
            self.seats_button.setEnabled(False)
            self.seats_label.setText("")
            return False
        if path != self._chosen:
            self.set_seat_choice(SeatChoice())
        self._chosen = path
        self._scenario = sc
        self.seats_button.setEnabled(True)
        facts = scenarios.facts(sc)
        self.briefing.setPlainText(f"{facts.name}\n\n{facts.briefing}\n\n{facts.text}")
        self.new_button.setEnabled(True)
        return True

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Choose a scenario", str(scenarios.SCENARIOS_DIR), "Scenarios (*.toml)"
        )
        if path:
            self.scenario_list.clearSelection()
            self._show(path)

    def set_recent(self, paths: list[str]) -> None:
        self.recent_list.clear()
        for p in paths:
            item = QListWidgetItem(Path(p).name)
            item.setToolTip(p)
            item.setData(Qt.ItemDataRole.UserRole, p)
            self.recent_list.addItem(item)
