"""The white-cell override dialog: overrule a verdict, outcome, decision, engagement, opinion or budget, saying why.

The key and value choosers adapt to the target; OK stays disabled, with the reason shown, until a
rationale is written. OK records the override through :meth:`wargame.app.Game.override` for the
next turn; a refusal is shown in the dialog, which stays open.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wargame.app import AppError, Game
from wargame.engine import (
    LEVELS,
    InjectError,
    Outcome,
    OverrideKey,
    OverrideTarget,
    ResponseLevel,
    VerdictCode,
    VerdictKey,
)
from wargame.engine.commands import OVERRIDE_TARGETS
from wargame.gui import palette
from wargame.store import CommandRecord

TARGET_LABELS = {
    "verdict": "Verdict (a treaty article's finding)",
    "collective": "Collective outcome (invoked / blocked)",
    "decision": "National decision (response level)",
    "control": "Engagement result (who holds a place)",
    "opinion": "Public support (0-100)",
    "budget": "Operations budget (US$ million)",
}
NUMERIC = ("opinion", "budget")


def override_keys(game: Game, target: str) -> list[tuple[str, str]]:
    """(key, label) choices for ``target`` in the current world, each label with the value now."""
    sc, world = game.scenario, game.world
    if target == "verdict":
        return [(str(k), f"{k} — {v.code.value}") for k, v in sorted(world.verdicts.items())]
    if target == "collective":
        out = []
        for k in sorted(world.verdicts):
            c = world.collectives.get(k)
            out.append((str(k), f"{k} — {c.outcome.value if c is not None else 'no collective decision yet'}"))
        return out
    if target == "decision":
        out = []
        for aid, att in sorted(world.attacks.items(), key=lambda kv: (len(kv[0]), kv[0])):
            for sid, st in sc.states.items():
                if st.non_state or sid == att.spec.attacker or sid not in world.nations:
                    continue
                now = world.nations[sid].responses.get(aid, ResponseLevel.NONE).value
                out.append(
                    (
                        f"{sid}:{aid}",
                        f"{sid}:{aid} — {st.name} on {aid} ({att.spec.attacker} → {att.spec.victim}): {now}",
                    )
                )
        return out
    if target == "control":
        return [
            (lid, f"{loc.name} ({lid}) — held by {world.control.get(lid, loc.administered_by) or 'nobody'}")
            for lid, loc in sc.locations.items()
        ]
    if target == "opinion":
        return [
            (sid, f"{sc.states[sid].name} ({sid}) — support {world.nations[sid].support:.0f}")
            for sid in sc.states
            if sid in world.nations
        ]
    if target == "budget":
        return [
            (sid, f"{sc.states[sid].name} ({sid}) — US$ {world.nations[sid].budget_musd:,.0f} M")
            for sid in sc.states
            if sid in world.nations
        ]
    return []


def override_values(game: Game, target: str) -> list[tuple[str, str]]:
    """(value, label) choices for a non-numeric ``target``."""
    if target == "verdict":
        return [(c.value, c.value) for c in VerdictCode]
    if target == "collective":
        return [(o.value, o.value) for o in Outcome]
    if target == "decision":
        return [(lv.value, lv.value) for lv in LEVELS]
    if target == "control":
        return [(sid, f"{st.name} ({sid})") for sid, st in game.scenario.states.items()]
    return []


def current_value(game: Game, target: str, key: str) -> Any:
    """The value the model holds now for ``target``/``key`` (None if unknown)."""
    world = game.world
    if target in ("verdict", "collective"):
        try:
            vkey = VerdictKey.parse(key)
        except ValueError:
            return None
        if target == "verdict":
            v = world.verdicts.get(vkey)
            return v.code.value if v is not None else None
        c = world.collectives.get(vkey)
        return c.outcome.value if c is not None else None
    if target == "decision":
        okey = OverrideKey(OverrideTarget.DECISION, key)
        n = world.nations.get(okey.state)
        return n.responses.get(okey.attack, ResponseLevel.NONE).value if n is not None else None
    if target == "control":
        loc = game.scenario.locations.get(key)
        return world.control.get(key, loc.administered_by if loc else None)
    if target == "opinion":
        return world.nations[key].support if key in world.nations else None
    if target == "budget":
        return world.nations[key].budget_musd if key in world.nations else None
    return None


class OverrideDialog(QDialog):
    """Compose a white-cell override; OK records it (``record`` holds the command) for the next turn."""

    def __init__(
        self, game: Game, parent: QWidget | None = None, *, target: str | None = None, key: str | None = None
    ) -> None:
        super().__init__(parent)
        self.game = game
        self.record: CommandRecord | None = None
        self.setObjectName("OverrideDialog")
        self.setWindowTitle("White-cell override")

        self.target_combo = QComboBox()
        for t in OVERRIDE_TARGETS:
            self.target_combo.addItem(TARGET_LABELS.get(t, t), t)
            self.target_combo.setItemData(
                self.target_combo.count() - 1, OVERRIDE_TARGETS[t], Qt.ItemDataRole.ToolTipRole
            )
        self.target_combo.setToolTip("What the white cell overrules")
        self.key_combo = QComboBox()
        self.key_combo.setToolTip("Which verdict, decision, place or state")
        self.value_combo = QComboBox()
        self.value_combo.setToolTip("The value the white cell rules")
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setDecimals(1)
        self.value_spin.setToolTip("The value the white cell rules")
        self.meaning = QLabel()
        self.meaning.setWordWrap(True)
        self.meaning.setStyleSheet("color: #4d4d4d;")
        self.rationale_edit = QPlainTextEdit()
        self.rationale_edit.setObjectName("overrideRationale")
        self.rationale_edit.setPlaceholderText(
            "Why is the model overruled? (mandatory: it is logged, shown in review and in the report)"
        )
        self.rationale_edit.setTabChangesFocus(True)
        self.reason_label = QLabel()
        self.reason_label.setObjectName("overrideReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setStyleSheet(f"color: {palette.VERMILLION}; font-weight: bold;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Overrule")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow("&Overrule:", self.target_combo)
        form.addRow("&Which:", self.key_combo)
        form.addRow("&Value:", self.value_combo)
        form.addRow("", self.value_spin)
        form.addRow("", self.meaning)
        form.addRow("&Rationale:", self.rationale_edit)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel(f"The override takes effect on turn {game.last_turn + 1}; it is logged with its rationale.")
        )
        box.addLayout(form)
        box.addWidget(self.reason_label)
        box.addWidget(self.buttons)
        self.setMinimumWidth(560)

        self.target_combo.currentIndexChanged.connect(self._target_changed)
        self.key_combo.currentIndexChanged.connect(self._key_changed)
        self.value_combo.currentIndexChanged.connect(self.validate)
        self.value_spin.valueChanged.connect(self.validate)
        self.rationale_edit.textChanged.connect(self.validate)
        if target:
            self.set_target(target)
        self._target_changed()
        if key:
            self.set_key(key)

    # ------------------------------------------------------------------ filling
    def target(self) -> str:
        return str(self.target_combo.currentData())

    def key(self) -> str:
        return str(self.key_combo.currentData() or "")

    def set_target(self, target: str) -> bool:
        i = self.target_combo.findData(target)
        if i >= 0:
            self.target_combo.setCurrentIndex(i)
        return i >= 0

    def set_key(self, key: str) -> bool:
        i = self.key_combo.findData(key)
        if i >= 0:
            self.key_combo.setCurrentIndex(i)
        return i >= 0

    def set_value(self, value: Any) -> bool:
        """Choose ``value`` (a code, outcome, level or state; a number for opinion and budget)."""
        if self.target() in NUMERIC:
            self.value_spin.setValue(float(value))
            return True
        i = self.value_combo.findData(str(value))
        if i >= 0:
            self.value_combo.setCurrentIndex(i)
        return i >= 0

    def set_rationale(self, text: str) -> None:
        self.rationale_edit.setPlainText(text)

    def value(self) -> Any:
        """The value chosen: a float for opinion and budget, else a string."""
        if self.target() in NUMERIC:
            return round(self.value_spin.value(), 1)
        return str(self.value_combo.currentData() or "")

    def _target_changed(self) -> None:
        t = self.target()
        self.key_combo.blockSignals(True)
        self.key_combo.clear()
        for k, label in override_keys(self.game, t):
            self.key_combo.addItem(label, k)
        self.key_combo.blockSignals(False)
        numeric = t in NUMERIC
        self.value_combo.setVisible(not numeric)
        self.value_spin.setVisible(numeric)
        if numeric:
            if t == "opinion":
                self.value_spin.setRange(0.0, 100.0)
            else:
                self.value_spin.setRange(-1e9, 1e9)
            self.value_spin.setSuffix("" if t == "opinion" else " US$ M")
        else:
            self.value_combo.blockSignals(True)
            self.value_combo.clear()
            for v, label in override_values(self.game, t):
                self.value_combo.addItem(label, v)
            self.value_combo.blockSignals(False)
        self.meaning.setText(OVERRIDE_TARGETS.get(t, ""))
        self._key_changed()

    def _key_changed(self) -> None:
        """Start the value chooser at the value the model holds now."""
        now = current_value(self.game, self.target(), self.key()) if self.key() else None
        if now is not None:
            blockers = (self.value_combo, self.value_spin)
            for w in blockers:
                w.blockSignals(True)
            self.set_value(now)
            for w in blockers:
                w.blockSignals(False)
        self.validate()

    # ------------------------------------------------------------------ checking
    def problem(self) -> str:
        """Why OK is disabled ('' when the override can be recorded)."""
        t = self.target()
        if not self.key():
            return {
                "verdict": "No verdict yet: there is nothing to overrule.",
                "collective": "No verdict yet: there is no collective outcome to overrule.",
                "decision": "No attack yet: there is no national decision to overrule.",
            }.get(t, "Choose what to overrule.")
        if t not in NUMERIC and not self.value():
            return "Choose the value the white cell rules."
        if not self.rationale_edit.toPlainText().strip():
            return "Write a rationale: an override needs a reason (the hotwash will ask why)."
        return ""

    def validate(self) -> bool:
        """Show the reason OK is disabled, if any."""
        reason = self.problem()
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self.ok_button.setEnabled(not reason)
        self.ok_button.setToolTip(reason or f"Record this override for turn {self.game.last_turn + 1}")
        return not reason

    def reason_text(self) -> str:
        """The reason shown (why OK is disabled, or why the override was refused)."""
        return self.reason_label.text()

    def accept(self) -> None:
        """Record the override; a refusal is shown and the dialog stays open."""
        if not self.validate():
            return
        try:
            self.record = self.game.override(
                self.target(), self.key(), self.value(), self.rationale_edit.toPlainText().strip()
            )
        except (InjectError, AppError) as exc:
            self.reason_label.setText(f"Refused: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")
            self.reason_label.setVisible(True)
            return
        super().accept()
