"""The pure rules engine: world model, verdicts, decisions, mobilisation, combat, politics.

It imports neither Qt nor SQLAlchemy nor the file system; randomness comes from the game seed.
"""

from .commands import Action, Command, CommandKind
from .events import Event, EventKind, Reason
from .injects import InjectError, check_attack
from .model import *  # noqa: F401,F403
from .turn import TurnRecord, canonical_json, initial_world, resolve_turn, state_hash
from .verdicts import AttackView, Gate, Verdict, assess, assess_gravity, evaluate, verdicts_for

__all__ = [
    "Action",
    "Command",
    "CommandKind",
    "Event",
    "EventKind",
    "Reason",
    "InjectError",
    "check_attack",
    "TurnRecord",
    "canonical_json",
    "initial_world",
    "resolve_turn",
    "state_hash",
    "AttackView",
    "Gate",
    "Verdict",
    "assess",
    "assess_gravity",
    "evaluate",
    "verdicts_for",
]
from . import model as _model

__all__ += [n for n in vars(_model) if not n.startswith("_") and n[0].isupper() and n not in ("Any", "TypeAlias")]
__all__ += ["StateId", "LocationId"]  # noqa: F405 (defined in model)
