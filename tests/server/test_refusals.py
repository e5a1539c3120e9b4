"""Refusals and hostile messages (issue 15): a seat that acts on another's force or state, reads another's view or
replays another's token is refused with a clear one-line reason; malformed, oversize, mistyped and flooding messages
get a clear error (or a clear close) and lose nothing already recorded."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from exkit import Served, wait_for
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from wargame.server import ExerciseClient, JoinRefused, split_link
from wargame.server.protocol import MAX_MESSAGE_BYTES, PROTOCOL


@contextlib.contextmanager
def _raw(served: Served, name: str) -> Iterator[Any]:
    """A bare WebSocket joined as ``name`` (no client library in the way: it sends exactly what a test writes)."""
    address, token = split_link(served.links[name])
    with connect(address, max_size=None, open_timeout=10) as ws:
        ws.send(json.dumps({"type": "hello", "v": PROTOCOL, "token": token}))
        welcome = json.loads(ws.recv(10))
        assert welcome["type"] == "welcome", welcome
        _drain(ws)
        yield ws


def _drain(ws: Any, quiet: float = 0.3) -> list[dict[str, Any]]:
    got = []
    while True:
        try:
            got.append(json.loads(ws.recv(quiet)))
        except TimeoutError:
            return got


def _reply(ws: Any, text: str, timeout: float = 10.0) -> dict[str, Any]:
    """Send ``text`` and return the first error or reply with a rid (pushed statuses and views are skipped)."""
    ws.send(text)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        msg = json.loads(ws.recv(timeout))
        if msg["type"] in ("error", "ack", "view", "pending", "log") and (msg["type"] == "error" or "rid" in msg):
            return msg
    raise AssertionError("no reply")


def _one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message and len(message) <= 300, message


def test_a_seat_is_refused_what_is_not_its_own(served: Served) -> None:
    est = ExerciseClient(served.links["Estonia"]).start()
    pol = ExerciseClient(served.links["Poland"]).start()
    try:
        mine = est.request({"type": "decide", "turn": 1, "state": "EST", "action": "mobilise",
                            "fields": {"force": "EST-1BDE"}})  # fmt: skip
        assert mine["type"] == "ack"
        cases = {
            # act on another's force, in its own state's name
            "does not command a force called 'POL-15BZ'": {
                "type": "decide", "turn": 1, "state": "EST", "action": "mobilise", "fields": {"force": "POL-15BZ"}},
            # act in another state's name
            "the Estonia seat does not play 'POL'": {
                "type": "decide", "turn": 1, "state": "POL", "action": "mobilise", "fields": {"force": "POL-15BZ"}},
            # read another's view, now or replayed
            "a seat sees only its own view": {"type": "view", "as": "Poland"},
            "sees only its own view": {"type": "view", "as": "facilitator", "turn": 0},
            # the white cell's moves
            "only the facilitator may advance": {"type": "advance", "turn": 1},
            "only the facilitator may msel": {"type": "msel", "op": "fire", "serial": "X"},
            "only the facilitator may reissue": {"type": "reissue", "seat": "Poland"},
            # a turn that is not open
            "turn 5 is not open": {"type": "decide", "turn": 5, "state": "EST", "action": "mobilise"},
            "turn 99 does not exist": {"type": "view", "turn": 99},
        }  # fmt: skip
        for expect, msg in cases.items():
            reply = est.request(msg)
            assert reply["type"] == "error", (msg, reply)
            _one_line(reply["message"])
            assert expect in reply["message"], (expect, reply["message"])
        # another seat's command: cannot cancel it, and cannot even learn it exists
        theirs = pol.request({"type": "decide", "turn": 1, "state": "POL", "action": "mobilise",
                              "fields": {"force": "POL-15BZ"}})  # fmt: skip
        reply = est.request({"type": "cancel", "command": theirs["command"]})
        assert reply["type"] == "error" and "not one of your pending decisions" in reply["message"]
        assert [c["id"] for c in est.request({"type": "pending"})["commands"]] == [mine["command"]]
        # sealed: after submitting, no more changes for the turn
        assert est.request({"type": "submit", "turn": 1})["type"] == "ack"
        reply = est.request({"type": "cancel", "command": mine["command"]})
        assert reply["type"] == "error" and "sealed" in reply["message"]
        # nothing refused was recorded; what was accepted is all there
        pending = {(c.seat, c.payload.get("force")) for c in served.game.pending()}
        assert pending == {("Estonia", "EST-1BDE"), ("Poland", "POL-15BZ")}
    finally:
        est.close()
        pol.close()


def test_a_used_token_cannot_be_replayed_by_anyone(served: Served) -> None:
    est = ExerciseClient(served.links["Estonia"], reconnect=False).start()
    try:
        assert est.role is not None and est.role["name"] == "Estonia"
        # the Polish delegate (or anyone who saw the link) replays Estonia's used token
        with pytest.raises(JoinRefused, match="not valid: it was used already"):
            ExerciseClient(served.links["Estonia"], reconnect=False).start(timeout=10)
        # a made-up token, and a made-up resume key
        address, _ = split_link(served.links["Estonia"])
        with pytest.raises(JoinRefused, match="not valid"):
            ExerciseClient(address + "?token=" + "A" * 22, reconnect=False).start(timeout=10)
        with connect(address, open_timeout=10) as ws:
            ws.send(json.dumps({"type": "hello", "v": PROTOCOL, "resume": "B" * 22}))
            refused = json.loads(ws.recv(10))
            assert refused["type"] == "refused" and "resume key is not valid" in refused["message"]
        # a reissued link cuts the old seat off; the old resume key stops working
        fac = ExerciseClient(served.links["facilitator"]).start()
        try:
            new = fac.request({"type": "reissue", "seat": "Estonia"})
            assert new["type"] == "ack" and new["token"]
            wait_for(lambda: not est.connected.is_set(), 10, "the old Estonian connection to close")
            with connect(address, open_timeout=10) as ws:
                ws.send(json.dumps({"type": "hello", "v": PROTOCOL, "resume": est.resume}))
                assert "resume key is not valid" in json.loads(ws.recv(10))["message"]
        finally:
            fac.close()
    finally:
        est.close()


def test_hostile_messages_get_a_clear_error_and_lose_nothing(served: Served) -> None:
    with _raw(served, "Germany") as ws:
        ok = _reply(ws, json.dumps({"type": "decide", "rid": "keep", "turn": 1, "state": "DEU", "action": "mobilise",
                                    "fields": {"force": "DEU-PZLB9"}}))  # fmt: skip
        assert ok["type"] == "ack"
        hostile = {
            "not JSON": "{not json",
            "a JSON object": "[1, 2, 3]",
            "unknown message type": json.dumps({"type": "drop_tables"}),
            "unknown field": json.dumps({"type": "view", "evil": 1}),
            "the field 'turn' is missing": json.dumps({"type": "decide", "rid": "a", "state": "DEU", "action": "x"}),
            "turn must be int": json.dumps({"type": "submit", "rid": "b", "turn": "1"}),
            "turn must be int ": json.dumps({"type": "submit", "rid": "b2", "turn": True}),
            "out of range": json.dumps({"type": "submit", "rid": "c", "turn": 2**40}),
            "more than 200 characters": json.dumps({"type": "decide", "rid": "d", "turn": 1, "state": "D" * 201,
                                                    "action": "x"}),  # fmt: skip
            "small table of plain values": json.dumps({"type": "decide", "rid": "e", "turn": 1, "state": "DEU",
                                                       "action": "x", "fields": {"a": {"b": {"c": {"d": [1]}}}}}),
            f"larger than {MAX_MESSAGE_BYTES:,} bytes": json.dumps({"type": "note", "rid": "f", "text": "x" * 100_000}),
            "already joined": json.dumps({"type": "hello", "v": PROTOCOL, "token": "x"}),
            "not JSON ": "[" * 20_000 + "]" * 20_000,
        }  # fmt: skip
        for expect, text in hostile.items():
            reply = _reply(ws, text)
            assert reply["type"] == "error", (expect, reply)
            _one_line(reply["message"])
            assert expect.strip() in reply["message"], (expect, reply["message"])
        # binary frames are refused the same way
        ws.send(b"\x00\x01")
        reply = json.loads(ws.recv(10))
        assert reply["type"] == "error" and "not binary" in reply["message"], reply
        # a flood: refused beyond the rate, the connection kept, nothing lost
        for i in range(150):
            ws.send(json.dumps({"type": "status", "rid": f"flood{i}"}))
        replies = _drain(ws, 1.0)
        slowed = [m for m in replies if m["type"] == "error"]
        assert slowed and all(m["message"] == "too many messages: slow down (refused)" for m in slowed)
        time.sleep(1.0)
        assert _reply(ws, json.dumps({"type": "pending", "rid": "after"}))["type"] == "pending"
    # a frame far beyond the limit closes the connection with a reason (the client library rejoins by itself)
    with _raw(served, "US cell") as ws, pytest.raises(ConnectionClosed) as closed:
        ws.send("x" * (2 * 1024 * 1024))
        ws.recv(10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 1009
    # nothing recorded was lost
    assert [(c.seat, c.payload.get("force"), c.payload.get("rid")) for c in served.game.pending()] == [
        ("Germany", "DEU-PZLB9", "keep")
    ]


def test_a_hostile_hello_is_refused_with_a_reason(served: Served) -> None:
    address, token = split_link(served.links["Poland"])
    for first, expect in [
        ("garbage", "not JSON"),
        (json.dumps({"type": "status"}), "the first message must be hello"),
        (json.dumps({"type": "hello", "v": 99, "token": token}), "speaks protocol"),
        (json.dumps({"type": "hello", "v": PROTOCOL}), "needs a token"),
    ]:
        with connect(address, open_timeout=10) as ws:
            ws.send(first)
            msg = json.loads(ws.recv(10))
            assert msg["type"] == "refused" and expect in msg["message"], msg
            _one_line(msg["message"])
    # none of that used up Poland's link
    pol = ExerciseClient(served.links["Poland"]).start()
    pol.close()
