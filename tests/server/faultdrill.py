"""The load-and-faults drill (issue 15): four seats and a facilitator play a Baltic exercise hosted on PostgreSQL
by ``wargame host`` in its own process, while clients are cut off or killed at seeded random moments and the server
is killed once with SIGKILL and started again.

Used by ``tests/server/test_faults.py`` (a short game) and ``benchmarks/soak_exercise.py --faults`` (100 turns).
Afterwards it checks: every decision the seats sent is in the game exactly once (none lost, none doubled), each turn
resolved once (the facilitator's repeated advance is refused, turns are 0..N without a gap), every view a seat
received is the view the game gives that seat for that turn, and ``verify`` passes on the exported game.
"""

from __future__ import annotations

import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wargame.app import new_game, open_game, views
from wargame.server import ExerciseClient, parse_seat

ROOT = Path(__file__).resolve().parents[2]
BALTIC = ROOT / "assets" / "scenarios" / "baltic.toml"
SEATS = {"US cell": ("USA", "USA-82-IRF"), "Estonia": ("EST", "EST-1BDE"), "Poland": ("POL", "POL-15BZ"),
         "Germany": ("DEU", "DEU-PZLB9")}  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """``wargame host`` in a child process (so that it can be killed for real)."""

    def __init__(self, game: Path, db: str | None, port: int, seats: list[str] | None = None) -> None:
        self.cmd = [sys.executable, "-m", "wargame", "host", str(game), "--port", str(port), "--json"]
        self.cmd += ["--db", db] if db else []
        for seat in seats if seats is not None else [f"{name}={state}" for name, (state, _) in SEATS.items()]:
            self.cmd += ["--seat", seat]
        self.proc: subprocess.Popen[str] | None = None

    def start(self, timeout: float = 60.0) -> dict[str, Any]:
        """Start it; return what it printed (its join links) once it listens."""
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            self.cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT
        )
        lines: queue.Queue[str] = queue.Queue()
        assert self.proc.stdout is not None
        out = self.proc.stdout
        threading.Thread(target=lambda: [lines.put(x) for x in out], daemon=True).start()
        text, deadline = "", time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                text += lines.get(timeout=0.5)
            except queue.Empty:
                if self.proc.poll() is not None:
                    err = self.proc.stderr.read() if self.proc.stderr else ""
                    raise RuntimeError(f"wargame host stopped: {err}") from None
                continue
            try:
                return dict(json.loads(text))
            except ValueError:
                continue
        raise TimeoutError("wargame host did not print its links")

    def kill(self) -> None:
        assert self.proc is not None
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(30)
        if self.proc is not None:
            for f in (self.proc.stdout, self.proc.stderr):
                if f is not None:
                    f.close()


@dataclass
class Seat:
    """One seat's client, replaced by a new one (with the saved resume key) when "killed"."""

    name: str
    link: str
    views: dict[int, str] = field(default_factory=dict)
    client: ExerciseClient | None = None
    kills: int = 0
    drops: int = 0

    def _got(self, msg: dict[str, Any]) -> None:
        if msg.get("type") == "view" and "as" not in msg:
            v = msg["view"]
            self.views[int(v["turn"])] = json.dumps(v["world"], sort_keys=True)

    def connect(self) -> ExerciseClient:
        resume = self.client.resume if self.client is not None else None
        self.client = ExerciseClient(self.link, self._got, resume=resume).start(60)
        return self.client

    def kill(self) -> ExerciseClient:
        assert self.client is not None
        self.client.abandon()
        self.kills += 1
        return self.connect()

    def turn(self) -> int:
        return max(self.views, default=-1)


@dataclass
class Result:
    turns: int
    decisions: int
    kills: int
    drops: int
    server_kills: int
    seconds: float
    verify: str


def _wait(check: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def long_baltic(workdir: Path, turns: int) -> Path:
    """The Baltic scenario played for ``turns`` turns whatever happens (a copy beside its includes, its end
    conditions removed: with seats that only mobilise, Riga or the Suwalki gap falls by turn 10, and an exercise
    drill must go on to test the server, not the defence)."""
    for f in BALTIC.parent.glob("world-*.toml"):
        shutil.copy(f, workdir / f.name)
    text = BALTIC.read_text(encoding="utf-8")
    longer = re.sub(r"(?m)^max_turns = 30$", f"max_turns = {max(30, turns)}", text)
    longer, ends = re.subn(r"(?m)^\[\[end\]\]\n(?:[^\[\n][^\n]*\n)*\n?", "", longer)
    assert ends == 3 and f"max_turns = {max(30, turns)}\n" in longer, "the Baltic scenario's layout moved"
    (workdir / BALTIC.name).write_text(longer, encoding="utf-8")
    return workdir / BALTIC.name


def drill(workdir: Path, db: str, turns: int, seed: int = 20261130, p_fault: float = 0.15) -> Result:
    """Play ``turns`` turns through a hosted server with faults; raise AssertionError on any lost, doubled or
    inconsistent thing. ``p_fault``: the chance, per seat and turn, of a client cut off or killed."""
    rng = random.Random(seed)
    t0 = time.perf_counter()
    source = workdir / "exercise.wargame"
    humans = {state: "human" for state, _ in SEATS.values()}
    new_game(long_baltic(workdir, turns), source, seed=seed, seats={**humans, "RUS": "ai", "BLR": "ai"}).close()
    server = Server(source, db, free_port())
    kill_turn = rng.choice([t for t in range(2, turns + 1) if t % 5] or [1])  # not a turn the facilitator advances
    sent: dict[str, tuple[str, int]] = {}  # rid → (seat, turn) of every decision sent
    server_kills = 0
    seats: dict[str, Seat] = {}
    fac = Seat("facilitator", "")
    try:
        links = server.start()["links"]
        seats.update({name: Seat(name, links[name]) for name in SEATS})
        fac.link = links["facilitator"]
        for s in [*seats.values(), fac]:
            s.connect()
        for turn in range(1, turns + 1):
            order = list(seats.values())
            rng.shuffle(order)
            by_advance = turn % 5 == 0  # every fifth turn the facilitator advances before the last seat submits
            for i, seat in enumerate(order):
                state, force = SEATS[seat.name]
                msg = {"type": "decide", "turn": turn, "state": state, "action": "mobilise", "fields": {"force": force},
                       "note": f"{seat.name}, turn {turn}"}  # fmt: skip
                fault = rng.random() < p_fault
                assert seat.client is not None
                if fault and rng.random() < 0.5:  # cut off while the decision is on its way: the client resends
                    rid = seat.client.send(msg)
                    sent[rid] = (seat.name, turn)
                    time.sleep(rng.random() * 0.05)
                    seat.client.drop()
                    seat.drops += 1
                    reply = seat.client.request({**msg, "rid": rid}, timeout=60)
                elif fault:  # killed right after sending; a new process sends it again with the same rid
                    rid = seat.client.send(msg)
                    sent[rid] = (seat.name, turn)
                    time.sleep(rng.random() * 0.05)
                    reply = seat.kill().request({**msg, "rid": rid}, timeout=60)
                else:
                    rid = f"{seat.name}-{turn}-{rng.getrandbits(32):08x}"
                    sent[rid] = (seat.name, turn)
                    reply = seat.client.request({**msg, "rid": rid}, timeout=60)
                assert reply["type"] == "ack", (seat.name, turn, reply)
                if by_advance and i == len(order) - 1:
                    break
                last = i == len(order) - 1
                if turn == kill_turn and last:  # SIGKILL while the turn resolves (or just before, or just after)
                    rid = seat.client.send({"type": "submit", "turn": turn})
                    time.sleep(rng.random() * 0.3)
                    server.kill()
                    server_kills += 1
                    server.start()
                    reply = seat.client.request({"type": "submit", "turn": turn, "rid": rid}, timeout=90)
                    ok = reply["type"] == "ack" or "has resolved already" in reply.get("message", "")
                    assert ok, (seat.name, turn, reply)
                else:
                    reply = seat.client.request({"type": "submit", "turn": turn}, timeout=60)
                    assert reply["type"] == "ack", (seat.name, turn, reply)
            if by_advance:
                assert fac.client is not None
                reply = fac.client.request({"type": "advance", "turn": turn}, timeout=60)
                assert reply["type"] == "ack" and reply["resolved"] == turn, reply
                again = fac.client.request({"type": "advance", "turn": turn}, timeout=60)
                assert again["type"] == "error" and "was not resolved again" in again["message"], again
            for s in [*seats.values(), fac]:
                _wait(lambda s=s, t=turn: s.turn() >= t, 90, f"{s.name}'s view of turn {turn}")
        # every seat's decisions of a turn it was cut off in, and the last view: give the pushes a moment
        for s in [*seats.values(), fac]:
            assert s.client is not None
            s.client.request({"type": "view"}, timeout=60)
    finally:
        for s in [*seats.values(), fac]:
            if s.client is not None:
                s.client.close()
        server.stop()

    export = workdir / "exported.wargame"
    with open_game(db, readonly=True) as hosted:
        hosted.export(export)
    with open_game(export, inspect=True) as game:
        assert game.last_turn == turns, f"turns 0..{game.last_turn}, expected 0..{turns}"
        rids: dict[str, int] = {}
        for c in game.commands():
            rid = c.payload.get("rid")
            if rid is not None and not c.cancelled:
                rids[str(rid)] = rids.get(str(rid), 0) + 1
                assert sent.get(str(rid), ("", -1)) == (c.seat, c.turn), f"command {c.id} is not what was sent"
        lost = sorted(set(sent) - set(rids))
        doubled = sorted(r for r, n in rids.items() if n > 1)
        assert not lost, f"{len(lost)} decisions lost, e.g. {sent[lost[0]]}"
        assert not doubled, f"{len(doubled)} decisions recorded twice, e.g. {doubled[0]}"
        for name, (state, _) in [*SEATS.items(), ("facilitator", ("", ""))]:
            role = views.FACILITATOR if name == "facilitator" else parse_seat(f"{name}={state}")
            got = (seats | {"facilitator": fac})[name].views
            assert turns in got, f"{name} never saw turn {turns}"
            for t, world in got.items():
                expect = json.dumps(
                    json.loads(json.dumps(views.turn_view(game, role, t, picture=False)["world"])), sort_keys=True
                )
                assert world == expect, f"{name}'s view of turn {t} differs from the game's"
        rep = game.verify()
        assert rep.ok, f"verify: {rep}"
    return Result(
        turns=turns,
        decisions=len(sent),
        kills=sum(s.kills for s in seats.values()),
        drops=sum(s.drops for s in seats.values()),
        server_kills=server_kills,
        seconds=time.perf_counter() - t0,
        verify=f"OK: {rep.turns} turns re-adjudicated",
    )
