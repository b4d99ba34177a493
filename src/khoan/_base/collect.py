"""Collecting problems: raise one as itself, several together."""

from __future__ import annotations

from collections.abc import Iterable

from khoan.exceptions import InvalidDocument, flatten

__all__ = ["collect"]


def collect(errors: Iterable[BaseException], what: str = "the facts") -> None:
    """Raise the collected errors: one as itself, several as :class:`InvalidDocument`.

    Args:
        errors: Field errors or groups of them; groups are flattened.
        what: Names the thing that was checked, for the group's message.

    Raises:
        FieldError: When there is exactly one problem.
        InvalidDocument: When there are several.

    """
    found = flatten(errors)
    if len(found) == 1:
        raise found[0]
    if found:
        raise InvalidDocument(f"{len(found)} problems in {what}", found)
