"""The MSEL dock: import a Master Scenario Events List after a dry run, then fire, postpone, skip or hold its injects.

Every change goes through :mod:`wargame.app.msel`; the panel re-reads the game after each action
and shows a refusal in a visible label. While a turn is being resolved the worker owns the game:
the panel does nothing (the main window also disables it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, Game, describe, msel
from wargame.app.msel import MselError, MselProblem, MselRow
from wargame.app.types import InjectError
from wargame.gui import palette
from wargame.gui.gates import rules_reason
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session

MSEL_FILTER = "MSEL spreadsheets (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx);;All files (*)"
ROW_COLUMNS = ("Serial", "Time", "Turn", "Status", "Inject", "Message", "Expected action")
STATUS_COLORS = {"scheduled": "#1b7837", "held": "#b35806", "fired": "#4d4d4d", "skipped": "#999999"}


def inject_text(row: MselRow, scenario: object = None) -> str:
    """``"shelling: Russia on Latvia at Daugavpils (6 casualties)"`` (ids when no scenario is given)."""
    a = row.attack
    cas = int(a.get("casualties", 0) or 0)
    return (
        f"{describe.attack_kind(a.get('kind', ''))}: {describe.state(scenario, str(a.get('attacker')))} on "
        f"{describe.state(scenario, str(a.get('victim')))} at {describe.place(scenario, str(a.get('location')))}"
        + (f" ({describe.plural(cas, 'casualty', 'casualties')})" if cas else "")
    )


def turn_text(row: MselRow) -> str:
    """Where the row stands in time: its turn, the deck, or the turn it fired on."""
    if row.status == "fired":
        return f"fired for turn {row.fired_turn}"
    if row.status == "skipped":
        return "skipped"
    return "held back" if row.turn is None else str(row.turn)


class MselPanel(QWidget):
    """Import (dry run first), the scheduled rows, the held-back deck and export.

    Signal ``changed()``: the MSEL or the pending commands changed (the window publishes it on its
    notice hub, so the timeline and the pending commands follow).
    """

    changed = Signal()
    listens = Changes.WORLD | Changes.GAME_CLOSED | Changes.MSEL_CHANGED | Changes.REVIEW_STARTED | Changes.REVIEW_ENDED

    def __init__(self, parent: QWidget | None = None, *, busy: Callable[[], bool] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MselPanel")
        self.game: Game | None = None
        self._busy: Callable[[], bool] = busy or (lambda: False)
        self._readonly = False
        self._why_readonly = ""
        self._dry_path: Path | None = None
        self._dry_rows: list[MselRow] = []
        self._problems: list[MselProblem] = []
        self._rows: list[MselRow] = []

        # --- import with its dry run
        self.choose_button = QPushButton("&Load MSEL…")
        self.choose_button.setToolTip("Choose a CSV or XLSX file; it is checked (dry run) before anything is imported")
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("mselImport")
        self.import_button.setEnabled(False)
        self.import_button.setToolTip("Import the checked file (only when the dry run found no problems)")
        self.dry_label = QLabel("No MSEL file loaded.")
        self.dry_label.setObjectName("mselDryRun")
        self.dry_label.setWordWrap(True)
        self.problems_table = QTableWidget(0, 3)
        self.problems_table.setObjectName("mselProblems")
        self.problems_table.setHorizontalHeaderLabels(["Row", "Column", "Problem"])
        self.problems_table.verticalHeader().setVisible(False)
        self.problems_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems_table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.problems_table.setVisible(False)
        self.problems_table.setMinimumHeight(60)

        # --- the game's MSEL
        self.rows_table = QTableWidget(0, len(ROW_COLUMNS))
        self.rows_table.setObjectName("mselRows")
        self.rows_table.setHorizontalHeaderLabels(list(ROW_COLUMNS))
        self.rows_table.verticalHeader().setVisible(False)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rows_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rows_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.rows_table.setMinimumHeight(60)
        self.fire_button = QPushButton("&Fire now")
        self.fire_button.setToolTip("Record the selected inject for the next turn")
        self.postpone_spin = QSpinBox()
        self.postpone_spin.setRange(1, 365)
        self.postpone_spin.setSuffix(" turns")
        self.postpone_spin.valueChanged.connect(lambda n: self.postpone_spin.setSuffix(" turn" if n == 1 else " turns"))
        self.postpone_spin.setSuffix(" turn" if self.postpone_spin.value() == 1 else " turns")
        self.postpone_spin.setToolTip("How many turns to postpone by; later scheduled injects shift too")
        self.postpone_button = QPushButton("&Postpone by")
        self.postpone_button.setToolTip(
            "Move the selected inject later; every scheduled inject after it shifts by as much"
        )
        self.skip_button = QPushButton("S&kip")
        self.skip_button.setToolTip("Never fire the selected inject")
        self.hold_button = QPushButton("&Hold back")
        self.hold_button.setToolTip("Move the selected inject to the held-back deck")
        self.export_button = QPushButton("&Export CSV…")
        self.export_button.setToolTip("Write the MSEL with each row's status back to a CSV file")

        self.deck_list = QListWidget()
        self.deck_list.setObjectName("mselDeck")
        self.deck_list.setToolTip(
            "Held-back injects: double-click or press 'Fire from deck' to fire one on the next turn"
        )
        self.deck_list.setMinimumHeight(40)
        self.deck_fire_button = QPushButton("Fire from &deck")
        self.deck_fire_button.setToolTip("Fire the selected held-back inject on the next turn")

        self.error_label = QLabel()
        self.error_label.setObjectName("mselError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {palette.VERMILLION}; font-weight: bold;")
        self.error_label.setVisible(False)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        # --- layout
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.import_button)
        top.addStretch(1)
        top.addWidget(self.export_button)
        actions = QHBoxLayout()
        for w in (self.fire_button, self.postpone_button, self.postpone_spin, self.skip_button, self.hold_button):
            actions.addWidget(w)
        actions.addStretch(1)
        main = QWidget()
        mbox = QVBoxLayout(main)
        mbox.setContentsMargins(0, 0, 0, 0)
        mbox.addWidget(self.rows_table, 1)
        mbox.addLayout(actions)
        deck = QGroupBox("Held-back deck")
        dbox = QVBoxLayout(deck)
        dbox.addWidget(self.deck_list, 1)
        dbox.addWidget(self.deck_fire_button)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(main)
        split.addWidget(deck)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.dry_label)
        box.addWidget(self.problems_table, 1)
        box.addWidget(split, 3)
        box.addWidget(self.status_label)
        box.addWidget(self.error_label)

        self.choose_button.clicked.connect(self.choose_file)
        self.import_button.clicked.connect(self.do_import)
        self.fire_button.clicked.connect(lambda: self.fire_now())
        self.postpone_button.clicked.connect(lambda: self.postpone())
        self.skip_button.clicked.connect(lambda: self.skip())
        self.hold_button.clicked.connect(lambda: self.hold())
        self.deck_fire_button.clicked.connect(lambda: self.fire_held())
        self.deck_list.itemDoubleClicked.connect(lambda it: self.fire_held(str(it.data(Qt.ItemDataRole.UserRole))))
        self.deck_list.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.export_button.clicked.connect(self.export_dialog)
        self.rows_table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # ================================================================== game
    def on_changes(self, _changes: Changes, session: Session) -> None:
        """The game's MSEL; read-only in review mode and for a game made with other rules."""
        why = rules_reason(session.rules) if session.rules else ""
        self.show_game(session.game, readonly=session.reviewing or bool(why), why=why)

    def show_game(self, game: Game | None, *, readonly: bool = False, why: str = "") -> None:
        """Show ``game``'s MSEL (None: no game); ``readonly`` (review mode) turns every action off, ``why`` says why."""
        if game is not self.game:
            self._clear_dry_run()
        self.game = game
        self._readonly = readonly or (game is not None and game.readonly)
        self._why_readonly = why
        if why:
            self.dry_label.setText(why)
        self.refresh()

    def _may_touch(self) -> bool:
        if self.game is None:
            self._show_error("No game is open.")
            return False
        if self._busy():
            self._show_error("A turn is being resolved; wait for it to finish.")
            return False
        return True

    def _may_change(self) -> bool:
        if not self._may_touch():
            return False
        if self._readonly:
            self._show_error(self._why_readonly or "This game is open read-only (review): the MSEL cannot be changed.")
            return False
        return True

    def refresh(self) -> None:
        """Re-read the MSEL rows from the game."""
        if self.game is None:
            self._rows = []
        elif self._busy():
            return
        else:
            self._rows = msel.all_rows(self.game)
        selected = self.selected_serial()
        self.rows_table.setRowCount(len(self._rows))
        for i, r in enumerate(self._rows):
            cells = (
                r.serial,
                r.time_text or ("HOLD" if r.turn is None else ""),
                turn_text(r),
                r.status,
                inject_text(r, self.game.scenario if self.game is not None else None),
                r.message,
                r.expected,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.serial)
                item.setToolTip(text)
                if col == 3:
                    item.setForeground(QBrush(QColor(STATUS_COLORS.get(r.status, "#000000"))))
                self.rows_table.setItem(i, col, item)
        self.rows_table.resizeColumnToContents(0)
        if selected:
            self.select_serial(selected)
        current_deck = (
            self.deck_list.currentItem().data(Qt.ItemDataRole.UserRole) if self.deck_list.currentItem() else None
        )
        self.deck_list.clear()
        for r in self._rows:
            if r.status == "held":
                sc = self.game.scenario if self.game is not None else None
                item = QListWidgetItem(f"{r.serial}: {inject_text(r, sc)}" + (f" — {r.message}" if r.message else ""))
                item.setData(Qt.ItemDataRole.UserRole, r.serial)
                item.setToolTip(r.expected or r.message)
                self.deck_list.addItem(item)
                if r.serial == current_deck:
                    self.deck_list.setCurrentItem(item)
        counts: dict[str, int] = {}
        for r in self._rows:
            counts[r.status] = counts.get(r.status, 0) + 1
        self.status_label.setText(
            ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))
            + (f" · the next turn is {self.game.last_turn + 1}" if self.game is not None else "")
            if self._rows
            else "This game has no MSEL yet: load a file and import it."
        )
        self._update_buttons()

    def rows(self) -> list[MselRow]:
        """The rows shown (as last read from the game)."""
        return list(self._rows)

    def deck_serials(self) -> list[str]:
        """Serials in the held-back deck, as listed."""
        return [str(self.deck_list.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.deck_list.count())]

    # ================================================================== selection
    def selected_serial(self) -> str | None:
        items = self.rows_table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def select_serial(self, serial: str) -> bool:
        """Select the row of ``serial`` in the table; False if there is none."""
        for i in range(self.rows_table.rowCount()):
            item = self.rows_table.item(i, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == serial:
                self.rows_table.selectRow(i)
                return True
        return False

    def _row(self, serial: str | None) -> MselRow | None:
        return next((r for r in self._rows if r.serial == serial), None)

    def _update_buttons(self) -> None:
        usable = self.game is not None and not self._readonly
        r = self._row(self.selected_serial())
        st = r.status if r is not None else ""
        self.choose_button.setEnabled(usable)
        self.import_button.setEnabled(
            usable and self._dry_path is not None and not self._problems and bool(self._dry_rows)
        )
        self.fire_button.setEnabled(usable and st in ("scheduled", "held"))
        self.postpone_button.setEnabled(usable and st == "scheduled")
        self.postpone_spin.setEnabled(usable and st == "scheduled")
        self.skip_button.setEnabled(usable and st in ("scheduled", "held"))
        self.hold_button.setEnabled(usable and st == "scheduled")
        self.deck_fire_button.setEnabled(usable and self.deck_list.currentItem() is not None)
        self.export_button.setEnabled(self.game is not None and bool(self._rows))

    # ================================================================== import
    def choose_file(self) -> bool:
        """Ask for a CSV/XLSX file and dry-run it."""
        if not self._may_change():
            return False
        start = (
            str(self._dry_path.parent) if self._dry_path else str(self.game.path.parent if self.game else Path.home())
        )
        path, _ = QFileDialog.getOpenFileName(self, "Load an MSEL", start, MSEL_FILTER)
        return self.load_file(path) if path else False

    def load_file(self, path: str | Path) -> bool:
        """Dry-run ``path``: list every problem by row and column; True if it can be imported."""
        if not self._may_change():
            return False
        assert self.game is not None
        self._clear_error()
        self._dry_path = Path(path)
        self._dry_rows, self._problems = msel.dry_run(path, self.game.scenario)
        self._show_problems()
        return not self._problems and bool(self._dry_rows)

    def _show_problems(self) -> None:
        name = self._dry_path.name if self._dry_path else ""
        ps = self._problems
        self.problems_table.setRowCount(len(ps))
        for i, p in enumerate(ps):
            for col, text in enumerate((str(p.row) if p.row else "—", p.column, p.message)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.problems_table.setItem(i, col, item)
        self.problems_table.setVisible(bool(ps))
        if ps:
            rows_bad = len({p.row for p in ps})
            self.dry_label.setText(
                f"Dry run of {name}: {describe.plural(len(ps), 'problem')} in {describe.plural(rows_bad, 'row')}; nothing imported. "
                "Correct the file and load it again."
            )
        elif self._dry_rows:
            held = sum(1 for r in self._dry_rows if r.turn is None)
            self.dry_label.setText(
                f"Dry run of {name}: {describe.plural(len(self._dry_rows), 'row')}, no problems "
                f"({len(self._dry_rows) - held} scheduled, {held} held back). Press Import."
            )
        else:
            self.dry_label.setText(f"Dry run of {name}: the file has no rows.")
        self._update_buttons()

    def problems(self) -> list[MselProblem]:
        """The problems of the last dry run (or of a refused import)."""
        return list(self._problems)

    def do_import(self) -> bool:
        """Import the dry-run file into the game."""
        if not self._may_change() or self._dry_path is None:
            return False
        assert self.game is not None
        try:
            new = msel.import_msel(self.game, self._dry_path)
        except MselError as exc:
            self._problems = list(exc.problems)
            self._show_problems()
            self._show_error(f"Not imported: {exc.problems[0]}" if exc.problems else "Not imported.")
            return False
        except (AppError, OSError) as exc:
            self._show_error(f"Not imported: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            return False
        name = self._dry_path.name
        self._clear_dry_run()
        self.dry_label.setText(f"Imported {describe.plural(len(new), 'row')} from {name}.")
        self._after_change()
        return True

    def _clear_dry_run(self) -> None:
        self._dry_path, self._dry_rows, self._problems = None, [], []
        self.problems_table.setRowCount(0)
        self.problems_table.setVisible(False)
        self.dry_label.setText("No MSEL file loaded.")

    # ================================================================== actions
    def _act(self, what: Callable[[], object], done: str) -> bool:
        if not self._may_change():
            return False
        try:
            what()
        except (InjectError, AppError, MselError) as exc:
            self._show_error(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            self.refresh()
            return False
        self._after_change()
        self.status_label.setText(done)
        return True

    def fire_now(self, serial: str | None = None) -> bool:
        """Fire ``serial`` (default: the selected row) on the next turn."""
        serial = serial or self.selected_serial()
        if not serial:
            self._show_error("Select an inject first.")
            return False
        nxt = self.game.last_turn + 1 if self.game is not None else 0
        return self._act(lambda: msel.fire_now(self.game, serial), f"Serial {serial} fires on turn {nxt}.")

    def fire_held(self, serial: str | None = None) -> bool:
        """Fire a row of the held-back deck (default: the selected one) on the next turn."""
        if serial is None:
            item = self.deck_list.currentItem()
            serial = str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else ""
        if not serial:
            self._show_error("Select a held-back inject first.")
            return False
        return self.fire_now(serial)

    def postpone(self, serial: str | None = None, turns: int | None = None) -> bool:
        """Postpone ``serial`` (default: the selected row) by ``turns`` (default: the spin box); later rows shift."""
        serial = serial or self.selected_serial()
        if not serial:
            self._show_error("Select a scheduled inject first.")
            return False
        n = self.postpone_spin.value() if turns is None else int(turns)
        return self._act(
            lambda: msel.postpone(self.game, serial, n),
            f"Serial {serial} postponed by {describe.plural(n, 'turn')}; later scheduled injects shifted too.",
        )

    def skip(self, serial: str | None = None) -> bool:
        serial = serial or self.selected_serial()
        if not serial:
            self._show_error("Select an inject first.")
            return False
        return self._act(lambda: msel.skip(self.game, serial), f"Serial {serial} will not fire.")

    def hold(self, serial: str | None = None) -> bool:
        serial = serial or self.selected_serial()
        if not serial:
            self._show_error("Select a scheduled inject first.")
            return False
        return self._act(lambda: msel.hold(self.game, serial), f"Serial {serial} moved to the held-back deck.")

    # ================================================================== export
    def export_dialog(self) -> bool:
        if not self._may_touch():
            return False
        assert self.game is not None
        suggestion = self.game.path.with_name(f"{self.game.path.stem}-msel.csv")
        path, _ = QFileDialog.getSaveFileName(self, "Export the MSEL", str(suggestion), "CSV (*.csv)")
        if not path:
            return False
        if not path.lower().endswith(".csv"):
            path += ".csv"
        return self.export_to(path)

    def export_to(self, path: str | Path) -> bool:
        """Write the MSEL to ``path`` as CSV."""
        if not self._may_touch():
            return False
        assert self.game is not None
        try:
            out = msel.export_csv(self.game, path)
        except OSError as exc:
            self._show_error(f"Cannot write {Path(path).name}: {exc.strerror or exc}")
            return False
        self._clear_error()
        self.status_label.setText(f"Exported {describe.plural(len(self._rows), 'row')} to {out.name}.")
        return True

    # ================================================================== messages
    def _after_change(self) -> None:
        self._clear_error()
        self.refresh()
        self.changed.emit()

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(True)

    def _clear_error(self) -> None:
        self.error_label.setText("")
        self.error_label.setVisible(False)

    def error_text(self) -> str:
        """The refusal shown ('' when none)."""
        return self.error_label.text()
