"""The pure rules engine: world model, verdicts, decisions, mobilisation, combat, politics.

It imports neither Qt nor SQLAlchemy nor the file system; randomness comes from the game seed.

The public API, by topic:

* the scenario's facts (:mod:`.model`), their vocabulary (:mod:`.enums`) and the rules' numbers
  (:class:`Rules`); the crisis facts (:mod:`.crisis_facts`: forum preferences, legal clocks, relations,
  sponsors, borders, the Security Council's seats, consultation measures, scheduled evidence);
* the game state (:class:`WorldState` and its parts, :mod:`.world`): verdicts with their gates
  (:class:`Verdict`, :class:`Gate`) keyed by :class:`VerdictKey`, collective outcomes
  (:class:`Collective`), response levels (:class:`ResponseLevel`), white-cell overrides
  (:class:`Override` keyed by :class:`OverrideKey`) and the AI's memory (:class:`AiMemory`);
* the codec (:mod:`.codec`): :func:`encode` / :func:`decode` between any stored engine value and
  JSON-able data, :func:`clone`, :func:`canonical_json`;
* a turn: :func:`initial_world`, :func:`resolve_turn` → :class:`TurnRecord`, :func:`state_hash`; the
  phases a turn runs are :mod:`.phases` (one module each, in the order of DESIGN §4);
* commands (:class:`Command`) and events (:class:`Event` with its :class:`Reason` and :class:`Draw`);
* verdicts without a game: :func:`assess`, :func:`evaluate`, :func:`verdicts_for`, :func:`assess_gravity`;
* checks: :func:`check_attack` raising :class:`InjectError`.
"""

from .attribution import EVIDENCE_KINDS
from .codec import canonical_json, clone, decode, encode, state_hash
from .commands import OVERRIDE_TARGETS, Action, Command, CommandKind
from .crisis_facts import (
    FORUM_CLASSES,
    MEASURE_WHEN,
    NOT_IF,
    P5,
    REFUSALS,
    REQUEST_TOKENS,
    UNKNOWN,
    CouncilSeats,
    CrisisFacts,
    ForumPrefs,
    LegalClock,
    Measure,
    Relation,
    ScheduledEvidence,
    Sponsor,
)
from .enums import (
    LEVELS,
    AdversaryKind,
    ArticleKind,
    AttackKind,
    DecisionRule,
    Difficulty,
    Doctrine,
    Domain,
    ForceRole,
    ForceStatus,
    Government,
    Gravity,
    Intent,
    LocationId,
    LocationKind,
    Obligation,
    Outcome,
    OverrideTarget,
    RelationKind,
    ResponseLevel,
    ScopeResult,
    Sponsorship,
    Stance,
    StateId,
    TargetKind,
    Transport,
    VerdictCode,
)
from .events import Event, EventKind, Reason
from .gravity import assess_gravity
from .injects import InjectError, check_attack
from .model import (
    CHARTER_ID,
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
from .rng import Draw
from .rules import RULES_VERSION, Rules
from .turn import TurnRecord, initial_world, resolve_turn
from .verdicts import AttackView, assess, evaluate, verdicts_for
from .world import (
    AiMemory,
    Art51Report,
    AttackState,
    Collective,
    CouncilItem,
    CrisisState,
    ForceState,
    Gate,
    Judgement,
    LegalState,
    MeasureState,
    Meeting,
    NationState,
    Override,
    OverrideKey,
    Term,
    Verdict,
    VerdictKey,
    WorldState,
)

__all__ = [
    # vocabulary
    "AdversaryKind",
    "ArticleKind",
    "AttackKind",
    "DecisionRule",
    "Difficulty",
    "Doctrine",
    "Domain",
    "ForceRole",
    "ForceStatus",
    "Government",
    "Gravity",
    "Intent",
    "LocationId",
    "LocationKind",
    "Obligation",
    "LEVELS",
    "Outcome",
    "OverrideTarget",
    "RelationKind",
    "ResponseLevel",
    "ScopeResult",
    "Sponsorship",
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
    "RULES_VERSION",
    "Scenario",
    "ScheduledInject",
    "ScopeClause",
    "State",
    "Suspension",
    "Treaty",
    # the crisis facts
    "CHARTER_ID",
    "EVIDENCE_KINDS",
    "FORUM_CLASSES",
    "MEASURE_WHEN",
    "NOT_IF",
    "P5",
    "REFUSALS",
    "REQUEST_TOKENS",
    "UNKNOWN",
    "CouncilSeats",
    "CrisisFacts",
    "ForumPrefs",
    "LegalClock",
    "Measure",
    "Relation",
    "ScheduledEvidence",
    "Sponsor",
    # the game state
    "AiMemory",
    "Art51Report",
    "AttackState",
    "Collective",
    "CouncilItem",
    "CrisisState",
    "Judgement",
    "LegalState",
    "MeasureState",
    "Meeting",
    "ForceState",
    "Gate",
    "NationState",
    "Override",
    "OverrideKey",
    "Term",
    "Verdict",
    "VerdictKey",
    "WorldState",
    # the codec
    "canonical_json",
    "clone",
    "decode",
    "encode",
    # a turn
    "TurnRecord",
    "initial_world",
    "resolve_turn",
    "state_hash",
    # commands and events
    "Action",
    "Command",
    "CommandKind",
    "OVERRIDE_TARGETS",
    "Draw",
    "Event",
    "EventKind",
    "Reason",
    # verdicts without a game
    "AttackView",
    "assess",
    "assess_gravity",
    "evaluate",
    "verdicts_for",
    # checks
    "InjectError",
    "check_attack",
]
