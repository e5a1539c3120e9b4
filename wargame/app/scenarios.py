"""Scenarios as the clients see them: the bundled list with briefings, loading, validating, assessing, scoring.

GUI, CLI and report come here instead of calling :mod:`wargame.scenario` or the engine. Errors a user
can cause are :class:`~wargame.app.AppError` (or :class:`~wargame.scenario.ScenarioError` where the
caller wants the problems one by one, as ``validate`` does).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import wargame.scenario as _scenario
from wargame.engine import AttackSpec, Scenario, Verdict, WorldState, check_attack
from wargame.engine import assess as _assess
from wargame.engine.limits import shorten
from wargame.engine.names import suggest
from wargame.engine.objectives import ObjectiveResult
from wargame.engine.objectives import score as _score
from wargame.scenario import SCENARIOS_DIR, ScenarioError, bundled_headers

from . import AppError

if TYPE_CHECKING:
    from . import Game


def load_scenario(path: str | Path) -> Scenario:
    """:func:`wargame.scenario.load_scenario`, imported at first use (the desktop application starts without the
    loader)."""
    return _scenario.load_scenario(path)


__all__ = [
    "SCENARIOS_DIR",
    "BundledScenario",
    "ScenarioFacts",
    "Validation",
    "assess",
    "bundled",
    "check_inject",
    "check_states",
    "facts",
    "load",
    "pack_of",
    "resolve",
    "score",
    "validate",
]


@dataclass(frozen=True)
class BundledScenario:
    """A playable scenario shipped with the application: its display name, file, id and briefing.

    Read from the file's ``[scenario]`` table only (the scenario is not loaded), so listing is cheap.
    """

    name: str
    path: Path
    id: str
    briefing: str


def bundled(folder: str | Path | None = None) -> list[BundledScenario]:
    """The playable scenarios in ``assets/scenarios`` (sorted by file name).

    A file is listed when its ``[scenario]`` table says ``playable = true`` or does not say
    ``library = true``; files that cannot be read or parsed are skipped (:func:`load` says why).
    """
    out: list[BundledScenario] = []
    for path, meta in bundled_headers(folder):
        name, briefing = meta.get("name"), meta.get("briefing")
        out.append(
            BundledScenario(
                name if isinstance(name, str) and name.strip() else path.stem,
                path,
                str(meta.get("id", path.stem)),
                briefing.strip() if isinstance(briefing, str) else "",
            )
        )
    return out


def resolve(arg: str | Path) -> Path:
    """A scenario file, or the file of a bundled scenario named by its file stem (``demo``, ``baltic`` …)."""
    p = Path(arg)
    try:
        if p.exists():
            return p
    except OSError as exc:  # e.g. a name too long for the file system
        raise AppError(f"no scenario file {shorten(str(arg))} ({exc.strerror or exc})") from None
    names = sorted(x.stem for x in SCENARIOS_DIR.glob("*.toml"))
    if str(arg) in names:
        return SCENARIOS_DIR / f"{arg}.toml"
    raise AppError(
        f"no scenario file {shorten(str(arg))}{suggest(str(arg), names)} (bundled scenarios: {', '.join(names)})"
    )


def load(path: str | Path) -> Scenario:
    """Load and validate a scenario file and its includes; :class:`AppError` with every problem otherwise."""
    try:
        return load_scenario(path)
    except ScenarioError as exc:
        raise AppError(str(exc)) from exc


@dataclass(frozen=True)
class ScenarioFacts:
    """A scenario in a few numbers, for the start page and ``wargame validate``."""

    id: str
    name: str
    briefing: str
    states: int
    locations: int
    treaties: int
    forces: int
    injects: int
    start_date: dt.date
    turn_length_days: float
    max_turns: int

    @property
    def text(self) -> str:
        """One sentence: states, treaties, forces, start, turn length, last turn."""
        return (
            f"{self.states} states, {self.treaties} treaties, {self.forces} forces; starts "
            f"{self.start_date.isoformat()}, {self.turn_length_days:g} day(s) a turn, at most {self.max_turns} turns."
        )


def facts(scenario: Scenario) -> ScenarioFacts:
    sc = scenario
    return ScenarioFacts(
        sc.id,
        sc.name,
        sc.briefing.strip(),
        len(sc.states),
        len(sc.locations),
        len(sc.treaties),
        len(sc.forces),
        len(sc.injects),
        sc.start_date,
        sc.turn_length_days,
        sc.max_turns,
    )


@dataclass(frozen=True)
class Validation:
    """What ``validate`` found: the problems that stop the scenario loading (each with its path inside
    the file), or, when it loads, its facts and the numbers that lack a source or an assumption flag."""

    ok: bool
    facts: ScenarioFacts | None
    problems: tuple[tuple[str, str], ...] = ()
    """(path inside the file, message) of each problem that stops it loading."""
    provenance_problems: tuple[tuple[str, str], ...] = ()
    message: str = ""
    """The loader's whole message when the scenario does not load."""


def validate(path: str | Path) -> Validation:
    """Load a scenario without running it and check the provenance of every number."""
    try:
        sc = load_scenario(path)
    except ScenarioError as exc:
        return Validation(False, None, tuple((p.path, p.message) for p in exc.problems), message=str(exc))
    prov = tuple((p.path, p.message) for p in _scenario.check_provenance(path))
    return Validation(not prov, facts(sc), (), prov)


def check_states(scenario: Scenario, states: Iterable[str], what: str = "state") -> None:
    """:class:`AppError` naming the first id that is not a state of the scenario (with the closest one)."""
    for s in states:
        if s not in scenario.states:
            raise AppError(f"unknown {what} {s!r}{suggest(s, list(scenario.states))}")


def check_inject(scenario: Scenario, spec: AttackSpec, world: WorldState | None = None) -> None:
    """:class:`~wargame.engine.InjectError` if the attack cannot happen in the scenario (and world)."""
    check_attack(scenario, spec, world)


def assess(scenario: Scenario, spec: AttackSpec, day: dt.date | None = None) -> list[Verdict]:
    """Every treaty's verdict for a hypothetical attack on ``day`` (default: the scenario's start), no game."""
    check_attack(scenario, spec)
    return _assess(scenario, spec, day or scenario.start_date)


def score(scenario: Scenario, world: WorldState) -> list[ObjectiveResult]:
    """The scenario's objectives judged at ``world``, each with its reason."""
    return _score(scenario, world)


def pack_of(game: Game) -> Scenario | None:
    """The bundled scenario this game was made from, as this version ships it (None if not bundled).

    Only a bare file name of ``assets/scenarios`` is looked up: a path stored in a saved game (which may come from
    anyone) is never followed.
    """
    main = str(game.meta.variant.get("main_file", ""))
    bundled_names = {p.name for p in SCENARIOS_DIR.glob("*.toml")}
    for name in dict.fromkeys([main, f"{game.meta.scenario_id}.toml"]):
        p = SCENARIOS_DIR / name if name in bundled_names else None
        if p is not None and p.is_file():
            try:
                sc = load_scenario(p)
            except ScenarioError:
                continue
            if sc.id == game.scenario.id:
                return sc
    return None
