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

Results are written one way, each as a document with ``"schema": "khoan/1"``
and its own ``"kind"``, and a JSON Schema for each kind
(:func:`output_schema`, shipped as ``khoan/schema/khoan-1.<kind>.schema.json``):
:func:`dump_evaluation`, :func:`dump_recommendations`, :func:`dump_progress`
and :func:`dump_problems` (validation problems with JSON Pointer paths).

>>> from khoan.progress import progress_of
>>> import datetime
>>> out = dump_progress([progress_of(dossier, datetime.date(2022, 9, 30))])
>>> out["kind"], out["progress"][0]["items"][1]["status"]
('progress', 'behind')

Reading is also guarded, because documents come from anywhere: bytes must be
UTF-8, text is taken in Unicode NFC, and the size, nesting, counts, string
lengths and digits of a document are bounded by :class:`Limits` (a keyword of
every reader). Whatever the input, a reader raises a
:class:`~khoan.exceptions.KhoanError` or returns a document, promptly:

>>> loads('{"title": "Đà Lạt"}'.encode("cp1258", "replace"))
Traceback (most recent call last):
khoan.exceptions.InvalidEncoding: byte 11 (line 1): expected UTF-8 text: ...
"""

from __future__ import annotations

from khoan._io.codec import SCHEMA, dump, dumps, load, loads, read, write
from khoan._io.evaluation import dump_evaluation
from khoan._io.examples import example_names, load_example
from khoan._io.jsonschema import json_schema
from khoan._io.limits import Limits
from khoan._io.outputs import (  # issue 14: results as JSON, a schema for each
    OUTPUT_KINDS,
    dump_problems,
    dump_progress,
    dump_recommendations,
    output_schema,
)
from khoan._io.unknown import Unknown

__all__ = [
    "OUTPUT_KINDS",
    "SCHEMA",
    "Limits",
    "Unknown",
    "dump",
    "dump_evaluation",
    "dump_problems",
    "dump_progress",
    "dump_recommendations",
    "dumps",
    "example_names",
    "json_schema",
    "load",
    "load_example",
    "loads",
    "output_schema",
    "read",
    "write",
]
