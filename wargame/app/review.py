"""Review read models for a saved game: bookmarks, "what changed this turn", provenance, compare.

Everything here reads the saved game through :class:`wargame.app.Game` and its read models
(:mod:`wargame.app.models`); it imports no Qt and no ORM. The GUI's review mode and the after-action
report are built on these functions, so what they show cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.engine import (
    AttackSpec,
    EventKind,
    ForceState,
    Verdict,
    VerdictCode,
    VerdictKey,
    WorldState,
    decode,
    encode,
)

from . import AppError
from .models import Bookmark, CommandView

if TYPE_CHECKING:
    from . import Game

__all__ = [
    "BOOKMARK_KINDS",
    "METRICS",
    "Bookmark",
    "Comparison",
    "Provenance",
    "TurnDiff",
    "add_bookmark",
    "attack_locations",
    "auto_bookmarks",
    "bookmarks",
    "compare",
    "diff_turn",
    "diff_worlds",
    "find_event",
    "force_text",
    "provenance",
    "remove_bookmark",
    "series",
    "series_differ",
]

BOOKMARK_KINDS: tuple[str, ...] = ("inject", "first_verdict", "invocation", "arrival", "control", "end", "manual")
"""Kinds of :class:`Bookmark`, in the order a legend lists them."""

METRICS: tuple[str, ...] = ("support", "budget_musd", "forces_in_theatre")
"""Series :func:`series` and :func:`compare` know."""

_EPS = 1e-9


# ------------------------------------------------------------------------------------------
# Bookmarks
# ------------------------------------------------------------------------------------------


_SORT = {k: i for i, k in enumerate(BOOKMARK_KINDS)}


def auto_bookmarks(game: Game) -> list[Bookmark]:
    """Bookmarks from the events: every attack, the first TRIGGERED/CONSULT verdict per article and attack,
    every collective INVOKED/BLOCKED, the first arrival of each force, every change of control, the end."""
    kinds = [
        EventKind.ATTACK,
        EventKind.VERDICT,
        EventKind.COLLECTIVE,
        EventKind.ARRIVE,
        EventKind.CONTROL,
        EventKind.END,
    ]
    out: list[Bookmark] = []
    first_verdict: set[str] = set()
    arrived: set[str] = set()
    for rec in game.event_rows(kinds=[k.value for k in kinds]):
        p = rec.payload
        kind, summary, data = rec.kind, str(p.get("summary", rec.subject)), p.get("data", {}) or {}
        if kind == EventKind.ATTACK.value:
            out.append(Bookmark(rec.turn, "inject", summary, rec.seq))
        elif kind == EventKind.VERDICT.value:
            code = decode(Verdict, data["verdict"]).code if data.get("verdict") else None
            if code in (VerdictCode.TRIGGERED, VerdictCode.CONSULT) and rec.subject not in first_verdict:
                first_verdict.add(rec.subject)
                out.append(Bookmark(rec.turn, "first_verdict", summary, rec.seq))
        elif kind == EventKind.COLLECTIVE.value:
            if data.get("outcome") in ("INVOKED", "BLOCKED"):
                out.append(Bookmark(rec.turn, "invocation", summary, rec.seq))
        elif kind == EventKind.ARRIVE.value:
            if rec.subject not in arrived:
                arrived.add(rec.subject)
                out.append(Bookmark(rec.turn, "arrival", summary, rec.seq))
        elif kind == EventKind.CONTROL.value:
            out.append(Bookmark(rec.turn, "control", summary, rec.seq))
        elif kind == EventKind.END.value:
            out.append(Bookmark(rec.turn, "end", summary, rec.seq))
    return out


def bookmarks(game: Game) -> list[Bookmark]:
    """Automatic and manual bookmarks, ordered by turn, then event order (manual ones last in their turn)."""
    allb = auto_bookmarks(game) + game.manual_bookmarks()
    return sorted(
        allb,
        key=lambda b: (b.turn, b.event_seq if b.event_seq is not None else 1 << 30, b.id or 0, _SORT.get(b.kind, 99)),
    )


def add_bookmark(game: Game, turn: int, note: str) -> Bookmark:
    """Store a bookmark set by hand at a committed ``turn`` (the game must be open for writing)."""
    return game.add_bookmark(turn, " ".join(str(note).split()))


def remove_bookmark(game: Game, bookmark_id: int) -> None:
    """Delete a bookmark set by hand."""
    game.remove_bookmark(bookmark_id)


# ------------------------------------------------------------------------------------------
# What changed this turn
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TurnDiff:
    """What changed from the end of ``turn - 1`` to the end of ``turn``.

    Each list holds (key, before, after): control (location, holder before, after), forces (force,
    status/location text before, after), opinion (state, support before, after), budget (state,
    US$ m before, after), verdicts (``TREATY:ARTICLE:ATTACK``, code before, after; None = no verdict).
    """

    turn: int
    control: list[tuple[str, str | None, str | None]]
    forces: list[tuple[str, str, str]]
    opinion: list[tuple[str, float, float]]
    budget: list[tuple[str, float, float]]
    verdicts: list[tuple[str, str | None, str | None]]

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (self.control or self.forces or self.opinion or self.budget or self.verdicts)


def force_text(fs: ForceState | None) -> str:
    """A force's status and place in a few words, e.g. ``in_transit LVA → EST-NAR (turn 7), 92%``."""
    if fs is None:
        return "—"
    text = f"{fs.status.value} at {fs.location}"
    if fs.destination and fs.destination != fs.location:
        text += f" → {fs.destination}" + (f" (turn {fs.arrive_turn})" if fs.arrive_turn is not None else "")
    if fs.strength < 1.0 - _EPS:
        text += f", {fs.strength:.0%}"
    return text


def diff_worlds(before: WorldState, after: WorldState) -> TurnDiff:
    """The differences between two worlds (``after.turn`` names the diff)."""
    control = [
        (loc, before.control.get(loc), after.control.get(loc))
        for loc in sorted(set(before.control) | set(after.control))
        if before.control.get(loc) != after.control.get(loc)
    ]
    forces: list[tuple[str, str, str]] = []
    for fid in sorted(set(before.forces) | set(after.forces)):
        a, b = force_text(before.forces.get(fid)), force_text(after.forces.get(fid))
        if a != b:
            forces.append((fid, a, b))
    opinion: list[tuple[str, float, float]] = []
    budget: list[tuple[str, float, float]] = []
    for sid in sorted(set(before.nations) & set(after.nations)):
        nb, na = before.nations[sid], after.nations[sid]
        if abs(nb.support - na.support) > _EPS:
            opinion.append((sid, nb.support, na.support))
        if abs(nb.budget_musd - na.budget_musd) > _EPS:
            budget.append((sid, nb.budget_musd, na.budget_musd))
    verdicts = []
    for key in sorted(set(before.verdicts) | set(after.verdicts)):
        cb, ca = _code(before, key), _code(after, key)
        if cb != ca:
            verdicts.append((str(key), cb, ca))
    return TurnDiff(after.turn, control, forces, opinion, budget, verdicts)


def _code(world: WorldState, key: VerdictKey) -> str | None:
    """The verdict code of ``key`` in ``world`` (None = no verdict)."""
    v = world.verdicts.get(key)
    return v.code.value if v is not None else None


def _verdict_key(text: str) -> VerdictKey | None:
    try:
        return VerdictKey.parse(text)
    except ValueError:
        return None


def diff_turn(game: Game, turn: int) -> TurnDiff:
    """What changed during ``turn``: ``world_at(turn - 1)`` against ``world_at(turn)`` (turn 0: nothing)."""
    game.check_turn(turn)
    after = game.world_at(turn)
    before = game.world_at(turn - 1) if turn > 0 else after
    return diff_worlds(before, after)


# ------------------------------------------------------------------------------------------
# Provenance
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provenance:
    """The record behind one outcome, built from the same stored event that reports the outcome.

    ``event`` is the stored event (turn, seq, kind, subject, summary, reasons, draws, data);
    ``inputs`` the facts it used (its data, the facts of each reason, and the attack it concerns as
    stored at that turn); ``rule`` its reasons (gates or terms, each with ``passed`` and a
    ``citation`` where the engine gave one); ``draws`` its random draws; ``commands`` the recorded
    commands that led to it; ``overrides`` facilitator overrides of it, each with its rationale.
    """

    event: dict[str, Any]
    inputs: dict[str, Any]
    rule: list[dict[str, Any]]
    draws: list[dict[str, Any]]
    commands: list[dict[str, Any]]
    overrides: list[dict[str, Any]] = field(default_factory=list)


def find_event(game: Game, turn: int, seq: int) -> dict[str, Any]:
    """The stored event ``seq`` of ``turn`` (its full payload); :class:`AppError` if there is none."""
    game.check_turn(turn)
    for rec in game.event_rows(turn):
        if rec.seq == seq:
            return dict(rec.payload)
    raise AppError(f"turn {turn} has no event {seq}")


def _names(event: dict[str, Any]) -> tuple[set[str], set[str], set[str]]:
    """(attack ids, state ids, force ids) an event is about."""
    data = event.get("data", {}) or {}
    kind, subject = event.get("kind"), str(event.get("subject", ""))
    attacks: set[str] = set()
    states: set[str] = set()
    forces: set[str] = set()
    if kind in (
        EventKind.ATTACK.value,
        EventKind.REQUEST.value,
        EventKind.CONSULT_REQUEST.value,
        EventKind.ATTRIBUTION.value,
        EventKind.GRAVITY.value,
    ):
        attacks.add(subject)
    if kind in (EventKind.VERDICT.value, EventKind.COLLECTIVE.value) and (key := _verdict_key(subject)):
        attacks.add(key.attack)
    if kind in (EventKind.MOBILISE.value, EventKind.READY.value, EventKind.DEPART.value, EventKind.ARRIVE.value):
        forces.add(subject)
    if kind in (
        EventKind.DECISION.value,
        EventKind.STANCE.value,
        EventKind.APPROVAL.value,
        EventKind.OPINION.value,
        EventKind.BUDGET.value,
    ):
        states.add(subject)
    for key, bucket in (("attack", attacks), ("state", states), ("force", forces)):
        v = data.get(key)
        if isinstance(v, str) and v:
            bucket.add(v)
    if isinstance(data.get("key"), str) and (key := _verdict_key(data["key"])):
        attacks.add(key.attack)
    if isinstance(data.get("attack"), dict) and data["attack"].get("id"):
        attacks.add(str(data["attack"]["id"]))
    for v in data.get("forces", []) if isinstance(data.get("forces"), list) else []:
        forces.add(str(v))
    return attacks, states, forces


def _cmd_dict(rec: CommandView, why: str) -> dict[str, Any]:
    return {
        "id": rec.id,
        "turn": rec.turn,
        "seq": rec.seq,
        "seat": rec.seat,
        "kind": rec.kind,
        "payload": dict(rec.payload),
        "why": why,
    }


def _inject_command(game: Game, attack_id: str, world: WorldState | None) -> CommandView | None:
    """The recorded inject command that created an attack (None for a scheduled MSEL inject)."""
    att = world.attacks.get(attack_id) if world is not None else None
    if att is None:
        return None
    spec = encode(att.spec)
    for rec in game.commands(att.turn):
        if rec.kind == "inject" and _same_spec(rec.payload, spec):
            return rec
    return None


def _same_spec(payload: dict[str, Any], spec: dict[str, Any]) -> bool:
    try:
        return encode(decode(AttackSpec, payload)) == spec
    except (KeyError, ValueError, TypeError):
        return False


def provenance(game: Game, turn: int, seq: int) -> Provenance:
    """The provenance record of event ``seq`` of ``turn`` (built from that one stored event)."""
    event = find_event(game, turn, seq)
    data = dict(event.get("data", {}) or {})
    reasons = [dict(r) for r in event.get("reasons", [])]
    attacks, states, forces = _names(event)
    world = game.world_at(turn)
    inputs: dict[str, Any] = {"data": data}
    facts = {r["label"]: r["facts"] for r in reasons if r.get("facts")}
    if facts:
        inputs["facts"] = facts
    known = {a: encode(world.attacks[a]) for a in sorted(attacks) if a in world.attacks}
    if known:
        inputs["attacks"] = known

    commands: list[dict[str, Any]] = []
    seen: set[int] = set()

    def add(rec: CommandView | None, why: str) -> None:
        if rec is not None and rec.id not in seen:
            seen.add(rec.id)
            commands.append(_cmd_dict(rec, why))

    for aid in sorted(attacks):
        add(_inject_command(game, aid, world), f"the inject that created {aid}")
    for rec in game.commands(turn):
        p = rec.payload
        if rec.kind == "decide":
            hit = [
                n
                for n, bucket in (("attack", attacks), ("state", states), ("force", forces))
                if isinstance(p.get(n), str) and p.get(n) in bucket
            ]
            if hit:
                add(rec, "same turn; names the same " + " and ".join(hit))
    if forces:
        for rec in game.commands():
            if rec.turn < turn and rec.kind == "decide" and rec.payload.get("force") in forces:
                add(rec, f"earlier order for {rec.payload.get('force')}")
    commands.sort(key=lambda c: (c["turn"], c["seq"]))

    overrides = []
    for rec in game.commands(turn):
        if rec.kind != "override":
            continue
        p = rec.payload
        if (
            p.get("seq") == seq
            or p.get("event_seq") == seq
            or p.get("subject") == event.get("subject")
            or p.get("key") == event.get("subject")
        ):
            overrides.append({**_cmd_dict(rec, "facilitator override"), "rationale": str(p.get("rationale", ""))})
    return Provenance(event, inputs, reasons, [dict(d) for d in event.get("draws", [])], commands, overrides)


# ------------------------------------------------------------------------------------------
# Series and compare
# ------------------------------------------------------------------------------------------


def attack_locations(game: Game) -> list[tuple[int, str]]:
    """(turn, location) of every attack, in the order they entered the world."""
    out = []
    for rec in game.event_rows(kinds=[EventKind.ATTACK.value]):
        att = (rec.payload.get("data", {}) or {}).get("attack") or {}
        loc = (att.get("spec") or {}).get("location")
        if loc:
            out.append((rec.turn, str(loc)))
    return out


def series(game: Game, metric: str, state: str) -> list[tuple[int, float]]:
    """One state's ``metric`` at every turn: ``support``, ``budget_musd`` or ``forces_in_theatre``
    (how many of the state's forces are deployed at the location of an attack made by then)."""
    if metric not in METRICS:
        raise AppError(f"unknown series {metric!r} (one of {', '.join(METRICS)})")
    if state not in game.scenario.states:
        raise AppError(f"unknown state {state!r}")
    if metric != "forces_in_theatre":
        return [(t, float(v)) for t, v in game.series("nation", state, metric) if v is not None]
    theatre = attack_locations(game)
    turns = range(0, game.last_turn + 1)
    counts = {t: 0 for t in turns}
    for fd in game.scenario.forces_by_owner.get(state, ()):
        status = dict(game.series("force", fd.id, "status"))
        where = dict(game.series("force", fd.id, "location"))
        for t in turns:
            if status.get(t) == "deployed" and any(at <= t and loc == where.get(t) for at, loc in theatre):
                counts[t] += 1
    return [(t, float(c)) for t, c in counts.items()]


@dataclass(frozen=True)
class Comparison:
    """Two games of one scenario side by side.

    ``branch_turn`` is the last turn they share (the branch point), ``at_turn`` the turn the verdict
    and control differences are taken at (the last turn both have), ``first_divergence`` the first
    turn whose state hashes differ (None if none do). ``series`` maps a metric to
    ``{"<game>:<state>": [(turn, value), …]}``.
    """

    a: str
    b: str
    branch_turn: int | None
    verdict_diffs: list[tuple[str, str | None, str | None]]
    control_diffs: list[tuple[str, str | None, str | None]]
    series: dict[str, dict[str, list[tuple[int, float]]]]
    at_turn: int = 0
    first_divergence: int | None = None
    states: tuple[str, ...] = ()


def _labels(game_a: Game, game_b: Game) -> tuple[str, str]:
    a, b = game_a.path.stem, game_b.path.stem
    if a == b:
        a, b = f"A-{a}", f"B-{b}"
    return a, b


def _is_branch_of(child: Game, parent: Game) -> bool:
    p = child.meta.parent_path
    return bool(p) and child.meta.parent_turn is not None and Path(p).resolve() == parent.path.resolve()


def _default_states(game_a: Game, game_b: Game, wa: WorldState, wb: WorldState, limit: int = 4) -> list[str]:
    """Victims of attacks first, then the states whose support differs most at the end."""
    picked: list[str] = []
    for w in (wa, wb):
        for att in sorted(w.attacks.values(), key=lambda x: (x.turn, x.id)):
            v = att.spec.victim
            if v in game_a.scenario.states and v not in picked:
                picked.append(v)
    gaps = sorted(
        ((abs(wa.nations[s].support - wb.nations[s].support), s) for s in set(wa.nations) & set(wb.nations)),
        key=lambda x: (-x[0], x[1]),
    )
    for gap, s in gaps:
        if gap > _EPS and s not in picked:
            picked.append(s)
    return picked[: max(limit, 1)] if picked else sorted(wa.nations)[:1]


def compare(
    game_a: Game, game_b: Game, *, states: Iterable[str] | None = None, at_turn: int | None = None
) -> Comparison:
    """Compare two games of the same scenario (refused with :class:`AppError` otherwise)."""
    if game_a.meta.scenario_hash != game_b.meta.scenario_hash:
        raise AppError(
            f"cannot compare games of different scenarios ({game_a.meta.scenario_id} "
            f"{game_a.meta.scenario_hash[:8]} vs {game_b.meta.scenario_id} {game_b.meta.scenario_hash[:8]})"
        )
    ha, hb = game_a.hashes(), game_b.hashes()
    common = min(game_a.last_turn, game_b.last_turn)
    first_div = next((t for t in range(common + 1) if ha.get(t) != hb.get(t)), None)
    if _is_branch_of(game_b, game_a):
        branch = game_b.meta.parent_turn
    elif _is_branch_of(game_a, game_b):
        branch = game_a.meta.parent_turn
    else:
        shared = common if first_div is None else first_div - 1
        branch = shared if shared >= 0 else None
    at = common if at_turn is None else at_turn
    if not 0 <= at <= common:
        raise AppError(f"turn {at} is not in both games (they share turns 0 to {common})")
    wa, wb = game_a.world_at(at), game_b.world_at(at)
    verdict_diffs = []
    for key in sorted(set(wa.verdicts) | set(wb.verdicts)):
        ca, cb = _code(wa, key), _code(wb, key)
        if ca != cb:
            verdict_diffs.append((str(key), ca, cb))
    control_diffs = [
        (loc, wa.control.get(loc), wb.control.get(loc))
        for loc in sorted(set(wa.control) | set(wb.control))
        if wa.control.get(loc) != wb.control.get(loc)
    ]
    if states is None:
        chosen = _default_states(game_a, game_b, game_a.world_at(game_a.last_turn), game_b.world_at(game_b.last_turn))
    else:
        chosen = list(dict.fromkeys(states))
        unknown = [s for s in chosen if s not in game_a.scenario.states]
        if unknown:
            raise AppError(f"unknown state(s): {', '.join(unknown)}")
    la, lb = _labels(game_a, game_b)
    out: dict[str, dict[str, list[tuple[int, float]]]] = {}
    for metric in METRICS:
        out[metric] = {}
        for s in chosen:
            out[metric][f"{la}:{s}"] = series(game_a, metric, s)
            out[metric][f"{lb}:{s}"] = series(game_b, metric, s)
    return Comparison(la, lb, branch, verdict_diffs, control_diffs, out, at, first_div, tuple(chosen))


def series_differ(cmp: Comparison, after: int | None = None) -> dict[str, list[int]]:
    """Per ``metric:state``, the turns (after ``after``, if given) where the two games' values differ."""
    out: dict[str, list[int]] = {}
    for metric, lines in cmp.series.items():
        for s in cmp.states:
            a = dict(lines.get(f"{cmp.a}:{s}", []))
            b = dict(lines.get(f"{cmp.b}:{s}", []))
            turns = [
                t
                for t in sorted(set(a) & set(b))
                if (after is None or t > after) and not math.isclose(a[t], b[t], abs_tol=1e-9)
            ]
            if turns:
                out[f"{metric}:{s}"] = turns
    return out
