"""Helpers shared by conditions and vetoes: which items count, and how they print."""

from __future__ import annotations

from collections.abc import Sequence

from khoan._facts.report import ExcuseKind
from khoan._scoring.results import ItemResult, Status

__all__ = ["exempt_repr", "exempted", "ids", "scored"]


def exempted(result: ItemResult, excuses: frozenset[ExcuseKind]) -> bool:
    """Whether the item carries a confirmed excuse of one of these kinds."""
    return bool(result.excused & excuses)


def exempt_repr(exempt: frozenset[ExcuseKind]) -> str:
    """``, exempt=[...]`` for a repr, or nothing."""
    if not exempt:
        return ""
    return ", exempt=[" + ", ".join(sorted(f"ExcuseKind.{k.name}" for k in exempt)) + "]"


def scored(results: Sequence[ItemResult]) -> list[ItemResult]:
    """The items that were scored (neither not applicable nor without data)."""
    return [r for r in results if r.status not in (Status.NOT_APPLICABLE, Status.NO_DATA)]


def ids(results: Sequence[ItemResult]) -> str:
    """The items' ids, sorted, comma-separated."""
    return ", ".join(sorted(r.item for r in results))
