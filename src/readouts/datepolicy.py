"""Date policy: how sure we are of an event's date, and when two dates can be one event's.

Owns: the bases of an event date and their ranking, the precisions and theirs, the
interval of days one report allows (`DateView`), and the one compatibility rule used
both inside an article (repeated mentions of one event) and across articles (merging
reports by several outlets).

Bases, best first:
- ``stated``   a day, month or year the clause itself gives ("on 14 May", "in 2021");
- ``relative`` a day the text gives relative to publication ("on Tuesday", "yesterday");
- ``dateline`` no day in the clause; the dateline's day ("MOSCOW, May 6 (Reuters) -");
- ``reported`` no day in the text; the publication date (news reports what just
  happened: most events are on the day of publication or the day before);
- ``inferred`` a page without a publication date gives a weekday or a day without
  its year, worked out from the latest full day the page states (a caption's date),
  or, at merging, from the days its article's other reports were placed on (the
  weekday, day or "yesterday" the report named, else the story's one day): a
  guess, below any report's own day;
- ``none``     nothing to go on (a planned event with no day, an undated page).

Databases written before these names were chosen use ``explicit`` (= stated) and
``publication`` (= reported); `basis_of` reads both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

BASIS_RANK = {"stated": 5, "relative": 4, "dateline": 3, "reported": 2, "inferred": 1, "none": 0}
PRECISION_RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
_LEGACY_BASES = {"explicit": "stated", "publication": "reported"}
# Bases that come from the text's own words about the event.
TEXTUAL_BASES = frozenset({"stated", "relative"})

# An occurred event reported without its day happened in the week before the report.
UNDATED_WINDOW_DAYS = 8
# A planned event reported without its day happens within two weeks of the report.
PLANNED_WINDOW_DAYS = 14
# ... or on the day before it: a plan announced one evening is reported the next morning.
PLAN_TOLD_AFTER_DAYS = 1
# Visits and summits last days: their reports may date different days of them.
MULTI_DAY_SLACK = 2


def basis_of(value: str | None) -> str:
    """The basis name, old spellings read as today's."""
    value = value or "none"
    return _LEGACY_BASES.get(value, value if value in BASIS_RANK else "none")


def quality(basis: str | None, precision: str | None, has_value: bool = True) -> tuple[int, int]:
    """Sort key of a date's evidence: basis first, then precision."""
    if not has_value:
        return (-1, 0)
    return (BASIS_RANK[basis_of(basis)], PRECISION_RANK.get(precision or "unknown", 0))


@dataclass(frozen=True)
class DateView:
    """The days one report allows for an event, and on what evidence."""

    first: date | None
    last: date | None
    basis: str
    precision: str

    @property
    def textual(self) -> bool:
        return self.basis in TEXTUAL_BASES

    @property
    def known(self) -> bool:
        return self.first is not None and self.last is not None


UNKNOWN = DateView(None, None, "none", "unknown")


def month_bounds(d: date) -> tuple[date, date]:
    start = d.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)


def view_of(
    value: date | None,
    *,
    basis: str | None,
    precision: str | None,
    end: date | None = None,
    published: date | None = None,
    status: str = "occurred",
) -> DateView:
    """The interval of days a report allows.

    A date the text states is taken at its precision; a date only inferred from the
    report (dateline, publication) or no date at all gives a window around the report:
    the week before it for what happened, the two weeks after it (from the day
    before: a plan told the morning after) for what is planned.
    """
    basis = basis_of(basis)
    if basis == "inferred":
        return UNKNOWN  # a guess on an undated page: it must not keep reports apart
    if value is not None and basis in TEXTUAL_BASES:
        if precision == "month":
            return DateView(*month_bounds(value), basis, "month")
        if precision == "year":
            return DateView(date(value.year, 1, 1), date(value.year, 12, 31), basis, "year")
        return DateView(value, max(value, end or value), basis, "day")
    anchor = published or value
    if anchor is None:
        return UNKNOWN
    weak = basis if value is not None else "none"
    if status == "planned":
        first = anchor - timedelta(days=PLAN_TOLD_AFTER_DAYS)
        return DateView(first, anchor + timedelta(days=PLANNED_WINDOW_DAYS), weak, "unknown")
    return DateView(anchor - timedelta(days=UNDATED_WINDOW_DAYS), anchor, weak, "unknown")


def compatible(a: DateView, b: DateView, multi_day: bool = False, same_text: bool = False) -> bool:
    """Can the two reports date one event?

    Two days the texts state must agree (meetings on consecutive days are two
    events), with a day's slack when one was worked out from a weekday or "yesterday"
    in another report (time zones and late-night reports put it a day off; within one
    text, `same_text`, both were worked out from one anchor and must agree), and a
    little more for events that last days. Windows inferred from publication only
    need to overlap.
    """
    if not (a.known and b.known):
        return True
    slack = 0
    if a.textual and b.textual and a.precision == b.precision == "day":
        if (a.basis == "relative" or b.basis == "relative") and not same_text:
            slack = 1
        if multi_day:
            slack = max(slack, MULTI_DAY_SLACK)
    elif multi_day:
        slack = 1
    gap = timedelta(days=slack)
    return a.first - gap <= b.last and b.first - gap <= a.last  # type: ignore[operator]


def distance(a: DateView, b: DateView) -> int:
    """Days between two intervals (0 when they overlap; 30 when either is unknown)."""
    if not (a.known and b.known):
        return 30
    if a.first <= b.last and b.first <= a.last:  # type: ignore[operator]
        return 0
    return min(abs((a.first - b.last).days), abs((b.first - a.last).days))  # type: ignore[operator]
