"""The start page: a new game from a bundled or chosen scenario (with its briefing), open, recent files."""
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

from wargame.scenario import ScenarioError, load_scenario

try:
    from wargame.scenario import bundled_scenarios as _bundled
except ImportError:  # pragma: no cover - older scenario package
    _bundled = None

SCENARIO_DIR = Path(__file__).resolve().parents[2] / "assets" / "scenarios"


def bundled_scenarios() -> list[tuple[str, Path]]:
    """(name, path) of the bundled playable scenarios."""
    if _bundled is not None:
        return list(_bundled())
    return [(p.stem, p) for p in sorted(SCENARIO_DIR.glob("*.toml"))]


class StartPage(QWidget):
    """Signals: ``newGameRequested(scenario_path)``, ``openRequested()``, ``recentRequested(path)``."""

    newGameRequested = Signal(str)
    openRequested = Signal()
    recentRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel("<h1>Collective defence wargame</h1><p>Start a new game from a scenario, or open a saved game.</p>")
        title.setTextFormat(Qt.TextFormat.RichText)
        self.scenario_list = QListWidget()
        self.scenario_list.setToolTip("Bundled scenarios: pick one to read its briefing")
        for name, path in bundled_scenarios():
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.scenario_list.addItem(item)
        self.choose_button = QPushButton("Scenario &file…")
        self.choose_button.setToolTip("Use a scenario file of your own (TOML)")
        self.briefing = QTextBrowser()
        self.briefing.setPlaceholderText("The briefing of the selected scenario appears here.")
        self.new_button = QPushButton("&New game…")
        self.new_button.setToolTip("Create a saved game from the selected scenario (Ctrl+N)")
        self.new_button.setDefault(True)
        self.new_button.setEnabled(False)
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
        lbox.addWidget(self.new_button)
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
        self.scenario_list.currentItemChanged.connect(self._picked)
        self.choose_button.clicked.connect(self._choose_file)
        self.new_button.clicked.connect(lambda: self.newGameRequested.emit(self._chosen))
        self.open_button.clicked.connect(self.openRequested)
        self.recent_list.itemActivated.connect(lambda it: self.recentRequested.emit(it.data(Qt.ItemDataRole.UserRole)))
        if self.scenario_list.count():
            self.scenario_list.setCurrentRow(0)

    def select_scenario(self, path: str | Path) -> bool:
        """Select a scenario by path (bundled or not) and show its briefing; False if it does not load."""
        for i in range(self.scenario_list.count()):
            item = self.scenario_list.item(i)
            if Path(item.data(Qt.ItemDataRole.UserRole)).resolve() == Path(path).resolve():
                self.scenario_list.setCurrentItem(item)
                return bool(self._chosen)
        return self._show(str(path))

    def chosen_scenario(self) -> str:
        return self._chosen

    def _picked(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._show(str(item.data(Qt.ItemDataRole.UserRole)))

    def _show(self, path: str) -> bool:
        try:
            sc = load_scenario(path)
        except ScenarioError as exc:
            self._chosen = ""
            self.briefing.setPlainText(f"This scenario does not load:\n{str(exc).splitlines()[0]}")
            self.new_button.setEnabled(False)
            return False
        self._chosen = path
        facts = (f"{len(sc.states)} states, {len(sc.treaties)} treaties, {len(sc.forces)} forces; starts "
                 f"{sc.start_date.isoformat()}, {sc.turn_length_days:g} day(s) a turn, at most {sc.max_turns} turns.")
        self.briefing.setPlainText(f"{sc.name}\n\n{sc.briefing.strip()}\n\n{facts}")
        self.new_button.setEnabled(True)
        return True

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a scenario", str(SCENARIO_DIR), "Scenarios (*.toml)")
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
