"""JSON documents: lossless round trip, the shipped schema, the bundled examples."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from khoan import Cohort, Dossier, io


def shipped_schema() -> dict[str, object]:
    text = (resources.files("khoan") / "schema" / "khoan-1.schema.json").read_text("utf-8")
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


class TestSchemaFile:
    def test_shipped_file_is_the_generated_schema(self) -> None:
        """Regenerate with: khoan schema > src/khoan/schema/khoan-1.schema.json"""
        assert shipped_schema() == io.json_schema()

    def test_schema_is_a_valid_draft_2020_12_schema(self) -> None:
        jsonschema.Draft202012Validator.check_schema(shipped_schema())

    @pytest.mark.parametrize("name", io.example_names())
    def test_examples_satisfy_the_schema(self, name: str) -> None:
        validator = jsonschema.Draft202012Validator(shipped_schema())
        errors = list(validator.iter_errors(io.dump(io.load_example(name))))
        assert errors == []

    def test_schema_refuses_a_number_for_a_decimal(self) -> None:
        data = io.dump(io.load_example("nguyet-duc-2022"))
        data["assignment"]["items"][0]["weight"] = 3
        validator = jsonschema.Draft202012Validator(shipped_schema())
        assert not validator.is_valid(data)


class TestExamples:
    @pytest.mark.parametrize("name", io.example_names())
    def test_example_file_round_trips_byte_for_byte(self, name: str) -> None:
        raw = (resources.files("khoan") / "examples" / f"{name}.json").read_text("utf-8")
        assert io.dumps(io.loads(raw)) == raw

    def test_nguyet_duc_has_the_articles_21_items(self) -> None:
        dossier = io.load_example("nguyet-duc-2022")
        assert isinstance(dossier, Dossier)
        assert len(dossier.assignment.items) == 21
        assert dossier.council is not None and len(dossier.council.members) == 7
        assert len(dossier.scoresheets) == 7
        assert "illustrative" in dossier.description.lower()

    def test_vinh_phuc_pilot_covers_6_directors_and_9_districts(self) -> None:
        cohort = io.load_example("vinh-phuc-2021")
        assert isinstance(cohort, Cohort)
        assert cohort.org_chart is not None
        assert len(cohort.dossiers) == 24
        directors = [c for c in cohort.cadres if c.category.value == "civil_servant"]
        assert len(directors) == 6

    def test_unknown_example(self) -> None:
        from khoan.exceptions import UnknownReference

        with pytest.raises(UnknownReference, match="nguyet-duc-2022"):
            io.load_example("ha-noi-2030")


class TestRoundTrip:
    @pytest.mark.parametrize("name", io.example_names())
    def test_load_dump_load_is_equal(self, name: str) -> None:
        document = io.load_example(name)
        assert io.loads(io.dumps(document)) == document

    def test_dump_refuses_other_things(self) -> None:
        from khoan.exceptions import InvalidValue

        with pytest.raises(InvalidValue):
            io.dump("not a dossier")  # type: ignore[arg-type]
