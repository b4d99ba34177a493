"""A griffe extension: docstring examples render as code, Sphinx roles as inline code.

khoan's docstrings put doctest examples in their prose (they run as tests).
Rendered as Markdown, an output line such as ``['2026-03-31', ...]`` would be
read as a link; this extension fences each run of example lines as ``pycon``
before mkdocstrings parses the docstring. The docstrings themselves are unchanged.
"""

from __future__ import annotations

import re
from typing import Any

import griffe


def fence(text: str) -> str:
    """Fence every doctest example block (``>>>`` line, continuation and output lines)."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(">>>") and not (out and out[-1].lstrip().startswith("```")):
            indent = line[: len(line) - len(stripped)]
            block = []
            while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
                block.append(lines[i][len(indent) :])
                i += 1
            out.append(f"{indent}```pycon")
            out.extend(indent + b for b in block)
            out.append(f"{indent}```")
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


ROLE = re.compile(r":(?:mod|class|func|data|attr|meth|exc|obj):`~?([^`]+)`")


def plain_roles(text: str) -> str:
    """Sphinx roles (``:class:`~khoan.Cohort```) as inline code (```khoan.Cohort```)."""
    return ROLE.sub(r"`\1`", text)


class DoctestFences(griffe.Extension):
    """Fence doctest examples and unwrap Sphinx roles in every docstring."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite the object's docstring text once it is loaded."""
        if obj.docstring is None:
            return
        text = plain_roles(obj.docstring.value)
        obj.docstring.value = fence(text) if ">>>" in text else text
