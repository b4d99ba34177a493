"""Notebook display: small HTML tables for the ``_repr_html_`` of result records.

Pure text building with the standard library, so the core can show its records
in a notebook without importing pandas. Every cell is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["html_table"]


def html_table(
    *,
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    notes: Iterable[str] = (),
) -> str:
    """A captioned HTML table with escaped cells, followed by notes as a list.

    >>> html_table(caption="A & B", header=["x"], rows=[["<1>"]])
    '<table class="khoan"><caption>A &amp; B</caption>...<td>&lt;1&gt;</td>...</table>'
    """
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows
    )
    table = (
        f'<table class="khoan"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{cells}</tr></thead><tbody>{body}</tbody></table>"
    )
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return table + (f"<ul>{items}</ul>" if items else "")
