"""The hotwash: what went well and what did not, the improvement plan, and the participants' feedback.

After a tabletop exercise the facilitator runs a hotwash (HSEEP practice): observations for each team or
state (a strength or an area for improvement, linked to the turn or event it is about, with the core
capability it concerns), an improvement plan (issue, corrective action, owner, due date), and a short
feedback form per participant (ratings 1-5 and their top three strengths and improvements), typed in or
imported from the CSV a survey tool exports. Everything is stored in the saved game (schema
``0005_hotwash``), shown in review mode, and printed in the after-action report.

Every value is checked here and refused with a one-line message; an import is checked whole and
stored in one transaction, so a bad file imports nothing.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.engine.names import suggest
from wargame.scenario.safeio import FileRefused, read_limited

from . import AppError

if TYPE_CHECKING:  # pragma: no cover
    from . import Game

__all__ = [
    "CAPABILITIES",
    "FEEDBACK_COLUMNS",
    "KINDS",
    "LIMITS",
    "QUESTIONS",
    "Feedback",
    "FeedbackImportError",
    "Hotwash",
    "HotwashProblem",
    "Observation",
    "PlanItem",
    "RatingSummary",
    "add_feedback",
    "add_observation",
    "add_plan_item",
    "as_json",
    "check_feedback_csv",
    "hotwash",
    "import_feedback",
    "remove",
    "team_label",
    "update_observation",
    "update_plan_item",
]

KINDS: tuple[str, ...] = ("strength", "improvement")
"""An observation is a strength or an area for improvement."""

_KIND_WORDS = {
    "strength": "strength",
    "s": "strength",
    "+": "strength",
    "improvement": "improvement",
    "area for improvement": "improvement",
    "afi": "improvement",
    "i": "improvement",
    "-": "improvement",
}

CAPABILITIES: tuple[str, ...] = (
    "Planning",
    "Operational coordination",
    "Intelligence and information sharing",
    "Situational assessment",
    "Public information and warning",
    "Logistics and supply chain management",
    "Cybersecurity",
    "Alliance consultation and decision-making",
    "Legal basis and treaty interpretation",
    "Force mobilisation and deployment",
    "Strategic communication",
)
"""Core capabilities offered for observations and plan items. The first seven are core capabilities of
FEMA's National Preparedness Goal (2nd ed., 2015), which HSEEP evaluates against; the last four adapt the
idea to collective defence (assumption). Any other text up to ``LIMITS["capability"]`` characters is
accepted too."""

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("organisation", "The exercise was well organised and structured"),
    ("realism", "The scenario was plausible and realistic"),
    ("facilitation", "The facilitation kept the discussion focused"),
    ("relevance", "The exercise was relevant to my role"),
    ("preparedness", "I am better prepared to act in a real crisis"),
    ("tool", "The wargame's map, verdicts and timeline helped the discussion"),
)
"""The feedback form's statements, each rated 1 (strongly disagree) to 5 (strongly agree); after the
HSEEP participant feedback form (assumption: the wording is ours)."""

LIMITS: dict[str, int] = {
    "team": 60,
    "text": 1000,
    "capability": 80,
    "issue": 500,
    "action": 1000,
    "owner": 80,
    "participant": 80,
    "item": 300,
    "comment": 2000,
    "rows": 500,
    "file_bytes": 1_000_000,
}
"""Longest accepted texts (characters), most rows and largest file a survey import takes."""

_IGNORED_COLUMNS = frozenset(
    {
        "timestamp",
        "email",
        "email address",
        "respondent id",
        "response id",
        "submitted",
        "submitted at",
        "start time",
        "completion time",
        "id",
    }
)
FEEDBACK_COLUMNS: tuple[str, ...] = (
    "participant",
    "team",
    *(key for key, _ in QUESTIONS),
    "strength 1",
    "strength 2",
    "strength 3",
    "improvement 1",
    "improvement 2",
    "improvement 3",
    "comment",
)
"""The survey CSV's columns (header names case-insensitive; a rating column may also carry the
statement's full text; ``comments`` is ``comment``). Survey bookkeeping columns (timestamp, email,
response id …) are ignored; any other column is a problem."""


# ------------------------------------------------------------------------------------------
# Read models
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Observation:
    """A strength or area for improvement of one team or state (``team``: a state id or a team's name)."""

    id: int
    team: str
    kind: str
    text: str
    capability: str = ""
    turn: int | None = None
    event_seq: int | None = None


@dataclass(frozen=True)
class PlanItem:
    """A row of the improvement plan."""

    id: int
    issue: str
    action: str
    owner: str
    due: dt.date
    capability: str = ""
    observation_id: int | None = None


@dataclass(frozen=True)
class Feedback:
    """One participant's form: ``ratings`` maps a :data:`QUESTIONS` key to 1..5 (unanswered ones absent)."""

    id: int
    participant: str
    team: str
    ratings: dict[str, int]
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    comment: str = ""
    source: str = "entered"


@dataclass(frozen=True)
class RatingSummary:
    """One statement's answers: how many, their mean, and how many gave each rating 1..5."""

    key: str
    statement: str
    answers: int
    mean: float | None
    counts: tuple[int, int, int, int, int]


@dataclass(frozen=True)
class Hotwash:
    """Everything recorded at the hotwash."""

    observations: list[Observation] = field(default_factory=list)
    plan: list[PlanItem] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.observations or self.plan or self.feedback)

    def ratings(self) -> list[RatingSummary]:
        """Per statement of the form, the answers given."""
        out = []
        for key, statement in QUESTIONS:
            values = [f.ratings[key] for f in self.feedback if key in f.ratings]
            counts = tuple(values.count(v) for v in range(1, 6))
            mean = sum(values) / len(values) if values else None
            out.append(RatingSummary(key, statement, len(values), mean, counts))  # type: ignore[arg-type]
        return out

    def top(self, what: str, limit: int = 5) -> list[tuple[str, int]]:
        """The strengths (``what='strengths'``) or improvements participants named most, with how many named each
        (texts compared without case and spacing)."""
        seen: dict[str, tuple[str, int]] = {}
        for f in self.feedback:
            for item in getattr(f, what):
                key = " ".join(item.casefold().split())
                text, n = seen.get(key, (item, 0))
                seen[key] = (text, n + 1)
        return sorted(seen.values(), key=lambda tn: (-tn[1], tn[0].casefold()))[:limit]


def hotwash(game: Game) -> Hotwash:
    """The hotwash stored in ``game`` (empty for a game that has none)."""
    obs = [
        Observation(r["id"], r["team"], r["kind"], r["text"], r["capability"], r["turn"], r["event_seq"])
        for r in game.hotwash_items("observation")
    ]
    plan = [
        PlanItem(
            r["id"],
            r["issue"],
            r["action"],
            r["owner"],
            dt.date.fromisoformat(r["due"]),
            r["capability"],
            r["observation_id"],
        )
        for r in game.hotwash_items("action")
    ]
    fb = [
        Feedback(
            r["id"],
            r["participant"],
            r["team"],
            {str(k): int(v) for k, v in dict(r["ratings"]).items()},
            tuple(r["strengths"]),
            tuple(r["improvements"]),
            r["comment"],
            r["source"],
        )
        for r in game.hotwash_items("feedback")
    ]
    return Hotwash(obs, plan, fb)


def team_label(game: Game, team: str) -> str:
    """A state's name for a state id (``Estonia``), the team's name otherwise."""
    st = game.scenario.states.get(team)
    return st.name if st is not None else team


# ------------------------------------------------------------------------------------------
# Checks
# ------------------------------------------------------------------------------------------


def _clean(value: Any, what: str, limit: str, *, required: bool = True) -> str:
    """One line of text: control characters refused, whitespace collapsed, length bounded."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise AppError(f"{what} must be text, not {type(value).__name__}")
    text = " ".join(value.split())
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise AppError(f"{what} contains control characters")
    if required and not text:
        raise AppError(f"{what} is empty")
    if len(text) > LIMITS[limit]:
        raise AppError(f"{what} is {len(text)} characters long (at most {LIMITS[limit]})")
    return text


def _team(game: Game, value: Any) -> str:
    text = _clean(value, "the team or state", "team")
    states = game.scenario.states
    if text.upper() in states:
        return text.upper()
    by_name = {st.name.casefold(): sid for sid, st in states.items()}
    if text.casefold() in by_name:
        return by_name[text.casefold()]
    if re.fullmatch(r"[A-Z]{3}", text):  # looks like a state code but is none of the scenario's
        raise AppError(f"unknown state {text!r}{suggest(text, list(states))} (or give a team's name)")
    return text


def _kind(value: Any) -> str:
    text = " ".join(str(value or "").split()).casefold()
    if text not in _KIND_WORDS:
        raise AppError(f"an observation is a strength or an improvement, not {value!r}")
    return _KIND_WORDS[text]


def _capability(value: Any) -> str:
    text = _clean(value, "the core capability", "capability", required=False)
    known = {c.casefold(): c for c in CAPABILITIES}
    return known.get(text.casefold(), text)


def _turn_event(game: Game, turn: Any, event_seq: Any) -> tuple[int | None, int | None]:
    if turn is None or turn == "":
        if event_seq not in (None, ""):
            raise AppError("an event is named by its turn and number: give the turn too")
        return None, None
    t = _int(turn, "the turn")
    if not 0 <= t <= game.last_turn:
        raise AppError(f"turn {t} does not exist (this game has turns 0 to {game.last_turn})")
    if event_seq is None or event_seq == "":
        return t, None
    seq = _int(event_seq, "the event number")
    if not any(r.seq == seq for r in game.event_rows(t)):
        raise AppError(f"turn {t} has no event {seq}")
    return t, seq


def _int(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise AppError(f"{what} must be a whole number, not {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"[+-]?\d{1,9}(\.0+)?", text):
        return int(float(text))
    raise AppError(f"{what} must be a whole number, not {value!r}")


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        day = value
    else:
        text = str(value or "").strip()
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise AppError(f"the due date must be a date like 2027-03-31, not {text!r}") from None
    if not 2000 <= day.year <= 2100:
        raise AppError(f"the due date {day.isoformat()} is not between 2000 and 2100")
    return day


def _rating(value: Any, key: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        r = _int(value, f"the rating {key!r}")
    except AppError:
        raise AppError(f"the rating {key!r} must be a whole number from 1 to 5, not {value!r}") from None
    if not 1 <= r <= 5:
        raise AppError(f"the rating {key!r} must be from 1 to 5, not {r}")
    return r


def _items(values: Iterable[Any], what: str) -> tuple[str, ...]:
    out = [_clean(v, f"a {what}", "item", required=False) for v in values]
    out = [v for v in out if v]
    if len(out) > 3:
        raise AppError(f"at most three {what}s, not {len(out)}")
    return tuple(out)


def _feedback_values(
    game: Game,
    participant: Any,
    ratings: Mapping[str, Any],
    strengths: Sequence[Any],
    improvements: Sequence[Any],
    team: Any,
    comment: Any,
) -> dict[str, Any]:
    keys = [k for k, _ in QUESTIONS]
    unknown = [k for k in ratings if k not in keys]
    if unknown:
        raise AppError(f"unknown rating {unknown[0]!r} (the form rates: {', '.join(keys)})")
    rated = {k: r for k, v in ratings.items() if (r := _rating(v, k)) is not None}
    return {
        "participant": _clean(participant, "the participant", "participant"),
        "team": _team(game, team) if str(team or "").strip() else "",
        "ratings": rated,
        "strengths": list(_items(strengths, "strength")),
        "improvements": list(_items(improvements, "improvement")),
        "comment": _clean(comment, "the comment", "comment", required=False),
    }


# ------------------------------------------------------------------------------------------
# Use cases
# ------------------------------------------------------------------------------------------


def add_observation(
    game: Game,
    team: str,
    kind: str,
    text: str,
    capability: str = "",
    *,
    turn: int | None = None,
    event_seq: int | None = None,
) -> Observation:
    """Record a strength or area for improvement of ``team`` (a state id or name, or a team's name)."""
    t, seq = _turn_event(game, turn, event_seq)
    values = {
        "team": _team(game, team),
        "kind": _kind(kind),
        "text": _clean(text, "the observation", "text"),
        "capability": _capability(capability),
        "turn": t,
        "event_seq": seq,
    }
    (new_id,) = game.add_hotwash_items("observation", [values])
    return Observation(new_id, **values)


def update_observation(game: Game, observation_id: int, **changes: Any) -> Observation:
    """Change fields of an observation (team, kind, text, capability, turn, event_seq)."""
    old = _find(hotwash(game).observations, observation_id, "observation")
    merged = {
        "team": old.team,
        "kind": old.kind,
        "text": old.text,
        "capability": old.capability,
        "turn": old.turn,
        "event_seq": old.event_seq,
    }
    unknown = sorted(set(changes) - set(merged))
    if unknown:
        raise AppError(f"an observation has no field {unknown[0]!r}")
    merged.update(changes)
    t, seq = _turn_event(game, merged["turn"], merged["event_seq"])
    values = {
        "team": _team(game, merged["team"]),
        "kind": _kind(merged["kind"]),
        "text": _clean(merged["text"], "the observation", "text"),
        "capability": _capability(merged["capability"]),
        "turn": t,
        "event_seq": seq,
    }
    game.update_hotwash_item("observation", observation_id, values)
    return Observation(observation_id, **values)


def _plan_values(
    game: Game, issue: Any, action: Any, owner: Any, due: Any, capability: Any, observation_id: Any
) -> dict[str, Any]:
    oid = None
    if observation_id not in (None, ""):
        oid = _int(observation_id, "the observation number")
        _find(hotwash(game).observations, oid, "observation")
    return {
        "issue": _clean(issue, "the issue", "issue"),
        "action": _clean(action, "the corrective action", "action"),
        "owner": _clean(owner, "the owner", "owner"),
        "due": _date(due).isoformat(),
        "capability": _capability(capability),
        "observation_id": oid,
    }


def add_plan_item(
    game: Game,
    issue: str,
    action: str,
    owner: str,
    due: str | dt.date,
    capability: str = "",
    *,
    observation_id: int | None = None,
) -> PlanItem:
    """Add a row to the improvement plan."""
    values = _plan_values(game, issue, action, owner, due, capability, observation_id)
    (new_id,) = game.add_hotwash_items("action", [values])
    return PlanItem(new_id, **{**values, "due": dt.date.fromisoformat(values["due"])})


def update_plan_item(game: Game, item_id: int, **changes: Any) -> PlanItem:
    """Change fields of a plan row (issue, action, owner, due, capability, observation_id)."""
    old = _find(hotwash(game).plan, item_id, "improvement plan row")
    merged: dict[str, Any] = {
        "issue": old.issue,
        "action": old.action,
        "owner": old.owner,
        "due": old.due,
        "capability": old.capability,
        "observation_id": old.observation_id,
    }
    unknown = sorted(set(changes) - set(merged))
    if unknown:
        raise AppError(f"a plan row has no field {unknown[0]!r}")
    merged.update(changes)
    values = _plan_values(game, **merged)
    game.update_hotwash_item("action", item_id, values)
    return PlanItem(item_id, **{**values, "due": dt.date.fromisoformat(values["due"])})


def add_feedback(
    game: Game,
    participant: str,
    ratings: Mapping[str, Any],
    strengths: Sequence[str] = (),
    improvements: Sequence[str] = (),
    *,
    team: str = "",
    comment: str = "",
) -> Feedback:
    """Record one participant's feedback form (one form per participant)."""
    values = _feedback_values(game, participant, ratings, strengths, improvements, team, comment)
    taken = {f.participant.casefold() for f in hotwash(game).feedback}
    if values["participant"].casefold() in taken:
        raise AppError(f"{values['participant']} has given feedback already (remove it first to replace it)")
    values["source"] = "entered"
    (new_id,) = game.add_hotwash_items("feedback", [values])
    return _feedback(new_id, values)


def _feedback(new_id: int, v: Mapping[str, Any]) -> Feedback:
    return Feedback(
        new_id,
        v["participant"],
        v["team"],
        dict(v["ratings"]),
        tuple(v["strengths"]),
        tuple(v["improvements"]),
        v["comment"],
        v["source"],
    )


_REMOVABLE = {"observation": "observation", "plan": "action", "feedback": "feedback"}
_WHAT = {"observation": "observation", "plan": "improvement plan row", "feedback": "feedback form"}


def as_json(value: Observation | PlanItem | Feedback | Hotwash) -> dict[str, Any]:
    """A hotwash item (or the whole hotwash) as plain JSON values (dates as ISO text)."""
    if isinstance(value, Hotwash):
        return {
            "observations": [as_json(o) for o in value.observations],
            "plan": [as_json(p) for p in value.plan],
            "feedback": [as_json(f) for f in value.feedback],
            "ratings": [dataclasses.asdict(r) for r in value.ratings()],
        }
    d = dataclasses.asdict(value)
    return {
        k: (v.isoformat() if isinstance(v, dt.date) else list(v) if isinstance(v, tuple) else v) for k, v in d.items()
    }


def remove(game: Game, what: str, item_id: int) -> None:
    """Delete an observation, a plan row or a feedback form (``what``: observation, plan, feedback).

    A plan row that names a removed observation keeps its text and loses the link.
    """
    if what not in _REMOVABLE:
        raise AppError(f"unknown hotwash item {what!r} (observation, plan, feedback)")
    hw = hotwash(game)
    _find({"observation": hw.observations, "plan": hw.plan, "feedback": hw.feedback}[what], item_id, _WHAT[what])
    if what == "observation":
        for p in hw.plan:
            if p.observation_id == item_id:
                game.update_hotwash_item("action", p.id, {"observation_id": None})
    game.remove_hotwash_item(_REMOVABLE[what], item_id)


def _find(items: Iterable[Any], item_id: int, what: str) -> Any:
    for it in items:
        if it.id == item_id:
            return it
    raise AppError(f"there is no {what} #{item_id}")


# ------------------------------------------------------------------------------------------
# Survey import
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HotwashProblem:
    """A problem in a survey file: its row (the header is row 1) and column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


class FeedbackImportError(AppError):
    """The survey file has problems (``problems``, by row and column); nothing was imported."""

    def __init__(self, problems: list[HotwashProblem], name: str = "") -> None:
        self.problems = problems
        head = f"{name}: " if name else ""
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"{head}{problems[0]}{more}; nothing imported" if problems else f"{head}nothing imported")


def _header_key(name: str) -> str | None:
    """The column a header names (``None``: a survey bookkeeping column to ignore)."""
    h = " ".join(name.replace("_", " ").split()).casefold()
    if h in _IGNORED_COLUMNS:
        return None
    if h == "comments":
        return "comment"
    if h in FEEDBACK_COLUMNS:
        return h
    for key, statement in QUESTIONS:
        if h == statement.casefold() or h.rstrip(".") == statement.casefold():
            return key
    m = re.fullmatch(r"(strength|improvement)s? ?#?([123])", h)
    if m:
        return f"{m.group(1)} {m.group(2)}"
    return "?"


def check_feedback_csv(game: Game, path: str | Path) -> tuple[list[dict[str, Any]], list[HotwashProblem]]:
    """Read a survey CSV without storing anything: (the forms' values, every problem by row and column)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        return [], [HotwashProblem(0, "file", f"no such file {str(p)!r}")]
    except OSError as exc:
        return [], [HotwashProblem(0, "file", f"{p.name} cannot be read: {exc.strerror or exc}")]
    if p.suffix.lower() not in (".csv", ".txt"):
        return [], [HotwashProblem(0, "file", f"{p.name}: expected a .csv file (export the survey as CSV)")]
    if size > LIMITS["file_bytes"]:
        return [], [HotwashProblem(0, "file", f"{p.name} is {size:,} bytes (at most {LIMITS['file_bytes']:,})")]
    try:  # a regular file only, never more than the limit, without blocking on a pipe (wargame.scenario.safeio)
        text = read_limited(p, LIMITS["file_bytes"], "survey").decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return [], [HotwashProblem(0, "file", f"{p.name} is not UTF-8 text (byte {exc.start})")]
    except FileRefused as exc:
        return [], [HotwashProblem(0, "file", str(exc))]
    try:
        raw = list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:
        return [], [HotwashProblem(0, "file", f"{p.name} is not valid CSV: {exc}")]
    numbered = [(i, r) for i, r in enumerate(raw, start=1) if any(c.strip() for c in r)]
    if not numbered:
        return [], [HotwashProblem(1, "header", "the file is empty")]
    (hrow, header), body = numbered[0], numbered[1:]
    keys = [_header_key(h) for h in header]
    problems = [
        HotwashProblem(hrow, h.strip() or f"column {i + 1}", f"unknown column (columns: {', '.join(FEEDBACK_COLUMNS)})")
        for i, (h, k) in enumerate(zip(header, keys, strict=True))
        if k == "?"
    ]
    dupes = sorted({k for k in keys if k and k != "?" and keys.count(k) > 1})
    problems += [HotwashProblem(hrow, k, "the column appears twice") for k in dupes]
    if "participant" not in keys:
        problems.append(HotwashProblem(hrow, "participant", "required column is missing"))
    if len(body) > LIMITS["rows"]:
        problems.append(HotwashProblem(0, "file", f"{len(body)} forms (at most {LIMITS['rows']})"))
    if problems:
        return [], problems
    taken = {f.participant.casefold(): "this game" for f in hotwash(game).feedback}
    out: list[dict[str, Any]] = []
    for rownum, r in body:
        cells = {k: (r[i] if i < len(r) else "") for i, k in enumerate(keys) if k and k != "?"}
        if len(r) > len(keys) and any(c.strip() for c in r[len(keys) :]):
            problems.append(HotwashProblem(rownum, f"column {len(keys) + 1}", "a value outside the header's columns"))
            continue
        row_problems = _check_row(game, rownum, cells, taken)
        if row_problems:
            problems += row_problems
            continue
        values = _feedback_values(
            game,
            cells.get("participant"),
            {k: cells[k] for k, _ in QUESTIONS if k in cells},
            [cells.get(f"strength {i}", "") for i in (1, 2, 3)],
            [cells.get(f"improvement {i}", "") for i in (1, 2, 3)],
            cells.get("team", ""),
            cells.get("comment", ""),
        )
        taken[values["participant"].casefold()] = f"row {rownum}"
        values["source"] = f"imported from {p.name}"
        out.append(values)
    return (out if not problems else []), problems


def _check_row(game: Game, rownum: int, cells: Mapping[str, str], taken: Mapping[str, str]) -> list[HotwashProblem]:
    """Every problem of one survey row, each named by its column."""
    problems: list[HotwashProblem] = []

    def check(column: str, fn: Any) -> Any:
        try:
            return fn()
        except AppError as exc:
            problems.append(HotwashProblem(rownum, column, str(exc)))
            return None

    who = check("participant", lambda: _clean(cells.get("participant"), "the participant", "participant"))
    if who is not None and who.casefold() in taken:
        problems.append(
            HotwashProblem(rownum, "participant", f"{who} has given feedback already ({taken[who.casefold()]})")
        )
    if str(cells.get("team", "")).strip():
        check("team", lambda: _team(game, cells["team"]))
    for key, _ in QUESTIONS:
        if key in cells:
            check(key, lambda k=key: _rating(cells[k], k))
    for what in ("strength", "improvement"):
        for i in (1, 2, 3):
            col = f"{what} {i}"
            if col in cells:
                check(col, lambda c=col, w=what: _clean(cells[c], f"a {w}", "item", required=False))
    if "comment" in cells:
        check("comment", lambda: _clean(cells["comment"], "the comment", "comment", required=False))
    return problems


def import_feedback(game: Game, path: str | Path) -> list[Feedback]:
    """Import a survey CSV: checked whole first, then stored in one transaction. With any problem nothing is
    imported and :class:`FeedbackImportError` lists the problems by row and column."""
    values, problems = check_feedback_csv(game, path)
    if problems:
        raise FeedbackImportError(problems, Path(path).name)
    if not values:
        raise FeedbackImportError([HotwashProblem(2, "participant", "the file has no forms")], Path(path).name)
    ids = game.add_hotwash_items("feedback", values)
    return [_feedback(i, v) for i, v in zip(ids, values, strict=True)]
