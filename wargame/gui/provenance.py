"""The provenance dialog: why an outcome came out as it did, from the same record as the outcome.

Sections: the inputs, the rule or article applied with each gate or reason (and its citation),
the random draws, the commands that led to it and any white-cell override with its rationale.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.app import describe
from wargame.app.review import Provenance
from wargame.app.types import Scenario
from wargame.gui import palette

SECTIONS: tuple[tuple[str, str], ...] = (
    ("inputs", "Inputs"),
    ("rule", "Rule or article applied"),
    ("draws", "Random draws"),
    ("commands", "Commands that led to it"),
    ("overrides", "Facilitator overrides"),
)


def _short(value: Any, limit: int = 160) -> str:
    """A value as one line of text."""
    if isinstance(value, float):
        text = f"{value:,.4g}" if abs(value) < 1e5 else f"{value:,.0f}"
    elif isinstance(value, (dict, list, tuple)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    elif value is None:
        text = "—"
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ProvenanceDialog(QDialog):
    """Shows one :class:`~wargame.app.review.Provenance` as a tree of sections."""

    def __init__(self, prov: Provenance, scenario: Scenario | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prov = prov
        ev = prov.event
        turn = int(ev.get("turn", 0))
        date = f" ({scenario.date_of(turn).isoformat()})" if scenario is not None else ""
        self.setWindowTitle(f"Provenance — turn {turn}, {ev.get('kind', '')} {ev.get('subject', '')}")
        self.heading = QLabel(
            f"<b>{_escape(str(ev.get('summary', '')))}</b><br>"
            f"Turn {turn}{date} · event {ev.get('seq', '')} · {ev.get('kind', '')} · {_escape(str(ev.get('subject', '')))}"
        )
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Item", "Value", "Detail"])
        self.tree.setColumnWidth(0, 260)
        self.tree.setColumnWidth(1, 150)
        self.tree.setWordWrap(True)
        self.tree.setAlternatingRowColors(True)
        self._fill()
        copy = QPushButton("Copy as text")
        copy.setToolTip("Copy the whole record to the clipboard")
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.as_text()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.tree, 1)
        box.addWidget(buttons)
        self.resize(860, 560)

    # ------------------------------------------------------------------ filling
    def _fill(self) -> None:
        p = self.prov
        for attr, title in SECTIONS:
            value = getattr(p, attr)
            count = len(value) if isinstance(value, (dict, list)) else 0
            top = QTreeWidgetItem([f"{title} ({count})" if count else f"{title}: none", "", ""])
            top.setData(0, Qt.ItemDataRole.UserRole, attr)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            getattr(self, f"_fill_{attr}")(top, value)
            top.setExpanded(bool(count))

    def _fill_inputs(self, top: QTreeWidgetItem, inputs: dict[str, Any]) -> None:
        for key, value in inputs.items():
            self._add_value(top, str(key), value)

    def _add_value(self, parent: QTreeWidgetItem, key: str, value: Any, depth: int = 0) -> None:
        if isinstance(value, dict) and value and depth < 3:
            item = QTreeWidgetItem([key, describe.plural(len(value), "item"), ""])
            parent.addChild(item)
            for k, v in value.items():
                self._add_value(item, str(k), v, depth + 1)
            item.setExpanded(depth == 0 and len(value) <= 8)
            return
        item = QTreeWidgetItem([key, _short(value, 60), _short(value) if len(_short(value)) > 60 else ""])
        item.setToolTip(1, _short(value, 2000))
        parent.addChild(item)

    def _fill_rule(self, top: QTreeWidgetItem, rule: list[dict[str, Any]]) -> None:
        for r in rule:
            passed = r.get("passed")
            mark = "✓" if passed is True else ("✗" if passed is False else "•")
            cite = str(r.get("citation", "") or "")
            detail = str(r.get("detail", "") or "")
            item = QTreeWidgetItem(
                [
                    f"{mark} {r.get('label', r.get('name', ''))}",
                    "passed" if passed is True else ("FAILED" if passed is False else ""),
                    detail + (f"  [{cite}]" if cite else ""),
                ]
            )
            item.setToolTip(2, detail + (f"\n{cite}" if cite else ""))
            if passed is False:
                item.setForeground(0, QBrush(QColor(palette.VERMILLION)))
                item.setForeground(1, QBrush(QColor(palette.VERMILLION)))
            top.addChild(item)
            facts = r.get("facts") or {}
            for k, v in facts.items() if isinstance(facts, dict) else []:
                self._add_value(item, str(k), v, 1)
            for k, v in r.items():
                if k not in ("label", "name", "detail", "passed", "citation", "facts"):
                    self._add_value(item, str(k), v, 1)

    def _fill_draws(self, top: QTreeWidgetItem, draws: list[dict[str, Any]]) -> None:
        for d in draws:
            value = d.get("value")
            text = f"{value:.6f}" if isinstance(value, (int, float)) else _short(value)
            item = QTreeWidgetItem([str(d.get("purpose", "draw")), text, f"stream {d.get('stream', '')}"])
            top.addChild(item)

    def _fill_commands(self, top: QTreeWidgetItem, commands: list[dict[str, Any]]) -> None:
        for c in commands:
            payload = c.get("payload", {})
            who = c.get("seat", "")
            label = (
                f"turn {c.get('turn', '?')}" + (f" · {who}" if who else "") + (f" · #{c['id']}" if "id" in c else "")
            )
            item = QTreeWidgetItem([label, str(c.get("kind", "")), _describe_payload(payload)])
            item.setToolTip(2, _short(payload, 2000))
            top.addChild(item)

    def _fill_overrides(self, top: QTreeWidgetItem, overrides: list[dict[str, Any]]) -> None:
        for o in overrides:
            target = ":".join(str(o[k]) for k in ("target", "key") if o.get(k))
            item = QTreeWidgetItem(
                [target or "override", _short(o.get("value")), str(o.get("rationale", "") or "(no rationale given)")]
            )
            item.setToolTip(2, str(o.get("rationale", "")))
            top.addChild(item)
            for k, v in o.items():
                if k not in ("target", "key", "value", "rationale"):
                    self._add_value(item, str(k), v, 1)

    # ------------------------------------------------------------------ reading back
    def section(self, name: str) -> list[tuple[str, str, str]]:
        """The (item, value, detail) rows of one section (``inputs``, ``rule``, ``draws``, ``commands``, ``overrides``)."""
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top.data(0, Qt.ItemDataRole.UserRole) == name:
                return [
                    (top.child(j).text(0), top.child(j).text(1), top.child(j).text(2)) for j in range(top.childCount())
                ]
        return []

    def as_text(self) -> str:
        """The whole record as indented plain text."""
        lines = [self.heading.text().replace("<br>", "\n").replace("<b>", "").replace("</b>", "")]

        def walk(item: QTreeWidgetItem, depth: int) -> None:
            cols = [item.text(c) for c in range(3) if item.text(c)]
            lines.append("  " * depth + " | ".join(cols))
            for j in range(item.childCount()):
                walk(item.child(j), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return "\n".join(lines)


def _describe_payload(payload: Any) -> str:
    if not isinstance(payload, dict):
        return _short(payload)
    if {"attacker", "victim"} <= payload.keys():
        return (
            f"{payload['attacker']} → {payload['victim']} at {payload.get('location', '?')}: {payload.get('kind', '')}"
            + (f", {payload['casualties']} casualties" if payload.get("casualties") else "")
        )
    if "action" in payload:
        rest = ", ".join(f"{k}={_short(v, 40)}" for k, v in payload.items() if k not in ("state", "action"))
        return f"{payload.get('state', '')}: {payload['action']}" + (f" ({rest})" if rest else "")
    if "text" in payload:
        return str(payload["text"])
    return _short(payload)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
