"""Dock panels over the game's read models: states, verdicts, event log, inspector, pending, summary.

Every panel has ``show_game(game)`` which reads what it needs from the :class:`~wargame.app.Game`
on the GUI thread (never while a turn runs) and keeps only plain values. As a listener of the
window's notice hub (:mod:`wargame.gui.notices`) it declares the changes it ``listens`` to and
refreshes itself in ``on_changes(changes, session)``, from the session's game or, in review mode,
from the reviewed turn. The hub calls it only when the game may be read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.app import Game, describe
from wargame.app.crisis_view import SECTIONS, crisis_lines
from wargame.app.mapmodes import VERDICT_COLORS, budget_strain
from wargame.app.models import CommandView
from wargame.app.types import Event, EventKind, Scenario, Verdict, VerdictKey, WorldState
from wargame.gui import palette
from wargame.gui.docks import on_screen
from wargame.gui.notices import Changes
from wargame.gui.worker import summaries_text

if TYPE_CHECKING:
    from wargame.gui.session import Session

_Index = QModelIndex | QPersistentModelIndex


# ---------------------------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------------------------


class StatesModel(QAbstractTableModel):
    """One row per state: support, threshold, budget, strain, casualties, forces, responses."""

    HEADERS = (
        "State",
        "Support %",
        "Threshold %",
        "Budget $M",
        "Strain %",
        "Casualties",
        "Forces",
        "Ready",
        "Response",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Any, ...]] = []
        self._ids: list[str] = []

    def set_world(self, scenario: Scenario, world: WorldState) -> None:
        """Rebuild the rows from ``world``."""
        self.beginResetModel()
        self._rows, self._ids = [], []
        for sid, st in scenario.states.items():
            n = world.nations.get(sid)
            if n is None:
                continue
            own = [f.id for f in scenario.forces if f.owner == sid]
            ready = sum(
                1
                for f in own
                if f in world.forces and world.forces[f].status.value in ("ready", "deployed", "in_transit")
            )
            response = ", ".join(
                f"{describe.level(r)} ({a})" for a, r in sorted(n.responses.items()) if r.value != "none"
            )
            self._rows.append(
                (
                    st.name,
                    round(n.support, 1),
                    st.support_threshold,
                    round(n.budget_musd, 1),
                    round(budget_strain(world, sid), 1),
                    n.casualties,
                    len(own),
                    ready,
                    response,
                )
            )
            self._ids.append(sid)
        self.endResetModel()

    def state_id(self, row: int) -> str:
        return self._ids[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:,.1f}" if isinstance(value, float) else str(value)
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0 and index.column() < 8:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == 1:
            support, threshold = self._rows[index.row()][1], self._rows[index.row()][2]
            return QBrush(QColor(palette.DIVERGING[6] if support >= threshold else palette.DIVERGING[2]))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 1:
            support, threshold = self._rows[index.row()][1], self._rows[index.row()][2]
            return (
                "Support at or above the threshold (lilac): the government can deploy abroad"
                if support >= threshold
                else "Support below the threshold (orange): a deployment abroad needs a legislative vote"
            )
        return None

    TIPS = (
        "The state",
        "Public support for defending an ally (%); lilac at or above the threshold, orange below",
        "Support a government needs to deploy forces abroad without a vote",
        "Operations budget left, US$ million",
        "Share of the operations money already spent",
        "Military deaths",
        "Forces the state has in the scenario",
        "Forces ready, deployed or on their way",
        "Its response to each attack",
    )

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.TIPS[section]
        return None


class StatesPanel(QWidget):
    """Sortable, filterable table of states; ``stateSelected(iso3)`` on click."""

    stateSelected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = StatesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter states…")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(24)  # measure the first rows only: a new turn repaints it quickly
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(0, 130)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # A → Z
        self.table.setAccessibleName("States")
        self.filter_edit.setAccessibleName("Filter states")
        self.key = QLabel("Support: lilac at or above the state's threshold, orange below (a vote is needed).")
        self.key.setWordWrap(True)
        self.table.clicked.connect(self._clicked)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(self.filter_edit)
        box.addWidget(self.table)
        box.addWidget(self.key)

    listens = Changes.WORLD | Changes.REVIEW

    def on_changes(self, _changes: Changes, session: Session) -> None:
        if session.game is not None:
            self.model.set_world(session.game.scenario, session.world())

    def show_game(self, game: Game) -> None:
        self.model.set_world(game.scenario, game.world)

    def _clicked(self, index: QModelIndex) -> None:
        self.stateSelected.emit(self.model.state_id(self.proxy.mapToSource(index).row()))


# ---------------------------------------------------------------------------------------------
# Treaties & verdicts
# ---------------------------------------------------------------------------------------------


_QUIET = ("NOT_A_PARTY", "NOT_IN_FORCE")
"""Verdicts that only say the treaty does not apply: folded into one row with a count."""
CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
"""Where a verdict row keeps its code (the row shows it in words)."""


class VerdictTree(QTreeWidget):
    """Treaty → article → one verdict per attack; a verdict's children are its gates (✓ passed, ✗ failed).

    The treaties whose parties are involved come first; the verdicts that only say the victim is not a party (or
    the treaty not in force) fold into one row per article with a count, and treaties with nothing else go into
    one row at the end. Everything is in words (the code in the verdict's tooltip); the "Why" column wraps.

    Signals: ``attackSelected(attack)`` on a click, ``verdictActivated(key)`` on a double click (on the
    verdict or one of its gates), ``menuRequested(item, global_pos)`` on a right click.
    """

    attackSelected = Signal(str)
    verdictActivated = Signal(str)
    menuRequested = Signal(object, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels(["Treaty / article / attack", "Verdict", "Why"])
        self.setColumnWidth(0, 210)
        self.setColumnWidth(1, 130)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.header().setStretchLastSection(True)
        self.setAlternatingRowColors(True)
        self.setAccessibleName("Treaties and verdicts")
        self.itemClicked.connect(self._clicked)
        self.itemExpanded.connect(self._expanded)
        self.itemDoubleClicked.connect(self._double_clicked)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self._scenario: Scenario | None = None
        self._world: WorldState | None = None

    listens = Changes.WORLD | Changes.REVIEW

    NARROW = 560
    """Below this width (a dock at 1024x768) the tree shows the article and its verdict whole; "Why" is further
    right, in the row's tooltip and one scroll away."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        width = self.viewport().width()
        if width < self.NARROW:
            first = max(110, int(width * 0.58))
            self.setColumnWidth(0, first)
            self.setColumnWidth(1, max(80, width - first))
        elif self.columnWidth(0) + self.columnWidth(1) < 340:
            self.setColumnWidth(0, 210)
            self.setColumnWidth(1, 130)

    def on_changes(self, _changes: Changes, session: Session) -> None:
        if session.game is not None:
            self.show_world(session.game.scenario, session.world())

    def show_game(self, game: Game) -> None:
        self.show_world(game.scenario, game.world)

    def show_world(self, scenario: Scenario, world: WorldState) -> None:
        """Rebuild the tree; keep the expanded nodes expanded."""
        self._scenario, self._world = scenario, world
        expanded = {self._path(it) for it in self._all_items() if it.isExpanded()}
        self.setUpdatesEnabled(False)
        self.clear()
        by_article: dict[tuple[str, str], list[Verdict]] = {}
        for vd in world.verdicts.values():
            by_article.setdefault((vd.treaty, vd.article), []).append(vd)
        treaties = list(scenario.treaties)
        charter = getattr(scenario, "charter", None)
        if charter is not None:
            treaties.append(charter)
        day = scenario.date_of(world.turn)
        involved = {a.spec.victim for a in world.attacks.values()}

        def live(treaty: Any) -> int:
            return sum(
                1
                for art in treaty.articles
                for vd in by_article.get((treaty.id, art.id), [])
                if vd.code.value not in _QUIET
            )

        order = sorted(
            treaties,
            key=lambda t: (live(t) == 0, not any(t.is_party(v, day) for v in involved) if t.parties else False),
        )
        others: list[Any] = []
        for treaty in order:
            if live(treaty) == 0 and world.attacks:
                others.append(treaty)
                continue
            self.addTopLevelItem(self._treaty_item(scenario, world, treaty, by_article, day))
        if others:
            names = ", ".join(describe.treaty_short(scenario, t.id) for t in others)
            rest = QTreeWidgetItem([f"Not involved: {describe.plural(len(others), 'treaty', 'treaties')}", "", names])
            rest.setData(0, Qt.ItemDataRole.UserRole, ("others", ""))
            rest.setToolTip(2, "Their verdicts only say the victims are not parties (or the treaty is not in force)")
            self.addTopLevelItem(rest)
            for treaty in others:
                rest.addChild(self._treaty_item(scenario, world, treaty, by_article, day))
        self._add_crisis(scenario, world)
        for it in self._all_items():
            if self._path(it) in expanded:
                it.setExpanded(True)
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            if not expanded and (top.data(0, Qt.ItemDataRole.UserRole) or ("",))[0] == "treaty":
                top.setExpanded(True)
        self.setUpdatesEnabled(True)

    def _treaty_item(
        self,
        scenario: Scenario,
        world: WorldState,
        treaty: Any,
        by_article: dict[tuple[str, str], list[Verdict]],
        day: Any,
    ) -> QTreeWidgetItem:
        n = len(treaty.parties_on(day)) if treaty.parties else 0
        parties = describe.plural(n, "party", "parties") if treaty.parties else "every state"
        t_item = QTreeWidgetItem([describe.treaty_short(scenario, treaty.id), "", f"{treaty.name}: {parties}"])
        t_item.setData(0, Qt.ItemDataRole.UserRole, ("treaty", treaty.id))
        t_item.setToolTip(0, treaty.name)
        for art in treaty.articles:
            a_item = QTreeWidgetItem(
                [describe.article(scenario, treaty.id, art.id), describe.words(art.kind), art.title]
            )
            a_item.setData(0, Qt.ItemDataRole.UserRole, ("article", f"{treaty.id}/{art.id}"))
            a_item.setToolTip(2, art.text or art.title)
            t_item.addChild(a_item)
            verdicts = sorted(
                by_article.get((treaty.id, art.id), []),
                key=lambda v: int(v.attack[1:]) if v.attack[1:].isdigit() else 0,
            )
            quiet: dict[str, list[Verdict]] = {}
            for vd in verdicts:
                if vd.code.value in _QUIET:
                    quiet.setdefault(vd.code.value, []).append(vd)
                else:
                    self._add_verdict(a_item, vd, world)
            for code, vds in quiet.items():
                text, tip = describe.with_code(code)
                row = QTreeWidgetItem([describe.plural(len(vds), "attack"), text, describe.verdict_help(code)])
                row.setData(0, Qt.ItemDataRole.UserRole, ("quiet", f"{treaty.id}/{art.id}/{code}"))
                row.setData(1, CODE_ROLE, code)
                row.setData(2, CODE_ROLE, [str(v.key) for v in vds])
                row.setToolTip(0, "\n".join(describe.attack(scenario, world, v.attack) for v in vds))
                row.setToolTip(1, tip)
                color = VERDICT_COLORS.get(code, (palette.NO_DATA, 0))[0]
                row.setBackground(1, QBrush(QColor(color)))
                row.setForeground(1, QBrush(QColor(palette.text_color_for(color))))
                a_item.addChild(row)
        return t_item

    def _add_crisis(self, scenario: Scenario, world: WorldState) -> None:
        """The crisis beyond the verdicts, one top node per section (attribution, the Security Council,
        consultations, legal clocks, self-defence judged, Art 51 reports, standing), each line in words."""
        lines = crisis_lines(scenario, world)
        for section in SECTIONS:
            rows = [ln for ln in lines if ln.section == section]
            if not rows:
                continue
            top = QTreeWidgetItem([section, "", f"{len(rows)} line{'s' if len(rows) != 1 else ''}"])
            top.setData(0, Qt.ItemDataRole.UserRole, ("crisis", section))
            self.addTopLevelItem(top)
            for ln in rows:
                item = QTreeWidgetItem([ln.label, ln.status, ln.why])
                item.setData(0, Qt.ItemDataRole.UserRole, ("crisis-line", ln.attack, ln.label))
                for col, text in enumerate((ln.label, ln.status, ln.why)):
                    item.setToolTip(col, text)
                top.addChild(item)

    @staticmethod
    def attribution_attack(item: QTreeWidgetItem | None) -> str:
        """The attack of an attribution line ('' for any other row)."""
        if item is None or item.parent() is None:
            return ""
        data = item.data(0, Qt.ItemDataRole.UserRole) or ("",)
        section = tuple(item.parent().data(0, Qt.ItemDataRole.UserRole) or ("", ""))
        return str(data[1]) if data[0] == "crisis-line" and section == ("crisis", "Attribution") else ""

    def crisis_items(self, section: str | None = None) -> list[QTreeWidgetItem]:
        """Crisis lines (optionally of one section) as shown."""
        out = []
        for i in range(self.topLevelItemCount()):
            top = self.topLevelItem(i)
            data = top.data(0, Qt.ItemDataRole.UserRole) or ("",)
            if data[0] == "crisis" and (section is None or data[1] == section):
                out += [top.child(j) for j in range(top.childCount())]
        return out

    def _add_verdict(self, parent: QTreeWidgetItem, vd: Verdict, world: WorldState) -> None:
        sc = self._scenario
        shown = vd.failed_gate or (vd.gates[-1] if vd.gates else None)
        why = describe.clean(shown.detail, sc, world) if shown else ""
        label = describe.attack(sc, world, vd.attack)
        code = vd.code.value
        text, tip = describe.with_code(code)
        item = QTreeWidgetItem([label, text, why])
        item.setData(0, Qt.ItemDataRole.UserRole, ("verdict", str(vd.key)))
        item.setData(1, CODE_ROLE, code)
        color = VERDICT_COLORS.get(code, (palette.NO_DATA, 0))[0]
        item.setBackground(1, QBrush(QColor(color)))
        item.setForeground(1, QBrush(QColor(palette.text_color_for(color))))
        cite = describe.clean(vd.citation, sc, world)
        item.setToolTip(
            1,
            f"{tip}\n{cite}\nObligation: {describe.words(vd.obligation)}; decision: {describe.words(vd.decision_rule)}",
        )
        item.setToolTip(2, why)
        parent.addChild(item)
        # Gate rows are built when the verdict is first expanded (a world holds hundreds of verdicts).
        item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        item.setData(1, Qt.ItemDataRole.UserRole, vd)

    def _expanded(self, item: QTreeWidgetItem) -> None:
        vd = item.data(1, Qt.ItemDataRole.UserRole)
        if isinstance(vd, Verdict) and item.childCount() == 0:
            self._add_gates(item, vd)

    def _add_gates(self, item: QTreeWidgetItem, vd: Verdict) -> None:
        sc, world = self._scenario, self._world
        cite = describe.clean(vd.citation, sc, world)
        for g in vd.gates:
            mark = "✓" if g.passed else "✗"
            detail = describe.clean(g.detail, sc, world)
            child = QTreeWidgetItem(
                [
                    f"{mark} {describe.label(g.name)}",
                    "passed" if g.passed else "failed",
                    detail + (f"  [{cite}]" if cite and not g.passed else ""),
                ]
            )
            child.setData(0, Qt.ItemDataRole.UserRole, ("gate", g.name))
            child.setToolTip(2, detail)
            if not g.passed:
                child.setForeground(0, QBrush(QColor(palette.VERMILLION)))
            item.addChild(child)
        if vd.guarantors:
            item.addChild(QTreeWidgetItem(["Guarantors", "", ", ".join(describe.state(sc, g) for g in vd.guarantors)]))
        if cite:
            item.addChild(QTreeWidgetItem(["Article cited", "", cite]))

    def shown_codes(self) -> dict[str, str]:
        """Every verdict the tree accounts for (key → code), the folded ones included."""
        out: dict[str, str] = {}
        for it in self._all_items():
            kind = (it.data(0, Qt.ItemDataRole.UserRole) or ("",))[0]
            if kind == "verdict":
                out[str(it.data(0, Qt.ItemDataRole.UserRole)[1])] = self.code_of(it)
            elif kind == "quiet":
                out.update({k: self.code_of(it) for k in it.data(2, CODE_ROLE) or []})
        return out

    @staticmethod
    def code_of(item: QTreeWidgetItem) -> str:
        """The verdict code of a verdict row ('' for other rows)."""
        return str(item.data(1, CODE_ROLE) or "")

    def _all_items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            it = stack.pop()
            out.append(it)
            stack.extend(it.child(i) for i in range(it.childCount()))
        return out

    @staticmethod
    def _path(item: QTreeWidgetItem) -> tuple[Any, ...]:
        parts: list[Any] = []
        node: QTreeWidgetItem | None = item
        while node is not None:
            parts.append(tuple(node.data(0, Qt.ItemDataRole.UserRole) or ("", node.text(0))))
            node = node.parent()
        return tuple(reversed(parts))

    def verdict_items(self, code: str | None = None) -> list[QTreeWidgetItem]:
        """Verdict nodes (optionally only those with ``code``)."""
        return [
            it
            for it in self._all_items()
            if (it.data(0, Qt.ItemDataRole.UserRole) or ("",))[0] == "verdict"
            and (code is None or self.code_of(it) == code)
        ]

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data and data[0] == "verdict":
            self.attackSelected.emit(VerdictKey.parse(str(data[1])).attack)
        elif data and data[0] == "crisis-line" and data[1]:
            self.attackSelected.emit(str(data[1]))

    @staticmethod
    def verdict_key(item: QTreeWidgetItem | None) -> str:
        """The verdict key (``NATO:5:A1``) of a verdict row or of one of its gate rows ('' if none)."""
        node = item
        while node is not None and (node.data(0, Qt.ItemDataRole.UserRole) or ("",))[0] != "verdict":
            node = node.parent()
        return str(node.data(0, Qt.ItemDataRole.UserRole)[1]) if node is not None else ""

    def _double_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = self.verdict_key(item)
        if key:
            self.verdictActivated.emit(key)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is not None:
            self.menuRequested.emit(item, self.viewport().mapToGlobal(pos))


# ---------------------------------------------------------------------------------------------
# Event log
# ---------------------------------------------------------------------------------------------


class EventsModel(QAbstractTableModel):
    """All events of the game, in order."""

    HEADERS = ("Turn", "Kind", "Subject", "Summary")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.events: list[Event] = []
        self._states: list[set[str]] = []
        self.scenario: Scenario | None = None
        self.world: WorldState | None = None
        self._words: dict[int, tuple[str, str, str, str]] = {}

    def set_context(self, scenario: Scenario, world: WorldState) -> None:
        """The scenario and world whose names the events are written with."""
        if scenario is not self.scenario:
            self._words = {}
        self.scenario, self.world = scenario, world

    def set_events(self, events: list[Event]) -> None:
        self.beginResetModel()
        self.events = list(events)
        self._states = [self._involved(e) for e in self.events]
        self._words = {}
        self.endResetModel()

    def words(self, row: int) -> tuple[str, str, str, str]:
        """(kind, subject, summary, tooltip) of an event in words (made once per row)."""
        got = self._words.get(row)
        if got is None:
            ev, sc, w = self.events[row], self.scenario, self.world
            lines = [describe.clean(ev.summary, sc, w)]
            lines += [
                f"{'✓' if r.passed else ('✗' if r.passed is False else '•')} {describe.label(r.label)}: "
                f"{describe.clean(r.detail, sc, w)}" + (f" [{describe.clean(r.citation, sc, w)}]" if r.citation else "")
                for r in ev.reasons
            ]
            got = self._words[row] = (
                describe.words(ev.kind.value),
                describe.subject(sc, w, ev.subject),
                lines[0],
                "\n".join(lines),
            )
        return got

    def append_events(self, events: list[Event]) -> None:
        """Add the events of newly resolved turns without resetting the model."""
        if not events:
            return
        first = len(self.events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self.events.extend(events)
        self._states.extend(self._involved(e) for e in events)
        self.endInsertRows()

    @staticmethod
    def _involved(ev: Event) -> set[str]:
        out = {ev.subject}
        for key in ("state", "attacker", "victim", "owner"):
            v = ev.data.get(key)
            if isinstance(v, str):
                out.add(v)
        return out

    def involves(self, row: int, state: str) -> bool:
        return state in self._states[row] or state in self.events[row].summary

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.events)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        ev = self.events[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            col = index.column()
            if col == 0:
                return ev.turn if role == Qt.ItemDataRole.UserRole else str(ev.turn)
            return self.words(index.row())[col - 1]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.words(index.row())[3]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class EventFilter(QSortFilterProxyModel):
    """Filters events by turn, kind, state and free text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turn: int | None = None
        self.kind = ""
        self.state = ""
        self.text = ""

    def set_filters(self, *, turn: int | None, kind: str, state: str, text: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.9
            self.beginFilterChange()
            self.turn, self.kind, self.state, self.text = turn, kind, state, text.casefold()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.turn, self.kind, self.state, self.text = turn, kind, state, text.casefold()
            self.invalidateFilter()

    def filterAcceptsRow(self, row: int, parent: _Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EventsModel)
        ev = model.events[row]
        if self.turn is not None and ev.turn != self.turn:
            return False
        if self.kind and ev.kind.value != self.kind:
            return False
        if self.state and not model.involves(row, self.state):
            return False
        if self.text and self.text not in f"{ev.subject} {ev.summary} {' '.join(model.words(row)[1:3])}".casefold():
            return False
        return True


class EventLogPanel(QWidget):
    """The event log with filters (turn, kind, state) and a text search.

    Signal ``eventActivated(turn, seq)``: an event was double-clicked.
    """

    eventActivated = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = EventsModel(self)
        self._behind: Session | None = None
        """Set while new turns wait to be read (the log was off screen when they came)."""
        self.proxy = EventFilter(self)
        self.proxy.setSourceModel(self._model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.turn_spin = QSpinBox()
        self.turn_spin.setRange(-1, 0)
        self.turn_spin.setSpecialValueText("all turns")
        self.turn_spin.setValue(-1)
        self.turn_spin.setToolTip("Show one turn only")
        self.kind_combo = QComboBox()
        self.kind_combo.addItem("all kinds", "")
        for k in EventKind:
            self.kind_combo.addItem(describe.words(k.value), k.value)
        self.kind_combo.setToolTip("Show one kind of event only")
        self.state_combo = QComboBox()
        self.state_combo.addItem("all states", "")
        self.state_combo.setToolTip("Show events involving one state")
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search…")
        self.search_edit.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for col, width in ((0, 44), (1, 90), (2, 120)):
            self.table.setColumnWidth(col, width)
        bar = QHBoxLayout()
        bar.addWidget(self.turn_spin)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.state_combo)
        bar.addWidget(self.search_edit, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addLayout(bar)
        box.addWidget(self.table)
        self.turn_spin.valueChanged.connect(self._apply)
        self.kind_combo.currentIndexChanged.connect(self._apply)
        self.state_combo.currentIndexChanged.connect(self._apply)
        self.search_edit.textChanged.connect(self._apply)
        self.table.doubleClicked.connect(self._activated)

    listens = Changes.WORLD | Changes.REVIEW

    @property
    def model(self) -> EventsModel:
        """The events shown (the turns that came while the log was off screen read first)."""
        self._catch_up()
        return self._model

    def on_shown(self) -> None:
        """Its tab came up: read the turns that came meanwhile."""
        self._catch_up()

    def _catch_up(self) -> None:
        session, self._behind = self._behind, None
        if session is not None and session.can_touch():
            self.on_changes(Changes.TURN_ADVANCED, session, now=True)

    def on_changes(self, changes: Changes, session: Session, *, now: bool = False) -> None:
        """Every event of the game (appending the new turns'); in review mode, the reviewed turn's. New turns wait
        while the log is off screen (its tab behind another): reading them is the costly part of an advance."""
        game = session.game
        if game is None:
            return
        if changes == Changes.TURN_ADVANCED and not now and not on_screen(self) and not session.reviewing:
            self._behind = session
            return
        self._behind = None
        if changes & Changes.GAME_OPENED:
            self.state_combo.blockSignals(True)
            while self.state_combo.count() > 1:  # another game may have other states
                self.state_combo.removeItem(1)
            self.state_combo.setCurrentIndex(0)
            self.state_combo.blockSignals(False)
            self._apply()
        if changes & (Changes.WORLD | Changes.REVIEW_STARTED | Changes.REVIEW_ENDED):
            self.show_game(game)
        if session.reviewing:
            self.turn_spin.setValue(session.review.turn)
        elif changes & Changes.REVIEW_ENDED:
            self.turn_spin.setValue(-1)

    def show_game(self, game: Game) -> None:
        self._model.set_context(game.scenario, game.world)
        if self.state_combo.count() == 1:
            for sid, st in sorted(game.scenario.states.items(), key=lambda kv: kv[1].name):
                self.state_combo.addItem(st.name, sid)
        self.turn_spin.setMaximum(game.last_turn)
        # A live game only grows: read just the turns not shown yet. Anything else (another game, a review
        # view, a branch) is read whole.
        key = (str(getattr(game, "path", "")), type(game).__name__)
        loaded = getattr(self, "_loaded", None)
        if (
            isinstance(game, Game)
            and loaded is not None
            and loaded[0] == key
            and loaded[1] <= game.last_turn
            and len(self._model.events) == loaded[2]
        ):
            new = game.events(from_turn=loaded[1] + 1) if loaded[1] < game.last_turn else []
            self._model.append_events(new)
        else:
            self._model.set_events(game.events())
        self._loaded = (key, game.last_turn if isinstance(game, Game) else -1, len(self._model.events))
        self.table.scrollToBottom()

    def _apply(self) -> None:
        turn = self.turn_spin.value()
        self.proxy.set_filters(
            turn=None if turn < 0 else turn,
            kind=str(self.kind_combo.currentData() or ""),
            state=str(self.state_combo.currentData() or ""),
            text=self.search_edit.text(),
        )

    def visible_rows(self) -> int:
        self._catch_up()
        return self.proxy.rowCount()

    def _activated(self, index: QModelIndex) -> None:
        src = self.proxy.mapToSource(index)
        if src.isValid():
            ev = self._model.events[src.row()]
            self.eventActivated.emit(ev.turn, ev.seq)


# ---------------------------------------------------------------------------------------------
# State inspector
# ---------------------------------------------------------------------------------------------


class InspectorPanel(QTextBrowser):
    """One state's opinion and budget, term by term; its treaties; its forces."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ""
        self.setOpenLinks(False)

    listens = Changes.WORLD | Changes.REVIEW | Changes.STATE_SELECTED

    def on_changes(self, changes: Changes, session: Session) -> None:
        if changes & Changes.GAME_OPENED:
            self.state = ""
        if session.game is not None:
            self.show_state(session.view(), session.selected_state or self.state)

    def show_state(self, game: Game | Any, sid: str) -> None:
        self.state = sid
        self.show_game(game)

    def show_game(self, game: Game | Any) -> None:
        """``game``: a :class:`Game` or anything that reads like one (a review's ``TurnView``)."""
        sc, w = game.scenario, game.world
        if self.state not in sc.states:
            self.setHtml("<p>Click a state on the map or in the States table.</p>")
            return
        st = sc.states[self.state]
        n = w.nations.get(self.state)
        day = sc.date_of(w.turn)
        h = [
            f"<h3>{st.name}</h3>",
            f"<p>{describe.words(st.government)}, doctrine {describe.words(st.doctrine)}; support threshold "
            f"{st.support_threshold:g}%; legislative lag {st.legislative_lag_days:g} days"
            f"{'; needs prior approval' if st.needs_prior_approval else ''}.</p>",
        ]
        if n is not None:
            h.append(f"<h4>Support {n.support:.1f}%</h4><table cellspacing=2>")
            h += [
                f"<tr><td>{t.label}</td><td align=right>{t.value:+.1f}</td>"
                f"<td><i>{describe.clean(t.source, sc, w)}</i></td></tr>"
                for t in n.support_terms
            ]
            h.append(
                f"</table><h4>Operations budget ${n.budget_musd:,.1f}M{' (exhausted)' if n.exhausted else ''}</h4><table cellspacing=2>"
            )
            h += [
                f"<tr><td>{t.label}</td><td align=right>{t.value:+,.1f}</td>"
                f"<td><i>{describe.clean(t.source, sc, w)}</i></td></tr>"
                for t in n.budget_terms
            ]
            h.append("</table>")
            if n.approvals:
                h.append(
                    "<p>Pending approvals: "
                    + ", ".join(f"{describe.clean(k, sc, w)} (vote turn {v})" for k, v in sorted(n.approvals.items()))
                    + "</p>"
                )
        treaties = [t for t in sc.treaties if t.is_party(self.state, day)]
        h.append(
            "<h4>Treaties</h4><p>"
            + (", ".join(f"{describe.treaty_short(sc, t.id)} ({t.name})" for t in treaties) or "none")
            + "</p>"
        )
        h.append("<h4>Forces</h4><ul>")
        for f in sc.forces:
            if f.owner != self.state:
                continue
            fs = w.forces.get(f.id)
            where = (
                f"{describe.words(fs.status)} at {describe.place(sc, fs.location)}"
                + (f" → {describe.place(sc, fs.destination)}" if fs and fs.destination else "")
                if fs
                else "unknown"
            )
            h.append(f"<li>{f.name} ({describe.words(f.kind)}): {where}</li>")
        h.append("</ul>")
        self.setHtml("".join(h))


# ---------------------------------------------------------------------------------------------
# Pending commands and turn summary
# ---------------------------------------------------------------------------------------------


class PendingPanel(QWidget):
    """Pending injects and decisions for the next turn, with Edit / Remove / Undo / Redo buttons."""

    editRequested = Signal(object)
    """The :class:`~wargame.app.models.CommandView` to edit."""
    removeRequested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemDoubleClicked.connect(lambda it: self.editRequested.emit(it.data(Qt.ItemDataRole.UserRole)))
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setToolTip("Edit the selected attack (double-click works too)")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setToolTip("Remove the selected command (undoable)")
        self.edit_button.clicked.connect(lambda: self._emit(self.editRequested))
        self.remove_button.clicked.connect(lambda: self._emit(self.removeRequested))
        self.undo_row = QGridLayout()  # two buttons a row: the dock stays narrow on a small screen
        self.undo_row.addWidget(self.edit_button, 0, 0)
        self.undo_row.addWidget(self.remove_button, 0, 1)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        self.heading = QLabel("Nothing pending for the next turn.")
        box.addWidget(self.heading)
        box.addWidget(self.list)
        box.addLayout(self.undo_row)

    def add_buttons(self, *buttons: QWidget) -> None:
        for b in buttons:
            n = self.undo_row.count()
            self.undo_row.addWidget(b, n // 2, n % 2)

    def _emit(self, signal: Any) -> None:
        item = self.list.currentItem()
        if item is not None:
            signal.emit(item.data(Qt.ItemDataRole.UserRole))

    listens = Changes.WORLD | Changes.PENDING_CHANGED | Changes.REVIEW_ENDED

    def on_changes(self, _changes: Changes, session: Session) -> None:
        if session.game is not None and not session.reviewing:
            self.show_game(session.game)

    def show_game(self, game: Game) -> None:
        self.show_records(game.pending(), game.last_turn + 1)

    def show_records(self, records: list[CommandView], next_turn: int) -> None:
        self.list.clear()
        for rec in records:
            item = QListWidgetItem(rec.description)
            item.setData(Qt.ItemDataRole.UserRole, rec)
            item.setToolTip(f"Command {rec.id} for turn {rec.turn} by {rec.seat}")
            self.list.addItem(item)
        self.heading.setText(
            f"{describe.plural(len(records), 'command')} pending for turn {next_turn}."
            if records
            else f"Nothing pending for turn {next_turn}."
        )

    def records(self) -> list[CommandView]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]


class SummaryPanel(QPlainTextEdit):
    """The last advance's turn summaries (headlines); in review mode, the reviewed turn's."""

    listens = Changes.WORLD | Changes.REVIEW

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setPlaceholderText("Advance a turn (F5) to see what happened.")
        self._review_summaries: dict[int, Any] = {}

    def on_changes(self, changes: Changes, session: Session) -> None:
        game = session.game
        if game is None:
            return
        if session.reviewing:
            if changes & Changes.REVIEW_STARTED or not self._review_summaries:
                self._review_summaries = game.summaries()
            t = session.review.turn
            summary = self._review_summaries.get(t)
            self.show_text(summaries_text([summary], game.scenario, session.world()) if summary else f"Turn {t}")
            return
        self._review_summaries = {}
        if changes & Changes.TURN_ADVANCED and session.last_summaries:
            self.show_text(summaries_text(list(reversed(session.last_summaries)), game.scenario, game.world))
        elif changes & (Changes.GAME_OPENED | Changes.RELOADED):
            summary = game.summaries().get(game.last_turn)
            self.show_text(summaries_text([summary], game.scenario, game.world) if summary else "")

    def show_text(self, text: str) -> None:
        self.setPlainText(text)
