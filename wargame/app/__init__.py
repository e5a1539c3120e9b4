"""Use cases shared by the desktop application and the command line.

A :class:`Game` wraps one saved-game file: it records commands, resolves turns with the engine
and commits each turn in one transaction, and serves read models for any turn. Errors a user
can cause come out as :class:`AppError` with a one-line message.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import wargame
from wargame import scenario as _scenario_pkg
from wargame import store as _store_pkg
from wargame.engine import (
    RULES_VERSION,
    AttackSpec,
    Command,
    CommandKind,
    Event,
    EventKind,
    InjectError,
    Scenario,
    TurnRecord,
    VerdictCode,
    VerdictKey,
    WorldState,
    check_attack,
    decode,
    encode,
    initial_world,
    resolve_turn,
    state_hash,
)
from wargame.engine.commands import Action as _Action
from wargame.engine.limits import MAX_BUDGET_MUSD, MAX_NAME_CHARS, MAX_TEXT_CHARS, number_problem, shorten
from wargame.engine.objectives import ObjectiveResult
from wargame.engine.objectives import score as score_objectives
from wargame.scenario import Problem, ScenarioError
from wargame.store import BookmarkRecord, CommandRecord, EventRecord, GameMeta, SaveFileError, StaleTurnError

from .models import Bookmark, CommandView, EventRow, GameInfo

if TYPE_CHECKING:
    from wargame.store import GameFile
    from wargame.store.gamefile import Writer


def load_scenario(path: str | Path) -> Scenario:
    """:func:`wargame.scenario.load_scenario` (the loader is imported at first use: a quick start)."""
    return _scenario_pkg.load_scenario(path)


def load_scenario_text(text: str, **kw: Any) -> Scenario:
    return _scenario_pkg.load_scenario_text(text, **kw)


def scenario_files(path: str | Path) -> dict[str, str]:
    return _scenario_pkg.scenario_files(path)


__all__ = [
    "AppError",
    "Game",
    "HashMismatch",
    "Recovered",
    "TurnSummary",
    "VerifyReport",
    "new_game",
    "open_game",
    "host_database",
    "recover_game",
    "world_to_snapshot",
    "snapshot_to_world",
    "ScenarioError",
    "SaveFileError",
    "InjectError",
]

_ABOUT_AN_ATTACK = frozenset(
    {
        _Action.DECLARE,
        _Action.REQUEST,
        _Action.CONSULT,
        _Action.NOTIFY,
        _Action.DECLINE,
        _Action.STANCE,
        _Action.TABLE,
        _Action.UNITING,
        _Action.CLAIM,
        _Action.MEASURE,
    }
)
"""Decisions that name an attack."""

ADVANCE_TRIES = 4
"""Resolutions of one turn before the write lock is held through it (see :meth:`Game.advance`)."""

ProgressFn = Callable[[int, int], None]
"""Called with (done, total) after each turn of a long operation."""


class AppError(Exception):
    """A user-facing error with a one-line message."""


# ------------------------------------------------------------------------------------------
# World <-> snapshot rows
# ------------------------------------------------------------------------------------------


_ENTITY_TABLES = ("nations", "forces", "attacks", "control", "verdicts", "collectives")
"""World fields stored one row per entity; every other field (the turn, overrides, the AI's memory, permissions,
lift queues, munitions, sanctions, nuclear postures, the white cell …) goes in the world's own row."""


def world_to_snapshot(world: WorldState | dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Split the world (or its ``encode(world)``) into per-entity rows (kind → key → payload) for the saved game."""
    d = world if isinstance(world, dict) else encode(world)
    return {
        "world": {"_": {k: v for k, v in d.items() if k not in _ENTITY_TABLES}},
        "nation": d["nations"],
        "force": d["forces"],
        "attack": d["attacks"],
        "control": {k: {"holder": v} for k, v in d["control"].items()},
        "verdict": d["verdicts"],
        "collective": d["collectives"],
    }


def snapshot_to_world(snap: dict[str, dict[str, dict[str, Any]]]) -> WorldState:
    head = snap["world"]["_"]
    return decode(
        WorldState,
        {
            **head,
            "nations": snap.get("nation", {}),
            "forces": snap.get("force", {}),
            "attacks": snap.get("attack", {}),
            "control": {k: v["holder"] for k, v in snap.get("control", {}).items()},
            "verdicts": snap.get("verdict", {}),
            "collectives": snap.get("collective", {}),
        },
    )


def scripted_turns(game: Game, world: WorldState | None = None) -> dict[str, int]:
    """Each scenario inject's turn as things stand for the next turn: the scenario's, as the facilitator rescheduled
    it (0 held back, -1 skipped), pending changes included."""
    world = world if world is not None else game.world
    out = {i.serial: world.script.get(i.serial, i.turn) for i in game.scenario.injects}
    for rec in game.pending():
        if rec.kind == CommandKind.SCRIPT.value:
            out.update({str(k): int(v) for k, v in dict(rec.payload.get("turns", {})).items() if str(k) in out})
    return out


# ------------------------------------------------------------------------------------------
# Read models
# ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TurnSummary:
    """What a turn brought, for the terminal and the GUI's turn summary."""

    turn: int
    date: str
    state_hash: str
    counts: dict[str, int]
    headlines: list[str]
    ended: bool = False
    end_reason: str = ""


HEADLINE_KINDS = {
    EventKind.ATTACK,
    EventKind.REQUEST,
    EventKind.VERDICT,
    EventKind.COLLECTIVE,
    EventKind.DECISION,
    EventKind.APPROVAL,
    EventKind.ARRIVE,
    EventKind.ENGAGEMENT,
    EventKind.CONTROL,
    EventKind.BUDGET,
    EventKind.REJECTED,
    EventKind.END,
    EventKind.GRAVITY,
    EventKind.NUCLEAR,
    EventKind.SANCTIONS,
    EventKind.COUNCIL,
    EventKind.JUDGEMENT,
    EventKind.MEETING,
}


_NOT_A_HEADLINE = (VerdictCode.NOT_A_PARTY, VerdictCode.NOT_IN_FORCE)


def summarise(rec: TurnRecord, scenario: Scenario, known_hash: str | None = None) -> TurnSummary:
    """The turn's summary; ``known_hash`` is the new world's hash when the caller has computed it already."""
    counts: dict[str, int] = {}
    heads: list[str] = []
    for ev in rec.events:
        counts[ev.kind.value] = counts.get(ev.kind.value, 0) + 1
        if ev.kind in HEADLINE_KINDS:
            if (
                ev.kind is EventKind.VERDICT
                and ev.data.get("previous") is None
                and rec.world.verdicts[VerdictKey.parse(ev.subject)].code in _NOT_A_HEADLINE
            ):
                continue  # a first verdict that only says the victim is no party (or the treaty not in force)
            if ev.kind is EventKind.COUNCIL and ev.data.get("reported") is True:
                continue  # an Art 51 report made on time: in the log, not a headline
            if ev.kind is EventKind.MEETING and ev.data.get("status") == "active":
                continue  # a measure decided earlier now in place
            heads.append(ev.summary)
    swings = sorted(
        (e for e in rec.events if e.kind is EventKind.OPINION),
        key=lambda e: (-abs(e.data.get("to", 0) - e.data.get("from", 0)), e.subject),
    )
    heads.extend(e.summary for e in swings[:3])
    return TurnSummary(
        rec.turn,
        rec.date.isoformat(),
        known_hash or rec.state_hash,
        counts,
        heads,
        rec.world.ended,
        rec.world.end_reason,
    )


@dataclass(frozen=True)
class HashMismatch:
    """A turn whose re-adjudicated state hash differs from the one in the file."""

    turn: int
    stored: str
    replayed: str


@dataclass
class VerifyReport:
    """What ``verify`` found: the file's integrity (chain, seals, structure), the MSEL's consistency and, when the
    game was made with today's rules, the re-adjudication of every turn (hashes, events, snapshots, summaries)."""

    ok: bool
    turns: int
    mismatches: list[HashMismatch] = field(default_factory=list)
    event_mismatches: list[int] = field(default_factory=list)
    rules_changed: str = ""
    """Why the game cannot be re-adjudicated: it was made with another version of the rules ('' if it can)."""
    damage: list[str] = field(default_factory=list)
    """What is damaged in the file (its chain, seals or structure), one line each, the turn named."""
    snapshot_mismatches: list[int] = field(default_factory=list)
    """Turns whose stored state differs from the re-adjudicated one."""
    summary_mismatches: list[int] = field(default_factory=list)
    msel_problems: list[str] = field(default_factory=list)
    """Fired MSEL rows without exactly one inject (or MSEL injects no row fired)."""
    trusted_until: int = -1
    """Turns 0 to this one can be trusted (-1: none); ``recover`` writes them to a new file."""
    first_damaged_turn: int | None = None
    checked: list[str] = field(default_factory=list)
    """What was checked, in words."""
    not_checked: list[str] = field(default_factory=list)
    """What could not be checked, and why."""
    description_ok: bool = True
    """The game description (scenario, seed, settings) matches its seal."""
    pending_ok: bool = True
    """The commands recorded for the next turn are intact."""


@dataclass(frozen=True)
class Recovered:
    """What ``recover`` wrote: the new file, the turns it holds (0..``turns``) of how many, and what it left out."""

    path: Path
    turns: int
    of_turns: int
    pending: bool
    notes: list[str] = field(default_factory=list)


# ------------------------------------------------------------------------------------------
# Use cases
# ------------------------------------------------------------------------------------------


def new_game(
    scenario_path: str | Path,
    out_path: str | Path,
    *,
    seed: int | None = None,
    overwrite: bool = False,
    seats: dict[str, str] | None = None,
    title: str = "",
    difficulty: str = "normal",
    tag: str = "",
    vary: dict[str, str] | None = None,
) -> Game:
    """Create a saved game from a scenario file; turn 0 is committed at once.

    ``seats`` maps states to ``"human"`` or ``"ai"`` (others: the default policy, the facilitator
    injecting); ``difficulty`` is easy/normal/hard; ``tag`` marks the game (e.g. training, analysis);
    ``vary`` changes values of the scenario as a batch run does (:mod:`wargame.app.variations`), recorded in
    the game's variant and applied again whenever it is opened.
    """
    if difficulty not in ("easy", "normal", "hard"):
        raise AppError(f"unknown difficulty {difficulty!r} (easy, normal, hard)")
    for sid, who in (seats or {}).items():
        if who not in ("human", "ai"):
            raise AppError(f"a seat is 'human' or 'ai', not {who!r} ({sid})")
    try:
        scenario = load_scenario(scenario_path)
        files = scenario_files(scenario_path)
    except ScenarioError as exc:
        raise AppError(str(exc)) from exc
    if vary:
        from wargame.app import variations

        scenario = variations.apply(scenario, vary)
    from .files import check_output

    inputs = [Path(scenario_path), *(Path(scenario_path).parent / key for key in files)]
    out_path = check_output(out_path, force=overwrite, inputs=inputs, what="saved game", game=True)
    main_name = Path(scenario_path).name
    unknown = sorted(set(seats or {}) - set(scenario.states))
    if unknown:
        raise AppError(f"unknown seat state(s): {', '.join(unknown)}")
    meta = GameMeta(
        scenario_id=scenario.id,
        scenario_name=scenario.name,
        scenario_hash=scenario.source_hash,
        scenario_text=files.get(main_name, ""),
        scenario_files=files,
        seed=scenario.default_seed if seed is None else int(seed),
        app_version=wargame.__version__,
        title=title or scenario.name,
        variant={
            "seats": dict(seats or {}),
            "main_file": main_name,
            "difficulty": difficulty,
            "tag": tag,
            "rules_version": RULES_VERSION,
            **({"vary": dict(vary)} if vary else {}),
        },
    )
    if len(title) > MAX_NAME_CHARS or len(tag) > MAX_NAME_CHARS:
        raise AppError(f"a title or tag may have at most {MAX_NAME_CHARS} characters")
    world = initial_world(scenario)
    h0 = state_hash(world)

    def first_turn(w: Writer) -> None:
        w.commit_turn(
            0,
            events=[],
            snapshot=world_to_snapshot(world),
            state_hash=h0,
            summary=encode(TurnSummary(0, scenario.start_date.isoformat(), h0, {}, ["The game begins."])),
        )

    try:
        gf = _store_pkg.GameFile.create(out_path, meta, overwrite=overwrite, build=first_turn)
    except SaveFileError as exc:
        raise AppError(str(exc)) from exc
    except ValueError as exc:
        raise AppError(f"cannot create the game: {exc}") from exc
    game = Game(gf, scenario)
    game._world = world
    return game


def open_game(path: str | Path, *, readonly: bool = False, inspect: bool = False) -> Game:
    """Open a saved game; older files are backed up and migrated, bad files give :class:`AppError`.

    ``inspect`` (read-only, for ``verify`` and ``recover``) opens a damaged file too, so that it can say what is
    damaged; a file carrying SQL of its own, or of a newer version, is refused even then.
    """
    try:
        if _store_pkg.is_database_url(str(path)):
            gf = _store_pkg.GameFile.open_db(str(path), readonly=readonly or inspect)
        else:
            gf = _store_pkg.GameFile.open(path, readonly=readonly or inspect, inspect=inspect)
    except SaveFileError as exc:
        raise AppError(str(exc)) from exc
    try:
        scenario = scenario_from_meta(gf.meta)
    except ScenarioError as exc:
        gf.close()
        raise AppError(f"{path}: the scenario stored in this game does not load: {exc}") from exc
    if gf.last_turn < 0:
        gf.close()
        raise AppError(f"{path}: the game was never started (its creation was interrupted); create it again")
    return Game(gf, scenario)


def host_database(source: str | Path, url: str) -> Game:
    """The hosted game in the PostgreSQL database ``url``: the game it holds (after a restart), or, if the database
    is empty, a copy of the saved game ``source`` (every turn, its pending commands and MSEL, sealed anew).

    A database holding another game (another scenario or seed) is refused in one line.
    """
    try:
        return open_game(url)
    except AppError as exc:
        if "the database is empty" not in str(exc):
            raise
    with open_game(source, readonly=True) as src:
        if why := src.rules_mismatch():
            raise AppError(f"{src.path}: {why}")
        try:
            gf, _notes = src._file.copy_turns_to(url, upto_turn=src.last_turn, pending=True)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        return Game(gf, src.scenario)


def scenario_from_meta(meta: GameMeta) -> Scenario:
    files = dict(meta.scenario_files or {})
    main = str((meta.variant or {}).get("main_file", "")) or next(iter(files), "scenario.toml")
    text = files.get(main, meta.scenario_text)
    scenario = load_scenario_text(text, name=main, files=files)
    vary = (meta.variant or {}).get("vary")
    if vary:  # a batch run's variations (wargame.app.variations), applied as when it was made
        from wargame.app import variations

        try:
            scenario = variations.apply(scenario, {str(k): str(v) for k, v in dict(vary).items()})
        except AppError as exc:
            raise ScenarioError([Problem("variant.vary", f"the game's variations do not apply: {exc}")]) from exc
    return scenario


def _view(rec: CommandRecord) -> CommandView:
    return CommandView(rec.id, rec.turn, rec.seq, rec.seat, rec.kind, dict(rec.payload), rec.cancelled)


def _bookmark(rec: BookmarkRecord) -> Bookmark:
    return Bookmark(rec.turn, "manual", rec.note or f"bookmark {rec.created_seq}", None, rec.note, rec.id)


def _has_verdict(world: WorldState, key: str) -> bool:
    try:
        return VerdictKey.parse(key) in world.verdicts
    except ValueError:
        return False


class Game:
    """One open saved game."""

    def __init__(self, gf: GameFile, scenario: Scenario) -> None:
        self._file = gf
        self.scenario = scenario
        self._world: WorldState | None = None

    # ------------------------------------------------------------------ basics
    @property
    def path(self) -> Path:
        return Path(self._file.path)

    @property
    def meta(self) -> GameInfo:
        """What this saved game is (scenario, seed, title, lineage, variant), as a read model."""
        m = self._file.meta
        return GameInfo(
            scenario_id=m.scenario_id,
            scenario_name=m.scenario_name,
            scenario_hash=m.scenario_hash,
            seed=m.seed,
            app_version=m.app_version,
            title=m.title,
            parent_path=m.parent_path,
            parent_turn=m.parent_turn,
            variant=dict(m.variant or {}),
            created_turn=m.created_turn,
        )

    @property
    def readonly(self) -> bool:
        """Opened read-only (review): commands, overrides, notes and the MSEL cannot be changed."""
        return self._file.readonly

    @property
    def seed(self) -> int:
        return self._file.meta.seed

    @property
    def last_turn(self) -> int:
        return self._file.last_turn

    def _variant(self) -> dict[str, Any]:
        return self._file.meta.variant or {}

    @property
    def controlled(self) -> frozenset[str]:
        seats = self._variant().get("seats", {}) or {}
        return frozenset(s for s, who in seats.items() if who == "human")

    @property
    def ai_states(self) -> frozenset[str]:
        seats = self._variant().get("seats", {}) or {}
        return frozenset(s for s, who in seats.items() if who == "ai")

    @property
    def difficulty(self) -> str:
        return str(self._variant().get("difficulty", "normal"))

    @property
    def rules_version(self) -> int:
        """The version of the rules the game was made with (games from before versions were recorded: 1)."""
        try:
            return int(self._variant().get("rules_version", 1))
        except (TypeError, ValueError):
            return 0

    def rules_mismatch(self) -> str:
        """Why today's rules cannot play or re-adjudicate this game, or '' when they can."""
        if self.rules_version == RULES_VERSION:
            return ""
        return (
            f"this game was made with version {self.rules_version} of the rules and this wargame plays version "
            f"{RULES_VERSION}: its turns can be reviewed, reported and exported, but not re-adjudicated or continued "
            "(start a new game from the scenario to play under today's rules)"
        )

    def set_variant(self, **changes: Any) -> None:
        """Change entries of the game's variant (settings); written at once, every other entry as it is in the
        file now (never an older copy this process read before)."""
        try:
            self._file.update_variant(changes)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        except ValueError as exc:
            raise AppError(f"cannot change the game's settings: {exc}") from exc

    @contextmanager
    def _writing(self, action: str) -> Iterator[Writer]:
        """One write transaction on the saved game (nested calls share it): see :meth:`GameFile.writing`."""
        try:
            with self._file.writing(action) as w:
                yield w
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Read the game in one read transaction: one consistent state, whatever another process commits meanwhile
        (``verify``, ``show``, ``report`` and ``export`` read this way)."""
        try:
            with self._file.reading():
                yield
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def _damaged(self, what: str, exc: BaseException) -> AppError:
        return AppError(
            f"{self.path}: the saved game is damaged ({what}: {shorten(str(exc), 80)}); "
            "`wargame verify` says what is damaged"
        )

    @property
    def world(self) -> WorldState:
        """The world after the last committed turn."""
        if self._world is None or self._world.turn != self.last_turn:
            self._world = self.world_at(self.last_turn)
        return self._world

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Game:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ commands
    def _record(
        self,
        seat: str,
        kind: CommandKind,
        payload: dict[str, Any],
        check: Callable[[WorldState], None] | None = None,
    ) -> CommandView:
        """Record a command for the next turn, checked (``check``) against the world it will join.

        If another process commits a turn between the check and the write, the command is checked again against
        the new world and recorded for the turn after it; if the game keeps moving, it is refused with a message.
        Either way it is never recorded for a turn that is already resolved.
        """
        if why := self.rules_mismatch():
            raise AppError(why)
        if len(seat) > MAX_NAME_CHARS:
            raise AppError(f"a seat name may have at most {MAX_NAME_CHARS} characters")
        for _attempt in range(3):
            world = self.world
            if check is not None:
                check(world)
            try:
                rec = self._file.add_command(world.turn + 1, seat, kind.value, payload, expect_last=world.turn)
                return _view(rec)
            except StaleTurnError:
                self._world = None
            except SaveFileError as exc:
                raise AppError(str(exc)) from exc
            except ValueError as exc:
                raise AppError(f"cannot record the command: {exc}") from exc
        raise AppError(
            f"{self.path}: the game is being advanced by another process; nothing was recorded "
            "(try again when it has finished)"
        )

    def inject(self, spec: AttackSpec, *, seat: str = "facilitator") -> CommandView:
        """Record an ad-hoc attack for the next turn (checked now: :class:`InjectError` if impossible)."""
        return self._record(
            seat, CommandKind.INJECT, encode(spec), check=lambda world: check_attack(self.scenario, spec, world)
        )

    def decide(self, state: str, action: str, *, seat: str = "facilitator", **fields: Any) -> CommandView:
        """Record a national decision for the next turn (checked now)."""
        for name, value in fields.items():
            if isinstance(value, str) and len(value) > MAX_NAME_CHARS:
                raise InjectError(f"{name} has {len(value):,} characters; the limit is {MAX_NAME_CHARS}")
        return self._record(
            seat,
            CommandKind.DECIDE,
            {"state": state, "action": action, **fields},
            check=lambda _world: self.check_decision(state, action, fields),
        )

    def check_decision(self, state: str, action: str, fields: dict[str, Any]) -> None:
        from wargame.engine.injects import check_state

        check_state(self.scenario, state, "state")
        try:
            act = _Action(action)
        except ValueError:
            raise InjectError(f"unknown action {action!r} (one of {', '.join(a.value for a in _Action)})") from None
        world = self.world
        if world.ended:
            raise InjectError(f"the game has ended ({world.end_reason}); branch it to play on")
        if act in _ABOUT_AN_ATTACK:
            aid = str(fields.get("attack", ""))
            att = world.attacks.get(aid)
            if att is None:
                known = ", ".join(sorted(world.attacks)) or "none yet"
                raise InjectError(f"no attack {aid!r} (attacks: {known})")
            if act in (_Action.REQUEST, _Action.DECLARE) and att.spec.victim != state:
                raise InjectError(f"only the victim ({att.spec.victim}) can {act.value} for {aid}")
            if act is _Action.CLAIM and att.spec.attacker != state:
                raise InjectError(f"{state} did not make {aid}: only its author can claim self-defence for it")
            self._check_crisis_fields(act, state, fields)
        if act is _Action.VOTE:
            draft = world.crisis.council.get(str(fields.get("draft", "")))
            if draft is None or draft.status != "tabled":
                waiting = ", ".join(k for k, c in world.crisis.council.items() if c.status == "tabled") or "none"
                raise InjectError(f"no draft {fields.get('draft')!r} awaiting a vote (awaiting: {waiting})")
            if fields.get("vote") not in ("yes", "no", "abstain"):
                raise InjectError(f"a vote is yes, no or abstain, not {fields.get('vote')!r}")
            seats = self.scenario.crisis.council
            if draft.kind in ("assembly", "debate"):
                raise InjectError(f"{draft.id} is before the General Assembly, not the Council's members")
            if state not in (*seats.permanent, *seats.elected):
                raise InjectError(f"{state} does not sit on the Security Council: it cannot vote on {draft.id}")
        if act in (_Action.MOBILISE, _Action.DEPLOY):
            fid = str(fields.get("force", ""))
            fd = next((f for f in self.scenario.forces if f.id == fid), None)
            if fd is None:
                raise InjectError(f"unknown force {fid!r}")
            if fd.owner != state:
                raise InjectError(f"{fid} belongs to {fd.owner}, not {state}")
            if act is _Action.DEPLOY and str(fields.get("destination", "")) not in self.scenario.locations:
                raise InjectError(f"unknown destination {fields.get('destination')!r}")
        if act is _Action.PERMIT:
            kinds = ("transit", "overflight", "basing", "straits")
            if fields.get("kind") not in kinds:
                raise InjectError(f"unknown permission {fields.get('kind')!r} (one of {', '.join(kinds)})")
            check_state(self.scenario, str(fields.get("beneficiary", "")), "beneficiary")
        if act is _Action.ALERT:
            level = fields.get("level")
            if not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 3:
                raise InjectError(
                    "an alert level is 0 (routine) to 3 (forces dispersed); thresholds are the white cell's"
                )
            if state not in self.scenario.military.nuclear_of:
                raise InjectError(f"{state} has no nuclear posture in this scenario")

    def _check_crisis_fields(self, act: _Action, state: str, fields: dict[str, Any]) -> None:
        """The treaty, article, draft kind or measure a crisis decision names must exist."""
        from wargame.engine.phases.council import DRAFT_KINDS

        treaty, article = str(fields.get("treaty", "") or ""), str(fields.get("article", "") or "")
        if act in (_Action.REQUEST, _Action.CONSULT, _Action.MEASURE) and treaty:
            if (treaty, article) == ("UN", "51") and act is _Action.REQUEST:
                return
            try:
                tr = self.scenario.treaty(treaty)
            except KeyError:
                known = ", ".join(t.id for t in self.scenario.treaties)
                raise InjectError(f"no treaty {treaty!r} (treaties: {known}, or UN 51)") from None
            if article and not any(a.id == article for a in tr.articles):
                raise InjectError(f"{tr.name} has no article {article!r} ({', '.join(a.id for a in tr.articles)})")
            if act is _Action.MEASURE:
                menu = [m.id for m in self.scenario.crisis.measures.get(treaty, ())]
                if str(fields.get("measure", "")) not in menu:
                    raise InjectError(
                        f"no measure {fields.get('measure')!r} for {treaty} ({', '.join(menu) or 'none'})"
                    )
        if act is _Action.TABLE and fields.get("kind") not in DRAFT_KINDS:
            raise InjectError(f"unknown draft {fields.get('kind')!r} ({', '.join(DRAFT_KINDS)})")
        if act is _Action.CLAIM:
            try:
                days = float(fields.get("imminent_days", 0) or 0)
            except (TypeError, ValueError):
                raise InjectError(f"imminent_days must be a number, not {fields.get('imminent_days')!r}") from None
            if days < 0:
                raise InjectError(f"imminent_days must be 0 or more, not {days:g}")

    def evidence(
        self,
        attack: str,
        candidate: str,
        kind: str,
        *,
        intent: str = "",
        description: str = "",
        seat: str = "facilitator",
    ) -> CommandView:
        """Record evidence about an attack's author for the next turn (checked now)."""
        from wargame.engine import EVIDENCE_KINDS, UNKNOWN

        world = self.world
        if attack not in world.attacks:
            known = ", ".join(sorted(world.attacks)) or "none yet"
            raise InjectError(f"no attack {attack!r} (attacks: {known})")
        if candidate not in self.scenario.states and candidate != UNKNOWN:
            from wargame.engine.names import suggest

            raise InjectError(f"unknown candidate {candidate!r}{suggest(candidate, list(self.scenario.states))}")
        if kind not in EVIDENCE_KINDS:
            raise InjectError(f"unknown kind of evidence {kind!r} ({', '.join(EVIDENCE_KINDS)})")
        if intent and intent not in ("deliberate", "reckless", "accidental"):
            raise InjectError(f"unknown intent {intent!r} (deliberate, reckless, accidental)")
        payload = {"attack": attack, "candidate": candidate, "kind": kind}
        if intent:
            payload["intent"] = intent
        if description:
            payload["description"] = description
        return self._record(seat, CommandKind.EVIDENCE, payload)

    def override(
        self, target: str, key: str, value: Any, rationale: str, *, seat: str = "facilitator"
    ) -> CommandRecord:
        """A white-cell override for the next turn; the rationale is mandatory."""
        from wargame.engine.commands import OVERRIDE_TARGETS

        if not isinstance(rationale, str) or not rationale.strip():
            raise InjectError("an override needs a rationale: say why the model is overruled")
        if len(rationale) > MAX_TEXT_CHARS:
            raise InjectError(f"the rationale has {len(rationale):,} characters; the limit is {MAX_TEXT_CHARS:,}")
        if target not in OVERRIDE_TARGETS:
            raise InjectError(f"unknown override target {shorten(target)} (one of {', '.join(OVERRIDE_TARGETS)})")
        if target in ("opinion", "budget"):
            try:
                value = float(value)
            except (TypeError, ValueError, OverflowError):
                raise InjectError(f"{target} needs a number, not {shorten(value)}") from None
            high = 100.0 if target == "opinion" else MAX_BUDGET_MUSD
            what = "support" if target == "opinion" else "a budget (US$ million)"
            if problem := number_problem(value, what, 0.0, high):
                raise InjectError(problem)

        def check(world: WorldState) -> None:
            self._check_override(world, target, str(key), value)

        return self._record(
            seat,
            CommandKind.OVERRIDE,
            {"target": target, "key": key, "value": value, "rationale": rationale.strip()},
            check=check,
        )

    def script(self, turns: dict[str, int], *, seat: str = "facilitator") -> CommandView:
        """Reschedule the scenario's own injects from the next turn on: serial → the turn it fires on (0 holds it
        back, -1 skips it). Checked now: a serial the scenario lacks, or one that has fired, is refused."""
        serials = {i.serial: i for i in self.scenario.injects}
        if not isinstance(turns, dict) or not turns:
            raise InjectError("name the scenario injects to reschedule (serial → turn, 0 to hold, -1 to skip)")

        def check(world: WorldState) -> None:
            due = scripted_turns(self, world)
            last = world.turn
            for serial, turn in turns.items():
                if serial not in serials:
                    known = ", ".join(sorted(serials)) or "none"
                    raise InjectError(f"the scenario has no inject with serial {shorten(serial)} (serials: {known})")
                if not isinstance(turn, int) or isinstance(turn, bool) or turn < -1 or 0 < turn <= last:
                    raise InjectError(
                        f"serial {serial}: a turn from {last + 1} on, 0 (hold back) or -1 (skip), not {shorten(turn)}"
                    )
                if turn > self.scenario.max_turns:
                    raise InjectError(
                        f"serial {serial}: turn {turn} is after the last turn ({self.scenario.max_turns})"
                    )
                if 0 < due[serial] <= last:
                    raise InjectError(f"scenario inject {serial} has already fired (turn {due[serial]})")

        return self._record(seat, CommandKind.SCRIPT, {"turns": {str(k): v for k, v in turns.items()}}, check)

    def _check_override(self, world: WorldState, target: str, key: str, value: Any) -> None:
        """An override's key and value are checked when it is entered (not only when its turn resolves)."""
        from .overrides import override_values

        if target in ("verdict", "collective") and not _has_verdict(world, key):
            raise InjectError(
                f"no verdict {shorten(key)} yet (e.g. {next(iter(sorted(map(str, world.verdicts))), 'NATO:5:A1')})"
            )
        if target in ("opinion", "budget") and key not in world.nations:
            raise InjectError(f"unknown state {shorten(key)}")
        if target == "control" and key not in self.scenario.locations:
            raise InjectError(f"unknown location {shorten(key)}")
        if target == "attribution":
            if key not in world.attacks:
                known = ", ".join(sorted(world.attacks)) or "none yet"
                raise InjectError(f"no attack {shorten(key)} (attacks: {known})")
            if value != "NONE" and value not in self.scenario.states:
                raise InjectError(
                    f"unknown attacker {shorten(value)} (a state or actor id, or NONE: no attack took place)"
                )
        if target == "decision":
            state, _, attack = key.partition(":")
            if state not in world.nations or attack not in world.attacks:
                raise InjectError(f"a decision override's key is STATE:ATTACK of this game, not {shorten(key)}")
        if target in ("verdict", "collective", "decision", "control"):
            allowed = [v for v, _label in override_values(self, target)]
            if value not in allowed:
                raise InjectError(f"{target} cannot be set to {shorten(value)} (one of {', '.join(allowed)})")

    def note(self, text: str, *, seat: str = "facilitator") -> CommandView:
        """Record a facilitator's note for the next turn (shown in the log, review and the report)."""
        if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
            raise AppError(f"a note may have at most {MAX_TEXT_CHARS:,} characters")
        return self._record(seat, CommandKind.NOTE, {"text": text})

    def pending(self) -> list[CommandView]:
        """Commands recorded for the next turn, not cancelled, in the order they were made."""
        return [_view(r) for r in self._file.pending_commands()]

    def commands(self, turn: int | None = None, *, include_cancelled: bool = False) -> list[CommandView]:
        """Recorded commands (of one ``turn``, or all), ordered by turn; cancelled ones only if asked."""
        return [_view(r) for r in self._file.commands(turn, include_cancelled=include_cancelled)]

    def cancel(self, command_id: int) -> None:
        """Cancel a pending command (undo); :class:`AppError` if its turn is committed."""
        try:
            self._file.cancel_command(command_id)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        except OverflowError:
            raise AppError(f"there is no command #{shorten(command_id)}") from None

    def restore(self, command_id: int) -> None:
        """Restore a cancelled pending command (redo)."""
        try:
            self._file.restore_command(command_id)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        except OverflowError:
            raise AppError(f"there is no command #{shorten(command_id)}") from None

    @staticmethod
    def to_command(rec: CommandRecord) -> Command:
        return Command(CommandKind(rec.kind), rec.turn, dict(rec.payload), rec.seat)

    # ------------------------------------------------------------------ turns
    def advance(
        self,
        turns: int = 1,
        *,
        progress: ProgressFn | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> list[TurnSummary]:
        """Resolve ``turns`` turns, each committed in its own transaction.

        Each turn: the MSEL rows due fire (each row with its inject, in one short transaction); the world and the
        turn's commands are read; the turn is resolved without holding the write lock; it commits only if its
        commands (and the MSEL rows due) are still those it was resolved with, else it is resolved again with the
        new ones (a command another process records meanwhile joins this turn). After a few tries the write lock is
        held through the resolution. If another process commits a turn meanwhile, the advance stops with a message.
        """
        if turns < 1:
            raise AppError(f"the number of turns must be 1 or more, not {turns}")
        if why := self.rules_mismatch():
            raise AppError(why)
        out: list[TurnSummary] = []
        start = self.last_turn
        for i in range(turns):
            summary = self._advance_one(start + len(out), done=len(out))
            if summary is None:
                if not out:
                    w = self.world
                    raise AppError(f"the game has ended ({w.end_reason}); branch it to play on")
                break
            out.append(summary)
            if progress:
                progress(i + 1, turns)
            if should_stop and should_stop():
                break
        return out

    def _advance_one(self, expected: int, *, done: int) -> TurnSummary | None:
        """Resolve and commit the turn after ``expected`` (see :meth:`advance`); None if the game has ended."""
        from wargame.app import msel

        for attempt in range(ADVANCE_TRIES):
            locked = attempt == ADVANCE_TRIES - 1
            with self._writing("advance the game") if locked else nullcontext():
                msel.schedule_due(self)
                with self.reading():
                    world = self.world
                    if world.turn != expected:
                        raise self._moved_on(world.turn, done)
                    if world.ended:
                        return None
                    t = world.turn + 1
                    recs = self._file.commands(t, include_cancelled=True)
                    seats = (self.controlled, self.ai_states, self.difficulty)
                cmds = [self.to_command(r) for r in recs if not r.cancelled]
                rec = resolve_turn(self.scenario, world, cmds, self.seed, *seats)
                data = encode(rec.world)  # once: for the snapshot rows and the hash
                h = state_hash(data)
                summary = summarise(rec, self.scenario, h)
                with self._writing("advance the game") as w:
                    if w.last_turn != world.turn:
                        raise self._moved_on(w.last_turn, done)
                    now = [(c.id, c.cancelled) for c in w.commands(t, include_cancelled=True)]
                    if now != [(c.id, c.cancelled) for c in recs] or w.msel_due(t):
                        continue  # a command came or went, or an MSEL row became due, while resolving: again
                    w.commit_turn(
                        t,
                        events=[EventRecord(e.turn, e.seq, e.kind.value, e.subject, encode(e)) for e in rec.events],
                        snapshot=world_to_snapshot(data),
                        state_hash=h,
                        summary=encode(summary),
                    )
            self._world = rec.world
            return summary
        raise AppError(f"{self.path}: turn could not be resolved: its commands kept changing")  # pragma: no cover

    def _moved_on(self, last: int, done: int) -> AppError:
        self._world = None
        return AppError(
            f"{self.path}: the game is being advanced by another process (it is at turn {last} now); "
            f"this advance stopped after {done} turn(s)"
        )

    # ------------------------------------------------------------------ read models
    def check_turn(self, turn: int) -> int:
        if not 0 <= turn <= self.last_turn:
            raise AppError(f"turn {turn} does not exist (this game has turns 0 to {self.last_turn})")
        return turn

    def world_at(self, turn: int) -> WorldState:
        self.check_turn(turn)
        snap = self._file.snapshot(turn)
        try:
            return snapshot_to_world(snap)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise self._damaged(f"the state at turn {turn}", exc) from None

    def events(
        self, turn: int | None = None, *, kinds: Iterable[str] | None = None, from_turn: int | None = None
    ) -> list[Event]:
        """Events of one ``turn``, or of every turn (from ``from_turn`` on), optionally of some kinds."""
        if turn is not None:
            self.check_turn(turn)
        recs = self._file.events(turn, kinds=list(kinds) if kinds else None, from_turn=from_turn)
        out = []
        for r in recs:
            try:
                out.append(decode(Event, r.payload))
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise self._damaged(f"event {r.seq} of turn {r.turn}", exc) from None
        return out

    def event_rows(
        self, turn: int | None = None, *, kinds: Iterable[str] | None = None, from_turn: int | None = None
    ) -> list[EventRow]:
        """Stored events as recorded (their dicts, not decoded), ordered by (turn, seq)."""
        recs = self._file.events(turn, kinds=list(kinds) if kinds is not None else None, from_turn=from_turn)
        return [EventRow(r.turn, r.seq, r.kind, r.subject, r.payload) for r in recs]

    def hashes(self) -> dict[int, str]:
        """The stored state hash of every committed turn."""
        return self._file.hashes()

    # ------------------------------------------------------------------ bookmarks set by hand
    def manual_bookmarks(self) -> list[Bookmark]:
        """Bookmarks set by hand, ordered by (turn, the order they were made)."""
        try:
            return [_bookmark(r) for r in self._file.bookmarks()]
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def add_bookmark(self, turn: int, note: str) -> Bookmark:
        """Store a bookmark at a committed ``turn`` (the game must be open for writing)."""
        self.check_turn(turn)
        try:
            return _bookmark(self._file.add_bookmark(turn, note))
        except (SaveFileError, ValueError) as exc:
            raise AppError(str(exc)) from exc

    def remove_bookmark(self, bookmark_id: int) -> None:
        """Delete a bookmark set by hand."""
        try:
            self._file.remove_bookmark(bookmark_id)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    # ------------------------------------------------------------------ hotwash rows (see wargame.app.hotwash)
    def hotwash_items(self, kind: str) -> list[dict[str, Any]]:
        """Stored hotwash rows of ``kind`` (observation, action, feedback); use :mod:`wargame.app.hotwash`."""
        try:
            return self._file.hotwash_items(kind)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def add_hotwash_items(self, kind: str, items: list[dict[str, Any]]) -> list[int]:
        """Store checked hotwash rows in one transaction (all or none); returns their ids."""
        try:
            return self._file.add_hotwash_items(kind, items)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def update_hotwash_item(self, kind: str, item_id: int, values: dict[str, Any]) -> None:
        try:
            self._file.update_hotwash_item(kind, item_id, values)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def remove_hotwash_item(self, kind: str, item_id: int) -> None:
        try:
            self._file.remove_hotwash_item(kind, item_id)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def summaries(self) -> dict[int, TurnSummary]:
        out = {}
        for t, d in self._file.turn_summaries().items():
            try:
                out[t] = decode(TurnSummary, d)
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                raise self._damaged(f"the summary of turn {t}", exc) from None
        return out

    def series(self, kind: str, key: str, field_name: str) -> list[tuple[int, Any]]:
        return self._file.series(kind, key, field_name)

    def date_of(self, turn: int) -> dt.date:
        return self.scenario.date_of(turn)

    def score(self, turn: int | None = None) -> list[ObjectiveResult]:
        """The scenario's objectives judged at ``turn`` (default: the last), each with its reason."""
        world = self.world if turn is None else self.world_at(turn)
        return score_objectives(self.scenario, world)

    # ------------------------------------------------------------------ branch & verify
    def branch(self, turn: int, out_path: str | Path, *, overwrite: bool = False) -> Game:
        """A new saved game holding turns 0..``turn`` of this one; play continues from there."""
        self.check_turn(turn)
        from .files import check_output

        out = Path(out_path)
        if out.absolute() == self.path or (out.exists() and out.resolve() == self.path.resolve()):
            raise AppError("the branch must go to a new file, not the game itself")
        out = check_output(out, force=overwrite, inputs=[self.path], what="branch", game=True)
        try:
            gf = self._file.copy_to(
                out,
                upto_turn=turn,
                meta_updates={"parent_path": str(self.path), "parent_turn": turn},
                overwrite=overwrite,
            )
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        return Game(gf, self.scenario)

    def save_as(self, out_path: str | Path, *, overwrite: bool = False) -> Game:
        """Copy the game, its pending commands too, to a new file and return it (play goes on there)."""
        new = self.branch(self.last_turn, out_path, overwrite=overwrite)
        try:
            for rec in self.pending():
                p = dict(rec.payload)
                if rec.kind == CommandKind.INJECT.value:
                    new.inject(decode(AttackSpec, p), seat=rec.seat)
                elif rec.kind == CommandKind.DECIDE.value:
                    new.decide(p.pop("state"), p.pop("action"), seat=rec.seat, **p)
                elif rec.kind == CommandKind.OVERRIDE.value:
                    new.override(p["target"], p["key"], p["value"], p["rationale"], seat=rec.seat)
                elif rec.kind == CommandKind.SCRIPT.value:
                    new.script(dict(p.get("turns", {})), seat=rec.seat)
                elif rec.kind == CommandKind.EVIDENCE.value:
                    new.evidence(
                        p["attack"],
                        p["candidate"],
                        p["kind"],
                        intent=p.get("intent", ""),
                        description=p.get("description", ""),
                        seat=rec.seat,
                    )
                else:
                    new.note(str(p.get("text", "")), seat=rec.seat)
        except BaseException:
            new.close()
            raise
        return new

    @property
    def hosted(self) -> bool:
        """The game lives in a PostgreSQL database (a hosted exercise), not in a saved-game file."""
        return self._file.url is not None

    def export(self, out_path: str | Path, *, overwrite: bool = False) -> Path:
        """Write the whole game (every turn, the pending commands, the MSEL and bookmarks) to a new saved-game file
        for review and reports; a hosted game's rows are copied and sealed anew there, so ``verify`` checks it."""
        from .files import check_output

        out = check_output(
            out_path, force=overwrite, inputs=[] if self.hosted else [self.path], what="export", game=True
        )
        try:
            with self.reading():
                copy, _notes = self._file.copy_turns_to(
                    out, upto_turn=self.last_turn, pending=True, overwrite=overwrite
                )
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        copy.close()
        return Path(out)

    def verify(self, *, progress: ProgressFn | None = None) -> VerifyReport:
        """Check the file and re-adjudicate the game, in one read transaction (a game advancing in another process
        meanwhile gives no false result):

        * the file's integrity: the whole chain of commands, events, snapshots and turns, the seals of the game
          description, the MSEL and bookmarks, and SQLite's full structure check;
        * the MSEL: each fired row has exactly one inject command, and each MSEL inject was fired by one row;
        * when the game was made with today's rules: every turn re-adjudicated from the scenario and the commands,
          compared with the stored state hash, events, snapshot and summary.

        The report names what is damaged and the last turn that can be trusted (``trusted_until``).
        """
        with self.reading():
            return self._verify(progress)

    def _verify(self, progress: ProgressFn | None) -> VerifyReport:
        from wargame.app import msel

        last = self.last_turn
        report = VerifyReport(ok=True, turns=last)
        integ = self._file.check_integrity()
        report.damage = [d.what for d in integ.damage]
        report.description_ok, report.pending_ok = integ.description_ok, integ.pending_ok
        bad: list[int] = [integ.first_bad_turn] if integ.first_bad_turn is not None else []
        origin = integ.origin
        if origin.get("how") == "upgraded":
            report.checked.append(
                f"the integrity chain, which began when the file was upgraded from schema {origin.get('from', '?')}: "
                f"turns 0 to {origin.get('last_turn', '?')} were sealed as they were found then, so the chain proves "
                "they have not changed since, not that they were intact before (re-adjudication checks them)"
            )
        else:
            report.checked.append(
                "the integrity chain of every command, event, snapshot and turn since the file was made"
            )
        report.checked.append("the seals of the game description, the MSEL and the bookmarks, and SQLite's structure")
        try:
            problems = msel.consistency(self)
        except (AppError, SaveFileError) as exc:
            problems = [(None, f"the MSEL cannot be checked ({shorten(str(exc), 100)})")]
        report.msel_problems = [text for _turn, text in problems]
        bad += [t for t, _text in problems if isinstance(t, int) and t <= last]
        report.checked.append("that each fired MSEL row has exactly one inject command")
        if not report.description_ok:
            report.not_checked.append("re-adjudication: the game description (scenario, seed, settings) is damaged")
        elif why := self.rules_mismatch():
            report.rules_changed = why
            report.not_checked.append(f"re-adjudication: {why}")
        else:
            bad += self._replay(report, progress)
            report.checked.append(
                f"re-adjudication of turns 1 to {last} from the scenario and the commands (state hashes, events, "
                "snapshots and summaries)"
            )
        first = min(bad) if bad else None
        report.first_damaged_turn = first
        report.trusted_until = -1 if not report.description_ok else (last if first is None else first - 1)
        report.ok = not (
            report.damage
            or report.mismatches
            or report.event_mismatches
            or report.snapshot_mismatches
            or report.summary_mismatches
            or report.msel_problems
            or report.rules_changed
        )
        return report

    def _replay(self, report: VerifyReport, progress: ProgressFn | None) -> list[int]:
        """Re-adjudicate every turn and compare it with the file; returns the turns that differ."""
        bad: list[int] = []
        last = report.turns
        stored = self._file.hashes()
        summaries = self._file.turn_summaries()
        world = initial_world(self.scenario)
        if self.meta.parent_turn is None:
            h0 = state_hash(world)
            if stored.get(0) != h0:
                report.mismatches.append(HashMismatch(0, stored.get(0, ""), h0))
                bad.append(0)
            if not self._same_snapshot(0, world):
                report.snapshot_mismatches.append(0)
                bad.append(0)
        for t in range(1, last + 1):
            try:
                cmds = [self.to_command(r) for r in self._file.commands(t)]
            except (SaveFileError, TypeError, ValueError, KeyError) as exc:
                report.damage.append(f"turn {t}: its commands cannot be read ({shorten(str(exc), 100)})")
                bad.append(t)
                break
            rec = resolve_turn(self.scenario, world, cmds, self.seed, self.controlled, self.ai_states, self.difficulty)
            if stored.get(t) != rec.state_hash:
                report.mismatches.append(HashMismatch(t, stored.get(t, ""), rec.state_hash))
            try:
                theirs = [r.payload for r in self._file.events(t)]
            except SaveFileError:
                theirs = None
            if theirs is None or _canon([encode(e) for e in rec.events]) != _canon(theirs):
                report.event_mismatches.append(t)
            if not self._same_snapshot(t, rec.world):
                report.snapshot_mismatches.append(t)
            mine = encode(summarise(rec, self.scenario, rec.state_hash))
            if t not in summaries or _canon(mine) != _canon(summaries[t]):
                report.summary_mismatches.append(t)
            if (
                report.mismatches and report.mismatches[-1].turn == t
            ) or t in report.event_mismatches + report.snapshot_mismatches + report.summary_mismatches:
                bad.append(t)
            world = rec.world
            if progress:
                progress(t, last)
        return bad

    def _same_snapshot(self, turn: int, world: WorldState) -> bool:
        """Whether the state stored for ``turn`` is the re-adjudicated ``world`` (entity by entity)."""
        try:
            stored = self._file.snapshot(turn)
        except SaveFileError:
            return False
        mine = {k: v for k, v in world_to_snapshot(world).items() if v}
        return _canon(mine) == _canon({k: v for k, v in stored.items() if v})


def _canon(value: Any) -> str:
    """One JSON text of a value (lists and tuples alike), for comparing stored and re-adjudicated data."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def recover_game(
    path: str | Path, out_path: str | Path, *, overwrite: bool = False, progress: ProgressFn | None = None
) -> Recovered:
    """Write the turns of a (damaged) saved game that can be trusted to a new file; the damaged file is only read.

    The trusted turns are those before the first damaged or mismatching turn that :meth:`Game.verify` finds. The
    new file holds them (their commands, events, snapshots, hashes and summaries), its own fresh integrity chain,
    the MSEL rows and bookmarks whose seals hold, and the pending commands if nothing is missing; play continues
    from its last turn. :class:`AppError` if nothing can be trusted (the game description is damaged).
    """
    from .files import check_output

    out = check_output(out_path, force=overwrite, inputs=[path], what="recovered game", game=True)
    game = open_game(path, inspect=True)
    with game:
        rep = game.verify(progress=progress)
        if not rep.description_ok:
            raise AppError(
                f"{path}: the game description (scenario, seed and settings) is damaged, so nothing in the file "
                "can be trusted; start a new game from the scenario"
            )
        if rep.trusted_until < 0:
            raise AppError(f"{path}: not even turn 0 can be trusted; start a new game from the scenario")
        upto = rep.trusted_until
        pending = upto == game.last_turn and rep.pending_ok
        variant = dict(game._file.meta.variant or {})
        variant["recovered_from"] = {"file": game.path.name, "turns": upto, "of_turns": game.last_turn}
        try:
            gf, notes = game._file.copy_turns_to(
                out, upto_turn=upto, pending=pending, meta_updates={"variant": variant}, overwrite=overwrite
            )
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc
        gf.close()
        if upto < game.last_turn:
            notes.insert(0, f"turns {upto + 1} to {game.last_turn} were left out (they cannot be trusted)")
        if not pending and game.pending():
            notes.append("the commands recorded for the next turn were left out")
        return Recovered(out, upto, game.last_turn, pending, notes)
