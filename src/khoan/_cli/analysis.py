"""The analysts' commands: ``compare``, ``sweep`` and ``report`` (issue 13).

The tables need nothing beyond the core; ``--plot`` and the report's figures
need the ``khoan[analysis]`` extra, and without it the command exits 1 naming
the extra (the table is still printed first).
"""

from __future__ import annotations

import argparse
import enum
from pathlib import Path
from typing import Any, Final

from khoan._cli.base import Command, Context, Output, Usage, write_file
from khoan._cli.commands import add_document_arguments, load_document
from khoan._facts.dossier import Cohort
from khoan.consequences import RULES
from khoan.exceptions import InvalidValue, MissingDependency
from khoan.schemes import PRESETS

__all__ = ["COMMANDS"]

_RATINGS: Final = ("EXCELLENT", "GOOD", "ACHIEVED")
_EXTRA: Final = "pip install 'khoan[analysis]'"


def _plot_argument(parser: argparse.ArgumentParser, lang: str, what_en: str, what_vi: str) -> None:
    parser.add_argument(
        "--plot", type=Path, metavar="FILE.png|.svg",
        help=(f"lưu {what_vi} (cần khoan[analysis])" if lang == "vi"
              else f"save {what_en} (needs khoan[analysis])"),
    )  # fmt: skip


def _quota_argument(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--no-quota", action="store_true",
        help="không áp tỷ lệ của cách chấm" if lang == "vi" else "do not apply the quotas",
    )  # fmt: skip


def _rule_argument(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "--rule", action="append", choices=list(RULES), default=[],
        help=("một quy tắc hệ quả; lặp lại cho nhiều quy tắc" if lang == "vi"
              else "a consequence rule; repeat for several"),
    )  # fmt: skip


def _cohort(args: argparse.Namespace, ctx: Context) -> Cohort:
    document = load_document(args, ctx)
    return document if isinstance(document, Cohort) else Cohort([document])


def _check_plot(args: argparse.Namespace, ctx: Context) -> None:
    plot = getattr(args, "plot", None)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        raise Usage(
            ctx.t(
                f"khoan {args.command}: --plot: expected a .png or .svg file name, got {plot}",
                f"khoan {args.command}: --plot: cần tên tệp .png hoặc .svg, nhận được {plot}",
            )
        )


def _missing_extra(err: ModuleNotFoundError) -> str:
    """The package of ``khoan[analysis]`` that is missing; any other missing module re-raises."""
    missing = (err.name or "").split(".")[0]
    if missing not in ("pandas", "matplotlib"):
        raise err
    return missing


def _save(make: Any, args: argparse.Namespace, ctx: Context) -> int:
    """Draw a figure with ``make()`` and save it to ``--plot``; return the exit status.

    Without the ``khoan[analysis]`` extra nothing is drawn: the problem names the
    extra on stderr and the status is 1, while the result is still written.
    """
    try:
        from khoan.analysis import _plots

        figure = make(_plots)
    except ModuleNotFoundError as err:
        missing = _missing_extra(err)
        where = f"khoan {args.command}: --plot"
        ctx.stderr.write(ctx.t(f"{where} needs {missing}: {_EXTRA}\n",
                               f"{where} cần {missing}: {_EXTRA}\n"))  # fmt: skip
        return 1
    figure.savefig(args.plot)
    ctx.stderr.write(ctx.t(f"wrote {args.plot}\n", f"đã ghi {args.plot}\n"))
    return 0


# ---- compare ----------------------------------------------------------------------


def _compare_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    vi = lang == "vi"
    add_document_arguments(parser, lang)
    parser.add_argument(
        "--scheme", action="append", choices=list(PRESETS), required=True,
        help=("lặp lại cho mỗi cách chấm; cách đầu tiên là mốc so sánh" if vi
              else "repeat for each scheme; the first is the baseline"),
    )  # fmt: skip
    _rule_argument(parser, lang)
    _quota_argument(parser, lang)
    parser.add_argument(
        "--collective", action="store_true",
        help=("người đứng đầu không cao hơn tập thể" if vi
              else "cap heads by their collective"),
    )  # fmt: skip
    parser.add_argument(
        "--only-changed", action="store_true",
        help="chỉ liệt kê các dòng thay đổi" if vi else "list only the rows that change",
    )  # fmt: skip
    _plot_argument(parser, lang, "the ratings per scheme", "biểu đồ xếp loại theo cách chấm")


def _compare(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan.analysis import compare

    _check_plot(args, ctx)
    c = compare(_cohort(args, ctx), schemes=args.scheme, rules=args.rule,
                quota=not args.no_quota, collective=args.collective)  # fmt: skip
    table = c.explain(ctx.lang, only_changed=args.only_changed)
    rows: list[list[str]] = [["assignment", "assignee", "name", "unit", "scheme", "total",
                              "score", "rating", "referred", "changed"]]  # fmt: skip
    for row in c.changed if args.only_changed else c.rows:
        for s in row.standings:
            rows.append([row.assignment, row.assignee, row.name, row.unit, s.scheme,
                         str(s.total), str(s.score), s.rating.name, str(s.referred).lower(),
                         str(row.changed).lower()])  # fmt: skip
    status = 0
    if args.plot is not None:
        status = _save(lambda plots: plots.plot_ratings(c, lang=ctx.lang), args, ctx)
    return Output(table, _comparison_json(c, only_changed=args.only_changed), rows, status=status)


def _comparison_json(c: Any, *, only_changed: bool) -> dict[str, Any]:
    """A comparison as a ``comparison`` output document (``khoan schema comparison``)."""
    from khoan._io.outputs import to_json

    shown = c.changed if only_changed else c.rows
    return {
        "schema": "khoan/1",
        "kind": "comparison",
        "title": c.title,
        "schemes": list(c.schemes),
        "rules": list(c.rules),
        "rows": [
            {
                "assignment": row.assignment,
                "assignee": row.assignee,
                "name": row.name,
                "unit": row.unit,
                "peer_group": row.peer_group,
                "changed": row.changed,
                "standings": [
                    {
                        "scheme": st.scheme,
                        "total": str(st.total),
                        "score": str(st.score),
                        "band": st.band.value,
                        "rated": st.rated.value,
                        "rating": st.rating.value,
                        "referred": st.referred,
                        "adverse": st.adverse,
                        "actions": [
                            {"rule": rule, "action": None if act is None else act.value}
                            for rule, act in st.actions
                        ],
                    }
                    for st in row.standings
                ],
            }
            for row in shown
        ],
        "shifts": [
            {**to_json(shift), "en": shift.explain("en"), "vi": shift.explain("vi")}
            for shift in c.shifts
        ],
        "notes": [{"en": n.en, "vi": n.vi} for n in c.notes],
    }


# ---- sweep ------------------------------------------------------------------------


def _sweep_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    vi = lang == "vi"
    add_document_arguments(parser, lang)
    parser.add_argument(
        "--scheme", choices=list(PRESETS), default="qd-366-2025",
        help="mặc định: qd-366-2025" if vi else "default: qd-366-2025",
    )  # fmt: skip
    parser.add_argument(
        "--band", metavar="RATING=LO:HI:STEP",
        help=(f"ngưỡng dưới của một mức, RATING là {', '.join(_RATINGS)}" if vi
              else f"a band's lower edge, RATING one of {', '.join(_RATINGS)}"),
    )  # fmt: skip
    parser.add_argument(
        "--parameter", metavar="NAME=LO:HI:STEP|V1,V2",
        help="một tham số trong --list" if vi else "any parameter of --list",
    )  # fmt: skip
    parser.add_argument(
        "--list", action="store_true",
        help="liệt kê các tham số của cách chấm" if vi else "list the scheme's parameters",
    )  # fmt: skip
    _quota_argument(parser, lang)
    _plot_argument(parser, lang, "the sensitivity curve", "đường độ nhạy")


def _sweep(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan.analysis import parameters, sweep
    from khoan.analysis._sweep import values_of

    catalogue = parameters(args.scheme)
    if args.list:
        listed = [[p.name, p.title_vi if ctx.lang == "vi" else p.title] for p in catalogue.values()]
        data = {
            "schema": "khoan/1",
            "kind": "sweep-parameters",
            "scheme": args.scheme,
            "parameters": [
                {"name": p.name, "title": p.title, "title_vi": p.title_vi}
                for p in catalogue.values()
            ],
        }
        text = "".join(f"{n}\t{t}\n" for n, t in listed)
        return Output(text, data, [["name", "title"], *listed])
    _check_plot(args, ctx)
    if (args.band is None) == (args.parameter is None):
        raise Usage(
            ctx.t(
                "khoan sweep: give --band RATING=LO:HI:STEP or --parameter NAME=VALUES (one)",
                "khoan sweep: cần --band RATING=LO:HI:STEP hoặc --parameter TÊN=GIÁ_TRỊ (một)",
            )
        )
    spec = args.band if args.band is not None else args.parameter
    name, sep, text = spec.partition("=")
    if not sep:
        raise Usage(ctx.t(f"khoan sweep: expected NAME=VALUES, got {spec}",
                          f"khoan sweep: cần TÊN=GIÁ_TRỊ, nhận được {spec}"))  # fmt: skip
    if args.band is not None:
        if name.upper() not in _RATINGS:
            raise InvalidValue("--band", name, f"one of {', '.join(_RATINGS)}")
        name = f"band.{name.lower()}"
    if name not in catalogue:
        raise InvalidValue("--parameter", name, f"one of {', '.join(catalogue)}")
    cohort = _cohort(args, ctx)
    s = sweep(cohort, args.scheme, name, values_of(text, catalogue[name]),
              quota=not args.no_quota)  # fmt: skip
    table = s.explain(ctx.lang)
    ratings = [rating for rating, _ in s.baseline.counts]
    rows: list[list[str]] = [["value", *(r.name for r in ratings), "moved"]]
    for point in s.points:
        counts = dict(point.counts)
        rows.append([str(point.value), *(str(counts[r]) for r in ratings), str(len(point.moved))])
    status = 0
    if args.plot is not None:
        status = _save(lambda plots: plots.plot_sweep(s, lang=ctx.lang), args, ctx)
    return Output(table, _sweep_json(s), rows, status=status)


def _sweep_json(s: Any) -> dict[str, Any]:
    """A sweep as a ``sweep`` output document (its schema: ``khoan schema sweep``)."""

    def counts(pairs: Any) -> dict[str, int]:
        return {rating.value: n for rating, n in pairs}

    return {
        "schema": "khoan/1",
        "kind": "sweep",
        "scheme": s.scheme,
        "parameter": s.parameter.name,
        "current": _value_text(s.current),
        "baseline": {"counts": counts(s.baseline.counts)},
        "points": [
            {
                "value": _value_text(p.value),
                "counts": counts(p.counts),
                "rated_counts": counts(p.rated_counts),
                "moved": list(p.moved),
            }
            for p in s.points
        ],
        "names": [{"assignment": a, "name": n} for a, n in s.names],
    }


def _value_text(value: object) -> str:
    """A parameter's value as exact text: ``"1/5"`` for a fraction, the choice's name."""
    return value.value if isinstance(value, enum.Enum) else str(value)


# ---- report -----------------------------------------------------------------------


def _report_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    vi = lang == "vi"
    add_document_arguments(parser, lang)
    parser.add_argument(
        "--scheme", action="append", choices=list(PRESETS),
        help=("lặp lại cho mỗi cách chấm; mặc định qd-366-2025" if vi
              else "repeat for each scheme; default: qd-366-2025"),
    )  # fmt: skip
    _rule_argument(parser, lang)
    parser.add_argument("--html", type=Path, required=True, metavar="OUT.html",
                        help="tệp HTML cần ghi" if vi else "the HTML file to write")  # fmt: skip
    parser.add_argument(
        "--no-plots", action="store_true",
        help="không vẽ biểu đồ" if vi else "leave the figures out",
    )  # fmt: skip


def _report(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan.analysis import report

    cohort = _cohort(args, ctx)
    try:
        page = report(cohort, schemes=args.scheme or ["qd-366-2025"], rules=args.rule,
                      lang=ctx.lang, plots=not args.no_plots)  # fmt: skip
    except ModuleNotFoundError as err:
        missing = _missing_extra(err)
        raise MissingDependency(
            ctx.t(f"the report's figures need {missing}: {_EXTRA} (or --no-plots)",
                  f"biểu đồ của báo cáo cần {missing}: {_EXTRA} (hoặc --no-plots)")
        ) from None  # fmt: skip
    write_file(args.html, page.encode("utf-8"), "--html")
    ctx.stderr.write(ctx.t(f"wrote {args.html} ({len(page)} characters)\n",
                           f"đã ghi {args.html} ({len(page)} ký tự)\n"))  # fmt: skip
    return Output("", {})


COMMANDS: tuple[Command, ...] = (
    Command(
        "compare",
        ("one cohort under several schemes and rules, changes marked",
         "một bộ hồ sơ theo nhiều cách chấm và quy tắc, đánh dấu thay đổi"),
        "khoan compare --example vinh-phuc-2021 --scheme vinh-phuc-2021 --scheme nd-335-2025",
        _compare_configure,
        _compare,
    ),
    Command(
        "sweep",
        ("vary one parameter of a scheme: how counts and names move",
         "thay đổi một tham số của cách chấm: số lượng và tên thay đổi thế nào"),
        "khoan sweep --example vinh-phuc-2021 --scheme nd-90-2020 --band ACHIEVED=40:65:1",
        _sweep_configure,
        _sweep,
    ),
    Command(
        "report",
        ("a self-contained HTML report to hand to the Standing Committee",
         "báo cáo HTML trọn gói để trình Ban Thường vụ"),
        "khoan report --example vinh-phuc-2021 --scheme nd-335-2025 --html bao-cao.html",
        _report_configure,
        _report,
        results=False,
    ),
)  # fmt: skip
