"""The colour-blind-safe palette of :mod:`wargame.app.palette` (hex strings) and ``qcolor`` for the widgets."""

from __future__ import annotations

from wargame.app.palette import *  # noqa: F403  (the hex colours and scales, re-exported for the widgets)
from wargame.render import qcolor

__all__ = ["qcolor"]
