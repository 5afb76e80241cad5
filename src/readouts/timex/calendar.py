"""Date arithmetic and TIMEX3 value strings.

Owns: turning "which day/month/week/year, relative to an anchor, looking which way"
into ISO 8601 / TimeML value strings. Without an anchor (no publication date) every
function returns the unresolved form with X placeholders, never a guess.
"""

from __future__ import annotations

import calendar as _cal
from datetime import date, timedelta
from typing import Literal

from readouts.timex.lexicon import SEASON_OF_MONTH, SEASON_ORDER

Direction = Literal["past", "future", "present", "none"]


def day_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def add_months(d: date, months: int) -> date:
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    day = min(d.day, _cal.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def month_value(d: date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def weekday_date(anchor: date, weekday: int, direction: Direction) -> date:
    """The weekday (1 = Monday) nearest the anchor in the given direction.

    past / none: the most recent such day on or before the anchor (news reports
    the past by default, and a paper of Friday saying "on Friday" means that day);
    future: the next such day strictly after the anchor; present: whichever of the
    two is closer.
    """
    back = (anchor.isoweekday() - weekday) % 7
    before = anchor - timedelta(days=back)
    after = anchor + timedelta(days=(weekday - anchor.isoweekday()) % 7 or 7)
    if direction == "future":
        return after
    if direction == "present":
        return before if back <= (after - anchor).days else after
    return before


# Without a tense cue, a month or day up to this far ahead of the anchor is taken
# as upcoming ("the summit in April" in a December paper); farther ahead, as past.
MONTHS_AHEAD = 3
DAYS_AHEAD = 120


def month_year(anchor: date, month: int, direction: Direction) -> int:
    """The year of a month named without one ("in May")."""
    if direction == "past":
        return anchor.year if month <= anchor.month else anchor.year - 1
    if direction == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    ahead = (month - anchor.month) % 12
    if 0 < ahead <= MONTHS_AHEAD:
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def month_day_year(anchor: date, month: int, day: int, direction: Direction) -> int:
    """The year of a day named without one ("on May 21")."""
    try:
        this_year = date(anchor.year, month, day)
    except ValueError:
        return anchor.year
    if direction == "past" and this_year > anchor + timedelta(days=1):
        return anchor.year - 1
    if direction == "future" and this_year < anchor - timedelta(days=1):
        return anchor.year + 1
    if direction in ("none", "present"):
        for year in (anchor.year - 1, anchor.year, anchor.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if 0 < (candidate - anchor).days <= DAYS_AHEAD:
                return year  # shortly upcoming
        # Otherwise the most recent occurrence on or before the anchor.
        return anchor.year if this_year <= anchor else anchor.year - 1
    return anchor.year


def season_year(anchor: date, season: str, relation: str, direction: Direction) -> int:
    """The year of a season named without one; relation is this/last/next/''."""
    current = SEASON_ORDER[SEASON_OF_MONTH[anchor.month]]
    wanted = SEASON_ORDER[season]
    # December belongs to the coming year's winter in TimeML practice only loosely;
    # we keep the calendar year of the anchor.
    if relation == "last" or (relation == "" and direction == "past"):
        return anchor.year if wanted < current else anchor.year - 1
    if relation == "next" or (relation == "" and direction == "future"):
        return anchor.year if wanted > current else anchor.year + 1
    return anchor.year


def shift(anchor: date, unit: str, amount: int) -> date:
    """Anchor moved by amount units (day, week, month, quarter, year, decade)."""
    if unit == "day":
        return anchor + timedelta(days=amount)
    if unit in ("week", "weekend"):
        return anchor + timedelta(weeks=amount)
    if unit == "month":
        return add_months(anchor, amount)
    if unit == "quarter":
        return add_months(anchor, 3 * amount)
    if unit == "year":
        return add_months(anchor, 12 * amount)
    if unit == "decade":
        return add_months(anchor, 120 * amount)
    if unit == "century":
        return add_months(anchor, 1200 * amount)
    raise ValueError(f"unknown calendar unit {unit!r}")


def unit_value(d: date | None, unit: str) -> str:
    """The calendar unit containing d, as a value; X placeholders when d is None."""
    if unit == "day":
        return day_value(d) if d else "XXXX-XX-XX"
    if unit == "week":
        return week_value(d) if d else "XXXX-WXX"
    if unit == "weekend":
        return week_value(d) + "-WE" if d else "XXXX-WXX-WE"
    if unit == "month":
        return month_value(d) if d else "XXXX-XX"
    if unit == "quarter":
        return f"{d.year:04d}-Q{quarter_of(d)}" if d else "XXXX-QX"
    if unit == "year":
        return f"{d.year:04d}" if d else "XXXX"
    if unit == "decade":
        return f"{d.year // 10:03d}" if d else "XXX"
    if unit == "century":
        return f"{d.year // 100:02d}" if d else "XX"
    raise ValueError(f"unknown calendar unit {unit!r}")


def value_range(value: str) -> tuple[date, date, str] | None:
    """First day, last day and precision of a calendar value; None if not a point/period.

    precision is one of day / month / year / unknown (weeks, quarters, seasons,
    decades: a known range that is not a single day, month or year).
    """
    import re

    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T.*)?", value)
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
        return d, d, "day"
    m = re.fullmatch(r"(\d{4})-(0[1-9]|1[0-2])", value)
    if m:
        y, mo = int(m.group(1)), int(m.group(2))
        return date(y, mo, 1), date(y, mo, _cal.monthrange(y, mo)[1]), "month"
    m = re.fullmatch(r"(\d{4})", value)
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31), "year"
    m = re.fullmatch(r"(\d{4})-W(\d{2})(-WE)?", value)
    if m:
        try:
            monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        except ValueError:
            return None
        if m.group(3):
            return monday + timedelta(days=5), monday + timedelta(days=6), "unknown"
        return monday, monday + timedelta(days=6), "unknown"
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m.group(1)), int(m.group(2))
        last = 3 * q
        return date(y, last - 2, 1), date(y, last, _cal.monthrange(y, last)[1]), "unknown"
    return None
