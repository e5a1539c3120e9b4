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
from wargame.app.models import CommandView
from wargame.app.overrides import OVERRIDE_TARGETS, current_value, override_keys, override_values
from wargame.app.types import InjectError
from wargame.gui import palette
from wargame.gui.a11y import name_widgets

TARGET_LABELS = {
    "verdict": "Verdict (a treaty article's finding)",
    "collective": "Collective outcome (invoked / blocked)",
    "decision": "National decision (response level)",
    "control": "Engagement result (who holds a place)",
    "opinion": "Public support (0-100)",
    "budget": "Operations budget (US$ million)",
    "attribution": "Attribution (who made an attack; NONE: no attack took place)",
}
NUMERIC = ("opinion", "budget")


class OverrideDialog(QDialog):
    """Compose a white-cell override; OK records it (``record`` holds the command) for the next turn."""

    def __init__(
        self, game: Game, parent: QWidget | None = None, *, target: str | None = None, key: str | None = None
    ) -> None:
        super().__init__(parent)
        self.game = game
        self.record: CommandView | None = None
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
        name_widgets(self)

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
