"""The decisions panel: what a controlled state decides, with its constraints shown first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wargame.app import Game, describe
from wargame.app.types import Scenario, WorldState
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session


def constraints_text(scenario: Scenario, world: WorldState, sid: str) -> str:
    """Support vs threshold, budget, approval lag and pending votes of a state, as plain lines."""
    st = scenario.states[sid]
    n = world.nations.get(sid)
    lines: list[str] = []
    if n is not None:
        ok = n.support >= st.support_threshold
        weight = " (weighs lightly: autocracy)" if st.government.value == "autocracy" else ""
        lines.append(
            f"Support {n.support:.0f}% vs threshold {st.support_threshold:.0f}%: "
            f"{'enough to deploy abroad' if ok else 'a deployment abroad needs a legislative vote'}{weight}"
        )
        supp = scenario.rules.supplemental_share * st.defence_budget_busd * 1000
        lines.append(
            f"Operations budget ${n.budget_musd:,.0f}M{' — EXHAUSTED: readiness degrades' if n.exhausted else ''}; "
            f"a supplemental would ask ${supp:,.0f}M"
            + (f" (vote pending, turn {n.supplemental_pending})" if n.supplemental_pending is not None else "")
        )
        if n.approvals:
            lines.append(
                "Votes pending: "
                + ", ".join(f"{describe.clean(k, scenario, world)} on turn {v}" for k, v in sorted(n.approvals.items()))
            )
    lag = st.legislative_lag_days
    lines.append(
        f"Legislative approval takes {describe.plural(lag, 'day')}"
        + ("; required before any deployment abroad" if st.needs_prior_approval else "")
        if lag
        else "The executive decides without a legislative lag"
    )
    return "\n".join(lines)


class DecisionsPanel(QWidget):
    """Pick a state, see its constraints, then record a decision.

    Emits ``decisionRequested(state, action, fields, text)``; the main window records it
    (undoably) or shows why it is refused.
    """

    decisionRequested = Signal(str, str, object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._game: Game | None = None
        self.state_combo = QComboBox()
        self.state_combo.setToolTip("The state whose decisions you take (the facilitator controls all)")
        self.constraints = QLabel()
        self.constraints.setWordWrap(True)
        self.constraints.setObjectName("constraints")

        self.invocation_combo = QComboBox()
        self.invocation_combo.setToolTip("A treaty article's verdict for an attack, where this state has a say")
        self.support_button = QPushButton("Accept (support)")
        self.object_button = QPushButton("Block (object)")
        self.decline_button = QPushButton("Decline to assist")
        self.consult_button = QPushButton("Request consultations")
        self.request_button = QPushButton("Request assistance")
        self.support_button.setToolTip("Support invoking the article (the decision rule counts it)")
        self.object_button.setToolTip("Object: under consensus one objection blocks the invocation")
        self.decline_button.setToolTip("Decline to assist in this attack beyond statements")
        self.consult_button.setToolTip("Ask for consultations under every consultation article")
        self.request_button.setToolTip("As the victim, declare the attack and request assistance")
        inv = QGroupBox("Invocations")
        inv_box = QVBoxLayout(inv)
        inv_box.addWidget(self.invocation_combo)
        row = QHBoxLayout()
        for b in (self.support_button, self.object_button, self.decline_button):
            row.addWidget(b)
        inv_box.addLayout(row)
        row2 = QHBoxLayout()
        row2.addWidget(self.consult_button)
        row2.addWidget(self.request_button)
        inv_box.addLayout(row2)

        self.force_combo = QComboBox()
        self.destination_combo = QComboBox()
        self.destination_combo.setEditable(True)
        self.engage_check = QCheckBox("engage on arrival")
        self.engage_check.setChecked(True)
        self.mobilise_button = QPushButton("Mobilise")
        self.deploy_button = QPushButton("Deploy")
        self.mobilise_button.setToolTip("Start getting the force ready (costs money every day)")
        self.deploy_button.setToolTip("Send the force to the destination; it leaves once ready")
        frc = QGroupBox("Forces")
        form = QFormLayout(frc)
        form.addRow("Force:", self.force_combo)
        form.addRow("Destination:", self.destination_combo)
        form.addRow("", self.engage_check)
        row3 = QHBoxLayout()
        row3.addWidget(self.mobilise_button)
        row3.addWidget(self.deploy_button)
        form.addRow(row3)

        self.supplemental_button = QPushButton("Request a supplemental budget")
        self.supplemental_button.setToolTip(
            "Ask the legislature for more money; passes with a probability that rises with support, after a lag"
        )
        bud = QGroupBox("Budget")
        QVBoxLayout(bud).addWidget(self.supplemental_button)

        box = QVBoxLayout(self)
        box.setContentsMargins(2, 2, 2, 2)
        top = QFormLayout()
        top.addRow("State:", self.state_combo)
        box.addLayout(top)
        box.addWidget(self.constraints)
        box.addWidget(inv)
        box.addWidget(frc)
        box.addWidget(bud)
        box.addStretch(1)

        self.state_combo.currentIndexChanged.connect(self._state_changed)
        self.invocation_combo.currentIndexChanged.connect(lambda _i: self._default_destination())
        self.support_button.clicked.connect(lambda: self._stance("support"))
        self.object_button.clicked.connect(lambda: self._stance("object"))
        self.decline_button.clicked.connect(lambda: self._attack_action("decline"))
        self.consult_button.clicked.connect(lambda: self._attack_action("consult"))
        self.request_button.clicked.connect(lambda: self._attack_action("request"))
        self.mobilise_button.clicked.connect(self._mobilise)
        self.deploy_button.clicked.connect(self._deploy)
        self.supplemental_button.clicked.connect(
            lambda: self._emit("supplemental", {}, f"{self._name()}: request a supplemental budget")
        )

    # ------------------------------------------------------------------ data
    listens = Changes.WORLD | Changes.REVIEW_ENDED | Changes.STATE_SELECTED

    def on_changes(self, changes: Changes, session: Session) -> None:
        """The game at its last turn (never the reviewed turn: decisions are for the next turn)."""
        if session.game is None or session.reviewing:
            return
        if changes & Changes.GAME_OPENED:
            self.state_combo.blockSignals(True)
            self.state_combo.clear()  # another game may have other states
            self.state_combo.blockSignals(False)
        if changes & (Changes.WORLD | Changes.REVIEW_ENDED):
            self.show_game(session.game)
        if changes & Changes.STATE_SELECTED and session.selected_state:
            self.set_state(session.selected_state)

    def show_game(self, game: Game) -> None:
        self._game = game
        if self.state_combo.count() == 0:
            self.state_combo.blockSignals(True)
            for sid, st in sorted(game.scenario.states.items(), key=lambda kv: kv[1].name):
                self.state_combo.addItem(st.name, sid)
            self.state_combo.blockSignals(False)
            self.destination_combo.clear()
            for lid, loc in sorted(game.scenario.locations.items(), key=lambda kv: kv[1].name):
                self.destination_combo.addItem(loc.name, lid)
        self._state_changed()

    def set_state(self, sid: str) -> None:
        i = self.state_combo.findData(sid)
        if i >= 0:
            self.state_combo.setCurrentIndex(i)

    def state(self) -> str:
        return str(self.state_combo.currentData() or "")

    def _state_changed(self) -> None:
        game = self._game
        sid = self.state()
        if game is None or not sid:
            return
        sc, w = game.scenario, game.world
        self.constraints.setText(constraints_text(sc, w, sid))
        self.invocation_combo.clear()
        day = sc.date_of(w.turn)
        for key, vd in sorted(w.verdicts.items(), key=lambda kv: (-int(kv[0].attack[1:] or 0), str(kv[0]))):
            if vd.code.value in ("NOT_A_PARTY", "NOT_IN_FORCE"):
                continue  # nothing to decide under a treaty that does not apply
            treaty = next((t for t in sc.treaties if t.id == vd.treaty), None)
            if treaty is None or not treaty.is_party(sid, day):
                continue
            col = w.collectives.get(key)
            status = f", {describe.outcome(col.outcome)}" if col else ""
            self.invocation_combo.addItem(
                f"{describe.verdict_key(sc, w, key)}: {describe.verdict(vd.code)}{status}",
                (vd.treaty, vd.article, vd.attack),
            )
        covered = {(self.invocation_combo.itemData(i) or ("", "", ""))[2] for i in range(self.invocation_combo.count())}
        for aid in sorted(w.attacks, key=lambda a: -int(a[1:] or 0)):
            if aid not in covered:
                self.invocation_combo.addItem(describe.attack(sc, w, aid), ("", "", aid))
        self.force_combo.clear()
        for f in sc.forces:
            if f.owner == sid:
                fs = w.forces.get(f.id)
                self.force_combo.addItem(
                    f"{f.name} — {describe.words(fs.status) if fs else 'unknown'}, "
                    f"ready in {describe.plural(f.readiness_days, 'day')}",
                    f.id,
                )
        self._default_destination()
        has_inv = self.invocation_combo.count() > 0
        for b in (
            self.support_button,
            self.object_button,
            self.decline_button,
            self.consult_button,
            self.request_button,
        ):
            b.setEnabled(has_inv)
        has_force = self.force_combo.count() > 0
        self.mobilise_button.setEnabled(has_force)
        self.deploy_button.setEnabled(has_force)

    def _default_destination(self) -> None:
        """A deployment goes by default to the place of the attack the chosen invocation answers."""
        game = self._game
        _t, _a, attack = self.invocation_combo.currentData() or ("", "", "")
        if game is None or not attack or attack not in game.world.attacks:
            return
        i = self.destination_combo.findData(game.world.attacks[attack].spec.location)
        if i >= 0:
            self.destination_combo.setCurrentIndex(i)

    # ------------------------------------------------------------------ actions
    def _emit(self, action: str, fields: dict[str, Any], text: str) -> None:
        if self.state():
            self.decisionRequested.emit(self.state(), action, fields, text)

    def _stance(self, stance: str) -> None:
        treaty, article, attack = self.invocation_combo.currentData() or ("", "", "")
        self._emit(
            "stance",
            {"treaty": treaty, "article": article, "attack": attack, "stance": stance},
            f"{self._name()}: {stance} {describe.article(self._scenario(), treaty, article)} for {attack}",
        )

    def _attack_action(self, action: str) -> None:
        _t, _a, attack = self.invocation_combo.currentData() or ("", "", "")
        self._emit(action, {"attack": attack}, f"{self._name()}: {action} ({attack})")

    def _mobilise(self) -> None:
        fid = str(self.force_combo.currentData() or "")
        self._emit(
            "mobilise", {"force": fid}, f"{self._name()}: mobilise {self.force_combo.currentText().split(' — ')[0]}"
        )

    def _deploy(self) -> None:
        fid = str(self.force_combo.currentData() or "")
        text = self.destination_combo.currentText().strip()
        dest = str(self.destination_combo.currentData() or "")
        if text != self.destination_combo.itemText(self.destination_combo.currentIndex()):
            named = [
                self.destination_combo.itemData(i)
                for i in range(self.destination_combo.count())
                if self.destination_combo.itemText(i).casefold() == text.casefold()
            ]
            dest = named[0] if named else (text.rsplit("(", 1)[-1].rstrip(")") if "(" in text else text)
        fields = {"force": fid, "destination": dest, "engage": self.engage_check.isChecked()}
        self._emit(
            "deploy", fields, f"{self._name()}: deploy {self.force_combo.currentText().split(' — ')[0]} to {text}"
        )

    def _scenario(self) -> Any:
        return self._game.scenario if self._game is not None else None

    def _name(self) -> str:
        return describe.state(self._scenario(), self.state())
