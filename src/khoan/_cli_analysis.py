"""The analysts' commands of ``khoan``: compare, sweep and report.

``khoan.cli`` adds these parsers with :func:`add_parsers` and hands the parsed
arguments of these commands to :func:`dispatch`. Plots and the report's
figures need the ``khoan[analysis]`` extra; the tables do not.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from khoan import io
from khoan._facts.dossier import Cohort, Dossier
from khoan.analysis import compare, parameters, report, sweep
from khoan.analysis._sweep import values_of
from khoan.consequences import RULES
from khoan.exceptions import FieldError, InvalidValue, KhoanError, flatten
from khoan.schemes import PRESETS

__all__ = ["COMMANDS", "add_parsers", "dispatch"]

COMMANDS = frozenset({"compare", "sweep", "report"})
_RATINGS = ("EXCELLENT", "GOOD", "ACHIEVED")


def _source(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", nargs="?", type=Path, metavar="FILE")
    p.add_argument(
        "--example", choices=io.example_names(), help="use a bundled example instead of FILE"
    )
    p.add_argument("--lang", choices=("vi", "en"), default="vi", help="default: vi")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``compare``, ``sweep`` and ``report`` subcommands."""
    cmp = sub.add_parser("compare", help="one cohort under several schemes and rules")
    _source(cmp)
    cmp.add_argument("--scheme", action="append", choices=list(PRESETS), required=True,
                     help="repeat for each scheme; the first is the baseline")  # fmt: skip
    cmp.add_argument("--rule", action="append", choices=list(RULES), default=[],
                     help="a consequence rule; repeat for several")  # fmt: skip
    cmp.add_argument("--no-quota", action="store_true", help="do not apply the schemes' quotas")
    cmp.add_argument("--collective", action="store_true", help="cap heads by their collective")
    cmp.add_argument("--only-changed", action="store_true", help="list only the rows that change")
    cmp.add_argument("--plot", type=Path, metavar="FILE.png|.svg",
                     help="save the ratings per scheme (needs khoan[analysis])")  # fmt: skip
    swp = sub.add_parser("sweep", help="vary one parameter of a scheme")
    _source(swp)
    swp.add_argument("--scheme", choices=list(PRESETS), default="qd-366-2025",
                     help="default: qd-366-2025")  # fmt: skip
    swp.add_argument("--band", metavar="RATING=LO:HI:STEP",
                     help=f"a band's lower edge, RATING one of {', '.join(_RATINGS)}")  # fmt: skip
    swp.add_argument("--parameter", metavar="NAME=LO:HI:STEP|V1,V2",
                     help="any parameter of --list")  # fmt: skip
    swp.add_argument("--list", action="store_true", help="list the scheme's parameters")
    swp.add_argument("--no-quota", action="store_true", help="do not apply the scheme's quota")
    swp.add_argument("--plot", type=Path, metavar="FILE.png|.svg",
                     help="save the sensitivity curve (needs khoan[analysis])")  # fmt: skip
    rep = sub.add_parser("report", help="a self-contained HTML report to hand over")
    _source(rep)
    rep.add_argument("--scheme", action="append", choices=list(PRESETS),
                     help="repeat for each scheme; default: qd-366-2025")  # fmt: skip
    rep.add_argument("--rule", action="append", choices=list(RULES), default=[],
                     help="a consequence rule; repeat for several")  # fmt: skip
    rep.add_argument("--html", type=Path, required=True, metavar="OUT.html")
    rep.add_argument("--no-plots", action="store_true", help="leave the figures out")


def dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``compare``, ``sweep`` or ``report``; return the exit code."""
    if args.command == "sweep" and args.list:
        for p in parameters(args.scheme).values():
            title = p.title_vi if args.lang == "vi" else p.title
            out.write(f"{p.name}\t{title}\n")
        return 0
    if (args.file is None) == (args.example is None):
        parser.error(f"{args.command} takes a FILE or --example NAME (one of them)")
    plot = getattr(args, "plot", None)
    if plot is not None and plot.suffix.lower() not in (".png", ".svg"):
        parser.error(f"--plot: expected a .png or .svg file name, got {str(plot)!r}")
    try:
        document = io.load_example(args.example) if args.example else _read(args.file)
        cohort = document if isinstance(document, Cohort) else Cohort([document])
        return _RUN[args.command](parser, cohort, args, out)
    except KhoanError as err:
        for problem in flatten([err]):
            out.write(f"{problem} [{type(problem).__name__}]\n")
        return 1
    except ModuleNotFoundError as err:  # pandas or matplotlib: the optional extra
        missing = (err.name or "").split(".")[0]
        if missing not in ("pandas", "matplotlib"):
            raise
        out.write(f"{args.command}: needs {missing}: pip install 'khoan[analysis]'\n")
        return 1


def _read(path: Path) -> Dossier | Cohort:
    try:
        return io.read(path)
    except OSError as err:
        raise FieldError(str(path), err.strerror, "a readable file") from None


def _save(fig: object, path: Path, out: TextIO) -> None:
    fig.savefig(path)  # type: ignore[attr-defined]
    out.write(f"\n→ {path}\n")


def _compare(
    parser: argparse.ArgumentParser, cohort: Cohort, args: argparse.Namespace, out: TextIO
) -> int:
    c = compare(cohort, schemes=args.scheme, rules=args.rule, quota=not args.no_quota,
                collective=args.collective)  # fmt: skip
    out.write(c.explain(args.lang, only_changed=args.only_changed) + "\n")
    if args.plot is not None:
        from khoan.analysis import plot_ratings

        _save(plot_ratings(c, lang=args.lang), args.plot, out)
    return 0


def _sweep(
    parser: argparse.ArgumentParser, cohort: Cohort, args: argparse.Namespace, out: TextIO
) -> int:
    if (args.band is None) == (args.parameter is None):
        parser.error("sweep takes --band RATING=LO:HI:STEP or --parameter NAME=VALUES (one)")
    spec = args.band if args.band is not None else args.parameter
    name, sep, text = spec.partition("=")
    if not sep:
        parser.error(f"expected NAME=VALUES, got {spec!r}")
    if args.band is not None:
        if name.upper() not in _RATINGS:
            raise InvalidValue("--band", name, f"one of {', '.join(_RATINGS)}")
        name = f"band.{name.lower()}"
    catalogue = parameters(args.scheme)
    if name not in catalogue:
        raise InvalidValue("--parameter", name, f"one of {', '.join(catalogue)}")
    s = sweep(cohort, args.scheme, name, values_of(text, catalogue[name]),
              quota=not args.no_quota)  # fmt: skip
    out.write(s.explain(args.lang) + "\n")
    if args.plot is not None:
        from khoan.analysis import plot_sweep

        _save(plot_sweep(s, lang=args.lang), args.plot, out)
    return 0


def _report(
    parser: argparse.ArgumentParser, cohort: Cohort, args: argparse.Namespace, out: TextIO
) -> int:
    page = report(cohort, schemes=args.scheme or ["qd-366-2025"], rules=args.rule,
                  lang=args.lang, plots=not args.no_plots)  # fmt: skip
    args.html.write_text(page, encoding="utf-8")
    out.write(f"{args.html}: {len(page)} characters\n")
    return 0


_RUN = {"compare": _compare, "sweep": _sweep, "report": _report}
