"""The ``khoan/1`` JSON codec: dossiers and cohorts, lossless both ways (see :mod:`khoan.io`)."""

from __future__ import annotations

import codecs
import datetime as dt
import enum
import json
import re
import types
import typing
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Final, TypeVar, overload

import attrs

from khoan._base.collect import collect
from khoan._base.convert import FIRST_YEAR, LAST_YEAR, FrozenMap, is_text
from khoan._base.paths import join_path, key_path, tokens_of
from khoan._facts.assignment import Assignee, Assignment, Support
from khoan._facts.council import Council, Criterion, Member, Scoresheet
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.inspection import Inspection, Observation
from khoan._facts.items import Indicator, Task
from khoan._facts.org import Cadre, OrgChart, Term, Unit
from khoan._facts.period import Period
from khoan._facts.report import Excuse, Outcome, Report
from khoan._io.limits import DEFAULT_LIMITS, Limits, decimal_pattern
from khoan._io.migrations import migrate
from khoan._io.unknown import Unknown
from khoan.exceptions import (
    DuplicateId,
    FieldError,
    InexactNumber,
    InvalidEncoding,
    InvalidValue,
    LimitExceeded,
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
DECIMAL_RE: Final = decimal_pattern(DEFAULT_LIMITS.max_digits, DEFAULT_LIMITS.max_exponent)
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


def dump(document: Dossier | Cohort, *, unknown: Unknown | None = None) -> dict[str, Any]:
    """Return ``document`` as a JSON-ready dict.

    Args:
        document: A :class:`~khoan.Dossier` or a :class:`~khoan.Cohort`.
        unknown: The members a lenient reading kept (see :class:`Unknown`),
            written back where they were.

    Raises:
        InvalidValue: Not a document, or a kept member whose object is gone.

    """
    kind = "dossier" if isinstance(document, Dossier) else "cohort"
    if not isinstance(document, Dossier | Cohort):
        raise InvalidValue("", document, "a Dossier or a Cohort")
    if unknown is not None and not isinstance(unknown, Unknown):
        raise InvalidValue("unknown", unknown, "a khoan.io.Unknown")
    body = _encode(document)
    assert isinstance(body, dict)
    out = {"schema": SCHEMA, "kind": kind, **body}
    if unknown is not None:
        unknown.restore(out)
    return out


def dumps(document: Dossier | Cohort, *, unknown: Unknown | None = None) -> str:
    """Return ``document`` as JSON text: UTF-8 kept as is, two-space indent, final newline.

    ``unknown`` as in :func:`dump`.
    """
    return json.dumps(dump(document, unknown=unknown), ensure_ascii=False, indent=2) + "\n"


def write(document: Dossier | Cohort, path: str | Path, *, unknown: Unknown | None = None) -> None:
    """Write ``document`` to ``path`` as UTF-8 JSON (``unknown`` as in :func:`dump`)."""
    Path(path).write_text(dumps(document, unknown=unknown), encoding="utf-8")


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
def load(
    data: Mapping[str, Any],
    *,
    expect: None = None,
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> Dossier | Cohort: ...
@overload
def load(
    data: Mapping[str, Any],
    *,
    expect: type[D],
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> D: ...
def load(
    data: Mapping[str, Any],
    *,
    expect: type[D] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> Dossier | Cohort:
    """Build a dossier or a cohort from a parsed JSON document.

    Text is taken in Unicode NFC (ids typed in NFD are the same ids), and a
    lone surrogate is refused.

    Args:
        data: The parsed document.
        expect: :class:`~khoan.Dossier` or :class:`~khoan.Cohort` to refuse
            the other kind (and to type the result for a type checker).
        limits: How large, deep, long and precise the document may be.
        unknown: Read leniently: members the format does not have are kept
            in this :class:`Unknown` (to be written back) instead of refused.
            Strict by default.

    Raises:
        UnsupportedSchema: ``schema`` is missing or not a ``khoan/N`` version;
            :class:`~khoan.exceptions.UnsupportedVersion` for a later version.
        LimitExceeded: The document breaks one of ``limits``.
        FieldError: The one problem in the document.
        InvalidDocument: Every problem, when there are several.

    """
    return _load(data, expect, limits, check_strings=True, unknown=unknown)


def _load(
    data: object,
    expect: type[D] | None,
    limits: Limits,
    *,
    check_strings: bool,
    unknown: Unknown | None,
) -> Dossier | Cohort:
    if not isinstance(limits, Limits):
        raise InvalidValue("limits", limits, "a khoan.io.Limits")
    if unknown is not None and not isinstance(unknown, Unknown):
        raise InvalidValue("unknown", unknown, "a khoan.io.Unknown")
    if not isinstance(data, Mapping):
        raise InvalidValue("", data, "a JSON object")
    data = migrate(data)
    kind = data.get("kind")
    cls = _KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise InvalidValue("kind", kind, "'dossier' or 'cohort'")
    if expect is not None and cls is not expect:
        raise InvalidValue("kind", kind, f"{_KIND_OF[expect]!r}: this reader was asked for one")
    body = {k: v for k, v in data.items() if k not in ("schema", "kind")}
    reader = _Reader(limits, check_strings=check_strings, unknown=unknown)
    result = reader.attrs(body, cls, "", 1)
    collect(reader.errors, f"the {kind}")
    assert isinstance(result, Dossier | Cohort)
    return result


@overload
def loads(
    text: str | bytes,
    *,
    expect: None = None,
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> Dossier | Cohort: ...
@overload
def loads(
    text: str | bytes,
    *,
    expect: type[D],
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> D: ...
def loads(
    text: str | bytes,
    *,
    expect: type[D] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> Dossier | Cohort:
    """Build a dossier or a cohort from JSON text (keywords as in :func:`load`).

    Bytes must be UTF-8 (a UTF-8 byte order mark is allowed); anything else
    is refused with the offset of the first byte that is not.

    Raises:
        InvalidEncoding: Bytes that are not UTF-8, or text with a lone surrogate.
        InvalidValue: The text is not JSON.
        DuplicateId: A JSON object names a member twice.
        LimitExceeded, UnsupportedSchema, FieldError, InvalidDocument: As :func:`load`.

    """
    if not isinstance(limits, Limits):
        raise InvalidValue("limits", limits, "a khoan.io.Limits")
    decoded, escapes = _text_of(text, limits)
    data = _parse(decoded, limits)
    # Without an escape every string is a slice of the checked, NFC text.
    return _load(data, expect, limits, check_strings=escapes, unknown=unknown)


def _text_of(data: object, limits: Limits) -> tuple[str, bool]:
    r"""The document's text, NFC unless it holds escapes, and whether it does.

    With escapes (``\\`` anywhere) the strings are checked and normalised one by
    one after parsing instead.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if isinstance(data, bytes):
        if len(data) > limits.max_bytes:
            raise LimitExceeded(
                "", f"{len(data)} bytes", f"a document of at most {limits.max_bytes} bytes"
            )
        if data.startswith(codecs.BOM_UTF8):
            data = data[len(codecs.BOM_UTF8) :]
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line = data.count(b"\n", 0, err.start) + 1
            raise InvalidEncoding(
                f"byte {err.start} (line {line})",
                data[err.start : err.start + 4],
                "UTF-8 text: save the file as UTF-8 (Windows-1258, TCVN3 and UTF-16 are not read)",
            ) from None
    elif isinstance(data, str):
        if len(data) > limits.max_bytes:
            raise LimitExceeded(
                "", f"{len(data)} characters", f"a document of at most {limits.max_bytes}"
            )
        text = data.removeprefix("\ufeff")
        if not is_text(text):
            at = next(i for i, c in enumerate(text) if "\ud800" <= c <= "\udfff")
            raise InvalidEncoding(
                f"character {at}", text[at], "Unicode text (a lone surrogate is not text)"
            )
    else:
        raise InvalidValue("", data, "JSON text (str or bytes)")
    if "\\" in text:
        # An escape (\n, \u00e0...) followed by a combining mark must not be
        # composed with the escape's letter: normalise each string once parsed.
        return text, True
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, False


class _Number:
    """A JSON number the reader keeps as written: too long to convert, or not finite."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        shown = self.text if len(self.text) <= 20 else f"{self.text[:8]}...{self.text[-4:]}"
        return f"{shown} ({len(self.text)} characters)" if len(self.text) > 20 else shown


def _plain_json(value: object) -> bool:
    """Whether a parsed value holds only what JSON writes back as read."""
    if isinstance(value, _Number | _Duplicated):
        return False
    if isinstance(value, dict):
        return all(_plain_json(v) for v in value.values())
    if isinstance(value, list):
        return all(_plain_json(v) for v in value)
    return value is None or isinstance(value, str | int | float | bool)


class _Duplicated(dict[str, Any]):
    """A JSON object that named a member twice (kept to report it where it is)."""

    __slots__ = ("twice",)
    twice: str


def _parse(text: str, limits: Limits) -> Any:
    longest = limits.max_digits + 1

    def number(token: str) -> int | _Number:
        return int(token) if len(token) <= longest else _Number(token)

    try:
        return json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_int=number,
            parse_constant=_Number,
        )
    except json.JSONDecodeError as err:
        raise InvalidValue(f"line {err.lineno} column {err.colno}", err.msg, "valid JSON") from None
    except RecursionError:
        raise LimitExceeded(
            "", "arrays or objects nested too deep", f"at most {limits.max_depth} levels"
        ) from None


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    for key, _value in pairs:
        if key in seen:
            break
        seen.add(key)
    marked = _Duplicated(out)
    marked.twice = key
    return marked


@overload
def read(
    path: str | Path | typing.BinaryIO,
    *,
    expect: None = None,
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> Dossier | Cohort: ...
@overload
def read(
    path: str | Path | typing.BinaryIO,
    *,
    expect: type[D],
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> D: ...
def read(
    path: str | Path | typing.BinaryIO,
    *,
    expect: type[D] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    unknown: Unknown | None = None,
) -> Dossier | Cohort:
    """Read a dossier or a cohort from a JSON file or a binary stream such as stdin.

    ``expect``, ``limits`` and ``unknown`` as in :func:`load`; no more than
    ``limits.max_bytes`` are read.

    >>> from khoan import Cohort
    >>> from khoan.io import load_example
    >>> cohort = load_example("vinh-phuc-2021", expect=Cohort)
    >>> len(cohort.dossiers)
    24

    Raises:
        OSError: The file cannot be read.
        InvalidEncoding, LimitExceeded, FieldError, InvalidDocument: As :func:`loads`.

    """
    if not isinstance(limits, Limits):
        raise InvalidValue("limits", limits, "a khoan.io.Limits")
    if isinstance(path, str | Path):
        with Path(path).open("rb") as stream:
            data = stream.read(limits.max_bytes + 1)
    else:
        data = path.read(limits.max_bytes + 1)
    return loads(data, expect=expect, limits=limits, unknown=unknown)


_LIST_LIMITS: Final[dict[tuple[type, str], str]] = {
    (Cohort, "dossiers"): "max_dossiers",
    (Assignment, "items"): "max_items",
    (Council, "members"): "max_members",
    (Dossier, "inspections"): "max_inspections",
}


class _Reader:
    """One reading of one document: the limits, and the problems found so far."""

    def __init__(self, limits: Limits, *, check_strings: bool, unknown: Unknown | None) -> None:
        self.limits = limits
        self.check_strings = check_strings
        self.unknown = unknown
        self.errors: list[FieldError] = []
        self.decimal = re.compile(
            decimal_pattern(limits.max_digits, limits.max_exponent).strip("^$")
        )
        self.readers: dict[Any, Callable[[object, str], Any]] = {
            Decimal: self.decimal_of,
            dt.date: self.date,
            Period: self.period,
            str: self.string,
            int: self.whole,
            bool: self.boolean,
            FrozenMap: self.points,
        }

    def fail(self, path: str, value: object, expected: str) -> _Failed:
        self.errors.append(InvalidValue(path, value, expected))
        return _FAILED

    def duplicated(self, path: str, raw: _Duplicated) -> _Failed:
        self.errors.append(DuplicateId(key_path(path, raw.twice[:100]), raw.twice, _ONCE))
        return _FAILED

    def over(self, path: str, found: str, limit: str, value: int) -> _Failed:
        self.errors.append(LimitExceeded(path, found, f"at most {value} ({limit})"))
        return _FAILED

    def value(self, raw: object, tp: Any, path: str, depth: int) -> Any:
        """Read ``raw`` as type ``tp``; on failure record why and return ``_FAILED``."""
        reader = self.readers.get(tp)
        if reader is not None:
            return reader(raw, path)
        origin = typing.get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            options = [a for a in typing.get_args(tp) if a is not type(None)]
            if raw is None and len(options) < len(typing.get_args(tp)):
                return None
            if len(options) == 1:
                return self.value(raw, options[0], path, depth)
            return self.tagged(raw, options, path, depth)
        if origin is tuple:
            if not isinstance(raw, list):
                return self.fail(path, raw, "a list")
            if depth > self.limits.max_depth:
                return self.over(path, "a list", "Limits.max_depth", self.limits.max_depth)
            (inner, _ellipsis) = typing.get_args(tp)
            values = [self.value(v, inner, f"{path}[{i}]", depth + 1) for i, v in enumerate(raw)]
            return _FAILED if any(v is _FAILED for v in values) else tuple(values)
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            choices = [m.value for m in tp]
            if isinstance(raw, bool) or not isinstance(raw, str | int) or raw not in choices:
                return self.fail(path, raw, "one of " + ", ".join(map(repr, choices)))
            return tp(raw)
        if isinstance(tp, type) and attrs.has(tp):
            return self.attrs(raw, tp, path, depth)
        raise TypeError(f"khoan.io cannot read {tp!r}")  # pragma: no cover

    def tagged(self, raw: object, options: list[type], path: str, depth: int) -> Any:
        by_tag = {TAGGED[cls]: cls for cls in options}
        kind = raw.get("kind") if isinstance(raw, dict) else None
        cls = by_tag.get(kind) if isinstance(kind, str) else None
        if cls is None:
            return self.fail(
                join_path(path, "kind"), kind, "one of " + ", ".join(map(repr, by_tag))
            )
        assert isinstance(raw, dict)
        body = {k: v for k, v in raw.items() if k != "kind"}
        if isinstance(raw, _Duplicated):
            return self.duplicated(path, raw)
        return self.attrs(body, cls, path, depth)

    def attrs(self, raw: object, cls: type, path: str, depth: int) -> Any:
        if not isinstance(raw, dict):
            return self.fail(path, raw, f"a JSON object ({cls.__name__})")
        if depth > self.limits.max_depth:
            return self.over(path, "an object", "Limits.max_depth", self.limits.max_depth)
        failed = False
        if isinstance(raw, _Duplicated):
            failed = self.duplicated(path, raw) is _FAILED
        fields = _fields(cls)
        declared = hints(cls)
        kwargs: dict[str, Any] = {}
        for key in raw:
            if key not in fields and self.unknown is not None:
                failed = self.keep(path, key, raw[key]) or failed
            elif key not in fields:
                shown = key if len(key) <= 100 else key[:100] + "..."
                self.fail(
                    key_path(path, shown),
                    shown,
                    f"one of the fields of {cls.__name__}: " + ", ".join(fields),
                )
                failed = True
        for name, required in fields.items():
            if name not in raw:
                if required:
                    self.fail(join_path(path, name), None, "a value (this field is required)")
                    failed = True
                continue
            given = raw[name]
            where = join_path(path, name)
            limit = _LIST_LIMITS.get((cls, name), "max_list")
            if isinstance(given, list) and len(given) > getattr(self.limits, limit):
                self.over(where, f"{len(given)} entries", f"Limits.{limit}",
                          getattr(self.limits, limit))  # fmt: skip
                failed = True
                continue
            value = self.value(given, declared[name], where, depth + 1)
            failed = failed or value is _FAILED
            kwargs[name] = value
        if failed:
            return _FAILED
        try:
            return cls(**kwargs)
        except* FieldError as group:
            self.errors.extend(e.with_prefix(path) for e in flatten(group.exceptions))
        return _FAILED

    def keep(self, path: str, key: str, value: object) -> bool:
        """Keep an unknown member for writing back; whether it cannot be (then a problem)."""
        where = key_path(path, key if len(key) <= 100 else key[:100] + "...")
        if not _plain_json(value):
            self.fail(where, value, "JSON that can be written back (no NaN, no over-long number)")
            return True
        assert self.unknown is not None
        self.unknown.keep(tokens_of(path), key, value)
        return False

    def decimal_of(self, raw: object, path: str) -> Any:
        if isinstance(raw, str) and self.decimal.fullmatch(raw):
            return Decimal(raw)
        if isinstance(raw, int | float | _Number) and not isinstance(raw, bool):
            self.errors.append(InexactNumber(path, raw, _EXACT))
            return _FAILED
        if isinstance(raw, str) and _full(DECIMAL_RE_ANY, raw):
            return self.fail(
                path,
                raw,
                f"an exact number of at most {self.limits.max_digits} digits and an exponent "
                f"of at most {self.limits.max_exponent} digits (Limits.max_digits, "
                "Limits.max_exponent)",
            )
        return self.fail(path, raw, _EXACT)

    def date(self, raw: object, path: str) -> Any:
        if isinstance(raw, str) and _full(DATE_RE, raw):
            try:
                day = dt.date.fromisoformat(raw)
            except ValueError:
                pass
            else:
                if FIRST_YEAR <= day.year <= LAST_YEAR:
                    return day
                return self.fail(path, raw, f"a date in the years {FIRST_YEAR} to {LAST_YEAR}")
        return self.fail(path, raw, 'an ISO 8601 date, e.g. "2022-12-31"')

    def period(self, raw: object, path: str) -> Any:
        if isinstance(raw, str) and _full(PERIOD_RE, raw):
            try:
                return Period.parse(raw)
            except FieldError as err:
                return self.fail(path, raw, err.expected)
        return self.fail(path, raw, 'a period written "2022", "2022-Q3" or "2022-07"')

    def string(self, raw: object, path: str) -> Any:
        if not isinstance(raw, str):
            return self.fail(path, raw, "a string")
        if len(raw) > self.limits.max_string:
            return self.over(
                path, f"{len(raw)} characters", "Limits.max_string", self.limits.max_string
            )
        if self.check_strings and not raw.isascii():
            if not is_text(raw):
                self.errors.append(
                    InvalidEncoding(path, raw, "Unicode text (a lone surrogate is not text)")
                )
                return _FAILED
            return unicodedata.normalize("NFC", raw)
        return raw

    def whole(self, raw: object, path: str) -> Any:
        if isinstance(raw, int) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, _Number) and raw.text.lstrip("-").isdigit():
            return self.over(
                path, f"{len(raw.text)} digits", "Limits.max_digits", self.limits.max_digits
            )
        return self.fail(path, raw, "a whole number")

    def boolean(self, raw: object, path: str) -> Any:
        return raw if isinstance(raw, bool) else self.fail(path, raw, "true or false")

    def points(self, raw: object, path: str) -> Any:
        if not isinstance(raw, dict):
            return self.fail(path, raw, 'an object of ids to numbers, e.g. {"t01": "4.5"}')
        if isinstance(raw, _Duplicated):
            return self.duplicated(path, raw)
        if len(raw) > self.limits.max_items:
            return self.over(path, f"{len(raw)} entries", "Limits.max_items", self.limits.max_items)
        values = {}
        for k, v in raw.items():
            key = self.string(k, key_path(path, k[:100]))
            values[k if key is _FAILED else key] = self.decimal_of(v, key_path(path, k[:100]))
        if any(v is _FAILED for v in values.values()):
            return _FAILED
        try:
            return FrozenMap(values)
        except FieldError as err:
            self.errors.append(err.with_prefix(path))
            return _FAILED


_EXACT: Final = 'an exact number written as a string, e.g. "12.5"'
_ONCE: Final = "each member once in a JSON object (the first value would be lost)"
DECIMAL_RE_ANY: Final = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


@cache
def _fields(cls: type) -> dict[str, bool]:
    """The init fields of an attrs class, each with whether it is required."""
    return {f.name: f.default is attrs.NOTHING for f in attrs.fields(cls) if f.init}


@cache
def hints(cls: type) -> dict[str, Any]:
    """The resolved type hints of an attrs class, once per class."""
    return typing.get_type_hints(cls)


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.strip("^$"))


def _full(pattern: str, text: str) -> bool:
    """Whether ``text`` matches ``pattern`` entirely (no trailing newline slips through)."""
    return _pattern(pattern).fullmatch(text) is not None


# ------------------------------------------------------------------ evaluations
