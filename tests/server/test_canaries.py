"""No leaks, tested by canaries (issue 15).

A 4-seat Baltic exercise is played over 30 turns through the server on 127.0.0.1 (the Baltic scenario without its
end conditions: with seats that only mobilise, Riga falls within 10 turns). Unique canary strings sit in every
seat's private decisions, the held and future MSEL rows, the facilitator's notes and override rationales, and the
seed; the aggressor AI's reasoning is its own text. Every message each client receives is recorded (the views pushed
each turn, the initial state, replays of past turns, logs, exports, reports, pending lists, statuses and error
messages), and no canary may reach a client that should not see it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exkit import Recorder, Served, view_turn, wait_for

from wargame.app import msel

SEED = "774411993"
TURNS = 30
FORCES = {"US cell": ("USA", "USA-82-IRF"), "Estonia": ("EST", "EST-1BDE"), "Poland": ("POL", "POL-15BZ"),
          "Germany": ("DEU", "DEU-PZLB9")}  # fmt: skip

MSEL_CSV = """serial,time,kind,attacker,victim,location,target,casualties,attribution,message,expected action
H1,HOLD,strike,RUS,EST,EST-NAR,territory,5,0.9,CANARY-MSEL-HELD-1 a strike on Narva,CANARY-MSEL-EXPECT-H1
H2,HOLD,cyber,RUS,LTU,LTU,territory,0,0.5,CANARY-MSEL-HELD-2 banks down,CANARY-MSEL-EXPECT-H2
F1,D+30,strike,RUS,LVA,LVA-RIX,territory,5,0.9,CANARY-MSEL-FUTURE-1 a strike on Riga,CANARY-MSEL-EXPECT-F1
"""


def _ai_reasoning(white_log: list[dict]) -> set[str]:
    """The aggressor AI's own words: the details of its reasoning that appear in no other event."""
    other = json.dumps([e for e in white_log if e["kind"] != "ai"], ensure_ascii=False)
    out = set()
    for e in white_log:
        if e["kind"] == "ai":
            for r in e.get("reasons", []):
                detail = str(r.get("detail", ""))
                if len(detail) >= 30 and detail not in other:
                    out.add(detail)
    return out


@pytest.mark.slow
def test_no_canary_reaches_a_seat_that_should_not_see_it(served: Served, tmp_path: Path) -> None:
    game = served.game
    (tmp_path / "msel.csv").write_text(MSEL_CSV, encoding="utf-8")
    msel.import_msel(game, tmp_path / "msel.csv")
    rec = {name: Recorder(link).start() for name, link in served.links.items()}
    fac = rec["facilitator"].client
    seats = {name: rec[name].client for name in FORCES}
    canaries: dict[str, str] = {}  # canary → the seat allowed to see it ("" : the white cell only)

    for turn in range(1, TURNS + 1):
        for name, (state, force) in FORCES.items():
            c = f"CANARY-{name.replace(' ', '')}-T{turn}"
            canaries[c] = name
            reply = seats[name].request(
                {
                    "type": "decide",
                    "turn": turn,
                    "state": state,
                    "action": "mobilise",
                    "fields": {"force": force},
                    "note": c,
                }  # fmt: skip
            )
            assert reply["type"] == "ack", reply
        note = f"CANARY-NOTE-T{turn}"
        canaries[note] = ""
        assert fac.request({"type": "note", "text": note})["type"] == "ack"
        if turn == 3:  # a pending override is the white cell's; its ruling is read out once it takes effect
            pending = "CANARY-OVERRIDE-PENDING"
            cmd = served.game.override("opinion", "EST", 80.0, pending, seat="facilitator")
            for r in rec.values():
                r.client.request({"type": "pending"})
            assert pending in rec["facilitator"].everything()
            for name, r in rec.items():
                assert name == "facilitator" or pending not in r.everything()
            served.game.cancel(cmd.id)
        if turn == TURNS - 1:  # the white cell holds the future row back: it never fires
            assert fac.request({"type": "msel", "op": "hold", "serial": "F1"})["type"] == "ack"
        for name, client in seats.items():
            # refusals carry no other seat's secrets either: act on another's force, read another's view
            other = next(n for n in FORCES if n != name)
            err = client.request(
                {
                    "type": "decide",
                    "turn": turn,
                    "state": FORCES[name][0],
                    "action": "mobilise",
                    "fields": {"force": FORCES[other][1]},
                }  # fmt: skip
            )
            assert err["type"] == "error" and "does not command" in err["message"]
            assert client.request({"type": "view", "as": other})["type"] == "error"
        for client in seats.values():
            reply = client.request({"type": "submit", "turn": turn})
            assert reply["type"] == "ack", reply
        for r in rec.values():
            wait_for(lambda r=r, t=turn: view_turn(r.client) == t, what=f"the view of turn {turn}")
        if turn % 10 == 0:  # replays of past turns and the initial state, the log so far
            for r in rec.values():
                for t in (0, turn // 2, turn):
                    assert r.client.request({"type": "view", "turn": t})["type"] == "view"
                assert r.client.request({"type": "log"})["type"] == "log"

    assert game.last_turn == TURNS
    for r in rec.values():
        assert r.client.request({"type": "export"})["type"] == "export"
        assert r.client.request({"type": "report"})["type"] == "report"
        assert r.client.request({"type": "pending"})["type"] == "pending"
        assert r.client.request({"type": "nonsense"})["type"] == "error"

    white_log = fac.request({"type": "log"})["events"]
    reasoning = _ai_reasoning(white_log)
    assert reasoning, "the aggressor AI gave reasons the white cell can read"
    held = ["CANARY-MSEL-HELD-1", "CANARY-MSEL-HELD-2", "CANARY-MSEL-FUTURE-1", "CANARY-MSEL-EXPECT"]
    white = rec["facilitator"].everything()
    for c in [*canaries, *held, SEED]:
        assert c in white, f"the white cell should see {c}"
    assert any(d in white for d in reasoning)
    for name, r in rec.items():
        if name == "facilitator":
            continue
        seen = r.everything()
        assert len(r.texts) > 2 * TURNS, f"{name} received too little to judge"
        for c, allowed in canaries.items():
            if allowed == name:
                assert c in seen, f"{name} should see its own {c}"
            else:
                assert c not in seen, f"{name} received {c}"
        for c in [*held, SEED]:
            assert c not in seen, f"{name} received {c}"
        leaked = [d for d in reasoning if d in seen]
        assert not leaked, f"{name} received the AI's reasoning: {leaked[0]}"
        assert '"kind": "ai"' not in seen and '"draws"' not in seen
    for r in rec.values():
        r.client.close()
