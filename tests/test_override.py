"""Issue 11, item 6: a council changes a computed rating only through an Override, on the record."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from khoan import Dossier, Override, Rating, evaluate_dossier, io, override
from khoan.consequences import LAW_2019, Action, History
from khoan.exceptions import InvalidDocument, InvalidValue, flatten
from khoan.io import output_schema
from khoan.records import seal, verify
from khoan.schemes import PRESETS
from khoan.testing import NA, evaluation, timeless

DOSSIER = io.load_example("nguyet-duc-2022", expect=Dossier)
PILOT = PRESETS["vinh-phuc-2021"]
COMPUTED = evaluate_dossier(DOSSIER, scheme=PILOT)  # Excellent


def decision(before: Rating | str, after: Rating | str, **changes: object) -> Override:
    fields: dict[str, object] = {
        "by": "Ban Thường vụ Huyện ủy",
        "on": dt.date(2022, 12, 28),
        "reason": "kết quả xác minh đơn thư",
        "legal_basis": ["Biên bản họp số 12-BB/HU"],
        "before": before,
        "after": after,
    }
    fields.update(changes)
    return Override(**fields)


class TestTheRecord:
    """Who, when, why, on what basis, before and after: each is required."""

    def test_every_missing_part_is_named(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            decision("good", "achieved", by=" ", reason="", legal_basis=[])
        assert {"by", "reason", "legal_basis"} == {e.path for e in flatten([info.value])}

    def test_a_rating_must_be_a_rating(self) -> None:
        with pytest.raises(InvalidValue) as info:
            decision("very good", "good")
        assert info.value.path == "before"


class TestApplied:
    """The rating changes; everything computed stays, and the change is shown and kept."""

    def test_rating_and_record(self) -> None:
        decided = override(COMPUTED, decision(COMPUTED.rating, "good"))
        assert (Rating.GOOD, COMPUTED.score, COMPUTED.band) == (
            decided.rating, decided.score, decided.band)  # fmt: skip
        assert decided.override is not None and decided.override.after is Rating.GOOD
        assert decided.findings[-1].kind == "override"
        last = decided.findings[-1]
        assert (last.before, last.after) == (Rating.EXCELLENT, Rating.GOOD)

    @pytest.mark.parametrize(
        ("lang", "line"),
        [
            ("vi", "do Ban Thường vụ Huyện ủy quyết định ngày 28/12/2022: kết quả xác minh đơn "
                   "thư (căn cứ: Biên bản họp số 12-BB/HU)"),
            ("en", "decided by Ban Thường vụ Huyện ủy on 2022-12-28: kết quả xác minh đơn thư "
                   "(basis: Biên bản họp số 12-BB/HU)"),
        ],
    )  # fmt: skip
    def test_explained(self, lang: str, line: str) -> None:
        text = override(COMPUTED, decision(COMPUTED.rating, "good")).explain(lang)
        assert line in text
        assert ("Xếp loại: Hoàn thành tốt nhiệm vụ" if lang == "vi" else "Rating: Good") in text

    def test_in_the_json_and_its_schema(self) -> None:
        data = io.dump_evaluation(override(COMPUTED, decision(COMPUTED.rating, "good")))
        assert data["override"] == {
            "by": "Ban Thường vụ Huyện ủy", "on": "2022-12-28",
            "reason": "kết quả xác minh đơn thư", "legal_basis": ["Biên bản họp số 12-BB/HU"],
            "before": "excellent", "after": "good",
        }  # fmt: skip
        jsonschema.validate(data, output_schema("evaluation"))
        assert io.dump_evaluation(COMPUTED)["override"] is None

    def test_covered_by_the_seal(self) -> None:
        decided = override(COMPUTED, decision(COMPUTED.rating, "good"))
        sealed = seal(decided, facts=DOSSIER, scheme=PILOT)
        assert verify(sealed)
        assert sealed.sha256 != seal(COMPUTED, facts=DOSSIER, scheme=PILOT).sha256
        record = json.loads(sealed.text)
        record["sealed"]["result"]["override"]["by"] = "someone else"
        assert not verify(record)


class TestReferrals:
    """An override is how the council decides what khoan referred to it."""

    REFERRED = evaluate_dossier(DOSSIER, scheme=timeless(PRESETS["qd-366-2025"]))

    def test_the_example_is_referred(self) -> None:
        assert self.REFERRED.referred

    @pytest.mark.parametrize("after", ["excellent", "achieved"])
    def test_decided(self, after: str) -> None:
        decided = override(self.REFERRED, decision(self.REFERRED.rating, after))
        assert not decided.referred and decided.rating is Rating(after)
        assert decided.candidates == self.REFERRED.candidates  # kept for the record


class TestRefused:
    """A change that does not fit the evaluation is refused, naming the field."""

    def test_before_must_be_the_computed_rating(self) -> None:
        with pytest.raises(InvalidValue) as info:
            override(COMPUTED, decision("good", "achieved"))
        assert info.value.path == "change.before"

    def test_a_change_that_changes_nothing(self) -> None:
        with pytest.raises(InvalidValue) as info:
            override(COMPUTED, decision(COMPUTED.rating, COMPUTED.rating))
        assert info.value.path == "change.after"

    def test_once(self) -> None:
        decided = override(COMPUTED, decision(COMPUTED.rating, "good"))
        with pytest.raises(InvalidValue) as info:
            override(decided, decision("good", "achieved"))
        assert info.value.path == "evaluation.override"

    def test_not_rated_is_not_a_rating_to_change(self) -> None:
        """NĐ 90 Điều 2 k3 (NĐ 48): under 6 months worked is not rated; no override makes it so."""
        import attrs

        not_rated = attrs.evolve(COMPUTED, rated=False)
        with pytest.raises(InvalidValue) as info:
            override(not_rated, decision(COMPUTED.rating, "good"))
        assert info.value.path == "evaluation.rated"

    def test_types(self) -> None:
        with pytest.raises(InvalidValue):
            override(COMPUTED, "good")  # type: ignore[arg-type]
        with pytest.raises(InvalidValue):
            override("e", decision("good", "achieved"))  # type: ignore[arg-type]


class TestConsequences:
    """A rule acting on an overridden rating says that its action rests on the override."""

    def test_the_note(self) -> None:
        first = evaluation("c", 2021, NA)
        second = override(evaluation("c", 2022, Rating.ACHIEVED), decision("achieved", NA))
        rec = LAW_2019(History("c", evaluations=(first, second), category="cadre"))
        assert rec is not None and rec.action is Action.REMOVE_FROM_POST
        notes = [n.en for n in rec.notes]
        expected = (
            "the rating of 2022 rests on an override: Ban Thường vụ Huyện ủy changed ACHIEVED"
            " to NOT_ACHIEVED"
        )
        assert any(n.startswith(expected) for n in notes)

    def test_no_note_without_one(self) -> None:
        years = (evaluation("c", 2021, NA), evaluation("c", 2022, NA))
        rec = LAW_2019(History("c", evaluations=years, category="cadre"))
        assert rec is not None
        assert not any("override" in n.en for n in rec.notes)
