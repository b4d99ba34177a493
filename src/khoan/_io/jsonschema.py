"""The JSON Schema of the ``khoan/1`` document format, generated from the fact classes."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from typing import Any, Final

import attrs

from khoan._base.convert import FrozenMap, to_id, to_optional_id
from khoan._facts.assignment import Assignment
from khoan._facts.council import Council
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.period import Period
from khoan._io.codec import DATE_RE, DECIMAL_RE, FACT_CLASSES, PERIOD_RE, SCHEMA, TAGGED, hints
from khoan._io.limits import DEFAULT_LIMITS

_ID: Final = {"type": "string", "minLength": 1, "pattern": r"^\S([\s\S]*\S)?$"}
_COUNTS: Final = {
    (Cohort, "dossiers"): DEFAULT_LIMITS.max_dossiers,
    (Assignment, "items"): DEFAULT_LIMITS.max_items,
    (Council, "members"): DEFAULT_LIMITS.max_members,
    (Dossier, "inspections"): DEFAULT_LIMITS.max_inspections,
}
_NON_EMPTY: Final = {(Cohort, "dossiers"), (Assignment, "items")}

INEXPRESSIBLE: Final = (
    "cross references: an id must name an item, unit, cadre, member or support of the document",
    "sums: item weights add up to the declared total weight; points within an item's maximum",
    "positivity and ranges of exact numbers written as strings (weights > 0, shares <= 1)",
    "dates against each other and the period (deadlines inside the period, reports after issue)",
    "the number's magnitude (between 1E-15 and 1E+15) once mantissa and exponent combine",
    "uniqueness of ids within a list (uniqueItems compares whole objects)",
    "an integer written 1.0: JSON Schema counts it as an integer, khoan refuses it",
    "Unicode: NFC normalisation and lone surrogates (JSON Schema sees code points)",
    "the document's size and nesting depth (Limits.max_bytes, Limits.max_depth)",
)
"""The rules the reader enforces that JSON Schema cannot express (the agreement test lists them)."""

__all__ = ["json_schema"]


def json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of the ``khoan/1`` format.

    The file ``khoan/schema/khoan-1.schema.json`` shipped with the package is
    this function's output; a test keeps the two identical.
    """
    defs: dict[str, Any] = {}
    for cls in FACT_CLASSES:
        _schema_of(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "urn:khoan:schema:khoan-1",
        "title": "khoan/1 document: a dossier or a cohort",
        "type": "object",
        "required": ["schema", "kind"],
        "properties": {"schema": {"const": SCHEMA}, "kind": {"enum": ["dossier", "cohort"]}},
        # A discriminator on "kind": a validator checks the one branch named.
        **_by_kind(
            {
                "dossier": _document_schema("dossier", "Dossier", defs),
                "cohort": _document_schema("cohort", "Cohort", defs),
            }
        ),
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


def _by_kind(branches: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """``if kind is A then A else if kind is B then B ... else kind must be one of them``."""
    out: dict[str, Any] = {
        "properties": {"kind": {"enum": list(branches)}},
        "required": ["kind"],
    }
    for kind, branch in reversed(branches.items()):
        out = {
            "if": {"properties": {"kind": {"const": kind}}, "required": ["kind"]},
            "then": branch,
            "else": out,
        }
    return out


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(tp)
        tagged = [a for a in args if a in TAGGED]
        if len(tagged) > 1:
            rest = [_schema_of(a, defs) for a in args if a not in TAGGED]
            union = {"type": "object", **_by_kind({TAGGED[a]: _schema_of(a, defs) for a in tagged})}
            return {"anyOf": [*rest, union]} if rest else union
        return {"anyOf": [_schema_of(a, defs) for a in args]}
    if origin is tuple:
        return {
            "type": "array",
            "items": _schema_of(typing.get_args(tp)[0], defs),
            "maxItems": DEFAULT_LIMITS.max_list,
        }
    simple: dict[Any, dict[str, Any]] = {
        type(None): {"type": "null"},
        str: {"type": "string", "maxLength": DEFAULT_LIMITS.max_string},
        int: {"type": "integer"},
        bool: {"type": "boolean"},
        Decimal: {"type": "string", "pattern": DECIMAL_RE},
        dt.date: {"type": "string", "pattern": DATE_RE, "format": "date"},
        Period: {"type": "string", "pattern": PERIOD_RE},
        FrozenMap: {
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": DECIMAL_RE},
            "propertyNames": {**_ID, "maxLength": DEFAULT_LIMITS.max_string},
            "maxProperties": DEFAULT_LIMITS.max_items,
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
            declared = hints(tp)
            props: dict[str, Any] = {}
            if tp in TAGGED:
                props["kind"] = {"const": TAGGED[tp]}
            required = ["kind"] if tp in TAGGED else []
            for field in attrs.fields(tp):
                if not field.init:
                    continue
                props[field.name] = _field_schema(tp, field, declared[field.name], defs)
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


def _field_schema(
    cls: type, field: attrs.Attribute[Any], tp: Any, defs: dict[str, Any]
) -> dict[str, Any]:
    """A field's schema, with what the field adds: id form, list bounds."""
    schema = _schema_of(tp, defs)
    converter = getattr(field.converter, "converter", field.converter)
    if converter is to_id:
        return {**_ID, "maxLength": DEFAULT_LIMITS.max_string}
    if converter is to_optional_id:
        return {"anyOf": [{"type": "null"}, {**_ID, "maxLength": DEFAULT_LIMITS.max_string}]}
    if schema.get("type") == "array":
        schema = {**schema, "maxItems": _COUNTS.get((cls, field.name), DEFAULT_LIMITS.max_list)}
        if (cls, field.name) in _NON_EMPTY:
            schema["minItems"] = 1
    return schema
