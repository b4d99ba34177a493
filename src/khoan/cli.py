"""The ``khoan`` command: check and summarise JSON documents from the shell.

Subcommands:

* ``khoan validate FILE...`` -- print every problem with its path and exit 1,
  or a one-line summary per file and exit 0;
* ``khoan evaluate FILE | --example NAME`` -- check a dossier or cohort and
  print its items (scoring arrives with the scoring engine);
* ``khoan examples`` -- list the bundled examples;
* ``khoan schema`` -- print the JSON Schema of the document format.

Exit codes: 0 success, 1 the input has problems, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from khoan import io
from khoan._dossier import Cohort, Dossier
from khoan._items import Indicator
from khoan.exceptions import FieldError, InvalidDocument, KhoanError, flatten

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    out: TextIO = sys.stdout
    if args.command == "validate":
        return _validate(args.files, out)
    if args.command == "evaluate":
        return _evaluate(args.file, args.example, out, parser)
    if args.command == "examples":
        for name in io.example_names():
            out.write(f"{name}\t{_summary(io.load_example(name))}\n")
        return 0
    if args.command == "schema":
        out.write(json.dumps(io.json_schema(), ensure_ascii=False, indent=2) + "\n")
        return 0
    parser.print_help(out)
    return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="khoan",
        description="Task assignment and evaluation of cadres by products.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = sub.add_parser("validate", help="check documents; list every problem")
    validate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    evaluate = sub.add_parser("evaluate", help="check a document and print its items")
    evaluate.add_argument("file", nargs="?", type=Path, metavar="FILE")
    evaluate.add_argument(
        "--example", choices=io.example_names(), help="use a bundled example instead of FILE"
    )
    sub.add_parser("examples", help="list the bundled examples")
    sub.add_parser("schema", help="print the JSON Schema of the document format")
    return parser


def _read(path: Path) -> Dossier | Cohort:
    try:
        return io.read(path)
    except OSError as err:
        raise FieldError(str(path), err.strerror, "a readable file") from None


def _validate(paths: Sequence[Path], out: TextIO) -> int:
    status = 0
    for path in paths:
        try:
            document = _read(path)
        except (InvalidDocument, FieldError) as err:
            problems = flatten([err])
            status = 1
            out.write(f"{path}: {len(problems)} problem{'s' * (len(problems) != 1)}\n")
            for problem in problems:
                out.write(f"  {_describe(problem)}\n")
            continue
        out.write(f"{path}: valid {_summary(document)}\n")
    return status


def _describe(problem: FieldError) -> str:
    return f"{problem} [{type(problem).__name__}]"


def _summary(document: Dossier | Cohort) -> str:
    if isinstance(document, Cohort):
        items = sum(len(d.assignment.items) for d in document.dossiers)
        return f"cohort of {len(document.dossiers)} dossiers, {items} items in all"
    a = document.assignment
    parts = [
        f"dossier: assignment {a.id!r} for {a.period}, {len(a.items)} items "
        f"weighing {a.weight}",
        f"{len(document.inspections)} inspections",
        "report" if document.report else "no report",
    ]
    if document.council:
        parts.append(f"council of {len(document.council.members)}")
    parts.append(f"{len(document.scoresheets)} scoresheets")
    return ", ".join(parts)


def _evaluate(
    path: Path | None, example: str | None, out: TextIO, parser: argparse.ArgumentParser
) -> int:
    if (path is None) == (example is None):
        parser.error("evaluate takes a FILE or --example NAME (one of them)")
    try:
        document = io.load_example(example) if example else _read(path)  # type: ignore[arg-type]
    except KhoanError as err:
        for problem in flatten([err]):
            out.write(f"{_describe(problem)}\n")
        return 1
    dossiers = document.dossiers if isinstance(document, Cohort) else (document,)
    for dossier in dossiers:
        _print_items(dossier, out)
    return 0


def _print_items(dossier: Dossier, out: TextIO) -> None:
    a = dossier.assignment
    out.write(f"{dossier.title or a.title or a.id}\n")
    out.write(f"  {_summary(dossier)}\n")
    outcomes = {o.item: o for o in dossier.report.outcomes} if dossier.report else {}
    out.write(f"  {'id':<6} {'weight':>6}  {'target':>10}  {'result':>10}  title\n")
    for item in a.items:
        outcome = outcomes.get(item.id)
        if isinstance(item, Indicator):
            target = str(item.target)
            result = "—" if outcome is None or outcome.actual is None else str(outcome.actual)
        else:
            target = "done"
            result = "—" if outcome is None or outcome.done is None else (
                "done" if outcome.done else "not done"
            )  # fmt: skip
        out.write(f"  {item.id:<6} {item.weight!s:>6}  {target:>10}  {result:>10}  {item.title}\n")
    out.write("\n")


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
