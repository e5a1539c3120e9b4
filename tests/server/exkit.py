"""Helpers for the exercise server's tests (a module of its own: ``conftest`` is a name every test folder uses)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wargame.app import Game
from wargame.server import Exercise, ExerciseClient, Host

BALTIC = Path(__file__).resolve().parents[2] / "assets" / "scenarios" / "baltic.toml"
SEATS = ["US cell=USA", "Estonia=EST", "Poland=POL", "Germany=DEU"]


class Recorder:
    """A client that keeps the text of every message it receives (the canary test reads them all)."""

    def __init__(self, link: str) -> None:
        self.texts: list[str] = []
        self.lock = threading.Lock()
        self.client = ExerciseClient(link, self._got)

    def _got(self, msg: dict[str, Any]) -> None:
        with self.lock:
            self.texts.append(json.dumps(msg, ensure_ascii=False))

    def start(self) -> Recorder:
        self.client.start()
        return self

    def everything(self) -> str:
        with self.lock:
            return "\n".join(self.texts)


def wait_for(check: Callable[[], bool], timeout: float = 30.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def view_turn(client: ExerciseClient) -> int:
    v = client.latest("view")
    return -1 if v is None else int(v["view"]["turn"])


class Served:
    def __init__(self, game: Game, host: Host, ex: Exercise, links: dict[str, str]) -> None:
        self.game, self.host, self.ex, self.links = game, host, ex, links
