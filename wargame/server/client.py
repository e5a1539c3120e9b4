"""The exercise client: joins a server with a link, keeps the connection, reconnects when it drops.

It runs its own asyncio loop in a worker thread (the desktop app posts what it receives to the GUI thread; tests and
the benchmark wait on it). Every message with a ``rid`` is kept until its reply arrives and sent again after a
reconnect; the server does each ``rid`` once, so a decision is never lost nor recorded twice.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import queue
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any

from .protocol import MAX_SERVER_MESSAGE_BYTES, PROTOCOL, split_link

Listener = Callable[[dict[str, Any]], None]


class JoinRefused(Exception):
    """The server refused to let this client join (its reason, one line)."""


class ExerciseClient:
    """A connection to an exercise as one role. ``on_message`` is called (in the client's thread) with every
    message the server sends, and with ``{"type": "connection", "state": …}`` when the link goes up or down."""

    def __init__(
        self, link: str, on_message: Listener | None = None, *, reconnect: bool = True, resume: str | None = None
    ) -> None:
        self.address, self.token = split_link(link)
        self.on_message = on_message
        self.reconnect = reconnect
        self.resume: str | None = resume
        """The key that rejoins this client's role after a drop (given by the server; pass a saved one to rejoin
        from a new process)."""
        self.role: dict[str, Any] | None = None
        self.connected = threading.Event()
        self.refused: str | None = None
        self._outbox: dict[str, dict[str, Any]] = {}
        self._replies: dict[str, queue.Queue[dict[str, Any]]] = {}
        self._latest: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._ws: Any = None
        self._closing = False
        self.reconnects = 0
        self._thread = threading.Thread(target=self._run, name="wargame-client", daemon=True)

    # ------------------------------------------------------------------ life
    def start(self, timeout: float = 30.0, *, wait: bool = True) -> ExerciseClient:
        """Connect and join; raises :class:`JoinRefused` with the server's reason, or TimeoutError. ``wait=False``:
        return at once (the desktop app learns of the welcome, or the refusal, from ``on_message``)."""
        self._thread.start()
        if not wait:
            return self
        deadline = time.monotonic() + timeout
        while not self.connected.wait(0.05):
            if self.refused is not None:
                raise JoinRefused(self.refused)
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise TimeoutError(f"could not join {self.address} within {timeout:g} s")
        return self

    def close(self) -> None:
        self._closing = True
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                asyncio.run_coroutine_threadsafe(self._close_ws(), loop)
        self._thread.join(10)

    async def _close_ws(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()

    def drop(self) -> None:
        """Cut the connection as a network failure would (tests): the client reconnects by itself."""
        loop = self._loop
        if loop is not None and self._ws is not None:
            ws = self._ws
            loop.call_soon_threadsafe(lambda: ws.transport.abort() if ws.transport else None)

    def abandon(self) -> None:
        """Stop at once, as a killed process would: the connection is cut without a goodbye and whatever was not
        answered stays unanswered (tests; a new client with :attr:`resume` takes the seat back)."""
        self._closing = True
        self.drop()
        self._thread.join(10)

    # ------------------------------------------------------------------ sending
    def send(self, msg: dict[str, Any]) -> str:
        """Send ``msg`` (a ``rid`` is added); it is sent again after a reconnect until its reply arrives."""
        rid = str(msg.get("rid") or uuid.uuid4().hex)
        msg = {**msg, "rid": rid}
        with self._lock:
            self._outbox[rid] = msg
            self._replies[rid] = queue.Queue()
        loop = self._loop
        if loop is not None and not loop.is_closed():
            with contextlib.suppress(RuntimeError):
                asyncio.run_coroutine_threadsafe(self._send_now(msg), loop)
        return rid

    def request(self, msg: dict[str, Any], timeout: float = 30.0) -> dict[str, Any]:
        """Send ``msg`` and wait for its reply (kept across reconnects)."""
        rid = self.send(msg)
        try:
            return self._replies[rid].get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no reply to {msg.get('type')} within {timeout:g} s") from None
        finally:
            with self._lock:
                self._replies.pop(rid, None)

    def latest(self, kind: str) -> dict[str, Any] | None:
        """The last message of ``kind`` received (``view``, ``status``, ``pending`` …)."""
        with self._lock:
            return self._latest.get(kind)

    async def _send_now(self, msg: dict[str, Any]) -> None:
        ws = self._ws
        if ws is None:
            return  # sent after the reconnect
        with contextlib.suppress(Exception):
            await ws.send(json.dumps(msg))

    # ------------------------------------------------------------------ the loop
    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main())
        finally:
            loop.close()

    def _emit(self, msg: dict[str, Any]) -> None:
        with self._lock:
            self._latest[str(msg.get("type"))] = msg
            rid = msg.get("rid")
            if isinstance(rid, str) and rid in self._outbox:
                self._outbox.pop(rid, None)
                q = self._replies.get(rid)
                if q is not None:
                    q.put(msg)
        if self.on_message is not None:
            try:
                self.on_message(msg)
            except Exception:  # noqa: BLE001 - a listener's error must not break the connection
                pass

    async def _main(self) -> None:
        import websockets

        backoff = 0.1
        while not self._closing:
            try:
                async with websockets.connect(
                    self.address,
                    max_size=MAX_SERVER_MESSAGE_BYTES,
                    open_timeout=10,
                    ping_interval=10,
                    ping_timeout=20,
                    compression=None,
                ) as ws:
                    hello: dict[str, Any] = {"type": "hello", "v": PROTOCOL}
                    if self.resume:
                        hello["resume"] = self.resume
                    else:
                        hello["token"] = self.token
                    await ws.send(json.dumps(hello))
                    first = json.loads(await asyncio.wait_for(ws.recv(), 30))
                    if first.get("type") == "refused":
                        self.refused = str(first.get("message", "refused"))
                        self._emit(first)
                        return
                    self.resume = str(first.get("resume", ""))
                    self.role = first.get("role")
                    self._ws = ws
                    backoff = 0.1
                    self._emit(first)
                    self._emit({"type": "connection", "state": "up"})
                    self.connected.set()
                    with self._lock:
                        waiting = list(self._outbox.values())
                    for msg in waiting:  # sent before the drop, never answered: again (the server does it once)
                        await ws.send(json.dumps(msg))
                    async for raw in ws:
                        self._emit(json.loads(raw))
            except Exception:  # noqa: BLE001 - any failure of the link: reconnect
                pass
            self._ws = None
            if self.connected.is_set():
                self.connected.clear()
                self._emit({"type": "connection", "state": "down"})
            if self._closing or not self.reconnect:
                return
            self.reconnects += 1
            await asyncio.sleep(backoff)
            backoff = min(2.0, backoff * 2)
