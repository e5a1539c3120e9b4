"""Frames (schema 0007): a change stores what turns one payload into the next, exactly, and damage is named."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wargame.store.frames import apply, apply_frame, diff, pack, same, unpack
from wargame.store.integrity import SealError, canonical

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(-5, 5, allow_nan=False), st.text(max_size=3)
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abcsdp"), inner, max_size=4),
    max_leaves=12,
)
tables = st.dictionaries(st.sampled_from("abcsdp"), values, max_size=5)


@settings(max_examples=300)
@given(tables, tables)
def test_apply_of_diff_gives_the_new_table_exactly(old: dict, new: dict) -> None:
    patch = diff(old, new)
    got = apply(old, patch)
    assert canonical(got) == canonical(new)
    assert canonical(unpack(pack({"p": patch}), "x")["p"]) == canonical(patch)  # survives the stored form
    assert (patch == {}) == (canonical(old) == canonical(new))


def test_same_tells_json_types_apart() -> None:
    assert same({"a": [1, {"b": 2.5}]}, {"a": [1, {"b": 2.5}]})
    assert not same(1, 1.0) and not same(True, 1) and not same([1], [1, 2]) and not same({"a": 1}, {"b": 1})


@pytest.mark.parametrize("data", [b"", b"not zlib", pack({"x": 1})[:-3], bytearray(b"\x78\x9c\x03\x00")])
def test_a_damaged_frame_is_a_seal_error_naming_it(data: bytes) -> None:
    with pytest.raises(SealError, match="the frame of nation at turn 3"):
        unpack(data, "the frame of nation at turn 3")


def test_a_frame_that_is_not_a_frame_is_named() -> None:
    with pytest.raises(SealError, match="not a frame"):
        apply_frame({}, {"patch": [1, 2]}, "the frame of nation at turn 3")


def test_a_list_of_the_same_length_stores_only_its_changed_items() -> None:
    terms = [{"label": "reserve", "value": 1.0}, {"label": "costs", "value": 2.0}, "note"]
    changed = [{"label": "reserve", "value": 1.0}, {"label": "costs", "value": 3.5}, "other"]
    patch = diff({"terms": terms}, {"terms": changed})
    assert patch == {"l": {"terms": [[1, "p", {"s": {"value": 3.5}}], [2, "s", "other"]]}}
    assert apply({"terms": terms}, patch) == {"terms": changed} and terms[1]["value"] == 2.0  # old left alone
    assert diff({"t": [1, 2]}, {"t": [3, 4]}) == {"s": {"t": [3, 4]}}  # every item changed: set whole
    assert diff({"t": [1, 2]}, {"t": [1, 2, 3]}) == {"s": {"t": [1, 2, 3]}}  # another length: set whole
