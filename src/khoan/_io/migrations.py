"""Versions of the document format, and the migration from each to the next.

A document names its version in ``"schema"`` (``"khoan/1"``). When the
format changes, the new khoan reads every older version by applying one
migration per step (``khoan/1`` to ``khoan/2``, then ``khoan/2`` to
``khoan/3``...), each a pure function on the parsed JSON, tested against the
frozen documents under ``tests/data/`` that must load forever. Today the
only version is ``khoan/1``, so the chain is empty; a version this khoan does
not know is refused with the versions it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, Final

from khoan.exceptions import UnsupportedSchema, UnsupportedVersion

__all__ = ["CURRENT", "MIGRATIONS", "VERSIONS", "migrate"]

CURRENT: Final = 1
"""The version this khoan writes: ``khoan/1``."""

Migration = Callable[[Mapping[str, Any]], Mapping[str, Any]]

MIGRATIONS: Final[dict[int, Migration]] = {}
"""``MIGRATIONS[n]`` turns a ``khoan/n`` document into a ``khoan/n+1`` one."""

VERSIONS: Final = tuple(f"khoan/{n}" for n in range(CURRENT - len(MIGRATIONS), CURRENT + 1))
"""Every version this khoan reads, oldest first."""

_VERSION = re.compile(r"khoan/([1-9][0-9]{0,5})")


def migrate(data: Mapping[str, Any]) -> Mapping[str, Any]:
    """Bring a parsed document of any readable version to the current one.

    >>> migrate({"schema": "khoan/1", "kind": "dossier"})["schema"]
    'khoan/1'

    Raises:
        UnsupportedVersion: A ``khoan/N`` this khoan does not read.
        UnsupportedSchema: ``schema`` is missing or names no khoan version.

    """
    schema = data.get("schema")
    match = _VERSION.fullmatch(schema) if isinstance(schema, str) else None
    readable = ", ".join(repr(v) for v in VERSIONS)
    if match is None:
        raise UnsupportedSchema(
            "schema", schema, f"one of {readable}; this khoan reads only those versions"
        )
    version = int(match[1])
    if f"khoan/{version}" not in VERSIONS:
        raise UnsupportedVersion(
            "schema",
            schema,
            f"one of {readable}: this khoan reads those versions of the format "
            f"(a later version needs a later khoan)",
        )
    while version < CURRENT:
        data = MIGRATIONS[version](data)
        version += 1
    return data
