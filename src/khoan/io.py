"""JSON documents: dossiers and cohorts, lossless both ways.

A document is a JSON object with ``"schema": "khoan/1"`` and ``"kind"``
(``"dossier"`` or ``"cohort"``); the rest mirrors the fact classes field by
field. Exact numbers are written as strings (``"12.5"``), dates as ISO 8601
(``"2022-12-31"``), periods as ``"2022"``, ``"2022-Q3"`` or ``"2022-07"``,
and text is kept exactly as given (UTF-8, nothing stripped). Fields at their
default value are left out, so a document written by khoan reads back and
writes out again byte for byte.

>>> dossier = load_example("nguyet-duc-2022")
>>> len(dossier.assignment.items)
21
>>> loads(dumps(dossier)) == dossier
True

Reading is strict, because a lenient reader loses what the writer meant: an
unknown field, a number written as a JSON number rather than a string, or a
date not in ISO form is refused with the path of the field and what was
expected, and all problems of a document are raised together.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Final, TypeVar

import attrs

from khoan._base.collect import collect
from khoan._base.convert import FrozenMap
from khoan._base.findings import Reason
from khoan._base.paths import join_path, key_path
from khoan._evaluation.evaluate import Evaluation
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
    UnknownReference,
    UnsupportedSchema,
)

__all__ = [
    "SCHEMA",
    "dump",
    "dump_evaluation",
    "dumps",
    "example_names",
    "json_schema",
    "load",
    "load_example",
    "loads",
    "read",
    "write",
]

SCHEMA: Final = "khoan/1"
"""The schema version this khoan reads and writes."""

Document = Dossier | Cohort
D = TypeVar("D", Dossier, Cohort)

_KINDS: Final[dict[str, type[Dossier] | type[Cohort]]] = {"dossier": Dossier, "cohort": Cohort}
# Classes that appear in a union are told apart by a "kind" member.
_TAGGED: Final[dict[type, str]] = {Indicator: "indicator", Task: "task"}
_DECIMAL_RE: Final = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_DATE_RE: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_PERIOD_RE: Final = r"^[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
_FACT_CLASSES: Final = (
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
        tag = _TAGGED.get(cls)
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


def load(data: Mapping[str, Any]) -> Dossier | Cohort:
    """Build a dossier or a cohort from a parsed JSON document.

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
    body = {k: v for k, v in data.items() if k not in ("schema", "kind")}
    errors: list[FieldError] = []
    result = _decode_attrs(body, cls, "", errors)
    collect(errors, f"the {kind}")
    assert isinstance(result, Dossier | Cohort)
    return result


def loads(text: str | bytes) -> Dossier | Cohort:
    """Build a dossier or a cohort from JSON text.

    Raises:
        InvalidValue: The text is not JSON.
        DuplicateId: A JSON object names a member twice.
        UnsupportedSchema, FieldError, InvalidDocument: As :func:`load`.

    """
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as err:
        raise InvalidValue(f"line {err.lineno} column {err.colno}", err.msg, "valid JSON") from None
    return load(data)


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


def read(path: str | Path) -> Dossier | Cohort:
    """Read a dossier or a cohort from a JSON file."""
    return loads(Path(path).read_bytes())


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
    by_tag = {_TAGGED[cls]: cls for cls in options}
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
    hints = _hints(cls)
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
        value = _decode(raw[name], hints[name], join_path(path, name), errors)
        failed = failed or value is _FAILED
        kwargs[name] = value
    if failed:
        return _FAILED
    try:
        return cls(**kwargs)
    except* FieldError as group:
        errors.extend(e.with_prefix(path) for e in _leaves(group))
    return _FAILED


def _leaves(group: BaseExceptionGroup[FieldError]) -> list[FieldError]:
    out: list[FieldError] = []
    for err in group.exceptions:
        if isinstance(err, BaseExceptionGroup):
            out.extend(_leaves(err))
        else:
            out.append(err)
    return out


def _fail(errors: list[FieldError], path: str, value: object, expected: str) -> _Failed:
    errors.append(InvalidValue(path, value, expected))
    return _FAILED


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read_decimal(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        errors.append(InexactNumber(path, raw, 'an exact number written as a string, e.g. "12.5"'))
        return _FAILED
    if not isinstance(raw, str) or not _full(_DECIMAL_RE, raw):
        return _fail(errors, path, raw, 'an exact number written as a string, e.g. "12.5"')
    return Decimal(raw)


def _read_date(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, str) and _full(_DATE_RE, raw):
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            pass
    return _fail(errors, path, raw, 'an ISO 8601 date, e.g. "2022-12-31"')


def _read_period(raw: object, path: str, errors: list[FieldError]) -> Any:
    if isinstance(raw, str) and _full(_PERIOD_RE, raw):
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


def dump_evaluation(evaluation: Evaluation) -> dict[str, Any]:
    """Return an evaluation as a JSON-ready dict (one way: evaluations are derived).

    Exact values are written as fractions in a string (``"1117/12"``) next to
    the rounded score; reasons in both languages.
    """
    e = evaluation
    return {
        "schema": SCHEMA,
        "kind": "evaluation",
        "assignment": e.assignment,
        "assignee": e.assignee,
        "period": str(e.period),
        "peer_group": e.peer_group,
        "scheme": e.scheme,
        "scheme_version": e.scheme_version,
        "total": _fraction_text(e.total),
        "score": str(e.score),
        "scale": _fraction_text(e.scale),
        "band": e.band.value,
        "rating": e.rating.value,
        "agreement": None if e.agreement is None else _fraction_text(e.agreement),
        "parts": [
            {
                "id": p.id,
                "points": None if p.points is None else _fraction_text(p.points),
                "maximum": _fraction_text(p.maximum),
                "reasons": [_reason(r) for r in p.reasons],
            }
            for p in e.parts
        ],
        "items": [
            {
                "item": r.item,
                "points": None if r.points is None else _fraction_text(r.points),
                "maximum": _fraction_text(r.maximum),
                "achievement": None if r.achievement is None else _fraction_text(r.achievement),
                "status": r.status.value,
                "reasons": [_reason(x) for x in r.reasons],
            }
            for r in e.items
        ],
        "findings": [
            {
                "kind": f.kind,
                "before": None if f.before is None else f.before.value,
                "after": None if f.after is None else f.after.value,
                "reason": _reason(f.reason),
                "basis": f.basis,
            }
            for f in e.findings
        ],
        "legal_basis": list(e.legal_basis),
        "assumptions": [_reason(a) for a in e.assumptions],
    }


def _fraction_text(value: Fraction) -> str:
    return str(value)


def _reason(reason: Reason) -> dict[str, str]:
    return {"en": reason.en, "vi": reason.vi}


# -------------------------------------------------------------------- examples


def example_names() -> tuple[str, ...]:
    """The names of the bundled examples, sorted.

    >>> example_names()
    ('nguyet-duc-2022', 'vinh-phuc-2021')
    """
    folder = resources.files("khoan") / "examples"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


def load_example(name: str) -> Dossier | Cohort:
    """Load a bundled example by name (see :func:`example_names`).

    Raises:
        UnknownReference: No example has that name.

    """
    if name not in example_names():
        raise UnknownReference("example", name, "one of " + ", ".join(map(repr, example_names())))
    text = (resources.files("khoan") / "examples" / f"{name}.json").read_bytes()
    return loads(text)


# ------------------------------------------------------------------ JSON Schema


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the ``khoan/1`` format.

    The file ``khoan/schema/khoan-1.schema.json`` shipped with the package is
    this function's output; a test keeps the two identical.
    """
    defs: dict[str, Any] = {}
    for cls in _FACT_CLASSES:
        _schema_of(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:khoan:schema:khoan-1",
        "title": "khoan/1 document: a dossier or a cohort",
        "oneOf": [
            _document_schema("dossier", "Dossier", defs),
            _document_schema("cohort", "Cohort", defs),
        ],
        "$defs": defs,
    }


def _document_schema(kind: str, name: str, defs: dict[str, Any]) -> dict[str, Any]:
    body = defs[name]
    return {
        "type": "object",
        "properties": {
            "schema": {"const": SCHEMA},
            "kind": {"const": kind},
            **body["properties"],
        },
        "required": ["schema", "kind", *body.get("required", [])],
        "additionalProperties": False,
    }


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        return {"anyOf": [_schema_of(a, defs) for a in args]}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(typing.get_args(tp)[0], defs)}
    simple: dict[Any, dict[str, Any]] = {
        type(None): {"type": "null"},
        str: {"type": "string"},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        Decimal: {"type": "string", "pattern": _DECIMAL_RE},
        dt.date: {"type": "string", "pattern": _DATE_RE, "format": "date"},
        Period: {"type": "string", "pattern": _PERIOD_RE},
        FrozenMap: {
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": _DECIMAL_RE},
        },
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _hints(tp)
            props: dict[str, Any] = {}
            if tp in _TAGGED:
                props["kind"] = {"const": _TAGGED[tp]}
            required = ["kind"] if tp in _TAGGED else []
            for field in attrs.fields(tp):
                if not field.init:
                    continue
                props[field.name] = _schema_of(hints[field.name], defs)
                if field.default is attrs.NOTHING:
                    required.append(field.name)
            summary = (tp.__doc__ or "").strip().splitlines()[0]
            defs[name] = {
                "description": summary,
                "type": "object",
                "properties": props,
                "required": required,
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no schema for {tp!r}")  # pragma: no cover
