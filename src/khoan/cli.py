"""The ``khoan`` command: check, score and summarise documents from the shell.

Run ``khoan --help`` for the commands and ``khoan COMMAND --help`` for one
command's options, an example and the exit codes. Every command takes
``--lang vi|en`` (Vietnamese by default, or ``KHOAN_LANG``), errors included;
every command that prints results takes ``--format table|json|csv`` and
``--out FILE``; ``FILE`` may be ``-`` for standard input. Results go to
standard output, problems to standard error, grouped by kind, five of each
kind unless ``--all``.

Exit codes: 0 success, 1 the input has problems, 2 wrong usage, 3 an internal
error (a bug: the message asks to report it; set ``KHOAN_DEBUG=1`` for the
traceback).

Adding a command is a local change: write a :class:`khoan._cli.base.Command`
(name, help in both languages, an example, a ``configure(parser, lang)`` that
adds its arguments and a ``run(args, ctx)`` that returns an ``Output``) in a
module of its own, and add it to :data:`COMMANDS` below. ``--lang``,
``--help``, ``--format``, ``--out``, ``--all`` and the exit codes come with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO

from khoan._cli.analysis import COMMANDS as ANALYSIS_COMMANDS
from khoan._cli.base import (
    EXIT_CODES,
    LANGS,
    Command,
    Context,
    Parser,
    Usage,
    lang_of,
    printable,
    problems_of,
    report_problems,
    write_output,
)
from khoan._cli.commands import COMMANDS as DOCUMENT_COMMANDS
from khoan._cli.sheets import COMMANDS as SHEET_COMMANDS
from khoan.exceptions import KhoanError

__all__ = ["COMMANDS", "main"]

COMMANDS: tuple[Command, ...] = (*DOCUMENT_COMMANDS, *SHEET_COMMANDS, *ANALYSIS_COMMANDS)
"""Every subcommand, in the order ``khoan --help`` lists them."""


def _version() -> str:
    try:
        return version("khoan")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _parser(lang: str) -> Parser:
    vi = lang == "vi"
    Parser.lang = lang
    formatter = argparse.RawDescriptionHelpFormatter
    parser = Parser(
        prog="khoan",
        description=(
            "Giao nhiệm vụ và đánh giá cán bộ bằng sản phẩm."
            if vi
            else "Task assignment and evaluation of cadres by products."
        ),
        epilog=("ví dụ" if vi else "example")
        + ":\n  khoan evaluate --example nguyet-duc-2022\n\n"
        + EXIT_CODES[lang],
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"khoan {_version()}")
    _common(parser, lang, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for command in COMMANDS:
        one = sub.add_parser(
            command.name,
            help=command.help[1] if vi else command.help[0],
            description=command.help[1] if vi else command.help[0],
            epilog=("ví dụ" if vi else "example")
            + f":\n  {command.example}\n\n"
            + EXIT_CODES[lang],
            formatter_class=formatter,
        )
        command.configure(one, lang)
        _common(one, lang, top=False)
        if command.results:
            one.add_argument(
                "--format",
                choices=command.formats,
                default=command.formats[0],
                help=(
                    "dạng kết quả (mặc định: {})" if vi else "output format (default: {})"
                ).format(command.formats[0]),
            )
            one.add_argument(
                "--out",
                type=Path,
                metavar="FILE",
                help="ghi kết quả vào FILE" if vi else "write the result to FILE",
            )
    return parser


def _common(parser: argparse.ArgumentParser, lang: str, *, top: bool) -> None:
    vi = lang == "vi"
    default = lang if top else argparse.SUPPRESS
    parser.add_argument(
        "--lang",
        choices=LANGS,
        default=default,
        help="ngôn ngữ (mặc định: vi)" if vi else "language (default: vi)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        default=False if top else argparse.SUPPRESS,
        help="liệt kê mọi lỗi, không rút gọn" if vi else "list every problem, none left out",
    )


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    """Run the command line; return the exit code (0, 1, 2 or 3; see the module).

    Args:
        argv: The arguments (default: ``sys.argv[1:]``).
        stdout: Where results go (default: ``sys.stdout``).
        stderr: Where problems go (default: ``sys.stderr``).
        stdin: What ``-`` reads (default: ``sys.stdin``).

    Returns:
        The exit code. Nothing is raised: an internal error is reported on
        ``stderr`` with exit code 3.

    """
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    lang = lang_of(args_list)
    try:
        return _main(args_list, lang, out, err, stdin)
    except BrokenPipeError:  # e.g. `khoan evaluate ... | head`: the reader left
        return 0
    except KeyboardInterrupt:  # Ctrl-C: the shell's convention, no traceback
        err.write("khoan: đã dừng\n" if lang == "vi" else "khoan: interrupted\n")
        return 130
    except Exception as bug:
        if os.environ.get("KHOAN_DEBUG"):
            traceback.print_exc(file=err)
        err.write(
            f"khoan: lỗi nội bộ ({type(bug).__name__}). Đây là lỗi của khoan, không phải"
            " của dữ liệu: xin báo cho nơi theo dõi lỗi của khoan, kèm lệnh đã chạy"
            " (KHOAN_DEBUG=1 để in chi tiết).\n"
            if lang == "vi"
            else f"khoan: internal error ({type(bug).__name__}). This is a bug in khoan,"
            " not in your data: please report it at the khoan issue tracker with the command"
            " you ran"
            " (KHOAN_DEBUG=1 prints the details).\n"
        )
        return 3


def _main(argv: list[str], lang: str, out: TextIO, err: TextIO, stdin: TextIO | None) -> int:
    parser = _parser(lang)
    Parser.out = out
    try:
        args = parser.parse_args(argv)
    except Usage as usage:
        err.write(f"{usage}\n")
        return 2
    except SystemExit as done:  # --help, --version
        return done.code if isinstance(done.code, int) else 0
    if args.command is None:
        parser.print_help(err)
        return 2
    ctx = Context(lang, out, err, show_all=args.all, stdin=stdin)
    command = next(c for c in COMMANDS if c.name == args.command)
    try:
        output = command.run(args, ctx)
        if command.results:
            fmt = "table" if getattr(args, "ics", False) else args.format
            write_output(output, fmt, args.out, ctx)
    except Usage as usage:
        err.write(f"{usage}\n")
        return 2
    except KhoanError as error:
        problems = problems_of(error)
        if not problems:
            err.write(printable(f"khoan {args.command}: {error}") + "\n")
        elif getattr(args, "format", "table") == "json" and _asked_for_json(argv):
            import json

            from khoan._io.outputs import dump_problems

            err.write(json.dumps(dump_problems([("", problems)]), ensure_ascii=False) + "\n")
        else:
            n = len(problems)
            err.write(ctx.t(f"khoan {args.command}: {n} problem{'s' * (n != 1)}\n",
                            f"khoan {args.command}: {n} lỗi\n"))  # fmt: skip
            report_problems(problems, ctx, err, indent="  ")
        return 1
    return output.status


def _asked_for_json(argv: Sequence[str]) -> bool:
    """Whether ``--format json`` was written out (not a command's default, as for import)."""
    return any(a in ("--format", "--format=json") for a in argv)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
