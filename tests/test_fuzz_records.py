"""Sealed evaluations: the digest is stable, and any change to any field breaks it."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from khoan import Dossier, evaluate_dossier, io
from khoan.exceptions import InvalidValue
from khoan.records import canonical, seal, verify
from khoan.schemes import PRESETS
from khoan.testing import timeless

DOSSIER = io.load_example("nguyet-duc-2022", expect=Dossier)
SCHEME = PRESETS["vinh-phuc-2021"]
SEALED = seal(evaluate_dossier(DOSSIER, scheme=SCHEME), facts=DOSSIER, scheme=SCHEME)


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in leaves(v, (*path, k))] or [path]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in leaves(v, (*path, i))] or [path]
    return [path]


def flipped(value: Any) -> Any:
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    if value is None:
        return "x"
    return [*value, "x"] if isinstance(value, list) else {**value, "x": 1}


class TestSeal:
    """seal() is canonical and stable; verify() finds every change."""

    def test_a_fresh_seal_verifies(self) -> None:
        assert verify(SEALED)
        assert verify(SEALED.text)
        assert verify(json.loads(SEALED.text))

    def test_the_record_is_canonical_json(self) -> None:
        assert canonical(json.loads(SEALED.text)) == SEALED.text

    def test_flipping_every_single_field_breaks_the_seal(self) -> None:
        record = json.loads(SEALED.text)
        paths = leaves(record)
        assert len(paths) > 1000
        for path in paths:
            parent = record
            for key in path[:-1]:
                parent = parent[key]
            kept = parent[path[-1]]
            parent[path[-1]] = flipped(kept)
            assert not verify(record), path
            parent[path[-1]] = kept
        assert verify(record)

    def test_same_facts_in_another_order_seal_to_the_same_digest(self) -> None:
        data = io.dump(DOSSIER)
        rng = random.Random(11)
        for key in ("inspections", "scoresheets"):
            rng.shuffle(data[key])
        rng.shuffle(data["assignment"]["supports"])
        shuffled = io.load(data, expect=Dossier)
        again = seal(evaluate_dossier(shuffled, scheme=SCHEME), facts=shuffled, scheme=SCHEME)
        assert SEALED.sha256 == again.sha256

    def test_equal_decimals_written_differently_seal_alike(self) -> None:
        data = io.dump(DOSSIER)
        data["assignment"]["items"][0]["weight"] = "4.000"
        other = io.load(data, expect=Dossier)
        again = seal(evaluate_dossier(other, scheme=SCHEME), facts=other, scheme=SCHEME)
        assert SEALED.sha256 == again.sha256

    def test_another_scheme_is_another_digest(self) -> None:
        scheme = timeless(PRESETS["nd-335-2025"])
        other = seal(evaluate_dossier(DOSSIER, scheme=scheme), facts=DOSSIER, scheme=scheme)
        assert SEALED.sha256 != other.sha256

    def test_wrong_scheme_is_refused(self) -> None:
        with pytest.raises(InvalidValue):
            seal(
                evaluate_dossier(DOSSIER, scheme=SCHEME),
                facts=DOSSIER,
                scheme=PRESETS["nd-335-2025"],
            )

    @pytest.mark.parametrize("junk", ["", "[]", "{}", "null", b"\xff", '{"sealed": 1}'])
    def test_junk_does_not_verify(self, junk: str | bytes) -> None:
        assert not verify(junk)


class TestCommandLine:
    """khoan evaluate --seal FILE and khoan verify FILE (issue 11, item 5)."""

    def test_seal_then_verify(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from khoan.cli import main

        record = tmp_path / "sealed.json"
        argv = ["evaluate", "--example", "nguyet-duc-2022", "--scheme", "vinh-phuc-2021"]
        assert main([*argv, "--seal", str(record), "--lang", "en"]) == 0
        dossier = io.load_example("nguyet-duc-2022", expect=Dossier)
        scheme = PRESETS["vinh-phuc-2021"]
        expected = seal(evaluate_dossier(dossier, scheme=scheme), facts=dossier, scheme=scheme)
        assert expected.text + "\n" == record.read_text(encoding="utf-8")
        assert f"sha256 {expected.sha256}" in capsys.readouterr().err
        assert main(["verify", str(record), "--lang", "en"]) == 0
        assert f"intact, sha256 {expected.sha256}" in capsys.readouterr().out

    def test_a_changed_record_exits_1(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from khoan.cli import main

        record = tmp_path / "sealed.json"
        main(
            [
                "evaluate",
                "--example",
                "nguyet-duc-2022",
                "--scheme",
                "vinh-phuc-2021",
                "--seal",
                str(record),
            ]
        )
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace('"weight":"', '"weight":"1', 1), encoding="utf-8")
        capsys.readouterr()
        assert main(["verify", str(record), "--lang", "en"]) == 1
        assert "NOT intact" in capsys.readouterr().out

    def test_seal_takes_one_dossier(self, tmp_path: Path) -> None:
        from khoan.cli import main

        assert (
            main(
                [
                    "evaluate",
                    "--example",
                    "vinh-phuc-2021",
                    "--scheme",
                    "vinh-phuc-2021",
                    "--seal",
                    str(tmp_path / "x"),
                ]
            )
            == 2
        )
