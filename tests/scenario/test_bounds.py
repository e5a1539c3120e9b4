"""Scenario input is bounded (issue 14): includes stay in the scenario's folder or name a bundled pack, only regular
files within a size limit are read, strings, counts and numbers have limits named in their messages, and the error
output is capped with values shortened. Each test reproduces a finding of the adversarial run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.engine import limits
from wargame.scenario import ScenarioError, load_scenario, load_scenario_text, scenario_files

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
TINY = """
[scenario]
id = "tiny"
name = "Tiny"
start_date = 2026-01-01
turn_length_days = 1
max_turns = 5
include = [{include}]

[[states]]
id = "AAA"
name = "A"

[[states]]
id = "BBB"
name = "B"
"""


def _tiny(folder: Path, *includes: str, extra: str = "") -> Path:
    path = folder / "main.toml"
    path.write_text(TINY.format(include=", ".join(f'"{i}"' for i in includes)) + extra, encoding="utf-8")
    return path


def _problems(path: Path) -> str:
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    return str(err.value)


def test_an_include_outside_the_folder_is_refused_and_its_content_never_echoed(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "creds.toml").write_text('DB_PASSWORD = "hunter2"\n', encoding="utf-8")
    game = tmp_path / "scenarios" / "mine"
    game.mkdir(parents=True)
    message = _problems(_tiny(game, "../../secret/creds.toml"))
    assert "outside the scenario's folder and the bundled packs" in message
    assert "DB_PASSWORD" not in message and "hunter2" not in message


def test_a_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.toml").write_text('DB_PASSWORD = "x"\n', encoding="utf-8")
    game = tmp_path / "game"
    game.mkdir()
    (game / "inside.toml").symlink_to(tmp_path / "outside.toml")
    message = _problems(_tiny(game, "inside.toml"))
    assert "outside the scenario's folder" in message and "DB_PASSWORD" not in message


def test_a_relative_path_into_the_bundled_packs_is_allowed(tmp_path: Path) -> None:
    """Includes may reach the bundled packs of assets/scenarios by a relative path (as the episode tests do)."""
    from wargame.scenario.loader import BUNDLED_PACKS

    game = tmp_path / "game"
    game.mkdir()
    rel = os.path.relpath(BUNDLED_PACKS / "world-treaties.toml", game)
    (game / "main.toml").write_text(
        DEMO.read_text(encoding="utf-8").replace('"world-treaties.toml"', repr(rel).replace("'", '"')), encoding="utf-8"
    )
    assert load_scenario(game / "main.toml").id == "demo"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_device_files_and_pipes_are_refused_without_reading_them(tmp_path: Path) -> None:
    """/dev/zero or /dev/urandom through a relative path ran out of memory; /dev/stdin or a FIFO hung ``validate``.
    Run in a child process with a time limit, so a hang fails the test instead of hanging the suite."""
    game = tmp_path / "game"
    game.mkdir()
    (game / "zero.toml").symlink_to("/dev/zero")
    os.mkfifo(game / "pipe.toml")
    depth = "../" * (len(game.parts) + 2)
    cases = {
        "zero-link": _tiny(game, "zero.toml"),
        "urandom-relative": _tiny(game, f"{depth}dev/urandom"),
    }
    (game / "fifo-main.toml").write_text(TINY.format(include='"pipe.toml"'), encoding="utf-8")
    code = (
        "import sys; from wargame.scenario import load_scenario, ScenarioError\n"
        "try:\n    load_scenario(sys.argv[1])\nexcept ScenarioError as e:\n    print(str(e))\n"
    )
    for name, path in [*cases.items(), ("fifo", game / "fifo-main.toml"), ("fifo-main", game / "pipe.toml")]:
        proc = subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
        )
        assert proc.returncode == 0, (name, proc.stderr)
        assert "not a regular file" in proc.stdout or "outside the scenario's folder" in proc.stdout, (
            name,
            proc.stdout,
        )


def test_files_over_the_size_limit_are_refused_with_the_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    with big.open("wb") as fh:
        fh.truncate(limits.MAX_SCENARIO_FILE_BYTES + 1)
    message = _problems(_tiny(tmp_path, "big.toml"))
    assert "the limit is 8 MB" in message
    with pytest.raises(ScenarioError, match="the limit is 8 MB"):
        load_scenario(big)


def test_a_bundled_pack_is_included_by_name_from_anywhere(tmp_path: Path) -> None:
    """A scenario outside assets/scenarios may include a bundled pack by its name (no copy needed)."""
    main = tmp_path / "demo.toml"
    shutil.copy(DEMO, main)
    sc = load_scenario(main)
    assert sc.id == "demo" and "world-treaties.toml" in scenario_files(main)


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (
            "\n[[forces]]\nid='F'\nowner='AAA'\nname='F'\nkind='army'\ncombat_power=1e308\npersonnel=1\nhome='AAA'\n"
            "readiness_days=1\n",
            "less than or equal to 1000000",
        ),
        (
            "\n[[injects]]\nat='D+" + "9" * 400 + "'\nattacker='AAA'\nvictim='BBB'\nlocation='BBB'\nkind='strike'\n",
            'expected "D+n"',
        ),
        (
            "\n[[injects]]\nturn=" + "9" * 5000 + "\nattacker='AAA'\nvictim='BBB'\nlocation='BBB'\nkind='strike'\n",
            "TOML value cannot be read",
        ),
        (
            "\n[[injects]]\nturn=2\nattacker='AAA'\nvictim='BBB'\nlocation='BBB'\nkind='strike'\ncasualties="
            + "9" * 401
            + "\n",
            "less than or equal to 10000000",
        ),
        ("\n[rules]\ndefender_bonus = 1e300\n", "less than or equal to 1000000"),
        ("\n[[states]]\nid='CCC'\nname='" + "n" * 2_000_000 + "'\n", "at most 500 characters"),
        (
            "".join(f"\n[[states]]\nid='S{i:04d}'\nname='x'\nnon_state=true\n" for i in range(1001)),
            "at most 1000 items",
        ),
    ],
    ids=["combat-power-1e308", "huge-at", "huge-integer", "401-digit-casualties", "huge-rule", "long-name", "count"],
)
def test_values_beyond_their_limits_are_refused_with_a_short_message(tmp_path: Path, extra: str, words: str) -> None:
    message = _problems(_tiny(tmp_path, extra=extra))
    assert words in message, message[:500]
    assert len(message) < 5_000 and all(len(line) <= 1_000 for line in message.splitlines())


def test_a_game_that_would_end_after_the_year_9999_is_refused(tmp_path: Path) -> None:
    text = (
        TINY.format(include="")
        .replace("max_turns = 5", "max_turns = 100000")
        .replace("turn_length_days = 1", "turn_length_days = 366")
    )
    with pytest.raises(ScenarioError, match="end after the year 9999"):
        load_scenario_text(text, name="main.toml")


def test_error_output_is_capped_at_fifty_problems_with_a_count(tmp_path: Path) -> None:
    extra = "".join(f"\n[[states]]\nid='Q{i:04d}'\nname='x'\ncontinent='atlantis'\n" for i in range(900))
    with pytest.raises(ScenarioError) as err:
        load_scenario(_tiny(tmp_path, extra=extra))
    lines = str(err.value).splitlines()
    assert len(err.value.problems) >= 900
    assert len(lines) == limits.MAX_PROBLEMS_SHOWN + 1
    assert lines[-1].startswith("… and ") and lines[-1].endswith("more problems")


def test_an_unknown_ten_megabyte_name_is_shortened_and_quick(tmp_path: Path) -> None:
    """Errors echoed 10 MB strings; suggesting a close name compared them with every known id."""
    extra = "\n[[end]]\nlocation='" + "Z" * 7_000_000 + "'\ncontroller='AAA'\n"
    message = _problems(_tiny(tmp_path, extra=extra))
    assert "at most 500 characters" in message and len(message) < 2_000
    extra = "\n[[end]]\nlocation='" + "Z" * 499 + "'\ncontroller='AAA'\n"
    message = _problems(_tiny(tmp_path, extra=extra))
    assert "unknown location" in message and len(message) < 2_000
