"""The ``khoan`` commands on documents: validate, evaluate, recommend, progress, ...

Each command is a :class:`~khoan._cli.base.Command`; :data:`COMMANDS` lists
them in the order ``khoan --help`` shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any, Final, TextIO

import attrs

from khoan import calendar as calendar_module
from khoan import io
from khoan._base.convert import decimal_of, to_date
from khoan._base.rating import Rating
from khoan._cli.base import (
    Command,
    Context,
    Output,
    read_text,
    report_problems,
    table,
    with_progress,
    write_file,
)
from khoan._cohort.quota import Move, apply_quota
from khoan._evaluation.evaluate import evaluate_dossier
from khoan._evaluation.evaluation import Evaluation
from khoan._evaluation.explain import vi_numbers
from khoan._facts.dossier import Cohort, Dossier
from khoan._facts.items import Indicator
from khoan._io.outputs import (
    OUTPUT_KINDS,
    dump_calendar,
    dump_cohort_evaluation,
    dump_problems,
    dump_progress,
    dump_recommendations,
    output_schema,
)
from khoan.consequences import RULES, ClauseRule, histories_of, not_recommended, recommend
from khoan.exceptions import FieldError, InvalidDocument, KhoanError, flatten
from khoan.progress import Progress, progress_of
from khoan.schemes import PRESETS, Scheme, in_force

__all__ = ["COMMANDS", "add_document_arguments", "load_document"]


# ---- shared arguments -------------------------------------------------------------


def add_document_arguments(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``FILE`` (``-`` for standard input) and ``--example NAME``; one of them is needed."""
    vi = lang == "vi"
    parser.add_argument(
        "file",
        nargs="?",
        type=Path,
        metavar="FILE",
        help="tệp JSON khoan/1 (- là đầu vào chuẩn)"
        if vi
        else "a khoan/1 JSON document (- reads standard input)",
    )
    parser.add_argument(
        "--example",
        choices=io.example_names(),
        help="dùng ví dụ có sẵn thay cho FILE" if vi else "use a bundled example instead of FILE",
    )
    add_limit_argument(parser, lang)


_LIMIT_NAMES: Final = tuple(a.name.removeprefix("max_") for a in attrs.fields(io.Limits))


def add_limit_argument(parser: argparse.ArgumentParser, lang: str) -> None:
    """Add ``--limit NAME=N`` (repeatable): a reader limit of :class:`khoan.io.Limits`."""
    names = ", ".join(_LIMIT_NAMES)
    parser.add_argument(
        "--limit",
        action="append",
        default=[],
        metavar="NAME=N",
        help=f"đổi một giới hạn của bộ đọc ({names})"
        if lang == "vi"
        else f"change a reader limit ({names})",
    )


def limits_of(args: argparse.Namespace, ctx: Context) -> io.Limits:
    """The reader limits asked for with ``--limit`` (the defaults otherwise)."""
    from khoan._cli.base import Usage

    given: dict[str, int] = {}
    for text in getattr(args, "limit", []):
        name, _, number = text.partition("=")
        if name not in _LIMIT_NAMES or not number.isdigit() or int(number) < 1:
            raise Usage(
                ctx.t(
                    f"khoan {args.command}: --limit {text!s}: expected NAME=N with NAME one of "
                    f"{', '.join(_LIMIT_NAMES)} and N a whole number of at least 1",
                    f"khoan {args.command}: --limit {text!s}: cần TÊN=N, TÊN là một trong "
                    f"{', '.join(_LIMIT_NAMES)} và N là số nguyên từ 1 trở lên",
                )
            )
        given[f"max_{name}"] = int(number)
    try:
        return io.Limits(**given)
    except KhoanError as err:  # e.g. more digits than khoan ever accepts
        raise Usage(f"khoan {args.command}: --limit: {err}") from None


def load_document(args: argparse.Namespace, ctx: Context) -> Dossier | Cohort:
    """The document named by ``FILE`` or ``--example`` (exactly one of them)."""
    from khoan._cli.base import Usage

    if (args.file is None) == (args.example is None):
        raise Usage(
            ctx.t(
                f"khoan {args.command}: give a FILE or --example NAME (one of them)",
                f"khoan {args.command}: cần FILE hoặc --example TÊN (một trong hai)",
            )
        )
    limits = limits_of(args, ctx)
    if args.example:
        return io.load_example(args.example)
    return io.loads(read_text(args.file, ctx), limits=limits)


def _scheme_argument(parser: argparse.ArgumentParser, lang: str) -> None:
    vi = lang == "vi"
    parser.add_argument(
        "--scheme",
        choices=list(PRESETS),
        help=(
            "cách chấm (mặc định: cách chấm có hiệu lực vào ngày cuối của kỳ đánh giá)"
            if vi
            else "the scoring scheme (default: the preset in force on the period's last day)"
        ),
    )
    parser.add_argument(
        "--allow-out-of-force",
        action="store_true",
        help=(
            "chấm theo --scheme cả khi văn bản không có hiệu lực trong kỳ (kết quả ghi rõ)"
            if vi
            else "rate under --scheme even a period it did not govern (the result says so)"
        ),
    )


# When --scheme is omitted: the national preset in force on the last day of the document's
# last period, Party rules first, then state rules. This order is khoan's choice (good
# practice: the rule that binds every cadre first), not law. A provincial preset
# (vinh-phuc-2021, hanoi-3814-2018) binds only its province, which khoan cannot tell from a
# document, so it is never chosen for you: name it with --scheme.
PREFERENCE = (
    "qd-366-2025",
    "qd-124-2023",
    "nd-335-2025",
    "nd-90-2020",
)
PROVINCIAL = ("vinh-phuc-2021", "hanoi-3814-2018")


def chosen_scheme(document: Dossier | Cohort, args: argparse.Namespace) -> Scheme:
    """``--scheme``, or the national preset in force when the document's last period closed.

    Of the national presets in force on that day, the first in
    :data:`PREFERENCE`; the output names the scheme used (the table's heading,
    the explanation, JSON). Provincial presets are never chosen for you.

    Raises:
        FieldError: No national preset was in force on that day and no
            --scheme was given (the message names the provincial presets in
            force then, if any).

    """
    if args.scheme:
        return PRESETS[args.scheme]
    dossiers = document.dossiers if isinstance(document, Cohort) else (document,)
    last = max(d.assignment.period.end for d in dossiers)
    names = {s.name for s in in_force(last)}
    chosen = next((n for n in PREFERENCE if n in names), None)
    if chosen is None:
        local = [n for n in PROVINCIAL if n in names]
        hint = f" (in force then, for its province only: {', '.join(local)})" if local else ""
        raise FieldError(
            "period",
            f"{last:%d/%m/%Y}",
            f"a period a national preset governs, or --scheme NAME{hint}",
        )
    return PRESETS[chosen]


def _word(rating: Rating, lang: str) -> str:
    return rating.vietnamese if lang == "vi" else rating.name


def _status_word(status: Any, lang: str) -> str:
    return str(status.vietnamese) if lang == "vi" else str(status.value).replace("_", " ")


# ---- verify -------------------------------------------------------------------------


def _verify_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "record",
        type=Path,
        metavar="FILE",
        help="bản niêm phong (- là đầu vào chuẩn)"
        if lang == "vi"
        else "a sealed record (- for stdin)",
    )


def _verify(args: argparse.Namespace, ctx: Context) -> Output:
    import json

    from khoan.records import verify

    text = read_text(args.record, ctx)
    intact = verify(text)
    try:
        digest = str(json.loads(text).get("sha256", "")) if intact else ""
    except (ValueError, AttributeError, RecursionError):
        digest = ""
    if intact:
        line = ctx.t(
            f"{args.record}: intact, sha256 {digest}", f"{args.record}: nguyên vẹn, sha256 {digest}"
        )
    else:
        line = ctx.t(
            f"{args.record}: NOT intact: changed since it was sealed, or not a sealed record",
            f"{args.record}: KHÔNG nguyên vẹn: đã bị sửa sau khi niêm phong,"
            " hoặc không phải bản niêm phong",
        )
    return Output(line, {}, status=0 if intact else 1)


# ---- validate -----------------------------------------------------------------------


def _validate_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="tệp JSON (- là đầu vào chuẩn)" if lang == "vi" else "JSON documents (- for stdin)",
    )
    add_limit_argument(parser, lang)


def _validate(args: argparse.Namespace, ctx: Context) -> Output:
    import io as stdio

    found: list[tuple[str, list[FieldError]]] = []
    text = stdio.StringIO()
    rows: list[list[str]] = [["file", "pointer", "kind", "value", "expected"]]
    limits = limits_of(args, ctx)
    for path in args.files:
        name = "<stdin>" if str(path) == "-" else str(path)
        try:
            document = io.loads(read_text(path, ctx), limits=limits)
        except (InvalidDocument, FieldError) as err:
            problems = flatten([err])
            found.append((name, problems))
            count = len(problems)
            text.write(f"{name}: " + ctx.t(f"{count} problem{'s' * (count != 1)}",
                                           f"{count} lỗi") + "\n")  # fmt: skip
            report_problems(problems, ctx, text, indent="  ")
            dumped = dump_problems([(name, problems)])["files"][0]["problems"]
            rows.extend([name, p["pointer"], p["kind"], p["value"], p["expected"]] for p in dumped)
            continue
        found.append((name, []))
        text.write(f"{name}: {ctx.t('valid', 'hợp lệ')} {_summary(document, ctx.lang)}\n")
    status = 1 if any(problems for _, problems in found) else 0
    return Output(text.getvalue(), dump_problems(found), rows, status=status)


def _summary(document: Dossier | Cohort, lang: str) -> str:
    vi = lang == "vi"
    if isinstance(document, Cohort):
        items = sum(len(d.assignment.items) for d in document.dossiers)
        n = len(document.dossiers)
        return (f"bộ hồ sơ gồm {n} hồ sơ, tổng {items} nhiệm vụ" if vi
                else f"cohort of {n} dossiers, {items} items in all")  # fmt: skip
    a = document.assignment
    if vi:
        parts = [
            f"hồ sơ: giao việc '{a.id}' kỳ {a.period}, {len(a.items)} nhiệm vụ, "
            f"tổng trọng số {a.weight}",
            f"{len(document.inspections)} lần kiểm tra",
            "có báo cáo" if document.report else "chưa có báo cáo",
        ]
        if document.council:
            parts.append(f"hội đồng {len(document.council.members)} người")
        parts.append(f"{len(document.scoresheets)} phiếu chấm")
    else:
        parts = [
            f"dossier: assignment '{a.id}' for {a.period}, "
            f"{len(a.items)} items weighing {a.weight}",
            f"{len(document.inspections)} inspections",
            "report" if document.report else "no report",
        ]
        if document.council:
            parts.append(f"council of {len(document.council.members)}")
        parts.append(f"{len(document.scoresheets)} scoresheets")
    return ", ".join(parts)


# ---- evaluate -----------------------------------------------------------------------


def _evaluate_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    add_document_arguments(parser, lang)
    _scheme_argument(parser, lang)
    parser.add_argument(
        "--no-quota",
        action="store_true",
        help=(
            "với bộ hồ sơ: không áp tỷ lệ của cách chấm"
            if lang == "vi"
            else "for a cohort: do not apply the scheme's quota"
        ),
    )
    parser.add_argument(
        "--seal",
        type=Path,
        metavar="FILE",
        help=(
            "với một hồ sơ: ghi bản niêm phong (dữ kiện, cách chấm, kết quả và mã SHA-256)"
            if lang == "vi"
            else "for a dossier: write the sealed record (facts, scheme, result and SHA-256)"
        ),
    )


def _evaluate(args: argparse.Namespace, ctx: Context) -> Output:
    from khoan._cli.base import Usage

    document = load_document(args, ctx)
    scheme = chosen_scheme(document, args)
    allow = args.allow_out_of_force
    if isinstance(document, Dossier):
        e = evaluate_dossier(document, scheme=scheme, allow_out_of_force=allow)
        if args.seal is not None:
            from khoan.records import seal

            sealed = seal(e, facts=document, scheme=scheme)
            write_file(args.seal, (sealed.text + "\n").encode("utf-8"), "--seal")
            done = f"{args.seal}: sha256 {sealed.sha256}\n"
            ctx.stderr.write(ctx.t(f"sealed {done}", f"đã niêm phong {done}"))
        text, rows = _dossier_table(document, e, ctx.lang)
        return Output(text, io.dump_evaluation(e), rows)
    if args.seal is not None:
        raise Usage(
            ctx.t(
                "khoan evaluate: --seal takes one dossier (seal each dossier of a cohort"
                " with khoan.records.seal)",
                "khoan evaluate: --seal dùng cho một hồ sơ (niêm phong từng hồ sơ của bộ hồ sơ"
                " bằng khoan.records.seal)",
            )
        )
    return _cohort_output(
        document, scheme, not args.no_quota, ctx.lang, progress=ctx.stderr, allow=allow
    )


def _dossier_table(dossier: Dossier, e: Evaluation, lang: str) -> tuple[str, list[list[str]]]:
    a = dossier.assignment
    vi = lang == "vi"
    outcomes = {o.item: o for o in dossier.report.outcomes} if dossier.report else {}
    head = ["mã", "trọng số", "chỉ tiêu", "kết quả", "điểm", "tình trạng", "nội dung"]
    if not vi:
        head = ["id", "weight", "target", "result", "points", "status", "title"]
    rows = []
    for item, result in zip(a.items, e.items, strict=True):
        outcome = outcomes.get(item.id)
        if isinstance(item, Indicator):
            target = str(item.target)
            got = "—" if outcome is None or outcome.actual is None else str(outcome.actual)
        else:
            target = "✓"
            got = "—" if outcome is None or outcome.done is None else ("✓" if outcome.done else "✗")
        points = "—" if result.points is None else f"{decimal_of(result.points, 2)}"
        rows.append([item.id, str(item.weight), target, got, points,
                     _status_word(result.status, lang), item.title])  # fmt: skip
    # People read the table: Vietnamese writes 52,6 and 4,00 (issue 9); CSV rows keep '.'.
    shown = [[vi_numbers(c) for c in r[:5]] + r[5:] for r in rows] if vi else rows
    text = f"{dossier.title or a.title or a.id}\n" + table(head, shown, right=(1, 2, 3, 4))
    text += "\n" + e.explain(lang) + "\n"
    return text, [head, *rows]


def _standing(e: Evaluation, lang: str) -> str:
    """The rating column: the rating, or why there is none yet (issue 9)."""
    if not e.rated:
        return "không xếp loại" if lang == "vi" else "NOT_RATED"
    if e.referred:
        return "chuyển hội đồng" if lang == "vi" else "REFERRED"
    return _word(e.rating, lang)


def _cohort_output(
    cohort: Cohort,
    scheme: Scheme,
    quota: bool,
    lang: str,
    *,
    progress: TextIO | None = None,
    allow: bool = False,
) -> Output:
    evaluations = [
        evaluate_dossier(d, scheme=scheme, cohort=cohort, allow_out_of_force=allow)
        for d in with_progress(cohort.dossiers, "evaluate", stream=progress)
    ]
    moves: tuple[Move, ...] = ()
    if quota and scheme.quota is not None:
        result = apply_quota(evaluations, scheme.quota)
        evaluations, moves = list(result.evaluations), result.moves
    vi = lang == "vi"
    head = ["người được đánh giá", "nhóm", "điểm", "mức theo điểm", "xếp loại"]
    if not vi:
        head = ["assignee", "group", "score", "band", "rating"]
    rows = [
        [e.assignee, e.peer_group, str(e.score), _word(e.band, lang), _standing(e, lang)]
        for e in sorted(evaluations, key=lambda e: (e.peer_group, -e.total, e.assignment))
    ]
    shown = [[*r[:2], vi_numbers(r[2]), *r[3:]] for r in rows] if vi else rows
    text = f"{cohort.title}\n{scheme.name}: {scheme.title}\n\n" + table(head, shown, right=(2,))
    if moves:
        text += "\n" + ("Điều chỉnh theo tỷ lệ:" if vi else "Moved by the quota:") + "\n"
        for m in moves:
            text += (
                f"  {m.assignee}: {_word(m.before, lang)} → {_word(m.after, lang)}: "
                f"{m.reason.text(lang)}\n"
            )
    data = dump_cohort_evaluation(evaluations, moves, title=cohort.title, scheme=scheme.name)
    return Output(text, data, [head, *rows])


# ---- recommend ----------------------------------------------------------------------


def _recommend_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    add_document_arguments(parser, lang)
    parser.add_argument(
        "--rule",
        choices=list(RULES),
        required=True,
        help=(
            "quy tắc hệ quả (bắt buộc: mỗi quy tắc áp dụng trong thời gian và cho đối tượng"
            " riêng; law-2019 không còn áp dụng từ 1/7/2025)"
            if lang == "vi"
            else "the consequence rule (required: each rule applies in its own years and to its"
            " own cadres; law-2019 has not applied since 1/7/2025)"
        ),
    )
    _scheme_argument(parser, lang)


def _recommend(args: argparse.Namespace, ctx: Context) -> Output:
    document = load_document(args, ctx)
    cohort = document if isinstance(document, Cohort) else Cohort([document])
    scheme = chosen_scheme(document, args)
    histories = histories_of(cohort, scheme, allow_out_of_force=args.allow_out_of_force)
    found = recommend(histories, RULES[args.rule])
    silent = not_recommended(histories, RULES[args.rule])  # issue 10: no silence
    periods = sorted({str(e.period) for h in histories for e in h.evaluations})
    text = ctx.t(
        f"{len(histories)} cadres, periods {', '.join(periods)}, rule {args.rule}, "
        f"scored under {scheme.name}: {len(found)} recommendations\n",
        f"{len(histories)} người, các kỳ {', '.join(periods)}, quy tắc {args.rule}, "
        f"chấm theo {scheme.name}: {len(found)} đề xuất\n",
    )
    for r in found:
        text += "\n" + r.explain(ctx.lang) + "\n"
    for n in silent:
        text += "\n" + n.explain(ctx.lang) + "\n"
    head = ["cadre", "action", "rule", "triggered_by", "legal_basis"]
    rows = [
        [
            r.cadre,
            r.action.value,
            r.rule,
            "; ".join(f"{x.period} {x.rating.value}" for x in r.triggered_by),
            "; ".join(r.legal_basis),
        ]
        for r in found
    ]
    data = dump_recommendations(
        found, rule=args.rule, scheme=scheme.name, no_recommendations=silent
    )
    return Output(text, data, [head, *rows])


# ---- progress -----------------------------------------------------------------------


def _date_arg(text: str) -> dt.date:
    try:
        return to_date(text)
    except KhoanError:
        from khoan._cli.base import Parser, t

        message = t(
            Parser.lang,
            f"'{text}' is not a date (write 30/9/2022 or 2022-09-30)",
            f"'{text}' không phải là một ngày (viết 30/9/2022 hoặc 2022-09-30)",
        )
        raise argparse.ArgumentTypeError(message) from None


def _progress_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    add_document_arguments(parser, lang)
    parser.add_argument(
        "--as-of",
        required=True,
        type=_date_arg,
        metavar="DATE",
        help=(
            "ngày xem tiến độ, ví dụ 2022-09-30 hoặc 30/9/2022"
            if lang == "vi"
            else "the date, e.g. 2022-09-30 or 30/9/2022"
        ),
    )


def _progress(args: argparse.Namespace, ctx: Context) -> Output:
    document = load_document(args, ctx)
    dossiers = document.dossiers if isinstance(document, Cohort) else (document,)
    found = [(d, progress_of(d, args.as_of)) for d in dossiers]
    head = ["assignment", "item", "status", "expected", "observed", "forecast", "deadline",
            "stale"]  # fmt: skip
    rows = [
        [
            p.assignment,
            i.item,
            i.status.value,
            _text(i.expected),
            _text(i.observed),
            _text(i.forecast),
            i.deadline.isoformat(),
            "yes" if i.stale else "no",
        ]
        for _, p in found
        for i in p.items
    ]
    text = "".join(_progress_table(d, p, ctx.lang) for d, p in found)
    return Output(text, dump_progress(p for _, p in found), [head, *rows])


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _progress_table(dossier: Dossier, p: Progress, lang: str) -> str:
    vi = lang == "vi"
    a = dossier.assignment
    out = f"{dossier.title or a.title or a.id}\n"
    out += (f"Tiến độ đến ngày {p.as_of}" if vi else f"Progress as of {p.as_of}") + "\n\n"
    head = ["mã", "tình trạng", "cần đạt", "đã đạt", "dự báo", "hạn", "nội dung"]
    if not vi:
        head = ["id", "status", "expected", "observed", "forecast", "deadline", "title"]
    titles = {item.id: item.title for item in a.items}
    rows = [
        [
            i.item,
            _status_word(i.status, lang) + (" *" if i.stale else ""),
            _text(i.expected),
            _text(i.observed),
            _text(i.forecast),
            str(i.deadline),
            titles[i.item],
        ]
        for i in p.items
    ]
    out += table(head, rows, right=(2, 3, 4, 5))
    if p.stale:
        out += ("* số liệu đã cũ" if vi else "* stale: no recent observation") + "\n"
    if p.needing_attention:
        out += "\n" + ("Cần lưu ý:" if vi else "Needing attention:") + "\n"
        for i in p.needing_attention:
            reasons = "; ".join(r.text(lang) for r in i.reasons)
            out += f"  {i.item} ({_status_word(i.status, lang)}): {reasons}\n"
    if p.supports:
        out += "\n" + ("Bảo đảm hỗ trợ của cấp trên:" if vi else "Support pledged by the issuer:")
        out += "\n"
        for s in p.supports:
            reasons = "; ".join(r.text(lang) for r in s.reasons)
            out += f"  {s.support} [{s.kind}] {_status_word(s.status, lang)}: {reasons}\n"
    return out + "\n"


# ---- calendar -----------------------------------------------------------------------


def _calendar_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    vi = lang == "vi"
    parser.add_argument("year", type=int, metavar="YEAR", help="năm" if vi else "the year")
    parser.add_argument(
        "--working-days",
        action="store_true",
        help=(
            "dời ngày khỏi cuối tuần và ngày lễ Việt Nam (cần khoan[holidays])"
            if vi
            else "move dates off weekends and Vietnamese public holidays (needs khoan[holidays])"
        ),
    )
    parser.add_argument(
        "--quarter-days",
        type=int,
        metavar="N",
        help=(
            "số ngày sau cuối quý thì đến hạn xếp loại quý (HĐ 43)"
            if vi
            else "days after a quarter's end its rating is due (Q1-Q3, HD 43)"
        ),
    )
    parser.add_argument(
        "--report-days",
        type=int,
        metavar="N",
        help=(
            "số ngày trước kỳ xếp loại cuối năm phải nộp báo cáo"
            if vi
            else "days before the year-end rating the report is due"
        ),
    )
    parser.add_argument(
        "--ics",
        action="store_true",
        help=(
            "xuất tệp iCalendar (.ics) cho điện thoại, Outlook (cần khoan[calendar])"
            if vi
            else "write an iCalendar (.ics) file for a phone or Outlook (needs khoan[calendar])"
        ),
    )


def _calendar(args: argparse.Namespace, ctx: Context) -> Output:
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
    if args.ics:
        from khoan._cli.ics import to_ics

        ics = to_ics(entries, year=args.year, lang=ctx.lang)
        return Output(ics, dump_calendar(entries, year=args.year), [], fit=False)
    head = ["date", "kind", "what", "basis", "moved_from"]
    rows = [
        [
            e.date.isoformat(),
            e.kind,
            e.what.text(ctx.lang),
            e.basis,
            "" if e.moved_from is None else e.moved_from.isoformat(),
        ]
        for e in entries
    ]
    text = calendar_module.format_calendar(entries, lang=ctx.lang) + "\n"
    return Output(text, dump_calendar(entries, year=args.year), [head, *rows])


# ---- lists --------------------------------------------------------------------------


def _nothing(parser: argparse.ArgumentParser, lang: str) -> None:
    """No arguments of its own."""


def _schemes(args: argparse.Namespace, ctx: Context) -> Output:
    listed = [(s.name, s.title, list(s.legal_basis)) for s in PRESETS.values()]
    return _named("schemes", listed)


def _rules(args: argparse.Namespace, ctx: Context) -> Output:
    listed = []
    for rule in RULES.values():
        assert isinstance(rule, ClauseRule)
        listed.append((rule.name, rule.title, list(rule.legal_basis)))
    out = _named("rules", listed)
    # Issue 10: which grounds each preset covers, and which of its sources' it does not.
    text = ""
    for rule, entry in zip(RULES.values(), out.data["rules"], strict=True):
        covers = [c.id for c in rule.clauses]
        entry |= {"covers": covers, "not_covered": [{"en": r.en, "vi": r.vi} for r in rule.omitted]}
        text += f"{rule.name}\t{rule.title}\n\t{'; '.join(rule.legal_basis)}\n"
        text += ctx.t("\tcovers: ", "\tđã mô hình hóa: ") + ", ".join(covers) + "\n"
        for r in rule.omitted:
            text += ctx.t("\tnot covered: ", "\tchưa mô hình hóa: ") + r.text(ctx.lang) + "\n"
    return attrs.evolve(out, table=text)


def _named(kind: str, listed: list[tuple[str, str, list[str]]]) -> Output:
    text = "".join(f"{name}\t{title}\n\t{'; '.join(basis)}\n" for name, title, basis in listed)
    data = {
        "schema": io.SCHEMA,
        "kind": kind,
        kind: [{"name": n, "title": t, "legal_basis": b} for n, t, b in listed],
    }
    rows = [["name", "title", "legal_basis"], *[[n, t, "; ".join(b)] for n, t, b in listed]]
    return Output(text, data, rows)


def _examples(args: argparse.Namespace, ctx: Context) -> Output:
    listed = [(name, _summary(io.load_example(name), ctx.lang)) for name in io.example_names()]
    text = "".join(f"{name}\t{summary}\n" for name, summary in listed)
    data = {
        "schema": io.SCHEMA,
        "kind": "examples",
        "examples": [{"name": n, "summary": s} for n, s in listed],
    }
    return Output(text, data, [["name", "summary"], *[list(x) for x in listed]])


def _schema_configure(parser: argparse.ArgumentParser, lang: str) -> None:
    parser.add_argument(
        "kind",
        nargs="?",
        default="document",
        choices=("document", *OUTPUT_KINDS),
        help=(
            "định dạng nào: document (đầu vào, mặc định) hoặc một loại kết quả"
            if lang == "vi"
            else "which format: document (the input, default) or a kind of output"
        ),
    )


def _schema(args: argparse.Namespace, ctx: Context) -> Output:
    import json

    schema = io.json_schema() if args.kind == "document" else output_schema(args.kind)
    text = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return Output(text, schema, fit=False)


COMMANDS: tuple[Command, ...] = (
    Command(
        "validate",
        ("check documents; list every problem", "kiểm tra tệp; liệt kê mọi lỗi"),
        "khoan validate hoso.json --format json",
        _validate_configure,
        _validate,
    ),
    Command(
        "evaluate",
        ("score and rate a dossier or a cohort", "chấm điểm, xếp loại một hồ sơ hoặc bộ hồ sơ"),
        "khoan evaluate --example nguyet-duc-2022",
        _evaluate_configure,
        _evaluate,
    ),
    Command(
        "verify",
        (
            "check that a sealed record is intact (khoan evaluate --seal)",
            "kiểm tra bản niêm phong còn nguyên vẹn (khoan evaluate --seal)",
        ),
        "khoan verify niem-phong.json",
        _verify_configure,
        _verify,
        formats=("table",),
    ),
    Command(
        "recommend",
        (
            "consequence recommendations from rating histories",
            "đề xuất hệ quả (điều chuyển, miễn nhiệm...) từ lịch sử xếp loại",
        ),
        "khoan recommend --example vinh-phuc-2021 --rule qd-377-2025",
        _recommend_configure,
        _recommend,
    ),
    Command(
        "progress",
        ("where each item stands on a date", "tiến độ từng nhiệm vụ đến một ngày"),
        "khoan progress --example nguyet-duc-2022 --as-of 30/9/2022",
        _progress_configure,
        _progress,
    ),
    Command(
        "calendar",
        ("the year's inspection and rating dates", "lịch kiểm tra, xếp loại trong năm"),
        "khoan calendar 2026 --ics --out lich-2026.ics",
        _calendar_configure,
        _calendar,
    ),
    Command(
        "schemes",
        ("list the scheme presets", "danh sách cách chấm có sẵn"),
        "khoan schemes --format csv",
        _nothing,
        _schemes,
    ),
    Command(
        "rules",
        ("list the consequence rule presets", "danh sách quy tắc hệ quả có sẵn"),
        "khoan rules --format json",
        _nothing,
        _rules,
    ),
    Command(
        "examples",
        ("list the bundled examples", "danh sách ví dụ có sẵn"),
        "khoan examples",
        _nothing,
        _examples,
    ),
    Command(
        "schema",
        (
            "print a JSON Schema (the input format, or an output's)",
            "in JSON Schema (của định dạng đầu vào hoặc của một loại kết quả)",
        ),
        "khoan schema evaluation --out evaluation.schema.json",
        _schema_configure,
        _schema,
        formats=("json",),
    ),
)
