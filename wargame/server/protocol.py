"""The exercise protocol: JSON messages over a WebSocket, checked before anything reads them.

Every message a client sends is one JSON object of at most :data:`MAX_MESSAGE_BYTES`, with a ``type`` from
:data:`SCHEMAS`, only the fields its schema names, each of the right kind and size. A message that fails is refused
with a one-line reason that echoes nothing of what another seat did. Clients send at most :data:`RATE_PER_S`
messages a second (bursts up to :data:`RATE_BURST`); beyond that they are refused, and a client that keeps on is
disconnected.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

PROTOCOL = 1
MAX_MESSAGE_BYTES = 64 * 1024
"""Largest message a client may send (the server closes the connection on a larger frame)."""
MAX_SERVER_MESSAGE_BYTES = 64 * 1024 * 1024
"""Largest message a client accepts from the server (a whole export)."""
RATE_PER_S = 20.0
RATE_BURST = 60.0
MAX_REFUSED_IN_A_ROW = 200
"""A client refused this many times in a row for its rate is disconnected."""
HELLO_TIMEOUT_S = 10.0

_TEXT = 200
_LONG = 2000

# field name → (python types, required, max length for text / max items for dicts)
Field = tuple[tuple[type, ...], bool, int]
SCHEMAS: dict[str, dict[str, Field]] = {
    "hello": {
        "v": ((int,), True, 0),
        "token": ((str,), False, 100),
        "resume": ((str,), False, 100),
    },
    "view": {"rid": ((str,), False, 64), "turn": ((int,), False, 0), "as": ((str,), False, _TEXT)},
    "log": {"rid": ((str,), False, 64), "from_turn": ((int,), False, 0)},
    "pending": {"rid": ((str,), False, 64)},
    "status": {"rid": ((str,), False, 64)},
    "export": {"rid": ((str,), False, 64)},
    "report": {"rid": ((str,), False, 64)},
    "decide": {
        "rid": ((str,), True, 64),
        "turn": ((int,), True, 0),
        "state": ((str,), True, _TEXT),
        "action": ((str,), True, _TEXT),
        "fields": ((dict,), False, 20),
        "note": ((str,), False, _TEXT),
    },
    "cancel": {"rid": ((str,), True, 64), "command": ((int,), True, 0)},
    "submit": {"rid": ((str,), True, 64), "turn": ((int,), True, 0)},
    # the white cell's
    "advance": {"rid": ((str,), True, 64), "turn": ((int,), True, 0)},
    "note": {"rid": ((str,), True, 64), "text": ((str,), True, _LONG)},
    "inject": {"rid": ((str,), True, 64), "attack": ((dict,), True, 30)},
    "msel": {
        "rid": ((str,), True, 64),
        "op": ((str,), True, 20),
        "serial": ((str,), True, _TEXT),
        "turns": ((int,), False, 0),
    },
    "deadline": {"rid": ((str,), True, 64), "seconds": ((int, float), False, 0)},
    "reissue": {"rid": ((str,), True, 64), "seat": ((str,), True, _TEXT)},
}
WHITE_ONLY = frozenset({"advance", "note", "inject", "msel", "deadline", "reissue"})
"""Messages only the facilitator may send."""
SEAT_ONLY = frozenset({"decide", "cancel", "submit"})
"""Messages only a seat may send (the white cell records its own moves as injects, notes and overrides)."""
MSEL_OPS = ("fire", "skip", "hold", "postpone")


class Refused(Exception):
    """A message refused, with the one-line reason the client gets (and the ``rid`` of the refused message, when it
    had a readable one, so that the client can match the refusal to what it sent)."""

    def __init__(self, message: str, rid: str | None = None) -> None:
        super().__init__(message)
        self.rid = rid


def _scalar_ok(value: Any, depth: int = 0) -> bool:
    """Plain JSON values of bounded depth (a decision's fields, an attack)."""
    if depth > 3:
        return False
    if value is None or isinstance(value, (bool, int, float)):
        return not (isinstance(value, float) and value != value)
    if isinstance(value, str):
        return len(value) <= _LONG
    if isinstance(value, list):
        return len(value) <= 50 and all(_scalar_ok(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return len(value) <= 30 and all(
            isinstance(k, str) and len(k) <= 64 and _scalar_ok(v, depth + 1) for k, v in value.items()
        )
    return False


def parse(raw: str | bytes) -> dict[str, Any]:
    """The checked message in ``raw``, or :class:`Refused` saying what is wrong with it."""
    if isinstance(raw, bytes):
        raise Refused("messages are JSON text, not binary")
    if len(raw.encode("utf-8", "replace")) > MAX_MESSAGE_BYTES:
        raise Refused(f"the message is larger than {MAX_MESSAGE_BYTES:,} bytes")
    try:
        msg = json.loads(raw)
    except (ValueError, RecursionError):
        raise Refused("the message is not JSON") from None
    if not isinstance(msg, dict):
        raise Refused("a message is a JSON object")
    rid = msg.get("rid")
    try:
        return _check(msg)
    except Refused as exc:
        exc.rid = rid if isinstance(rid, str) and 0 < len(rid) <= 64 else None
        raise


def _check(msg: dict[str, Any]) -> dict[str, Any]:
    kind = msg.get("type")
    if not isinstance(kind, str) or kind not in SCHEMAS:
        shown = kind if isinstance(kind, str) and len(kind) <= 20 and kind.isidentifier() else "…"
        raise Refused(f"unknown message type {shown!r} (one of {', '.join(SCHEMAS)})")
    schema = SCHEMAS[kind]
    extra = sorted(k for k in msg if k != "type" and k not in schema)
    if extra:
        raise Refused(f"{kind}: unknown field(s) {', '.join(e[:20] for e in extra[:5])}")
    for name, (types, required, limit) in schema.items():
        if name not in msg:
            if required:
                raise Refused(f"{kind}: the field {name!r} is missing")
            continue
        value = msg[name]
        if isinstance(value, bool) or not isinstance(value, types):
            raise Refused(f"{kind}: {name} must be {' or '.join(t.__name__ for t in types)}")
        if isinstance(value, str) and limit and len(value) > limit:
            raise Refused(f"{kind}: {name} has more than {limit} characters")
        if isinstance(value, dict) and not (_scalar_ok(value) and len(value) <= limit):
            raise Refused(f"{kind}: {name} must be a small table of plain values")
        if isinstance(value, int) and not -(2**31) <= value < 2**31:
            raise Refused(f"{kind}: {name} is out of range")
    return msg


@dataclass
class RateLimit:
    """A token bucket: :data:`RATE_PER_S` messages a second, bursts of :data:`RATE_BURST`."""

    rate: float = RATE_PER_S
    burst: float = RATE_BURST
    tokens: float = RATE_BURST
    last: float = field(default_factory=time.monotonic)
    refused_in_a_row: int = 0

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            self.refused_in_a_row = 0
            return True
        self.refused_in_a_row += 1
        return False


def new_secret() -> str:
    """A one-time join token or a resume key (128 bits, URL-safe)."""
    return secrets.token_urlsafe(16)


def digest(secret: str) -> str:
    """What the server keeps of a secret (never the secret itself)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def join_link(host: str, port: int, token: str) -> str:
    host = f"[{host}]" if ":" in host else host
    return f"ws://{host}:{port}/?token={token}"


def split_link(url: str) -> tuple[str, str]:
    """(server address, token) of a join link ``ws://HOST:PORT/?token=…``; ValueError with a one-line reason."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("ws", "wss"):
        raise ValueError(f"a join link starts with ws:// (got {url[:40]!r})")
    if not parts.hostname or parts.port is None:
        raise ValueError("a join link names the host and its port (ws://HOST:PORT/?token=…)")
    tokens = parse_qs(parts.query).get("token", [])
    if len(tokens) != 1 or not tokens[0]:
        raise ValueError("the join link has no token (ask the facilitator for your seat's link)")
    return f"{parts.scheme}://{parts.netloc}/", tokens[0]
