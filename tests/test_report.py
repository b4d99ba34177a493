"""khoan.analysis tables, plots and the HTML report, checked in real headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from khoan import Cohort, Period, Rating, io
from khoan.analysis import (
    compare,
    plot_history,
    plot_items,
    plot_ratings,
    plot_sweep,
    plot_totals,
    report,
    sweep,
    to_frame,
)
from khoan.cli import main
from khoan.exceptions import InvalidValue
from khoan.schemes import PRESETS

_PILOT = io.load_example("vinh-phuc-2021")
assert isinstance(_PILOT, Cohort)
PILOT: Cohort = _PILOT
SCHEMES = ["vinh-phuc-2021", "nd-335-2025"]


class TestToFrame:
    """to_frame: tidy rows, exact values beside floats, names joined, Vietnamese headers."""

    def test_comparison_one_row_per_assignment_and_scheme(self) -> None:
        c = compare(PILOT, schemes=SCHEMES, rules=["vinh-phuc-pilot"])
        frame = to_frame(c)
        assert len(c.rows) * len(SCHEMES) == len(frame)
        first = frame.iloc[0]
        row = c.rows[0].standings[0]
        assert (row.total, row.score, float(row.total)) == (
            first["total"], first["score"], first["total_float"],
        )  # fmt: skip
        assert isinstance(first["score"], Decimal) and isinstance(first["total"], Fraction)
        assert c.rows[0].name == first["name"]
        assert "action:vinh-phuc-pilot" in frame.columns

    def test_evaluations_and_items_with_names(self) -> None:
        evaluations = compare(PILOT, schemes=["qd-366-2025"]).runs[0].after
        frame = to_frame(evaluations, cohort=PILOT)
        assert [e.rating.name for e in evaluations] == list(frame["rating"])
        cadres = {x.id: x.name for x in PILOT.cadres}
        assert [cadres[e.assignee] for e in evaluations] == list(frame["name"])
        items = to_frame(evaluations, items=True)
        assert sum(len(e.items) for e in evaluations) == len(items)

    def test_sweep_one_row_per_value_and_rating(self) -> None:
        s = sweep(PILOT, "nd-90-2020", "band.achieved", [40, 50, 60])
        frame = to_frame(s)
        assert 3 * len(Rating) == len(frame)
        na = frame[frame["rating"] == "NOT_ACHIEVED"]
        assert [p.count(Rating.NOT_ACHIEVED) for p in s.points] == list(na["count"])

    def test_vietnamese_headers(self) -> None:
        frame = to_frame(compare(PILOT, schemes=["qd-366-2025"]), lang="vi")
        assert {"họ tên", "xếp loại", "tổng điểm (số thực, để vẽ)"} <= set(frame.columns)

    def test_recommendations(self) -> None:
        c = compare(PILOT, schemes=["nd-335-2025"], rules=["vinh-phuc-pilot"])
        ((_, _, found),) = c.recommendations
        frame = to_frame(list(found), cohort=PILOT)
        assert [r.action.value for r in found] == list(frame["action"])

    def test_progress_one_row_per_item(self) -> None:
        from khoan.progress import progress_of

        dossier = PILOT.dossiers[0]
        p = progress_of(dossier, dossier.assignment.period.end)
        frame = to_frame(p, lang="vi")
        assert [i.status.value for i in p.items] == list(frame["tình trạng"])

    @pytest.mark.parametrize("data", [[], 3, ["x"]])
    def test_other_data_is_refused(self, data: object) -> None:
        with pytest.raises(InvalidValue) as caught:
            to_frame(data)
        assert caught.value.path == "data"


class TestPlots:
    """Each plot returns a Figure whose labels are those of the data (Vietnamese by default)."""

    def texts(self, fig: Figure) -> str:
        return " ".join(t.get_text() for t in fig.findobj(Text) if isinstance(t, Text))

    def test_ratings(self) -> None:
        c = compare(PILOT, schemes=SCHEMES)
        fig = plot_ratings(c)
        words = self.texts(fig)
        assert all(r.vietnamese in words for r in Rating) and all(s in words for s in SCHEMES)

    def test_totals_items_sweep_history(self) -> None:
        evaluations = compare(PILOT, schemes=["qd-366-2025"]).runs[0].after
        assert "Hoàn thành xuất sắc" in self.texts(
            plot_totals(evaluations, scheme=PRESETS.get("qd-366-2025"))
        )
        assert "điểm nghẽn" in self.texts(plot_items(evaluations, cohort=PILOT))
        s = sweep(PILOT, "nd-90-2020", "band.achieved", [40, 50, 60])
        assert "band.achieved" in self.texts(plot_sweep(s, lang="en"))
        e = evaluations[0]
        years = [e, attrs.evolve(e, period=Period.parse("2019"))]
        assert "2019" in self.texts(plot_history(years))

    def test_history_of_two_people_is_refused(self) -> None:
        evaluations = compare(PILOT, schemes=["qd-366-2025"]).runs[0].after
        with pytest.raises(InvalidValue):
            plot_history(evaluations[:2])


CHROMIUM = shutil.which("chromium")


def _chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


class TestReport:
    """The report: self-contained, complete, and rendered by a real browser."""

    def test_self_contained(self) -> None:
        page = report(PILOT, schemes=SCHEMES, rules=["vinh-phuc-pilot"])
        assert page.count("<svg") == 1 + len(SCHEMES)
        # Nothing to fetch: no script, stylesheet, image source or link to an external
        # resource (the cohort's description may quote a source's address as text).
        for fetch in ("<script", "<link", "<img", "@import", 'src="', 'href="http'):
            assert fetch not in page
        assert page.count("url(") == page.count("url(#")  # clip paths inside the page only
        assert "@media print" in page and "size: A4" in page

    def test_command_writes_the_page(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "r.html"
        code = main(["report", "--example", "vinh-phuc-2021", "--scheme", "vinh-phuc-2021",
                     "--scheme", "nd-335-2025", "--rule", "vinh-phuc-pilot",
                     "--html", str(out)])  # fmt: skip
        assert code == 0
        expected = report(PILOT, schemes=SCHEMES, rules=["vinh-phuc-pilot"])
        assert expected == out.read_text(encoding="utf-8")

    def test_in_headless_chromium(self, tmp_path: Path) -> None:
        """Chromium loads the page, the DOM holds the key content, and a screenshot is taken.

        Chromium is installed by .ci/run (Debian's package); without it this
        test fails rather than skip, so a missing browser cannot pass unseen.
        """
        assert CHROMIUM is not None, "chromium is missing: .ci/run installs Debian's chromium"
        c = compare(PILOT, schemes=SCHEMES, rules=["vinh-phuc-pilot"])
        page = tmp_path / "report.html"
        page.write_text(report(PILOT, schemes=SCHEMES, rules=["vinh-phuc-pilot"]), "utf-8")
        dom = _chromium(tmp_path, "--dump-dom", page.as_uri())
        assert dom.returncode == 0, dom.stderr
        assert c.title in dom.stdout
        assert c.shift("nd-335-2025").explain("vi") in dom.stdout
        for row in c.changed:
            assert row.name in dom.stdout
        ((_, _, pilot), (_, _, nd)) = c.recommendations
        assert len(pilot) + len(nd) == dom.stdout.count("Đề xuất đối với")
        shot = tmp_path / "report.png"
        done = _chromium(tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
        assert done.returncode == 0, done.stderr
        assert shot.read_bytes()[:4] == b"\x89PNG" and shot.stat().st_size > 20_000
        pdf = tmp_path / "report.pdf"
        printed = _chromium(
            tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()
        )
        assert printed.returncode == 0, printed.stderr
        assert pdf.read_bytes()[:4] == b"%PDF"
