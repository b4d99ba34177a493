"""The public surface keeps its promises: keyword-only options, value equality, plain reprs."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction
from typing import Any

import pytest

import khoan
from khoan import Cohort, Dossier, Finding, FindingKind, Rating, Reason, Task, io, schemes, scoring
from khoan import consequences as cq
from khoan.exceptions import InvalidValue, UnknownName
from khoan.testing import timeless


class TestKeywordOnly:
    """Records of more than two fields take everything after their id by keyword."""

    def test_a_second_positional_argument_to_a_scheme_is_refused(self) -> None:
        with pytest.raises(TypeError):
            schemes.Scheme("x", "a title")  # type: ignore[call-arg]

    def test_a_task_takes_its_title_by_keyword(self) -> None:
        with pytest.raises(TypeError):
            Task("t1", "Thành lập chi bộ")  # type: ignore[call-arg]
        assert Task("t1", title="Thành lập chi bộ", weight=5).title == "Thành lập chi bộ"

    def test_a_part_reads_as_configuration(self) -> None:
        part = schemes.Part("general", maximum=30, source=schemes.Source.CRITERIA,
                            aggregator=scoring.judging())  # fmt: skip
        assert part.maximum == Fraction(30)

    @pytest.mark.parametrize(
        ("factory", "args"),
        [
            (scoring.ratio, (1,)),
            (scoring.linear, (1,)),
            (schemes.all_on_time, (True,)),
            (schemes.disciplined, (Rating.ACHIEVED,)),
            (scoring.trimmed_mean, (1,)),
        ],
    )
    def test_factory_options_are_keyword_only(self, factory: Any, args: tuple[Any, ...]) -> None:
        with pytest.raises(TypeError):
            factory(*args)


class TestStrategiesAreValues:
    """Strategies built from equal parts compare equal and print like the code that built them."""

    def test_clause_finders_compare_by_value(self) -> None:
        assert cq.consecutive_years(2) == cq.consecutive_years(2)
        assert cq.consecutive_years(2) != cq.consecutive_years(3)
        assert repr(cq.consecutive_years(2)) == "consecutive_years(2)"

    def test_rules_print_without_memory_addresses(self) -> None:
        for rule in cq.RULES.values():
            assert "0x" not in repr(rule), rule.name
            for clause in rule.clauses:
                assert "0x" not in repr(clause), (rule.name, clause.id)

    def test_presets_print_without_memory_addresses(self) -> None:
        for scheme in schemes.PRESETS.values():
            assert "0x" not in repr(scheme), scheme.name

    def test_equal_rules_are_equal(self) -> None:
        assert cq.unit_below("0.7") == cq.unit_below(Fraction(7, 10))
        assert scoring.fallback(scoring.council(), scoring.linear()) == scoring.fallback(
            scoring.council(), scoring.linear()
        )

    def test_a_finder_refuses_a_bad_argument_with_its_name(self) -> None:
        with pytest.raises(InvalidValue) as info:
            cq.consecutive_years(0)
        assert info.value.path == "count"


class TestRegistries:
    """Preset registries are read-only and say what exists when asked for what does not."""

    def test_an_unknown_name_lists_the_known_ones(self) -> None:
        with pytest.raises(UnknownName) as info:
            schemes.PRESETS.get("qd-366")
        assert "qd-366-2025" in str(info.value)
        assert isinstance(info.value, LookupError)

    def test_registries_cannot_be_changed(self) -> None:
        with pytest.raises(TypeError):
            schemes.PRESETS["x"] = schemes.QD_366_2025  # type: ignore[index]

    def test_a_registry_unpacks_like_a_mapping(self) -> None:
        assert list({**cq.RULES}) == list(cq.RULES.names())


class TestFindingsAreData:
    """Findings carry a kind and a stable clause id that apps match on."""

    def test_the_article_example_names_the_failed_condition_by_id(self) -> None:
        dossier = io.load_example("nguyet-duc-2022", expect=Dossier)
        e = khoan.evaluate_dossier(dossier, scheme=timeless(schemes.QD_366_2025))
        clauses = [f.clause for f in e.findings if f.kind is FindingKind.CONDITION]
        assert "qd-366-2025/excellent/on-time-quality" in clauses

    def test_a_veto_is_named_by_id(self) -> None:
        f = Finding(FindingKind.VETO, before=Rating.GOOD, after=Rating.NOT_ACHIEVED,
                    reason=Reason("x", "y"), clause="nd-335-2025/veto/disciplined")  # fmt: skip
        assert f.kind == "veto"
        assert f.clause.endswith("/disciplined")

    def test_the_json_dump_carries_the_clause(self) -> None:
        dossier = io.load_example("nguyet-duc-2022", expect=Dossier)
        e = khoan.evaluate_dossier(dossier, scheme=timeless(schemes.QD_366_2025))
        dumped = io.dump_evaluation(e)
        assert all("clause" in f for f in dumped["findings"])


class TestTypedReaders:
    """Readers can be asked for one kind of document and refuse the other."""

    def test_asking_for_a_cohort_gives_a_cohort(self) -> None:
        assert isinstance(io.load_example("vinh-phuc-2021", expect=Cohort), Cohort)

    def test_asking_for_a_dossier_refuses_a_cohort(self) -> None:
        with pytest.raises(InvalidValue) as info:
            io.load_example("vinh-phuc-2021", expect=Dossier)
        assert info.value.path == "kind"


class TestImportCost:
    """``import khoan`` builds no preset and imports no edge module."""

    def test_importing_the_package_loads_only_the_core(self) -> None:
        code = "import sys, khoan; print(sorted(m for m in sys.modules if m.startswith('khoan')))"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for module in ("khoan.schemes", "khoan.consequences", "khoan.io", "khoan.cli"):
            assert f"'{module}'" not in out, module
