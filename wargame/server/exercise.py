"""The exercise: seats, join tokens, sealed turns and the deadline, over one game (no network here).

:class:`Exercise` is what the server's single worker thread calls: :meth:`Exercise.join` for a client's hello,
:meth:`Exercise.handle` for every checked message, :meth:`Exercise.tick` for the turn timer. Every reply and every
view it hands out comes from :mod:`wargame.app.views`; every action is checked against the role's rights first.

Its own state (the seats, the digests of join tokens and resume keys, who has submitted, the turn timer) lives in the
game's settings (``variant["exercise"]``), so a server killed and restarted carries on where it stopped; the
commands and turns are the game's own rows.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from wargame.app import AppError, Game, InjectError, SaveFileError, views
from wargame.app.views import FACILITATOR, OBSERVER, ROOM, Role

from .protocol import MSEL_OPS, SEAT_ONLY, WHITE_ONLY, Refused, digest, new_secret

RESERVED = ("facilitator", "observer", "room")
_FIXED: dict[str, Role] = {"facilitator": FACILITATOR, "observer": OBSERVER, "room": ROOM}
_DECISION_KEYS = ("state", "action", "rid", "note")
MAX_RESUME_KEYS = 4
"""Resume keys kept per role (the newest: a client that joins again from another computer drops the oldest)."""


@dataclass
class Outcome:
    """What handling a message gave: the reply to its sender, and what the server must push to others."""

    reply: dict[str, Any]
    resolved: int | None = None
    """A turn resolved: every client gets its new view."""
    status: bool = False
    """Submission status or the timer changed: the facilitator (and the sender) get the status."""
    kick: str = ""
    """A role whose connections must close (its token was reissued)."""


@dataclass
class Joined:
    role: Role
    resume: str


@dataclass
class _State:
    seats: list[dict[str, Any]] = field(default_factory=list)
    secrets: dict[str, dict[str, Any]] = field(default_factory=dict)
    submitted: dict[str, list[str]] = field(default_factory=dict)
    turn_seconds: float = 0.0
    deadline_at: float | None = None
    deadline_turn: int | None = None


def parse_seat(text: str) -> Role:
    """A seat from ``NAME=STATE,STATE[+SHARED,SHARED]`` (e.g. ``US cell=USA``, ``Baltic=EST,LVA,LTU+POL``)."""
    name, sep, rest = text.partition("=")
    name = " ".join(name.split())
    if not sep or not name or not rest.strip():
        raise ValueError(f"a seat is NAME=STATE[,STATE…][+ALLY,…], not {text[:60]!r}")
    if name.lower() in RESERVED:
        raise ValueError(f"{name!r} is a reserved role name (facilitator, observer, room)")
    own, _, shared = rest.partition("+")
    states = [s.strip().upper() for s in own.split(",") if s.strip()]
    shares = [s.strip().upper() for s in shared.split(",") if s.strip()]
    return views.seat(name, states, shares)


class Exercise:
    """One hosted exercise over ``game``. ``seats``: the seats to play (None: those stored in the game, else one
    seat per human-controlled state). ``link``: makes a join link from a token (the server's address)."""

    def __init__(self, game: Game, seats: list[Role] | None = None, *, clock: Callable[[], float] = time.time) -> None:
        self.game = game
        self.clock = clock
        stored = dict(game.meta.variant.get("exercise") or {})
        self.state = _State(
            seats=list(stored.get("seats", [])),
            secrets={k: dict(v) for k, v in dict(stored.get("secrets", {})).items()},
            submitted={str(k): list(v) for k, v in dict(stored.get("submitted", {})).items()},
            turn_seconds=float(stored.get("turn_seconds", 0.0) or 0.0),
            deadline_at=stored.get("deadline_at"),
            deadline_turn=stored.get("deadline_turn"),
        )
        if seats is None and not self.state.seats:
            seats = [views.seat(sid, [sid]) for sid in sorted(game.controlled)]
        if seats is not None:
            self._check_seats(seats)
            self.state.seats = [r.to_dict() for r in seats]
        if not self.state.seats:
            raise AppError("the exercise has no seats: name them (NAME=STATE,…) or give the game human seats")
        nxt = str(self.next_turn)  # submissions of turns resolved before a restart are history
        self.state.submitted = {k: v for k, v in self.state.submitted.items() if k == nxt}
        self.roles: dict[str, Role] = {r["name"]: Role.from_dict(r) for r in self.state.seats}
        self.roles.update(_FIXED)
        self._rids: dict[str, dict[str, Any]] = {}
        self._cache: dict[tuple[str, int], dict[str, Any]] = {}
        self._loaded: tuple[int, Any] | None = None

    def _check_seats(self, seats: list[Role]) -> None:
        known = set(self.game.scenario.states)
        names: set[str] = set()
        taken: dict[str, str] = {}
        for r in seats:
            if r.name in names:
                raise AppError(f"two seats are called {r.name!r}")
            names.add(r.name)
            for sid in sorted(r.states | r.shares):
                if sid not in known:
                    raise AppError(f"seat {r.name!r}: no state {sid!r} in this scenario")
            for sid in sorted(r.states):
                if sid in taken:
                    raise AppError(f"{sid} is played by two seats ({taken[sid]} and {r.name})")
                taken[sid] = r.name

    # ------------------------------------------------------------------ persistence
    def _save(self) -> None:
        s = self.state
        self.game.set_variant(
            exercise={
                "seats": s.seats,
                "secrets": s.secrets,
                "submitted": s.submitted,
                "turn_seconds": s.turn_seconds,
                "deadline_at": s.deadline_at,
                "deadline_turn": s.deadline_turn,
            }
        )

    @property
    def seats(self) -> list[Role]:
        return [r for r in self.roles.values() if r.kind == "seat"]

    @property
    def next_turn(self) -> int:
        return self.game.last_turn + 1

    # ------------------------------------------------------------------ tokens
    def issue_tokens(self, *, all_roles: bool = False) -> dict[str, str]:
        """New one-time join tokens for every role that has never joined (or for every role): role name → token.
        A role's older unused token stops working."""
        out: dict[str, str] = {}
        for name in self.roles:
            sec = self.state.secrets.setdefault(name, {"token": "", "resume": []})
            if all_roles or not sec.get("resume"):
                token = new_secret()
                sec["token"] = digest(token)
                out[name] = token
        self._save()
        return out

    def join(self, hello: Mapping[str, Any]) -> Joined:
        """The role a hello joins as: a one-time token (used up here) or a resume key; :class:`Refused` if neither
        is valid (a token used before, or another role's, is refused the same way)."""
        token, resume = hello.get("token"), hello.get("resume")
        if resume:
            d = digest(str(resume))
            for name, sec in self.state.secrets.items():
                if d in sec.get("resume", []) and name in self.roles:
                    return Joined(self.roles[name], str(resume))
            raise Refused("this connection's resume key is not valid any more (join again with a new link)")
        if token:
            d = digest(str(token))
            for name, sec in self.state.secrets.items():
                if sec.get("token") == d and name in self.roles:
                    key = new_secret()
                    sec["token"] = ""
                    sec["resume"] = [*sec.get("resume", [])[-(MAX_RESUME_KEYS - 1) :], digest(key)]
                    self._save()
                    return Joined(self.roles[name], key)
            raise Refused(
                "this join link is not valid: it was used already, or replaced (ask the facilitator for a new link)"
            )
        raise Refused("hello needs a token (from the join link) or a resume key")

    # ------------------------------------------------------------------ views
    def _view(self, role: Role, turn: int | None = None) -> dict[str, Any]:
        t = self.game.last_turn if turn is None else self.game.check_turn(turn)
        key = (role.name if role.kind == "seat" else role.kind, t)
        cached = self._cache.get(key)
        if cached is None:
            if self._loaded is None or self._loaded[0] != t:
                self._loaded = (t, views.load_turn(self.game, t))
            cached = views.turn_view(self.game, role, t, loaded=self._loaded[1])
            if len(self._cache) > 1024:  # a whole 100-turn game of ten roles
                self._cache.clear()
            self._cache[key] = cached
        return cached

    def view(self, role: Role, turn: int | None = None) -> dict[str, Any]:
        """``role``'s view of ``turn`` (default: the last), as sent: a new view, a replay, the initial state."""
        return {"type": "view", "view": self._view(role, turn)}

    def status(self, role: Role, connected: Mapping[str, bool] | None = None) -> dict[str, Any]:
        """The turn's status as ``role`` may know it: the white cell sees every seat's submission and pending
        decisions; a seat sees its own; everyone sees the turn timer."""
        t = self.next_turn
        done = set(self.state.submitted.get(str(t), []))
        left = None
        if self.state.deadline_at is not None and self.state.deadline_turn == t:
            left = max(0.0, self.state.deadline_at - self.clock())
        out: dict[str, Any] = {
            "type": "status",
            "turn": t,
            "last_turn": self.game.last_turn,
            "ended": self.game.world.ended,
            "seconds_left": left,
            "turn_seconds": self.state.turn_seconds,
        }
        if role.white:
            pending = self.game.pending()
            out["seats"] = [
                {
                    "name": r.name,
                    "states": sorted(r.states),
                    "submitted": r.name in done,
                    "connected": bool((connected or {}).get(r.name)),
                    "pending": [c.description for c in pending if c.seat == r.name],
                }
                for r in self.seats
            ]
            from wargame.app import msel

            out["msel"] = [
                {
                    "serial": m.serial,
                    "turn": m.turn,
                    "status": m.status,
                    "time": m.time_text,
                    "message": m.message,
                    "expected": m.expected,
                }
                for m in msel.rows(self.game)
            ]
        elif role.kind == "seat":
            out["submitted"] = role.name in done
        return out

    def pending(self, role: Role) -> dict[str, Any]:
        return {"type": "pending", "commands": views.commands_for(self.game.pending(), role)}

    # ------------------------------------------------------------------ messages
    def handle(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        """Carry out one checked message from ``role``; a refusal is a reply of type ``error`` (one line)."""
        kind = str(msg["type"])
        rid = msg.get("rid")
        try:
            if kind in WHITE_ONLY and not role.white:
                raise Refused(f"only the facilitator may {kind}")
            if kind in SEAT_ONLY and role.kind != "seat":
                raise Refused(f"only a seat may {kind} (the white cell injects, notes and overrides)")
            if rid is not None and rid in self._rids and kind not in ("view", "log", "pending", "status"):
                return Outcome(self._rids[rid])  # a message sent again after a reconnect: done once already
            out = getattr(self, f"_on_{kind}")(role, msg)
        except Refused as exc:
            out = Outcome({"type": "error", "message": views.error_for(role, str(exc))})
        except (AppError, InjectError, SaveFileError) as exc:
            out = Outcome({"type": "error", "message": views.error_for(role, str(exc))})
        if rid is not None:
            out.reply["rid"] = rid
            if kind in SEAT_ONLY or kind in WHITE_ONLY:
                if len(self._rids) > 10_000:
                    self._rids.clear()
                self._rids[str(rid)] = out.reply
        return out

    def _on_view(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        who = msg.get("as")
        if who is not None and who != role.name:
            if not role.white:
                raise Refused("a seat sees only its own view (the facilitator can view as any seat)")
            if who not in self.roles:
                raise Refused(f"no seat called {who[:60]!r}")
            return Outcome(self.view(self.roles[who], msg.get("turn")) | {"as": who})
        return Outcome(self.view(role, msg.get("turn")))

    def _on_log(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        start = max(0, int(msg.get("from_turn", 0)))
        events: list[dict[str, Any]] = []
        for t in range(start, self.game.last_turn + 1):
            events.extend(self._view(role, t)["events"])
        return Outcome({"type": "log", "from_turn": start, "events": events})

    def _on_pending(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        return Outcome(self.pending(role))

    def _on_status(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        return Outcome(self.status(role))

    def _on_export(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        return Outcome({"type": "export", "export": views.export_for(self.game, role, lambda t: self._view(role, t))})

    def _on_report(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        return Outcome({"type": "report", "lines": views.report_for(self.game, role, lambda t: self._view(role, t))})

    # -- a seat's moves
    def _open_turn(self, role: Role, turn: int) -> None:
        if self.game.world.ended:
            raise Refused("the game has ended")
        if turn < self.next_turn:
            raise Refused(f"turn {turn} has resolved already: the next turn is {self.next_turn} (your view is updated)")
        if turn != self.next_turn:
            raise Refused(f"turn {turn} is not open: the next turn is {self.next_turn}")
        if role.name in self.state.submitted.get(str(turn), []):
            raise Refused(f"your decisions for turn {turn} are submitted: they are sealed until the turn resolves")

    def _on_decide(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        turn, state, action = int(msg["turn"]), str(msg["state"]), str(msg["action"])
        fields = dict(msg.get("fields") or {})
        self._open_turn(role, turn)
        if state not in role.states:
            raise Refused(
                f"the {role.name} seat does not play {state[:20]!r}: it decides for {', '.join(sorted(role.states))}"
            )
        clash = [k for k in fields if k in _DECISION_KEYS]
        if clash:
            raise Refused(f"decide: {clash[0]!r} is not a field of a decision")
        force = fields.get("force")
        if force is not None:
            owner = self._owner(str(force))
            if owner not in role.states:
                raise Refused(f"the {role.name} seat does not command a force called {str(force)[:40]!r}")
        for done in self.game.pending():  # sent again after a server restart: recorded already
            if done.seat == role.name and done.payload.get("rid") == msg["rid"]:
                return Outcome({"type": "ack", "command": done.id, "turn": done.turn, "again": True}, status=True)
        extra = {"note": str(msg["note"])} if msg.get("note") else {}
        cmd = self.game.decide(state, action, seat=role.name, rid=str(msg["rid"]), **extra, **fields)
        if cmd.turn != turn:  # the turn resolved meanwhile: never carried into another turn
            self.game.cancel(cmd.id)
            raise Refused(f"turn {turn} resolved before your decision arrived; it was not recorded")
        return Outcome({"type": "ack", "command": cmd.id, "turn": cmd.turn}, status=True)

    def _owner(self, fid: str) -> str | None:
        for fd in self.game.scenario.forces:
            if fd.id == fid:
                return fd.owner
        return None

    def _on_cancel(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        cid = int(msg["command"])
        mine = [c for c in self.game.pending() if c.id == cid and c.seat == role.name]
        if not mine:
            raise Refused(f"command #{cid} is not one of your pending decisions")
        self._open_turn(role, mine[0].turn)
        self.game.cancel(cid)
        return Outcome({"type": "ack", "cancelled": cid}, status=True)

    def _on_submit(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        turn = int(msg["turn"])
        again = turn == self.next_turn and role.name in self.state.submitted.get(str(turn), [])
        if not again:
            self._open_turn(role, turn)
            self.state.submitted.setdefault(str(turn), []).append(role.name)
            self._save()
        reply: dict[str, Any] = {"type": "ack", "submitted": turn, **({"again": True} if again else {})}
        # Every seat in: the turn resolves (also when the server was killed after the last submission was saved
        # and before the turn resolved: that seat's client sends its submission again after the restart).
        if all(r.name in self.state.submitted[str(turn)] for r in self.seats):
            resolved = self._resolve(turn, "every seat has submitted")
            return Outcome(reply | {"resolved": resolved}, resolved=resolved, status=True)
        return Outcome(reply, status=not again)

    # -- the white cell's
    def _on_advance(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        turn = int(msg["turn"])
        if turn != self.next_turn:
            raise Refused(f"turn {turn} is not the next turn ({self.next_turn}); it was not resolved again")
        resolved = self._resolve(turn, "the facilitator advanced")
        return Outcome({"type": "ack", "resolved": resolved}, resolved=resolved, status=True)

    def _on_note(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        cmd = self.game.note(str(msg["text"]), seat="facilitator")
        return Outcome({"type": "ack", "command": cmd.id}, status=True)

    def _on_inject(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        from wargame.app.types import AttackSpec, decode

        try:
            spec = decode(AttackSpec, dict(msg["attack"]))
        except (TypeError, ValueError, KeyError) as exc:
            raise Refused(f"inject: not an attack ({str(exc)[:120]})") from None
        cmd = self.game.inject(spec, seat="facilitator")
        return Outcome({"type": "ack", "command": cmd.id}, status=True)

    def _on_msel(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        from wargame.app import msel

        op, serial = str(msg["op"]), str(msg["serial"])
        if op not in MSEL_OPS:
            raise Refused(f"msel: op is one of {', '.join(MSEL_OPS)}")
        if op == "fire":
            msel.fire_now(self.game, serial)
        elif op == "skip":
            msel.skip(self.game, serial)
        elif op == "hold":
            msel.hold(self.game, serial)
        else:
            msel.postpone(self.game, serial, int(msg.get("turns", 1)))
        return Outcome({"type": "ack", "msel": op, "serial": serial}, status=True)

    def _on_deadline(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        seconds = float(msg.get("seconds", 0) or 0)
        if not 0 <= seconds <= 7 * 24 * 3600:
            raise Refused("deadline: seconds must be between 0 (no timer) and a week")
        self.state.turn_seconds = seconds
        self._arm()
        self._save()
        return Outcome({"type": "ack", "turn_seconds": seconds}, status=True)

    def _on_reissue(self, role: Role, msg: Mapping[str, Any]) -> Outcome:
        name = str(msg["seat"])
        if name not in self.roles or name == "facilitator":
            raise Refused(f"no seat called {name[:60]!r} to give a new link to")
        token = new_secret()
        self.state.secrets[name] = {"token": digest(token), "resume": []}
        self._save()
        return Outcome({"type": "ack", "seat": name, "token": token}, kick=name)

    # ------------------------------------------------------------------ turns
    def _arm(self) -> None:
        s = self.state
        if s.turn_seconds > 0:
            s.deadline_at, s.deadline_turn = self.clock() + s.turn_seconds, self.next_turn
        else:
            s.deadline_at, s.deadline_turn = None, None

    def _resolve(self, turn: int, why: str) -> int:
        """Resolve ``turn`` (it must be the next one: a turn is never resolved twice)."""
        if turn != self.next_turn:
            raise Refused(f"turn {turn} is resolved already")
        self.game.advance(1)
        self.state.submitted.pop(str(turn), None)
        self._arm()
        self._save()
        self._cache = {k: v for k, v in self._cache.items() if k[1] < turn}
        return turn

    def tick(self) -> Outcome | None:
        """Resolve the turn when its deadline has passed (called by the server's timer)."""
        s = self.state
        if s.deadline_at is None or s.deadline_turn != self.next_turn or self.clock() < s.deadline_at:
            return None
        if self.game.world.ended:
            s.deadline_at = None
            return None
        try:
            turn = self._resolve(self.next_turn, "the deadline passed")
        except (AppError, Refused):
            s.deadline_at = None
            return None
        return Outcome(
            {"type": "info", "message": f"turn {turn} resolved: the deadline passed"}, resolved=turn, status=True
        )
