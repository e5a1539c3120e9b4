"""When an action or a panel can be used, and in words why not.

A *gate* is a function of the window's :class:`UiState` that returns ``""`` when the thing may be
used, or the reason it may not, in a sentence a facilitator can read (it becomes the action's
tooltip and status tip, and the banner over a blocked panel). Actions and docks name their gate;
the same gates guard the controllers' methods, so a shortcut, a menu, a button and a test all get
the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class UiState:
    """What decides whether things can be used (read by :meth:`Session.state`)."""

    has_game: bool = False
    busy: bool = False
    """A turn is being resolved: the worker owns the game."""
    reviewing: bool = False
    readonly: bool = False
    """The file was opened read-only (for review)."""
    rules: str = ""
    """Why today's rules cannot continue this game ('' when they can): see ``Game.rules_mismatch``."""
    can_undo: bool = False
    can_redo: bool = False


Gate = Callable[[UiState], str]

NO_GAME = "No game is open."
BUSY = "A turn is being resolved; wait for it or stop it (Esc)."
REVIEWING = "Review mode is read-only; leave the review (Ctrl+Shift+R) to play."
READONLY = "The game is open read-only."
NOT_REVIEWING = "Only in review mode (Ctrl+R reviews the open game)."
NOT_BUSY = "No turn is being resolved."


def always(_s: UiState) -> str:
    return ""


def not_busy(s: UiState) -> str:
    return BUSY if s.busy else ""


def with_game(s: UiState) -> str:
    return "" if s.has_game else NO_GAME


def idle(s: UiState) -> str:
    """A game is open and the GUI may read it."""
    return with_game(s) or not_busy(s)


def live(s: UiState) -> str:
    """The game is shown at its last turn (not reviewed)."""
    return idle(s) or (REVIEWING if s.reviewing else "")


def rules_reason(rules: str) -> str:
    return f"Review only: {rules}."


def playable(s: UiState) -> str:
    """Commands can be recorded and turns resolved (today's rules can continue the game)."""
    return live(s) or (rules_reason(s.rules) if s.rules else "")


def writable(s: UiState) -> str:
    """Playable, and the file is open for writing."""
    return playable(s) or (READONLY if s.readonly else "")


def reviewing(s: UiState) -> str:
    return "" if s.reviewing and not s.busy else NOT_REVIEWING


def running(s: UiState) -> str:
    return "" if s.busy else NOT_BUSY


def undoable(s: UiState) -> str:
    return live(s) or ("" if s.can_undo else "Nothing to undo.")


def redoable(s: UiState) -> str:
    return live(s) or ("" if s.can_redo else "Nothing to redo.")
