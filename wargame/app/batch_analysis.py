"""The distribution of a batch: outcome frequencies with confidence intervals, timings, sensitivity to the
varied values, and the typical runs to replay. Plain numbers, for the batch report and the Analysis window.

* Frequencies: every ``outcome`` column (true/false) and every end reason, with a Wilson score interval
  (95 %): it stays inside [0, 1] and is sound for small batches and for 0 or 100 %, where the normal
  approximation is not (Wilson 1927; Brown, Cai & DasGupta 2001, *Statistical Science* 16(2)).
* Timings: every ``timing`` column (a turn, or none when it never happened) as its values.
* Tornado: for each varied name, the metric's mean at each of its values (averaged over the other varied
  values); the bar runs from the lowest to the highest mean, around the mean of all runs.
* Typical runs: for each outcome (and end reason), the run of that group closest to the group's medians of
  score, end turn, casualties and spending (each distance in units of that measure's spread over the batch).
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass
from typing import Any

from . import AppError
from .batch import BatchResults

__all__ = ["Analysis", "Frequency", "TornadoBar", "Timing", "Typical", "analyse", "wilson"]

KEY_MEASURES = ("score", "end_turn", "casualties_total", "spent_total_musd")


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float, float]:
    """(share, lower, upper) of ``k`` successes in ``n`` trials: the Wilson score interval (95 % by default)."""
    if n <= 0:
        return 0.0, 0.0, 1.0
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    low = 0.0 if k == 0 else max(0.0, centre - half)
    high = 1.0 if k == n else min(1.0, centre + half)  # exact at the ends (the formula gives them up to rounding)
    return p, low, high


@dataclass(frozen=True)
class Frequency:
    column: str
    label: str
    k: int
    n: int
    share: float
    low: float
    high: float
    doc: str = ""


@dataclass(frozen=True)
class Timing:
    column: str
    label: str
    values: tuple[int, ...]
    never: int
    """Runs in which it never happened."""
    doc: str = ""

    @property
    def median(self) -> float | None:
        return statistics.median(self.values) if self.values else None


@dataclass(frozen=True)
class TornadoBar:
    name: str
    low_value: str
    high_value: str
    low: float
    high: float
    means: tuple[tuple[str, float, int], ...]
    """(value, mean of the metric, runs) for each value of the varied name."""

    @property
    def spread(self) -> float:
        return abs(self.high - self.low)


@dataclass(frozen=True)
class Typical:
    label: str
    """What the run is typical of ('deterrence_held = true', 'median of score' …)."""
    run: int
    group: int
    """Runs in the group it was chosen from."""
    detail: str


@dataclass(frozen=True)
class Analysis:
    path: str
    scenario: str
    runs: int
    planned: int
    complete: bool
    stopped: str
    batch_seed: int
    turns: int
    variations: tuple[tuple[str, tuple[str, ...]], ...]
    frequencies: tuple[Frequency, ...]
    never: tuple[str, ...]
    """The labels of the outcomes that were false in every run (left out of the chart)."""
    timings: tuple[Timing, ...]
    metric: str
    baseline: float | None
    tornado: tuple[TornadoBar, ...]
    typical: tuple[Typical, ...]
    docs: dict[str, str]


def _role(res: BatchResults, role: str) -> list[str]:
    return [c for c, d in res.docs.items() if d.get("role") == role and c in res.columns]


def _label(res: BatchResults, column: str) -> str:
    return res.docs.get(column, {}).get("label") or column.replace("_", " ")


def frequencies(res: BatchResults) -> tuple[list[Frequency], list[str]]:
    out: list[Frequency] = []
    never: list[str] = []
    for c in _role(res, "outcome"):
        vals = [v for v in res.columns[c] if v is not None]
        k = sum(1 for v in vals if v)
        if k == 0:
            never.append(_label(res, c))
            continue
        p, lo, hi = wilson(k, len(vals))
        out.append(Frequency(c, _label(res, c), k, len(vals), p, lo, hi, res.docs[c].get("doc", "")))
    reasons = [str(v) for v in res.columns.get("end_reason", []) if v]
    for reason in sorted(set(reasons)):
        k = reasons.count(reason)
        p, lo, hi = wilson(k, len(reasons))
        out.append(Frequency("end_reason", f"ended: {reason}", k, len(reasons), p, lo, hi, "Why the game ended."))
    return out, never


def timings(res: BatchResults) -> list[Timing]:
    out = []
    for c in _role(res, "timing"):
        vals = res.columns[c]
        got = tuple(int(v) for v in vals if v is not None)
        if got:
            out.append(Timing(c, _label(res, c), got, len(vals) - len(got), res.docs[c].get("doc", "")))
    return out


def _numeric(values: list[Any]) -> list[float | None]:
    return [None if v is None else float(v) for v in values]


def tornado(res: BatchResults, metric: str) -> tuple[float | None, list[TornadoBar]]:
    ys = _numeric(res.columns[metric])
    have = [y for y in ys if y is not None]
    baseline = statistics.fmean(have) if have else None
    varies = [json.loads(v or "{}") for v in res.columns.get("vary", [])]
    bars = []
    for v in res.meta.variations:
        name = v["name"]
        means = []
        for value in v["values"]:
            sel = [y for y, a in zip(ys, varies, strict=True) if a.get(name) == value and y is not None]
            if sel:
                means.append((str(value), statistics.fmean(sel), len(sel)))
        if len(means) < 2:
            continue
        lo = min(means, key=lambda m: m[1])
        hi = max(means, key=lambda m: m[1])
        bars.append(TornadoBar(name, lo[0], hi[0], lo[1], hi[1], tuple(means)))
    bars.sort(key=lambda b: (-b.spread, b.name))
    return baseline, bars


def _spread(values: list[float]) -> float:
    if len(values) < 2:
        return 1.0
    q = statistics.quantiles(values, n=4)
    iqr = q[2] - q[0]
    return iqr if iqr > 0 else (max(values) - min(values)) or 1.0


def typical_runs(res: BatchResults) -> list[Typical]:
    runs = res.runs
    keys = [k for k in KEY_MEASURES if k in res.columns]
    cols = {k: _numeric(res.columns[k]) for k in keys}
    scale = {k: _spread([v for v in cols[k] if v is not None]) for k in keys}

    def closest(idx: list[int]) -> tuple[int, str]:
        med = {}
        for k in keys:
            got = [cols[k][i] for i in idx if cols[k][i] is not None]
            if got:
                med[k] = statistics.median(got)

        def dist(i: int) -> float:
            return sum(abs((cols[k][i] if cols[k][i] is not None else med[k]) - med[k]) / scale[k] for k in med)

        best = min(idx, key=lambda i: (dist(i), runs[i]))
        detail = ", ".join(f"{k.replace('_', ' ')} {_num(cols[k][best])} (median {_num(med[k])})" for k in med)
        return runs[best], detail

    out: list[Typical] = []
    if runs:
        run, detail = closest(list(range(len(runs))))
        out.append(Typical("all runs", run, len(runs), detail))
    groups: list[tuple[str, list[int]]] = []
    for c in _role(res, "outcome"):
        vals = res.columns[c]
        for want in (True, False):
            idx = [i for i, v in enumerate(vals) if v is want]
            if idx and len(idx) < len(vals):
                groups.append((f"{_label(res, c)}: {'yes' if want else 'no'}", idx))
    reasons = res.columns.get("end_reason", [])
    if len(set(reasons)) > 1:
        for reason in sorted(set(reasons)):
            groups.append((f"ended: {reason}", [i for i, v in enumerate(reasons) if v == reason]))
    for label, idx in groups:
        run, detail = closest(idx)
        out.append(Typical(label, run, len(idx), detail))
    return out


def _num(v: float | None) -> str:
    if v is None:
        return "–"
    return f"{v:,.0f}" if float(v).is_integer() or abs(v) >= 100 else f"{v:,.2f}"


def default_metric(res: BatchResults) -> str:
    """The first of score, deterrence held, casualties and end turn that differs between runs (score if none)."""
    for name in ("score", "deterrence_held", "casualties_total", "end_turn"):
        values = {v for v in res.columns.get(name, []) if v is not None}
        if len(values) > 1:
            return name
    return "score" if "score" in res.columns else "end_turn"


def analyse(res: BatchResults, metric: str | None = None) -> Analysis:
    """The whole analysis of a results file (``metric``: the column the tornado chart shows)."""
    metric = metric or default_metric(res)
    numeric = [c for c, d in res.docs.items() if d.get("type") in ("int", "float", "bool") and c in res.columns]
    if metric not in numeric:
        from wargame.engine.names import suggest

        raise AppError(f"no numeric column {metric!r} in {res.path.name}{suggest(metric, numeric)}")
    freq, never = frequencies(res)
    baseline, bars = tornado(res, metric)
    m = res.meta
    return Analysis(
        path=str(res.path),
        scenario=m.scenario_name,
        runs=len(res.runs),
        planned=m.runs_planned,
        complete=m.complete,
        stopped=m.stopped,
        batch_seed=m.batch_seed,
        turns=m.turns,
        variations=tuple((v["name"], tuple(v["values"])) for v in m.variations),
        frequencies=tuple(freq),
        never=tuple(never),
        timings=tuple(timings(res)),
        metric=metric,
        baseline=baseline,
        tornado=tuple(bars),
        typical=tuple(typical_runs(res)),
        docs={c: res.docs[c].get("doc", "") for c in res.columns if c in res.docs},
    )
