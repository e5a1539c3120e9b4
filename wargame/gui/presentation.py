"""Presentation mode's overlays on the map: the turn banner and the card "what happened this turn".

Both are hub listeners that read the shown world (the reviewed turn in review mode) and write it in words
(:mod:`wargame.app.describe`). They sit over the map only in presentation mode (F11,
:class:`~wargame.gui.controllers.presentation.PresentationController`), sized for a room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from wargame.app import describe
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session

CARD_WIDTH = 0.32
"""The card's width as a share of the map's."""


def banner_text(session: Session) -> str:
    """ "Turn 12 · Saturday 26 September 2026 · D+12" for the shown turn (with "review" in review mode)."""
    game = session.game
    if game is None:
        return ""
    turn = session.review.turn if session.reviewing else game.last_turn
    day = game.date_of(turn)
    days = (day - game.scenario.start_date).days
    text = f"Turn {turn} · {day.strftime('%A')} {day.day} {day.strftime('%B %Y')} · D+{days}"
    world = session.world()
    if world.ended:
        text += f" · the game has ended: {describe.clean(world.end_reason, game.scenario, world)}"
    return text + (" · review" if session.reviewing else "")


class TurnBanner(QLabel):
    """The turn, its date and D+n across the top of the map."""

    listens = Changes.WORLD | Changes.REVIEW | Changes.GAME_CLOSED

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("turnBanner")
        self.setAccessibleName("Turn banner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        self.hide()

    def on_changes(self, _changes: Changes, session: Session) -> None:
        self.setText(banner_text(session))
        self.adjustSize()

    def set_scale(self, scale: float) -> None:
        px = round(18 * scale)
        self.setStyleSheet(
            f"QLabel#turnBanner {{ background: rgba(20, 20, 20, 215); color: white; font-size: {px}px; "
            f"font-weight: bold; padding: {round(6 * scale)}px {round(16 * scale)}px; border-radius: 6px; }}"
        )
        self.adjustSize()


class TurnCard(QFrame):
    """What happened this turn, in plain language (attacks, verdicts that apply, fighting, places changing
    hands, grouped responses)."""

    listens = Changes.WORLD | Changes.REVIEW | Changes.GAME_CLOSED

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("turnCard")
        self.setAccessibleName("What happened this turn")
        self.title = QLabel()
        self.title.setObjectName("turnCardTitle")
        self.title.setWordWrap(True)
        self.body = QLabel()
        self.body.setObjectName("turnCardBody")
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        box = QVBoxLayout(self)
        box.addWidget(self.title)
        box.addWidget(self.body)
        self.lines: list[str] = []
        self.hide()

    def on_changes(self, _changes: Changes, session: Session) -> None:
        game = session.game
        if game is None:
            self.lines = []
            self.body.setText("")
            return
        turn = session.review.turn if session.reviewing else game.last_turn
        world = session.world()
        events = session.review.index.of_turn(turn) if session.reviewing else game.events(turn)
        self.lines = describe.turn_lines(game.scenario, world, events, limit=6) or ["A quiet turn."]
        self.title.setText(f"What happened on turn {turn}")
        self.body.setText("\n".join(f"• {line}" for line in self.lines))
        self.fit()

    def set_scale(self, scale: float, width: int) -> None:
        self.setStyleSheet(
            f"QFrame#turnCard {{ background: rgba(255, 255, 255, 236); border: 1px solid #777; border-radius: 6px; }}"
            f"QLabel#turnCardTitle {{ font-size: {round(15 * scale)}px; font-weight: bold; color: #111; }}"
            f"QLabel#turnCardBody {{ font-size: {round(12.5 * scale)}px; color: #111; }}"
        )
        self.setFixedWidth(width)
        self.fit()

    def fit(self) -> None:
        """As tall as its wrapped lines need (a word-wrapped label does not say so by itself)."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            self.setFixedHeight(layout.totalHeightForWidth(self.width()))
        else:
            self.adjustSize()
