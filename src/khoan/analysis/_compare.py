"""Compare: one cohort under several schemes and consequence rules, side by side."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction

import attrs

from khoan._base.convert import decimal_of
from khoan._base.display import html_table
from khoan._base.findings import Reason
from khoan._base.rating import Rating
from khoan._evaluation.evaluation import Evaluation
from khoan._facts.dossier import Cohort
from khoan.analysis._cohort import (
    DATES_NOTE,
    Person,
    Rated,
    people_of,
    rate,
    recommendations,
    rule_of,
    scheme_of,
)
from khoan.consequences import Action, Recommendation
from khoan.exceptions import InvalidValue

__all__ = ["Comparison", "Row", "Shift", "Standing", "compare"]


@attrs.frozen(kw_only=True)
class Standing:
    """One assignment under one scheme: total, ratings and the rules' actions.

    Args:
        scheme: The scheme's name.
        total: The exact total; ``score`` the total rounded by the scheme.
        band: The rating the points alone reach.
        rated: The rating after conditions and vetoes, before the cohort steps.
        rating: The final rating, after the quota (and the collective cap).
        referred: Whether the scheme refers the rating to the council.
        actions: ``(rule name, action)`` per rule, in the rules' order; an
            action is given on the assignee's latest assignment in the cohort
            (NONE when the rule recommends nothing), None on earlier ones.
        adverse: Whether any rule's recommendation moves the cadre.

    """

    scheme: str = attrs.field(kw_only=False)
    total: Fraction
    score: Decimal
    band: Rating
    rated: Rating
    rating: Rating
    referred: bool = False
    actions: tuple[tuple[str, Action | None], ...] = ()
    adverse: bool = False

    def action(self, rule: str) -> Action | None:
        """The action of the rule named ``rule`` (None: not the latest assignment)."""
        for name, action in self.actions:
            if name == rule:
                return action
        raise InvalidValue("rule", rule, f"one of {', '.join(n for n, _ in self.actions)}")


@attrs.frozen(kw_only=True)
class Row:
    """One assignment of the cohort under every scheme compared."""

    assignment: str = attrs.field(kw_only=False)
    assignee: str
    name: str
    post: str
    unit: str
    period: str
    peer_group: str
    standings: tuple[Standing, ...]

    @property
    def changed(self) -> bool:
        """Whether the final rating or any action differs between the schemes."""
        first = self.standings[0]
        return any(
            (s.rating, s.actions) != (first.rating, first.actions) for s in self.standings[1:]
        )


@attrs.frozen(kw_only=True)
class Shift:
    """How ratings and actions move from the first scheme compared to another.

    Args:
        scheme: The other scheme; ``baseline`` the first one.
        rated_changed: Assignments whose rating differs before the cohort
            steps (quota, collective cap).
        changed: Assignments whose final rating differs.
        up: Final rating higher than under the baseline; ``down``: lower.
        into_not_achieved: Not achieved here but not under the baseline;
            ``out_of_not_achieved`` the reverse.
        into_adverse: Cadres facing an adverse action here (any rule) and none
            under the baseline; ``out_of_adverse`` the reverse.

    """

    scheme: str = attrs.field(kw_only=False)
    baseline: str
    rated_changed: int
    changed: int
    up: int
    down: int
    into_not_achieved: int
    out_of_not_achieved: int
    into_adverse: int
    out_of_adverse: int

    def explain(self, lang: str = "en") -> str:
        """One sentence summing up the shift."""
        if lang == "vi":
            return (
                f"{self.scheme} so với {self.baseline}: {self.rated_changed} thay đổi xếp loại "
                f"trước tỷ lệ, {self.changed} sau tỷ lệ ({self.up} lên, {self.down} xuống); "
                f"{self.into_not_achieved} thành không hoàn thành nhiệm vụ, "
                f"{self.out_of_not_achieved} thoát; {self.into_adverse} thêm bị áp dụng biện "
                f"pháp, {self.out_of_adverse} bớt"
            )
        return (
            f"{self.scheme} against {self.baseline}: {self.rated_changed} change rating before "
            f"the quota, {self.changed} after ({self.up} up, {self.down} down); "
            f"{self.into_not_achieved} into Not achieved, {self.out_of_not_achieved} out; "
            f"{self.into_adverse} more face an adverse action, {self.out_of_adverse} fewer"
        )


@attrs.frozen(kw_only=True)
class Comparison:
    """A cohort under several schemes and rules: rows, shifts and the runs behind them.

    Args:
        title: The cohort's title.
        schemes: The schemes' names, in the order given (the first is the baseline).
        rules: The rules' names, in the order given.
        rows: One per assignment, in the cohort's order.
        shifts: Each scheme after the first against the first.
        runs: The cohort rated under each scheme (evaluations before and
            after the cohort steps, and the moves), in the schemes' order.
        recommendations: ``(scheme, rule, recommendations)`` for every pair.
        notes: What the comparison assumes, in both languages.

    """

    title: str
    schemes: tuple[str, ...]
    rules: tuple[str, ...]
    rows: tuple[Row, ...]
    shifts: tuple[Shift, ...]
    runs: tuple[Rated, ...]
    recommendations: tuple[tuple[str, str, tuple[Recommendation, ...]], ...] = ()
    notes: tuple[Reason, ...] = ()

    def shift(self, scheme: str) -> Shift:
        """The shift from the baseline to the scheme named ``scheme``."""
        for s in self.shifts:
            if s.scheme == scheme:
                return s
        raise InvalidValue("scheme", scheme, f"one of {', '.join(self.schemes[1:])}")

    def evaluations(self, scheme: str) -> tuple[Evaluation, ...]:
        """The final evaluations under the scheme named ``scheme``."""
        for run in self.runs:
            if run.scheme.name == scheme:
                return run.after
        raise InvalidValue("scheme", scheme, f"one of {', '.join(self.schemes)}")

    @property
    def changed(self) -> tuple[Row, ...]:
        """The rows whose rating or action differs between the schemes."""
        return tuple(r for r in self.rows if r.changed)

    def explain(self, lang: str = "vi", *, only_changed: bool = False) -> str:
        """The comparison as a text table, changed rows marked ``*``, then the shifts."""
        if lang not in ("vi", "en"):
            raise InvalidValue("lang", lang, "'vi' or 'en'")
        header, rows = _table(self, lang, only_changed=only_changed)
        widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
        lines = [self.title, ""]
        for row in [header, *rows]:
            lines.append("  ".join(f"{c:<{w}}" for c, w in zip(row, widths, strict=True)).rstrip())
        lines.append("")
        lines += [s.explain(lang) for s in self.shifts]
        lines += [("Lưu ý: " if lang == "vi" else "Note: ") + n.text(lang) for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (
            f"<Comparison of {len(self.rows)} assignments under {', '.join(self.schemes)}"
            f"{' with ' + ', '.join(self.rules) if self.rules else ''}: "
            f"{len(self.changed)} changed>"
        )

    def _repr_html_(self) -> str:
        header, rows = _table(self, "en", only_changed=False)
        return html_table(
            caption=self.title,
            header=header,
            rows=rows,
            notes=[s.explain("en") for s in self.shifts] + [n.en for n in self.notes],
        )


def _table(c: Comparison, lang: str, *, only_changed: bool) -> tuple[list[str], list[list[str]]]:
    vi = lang == "vi"
    header = ["", "họ tên" if vi else "name", "đơn vị" if vi else "unit"]
    for scheme in c.schemes:
        header += [scheme, ""]
        header += list(c.rules)
    rows = []
    for row in c.rows:
        if only_changed and not row.changed:
            continue
        cells = ["*" if row.changed else "", row.name or row.assignee, row.unit]
        for s in row.standings:
            word = s.rating.vietnamese if vi else s.rating.name
            cells += [str(s.score), word + (" ?" if s.referred else "")]
            cells += ["" if a is None else (a.vietnamese if vi else a.value) for _, a in s.actions]
        rows.append(cells)
    return header, rows


def compare(
    cohort: Cohort,
    *,
    schemes: Sequence[object],
    rules: Iterable[object] = (),
    quota: bool = True,
    collective: bool = False,
) -> Comparison:
    """Rate one cohort under several schemes and rules, and mark what changes.

    Each scheme is applied as :func:`khoan.evaluate_dossier` does, then its
    own quota per peer group (:func:`khoan.apply_quota`) and, if asked, the
    collective cap (:func:`khoan.cap_by_collective`); each rule reads every
    cadre's history of those final evaluations.

    Args:
        cohort: The dossiers (one or several periods).
        schemes: Preset names or :class:`~khoan.schemes.Scheme` values; the
            first is the baseline the shifts are measured from.
        rules: Consequence rule names or rules (:data:`khoan.consequences.RULES`).
        quota: Apply each scheme's quota (default True).
        collective: Cap heads by the collective they lead (default False).

    Returns:
        The rows side by side, the shifts against the first scheme, and the runs.

    Raises:
        InvalidValue: No scheme, an unknown scheme or rule name, or a name given twice.

    >>> from khoan import io
    >>> c = compare(io.load_example("vinh-phuc-2021"), schemes=["vinh-phuc-2021", "qd-124-2023"])
    >>> c
    <Comparison of 24 assignments under vinh-phuc-2021, qd-124-2023: ... changed>

    """
    chosen = [scheme_of(s, f"schemes[{i}]") for i, s in enumerate(schemes)]
    if not chosen:
        raise InvalidValue("schemes", list(schemes), "at least one scheme")
    named = [rule_of(r, f"rules[{i}]") for i, r in enumerate(rules)]
    for what, names in (("schemes", [s.name for s in chosen]), ("rules", [n for n, _ in named])):
        if len(set(names)) != len(names):
            raise InvalidValue(what, names, f"{what} with distinct names")
    people = people_of(cohort)
    runs = [rate(cohort, s, quota=quota, collective=collective, people=people) for s in chosen]
    latest: dict[str, int] = {}
    for index, d in enumerate(cohort.dossiers):
        known = latest.get(d.assignment.assignee.id)
        if known is None or cohort.dossiers[known].assignment.period.end <= d.assignment.period.end:
            latest[d.assignment.assignee.id] = index
    found: list[tuple[str, str, tuple[Recommendation, ...]]] = []
    actions: list[list[dict[str, Recommendation]]] = []
    for run in runs:
        per_rule = []
        for name, rule in named:
            by_cadre = recommendations(run.after, people, rule)
            per_rule.append(by_cadre)
            found.append((run.scheme.name, name, tuple(by_cadre.values())))
        actions.append(per_rule)
    rows = []
    for index, dossier in enumerate(cohort.dossiers):
        assignee = dossier.assignment.assignee.id
        person = people.get(assignee, Person(assignee))
        standings = []
        for run, per_rule in zip(runs, actions, strict=True):
            before, after = run.before[index], run.after[index]
            pairs: list[tuple[str, Action | None]] = []
            adverse = False
            for (name, _), by_cadre in zip(named, per_rule, strict=True):
                rec = by_cadre.get(assignee)
                if latest[assignee] != index:
                    pairs.append((name, None))
                    continue
                pairs.append((name, rec.action if rec else Action.NONE))
                adverse = adverse or bool(rec and rec.adverse)
            standings.append(
                Standing(
                    run.scheme.name,
                    total=after.total,
                    score=after.score,
                    band=after.band,
                    rated=before.rating,
                    rating=after.rating,
                    referred=after.referred,
                    actions=tuple(pairs),
                    adverse=adverse,
                )
            )
        rows.append(
            Row(
                dossier.assignment.id,
                assignee=assignee,
                name=person.name,
                post=person.post,
                unit=person.unit,
                period=str(dossier.assignment.period),
                peer_group=runs[0].after[index].peer_group,
                standings=tuple(standings),
            )
        )
    shifts = tuple(_shift(rows, k, chosen[0].name, chosen[k].name) for k in range(1, len(chosen)))
    notes = [DATES_NOTE]
    bases = {s.name: "; ".join(s.legal_basis) for s in chosen}
    if len(set(bases.values())) > 1:
        listed = " | ".join(f"{name}: {basis}" for name, basis in bases.items())
        notes.append(Reason(f"sources compared: {listed}", f"văn bản được so sánh: {listed}"))
    return Comparison(
        title=cohort.title,
        schemes=tuple(s.name for s in chosen),
        rules=tuple(n for n, _ in named),
        rows=tuple(rows),
        shifts=shifts,
        runs=tuple(runs),
        recommendations=tuple(found),
        notes=tuple(notes),
    )


def _shift(rows: Sequence[Row], k: int, baseline: str, scheme: str) -> Shift:
    pairs = [(r.standings[0], r.standings[k]) for r in rows]
    na = Rating.NOT_ACHIEVED
    return Shift(
        scheme,
        baseline=baseline,
        rated_changed=sum(a.rated != b.rated for a, b in pairs),
        changed=sum(a.rating != b.rating for a, b in pairs),
        up=sum(b.rating > a.rating for a, b in pairs),
        down=sum(b.rating < a.rating for a, b in pairs),
        into_not_achieved=sum(b.rating is na and a.rating is not na for a, b in pairs),
        out_of_not_achieved=sum(a.rating is na and b.rating is not na for a, b in pairs),
        into_adverse=sum(b.adverse and not a.adverse for a, b in pairs),
        out_of_adverse=sum(a.adverse and not b.adverse for a, b in pairs),
    )


def score_text(total: Fraction) -> str:
    """A total with two decimals, for tables (exact value elsewhere)."""
    return str(decimal_of(total, 2))
