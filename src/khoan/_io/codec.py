"""The ``khoan/1`` JSON codec: dossiers and cohorts, lossless both ways (see :mod:`khoan.io`)."""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final, TypeVar, overload

import attrs

from khoan._base.collect import collect
from khoan._base.convert import FrozenMap
from khoan._base.paths import join_path, key_path
from khoan._facts.assignment import Assignee, Assignment, Support
from khoan._facts.council import Council, Criterion, Member, Scoresheet
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.inspection import Inspection, Observation
from khoan._facts.items import Indicator, Task
from khoan._facts.org import Cadre, OrgChart, Term, Unit
from khoan._facts.period import Period
from khoan._facts.report import Excuse, Outcome, Report
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InexactNumber,
    InvalidValue,
    UnsupportedSchema,
    flatten,
)

__all__ = [
    "DATE_RE",
    "DECIMAL_RE",
    "FACT_CLASSES",
    "PERIOD_RE",
    "SCHEMA",
    "TAGGED",
    "dump",
    "dumps",
    "hints",
    "load",
    "loads",
    "read",
    "write",
]

SCHEMA: Final = "khoan/1"
"""The schema version this khoan reads and writes."""

Document = Dossier | Cohort
D = TypeVar("D", Dossier, Cohort)

_KINDS: Final[dict[str, type[Dossier] | type[Cohort]]] = {"dossier": Dossier, "cohort": Cohort}
_KIND_OF: Final[dict[type, str]] = {Dossier: "dossier", Cohort: "cohort"}
# Classes that appear in a union are told apart by a "kind" member.
TAGGED: Final[dict[type, str]] = {Indicator: "indicator", Task: "task"}
DECIMAL_RE: Final = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
DATE_RE: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PERIOD_RE: Final = r"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
FACT_CLASSES: Final = (
    Dossier, Cohort, OrgChart, Unit, Cadre, Term, Assignment, Assignee, Support,
    Indicator, Task, Inspection, Observation, Report, Outcome, Excuse, Council,
    Member, Criterion, Scoresheet,
)  # fmt: skip


class _Failed:
    """Marks a value that could not be read; its errors are collected elsewhere."""


_FAILED: Final = _Failed()


# --------------------------------------------------------------------- writing


def dump(document: Dossier | Cohort) -> dict[str, Any]:
    """Return ``document`` as a JSON-ready dict.

    Args:
        document: A :class:`~khoan.Dossier` or a :class:`~khoan.Cohort`.

    """
    kind = "dossier" if isinstance(document, Dossier) else "cohort"
    if not isinstance(document, Dossier | Cohort):
        raise InvalidValue("", document, "a Dossier or a Cohort")
    body = _encode(document)
    assert isinstance(body, dict)
    return {"schema": SCHEMA, "kind": kind, **body}


def dumps(document: Dossier | Cohort) -> str:
    """Return ``document`` as JSON text: UTF-8 kept as is, two-space indent, final newline."""
    return json.dumps(dump(document), ensure_ascii=False, indent=2) + "\n"


def write(document: Dossier | Cohort, path: str | Path) -> None:
    """Write ``document`` to ``path`` as UTF-8 JSON."""
    Path(path).write_text(dumps(document), encoding="utf-8")


def _encode(value: object) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, FrozenMap):
        return {k: str(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    cls: Any = type(value)
    if attrs.has(cls):
        out: dict[str, Any] = {}
        tag = TAGGED.get(cls)
        if tag is not None:
            out["kind"] = tag
        for field in attrs.fields(cls):
            if not field.init:
                continue
            current = getattr(value, field.name)
            if _is_default(field, current):
                continue
            out[field.name] = _encode(current)
        return out
    raise TypeError(f"khoan.io cannot write {type(value).__name__}")  # pragma: no cover


def _is_default(field: attrs.Attribute[Any], value: object) -> bool:
    default: Any = field.default
    if default is attrs.NOTHING:
        return False
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        default = default.factory()
    return bool(value == default and type(value) is type(default))


# --------------------------------------------------------------------- reading


@overload
def load(data: Mapping[str, Any], *, expect: None = None) -> Dossier | Cohort: ...
@overload
def load(data: Mapping[str, Any], *, expect: type[D]) -> D: ...
def load(data: Mapping[str, Any], *, expect: type[D] | None = None) -> Dossier | Cohort:
    """Build a dossier or a cohort from a parsed JSON document.

    Args:
        data: The parsed document.
        expect: :class:`~khoan.Dossier` or :class:`~khoan.Cohort` to refuse
            the other kind (and to type the result for a type checker).

    Raises:
        UnsupportedSchema: ``schema`` is missing or not ``"khoan/1"``.
        FieldError: The one problem in the document.
        InvalidDocument: Every problem, when there are several.

    """
    if not isinstance(data, Mapping):
        raise InvalidValue("", data, "a JSON object")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise UnsupportedSchema(
            "schema", schema, f"{SCHEMA!r}; this khoan reads only that version of the format"
        )
    kind = data.get("kind")
    cls = _KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidValue("kind", kind, "'dossier' or 'cohort'")
    if expect is not None and cls is not expect:
        raise InvalidValue("kind", kind, f"{_KIND_OF[expect]!r}: this reader was asked for one")
    body = {k: v for k, v in data.items() if k not in ("schema", "kind")}
    errors: list[FieldError] = []
    result = _decode_attrs(body, cls, "", errors)
    collect(errors, f"the {kind}")
    assert isinstance(result, Dossier | Cohort)
    return result


@overload
def loads(text: str | bytes, *, expect: None = None) -> Dossier | Cohort: ...
@overload
def loads(text: str | bytes, *, expect: type[D]) -> D: ...
def loads(text: str | bytes, *, expect: type[D] | None = None) -> Dossier | Cohort:
    """Build a dossier or a cohort from JSON text (``expect`` as in :func:`load`).

    Raises:
        InvalidValue: The text is not JSON.
        DuplicateId: A JSON object names a member twice.
        UnsupportedSchema, FieldError, InvalidDocument: As :func:`load`.

    """
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as err:
        raise InvalidValue(f"line {err.lineno} column {err.colno}", err.msg, "valid JSON") from None
    return load(data, expect=expect)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Refuse a JSON object that names a member twice: one value would be lost."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise DuplicateId(
                key, key, "each member once in a JSON object (the first value would be lost)"
            )
        out[key] = value
    return out


@overload
def read(path: str | Path, *, expect: None = None) -> Dossier | Cohort: ...
@overload
def read(path: str | Path, *, expect: type[D]) -> D: ...
def read(path: str | Path, *, expect: type[D] | None = None) -> Dossier | Cohort:
    """Read a dossier or a cohort from a JSON file (``expect`` as in :func:`load`).

    >>> from khoan import Cohort
    >>> from khoan.io import load_example
    >>> cohort = load_example("vinh-phuc-2021", expect=Cohort)
    >>> len(cohort.dossiers)
    24
    """
    return loads(Path(path).read_bytes(), expect=expect)


def _decode(raw: object, tp: Any, path: str, errors: list[FieldError]) -> Any:
    """Read ``raw`` as type ``tp``; on failure record why and return ``_FAILED``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if raw is None and len(options) < len(typing.get_args(tp)):
            return None
        if len(options) == 1:
            return _decode(raw, options[0], path, errors)
        return _decode_tagged(raw, options, path, errors)
    if origin is tuple:
        if not isinstance(raw, list):
            return _fail(errors, path, raw, "a list")
        (inner, _ellipsis) = typing.get_args(tp)
        values = [_decode(v, inner, f"{path}[{i}]", errors) for i, v in enumerate(raw)]
        return _FAILED if any(v is _FAILED for v in values) else tuple(values)
    reader = _READERS.get(tp)
    if reader is not None:
        return reader(raw, path, errors)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        choices = [m.value for m in tp]
        if raw not in choices or isinstance(raw, bool):
            return _fail(errors, path, raw, "one of " + ", ".join(map(repr, choices)))
        return tp(raw)
    if isinstance(tp, type) and attrs.has(tp):
        return _decode_attrs(raw, tp, path, errors)
    raise TypeError(f"khoan.io cannot read {tp!r}")  # pragma: no cover


def _decode_tagged(raw: object, options: list[type], path: str, errors: list[FieldError]) -> Any:
    by_tag = {TAGGED[cls]: cls for cls in options}
    kind = raw.get("kind") if isinstance(raw, dict) else None
    cls = by_tag.get(kind) if isinstance(kind, str) else None
    if cls is None:
        return _fail(
            errors, join_path(path, "kind"), kind, "one of " + ", ".join(map(repr, by_tag))
        )
    assert isinstance(raw, dict)
    return _decode_attrs({k: v for k, v in raw.items() if k != "kind"}, cls, path, errors)


def _decode_attrs(raw: object, cls: type, path: str, errors: list[FieldError]) -> Any:
    if not isinstance(raw, dict):
        return _fail(errors, path, raw, f"a JSON object ({cls.__name__})")
    fields = {f.name: f for f in attrs.fields(cls) if f.init}
    declared = hints(cls)
    kwargs: dict[str, Any] = {}
    failed = False
    for key in raw:
        if key not in fields:
            _fail(errors, join_path(path, key), key, f"one of the fields of {cls.__name__}: "
                  + ", ".join(fields))  # fmt: skip
            failed = True
    for name, field in fields.items():
        if name not in raw:
            if field.default is attrs.NOTHING:
                _fail(errors, join_path(path, name), None, "a value (this field is required)")
                failed = True
            continue
        value = _decode(raw[name], declared[name], join_path(path, name), errors)
        failed = failed or value is _FAILED
        kwargs[name] = value
    if failed:
        return _FAILED
    try:
        return cls(**kwargs)
    except* FieldError as group:
        errors.extend(e.with_prefix(path) for e in flatten(group.exceptions))
    return _FAILED


def _fail(errors: list[FieldError], path: str, value: object, expected: str) -> _Failed:
    errors.append(InvalidValue(path, value, expected))
    return _FAILED


@cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of an attrs class, once per class."""
    return typing.get_type_hints(cls)


def _read_decimal(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        errors.append(InexactNumber(path, raw, 'an exact number written as a string, e.g. "12.5"'))
        return _FAILED
    if not isinstance(raw, str) or not _full(DECIMAL_RE, raw):
        return _fail(errors, path, raw, 'an exact number written as a string, e.g. "12.5"')
    return Decimal(raw)


def _read_date(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, str) and _full(DATE_RE, raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return _fail(errors, path, raw, 'an ISO 8601 date, e.g. "2022-12-31"')


def _read_period(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, str) and _full(PERIOD_RE, raw):
        return Period.parse(raw)
    return _fail(errors, path, raw, 'a period written "2022", "2022-Q3" or "2022-07"')


def _read_str(raw: object, path: str, errors: list[FieldError]) -> Any:
    return raw if isinstance(raw, str) else _fail(errors, path, raw, "a string")


def _read_int(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    return _fail(errors, path, raw, "a whole number")


def _read_bool(raw: object, path: str, errors: list[FieldError]) -> Any:
    return raw if isinstance(raw, bool) else _fail(errors, path, raw, "true or false")


def _read_points(raw: object, path: str, errors: list[FieldError]) -> Any:
    if not isinstance(raw, dict):
        return _fail(errors, path, raw, 'an object of ids to numbers, e.g. {"t01": "4.5"}')
    values = {k: _read_decimal(v, key_path(path, k), errors) for k, v in raw.items()}
    if any(v is _FAILED for v in values.values()):
        return _FAILED
    try:
        return FrozenMap(values)
    except FieldError as err:
        errors.append(err.with_prefix(path))
        return _FAILED


def _full(pattern: str, text: str) -> bool:
    """Whether ``text`` matches ``pattern`` entirely (no trailing newline slips through)."""
    return re.fullmatch(pattern.strip("^$"), text) is not None


_READERS: Final[dict[Any, Callable[[object, str, list[FieldError]], Any]]] = {
    Decimal: _read_decimal,
    dt.date: _read_date,
    Period: _read_period,
    str: _read_str,
    int: _read_int,
    bool: _read_bool,
    FrozenMap: _read_points,
}


# ------------------------------------------------------------------ evaluations
