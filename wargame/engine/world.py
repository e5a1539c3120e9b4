"""The state of a game: what changes turn by turn (attacks, forces, nations, control, verdicts …).

It is plain data that round-trips through :meth:`WorldState.to_dict` / :meth:`WorldState.from_dict`, so the
saved game can store it and the state hash can be computed from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .enums import ForceStatus, Gravity, LocationId, Outcome, StateId
from .model import AttackSpec

# --------------------------------------------------------------------------------------------
# Game state
# --------------------------------------------------------------------------------------------


@dataclass
class AttackState:
    """An attack in the world: its spec plus what the engine has assessed about it."""

    id: str
    spec: AttackSpec
    turn: int
    attribution: float
    gravity: Gravity
    requested_turn: int | None
    consult_requests: list[StateId] = field(default_factory=list)
    ended: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "spec": self.spec.to_dict(),
            "turn": self.turn,
            "attribution": self.attribution,
            "gravity": self.gravity.name,
            "requested_turn": self.requested_turn,
            "consult_requests": list(self.consult_requests),
            "ended": self.ended,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AttackState:
        return cls(
            id=d["id"],
            spec=AttackSpec.from_dict(d["spec"]),
            turn=d["turn"],
            attribution=d["attribution"],
            gravity=Gravity[d["gravity"]],
            requested_turn=d["requested_turn"],
            consult_requests=list(d["consult_requests"]),
            ended=d["ended"],
        )


@dataclass
class ForceState:
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

    def to_dict(self) -> dict[str, Any]:
        # Field by field rather than dataclasses.asdict (which deep-copies): this runs for every force
        # every turn. The keys are the dataclass fields, so from_dict(**d) round-trips.
        return {
            "id": self.id,
            "status": self.status.value,
            "location": self.location,
            "strength": self.strength,
            "destination": self.destination,
            "ready_turn": self.ready_turn,
            "depart_turn": self.depart_turn,
            "arrive_turn": self.arrive_turn,
            "engage": self.engage,
            "mission": self.mission,
            "losses": self.losses,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ForceState:
        d = dict(d)
        d["status"] = ForceStatus(d["status"])
        return cls(**d)


@dataclass
class Term:
    """One term of an opinion or budget figure: a label, a value and where it comes from."""

    label: str
    value: float
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": round(self.value, 6), "source": self.source}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Term:
        return cls(d["label"], d["value"], d.get("source", ""))


@dataclass
class NationState:
    """A state's changing figures."""

    id: StateId
    support: float
    support_terms: list[Term]
    budget_musd: float
    """Operations budget balance, US$ million (may go negative: then it is exhausted)."""
    budget_terms: list[Term]
    spent_musd: float = 0.0
    supplemental_musd: float = 0.0
    casualties: int = 0
    recent_losses: list[tuple[int, int]] = field(default_factory=list)
    """(turn, casualties) pairs of the last weeks, for the recent-loss term."""
    approvals: dict[str, int] = field(default_factory=dict)
    """Pending legislative approvals: key (e.g. ``deploy:A1``) → turn the vote happens."""
    approved: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    supplemental_pending: int | None = None
    """Turn on which a pending supplemental request is voted."""
    responses: dict[str, str] = field(default_factory=dict)
    """Attack id → the response level chosen (statement, sanctions, mobilise, deploy, engage)."""
    exhausted: bool = False
    expected_success: float | None = None
    """Own share of combat power in the engagements it fights (0-1), or None if not fighting."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "support": round(self.support, 6),
            "support_terms": [t.to_dict() for t in self.support_terms],
            "budget_musd": round(self.budget_musd, 6),
            "budget_terms": [t.to_dict() for t in self.budget_terms],
            "spent_musd": round(self.spent_musd, 6),
            "supplemental_musd": round(self.supplemental_musd, 6),
            "casualties": self.casualties,
            "recent_losses": [list(x) for x in self.recent_losses],
            "approvals": dict(sorted(self.approvals.items())),
            "approved": list(self.approved),
            "refused": list(self.refused),
            "supplemental_pending": self.supplemental_pending,
            "responses": dict(sorted(self.responses.items())),
            "exhausted": self.exhausted,
            "expected_success": None if self.expected_success is None else round(self.expected_success, 6),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> NationState:
        return cls(
            id=d["id"],
            support=d["support"],
            support_terms=[Term.from_dict(t) for t in d["support_terms"]],
            budget_musd=d["budget_musd"],
            budget_terms=[Term.from_dict(t) for t in d["budget_terms"]],
            spent_musd=d["spent_musd"],
            supplemental_musd=d["supplemental_musd"],
            casualties=d["casualties"],
            recent_losses=[(a, b) for a, b in d["recent_losses"]],
            approvals=dict(d["approvals"]),
            approved=list(d["approved"]),
            refused=list(d["refused"]),
            supplemental_pending=d["supplemental_pending"],
            responses=dict(d["responses"]),
            exhausted=d["exhausted"],
            expected_success=d.get("expected_success"),
        )


@dataclass
class Collective:
    """A treaty article's collective outcome for one attack."""

    key: str
    """``TREATY:ARTICLE:ATTACK``."""
    outcome: Outcome
    since_turn: int
    stances: dict[StateId, str] = field(default_factory=dict)
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "outcome": self.outcome.value,
            "since_turn": self.since_turn,
            "stances": dict(sorted(self.stances.items())),
            "reason": self.reason,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Collective:
        return cls(d["key"], Outcome(d["outcome"]), d["since_turn"], dict(d["stances"]), d.get("reason", ""))


@dataclass
class WorldState:
    """Everything that changes during a game.  ``turn`` is the last resolved turn (0 = start)."""

    turn: int
    attacks: dict[str, AttackState]
    forces: dict[str, ForceState]
    nations: dict[StateId, NationState]
    control: dict[LocationId, StateId]
    verdicts: dict[str, dict[str, Any]]
    """``TREATY:ARTICLE:ATTACK`` → the current verdict as a dict (see :class:`Verdict`)."""
    collectives: dict[str, Collective]
    ended: bool = False
    end_reason: str = ""
    next_attack: int = 1
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Standing white-cell overrides: ``verdict:KEY`` / ``collective:KEY`` → value, rationale, turn."""
    ai: dict[StateId, dict[str, Any]] = field(default_factory=dict)
    """The aggressor AI's memory per state: escalation level, last action turn, halted."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "attacks": {k: v.to_dict() for k, v in sorted(self.attacks.items())},
            "forces": {k: v.to_dict() for k, v in sorted(self.forces.items())},
            "nations": {k: v.to_dict() for k, v in sorted(self.nations.items())},
            "control": dict(sorted(self.control.items())),
            "verdicts": dict(sorted(self.verdicts.items())),
            "collectives": {k: v.to_dict() for k, v in sorted(self.collectives.items())},
            "ended": self.ended,
            "end_reason": self.end_reason,
            "next_attack": self.next_attack,
            "overrides": dict(sorted(self.overrides.items())),
            "ai": dict(sorted(self.ai.items())),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> WorldState:
        return cls(
            turn=d["turn"],
            attacks={k: AttackState.from_dict(v) for k, v in d["attacks"].items()},
            forces={k: ForceState.from_dict(v) for k, v in d["forces"].items()},
            nations={k: NationState.from_dict(v) for k, v in d["nations"].items()},
            control=dict(d["control"]),
            verdicts={k: dict(v) for k, v in d["verdicts"].items()},
            collectives={k: Collective.from_dict(v) for k, v in d["collectives"].items()},
            ended=d["ended"],
            end_reason=d["end_reason"],
            next_attack=d["next_attack"],
            overrides={k: dict(v) for k, v in d.get("overrides", {}).items()},
            ai={k: dict(v) for k, v in d.get("ai", {}).items()},
        )
