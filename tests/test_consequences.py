"""A scenario per clause of every consequence preset, exceptions included."""

from __future__ import annotations

import datetime as dt

import attrs
import jsonschema
import pytest

from khoan import Category, Circumstances, Status, Tag, Term
from khoan._base.findings import Reason
from khoan._facts.report import ExcuseKind
from khoan._io.outputs import output_schema
from khoan._schemes.readings import Reading
from khoan.consequences import (
    LAW_2019,
    ND_335_2025,
    NO_DUE_PROCESS,
    QD_41_2021,
    QD_377_2025,
    RULES,
    US_MODEL_SAFEGUARDS,
    US_SAFEGUARDS_LABEL,
    VINH_PHUC_PILOT,
    Action,
    DueProcess,
    History,
    MitigationPolicy,
    SchemeBasis,
    Step,
    first_applicable,
    not_recommended,
    recommend,
    strongest,
)
from khoan.exceptions import DuplicateId, InvalidValue
from khoan.io import dump_recommendations
from khoan.testing import GOOD, NA, OK, evaluation, history, item

TERM = Term("2020-10-01", "2025-09-30")
NEXT_TERM = Term("2025-10-01", "2030-09-30")


def action(rule: object, h: History) -> Action | None:
    assert callable(rule)
    rec = rule(h)
    return None if rec is None else rec.action


class TestVinhPhucPilot:
    def test_not_achieved_means_transfer(self) -> None:
        rec = VINH_PHUC_PILOT(history("c", {2022: NA}))
        assert rec is not None
        assert rec.action is Action.TRANSFER
        assert "371-QĐ/TU" in rec.legal_basis[0]
        assert [t.period for t in rec.triggered_by] == ["2022"]

    def test_achieved_means_nothing(self) -> None:
        assert VINH_PHUC_PILOT(history("c", {2021: NA, 2022: OK})) is None

    def test_only_the_latest_year_counts(self) -> None:
        """A later good year clears the record: the old failure triggers nothing."""
        assert action(VINH_PHUC_PILOT, history("c", {2021: NA, 2022: GOOD})) is None


class TestLaw2019:
    def test_cadre_two_consecutive_years_removed(self) -> None:
        rec = LAW_2019(history("c", {2021: NA, 2022: NA}, category="cadre"))
        assert rec is not None
        assert rec.action is Action.REMOVE_FROM_POST
        assert "Điều 29" in rec.legal_basis[0]

    def test_cadre_non_consecutive_years_nothing(self) -> None:
        assert action(LAW_2019, history("c", {2020: NA, 2021: OK, 2022: NA})) is None

    def test_civil_servant_two_consecutive_years_dismissed(self) -> None:
        rec = LAW_2019(history("c", {2021: NA, 2022: NA}, category="civil_servant"))
        assert rec is not None
        assert rec.action is Action.DISMISS
        assert "Điều 58" in rec.legal_basis[0]

    def test_dismissal_deferred_when_protected(self) -> None:
        h = history(
            "c", {2021: NA, 2022: NA}, category="civil_servant", protected_from_dismissal=True
        )
        rec = LAW_2019(h)
        assert rec is not None
        assert (rec.automatic_action, rec.action) == (Action.DISMISS, Action.REVIEW)
        assert "Điều 59" in rec.exceptions[0].en

    def test_leader_two_non_consecutive_years_in_one_term(self) -> None:
        h = history(
            "c", {2021: NA, 2022: OK, 2023: NA}, category="civil_servant", is_leader=True, term=TERM
        )
        rec = LAW_2019(h)
        assert rec is not None
        assert rec.action is Action.REASSIGN
        assert rec.alternatives == (Action.NOT_REAPPOINT,)

    def test_leader_non_consecutive_years_across_terms_nothing(self) -> None:
        h = history(
            "c",
            {2024: NA, 2025: OK, 2026: NA},
            category="civil_servant",
            is_leader=True,
            term=NEXT_TERM,
        )
        assert LAW_2019(h) is None

    def test_leader_with_unknown_term_is_reviewed(self) -> None:
        h = history("c", {2021: NA, 2022: OK, 2023: NA}, category="civil_servant", is_leader=True)
        rec = LAW_2019(h)
        assert rec is not None
        assert rec.action is Action.REVIEW
        assert "term is not known" in rec.notes[0].en

    def test_non_leader_two_in_three_years_lower_post(self) -> None:
        h = history("c", {2020: NA, 2021: OK, 2022: NA}, category="civil_servant", is_leader=False)
        rec = LAW_2019(h)
        assert rec is not None
        assert rec.action is Action.LOWER_POST

    def test_non_leader_two_years_four_apart_nothing(self) -> None:
        h = history(
            "c",
            {2019: NA, 2020: OK, 2021: OK, 2022: NA},
            category="civil_servant",
            is_leader=False,
        )
        assert LAW_2019(h) is None

    def test_public_employees_are_outside_the_law(self) -> None:
        h = history("c", {2021: NA, 2022: NA}, category="public_employee")
        assert LAW_2019(h) is None

    def test_three_consecutive_years_still_the_strongest_clause(self) -> None:
        h = history(
            "c", {2021: NA, 2022: NA, 2023: NA}, category="civil_servant", is_leader=True, term=TERM
        )
        rec = LAW_2019(h)
        assert rec is not None
        assert rec.action is Action.DISMISS
        assert any("reassigned" in a for a in rec.also)


class TestQd41:
    def test_two_consecutive_years_removed(self) -> None:
        rec = QD_41_2021(history("c", {2021: NA, 2022: NA}))
        assert rec is not None
        assert rec.action is Action.REMOVE_FROM_POST
        assert rec.legal_basis == ("Quy định 41-QĐ/TW, căn cứ miễn nhiệm (4)",)

    def test_more_than_two_thirds_low_confidence_removed(self) -> None:
        votes = {2022: Circumstances(low_confidence_share="0.70")}
        rec = QD_41_2021(history("c", {2022: GOOD}, circumstances=votes))
        assert rec is not None
        assert rec.action is Action.REMOVE_FROM_POST
        assert "(3)" in rec.legal_basis[0]

    def test_exactly_two_thirds_is_not_more_than(self) -> None:
        votes = {2022: Circumstances(low_confidence_share="0.6666")}
        rec = QD_41_2021(history("c", {2022: GOOD}, circumstances=votes))
        assert rec is not None
        assert rec.action is Action.REVIEW  # above half: consider resignation

    def test_more_than_half_low_confidence_considers_resignation(self) -> None:
        votes = {2022: Circumstances(low_confidence_share="0.55")}
        rec = QD_41_2021(history("c", {2022: GOOD}, circumstances=votes))
        assert rec is not None
        assert rec.action is Action.REVIEW
        assert "từ chức" in rec.clause.vi

    def test_half_or_less_nothing(self) -> None:
        votes = {2022: Circumstances(low_confidence_share="0.5")}
        assert QD_41_2021(history("c", {2022: GOOD}, circumstances=votes)) is None


class TestQd377:
    def test_unit_under_70_percent_relieved(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.65")}
        rec = QD_377_2025(history("c", {2026: OK}, circumstances=facts))
        assert rec is not None
        assert rec.action is Action.RELIEVE_OF_POST
        assert "377-QĐ/TW" in rec.legal_basis[0]

    def test_unit_at_70_percent_nothing(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.70")}
        assert QD_377_2025(history("c", {2026: OK}, circumstances=facts)) is None

    def test_basic_targets_missed_relieved(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.9", basic_targets_missed=True)}
        rec = QD_377_2025(history("c", {2026: GOOD}, circumstances=facts))
        assert rec is not None
        assert rec.action is Action.RELIEVE_OF_POST

    def test_basic_targets_derived_from_tagged_items(self) -> None:
        items = [
            item("growth", Status.NOT_COMPLETED, tags=[Tag.BASIC_SOCIO_ECONOMIC]),
            *[item(f"i{n}") for n in range(9)],
        ]
        h = History("c", evaluations=(evaluation("c", 2026, OK, items),))
        rec = QD_377_2025(h)
        assert rec is not None
        assert rec.action is Action.RELIEVE_OF_POST
        assert "missed: growth" in rec.notes[0].en

    def test_completion_derived_from_items_when_unknown(self) -> None:
        items = [item("a", Status.NOT_COMPLETED), item("b", Status.NOT_COMPLETED), item("c")]
        rec = QD_377_2025(History("c", evaluations=(evaluation("c", 2026, NA, items),)))
        assert rec is not None
        assert "33.3%" in rec.notes[0].en

    def test_force_majeure_exception(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.5", force_majeure=True)}
        rec = QD_377_2025(history("c", {2026: NA}, circumstances=facts))
        assert rec is not None
        assert (rec.automatic_action, rec.action) == (Action.RELIEVE_OF_POST, Action.NONE)
        assert "force majeure" in rec.exceptions[0].en
        assert rec.due_process == ()

    def test_under_a_year_in_post_exception(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.5")}
        h = history("c", {2026: NA}, circumstances=facts, post_since="2026-03-01")
        rec = QD_377_2025(h)
        assert rec is not None
        assert rec.action is Action.NONE
        assert "under one year" in rec.exceptions[0].en

    def test_exactly_a_year_in_post_is_not_under(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.5")}
        h = history("c", {2026: NA}, circumstances=facts, post_since="2025-12-31")
        assert action(QD_377_2025, h) is Action.RELIEVE_OF_POST

    def test_applies_to_heads_only(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.5")}
        assert QD_377_2025(history("c", {2026: NA}, circumstances=facts, is_leader=False)) is None


class TestNd335:
    def test_civil_servant_not_achieved_lower_post_or_dismissal(self) -> None:
        rec = ND_335_2025(history("c", {2026: NA}, category="civil_servant"))
        assert rec is not None
        assert rec.action is Action.LOWER_POST
        assert rec.alternatives == (Action.DISMISS,)
        assert "Điều 23" in rec.legal_basis[0]

    def test_cadres_are_not_civil_servants(self) -> None:
        assert ND_335_2025(history("c", {2026: NA}, category="cadre")) is None


class TestMitigation:
    def test_confirmed_excuse_covering_the_failure_turns_to_review(self) -> None:
        h = history("c", {2022: NA}, excused={2022: [ExcuseKind.OBJECTIVE_CAUSE]})
        rec = VINH_PHUC_PILOT(h)
        assert rec is not None
        assert (rec.automatic_action, rec.action) == (Action.TRANSFER, Action.REVIEW)
        assert rec.mitigations[0].kind == "objective_cause"
        assert "review" in rec.mitigations[0].effect.en

    def test_approved_innovation_protected(self) -> None:
        """NĐ 73/2023/NĐ-CP Điều 11: an approved innovation that fails is protected."""
        h = history("c", {2022: NA}, excused={2022: [ExcuseKind.APPROVED_INNOVATION]})
        assert action(VINH_PHUC_PILOT, h) is Action.REVIEW

    def test_undelivered_support_turns_to_review(self) -> None:
        facts = {2022: Circumstances(supports_not_delivered=("ht02",))}
        rec = VINH_PHUC_PILOT(history("c", {2022: NA}, circumstances=facts))
        assert rec is not None
        assert rec.action is Action.REVIEW
        assert "ht02" in rec.mitigations[0].reason.en

    def test_partial_cover_is_recorded_not_ignored(self) -> None:
        items = [
            item("a", Status.NOT_COMPLETED, excused=[ExcuseKind.FORCE_MAJEURE]),
            item("b", Status.NOT_COMPLETED),
        ]
        rec = VINH_PHUC_PILOT(History("c", evaluations=(evaluation("c", 2022, NA, items),)))
        assert rec is not None
        assert rec.action is Action.TRANSFER
        assert "does not cover every item" in rec.mitigations[0].effect.en

    def test_one_mitigated_year_of_two_consecutive(self) -> None:
        h = history(
            "c",
            {2021: NA, 2022: NA},
            category="civil_servant",
            excused={2021: [ExcuseKind.FORCE_MAJEURE]},
        )
        assert action(LAW_2019, h) is Action.REVIEW

    def test_note_policy_keeps_the_action_but_shows_the_excuse(self) -> None:
        rule = attrs.evolve(VINH_PHUC_PILOT, mitigation=MitigationPolicy.NOTE)
        rec = rule(history("c", {2022: NA}, excused={2022: [ExcuseKind.OBJECTIVE_CAUSE]}))
        assert rec is not None
        assert rec.action is Action.TRANSFER
        assert rec.mitigations[0].effect.en == "noted; the action stands"

    def test_confidence_votes_cannot_be_excused(self) -> None:
        facts = {2022: Circumstances(low_confidence_share="0.8", supports_not_delivered=("s",))}
        assert action(QD_41_2021, history("c", {2022: GOOD}, circumstances=facts)) is (
            Action.REMOVE_FROM_POST
        )


class TestSafeguards:
    """The due-process steps are optional safeguards modelled on 5 U.S.C. 4303, off by default."""

    PILOT = attrs.evolve(VINH_PHUC_PILOT, due_process=US_MODEL_SAFEGUARDS)

    @pytest.mark.parametrize("name", list(RULES))
    def test_off_by_default_in_every_vietnamese_preset(self, name: str) -> None:
        assert RULES[name].due_process == NO_DUE_PROCESS

    def test_the_default_output_lists_no_safeguard_and_nothing_owed(self) -> None:
        rec = VINH_PHUC_PILOT(history("c", {2022: NA}))
        assert rec is not None
        assert (rec.due_process, rec.safeguards_label) == ((), None)
        for lang in ("vi", "en"):
            text = rec.explain(lang)
            assert "owed" not in text and "còn phải thực hiện" not in text
            assert "4303" not in text

    def test_steps_with_dates_when_configured(self) -> None:
        rec = self.PILOT(history("c", {2022: NA}))
        assert rec is not None
        steps = {s.step: s.due for s in rec.due_process}
        assert steps[Step.WRITTEN_NOTICE] == dt.date(2023, 1, 1)
        assert steps[Step.REPLY] == dt.date(2023, 1, 31)
        assert steps[Step.RECORD_CLEARED] == dt.date(2024, 1, 1)

    def test_labelled_as_us_practice_not_vietnamese_law_when_on(self) -> None:
        rec = self.PILOT(history("c", {2022: NA}))
        assert rec is not None
        assert rec.safeguards_label == US_SAFEGUARDS_LABEL
        en, vi = rec.explain("en"), rec.explain("vi")
        assert (
            "Recommended safeguards not yet recorded as done (recommended safeguards, modelled "
            "on 5 U.S.C. 4303 and 5 CFR 432.104 (United States); not prescribed by Vietnamese "
            "law):" in en.splitlines()
        )
        assert any(
            line.startswith("Biện pháp bảo đảm khuyến nghị, chưa ghi nhận đã thực hiện")
            and "pháp luật Việt Nam không quy định" in line
            for line in vi.splitlines()
        )
        assert "owed" not in en and "còn phải thực hiện" not in vi

    def test_a_rule_own_steps_carry_their_own_label(self) -> None:
        own = DueProcess(((Step.REPLY, 15),))
        rec = attrs.evolve(LAW_2019, due_process=own)(
            history("c", {2021: NA, 2022: NA}, category=Category.CIVIL_SERVANT)
        )
        assert rec is not None
        assert rec.safeguards_label is not None
        assert "not prescribed by the Vietnamese sources" in rec.safeguards_label.en

    def test_steps_done_are_not_listed(self) -> None:
        h = history("c", {2022: NA}, steps_done=(Step.WRITTEN_NOTICE, Step.REPLY))
        rec = self.PILOT(attrs.evolve(h, as_of=dt.date(2023, 3, 1)))
        assert rec is not None
        pending = [s.step for s in rec.due_process]
        assert Step.WRITTEN_NOTICE not in pending and Step.REPLY not in pending
        assert rec.due_process[0].due is None  # the improvement period has no set length


class TestBasis:
    """Each recommendation carries the assumptions of its rule and of its schemes."""

    def test_rule_assumptions_reach_the_recommendation(self) -> None:
        rec = VINH_PHUC_PILOT(history("c", {2022: NA}))
        assert rec is not None
        assert VINH_PHUC_PILOT.assumptions == rec.assumptions
        assert VINH_PHUC_PILOT.title == rec.rule_title
        en, vi = rec.explain("en"), rec.explain("vi")
        assert "its wording in QĐ 371 is UNCONFIRMED" in en
        assert "nội dung cụ thể trong QĐ 371 chưa xác minh được" in vi
        assert "Assumptions of the rule:" in en.splitlines()
        assert "Giả định của quy tắc:" in vi.splitlines()

    def test_qd_377_reading_reaches_the_recommendation(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.5")}
        rec = QD_377_2025(history("c", {2026: NA}, circumstances=facts))
        assert rec is not None
        assert QD_377_2025.assumptions == rec.assumptions
        assert QD_377_2025.assumptions[0].en in rec.explain("en")

    def test_qd_377_any_one_of_five_is_labelled_as_khoans_reading(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.9", basic_targets_missed=True)}
        rec = QD_377_2025(history("c", {2026: NA}, circumstances=facts))
        assert rec is not None
        assert rec.action is Action.RELIEVE_OF_POST
        assert any(
            "ANY ONE of the five basic targets (khoan's reading" in a.en for a in rec.assumptions
        )

    def test_partial_presets_list_what_they_omit(self) -> None:
        assert len(QD_41_2021.omitted) == 5
        assert QD_377_2025.omitted[0].en.startswith("ground 2:")

    def test_scheme_assumptions_and_readings_of_the_triggers(self) -> None:
        reading = Reading(
            topic="fall-through", choice="refer", reason=Reason("refer it", "chuyển hội đồng")
        )
        e = attrs.evolve(
            evaluation("c", 2022, NA),
            scheme="s-1",
            scheme_version="3",
            legal_basis=("QĐ X",),
            assumptions=(Reason("points are rounded once", "làm tròn một lần"),),
            readings=(reading,),
        )
        rec = VINH_PHUC_PILOT(History("c", evaluations=(e,)))
        assert rec is not None
        expected = SchemeBasis(
            "s-1",
            version="3",
            legal_basis=("QĐ X",),
            assumptions=(Reason("points are rounded once", "làm tròn một lần"),),
            readings=(reading,),
        )
        assert (expected,) == rec.schemes
        en, vi = rec.explain("en").splitlines(), rec.explain("vi").splitlines()
        assert "Scheme s-1 (3) behind the ratings below:" in en
        assert "  Assumption: points are rounded once" in en
        assert "  Reading fall-through = refer: refer it" in en
        assert "  Giả định: làm tròn một lần" in vi
        assert "  Cách đọc fall-through = refer: chuyển hội đồng" in vi

    def test_basis_and_silence_in_the_json_dump(self) -> None:
        h = history("c", {2022: NA})
        cadre = History("k", evaluations=(evaluation("k", 2022, NA),))
        found = recommend([h], ND_335_2025)
        silent = not_recommended([h, cadre], ND_335_2025)
        data = dump_recommendations(
            recommend([h], VINH_PHUC_PILOT),
            rule="vinh-phuc-pilot",
            scheme="s",
            no_recommendations=silent,
        )
        jsonschema.validate(data, output_schema("recommendations"))
        (rec,) = data["recommendations"]
        assert [a.en for a in VINH_PHUC_PILOT.assumptions] == [a["en"] for a in rec["assumptions"]]
        assert rec["schemes"][0]["scheme"] == h.evaluations[0].scheme
        assert rec["due_process"] == [] and rec["safeguards_label"] is None
        assert found == ()
        assert [n["cadre"] for n in data["no_recommendations"]] == ["c", "k"]


class TestNoRecommendation:
    """A cadre rated Not achieved whom a rule passes over gets a record saying why."""

    def test_a_cadre_outside_nd_335_is_told_why(self) -> None:
        h = history("k", {2025: NA}, category=Category.CADRE)
        assert ND_335_2025(h) is None
        (record,) = not_recommended([h], ND_335_2025)
        assert (record.cadre, record.rule, record.not_achieved) == ("k", "nd-335-2025", ("2025",))
        assert "applies to civil servant only; k is cadre" in record.reasons[0].en
        assert "chỉ áp dụng đối với công chức; k là cán bộ" in record.reasons[0].vi
        assert record.explain("en").startswith(
            "No recommendation for k under nd-335-2025 (Not achieved: 2025), because:"
        )
        assert record.explain("vi").startswith("Không có đề xuất đối với k theo nd-335-2025")

    def test_a_condition_not_met_is_named_per_clause(self) -> None:
        h = history("c", {2021: NA, 2022: GOOD}, category=Category.CIVIL_SERVANT, is_leader=False)
        assert LAW_2019(h) is None
        (record,) = not_recommended([h], LAW_2019)
        assert [len(LAW_2019.clauses)] == [len(record.reasons)]
        assert "clause cadre-2-consecutive applies to cadre only" in record.reasons[0].en
        assert (
            "clause civil-servant-2-consecutive: its condition is not met" in record.reasons[1].en
        )
        assert "applies only to those who lead; c does not" in record.reasons[2].en

    def test_nothing_for_those_not_rated_not_achieved_or_recommended(self) -> None:
        good = history("g", {2022: GOOD})
        recommended = history("c", {2022: NA})
        assert not_recommended([good, recommended], VINH_PHUC_PILOT) == ()

    def test_an_exception_is_a_recommendation_not_a_silence(self) -> None:
        facts = {2026: Circumstances(unit_completion="0.5")}
        h = history("c", {2026: NA}, circumstances=facts, post_since="2026-03-01")
        assert not_recommended([h], QD_377_2025) == ()

    def test_a_rule_without_why_not_is_recorded_as_silent(self) -> None:
        rule = strongest(ND_335_2025)
        h = history("k", {2025: NA}, category=Category.CADRE)
        (record,) = not_recommended([h], rule)
        assert "does not say why" in record.reasons[0].en

    def test_order_of_histories_does_not_matter(self) -> None:
        hs = [history(c, {2025: NA}, category=Category.CADRE) for c in ("b", "a", "c")]
        assert not_recommended(hs, ND_335_2025) == not_recommended(hs[::-1], ND_335_2025)
        assert [r.cadre for r in not_recommended(hs, ND_335_2025)] == ["a", "b", "c"]


class TestCombinators:
    def h(self) -> History:
        return history("c", {2021: NA, 2022: NA}, category="civil_servant", is_leader=False)

    def test_strongest(self) -> None:
        rec = strongest(VINH_PHUC_PILOT, LAW_2019, ND_335_2025)(self.h())
        assert rec is not None
        assert (rec.rule, rec.action) == ("law-2019", Action.DISMISS)
        assert len(rec.also) == 2

    def test_first_applicable(self) -> None:
        rec = first_applicable(QD_377_2025, VINH_PHUC_PILOT, LAW_2019)(self.h())
        assert rec is not None
        assert rec.rule == "vinh-phuc-pilot"

    def test_recommend_orders_by_severity_then_cadre(self) -> None:
        histories = [
            history("b", {2022: NA}, category="civil_servant", is_leader=False),
            self.h(),
            history("a", {2022: NA}, category="civil_servant", is_leader=False),
            history("z", {2022: GOOD}),
        ]
        found = recommend(histories, strongest(*RULES.values()))
        assert [(r.cadre, r.action) for r in found] == [
            ("c", Action.DISMISS),
            ("a", Action.LOWER_POST),
            ("b", Action.LOWER_POST),
        ]
        assert recommend(reversed(histories), strongest(*RULES.values())) == found


class TestHistory:
    def test_order_of_evaluations_does_not_matter(self) -> None:
        a = evaluation("c", 2021, NA)
        b = evaluation("c", 2022, NA)
        assert History("c", evaluations=(b, a)) == History("c", evaluations=(a, b))

    def test_two_evaluations_of_one_period_refused(self) -> None:
        with pytest.raises(DuplicateId):
            History("c", evaluations=(evaluation("c", 2022, NA), evaluation("c", 2022, OK)))

    def test_someone_elses_evaluation_refused(self) -> None:
        with pytest.raises(InvalidValue):
            History("c", evaluations=(evaluation("d", 2022, NA),))

    def test_quarters_do_not_count_as_years(self) -> None:
        h = History(
            "c", evaluations=(evaluation("c", "Q1/2022", NA), evaluation("c", "Q2/2022", NA))
        )
        assert LAW_2019(attrs.evolve(h, category="civil_servant")) is None

    def test_explain_in_both_languages(self) -> None:
        rec = VINH_PHUC_PILOT(history("c", {2022: NA}))
        assert rec is not None
        assert "điều chuyển công tác" in rec.explain("vi")
        assert "transfer" in rec.explain("en")
        with pytest.raises(InvalidValue):
            rec.explain("fr")
