"""Variations of a scenario for batch runs and sweeps: ``NAME=VALUE`` applied to the in-memory scenario.

A variation changes one value of the scenario as it was loaded (the file is never edited): the frozen
dataclasses are copied with :func:`dataclasses.replace`. The names a variation may use:

* ``rules.FIELD`` — any field of :class:`~wargame.engine.Rules` (``rules.attribution_threshold``);
* ``states.ID.FIELD`` — a scalar field of a state (``states.DEU.opinion_baseline``, ``states.ITA.doctrine``);
* ``forces.ID.FIELD`` — a scalar field of a force (``forces.USA-82AB.readiness_days``);
* ``scenario.FIELD`` — ``max_turns``, ``turn_length_days`` or ``start_date``;
* ``difficulty`` — the AI's difficulty (``easy``, ``normal``, ``hard``): not part of the scenario, it is
  passed to the turns (see :func:`split_difficulty`).

A value is checked by the same rules as the scenario file (the models of :mod:`wargame.scenario.schema`:
ranges, shares at most 1, known doctrines …), so a sweep cannot build a scenario the file could not hold.
Bad names and values raise :class:`~wargame.app.AppError` with one line and the closest known name.

An *assignment* is a mapping ``name → value as text`` (``{"rules.attribution_threshold": "0.5"}``): the form
stored with each batch run and in a saved game's variant (``variant["vary"]``), re-applied when it is opened.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from wargame.engine import ForceDef, Rules, Scenario, State
from wargame.engine.names import suggest
from wargame.engine.turn import DIFFICULTIES
from wargame.scenario.schema import ForceDoc, RulesDoc, ScenarioMeta, StateDoc

from . import AppError

__all__ = ["DIFFICULTY", "NAMESPACES", "Variation", "apply", "check_name", "parse_vary", "split_difficulty"]

DIFFICULTY = "difficulty"
NAMESPACES = ("rules", "states", "forces", "scenario", DIFFICULTY)

_SCENARIO_FIELDS = ("max_turns", "turn_length_days", "start_date")
_STATE_FIXED = {"id", "name", "non_state"}
_FORCE_FIXED = {"id", "owner", "name", "kind", "home"}


@dataclass(frozen=True)
class Variation:
    """One ``--vary NAME=V1,V2,…``: a name and its values (as text, in the order given)."""

    name: str
    values: tuple[str, ...]


# ------------------------------------------------------------------------------------------
# Names
# ------------------------------------------------------------------------------------------


def _scalar_fields(cls: type, model: type[BaseModel], fixed: set[str]) -> list[str]:
    """Fields of a frozen fact that a variation may set: in the dataclass and its file model, not lists."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        if f.name in fixed or f.name not in model.model_fields:
            continue
        if typing.get_origin(hints[f.name]) in (tuple, list, dict):
            continue
        out.append(f.name)
    return out


def _fields_of(namespace: str) -> list[str]:
    if namespace == "rules":
        return [f.name for f in dataclasses.fields(Rules)]
    if namespace == "states":
        return _scalar_fields(State, StateDoc, _STATE_FIXED)
    if namespace == "forces":
        return _scalar_fields(ForceDef, ForceDoc, _FORCE_FIXED)
    return list(_SCENARIO_FIELDS)


def _split(name: str, scenario: Scenario) -> tuple[str, str, str]:
    """(namespace, entity id or '', field) of a variation name; :class:`AppError` if it names nothing."""
    if name == DIFFICULTY:
        return DIFFICULTY, "", ""
    ns, _, rest = name.partition(".")
    if ns not in NAMESPACES or ns == DIFFICULTY:
        raise AppError(
            f"--vary {name}: unknown name{suggest(ns, NAMESPACES)} "
            "(rules.FIELD, states.ID.FIELD, forces.ID.FIELD, scenario.FIELD or difficulty)"
        )
    if ns in ("states", "forces"):
        ident, _, fld = rest.rpartition(".")  # force ids may hold dots? they do not, but fields never do
        known: dict[str, Any] = (
            scenario.states if ns == "states" else {f.id: f for f in scenario.forces}  # type: ignore[assignment]
        )
        if not ident or not fld:
            raise AppError(f"--vary {name}: a {ns[:-1]} variation is {ns}.ID.FIELD (e.g. {_example(ns, scenario)})")
        if ident not in known:
            raise AppError(f"--vary {name}: no {ns[:-1]} {ident!r} in {scenario.id}{suggest(ident, known)}")
    else:
        ident, fld = "", rest
    fields = _fields_of(ns)
    if fld not in fields:
        hint = suggest(fld, fields) or f" (one of: {', '.join(fields[:12])}{' …' if len(fields) > 12 else ''})"
        raise AppError(f"--vary {name}: {ns} has no field {fld!r} that can vary{hint}")
    return ns, ident, fld


def _example(ns: str, scenario: Scenario) -> str:
    if ns == "states":
        sid = next(iter(sorted(scenario.states)), "DEU")
        return f"states.{sid}.opinion_baseline"
    fid = scenario.forces[0].id if scenario.forces else "FORCE"
    return f"forces.{fid}.readiness_days"


def check_name(name: str, scenario: Scenario) -> None:
    """:class:`AppError` if ``name`` is not a variation of ``scenario`` (with the closest known name)."""
    _split(name, scenario)


# ------------------------------------------------------------------------------------------
# Values
# ------------------------------------------------------------------------------------------


def _adapter(model: type[BaseModel], fld: str) -> TypeAdapter[Any]:
    info = model.model_fields[fld]
    if not info.metadata:
        return TypeAdapter(info.annotation)
    return TypeAdapter(Annotated[info.annotation, *info.metadata])  # type: ignore[valid-type]


def _model(ns: str) -> type[BaseModel]:
    return {"rules": RulesDoc, "states": StateDoc, "forces": ForceDoc, "scenario": ScenarioMeta}[ns]


def _convert(ns: str, fld: str, text: str) -> Any:
    """The value of ``text`` for field ``fld`` of namespace ``ns``, checked as the scenario file checks it."""
    model = _model(ns)
    raw: Any = text.strip()
    if ns == "scenario" and fld == "start_date":
        try:
            raw = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(f"expected a date like 2026-03-02, got {text!r}") from None
    elif ns == "scenario" and fld == "turn_length_days":
        raw = _number(raw, float)
    elif ns == "scenario" and fld == "max_turns":
        raw = _number(raw, int)
    else:
        target = {"rules": Rules, "states": State, "forces": ForceDef}[ns]
        hint = typing.get_type_hints(target)[fld]
        if hint is bool:
            low = raw.lower()
            if low not in ("true", "false", "yes", "no", "1", "0"):
                raise ValueError(f"expected true or false, got {text!r}")
            raw = low in ("true", "yes", "1")
        elif hint is int:
            raw = _number(raw, int)
        elif hint is float:
            raw = _number(raw, float)
    try:
        value = _adapter(model, fld).validate_python(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        raise ValueError(str(err.get("msg", "invalid value")).removeprefix("Value error, ")) from None
    if ns in ("states", "forces"):
        target = State if ns == "states" else ForceDef
        hint = typing.get_type_hints(target)[fld]
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            value = hint(value)
    return value


def _number(text: str, kind: type) -> Any:
    try:
        v = float(text)
    except ValueError:
        raise ValueError(f"expected a number, got {text!r}") from None
    if kind is int:
        if not v.is_integer():
            raise ValueError(f"expected a whole number, got {text!r}")
        return int(v)
    return v


def value_of(name: str, text: str, scenario: Scenario) -> Any:
    """The checked value of ``name=text`` (an enum member, a number, a date, a bool or a difficulty)."""
    ns, _, fld = _split(name, scenario)
    if ns == DIFFICULTY:
        if text not in DIFFICULTIES:
            raise AppError(
                f"--vary {name}: unknown difficulty {text!r}{suggest(text, DIFFICULTIES)} (easy, normal, hard)"
            )
        return text
    try:
        return _convert(ns, fld, text)
    except ValueError as exc:
        raise AppError(f"--vary {name}={text}: {exc}") from None


def parse_vary(text: str, scenario: Scenario) -> Variation:
    """``NAME=V1,V2,…`` → a checked :class:`Variation` (every value is checked now, before any run)."""
    name, sep, rest = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise AppError(f"--vary takes NAME=V1,V2,… (e.g. rules.attribution_threshold=0.5,0.7), not {text!r}")
    values = tuple(v.strip() for v in rest.split(","))
    if not rest.strip() or any(not v for v in values):
        raise AppError(f"--vary {name}: give one or more values separated by commas, not {rest!r}")
    if len(set(values)) != len(values):
        raise AppError(f"--vary {name}: a value is listed twice ({rest})")
    for v in values:
        value_of(name, v, scenario)
    return Variation(name, values)


# ------------------------------------------------------------------------------------------
# Applying an assignment
# ------------------------------------------------------------------------------------------


def split_difficulty(assignment: Mapping[str, str], default: str = "normal") -> tuple[dict[str, str], str]:
    """(the scenario's variations, the difficulty) of an assignment."""
    rest = {k: v for k, v in assignment.items() if k != DIFFICULTY}
    return rest, str(assignment.get(DIFFICULTY, default))


def apply(scenario: Scenario, assignment: Mapping[str, str]) -> Scenario:
    """``scenario`` with the assignment's values (``difficulty`` is ignored here: see :func:`split_difficulty`).

    The scenario is not changed; a new one is built with :func:`dataclasses.replace`. Values are checked as
    :func:`value_of` checks them (:class:`AppError` otherwise).
    """
    rules: dict[str, Any] = {}
    states: dict[str, dict[str, Any]] = {}
    forces: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for name, text in assignment.items():
        ns, ident, fld = _split(name, scenario)
        if ns == DIFFICULTY:
            continue
        value = value_of(name, str(text), scenario)
        if ns == "rules":
            rules[fld] = value
        elif ns == "states":
            states.setdefault(ident, {})[fld] = value
        elif ns == "forces":
            forces.setdefault(ident, {})[fld] = value
        else:
            top[fld] = value
    if not (rules or states or forces or top):
        return scenario
    changes: dict[str, Any] = dict(top)
    if rules:
        changes["rules"] = dataclasses.replace(scenario.rules, **rules)
    if states:
        changes["states"] = {
            sid: dataclasses.replace(st, **states[sid]) if sid in states else st for sid, st in scenario.states.items()
        }
    if forces:
        changes["forces"] = tuple(
            dataclasses.replace(f, **forces[f.id]) if f.id in forces else f for f in scenario.forces
        )
    return scenario.derive(**changes)
