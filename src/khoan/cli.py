"""The ``khoan`` command: check and summarise JSON documents from the shell.

Subcommands:

* ``khoan validate FILE...`` -- print every problem with its path and exit 1,
  or a one-line summary per file and exit 0;
* ``khoan evaluate FILE | --example NAME [--scheme NAME] [--lang vi|en]`` --
  score a dossier and print its table and explanation; for a cohort, score
  every dossier, apply the scheme's quota per peer group, and print a table
  and who moved;
* ``khoan schemes`` -- list the scheme presets;
* ``khoan recommend FILE | --example NAME [--rule NAME] [--scheme NAME]`` --
  score every dossier, gather each cadre's history across periods, and print
  the consequence recommendations with their reasons and due process;
* ``khoan rules`` -- list the consequence rule presets;
* ``khoan progress FILE | --example NAME --as-of DATE`` -- each item's status
  on a date, the items needing attention, and the support ledger;
* ``khoan calendar YEAR [--working-days]`` -- the year's inspection and
  rating dates;
* ``khoan examples`` -- list the bundled examples;
* ``khoan schema`` -- print the JSON Schema of the document format;
* ``khoan compare``, ``khoan sweep``, ``khoan report`` -- for analysts: one
  cohort under several schemes, one parameter swept, an HTML report (see
  :mod:`khoan._cli_analysis`).

Exit codes: 0 success, 1 the input has problems, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from khoan import (
    _cli_analysis,  # issue 13: compare, sweep, report
    io,
)
from khoan import calendar as calendar_module
from khoan._base.convert import decimal_of, to_date
from khoan._base.rating import Rating
from khoan._cohort.quota import Move, apply_quota
from khoan._evaluation.evaluate import evaluate_dossier
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.items import Indicator
from khoan.consequences import RULES, ClauseRule, histories_of, recommend
from khoan.exceptions import FieldError, InvalidDocument, KhoanError, flatten
from khoan.progress import Progress, progress_of
from khoan.schemes import PRESETS, Scheme

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    try:
        return _main(argv)
    except BrokenPipeError:  # e.g. `khoan evaluate ... | head`: the reader left
        sys.stderr.close()
        return 0


def _main(argv: Sequence[str] | None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    out: TextIO = sys.stdout
    if args.command == "validate":
        return _validate(args.files, out)
    # -- issue 13: the analysts' commands live in khoan._cli_analysis --
    if args.command in _cli_analysis.COMMANDS:
        return _cli_analysis.dispatch(parser, args, out)
    # -- end issue 13 --
    on_document = {"evaluate": _evaluate, "recommend": _recommend, "progress": _progress}
    if args.command in on_document:
        if (args.file is None) == (args.example is None):
            parser.error(f"{args.command} takes a FILE or --example NAME (one of them)")
        try:
            document = io.load_example(args.example) if args.example else _read(args.file)
            on_document[args.command](document, args, out)
        except KhoanError as err:
            for problem in flatten([err]):
                out.write(f"{_describe(problem)}\n")
            return 1
        return 0
    if args.command == "calendar":
        return _calendar(args, out)
    if args.command == "rules":
        for rule in RULES.values():
            assert isinstance(rule, ClauseRule)
            out.write(f"{rule.name}\t{rule.title}\n\t{'; '.join(rule.legal_basis)}\n")
        return 0
    if args.command == "schemes":
        for scheme in PRESETS.values():
            out.write(f"{scheme.name}\t{scheme.title}\n\t{'; '.join(scheme.legal_basis)}\n")
        return 0
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
    evaluate = sub.add_parser("evaluate", help="score and rate a dossier or a cohort")
    evaluate.add_argument("file", nargs="?", type=Path, metavar="FILE")
    evaluate.add_argument(
        "--example", choices=io.example_names(), help="use a bundled example instead of FILE"
    )
    evaluate.add_argument(
        "--scheme", choices=list(PRESETS), default="qd-366-2025", help="default: qd-366-2025"
    )
    evaluate.add_argument("--lang", choices=("vi", "en"), default="vi", help="default: vi")
    evaluate.add_argument(
        "--no-quota", action="store_true", help="for a cohort: do not apply the scheme's quota"
    )
    sub.add_parser("schemes", help="list the scheme presets")
    rec = sub.add_parser(
        "recommend", help="consequence recommendations from a cohort's rating histories"
    )
    rec.add_argument("file", nargs="?", type=Path, metavar="FILE")
    rec.add_argument(
        "--example", choices=io.example_names(), help="use a bundled example instead of FILE"
    )
    rec.add_argument("--rule", choices=list(RULES), default="law-2019", help="default: law-2019")
    rec.add_argument(
        "--scheme", choices=list(PRESETS), default="qd-366-2025", help="default: qd-366-2025"
    )
    rec.add_argument("--lang", choices=("vi", "en"), default="vi", help="default: vi")
    sub.add_parser("rules", help="list the consequence rule presets")
    cal = sub.add_parser("calendar", help="the year's inspection and rating dates")
    cal.add_argument("year", type=int, metavar="YEAR")
    cal.add_argument(
        "--working-days",
        action="store_true",
        help="move dates off weekends and Vietnamese public holidays (needs khoan[holidays])",
    )
    cal.add_argument(
        "--quarter-days",
        type=int,
        help="days after a quarter's end its rating is due (Q1-Q3, HD 43); unset: no entries",
    )
    cal.add_argument(
        "--report-days", type=int, help="days before the year-end rating the report is due"
    )
    cal.add_argument("--lang", choices=("vi", "en"), default="vi", help="default: vi")
    prog = sub.add_parser("progress", help="where each item stands on a date")
    prog.add_argument("file", nargs="?", type=Path, metavar="FILE")
    prog.add_argument(
        "--example", choices=io.example_names(), help="use a bundled example instead of FILE"
    )
    prog.add_argument(
        "--as-of", required=True, type=_date_arg, help="the date, e.g. 2022-09-30 or 30/9/2022"
    )
    prog.add_argument("--lang", choices=("vi", "en"), default="vi", help="default: vi")
    sub.add_parser("examples", help="list the bundled examples")
    sub.add_parser("schema", help="print the JSON Schema of the document format")
    _cli_analysis.add_parsers(sub)  # issue 13: compare, sweep, report
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
        f"dossier: assignment {a.id!r} for {a.period}, {len(a.items)} items weighing {a.weight}",
        f"{len(document.inspections)} inspections",
        "report" if document.report else "no report",
    ]
    if document.council:
        parts.append(f"council of {len(document.council.members)}")
    parts.append(f"{len(document.scoresheets)} scoresheets")
    return ", ".join(parts)


def _evaluate(document: Dossier | Cohort, args: argparse.Namespace, out: TextIO) -> None:
    scheme = PRESETS[args.scheme]
    if isinstance(document, Dossier):
        _print_dossier(document, evaluate_dossier(document, scheme=scheme), args.lang, out)
    else:
        _print_cohort(document, scheme, not args.no_quota, args.lang, out)


def _recommend(document: Dossier | Cohort, args: argparse.Namespace, out: TextIO) -> None:
    cohort = document if isinstance(document, Cohort) else Cohort([document])
    histories = histories_of(cohort, PRESETS[args.scheme])
    found = recommend(histories, RULES[args.rule])
    vi = args.lang == "vi"
    periods = sorted({str(e.period) for h in histories for e in h.evaluations})
    out.write(
        f"{len(histories)} người, các kỳ {', '.join(periods)}, quy tắc {args.rule}, "
         f"chấm theo {args.scheme}: {len(found)} đề xuất\n" if vi else
         f"{len(histories)} cadres, periods {', '.join(periods)}, rule {args.rule}, "
         f"scored under {args.scheme}: {len(found)} recommendations\n"
    )  # fmt: skip
    for recommendation in found:
        out.write("\n" + recommendation.explain(args.lang) + "\n")


def _calendar(args: argparse.Namespace, out: TextIO) -> int:
    try:
        working = (
            calendar_module.WorkingDays.vietnam([args.year, args.year + 1])
            if args.working_days
            else None
        )
        entries = calendar_module.calendar(
            args.year,
            working_days=working,
            quarter_days=args.quarter_days,
            report_before_rating_days=args.report_days,
        )
    except KhoanError as err:
        out.write(f"{err}\n")
        return 1
    out.write(calendar_module.format_calendar(entries, lang=args.lang) + "\n")
    return 0


def _date_arg(text: str) -> dt.date:
    try:
        return to_date(text)
    except KhoanError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _progress(document: Dossier | Cohort, args: argparse.Namespace, out: TextIO) -> None:
    dossiers = document.dossiers if isinstance(document, Cohort) else (document,)
    for dossier in dossiers:
        _print_progress(dossier, progress_of(dossier, args.as_of), args.lang, out)


def _print_progress(dossier: Dossier, p: Progress, lang: str, out: TextIO) -> None:
    vi = lang == "vi"
    a = dossier.assignment
    out.write(f"{dossier.title or a.title or a.id}\n")
    out.write((f"Tiến độ đến ngày {p.as_of}" if vi else f"Progress as of {p.as_of}") + "\n\n")
    head = ("mã", "tình trạng", "cần đạt", "đã đạt", "dự báo", "hạn", "nội dung")
    if not vi:
        head = ("id", "status", "expected", "observed", "forecast", "deadline", "title")
    titles = {item.id: item.title for item in a.items}
    rows = [
        (
            i.item,
            (i.status.vietnamese if vi else i.status.value.replace("_", " "))
            + (" *" if i.stale else ""),
            "" if i.expected is None else str(i.expected),
            "" if i.observed is None else str(i.observed),
            "" if i.forecast is None else str(i.forecast),
            str(i.deadline),
            titles[i.item],
        )
        for i in p.items
    ]
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(6)]
    for r in [head, *rows]:
        out.write(
            "  ".join(f"{r[k]:<{widths[k]}}" if k < 2 else f"{r[k]:>{widths[k]}}" for k in range(6))
            + f"  {r[6]}\n"
        )
    if p.stale:
        out.write(("* số liệu đã cũ" if vi else "* stale: no recent observation") + "\n")
    if p.needing_attention:
        out.write("\n" + ("Cần lưu ý:" if vi else "Needing attention:") + "\n")
        for i in p.needing_attention:
            status = i.status.vietnamese if vi else i.status.value.replace("_", " ")
            out.write(
                f"  {i.item} ({status}): " + "; ".join(r.text(lang) for r in i.reasons) + "\n"
            )
    if p.supports:
        out.write(
            "\n"
            + ("Bảo đảm hỗ trợ của cấp trên:" if vi else "Support pledged by the issuer:")
            + "\n"
        )
        for s in p.supports:
            status = s.status.vietnamese if vi else s.status.value.replace("_", " ")
            out.write(
                f"  {s.support} [{s.kind}] {status}: "
                + "; ".join(r.text(lang) for r in s.reasons)
                + "\n"
            )
    out.write("\n")


def _print_dossier(dossier: Dossier, e: Evaluation, lang: str, out: TextIO) -> None:
    a = dossier.assignment
    vi = lang == "vi"
    out.write(f"{dossier.title or a.title or a.id}\n")
    outcomes = {o.item: o for o in dossier.report.outcomes} if dossier.report else {}
    head = ("mã", "trọng số", "chỉ tiêu", "kết quả", "điểm", "tình trạng", "nội dung")
    if not vi:
        head = ("id", "weight", "target", "result", "points", "status", "title")
    out.write(f"{head[0]:<6} {head[1]:>8} {head[2]:>9} {head[3]:>9} {head[4]:>6}  "
              f"{head[5]:<18} {head[6]}\n")  # fmt: skip
    for item, result in zip(a.items, e.items, strict=True):
        outcome = outcomes.get(item.id)
        if isinstance(item, Indicator):
            target = str(item.target)
            got = "—" if outcome is None or outcome.actual is None else str(outcome.actual)
        else:
            target = "✓"
            got = "—" if outcome is None or outcome.done is None else ("✓" if outcome.done else "✗")
        points = "—" if result.points is None else f"{decimal_of(result.points, 2)}"
        status = result.status.vietnamese if vi else result.status.value.replace("_", " ")
        out.write(f"{item.id:<6} {item.weight!s:>8} {target:>9} {got:>9} {points:>6}  "
                  f"{status:<18} {item.title}\n")  # fmt: skip
    out.write("\n" + e.explain(lang) + "\n")


def _print_cohort(cohort: Cohort, scheme: Scheme, quota: bool, lang: str, out: TextIO) -> None:
    evaluations = [evaluate_dossier(d, scheme=scheme, cohort=cohort) for d in cohort.dossiers]
    moves: tuple[Move, ...] = ()
    if quota and scheme.quota is not None:
        result = apply_quota(evaluations, scheme.quota)
        evaluations, moves = list(result.evaluations), result.moves
    vi = lang == "vi"
    out.write(f"{cohort.title}\n{scheme.name}: {scheme.title}\n\n")
    head = ("người được đánh giá", "nhóm", "điểm", "mức theo điểm", "xếp loại")
    if not vi:
        head = ("assignee", "group", "score", "band", "rating")

    def word(rating: Rating) -> str:
        return rating.vietnamese if vi else rating.name

    rows = [
        (e.assignee, e.peer_group, str(e.score), word(e.band), word(e.rating))
        for e in sorted(evaluations, key=lambda e: (e.peer_group, -e.total, e.assignment))
    ]
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(4)]
    for row in [head, *rows]:
        out.write(
            f"{row[0]:<{widths[0]}}  {row[1]:<{widths[1]}}  {row[2]:>{widths[2]}}  "
            f"{row[3]:<{widths[3]}}  {row[4]}\n"
        )
    if moves:
        out.write("\n" + ("Điều chỉnh theo tỷ lệ:" if vi else "Moved by the quota:") + "\n")
        for m in moves:
            out.write(
                f"  {m.assignee}: {word(m.before)} → {word(m.after)}: {m.reason.text(lang)}\n"
            )


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
