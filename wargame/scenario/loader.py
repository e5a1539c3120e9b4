"""Load a scenario TOML file (and the files it includes), validate it, build the engine's facts.

Every problem is collected and reported at once in a :class:`ScenarioError`; nothing else escapes.
Steps: read and parse each file (includes first, depth first, each file once) → check each file's
shape with the pydantic models → merge states, locations, treaties and forces → check the
cross-references → build the frozen :class:`~wargame.engine.model.Scenario`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import posixpath
import tomllib
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from wargame.engine import (
    AdversaryCondition,
    AdversaryKind,
    Article,
    ArticleKind,
    AttackKind,
    AttackSpec,
    DateRange,
    DecisionRule,
    Doctrine,
    Domain,
    EndCondition,
    ForceDef,
    ForceRole,
    Government,
    Gravity,
    Intent,
    Location,
    LocationKind,
    Membership,
    Objective,
    Obligation,
    Rules,
    Scenario,
    ScheduledInject,
    ScopeClause,
    ScopeResult,
    State,
    Suspension,
    TargetKind,
    Transport,
    Treaty,
)
from wargame.engine.crisis_facts import UNKNOWN
from wargame.engine.forces import domain_of_kind, domain_refusal
from wargame.engine.limits import (
    MAX_INCLUDED_FILES,
    MAX_SCENARIO_FILE_BYTES,
    MAX_SCENARIO_TOTAL_BYTES,
    cut,
    shorten,
)
from wargame.scenario.crisis import build_crisis
from wargame.scenario.errors import Problem, ScenarioError, format_path, suggest
from wargame.scenario.locations import ASSETS, load_locations_csv
from wargame.scenario.military import build_military
from wargame.scenario.safeio import FileRefused, read_limited
from wargame.scenario.schema import (
    ACTOR_ID,
    AT_DAY,
    STATE_ID,
    ArticleDoc,
    DocumentDoc,
    ForceDoc,
    LocationDoc,
    ScopeDoc,
    StateDoc,
    TreatyDoc,
)

Reader = Callable[[str], str]
"""Gives the text of an included file from its key (a path relative to the main file's folder)."""

PROVENANCE_KEYS = ("source", "sources", "assumed")


class Unreadable(Exception):
    """Raised by a :data:`Reader` when a file cannot be read; the message says why."""


@dataclass
class SourceFile:
    """One file of a scenario: its key, text, parsed TOML and validated document."""

    key: str
    text: str
    raw: dict[str, Any]
    doc: DocumentDoc | None = None


@dataclass
class _Where:
    """Where a record is: its file and its path inside the file."""

    file: str
    path: str

    def at(self, suffix: str, message: str) -> Problem:
        path = (
            self.path + (suffix if suffix.startswith("[") or not self.path else "." + suffix) if suffix else self.path
        )
        return Problem(path, message, self.file)


@dataclass
class _Context:
    problems: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set)

    def add(self, problem: Problem) -> None:
        if problem not in self._seen:  # a set: many problems must not cost time in proportion to their square
            self._seen.add(problem)
            self.problems.append(problem)


# --------------------------------------------------------------------------------------------
# Reading and parsing
# --------------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The UTF-8 text of a regular file of at most :data:`~wargame.engine.limits.MAX_SCENARIO_FILE_BYTES`;
    :class:`Unreadable` with a short reason otherwise (a device, pipe or folder is refused without reading it)."""
    try:
        data = read_limited(path, MAX_SCENARIO_FILE_BYTES, "scenario file")
    except FileRefused as exc:
        raise Unreadable(str(exc)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 text (byte {exc.start})") from None


BUNDLED_PACKS = ASSETS / "scenarios"
"""Packs a scenario anywhere may include by name (``include = ["world-treaties.toml"]``)."""


def disk_reader(folder: Path) -> Reader:
    """A reader of included files: a file inside ``folder`` (the main file's folder) or inside the bundled packs of
    ``assets/scenarios`` (by a relative path, or by its bare name when the folder has no file of that name); links
    are followed only if they stay there. Anything else is :class:`Unreadable`."""
    try:
        root = folder.resolve()
        packs = BUNDLED_PACKS.resolve()
    except (OSError, RuntimeError) as exc:
        raise Unreadable(f"cannot read the scenario's folder: {exc}") from None

    def read(key: str) -> str:
        try:
            target = (root / key).resolve()
        except (OSError, RuntimeError) as exc:
            raise Unreadable(f"cannot follow the path ({exc})") from None
        if not (target.is_relative_to(root) or target.is_relative_to(packs)):
            raise Unreadable(
                "it is outside the scenario's folder and the bundled packs (an include must stay in one of them)"
            )
        if target.exists() or "/" in key:
            return read_text(target)
        pack = (packs / key).resolve()
        if pack.is_relative_to(packs) and pack.is_file():
            return read_text(pack)
        raise Unreadable(f"file not found in the scenario's folder or among the bundled packs: {shorten(key)}")

    return read


def dict_reader(files: dict[str, str] | None) -> Reader:
    """A reader of included files from stored texts (relative path → text)."""
    stored = {posixpath.normpath(k.replace("\\", "/")): v for k, v in (files or {}).items()}

    def read(key: str) -> str:
        if key not in stored:
            raise Unreadable("not among the stored files")
        return stored[key]

    return read


def _parse(key: str, text: str, ctx: _Context) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        ctx.add(Problem("", f"TOML syntax error: {exc}", key))
    except RecursionError:
        ctx.add(Problem("", "TOML syntax error: nested too deeply", key))
    except (ValueError, OverflowError) as exc:  # e.g. an integer with more digits than Python reads
        ctx.add(Problem("", f"TOML value cannot be read: {shorten(str(exc), 120)}", key))
    return None


def _include_list(raw: dict[str, Any]) -> list[tuple[int, str]]:
    meta = raw.get("scenario")
    if not isinstance(meta, dict):
        return []
    includes = meta.get("include")
    if not isinstance(includes, list):
        return []
    return [(i, inc) for i, inc in enumerate(includes) if isinstance(inc, str)]


def collect_files(main_key: str, main_text: str, reader: Reader, ctx: _Context) -> list[SourceFile]:
    """Parse the main file and every file it includes; includes come before their includer."""
    ordered: list[SourceFile] = []
    seen: set[str] = set()
    total = [len(main_text)]

    def visit(key: str, text: str, folder: str, stack: tuple[str, ...]) -> None:
        raw = _parse(key, text, ctx)
        if raw is None:
            return
        for i, inc in _include_list(raw):
            where = _Where(key, f"scenario.include[{i}]")
            clean = inc.replace("\\", "/")
            if not clean.strip() or clean.startswith("/") or (len(clean) > 1 and clean[1] == ":") or "\x00" in clean:
                ctx.add(where.at("", f"include path {shorten(inc)} must be a relative file path"))
                continue
            child = posixpath.normpath(posixpath.join(folder, clean))
            if child in stack or child == main_key:
                chain = " -> ".join(cut(k, 40) for k in (*stack, child))
                ctx.add(where.at("", f"include cycle: {chain}"))
                continue
            if child in seen:
                continue
            if len(seen) >= MAX_INCLUDED_FILES:
                ctx.add(where.at("", f"more than {MAX_INCLUDED_FILES} included files (the limit)"))
                return
            seen.add(child)
            try:
                child_text = reader(child)
            except Unreadable as exc:
                ctx.add(where.at("", f"cannot read included file {shorten(inc)}: {exc}"))
                continue
            total[0] += len(child_text)
            if total[0] > MAX_SCENARIO_TOTAL_BYTES:
                ctx.add(
                    where.at(
                        "",
                        f"the scenario and its includes exceed {MAX_SCENARIO_TOTAL_BYTES // 1_000_000} MB (the limit)",
                    )
                )
                return
            visit(child, child_text, posixpath.dirname(child), (*stack, child))
        ordered.append(SourceFile(key, text, raw))

    visit(main_key, main_text, "", (main_key,))
    return ordered


# --------------------------------------------------------------------------------------------
# Shape (pydantic)
# --------------------------------------------------------------------------------------------


def _unwrap(tp: Any) -> Any:
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            tp = args[0] if args else tp
            if len(args) != 1:
                return tp
        else:
            return tp


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The pydantic model that validates the table at ``loc`` (for suggesting keys)."""
    tp: Any = DocumentDoc
    for part in loc:
        tp = _unwrap(tp)
        if isinstance(part, int):
            if typing.get_origin(tp) is list:
                tp = typing.get_args(tp)[0]
                continue
            return None
        if not (isinstance(tp, type) and issubclass(tp, BaseModel)):
            return None
        found = None
        for name, info in tp.model_fields.items():
            if (info.alias or name) == part:
                found = info.annotation
        if found is None:
            return None
        tp = found
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return f"{type(value).__name__} {value.isoformat()}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _problem_from_error(err: Any, key: str) -> Problem:
    loc = tuple(err["loc"])
    path = format_path(loc)
    kind = err["type"]
    if kind == "missing":
        return Problem(path, "missing required key", key)
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        model = _model_at(loc[:-1])
        known = [info.alias or n for n, info in model.model_fields.items()] if model else []
        return Problem(path, f"unknown key {name!r}{suggest(name, known)}", key)
    message = str(err["msg"])
    if kind == "value_error":
        return Problem(path, message.removeprefix("Value error, "), key)
    return Problem(path, f"{message} (got {_describe(err.get('input'))})", key)


def _validate_shape(files: list[SourceFile], ctx: _Context) -> None:
    for f in files:
        try:
            f.doc = DocumentDoc.model_validate(f.raw)
        except ValidationError as exc:
            for err in exc.errors():
                ctx.add(_problem_from_error(err, f.key))


# --------------------------------------------------------------------------------------------
# Cross-references and building
# --------------------------------------------------------------------------------------------


def _unknown(what: str, value: str, known: Any) -> str:
    return f"unknown {what} {value!r}{suggest(value, known)}"


def _ordered(where: _Where, ctx: _Context, start: dt.date | None, end: dt.date | None, names: tuple[str, str]) -> None:
    if start is not None and end is not None and not start < end:
        ctx.add(where.at(names[1], f"{names[1]} {end.isoformat()} must be after {names[0]} {start.isoformat()}"))


def _known_states(
    ctx: _Context, where: _Where, suffix: str, value: str, states: dict[str, Any], *, star: bool = False
) -> bool:
    if value in states or (star and value == "*"):
        return True
    ctx.add(where.at(suffix, _unknown("state", value, states)))
    return False


@dataclass
class _Merged:
    states: dict[str, tuple[_Where, StateDoc]] = field(default_factory=dict)
    locations: dict[str, tuple[_Where, LocationDoc]] = field(default_factory=dict)
    treaties: dict[str, tuple[_Where, TreatyDoc]] = field(default_factory=dict)
    forces: dict[str, tuple[_Where, ForceDoc]] = field(default_factory=dict)


def _merge(files: list[SourceFile], ctx: _Context) -> _Merged:
    merged = _Merged()
    for f in files:
        assert f.doc is not None
        groups: tuple[tuple[str, str, list[Any], dict[str, Any]], ...] = (
            ("states", "state", f.doc.states, merged.states),
            ("locations", "location", f.doc.locations, merged.locations),
            ("treaties", "treaty", f.doc.treaties, merged.treaties),
            ("forces", "force", f.doc.forces, merged.forces),
        )
        for table, what, records, target in groups:
            for i, rec in enumerate(records):
                where = _Where(f.key, f"{table}[{i}]")
                if rec.id in target:
                    first = target[rec.id][0]
                    ctx.add(
                        where.at("id", f"duplicate {what} id {rec.id!r} (first defined in {first.file}: {first.path})")
                    )
                    continue
                if table == "locations" and rec.id in merged.states:
                    first = merged.states[rec.id][0]
                    ctx.add(
                        where.at("id", f"location id {rec.id!r} is already a state's id ({first.file}: {first.path})")
                    )
                    continue
                target[rec.id] = (where, rec)
    return merged


def _build_states(merged: _Merged, ctx: _Context) -> dict[str, State]:
    out: dict[str, State] = {}
    for sid, (where, s) in merged.states.items():
        if s.non_state:
            if not ACTOR_ID.match(sid):
                ctx.add(where.at("id", f"non-state actor id {sid!r} must use capitals, digits, '-' or '_'"))
        elif not STATE_ID.match(sid):
            ctx.add(
                where.at("id", f"state id {sid!r} must be an ISO3 code (three capital letters) unless non_state = true")
            )
        out[sid] = State(
            id=sid,
            name=s.name,
            government=Government(s.government),
            continent=s.continent,
            oceans=tuple(dict.fromkeys(s.oceans)),
            lat=s.lat,
            lon=s.lon,
            gdp_busd=s.gdp_busd,
            population_m=s.population_m,
            defence_budget_busd=s.defence_budget_busd,
            opinion_baseline=s.opinion_baseline,
            support_threshold=s.support_threshold,
            legislative_lag_days=s.legislative_lag_days,
            needs_prior_approval=s.needs_prior_approval,
            doctrine=Doctrine(s.doctrine),
            non_state=s.non_state,
            un_member=s.un_member and not s.non_state,
            host=s.host,
        )
    return out


def _build_locations(merged: _Merged, states: dict[str, State], use_csv: bool, ctx: _Context) -> dict[str, Location]:
    out: dict[str, Location] = {
        sid: Location(
            id=sid,
            name=st.name,
            kind=LocationKind.STATE,
            administered_by=sid,
            continent=st.continent,
            oceans=st.oceans,
            lat=st.lat,
            lon=st.lon,
            coastal=bool(st.oceans),
            airbase=True,
        )
        for sid, st in states.items()
    }
    for lid, (where, loc) in merged.locations.items():
        admin = loc.administered_by
        if admin:
            _known_states(ctx, where, "administered_by", admin, states)
        elif loc.kind != LocationKind.SEA.value:
            ctx.add(where.at("administered_by", f"a {loc.kind} place needs an administering state"))
        if lid in loc.claimants or (admin and admin in loc.claimants):
            ctx.add(
                where.at("claimants", "the claimants are the *other* claimants, not the place or its administrator")
            )
        out[lid] = Location(
            id=lid,
            name=loc.name,
            kind=LocationKind(loc.kind),
            administered_by=admin or None,
            claimants=tuple(dict.fromkeys(loc.claimants)),
            continent=loc.continent,
            oceans=(loc.ocean,) if loc.ocean else (),
            sea=loc.sea,
            lat=loc.lat,
            lon=loc.lon,
            note=loc.note,
            coastal=bool(loc.ocean) and loc.kind != "sea" if loc.coastal is None else loc.coastal,
            airbase=loc.kind not in ("sea", "feature") if loc.airbase is None else loc.airbase,
        )
    if use_csv:
        try:
            for lid, loc in load_locations_csv().items():
                if lid not in out:
                    out[lid] = loc
        except ScenarioError as exc:
            for p in exc.problems:
                ctx.add(p)
    for lid, loc in list(out.items()):
        if not loc.oceans and loc.administered_by in states and loc.kind is not LocationKind.STATE:
            out[lid] = dataclasses.replace(loc, oceans=states[loc.administered_by].oceans)
    return out


def _chosen_treaties(merged: _Merged, main: SourceFile, ctx: _Context) -> list[tuple[_Where, TreatyDoc, bool]]:
    """(where, treaty, subset) of the treaties to build: all of them, or those ``use_treaties`` names.

    ``subset`` is True for a treaty chosen from an included file: the scenario holds only some of the
    world's states, so the treaty's parties and suspensions outside it are left out, and the states its
    clauses name need not be in the scenario (the pack is checked whole where it is loaded with all its
    states, e.g. ``world.toml``).
    """
    assert main.doc is not None and main.doc.scenario is not None
    wanted = main.doc.scenario.use_treaties
    if not wanted:
        return [(where, t, False) for where, t in merged.treaties.values()]
    out: list[tuple[_Where, TreatyDoc, bool]] = []
    for j, tid in enumerate(wanted):
        where = _Where(main.key, "scenario")
        if tid in {t.id for _, t, _ in out}:
            ctx.add(where.at(f"use_treaties[{j}]", f"treaty {tid!r} is listed twice"))
        elif tid not in merged.treaties:
            ctx.add(where.at(f"use_treaties[{j}]", _unknown("treaty", tid, merged.treaties)))
        else:
            tw, t = merged.treaties[tid]
            out.append((tw, t, tw.file != main.key))
    return out


def _build_scope(
    where: _Where, c: ScopeDoc, states: dict[str, State], ctx: _Context, subset: bool = False
) -> ScopeClause:
    for j, admin in enumerate(c.administered_by):
        if not subset:
            _known_states(ctx, where, f"administered_by[{j}]", admin, states)
    if c.min_lat is not None and c.max_lat is not None and c.min_lat > c.max_lat:
        ctx.add(where.at("max_lat", f"max_lat {c.max_lat} is below min_lat {c.min_lat}"))
    polygon: list[tuple[float, float]] = []
    for j, vertex in enumerate(c.polygon):
        if len(vertex) != 2:
            ctx.add(where.at(f"polygon[{j}]", f"a vertex is [lat, lon], got {len(vertex)} numbers"))
        elif not (-90 <= vertex[0] <= 90 and -180 <= vertex[1] <= 180):
            ctx.add(where.at(f"polygon[{j}]", f"vertex {vertex} is outside lat -90..90, lon -180..180"))
        else:
            polygon.append((vertex[0], vertex[1]))
    if 0 < len(c.polygon) < 3:
        ctx.add(where.at("polygon", f"a polygon needs at least 3 vertices, got {len(c.polygon)}"))
    _ordered(where, ctx, c.from_, c.until, ("from", "until"))
    return ScopeClause(
        result=ScopeResult(c.result),
        targets=tuple(TargetKind(t) for t in dict.fromkeys(c.targets)),
        kinds=tuple(LocationKind(k) for k in dict.fromkeys(c.kinds)),
        continents=tuple(dict.fromkeys(c.continents)),
        oceans=tuple(dict.fromkeys(c.oceans)),
        seas=tuple(c.seas),
        min_lat=c.min_lat,
        max_lat=c.max_lat,
        administered_by_victim=c.administered_by_victim,
        administered_by_party=c.administered_by_party,
        administered_by=tuple(c.administered_by),
        disputed=c.disputed,
        polygon=tuple(polygon),
        valid=DateRange(c.from_, c.until),
        note=c.note,
    )


def _build_article(
    where: _Where, a: ArticleDoc, t: TreatyDoc, states: dict[str, State], ctx: _Context, subset: bool = False
) -> Article:
    _ordered(where, ctx, a.in_force, a.until, ("in_force", "until"))
    adv = a.adversary
    for j, named in enumerate(adv.named):
        if not subset:
            _known_states(ctx, where, f"adversary.named[{j}]", named, states)
    if adv.kind == AdversaryKind.NAMED.value and not adv.named:
        ctx.add(where.at("adversary.named", "kind = 'named' needs at least one named adversary"))
    if adv.named and adv.kind != AdversaryKind.NAMED.value:
        ctx.add(where.at("adversary.kind", f"named adversaries are listed but kind is {adv.kind!r}, not 'named'"))
    for j, named in enumerate(a.concerns):
        if not subset:
            _known_states(ctx, where, f"concerns[{j}]", named, states)
    if a.concerns and a.kind != ArticleKind.CONSULTATION.value:
        ctx.add(where.at("concerns", f"only a consultation article says whom it concerns, not a {a.kind!r} article"))
    if a.scope_from is not None:
        article_ids = [other.id for other in t.articles]
        target = next((other for other in t.articles if other.id == a.scope_from), None)
        if a.scope_from == a.id:
            ctx.add(where.at("scope_from", "an article cannot take its scope from itself"))
        elif target is None:
            hint = suggest(a.scope_from, article_ids) or f" (its articles: {', '.join(map(repr, article_ids))})"
            ctx.add(where.at("scope_from", f"unknown article {a.scope_from!r} of treaty {t.id!r}{hint}"))
        elif target.scope_from is not None:
            ctx.add(where.at("scope_from", f"article {target.id!r} itself takes its scope from {target.scope_from!r}"))
        if a.scope:
            ctx.add(where.at("scope", "an article with scope_from cannot have scope clauses of its own"))
    scope = tuple(
        _build_scope(_Where(where.file, f"{where.path}.scope[{k}]"), c, states, ctx, subset)
        for k, c in enumerate(a.scope)
    )
    return Article(
        id=a.id,
        title=a.title,
        kind=ArticleKind(a.kind),
        obligation=Obligation(a.obligation),
        threshold=Gravity[a.threshold.upper()],
        adversary=AdversaryCondition(
            kind=AdversaryKind(adv.kind),
            named=tuple(adv.named),
            non_state_accepted=adv.non_state_accepted,
            exclude_parties=adv.exclude_parties,
            note=adv.note,
        ),
        initiator_rule=a.initiator_rule,
        scope=scope,
        scope_from=a.scope_from,
        decision_rule=DecisionRule(a.decision_rule),
        decision_days=a.decision_days,
        attribution_min=a.attribution_min,
        concerns=tuple(s for s in a.concerns if s in states),
        in_force=DateRange(a.in_force or t.in_force, a.until or t.terminated),
        citation=a.citation,
        text=a.text,
        source=a.source,
    )


def _build_treaty(
    where: _Where, t: TreatyDoc, states: dict[str, State], ctx: _Context, *, subset: bool = False
) -> Treaty:
    """Build a treaty; with ``subset`` (a treaty taken from a pack) parties and suspensions that name
    states outside the scenario are left out (see :func:`_chosen_treaties`)."""
    _ordered(where, ctx, t.in_force, t.terminated, ("in_force", "terminated"))
    parties: list[Membership] = []
    for i, p in enumerate(t.parties):
        pw = _Where(where.file, f"{where.path}.parties[{i}]")
        if subset and p.state not in states:
            continue
        _known_states(ctx, pw, "state", p.state, states)
        _ordered(pw, ctx, p.joined, p.left, ("joined", "left"))
        m = Membership(p.state, p.joined, p.left, p.note)
        for earlier in parties:
            if earlier.state == m.state and _overlap(earlier.joined, earlier.left, m.joined, m.left):
                ctx.add(pw.at("state", f"state {m.state!r} is listed twice as a party with overlapping dates"))
                break
        parties.append(m)
    suspensions: list[Suspension] = []
    for i, s in enumerate(t.suspensions):
        sw = _Where(where.file, f"{where.path}.suspensions[{i}]")
        if subset and not all(x == "*" or x in states for x in (s.guarantor, s.beneficiary)):
            continue
        _known_states(ctx, sw, "guarantor", s.guarantor, states, star=True)
        _known_states(ctx, sw, "beneficiary", s.beneficiary, states, star=True)
        if s.guarantor == s.beneficiary and s.guarantor != "*":
            ctx.add(sw.at("beneficiary", "a state cannot owe assistance to itself"))
        _ordered(sw, ctx, s.from_, s.until, ("from", "until"))
        suspensions.append(Suspension(s.guarantor, s.beneficiary, s.from_, s.until, s.note))
    articles: list[Article] = []
    seen: dict[str, int] = {}
    for i, a in enumerate(t.articles):
        aw = _Where(where.file, f"{where.path}.articles[{i}]")
        if a.id in seen:
            ctx.add(aw.at("id", f"duplicate article id {a.id!r} (first at articles[{seen[a.id]}])"))
        seen.setdefault(a.id, i)
        articles.append(_build_article(aw, a, t, states, ctx, subset))
    return Treaty(
        id=t.id,
        name=t.name,
        in_force=DateRange(t.in_force, t.terminated),
        parties=tuple(parties),
        articles=tuple(articles),
        suspensions=tuple(suspensions),
        source=t.source,
        note=t.note,
    )


def _overlap(a0: dt.date | None, a1: dt.date | None, b0: dt.date | None, b1: dt.date | None) -> bool:
    lo = max(a0 or dt.date.min, b0 or dt.date.min)
    hi = min(a1 or dt.date.max, b1 or dt.date.max)
    return lo < hi


def _build_forces(
    merged: _Merged, states: dict[str, State], locations: dict[str, Location], ctx: _Context
) -> tuple[ForceDef, ...]:
    out: list[ForceDef] = []
    for fid, (where, f) in merged.forces.items():
        _known_states(ctx, where, "owner", f.owner, states)
        if f.home not in locations:
            ctx.add(where.at("home", _unknown("location", f.home, locations)))
        home = locations.get(f.home)
        domain = Domain(f.domain) if f.domain else domain_of_kind(f.kind)
        if not f.domain and home is not None and home.kind is LocationKind.SEA:
            domain = Domain.SEA  # a unit based at sea is embarked (a marine expeditionary unit on its ships)
        if home is not None:
            why = domain_refusal(domain, home)
            if why:
                ctx.add(where.at("home", f"a {domain.value} force cannot be based at {f.home}: {why}"))
        out.append(
            ForceDef(
                id=fid,
                owner=f.owner,
                name=f.name,
                kind=f.kind,
                combat_power=f.combat_power,
                personnel=f.personnel,
                home=f.home,
                readiness_days=f.readiness_days,
                transport=Transport(f.transport),
                speed_km_per_day=f.speed_km_per_day or 0.0,
                daily_cost_musd=f.daily_cost_musd,
                role=ForceRole(f.role),
                domain=domain,
                theatre=f.theatre,
                lift_tonnes=f.lift_tonnes,
            )
        )
    return tuple(out)


def _inject_turn(where: _Where, turn: int | None, at: str | None, max_turns: int, ctx: _Context) -> int | None:
    if turn is not None and at is not None:
        ctx.add(where.at("at", "give either turn or at, not both"))
        return None
    if turn is None and at is None:
        ctx.add(where.at("turn", 'missing required key (or at = "D+n")'))
        return None
    if at is not None:
        match = AT_DAY.match(at.strip())
        if not match:
            ctx.add(where.at("at", f'cannot read {at!r}: expected "D+n" with n ≥ 1, e.g. "D+2"'))
            return None
        turn = int(match.group(1))
        if turn < 1:
            ctx.add(where.at("at", f"{at!r}: n must be at least 1"))
            return None
    assert turn is not None
    if turn > max_turns:
        ctx.add(
            where.at(
                "at" if at is not None else "turn", f"turn {turn} is after the last turn (max_turns = {max_turns})"
            )
        )
        return None
    return turn


def _main_meta(main: SourceFile, ctx: _Context) -> bool:
    assert main.doc is not None
    meta = main.doc.scenario
    if meta is None:
        ctx.add(Problem("scenario", "missing [scenario] table (a file without one can only be included)", main.key))
        return False
    missing = [
        name for name in ("id", "name", "start_date", "turn_length_days", "max_turns") if getattr(meta, name) is None
    ]
    for name in missing:
        ctx.add(Problem(f"scenario.{name}", "missing required key", main.key))
    return not missing


def source_hash(main_text: str, includes: dict[str, str]) -> str:
    """sha256 over the main text, then every included text sorted by path (main file's name excluded)."""
    h = hashlib.sha256()
    for key, text in [("", main_text), *sorted(includes.items())]:
        data = text.encode("utf-8", "surrogatepass")
        h.update(f"{key}\n{len(data)}\n".encode("utf-8", "surrogatepass"))
        h.update(data)
    return h.hexdigest()


def build(main_key: str, main_text: str, reader: Reader) -> Scenario:
    """Read, validate and build a scenario; raises :class:`ScenarioError` with every problem."""
    ctx = _Context()
    files = collect_files(main_key, main_text, reader, ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    _validate_shape(files, ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    main = files[-1]
    assert main.doc is not None
    if not _main_meta(main, ctx):
        raise ScenarioError(ctx.problems)
    meta = main.doc.scenario
    assert meta is not None and meta.max_turns is not None and meta.start_date is not None
    assert meta.id is not None and meta.name is not None and meta.turn_length_days is not None

    try:
        meta.start_date + dt.timedelta(days=meta.max_turns * meta.turn_length_days)
    except OverflowError:
        ctx.add(
            Problem(
                "scenario.max_turns",
                f"{meta.max_turns:,} turns of {meta.turn_length_days:g} day(s) from {meta.start_date.isoformat()} "
                "end after the year 9999",
                main.key,
            )
        )
        raise ScenarioError(ctx.problems) from None

    merged = _merge(files, ctx)
    states = _build_states(merged, ctx)
    locations = _build_locations(merged, states, meta.locations_csv, ctx)
    treaties = tuple(
        _build_treaty(where, t, states, ctx, subset=subset) for where, t, subset in _chosen_treaties(merged, main, ctx)
    )
    forces = _build_forces(merged, states, locations, ctx)
    military = build_military(files, states, locations, treaties, forces, ctx.add)

    injects: list[ScheduledInject] = []
    serials: dict[str, int] = {}
    for i, inj in enumerate(main.doc.injects):
        where = _Where(main.key, f"injects[{i}]")
        serial = inj.serial if inj.serial is not None else str(i + 1)
        if serial in serials:
            ctx.add(where.at("serial", f"duplicate serial {serial!r} (first at injects[{serials[serial]}])"))
        serials.setdefault(serial, i)
        turn = _inject_turn(where, inj.turn, inj.at, meta.max_turns, ctx)
        if inj.attacker != UNKNOWN:
            _known_states(ctx, where, "attacker", inj.attacker, states)
        _known_states(ctx, where, "victim", inj.victim, states)
        for sid in inj.suspects:
            if sid != UNKNOWN:
                _known_states(ctx, where, f"suspects.{sid}", sid, states)
        if sum(inj.suspects.values()) > 1.0 + 1e-9:
            ctx.add(where.at("suspects", "the suspects' weights add up to more than 1"))
        if inj.response_to and not (inj.response_to.startswith("#") and inj.response_to[1:] in serials):
            ctx.add(where.at("response_to", f'{inj.response_to!r} must name an earlier inject\'s serial, as "#1"'))
        if inj.attacker == inj.victim:
            ctx.add(where.at("victim", f"the attacker and the victim are both {inj.victim!r}"))
        if inj.location not in locations:
            ctx.add(where.at("location", _unknown("location", inj.location, locations)))
        if turn is None:
            continue
        injects.append(
            ScheduledInject(
                serial=serial,
                turn=turn,
                attack=AttackSpec(
                    attacker=inj.attacker,
                    victim=inj.victim,
                    location=inj.location,
                    kind=AttackKind(inj.kind),
                    target=TargetKind(inj.target),
                    casualties=inj.casualties,
                    damage_musd=inj.damage_musd,
                    attribution=inj.attribution,
                    victim_initiated=inj.victim_initiated,
                    request=inj.request,
                    description=inj.description,
                    intent=Intent(inj.intent),
                    injured=inj.injured,
                    platforms=inj.platforms,
                    weapons=inj.weapons,
                    troops=inj.troops,
                    physical=inj.physical,
                    domestic=inj.domestic,
                    campaign=inj.campaign,
                    suspects=dict(inj.suspects),
                    attribution_days=inj.attribution_days,
                    request_under=tuple(inj.request_under),
                    response_to=inj.response_to,
                    anticipatory=inj.anticipatory,
                    imminent_days=inj.imminent_days,
                ),
            )
        )

    ends: list[EndCondition] = []
    for i, end in enumerate(main.doc.end):
        where = _Where(main.key, f"end[{i}]")
        if end.location not in locations:
            ctx.add(where.at("location", _unknown("location", end.location, locations)))
        _known_states(ctx, where, "controller", end.controller, states)
        ends.append(EndCondition(end.kind, end.location, end.controller, end.label))

    for j, sid in enumerate(meta.ai_aggressors):
        _known_states(ctx, _Where(main.key, "scenario"), f"ai_aggressors[{j}]", sid, states)
    objectives: list[Objective] = []
    for i, ob in enumerate(main.doc.objectives):
        where = _Where(main.key, f"objectives[{i}]")
        for j, sid in enumerate(ob.side):
            _known_states(ctx, where, f"side[{j}]", sid, states)
        if ob.kind == "hold" and ob.location not in locations:
            ctx.add(where.at("location", _unknown("location", ob.location, locations)))
        if ob.kind == "cohesion" and ob.treaty not in {t.id for t in treaties}:
            ctx.add(where.at("treaty", _unknown("treaty", ob.treaty, {t.id: t for t in treaties})))
        objectives.append(
            Objective(ob.id, ob.kind, ob.label or ob.id, ob.points, tuple(ob.side), ob.location, ob.treaty, ob.turn)
        )

    views: list[tuple[str, tuple[float, float, float, float]]] = []
    theatre: tuple[str, ...] = ()
    if main.doc.map is not None:
        mp = main.doc.map
        for j, sid in enumerate(mp.theatre):
            _known_states(ctx, _Where(main.key, "map"), f"theatre[{j}]", sid, states)
        for i, v in enumerate(mp.views):
            lat0, lat1, lon0, lon1 = v.box
            if not (-90 <= lat0 < lat1 <= 90 and lon0 < lon1):
                ctx.add(
                    _Where(main.key, f"map.views[{i}]").at(
                        "box", f"not a box lat_min < lat_max, lon_min < lon_max: {v.box}"
                    )
                )
            views.append((v.name, (lat0, lat1, lon0, lon1)))
        names = [n for n, _ in views]
        if mp.view and mp.view not in names:
            ctx.add(_Where(main.key, "map").at("view", _unknown("view", mp.view, {n: n for n in names})))
        if mp.view in names:
            views.insert(0, views.pop(names.index(mp.view)))
        theatre = tuple(mp.theatre)
    crisis = build_crisis(
        files,
        states,
        treaties,
        lambda key, path, turn, at: _inject_turn(_Where(key, path), turn, at, meta.max_turns, ctx),
        ctx.add,
    )
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    rule_values = {k: v for k, v in main.doc.rules.model_dump().items() if k not in PROVENANCE_KEYS}
    includes = {f.key: f.text for f in files[:-1]}
    return Scenario(
        id=meta.id,
        name=meta.name,
        briefing=meta.briefing,
        start_date=meta.start_date,
        turn_length_days=meta.turn_length_days,
        states=states,
        locations=locations,
        treaties=treaties,
        forces=forces,
        rules=Rules(**rule_values),
        injects=tuple(sorted(injects, key=lambda s: s.turn)),
        end_conditions=tuple(ends),
        max_turns=meta.max_turns,
        default_seed=meta.seed,
        source_hash=source_hash(main_text, includes),
        objectives=tuple(objectives),
        ai_aggressors=tuple(meta.ai_aggressors),
        map_views=tuple(views),
        theatre=theatre,
        military=military,
        crisis=crisis,
    )


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def _open_main(path: str | Path) -> tuple[Path, str]:
    try:
        p = Path(path)
    except TypeError:
        raise ScenarioError([Problem("", f"not a file path: {path!r}")]) from None
    try:
        return p, read_text(p)
    except Unreadable as exc:
        raise ScenarioError([Problem("", str(exc), p.name)]) from None


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate a scenario file and its includes; raises :class:`ScenarioError` only."""
    p, text = _open_main(path)
    return build(p.name, text, disk_reader(p.parent))


def load_scenario_text(text: str, *, name: str = "<scenario>", files: dict[str, str] | None = None) -> Scenario:
    """Load a scenario from its text; ``files`` maps include paths (relative to it) to their texts."""
    if not isinstance(text, str):
        raise ScenarioError([Problem("", f"scenario text must be a string, got {type(text).__name__}", name)])
    return build(name, text, dict_reader(files))


def scenario_files(path: str | Path) -> dict[str, str]:
    """The text of the file and of every file it includes (relative path → text), for the saved game."""
    p, text = _open_main(path)
    ctx = _Context()
    files = collect_files(p.name, text, disk_reader(p.parent), ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    return {f.key: f.text for f in files}


def source_files(path: str | Path) -> list[SourceFile]:
    """The parsed files of a scenario (includes first, the main file last)."""
    p, text = _open_main(path)
    ctx = _Context()
    files = collect_files(p.name, text, disk_reader(p.parent), ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    return files
