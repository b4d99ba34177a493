"""The API contract: every public name of every public module, as a reviewable text snapshot.

Each name in a public module's ``__all__`` is one line (kind, signature, type) and each
public method, property and enum member one more. Any change to the public surface
shows as a diff of ``tests/snapshots/api.txt``. After an intended change, regenerate
it with::

    KHOAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_api.py

and review the diff. The other tests here: every public name has one public home,
and the constants of the rule modules print without memory addresses.
"""

from __future__ import annotations

import difflib
import enum
import functools
import importlib
import inspect
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, cast

import attrs
import pytest

PUBLIC_MODULES = (
    "khoan",
    "khoan.batch",  # needs the batch extra (NumPy), installed by the test extra
    "khoan.analysis",
    "khoan.calendar",
    "khoan.consequences",
    "khoan.exceptions",
    "khoan.io",
    "khoan.progress",
    "khoan.schemes",
    "khoan.scoring",
    "khoan.sheets",  # issue 14
    "khoan.testing",
)
# Public modules that may be absent while someone writes them; each with a comment saying
# why and until when. A listed module that is missing is skipped (and marked as missing in
# the snapshot); an unlisted one that is missing fails the snapshot test.
OPTIONAL: tuple[str, ...] = ()
# Deprecated aliases: qualified names allowed as a second public home of an object
# (e.g. "khoan.scoring.Context" kept for a release after a rename). None today.
DEPRECATED_ALIASES: frozenset[str] = frozenset()

SNAPSHOT = Path(__file__).parent / "snapshots" / "api.txt"
UPDATE = os.environ.get("KHOAN_UPDATE_SNAPSHOTS") == "1"
REGENERATE = "KHOAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_api.py"
HEADER = f"# The public API of khoan (tests/test_api.py). Regenerate: {REGENERATE}\n"
SHORT = 80  # a constant's repr longer than this is left out; its type name stays

# Values whose identity means nothing (interned or cached by the interpreter).
_ATOMS = (str, bytes, int, float, complex, bool, type(None))


# -- building the snapshot ----------------------------------------------------------------


def _load(name: str) -> ModuleType | None:
    """The public module ``name``; None when it is missing and listed in OPTIONAL."""
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as err:
        missing = err.name or ""
        if not (name == missing or name.startswith(missing + ".")):
            raise  # the module exists but imports something missing: a real error
        if name in OPTIONAL:
            return None
        pytest.fail(
            f"public module {name} does not exist; if it is being written, "
            "list it in OPTIONAL in tests/test_api.py with a comment"
        )


def _public_names(module: ModuleType) -> list[str]:
    names = getattr(module, "__all__", None)
    assert names is not None, f"public module {module.__name__} has no __all__"
    for name in names:
        assert hasattr(module, name), f"{module.__name__}.__all__ lists {name!r}, not defined"
    return sorted(names)


def _modules() -> Iterator[tuple[str, ModuleType | None]]:
    for name in sorted(PUBLIC_MODULES):
        yield name, _load(name)


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(cast("Callable[..., Any]", obj)))
    except (TypeError, ValueError):
        return "(...)"


def _is_function(obj: object) -> bool:
    """A function, also behind functools wrappers (``lru_cache``) or a builtin."""
    if inspect.isroutine(obj):
        return True
    return inspect.isfunction(inspect.unwrap(cast("Callable[..., Any]", obj)))


def _stable_repr(obj: object) -> str:
    """``repr``, with set members sorted: their order changes with the hash seed."""
    if isinstance(obj, set | frozenset):
        inner = ", ".join(sorted(_stable_repr(x) for x in obj))
        return f"{type(obj).__name__}({{{inner}}})" if obj else f"{type(obj).__name__}()"
    return repr(obj)


def _constant(obj: object) -> str:
    kind = type(obj).__name__
    shown = _stable_repr(obj)
    if len(shown) > SHORT or "0x" in shown or "\n" in shown:
        return f"constant {kind}"
    return f"constant {kind} = {shown}"


def _bases(cls: type) -> str:
    bases = [b.__name__ for b in cls.__bases__ if b not in (object, Protocol)]
    return f"({', '.join(bases)})" if bases else ""


def _members(cls: type, public: frozenset[int]) -> Iterator[tuple[str, str]]:
    """Public methods and properties of ``cls``, also those it inherits from khoan's classes.

    An inherited member is listed under the class that defines it when that class is
    itself public (``FieldError.with_prefix``, not again for every subclass).
    """
    seen: set[str] = set()
    members = cls.__members__ if issubclass(cls, enum.Enum) else {}
    for klass in cls.__mro__:
        if not klass.__module__.startswith("khoan") or (klass is not cls and id(klass) in public):
            continue
        for attr, value in vars(klass).items():
            shown = not attr.startswith("_") or attr == "__call__"
            if not shown or attr in seen or attr in members:
                continue
            seen.add(attr)
            if isinstance(value, property | functools.cached_property):
                getter = value.fget if isinstance(value, property) else value.func
                returns = inspect.signature(cast("Callable[..., Any]", getter)).return_annotation
                shown_returns = "" if returns is inspect.Signature.empty else f" -> {returns!r}"
                yield attr, f"property{shown_returns}"
            elif isinstance(value, staticmethod | classmethod):
                yield attr, f"{type(value).__name__}{_signature(getattr(cls, attr))}"
            elif inspect.isfunction(value):
                yield attr, f"method{_signature(value)}"


def _describe(obj: object, public: frozenset[int]) -> tuple[str, list[tuple[str, str]]]:
    """The entry of one public name, and the entries of its members (enum members first)."""
    if isinstance(obj, ModuleType):
        return "module", []
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        values = [(m.name, f"member = {m.value!r}") for m in obj]  # in definition order
        return f"enum{_bases(obj)}", values + sorted(_members(obj, public))
    if isinstance(obj, type):
        kind = "attrs class" if attrs.has(obj) else "class"
        if getattr(obj, "_is_protocol", False):  # its __call__ line is the contract
            return f"protocol{_bases(obj)}", sorted(_members(obj, public))
        return f"{kind}{_bases(obj)} {_signature(obj)}", sorted(_members(obj, public))
    if _is_function(obj):
        return f"function{_signature(obj)}", []
    calls = []
    if callable(obj) and id(type(obj)) not in public:  # a public type lists its own __call__
        calls = [("__call__", f"method{_signature(obj)}")]
    return _constant(obj), calls


def snapshot() -> str:
    """The whole public surface, one line per entry.

    Sorted by module, then name; under a name its enum members (in definition order: the
    order is part of an enum's contract), then its methods and properties, sorted.
    """
    modules = list(_modules())
    public = frozenset(
        id(obj)
        for _, module in modules
        if module is not None
        for obj in (getattr(module, name) for name in _public_names(module))
        if isinstance(obj, type)
    )
    lines = [HEADER]
    for module_name, module in modules:
        if module is None:
            lines.append(f"{module_name}: missing (OPTIONAL in tests/test_api.py)\n")
            continue
        for name in _public_names(module):
            entry, members = _describe(getattr(module, name), public)
            lines.append(f"{module_name}.{name}: {entry}\n")
            lines.extend(f"{module_name}.{name}.{m}: {text}\n" for m, text in members)
    return "".join(lines)


# -- the tests ------------------------------------------------------------------------------


class TestSnapshot:
    """The snapshot of the public surface is what the code exports now."""

    def test_the_snapshot_is_current(self) -> None:
        actual = snapshot()
        if UPDATE:
            SNAPSHOT.write_text(actual, encoding="utf-8")
        assert SNAPSHOT.exists(), f"no snapshot {SNAPSHOT.name}; run {REGENERATE}"
        expected = SNAPSHOT.read_text(encoding="utf-8")
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "tests/snapshots/api.txt",
                "the code now",
            )
        )
        if diff:  # pytest.fail, not assert: pytest would cut a long diff short
            pytest.fail(
                f"the public API changed; review the diff and, if intended, run {REGENERATE}\n"
                + diff,
                pytrace=False,
            )

    def test_no_memory_address_in_the_snapshot(self) -> None:
        addresses = [line for line in snapshot().splitlines() if "0x" in line]
        assert addresses == []

    def test_the_snapshot_does_not_depend_on_the_hash_seed(self) -> None:
        here = Path(__file__)
        code = (
            "import runpy, sys; "
            f"sys.stdout.write(runpy.run_path({str(here)!r}, run_name='api')['snapshot']())"
        )
        outputs = {
            subprocess.run(
                [sys.executable, "-c", code],
                capture_output=True,
                check=True,
                encoding="utf-8",
                env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONIOENCODING": "utf-8"},
                cwd=here.parent.parent,
            ).stdout
            for seed in ("1", "2")
        }
        assert outputs == {snapshot()}

    def test_optional_modules_are_public_and_still_missing(self) -> None:
        for name in OPTIONAL:
            assert name in PUBLIC_MODULES, f"OPTIONAL lists {name}, not a public module"
            assert _load(name) is None, f"{name} exists now: remove it from OPTIONAL"


class TestOneHome:
    """Each public object is exported from exactly one public module's ``__all__``."""

    @staticmethod
    def _homes() -> dict[int, list[str]]:
        homes: dict[int, list[str]] = {}
        for module_name, module in _modules():
            if module is None:
                continue
            for name in _public_names(module):
                obj = getattr(module, name)
                if isinstance(obj, _ATOMS) or (isinstance(obj, tuple | frozenset) and not obj):
                    continue
                homes.setdefault(id(obj), []).append(f"{module_name}.{name}")
        return homes

    def test_every_public_name_has_one_home(self) -> None:
        twice = [
            places
            for places in self._homes().values()
            if len([p for p in places if p not in DEPRECATED_ALIASES]) != 1
        ]
        assert twice == []

    def test_every_deprecated_alias_is_still_a_second_home(self) -> None:
        aliased = {
            place
            for places in self._homes().values()
            if len(places) > 1
            for place in places
            if place in DEPRECATED_ALIASES
        }
        assert aliased == DEPRECATED_ALIASES, "remove stale entries from DEPRECATED_ALIASES"


def _parts(value: object, path: str, seen: set[int]) -> Iterator[tuple[str, object]]:
    """``value`` and, recursively, the values it is made of (attrs fields, items)."""
    if id(value) in seen:
        return
    seen.add(id(value))
    yield path, value
    cls = type(value)
    items = getattr(value, "items", None)  # dicts, and khoan's registries
    children: list[tuple[str, object]] = []
    if attrs.has(cls):
        children = [(f".{f.name}", getattr(value, f.name)) for f in attrs.fields(cls)]
    elif isinstance(value, tuple | list | set | frozenset):
        children = [(f"[{i}]", x) for i, x in enumerate(value)]
    elif callable(items) and not isinstance(value, type):
        children = [(f"[{k!r}]", v) for k, v in items()]
    for step, child in children:
        yield from _parts(child, path + step, seen)


@pytest.mark.parametrize("module_name", ["khoan.schemes", "khoan.consequences"])
def test_the_constants_of_a_rule_module_print_without_addresses(module_name: str) -> None:
    module = importlib.import_module(module_name)
    constants = [
        (f"{module_name}.{name}", getattr(module, name))
        for name in module.__all__
        if not isinstance(getattr(module, name), type | ModuleType)
        and not _is_function(getattr(module, name))
    ]
    assert constants, f"{module_name} exports no constant"
    addresses = [
        f"{path}: {repr(part)[:120]}"
        for qualified, value in constants
        for path, part in _parts(value, qualified, set())
        if "0x" in repr(part)
    ]
    assert addresses == []
