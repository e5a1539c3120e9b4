"""Compressed snapshot frames (schema 0007_compressed_snapshots): one row per turn and entity kind.

A turn's state is ``{entity_kind: {entity_key: payload}}``. Since schema 0007 each turn stores, per entity kind,
one *frame*: zlib-compressed :func:`~wargame.store.integrity.canonical` JSON of either

* a keyframe, ``{"full": {key: payload}}``: every entity of the kind (turn 0 and every ``KEYFRAME_EVERY`` turns), or
* a change, ``{"put": {key: payload}, "patch": {key: patch}, "gone": [key, …]}`` against the turn before: new
  entities in full, changed ones as a :func:`diff` of their payload (only the fields that changed; nested tables
  field by field, lists that keep their length item by item), removed ones by key. Empty parts are left out; a kind with no change has no frame.

Reading turn ``t`` starts from an empty state at the keyframe turn ``t - t % KEYFRAME_EVERY`` and applies each
turn's frames up to ``t``. Files written before keep their per-entity rows in ``snapshots`` (schema 0004: full
rows at keyframes, changed rows and ``{"__deleted__": true}`` tombstones between); those rows fold the same way,
so a game continued after the upgrade reads through both.

zlib (the standard library) rather than zstd: it is always there, on every platform and database driver, costs
well under a millisecond to inflate a 200-state keyframe, and brings a year-long 200-state game under 4 MB
(``benchmarks/bench_review.py``); zstd would be a compiled dependency for a few percent more.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from .integrity import SealError, canonical

LEVEL = 6
"""zlib's compression level (9 is slower to write for about 2 % less)."""

DELETED: dict[str, Any] = {"__deleted__": True}
"""The payload of a removed entity in the per-entity rows of schema 0004."""

State = dict[str, dict[str, dict[str, Any]]]
"""kind → key → payload."""


def pack(value: Mapping[str, Any]) -> bytes:
    """The stored form of a frame: zlib of its canonical JSON."""
    return zlib.compress(canonical(value).encode("utf-8"), LEVEL)


def unpack(data: Any, label: str) -> dict[str, Any]:
    """A stored frame read back; :class:`SealError` (naming ``label``) if it does not inflate to a JSON table."""
    try:
        value = json.loads(zlib.decompress(bytes(data)).decode("utf-8"))
    except (zlib.error, ValueError, TypeError, UnicodeDecodeError):
        raise SealError(f"{label} is damaged (it does not inflate to JSON)") from None
    if not isinstance(value, dict):
        raise SealError(f"{label} is damaged (not a table)")
    return value


# ------------------------------------------------------------------------------------------ payload changes
def same(a: Any, b: Any) -> bool:
    """Whether two JSON values have the same JSON text (unlike ``==``, ``1``, ``1.0`` and ``True`` differ)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """What turns ``old`` into ``new`` (both JSON tables): ``{"s": {field: new value}, "d": [removed fields],
    "p": {field: diff of a nested table}, "l": {field: [[index, "s", new item] or [index, "p", diff of a table
    item], …]}}``, empty parts left out; a list keeps its length under "l" (one that changes length is set whole).
    ``apply(old, diff(old, new)) == new``."""
    put: dict[str, Any] = {}
    nested: dict[str, Any] = {}
    items: dict[str, Any] = {}
    for name, value in new.items():
        if name not in old:
            put[name] = value
            continue
        before = old[name]
        if same(before, value):
            continue
        if isinstance(value, dict) and isinstance(before, dict):
            nested[name] = diff(before, value)
        elif isinstance(value, list) and isinstance(before, list) and len(value) == len(before):
            changes = _list_diff(before, value)
            if len(changes) < len(value):
                items[name] = changes
            else:
                put[name] = value
        else:
            put[name] = value
    out: dict[str, Any] = {}
    if put:
        out["s"] = put
    gone = [name for name in old if name not in new]
    if gone:
        out["d"] = gone
    if nested:
        out["p"] = nested
    if items:
        out["l"] = items
    return out


def _list_diff(old: list[Any], new: list[Any]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for i, (a, b) in enumerate(zip(old, new, strict=True)):
        if same(a, b):
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            out.append([i, "p", diff(a, b)])
        else:
            out.append([i, "s", b])
    return out


def apply(old: Mapping[str, Any], patch: Mapping[str, Any]) -> dict[str, Any]:
    """A new table: ``old`` changed by ``patch`` (see :func:`diff`); ``old`` is not modified."""
    out = dict(old)
    for name in patch.get("d", ()):
        out.pop(name, None)
    out.update(patch.get("s", {}))
    for name, sub in patch.get("p", {}).items():
        inner = out.get(name)
        out[name] = apply(inner if isinstance(inner, dict) else {}, sub)
    for name, changes in patch.get("l", {}).items():
        items = list(out[name])
        for i, how, value in changes:
            items[i] = value if how == "s" else apply(items[i], value)
        out[name] = items
    return out


# ------------------------------------------------------------------------------------------ frames of a turn
def keyframe(entities: Mapping[str, Any]) -> dict[str, Any]:
    return {"full": dict(entities)}


def change(
    before: Mapping[str, Mapping[str, Any]], now: Mapping[str, Mapping[str, Any]], changed: Iterable[str]
) -> dict[str, Any]:
    """The change frame of one kind: ``changed`` keys (present in ``now``) and the keys of ``before`` not in ``now``."""
    put: dict[str, Any] = {}
    patch: dict[str, Any] = {}
    for key in changed:
        old = before.get(key)
        if old is None:
            put[key] = now[key]
        else:
            patch[key] = diff(old, now[key])
    out: dict[str, Any] = {}
    if put:
        out["put"] = put
    if patch:
        out["patch"] = patch
    gone = sorted(k for k in before if k not in now)
    if gone:
        out["gone"] = gone
    return out


def apply_frame(entities: dict[str, dict[str, Any]], frame: Mapping[str, Any], label: str) -> None:
    """Bring one kind's entities (changed in place) to the frame's turn."""
    try:
        if "full" in frame:
            entities.clear()
            entities.update(frame["full"])
            return
        for key in frame.get("gone", ()):
            entities.pop(key, None)
        entities.update(frame.get("put", {}))
        for key, patch in frame.get("patch", {}).items():
            entities[key] = apply(entities.get(key, {}), patch)
    except (TypeError, AttributeError, ValueError, KeyError, IndexError):
        raise SealError(f"{label} is damaged (not a frame)") from None


def apply_row(state: State, kind: str, key: str, payload: Any) -> None:
    """Fold one per-entity row of schema 0004 (a payload, or a tombstone) into ``state``."""
    if not isinstance(payload, dict):
        raise SealError(f"the snapshot of {kind} {key} is damaged")
    if payload == DELETED:
        state.get(kind, {}).pop(key, None)
    else:
        state.setdefault(kind, {})[key] = payload
