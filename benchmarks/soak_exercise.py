"""Soak benchmark of the exercise server (issue 15): 16 simulated seats and a facilitator on loopback.

``wargame host`` runs in its own process (as it would in an exercise); 17 clients (16 seats of the Baltic scenario,
each a state with a force, and the facilitator) join it. Each turn every seat mobilises its force and submits; the
turn resolves when the last seat submits. Measured per turn: the time from sending the last submission to the moment
every one of the 17 clients holds its new view (the turn's resolution, 17 filtered views, their transfer and
decoding). The floor, measured in the same run each turn, is one round trip to all 17 clients at once (each asks for
its status and gets the answer): the cost of the network and the server's loop with no turn to resolve. It prints
the median and the worst over the turns, and their ratio to the floor's median. Target: worst under 2 s.

    .venv/bin/python benchmarks/soak_exercise.py [--turns 30] [--db pg | --db postgresql+psycopg://…]

``--faults`` runs the load-and-faults drill instead (tests/server/faultdrill.py: 4 seats and a facilitator on
PostgreSQL, clients cut off and killed at seeded random moments, the server SIGKILLed once; every command, turn and
view checked, verify on the export) for ``--turns`` turns (default 100), on a throwaway PostgreSQL cluster unless
``--db`` names a database. ``--db pg``: a throwaway cluster for the soak too.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "server"))

from faultdrill import BALTIC, Server, drill, free_port, long_baltic  # noqa: E402

from wargame.app import new_game  # noqa: E402
from wargame.server import ExerciseClient  # noqa: E402

STATES = [
    "USA",
    "GBR",
    "CAN",
    "DEU",
    "ITA",
    "HUN",
    "FRA",
    "CZE",
    "POL",
    "EST",
    "LVA",
    "LTU",
    "FIN",
    "SWE",
    "NOR",
    "NLD",
]


class Timed:
    """A client that notes when each turn's view arrived."""

    def __init__(self, link: str) -> None:
        self.arrived: dict[int, float] = {}
        self.cond = threading.Condition()
        self.client = ExerciseClient(link, self._got)

    def _got(self, msg: dict[str, Any]) -> None:
        if msg.get("type") == "view" and "as" not in msg and "rid" not in msg:
            with self.cond:
                self.arrived.setdefault(int(msg["view"]["turn"]), time.perf_counter())
                self.cond.notify_all()

    def wait_turn(self, turn: int, timeout: float = 120.0) -> float:
        with self.cond:
            if not self.cond.wait_for(lambda: turn in self.arrived, timeout):
                raise TimeoutError(f"no view of turn {turn}")
            return self.arrived[turn]


def round_trip(clients: list[ExerciseClient]) -> float:
    """Seconds for every client to ask for its status and hold the answer (all at once)."""
    threads = [threading.Thread(target=c.request, args=({"type": "status"}, 60)) for c in clients]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.perf_counter() - started


def soak(turns: int, db: str | None) -> None:
    from wargame.app import load_scenario

    sc = load_scenario(BALTIC)
    force = {}
    for f in sc.forces:
        force.setdefault(f.owner, f.id)
    work = Path(tempfile.mkdtemp(prefix="wargame-soak-"))
    game = work / "soak.wargame"
    new_game(
        long_baltic(work, turns), game, seed=4242, seats={**{s: "human" for s in STATES}, "RUS": "ai", "BLR": "ai"}
    ).close()
    server = Server(game, db, free_port(), [f"{s} cell={s}" for s in STATES])
    links = server.start()["links"]
    clients: dict[str, Timed] = {}
    try:
        for name in [f"{s} cell" for s in STATES] + ["facilitator"]:
            clients[name] = Timed(links[name])
            clients[name].client.start(60)
        seats = [clients[f"{s} cell"].client for s in STATES]
        everyone = [t.client for t in clients.values()]
        lat: list[float] = []
        floor: list[float] = []
        for turn in range(1, turns + 1):
            for s, c in zip(STATES, seats, strict=True):
                reply = c.request({"type": "decide", "turn": turn, "state": s, "action": "mobilise",
                                   "fields": {"force": force[s]}})  # fmt: skip
                assert reply["type"] == "ack", reply
            for c in seats[:-1]:
                assert c.request({"type": "submit", "turn": turn})["type"] == "ack"
            floor.append(round_trip(everyone))
            sent = time.perf_counter()
            seats[-1].send({"type": "submit", "turn": turn})
            lat.append(max(t.wait_turn(turn) for t in clients.values()) - sent)
        f = statistics.median(floor)
        med, worst = statistics.median(lat), max(lat)
        print(
            f"Exercise soak: 16 seats + facilitator, {turns} turns, Baltic, store: {'PostgreSQL' if db else 'SQLite'}"
        )
        print(f"{'measure':<44}{'seconds':>10}{'× floor':>10}")
        print(f"{'floor: one round trip to all 17 (median)':<44}{f:>10.3f}{1:>10.1f}")
        print(f"{'last submission → every view (median)':<44}{med:>10.3f}{med / f:>10.1f}")
        print(f"{'last submission → every view (worst)':<44}{worst:>10.3f}{worst / f:>10.1f}")
        print(f"worst {'<' if worst < 2 else '>='} 2 s: {'met' if worst < 2 else 'NOT met'}")
    finally:
        for t in clients.values():
            t.client.close()
        server.stop()


def throwaway() -> tuple[Any, str]:
    """A throwaway PostgreSQL cluster on a loopback port (tests/pgcluster.py) and a new database's URL."""
    from pgcluster import Cluster

    cluster = Cluster()
    return cluster, cluster.new_database()


def faults(turns: int, db: str | None) -> None:
    cluster = None
    if db in (None, "pg"):
        cluster, db = throwaway()
    assert db is not None
    try:
        with tempfile.TemporaryDirectory(prefix="wargame-faults-") as tmp:
            r = drill(Path(tmp), db, turns)
    finally:
        if cluster is not None:
            cluster.stop()
    print(f"Fault drill: 4 seats + facilitator on PostgreSQL, {r.turns} turns in {r.seconds:.0f} s")
    print(f"  decisions sent {r.decisions}, all recorded once; clients cut off {r.drops}, killed {r.kills};")
    print(f"  server SIGKILLed {r.server_kills} and restarted; every view checked; verify on the export: {r.verify}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=None)
    parser.add_argument(
        "--db", default=None, help="a PostgreSQL URL, or pg: a throwaway cluster (default: SQLite; --faults: pg)"
    )
    parser.add_argument("--faults", action="store_true", help="the load-and-faults drill instead of the soak")
    args = parser.parse_args()
    if args.faults:
        faults(args.turns or 100, args.db)
        return
    cluster = None
    if args.db == "pg":
        cluster, args.db = throwaway()
    try:
        soak(args.turns or 30, args.db)
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()
