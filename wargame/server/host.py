"""The exercise server: the authoritative game behind a WebSocket (the ``websockets`` package, asyncio).

One worker thread owns the game (every read and write of it, in the order messages arrive); the event loop only
moves messages. Each connection first says hello with its one-time token (or its resume key after a drop), then
sends checked messages (:mod:`.protocol`: schema, size, rate); each gets one reply. When a turn resolves, every
connected client gets its own new view, computed by :mod:`wargame.app.views`; nothing else is ever pushed to a seat.
Clients never touch the database.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wargame.app.views import Role

from .exercise import Exercise, Outcome
from .protocol import HELLO_TIMEOUT_S, MAX_MESSAGE_BYTES, MAX_REFUSED_IN_A_ROW, PROTOCOL, RateLimit, Refused, parse

SEND_TIMEOUT_S = 10.0
TICK_S = 0.25
FRAME_LIMIT = 4 * MAX_MESSAGE_BYTES
"""Frames up to this size are read and refused with a reason when over :data:`MAX_MESSAGE_BYTES`; a larger frame
closes the connection (code 1009, "message too big"): the client rejoins with its resume key."""


@dataclass(eq=False)
class _Client:
    ws: Any
    role: Role
    rate: RateLimit = field(default_factory=RateLimit)


def _dumps(msg: dict[str, Any]) -> str:
    return json.dumps(msg, ensure_ascii=False, separators=(",", ":"))


class Host:
    """Serves ``exercise`` on ``bind``:``port`` (0: any free port) until :meth:`stop`."""

    def __init__(self, exercise: Exercise, bind: str = "127.0.0.1", port: int = 0) -> None:
        self.exercise = exercise
        self.bind = bind
        self.port = port
        self.clients: set[_Client] = set()
        self._pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="wargame-game")
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self.ready = threading.Event()

    # ------------------------------------------------------------------ running
    async def _in_game(self, fn: Callable[..., Any], *args: Any) -> Any:
        assert self._loop is not None
        return await self._loop.run_in_executor(self._pool, fn, *args)

    async def serve(self, on_ready: Callable[[Host], None] | None = None) -> None:
        import websockets

        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        async with websockets.serve(
            self._connection,
            self.bind,
            self.port,
            max_size=FRAME_LIMIT,
            max_queue=16,
            ping_interval=10,
            ping_timeout=20,
            compression=None,
        ) as server:
            sock = next(iter(server.sockets))
            self.port = int(sock.getsockname()[1])
            self.ready.set()
            if on_ready:
                on_ready(self)
            ticker = asyncio.create_task(self._ticker())
            try:
                await self._stop.wait()
            finally:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker
                for c in list(self.clients):
                    with contextlib.suppress(Exception):
                        await c.ws.close(1001, "the server is stopping")
        self._pool.shutdown(wait=True)

    def stop(self) -> None:
        """Stop serving (from any thread)."""
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set)

    def run_in_thread(self) -> threading.Thread:
        """Serve in a background thread (the desktop app's *Host exercise…*, tests); returns once listening."""
        thread = threading.Thread(target=lambda: asyncio.run(self.serve()), name="wargame-host", daemon=True)
        thread.start()
        if not self.ready.wait(30):
            raise RuntimeError("the exercise server did not start")
        return thread

    # ------------------------------------------------------------------ connections
    def connected(self) -> dict[str, bool]:
        return {c.role.name: True for c in self.clients}

    async def _send(self, client: _Client, msg: dict[str, Any] | str) -> None:
        text = msg if isinstance(msg, str) else _dumps(msg)
        try:
            await asyncio.wait_for(client.ws.send(text), SEND_TIMEOUT_S)
        except Exception:  # noqa: BLE001 - a client gone or too slow: it reconnects and gets its view
            self.clients.discard(client)
            with contextlib.suppress(Exception):
                await client.ws.close(1011, "too slow to receive")

    async def _connection(self, ws: Any) -> None:
        try:
            raw = await asyncio.wait_for(ws.recv(), HELLO_TIMEOUT_S)
            hello = parse(raw)
            if hello["type"] != "hello":
                raise Refused("the first message must be hello")
            if hello["v"] != PROTOCOL:
                raise Refused(f"this server speaks protocol {PROTOCOL}; update the application")
            joined = await self._in_game(self.exercise.join, hello)
        except Refused as exc:
            await ws.send(_dumps({"type": "refused", "message": str(exc)}))
            await ws.close(1008, "refused")
            return
        except TimeoutError:
            await ws.close(1008, "no hello")
            return
        except Exception:  # noqa: BLE001 - the peer went away during the hello
            return
        client = _Client(ws, joined.role)
        for other in [c for c in self.clients if c.role.name == joined.role.name and joined.role.kind == "seat"]:
            self.clients.discard(other)  # the same seat joined again (a reconnect): the old connection goes
            with contextlib.suppress(Exception):
                await other.ws.close(4000, "replaced by a newer connection of this seat")
        self.clients.add(client)
        try:
            await self._send(client, {"type": "welcome", "role": joined.role.to_dict(), "resume": joined.resume})
            first = await self._in_game(self._first_messages, joined.role)
            for m in first:
                await self._send(client, m)
            await self._push_status(None)
            async for raw in ws:
                await self._message(client, raw)
        except Exception:  # noqa: BLE001 - a dropped connection
            pass
        finally:
            self.clients.discard(client)
            with contextlib.suppress(Exception):
                await self._push_status(None)

    def _first_messages(self, role: Role) -> list[dict[str, Any]]:
        ex = self.exercise
        out = [ex.view(role), ex.status(role, self.connected())]
        if role.kind == "seat":
            out.append(ex.pending(role))
        return out

    async def _message(self, client: _Client, raw: Any) -> None:
        if not client.rate.allow():
            if client.rate.refused_in_a_row >= MAX_REFUSED_IN_A_ROW:
                await client.ws.close(1008, "too many messages")
                return
            await self._send(client, {"type": "error", "message": "too many messages: slow down (refused)"})
            return
        try:
            msg = parse(raw)
            if msg["type"] == "hello":
                raise Refused("already joined")
        except Refused as exc:
            await self._send(client, {"type": "error", "message": str(exc), **({"rid": exc.rid} if exc.rid else {})})
            return
        outcome: Outcome = await self._in_game(self.exercise.handle, client.role, msg)
        await self._send(client, outcome.reply)
        if outcome.kick:
            for c in [c for c in self.clients if c.role.name == outcome.kick]:
                self.clients.discard(c)
                with contextlib.suppress(Exception):
                    await c.ws.close(4001, "this seat was given a new join link")
        await self._after(outcome, client)

    async def _after(self, outcome: Outcome, sender: _Client | None) -> None:
        if outcome.resolved is not None:
            await self._push_views()
        if outcome.status:
            await self._push_status(sender, everyone=outcome.resolved is not None)
        if sender is not None and outcome.status and sender.role.kind == "seat":
            await self._send(sender, await self._in_game(self.exercise.pending, sender.role))

    async def _push_views(self) -> None:
        """Every client's new view, each filtered for its role (the same text for clients of the same role), and
        each seat's pending decisions (those of the resolved turn are gone)."""
        clients = list(self.clients)

        def texts() -> list[list[str]]:
            done: dict[str, list[str]] = {}
            out = []
            for c in clients:
                key = c.role.name
                if key not in done:
                    done[key] = [_dumps(self.exercise.view(c.role))]
                    if c.role.kind == "seat":
                        done[key].append(_dumps(self.exercise.pending(c.role)))
                out.append(done[key])
            return out

        async def send_all(c: _Client, msgs: list[str]) -> None:
            for m in msgs:
                await self._send(c, m)

        msgs = await self._in_game(texts)
        await asyncio.gather(*(send_all(c, m) for c, m in zip(clients, msgs, strict=True)))

    async def _push_status(self, sender: _Client | None, *, everyone: bool = False) -> None:
        """The white cell's status to the facilitators; a seat's own to the sender (to every client when a turn
        resolved: the new turn and its timer)."""
        targets = [c for c in self.clients if everyone or c.role.white or c is sender]
        if not targets:
            return
        connected = self.connected()
        msgs = await self._in_game(lambda: [self.exercise.status(c.role, connected) for c in targets])
        await asyncio.gather(*(self._send(c, m) for c, m in zip(targets, msgs, strict=True)))

    async def _ticker(self) -> None:
        while True:
            await asyncio.sleep(TICK_S)
            try:
                outcome = await self._in_game(self.exercise.tick)
            except Exception:  # noqa: BLE001 - a failed timed resolution is retried on the next tick
                continue
            if outcome is not None:
                for c in list(self.clients):
                    await self._send(c, outcome.reply)
                await self._after(outcome, None)
