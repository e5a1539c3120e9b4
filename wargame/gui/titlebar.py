"""The window title and the status bar's turn label: which game, which turn, who plays, what mode."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from wargame.gui.notices import Changes
from wargame.gui.seats_dialog import seats_text
from wargame.gui.session import Session


class TitleBar:
    """Keeps the window title (``[*]`` while commands are pending) and the turn label up to date (a hub listener)."""

    listens = Changes.ANY

    def __init__(self, window: QWidget) -> None:
        self._window = window
        self.turn_label = QLabel()
        self.turn_label.setObjectName("turnLabel")

    def on_changes(self, _changes: Changes, session: Session) -> None:
        w, g = self._window, session.game
        if g is None:
            w.setWindowTitle("Wargame")
            w.setWindowModified(False)
            self.turn_label.setText("")
            return
        if session.busy:
            return
        review = session.review
        if review.active and review.world is not None:
            t, world = review.turn, review.world
            ro = " (read-only)" if g.readonly else ""
            date = g.date_of(t).isoformat()
            w.setWindowTitle(f"{g.path.name}{ro} — REVIEW turn {t} of {review.last} ({date}) — Wargame")
            w.setWindowModified(False)
            self.turn_label.setText(
                f"Review · turn {t} / {review.last} · {date}" + (f" · ENDED: {world.end_reason}" if world.ended else "")
            )
            return
        seats = seats_text(g.controlled, g.ai_states)
        date = g.date_of(g.last_turn).isoformat()
        w.setWindowTitle(f"{g.path.name}[*] — turn {g.last_turn} ({date}) — {seats} — Wargame")
        w.setWindowModified(bool(g.pending()))
        world, tag = g.world, g.meta.tag
        self.turn_label.setText(
            f"Turn {g.last_turn} · {date} · {seats} · {g.difficulty}"
            + (f" · {tag}" if tag else "")
            + (f" · ENDED: {world.end_reason}" if world.ended else "")
            + (f" · REVIEW ONLY (rules v{g.rules_version})" if session.rules else "")
        )
        self.turn_label.setToolTip(session.rules)
