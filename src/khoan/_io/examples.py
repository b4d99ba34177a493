"""The bundled example documents."""

from __future__ import annotations

from importlib import resources
from typing import overload

from khoan._facts.dossier import Cohort, Dossier
from khoan._io.codec import D, loads
from khoan.exceptions import UnknownName

__all__ = ["example_names", "load_example"]


def example_names() -> tuple[str, ...]:
    """The names of the bundled examples, sorted.

    >>> example_names()
    ('nguyet-duc-2022', 'vinh-phuc-2021')
    """
    folder = resources.files("khoan") / "examples"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@overload
def load_example(name: str, *, expect: None = None) -> Dossier | Cohort: ...
@overload
def load_example(name: str, *, expect: type[D]) -> D: ...
def load_example(name: str, *, expect: type[D] | None = None) -> Dossier | Cohort:
    """Load a bundled example by name (see :func:`example_names`).

    Raises:
        UnknownName: No example has that name (a LookupError).

    """
    if name not in example_names():
        raise UnknownName("example", name, "one of " + ", ".join(example_names()))
    text = (resources.files("khoan") / "examples" / f"{name}.json").read_bytes()
    return loads(text, expect=expect)
