"""Dates as the sources give them: a year, a month or a day ("2019", "2019-03", "2019-03-11")."""
from __future__ import annotations

import re

DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def is_date(value) -> bool:
    return isinstance(value, str) and bool(DATE.match(value))


def sort_key(date: str) -> str:
    """A year or month alone sorts at its end: "late 2018" comes after April 2018, and an event
    reported only by its year comes after that year's dated events."""
    return (date + "-12-31"[len(date) - 4:]) if len(date) < 10 else date
