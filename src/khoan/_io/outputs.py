"""The JSON form of khoan's results, one way, with a JSON Schema for each.

Results (recommendations, progress, calendars, moves by a quota) are derived
from facts, so they are written, never read back. Each dump is generic over
the attrs classes of the result: a field added to :class:`Recommendation`
appears in its JSON and its schema with no change here. Exact values keep
their exactness: a :class:`~fractions.Fraction` is written ``"1117/12"``, a
:class:`~decimal.Decimal` ``"12.5"``, a date in ISO 8601, an enumeration
member by its value, a :class:`Reason` in both languages.

Every output document carries ``"schema": "khoan/1"`` (the version of the
input format it goes with) and a ``"kind"`` naming the output; the schema of
kind ``K`` ships as ``khoan/schema/khoan-1.K.schema.json`` and is what
:func:`output_schema` returns (a test keeps the two identical).
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import Any, Final

import attrs

from khoan._base.findings import Reason
from khoan._base.paths import join_path, tokens_of
from khoan._consequences.recommendation import NoRecommendation, Recommendation
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.period import Period
from khoan._io.codec import DATE_RE, DECIMAL_RE, SCHEMA
from khoan._io.evaluation import dump_evaluation
from khoan._io.unknown import pointer_of
from khoan.exceptions import FieldError
from khoan.progress import Progress

__all__ = [
    "OUTPUT_KINDS",
    "dump_calendar",
    "dump_cohort_evaluation",
    "dump_problems",
    "dump_progress",
    "dump_recommendations",
    "json_pointer",
    "output_schema",
    "to_json",
]

FRACTION_RE: Final = r"^-?[0-9]+(/[0-9]+)?$"


def to_json(value: object) -> Any:
    """Return a result value (an attrs instance, a tuple of them, ...) as JSON data.

    Args:
        value: An attrs instance, enumeration member, exact number, date,
            period, string, boolean, ``None``, or a tuple, list, set or
            mapping of those.

    Returns:
        JSON-ready data: dicts, lists, strings, integers, booleans and ``None``.

    Raises:
        TypeError: A value of a kind no result holds (a float, say): a bug.

    >>> from fractions import Fraction
    >>> to_json((Fraction(1117, 12), dt.date(2022, 12, 31), None))
    ['1117/12', '2022-12-31', None]

    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, int):
        return value
    if isinstance(value, Fraction | Decimal | Period):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if attrs.has(type(value)):
        return {
            f.name: to_json(getattr(value, f.name))
            for f in attrs.fields(type(value))  # type: ignore[arg-type]
            if not f.name.startswith("_")
        }
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(to_json(v) for v in value)
    if isinstance(value, tuple | list):
        return [to_json(v) for v in value]
    raise TypeError(f"no JSON form for {type(value).__name__}")


def _envelope(kind: str, **body: Any) -> dict[str, Any]:
    return {"schema": SCHEMA, "kind": kind, **body}


def dump_recommendations(
    recommendations: Iterable[Recommendation],
    *,
    rule: str,
    scheme: str,
    no_recommendations: Iterable[NoRecommendation] = (),
) -> dict[str, Any]:
    """Return consequence recommendations as a ``recommendations`` output document.

    Args:
        recommendations: What :func:`khoan.consequences.recommend` returned.
        rule: The name of the rule preset applied.
        scheme: The name of the scheme the histories were scored under.
        no_recommendations: What :func:`khoan.consequences.not_recommended`
            returned: why cadres rated Not achieved get no recommendation.

    Returns:
        ``{"schema": "khoan/1", "kind": "recommendations", "rule", "scheme",
        "recommendations": [...], "no_recommendations": [...]}``, each record
        field by field (a recommendation with its rule's assumptions, the
        schemes behind its ratings with their assumptions and readings, and
        any recommended safeguards under their label).

    """
    return _envelope(
        "recommendations",
        rule=rule,
        scheme=scheme,
        recommendations=[to_json(r) for r in recommendations],
        no_recommendations=[to_json(r) for r in no_recommendations],
    )


def dump_progress(progress: Iterable[Progress]) -> dict[str, Any]:
    """Return the progress of one or more assignments as a ``progress`` output document.

    Args:
        progress: What :func:`khoan.progress.progress_of` returned, one per dossier.

    Returns:
        ``{"schema": "khoan/1", "kind": "progress", "progress": [...]}``.

    """
    return _envelope("progress", progress=[to_json(p) for p in progress])


def dump_cohort_evaluation(
    evaluations: Iterable[Evaluation], moves: Iterable[object], *, title: str, scheme: str
) -> dict[str, Any]:
    """Return a cohort's evaluations and the quota's moves as a ``cohort-evaluation`` document.

    Args:
        evaluations: Every dossier's evaluation (after the quota, if applied).
        moves: The :class:`khoan.Move` records of the quota (empty without one).
        title: The cohort's title.
        scheme: The scheme's name.

    Returns:
        The output document; each evaluation as :func:`khoan.io.dump_evaluation` writes it.

    """
    return _envelope(
        "cohort-evaluation",
        title=title,
        scheme=scheme,
        evaluations=[dump_evaluation(e) for e in evaluations],
        moves=[to_json(m) for m in moves],
    )


def dump_calendar(entries: Iterable[object], *, year: int) -> dict[str, Any]:
    """Return calendar entries as a ``calendar`` output document.

    Args:
        entries: What :func:`khoan.calendar.calendar` returned.
        year: The year asked for.

    Returns:
        ``{"schema": "khoan/1", "kind": "calendar", "year", "entries": [...]}``.

    """
    return _envelope("calendar", year=year, entries=[to_json(e) for e in entries])


def json_pointer(path: str) -> str:
    """Return the JSON Pointer (RFC 6901) of a khoan error path.

    >>> json_pointer('assignment.items[3].weight')
    '/assignment/items/3/weight'
    >>> json_pointer('scoresheets[0].items["1.2"]')
    '/scoresheets/0/items/1.2'
    >>> json_pointer('a~b/c')
    '/a~0b~1c'
    >>> json_pointer('')
    ''
    """
    return pointer_of(tokens_of(path))


def dump_problems(files: Iterable[tuple[str, Iterable[FieldError]]]) -> dict[str, Any]:
    """Return validation problems as a ``problems`` output document.

    Args:
        files: Pairs of a file name and the problems found in it (none: valid).

    Returns:
        ``{"schema": "khoan/1", "kind": "problems", "files": [{"file", "valid",
        "problems": [{"pointer", "path", "kind", "value", "expected",
        "message"}]}]}``; ``pointer`` is the JSON Pointer of the field in the
        document, ``value`` the offending value as text. A problem in a
        spreadsheet (:mod:`khoan.sheets`) has ``sheet``, ``row`` and ``column``
        instead of a pointer (``""``).

    """
    out = []
    for name, problems in files:
        listed = []
        for p in problems:
            entry: dict[str, Any] = {
                "pointer": json_pointer(p.path),
                "path": p.path,
                "kind": type(p).__name__,
                "value": plain_value(p.value),
                "expected": p.expected,
                "message": str(p),
            }
            if cell := CELL_PATH.match(p.path):  # a spreadsheet's cell (khoan.sheets)
                entry = {
                    **entry,
                    "pointer": "",
                    "sheet": cell["sheet"],
                    "row": int(cell["row"]),
                    "column": cell["column"] or None,
                }
            listed.append(entry)
        out.append({"file": name, "valid": not listed, "problems": listed})
    return _envelope("problems", files=out)


CELL_PATH: Final = re.compile(r"^'(?P<sheet>.+?)'!(?P<column>[A-Z]*)(?P<row>\d+)\b")
"""A problem's path in a spreadsheet: ``'Nhiệm vụ'!H5 [Thời hạn]``."""


def plain_value(value: object, *, lang: str = "en") -> str:
    """Return a value as a person would write it, without Python's repr.

    >>> from decimal import Decimal
    >>> plain_value(Decimal("-5")), plain_value(dt.date(2031, 12, 31), lang="vi")
    ('-5', '31/12/2031')
    >>> plain_value("x"), plain_value(None, lang="vi")
    ('"x"', '(trống)')
    """
    if value is None:
        return "(trống)" if lang == "vi" else "(nothing)"
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}" if lang == "vi" else value.isoformat()
    if isinstance(value, bool | int | float | Decimal | Fraction | Period | enum.Enum):
        return str(value.value if isinstance(value, enum.Enum) else value)
    if isinstance(value, tuple | list | set | frozenset):
        return "[" + ", ".join(plain_value(v, lang=lang) for v in value) + "]"
    if isinstance(value, Mapping):
        return (
            "{"
            + ", ".join(
                f"{plain_value(k, lang=lang)}: {plain_value(v, lang=lang)}"
                for k, v in value.items()
            )
            + "}"
        )
    return str(value)


# ---- schemas -----------------------------------------------------------------


def _type_schema(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(a, defs) for a in typing.get_args(tp)]}
    if origin in (tuple, frozenset, list):
        return {"type": "array", "items": _type_schema(typing.get_args(tp)[0], defs)}
    simple: dict[Any, dict[str, Any]] = {
        type(None): {"type": "null"},
        str: {"type": "string"},
        bool: {"type": "boolean"},
        int: {"type": "integer"},
        Decimal: {"type": "string", "pattern": DECIMAL_RE},
        Fraction: {"type": "string", "pattern": FRACTION_RE},
        dt.date: {"type": "string", "pattern": DATE_RE, "format": "date"},
        Period: {"type": "string"},
    }
    if tp in simple:
        return simple[tp]
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}
            hints = typing.get_type_hints(tp)
            fields = [f for f in attrs.fields(tp) if not f.name.startswith("_")]
            defs[name] = {
                "description": (tp.__doc__ or "").strip().splitlines()[0],
                "type": "object",
                "properties": {f.name: _type_schema(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no output schema for {tp!r}")  # a new type in a result: teach it here


def _closed_object(props: dict[str, Any]) -> dict[str, Any]:
    """An object schema with exactly these members, every one required."""
    return {
        "type": "object",
        "properties": props,
        "required": list(props),
        "additionalProperties": False,
    }


def _string_array() -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}}


def _reason_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"en": {"type": "string"}, "vi": {"type": "string"}},
        "required": ["en", "vi"],
        "additionalProperties": False,
    }


def _evaluation_schema() -> dict[str, Any]:
    from khoan._base.rating import Rating
    from khoan._facts.circumstances import Role

    frac = {"type": "string", "pattern": FRACTION_RE}
    opt_frac = {"anyOf": [frac, {"type": "null"}]}
    ratings = [r.value for r in Rating]
    reasons = {"type": "array", "items": {"$ref": "#/$defs/Reason"}}

    obj = _closed_object
    return obj(
        {
            "schema": {"const": SCHEMA},
            "kind": {"const": "evaluation"},
            "assignment": {"type": "string"},
            "assignee": {"type": "string"},
            "period": {"type": "string"},
            "peer_group": {"type": "string"},
            "agency": {"type": "string"},
            "scheme": {"type": "string"},
            "scheme_version": {"type": "string"},
            "total": frac,
            "score": {"type": "string", "pattern": DECIMAL_RE},
            "scale": frac,
            "band": {"enum": ratings},
            "rating": {"enum": ratings},
            "referred": {"type": "boolean"},
            "candidates": {"type": "array", "items": {"enum": ratings}},
            "rated": {"type": "boolean"},
            "role": {"enum": [*(r.value for r in Role), None]},
            "agreement": opt_frac,
            "parts": {
                "type": "array",
                "items": obj(
                    {
                        "id": {"type": "string"},
                        "points": opt_frac,
                        "maximum": frac,
                        "reasons": reasons,
                    }
                ),
            },
            "items": {
                "type": "array",
                "items": obj(
                    {
                        "item": {"type": "string"},
                        "points": opt_frac,
                        "maximum": frac,
                        "achievement": opt_frac,
                        "status": {"type": "string"},
                        "reasons": reasons,
                    }
                ),
            },
            "findings": {
                "type": "array",
                "items": obj(
                    {
                        "kind": {"type": "string"},
                        "clause": {"type": "string"},
                        "before": {"enum": [*ratings, None]},
                        "after": {"enum": [*ratings, None]},
                        "reason": {"$ref": "#/$defs/Reason"},
                        "basis": {"type": "string"},
                    }
                ),
            },
            "legal_basis": _string_array(),
            "assumptions": reasons,
            "readings": {
                "type": "array",
                "items": obj(
                    {
                        "topic": {"type": "string"},
                        "choice": {"type": "string"},
                        "en": {"type": "string"},
                        "vi": {"type": "string"},
                    }
                ),
            },
            "override": {
                "anyOf": [
                    {"type": "null"},
                    obj(
                        {
                            "by": {"type": "string"},
                            "on": {"type": "string", "format": "date"},
                            "reason": {"type": "string"},
                            "legal_basis": _string_array(),
                            "before": {"enum": ratings},
                            "after": {"enum": ratings},
                        }
                    ),
                ]
            },
        }
    )


def _document(kind: str, title: str, body: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:khoan:schema:khoan-1:{kind}",
        "title": title,
        "type": "object",
        "properties": {"schema": {"const": SCHEMA}, "kind": {"const": kind}, **body},
        "required": ["schema", "kind", *body],
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def _array_of(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    return {"type": "array", "items": _type_schema(cls, defs)}


def _named_list() -> dict[str, Any]:
    return {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "title": {"type": "string"},
                "legal_basis": _string_array(),
            },
            "required": ["name", "title", "legal_basis"],
            "additionalProperties": False,
        },
    }


OUTPUT_KINDS: Final = (
    "evaluation",
    "cohort-evaluation",
    "recommendations",
    "progress",
    "calendar",
    "problems",
    "schemes",
    "rules",
    "examples",
    "comparison",
    "sweep",
    "sweep-parameters",
)
"""The kinds of output document, each with its published schema."""


@cache
def _schemas() -> dict[str, dict[str, Any]]:
    from khoan._cohort.quota import Move
    from khoan.calendar import CalendarEntry

    out: dict[str, dict[str, Any]] = {}
    evaluation = _evaluation_schema()
    out["evaluation"] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:khoan:schema:khoan-1:evaluation",
        "title": "khoan/1 output: the evaluation of one dossier",
        **evaluation,
        "$defs": {"Reason": _reason_schema()},
    }
    defs: dict[str, Any] = {}
    ev = dict(evaluation)
    out["cohort-evaluation"] = _document(
        "cohort-evaluation",
        "khoan/1 output: a cohort's evaluations and the quota's moves",
        {
            "title": {"type": "string"},
            "scheme": {"type": "string"},
            "evaluations": {"type": "array", "items": {"$ref": "#/$defs/Evaluation"}},
            "moves": _array_of(Move, defs),
        },
        {**defs, "Evaluation": ev, "Reason": _reason_schema()},
    )
    defs = {}
    out["recommendations"] = _document(
        "recommendations",
        "khoan/1 output: consequence recommendations",
        {
            "rule": {"type": "string"},
            "scheme": {"type": "string"},
            "recommendations": _array_of(Recommendation, defs),
            "no_recommendations": _array_of(NoRecommendation, defs),
        },
        defs,
    )
    defs = {}
    out["progress"] = _document(
        "progress",
        "khoan/1 output: where each item stands on a date, per assignment",
        {"progress": _array_of(Progress, defs)},
        defs,
    )
    defs = {}
    out["calendar"] = _document(
        "calendar",
        "khoan/1 output: the year's inspection and rating dates",
        {"year": {"type": "integer"}, "entries": _array_of(CalendarEntry, defs)},
        defs,
    )
    problem = {
        "type": "object",
        "properties": {
            "pointer": {"type": "string", "pattern": "^(/([^~/]|~[01])*)*$"},
            "path": {"type": "string"},
            "kind": {"type": "string"},
            "value": {"type": "string"},
            "expected": {"type": "string"},
            "message": {"type": "string"},
            "sheet": {"type": "string", "description": "a spreadsheet's sheet"},
            "row": {"type": "integer", "minimum": 1},
            "column": {"anyOf": [{"type": "string", "pattern": "^[A-Z]+$"}, {"type": "null"}]},
        },
        "required": ["pointer", "path", "kind", "value", "expected", "message"],
        "dependentRequired": {"sheet": ["row", "column"]},
        "additionalProperties": False,
    }
    out["problems"] = _document(
        "problems",
        "khoan/1 output: the problems found in input files (JSON Pointer paths)",
        {
            "files": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "string"},
                        "valid": {"type": "boolean"},
                        "problems": {"type": "array", "items": problem},
                    },
                    "required": ["file", "valid", "problems"],
                    "additionalProperties": False,
                },
            }
        },
        {},
    )
    for kind, what in (("schemes", "scheme presets"), ("rules", "consequence rule presets")):
        out[kind] = _document(kind, f"khoan/1 output: the {what}", {kind: _named_list()}, {})
    # Issue 10: each rule preset also lists the clauses it covers and the grounds it omits.
    rule_items = out["rules"]["properties"]["rules"]["items"]
    rule_items["properties"] |= {"covers": _string_array(), "not_covered": _array_of(Reason, {})}
    rule_items["required"] += ["covers", "not_covered"]
    out["rules"]["$defs"] = {"Reason": _reason_schema()}
    out["examples"] = _document(
        "examples",
        "khoan/1 output: the bundled examples",
        {
            "examples": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "summary": {"type": "string"}},
                    "required": ["name", "summary"],
                    "additionalProperties": False,
                },
            }
        },
        {},
    )
    out.update(_analysis_schemas())
    assert tuple(out) == OUTPUT_KINDS
    return out


def _analysis_schemas() -> dict[str, dict[str, Any]]:
    """The outputs of ``khoan compare`` and ``khoan sweep`` (issue 13), written by the CLI."""
    from khoan._base.rating import Rating

    ratings = [r.value for r in Rating]
    frac = {"type": "string", "pattern": FRACTION_RE}

    obj = _closed_object
    counts = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0},
              "propertyNames": {"enum": ratings}}  # fmt: skip
    standing = obj({
        "scheme": {"type": "string"}, "total": frac,
        "score": {"type": "string", "pattern": DECIMAL_RE},
        "band": {"enum": ratings}, "rated": {"enum": ratings}, "rating": {"enum": ratings},
        "referred": {"type": "boolean"}, "adverse": {"type": "boolean"},
        "actions": {"type": "array", "items": obj({
            "rule": {"type": "string"}, "action": {"type": ["string", "null"]}})},
    })  # fmt: skip
    row = obj({
        "assignment": {"type": "string"}, "assignee": {"type": "string"},
        "name": {"type": "string"}, "unit": {"type": "string"},
        "peer_group": {"type": "string"}, "changed": {"type": "boolean"},
        "standings": {"type": "array", "items": standing},
    })  # fmt: skip
    # A shift writes all its counts; the fields every reader needs are required.
    shift = {"type": "object", "required": ["scheme", "baseline", "changed", "en", "vi"],
             "properties": {"scheme": {"type": "string"}, "baseline": {"type": "string"},
                            "changed": {"type": "integer"}, "en": {"type": "string"},
                            "vi": {"type": "string"}}}  # fmt: skip
    point = obj({
        "value": {"type": "string"}, "counts": counts, "rated_counts": counts,
        "moved": _string_array(),
    })  # fmt: skip
    return {
        "comparison": _document(
            "comparison",
            "khoan/1 output: one cohort under several schemes and rules (khoan compare)",
            {
                "title": {"type": "string"},
                "schemes": _string_array(),
                "rules": _string_array(),
                "rows": {"type": "array", "items": row},
                "shifts": {"type": "array", "items": shift},
                "notes": {"type": "array", "items": {"$ref": "#/$defs/Reason"}},
            },
            {"Reason": _reason_schema()},
        ),
        "sweep": _document(
            "sweep",
            "khoan/1 output: a scheme's results across values of one parameter (khoan sweep)",
            {
                "scheme": {"type": "string"},
                "parameter": {"type": "string"},
                "current": {"type": "string"},
                "baseline": obj({"counts": counts}),
                "points": {"type": "array", "items": point},
                "names": {
                    "type": "array",
                    "items": obj({"assignment": {"type": "string"}, "name": {"type": "string"}}),
                },
            },
            {},
        ),
        "sweep-parameters": _document(
            "sweep-parameters",
            "khoan/1 output: the parameters of a scheme that khoan sweep can vary",
            {
                "scheme": {"type": "string"},
                "parameters": {
                    "type": "array",
                    "items": obj(
                        {
                            "name": {"type": "string"},
                            "title": {"type": "string"},
                            "title_vi": {"type": "string"},
                        }
                    ),
                },
            },
            {},
        ),
    }


def output_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one kind of output document.

    Args:
        kind: One of :data:`OUTPUT_KINDS` (``"evaluation"``, ``"progress"``, ...).

    Returns:
        The schema, as shipped in ``khoan/schema/khoan-1.<kind>.schema.json``.

    Raises:
        UnknownName: No output has that kind.

    """
    from khoan.exceptions import UnknownName

    schemas = _schemas()
    if kind not in schemas:
        raise UnknownName(join_path("", "kind"), kind, f"one of {', '.join(OUTPUT_KINDS)}")
    return schemas[kind]
