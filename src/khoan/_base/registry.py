"""Registry: a read-only, ordered collection of named presets (schemes, rules)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Generic, Protocol, TypeVar

from khoan.exceptions import UnknownName

__all__ = ["Registry"]


class _Named(Protocol):
    @property
    def name(self) -> str: ...


T = TypeVar("T", bound=_Named)


class Registry(Generic[T]):
    """Presets by name, in the order given; read-only.

    Args:
        what: What the entries are, for error messages (``"scheme"``).
        entries: The presets; each one's ``name`` is its key.

    >>> from khoan.schemes import PRESETS
    >>> PRESETS.names()[:2]
    ('vinh-phuc-2021', 'qd-124-2023')
    >>> PRESETS.get("qd-366")
    Traceback (most recent call last):
    khoan.exceptions.UnknownName: scheme: expected one of vinh-phuc-2021, ..., got 'qd-366'

    """

    __slots__ = ("_entries", "_what")

    def __init__(self, what: str, entries: Iterable[T]) -> None:
        self._what = what
        self._entries: dict[str, T] = {}
        for entry in entries:
            if entry.name in self._entries:
                raise ValueError(f"two {what}s named {entry.name!r}")
            self._entries[entry.name] = entry

    def names(self) -> tuple[str, ...]:
        """Every name, in order."""
        return tuple(self._entries)

    def get(self, name: str) -> T:
        """The entry called ``name``.

        Raises:
            UnknownName: No entry has that name; the message lists those that exist.

        """
        try:
            return self._entries[name]
        except (KeyError, TypeError):
            raise UnknownName(self._what, name, "one of " + ", ".join(self._entries)) from None

    __getitem__ = get

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> tuple[str, ...]:
        """The names, as a mapping's keys (so ``{**registry}`` works)."""
        return self.names()

    def values(self) -> tuple[T, ...]:
        """Every entry, in order."""
        return tuple(self._entries.values())

    def items(self) -> tuple[tuple[str, T], ...]:
        """``(name, entry)`` pairs, in order."""
        return tuple(self._entries.items())

    def __repr__(self) -> str:
        return f"Registry({self._what!r}, [{', '.join(self._entries)}])"
