"""The outbound filters of hidden information (app.views, issue 15): every event kind is classified, and the kinds
of the military model reach only whom they concern."""

from __future__ import annotations

from pathlib import Path

from wargame.app import load_scenario, views
from wargame.app.types import EventKind

BALTIC = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "baltic.toml"


def test_every_event_kind_is_classified() -> None:
    named = (
        views.PUBLIC_EVENTS
        | views.STATE_EVENTS
        | views.FORCE_EVENTS
        | views.WHITE_EVENTS
        | views.PAIR_EVENTS
        | views.NUCLEAR_EVENTS
        | {EventKind.DECISION}
    )
    assert set(EventKind) == named, "a new event kind must be classified in wargame/app/views.py"


def test_permissions_and_nuclear_thresholds_reach_only_whom_they_concern() -> None:
    sc = load_scenario(BALTIC)
    est, pol, fin = views.seat("Estonia", ["EST"]), views.seat("Poland", ["POL"]), views.seat("Finland", ["FIN"])
    perm = {"kind": "permission", "subject": "POL", "data": {"grantor": "POL", "beneficiary": "EST", "kind": "transit"}}
    assert views.event_visible(perm, est, scenario=sc) and views.event_visible(perm, pol, scenario=sc)
    assert not views.event_visible(perm, fin, scenario=sc) and not views.event_visible(
        perm, views.OBSERVER, scenario=sc
    )
    alert = {"kind": "nuclear", "subject": "RUS", "data": {"state": "RUS", "level": 2, "from": 1}}
    crossed = {"kind": "nuclear", "subject": "RUS", "data": {"state": "RUS", "level": 4, "white_cell": True}}
    assert views.event_visible(alert, est, scenario=sc) and views.event_visible(alert, views.ROOM, scenario=sc)
    assert not views.event_visible(crossed, est, scenario=sc) and views.event_visible(
        crossed, views.FACILITATOR, scenario=sc
    )
    sanctions = {"kind": "sanctions", "subject": "RUS", "data": {"target": "RUS"}}
    assert views.event_visible(sanctions, views.OBSERVER, scenario=sc)
