"""Errors raised by khoan.

Every error is a :class:`KhoanError`. Errors about one field of the facts are
:class:`FieldError` and carry three things a person needs to fix the input:

* ``path`` -- where the problem is, e.g. ``assignment.items[3].weight``;
* ``value`` -- what was found there;
* ``expected`` -- what would have been accepted.

Each concrete error also subclasses the builtin it resembles, so code that
already catches :class:`ValueError` or :class:`LookupError` keeps working:

>>> from decimal import Decimal
>>> err = InvalidValue("items[3].weight", Decimal("-5"), "a positive number")
>>> str(err)
"items[3].weight: expected a positive number, got Decimal('-5')"
>>> isinstance(err, ValueError)
True

A document with several problems raises them all at once in an
:class:`InvalidDocument`, an :class:`ExceptionGroup`; handle it with
``except*`` or walk ``.exceptions``.
"""

from __future__ import annotations

import reprlib
from collections.abc import Iterable, Sequence
from typing import Any

from khoan._base.paths import join_path

__all__ = [
    "ConflictOfInterest",
    "DuplicateId",
    "FieldError",
    "InexactNumber",
    "InternalError",
    "InvalidDocument",
    "InvalidEncoding",
    "InvalidHierarchy",
    "InvalidOrgChart",
    "InvalidValue",
    "KhoanError",
    "LimitExceeded",
    "MissingDependency",
    "MissingResult",
    "OutOfForce",
    "OutOfPeriod",
    "OutOfRange",
    "UnknownName",
    "UnknownReference",
    "UnsupportedSchema",
    "UnsupportedVersion",
    "WeightMismatch",
    "flatten",
]


class KhoanError(Exception):
    """Root of every error khoan raises on purpose."""


class MissingDependency(KhoanError, ImportError):
    """An optional package that a feature needs is not installed.

    The message names the extra to install, e.g. ``pip install 'khoan[holidays]'``.
    """


class FieldError(KhoanError):
    """A problem with one field of the facts.

    Args:
        path: Where the problem is, e.g. ``"assignment.items[3].weight"``.
        value: The offending value, as given.
        expected: What would have been accepted, in words.

    """

    def __init__(self, path: str, value: object, expected: str) -> None:
        self.path = path
        self.value = value
        self.expected = expected
        super().__init__(path, value, expected)

    def __str__(self) -> str:
        where = f"{self.path}: " if self.path else ""
        return f"{where}expected {self.expected}, got {_short_repr(self.value)}"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.value, self.expected))

    def with_prefix(self, prefix: str) -> FieldError:
        """Return a copy of this error whose path is put under ``prefix``.

        >>> InvalidValue("weight", 0, "a positive number").with_prefix("items[2]").path
        'items[2].weight'
        """
        return type(self)(join_path(prefix, self.path), self.value, self.expected)


class InvalidValue(FieldError, ValueError):
    """A value of the right kind but not acceptable here (a negative weight, ...)."""


class LimitExceeded(InvalidValue):
    """A document breaks one of the reader's limits (size, depth, count, length, digits).

    The limits are parameters of the readers (:class:`khoan.io.Limits`); the
    message names the limit and its value.
    """


class InvalidEncoding(InvalidValue):
    """Bytes that are not UTF-8, or text with a lone surrogate; the path gives the offset."""


class InternalError(KhoanError):
    """A fault inside khoan, not in the input: please report it with the input that caused it."""


class InexactNumber(InvalidValue, TypeError):
    """A binary float was given where an exact number is needed.

    Convert on purpose with :func:`khoan.exact`, which goes through ``str``.
    """


class DuplicateId(InvalidValue):
    """Two things that must be told apart share an id."""


class WeightMismatch(InvalidValue):
    """The item weights do not add up to the declared total."""


class OutOfPeriod(InvalidValue):
    """A date lies outside the period (or before the assignment was issued)."""


class OutOfForce(InvalidValue):
    """A scheme is applied to a period it did not govern (see ``Scheme.in_force``)."""


class OutOfRange(InvalidValue):
    """A number lies outside its allowed interval (points above an item's maximum, ...)."""


class InvalidHierarchy(InvalidValue):
    """The issuer is not the level directly above the assignee ("cấp trên một cấp")."""


class InvalidOrgChart(InvalidValue):
    """An org chart with a cycle, an orphan or more than one root."""


class ConflictOfInterest(InvalidValue):
    """A council member would score their own assignment."""


class UnknownReference(FieldError, LookupError):
    """An id that names nothing known (an item, unit, cadre, member, ...)."""

    def __str__(self) -> str:
        # LookupError would otherwise repr the args tuple; keep the message readable.
        return FieldError.__str__(self)


class UnknownName(UnknownReference, KeyError):
    """No preset (scheme, rule, example) has that name; the message lists those that exist."""


class MissingResult(InvalidValue):
    """A scheme refuses to rate while something has nothing to score.

    Raised by :func:`khoan.evaluate` under ``MissingData.REFUSE``.
    """


class UnsupportedSchema(FieldError, ValueError):
    """A JSON document declares a schema version this khoan cannot read."""


class UnsupportedVersion(UnsupportedSchema):
    """A document of a later (or unknown) ``khoan/N`` version than this khoan reads."""


class InvalidDocument(ExceptionGroup[FieldError], KhoanError):
    """Every problem found in one document, raised together.

    >>> try:
    ...     raise InvalidDocument("2 problems", [
    ...         InvalidValue("a", 0, "a positive number"),
    ...         UnknownReference("b", "x", "a known item id"),
    ...     ])
    ... except* UnknownReference as group:
    ...     print("unknown:", [e.path for e in group.exceptions])
    ... except* InvalidValue as group:
    ...     print("invalid:", [e.path for e in group.exceptions])
    unknown: ['b']
    invalid: ['a']
    """

    def derive(self, excs: Sequence[FieldError]) -> InvalidDocument:  # type: ignore[override]
        """Keep the class when ``except*`` splits the group."""
        return InvalidDocument(self.message, excs)


_SHORT = reprlib.Repr()
_SHORT.maxstring = 200
_SHORT.maxother = 200
_SHORT.maxlong = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = _SHORT.maxset = 20
_SHORT.maxlevel = 4


def _short_repr(value: object) -> str:
    """The repr of ``value``, shortened so that a hostile value cannot flood a message.

    >>> _short_repr("x" * 1000)[:12], len(_short_repr("x" * 1000)) < 300
    ("'xxxxxxxxxxx", True)
    """
    try:
        text = repr(value) if isinstance(value, str | int | float) and _small(value) else None
        return text if text is not None else _SHORT.repr(value)
    except Exception:  # a value whose repr fails (an int of 5,000 digits)
        return f"<{type(value).__name__}>"


def _small(value: str | int | float) -> bool:
    if isinstance(value, str):
        return len(value) <= 200
    if isinstance(value, int):
        return -(10**60) < value < 10**60
    return True


def flatten(errors: Iterable[BaseException]) -> list[FieldError]:
    """Return the field errors inside ``errors``, unpacking nested groups."""
    out: list[FieldError] = []
    for err in errors:
        if isinstance(err, BaseExceptionGroup):
            out.extend(flatten(err.exceptions))
        elif isinstance(err, FieldError):
            out.append(err)
        else:  # pragma: no cover - only khoan errors are ever collected
            raise TypeError(f"not a khoan error: {err!r}")
    return out
