"""Sealed evaluations: a canonical record of facts, scheme and result, and its SHA-256.

An auditor asks years later how a rating was reached. :func:`seal` writes the
facts (the dossier), the scheme (name, version and
every parameter) and the evaluation, every field of each, into one canonical JSON text and takes
its SHA-256 digest; :func:`verify` recomputes the digest and finds any change
to any field. The same facts under the same scheme seal to the same digest
on any machine and in any input order of the facts' collections.

>>> from khoan import Dossier, evaluate_dossier, io
>>> from khoan.schemes import PRESETS
>>> dossier = io.load_example("nguyet-duc-2022", expect=Dossier)
>>> scheme = PRESETS["vinh-phuc-2021"]
>>> sealed = seal(evaluate_dossier(dossier, scheme=scheme), facts=dossier, scheme=scheme)
>>> len(sealed.sha256), verify(sealed.text)
(64, True)
>>> verify(sealed.text.replace('"rating":', '"rating": "excellent", "x":', 1))
False

The canonical form follows RFC 8785 (JSON Canonicalization Scheme) in
spirit: object members sorted by key, no insignificant whitespace, UTF-8,
and no JSON numbers but integers (exact numbers are canonical strings:
``"4.5"`` for ``Decimal("4.50")``, ``"1117/12"`` for a fraction). Two
departures, both stated: keys are sorted by code point rather than by
UTF-16 unit (they differ only for characters beyond U+FFFF, which khoan's
keys never hold), and lists of identified things (objects with an ``id``,
``item``, ``member`` or ``assignment``) are sorted by their canonical text,
so that the order the facts were typed in does not change the digest.
A digest proves integrity, not authorship: keep it where the record
cannot be rewritten (the minutes, a register), or sign it.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from khoan._base.convert import FrozenMap
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Dossier
from khoan._facts.period import Period
from khoan._schemes.scheme import Scheme
from khoan.exceptions import InvalidValue

__all__ = ["SEALED_KIND", "Sealed", "canonical", "seal", "verify"]

SEALED_KIND: Final = "sealed-evaluation"
"""The ``kind`` of a sealed record."""

_IDENTITIES: Final = ("id", "item", "member", "assignment")


@attrs.frozen
class Sealed:
    """A sealed evaluation: the canonical record and its SHA-256 digest.

    Args:
        text: The whole record as canonical JSON (what :func:`verify` reads).
        sha256: The hexadecimal SHA-256 digest of the sealed body.

    """

    text: str
    sha256: str


def seal(evaluation: Evaluation, *, facts: Dossier, scheme: Scheme) -> Sealed:
    """Seal an evaluation with the facts it was computed from and its scheme.

    Args:
        evaluation: The evaluation to seal.
        facts: The dossier the evaluation was computed from.
        scheme: The scheme it was computed under.

    Returns:
        The record: ``{"schema", "kind", "sha256", "sealed": {"facts",
        "scheme", "result"}}`` as canonical JSON, and the digest.

    Raises:
        InvalidValue: An argument of the wrong type, or an evaluation that
            is not of ``facts`` under ``scheme`` (assignment, scheme name or
            version differ).

    """
    if not isinstance(evaluation, Evaluation):
        raise InvalidValue("evaluation", evaluation, "an Evaluation")
    if not isinstance(facts, Dossier):
        raise InvalidValue("facts", facts, "the Dossier the evaluation was computed from")
    if not isinstance(scheme, Scheme):
        raise InvalidValue("scheme", scheme, "the Scheme the evaluation was computed under")
    if evaluation.assignment != facts.assignment.id:
        raise InvalidValue("facts", facts.assignment.id, f"assignment {evaluation.assignment!r}")
    if (evaluation.scheme, evaluation.scheme_version) != (scheme.name, scheme.version):
        raise InvalidValue(
            "scheme",
            f"{scheme.name} {scheme.version}",
            f"{evaluation.scheme} {evaluation.scheme_version}, the evaluation's scheme",
        )
    body = {"facts": _plain(facts), "scheme": _plain(scheme), "result": _plain(evaluation)}
    digest = _digest(body)
    record = {"schema": "khoan/1", "kind": SEALED_KIND, "sha256": digest, "sealed": body}
    return Sealed(canonical(record), digest)


def verify(record: str | bytes | Mapping[str, Any] | Sealed) -> bool:
    """Whether a sealed record is intact: its digest matches its body.

    Args:
        record: A :class:`Sealed`, its text, or the parsed JSON.

    Returns:
        ``True`` if the body hashes to the recorded digest; ``False`` for any
        change to any field, or for anything that is not a sealed record.

    """
    if isinstance(record, Sealed):
        record = record.text
    if isinstance(record, str | bytes):
        try:
            record = json.loads(record)
        except (ValueError, RecursionError):
            return False
    if not isinstance(record, Mapping) or set(record) != {"schema", "kind", "sha256", "sealed"}:
        return False
    if record["schema"] != "khoan/1" or record["kind"] != SEALED_KIND:
        return False
    body = record["sealed"]
    if not isinstance(body, Mapping) or set(body) != {"facts", "scheme", "result"}:
        return False
    try:
        return bool(_digest(body) == record["sha256"])
    except (TypeError, ValueError, RecursionError):
        return False


def canonical(value: object) -> str:
    """``value`` as canonical JSON: sorted keys, no whitespace, UTF-8 kept.

    >>> canonical({"b": [1, "x"], "a": {"d": None, "c": True}})
    '{"a":{"c":true,"d":null},"b":[1,"x"]}'
    """
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    )


def _digest(body: object) -> str:
    return hashlib.sha256(canonical(_ordered(body)).encode("utf-8")).hexdigest()


def _ordered(value: object) -> Any:
    """Sort lists of identified things by their canonical text (input order is not a fact)."""
    if isinstance(value, Mapping):
        return {k: _ordered(v) for k, v in value.items()}
    if isinstance(value, list):
        inner = [_ordered(v) for v in value]
        if inner and all(isinstance(v, dict) and any(k in v for k in _IDENTITIES) for v in inner):
            return sorted(inner, key=canonical)
        return inner
    return value


def _plain(value: object) -> Any:
    """Any khoan value as plain JSON: exact numbers as canonical strings."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return _decimal_text(value)
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        return f"{value.numerator}/{value.denominator}"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Period):
        return str(value)
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, FrozenMap):
        return {k: _decimal_text(v) for k, v in value.items()}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | frozenset | set):
        items = [_plain(v) for v in value]
        return sorted(items, key=canonical) if isinstance(value, frozenset | set) else items
    cls: Any = type(value)
    if attrs.has(cls):
        out: dict[str, Any] = {"type": cls.__name__}
        for field in attrs.fields(cls):
            out[field.name] = _plain(getattr(value, field.name))
        return out
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    module = getattr(value, "__module__", None) or type(value).__module__
    return f"{module}.{name}"


def _decimal_text(value: Decimal) -> str:
    """A Decimal's canonical text: no exponent, no trailing zeros (``4.50`` is ``"4.5"``)."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
