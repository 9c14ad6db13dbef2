"""Dates as the sources give them: a year, a month or a day ("2019", "2019-03", "2019-03-11").
One place that checks such a date, sorts it and writes it in each language."""
from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_skeleton

DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
LOCALES = {"zh": "zh_Hans_CN", "en": "en_GB"}          # 2022年8月13日 / 13 August 2022
SKELETONS = {1: "y", 2: "yMMMM", 3: "yMMMMd"}        # by how many parts the source gives


def is_date(value) -> bool:
    """Written as a date: YYYY, YYYY-MM or YYYY-MM-DD (whether the day exists is `exists`)."""
    return isinstance(value, str) and bool(DATE.match(value))


def _day(value: str) -> dt.date:
    """The first day a written date names (2019 -> 2019-01-01); ValueError if none exists."""
    parts = [int(p) for p in value.split("-")]
    return dt.date(*(parts + [1] * (3 - len(parts))))


def exists(value: str) -> bool:
    """A written date that names a real day, month or year (2022-02-30 does not)."""
    if not is_date(value):
        return False
    try:
        _day(value)
    except ValueError:
        return False
    return True


def sort_key(date: str) -> str:
    """A year or month alone sorts at its end: "late 2018" comes after April 2018, and an event
    reported only by its year comes after that year's dated events."""
    return (date + "-12-31"[len(date) - 4:]) if len(date) < 10 else date


@functools.lru_cache(maxsize=4096)   # the same dates are printed on many pages; Babel parses its locale each time
def format_date(date: str, lang: str) -> str:
    """The date at the precision the source gives it, as the language writes it (Babel, from CLDR)."""
    return format_skeleton(SKELETONS[date.count("-") + 1], _day(date), locale=LOCALES[lang])
