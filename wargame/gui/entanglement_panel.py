"""The "Drawn in & deterrence" dock: how states got drawn into an attack, and deterrence as the aggressor AI
reads it (for the white cell).

It reads :mod:`wargame.app.entanglement` for the shown world (the reviewed turn in review mode), and only while
it is visible: a hidden tab marks itself stale and rebuilds when shown, so an advance does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.app import describe, entanglement
from wargame.gui.docks import on_screen
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session


class EntanglementPanel(QWidget):
    """The chain from an attack to the states committed, and the AI's deterrence readings."""

    listens = Changes.WORLD | Changes.REVIEW | Changes.GAME_CLOSED

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("EntanglementPanel")
        self._session: Session | None = None
        self._stale = True
        self.attack_combo = QComboBox()
        self.attack_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.attack_combo.setMinimumContentsLength(24)  # long attack names must not widen the dock or the toolbar
        self.attack_combo.setAccessibleName("Attack followed")
        self.attack_combo.setToolTip("The attack whose chain is shown: how did we get drawn in?")
        self.chain_tree = QTreeWidget()
        self.chain_tree.setAccessibleName("How states got drawn in")
        self.chain_tree.setHeaderLabels(["How we got drawn in", "Turn"])
        self.chain_tree.setColumnWidth(0, 330)
        self.chain_tree.setWordWrap(True)
        self.deterrence_tree = QTreeWidget()
        self.deterrence_tree.setAccessibleName("Deterrence as the AI reads it")
        self.deterrence_tree.setHeaderLabels(["Aggressor / target", "Own power", "Defence", "Ratio", "Would trigger"])
        self.deterrence_tree.setColumnWidth(0, 190)
        self.deterrence_note = QLabel()
        self.deterrence_note.setWordWrap(True)
        box_d = QGroupBox("The AI's deterrence reading")
        box_d.setToolTip("Deterrence as the aggressor AI reads it (for the white cell)")
        lay_d = QVBoxLayout(box_d)
        lay_d.addWidget(self.deterrence_note)
        lay_d.addWidget(self.deterrence_tree)
        box_c = QWidget()
        lay_c = QVBoxLayout(box_c)
        lay_c.setContentsMargins(0, 0, 0, 0)
        lay_c.addWidget(self.attack_combo)
        lay_c.addWidget(self.chain_tree)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(box_c)
        split.addWidget(box_d)
        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        box.addWidget(split)
        self.attack_combo.currentIndexChanged.connect(lambda _i: self._show_chain())

    # ------------------------------------------------------------------ notices
    def on_changes(self, _changes: Changes, session: Session) -> None:
        self._session = session
        self._stale = True
        if on_screen(self):
            self.rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.on_shown()

    def on_shown(self) -> None:
        """Its tab came up: catch up with what changed meanwhile."""
        if self._stale and self.isVisible():
            self.rebuild()

    def _events(self) -> list[Any]:
        s = self._session
        assert s is not None and s.game is not None
        if s.reviewing:
            return s.review.index.upto(s.review.turn)
        return s.game.events()

    def rebuild(self) -> None:
        """Read the shown world again (the attacks, the chain, the AI's readings)."""
        s = self._session
        self._stale = False
        if s is None or s.game is None or not s.can_touch():
            self.chain_tree.clear()
            self.deterrence_tree.clear()
            return
        world, sc = s.world(), s.game.scenario
        current = self.attack_combo.currentData()
        self.attack_combo.blockSignals(True)
        self.attack_combo.clear()
        for aid in sorted(world.attacks, key=lambda a: int(a[1:]) if a[1:].isdigit() else 0):
            self.attack_combo.addItem(describe.attack(sc, world, aid), aid)
        i = self.attack_combo.findData(current)
        self.attack_combo.setCurrentIndex(i if i >= 0 else self.attack_combo.count() - 1)
        self.attack_combo.blockSignals(False)
        self._events_cache = self._events()
        self._show_chain()
        self._show_deterrence()

    def select_attack(self, aid: str) -> None:
        if self._stale:
            self.rebuild()
        i = self.attack_combo.findData(aid)
        if i >= 0:
            self.attack_combo.setCurrentIndex(i)

    def _show_chain(self) -> None:
        s = self._session
        self.chain_tree.clear()
        aid = str(self.attack_combo.currentData() or "")
        if s is None or s.game is None or not aid or not s.can_touch():
            return
        root = entanglement.chain(s.game.scenario, s.world(), getattr(self, "_events_cache", []), aid)
        if root is None:
            return

        def add(step: entanglement.ChainStep, parent: QTreeWidget | QTreeWidgetItem) -> None:
            item = QTreeWidgetItem([step.text, "" if step.turn is None else str(step.turn)])
            item.setToolTip(0, step.detail or step.text)
            if isinstance(parent, QTreeWidget):
                parent.addTopLevelItem(item)
            else:
                parent.addChild(item)
            for child in step.children:
                add(child, item)
            item.setExpanded(step.kind in ("attack", "article", "committed"))

        add(root, self.chain_tree)

    def chain_texts(self) -> list[str]:
        """Every line of the chain shown, depth first (for tests; brought up to date first)."""
        if self._stale:
            self.rebuild()
        out: list[str] = []

        def walk(item: QTreeWidgetItem) -> None:
            out.append(item.text(0))
            for i in range(item.childCount()):
                walk(item.child(i))

        for i in range(self.chain_tree.topLevelItemCount()):
            walk(self.chain_tree.topLevelItem(i))
        return out

    def _show_deterrence(self) -> None:
        s = self._session
        self.deterrence_tree.clear()
        if s is None or s.game is None:
            return
        game = s.game
        if game.controlled and not s.reviewing:
            self.deterrence_note.setText("The AI's reasoning is for the white cell: it shows in review mode.")
            return
        sc = game.scenario
        turns = entanglement.deterrence(sc, self._events_cache, upto=s.review.turn if s.reviewing else None)
        if not turns:
            self.deterrence_note.setText(
                "No aggressor AI has weighed a target in this game yet (it plays the states a solo game gives it)."
            )
            return
        self.deterrence_note.setText(
            "Ratio = the defence it expects within its horizon (allies discounted by how credible it finds them) over "
            "its own power in reach, as it reads it: the lower, the weaker the deterrence."
        )
        for t in turns:
            head = QTreeWidgetItem([f"{describe.state(sc, t.state)} (turn {t.turn})", "", "", "", ""])
            if t.decision[0]:
                head.setText(4, f"{describe.label(t.decision[0])}: {describe.clean(t.decision[1], sc, None)}")
                head.setToolTip(4, describe.clean(t.decision[1], sc, None))
            self.deterrence_tree.addTopLevelItem(head)
            for r in sorted(t.readings, key=lambda r: (r.ratio is None, r.ratio or 0.0)):
                if r.ratio is None:
                    row = QTreeWidgetItem([describe.place(sc, r.target), "", "", "", describe.clean(r.text, sc, None)])
                else:
                    row = QTreeWidgetItem(
                        [
                            f"{describe.place(sc, r.target)} ({describe.state(sc, r.victim)})",
                            f"{r.own:.1f}",
                            f"{r.defence:.1f}",
                            f"{r.ratio:.2f}",
                            ", ".join(r.triggers) or "nothing",
                        ]
                    )
                    if r.perception is not None:
                        row.setToolTip(3, f"read through its misperception × {r.perception:.2f}")
                head.addChild(row)
            head.setExpanded(True)
