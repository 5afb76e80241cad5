"""Merge: one real-world event, many reports.

Owns: deciding which article-level event records describe the same real-world event
(other outlets, other days, other wording, syndicated copies), combining them into one
merged record that keeps every source and evidence span, and linking events that are
related but distinct (the talks held during a visit are ``part_of`` the visit).
Near-duplicate articles are `readouts.neardup`'s; when two dates can be one event's is
`readouts.datepolicy`'s.

Design
------
* Blocking, never all-pairs. A record is indexed under keys made of each of its
  countries, its type family and the ISO weeks its event may fall in (see
  `block_keys`). Month- and year-precision records get coarse keys that
  day-precision records also query, so a vague report still meets the precise one.
* Same event: compatible types (talks and a call between the same people are one
  event told two ways; a visit and its talks are two), status (negated vs not),
  people (spelling variants of one name are one person; where both reports name a
  country's people they share one; states and organisations are collective, not
  people), dates (`datepolicy.compatible`) and, for visits, the host state.
* Reports with no time at all (no date, no publication date) are placed last, in the
  period where their article's other records went: one article tells one story. A
  day such a report named but could not place (a weekday, a day without its year, a
  "yesterday": `OpenDay`) must fit the day of the event it joins, and dates it in
  its story; otherwise the story's one day does (basis "inferred").
* Merged records are rebuilt from their members. A merged `EventRecord` carries the
  article-level records it was made from in ``members`` (stored as ``_members``);
  ``combine`` re-derives every field from the members sorted by (publication date,
  record id), so the result does not depend on arrival order and combining the same
  source twice changes nothing.
* Merged ids: ``"ev-" + sha1(smallest member id)[:16]``. For a given final set of
  members the id is the same whatever the arrival order; when a later arrival has a
  smaller id the event is re-saved under the new id and the old one is deleted (the
  store must drop the old id's links; links are recomputed after every save).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache
from datetime import date, timedelta
from typing import Iterable, Protocol, Sequence

from . import datepolicy
from .actors.tables import normalise_name, spelling_variant
from .actors.words import name_words
from .datepolicy import BASIS_RANK, DateView, basis_of, quality
from .records import EventRecord, ParticipantRecord, SourceRecord, StatementRecord
from .timex.lexicon import day_offset, day_without_year

# --------------------------------------------------------------------------- types

# Visits span days; when no end date is reported, talks this many days after the
# start still count as held during the visit.
VISIT_DEFAULT_DAYS = 3
# Events whose part may belong to a visit.
PART_OF_VISIT = ("meeting", "agreement")
# Types that may be one event told two ways: outlets call a phone call "talks", and
# talks "a call". Everything else (a visit and the talks held during it, a signing
# and the talks before it) is a distinct event, linked rather than merged.
TYPE_FAMILIES = {"meeting": "talks", "phone_call": "talks"}
# When the members disagree on the type, the more specific word wins.
TYPE_PREFERENCE = ("phone_call", "message_exchange", "visit", "agreement", "meeting", "statement")


class MergeStore(Protocol):
    """The slice of the store merge needs (see store.py)."""

    def find_events(self, block_keys: list[str]) -> list[EventRecord]: ...

    def save_event(self, record: EventRecord, block_keys: list[str]) -> None: ...

    def delete_event(self, event_id: str) -> None: ...

    def add_link(self, event_id: str, other_id: str, relation: str) -> None: ...


@dataclass
class MergeStats:
    new: int = 0  # records that started a new merged event
    merged: int = 0  # records folded into an existing merged event
    linked: int = 0  # distinct part_of links made by this batch
    unchanged: int = 0  # records already part of their merged event (a re-run)


# ---------------------------------------------------------------- small helpers


def type_family(event_type: str) -> str:
    """Events of different families are never the same event."""
    return TYPE_FAMILIES.get(event_type, event_type or "unknown")


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}W{week:02d}"


def _weeks_between(first: date, last: date) -> list[str]:
    weeks: list[str] = []
    day = first
    while day <= last:
        week = _week(day)
        if week not in weeks:
            weeks.append(week)
        day += timedelta(days=1)
    return weeks


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").strip().lower())


def participant_key(p: ParticipantRecord) -> str:
    """Corpus-stable identity of a participant: its actor id, else name + country."""
    if p.actor_id:
        return str(p.actor_id)
    return f"name:{_norm(p.name)}:{p.country or ''}"


# Actor-id prefixes of collective participants: a whole country ("China") or a body of
# states or officials ("the European Union", "NATO"), never one person.
COLLECTIVE_ACTORS = ("state:", "org:")


def is_state(p: ParticipantRecord) -> bool:
    """A participant that stands for a whole country or body ("China", "the EU"): it
    is not one of the people a report names."""
    return str(p.actor_id or "").startswith(COLLECTIVE_ACTORS) or p.kind in ("state", "organisation")


def countries(record: EventRecord) -> set[str]:
    return {p.country for p in record.participants if p.country}


# ------------------------------------------------------------- the same person?


def _name_words(name: str | None) -> list[str]:
    """Lower-case words of a name without accents, honorifics or punctuation."""
    words = re.findall(r"[a-z0-9]+", normalise_name(name or ""))
    return [w for w in words if w not in _dropped_name_words()] or words


@lru_cache(maxsize=1)
def _dropped_name_words() -> frozenset[str]:
    """Honorifics and particles that outlets keep or drop ("Shri", "bin", "al-")."""
    words = name_words()
    return frozenset(w.rstrip(".") for w in words.honorifics | words.name_particles) | {"h", "e", "sheikh"}


def _word_in(word: str, words: list[str]) -> bool:
    return any(spelling_variant(word, other) for other in words)


def same_person(a: ParticipantRecord, b: ParticipantRecord) -> bool:
    """Two participant entries naming one person: same id, or names that differ only
    by spelling, honorifics or a dropped part ("Modi" / "Narendra Modi"), and no
    contradicting countries."""
    if participant_key(a) == participant_key(b):
        return True
    ca, cb = a.country, b.country
    if ca and cb and ca != cb:
        return False
    wa, wb = _name_words(a.name), _name_words(b.name)
    if not wa or not wb:
        return False
    short, long_ = sorted((wa, wb), key=len)
    surname = max(short, key=len)
    # every word of the shorter name (its longest one included) is in the longer one
    if len(surname) >= 3 and all(_word_in(w, long_) for w in short):
        return True
    return _romanised_alike(wa, wb, ca, cb)


# Given names romanised two ways ("Suk-yeol" / "Sek-yue") keep this much in common.
ROMANISATION_SIMILARITY = 0.6


def _romanised_alike(wa: list[str], wb: list[str], ca: str | None, cb: str | None) -> bool:
    """Family name first and identical, the same country on both sides, and given names
    spelt alike: two romanisations of one East Asian name."""
    if not (ca and ca == cb) or len(wa) != len(wb) or len(wa) < 2 or wa[0] != wb[0]:
        return False
    rest_a, rest_b = " ".join(wa[1:]), " ".join(wb[1:])
    return SequenceMatcher(None, rest_a, rest_b).ratio() >= ROMANISATION_SIMILARITY


# ------------------------------------------------------------ the event's dates


def _source_date_view(source: SourceRecord, status: str) -> DateView:
    return datepolicy.view_of(
        _parse_date(source.date),
        basis=source.date_basis,
        precision=source.date_precision or ("day" if source.date else "unknown"),
        end=_parse_date(source.end_date),
        published=_parse_date(source.published),
        status=status,
    )


def date_views(record: EventRecord) -> list[DateView]:
    """One view per source (an article-level record has exactly one); sources carry
    their record's date details (`SourceRecord.from_json`)."""
    views = [_source_date_view(s, s.status or "occurred") for s in record.sources]
    return views or [_source_date_view(_record_as_source(record), record.status or "")]


def _record_as_source(record: EventRecord) -> SourceRecord:
    return SourceRecord(date=record.date, end_date=record.end_date, date_basis=record.date_basis,
                        date_precision=record.date_precision, status=record.status)


@dataclass(frozen=True)
class OpenDay:
    """A day a report on a page without a publication date named but could not place:
    a weekday ("met on Monday"), a day without its year ("on 31st May"), or both; or
    a day counted from the page's own ("yesterday": offset -1)."""

    weekday: int | None
    month: int | None
    day: int | None
    offset: int | None = None

    def fits(self, d: date) -> bool:
        if self.weekday is not None and d.isoweekday() != self.weekday:
            return False
        return self.month is None or (d.month, d.day) == (self.month, self.day)

    def agrees(self, other: OpenDay) -> bool:
        """Two such days can be one event's (a day's slack: time zones)."""
        if self.weekday is not None and other.weekday is not None:
            if abs(self.weekday - other.weekday) not in (0, 1, 6):
                return False
        if self.month is not None and other.month is not None:
            gap = date(2000, self.month, self.day) - date(2000, other.month, other.day)
            return abs(gap.days) <= 1 or abs(gap.days) >= 365
        return True


def open_days(record: EventRecord) -> list[OpenDay]:
    """The days the record's undated reports named but could not place: the event
    fell on such a day."""
    return [named for source in record.sources for named in _source_open_days(source)]


def _source_open_days(source: SourceRecord) -> list[OpenDay]:
    """The days one undated report named but could not place."""
    if source.date and basis_of(source.date_basis) != "inferred":
        return []  # placed by its own text; a day only inferred keeps what was named
    found = []
    for ev in source.evidence:
        if ev.field == "date":
            named = OpenDay(*day_without_year(ev.text), offset=day_offset(ev.text))
            if named != OpenDay(None, None, None):
                found.append(named)
    return found


def _open_day_fits(named: OpenDay, view: DateView, slack: int) -> bool:
    """A day of the view's interval, give or take the slack, is the named day."""
    day = view.first - timedelta(days=slack)  # type: ignore[operator]
    while day <= view.last + timedelta(days=slack):  # type: ignore[operator]
        if named.fits(day):
            return True
        day += timedelta(days=1)
    return False


# A report that gives no day tells of its own day's news or the day before's.
REPORTED_DAYS_BACK = 1
# ... but of a visit, that may have begun days before the week the report covers
# ("after the visit was over").
VISIT_DAYS_BACK = datepolicy.UNDATED_WINDOW_DAYS + datepolicy.MULTI_DAY_SLACK


def _day_view(record: EventRecord, lasting: bool = False) -> DateView | None:
    """The days a dated record puts the event on: a day its texts give, else the day
    of the report that tells it (or the day before). An event that lasts days (a
    visit) may have begun before the week a report that gives no day covers."""
    view = best_date_view(record)
    if view.known and view.precision == "day" and view.textual:
        return view
    day = _parse_date(record.date)
    if day is not None and basis_of(record.date_basis) in ("dateline", "reported"):
        back = VISIT_DAYS_BACK if lasting else REPORTED_DAYS_BACK
        return DateView(day - timedelta(days=back), day, basis_of(record.date_basis), "day")
    return None


def _open_days_agree(a: EventRecord, b: EventRecord) -> bool:
    """A day one report named and could not place (a weekday, a day without its
    year) must fit the day the other report dates the event (a day's slack for a day
    itself worked out from a weekday or "yesterday", and for events that last days);
    two such days must agree."""
    lasting = _multi_day(a) or _multi_day(b)
    for one, other in ((a, b), (b, a)):
        named = open_days(one)
        if not named:
            continue
        view = _day_view(other, lasting=lasting)
        if view is not None:
            worked_out = view.basis == "relative" and not _day_of_month_named(other, view)
            slack = 1 if worked_out or lasting else 0
            if not any(_open_day_fits(n, view, slack) for n in named):
                return False
        others = open_days(other)
        if others and not any(n.agrees(o) for n in named for o in others):
            return False
    return True


def _day_of_month_named(record: EventRecord, view: DateView) -> bool:
    """A report gives the record's day as a day of the month ("on Dec 13"): the day
    itself is stated, only its year was worked out."""
    day = view.first.isoformat() if view.first else None
    return any(s.date == day and ev.field == "date" and day_without_year(ev.text)[1] is not None
               for s in record.sources for ev in s.evidence)


def best_date_view(record: EventRecord) -> DateView:
    """The view of the best-evidenced source: basis first, then precision."""
    return max(date_views(record), key=lambda v: quality(v.basis, v.precision))


# ----------------------------------------------------------------- block keys
#
# A record is indexed under each of its countries (or, with none, its actors) x its
# type family x the ISO weeks it may fall in. Single countries rather than pairs: a
# report that names one side's country only must still meet the report naming both.
# Records with no time at all are also indexed under "*", and look everything of
# their countries up there.


def _country_keys(record: EventRecord) -> list[str]:
    found = sorted(countries(record))
    if found:
        return found
    return sorted({participant_key(p) for p in record.participants}) or ["?"]


def _time_keys(view: DateView) -> list[str]:
    """Keys a report is indexed under for the time it may have happened."""
    if not view.known:
        return ["T?"]
    if view.precision == "year":
        return [f"Y{view.first.year}"]
    if view.precision == "month":
        return [f"M{view.first:%Y-%m}"]
    # Slack either side (see datepolicy.compatible) must still meet: widen first.
    first = view.first - timedelta(days=datepolicy.MULTI_DAY_SLACK)
    last = view.last + timedelta(days=datepolicy.MULTI_DAY_SLACK)
    return [f"W{w}" for w in _weeks_between(first, last)]


def _coarse_keys(view: DateView) -> list[str]:
    """Month/year keys a precise report also looks under to meet vague reports."""
    if not view.known:
        return []
    keys = []
    for d in (view.first, view.last):
        keys += [f"M{d:%Y-%m}", f"Y{d.year}"]
    return keys


def _query_time_keys(view: DateView) -> list[str]:
    if not view.known:
        return ["*"]
    keys = _time_keys(view) + _coarse_keys(view) + ["T?"]
    if view.precision in ("month", "year"):
        # A vague report must meet the precise reports inside its period.
        keys += [f"W{w}" for w in _weeks_between(view.first, view.last)]
        if view.precision == "year":
            keys += [f"M{view.first.year}-{m:02d}" for m in range(1, 13)]
    return list(dict.fromkeys(keys))


def _combine_keys(record: EventRecord, family: str, time_keys: Iterable[str]) -> list[str]:
    out = []
    for country_key in _country_keys(record):
        for time_key in time_keys:
            out.append(f"{family}|{country_key}|{time_key}")
    return list(dict.fromkeys(out))


def block_keys(record: EventRecord, family: str | None = None) -> list[str]:
    """The keys a record is stored under: country x type family x week.

    Every source contributes its own window, so a merged record stays findable by a
    report that only one of its sources would have matched.
    """
    family = family or type_family(record.type or "")
    time_keys: list[str] = ["*"]
    for view in date_views(record):
        time_keys += _time_keys(view)
    return _combine_keys(record, family, dict.fromkeys(time_keys))


def query_keys(record: EventRecord, family: str | None = None) -> list[str]:
    """The keys to look up candidates for a record (its block keys + coarse ones)."""
    family = family or type_family(record.type or "")
    time_keys: list[str] = []
    for view in date_views(record):
        time_keys += _query_time_keys(view)
    return _combine_keys(record, family, dict.fromkeys(time_keys))


# --------------------------------------------------------------- same event?


def _multi_day(record: EventRecord) -> bool:
    return record.type == "visit"


def _dates_compatible(a: EventRecord, b: EventRecord) -> bool:
    """The best-evidenced dates agree, and no two textual dates contradict."""
    multi_day = _multi_day(a) or _multi_day(b)
    if not datepolicy.compatible(best_date_view(a), best_date_view(b), multi_day):
        return False
    textual_a = [v for v in date_views(a) if v.textual]
    textual_b = [v for v in date_views(b) if v.textual]
    return all(datepolicy.compatible(va, vb, multi_day) for va in textual_a for vb in textual_b)


def _people(record: EventRecord) -> list[ParticipantRecord]:
    """The people a record names; of a visit, the visitors (its hosts vary by report:
    one names the president who welcomed them, another the minister at the airport)."""
    people = [p for p in record.participants if not is_state(p) and p.name]
    if record.type == "visit":
        return [p for p in people if p.role == "visitor"] or people
    return people


def _shared_people(a: EventRecord, b: EventRecord) -> int:
    return sum(1 for p in _people(a) if any(same_person(p, q) for q in _people(b)))


def _people_by_country(record: EventRecord) -> dict[str, list[ParticipantRecord]]:
    people: dict[str, list[ParticipantRecord]] = {}
    for p in _people(record):
        if p.country:
            people.setdefault(p.country, []).append(p)
    return people


def _participants_compatible(a: EventRecord, b: EventRecord, shared: int) -> bool:
    """``shared``: the people the two name alike (`_shared_people`)."""
    if a.type == "visit" == b.type:
        return _same_trip(a, b, shared)
    ca, cb = countries(a), countries(b)
    if ca and cb and len(ca & cb) < min(2, len(ca), len(cb)):
        return False
    pa, pb = _people_by_country(a), _people_by_country(b)
    # Where both reports name people of the same country, they must share one:
    # the leaders meeting the president is not the leaders meeting the army chief.
    for country in set(pa) & set(pb):
        if not any(same_person(p, q) for p in pa[country] for q in pb[country]):
            return False
    if shared:
        return True
    if not _people(a) or not _people(b) or set(pa) & set(pb):
        # one report names only states, or they agree on a country's people
        return bool(ca and cb)
    return False


def _same_trip(a: EventRecord, b: EventRecord, shared: int) -> bool:
    """Two reports of a visit: a visitor in common and no other destination."""
    if not shared:
        return False
    going_a, going_b = _destinations(a), _destinations(b)
    # a trip to Venezuela is not the one to Cuba
    return not (going_a and going_b) or bool(going_a & going_b)


def _destinations(record: EventRecord) -> set[str]:
    """The states a visit goes to: its hosts' (the side that defines a visit), else its
    venue's when a text names it. A venue in another state than the hosts' is a place
    the report names in passing (where the visitor flew from, where a summit was held
    before)."""
    hosts = {p.country for p in record.participants if p.role == "host" and p.country}
    if hosts or not _venue_named(record):
        return hosts  # a venue no text names is the dateline's: where the news was filed
    return {(record.location or {}).get("country")} - {None}


def _venue_named(record: EventRecord) -> bool:
    """A report's text names the event's venue (it is not only its dateline's city)."""
    return any(ev.field == "location" for s in record.sources for ev in s.evidence)


def _topics_compatible(a: EventRecord, b: EventRecord) -> bool:
    """A government issues many statements a day: on different topics they differ."""
    ta, tb = set(a.topics), set(b.topics)
    return not (ta and tb) or bool(ta & tb)


def _status_compatible(a: str, b: str) -> bool:
    """"Did not meet" contradicts "met"; a plan, its cancellation and its report are
    one event's story."""
    return {a, b} != {"negated", "occurred"}


def _types_compatible(a: EventRecord, b: EventRecord, shared: int) -> bool:
    """Talks and a call are one event only when the same people are named on both."""
    if a.type == b.type:
        return True
    if type_family(a.type or "") != type_family(b.type or ""):
        return False
    return shared >= 2


def _articles(record: EventRecord) -> set[str]:
    return {str(s.article_id or s.article) for s in record.sources}


def _told_apart(a: EventRecord, b: EventRecord) -> bool:
    """Records of one article that name different people ("his meeting with the prime
    minister", "his meeting with the foreign minister"): the article told two events.
    One person named two ways in the article ("King Salman", "Salman bin Abdulaziz")
    is still one person."""
    shared = _articles(a) & _articles(b)
    for article in shared:
        people_a = _people_from(a, article)
        people_b = _people_from(b, article)
        if people_a and people_b and not (_named_within(people_a, people_b)
                                          or _named_within(people_b, people_a)):
            return True
        if _gatherings_told_apart(a, b, article, people_a, people_b):
            return True
    return False


def _gatherings_told_apart(a: EventRecord, b: EventRecord, article: str,
                           people_a: list[ParticipantRecord], people_b: list[ParticipantRecord]) -> bool:
    """One article dating two talks by its own words, one of two states' leaders and
    one with a third state's too ("received by the president on Monday May 6 ... a
    trilateral exchange with the Commission's head on Monday"), told two gatherings:
    the article's own reading already kept them apart."""
    if a.type != b.type or a.type == "visit" or not (people_a and people_b):
        return False
    if any(is_state(p) for r in (a, b) for p in r.participants):
        return False  # a group or state named as a party may stand for the people of either
    states_a, states_b = _states_of(people_a), _states_of(people_b)
    if not (states_a < states_b or states_b < states_a):
        return False  # the same states (or others on each side, see above)
    return _dated_by_article(a, article) and _dated_by_article(b, article)


def _states_of(people: list[ParticipantRecord]) -> set[str]:
    return {p.country for p in people if p.country}


def _dated_by_article(record: EventRecord, article: str) -> bool:
    """The record's report from that article gives the day in its own words, if
    only as a day an undated page could not place ("on Thursday", "today")."""
    sources = [s for s in record.sources if str(s.article_id or s.article) == article]
    views = [_source_date_view(s, s.status or "occurred") for s in sources]
    return (any(v.textual and v.precision == "day" for v in views)
            or any(_source_open_days(s) for s in sources))


def _named_within(people: list[ParticipantRecord], others: list[ParticipantRecord]) -> bool:
    """Every one of ``people`` is one of ``others``."""
    return all(any(same_person(p, q) for q in others) for p in people)


def _people_from(record: EventRecord, article: str) -> list[ParticipantRecord]:
    """The people named by the record's members taken from one article."""
    found: dict[str, ParticipantRecord] = {}
    for member in _members(record):
        if article in _articles(member):
            for p in _people(member):
                found.setdefault(participant_key(p), p)
    return list(found.values())


def _same_text_dates_agree(a: EventRecord, b: EventRecord) -> bool:
    """Where both records cite one article, that article's dates were worked out from
    one anchor: they must agree exactly (no slack for relative days)."""
    shared = _articles(a) & _articles(b)
    if not shared:
        return True
    views_a = [_source_date_view(s, s.status or "occurred") for s in a.sources
               if str(s.article_id or s.article) in shared]
    views_b = [_source_date_view(s, s.status or "occurred") for s in b.sources
               if str(s.article_id or s.article) in shared]
    multi_day = _multi_day(a) or _multi_day(b)
    return all(datepolicy.compatible(va, vb, multi_day, same_text=True)
               for va in views_a if va.textual for vb in views_b if vb.textual)


def _placed(record: EventRecord) -> set[str]:
    """Countries an event is placed in: its location's, and its hosts'."""
    found = {(record.location or {}).get("country")}
    found |= {p.country for p in record.participants if p.role == "host"}
    return found - {None}


def _anchored_enough(a: EventRecord, b: EventRecord, shared: int) -> bool:
    """A report with no time at all (no date, no publication date) can be any of the
    events between its people: it merges only when it names the same people, and for
    a visit the same destination, or the same days (one inferred from its article's
    story, see `_story_day`)."""
    if best_date_view(a).known and best_date_view(b).known:
        return True
    if a.type != b.type:
        return False
    too_few = shared < min(2, len(_people(a)), len(_people(b))) or not shared
    states_only = not (_people(a) and _people(b))
    if too_few and not (states_only and _placed_alike(a, b)):
        return False  # a report naming only states may join the talks of its days
    people_a, people_b = _people(a), _people(b)
    if not (_named_within(people_a, people_b) or _named_within(people_b, people_a)):
        return False  # someone else on each side: two different gatherings
    ca, cb = countries(a), countries(b)
    if not (ca <= cb or cb <= ca):
        return False  # a third state on each side: two different gatherings
    if a.type == "visit":
        return bool(_placed(a) & _placed(b)) or _placed_alike(a, b) or _unplaced_on_named_day(a, b)
    return True


def _unplaced_on_named_day(a: EventRecord, b: EventRecord) -> bool:
    """A visit one report places nowhere ("arrived in the capital on Tuesday") is
    the same visitors' visit another report dates to that very day."""
    if _placed(a) and _placed(b):
        return False
    return _named_day_is(a, b) or _named_day_is(b, a)


def _placed_alike(a: EventRecord, b: EventRecord) -> bool:
    """Both dated, if only by a day inferred for one of them, and the days agree."""
    placed_a, placed_b = _placement_view(a), _placement_view(b)
    multi_day = _multi_day(a) or _multi_day(b)
    return placed_a.known and placed_b.known and datepolicy.compatible(placed_a, placed_b, multi_day)


def match_score(a: EventRecord, b: EventRecord) -> float | None:
    """How well two records fit as one event; None when they cannot be one.

    The score only ranks compatible candidates (closer dates, more shared actors);
    the hard constraints decide.
    """
    if not _same_text_dates_agree(a, b) or _told_apart(a, b):
        return None  # one article dates them to different days, or names other people
    shared = _shared_people(a, b)  # the costliest test: once per pair
    if not _types_compatible(a, b, shared) or not _anchored_enough(a, b, shared):
        return None
    if not _status_compatible(a.status or "occurred", b.status or "occurred"):
        return None
    if not _participants_compatible(a, b, shared):
        return None
    if a.type == "statement" and not _topics_compatible(a, b):
        return None
    if not _dates_compatible(a, b) or not _open_days_agree(a, b):
        return None
    overlap = shared / max(1, len(_people(a)) + len(_people(b)) - shared)
    best_a, best_b = best_date_view(a), best_date_view(b)
    # Among compatible candidates prefer the one whose best date lies nearest: an
    # undated "on the phone with" report most likely tells of the latest call.
    gap = abs((best_a.last - best_b.last).days) if best_a.known and best_b.known else 0
    return 1.0 + overlap + 0.2 * (a.type == b.type) - 0.1 * datepolicy.distance(best_a, best_b) - 0.001 * gap


def same_event(a: EventRecord, b: EventRecord) -> bool:
    return match_score(a, b) is not None


# ------------------------------------------------------------------- combine


def _members(record: EventRecord) -> list[EventRecord]:
    """The article-level records of a merged event; an article-level record is its own."""
    return list(record.members) if record.members else [record]


def _member_order(member: EventRecord) -> tuple[str, str]:
    published = min((s.published or "9999" for s in member.sources), default="9999")
    return (str(published), str(member.id or ""))


def merged_id(members: Sequence[EventRecord]) -> str:
    smallest = min(str(m.id or "") for m in members)
    return "ev-" + hashlib.sha1(smallest.encode("utf-8")).hexdigest()[:16]


def _majority(values: Iterable, key=lambda v: v):
    """Most frequent value (by key); ties go to the first seen."""
    values = [v for v in values if v]
    if not values:
        return None
    counts = Counter(key(v) for v in values)
    top = max(counts.values())
    return next(v for v in values if counts[key(v)] == top)


def _choose_date(members: list[EventRecord]) -> dict:
    """Best-evidenced date (stated > relative > dateline > reported), then precision;
    among equals the date most sources give, then the earliest (the first report of an
    undated event is the closest to it). A single day beats a span of days of equal
    evidence, except for visits: talks "during the visit of 15-17 May" were on one of
    those days, which a report of the talks names. Of an event that happened, a report
    that it happened beats a preview of equal evidence (plans move). The EventRecord
    fields, by name."""
    spans_fit = all(m.type == "visit" for m in members)
    happened = any((s.status or "occurred") == "occurred" for m in members for s in m.sources)
    candidates = [(quality(s.date_basis, s.date_precision or "day")
                   + (spans_fit or not s.end_date, not happened or (s.status or "occurred") == "occurred"), s)
                  for m in members for s in m.sources if s.date]
    if not candidates:
        return {"date": None, "date_precision": "unknown", "end_date": None, "date_basis": "none"}
    best_rank = max(rank for rank, _ in candidates)
    best = [s for rank, s in candidates if rank == best_rank]
    votes = Counter(s.date for s in best)
    top = max(votes.values())
    chosen_date = min(d for d, n in votes.items() if n == top)
    chosen = next(s for s in best if s.date == chosen_date)
    end_dates = [s.end_date for s in best if s.date == chosen_date and s.end_date]
    named_day = _named_day_of_report(members, chosen_date, basis_of(chosen.date_basis))
    if named_day is not None:
        return {"date": named_day, "date_precision": "day", "end_date": None, "date_basis": "relative"}
    return {
        "date": chosen_date,
        "date_precision": chosen.date_precision or "day",
        "end_date": max(end_dates) if end_dates else None,
        "date_basis": basis_of(chosen.date_basis),
    }


def _named_day_of_report(members: list[EventRecord], chosen: str, basis: str) -> str | None:
    """An event dated only by a report's day ("reported", "dateline") that another
    report names by its weekday ("on Thursday", on a page with no date) fell on that
    weekday: the report's own day or the day before it, whichever the weekday is."""
    day = _parse_date(chosen)
    if day is None or basis not in ("reported", "dateline"):
        return None
    named = [n for m in members for n in open_days(m) if n.offset is None]
    if not named:
        return None
    lasting = all(_multi_day(m) for m in members)
    for back in range((VISIT_DAYS_BACK if lasting else REPORTED_DAYS_BACK) + 1):
        candidate = day - timedelta(days=back)
        if all(n.fits(candidate) for n in named):
            return candidate.isoformat()
    return None


def _choose_type(members: list[EventRecord]) -> str | None:
    """The members' type; where they disagree (talks vs call), the more specific."""
    types = {m.type for m in members} - {None}
    ranked = [t for t in TYPE_PREFERENCE if t in types]
    return ranked[0] if ranked else _majority(m.type for m in members)


def _combine_participants(members: list[EventRecord]) -> list[ParticipantRecord]:
    by_key: dict[str, ParticipantRecord] = {}
    for m in members:
        for p in m.participants:
            key = participant_key(p)
            if key not in by_key:
                by_key[key] = replace(p)  # a copy: the member keeps its own
                continue
            known = by_key[key]
            for field in ("title", "country", "name"):
                if not getattr(known, field) and getattr(p, field):
                    setattr(known, field, getattr(p, field))
            # A specific role beats the generic one.
            if known.role in (None, "", "participant", "present") and p.role:
                known.role = p.role
    return list(by_key.values())


def _trip_party(event_type: str | None, participants: list[ParticipantRecord]) -> list[ParticipantRecord]:
    """A visit is the trip: its visitors and the host state. The people who received
    them belong to the talks held during it (events of their own), so a visit that
    names its host state keeps no host people."""
    if event_type != "visit":
        return participants
    hosts = [p for p in participants if p.role == "host"]
    if not any(is_state(p) for p in hosts) or not any(p.role == "visitor" for p in participants):
        return participants
    return [p for p in participants if p.role != "host" or is_state(p)]


def _combine_topics(members: list[EventRecord]) -> list[str]:
    counts: Counter = Counter()
    first_seen: dict[str, int] = {}
    for m in members:
        for topic in dict.fromkeys(m.topics):
            counts[topic] += 1
            first_seen.setdefault(topic, len(first_seen))
    return sorted(counts, key=lambda t: (-counts[t], first_seen[t]))


def _combine_statements(members: list[EventRecord]) -> list[StatementRecord]:
    seen: set[str] = set()
    out = []
    for m in members:
        for st in m.statements:
            key = _norm(st.text)
            if key and key not in seen:
                seen.add(key)
                out.append(st)
    return out


def _combine_plover(members: list[EventRecord]) -> dict:
    plovers = [m.plover or {} for m in members]
    event = _majority(p.get("event") for p in plovers)
    chosen = next((p for p in plovers if p.get("event") == event), {}) if event else {}
    context: list[str] = []
    for p in plovers:
        for c in p.get("context") or []:
            if c not in context:
                context.append(c)
    result = dict(chosen)
    if result or context:
        result["context"] = context
    return result


def _combine_status(members: list[EventRecord]) -> str:
    """Occurred once any report says it happened; else what the latest report says (a
    plan called off is negated, a postponement rescheduled is planned again)."""
    reports = [(str(s.published or ""), s.status or m.status or "occurred")
               for m in members for s in m.sources]
    reports += [("", m.status or "occurred") for m in members if not m.sources]
    if any(status == "occurred" for _, status in reports):
        return "occurred"
    return max(reports, key=lambda r: (r[0], r[1] == "negated"))[1] if reports else "occurred"


def _as_member(record: EventRecord) -> EventRecord:
    """An article-level record as a merged event keeps it (its own members dropped)."""
    return replace(record, members=[])


def _source_order(source: SourceRecord) -> tuple[str, str, str]:
    return (str(source.published or "9999"), str(source.article or ""), str(source.id or ""))


def rebuild(members: Sequence[EventRecord]) -> EventRecord:
    """The merged record of a set of article-level records (order-independent)."""
    if not members:
        raise ValueError("a merged event needs at least one member")
    unique: dict[str, EventRecord] = {}
    for m in members:
        unique.setdefault(str(m.id), _as_member(m))
    ordered = sorted(unique.values(), key=_member_order)
    event_type = _choose_type(ordered)
    return EventRecord(
        id=merged_id(ordered),
        type=event_type,
        status=_combine_status(ordered),
        **_choose_date(ordered),
        participants=_trip_party(event_type, _combine_participants(ordered)),
        location=_majority((m.location for m in ordered),
                           key=lambda loc: (_norm(loc.get("name")), loc.get("country"))),
        occasion=_majority((m.occasion for m in ordered), key=_norm),
        plover=_combine_plover(ordered),
        cameo=_majority(m.cameo for m in ordered),
        topics=_combine_topics(ordered),
        statements=_combine_statements(ordered),
        sources=sorted((s for m in ordered for s in m.sources), key=_source_order),
        members=ordered,
    )


def combine(merged: EventRecord, new: EventRecord) -> EventRecord:
    """Fold a record (article-level or merged) into a merged one.

    Idempotent: combining a record whose members are already in ``merged`` returns
    an equal record.
    """
    return rebuild(_members(merged) + _members(new))


# -------------------------------------------------------------------- linking


def _within_visit(visit: EventRecord, part: EventRecord) -> bool:
    """Talks held during a visit: same countries, dated inside the visit's days."""
    if part.type not in PART_OF_VISIT:
        return False
    if visit.status == "negated" or part.status == "negated":
        return False
    cv, cp = countries(visit), countries(part)
    if cv and cp and len(cv & cp) < min(2, len(cv), len(cp)):
        return False
    visit_view, part_view = best_date_view(visit), best_date_view(part)
    if not (visit_view.known and part_view.known):
        return False
    last = visit_view.last
    if not visit.end_date and visit_view.precision == "day":
        last = visit_view.first + timedelta(days=VISIT_DEFAULT_DAYS)
    if part_view.precision != "day" and visit_view.precision == "day":
        return False
    return visit_view.first <= part_view.last and part_view.first <= last


def _link(store: MergeStore, record: EventRecord) -> set[tuple[str, str, str]]:
    """Add part_of links between a merged visit and the talks held during it."""
    added = set()
    if record.type == "visit":
        for family in sorted({type_family(t) for t in PART_OF_VISIT}):
            for other in store.find_events(query_keys(record, family)):
                if other.id != record.id and _within_visit(record, other):
                    added.add((other.id, record.id, "part_of"))
    elif record.type in PART_OF_VISIT:
        for other in store.find_events(query_keys(record, "visit")):
            if other.id != record.id and _within_visit(other, record):
                added.add((record.id, other.id, "part_of"))
    for event_id, other_id, relation in sorted(added):
        store.add_link(event_id, other_id, relation)
    return added


# ----------------------------------------------------------------- the batch


def _save(store: MergeStore, record: EventRecord, old_id: str | None) -> None:
    if old_id and old_id != record.id:
        store.delete_event(old_id)
    store.save_event(record, block_keys(record))


def _best_candidate(record: EventRecord, candidates: list[EventRecord]) -> EventRecord | None:
    scored = [(match_score(c, record), c) for c in candidates]
    scored = sorted(((s, c) for s, c in scored if s is not None), key=lambda sc: str(sc[1].id))
    if not scored or _joint_report(record, [c for _, c in scored]):
        return None
    # Highest score; among equals the event that fell on the very day the record
    # names ("on Tuesday": not the visit that began on a Wednesday); then (a report
    # with no time fits a held meeting and the talks only announced for the next day
    # alike) the event whose status agrees: a report that something happened more
    # likely tells an event already reported as held; then the event whose day a
    # text gives; then the smallest id (max keeps the first): deterministic.
    return max(scored, key=lambda sc: (sc[0], _named_day_is(record, sc[1]), _same_status(record, sc[1]),
                                       _dated_by_text(sc[1])))[1]


def _joint_report(record: EventRecord, candidates: list[EventRecord]) -> bool:
    """The record names the people of two events another article told apart ("was
    received by the king and the crown prince" after one report of each meeting):
    it tells both at once, and joining either would make it the other's too."""
    for i, a in enumerate(candidates):
        for b in candidates[i + 1:]:
            if _told_apart(a, b) and _names_only_in(record, a, b) and _names_only_in(record, b, a):
                return True
    return False


def _names_only_in(record: EventRecord, one: EventRecord, other: EventRecord) -> bool:
    """The record names someone of ``one`` who is not in ``other``."""
    return any(_named_within([p], _people(one)) and not _named_within([p], _people(other))
               for p in _people(record))


def _dated_by_text(record: EventRecord) -> bool:
    """A report's text gives the event's day: it is better attested than one dated
    only by the day of a report (which may be a recollection read as news)."""
    return best_date_view(record).textual


def _same_status(a: EventRecord, b: EventRecord) -> bool:
    return (a.status or "occurred") == (b.status or "occurred")


def merge_batch(store: MergeStore, records: list[EventRecord]) -> MergeStats:
    """Fold a batch of article-level records into the store's merged events.

    Records are processed best-dated first (explicit dates anchor the vaguer reports),
    then by publication date and id, so a batch gives the same result whatever order
    its records come in. Records with no time at all come last: first those that fit
    an event of a known day, then those whose candidates all fall in one period, then
    the others, then those that fit no event yet, each confined to the period where
    its article's other records were placed (`_story_view`) and dated by it
    (`_story_day`).
    """
    stats = MergeStats()
    ordered = sorted(
        records,
        key=lambda r: (-BASIS_RANK[basis_of(r.date_basis)], _member_order(r)),
    )
    touched: dict[str, EventRecord] = {}
    story: dict[str, list[DateView]] = {}
    timeless = [r for r in ordered if not best_date_view(r).known]
    siblings = {id(r): _siblings(r, records) for r in records}
    for record in (r for r in ordered if best_date_view(r).known):
        _fold(store, record, stats, touched, story, siblings[id(record)])
    named, placed, vague, deferred, alone = [], [], [], [], []
    for record in timeless:
        fits = [c for c in _candidates(store, record) if match_score(c, record) is not None]
        fitting = [c for c in fits if not _left_to_a_sibling(record, c, siblings[id(record)])]
        if _named_day_places(record, fitting):
            named.append(record)  # the day it names is one event's own: it sets its article's story
        elif _periods_differ(fits):
            deferred.append(record)
        elif not fitting:
            alone.append(record)  # its article's story may yet be learnt from the others
        elif any(_day_view(c) is not None for c in fitting):
            placed.append(record)  # joins an event of a known day: it tells its article's story
        else:
            vague.append(record)
    # a plan an undated page tells without its day ("in the coming weeks") may be for
    # any later day: it places its article's story last (a stable sort)
    placed.sort(key=lambda r: (r.status or "occurred") != "occurred" and not open_days(r))
    for record in named + placed + vague + deferred + alone:
        _fold(store, record, stats, touched, story, siblings[id(record)])
    links: set[tuple[str, str, str]] = set()
    for merged in sorted(touched.values(), key=lambda r: r.id):
        links |= _link(store, merged)
    stats.linked = len(links)
    return stats


def _candidates(store: MergeStore, record: EventRecord) -> list[EventRecord]:
    return [c for c in store.find_events(query_keys(record)) if c.id]


def _fold(store: MergeStore, record: EventRecord, stats: MergeStats,
          touched: dict[str, EventRecord], story: dict[str, list[DateView]],
          siblings: Sequence[EventRecord] = ()) -> None:
    """Merge one record into its best candidate (or start an event) and note where its
    article's story was placed."""
    candidates = [c for c in _candidates(store, record) if not _left_to_a_sibling(record, c, siblings)]
    period = _story_view(record, story)
    told = record  # as its report told it, before any day inferred for it
    if period is not None:
        candidates = [c for c in candidates if datepolicy.compatible(period, _placement_view(c))]
        day = _story_day(record, story)
        if day is not None:
            record = _dated_as_inferred(record, day)
    target = _best_candidate(record, candidates)
    if target is None:
        merged = rebuild([record])
        _save(store, merged, None)
        stats.new += 1
        touched[merged.id] = merged
    elif (merged := combine(target, record)) == target:
        stats.unchanged += 1
    else:
        _save(store, merged, target.id)
        touched.pop(target.id, None)
        stats.merged += 1
        touched[merged.id] = merged
    view = best_date_view(merged)
    if view.known and view.precision in ("day", "unknown"):  # not a year's recollection
        views = [view]
        day = _parse_date(merged.date)
        if view.precision == "unknown" and day is not None and merged.date_precision == "day":
            # a report's day: where the story is told, the guess for its undated events
            views.append(DateView(day, day, view.basis, "day"))
        for article in _articles(record):
            story.setdefault(article, []).extend(views)
    for article, page_day in _page_days(told, merged).items():
        story.setdefault(article, []).append(DateView(page_day, page_day, PAGE_DAY, "day"))


def _siblings(record: EventRecord, records: Sequence[EventRecord]) -> list[EventRecord]:
    """The batch's other records from the record's articles."""
    articles = _articles(record)
    return [r for r in records if r is not record and _articles(r) & articles]


def _left_to_a_sibling(record: EventRecord, candidate: EventRecord, siblings: Sequence[EventRecord]) -> bool:
    """The record fits the candidate only with a day's slack while another record of
    its article, on another day by that article's words, fits it on the very day
    ("talks in the capital on Monday ... more talks in the mountains on Tuesday"):
    the event is the other's, and the record tells the next day's."""
    if any(_tells_more_of(s, record, candidate) for s in siblings):
        return True
    view = best_date_view(record)
    target = best_date_view(candidate)
    if datepolicy.distance(view, target) == 0:
        return False
    return any(datepolicy.distance(best_date_view(s), target) == 0 and not _same_text_dates_agree(record, s)
               and match_score(candidate, s) is not None for s in siblings)


def _tells_more_of(sibling: EventRecord, record: EventRecord, candidate: EventRecord) -> bool:
    """The record's article told two gatherings apart ("X and Y met on Thursday ...
    the talks of X, Y and Z are set for today") and its other report names more of
    the candidate's people: the candidate is that other gathering."""
    return (_told_apart(record, sibling) and match_score(candidate, sibling) is not None
            and _shared_people(sibling, candidate) > _shared_people(record, candidate))


# Basis of a story's entry for the day an undated page was written.
PAGE_DAY = "page"


def _page_days(record: EventRecord, merged: EventRecord) -> dict[str, date]:
    """The days undated pages were written, worked out from a day word of theirs
    ("met today") and the day the texts give the event it joined."""
    day = _parse_date(merged.date)
    textual = basis_of(merged.date_basis) in datepolicy.TEXTUAL_BASES
    if day is None or merged.date_precision != "day" or not textual:
        return {}
    found = {}
    for source in record.sources:
        offsets = {n.offset for n in _source_open_days(source) if n.offset is not None}
        if len(offsets) == 1:
            found[str(source.article_id or source.article)] = day - timedelta(days=offsets.pop())
    return found


def _named_day_is(record: EventRecord, candidate: EventRecord) -> bool:
    """The record names a day it could not place ("arrived on Tuesday") and the
    candidate's day is that very day, not merely a day's slack away from it."""
    named = [n for n in open_days(record) if n.offset is None]
    view = _day_view(candidate)
    return bool(named) and view is not None and any(_open_day_fits(n, view, 0) for n in named)


def _named_day_places(record: EventRecord, fitting: list[EventRecord]) -> bool:
    """The day a record with no time names is the very day of events of one period
    only: that places it (and its article's story) better than any other clue."""
    exact = [best_date_view(c) for c in fitting if _named_day_is(record, c)]
    return bool(exact) and all(datepolicy.compatible(v, w) for v in exact for w in exact)


def _periods_differ(fits: list[EventRecord]) -> bool:
    """The events a record fits fall in different periods (a visit last year, a visit now)."""
    views = [v for v in (best_date_view(c) for c in fits) if v.known]
    return any(not datepolicy.compatible(v, w) for v in views for w in views)


def _story_view(record: EventRecord, story: dict[str, list[DateView]]) -> DateView | None:
    """For a record with no time: the period its article's other records were placed
    in, widened by the week a report covers. One article tells one story; its undated
    mentions belong to that story rather than to the same people's other events."""
    if best_date_view(record).known:
        return None
    views = [v for article in _articles(record) for v in story.get(article, [])]
    if not views:
        return None
    slack = timedelta(days=datepolicy.UNDATED_WINDOW_DAYS)
    first = min(v.first for v in views) - slack
    last = max(v.last for v in views) + slack
    return DateView(first, last, "none", "unknown")


def _placement_view(record: EventRecord) -> DateView:
    """Where an event was placed: its dates, else the day inferred for it."""
    view = best_date_view(record)
    day = _parse_date(record.date)
    if view.known or day is None:
        return view
    return DateView(day, day, "inferred", "day")


def _story_day(record: EventRecord, story: dict[str, list[DateView]]) -> date | None:
    """The day a record with no time most likely tells of: on a page whose other
    reports went to events of one day, that day; when the report named a day it
    could not place (a weekday, a day without its year), that day nearest the
    story's days, within a week of them."""
    days = sorted({v.first for article in _articles(record) for v in story.get(article, [])
                   if v.precision == "day"})
    if not days:
        return None
    named = open_days(record)
    page = next((v.first for article in _articles(record) for v in story.get(article, [])
                 if v.basis == PAGE_DAY), None)
    counted = [n.offset for n in named if n.offset is not None]
    if page is not None and counted:
        return page + timedelta(days=counted[0])  # "yesterday" on a page of a known day
    named = [n for n in named if n.offset is None]
    if not named:
        return days[0] if len(days) == 1 else None
    first, last = days[0] - timedelta(days=6), days[-1] + timedelta(days=6)
    options = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    options = [d for d in options if any(n.fits(d) for n in named)]
    if not options:
        return None
    return min(options, key=lambda d: (max((days[0] - d).days, (d - days[-1]).days, 0), d))


def _dated_as_inferred(record: EventRecord, day: date) -> EventRecord:
    """The record with its day inferred from its article's story (basis "inferred":
    it never keeps reports apart, see `datepolicy.view_of`)."""
    dating = {"date": day.isoformat(), "date_basis": "inferred", "date_precision": "day", "end_date": None}
    sources = [replace(s, **dating) if not s.date else s for s in record.sources]
    return replace(record, **dating, sources=sources)
