"""Use cases shared by the desktop application and the command line.

A :class:`Game` wraps one saved-game file: it records commands, resolves turns with the engine
and commits each turn in one transaction, and serves read models for any turn. Errors a user
can cause come out as :class:`AppError` with a one-line message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
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
from wargame.engine.objectives import ObjectiveResult
from wargame.engine.objectives import score as score_objectives
from wargame.scenario import Problem, ScenarioError
from wargame.store import BookmarkRecord, CommandRecord, EventRecord, GameMeta, SaveFileError

from .models import Bookmark, CommandView, EventRow, GameInfo

if TYPE_CHECKING:
    from wargame.store import GameFile


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
    "TurnSummary",
    "VerifyReport",
    "new_game",
    "open_game",
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

ProgressFn = Callable[[int, int], None]
"""Called with (done, total) after each turn of a long operation."""


class AppError(Exception):
    """A user-facing error with a one-line message."""


# ------------------------------------------------------------------------------------------
# World <-> snapshot rows
# ------------------------------------------------------------------------------------------


def world_to_snapshot(world: WorldState | dict[str, Any]) -> dict[str, dict[str, dict[str, Any]]]:
    """Split the world (or its ``encode(world)``) into per-entity rows (kind → key → payload) for the saved game."""
    d = world if isinstance(world, dict) else encode(world)
    return {
        "world": {
            "_": {
                k: d[k]
                for k in ("turn", "ended", "end_reason", "next_attack", "overrides", "ai", "crisis", "script")
                if k in d
            }
        },
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


def scripted_turns(game: Game) -> dict[str, int]:
    """Each scenario inject's turn as things stand for the next turn: the scenario's, as the facilitator rescheduled
    it (0 held back, -1 skipped), pending changes included."""
    out = {i.serial: game.world.script.get(i.serial, i.turn) for i in game.scenario.injects}
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
    ok: bool
    turns: int
    mismatches: list[HashMismatch] = field(default_factory=list)
    event_mismatches: list[int] = field(default_factory=list)
    rules_changed: str = ""
    """Why the game cannot be re-adjudicated: it was made with another version of the rules ('' if it can)."""


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
    try:
        gf = _store_pkg.GameFile.create(out_path, meta, overwrite=overwrite)
    except SaveFileError as exc:
        raise AppError(str(exc)) from exc
    game = Game(gf, scenario)
    world = initial_world(scenario)
    gf.commit_turn(
        0,
        events=[],
        snapshot=world_to_snapshot(world),
        state_hash=state_hash(world),
        summary=encode(TurnSummary(0, scenario.start_date.isoformat(), state_hash(world), {}, ["The game begins."])),
    )
    game._world = world
    return game


def open_game(path: str | Path, *, readonly: bool = False) -> Game:
    """Open a saved game; older files are backed up and migrated, bad files give :class:`AppError`."""
    try:
        gf = _store_pkg.GameFile.open(path, readonly=readonly)
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
        """Change entries of the game's variant (e.g. ``msel=[...]``); written at once."""
        variant = dict(self._variant())
        variant.update(changes)
        try:
            self._file.set_meta(variant=variant)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

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
    def _record(self, seat: str, kind: CommandKind, payload: dict[str, Any]) -> CommandView:
        if why := self.rules_mismatch():
            raise AppError(why)
        try:
            return _view(self._file.add_command(self.last_turn + 1, seat, kind.value, payload))
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

    def inject(self, spec: AttackSpec, *, seat: str = "facilitator") -> CommandView:
        """Record an ad-hoc attack for the next turn (checked now: :class:`InjectError` if impossible)."""
        check_attack(self.scenario, spec, self.world)
        return self._record(seat, CommandKind.INJECT, encode(spec))

    def decide(self, state: str, action: str, *, seat: str = "facilitator", **fields: Any) -> CommandView:
        """Record a national decision for the next turn (checked now)."""
        self.check_decision(state, action, fields)
        return self._record(seat, CommandKind.DECIDE, {"state": state, "action": action, **fields})

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

        if not rationale or not rationale.strip():
            raise InjectError("an override needs a rationale: say why the model is overruled")
        if target not in OVERRIDE_TARGETS:
            raise InjectError(f"unknown override target {target!r} (one of {', '.join(OVERRIDE_TARGETS)})")
        world = self.world
        if target in ("verdict", "collective") and not _has_verdict(world, key):
            raise InjectError(f"no verdict {key!r} yet (e.g. {next(iter(sorted(world.verdicts)), 'NATO:5:A1')})")
        if target in ("opinion", "budget") and key not in world.nations:
            raise InjectError(f"unknown state {key!r}")
        if target == "control" and key not in self.scenario.locations:
            raise InjectError(f"unknown location {key!r}")
        if target == "attribution":
            if key not in world.attacks:
                known = ", ".join(sorted(world.attacks)) or "none yet"
                raise InjectError(f"no attack {key!r} (attacks: {known})")
            if value != "NONE" and value not in self.scenario.states:
                raise InjectError(f"unknown attacker {value!r} (a state or actor id, or NONE: no attack took place)")
        if target in ("opinion", "budget"):
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise InjectError(f"{target} needs a number, not {value!r}") from None
            if target == "opinion" and not 0 <= value <= 100:
                raise InjectError(f"support must be between 0 and 100, not {value:g}")
        return self._record(
            seat, CommandKind.OVERRIDE, {"target": target, "key": key, "value": value, "rationale": rationale.strip()}
        )

    def script(self, turns: dict[str, int], *, seat: str = "facilitator") -> CommandView:
        """Reschedule the scenario's own injects from the next turn on: serial → the turn it fires on (0 holds it
        back, -1 skips it). Checked now: a serial the scenario lacks, or one that has fired, is refused."""
        serials = {i.serial: i for i in self.scenario.injects}
        due = scripted_turns(self)
        nxt = self.last_turn + 1
        for serial, turn in turns.items():
            if serial not in serials:
                known = ", ".join(sorted(serials)) or "none"
                raise InjectError(f"the scenario has no inject with serial {serial!r} (serials: {known})")
            if not isinstance(turn, int) or isinstance(turn, bool) or turn < -1 or (turn > 0 and turn < nxt):
                raise InjectError(f"serial {serial}: a turn from {nxt} on, 0 (hold back) or -1 (skip), not {turn!r}")
            if 0 < due[serial] <= self.last_turn:
                raise InjectError(f"scenario inject {serial} has already fired (turn {due[serial]})")
        return self._record(seat, CommandKind.SCRIPT, {"turns": {str(k): int(v) for k, v in turns.items()}})

    def note(self, text: str, *, seat: str = "facilitator") -> CommandView:
        """Record a facilitator's note for the next turn (shown in the log, review and the report)."""
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

    def restore(self, command_id: int) -> None:
        """Restore a cancelled pending command (redo)."""
        try:
            self._file.restore_command(command_id)
        except SaveFileError as exc:
            raise AppError(str(exc)) from exc

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
        """Resolve ``turns`` turns, each committed in its own transaction."""
        if turns < 1:
            raise AppError(f"the number of turns must be 1 or more, not {turns}")
        if why := self.rules_mismatch():
            raise AppError(why)
        out: list[TurnSummary] = []
        for i in range(turns):
            world = self.world
            if world.ended:
                if not out:
                    raise AppError(f"the game has ended ({world.end_reason}); branch it to play on")
                break
            t = world.turn + 1
            from wargame.app import msel

            msel.schedule_due(self)
            cmds = [self.to_command(r) for r in self._file.commands(t)]
            rec = resolve_turn(self.scenario, world, cmds, self.seed, self.controlled, self.ai_states, self.difficulty)
            data = encode(rec.world)  # once: for the snapshot rows and the hash
            h = state_hash(data)
            summary = summarise(rec, self.scenario, h)
            self._file.commit_turn(
                t,
                events=[EventRecord(e.turn, e.seq, e.kind.value, e.subject, encode(e)) for e in rec.events],
                snapshot=world_to_snapshot(data),
                state_hash=h,
                summary=encode(summary),
            )
            self._world = rec.world
            out.append(summary)
            if progress:
                progress(i + 1, turns)
            if should_stop and should_stop():
                break
        return out

    # ------------------------------------------------------------------ read models
    def check_turn(self, turn: int) -> int:
        if not 0 <= turn <= self.last_turn:
            raise AppError(f"turn {turn} does not exist (this game has turns 0 to {self.last_turn})")
        return turn

    def world_at(self, turn: int) -> WorldState:
        self.check_turn(turn)
        return snapshot_to_world(self._file.snapshot(turn))

    def events(
        self, turn: int | None = None, *, kinds: Iterable[str] | None = None, from_turn: int | None = None
    ) -> list[Event]:
        """Events of one ``turn``, or of every turn (from ``from_turn`` on), optionally of some kinds."""
        if turn is not None:
            self.check_turn(turn)
        recs = self._file.events(turn, kinds=list(kinds) if kinds else None, from_turn=from_turn)
        return [decode(Event, r.payload) for r in recs]

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
        return {t: decode(TurnSummary, d) for t, d in self._file.turn_summaries().items()}

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
        out = Path(out_path)
        if out.resolve() == self.path.resolve():
            raise AppError("the branch must go to a new file, not the game itself")
        if out.exists() and not overwrite:
            raise AppError(f"{out} already exists; choose another name")
        try:
            gf = self._file.copy_to(
                out, upto_turn=turn, meta_updates={"parent_path": str(self.path), "parent_turn": turn}
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

    def verify(self, *, progress: ProgressFn | None = None) -> VerifyReport:
        """Re-adjudicate every turn from the scenario and the commands; compare hashes and events."""
        if why := self.rules_mismatch():
            return VerifyReport(ok=False, turns=self.last_turn, rules_changed=why)
        stored = self._file.hashes()
        world = initial_world(self.scenario)
        report = VerifyReport(ok=True, turns=self.last_turn)
        h0 = state_hash(world)
        if stored.get(0) != h0 and self.meta.parent_turn is None:
            report.mismatches.append(HashMismatch(0, stored.get(0, ""), h0))
        for t in range(1, self.last_turn + 1):
            cmds = [self.to_command(r) for r in self._file.commands(t)]
            rec = resolve_turn(self.scenario, world, cmds, self.seed, self.controlled, self.ai_states, self.difficulty)
            if stored.get(t) != rec.state_hash:
                report.mismatches.append(HashMismatch(t, stored.get(t, ""), rec.state_hash))
            mine = [encode(e) for e in rec.events]
            theirs = [r.payload for r in self._file.events(t)]
            if mine != theirs:
                report.event_mismatches.append(t)
            world = rec.world
            if progress:
                progress(t, self.last_turn)
        report.ok = not report.mismatches and not report.event_mismatches
        return report
