"""The dialog to inject an attack: fields, live validation, a visible refusal reason."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wargame.app import describe
from wargame.app.scenarios import check_inject
from wargame.app.types import AttackKind, AttackSpec, InjectError, Scenario, TargetKind, WorldState
from wargame.gui.a11y import name_widgets


def location_label(scenario: Scenario, lid: str) -> str:
    """How a location is listed in the combo: ``"Narva, Estonia"`` (a whole state: its name)."""
    loc = scenario.locations[lid]
    owner = scenario.states.get(loc.administered_by or "")
    return f"{loc.name}, {owner.name}" if owner is not None and owner.name != loc.name else loc.name


def resolve_location(scenario: Scenario, text: str) -> str:
    """The location id a typed text means: an id, a listed label, or a unique name (case-insensitive).

    Returns the text itself (stripped) when nothing matches, so the check names it.
    """
    t = text.strip()
    if t in scenario.locations:
        return t
    if t.endswith(")") and "(" in t:
        inner = t[t.rindex("(") + 1 : -1].strip()
        if inner in scenario.locations:
            return inner
    for lid in scenario.locations:
        if location_label(scenario, lid).casefold() == t.casefold():
            return lid
    upper = t.upper()
    for lid in scenario.locations:
        if lid.upper() == upper:
            return lid
    named = [lid for lid, loc in scenario.locations.items() if loc.name.casefold() == t.casefold()]
    if len(named) == 1:
        return named[0]
    return t


class InjectDialog(QDialog):
    """Compose an :class:`AttackSpec`; OK is enabled only while the spec passes ``check_attack``.

    ``spec()`` returns the spec (or None while it is refused); ``error_text()`` the reason shown.
    """

    def __init__(
        self,
        scenario: Scenario,
        world: WorldState | None,
        parent: QWidget | None = None,
        *,
        victim: str | None = None,
        location: str | None = None,
        spec: AttackSpec | None = None,
    ) -> None:
        super().__init__(parent)
        self.scenario = scenario
        self.world = world
        self.setWindowTitle("Edit attack" if spec else "Inject an attack")
        self.setObjectName("InjectDialog")
        self._spec: AttackSpec | None = None

        self.attacker_combo = QComboBox()
        self.victim_combo = QComboBox()
        for sid, st in sorted(scenario.states.items(), key=lambda kv: kv[1].name):
            self.attacker_combo.addItem(st.name, sid)
            if not st.non_state:
                self.victim_combo.addItem(st.name, sid)
        self.attacker_combo.setToolTip("Who attacked (a state or a named non-state actor)")
        self.victim_combo.setToolTip("The state attacked")

        self.location_combo = QComboBox()
        self.location_combo.setEditable(True)
        self.location_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for lid in scenario.locations:
            self.location_combo.addItem(location_label(scenario, lid), lid)
        completer = QCompleter([location_label(scenario, lid) for lid in scenario.locations], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.location_combo.setCompleter(completer)
        self.location_combo.setToolTip(
            "Where: a state's whole territory (its code) or a place; type to search by name or id"
        )

        self.target_combo = QComboBox()
        for tk in TargetKind:
            self.target_combo.addItem(describe.words(tk.value), tk.value)
        self.target_combo.setToolTip("Territory, or the victim's forces, vessels or aircraft at the location")
        self.kind_combo = QComboBox()
        for ak in AttackKind:
            self.kind_combo.addItem(describe.attack_kind(ak.value), ak.value)
        self.kind_combo.setToolTip("How the attack was made; with the casualties it decides the gravity")
        self.casualties_spin = QSpinBox()
        self.casualties_spin.setRange(0, 1_000_000)
        self.casualties_spin.setToolTip("Casualties among the victim's people or forces")
        self.damage_spin = QDoubleSpinBox()
        self.damage_spin.setRange(0.0, 1e7)
        self.damage_spin.setDecimals(1)
        self.damage_spin.setSuffix(" $M")
        self.damage_spin.setToolTip("Damage in US$ million (counts for cyber attacks)")
        self.attribution_spin = QDoubleSpinBox()
        self.attribution_spin.setRange(0.0, 1.0)
        self.attribution_spin.setSingleStep(0.05)
        self.attribution_spin.setValue(1.0)
        self.attribution_spin.setToolTip("How sure we are who the attacker is (0-1)")
        self.initiated_check = QCheckBox("The victim initiated hostilities")
        self.request_check = QCheckBox("The victim declares itself attacked and requests assistance")
        self.request_check.setChecked(True)
        self.description_edit = QLineEdit()
        self.description_edit.setPlaceholderText("What happened (optional)")

        self.error_label = QLabel()
        self.error_label.setObjectName("injectError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b35806; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Inject")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Attacker:", self.attacker_combo)
        form.addRow("&Victim:", self.victim_combo)
        form.addRow("&Location:", self.location_combo)
        form.addRow("&Target:", self.target_combo)
        form.addRow("&Kind:", self.kind_combo)
        form.addRow("&Casualties:", self.casualties_spin)
        form.addRow("&Damage:", self.damage_spin)
        form.addRow("Attri&bution:", self.attribution_spin)
        form.addRow("", self.initiated_check)
        form.addRow("", self.request_check)
        form.addRow("&Description:", self.description_edit)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.error_label)
        box.addWidget(self.buttons)
        self.setMinimumWidth(520)

        if spec is not None:
            self.set_spec(spec)
        else:
            self._preset(victim, location)
        for w in (self.attacker_combo, self.victim_combo, self.target_combo, self.kind_combo):
            w.currentIndexChanged.connect(self.validate)
        self.location_combo.editTextChanged.connect(self.validate)
        self.location_combo.currentIndexChanged.connect(self.validate)
        self.casualties_spin.valueChanged.connect(self.validate)
        self.damage_spin.valueChanged.connect(self.validate)
        self.attribution_spin.valueChanged.connect(self.validate)
        self.initiated_check.toggled.connect(self.validate)
        self.request_check.toggled.connect(self.validate)
        self.description_edit.textChanged.connect(self.validate)
        self.validate()
        name_widgets(self)

    # ------------------------------------------------------------------ filling
    @staticmethod
    def _select(combo: QComboBox, value: str) -> None:
        i = combo.findData(value)
        if i >= 0:
            combo.setCurrentIndex(i)

    def likely(self) -> tuple[str, str]:
        """(aggressor, victim) a new inject starts with: the scenario's likely aggressor (its AI aggressors, else its
        scripted attackers, else a state of the aggressor doctrine) and a frontline victim (the theatre's first
        state, else the latest attack's victim)."""
        sc, world = self.scenario, self.world
        attackers = [*sc.ai_aggressors] + [i.attack.attacker for i in sc.injects]
        attackers += [k for k, st in sc.states.items() if st.doctrine.value == "aggressor"]
        aggressor = next((a for a in attackers if a in sc.states), "")
        victims = (
            [a.spec.victim for a in sorted(world.attacks.values(), key=lambda a: -int(a.id[1:] or 0))] if world else []
        )
        victims += list(getattr(sc, "theatre", ())) + [i.attack.victim for i in sc.injects]
        victim = next((v for v in victims if v in sc.states and v != aggressor and not sc.states[v].non_state), "")
        return aggressor, victim

    def _preset(self, victim: str | None, location: str | None) -> None:
        """Sensible defaults: the given victim/location, else a frontline victim; the likely aggressor."""
        if location and location in self.scenario.locations and not victim:
            victim = self.scenario.locations[location].administered_by
        aggressor, frontline = self.likely()
        self._select(self.victim_combo, victim or frontline)
        if aggressor and aggressor != self.victim_combo.currentData():
            self._select(self.attacker_combo, aggressor)
        v = self.victim_combo.currentData()
        if self.attacker_combo.currentData() == v:
            others = [i for i in range(self.attacker_combo.count()) if self.attacker_combo.itemData(i) != v]
            if others:
                self.attacker_combo.setCurrentIndex(others[0])
        loc = location or v
        if loc in self.scenario.locations:
            self._select(self.location_combo, loc)
        self._select(self.kind_combo, AttackKind.STRIKE.value)

    def set_spec(self, spec: AttackSpec) -> None:
        """Fill every field from ``spec``."""
        blockers = [QSignalBlocker(w) for w in (self.attacker_combo, self.victim_combo, self.location_combo)]
        self._select(self.attacker_combo, spec.attacker)
        self._select(self.victim_combo, spec.victim)
        if spec.location in self.scenario.locations:
            self._select(self.location_combo, spec.location)
        else:
            self.location_combo.setEditText(spec.location)
        for b in blockers:
            b.unblock()
        self._select(self.target_combo, spec.target.value)
        self._select(self.kind_combo, spec.kind.value)
        self.casualties_spin.setValue(spec.casualties)
        self.damage_spin.setValue(spec.damage_musd)
        self.attribution_spin.setValue(spec.attribution)
        self.initiated_check.setChecked(spec.victim_initiated)
        self.request_check.setChecked(spec.request)
        self.description_edit.setText(spec.description)
        self.validate()

    def set_location_text(self, text: str) -> None:
        """Type ``text`` into the location field (as a user would)."""
        self.location_combo.setEditText(text)

    # ------------------------------------------------------------------ reading
    def location_id(self) -> str:
        return resolve_location(self.scenario, self.location_combo.currentText())

    def build_spec(self) -> AttackSpec:
        """The spec the fields describe (not checked)."""
        return AttackSpec(
            attacker=str(self.attacker_combo.currentData()),
            victim=str(self.victim_combo.currentData()),
            location=self.location_id(),
            kind=AttackKind(self.kind_combo.currentData()),
            target=TargetKind(self.target_combo.currentData()),
            casualties=self.casualties_spin.value(),
            damage_musd=round(self.damage_spin.value(), 1),
            attribution=round(self.attribution_spin.value(), 2),
            victim_initiated=self.initiated_check.isChecked(),
            request=self.request_check.isChecked(),
            description=self.description_edit.text().strip(),
        )

    def validate(self) -> bool:
        """Check the fields now; show the reason and disable OK when refused."""
        spec = self.build_spec()
        if not spec.location:
            reason = "choose or type a location"
        else:
            try:
                check_inject(self.scenario, spec, self.world)
                reason = ""
            except InjectError as exc:
                reason = str(exc).replace("use --target forces", "choose target 'forces'")
        self._spec = None if reason else spec
        self.error_label.setText(f"Refused: {reason}" if reason else "")
        self.error_label.setVisible(bool(reason))
        self.ok_button.setEnabled(not reason)
        self.ok_button.setToolTip(reason or "Record this attack for the next turn")
        return not reason

    def error_text(self) -> str:
        """The refusal reason shown ('' when the attack is acceptable)."""
        return self.error_label.text()

    def spec(self) -> AttackSpec | None:
        """The checked spec, or None while the input is refused."""
        return self._spec
