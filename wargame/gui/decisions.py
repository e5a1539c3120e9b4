"""The decisions panel: what a controlled state decides, with its constraints shown first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wargame.app import Game, describe
from wargame.app.crisis_view import DRAFT_KINDS, DRAFT_WORDS, council_members, drafts_awaiting, forums, measures_for
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
        self.consult_button.setToolTip(
            "Ask for consultations about the attack under the chosen treaty's consultation article "
            "(or under every one the state is a party to)"
        )
        self.request_button.setToolTip(
            "As the victim, request assistance under the chosen article (or under every defence article)"
        )
        self.forum_combo = QComboBox()
        self.forum_combo.setToolTip("The treaty article a request or consultation is made under")
        self.declare_button = QPushButton("Declare attacked")
        self.declare_button.setToolTip("As the victim, declare that an armed attack took place (ICJ Nicaragua §195)")
        self.notify_button = QPushButton("Notify the Council")
        self.notify_button.setToolTip(
            "Write to the Security Council about the attack (for a state using force: its report under Art 51)"
        )
        inv = QGroupBox("Invocations")
        inv_box = QVBoxLayout(inv)
        inv_box.addWidget(self.invocation_combo)
        row = QHBoxLayout()
        for b in (self.support_button, self.object_button, self.decline_button):
            row.addWidget(b)
        inv_box.addLayout(row)
        under = QFormLayout()
        under.addRow("Under:", self.forum_combo)
        inv_box.addLayout(under)
        row2 = QHBoxLayout()
        row2.addWidget(self.consult_button)
        row2.addWidget(self.request_button)
        inv_box.addLayout(row2)
        row2b = QHBoxLayout()
        row2b.addWidget(self.declare_button)
        row2b.addWidget(self.notify_button)
        inv_box.addLayout(row2b)
        self.measure_combo = QComboBox()
        self.measure_combo.setToolTip("A defensive measure the treaty's body can decide (NATO, Rio, US-ROK)")
        self.measure_button = QPushButton("Ask for it")
        self.measure_button.setToolTip("Ask the consultation body for the measure about the chosen attack")
        row2c = QHBoxLayout()
        row2c.addWidget(self.measure_combo, 1)
        row2c.addWidget(self.measure_button)
        inv_box.addLayout(row2c)

        self.draft_combo = QComboBox()
        for kind in DRAFT_KINDS:
            self.draft_combo.addItem(f"{kind}: {DRAFT_WORDS[kind]} the attacker", kind)
        self.draft_combo.setToolTip("The kind of draft resolution to table about the chosen attack")
        self.table_button = QPushButton("Table the draft")
        self.table_button.setToolTip("Table a draft before the Security Council naming the attack's author")
        self.vote_combo = QComboBox()
        self.vote_combo.setToolTip("Drafts awaiting a vote of the Council's members")
        self.yes_button = QPushButton("Vote yes")
        self.no_button = QPushButton("Vote no")
        self.abstain_button = QPushButton("Abstain")
        self.no_button.setToolTip("A permanent member's no is a veto (UN Charter Art 27(3))")
        self.abstain_button.setToolTip("An abstention is not a veto (ICJ Namibia §22)")
        self.uniting_button = QPushButton("Uniting for Peace")
        self.uniting_button.setToolTip(
            "After a veto on the chosen attack, take the question to the General Assembly (res 377 (V))"
        )
        unsc = QGroupBox("Security Council")
        unsc_form = QFormLayout(unsc)
        row4 = QHBoxLayout()
        row4.addWidget(self.draft_combo, 1)
        row4.addWidget(self.table_button)
        unsc_form.addRow("Draft:", row4)
        unsc_form.addRow("Awaiting:", self.vote_combo)
        row5 = QHBoxLayout()
        for b in (self.yes_button, self.no_button, self.abstain_button):
            row5.addWidget(b)
        unsc_form.addRow(row5)
        unsc_form.addRow(self.uniting_button)

        self.threat_combo = QComboBox()
        self.threat_combo.setToolTip("The threat the strike answers (an attack, e.g. a threat inject)")
        self.imminent_spin = QDoubleSpinBox()
        self.imminent_spin.setRange(0, 3650)
        self.imminent_spin.setDecimals(1)
        self.imminent_spin.setSuffix(" days")
        self.imminent_spin.setToolTip("When the attack it forestalls was expected (Caroline: instant, overwhelming)")
        self.claim_button = QPushButton("Claim anticipatory self-defence")
        self.claim_button.setToolTip(
            "For an attack this state made (the chosen attack): judged by the Caroline test and contested by others"
        )
        claim = QGroupBox("Anticipatory self-defence")
        claim_form = QFormLayout(claim)
        claim_form.addRow("Against:", self.threat_combo)
        claim_form.addRow("Expected within:", self.imminent_spin)
        claim_form.addRow(self.claim_button)

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
        box.addWidget(unsc)
        box.addWidget(claim)
        box.addWidget(frc)
        box.addWidget(bud)
        box.addStretch(1)
        for combo in self.findChildren(QComboBox):  # long entries (drafts, measures) must not widen the dock
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)

        self.state_combo.currentIndexChanged.connect(self._state_changed)
        self.invocation_combo.currentIndexChanged.connect(lambda _i: self._default_destination())
        self.support_button.clicked.connect(lambda: self._stance("support"))
        self.object_button.clicked.connect(lambda: self._stance("object"))
        self.decline_button.clicked.connect(lambda: self._attack_action("decline"))
        self.consult_button.clicked.connect(lambda: self._forum_action("consult"))
        self.request_button.clicked.connect(lambda: self._forum_action("request"))
        self.declare_button.clicked.connect(lambda: self._attack_action("declare"))
        self.notify_button.clicked.connect(lambda: self._attack_action("notify"))
        self.measure_button.clicked.connect(self._measure)
        self.table_button.clicked.connect(self._table)
        self.yes_button.clicked.connect(lambda: self._vote("yes"))
        self.no_button.clicked.connect(lambda: self._vote("no"))
        self.abstain_button.clicked.connect(lambda: self._vote("abstain"))
        self.uniting_button.clicked.connect(lambda: self._attack_action("uniting"))
        self.claim_button.clicked.connect(self._claim)
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
        self.forum_combo.clear()
        self.forum_combo.addItem("every article it is a party to", ("", "", ""))
        for fo in forums(sc, w, sid):
            self.forum_combo.addItem(fo.label, (fo.treaty, fo.article, fo.kind))
        self.measure_combo.clear()
        for treaty, mid, words in measures_for(sc, w, sid):
            self.measure_combo.addItem(words, (treaty, mid))
        if self.measure_combo.count() == 0:
            self.measure_combo.addItem("no defensive measures for this state's treaties in the scenario", None)
        self.measure_combo.setEnabled(self.measure_combo.itemData(0) is not None)
        self.vote_combo.clear()
        for rid, words in drafts_awaiting(sc, w):
            self.vote_combo.addItem(words, rid)
        self.threat_combo.clear()
        self.threat_combo.addItem("no threat named", "")
        for aid in sorted(w.attacks, key=lambda a: int(a[1:]) if a[1:].isdigit() else 0):
            self.threat_combo.addItem(describe.attack(sc, w, aid), aid)
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
            self.declare_button,
            self.notify_button,
            self.table_button,
            self.uniting_button,
            self.claim_button,
        ):
            b.setEnabled(has_inv)
        self.measure_button.setEnabled(has_inv and self.measure_combo.isEnabled())
        can_vote = sid in council_members(sc) and self.vote_combo.count() > 0
        for b in (self.yes_button, self.no_button, self.abstain_button):
            b.setEnabled(can_vote)
            b.setToolTip(
                b.toolTip().split(" — ")[0]
                + ("" if sid in council_members(sc) else " — this state does not sit on the Security Council")
            )
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

    def _forum_action(self, action: str) -> None:
        """Consult or request under the chosen article: its treaty (and the article when its kind fits)."""
        _t, _a, attack = self.invocation_combo.currentData() or ("", "", "")
        treaty, article, kind = self.forum_combo.currentData() or ("", "", "")
        fields: dict[str, Any] = {"attack": attack}
        if treaty:
            fields["treaty"] = treaty
            if kind == ("consultation" if action == "consult" else "defence"):
                fields["article"] = article
        under = f" under {treaty}" + (f" Art {fields['article']}" if "article" in fields else "") if treaty else ""
        self._emit(action, fields, f"{self.state()}: {action} ({attack}){under}")

    def _measure(self) -> None:
        _t, _a, attack = self.invocation_combo.currentData() or ("", "", "")
        treaty, mid = self.measure_combo.currentData() or ("", "")
        self._emit(
            "measure",
            {"attack": attack, "treaty": treaty, "measure": mid},
            f"{self.state()}: ask {treaty} for {mid} ({attack})",
        )

    def _table(self) -> None:
        _t, _a, attack = self.invocation_combo.currentData() or ("", "", "")
        kind = str(self.draft_combo.currentData() or "")
        self._emit("table", {"attack": attack, "kind": kind}, f"{self.state()}: table a {kind} draft on {attack}")

    def _vote(self, vote: str) -> None:
        draft = str(self.vote_combo.currentData() or "")
        self._emit("vote", {"draft": draft, "vote": vote}, f"{self.state()}: vote {vote} on {draft}")

    def _claim(self) -> None:
        _t, _a, attack = self.invocation_combo.currentData() or ("", "", "")
        fields: dict[str, Any] = {"attack": attack, "imminent_days": self.imminent_spin.value()}
        threat = str(self.threat_combo.currentData() or "")
        if threat:
            fields["threat"] = threat
        self._emit(
            "claim",
            fields,
            f"{self.state()}: claim anticipatory self-defence for {attack}" + (f" against {threat}" if threat else ""),
        )

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
