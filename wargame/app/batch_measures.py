"""What a batch run records: the measures of the run table and the per-turn series, derived from the world
and the event log the engine already produces.

Adding a measure is one function: decorate it with :func:`measure` and the columns it fills (with a type, a
role and a sentence for ``docs/batch.md``). A measure that depends on the scenario (one column per treaty
article, per objective …) passes ``dynamic=`` a function of the scenario that returns its columns. A
measure reads a :class:`RunTrace` (the scenario, the first and last worlds, every event, the per-turn
figures) and returns ``{column: value}``; a column it leaves out is null.

The *role* of a column tells the batch report what to draw: ``outcome`` (true/false: a frequency with its
confidence interval), ``timing`` (a turn, null if it never happened: a histogram), ``measure`` (a number: the
tornado chart and the typical runs), ``label`` (text), ``id`` (the run's identity).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from wargame.engine import (
    ArticleKind,
    Doctrine,
    Event,
    EventKind,
    ForceStatus,
    Gravity,
    Outcome,
    Scenario,
    VerdictCode,
    VerdictKey,
    WorldState,
)
from wargame.engine.objectives import score as _score

__all__ = [
    "BASE_COLUMNS",
    "Column",
    "MEASURES",
    "RunTrace",
    "SERIES_COLUMNS",
    "column_name",
    "measure",
    "measure_row",
    "run_columns",
    "series_of",
]

TYPES = ("int", "float", "bool", "str")
ROLES = ("id", "label", "outcome", "timing", "measure")


@dataclass(frozen=True)
class Column:
    """A column of the results: its name, type (int, float, bool, str), role and meaning."""

    name: str
    type: str
    doc: str
    role: str = "measure"
    label: str = ""
    """A short title for charts and tables (default: the name with spaces)."""

    @property
    def title(self) -> str:
        return self.label or self.name.replace("_", " ")

    def __post_init__(self) -> None:
        if self.type not in TYPES or self.role not in ROLES:
            raise ValueError(f"column {self.name}: type {self.type!r} / role {self.role!r}")


def column_name(*parts: str) -> str:
    """A column name made of ``parts`` (anything but letters and digits becomes ``_``): ``NATO``, ``42(7)`` →
    ``NATO_42_7``. Such names need no quoting in SQL."""
    text = "_".join(p for p in parts if p)
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9]", "_", text)).strip("_")


# ------------------------------------------------------------------------------------------
# What a measure reads
# ------------------------------------------------------------------------------------------


@dataclass
class RunTrace:
    """One finished run, as the measures see it."""

    scenario: Scenario
    difficulty: str
    initial: WorldState
    world: WorldState
    """The world after the last turn."""
    events: list[Event]
    series: dict[int, dict[str, tuple[Any, ...]]] = field(default_factory=dict)
    """turn → state → the values of :data:`SERIES_COLUMNS` (every state, every turn from 0)."""
    _by_kind: dict[EventKind, list[Event]] | None = field(default=None, repr=False)

    def of(self, kind: EventKind) -> list[Event]:
        """The run's events of one kind, in order."""
        if self._by_kind is None:
            by: dict[EventKind, list[Event]] = {}
            for e in self.events:
                by.setdefault(e.kind, []).append(e)
            self._by_kind = by
        return self._by_kind.get(kind, [])

    def aggressors(self) -> frozenset[str]:
        return frozenset(s for s, st in self.scenario.states.items() if st.doctrine is Doctrine.AGGRESSOR)

    def article_kind(self, key: VerdictKey) -> ArticleKind | None:
        try:
            return self.scenario.treaty(key.treaty).article(key.article).kind
        except KeyError:
            return None


Fn = Callable[[RunTrace], dict[str, Any]]


@dataclass(frozen=True)
class Measure:
    name: str
    fn: Fn
    columns: Callable[[Scenario], list[Column]]


MEASURES: list[Measure] = []


def measure(*columns: Column, dynamic: Callable[[Scenario], list[Column]] | None = None) -> Callable[[Fn], Fn]:
    """Register a measure filling ``columns`` (or the columns ``dynamic(scenario)`` names)."""

    def deco(fn: Fn) -> Fn:
        cols = dynamic if dynamic is not None else (lambda _sc: list(columns))
        MEASURES.append(Measure(fn.__name__, fn, cols))
        return fn

    return deco


BASE_COLUMNS: tuple[Column, ...] = (
    Column("run", "int", "The run's number (1, 2 …): `wargame batch replay RESULTS --run N` rebuilds it.", "id"),
    Column("replicate", "int", "Which replicate of its combination of varied values (1 … --runs).", "id"),
    Column("seed", "int", "The run's game seed, derived from the batch seed and the replicate (a stable hash).", "id"),
    Column("rules_version", "int", "The version of the rules the run was played with (RULES_VERSION).", "id"),
    Column("scenario", "str", "The scenario's id.", "id"),
    Column("difficulty", "str", "The AI's difficulty (easy, normal, hard).", "label"),
    Column("vary", "str", 'The varied values as JSON text, `{"NAME": "VALUE"}` (`{}` without --vary).', "label"),
    Column("final_hash", "str", "The state hash of the last turn (a replay must give the same).", "id"),
)
"""Columns every run has, filled by the runner; a ``vary_NAME`` column follows for each varied name."""


def run_columns(scenario: Scenario) -> list[Column]:
    """Every measure's columns for ``scenario``, in registration order (after :data:`BASE_COLUMNS`)."""
    out: list[Column] = []
    for m in MEASURES:
        out.extend(m.columns(scenario))
    return out


def measure_row(trace: RunTrace) -> dict[str, Any]:
    """Every measure of one run."""
    row: dict[str, Any] = {}
    for m in MEASURES:
        row.update(m.fn(trace))
    return row


def _first(events: Iterable[Event], pred: Callable[[Event], bool] = lambda _e: True) -> int | None:
    return next((e.turn for e in events if pred(e)), None)


# ------------------------------------------------------------------------------------------
# The end
# ------------------------------------------------------------------------------------------


@measure(
    Column("end_turn", "int", "The last turn played.", "measure"),
    Column("ended", "bool", "The game ended (an end condition, or the last turn).", "label"),
    Column("end_reason", "str", "Why the game ended, as the END event says it.", "label"),
    Column(
        "ended_by_condition", "bool", "One of the scenario's end conditions was met (e.g. a capital fell).", "outcome"
    ),
)
def end(t: RunTrace) -> dict[str, Any]:
    w, sc = t.world, t.scenario
    by_condition = any(c.kind == "control" and w.control.get(c.location) == c.controller for c in sc.end_conditions)
    return {"end_turn": w.turn, "ended": w.ended, "end_reason": w.end_reason, "ended_by_condition": by_condition}


# ------------------------------------------------------------------------------------------
# Attacks and deterrence
# ------------------------------------------------------------------------------------------


def _spec_of(e: Event) -> dict[str, Any]:
    att = e.data.get("attack") or {}
    return att.get("spec") or {}


def _gravity_of(e: Event) -> int:
    name = str((e.data.get("attack") or {}).get("gravity", "THREAT"))
    try:
        return int(Gravity[name])
    except KeyError:
        return 0


@measure(
    Column("attacks", "int", "Attacks that entered the world (scheduled, injected and the AI's).", "measure"),
    Column("ai_attacks", "int", "Attacks the aggressor AI chose.", "measure"),
    Column("armed_attacks", "int", "Attacks of the gravity of an armed attack or more.", "measure"),
    Column("first_attack_turn", "int", "Turn of the first attack.", "timing"),
    Column("first_armed_attack_turn", "int", "Turn of the first armed attack (or worse).", "timing"),
    Column("first_invasion_turn", "int", "Turn of the first invasion.", "timing"),
)
def attacks(t: RunTrace) -> dict[str, Any]:
    evs = t.of(EventKind.ATTACK)
    armed = [e for e in evs if _gravity_of(e) >= Gravity.ARMED_ATTACK]
    return {
        "attacks": len(evs),
        "ai_attacks": sum(1 for e in evs if e.data.get("seat") == "ai"),
        "armed_attacks": len(armed),
        "first_attack_turn": _first(evs),
        "first_armed_attack_turn": _first(armed),
        "first_invasion_turn": _first(evs, lambda e: _spec_of(e).get("kind") == "invasion"),
    }


_UNPROTECTED = {
    VerdictCode.NOT_IN_FORCE,
    VerdictCode.NOT_A_PARTY,
    VerdictCode.SUSPENDED,
    VerdictCode.OUT_OF_SCOPE,
    VerdictCode.ADVERSARY_EXCLUDED,
    VerdictCode.VICTIM_INITIATED,
}


def _protected(t: RunTrace, attack_id: str) -> bool:
    """A defence article protects the victim of ``attack_id`` where it was hit: its last verdict got past the
    gates of force, party, suspension, initiator, adversary and scope."""
    for key, v in t.world.verdicts.items():
        if key.attack == attack_id and t.article_kind(key) is ArticleKind.DEFENCE and v.code not in _UNPROTECTED:
            return True
    return False


@measure(
    Column(
        "ai_max_rung", "int", "Highest rung of the escalation ladder an AI aggressor climbed (-1: none).", "measure"
    ),
    Column("ai_armed_attacks", "int", "Armed attacks (or worse) the aggressor AI chose.", "measure"),
    Column(
        "deterrence_held",
        "bool",
        "No AI aggressor chose an armed attack on a state a defence article protected there (scheduled injects "
        "are the scenario's premise and do not count).",
        "outcome",
    ),
    Column("deterrence_failed_turn", "int", "Turn the AI first chose such an armed attack.", "timing"),
)
def deterrence(t: RunTrace) -> dict[str, Any]:
    ai_armed = [e for e in t.of(EventKind.ATTACK) if e.data.get("seat") == "ai" and _gravity_of(e) >= 3]
    failed = [e for e in ai_armed if _protected(t, e.subject)]
    return {
        "ai_max_rung": max((m.level for m in t.world.ai.values()), default=-1),
        "ai_armed_attacks": len(ai_armed),
        "deterrence_held": not failed,
        "deterrence_failed_turn": _first(failed),
    }


# ------------------------------------------------------------------------------------------
# Verdicts and invocations
# ------------------------------------------------------------------------------------------


def _articles(sc: Scenario) -> list[tuple[str, str, ArticleKind]]:
    return [
        (tr.id, a.id, a.kind)
        for tr in sc.treaties
        for a in tr.articles
        if a.kind in (ArticleKind.DEFENCE, ArticleKind.CONSULTATION)
    ]


def _invocation_columns(sc: Scenario) -> list[Column]:
    cols = [
        Column("invocations", "int", "Collective outcomes INVOKED (treaty article × attack).", "measure"),
        Column("blocked", "int", "Collective outcomes BLOCKED.", "measure"),
        Column("first_triggered_turn", "int", "Turn a defence article was first TRIGGERED.", "timing"),
        Column("first_invocation_turn", "int", "Turn a defence article was first INVOKED.", "timing"),
        Column("invoked", "str", "Every article invoked, with the attack and turn: `NATO:5:A6@5 …`.", "label"),
    ]
    for treaty, art, _kind in _articles(sc):
        base = column_name("invoked", treaty, art)
        cols.append(
            Column(
                base,
                "bool",
                f"{treaty} Art {art} was invoked for some attack.",
                "outcome",
                f"{treaty} Art {art} invoked",
            )
        )
        cols.append(
            Column(
                f"{base}_turn",
                "int",
                f"Turn {treaty} Art {art} was first invoked.",
                "timing",
                f"{treaty} Art {art} invoked on turn",
            )
        )
    return cols


def _outcome_of(e: Event) -> str:
    return str(e.data.get("outcome", ""))


@measure(dynamic=_invocation_columns)
def invocations(t: RunTrace) -> dict[str, Any]:
    coll = t.of(EventKind.COLLECTIVE)
    firsts: dict[tuple[str, str], int] = {}
    invoked_keys: dict[str, int] = {}
    for e in coll:
        if _outcome_of(e) != Outcome.INVOKED.value:
            continue
        try:
            key = VerdictKey.parse(e.subject)
        except ValueError:
            continue
        firsts.setdefault((key.treaty, key.article), e.turn)
        invoked_keys.setdefault(str(key), e.turn)
    defence_first = [
        turn for (tr, art), turn in firsts.items() if t.article_kind(VerdictKey(tr, art, "")) is ArticleKind.DEFENCE
    ]
    triggered = [
        e
        for e in t.of(EventKind.VERDICT)
        if (e.data.get("verdict") or {}).get("code") == VerdictCode.TRIGGERED.value and _defence_subject(t, e.subject)
    ]
    row: dict[str, Any] = {
        "invocations": sum(1 for c in t.world.collectives.values() if c.outcome is Outcome.INVOKED),
        "blocked": sum(1 for c in t.world.collectives.values() if c.outcome is Outcome.BLOCKED),
        "first_triggered_turn": _first(triggered),
        "first_invocation_turn": min(defence_first, default=None),
        "invoked": " ".join(f"{k}@{turn}" for k, turn in sorted(invoked_keys.items(), key=lambda kv: (kv[1], kv[0]))),
    }
    for treaty, art, _kind in _articles(t.scenario):
        base = column_name("invoked", treaty, art)
        turn = firsts.get((treaty, art))
        row[base] = turn is not None
        row[f"{base}_turn"] = turn
    return row


def _defence_subject(t: RunTrace, subject: str) -> bool:
    try:
        return t.article_kind(VerdictKey.parse(subject)) is ArticleKind.DEFENCE
    except ValueError:
        return False


# ------------------------------------------------------------------------------------------
# Objectives and control
# ------------------------------------------------------------------------------------------


def _objective_columns(sc: Scenario) -> list[Column]:
    cols = [
        Column("score", "int", "Points of the scenario's objectives met at the end.", "measure"),
        Column("score_max", "int", "Points all the objectives are worth.", "label"),
    ]
    for ob in sc.objectives:
        cols.append(
            Column(
                column_name("objective", ob.id),
                "bool",
                f"Objective met: {ob.label}.",
                "outcome",
                f"objective: {ob.label}",
            )
        )
        if ob.kind == "hold":
            name = sc.locations[ob.location].name if ob.location in sc.locations else ob.location
            cols.append(Column(column_name("holder", ob.location), "str", f"Who held {name} at the end.", "label"))
    return cols


@measure(dynamic=_objective_columns)
def objectives(t: RunTrace) -> dict[str, Any]:
    results = _score(t.scenario, t.world)
    row: dict[str, Any] = {"score": sum(r.points for r in results), "score_max": sum(r.max_points for r in results)}
    for r in results:
        row[column_name("objective", r.id)] = r.met
        ob = r.objective
        if ob.kind == "hold":
            row[column_name("holder", ob.location)] = t.world.control.get(ob.location, "")
    return row


@measure(
    Column("places_taken", "int", "Places held at the end by a state other than their administrator.", "measure"),
    Column("taken", "str", "Those places and who holds them: `EST-NAR:RUS …`.", "label"),
    Column("control_changes", "int", "Times a place changed hands.", "measure"),
    Column("first_control_change_turn", "int", "Turn a place first changed hands.", "timing"),
    Column("engagements", "int", "Engagements fought (location × turn).", "measure"),
    Column("first_engagement_turn", "int", "Turn of the first engagement.", "timing"),
)
def control(t: RunTrace) -> dict[str, Any]:
    locs = t.scenario.locations
    taken = sorted(
        (lid, holder)
        for lid, holder in t.world.control.items()
        if lid in locs and locs[lid].administered_by and holder != locs[lid].administered_by
    )
    changes = t.of(EventKind.CONTROL)
    fights = t.of(EventKind.ENGAGEMENT)
    return {
        "places_taken": len(taken),
        "taken": " ".join(f"{lid}:{holder}" for lid, holder in taken),
        "control_changes": len(changes),
        "first_control_change_turn": _first(changes),
        "engagements": len(fights),
        "first_engagement_turn": _first(fights),
    }


# ------------------------------------------------------------------------------------------
# Casualties, costs, budgets
# ------------------------------------------------------------------------------------------


@measure(
    Column(
        "casualties_total",
        "int",
        "Casualties of every state: its military deaths and the people killed by attacks on it.",
        "measure",
    ),
    Column("casualties_defenders", "int", "Casualties of the states that are not aggressors.", "measure"),
    Column("casualties_aggressors", "int", "Casualties of the aggressors (doctrine aggressor).", "measure"),
    Column("spent_total_musd", "float", "Operations spending of every state, US$ million.", "measure"),
    Column("spent_defenders_musd", "float", "… of the states that are not aggressors.", "measure"),
    Column("spent_aggressors_musd", "float", "… of the aggressors.", "measure"),
    Column("supplemental_musd", "float", "Supplemental budgets granted, US$ million.", "measure"),
)
def losses_and_costs(t: RunTrace) -> dict[str, Any]:
    agg = t.aggressors()
    nations = t.world.nations.values()
    return {
        "casualties_total": sum(n.casualties + n.attack_killed for n in nations),
        "casualties_defenders": sum(n.casualties + n.attack_killed for n in nations if n.id not in agg),
        "casualties_aggressors": sum(n.casualties + n.attack_killed for n in nations if n.id in agg),
        "spent_total_musd": round(sum(n.spent_musd for n in nations), 6),
        "spent_defenders_musd": round(sum(n.spent_musd for n in nations if n.id not in agg), 6),
        "spent_aggressors_musd": round(sum(n.spent_musd for n in nations if n.id in agg), 6),
        "supplemental_musd": round(sum(n.supplemental_musd for n in nations), 6),
    }


@measure(
    Column("budgets_exhausted", "int", "States whose operations budget was exhausted at some turn.", "measure"),
    Column("any_budget_exhausted", "bool", "Some state's operations budget was exhausted.", "outcome"),
    Column("exhausted_states", "str", "Those states, in the order they ran dry.", "label"),
    Column("first_exhausted_turn", "int", "Turn a budget first ran dry.", "timing"),
)
def budgets(t: RunTrace) -> dict[str, Any]:
    firsts: dict[str, int] = {}
    for e in t.of(EventKind.BUDGET):
        if e.data.get("exhausted") is True:
            firsts.setdefault(str(e.data.get("state", e.subject)), e.turn)
    for n in t.world.nations.values():  # exhausted without an event (e.g. an override)
        if n.exhausted:
            firsts.setdefault(n.id, t.world.turn)
    order = sorted(firsts.items(), key=lambda kv: (kv[1], kv[0]))
    return {
        "budgets_exhausted": len(order),
        "any_budget_exhausted": bool(order),
        "exhausted_states": " ".join(s for s, _ in order),
        "first_exhausted_turn": order[0][1] if order else None,
    }


# ------------------------------------------------------------------------------------------
# Forces and decisions
# ------------------------------------------------------------------------------------------


@measure(
    Column("arrivals", "int", "Forces arriving at a destination (each arrival).", "measure"),
    Column("forces_arrived", "int", "Forces of states that are not aggressors that arrived somewhere.", "measure"),
    Column("first_arrival_turn", "int", "Turn the first force of a state that is not an aggressor arrived.", "timing"),
    Column("forces_destroyed", "int", "Forces destroyed by the end.", "measure"),
    Column("deployments", "int", "National decisions to deploy forces.", "measure"),
    Column("declines", "int", "National decisions to decline to assist.", "measure"),
    Column("approvals_refused", "int", "Legislative votes refused (deployments, supplementals).", "measure"),
)
def forces(t: RunTrace) -> dict[str, Any]:
    agg = t.aggressors()
    arr = t.of(EventKind.ARRIVE)
    mine = [e for e in arr if str(e.data.get("state", "")) not in agg]
    decisions = t.of(EventKind.DECISION)
    return {
        "arrivals": len(arr),
        "forces_arrived": len({str(e.data.get("force", e.subject)) for e in mine}),
        "first_arrival_turn": _first(mine),
        "forces_destroyed": sum(1 for f in t.world.forces.values() if f.status is ForceStatus.DESTROYED),
        "deployments": sum(1 for e in decisions if e.data.get("level") == "deploy"),
        "declines": sum(1 for e in decisions if e.data.get("level") == "declined"),
        "approvals_refused": sum(len(n.refused) for n in t.world.nations.values()),
    }


# ------------------------------------------------------------------------------------------
# The per-turn series
# ------------------------------------------------------------------------------------------

SERIES_COLUMNS: tuple[Column, ...] = (
    Column("support", "float", "Support (0-100) for using force to defend an ally.", "measure"),
    Column("budget_musd", "float", "Operations budget balance, US$ million (negative: exhausted).", "measure"),
    Column("spent_musd", "float", "Operations spending so far, US$ million.", "measure"),
    Column(
        "casualties", "int", "Cumulative casualties: military deaths and people killed by attacks on it.", "measure"
    ),
    Column("exhausted", "bool", "The operations budget is exhausted.", "measure"),
    Column(
        "forces_mobilised", "int", "Forces mobilising, ready or in transit (not in garrison, not deployed).", "measure"
    ),
    Column("forces_deployed", "int", "Forces deployed (arrived where they were sent, or in an assault).", "measure"),
    Column(
        "forces_arrived", "int", "Forces deployed away from their home (the cumulative effect of arrivals).", "measure"
    ),
    Column("places_held", "int", "Places it holds that another state administers.", "measure"),
    Column("places_lost", "int", "Places it administers that another state holds.", "measure"),
)
"""The per-turn series (one row per run, turn and state): the key columns ``run``, ``turn``, ``state`` first."""

_MOBILISED = (ForceStatus.MOBILISING, ForceStatus.READY, ForceStatus.IN_TRANSIT)


def series_of(scenario: Scenario, world: WorldState) -> dict[str, tuple[Any, ...]]:
    """Every state's figures at ``world``, in the order of :data:`SERIES_COLUMNS`."""
    mobilised: dict[str, int] = {}
    deployed: dict[str, int] = {}
    away: dict[str, int] = {}
    for fd in scenario.forces:
        fs = world.forces.get(fd.id)
        if fs is None:
            continue
        if fs.status in _MOBILISED:
            mobilised[fd.owner] = mobilised.get(fd.owner, 0) + 1
        elif fs.status is ForceStatus.DEPLOYED:
            deployed[fd.owner] = deployed.get(fd.owner, 0) + 1
            if fs.location != fd.home:
                away[fd.owner] = away.get(fd.owner, 0) + 1
    held: dict[str, int] = {}
    lost: dict[str, int] = {}
    locs = scenario.locations
    for lid, holder in world.control.items():
        loc = locs.get(lid)
        admin = loc.administered_by if loc else None
        if admin and holder != admin:
            held[holder] = held.get(holder, 0) + 1
            lost[admin] = lost.get(admin, 0) + 1
    return {
        sid: (
            round(n.support, 6),
            round(n.budget_musd, 6),
            round(n.spent_musd, 6),
            n.casualties + n.attack_killed,
            n.exhausted,
            mobilised.get(sid, 0),
            deployed.get(sid, 0),
            away.get(sid, 0),
            held.get(sid, 0),
            lost.get(sid, 0),
        )
        for sid, n in world.nations.items()
    }
