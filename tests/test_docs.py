"""The generated API reference is up to date with the docstrings."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

DOCS = Path(__file__).resolve().parent.parent / "docs"


def load_script() -> ModuleType:
    """Import docs/make_reference.py under a private name (docs/ is not a package)."""
    path = DOCS / "make_reference.py"
    spec = importlib.util.spec_from_file_location("_khoan_make_reference", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class TestReference:
    def test_reference_md_is_what_make_reference_writes_now(self) -> None:
        """A changed docstring or public name must come with a regenerated reference."""
        render: Callable[[], str] = load_script().render
        expected = render()
        actual = (DOCS / "reference.md").read_text(encoding="utf-8")
        assert expected == actual, "docs/reference.md is stale: run python docs/make_reference.py"

    def test_every_public_name_has_an_entry(self) -> None:
        import khoan
        import khoan.exceptions
        import khoan.io

        text = (DOCS / "reference.md").read_text(encoding="utf-8")
        for module in (khoan, khoan.exceptions, khoan.io):
            for name in module.__all__:
                assert f"### `{module.__name__}.{name}`" in text

    def test_no_docstring_example_is_collected_twice(self) -> None:
        """pytest's --doctest-glob would run a '>>>' line of reference.md; none may start one."""
        text = (DOCS / "reference.md").read_text(encoding="utf-8")
        assert not [line for line in text.splitlines() if line.lstrip(" ").startswith(">>>")]
