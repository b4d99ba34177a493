"""The report to hand over: one self-contained HTML page, printable on A4.

No script, no link, no font or image fetched: the plots are inline SVG (their
text drawn as paths, so no font is needed to read them), the styles inline.
"""

from __future__ import annotations

import html
import io as _io
from collections.abc import Iterable, Sequence

from khoan._base.rating import Rating
from khoan._facts.dossier import Cohort
from khoan.analysis._compare import Comparison, compare
from khoan.exceptions import InvalidValue

__all__ = ["render"]

_STYLE = """
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 11pt;
       color: #222; max-width: 60em; margin: 1.5em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 18pt; margin-bottom: 0.2em; } h2 { font-size: 14pt; border-bottom: 1px solid #999; }
h3 { font-size: 12pt; margin-bottom: 0.3em; }
table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }
th { background: #eef; } td.n { text-align: right; } tr.changed td { background: #fff4d6; }
pre { white-space: pre-wrap; font-family: inherit; font-size: 9.5pt; background: #f7f7f7;
      padding: 0.5em; border-left: 3px solid #4d6a9a; }
figure { margin: 0.5em 0; } figure svg { max-width: 100%; height: auto; }
.note { color: #555; font-size: 9pt; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; }
  h2 { break-before: page; } h2.first { break-before: avoid; }
  figure, table, pre, .head { break-inside: avoid; }
  tr.changed td { background: none; font-weight: bold; }
}
"""

_WORDS = {
    "summary": ("Tóm tắt", "Summary"),
    "distribution": ("Phân bố xếp loại", "Distribution of ratings"),
    "changes": ("Thay đổi giữa các phương án", "Changes across schemes"),
    "recommendations": ("Đề xuất biện pháp", "Recommended consequences"),
    "heads": ("Giải trình từng người", "Each head's explanation"),
    "notes": ("Lưu ý", "Notes"),
    "none": ("Không có đề xuất.", "No recommendations."),
    "no_change": ("Không ai thay đổi.", "Nobody changes."),
    "scheme": ("phương án", "scheme"),
    "before": ("trước tỷ lệ", "before the quota"),
    "after": ("sau tỷ lệ", "after the quota"),
    "name": ("họ tên", "name"),
    "unit": ("đơn vị", "unit"),
    "robust": (
        "Mức độ vững: biện pháp bất lợi theo {k}/{n} phương án được so sánh.",
        "Robustness: an adverse action under {k} of the {n} schemes compared.",
    ),
}


def _w(key: str, vi: bool) -> str:
    return _WORDS[key][0 if vi else 1]


def _e(text: object) -> str:
    return html.escape(str(text))


def _svg(fig: object) -> str:
    import matplotlib as mpl

    buffer = _io.StringIO()
    # A fixed salt for element ids and no date: the same cohort gives the same page.
    with mpl.rc_context({"svg.hashsalt": "khoan"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None})  # type: ignore[attr-defined]
    text = buffer.getvalue()
    text = text[text.index("<svg") :]  # drop the XML prolog and DOCTYPE (no external DTD)
    start, end = text.find("<metadata>"), text.find("</metadata>")
    if 0 <= start < end:  # the RDF block names creators and licences by URL: not needed
        text = text[:start] + text[end + len("</metadata>") :]
    return text


def _word(rating: Rating, vi: bool) -> str:
    return rating.vietnamese if vi else rating.name


def render(
    cohort: Cohort,
    *,
    schemes: Sequence[object],
    rules: Iterable[object] = (),
    lang: str = "vi",
    plots: bool = True,
) -> str:
    """The report page (see :func:`khoan.analysis.report`)."""
    if lang not in ("vi", "en"):
        raise InvalidValue("lang", lang, "'vi' or 'en'")
    vi = lang == "vi"
    c = compare(cohort, schemes=schemes, rules=rules)
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{_e(c.title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(c.title)}</h1>",
        f'<p class="note">{_e(cohort.description)}</p>' if cohort.description else "",
        f'<h2 class="first">{_w("summary", vi)}</h2><ul>',
        *(f"<li>{_e(s.explain(lang))}</li>" for s in c.shifts),
        "</ul>",
        _distribution(c, vi, plots),
        _changes(c, vi),
        _recommendations(c, vi),
        _heads(c, lang),
        f"<h2>{_w('notes', vi)}</h2><ul>",
        *(f"<li>{_e(n.text(lang))}</li>" for n in c.notes),
        *(
            f"<li>{_e(r.scheme.name)}: {_e(a.text(lang))}</li>"
            for r in c.runs
            for a in (*r.scheme.assumptions, *(x.reason for x in r.scheme.readings))
        ),
        "</ul></body></html>\n",
    ]
    return "\n".join(p for p in parts if p)


def _distribution(c: Comparison, vi: bool, plots: bool) -> str:
    rows = []
    for k, name in enumerate(c.schemes):
        before = [sum(r.standings[k].rated is g for r in c.rows) for g in Rating]
        after = [sum(r.standings[k].rating is g for r in c.rows) for g in Rating]
        cells = "".join(f'<td class="n">{b}</td><td class="n">{a}</td>'
                        for b, a in zip(before, after, strict=True))  # fmt: skip
        rows.append(f"<tr><td>{_e(name)}</td>{cells}</tr>")
    head = "".join(f'<th colspan="2">{_e(_word(g, vi))}</th>' for g in Rating)
    sub = "".join(f"<th>{_w('before', vi)}</th><th>{_w('after', vi)}</th>" for _ in Rating)
    out = [
        f"<h2>{_w('distribution', vi)}</h2>",
        f"<table><thead><tr><th rowspan='2'>{_w('scheme', vi)}</th>{head}</tr>"
        f"<tr>{sub}</tr></thead><tbody>{''.join(rows)}</tbody></table>",
    ]
    if plots:
        from khoan.analysis import _plots

        lang = "vi" if vi else "en"
        out.append(f"<figure>{_svg(_plots.plot_ratings(c, lang=lang))}</figure>")
        for run in c.runs:
            fig = _plots.plot_totals(run.after, scheme=run.scheme, lang=lang)
            out.append(f"<figure>{_svg(fig)}</figure>")
    return "\n".join(out)


def _changes(c: Comparison, vi: bool) -> str:
    changed = c.changed
    out = [f"<h2>{_w('changes', vi)}</h2>"]
    if not changed:
        return "\n".join([*out, f"<p>{_w('no_change', vi)}</p>"])
    head = "".join(f"<th>{_e(s)}</th>" for s in c.schemes)
    rows = []
    for row in changed:
        cells = []
        for s in row.standings:
            acts = ", ".join(
                (a.vietnamese if vi else a.value) for _, a in s.actions if a is not None
            )
            cells.append(f"<td>{_e(s.score)} · {_e(_word(s.rating, vi))}"
                         + (f" · {_e(acts)}" if acts else "") + "</td>")  # fmt: skip
        rows.append(
            f'<tr class="changed"><td>{_e(row.name or row.assignee)}</td><td>{_e(row.unit)}</td>'
            + "".join(cells)
            + "</tr>"
        )
    out.append(
        f"<table><thead><tr><th>{_w('name', vi)}</th><th>{_w('unit', vi)}</th>{head}</tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table>"
    )
    return "\n".join(out)


def _recommendations(c: Comparison, vi: bool) -> str:
    lang = "vi" if vi else "en"
    out = [f"<h2>{_w('recommendations', vi)}</h2>"]
    by_cadre = {row.assignee: row for row in c.rows}
    n = len(c.schemes)
    for scheme, rule, found in c.recommendations:
        out.append(f"<h3>{_e(rule)} · {_e(scheme)}</h3>")
        if not found:
            out.append(f"<p>{_w('none', vi)}</p>")
        for r in found:
            row = by_cadre.get(r.cadre)
            k = sum(s.adverse for s in row.standings) if row else 0
            who = f"{row.name} — {row.post}" if row and row.name else r.cadre
            out.append(f'<div class="head"><p><b>{_e(who)}</b></p><pre>{_e(r.explain(lang))}</pre>')
            if r.adverse:
                out.append(f'<p class="note">{_e(_w("robust", vi).format(k=k, n=n))}</p>')
            out.append("</div>")
    return "\n".join(out)


def _heads(c: Comparison, lang: str) -> str:
    vi = lang == "vi"
    run = c.runs[0]
    out = [f"<h2>{_w('heads', vi)} ({_e(run.scheme.name)})</h2>"]
    for row, e in zip(c.rows, run.after, strict=True):
        who = f"{row.name} — {row.post}" if row.name else row.assignee
        out.append(f'<div class="head"><h3>{_e(who)}</h3><pre>{_e(e.explain(lang))}</pre></div>')
    return "\n".join(out)
