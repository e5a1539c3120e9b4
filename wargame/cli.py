"""The ``wargame`` command line: the same use cases as the desktop application.

Human-readable output by default, ``--json`` for machines. Every wrong argument gives a one-line
error and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from wargame import cli_args

EXIT_USAGE = 2
EXIT_FAILED = 1


def _encode(value: Any) -> Any:
    """The JSON form of a value of the game (the codec of :mod:`wargame.app.types`; imported when needed,
    so that ``wargame --help`` stays quick)."""
    from wargame.app.types import encode

    return encode(value)


class CliError(Exception):
    """A one-line error for the user."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message} (see '{self.prog} --help')")


# ------------------------------------------------------------------------------------------
# Argument types
# ------------------------------------------------------------------------------------------


# The types live in wargame.cli_args (shared with every command; each number bounded and finite, each text and
# path bounded in length); the names below are kept for the commands that use them.
_nonneg_int = cli_args.nonneg_int
_pos_int = cli_args.pos_int
_nonneg_float = cli_args.number(0.0, 10_000_000.0, "a number")
_probability = cli_args.probability
_date = cli_args.date
_seed = cli_args.seed


def resolve_scenario(arg: str) -> Path:
    """A scenario path, or the name of a bundled scenario (``demo``)."""
    from wargame.app import scenarios

    return scenarios.resolve(arg)


def existing_game(arg: str) -> Path:
    """A saved game named on the command line: it must exist and be a file."""
    shown = cli_args.cut(arg, 160)
    try:
        cli_args.path(arg)
        p = Path(arg)
        if not p.exists():
            raise CliError(f"no saved game {shown!r}")
        if p.is_dir():
            raise CliError(f"{shown!r} is a folder, not a saved game")
    except (OSError, argparse.ArgumentTypeError) as exc:
        raise CliError(f"no saved game {shown!r} ({getattr(exc, 'strerror', None) or exc})") from None
    return p


# ------------------------------------------------------------------------------------------
# Parser
# ------------------------------------------------------------------------------------------


KINDS = [
    "invasion",
    "strike",
    "missile",
    "naval",
    "air",
    "shelling",
    "cyber",
    "terrorist",
    "hybrid",
    "gray_zone",
    "airspace_violation",
    "threat",
]


DECISIONS = [
    "declare",
    "request",
    "consult",
    "notify",
    "stance",
    "table",
    "vote",
    "uniting",
    "claim",
    "measure",
    "mobilise",
    "deploy",
    "supplemental",
    "decline",
    "permit",
    "alert",
]
"""The decisions a seat can take (``wargame decide --action``)."""
EVIDENCE = ["acknowledgement", "claim", "radar", "forensics", "intercepts", "briefing", "report", "denial"]


def _attack_options(p: argparse.ArgumentParser) -> None:
    ident = cli_args.identifier
    p.add_argument("--attacker", required=True, type=ident, help="ISO3 code of the attacker (or a non-state actor id)")
    p.add_argument("--victim", required=True, type=ident, help="ISO3 code of the victim")
    p.add_argument("--location", required=True, type=ident, help="ISO3 code or a location id (see locations.csv)")
    p.add_argument("--kind", required=True, choices=KINDS, metavar="KIND", help=f"one of: {', '.join(KINDS)}")
    p.add_argument("--target", choices=["territory", "forces"], default="territory")
    p.add_argument("--casualties", type=cli_args.casualties, default=0)
    p.add_argument("--damage", type=cli_args.damage, default=0.0, help="damage in US$ million")
    p.add_argument("--attribution", type=_probability, default=1.0, help="confidence in the attacker, 0..1")
    p.add_argument("--victim-initiated", action="store_true", help="the victim started the hostilities")
    p.add_argument("--no-request", action="store_true", help="the victim does not (yet) request assistance")
    p.add_argument("--description", default="", type=cli_args.long_text)
    p.add_argument("--intent", choices=["deliberate", "reckless", "accidental"], default="deliberate")
    p.add_argument("--injured", type=cli_args.casualties, default=0)
    p.add_argument(
        "--platforms",
        type=cli_args.whole(0, 10_000, "a number of platforms"),
        default=0,
        help="warships, aircraft or installations lost",
    )
    p.add_argument(
        "--weapons",
        type=cli_args.whole(0, 10_000, "a number of weapons"),
        default=0,
        help="missiles in the salvo, rounds in the barrage",
    )
    p.add_argument(
        "--troops",
        type=cli_args.whole(0, 100_000_000, "a number of troops"),
        default=0,
        help="troops that crossed (0: an invasion in force)",
    )
    p.add_argument("--physical", action="store_true", help="cyber or hybrid attack with physical destruction")
    p.add_argument("--domestic", action="store_true", help="terrorist cell with no direction from abroad")
    p.add_argument(
        "--campaign", default="", type=cli_args.name, help="a declared or evident campaign the incident belongs to"
    )
    p.add_argument(
        "--suspect",
        action="append",
        default=[],
        type=cli_args.name,
        metavar="STATE=WEIGHT",
        help="a candidate attacker (repeatable)",
    )
    p.add_argument(
        "--attribution-days",
        type=cli_args.number(-1.0, 100_000.0, "a number of days"),
        default=None,
        help="days to a working attribution (<0: never)",
    )
    p.add_argument(
        "--request-under",
        action="append",
        default=[],
        type=cli_args.identifier,
        metavar="TREATY:ARTICLE",
        help="what the victim asks under",
    )
    p.add_argument(
        "--response-to",
        default="",
        type=cli_args.identifier,
        help="the attack this use of force answers in self-defence",
    )
    p.add_argument("--anticipatory", action="store_true", help="claimed as anticipatory self-defence")
    p.add_argument(
        "--imminent-days",
        type=cli_args.number(0.0, 36_500.0, "a number of days"),
        default=0.0,
        help="when the feared attack was expected",
    )


def _seat_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="STATE=human|ai",
        help="who plays a state (repeatable); unlisted states follow the default policy",
    )
    p.add_argument("--difficulty", choices=["easy", "normal", "hard"], default="normal")
    p.add_argument("--tag", default="", type=cli_args.name, help="e.g. training or analysis")


def _parse_seats(items: list[str]) -> dict[str, str]:
    seats: dict[str, str] = {}
    for item in items:
        state, _, who = item.partition("=")
        who = who or "human"
        if not state or who not in ("human", "ai"):
            raise CliError(f"a seat is STATE=human or STATE=ai, not {item!r}")
        seats[state.strip().upper()] = who
    return seats


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output")
    parser = _Parser(prog="wargame", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--version", action="version", version="wargame 0.1.0")
    sub = parser.add_subparsers(dest="cmd", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("new", parents=[common], help="create a saved game from a scenario")
    p.add_argument("scenario", type=cli_args.path, help="scenario file or bundled name (e.g. demo)")
    p.add_argument("-o", "--output", required=True, type=cli_args.path, help="the saved game to create (.wargame)")
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    _seat_options(p)

    p = sub.add_parser("play", parents=[common], help="solo play: seats, AI for the others, N turns headless")
    p.add_argument("scenario", type=cli_args.path, help="scenario file or bundled name (e.g. baltic)")
    p.add_argument(
        "--seat", action="append", default=[], metavar="STATE", type=cli_args.identifier, help="a state you play"
    )
    p.add_argument("--ai-others", action="store_true", help="the AI plays every other state")
    p.add_argument("--turns", type=cli_args.turns, default=None, help="default: the scenario's last turn")
    p.add_argument("--seed", type=_seed, default=None)
    p.add_argument("--difficulty", choices=["easy", "normal", "hard"], default="normal")
    p.add_argument(
        "--autopilot",
        action="store_true",
        help="the default policy also decides for your seats (headless play has nobody to ask)",
    )
    p.add_argument(
        "-o", "--output", default=None, type=cli_args.path, help="keep the saved game here (default: a temporary file)"
    )
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("override", parents=[common], help="white-cell override for the next turn (rationale required)")
    p.add_argument("game")
    p.add_argument(
        "--target",
        required=True,
        choices=["verdict", "collective", "decision", "control", "opinion", "budget", "attribution"],
    )
    p.add_argument(
        "--key",
        required=True,
        type=cli_args.name,
        help="TREATY:ARTICLE:ATTACK, STATE, STATE:ATTACK, LOCATION or ATTACK",
    )
    p.add_argument("--value", required=True, type=cli_args.name)
    p.add_argument(
        "--rationale",
        required=True,
        type=cli_args.long_text,
        help="why the model is overruled (shown in review and the report)",
    )

    p = sub.add_parser(
        "msel", parents=[common], help="the events list: check, import, list, fire, postpone, skip, hold, export"
    )
    p.add_argument("action", choices=["check", "import", "list", "fire", "postpone", "skip", "hold", "export"])
    p.add_argument("game", help="the saved game (for check: a game or a scenario)")
    p.add_argument(
        "file", nargs="?", type=cli_args.path, help="the CSV/XLSX to check or import, or the CSV to export to"
    )
    p.add_argument("--serial", default="", type=cli_args.identifier)
    p.add_argument("--turns", type=cli_args.turns, default=1, help="for postpone")
    p.add_argument("--force", action="store_true", help="for export: replace an existing file")

    p = sub.add_parser("score", parents=[common], help="the scenario's objectives and the score so far")
    p.add_argument("game")

    p = sub.add_parser("inject", parents=[common], help="inject an attack for the next turn")
    p.add_argument("game")
    _attack_options(p)

    p = sub.add_parser("decide", parents=[common], help="record a national decision for the next turn")
    p.add_argument("game")
    p.add_argument("--state", required=True, type=cli_args.identifier)
    p.add_argument("--action", required=True, choices=DECISIONS, metavar="ACTION", help=", ".join(DECISIONS))
    p.add_argument("--attack", default="", type=cli_args.identifier)
    p.add_argument("--force", dest="force_id", default="", type=cli_args.identifier)
    p.add_argument("--destination", default="", type=cli_args.identifier)
    p.add_argument(
        "--treaty",
        default="",
        type=cli_args.identifier,
        help="for request, consult, stance, measure (request: UN with --article 51)",
    )
    p.add_argument("--article", default="", type=cli_args.identifier)
    p.add_argument("--stance", choices=["support", "object", "abstain"], default=None)
    p.add_argument("--no-engage", action="store_true", help="deploy without fighting")
    p.add_argument(
        "--release",
        default="",
        type=cli_args.name,
        metavar="WHY",
        help="deploy a home-defence or forward force abroad, or out of a theatre under attack (logged)",
    )
    p.add_argument("--kind", dest="permission", choices=["transit", "overflight", "basing", "straits"], default="")
    p.add_argument("--beneficiary", default="", type=cli_args.identifier, help="permit: the state asking")
    p.add_argument("--refuse", action="store_true", help="permit: refuse instead of granting")
    p.add_argument(
        "--level", type=cli_args.whole(0, 3, "an alert level 0-3"), default=None, help="alert: nuclear alert level 0-3"
    )
    p.add_argument("--draft", default="", type=cli_args.identifier, help="for vote: the draft (R1, R2 …)")
    p.add_argument("--vote", choices=["yes", "no", "abstain"], default=None, help="for vote")
    p.add_argument(
        "--draft-kind", default="", help="for table: condemn, withdraw, affirm, authorise, ceasefire, statement"
    )
    p.add_argument(
        "--subject",
        default="",
        type=cli_args.identifier,
        help="for table: the state the draft names (default: the attacker)",
    )
    p.add_argument(
        "--threat", default="", type=cli_args.identifier, help="for claim: the threat (an attack id) it answers"
    )
    p.add_argument("--imminent-days", type=_nonneg_float, default=None, help="for claim: when the attack was expected")
    p.add_argument(
        "--measure", default="", type=cli_args.identifier, help="for measure: the measure's id (see the treaty's menu)"
    )

    p = sub.add_parser("evidence", parents=[common], help="record evidence about an attack's author for the next turn")
    p.add_argument("game")
    p.add_argument("--attack", required=True, type=cli_args.identifier)
    p.add_argument(
        "--candidate", required=True, type=cli_args.identifier, help="the state or actor it points to (UNKNOWN allowed)"
    )
    p.add_argument("--kind", required=True, choices=EVIDENCE, metavar="KIND", help=", ".join(EVIDENCE))
    p.add_argument("--intent", choices=["deliberate", "reckless", "accidental"], default="", help="intent found")
    p.add_argument("--description", default="", type=cli_args.long_text)

    p = sub.add_parser("note", parents=[common], help="record a facilitator's note")
    p.add_argument("game")
    p.add_argument("text", type=cli_args.long_text)

    p = sub.add_parser("advance", parents=[common], help="resolve the next turn(s)")
    p.add_argument("game")
    p.add_argument("--turns", type=cli_args.turns, default=1)

    p = sub.add_parser("show", parents=[common], help="the world at a turn")
    p.add_argument("game")
    p.add_argument("--turn", type=cli_args.turn, default=None)

    p = sub.add_parser("log", parents=[common], help="the resolved events, turn by turn")
    p.add_argument("game")
    p.add_argument("--turn", type=cli_args.turn, default=None)
    p.add_argument(
        "--kind", action="append", default=None, type=cli_args.identifier, help="only events of this kind (repeatable)"
    )
    p.add_argument("--reasons", action="store_true", help="print each event's reasons")

    p = sub.add_parser("branch", parents=[common], help="a new saved game from turn T of this one")
    p.add_argument("game")
    p.add_argument("--turn", type=cli_args.turn, required=True)
    p.add_argument("-o", "--output", required=True, type=cli_args.path)
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser(
        "verify", parents=[common], help="check the file's integrity and re-adjudicate the game; say what is damaged"
    )
    p.add_argument("game")

    p = sub.add_parser(
        "recover", parents=[common], help="write the turns of a damaged game that can be trusted to a new file"
    )
    p.add_argument("game")
    p.add_argument("-o", "--output", required=True, type=cli_args.path, help="the new saved game to write")
    p.add_argument("--force", action="store_true", help="replace an existing file (never the damaged game)")

    p = sub.add_parser("validate", parents=[common], help="check a scenario file without running it")
    p.add_argument("scenario", type=cli_args.path)

    p = sub.add_parser("assess", parents=[common], help="verdicts of every treaty for a hypothetical attack")
    p.add_argument("scenario", type=cli_args.path)
    p.add_argument("--date", type=_date, default=None, help="the attack's date (default: the scenario's start)")
    _attack_options(p)

    p = sub.add_parser("demo", parents=[common], help="play the demo scenario in the terminal")
    p.add_argument("--turns", type=cli_args.turns, default=None)
    p.add_argument("-o", "--output", default=None, type=cli_args.path, help="keep the saved game here")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("report", parents=[common], help="write the after-action report (.pdf, .html or .docx)")
    p.add_argument("game")
    p.add_argument(
        "-o",
        "--output",
        required=True,
        type=cli_args.path,
        help="the report to write: FILE.pdf, FILE.html or FILE.docx",
    )
    p.add_argument("--full-log", action="store_true", help="append every event of the game (long)")
    p.add_argument("--force", action="store_true", help="replace an existing file")

    p = sub.add_parser("export", parents=[common], help="write events and per-turn series for analysts")
    p.add_argument("game")
    p.add_argument(
        "-o", "--output", required=True, type=cli_args.path, help="the folder to write events.* and series.* into"
    )
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--force", action="store_true", help="replace existing events.* and series.* files")

    p = sub.add_parser("gui", parents=[common], help="open the desktop application")
    p.add_argument("game", nargs="?")

    p = sub.add_parser("host", parents=[common], help="host an exercise: one game, a seat per computer")
    p.add_argument("game", help="the saved game to host (with --db: copied into the database when it is empty)")
    p.add_argument("--bind", default="127.0.0.1", help="the address to listen on (default 127.0.0.1: this computer)")
    p.add_argument("--port", type=int, default=8765, help="the port (0: any free port; default 8765)")
    p.add_argument("--db", help="store the game in PostgreSQL: postgresql+psycopg://USER:PASSWORD@HOST:PORT/DATABASE")
    p.add_argument(
        "--seat",
        action="append",
        default=[],
        metavar="NAME=STATE[,STATE][+ALLY,…]",
        help="a seat and the states it plays (repeat; default: one seat per human state of the game)",
    )
    p.add_argument("--turn-seconds", type=float, default=0.0, help="a turn timer: resolve each turn after N seconds")
    p.add_argument("--new-links", action="store_true", help="new join links for every seat (old ones stop working)")

    p = sub.add_parser("join", parents=[common], help="open the desktop application as a seat of a hosted exercise")
    p.add_argument("url", help="the join link the facilitator gave you (ws://HOST:PORT/?token=…)")

    p = sub.add_parser("export-game", parents=[common], help="copy a hosted game (or a saved game) to a new .wargame")
    p.add_argument("source", help="a PostgreSQL URL (postgresql+psycopg://…) or a saved game")
    p.add_argument("output", type=cli_args.path, help="the saved game to write (.wargame)")
    p.add_argument("--force", action="store_true", help="replace an existing file")
    _hotwash_parser(sub, common)

    sub.add_parser(
        "batch",
        add_help=False,
        help="many runs of a scenario (Parquet results); batch replay RESULTS --run N; batch report RESULTS",
    )
    return parser


def build_batch_parser(verb: str) -> argparse.ArgumentParser:
    """The parser of ``wargame batch SCENARIO …``, ``wargame batch replay …`` or ``wargame batch report …``."""
    if verb == "replay":
        p = _Parser(prog="wargame batch replay", description="rebuild one run of a batch as a saved game")
        p.add_argument("results", help="the batch's RESULTS.parquet")
        p.add_argument("--run", type=_pos_int, required=True, help="the run's number (the results' run column)")
        p.add_argument("-o", "--output", required=True, help="the saved game to write (.wargame)")
        p.add_argument("--force", action="store_true", help="overwrite an existing file")
    elif verb == "report":
        p = _Parser(prog="wargame batch report", description="the distribution of a batch, as a report")
        p.add_argument("results", help="the batch's RESULTS.parquet")
        p.add_argument("-o", "--output", required=True, help="the report to write: FILE.pdf or FILE.html")
        p.add_argument("--metric", default=None, help="the column the tornado chart shows (default: score)")
    else:
        p = _Parser(
            prog="wargame batch",
            description="Play a scenario many times with every state played by the computer; write a row per run "
            "to RESULTS.parquet and the per-turn series to RESULTS.turns.parquet. Also: 'wargame batch replay "
            "RESULTS --run N -o GAME' and 'wargame batch report RESULTS -o FILE.pdf|.html'.",
        )
        p.add_argument("scenario", help="scenario file or bundled name (e.g. baltic)")
        p.add_argument("--runs", type=_pos_int, required=True, help="runs of each combination of --vary values")
        p.add_argument("--seed", type=_seed, default=None, help="the batch seed (default: the scenario's seed)")
        p.add_argument(
            "--vary",
            action="append",
            default=[],
            metavar="NAME=V1,V2,…",
            help="a value to sweep (repeatable): rules.FIELD, states.ID.FIELD, forces.ID.FIELD, scenario.FIELD, "
            "difficulty",
        )
        p.add_argument("--sample", type=_pos_int, default=None, help="draw N combinations at random (batch seed)")
        p.add_argument("--turns", type=_pos_int, default=None, help="the game's last turn (default: the scenario's)")
        p.add_argument("--workers", type=_pos_int, default=None, help="local processes (default: every core)")
        p.add_argument("--scheduler", default=None, metavar="ADDRESS", help="run on a Dask cluster (tcp://host:8786)")
        p.add_argument("--keep-games", default=None, metavar="DIR", help="also write each run as a saved game")
        p.add_argument("-o", "--output", required=True, help="RESULTS.parquet")
        p.add_argument("--force", action="store_true", help="overwrite existing results")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return p


# ------------------------------------------------------------------------------------------
# Output helpers
# ------------------------------------------------------------------------------------------


def emit(args: argparse.Namespace, data: Any, text: str, *, error: bool = False) -> None:
    """Print the result: JSON on standard output with ``--json``, else the text (on standard error if it reports
    a failure, ``error``)."""
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str))
    else:
        print(text, file=sys.stderr if error else sys.stdout)


class Progress:
    """Progress on stderr for long runs: a rewriting line on a terminal, sparse lines otherwise."""

    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label = label
        self.enabled = enabled
        self.tty = sys.stderr.isatty()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total < 2:
            return
        if self.tty:
            end = "\n" if done == total else ""
            print(f"\r{self.label}: {done}/{total}", end=end, file=sys.stderr, flush=True)
        elif done == total or done % max(1, total // 10) == 0:
            print(f"{self.label}: {done}/{total}", file=sys.stderr, flush=True)


def _spec_from(args: argparse.Namespace):
    from wargame.app.types import AttackKind, AttackSpec, Intent, TargetKind

    return AttackSpec(
        attacker=args.attacker.strip(),
        victim=args.victim.strip(),
        location=args.location.strip(),
        kind=AttackKind(args.kind),
        target=TargetKind(args.target),
        casualties=args.casualties,
        damage_musd=args.damage,
        attribution=args.attribution,
        victim_initiated=args.victim_initiated,
        request=not args.no_request,
        description=args.description,
        intent=Intent(args.intent),
        injured=args.injured,
        platforms=args.platforms,
        weapons=args.weapons,
        troops=args.troops,
        physical=args.physical,
        domestic=args.domestic,
        campaign=args.campaign,
        suspects=_suspects(args.suspect),
        attribution_days=args.attribution_days,
        request_under=tuple(args.request_under),
        response_to=args.response_to,
        anticipatory=args.anticipatory,
        imminent_days=args.imminent_days,
    )


def _suspects(items: list[str]) -> dict[str, float]:
    out: dict[str, float] = {}
    for item in items:
        state, _, weight = item.partition("=")
        try:
            value = float(weight)
        except ValueError:
            raise CliError(f"a suspect is STATE=WEIGHT (e.g. RUS=0.6), not {item!r}") from None
        if not state.strip() or not 0 <= value <= 1:
            raise CliError(f"a suspect is STATE=WEIGHT with a weight between 0 and 1, not {item!r}")
        out[state.strip().upper()] = value
    return out


def _summary_text(s) -> str:
    lines = [f"Turn {s.turn} ({s.date})"]
    for h in s.headlines:
        lines.append(f"  - {h}")
    if not s.headlines:
        lines.append("  - nothing of note")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------
# Commands
# ------------------------------------------------------------------------------------------


def cmd_new(args: argparse.Namespace) -> int:
    from wargame.app import new_game

    path = resolve_scenario(args.scenario)
    game = new_game(
        path,
        args.output,
        seed=args.seed,
        overwrite=args.force,
        seats=_parse_seats(args.seat),
        difficulty=args.difficulty,
        tag=args.tag,
    )
    with game:
        data = {"game": str(game.path), "scenario": game.scenario.id, "seed": game.seed, "turn": game.last_turn}
        emit(args, data, f"Created {game.path} from {game.scenario.name} (seed {game.seed}).")
    return 0


def cmd_inject(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game)) as game:
        rec = game.inject(_spec_from(args))
        emit(
            args,
            {"command": rec.id, "turn": rec.turn, "payload": rec.payload},
            f"Inject recorded for turn {rec.turn} (command {rec.id}): {args.attacker} → {args.victim} at {args.location}.",
        )
    return 0


def cmd_decide(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    fields: dict[str, Any] = {}
    if args.attack:
        fields["attack"] = args.attack
    if args.force_id:
        fields["force"] = args.force_id
    if args.destination:
        fields["destination"] = args.destination
    if args.action == "deploy":
        fields["engage"] = not args.no_engage
        if args.release:
            fields["release"] = args.release
    if args.action == "permit":
        if not (args.permission and args.beneficiary):
            raise CliError("a permit needs --kind and --beneficiary")
        fields.update(kind=args.permission, beneficiary=args.beneficiary, grant=not args.refuse)
    if args.action == "alert":
        if args.level is None:
            raise CliError("an alert needs --level (0-3)")
        fields["level"] = args.level
    if args.action == "stance":
        if not (args.treaty and args.article and args.attack and args.stance):
            raise CliError("a stance needs --treaty, --article, --attack and --stance")
        fields.update(treaty=args.treaty, article=args.article, stance=args.stance)
    needs_attack = ("declare", "request", "consult", "notify", "table", "uniting", "claim", "measure", "decline")
    if args.action in needs_attack and not args.attack:
        raise CliError(f"{args.action} needs --attack")
    if args.action in ("request", "consult", "measure"):
        if args.article and not args.treaty:
            raise CliError(f"{args.action} with --article needs --treaty")
        if args.treaty:
            fields["treaty"] = args.treaty
        if args.article:
            fields["article"] = args.article
    if args.action == "measure":
        if not (args.treaty and args.measure):
            raise CliError("a measure needs --treaty and --measure")
        fields["measure"] = args.measure
    if args.action == "vote":
        if not (args.draft and args.vote):
            raise CliError("a vote needs --draft and --vote")
        fields.update(draft=args.draft, vote=args.vote)
    if args.action == "table":
        if not args.draft_kind:
            raise CliError("a draft needs --draft-kind (condemn, withdraw, affirm, authorise, ceasefire, statement)")
        fields["kind"] = args.draft_kind
        if args.subject:
            fields["subject"] = args.subject
    if args.action == "claim":
        if args.threat:
            fields["threat"] = args.threat
        if args.imminent_days is not None:
            fields["imminent_days"] = args.imminent_days
    with open_game(existing_game(args.game)) as game:
        rec = game.decide(args.state, args.action, **fields)
        emit(
            args,
            {"command": rec.id, "turn": rec.turn, "payload": rec.payload},
            f"Decision recorded for turn {rec.turn} (command {rec.id}): {args.state} {args.action}.",
        )
    return 0


def cmd_evidence(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game)) as game:
        rec = game.evidence(
            args.attack, args.candidate.strip().upper(), args.kind, intent=args.intent, description=args.description
        )
        emit(
            args,
            {"command": rec.id, "turn": rec.turn, "payload": rec.payload},
            f"Evidence recorded for turn {rec.turn} (command {rec.id}): {args.kind} pointing to {args.candidate} "
            f"for {args.attack}.",
        )
    return 0


def cmd_note(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game)) as game:
        rec = game.note(args.text)
        emit(args, {"command": rec.id, "turn": rec.turn}, f"Note recorded for turn {rec.turn}.")
    return 0


def cmd_advance(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game)) as game:
        summaries = game.advance(args.turns, progress=Progress("advancing", args.turns > 1))
        emit(args, [_encode(s) for s in summaries], "\n".join(_summary_text(s) for s in summaries))
        if summaries and summaries[-1].ended:
            if not args.json:
                print(f"The game has ended: {summaries[-1].end_reason}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from wargame.app import describe, open_game, types

    with open_game(existing_game(args.game), readonly=True) as game, game.reading():
        turn = game.last_turn if args.turn is None else game.check_turn(args.turn)
        world = game.world_at(turn)
        s = game.scenario
        if args.json:
            emit(args, {"turn": turn, "date": s.date_of(turn).isoformat(), "world": _encode(world)}, "")
            return 0
        out = [
            f"{s.name} — turn {turn} ({s.date_of(turn).isoformat()}), seed {game.seed}"
            + (f"; ENDED: {world.end_reason}" if world.ended else "")
        ]
        out.append("\nAttacks:")
        for a in sorted(world.attacks.values(), key=lambda a: int(a.id[1:])):
            sp = a.spec
            asked = ", ".join(sorted(a.assistance)) or "nothing"
            out.append(
                f"  {a.id} turn {a.turn}: {a.attacker} {sp.kind.value} on {sp.victim} {sp.target.value} at {sp.location}; "
                f"gravity {a.gravity.name.lower()}, attribution {a.attribution:.2f}, assistance asked under {asked}"
                + (" (void)" if a.void else "")
                + (f"; a series of {', '.join(a.composite_of)}" if a.composite_of else "")
            )
        if not world.attacks:
            out.append("  none")
        out.append("\nVerdicts (parties only):")
        for key, v in sorted(world.verdicts.items()):
            if v.code in (types.VerdictCode.NOT_A_PARTY, types.VerdictCode.NOT_IN_FORCE):
                continue
            col = world.collectives.get(key)
            why = describe.clean((v.failed_gate or v.gates[-1]).detail, s, world)
            out.append(
                f"  {describe.verdict_key(s, world, key)}: {describe.verdict(v.code)} [{v.code.value}]"
                + (f" → {describe.outcome(col.outcome)}" if col else "")
                + f" — {why}"
            )
        out.append("\nStates:")
        out.append(f"  {'state':<6} {'support':>7} {'budget $m':>10} {'casualties':>10}  responses")
        for sid, n in sorted(world.nations.items()):
            resp = ", ".join(f"{k}:{v.value}" for k, v in sorted(n.responses.items()))
            out.append(
                f"  {sid:<6} {n.support:7.1f} {n.budget_musd:10,.0f} {n.casualties + n.attack_killed:10,}  {resp}"
            )
        moving = [f for f in world.forces.values() if f.status.value not in ("garrison",)]
        out.append("\nForces not in garrison:")
        for f in sorted(moving, key=lambda f: f.id):
            extra = f" → {f.destination} (turn {f.arrive_turn})" if f.destination and f.arrive_turn else ""
            out.append(f"  {f.id:<14} {f.status.value:<10} at {f.location}{extra} strength {f.strength:.0%}")
        if not moving:
            out.append("  none")
        out += _crisis_lines(s, world)
        changed = [(k, v) for k, v in sorted(world.control.items()) if s.locations[k].administered_by != v]
        if changed:
            out.append("\nControl changed:")
            for k, v in changed:
                out.append(f"  {k}: held by {v}")
        print("\n".join(out))
    return 0


def _crisis_lines(s: Any, world: Any) -> list[str]:
    """Attribution, the Security Council, consultations, legal clocks, judgements, reports and standing for ``show``."""
    from wargame.app.crisis_view import SECTIONS, crisis_lines

    lines = crisis_lines(s, world)
    out: list[str] = []
    for section in SECTIONS:
        rows = [ln for ln in lines if ln.section == section]
        if rows:
            out.append(f"\n{section}:")
            out += [f"  {ln.text()}" for ln in rows]
    return out


def cmd_log(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game), readonly=True) as game, game.reading():
        events = game.events(args.turn, kinds=args.kind)
        if args.json:
            emit(args, [_encode(e) for e in events], "")
            return 0
        lines: list[str] = []
        turn = None
        for e in events:
            if e.turn != turn:
                turn = e.turn
                lines.append(f"== Turn {turn} ({game.date_of(turn).isoformat()})")
            lines.append(f"  [{e.kind.value}] {e.summary}")
            if args.reasons:
                for r in e.reasons:
                    mark = "" if r.passed is None else ("✓ " if r.passed else "✗ ")
                    lines.append(f"      {mark}{r.label}: {r.detail}" + (f" [{r.citation}]" if r.citation else ""))
                for d in e.draws:
                    lines.append(f"      draw {d.stream} ({d.purpose}) = {d.value:.6f}")
        print("\n".join(lines) if lines else "no events")
    return 0


def cmd_branch(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game), readonly=True) as game:
        new = game.branch(args.turn, args.output, overwrite=args.force)
        with new:
            emit(
                args,
                {"game": str(new.path), "parent": str(game.path), "turn": new.last_turn},
                f"Branched {game.path} at turn {args.turn} into {new.path}; play continues from turn {new.last_turn + 1}.",
            )
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game), inspect=True) as game:
        rep = game.verify(progress=Progress("verifying", not args.json))
        emit(args, _encode(rep), verify_text(rep, game.path))
        return 0 if rep.ok else EXIT_FAILED


def verify_text(rep: Any, path: Path) -> str:
    """What verify found, in words: the verdict, what is damaged, what can be trusted, what was (not) checked."""
    lines: list[str] = []
    shown = rep.damage[:20] + rep.msel_problems[:10]
    if rep.ok:
        lines.append(f"OK: {rep.turns} turns re-adjudicated; every state hash and event matches.")
    elif rep.rules_changed and not shown:
        lines.append(f"NOT COMPARED: {rep.rules_changed}.")
    elif rep.damage or rep.msel_problems:
        lines.append("DAMAGED:")
    else:
        lines.append("MISMATCH:")
    lines += [f"  {line}" for line in shown]
    more = len(rep.damage) + len(rep.msel_problems) - len(shown)
    if more > 0:
        lines.append(f"  … and {more} more")
    lines += [f"  turn {m.turn}: stored {m.stored[:12]} replayed {m.replayed[:12]}" for m in rep.mismatches[:20]]
    for what, turns in (
        ("events", rep.event_mismatches),
        ("snapshots", rep.snapshot_mismatches),
        ("summaries", rep.summary_mismatches),
    ):
        if turns:
            lines.append(
                f"  {what} differ on turns " + ", ".join(map(str, turns[:20])) + (" …" if len(turns) > 20 else "")
            )
    if not rep.ok and not (rep.rules_changed and not shown):
        if rep.trusted_until < 0:
            lines.append("Nothing in the file can be trusted.")
        else:
            lines.append(
                f"The file can be trusted up to turn {rep.trusted_until} (of {rep.turns}): "
                f"`wargame recover {path.name} -o NEW.wargame` writes those turns to a new file."
            )
    if rep.rules_changed and shown:
        lines.append(f"Not compared: {rep.rules_changed}.")
    lines.append("Checked: " + "; ".join(rep.checked) + ".")
    if rep.not_checked:
        lines.append("Not checked: " + "; ".join(rep.not_checked) + ".")
    return "\n".join(lines)


def cmd_recover(args: argparse.Namespace) -> int:
    from wargame.app import recover_game

    done = recover_game(
        existing_game(args.game), args.output, overwrite=args.force, progress=Progress("checking", not args.json)
    )
    text = f"Wrote turns 0 to {done.turns} (of {done.of_turns}) to {done.path}." + "".join(
        f"\n  {n}" for n in done.notes
    )
    data = {"game": str(done.path), "turns": done.turns, "of_turns": done.of_turns, "pending": done.pending}
    emit(args, {**data, "notes": done.notes}, text)
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from wargame.app import scenarios

    path = resolve_scenario(args.scenario)
    v = scenarios.validate(path)
    if v.facts is None:
        problems = [{"path": p, "message": m} for p, m in v.problems[: cli_args.MAX_PROBLEMS_SHOWN]]
        emit(args, {"ok": False, "problems": problems, "problem_count": len(v.problems)}, v.message, error=True)
        return EXIT_FAILED
    f = v.facts
    data = {
        "ok": v.ok,
        "scenario": f.id,
        "states": f.states,
        "locations": f.locations,
        "treaties": f.treaties,
        "forces": f.forces,
        "injects": f.injects,
        "provenance_problems": [{"path": p, "message": m} for p, m in v.provenance_problems],
    }
    text = (
        f"{path}: OK — {f.name}: {f.states} states, {f.locations} locations, "
        f"{f.treaties} treaties, {f.forces} forces, {f.injects} scheduled injects."
    )
    if v.provenance_problems:
        text += "\nNumbers without a source or an assumption flag:\n" + "\n".join(
            f"  {p}: {m}" for p, m in v.provenance_problems
        )
    emit(args, data, text)
    return 0 if v.ok else EXIT_FAILED


def _load(arg: str):
    """The scenario named on the command line (a file or a bundled name); its first problem if it does not load."""
    from wargame.app import AppError, scenarios

    try:
        return scenarios.load(resolve_scenario(arg))
    except AppError as exc:
        raise CliError(str(exc).splitlines()[0]) from exc


def cmd_assess(args: argparse.Namespace) -> int:
    from wargame.app import describe, scenarios

    sc = _load(args.scenario)
    spec = _spec_from(args)
    day = args.date or sc.start_date
    verdicts = scenarios.assess(sc, spec, day)
    if args.json:
        emit(args, {"date": day.isoformat(), "attack": _encode(spec), "verdicts": [_encode(v) for v in verdicts]}, "")
        return 0
    lines = [
        f"Attack: {spec.attacker} {spec.kind.value} on {spec.victim}'s {spec.target.value} at {spec.location}, "
        f"{spec.casualties} casualties, attribution {spec.attribution:.2f}, on {day.isoformat()}"
    ]
    for v in verdicts:
        lines.append(f"\n{describe.article(sc, v.treaty, v.article)}: {describe.verdict(v.code)} [{v.code.value}]")
        for g in v.gates:
            lines.append(f"    {'✓' if g.passed else '✗'} {g.name}: {g.detail}")
        if v.guarantors and v.code.value in ("TRIGGERED", "CONSULT"):
            lines.append(
                f"    parties bound: {', '.join(v.guarantors)}"
                + (f"; suspended: {', '.join(v.suspended)}" if v.suspended else "")
            )
    print("\n".join(lines))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    return run_terminal_demo(turns=args.turns, output=args.output, as_json=args.json, force=args.force)


def run_terminal_demo(
    turns: int | None = None, output: str | None = None, as_json: bool = False, force: bool = False
) -> int:
    """Play the demo scenario headless, printing a summary of each turn."""
    from wargame.app import new_game, scenarios

    tmpdir = None
    if output is None:
        tmpdir = tempfile.mkdtemp(prefix="wargame-demo-")
        output = os.path.join(tmpdir, "demo.wargame")
    game = new_game(scenarios.resolve("demo"), output, overwrite=force)
    with game:
        n = turns or game.scenario.max_turns
        if not as_json:
            print(f"{game.scenario.name}\n{game.scenario.briefing.strip()}\n")
        out = []
        for _ in range(n):
            if game.world.ended:
                break
            (s,) = game.advance(1)
            out.append(_encode(s))
            if not as_json:
                print(_summary_text(s), flush=True)
        if as_json:
            print(json.dumps(out, indent=2, ensure_ascii=False))
        else:
            w = game.world
            print(f"\nEnd of the demo after turn {w.turn}" + (f": {w.end_reason}" if w.ended else "") + ".")
            print(f"Saved game: {game.path}  (try: wargame log {game.path} --reasons)")
    return 0


def cmd_play(args: argparse.Namespace) -> int:
    """Solo play headless: the player's seats, the AI for the others, N turns, then the score."""
    from wargame.app import new_game, scenarios

    path = resolve_scenario(args.scenario)
    sc = _load(args.scenario)
    mine = [s.strip().upper() for s in args.seat]
    scenarios.check_states(sc, mine, "seat state")
    seats = {s: "human" for s in mine}
    if args.ai_others:
        seats.update({s: "ai" for s, st in sc.states.items() if s not in seats and not st.non_state})
    if args.autopilot:
        for s in mine:
            seats[s] = "ai"  # the default doctrine policy decides for the player's seats
    out = args.output
    if out is None:
        out = os.path.join(tempfile.mkdtemp(prefix="wargame-play-"), f"{sc.id}.wargame")
    game = new_game(
        path, out, seed=args.seed, overwrite=args.force, seats=seats, difficulty=args.difficulty, tag="solo"
    )
    with game:
        n = args.turns or sc.max_turns
        summaries = game.advance(n, progress=Progress("playing", not args.json))
        world = game.world
        results = game.score()
        ai_events = [e for e in game.events(kinds=["ai"])]
        declines = [e for e in game.events(kinds=["decision"]) if e.data.get("level") in ("declined", "delayed")]
        data = {
            "game": str(game.path),
            "turns": world.turn,
            "ended": world.ended,
            "end_reason": world.end_reason,
            "seats": seats,
            "difficulty": args.difficulty,
            "ai": [{"turn": e.turn, "state": e.subject, "summary": e.summary} for e in ai_events],
            "declines": [
                {"turn": e.turn, "state": e.subject, "summary": e.summary, "reasons": [r.detail for r in e.reasons]}
                for e in declines
            ],
            "score": [_encode(r) for r in results],
        }
        if args.json:
            emit(args, data, "")
            return 0
        lines = [
            f"{sc.name} — you play {', '.join(mine) or 'no seat'}"
            + (" (autopilot)" if args.autopilot else "")
            + f"; difficulty {args.difficulty}; seed {game.seed}"
        ]
        for s in summaries:
            lines.append(_summary_text(s))
        lines.append("\nThe aggressor AI's reasoning:")
        lines += [f"  turn {e.turn}: {e.summary}" for e in ai_events] or ["  (no AI seat acted)"]
        if declines:
            lines.append("\nAllies that hesitated or declined:")
            lines += [f"  turn {e.turn}: {e.summary} — {e.reasons[-1].detail if e.reasons else ''}" for e in declines]
        lines.append(f"\nAfter turn {world.turn}" + (f": {world.end_reason}" if world.ended else "") + ".")
        if results:
            total = sum(r.points for r in results)
            lines.append(f"Score {total} / {sum(r.objective.points for r in results)}:")
            lines += [f"  {'✓' if r.met else '✗'} {r.objective.label}: {r.detail}" for r in results]
        lines.append(f"Saved game: {game.path}")
        print("\n".join(lines))
    return 0


def cmd_override(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game)) as game:
        rec = game.override(args.target, args.key, args.value, args.rationale)
        emit(
            args,
            {"command": rec.id, "turn": rec.turn, "payload": rec.payload},
            f"Override recorded for turn {rec.turn}: {args.target} {args.key} → {args.value} ({args.rationale}).",
        )
    return 0


def cmd_msel(args: argparse.Namespace) -> int:
    from wargame.app import files, msel, open_game

    if args.action in ("check", "import", "export") and not args.file:
        raise CliError(f"msel {args.action} needs a FILE")
    if args.action in ("fire", "postpone", "skip", "hold") and not args.serial:
        raise CliError(f"msel {args.action} needs --serial")
    if args.action == "check" and not files.is_saved_game(args.game):
        from wargame.app import scenarios

        rows, problems = msel.dry_run(args.file, scenarios.load(resolve_scenario(args.game)))
        return _msel_report(args, rows, problems)
    with open_game(existing_game(args.game), readonly=args.action in ("check", "list", "export")) as game:
        if args.action == "check":
            with game.reading():
                serials, last = msel.existing_serials(game), game.last_turn
            rows, problems = msel.dry_run(args.file, game.scenario, existing=serials, last_turn=last)
            return _msel_report(args, rows, problems)
        if args.action == "import":
            try:
                rows = msel.import_msel(game, args.file)
            except msel.MselError as exc:
                return _msel_report(args, [], exc.problems)
            emit(
                args,
                {"imported": [_encode(r) for r in rows]},
                f"Imported {len(rows)} MSEL rows: {sum(r.turn is not None for r in rows)} scheduled, "
                f"{sum(r.turn is None for r in rows)} held back.",
            )
        elif args.action == "list":
            rows = msel.all_rows(game)
            emit(
                args,
                [_encode(r) for r in rows],
                "\n".join(
                    f"{r.serial:>6}  {r.status:<9} turn {'HOLD' if r.turn is None else r.turn:<5} "
                    f"{r.attack['attacker']}→{r.attack['victim']} {r.attack['kind']} at {r.attack['location']}  {r.message}"
                    for r in rows
                )
                or "no MSEL in this game",
            )
        elif args.action == "export":
            out = msel.export_csv(game, args.file, force=args.force)
            emit(args, {"file": str(out)}, f"Wrote {out}.")
        else:
            fn = {"fire": msel.fire_now, "skip": msel.skip, "hold": msel.hold}.get(args.action)
            if fn is not None:
                fn(game, args.serial)
            else:
                msel.postpone(game, args.serial, args.turns)
            emit(
                args, {"serial": args.serial, "action": args.action}, f"MSEL serial {args.serial}: {args.action} done."
            )
    return 0


def _msel_report(args: argparse.Namespace, rows: list, problems: Any) -> int:
    if problems:
        total = getattr(problems, "total", len(problems))
        shown = list(problems)[: cli_args.MAX_PROBLEMS_SHOWN]
        more = total - len(shown)
        emit(
            args,
            {
                "ok": False,
                "problems": [{"row": p.row, "column": p.column, "message": p.message} for p in shown],
                "problem_count": total,
            },
            "MSEL problems (nothing imported):\n"
            + "\n".join(f"  {p}" for p in shown)
            + (f"\n  … and {more:,} more problems" if more > 0 else ""),
            error=True,
        )
        return EXIT_FAILED
    emit(
        args,
        {"ok": True, "rows": [_encode(r) for r in rows]},
        f"MSEL OK: {len(rows)} rows, {sum(r.turn is not None for r in rows)} scheduled, "
        f"{sum(r.turn is None for r in rows)} held back.",
    )
    return 0


def cmd_score(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    with open_game(existing_game(args.game), readonly=True) as game, game.reading():
        results = game.score()
        total = sum(r.points for r in results)
        text = (
            f"Score {total} / {sum(r.objective.points for r in results)} at turn {game.last_turn}:\n"
            + "\n".join(f"  {'✓' if r.met else '✗'} {r.objective.label}: {r.detail}" for r in results)
            if results
            else "This scenario has no objectives."
        )
        emit(args, {"turn": game.last_turn, "total": total, "objectives": [_encode(r) for r in results]}, text)
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from wargame.app import open_game
    from wargame.app.files import check_output

    out = Path(args.output)
    if out.suffix.lower() not in (".pdf", ".html", ".docx"):
        raise CliError(f"the report must be a .pdf, .html or .docx file, not {cli_args.cut(out.name)!r}")
    game_path = existing_game(args.game)
    out = check_output(out, force=args.force, inputs=[game_path], what="report")
    with open_game(game_path, readonly=True) as game, game.reading():
        from wargame.report import write_report

        path = write_report(game, out, full_log=args.full_log, progress=Progress("report", not args.json))
        emit(args, {"report": str(path), "turns": game.last_turn}, f"Wrote the after-action report to {path}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from wargame.app import open_game
    from wargame.app.files import check_output
    from wargame.report.export import write_export

    game_path = existing_game(args.game)
    folder = Path(args.output)
    if folder.is_dir():
        for name in (f"events.{args.format}", f"series.{args.format}"):
            check_output(folder / name, force=args.force, inputs=[game_path], what="export")
    with open_game(game_path, readonly=True) as game, game.reading():
        paths = write_export(game, args.output, args.format)
        emit(args, {"files": [str(p) for p in paths]}, "Wrote " + " and ".join(str(p) for p in paths) + ".")
    return 0


# ------------------------------------------------------------------------------------------
# The hotwash: observations, improvement plan, participant feedback
# ------------------------------------------------------------------------------------------


def _hotwash_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    """``wargame hotwash VERB GAME …``: list, observe, plan, feedback, check, import, remove."""
    hp = sub.add_parser(
        "hotwash",
        parents=[common],
        help="the hotwash: observations, improvement plan, participant feedback (list, observe, plan, feedback, "
        "check, import, remove)",
    )
    verbs = hp.add_subparsers(dest="verb", metavar="VERB", parser_class=_Parser, required=True)
    p = verbs.add_parser("list", parents=[common], help="everything recorded at the hotwash")
    p.add_argument("game")
    p = verbs.add_parser("observe", parents=[common], help="a strength or area for improvement of a team or state")
    p.add_argument("game")
    p.add_argument("--team", required=True, help="a state (EST or Estonia) or a team's name")
    p.add_argument("--kind", required=True, choices=["strength", "improvement"])
    p.add_argument("--text", required=True)
    p.add_argument("--capability", default="", help="the core capability it concerns (e.g. 'Planning')")
    p.add_argument("--turn", type=_nonneg_int, default=None, help="the turn it is about")
    p.add_argument("--event", type=_pos_int, default=None, help="the event (its number in the turn) it is about")
    p = verbs.add_parser("plan", parents=[common], help="a row of the improvement plan")
    p.add_argument("game")
    p.add_argument("--issue", required=True)
    p.add_argument("--action", required=True, help="the corrective action")
    p.add_argument("--owner", required=True)
    p.add_argument("--due", required=True, help="due date, e.g. 2027-03-31")
    p.add_argument("--capability", default="")
    p.add_argument("--observation", type=_pos_int, default=None, help="the observation it answers (its number)")
    p = verbs.add_parser("feedback", parents=[common], help="one participant's feedback form")
    p.add_argument("game")
    p.add_argument("--participant", required=True)
    p.add_argument("--team", default="")
    p.add_argument("--rate", action="append", default=[], metavar="KEY=N", help="a rating 1-5 (repeatable)")
    p.add_argument("--strength", action="append", default=[], help="one of the top three strengths (repeatable)")
    p.add_argument("--improvement", action="append", default=[], help="one of the top three improvements (repeatable)")
    p.add_argument("--comment", default="")
    for verb, text in (
        ("check", "dry run of a survey CSV: every problem, nothing stored"),
        ("import", "import a survey CSV"),
    ):
        p = verbs.add_parser(verb, parents=[common], help=text)
        p.add_argument("game")
        p.add_argument("file")
    p = verbs.add_parser("remove", parents=[common], help="delete an observation, plan row or feedback form")
    p.add_argument("game")
    p.add_argument("what", choices=["observation", "plan", "feedback"])
    p.add_argument("id", type=_pos_int)


def _hotwash_text(game: Any, hw: Any) -> str:
    from wargame.app.hotwash import team_label

    lines = [f"Observations ({len(hw.observations)}):"]
    for o in hw.observations:
        where = (
            f" [turn {o.turn}" + (f", event {o.event_seq}" if o.event_seq else "") + "]" if o.turn is not None else ""
        )
        cap = f" ({o.capability})" if o.capability else ""
        lines.append(f"  #{o.id} {team_label(game, o.team)} — {o.kind}{cap}: {o.text}{where}")
    lines.append(f"Improvement plan ({len(hw.plan)}):")
    for p in hw.plan:
        lines.append(f"  #{p.id} {p.issue} → {p.action} (owner {p.owner}, due {p.due.isoformat()})")
    lines.append(f"Participant feedback ({len(hw.feedback)} forms):")
    for r in hw.ratings():
        mean = f"{r.mean:.1f}" if r.mean is not None else "—"
        lines.append(f"  {r.statement}: {mean} ({r.answers} answers)")
    return "\n".join(lines)


def cmd_hotwash(args: argparse.Namespace) -> int:
    from wargame.app import hotwash as hwm
    from wargame.app import open_game

    verb = args.verb
    with open_game(existing_game(args.game), readonly=verb in ("list", "check")) as game:
        if verb == "list":
            hw = hwm.hotwash(game)
            emit(args, hwm.as_json(hw), _hotwash_text(game, hw))
        elif verb == "observe":
            o = hwm.add_observation(
                game, args.team, args.kind, args.text, args.capability, turn=args.turn, event_seq=args.event
            )
            emit(args, hwm.as_json(o), f"Observation #{o.id} recorded: {o.kind} of {hwm.team_label(game, o.team)}.")
        elif verb == "plan":
            item = hwm.add_plan_item(
                game, args.issue, args.action, args.owner, args.due, args.capability, observation_id=args.observation
            )
            emit(
                args, hwm.as_json(item), f"Improvement plan row #{item.id} added (owner {item.owner}, due {item.due})."
            )
        elif verb == "feedback":
            ratings: dict[str, str] = {}
            for pair in args.rate:
                key, sep, value = pair.partition("=")
                if not sep:
                    raise CliError(f"a rating is KEY=N, e.g. realism=4, not {pair!r}")
                ratings[key.strip()] = value
            f = hwm.add_feedback(
                game, args.participant, ratings, args.strength, args.improvement, team=args.team, comment=args.comment
            )
            emit(args, hwm.as_json(f), f"Feedback #{f.id} of {f.participant} recorded.")
        elif verb in ("check", "import"):
            if verb == "check":
                values, problems = hwm.check_feedback_csv(game, args.file)
            else:
                try:
                    values, problems = hwm.import_feedback(game, args.file), []
                except hwm.FeedbackImportError as exc:
                    values, problems = [], exc.problems
            if problems:
                emit(
                    args,
                    {
                        "ok": False,
                        "problems": [{"row": p.row, "column": p.column, "message": p.message} for p in problems],
                    },
                    "Survey problems (nothing imported):\n" + "\n".join(f"  {p}" for p in problems),
                    error=True,
                )
                return EXIT_FAILED
            done = "imported" if verb == "import" else "would import"
            emit(
                args,
                {"ok": True, "forms": [v if isinstance(v, dict) else hwm.as_json(v) for v in values]},
                f"Survey OK: {done} {len(values)} feedback form(s).",
            )
        else:
            hwm.remove(game, args.what, args.id)
            emit(args, {"removed": args.what, "id": args.id}, f"Removed {args.what} #{args.id}.")
    return 0


class BatchProgressBar:
    """A progress bar with the time left on stderr (a rewriting line on a terminal, every 10 % otherwise)."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()
        self.shown = -1

    @staticmethod
    def _clock(seconds: float | None) -> str:
        if seconds is None:
            return "–:––"
        s = int(round(seconds))
        return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"

    def __call__(self, p) -> None:
        if not self.enabled or p.total < 1:
            return
        width = 28
        fill = int(width * p.done / p.total)
        bar = "#" * fill + "." * (width - fill)
        left = "stopping" if p.stopping else f"{self._clock(p.eta)} left"
        line = f"batch [{bar}] {p.done}/{p.total} runs  {self._clock(p.elapsed)} elapsed  {left}"
        if self.tty:
            print(f"\r{line}  ", end="\n" if p.done == p.total else "", file=sys.stderr, flush=True)
        else:
            step = p.done * 10 // p.total
            if step != self.shown:
                self.shown = step
                print(line, file=sys.stderr, flush=True)


def cmd_batch(argv: list[str], as_json: bool = False) -> int:
    """``wargame batch …``: run a batch, or replay / report on its results."""
    verb = argv[0] if argv and argv[0] in ("replay", "report") else "run"
    args = build_batch_parser(verb).parse_args(argv[1:] if verb != "run" else argv)
    args.json = args.json or as_json
    if verb == "replay":
        return _batch_replay(args)
    if verb == "report":
        return _batch_report(args)
    import signal

    from wargame.app import batch

    plan = batch.plan_batch(
        resolve_scenario(args.scenario),
        args.runs,
        seed=args.seed,
        vary=args.vary,
        turns=args.turns,
        sample=args.sample,
    )
    flags = batch.StopFlags()

    def on_sigint(_sig: int, _frame: object) -> None:
        flags.request()
        why = (
            "dropping the runs under way" if flags.abort else "finishing the runs under way (Ctrl+C again to drop them)"
        )
        print(f"\nwargame batch: stopping: {why}", file=sys.stderr, flush=True)

    previous = signal.signal(signal.SIGINT, on_sigint)
    try:
        summary = batch.run_batch(
            plan,
            args.output,
            workers=args.workers,
            scheduler=args.scheduler,
            progress=BatchProgressBar(not args.json),
            flags=flags,
            keep_games=args.keep_games,
            overwrite=args.force,
        )
    finally:
        signal.signal(signal.SIGINT, previous)
    data = {
        "results": str(summary.path),
        "turns": str(summary.turns_path),
        "runs_done": summary.runs_done,
        "runs_planned": summary.runs_planned,
        "complete": summary.complete,
        "seconds": round(summary.seconds, 3),
        "workers": summary.workers,
        "scheduler": summary.scheduler,
    }
    where = (
        "on Dask at " + summary.scheduler if summary.scheduler != "local" else f"on {summary.workers} local processes"
    )
    if summary.complete:
        text = (
            f"Wrote {summary.runs_done} runs of {plan.scenario_name} to {summary.path} (per-turn series: "
            f"{summary.turns_path.name}) in {BatchProgressBar._clock(summary.seconds)} {where}."
        )
    else:
        text = (
            f"Stopped: {summary.runs_done} of {summary.runs_planned} runs kept in {summary.path} "
            f"(marked partial; per-turn series: {summary.turns_path.name})."
        )
    emit(args, data, text)
    return 0 if summary.complete else 130


def _batch_replay(args: argparse.Namespace) -> int:
    from wargame.app import batch

    res = batch.replay(
        args.results, args.run, args.output, overwrite=args.force, progress=Progress("replaying", not args.json)
    )
    data = {"game": str(res.path), "run": res.run, "turns": res.turns, "hash": res.final_hash, "ok": res.ok}
    if not res.ok:
        emit(
            args,
            data,
            f"MISMATCH: run {res.run} replayed into {res.path} ends with hash {res.final_hash[:12]}, "
            f"the results say {res.expected_hash[:12]} (the game is kept for inspection).",
        )
        return EXIT_FAILED
    emit(
        args,
        data,
        f"Replayed run {res.run} into {res.path}: {res.turns} turns, the same final state hash as in the batch "
        f"({res.final_hash[:12]}). Open it with 'wargame {res.path}' or check it with 'wargame verify {res.path}'.",
    )
    return 0


def _batch_report(args: argparse.Namespace) -> int:
    from wargame.report.batch import write_batch_report

    out = Path(args.output)
    if out.suffix.lower() not in (".pdf", ".html"):
        raise CliError(f"the report must be a .pdf or .html file, not {out.name!r}")
    path, analysis = write_batch_report(args.results, out, metric=args.metric)
    emit(
        args,
        {"report": str(path), "runs": analysis.runs, "complete": analysis.complete},
        f"Wrote the analysis of {analysis.runs} runs to {path}"
        + ("" if analysis.complete else f" (PARTIAL: {analysis.runs} of {analysis.planned} runs)")
        + ".",
    )
    return 0


def cmd_host(args: argparse.Namespace) -> int:
    """Serve the game until Ctrl-C (or SIGTERM); print a join link per seat, the facilitator, observer and room."""
    import asyncio
    import signal

    from wargame import server

    if not 0 <= args.port <= 65535:
        raise CliError(f"--port must be between 0 and 65535, not {args.port}")
    if not args.db:
        existing_game(args.game)
    game = server.open_hosted(args.game, args.db)
    try:
        ex = server.Exercise(game, server.seat_roles(args.seat))
        if args.turn_seconds:
            ex.handle(server.exercise.FACILITATOR, {"type": "deadline", "rid": "cli", "seconds": args.turn_seconds})
        host = server.Host(ex, args.bind, args.port)

        def ready(h: server.Host) -> None:
            tokens = ex.issue_tokens(all_roles=args.new_links)
            shown = "0.0.0.0" if args.bind in ("", "0.0.0.0") else args.bind
            links = {name: server.join_link(shown, h.port, tok) for name, tok in tokens.items()}
            data = {
                "address": f"ws://{shown}:{h.port}/",
                "store": str(game.path),
                "links": links,
                "rejoin": sorted(set(ex.roles) - set(links)),
            }
            lines = [f"Hosting {game.meta.title} on ws://{shown}:{h.port}/ (game in {game.path})."]
            for name, link in links.items():
                role = ex.roles[name]
                lines.append(f"  {role.label()}: wargame join '{link}'")
            if data["rejoin"]:
                lines.append("  Already joined (their apps reconnect by themselves): " + ", ".join(data["rejoin"]))
            lines.append("Each link works once. Ctrl-C stops the server (the game is saved turn by turn).")
            emit(args, data, "\n".join(lines))
            sys.stdout.flush()

        async def main() -> None:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGINT, signal.SIGTERM):
                with contextlib.suppress(NotImplementedError):
                    loop.add_signal_handler(sig, host.stop)
            await host.serve(ready)

        try:
            asyncio.run(main())
        except OSError as exc:
            raise CliError(f"cannot listen on {args.bind}:{args.port} ({exc.strerror or exc})") from None
    finally:
        game.close()
    return 0


def cmd_join(args: argparse.Namespace) -> int:
    from wargame import server

    try:
        server.split_link(args.url)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if not has_display():
        raise CliError("no display to open the desktop application (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM)")
    try:
        from wargame.gui.main import run_app
    except ImportError as exc:
        raise CliError(f"the desktop application is not available here: {exc}") from exc
    return run_app(None, join=args.url)


def cmd_export_game(args: argparse.Namespace) -> int:
    from wargame.app import open_game

    source = args.source if args.source.startswith("postgresql") else str(existing_game(args.source))
    with open_game(source, readonly=True) as game:
        out = game.export(args.output, overwrite=args.force)
        emit(args, {"file": str(out), "turns": game.last_turn}, f"Wrote {out} (turns 0 to {game.last_turn}).")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    return launch_gui(getattr(args, "game", None))


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))


def launch_gui(game: str | None = None) -> int:
    if game is not None:
        existing_game(game)
    if not has_display():
        if game is not None:
            raise CliError(
                "no display to open the desktop application (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM); "
                f"read the game with `wargame show {cli_args.cut(game, 80)}` or `wargame log`"
            )
        print(
            "No display found (no DISPLAY, WAYLAND_DISPLAY or QT_QPA_PLATFORM): "
            "playing the demo scenario in the terminal instead.\n",
            file=sys.stderr,
            flush=True,
        )
        return run_terminal_demo()
    try:
        from wargame.gui.main import run_app
    except ImportError as exc:
        raise CliError(f"the desktop application is not available here: {exc}") from exc
    return run_app(game)


COMMANDS = {
    "new": cmd_new,
    "inject": cmd_inject,
    "decide": cmd_decide,
    "evidence": cmd_evidence,
    "note": cmd_note,
    "advance": cmd_advance,
    "show": cmd_show,
    "log": cmd_log,
    "branch": cmd_branch,
    "verify": cmd_verify,
    "recover": cmd_recover,
    "validate": cmd_validate,
    "assess": cmd_assess,
    "demo": cmd_demo,
    "report": cmd_report,
    "export": cmd_export,
    "gui": cmd_gui,
    "host": cmd_host,
    "join": cmd_join,
    "export-game": cmd_export_game,
    "play": cmd_play,
    "override": cmd_override,
    "msel": cmd_msel,
    "score": cmd_score,
    "hotwash": lambda args: cmd_hotwash(args),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from wargame.app import AppError, InjectError, SaveFileError, ScenarioError

    try:
        if argv and not argv[0].startswith("-") and argv[0] not in COMMANDS:
            if argv[0].endswith(".wargame") or _is_file(argv[0]):
                return launch_gui(argv[0])
        if not argv:
            return launch_gui(None)
        lead = 1 if argv[0] == "--json" else 0
        if len(argv) > lead and argv[lead] == "batch":
            return cmd_batch(argv[lead + 1 :], as_json=lead == 1)
        args = build_parser().parse_args(argv)
        if args.cmd is None:
            return launch_gui(None)
        return COMMANDS[args.cmd](args)
    except (CliError, AppError, InjectError, ScenarioError, SaveFileError) as exc:
        msg = str(exc).strip()
        first = msg.splitlines()[0] if msg else type(exc).__name__
        rest = msg.splitlines()[1:]
        print(f"wargame: error: {cli_args.cut(first, 2000)}", file=sys.stderr)
        for line in rest[: cli_args.MAX_PROBLEMS_SHOWN]:
            print(f"  {cli_args.cut(line, 2000)}", file=sys.stderr)
        if len(rest) > cli_args.MAX_PROBLEMS_SHOWN:
            print(f"  … and {len(rest) - cli_args.MAX_PROBLEMS_SHOWN:,} more lines", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a file the command reads or writes (a name too long, a full disk …)
        where = f": {cli_args.cut(str(exc.filename), 160)}" if getattr(exc, "filename", None) else ""
        print(f"wargame: error: {exc.strerror or exc}{where}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("wargame: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line; the traceback only on request
        if os.environ.get("WARGAME_DEBUG"):
            raise
        print(
            f"wargame: internal error: {type(exc).__name__}: {exc} (set WARGAME_DEBUG=1 for details)", file=sys.stderr
        )
        return 70


def _is_file(arg: str) -> bool:
    try:
        return len(arg) <= cli_args.MAX_PATH_CHARS and Path(arg).is_file()
    except (OSError, ValueError):
        return False


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
