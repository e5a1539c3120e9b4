"""Deterministic randomness: named sub-streams derived from the game seed with a stable hash.

Never Python's salted ``hash()``: a stream's numbers depend only on the seed and the names, so
replaying a game's commands reproduces every draw.
"""

from __future__ import annotations

import hashlib
import math
import random
from dataclasses import dataclass, field

from .codec import options


def stream(seed: int, *names: object) -> random.Random:
    """A ``random.Random`` for the sub-stream ``names`` of ``seed`` (e.g. ``("combat", 5, "EST-NAR")``)."""
    key = "|".join([str(seed), *(str(n) for n in names)]).encode("utf-8")
    digest = hashlib.sha256(key).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


@dataclass(frozen=True)
class Draw:
    """One random number used by an outcome, recorded with the outcome."""

    stream: str = field(metadata=options(coerce=True))
    purpose: str = field(metadata=options(coerce=True))
    value: float = field(metadata=options(coerce=True, round=9))


def uniform(seed: int, purpose: str, *names: object) -> Draw:
    """A uniform draw in [0, 1) from the named stream, as a recorded :class:`Draw`."""
    label = "/".join(str(n) for n in names)
    return Draw(label, purpose, stream(seed, *names).random())


def lognormal_factor(seed: int, sigma: float, purpose: str, *names: object) -> Draw:
    """A multiplicative noise factor exp(N(0, sigma)) from the named stream."""
    label = "/".join(str(n) for n in names)
    z = stream(seed, *names).gauss(0.0, 1.0)
    return Draw(label, purpose, math.exp(sigma * z))
