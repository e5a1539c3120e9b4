"""Events: every resolved outcome, with its reasons and the random draws it used.

Events hold no wall-clock time: two games with the same scenario, seed and commands produce
identical event lists.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .codec import options
from .rng import Draw


class EventKind(str, enum.Enum):
    ATTACK = "attack"
    """An attack entered the world (scheduled inject or ad-hoc)."""
    REJECTED = "rejected"
    """A command could not be carried out (the reason says why)."""
    ATTRIBUTION = "attribution"
    GRAVITY = "gravity"
    REQUEST = "request"
    """The victim declared itself attacked and requested assistance."""
    CONSULT_REQUEST = "consult_request"
    VERDICT = "verdict"
    """A treaty article's verdict for an attack was reached or changed."""
    STANCE = "stance"
    COLLECTIVE = "collective"
    """A decision rule produced (or changed) a collective outcome."""
    DECISION = "decision"
    """A national decision: statement, sanctions, mobilise, deploy, decline …"""
    APPROVAL = "approval"
    """A legislative vote was asked for, granted or refused."""
    MOBILISE = "mobilise"
    READY = "ready"
    DEPART = "depart"
    ARRIVE = "arrive"
    ENGAGEMENT = "engagement"
    CONTROL = "control"
    OPINION = "opinion"
    BUDGET = "budget"
    NOTE = "note"
    SCRIPT = "script"
    """The facilitator held back, skipped, postponed or fired one of the scenario's own injects."""
    AI = "ai"
    """The aggressor AI's reasoning: targets weighed, deterrence ratios, the rung chosen."""
    OVERRIDE = "override"
    """A white-cell override of a verdict, outcome, decision, engagement, opinion or budget value."""
    PERMISSION = "permission"
    """A state granted, refused or is consulting on a transit, overflight, basing or straits request."""
    NUCLEAR = "nuclear"
    """A nuclear power's alert changed, or it crossed a declared threshold (handed to the white cell)."""
    SANCTIONS = "sanctions"
    """A sanctions package was adopted, held up or took effect."""
    COUNCIL = "council"
    """The Security Council or the General Assembly: a draft tabled, a vote, a veto, an Art 51 report."""
    MEETING = "meeting"
    """A consultation body met and decided (or failed to decide) defensive measures."""
    JUDGEMENT = "judgement"
    """A use of force in self-defence judged for necessity and proportionality, or an anticipatory claim."""
    LEGAL = "legal"
    """A domestic legal clock: a report to the legislature due or made, a vote, a clock run out, a recall."""
    END = "end"


@dataclass(frozen=True)
class Reason:
    """One step of an explanation: which rule or gate, whether it held, and the facts used."""

    label: str
    detail: str
    passed: bool | None = field(default=None, metadata=options(omit_default=True))
    citation: str = field(default="", metadata=options(omit_default=True))
    facts: dict[str, Any] = field(default_factory=dict, metadata=options(omit_default=True))


@dataclass(frozen=True)
class Event:
    turn: int
    seq: int
    kind: EventKind
    subject: str
    """What the event is about: a state, attack, force, location or ``TREATY:ARTICLE:ATTACK`` key."""
    summary: str
    reasons: tuple[Reason, ...] = ()
    draws: tuple[Draw, ...] = ()
    data: dict[str, Any] = field(default_factory=dict)


class EventLog:
    """Collects a turn's events in order, numbering them."""

    def __init__(self, turn: int) -> None:
        self.turn = turn
        self.events: list[Event] = []

    def add(
        self,
        kind: EventKind,
        subject: str,
        summary: str,
        *,
        reasons: tuple[Reason, ...] | list[Reason] = (),
        draws: tuple[Draw, ...] | list[Draw] = (),
        data: dict[str, Any] | None = None,
    ) -> Event:
        ev = Event(self.turn, len(self.events) + 1, kind, subject, summary, tuple(reasons), tuple(draws), data or {})
        self.events.append(ev)
        return ev
