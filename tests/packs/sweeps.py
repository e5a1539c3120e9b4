"""Twenty seeds of each bundled scenario, played with the aggressor AI and every other state on its default policy,
checked turn by turn for the military rules of issue 11 (forces stay in attacked theatres unless released,
domains, routes over consenting states only, no arrival after the end, the AI inside its theatre) and summarised
(main objective reached or not, the political timeline). The runs are shared by the tests of
``test_sweeps.py`` (one sweep per scenario per session) and spread over two processes.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from wargame.engine import AttackKind, Domain, EventKind, ForceRole, initial_world, resolve_turn
from wargame.engine import permissions as perm
from wargame.engine.forces import domain_refusal, home_state, place_theatre, theatre_of
from wargame.engine.orders import state_of, theatre_attacked
from wargame.scenario import SCENARIOS_DIR, load_scenario

SEEDS = tuple(range(1, 21))
TURNS = {"baltic": 14, "taiwan": 10, "korea": 10, "demo": 10}
"""Short games where the check allows: the scenario's end is brought forward to this turn, so 'no arrival after
the end' is checked against a nearer end. The Baltic runs long enough for the plan's stop day (10)."""


@dataclass
class Result:
    seed: int
    turns: int = 0
    end_reason: str = ""
    departures: int = 0
    arrivals: int = 0
    theatre_violations: list[str] = field(default_factory=list)
    domain_violations: list[str] = field(default_factory=list)
    route_violations: list[str] = field(default_factory=list)
    late_arrivals: list[str] = field(default_factory=list)
    ai_outside: list[str] = field(default_factory=list)
    ai_attacks: int = 0
    releases: int = 0
    refused_permissions: int = 0
    main_reached: bool = False
    ai_stops: list[str] = field(default_factory=list)
    """The AI's stop, halt, deterrence and negotiation reasons, as (turn: label)."""
    ai_choices: list[str] = field(default_factory=list)
    political: tuple[object, ...] = ()
    killed: dict[str, int] = field(default_factory=dict)


@lru_cache(maxsize=8)
def scenario(name: str):  # type: ignore[no-untyped-def]
    sc = load_scenario(SCENARIOS_DIR / f"{name}.toml")
    return dataclasses.replace(sc, max_turns=TURNS[name])


def play(name: str, seed: int) -> Result:
    sc = scenario(name)
    res = Result(seed)
    world = initial_world(sc)
    released: set[str] = set()
    plan_of = sc.military.plan_of
    main = {lid for p in plan_of.values() for st in p.stages if st.main for lid in st.objectives}
    political: list[object] = []
    for t in range(1, sc.max_turns + 1):
        rec = resolve_turn(sc, world, [], seed, ai=sc.ai_aggressors)
        w = rec.world
        for e in rec.events:
            if e.kind is EventKind.DECISION and e.data.get("level") == "release":
                released.add(str(e.data["force"]))
                res.releases += 1
            elif e.kind is EventKind.DECISION and e.data.get("level") in ("deploy", "declined", "delayed"):
                political.append((t, e.subject, e.data.get("level")))
            elif e.kind is EventKind.APPROVAL:
                political.append((t, e.subject, "approval", e.data.get("approved")))
            elif e.kind is EventKind.SANCTIONS:
                political.append((t, e.subject, "sanctions", e.data.get("union", "")))
            elif e.kind is EventKind.MOBILISE and any(r.label == "hesitation" for r in e.reasons):
                political.append((t, e.subject, "hesitates", e.data.get("ready_turn")))
            elif e.kind.value in ("council", "legal", "meeting", "attribution", "stance"):
                political.append((t, e.subject, e.kind.value, e.summary))
            elif e.kind is EventKind.PERMISSION:
                political.append((t, e.subject, "permission", e.data.get("beneficiary"), e.data.get("granted")))
                res.refused_permissions += not e.data.get("granted")
            elif e.kind is EventKind.DEPART:
                res.departures += 1
                _departure(sc, w, e, released, res)
            elif e.kind is EventKind.ARRIVE:
                res.arrivals += 1
                fd = sc.force(e.subject)
                why = domain_refusal(fd.domain, sc.locations[e.data["location"]])
                if why:
                    res.domain_violations.append(f"seed {seed} turn {t}: {e.subject} at {e.data['location']}: {why}")
            elif e.kind is EventKind.ATTACK and any(r.detail == "aggressor AI" for r in e.reasons):
                res.ai_attacks += 1
                _ai_attack(sc, e, res, t, seed)
            elif e.kind is EventKind.AI:
                for r in e.reasons:
                    if r.label in ("negotiate", "halt", "deterred"):
                        res.ai_stops.append(f"{t}: {e.subject} {r.label}")
                    if r.label == "choice":
                        res.ai_choices.append(f"{t}: {e.subject} {r.detail.split(':')[0]}")
        if any(
            w.control.get(lid) in plan_of and w.control.get(lid) != sc.locations[lid].administered_by for lid in main
        ):
            res.main_reached = True
        world = w
        res.turns = t
        if w.ended:
            res.end_reason = w.end_reason
            break
    res.political = (
        tuple(sorted(str(m.perception) for m in world.ai.values())),
        tuple(political) + tuple(res.ai_choices) + tuple(res.ai_stops),
    )
    res.killed = {s: n.killed for s, n in world.nations.items() if n.killed}
    return res


def _departure(sc, w, e, released: set[str], res: Result) -> None:  # type: ignore[no-untyped-def]
    fid = e.subject
    fd = sc.force(fid)
    fs = w.forces[fid]
    dest, origin = e.data["to"], e.data["from"]
    end = sc.max_turns * sc.turn_length_days
    if e.data["arrive_turn"] > sc.max_turns or e.data["arrive_day"] > end + 1e-9:
        res.late_arrivals.append(f"seed {res.seed} turn {e.turn}: {fid} arrives day {e.data['arrive_day']}")
    theatre = theatre_of(sc, fd) if state_of(sc, origin) == home_state(sc, fd) else place_theatre(sc, origin)
    under = theatre_attacked(sc, w, theatre)
    target = sc.military.theatre_by_id.get(theatre)
    dest_loc = sc.locations[dest]
    leaves_theatre = target is not None and not target.contains(dest_loc.lat, dest_loc.lon)
    leaves_home = fd.role in (ForceRole.HOME_DEFENCE, ForceRole.FORWARD_PRESENCE) and state_of(sc, dest) != home_state(
        sc, fd
    )
    if (
        (under is not None and leaves_theatre) or leaves_home or fd.role is ForceRole.STRATEGIC
    ) and fid not in released:
        res.theatre_violations.append(
            f"seed {res.seed} turn {e.turn}: {fid} ({fd.role.value}, theatre {theatre}) left for {dest} unreleased"
        )
    enemies = perm.enemies(w, fd.owner)
    for leg in fs.legs:
        for via in leg.via:
            if via == "bosporus":
                if perm.belligerent(w, fd.owner) and not perm.belligerent(w, "TUR") and fd.domain is Domain.SEA:
                    home = fd.owner in ("TUR", "RUS", "UKR", "ROU", "BGR", "GEO") and state_of(sc, dest) == fd.owner
                    if not home:
                        res.route_violations.append(f"seed {res.seed}: {fid} passed the Bosporus while belligerent")
                continue
            if via not in sc.states or via == fd.owner:
                continue
            kind = "overflight" if leg.mode == "air" else "transit"
            if kind == "transit" and via in enemies:
                continue
            p = w.permissions.get(perm.key(via, kind, fd.owner))
            if p is None or not p.granted:
                res.route_violations.append(
                    f"seed {res.seed} turn {e.turn}: {fid} {leg.mode} through {via} without its {kind} "
                    f"({'refused: ' + p.reason if p else 'never asked'})"
                )


def _ai_attack(sc, e, res: Result, t: int, seed: int) -> None:  # type: ignore[no-untyped-def]
    spec = e.data["attack"]["spec"]
    plan = sc.military.plan_of.get(spec["attacker"])
    loc = sc.locations[spec["location"]]
    theatre = sc.military.theatre_by_id.get(plan.theatre) if plan else None
    if plan is None or theatre is None or not theatre.contains(loc.lat, loc.lon) or spec["victim"] not in plan.targets:
        res.ai_outside.append(f"seed {seed} turn {t}: {spec['attacker']} attacks {spec['location']} ({spec['victim']})")
    if spec["kind"] == AttackKind.INVASION.value:
        res.ai_choices.append(f"{t}: invasion of {spec['location']}")


def _play_args(args: tuple[str, int]) -> Result:
    return play(*args)


@lru_cache(maxsize=8)
def sweep(name: str) -> tuple[Result, ...]:
    """The 20 seeds of ``name``, in two processes."""
    with ProcessPoolExecutor(max_workers=2) as pool:
        return tuple(pool.map(_play_args, [(name, s) for s in SEEDS]))
