"""The ``@fact`` class decorator: frozen attrs classes whose errors name their field."""

from __future__ import annotations

import functools
import inspect
from typing import Any, TypeVar

import attrs

from khoan.exceptions import FieldError

__all__ = ["fact"]

C = TypeVar("C", bound=type)


def fact(cls: C) -> C:
    """Make converter errors of an attrs class name the field they come from.

    attrs runs converters inside the generated ``__init__`` and lets their
    errors out unchanged, so a converter cannot say which field it was
    converting. When construction fails with a :class:`FieldError`, the
    converters are run again, in field order, on the arguments that were
    given; the first that fails is the culprit and its error is re-raised
    with the field's name in front of its path. Errors raised by validators
    and ``__attrs_post_init__`` already carry their paths and pass through.
    Converters are pure, so running one twice on the failure path is safe.
    """
    original: Any = cls.__init__  # type: ignore[misc]
    signature = inspect.signature(original)
    converted = [(f.name, f.alias, f.converter) for f in attrs.fields(cls) if callable(f.converter)]

    @functools.wraps(original)
    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:  # noqa: N807
        try:
            original(self, *args, **kwargs)
        except FieldError as err:
            bound = signature.bind(self, *args, **kwargs)
            for name, alias, converter in converted:
                if alias not in bound.arguments:
                    continue
                try:
                    converter(bound.arguments[alias])
                except FieldError as culprit:
                    raise culprit.with_prefix(name) from None
            raise err from None

    cls.__init__ = __init__  # type: ignore[misc]
    return cls
