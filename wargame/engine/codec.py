"""One codec: engine values to and from JSON-able data, driven by type hints and field metadata.

:func:`encode` turns a dataclass (the world, an event, a command, a verdict …) into plain dicts, lists,
strings and numbers; :func:`decode` builds the dataclass back from them; :func:`clone` copies a value the
way ``decode(type(v), encode(v))`` would, without building the JSON in between (the turn works on such a
copy, so it never modifies its input). :func:`canonical_json` and :func:`state_hash` give the text and the
sha256 the saved game compares turn by turn.

The rules, per type hint:

* ``str``, ``int``, ``bool``, ``None`` and ``Any`` pass through unchanged (an ``int`` stays an ``int``:
  the JSON, and so the state hash, is the same as the value's own);
* ``float`` passes through, rounded when the field says ``round=N``;
* an enum is stored by value, or by name when the field says ``by_name=True``;
* a *text value* (a class marked with :func:`text_value`, such as a verdict key) is stored as its
  ``str()`` and read back with its ``parse`` class method;
* a dataclass becomes a dict of its fields in declaration order, nested values encoded the same way;
* ``list``/``tuple`` become lists; ``dict`` stays a dict, its keys sorted when the field says ``sort=True``.

Field metadata (:func:`options`) tunes one field: ``round``, ``by_name``, ``sort``, ``omit_default``
(leave the key out while the value equals the default), ``coerce`` (decoding converts the value with
the field's type, e.g. ``int("3")``, as a command payload typed by hand may need) and ``skip`` (not
stored). Free-form JSON (``dict[str, Any]``: facts, event data, payloads) is treated as immutable: it
is shared, not copied, when encoding and cloning, and copied once when decoding.

For speed the encoder, decoder and cloner of each class are generated once as Python source (the way
:mod:`dataclasses` generates ``__init__``); decoding and cloning build objects through their ``__init__``.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import itertools
import json
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

__all__ = ["FieldOptions", "canonical_json", "clone", "decode", "encode", "options", "state_hash", "text_value"]

_KEY = "wargame.codec"


@dataclasses.dataclass(frozen=True)
class FieldOptions:
    """How the codec treats one dataclass field (see the module docstring)."""

    round: int | None = None
    by_name: bool = False
    sort: bool = False
    omit_default: bool = False
    coerce: bool = False
    skip: bool = False


def options(**kw: Any) -> dict[str, FieldOptions]:
    """Field metadata for the codec: ``field(default=0.0, metadata=options(round=6))``."""
    return {_KEY: FieldOptions(**kw)}


def text_value(cls: type[T]) -> type[T]:
    """Mark ``cls`` as stored in its text form: ``str(value)`` to encode, ``cls.parse(text)`` to decode."""
    if not callable(getattr(cls, "parse", None)):
        raise TypeError(f"{cls.__name__} needs a parse(text) class method to be a text value")
    cls.__codec_text__ = True  # type: ignore[attr-defined]
    return cls


# --------------------------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------------------------


def encode(value: Any) -> Any:
    """``value`` as JSON-able data: a dataclass becomes a dict, a list/tuple a list, an enum its value."""
    cls = type(value)
    if dataclasses.is_dataclass(cls) and not _is_text(cls):
        return _plan(cls).encode(value)
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {(str(k) if _is_text(type(k)) else k): encode(v) for k, v in value.items()}
    if isinstance(value, enum.Enum):
        return value.value
    if _is_text(cls):
        return str(value)
    return value


def decode(cls: type[T], data: Any) -> T:
    """Build a ``cls`` from ``data`` (inverse of :func:`encode`).

    Missing keys take the field's default; unknown keys are ignored. A missing required key raises
    ``KeyError``, a value an enum or a coerced field cannot take ``ValueError``.
    """
    if not isinstance(data, dict):
        raise ValueError(f"a {cls.__name__} is stored as a JSON object, not {type(data).__name__}")
    return typing.cast(T, _plan(cls).decode(data))


def clone(value: T) -> T:
    """A copy of ``value`` equal to ``decode(type(value), encode(value))``: rounded and coerced fields as
    stored, dicts in their stored order, mutable parts new, immutable parts (frozen values) shared."""
    return typing.cast(T, _plan(type(value)).clone(value))


def canonical_json(obj: object) -> str:
    """The canonical JSON text of JSON-able data: sorted keys, no spaces, UTF-8 characters as they are."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def state_hash(value: object) -> str:
    """sha256 of the canonical JSON of ``value``: the world (or any dataclass), or data already encoded.

    ``state_hash(world) == state_hash(encode(world))``: a caller that stores the world too encodes it once.
    """
    data = encode(value) if dataclasses.is_dataclass(value) else value
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------------------------
# Generated code per class
# --------------------------------------------------------------------------------------------


@dataclasses.dataclass
class _Plan:
    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]
    clone: Callable[[Any], Any]
    shared: bool
    """Cloning returns the value itself (a frozen value with nothing to round or coerce)."""


_PLANS: dict[type, _Plan] = {}
_BUILDING: set[type] = set()


def _is_text(tp: object) -> bool:
    return isinstance(tp, type) and bool(getattr(tp, "__codec_text__", False))


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        if not dataclasses.is_dataclass(cls):
            raise TypeError(f"the codec handles dataclasses, not {cls!r}")
        if cls in _BUILDING:
            raise TypeError(f"{cls.__name__} refers to itself; the codec does not handle recursive types")
        _BUILDING.add(cls)
        try:
            plan = _Builder(cls).build()
        finally:
            _BUILDING.discard(cls)
        _PLANS[cls] = plan
    return plan


_NONE = type(None)
_ATOMS = (str, int, bool, _NONE)


def _optional_of(tp: Any) -> Any | None:
    """``X`` for ``X | None``, else None."""
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not _NONE]
        if len(args) == 1 and len(typing.get_args(tp)) == 2:
            return args[0]
        raise TypeError(f"the codec handles X | None, not the union {tp!r}")
    return None


def _default_of(f: dataclasses.Field[Any]) -> Any:
    """The value a field takes when it is not given."""
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return f.default


def _enum_reader(cls: type[enum.Enum], by_name: bool) -> Callable[[Any], enum.Enum]:
    """``cls(value)`` (or ``cls[name]``) by a dict look-up; anything else raises as the enum itself would."""
    members: dict[Any, enum.Enum] = dict(cls._member_map_ if by_name else cls._value2member_map_)

    def read(x: Any) -> enum.Enum:
        try:
            return members[x]
        except (KeyError, TypeError):
            return cls[x] if by_name else cls(x)

    return read


def _is_any_dict(tp: Any) -> bool:
    return typing.get_origin(tp) is dict and typing.get_args(tp)[1] is Any


class _Builder:
    """Writes the source of one class's encoder, decoder and cloner."""

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.ns: dict[str, Any] = {"_cls": cls}
        self.names = itertools.count()
        self.depth = itertools.count()

    def bind(self, obj: object) -> str:
        name = f"_b{next(self.names)}"
        self.ns[name] = obj
        return name

    def var(self) -> str:
        return f"v{next(self.depth)}"

    # ---------------------------------------------------------------- per type
    def enc(self, tp: Any, x: str, opt: FieldOptions) -> str:
        inner = _optional_of(tp)
        if inner is not None:
            e = self.enc(inner, x, opt)
            return x if e == x else f"(None if {x} is None else {e})"
        if tp is Any or tp in _ATOMS:
            return x
        if tp is float:
            return f"round({x}, {opt.round})" if opt.round is not None else x
        if _is_text(tp):
            return f"str({x})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{x}._name_" if opt.by_name else f"{x}._value_"
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return f"{self.bind(_plan(tp).encode)}({x})"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (list, tuple):
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                parts = [self.enc(a, f"{x}[{i}]", FieldOptions()) for i, a in enumerate(args)]
                return f"list({x})" if parts == [f"{x}[{i}]" for i in range(len(args))] else f"[{', '.join(parts)}]"
            v = self.var()
            e = self.enc(args[0], v, FieldOptions(round=opt.round))
            return f"list({x})" if e == v else f"[{e} for {v} in {x}]"
        if origin is dict:
            if args[1] is Any and not opt.sort:
                return x
            k, v = self.var(), self.var()
            ek, ev = self.enc(args[0], k, FieldOptions()), self.enc(args[1], v, FieldOptions(round=opt.round))
            items = f"sorted({x}.items())" if opt.sort else f"{x}.items()"
            if ek == k and ev == v:
                return f"dict({items})"
            return f"{{{ek}: {ev} for {k}, {v} in {items}}}"
        raise TypeError(f"{self.cls.__name__}: the codec cannot store {tp!r}")

    def dec(self, tp: Any, x: str, opt: FieldOptions) -> str:
        inner = _optional_of(tp)
        if inner is not None:
            e = self.dec(inner, x, opt)
            return x if e == x else f"(None if {x} is None else {e})"
        if tp is Any or tp is _NONE:
            return x
        if tp in (str, int, float, bool):
            return f"{tp.__name__}({x})" if opt.coerce else x
        if _is_text(tp):
            return f"{self.bind(tp.parse)}({x})"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return f"{self.bind(_enum_reader(tp, opt.by_name))}({x})"
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            return f"{self.bind(_plan(tp).decode)}({x})"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (list, tuple):
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                parts = [self.dec(a, f"{x}[{i}]", FieldOptions()) for i, a in enumerate(args)]
                if parts == [f"{x}[{i}]" for i in range(len(args))]:
                    return f"tuple({x})"
                return f"({', '.join(parts)},)"
            v = self.var()
            e = self.dec(args[0], v, FieldOptions())
            if origin is tuple:
                return f"tuple({x})" if e == v else f"tuple([{e} for {v} in {x}])"
            return f"list({x})" if e == v else f"[{e} for {v} in {x}]"
        if origin is dict:
            k, v = self.var(), self.var()
            dk, dv = self.dec(args[0], k, FieldOptions()), self.dec(args[1], v, FieldOptions())
            if dk == k and dv == v:
                return f"dict({x})"
            return f"{{{dk}: {dv} for {k}, {v} in {x}.items()}}"
        raise TypeError(f"{self.cls.__name__}: the codec cannot read {tp!r}")

    def cln(self, tp: Any, x: str, opt: FieldOptions) -> str:
        """A copy of ``x`` as decode(encode(x)) would give it (``x`` itself where that is the same value)."""
        inner = _optional_of(tp)
        if inner is not None:
            e = self.cln(inner, x, opt)
            return x if e == x else f"(None if {x} is None else {e})"
        if tp is Any or tp is _NONE or _is_text(tp) or _is_any_dict(tp):
            return x
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return x
        if tp in (str, int, float, bool):
            e = f"round({x}, {opt.round})" if tp is float and opt.round is not None else x
            return f"{tp.__name__}({e})" if opt.coerce else e
        if isinstance(tp, type) and dataclasses.is_dataclass(tp):
            plan = _plan(tp)
            return x if plan.shared else f"{self.bind(plan.clone)}({x})"
        origin, args = typing.get_origin(tp), typing.get_args(tp)
        if origin in (list, tuple):
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                parts = [self.cln(a, f"{x}[{i}]", FieldOptions()) for i, a in enumerate(args)]
                return x if parts == [f"{x}[{i}]" for i in range(len(args))] else f"({', '.join(parts)},)"
            v = self.var()
            e = self.cln(args[0], v, FieldOptions(round=opt.round))
            if origin is tuple:
                return x if e == v else f"tuple([{e} for {v} in {x}])"
            return f"list({x})" if e == v else f"[{e} for {v} in {x}]"
        if origin is dict:
            k, v = self.var(), self.var()
            ck, cv = self.cln(args[0], k, FieldOptions()), self.cln(args[1], v, FieldOptions(round=opt.round))
            items = f"sorted({x}.items())" if opt.sort else f"{x}.items()"
            if ck == k and cv == v:
                return f"dict({items})"
            return f"{{{ck}: {cv} for {k}, {v} in {items}}}"
        raise TypeError(f"{self.cls.__name__}: the codec cannot copy {tp!r}")

    # ---------------------------------------------------------------- per class
    def build(self) -> _Plan:
        cls = self.cls
        self.hints = typing.get_type_hints(cls)
        self.fields = list(dataclasses.fields(cls))
        self.opts = {f.name: f.metadata.get(_KEY, FieldOptions()) for f in self.fields}
        self.stored = [f for f in self.fields if not self.opts[f.name].skip]
        frozen = bool(cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]
        lines = [*self._encoder(), *self._decoder()]
        copies = {f.name: self.cln(self.hints[f.name], f"o.{f.name}", self.opts[f.name]) for f in self.fields}
        shared = frozen and all(expr == f"o.{name}" for name, expr in copies.items())
        lines += self._cloner(copies)
        source = "\n".join(lines) + "\n"
        exec(compile(source, f"<codec {cls.__module__}.{cls.__qualname__}>", "exec"), self.ns)
        clone_fn = (lambda o: o) if shared else self.ns["clone"]
        return _Plan(self.ns["encode"], self.ns["decode"], clone_fn, shared)

    def _encoder(self) -> list[str]:
        """``encode(o)``: a dict literal for the leading fields, then one statement per field left out by default."""
        literal: list[str] = []
        rest: list[str] = []
        for f in self.stored:
            expr = self.enc(self.hints[f.name], f"o.{f.name}", self.opts[f.name])
            if self.opts[f.name].omit_default:
                default = self.bind(_default_of(f))
                rest.append(f"    if o.{f.name} != {default}: d[{f.name!r}] = {expr}")
            elif rest:
                rest.append(f"    d[{f.name!r}] = {expr}")
            else:
                literal.append(f"{f.name!r}: {expr}")
        if rest:
            return ["def encode(o):", f"    d = {{{', '.join(literal)}}}", *rest, "    return d"]
        return ["def encode(o):", f"    return {{{', '.join(literal)}}}"]

    def _decoder(self) -> list[str]:
        """``decode(d)``: every stored field from the dict, its default when missing, through ``__init__``.

        (Objects are always made by their ``__init__``: CPython's attribute access is fastest on them, and the
        engine reads the world's attributes far more often than it builds it.)
        """
        values: dict[str, str] = {}
        for f in self.stored:
            expr = self.dec(self.hints[f.name], f"d[{f.name!r}]", self.opts[f.name])
            if f.default is not dataclasses.MISSING:
                values[f.name] = f"({expr} if {f.name!r} in d else {self.bind(f.default)})"
            elif f.default_factory is not dataclasses.MISSING:
                values[f.name] = f"({expr} if {f.name!r} in d else {self.bind(f.default_factory)}())"
            else:
                values[f.name] = expr
        return ["def decode(d):", f"    return _cls({self._arguments(values)})"]

    def _cloner(self, copies: dict[str, str]) -> list[str]:
        """``clone(o)``: the instance's fields, copied as decode(encode(o)) would give them."""
        return ["def clone(o):", f"    return _cls({self._arguments(copies)})"]

    def _arguments(self, values: dict[str, str]) -> str:
        """The ``__init__`` arguments: positional while the fields are in order, by name after a gap."""
        out: list[str] = []
        by_name = False
        for f in self.fields:
            if not f.init:
                continue
            if f.name not in values:
                by_name = True
                continue
            out.append(f"{f.name}={values[f.name]}" if by_name else values[f.name])
        return ", ".join(out)
