"""Issue 11, item 7: an opt-in lenient reading keeps unknown members and writes them back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from khoan import Dossier, io
from khoan.exceptions import InvalidDocument, InvalidValue, flatten
from khoan.io import Unknown

EXAMPLE = io.dump(io.load_example("nguyet-duc-2022"))


def with_extras(data: dict[str, Any]) -> dict[str, Any]:
    """The example with members a later khoan or an application might add."""
    out: dict[str, Any] = json.loads(json.dumps(data))
    out["x-app"] = {"id": 7, "tags": ["a", "b"], "ok": True, "none": None}
    out["assignment"]["items"][2]["ghi chú"] = "giữ nguyên"
    out["scoresheets"][0]["signed/at"] = "2022-12-20"
    out["cadres"][0]["a~b"] = [1, 2.5, "x"]
    return out


class TestStrictByDefault:
    """Without an Unknown, a member the format does not have is refused, as before."""

    def test_refused_with_every_path(self) -> None:
        with pytest.raises(InvalidDocument) as info:
            io.load(with_extras(EXAMPLE))
        paths = sorted(e.path for e in flatten([info.value]))
        assert paths == sorted(["x-app", 'assignment.items[2]["ghi chú"]',
                                'scoresheets[0]["signed/at"]', 'cadres[0]["a~b"]'])  # fmt: skip


class TestKept:
    """With an Unknown, the members are kept by pointer and written back whole."""

    def test_pointers(self) -> None:
        kept = Unknown()
        io.load(with_extras(EXAMPLE), unknown=kept)
        assert set(kept.pointers()) == {
            "/x-app", "/assignment/items/2/ghi chú", "/scoresheets/0/signed~1at", "/cadres/0/a~0b",
        }  # fmt: skip
        assert len(kept) == 4

    def test_written_back_equal(self) -> None:
        data = with_extras(EXAMPLE)
        kept = Unknown()
        document = io.load(data, unknown=kept)
        assert data == io.dump(document, unknown=kept)
        assert json.loads(io.dumps(document, unknown=kept)) == data

    def test_the_facts_are_the_strict_reading_of_the_rest(self) -> None:
        document = io.load(with_extras(EXAMPLE), unknown=Unknown())
        assert io.load(EXAMPLE) == document

    def test_write_to_a_file(self, tmp_path: Path) -> None:
        data = with_extras(EXAMPLE)
        kept = Unknown()
        io.write(io.load(data, unknown=kept), tmp_path / "d.json", unknown=kept)
        assert data == json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))

    def test_read_from_a_file(self, tmp_path: Path) -> None:
        path = tmp_path / "d.json"
        path.write_text(json.dumps(with_extras(EXAMPLE), ensure_ascii=False), encoding="utf-8")
        kept = Unknown()
        assert isinstance(io.read(path, unknown=kept, expect=Dossier), Dossier)
        assert len(kept) == 4

    def test_a_member_whose_object_is_gone_is_refused_not_dropped(self) -> None:
        import attrs

        kept = Unknown()
        document = io.load(with_extras(EXAMPLE), unknown=kept)
        assert isinstance(document, Dossier)
        fewer = attrs.evolve(document, cadres=())
        with pytest.raises(InvalidValue) as info:
            io.dump(fewer, unknown=kept)
        assert info.value.path == "/cadres/0/a~0b"

    def test_values_json_cannot_write_back_are_refused(self) -> None:
        text = io.dumps(io.load(EXAMPLE)).replace('"title": ', '"x": NaN, "title": ', 1)
        with pytest.raises(InvalidValue) as info:
            io.loads(text, unknown=Unknown())
        assert info.value.path == "assignment.items[0].x"

    def test_wrong_types_are_refused(self) -> None:
        with pytest.raises(InvalidValue):
            io.load(EXAMPLE, unknown={})  # type: ignore[call-overload]
        with pytest.raises(InvalidValue):
            io.dump(io.load(EXAMPLE), unknown=[])  # type: ignore[arg-type]

    @given(
        key=st.text(min_size=1, max_size=20).filter(
            lambda k: k not in ("schema", "kind") and k.isprintable()
        ),
        value=st.recursive(
            st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=10),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(st.text(max_size=5), inner, max_size=3)
            ),
            max_leaves=8,
        ),
    )
    def test_any_member_round_trips(self, key: str, value: Any) -> None:
        import unicodedata

        key = unicodedata.normalize("NFC", key)
        value = json.loads(unicodedata.normalize("NFC", json.dumps(value, ensure_ascii=False)))
        data = json.loads(json.dumps(EXAMPLE))
        assume(key not in data["assignment"])
        data["assignment"][key] = value
        kept = Unknown()
        assert data == io.dump(
            io.loads(json.dumps(data, ensure_ascii=False), unknown=kept), unknown=kept
        )
