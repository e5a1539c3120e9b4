"""Build the scenario's military facts (:class:`~wargame.engine.military.Military`) from the files' ``[[theatres]]``,
``[[plans]]`` (main file only), ``[[transit]]``, ``[[straits]]``, ``[[lift]]``, ``[[munitions]]``, ``[[nuclear]]``,
``[[territorial]]`` and ``[[unions]]`` tables, checking their references; the land outlines come from the map."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from wargame.engine import ForceDef, Location, State, Treaty
from wargame.engine.military import (
    LiftPool,
    Military,
    NuclearDoctrine,
    Plan,
    Stage,
    Stock,
    Strait,
    Territorial,
    Theatre,
    TransitPolicy,
    Union,
)
from wargame.scenario.errors import Problem, suggest
from wargame.scenario.geography import territories

Add = Callable[[Problem], None]


def _check(add: Add, file: str, path: str, value: str, known: Any, what: str) -> None:
    if value not in known:
        add(Problem(path, f"unknown {what} {value!r}{suggest(value, known)}", file))


def build_military(
    files: list[Any],
    states: dict[str, State],
    locations: dict[str, Location],
    treaties: tuple[Treaty, ...],
    forces: tuple[ForceDef, ...],
    add: Add,
) -> Military:
    """The military facts of every file (plans from the main file, the last one)."""
    theatres: dict[str, Theatre] = {}
    out: dict[str, list[Any]] = {
        k: [] for k in ("transit", "straits", "lift", "munitions", "nuclear", "territorial", "unions", "plans")
    }
    for index, f in enumerate(files):
        doc, key = f.doc, f.key
        for i, t in enumerate(doc.theatres):
            if t.id in theatres:
                add(Problem(f"theatres[{i}].id", f"duplicate theatre id {t.id!r}", key))
            for j, b in enumerate(t.boxes):
                if not (b[0] < b[1] and b[2] < b[3]):
                    add(Problem(f"theatres[{i}].boxes[{j}]", "a box is [lat_min, lat_max, lon_min, lon_max]", key))
            theatres[t.id] = Theatre(t.id, t.name, tuple((b[0], b[1], b[2], b[3]) for b in t.boxes), t.note)
        for i, r in enumerate(doc.transit):
            _check(add, key, f"transit[{i}].state", r.state, states, "state")
            out["transit"].append(TransitPolicy(r.state, r.policy, r.consult_days, r.refuse_share, r.note, r.source))
        for i, r in enumerate(doc.straits):
            _check(add, key, f"straits[{i}].controller", r.controller, states, "state")
            out["straits"].append(
                Strait(r.id, r.name, r.controller, r.passage, r.regime, tuple(r.basin), r.lat, r.lon, r.source)
            )
        for i, r in enumerate(doc.lift):
            _check(add, key, f"lift[{i}].state", r.state, states, "state")
            out["lift"].append(LiftPool(r.state, r.mode, r.tonnes_per_day, r.reference_km, r.source))
        for i, r in enumerate(doc.munitions):
            _check(add, key, f"munitions[{i}].state", r.state, states, "state")
            out["munitions"].append(
                Stock(r.state, r.pool, r.stock, r.production_per_day, r.unit_cost_musd, r.source or "assumption")
            )
        for i, r in enumerate(doc.nuclear):
            _check(add, key, f"nuclear[{i}].state", r.state, states, "state")
            out["nuclear"].append(
                NuclearDoctrine(r.state, tuple(r.thresholds), tuple(r.protects), r.signals, r.doctrine, r.source)
            )
        for i, r in enumerate(doc.territorial):
            _check(add, key, f"territorial[{i}].state", r.state, states, "state")
            out["territorial"].append(Territorial(r.state, r.personnel, r.source))
        for i, r in enumerate(doc.unions):
            _check(add, key, f"unions[{i}].treaty", r.treaty, {t.id: t for t in treaties}, "treaty")
            out["unions"].append(Union(r.id, r.name, r.treaty, r.rule, r.lag_days, r.holdout_days, r.source))
        if index == len(files) - 1:
            out["plans"] = _plans(doc, key, states, locations, theatres, add)
    for fd in forces:
        if fd.theatre and fd.theatre not in theatres:
            add(Problem("forces", f"force {fd.id}: unknown theatre {fd.theatre!r}{suggest(fd.theatre, theatres)}", ""))
    return Military(
        theatres=tuple(theatres.values()),
        plans=tuple(out["plans"]),
        transit=tuple(out["transit"]),
        straits=tuple(out["straits"]),
        lift=tuple(out["lift"]),
        munitions=tuple(out["munitions"]),
        nuclear=tuple(out["nuclear"]),
        territorial=tuple(out["territorial"]),
        unions=tuple(out["unions"]),
        territories=territories(sorted(states)),
    )


def _plans(
    doc: Any, key: str, states: dict[str, State], locations: dict[str, Location], theatres: dict[str, Theatre], add: Add
) -> list[Plan]:
    plans: list[Plan] = []
    for i, p in enumerate(doc.plans):
        where = f"plans[{i}]"
        _check(add, key, f"{where}.state", p.state, states, "state")
        _check(add, key, f"{where}.theatre", p.theatre, theatres, "theatre")
        for j, t in enumerate(p.targets):
            _check(add, key, f"{where}.targets[{j}]", t, states, "state")
        stages = []
        for j, st in enumerate(p.stages):
            for k, lid in enumerate(st.objectives):
                _check(add, key, f"{where}.stages[{j}].objectives[{k}]", lid, locations, "location")
                loc = locations.get(lid)
                if loc is not None and loc.administered_by not in p.targets:
                    add(
                        Problem(
                            f"{where}.stages[{j}].objectives[{k}]",
                            f"{lid} is held by {loc.administered_by}, not one of the plan's targets",
                            key,
                        )
                    )
                theatre = theatres.get(p.theatre)
                if loc is not None and theatre is not None and not theatre.contains(loc.lat, loc.lon):
                    add(Problem(f"{where}.stages[{j}].objectives[{k}]", f"{lid} is outside theatre {p.theatre}", key))
            stages.append(Stage(tuple(st.objectives), st.by_day, st.label, st.main))
        plans.append(
            Plan(
                p.state,
                p.theatre,
                tuple(p.targets),
                tuple(stages),
                p.stop_heavy_brigades,
                p.stop_losses,
                p.stop_day,
                p.source,
            )
        )
    return plans
