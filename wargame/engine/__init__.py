"""The pure rules engine: world model, verdicts, decisions, mobilisation, combat, politics.

It imports neither Qt nor SQLAlchemy nor the file system; randomness comes from the game seed.

The public API, by topic:

* the scenario's facts (:mod:`.model`), their vocabulary (:mod:`.enums`) and the rules' numbers
  (:class:`Rules`);
* the game state (:class:`WorldState` and its parts, :mod:`.world`);
* a turn: :func:`initial_world`, :func:`resolve_turn` → :class:`TurnRecord`, :func:`state_hash`;
* commands (:class:`Command`) and events (:class:`Event` with its :class:`Reason` and draws);
* verdicts without a game: :func:`assess`, :func:`evaluate`, :func:`verdicts_for`, :func:`assess_gravity`;
* checks: :func:`check_attack` raising :class:`InjectError`.
"""

from .commands import Action, Command, CommandKind
from .enums import (
    AdversaryKind,
    ArticleKind,
    AttackKind,
    DecisionRule,
    Doctrine,
    ForceStatus,
    Government,
    Gravity,
    LocationId,
    LocationKind,
    Obligation,
    Outcome,
    ScopeResult,
    Stance,
    StateId,
    TargetKind,
    Transport,
    VerdictCode,
)
from .events import Event, EventKind, Reason
from .injects import InjectError, check_attack
from .model import (
    AdversaryCondition,
    Article,
    AttackSpec,
    DateRange,
    EndCondition,
    ForceDef,
    Location,
    Membership,
    Objective,
    Scenario,
    ScheduledInject,
    ScopeClause,
    State,
    Suspension,
    Treaty,
)
from .rules import Rules
from .turn import TurnRecord, canonical_json, initial_world, resolve_turn, state_hash
from .verdicts import AttackView, Gate, Verdict, assess, assess_gravity, evaluate, verdicts_for
from .world import AttackState, Collective, ForceState, NationState, Term, WorldState

__all__ = [
    # vocabulary
    "AdversaryKind",
    "ArticleKind",
    "AttackKind",
    "DecisionRule",
    "Doctrine",
    "ForceStatus",
    "Government",
    "Gravity",
    "LocationId",
    "LocationKind",
    "Obligation",
    "Outcome",
    "ScopeResult",
    "Stance",
    "StateId",
    "TargetKind",
    "Transport",
    "VerdictCode",
    # the scenario's facts and the rules' numbers
    "AdversaryCondition",
    "Article",
    "AttackSpec",
    "DateRange",
    "EndCondition",
    "ForceDef",
    "Location",
    "Membership",
    "Objective",
    "Rules",
    "Scenario",
    "ScheduledInject",
    "ScopeClause",
    "State",
    "Suspension",
    "Treaty",
    # the game state
    "AttackState",
    "Collective",
    "ForceState",
    "NationState",
    "Term",
    "WorldState",
    # a turn
    "TurnRecord",
    "canonical_json",
    "initial_world",
    "resolve_turn",
    "state_hash",
    # commands and events
    "Action",
    "Command",
    "CommandKind",
    "Event",
    "EventKind",
    "Reason",
    # verdicts without a game
    "AttackView",
    "Gate",
    "Verdict",
    "assess",
    "assess_gravity",
    "evaluate",
    "verdicts_for",
    # checks
    "InjectError",
    "check_attack",
]
