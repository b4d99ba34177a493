"""Error paths: where in a document a problem is (``assignment.items[3].weight``)."""

from __future__ import annotations

import json
import re

__all__ = ["join_path", "key_path", "tokens_of"]


def join_path(prefix: str, path: str) -> str:
    """Join two parts of an error path.

    >>> join_path("assignment", "items[3].weight")
    'assignment.items[3].weight'
    >>> join_path("items", "[3]")
    'items[3]'
    >>> join_path("", "weight")
    'weight'
    """
    if not prefix:
        return path
    if not path:
        return prefix
    if path.startswith("["):
        return prefix + path
    return f"{prefix}.{path}"


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")


_SIMPLE_KEY = re.compile(r"^[A-Za-z0-9_\-]+$")


def key_path(prefix: str, key: str) -> str:
    """The path of ``key`` in a mapping at ``prefix``; unusual keys are quoted.

    >>> key_path("items", "t01"), key_path("items", "1.2")
    ('items.t01', 'items["1.2"]')
    """
    if _SIMPLE_KEY.match(key):
        return join_path(prefix, key)
    return f"{prefix}[{json.dumps(key, ensure_ascii=False)}]"


_DECODER = json.JSONDecoder()


def tokens_of(path: str) -> tuple[str, ...]:
    """The reference tokens of an error path: member names and list indexes.

    >>> tokens_of('assignment.items[3].weight')
    ('assignment', 'items', '3', 'weight')
    >>> tokens_of('scoresheets[0].items["1.2"]'), tokens_of(key_path("x", 'a"]b')), tokens_of("")
    (('scoresheets', '0', 'items', '1.2'), ('x', 'a"]b'), ())
    """
    tokens: list[str] = []
    i = 0
    while i < len(path):
        if path[i] == ".":
            i += 1
        elif path.startswith('["', i):  # a quoted key, written as JSON by key_path
            key, end = _DECODER.raw_decode(path, i + 1)
            tokens.append(key)
            i = end + 1
        elif path[i] == "[":
            end = path.index("]", i)
            tokens.append(path[i + 1 : end])
            i = end + 1
        else:
            end = i
            while end < len(path) and path[end] not in ".[":
                end += 1
            tokens.append(path[i:end])
            i = end
    return tuple(tokens)
