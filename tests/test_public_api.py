"""The public API contract: every public name and its signature, as a reviewable snapshot.

Any change to the public surface shows as a diff of ``tests/snapshots/public_api.txt``.
After an intended change, regenerate it with::

    KHOAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_public_api.py

and review the diff.
"""

from __future__ import annotations

import difflib
import enum
import importlib
import inspect
import os
from pathlib import Path
from types import ModuleType

import attrs

PUBLIC_MODULES = (
    "khoan",
    "khoan.calendar",
    "khoan.consequences",
    "khoan.exceptions",
    "khoan.io",
    "khoan.progress",
    "khoan.schemes",
    "khoan.scoring",
    "khoan.testing",
)
SNAPSHOT = Path(__file__).parent / "snapshots" / "public_api.txt"
# Names deliberately exported from two public modules (deprecated aliases): none today.
ALIASES: frozenset[tuple[str, str]] = frozenset()


def _signature(obj: object) -> str:
    try:
        return str(inspect.signature(obj))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"


def _describe(module: str, name: str, obj: object) -> list[str]:
    where = f"{module}.{name}"
    if isinstance(obj, ModuleType):
        return [f"{where}: module"]
    if isinstance(obj, type) and issubclass(obj, enum.Enum):
        members = ", ".join(f"{m.name}={m.value!r}" for m in obj)
        return [f"{where}: enum({obj.__mro__[1].__name__}) {members}"]
    if isinstance(obj, type):
        kind = "attrs class" if attrs.has(obj) else "class"
        lines = [f"{where}: {kind}{_signature(obj)}"]
        for attr, value in sorted(vars(obj).items()):
            if attr.startswith("_"):
                continue
            if isinstance(value, property):
                lines.append(f"{where}.{attr}: property")
            elif callable(value) or isinstance(value, classmethod | staticmethod):
                lines.append(f"{where}.{attr}{_signature(getattr(obj, attr))}")
        return lines
    if inspect.isfunction(obj):
        return [f"{where}{_signature(obj)}"]
    shown = repr(obj)
    if len(shown) > 100 or "0x" in shown:
        shown = type(obj).__name__
    return [f"{where}: {type(obj).__name__} = {shown}"]


def snapshot() -> str:
    """The whole public surface, one line per entry, sorted within each module."""
    lines: list[str] = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        for name in sorted(module.__all__):
            lines.extend(_describe(module_name, name, getattr(module, name)))
    return "\n".join(lines) + "\n"


class TestPublicApi:
    """The snapshot of the public surface is what the code exports now."""

    def test_the_snapshot_is_current(self) -> None:
        actual = snapshot()
        if os.environ.get("KHOAN_UPDATE_SNAPSHOTS"):
            SNAPSHOT.write_text(actual, encoding="utf-8")
        expected = SNAPSHOT.read_text(encoding="utf-8")
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                "snapshot",
                "now",
            )
        )
        assert not diff, (
            "the public API changed; if intended, run "
            "KHOAN_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_public_api.py\n" + diff
        )

    def test_no_memory_address_in_the_snapshot(self) -> None:
        assert "0x" not in snapshot()

    def test_every_public_name_has_one_home(self) -> None:
        homes: dict[int, list[str]] = {}
        for module_name in PUBLIC_MODULES:
            module = importlib.import_module(module_name)
            for name in module.__all__:
                obj = getattr(module, name)
                if isinstance(obj, ModuleType | str | int | frozenset | tuple):
                    continue
                homes.setdefault(id(obj), []).append(f"{module_name}.{name}")
        twice = [
            places
            for places in homes.values()
            if len(places) > 1 and (places[0], places[1]) not in ALIASES
        ]
        assert twice == []
