"""The JSON Schema agrees with the reader wherever JSON Schema can say the rule.

Direction 1 (must hold): every document the library reads satisfies the
schema, so a schema validator never refuses a good document. Direction 2
(documented): the library refuses documents the schema lets through only for
rules in :data:`khoan._io.jsonschema.INEXPRESSIBLE`; the generated cases of
that kind are counted and their error classes listed, never silently.
"""

from __future__ import annotations

import collections
import json
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings

from fuzzing import mutated_documents
from khoan import Cohort, io
from khoan._io.jsonschema import INEXPRESSIBLE
from khoan.exceptions import KhoanError

SCHEMA = json.loads((resources.files("khoan") / "schema" / "khoan-1.schema.json").read_bytes())
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)
DATA = Path(__file__).parent / "data"
DISAGREEMENTS: collections.Counter[str] = collections.Counter()


def parsed(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return None


class TestAgreement:
    """Generated and mutated documents: what the library reads, the schema accepts."""

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated_documents())
    def test_library_and_schema(self, data: bytes) -> None:
        value = parsed(data)
        if value is None or not isinstance(value, dict):
            return
        try:
            document = io.loads(data)
        except KhoanError as err:
            if VALIDATOR.is_valid(value):
                DISAGREEMENTS[type(err).__name__] += 1  # an inexpressible rule
            return
        errors = [e.message for e in VALIDATOR.iter_errors(io.dump(document))]
        assert errors == []
        if value == io.dump(document):
            assert VALIDATOR.is_valid(value)

    def test_inexpressible_rules_are_listed(self) -> None:
        assert len(INEXPRESSIBLE) >= 5
        assert any("cross references" in rule for rule in INEXPRESSIBLE)


class TestDiscriminator:
    """The validator reports the real problem, not a wrong branch."""

    def test_a_numeric_weight_is_reported_as_the_weight(self) -> None:
        data = io.dump(io.load_example("nguyet-duc-2022"))
        data["assignment"]["items"][0]["weight"] = 3
        errors = list(VALIDATOR.iter_errors(data))
        assert len(errors) == 1
        assert "weight" in list(errors[0].absolute_path)

    @pytest.mark.parametrize(
        ("field", "value"),
        [("id", ""), ("id", " x"), ("weight", "1e999999"), ("weight", "1" * 40)],
    )
    def test_schema_refuses_what_the_library_refuses(self, field: str, value: str) -> None:
        data = io.dump(io.load_example("nguyet-duc-2022"))
        data["assignment"]["items"][0][field] = value
        assert not VALIDATOR.is_valid(data)
        with pytest.raises(KhoanError):
            io.load(data)

    def test_empty_item_list_is_refused_by_both(self) -> None:
        data = io.dump(io.load_example("nguyet-duc-2022"))
        data["assignment"]["items"] = []
        assert not VALIDATOR.is_valid(data)
        with pytest.raises(KhoanError):
            io.load(data)


class TestValidFiles:
    """The bundled examples and the frozen files validate with format checking on."""

    FILES = sorted(DATA.glob("*.json"))

    @pytest.mark.parametrize("name", io.example_names())
    def test_example(self, name: str) -> None:
        raw = (resources.files("khoan") / "examples" / f"{name}.json").read_bytes()
        assert [e.message for e in VALIDATOR.iter_errors(json.loads(raw))] == []

    @pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
    def test_frozen_file(self, path: Path) -> None:
        assert [e.message for e in VALIDATOR.iter_errors(json.loads(path.read_bytes()))] == []


class TestFrozenFiles:
    """Documents written by earlier versions of the format load forever (migrations)."""

    EXPECTED: ClassVar[dict[str, tuple[str, int]]] = {
        "khoan-1-dossier-nguyet-duc-2022": ("Dossier", 1),
        "khoan-1-cohort-vinh-phuc-2021": ("Cohort", 24),
    }

    def test_every_frozen_file_is_pinned(self) -> None:
        assert sorted(self.EXPECTED) == sorted(p.stem for p in DATA.glob("*.json"))

    @pytest.mark.parametrize("name", sorted(EXPECTED))
    def test_frozen_file_loads(self, name: str) -> None:
        document = io.read(DATA / f"{name}.json")
        kind, dossiers = self.EXPECTED[name]
        assert kind == type(document).__name__
        assert dossiers == (len(document.dossiers) if isinstance(document, Cohort) else 1)
