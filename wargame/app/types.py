"""Value types of the engine that clients of the application layer use, re-exported.

GUI, CLI and report import these from here, never from ``wargame.engine`` (the import-linter
contracts in ``pyproject.toml`` hold them to it). They are plain values: enums, specs and the
frozen facts of a scenario and a world, which clients read and pass back to :mod:`wargame.app`.
"""

from __future__ import annotations

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Doctrine,
    Event,
    EventKind,
    ForceState,
    ForceStatus,
    Gravity,
    InjectError,
    LocationKind,
    Outcome,
    Reason,
    Rules,
    Scenario,
    TargetKind,
    Verdict,
    VerdictCode,
    WorldState,
)
from wargame.engine.objectives import ObjectiveResult

__all__ = [
    "AttackKind",
    "AttackSpec",
    "Doctrine",
    "Event",
    "EventKind",
    "ForceState",
    "ForceStatus",
    "Gravity",
    "InjectError",
    "LocationKind",
    "ObjectiveResult",
    "Outcome",
    "Reason",
    "Rules",
    "Scenario",
    "TargetKind",
    "Verdict",
    "VerdictCode",
    "WorldState",
]
