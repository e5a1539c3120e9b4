"""Events: every resolved outcome, with its reasons and the random draws it used.

Events hold no wall-clock time: two games with the same scenario, seed and commands produce
identical event lists.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

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
    AI = "ai"
    """The aggressor AI's reasoning: targets weighed, deterrence ratios, the rung chosen."""
    OVERRIDE = "override"
    """A white-cell override of a verdict, outcome, decision, engagement, opinion or budget value."""
    END = "end"


@dataclass(frozen=True)
class Reason:
    """One step of an explanation: which rule or gate, whether it held, and the facts used."""

    label: str
    detail: str
    passed: bool | None = None
    citation: str = ""
    facts: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"label": self.label, "detail": self.detail}
        if self.passed is not None:
            d["passed"] = self.passed
        if self.citation:
            d["citation"] = self.citation
        if self.facts:
            d["facts"] = self.facts
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Reason:
        return cls(d["label"], d["detail"], d.get("passed"), d.get("citation", ""), dict(d.get("facts", {})))


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "seq": self.seq,
            "kind": self.kind.value,
            "subject": self.subject,
            "summary": self.summary,
            "reasons": [r.to_dict() for r in self.reasons],
            "draws": [d.to_dict() for d in self.draws],
            "data": self.data,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            turn=d["turn"],
            seq=d["seq"],
            kind=EventKind(d["kind"]),
            subject=d["subject"],
            summary=d["summary"],
            reasons=tuple(Reason.from_dict(r) for r in d.get("reasons", [])),
            draws=tuple(Draw.from_dict(x) for x in d.get("draws", [])),
            data=dict(d.get("data", {})),
        )


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
