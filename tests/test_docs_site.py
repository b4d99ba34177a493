"""The documentation site: its pages, its API reference, and every shell example run."""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
BIN = Path(sys.executable).parent
CONSOLE = re.compile(r"^```console\n(.*?)^```", re.S | re.M)


RUNS_KHOAN = re.compile(r"(^|[|;&]\s*)khoan\b", re.M)


def examples(page: Path) -> list[tuple[str, str]]:
    """The (command, expected output) pairs of a page's ``console`` blocks that run khoan.

    Blocks that never run khoan (``python -m pytest``, ``git diff``: instructions
    for developers) are left out.
    """
    found: list[tuple[str, str]] = []
    for block in CONSOLE.findall(page.read_text(encoding="utf-8")):
        if not RUNS_KHOAN.search(block.replace("$ ", "")):
            continue
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None:
                    found.append((command, "\n".join(output)))
                command, output = line[2:], []
            else:
                output.append(line)
        if command is not None:
            found.append((command, "\n".join(output)))
    return found


def pages_with_shell_examples() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if examples(p))


NOT_RUN = ("pip ", "python -m pip", "python -m pytest", "git ")


def prepare(folder: Path) -> None:
    """The files the pages' examples name: the bundled example and a broken copy of it."""
    from khoan import io

    io.write(io.load_example("nguyet-duc-2022"), folder / "nguyet-duc.json")
    broken = io.dump(io.load_example("nguyet-duc-2022"))
    broken["assignment"]["items"][0]["target"] = 20
    (folder / "broken.json").write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")


class TestShellExamples:
    """Every ``$ khoan ...`` line of the pages' ``console`` blocks runs, in order, in a folder.

    A command shown with output must print it (``...`` matches anything); one
    shown without output must succeed.
    """

    @pytest.mark.parametrize("page", pages_with_shell_examples(), ids=lambda p: p.name)
    def test_page(self, page: Path, tmp_path: Path) -> None:
        prepare(tmp_path)
        env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "COLUMNS": "200",
        }
        env.pop("KHOAN_LANG", None)
        checker = doctest.OutputChecker()
        flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
        ran = 0
        for command, expected in examples(page):
            if command.startswith(NOT_RUN):
                continue  # installing packages, developers' commands
            done = subprocess.run(
                ["bash", "-o", "pipefail", "-c", command],
                cwd=tmp_path,
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            shown = done.stdout + done.stderr
            if expected.strip():
                assert checker.check_output(expected + "\n", shown, flags), (
                    f"{page.name}: $ {command}\nexpected:\n{expected}\ngot:\n{shown}"
                )
            else:
                assert done.returncode == 0, f"{page.name}: $ {command}\n{shown}"
            ran += 1
        assert ran >= 1


class TestSite:
    """The site's structure: the nav lists every page, the reference covers every public module."""

    def test_every_page_is_in_the_nav_and_exists(self) -> None:
        config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
        listed = set(re.findall(r":\s+([\w/\-.]+\.md)\s*$", config, re.M))
        on_disk = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
        assert listed == on_disk

    def test_reference_covers_every_public_module(self) -> None:
        import ast

        tree = ast.parse((ROOT / "tests" / "test_api.py").read_text(encoding="utf-8"))
        PUBLIC_MODULES = next(  # noqa: N806 - the list of tests/test_api.py
            ast.literal_eval(node.value)
            for node in tree.body
            if isinstance(node, ast.Assign)
            and getattr(node.targets[0], "id", "") == "PUBLIC_MODULES"
        )
        pages = "\n".join(p.read_text(encoding="utf-8") for p in (DOCS / "reference").glob("*.md"))
        for module in PUBLIC_MODULES:
            assert f"::: {module}\n" in pages

    def test_vietnamese_pages_mirror_the_english_ones(self) -> None:
        for name in ("tutorial.md", "howto-council-secretary.md"):
            assert (DOCS / name).exists() and (DOCS / "vi" / name).exists()

    def test_strict_build(self, tmp_path: Path) -> None:
        """The site builds with warnings as errors (the test extra installs khoan[docs])."""
        assert shutil.which("mkdocs", path=str(BIN)), "mkdocs missing: install khoan[test]"
        done = subprocess.run(
            [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(tmp_path / "site")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert (tmp_path / "site" / "reference" / "sheets" / "index.html").exists()
        assert (tmp_path / "site" / "vi" / "tutorial" / "index.html").exists()
