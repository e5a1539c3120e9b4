"""Value types of the engine that clients of the application layer use, re-exported.

GUI, CLI and report import these from here, never from ``wargame.engine`` (the import-linter
contracts in ``pyproject.toml`` hold them to it). They are plain values: enums, specs, keys and the
frozen facts of a scenario and a world, which clients read and pass back to :mod:`wargame.app`;
and the codec (``encode``/``decode``) that turns any of them into JSON-able data and back.
"""

from __future__ import annotations

from wargame.engine import (
    AttackKind,
    AttackSpec,
    Collective,
    Doctrine,
    Event,
    EventKind,
    ForceState,
    ForceStatus,
    Gate,
    Gravity,
    InjectError,
    Intent,
    LocationKind,
    Outcome,
    Reason,
    ResponseLevel,
    Rules,
    Scenario,
    TargetKind,
    Verdict,
    VerdictCode,
    VerdictKey,
    WorldState,
    decode,
    encode,
)
from wargame.engine.objectives import ObjectiveResult

__all__ = [
    "AttackKind",
    "AttackSpec",
    "Collective",
    "Doctrine",
    "Event",
    "EventKind",
    "ForceState",
    "ForceStatus",
    "Gate",
    "Gravity",
    "InjectError",
    "Intent",
    "LocationKind",
    "ObjectiveResult",
    "Outcome",
    "Reason",
    "ResponseLevel",
    "Rules",
    "Scenario",
    "TargetKind",
    "Verdict",
    "VerdictCode",
    "VerdictKey",
    "WorldState",
    "decode",
    "encode",
]
