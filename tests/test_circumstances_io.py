"""The facts of issue 9 in the JSON document format: written, read back, validated."""

from __future__ import annotations

import json

import pytest

from khoan import (
    Assignee,
    Assignment,
    Circumstances,
    Discipline,
    DisciplineLevel,
    Dossier,
    Period,
    Role,
    Task,
    io,
)
from khoan.exceptions import KhoanError


def dossier(facts: Circumstances) -> Dossier:
    a = Assignment(
        "a",
        issuer="tinh-uy",
        assignee=Assignee.cadre("c"),
        period="2024",
        items=[Task("t1", title="Nhiệm vụ", weight=10, deadline="2024-12-01")],
        issued_on="2024-01-02",
    )
    return Dossier(a, circumstances=facts)


FULL = Circumstances(
    role=Role.COLLECTIVE,
    subordinates=10,
    subordinates_not_achieved=1,
    subordinates_good=7,
    subordinates_disciplined=2,
    leadership_disciplined=False,
    shortcomings_remedied="0.75",
    criterion_poor=False,
    degraded=False,
    unit_corruption=True,
    corruption_self_detected=True,
    disciplines=[
        Discipline("v1", level=DisciplineLevel.WARNING, official_duties=True),
        Discipline("v0", level="reprimand", official_duties=False, counted_in="2023"),
    ],
    months_worked="7.5",
    months_leave=4,
    maternity=False,
)


class TestRoundTrip:
    """Every new fact is written to and read back from the khoan/1 document format."""

    def test_full_facts_round_trip(self) -> None:
        d = dossier(FULL)
        assert io.loads(io.dumps(d)) == d

    def test_the_json_reads_as_a_person_would_write_it(self) -> None:
        body = io.dump(dossier(FULL))["circumstances"]
        assert body["role"] == "collective"
        assert body["disciplines"][1] == {
            "violation": "v0",
            "official_duties": False,
            "counted_in": "2023",
        }
        assert (body["months_worked"], body["shortcomings_remedied"]) == ("7.5", "0.75")

    def test_unknown_stays_unknown(self) -> None:
        """None is never written, so it reads back as not known rather than as false."""
        d = dossier(Circumstances(months_worked=12))
        body = io.dump(d)["circumstances"]
        assert body == {"months_worked": "12"}
        back = io.loads(io.dumps(d), expect=Dossier)
        assert back.circumstances is not None and back.circumstances.maternity is None

    def test_the_shipped_schema_accepts_them(self) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        validator = jsonschema.Draft202012Validator(io.json_schema())
        assert list(validator.iter_errors(io.dump(dossier(FULL)))) == []


class TestValidation:
    """Bad values are refused with a KhoanError naming the field."""

    def load(self, circumstances: dict[str, object]) -> None:
        doc = io.dump(dossier(Circumstances()))
        doc["circumstances"] = circumstances
        io.loads(json.dumps(doc))

    @pytest.mark.parametrize(
        ("facts", "path"),
        [
            ({"months_worked": "13"}, "circumstances.months_worked"),
            ({"months_leave": "-1"}, "circumstances.months_leave"),
            ({"shortcomings_remedied": "1.5"}, "circumstances.shortcomings_remedied"),
            ({"role": "boss"}, "circumstances.role"),
            (
                {"disciplines": [{"violation": "v", "level": "scolding"}]},
                "circumstances.disciplines[0].level",
            ),
            (
                {"disciplines": [{"violation": "v", "counted_in": "last year"}]},
                "circumstances.disciplines[0].counted_in",
            ),
            (
                {"subordinates": 3, "subordinates_disciplined": 4},
                "circumstances.subordinates_disciplined",
            ),
            ({"subordinates": 3, "subordinates_good": 4}, "circumstances.subordinates_good"),
        ],
    )
    def test_refused_with_its_path(self, facts: dict[str, object], path: str) -> None:
        with pytest.raises(KhoanError) as caught:
            self.load(facts)
        assert path in str(caught.value) or any(
            path in str(e) for e in getattr(caught.value, "exceptions", ())
        )

    def test_the_same_decision_twice_is_refused(self) -> None:
        with pytest.raises(KhoanError, match="disciplines"):
            Circumstances(disciplines=[Discipline("v1"), Discipline("v1")])

    def test_a_period_in_python(self) -> None:
        assert Discipline("v1", counted_in=Period(2023)).counted_in == Period(2023)
