"""The JSON Schema of the ``khoan/1`` document format, generated from the fact classes."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from decimal import Decimal
from typing import Any

import attrs

from khoan._base.convert import FrozenMap
from khoan._facts.period import Period
from khoan._io.codec import DATE_RE, DECIMAL_RE, FACT_CLASSES, PERIOD_RE, SCHEMA, TAGGED, hints

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
        Decimal: {"type": "string", "pattern": DECIMAL_RE},
        dt.date: {"type": "string", "pattern": DATE_RE, "format": "date"},
        Period: {"type": "string", "pattern": PERIOD_RE},
        FrozenMap: {
            "type": "object",
            "additionalProperties": {"type": "string", "pattern": DECIMAL_RE},
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
                props[field.name] = _schema_of(declared[field.name], defs)
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
