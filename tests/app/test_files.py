"""Files handled like a careful desktop application (issue 14): read-only opening works in a read-only folder and
leaves no ``-wal``/``-shm`` files; concurrent writers of one new file never share a temporary file nor leave half a
game; exported CSV cells a spreadsheet would run are escaped; no path stored inside a saved game is followed."""

from __future__ import annotations

import csv
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from wargame.app import msel, new_game, open_game
from wargame.cli import main

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "assets" / "scenarios" / "demo.toml"
ENV = dict(os.environ, PYTHONPATH=str(ROOT))
HEADER = ["serial", "time", "kind", "attacker", "victim", "location", "casualties", "attribution", "message"]


def _game(path: Path, turns: int = 2) -> Path:
    with new_game(DEMO, path, seed=2) as g:
        from wargame.app.types import AttackKind, AttackSpec, TargetKind

        g.inject(AttackSpec("RUS", "EST", "EST-NAR", AttackKind.INVASION, TargetKind.TERRITORY, 10, 0.0, 0.9))
        g.advance(turns)
    return path


READER = """
import sys
from wargame.cli import main
path = sys.argv[1]
codes = [main(argv) for argv in (["show", path], ["--json", "log", path], ["verify", path], ["score", path])]
sys.exit(0 if codes == [0, 0, 0, 0] else 3)
"""


def _without_write_rights() -> list[str] | None:
    """A command prefix that runs a process unable to write where the file permissions forbid it (root ignores
    them unless its DAC override is dropped), or None when that is not possible here."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_a_game_in_a_read_only_folder_can_be_read_and_nothing_is_left_behind(tmp_path: Path) -> None:
    """'attempt to write a readonly database' used to stop every read of a healthy game in such a folder."""
    prefix = _without_write_rights()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot make a folder read-only for this process")
    folder = tmp_path / "ro"
    folder.mkdir()
    game = _game(folder / "g.wargame")
    before = game.read_bytes()
    game.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    try:
        proc = subprocess.run(
            [*prefix, sys.executable, "-c", READER, str(game)], capture_output=True, text=True, env=ENV, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        assert "OK" in proc.stdout and "Traceback" not in proc.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["g.wargame"]
        assert game.read_bytes() == before
    finally:
        folder.chmod(stat.S_IRWXU)
        game.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_read_only_commands_leave_no_wal_or_shm_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    game = _game(tmp_path / "g.wargame")
    for argv in (["show", game], ["--json", "log", game], ["verify", game], ["score", game], ["msel", "list", game]):
        assert main([str(a) for a in argv]) == 0, capsys.readouterr().err
        assert sorted(p.name for p in tmp_path.iterdir()) == ["g.wargame"], argv
    assert main(["export", str(game), "-o", str(tmp_path / "out")]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.wargame", "out"]


def test_three_processes_creating_the_same_game_never_leave_half_a_file(tmp_path: Path) -> None:
    """Three concurrent `new -o SAME --force` used to share one temporary file (errors 'no such table', 'disk I/O
    error', once a 4 KB file that was not a game). Each now builds its own file and renames it into place whole."""
    target = tmp_path / "same.wargame"
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "wargame", "new", "demo", "-o", str(target), "--force", "--seed", str(seed)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=ENV,
        )
        for seed in (1, 2, 3)
    ]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]  # type: ignore[union-attr]
    for code, _out, err in results:
        assert code in (0, 2), err
        if code:
            assert len(err.strip().splitlines()) == 1 and "internal error" not in err
    assert any(code == 0 for code, _o, _e in results)
    with open_game(target, readonly=True) as g:
        assert g.last_turn == 0 and g.seed in (1, 2, 3)
        assert g.verify().ok
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.wargame"]


def test_exported_csv_cells_a_spreadsheet_would_run_are_escaped(tmp_path: Path) -> None:
    """MSEL cells starting with =, +, -, @ were written back verbatim; so were notes and descriptions in events.csv."""
    game = tmp_path / "g.wargame"
    hostile = ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tTAB"]
    src = tmp_path / "m.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i, text in enumerate(hostile):
            w.writerow([str(10 + i), "HOLD", "cyber", "RUS", "EST", "EST", "0", "0.5", text])
    with new_game(DEMO, game, seed=1) as g:
        msel.import_msel(g, src)
        g.note("=1+1 a formula in a note")
        msel.fire_now(g, "10")
        g.advance(1)
    out = tmp_path / "back.csv"
    assert main(["msel", "export", str(game), str(out)]) == 0
    cells = [c for row in csv.reader(out.open(encoding="utf-8", newline="")) for c in row]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells), cells
    assert "'" + hostile[0] in cells
    with open_game(game) as g:  # the escaped file imports back to the same messages
        rows, problems = msel.dry_run(out, g.scenario)
        assert not problems or all("already" in p.message for p in problems)
        assert [r.message for r in rows] == [h.strip() for h in hostile]  # cells are read stripped
    assert main(["export", str(game), "-o", str(tmp_path / "exp")]) == 0
    exported = [c for row in csv.reader((tmp_path / "exp" / "events.csv").open(encoding="utf-8")) for c in row]
    assert any("=1+1 a formula in a note" in c for c in exported)
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in exported)


def test_no_path_stored_in_a_saved_game_is_followed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report used to follow an absolute path stored in the game's settings (its main file) and read it."""
    from wargame.app import scenarios

    outside = tmp_path / "elsewhere" / "demo.toml"
    outside.parent.mkdir()
    shutil.copy(DEMO, outside)
    game = _game(tmp_path / "g.wargame", turns=1)
    with open_game(game) as g:
        g.set_variant(main_file=str(outside))
    read: list[str] = []
    real = scenarios.load_scenario
    monkeypatch.setattr(scenarios, "load_scenario", lambda p: read.append(str(p)) or real(p))
    with open_game(game, readonly=True) as g:
        pack = scenarios.pack_of(g)
    assert str(outside) not in read
    assert pack is None or read == [str(scenarios.SCENARIOS_DIR / "demo.toml")]
