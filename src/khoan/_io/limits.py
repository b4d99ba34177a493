"""The reader's limits: how large, deep, long and precise a document may be."""

from __future__ import annotations

from functools import cache
from typing import Final

import attrs

from khoan._base.convert import DIGITS
from khoan.exceptions import InvalidValue

__all__ = ["DEFAULT_LIMITS", "Limits", "decimal_pattern"]


def _positive(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise InvalidValue(attribute.name, value, "a whole number of at least 1")


def _digits(instance: object, attribute: attrs.Attribute[int], value: int) -> None:
    _positive(instance, attribute, value)
    if value > DIGITS:
        raise InvalidValue(attribute.name, value, f"at most {DIGITS} (khoan's own bound)")


@attrs.frozen(kw_only=True)
class Limits:
    """How much a document may hold before the reader refuses it.

    Every breach is a :class:`~khoan.exceptions.LimitExceeded` naming the
    path, what was found and the limit. The defaults are far above any real
    dossier or provincial cohort and far below what costs a reader seconds.

    >>> Limits().max_depth, Limits(max_items=50).max_items
    (32, 50)

    Args:
        max_bytes: Size of the document (UTF-8 bytes; characters for text).
        max_depth: Nesting of JSON arrays and objects (a cohort needs 7).
        max_dossiers: Dossiers in a cohort.
        max_items: Items in an assignment (and entries in a scoresheet).
        max_members: Members of a council.
        max_inspections: Inspections in a dossier.
        max_list: Entries of any other list (units, cadres, outcomes, ...).
        max_string: Characters in one string.
        max_digits: Digits in the mantissa of an exact number (and of a
            JSON integer); khoan never accepts more than 30.
        max_exponent: Digits of the exponent of an exact number (``"1e5"``
            has one); the number must also lie between 1E-15 and 1E+15.

    """

    max_bytes: int = attrs.field(default=256 * 2**20, validator=_positive)
    max_depth: int = attrs.field(default=32, validator=_positive)
    max_dossiers: int = attrs.field(default=20_000, validator=_positive)
    max_items: int = attrs.field(default=1_000, validator=_positive)
    max_members: int = attrs.field(default=500, validator=_positive)
    max_inspections: int = attrs.field(default=1_000, validator=_positive)
    max_list: int = attrs.field(default=100_000, validator=_positive)
    max_string: int = attrs.field(default=100_000, validator=_positive)
    max_digits: int = attrs.field(default=DIGITS, validator=_digits)
    max_exponent: int = attrs.field(default=2, validator=_positive)


DEFAULT_LIMITS: Final = Limits()


@cache
def decimal_pattern(max_digits: int, max_exponent: int) -> str:
    """The pattern of an exact number written as a string, within the digit limits.

    The JSON Schema carries the pattern of the default limits, so a schema
    validator and the reader agree on what a number may look like.

    >>> import re
    >>> re.fullmatch(decimal_pattern(3, 1)[1:-1], "12.5e3") is not None
    True
    >>> re.fullmatch(decimal_pattern(3, 1)[1:-1], "1.234") is None
    True
    """
    mantissa = rf"(?=(?:\.?[0-9]){{1,{max_digits}}}\.?(?:[eE]|$))"
    return (
        rf"^[+-]?{mantissa}([0-9]+(\.[0-9]*)?|\.[0-9]+)"
        rf"([eE][+-]?[0-9]{{1,{max_exponent}}})?$"
    )
