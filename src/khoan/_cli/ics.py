"""The year's calendar as an iCalendar file (RFC 5545), with the ``icalendar`` package."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from khoan.calendar import CalendarEntry
from khoan.exceptions import MissingDependency

__all__ = ["to_ics"]


def to_ics(entries: Sequence[CalendarEntry], *, year: int, lang: str) -> str:
    """Return calendar entries as an iCalendar file: one all-day event per entry.

    Each event's UID is derived from its date and kind, so importing the file
    again updates the events rather than duplicating them.

    Raises:
        MissingDependency: ``icalendar`` is not installed (``pip install 'khoan[calendar]'``).

    """
    try:
        import icalendar
    except ImportError:
        raise MissingDependency(
            "iCalendar output needs the icalendar package: pip install 'khoan[calendar]'"
        ) from None
    cal = icalendar.Calendar()
    cal.add("prodid", "-//khoan//calendar//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"khoan {year}")
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", f"{entry.date.isoformat()}-{entry.kind}@khoan")
        event.add("dtstamp", dt.datetime(year, 1, 1, tzinfo=dt.UTC))
        event.add("dtstart", entry.date)
        event.add("dtend", entry.date + dt.timedelta(days=1))
        event.add("summary", entry.what.text(lang))
        event.add("description", entry.basis)
        event.add("categories", [entry.kind])
        cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
