"""The crisis read model the GUI's docks and ``wargame show`` share: what a state can ask under, the measures its
treaties' bodies can decide, and the Council's members."""

from __future__ import annotations

from wargame.app import new_game, scenarios
from wargame.app.crisis_view import council_members, forums, measures_for


def test_choices_follow_the_world_pack(tmp_path):
    game = new_game(scenarios.resolve("korea"), tmp_path / "k.wargame", seed=1)
    try:
        sc, w = game.scenario, game.world
        kor = [(f.treaty, f.article, f.kind) for f in forums(sc, w, "KOR")]
        assert ("US-ROK", "II", "consultation") in kor and ("US-ROK", "III", "defence") in kor
        assert kor[-1] == ("UN", "51", "defence")  # the Charter last, for a UN member
        assert all(f.kind in ("defence", "consultation") for f in forums(sc, w, "USA"))
        assert any(t == "US-ROK" for t, _m, _w in measures_for(sc, w, "KOR"))
        assert not any(t == "US-ROK" for t, _m, _w in measures_for(sc, w, "PRK"))
        assert council_members(sc)[:5] == ["CHN", "FRA", "GBR", "RUS", "USA"]
    finally:
        game.close()
