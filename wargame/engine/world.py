"""The state of a game: what changes turn by turn (attacks, forces, nations, control, verdicts …).

Every value here is typed: verdicts with their gates, collective outcomes with each party's stance,
response levels, white-cell overrides and the aggressor AI's memory. Keys that name a treaty article's
verdict on an attack are :class:`VerdictKey` values (text form ``NATO:5:A1``); override keys are
:class:`OverrideKey` values (``verdict:NATO:5:A1``, ``opinion:EST``).

The saved game stores the world through :mod:`.codec` (``encode(world)`` / ``decode(WorldState, data)``);
the field options below say how (numbers rounded to 6 places, gravity by name, dicts in key order), and
the state hash is the sha256 of that JSON.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from .codec import options, text_value
from .enums import (
    DecisionRule,
    ForceStatus,
    Gravity,
    LocationId,
    Obligation,
    Outcome,
    OverrideTarget,
    ResponseLevel,
    Stance,
    StateId,
    VerdictCode,
)
from .model import AttackSpec

SORTED = options(sort=True)
"""Codec options of a dict stored in key order."""
ROUND6 = options(round=6)
"""Codec options of a number stored rounded to 6 places."""

# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


@text_value
@functools.total_ordering
@dataclass(frozen=True)
class VerdictKey:
    """Which verdict: a treaty's article on an attack. Its text form is ``TREATY:ARTICLE:ATTACK``."""

    treaty: str
    article: str
    attack: str
    text: str = field(init=False, repr=False, compare=False, default="")
    """The text form, made once (keys are sorted and printed often)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", f"{self.treaty}:{self.article}:{self.attack}")

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: object) -> bool:
        """Keys sort by their text form (the order the saved game has always used)."""
        if not isinstance(other, VerdictKey):
            return NotImplemented
        return self.text < other.text

    @classmethod
    def parse(cls, text: str) -> VerdictKey:
        """``NATO:5:A1`` → ``VerdictKey("NATO", "5", "A1")``; ``ValueError`` for anything else."""
        parts = str(text).split(":")
        if len(parts) != 3 or not all(parts):
            raise ValueError(f"a verdict key is TREATY:ARTICLE:ATTACK (e.g. NATO:5:A1), not {text!r}")
        return cls(*parts)


@text_value
@functools.total_ordering
@dataclass(frozen=True)
class OverrideKey:
    """What a standing white-cell override overrules: its target and the key of the overruled value.

    The text form is ``TARGET:SUBJECT`` (``verdict:NATO:5:A1``, ``decision:POL:A1``, ``opinion:EST``).
    """

    target: OverrideTarget
    subject: str
    text: str = field(init=False, repr=False, compare=False, default="")

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", f"{self.target.value}:{self.subject}")

    def __str__(self) -> str:
        return self.text

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, OverrideKey):
            return NotImplemented
        return self.text < other.text

    @classmethod
    def parse(cls, text: str) -> OverrideKey:
        target, sep, subject = str(text).partition(":")
        if not sep:
            raise ValueError(f"an override key is TARGET:KEY (e.g. opinion:EST), not {text!r}")
        return cls(OverrideTarget(target), subject)

    @property
    def state(self) -> StateId:
        """The state a decision, opinion or budget override names (``POL`` in ``decision:POL:A1``)."""
        return self.subject.partition(":")[0]

    @property
    def attack(self) -> str:
        """The attack a decision override names (``A1`` in ``decision:POL:A1``)."""
        return self.subject.partition(":")[2]


# --------------------------------------------------------------------------------------------
# Verdicts and collective outcomes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gate:
    """One gate of a verdict: its name, whether it held, what it found and the facts it used."""

    name: str
    passed: bool
    detail: str
    facts: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Verdict:
    """The verdict of one treaty article on one attack, with every gate it passed and the one that failed."""

    treaty: str
    article: str
    attack: str
    code: VerdictCode
    gates: tuple[Gate, ...]
    citation: str
    obligation: Obligation
    decision_rule: DecisionRule
    guarantors: tuple[StateId, ...] = ()
    """Parties owing assistance (or consultation) to the victim under this article."""
    suspended: tuple[StateId, ...] = ()
    """Parties whose obligation towards the victim is suspended."""

    @property
    def key(self) -> VerdictKey:
        return VerdictKey(self.treaty, self.article, self.attack)

    @property
    def failed_gate(self) -> Gate | None:
        for g in self.gates:
            if not g.passed:
                return g
        return None

    def explain(self) -> str:
        """One line: the code and the decisive reason."""
        failed = self.failed_gate
        last = failed or (self.gates[-1] if self.gates else None)
        why = last.detail if last else ""
        return f"{self.treaty} {self.citation or 'Art ' + self.article}: {self.code.value} — {why}"


@dataclass
class Collective:
    """A treaty article's collective outcome for one attack, and each party's stance on it."""

    key: VerdictKey
    outcome: Outcome
    since_turn: int
    stances: dict[StateId, Stance] = field(default_factory=dict, metadata=SORTED)
    reason: str = ""


# --------------------------------------------------------------------------------------------
# Attacks, forces, nations
# --------------------------------------------------------------------------------------------


@dataclass
class AttackState:
    """An attack in the world: its spec plus what the engine has assessed about it."""

    id: str
    spec: AttackSpec
    turn: int
    attribution: float
    gravity: Gravity = field(metadata=options(by_name=True))
    requested_turn: int | None
    consult_requests: list[StateId] = field(default_factory=list)
    ended: bool = False


@dataclass
class ForceState:
    """Where a force is and what it is doing."""

    id: str
    status: ForceStatus
    location: LocationId
    strength: float
    """Remaining share of the force's combat power and personnel (0-1)."""
    destination: LocationId | None = None
    ready_turn: int | None = None
    depart_turn: int | None = None
    arrive_turn: int | None = None
    engage: bool = False
    """Fights at its location when hostile forces are there."""
    mission: str = ""
    """The attack id this force answers, if any."""
    losses: int = 0


@dataclass
class Term:
    """One term of an opinion or budget figure: a label, a value and where it comes from."""

    label: str
    value: float = field(metadata=ROUND6)
    source: str = ""


@dataclass
class NationState:
    """A state's changing figures."""

    id: StateId
    support: float = field(metadata=ROUND6)
    support_terms: list[Term]
    budget_musd: float = field(metadata=ROUND6)
    """Operations budget balance, US$ million (may go negative: then it is exhausted)."""
    budget_terms: list[Term]
    spent_musd: float = field(default=0.0, metadata=ROUND6)
    supplemental_musd: float = field(default=0.0, metadata=ROUND6)
    casualties: int = 0
    recent_losses: list[tuple[int, int]] = field(default_factory=list)
    """(turn, casualties) pairs of the last weeks, for the recent-loss term."""
    approvals: dict[str, int] = field(default_factory=dict, metadata=SORTED)
    """Pending legislative approvals: what is voted on (e.g. ``deploy:A1``) → turn the vote happens."""
    approved: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    supplemental_pending: int | None = None
    """Turn on which a pending supplemental request is voted."""
    responses: dict[str, ResponseLevel] = field(default_factory=dict, metadata=SORTED)
    """Attack id → the response level chosen."""
    exhausted: bool = False
    expected_success: float | None = field(default=None, metadata=ROUND6)
    """Own share of combat power in the engagements it fights (0-1), or None if not fighting."""


# --------------------------------------------------------------------------------------------
# The white cell and the aggressor AI
# --------------------------------------------------------------------------------------------


@dataclass
class Override:
    """A standing white-cell override (its :class:`OverrideKey` says what it overrules)."""

    value: Any
    """A verdict code, an outcome, a response level, a state id or a number, as the target needs."""
    rationale: str
    turn: int
    seat: str = ""
    applied: bool = False
    """A one-off override (decision, control, budget, opinion) has taken effect."""
    delta: float | None = field(default=None, metadata=options(omit_default=True))
    """For an opinion override: the adjustment that gave the ruled support when it took effect."""


@dataclass(frozen=True)
class AiMemory:
    """The aggressor AI's memory for one state."""

    level: int = -1
    """The highest rung of the escalation ladder it has climbed (-1: none yet)."""
    last: int = -999
    """The last turn it weighed its targets."""
    halted: bool = False
    """It has halted for good (the balance turned against an invasion under way)."""
    target: str = ""
    """The location it last acted against."""


# --------------------------------------------------------------------------------------------
# The world
# --------------------------------------------------------------------------------------------


@dataclass
class WorldState:
    """Everything that changes during a game.  ``turn`` is the last resolved turn (0 = start)."""

    turn: int
    attacks: dict[str, AttackState] = field(metadata=SORTED)
    forces: dict[str, ForceState] = field(metadata=SORTED)
    nations: dict[StateId, NationState] = field(metadata=SORTED)
    control: dict[LocationId, StateId] = field(metadata=SORTED)
    verdicts: dict[VerdictKey, Verdict] = field(metadata=SORTED)
    collectives: dict[VerdictKey, Collective] = field(metadata=SORTED)
    ended: bool = False
    end_reason: str = ""
    next_attack: int = 1
    overrides: dict[OverrideKey, Override] = field(default_factory=dict, metadata=SORTED)
    """Standing white-cell overrides."""
    ai: dict[StateId, AiMemory] = field(default_factory=dict, metadata=SORTED)
    """The aggressor AI's memory per state."""
    script: dict[str, int] = field(default_factory=dict, metadata=options(sort=True, omit_default=True))
    """The scenario's injects the facilitator rescheduled: serial → the turn it fires on (0 held back, -1 skipped).
    Left out of the stored world while empty, so games that never touch it keep their hashes."""

    def open_attacks(self) -> list[AttackState]:
        """Attacks not ended, in the order they entered (A1, A2, … A10)."""
        return [a for a in sorted(self.attacks.values(), key=lambda a: int(a.id[1:])) if not a.ended]

    def override(self, target: OverrideTarget, subject: str) -> Override | None:
        """The standing override of ``target`` for ``subject``, if any."""
        return self.overrides.get(OverrideKey(target, subject))
