"""Hidden information: what each role of an exercise may see, decided in one place (issue 15).

Roles (``docs/information-model.md`` has the table, item by item):

* the **facilitator** (white cell) sees everything, and can view as any seat;
* a **seat** plays one state or a team of states; it sees the public record, its own states' private facts (and
  those of the allies that share with it), and the foreign forces it detects;
* an **observer** sees the public picture only; the **room display** is the public picture for the projector.

:func:`view_for` filters the world; :func:`events_for`, :func:`commands_for`, :func:`summary_for`,
:func:`meta_for`, :func:`bookmarks_for`, :func:`turn_view` (snapshots, per-turn changes, replays and the initial
state), :func:`export_for`, :func:`report_for` and :func:`error_for` apply the same rules to every other outbound
channel. The exercise server (:mod:`wargame.server`) sends nothing to a client that did not come out of here.
Filtering is default deny: an event kind or world field not named here reaches the white cell only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from wargame.engine import EventKind, Scenario, WorldState, encode
from wargame.engine.limits import cut
from wargame.engine.visibility import Hidden, Viewer, world_for

if TYPE_CHECKING:  # pragma: no cover
    from wargame.app import Game

ROLE_KINDS = ("facilitator", "seat", "observer", "room")

PUBLIC_EVENTS = frozenset(
    {
        EventKind.ATTACK,
        EventKind.ATTRIBUTION,
        EventKind.GRAVITY,
        EventKind.REQUEST,
        EventKind.CONSULT_REQUEST,
        EventKind.VERDICT,
        EventKind.STANCE,
        EventKind.COLLECTIVE,
        EventKind.ENGAGEMENT,
        EventKind.CONTROL,
        EventKind.OPINION,
        EventKind.COUNCIL,
        EventKind.MEETING,
        EventKind.JUDGEMENT,
        EventKind.OVERRIDE,
        EventKind.SANCTIONS,
        EventKind.END,
    }
)
"""Events everyone sees (without their random draws): attacks once known, verdicts and invocations, stances,
fighting and who holds what, opinion polls, the UN, consultation meetings, judgements, and the white cell's rulings
once they take effect (with the rationale it reads out; an override still pending is the white cell's only),
sanctions packages."""

PAIR_EVENTS = frozenset({EventKind.PERMISSION})
"""A transit, overflight, basing or straits decision: the grantor's and the beneficiary's (and their sharers')."""

NUCLEAR_EVENTS = frozenset({EventKind.NUCLEAR})
"""A change of nuclear alert is public (a signal others observe); a threshold crossed, handed to the white cell, is
the white cell's and the state's own."""

STATE_EVENTS = frozenset({EventKind.APPROVAL, EventKind.LEGAL, EventKind.BUDGET, EventKind.REJECTED})
"""Events private to the state they are about (its legislature's schedule and votes asked, its legal clocks, its
budget, its refused decisions)."""

FORCE_EVENTS = frozenset({EventKind.MOBILISE, EventKind.READY, EventKind.DEPART, EventKind.ARRIVE})
"""A force's movements: its owner's (and sharing allies'); another seat sees an arrival of a force it detects."""

WHITE_EVENTS = frozenset({EventKind.AI, EventKind.NOTE, EventKind.SCRIPT})
"""The aggressor AI's reasoning, the facilitators' notes, and what the white cell did with the scenario's scripted
injects (held back, skipped, postponed: the MSEL is the white cell's; an inject that fires is a public attack)."""

PUBLIC_META = ("scenario_id", "scenario_name", "title", "app_version")
"""What every role may know of the game's description (never its seed, settings or scenario files)."""


@dataclass(frozen=True)
class Role:
    """Who a client is in an exercise. ``states``: the states a seat plays; ``shares``: the states whose private
    facts (forces, orders, budget, legislature) it also sees (allies that share intelligence with it)."""

    kind: str
    name: str = ""
    states: frozenset[str] = frozenset()
    shares: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.kind not in ROLE_KINDS:
            raise ValueError(f"unknown role {self.kind!r} (one of {', '.join(ROLE_KINDS)})")
        if self.kind == "seat" and not self.states:
            raise ValueError(f"seat {self.name!r} plays no state")
        if self.kind != "seat" and (self.states or self.shares):
            raise ValueError(f"a {self.kind} plays no state")

    @property
    def white(self) -> bool:
        """The white cell: sees everything."""
        return self.kind == "facilitator"

    @property
    def private(self) -> frozenset[str]:
        """States whose private facts this role sees (empty for observers and the room display)."""
        return self.states | self.shares

    def viewer(self) -> Viewer | None:
        return None if self.white else Viewer(self.states, self.shares)

    def label(self) -> str:
        if self.kind == "seat":
            return f"{self.name} ({', '.join(sorted(self.states))})"
        return {"facilitator": "facilitator (white cell)", "observer": "observer", "room": "room display"}[self.kind]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "states": sorted(self.states), "shares": sorted(self.shares)}

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Role:
        return cls(
            str(d["kind"]), str(d.get("name", "")), frozenset(d.get("states", ())), frozenset(d.get("shares", ()))
        )


FACILITATOR = Role("facilitator", "white cell")
OBSERVER = Role("observer", "observer")
ROOM = Role("room", "room display")


def seat(name: str, states: Iterable[str], shares: Iterable[str] = ()) -> Role:
    """A seat playing ``states`` (and seeing what ``shares`` share with it)."""
    own = frozenset(states)
    return Role("seat", name, own, frozenset(shares) - own)


# ------------------------------------------------------------------------------------------ the world
@dataclass(frozen=True)
class WorldView:
    """The world as a role may know it, and what was withheld from it (``hidden``: where → field names)."""

    world: WorldState
    hidden: dict[str, list[str]] = field(default_factory=dict)


def view_for(world: WorldState, role: Role, *, scenario: Scenario) -> WorldView:
    """The world as ``role`` may know it: the one filter every outbound channel goes through."""
    out, hidden = world_for(scenario, world, role.viewer())
    return WorldView(out, dict(hidden.fields) if isinstance(hidden, Hidden) else {})


# ------------------------------------------------------------------------------------------ events
def _event_dict(ev: Any) -> dict[str, Any]:
    if isinstance(ev, Mapping):
        return dict(ev)
    return encode(ev)


def _force_owner(scenario: Scenario, fid: str) -> str | None:
    try:
        return scenario.force(fid).owner
    except KeyError:
        return None


def event_visible(ev: Mapping[str, Any], role: Role, *, scenario: Scenario, seen_forces: Iterable[str] = ()) -> bool:
    """Whether ``role`` may see the event ``ev`` (an encoded event); ``seen_forces``: the foreign forces the role
    detects at the event's turn."""
    if role.white:
        return True
    try:
        kind = EventKind(str(ev.get("kind")))
    except ValueError:
        return False  # a kind not named here: the white cell's only
    data = ev.get("data") or {}
    subject = str(ev.get("subject", ""))
    state = str(data.get("state", "")) if isinstance(data, Mapping) else ""
    private = role.private
    if kind in WHITE_EVENTS:
        return False
    if kind in PUBLIC_EVENTS:
        return True
    if kind in STATE_EVENTS:
        return (state or subject) in private
    if kind in FORCE_EVENTS:
        owner = _force_owner(scenario, subject) or state
        if owner in private:
            return True
        return kind is EventKind.ARRIVE and subject in set(seen_forces)
    if kind in PAIR_EVENTS:
        pair = {str(data.get("grantor", "")), str(data.get("beneficiary", ""))} if isinstance(data, Mapping) else set()
        return bool(pair & private)
    if kind in NUCLEAR_EVENTS:
        white = isinstance(data, Mapping) and bool(data.get("white_cell"))
        return not white or (state or subject) in private
    if kind is EventKind.DECISION:
        if (state or subject) in private:
            return True
        # Statements, declines and restraint are public acts; orders to forces are not.
        return isinstance(data, Mapping) and not data.get("force") and not data.get("forces")
    return False


def _public_event(ev: dict[str, Any]) -> dict[str, Any]:
    """An event as a seat gets it: no random draws (seeds and draws are the white cell's)."""
    out = dict(ev)
    out.pop("draws", None)
    if isinstance(out.get("data"), Mapping):
        out["data"] = {k: v for k, v in out["data"].items() if k not in ("memory", "seat", "command")}
    return out


def events_for(
    events: Iterable[Any], role: Role, *, scenario: Scenario, seen_forces: Iterable[str] = ()
) -> list[dict[str, Any]]:
    """The events ``role`` may see (encoded dicts; a seat's without draws)."""
    seen = set(seen_forces)
    out = []
    for ev in events:
        d = _event_dict(ev)
        if event_visible(d, role, scenario=scenario, seen_forces=seen):
            out.append(d if role.white else _public_event(d))
    return out


def commands_for(commands: Iterable[Any], role: Role) -> list[dict[str, Any]]:
    """Recorded commands ``role`` may see: every one for the white cell, a seat's own only (its decisions stay
    private after they resolve), none for observers."""
    out = []
    for c in commands:
        d = {
            "id": c.id,
            "turn": c.turn,
            "seat": c.seat,
            "kind": c.kind,
            "payload": dict(c.payload),
            "cancelled": c.cancelled,
            "description": c.description,
        }
        if role.white or (role.kind == "seat" and c.seat == role.name):
            out.append(d)
    return out


def summary_for(summary: Any, visible: Iterable[Mapping[str, Any]], role: Role) -> dict[str, Any]:
    """A turn's summary for ``role``: its headlines only where they come from events the role sees; no state hash
    for a seat (it identifies the whole hidden state)."""
    d = encode(summary) if not isinstance(summary, Mapping) else dict(summary)
    if role.white:
        return d
    seen = {str(e.get("summary", "")) for e in visible}
    counts: dict[str, int] = {}
    for e in visible:
        counts[str(e.get("kind"))] = counts.get(str(e.get("kind")), 0) + 1
    return {
        "turn": d.get("turn"),
        "date": d.get("date"),
        "counts": counts,
        "headlines": [h for h in d.get("headlines", []) if h in seen],
        "ended": d.get("ended", False),
        "end_reason": d.get("end_reason", ""),
    }


def meta_for(game: Game, role: Role) -> dict[str, Any]:
    """The game's description for ``role``: the white cell's in full (seed and settings), a seat's without them."""
    m = game.meta
    d = {name: getattr(m, name) for name in PUBLIC_META}
    d["start_date"] = game.scenario.start_date.isoformat()
    d["turn_length_days"] = game.scenario.turn_length_days
    if role.white:
        d["seed"] = m.seed
        d["variant"] = {k: v for k, v in m.variant.items() if k != "exercise"}
    return d


def bookmarks_for(game: Game, role: Role) -> list[dict[str, Any]]:
    """Bookmarks for ``role``: the white cell's notes-bearing manual bookmarks are its own; a seat gets the turns
    of the attacks and collective outcomes it saw."""
    if role.white:
        return [{"turn": b.turn, "label": b.label, "kind": b.kind} for b in game.manual_bookmarks()]
    out = []
    for e in events_for(game.events(kinds=["attack", "collective"]), role, scenario=game.scenario):
        out.append({"turn": e["turn"], "label": e["summary"], "kind": e["kind"]})
    return out


def error_for(role: Role, message: str) -> str:
    """An error as ``role`` gets it: one line, shortened (a refusal never echoes what another seat did)."""
    line = " ".join(str(message).split())
    return line if role.white else cut(line, 300)


# ------------------------------------------------------------------------------------------ a whole turn
def names_for(scenario: Scenario, view: WorldState, role: Role) -> dict[str, dict[str, str]]:
    """Words instead of ids for what the role sees: states, places, and the forces in its view."""
    forces = {fid: scenario.force(fid).name for fid in view.forces if _force_owner(scenario, fid) is not None}
    owners = {fid: scenario.force(fid).owner for fid in forces}
    return {
        "states": {sid: st.name for sid, st in scenario.states.items()},
        "locations": {lid: loc.name for lid, loc in scenario.locations.items()},
        "forces": forces,
        "force_owners": owners,
    }


_LAYERS: dict[tuple[int, int], tuple[WorldState, Any]] = {}


def _layer(scenario: Scenario, world: WorldState) -> Any:
    """The alliance colours and states' hover texts of ``world`` (kept for the last few worlds: every role's map of
    a turn shares them, a foreign state's budget line then withheld)."""
    from . import mapmodes

    key = (id(scenario), id(world))
    hit = _LAYERS.get(key)
    if hit is not None and hit[0] is world:
        return hit[1]
    lay = mapmodes.layer(scenario, world, "Alliances")
    if len(_LAYERS) >= 8:
        _LAYERS.clear()
    _LAYERS[key] = (world, lay)
    return lay


def _foreign_line(line: str) -> str:
    """A line of a foreign state's hover text as a seat reads it: its budget and its forces' count withheld."""
    if line.startswith("Operations budget"):
        return "Operations budget: not known to this seat"
    if line.startswith("Forces "):
        return "Forces: those detected are on the map"
    return line


def picture_for(scenario: Scenario, view: WorldState, role: Role, *, white: WorldState | None = None) -> dict[str, Any]:
    """The map of ``view`` (already filtered for ``role``) as plain data: alliance colours, the places, the attacks
    and the forces the role sees; a foreign state's hover text without its budget. ``white``: the unfiltered world of
    the same turn, if at hand (its colours and hover texts are computed once for every role)."""
    from . import mapmodes

    lay = _layer(scenario, view if white is None else white)
    tips = dict(lay.tooltips)
    if not role.white:
        for sid, text in tips.items():
            if sid not in role.private:
                tips[sid] = "\n".join(_foreign_line(line) for line in text.split("\n"))
    viewpoint = () if role.white else tuple(sorted(role.states))  # a seat's own side; else the facilitator's sides
    pic = mapmodes.picture(scenario, view, "Alliances", viewpoint=viewpoint, colours=lay)
    pic = dataclasses.replace(pic, tooltips=tips)
    return dataclasses.asdict(pic)  # the same picture the main window draws (symbols, stripes, routes, key), as data


def picture_from(d: Mapping[str, Any]) -> Any:
    """A :class:`~wargame.app.mapmodel.MapPicture` from :func:`picture_for`'s data (checked by its constructors;
    ``ValueError`` for anything else)."""
    from .mapmodel import Arrow, LegendEntry, MapPicture, Marker

    def pair(v: Any) -> tuple[float, float]:
        a, b = v
        return (float(a), float(b))

    try:
        return MapPicture(
            fills=dict(d.get("fills", {})),
            patterns=dict(d.get("patterns", {})),
            tooltips=dict(d.get("tooltips", {})),
            markers=tuple(Marker(**{**m, "offset": pair(m.get("offset", (0, 0)))}) for m in d.get("markers", ())),
            arrows=tuple(
                Arrow(
                    **{**a, "from_": pair(a["from_"]), "to": pair(a["to"]), "via": tuple(map(pair, a.get("via", ())))}
                )
                for a in d.get("arrows", ())
            ),
            legend=tuple(LegendEntry(**{**e, "where": tuple(e.get("where", ()))}) for e in d.get("legend", ())),
            legend_title=str(d.get("legend_title", "")),
            view=tuple(float(x) for x in d.get("view", (-60.0, 80.0, -180.0, 180.0))),  # type: ignore[arg-type]
            stripes=dict(d.get("stripes", {})),
            part_fills=tuple((str(c), float(a), float(b), str(k)) for c, a, b, k in d.get("part_fills", ())),
            focus=tuple(str(x) for x in d.get("focus", ())),
        )
    except (TypeError, KeyError, ValueError) as exc:
        raise ValueError(f"the server sent a map that cannot be drawn: {exc}") from exc


def load_turn(game: Game, turn: int) -> tuple[WorldState, list[Any], Any]:
    """The white cell's world, events and summary of ``turn``, read once (for the views of several roles)."""
    with game.reading():
        world = game.world if turn == game.last_turn else game.world_at(turn)  # the last: in memory already
        return world, game.events(turn), game.summaries().get(turn)


def turn_view(
    game: Game,
    role: Role,
    turn: int | None = None,
    *,
    picture: bool = True,
    loaded: tuple[WorldState, list[Any], Any] | None = None,
) -> dict[str, Any]:
    """Everything ``role`` may know at ``turn`` (default: the last): the filtered world, that turn's events and
    summary, the map, names. The one form of snapshots, per-turn changes, replays and the initial state (turn 0).
    ``loaded``: :func:`load_turn`'s result for that turn, if the caller has it."""
    t = game.last_turn if turn is None else game.check_turn(turn)
    world, events, summary = loaded if loaded is not None else load_turn(game, t)
    wv = view_for(world, role, scenario=game.scenario)
    private = role.private
    seen = [fid for fid in wv.world.forces if _force_owner(game.scenario, fid) not in private]
    visible = events_for(events, role, scenario=game.scenario, seen_forces=seen)
    out: dict[str, Any] = {
        "turn": t,
        "date": game.date_of(t).isoformat(),
        "role": role.to_dict(),
        "world": encode(wv.world),
        "hidden": wv.hidden,
        "events": visible,
        "summary": summary_for(summary, visible, role) if summary is not None else {},
        "names": names_for(game.scenario, wv.world, role),
    }
    if picture:
        out["picture"] = picture_for(game.scenario, wv.world, role, white=world)
    return out


TurnViews = Callable[[int], Mapping[str, Any]]
"""``turn → turn_view(game, role, turn)`` for one role (a server passes its cache of the views it sent)."""


def _turns(game: Game, role: Role, views: TurnViews | None) -> TurnViews:
    if views is not None:
        return views
    return lambda t: turn_view(game, role, t, picture=False)


def export_for(game: Game, role: Role, views: TurnViews | None = None) -> dict[str, Any]:
    """A role's export of the whole game: the description and every turn as the role saw it (a seat's export is
    never a saved game: nothing in it can be "unfiltered"). ``views``: that role's turn views, if at hand."""
    view = _turns(game, role, views)
    return {
        "format": "wargame-view-export/1",
        "meta": meta_for(game, role),
        "role": role.to_dict(),
        "turns": [{k: v for k, v in view(t).items() if k != "picture"} for t in range(game.last_turn + 1)],
        "commands": commands_for(game.commands(), role),
    }


def report_for(game: Game, role: Role, views: TurnViews | None = None) -> list[str]:
    """A short after-action digest for ``role``: each turn's date and the headlines the role saw."""
    m = meta_for(game, role)
    view = _turns(game, role, views)
    lines = [f"{m['title']} — as seen by {role.label()}"]
    for t in range(1, game.last_turn + 1):
        v = view(t)
        heads = v["summary"].get("headlines", [])
        lines.append(f"Turn {t} ({v['date']}): " + ("; ".join(heads) if heads else "nothing this seat saw"))
    return lines
