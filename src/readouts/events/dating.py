"""Dating: the day an event happened.

Owns: dates relative to the previous event of the article ("on the same day", "the
next day"), the date of the article's lead sentence (news convention: the lede's
dated main clause reports the article's main event, so an undated later mention of
that event's people takes it; an undated page's lead too, unchecked); a visit is
dated by its first day ("the second day of", "concluding a two-day visit on ...");
talks without a day take the day of the visit they are held on; an occurred event
whose day no sentence gives takes its report's day (basis "reported"/"dateline"; the
day before publication when the text states it in full); everything else is
`readouts.dates.event_date`, which tells the day of the action from the day of its
report.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import datepolicy
from ..annotate import text_of
from ..dates import event_date, reported_date
from ..timex.eventdate import REPORTING_LEMMAS
from ..timex.lexicon import NUMBER_WORD_RE, alternation, parse_number
from ..timex.tagger import stated_days
from ..records import ActorSet, Article, EventDate, Timex
from .drafts import Draft
from .triggers import Trigger
from .vocabulary import EventVocabulary


def relative_to_previous(trigger: Trigger, vocab: EventVocabulary) -> tuple[int, int, int] | None:
    """(day offset, start, end) when the sentence dates the event from the previous one
    ("On the same day" -> 0, "the next day" -> 1)."""
    text = trigger.sent.text
    for phrase, days in sorted(vocab.relative_days.items(), key=lambda kv: -len(kv[0])):
        match = re.search(rf"\b{re.escape(phrase)}\b", text, re.IGNORECASE)
        if match:
            start = trigger.sent.start_char + match.start()
            return days, start, start + len(match.group())
    return None


def shifted(previous: EventDate, relative: tuple[int, int, int], doc: Doc) -> EventDate:
    """The previous event's date moved by the offset; the phrase is the evidence."""
    days, start, end = relative
    if previous.value is None:
        return EventDate(None, basis="none")
    value = previous.value + timedelta(days=days)
    phrase = Timex(start, end, text_of(doc)[start:end], "DATE", value.isoformat(), anchored=True)
    return EventDate(value=value, precision=previous.precision, evidence=phrase, basis="relative")


def date_event(
    doc: Doc,
    trigger: Trigger,
    timexes: list[Timex],
    published: date | None,
    vocab: EventVocabulary,
) -> EventDate:
    """The event's date: `readouts.dates.event_date` tells the day of the action from
    the day of the report ("X said on Wednesday that during their call ...")."""
    sent = trigger.sent
    return event_date(doc, sent.start_char, sent.end_char, timexes, published, trigger=trigger.token.idx,
                      trigger_end=trigger.end)


# how far before publication a lead's date may lie and still be the article's news
LEAD_WINDOW_DAYS = 7
# sentences searched for the lead (headers and captions can precede it)
LEAD_SENTENCES = 3


@dataclass
class Lead:
    """The lead sentence's date and who the lead names (actor keys and countries)."""

    date: EventDate
    keys: set[str]
    countries: set[str]
    # the lead dates the last day of a visit ("left on Wednesday, concluding a two-day
    # visit"): the talks held during the visit need not be of that day (a lead on "the
    # second day of" a visit tells that day's own events, and "later" talks follow it)
    visit_day: int | None = None


def lead_date(
    sents: list[SpacySpan], actors: ActorSet, timexes: list[Timex], published: date | None
) -> Lead | None:
    """The date the lead sentence's main verb carries ("X and Y agreed on Thursday to
    ..."), when it is a day on or at most a week before publication. A page without
    a publication date has no window to check: its lead's day (perhaps only
    "inferred", see `readouts.timex.tagger.resolve_undated`) is the best it offers."""
    bases = datepolicy.TEXTUAL_BASES if published is not None else datepolicy.TEXTUAL_BASES | {"inferred"}
    by_key = actors.by_key()
    for sent in sents[:LEAD_SENTENCES]:
        mentions = [m for m in actors.at(sent.start_char, sent.end_char) if m.actor_key in by_key]
        root = _main_verb(sent)
        if not mentions or root is None:
            continue
        if root.lemma_.lower() in REPORTING_LEMMAS:
            return None  # "X did Y, the ministry said on Wednesday": the report's date
        when = event_date(sent.doc, sent.start_char, sent.end_char, timexes, published, trigger=root.idx)
        if when.value is None or when.precision != "day" or when.basis not in bases:
            continue
        if published is not None and not 0 <= (published - when.value).days <= LEAD_WINDOW_DAYS:
            return None
        actors_named = [by_key[m.actor_key] for m in mentions]
        countries = {a.country or a.code for a in actors_named} - {None}
        ends_visit = _LAST_DAY.search(sent.text) is not None
        return Lead(when, {a.key for a in actors_named}, countries, _day_of_visit(sent.text) if ends_visit else None)
    return None


def _main_verb(sent: SpacySpan):
    """The sentence's main verb: its root, or the verb the parser hung under a place
    name left in front of it ("Cairo: The president met ...")."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    return next((c for c in root.children if c.pos_ == "VERB" and c.dep_ in ("acl", "appos", "dep")), None)


def date_from_lead(drafts: list[Draft], lead: Lead | None) -> None:
    """An occurred event with no date of its own whose people (or their countries) the
    lead names takes the lead's date: "X and Y agreed on Thursday to ..." then "It was
    the first summit ..." (background mentions were dropped before this point). Not
    the talks of a visit whose last day the lead tells ("left on Wednesday, concluding
    a two-day visit"): they were held during it, from its first day."""
    if lead is None:
        return
    for draft in drafts:
        if draft.status != "occurred" or draft.date.value is not None or draft.type == "statement":
            continue
        if (lead.visit_day or 1) > 1 and draft.type in ("meeting", "agreement"):
            continue  # held during the visit the lead ends: `date_from_visit` dates them
        countries = {p.country for p in draft.parties} - {None}
        if draft.keys() & lead.keys or countries & lead.countries:
            draft.date = lead.date


def date_from_visit(drafts: list[Draft]) -> None:
    """Talks or a signing with no day of their own, held during a visit the article
    dates, happen on the visit's (first) day at the earliest: they take it."""
    visits = [d for d in drafts if d.type == "visit" and d.date.value is not None
              and d.date.basis in datepolicy.TEXTUAL_BASES and d.status != "negated"]
    for draft in drafts:
        if draft.type not in ("meeting", "agreement") or draft.date.value is not None:
            continue
        for visit in visits:
            visitors = {p.actor.key for p in visit.parties if p.visiting} or visit.keys()
            if visitors & draft.keys():
                draft.date = visit.date
                break


VISIT_DAYS_FILE = Path(__file__).resolve().parent.parent / "data" / "visit_days.toml"
with VISIT_DAYS_FILE.open("rb") as _handle:
    _VISIT_DAYS = tomllib.load(_handle)
_ORDINAL_DAYS: dict[str, int] = _VISIT_DAYS["ordinal_days"]
_NTH_DAY = re.compile(rf"\b({alternation(_ORDINAL_DAYS)})\s+day\s+of\b", re.IGNORECASE)
_LAST_DAY = re.compile(rf"\b(?:{alternation(_VISIT_DAYS['last_day']['phrases'])})\b", re.IGNORECASE)
_LENGTH = re.compile(rf"\b(\d|{NUMBER_WORD_RE})-day\b", re.IGNORECASE)


def date_visit_start(drafts: list[Draft], sents: list[SpacySpan]) -> None:
    """A visit is dated by its first day: a day its sentence calls "the second day of"
    the visit, or the last of an "N-day visit" ("concluding a two-day visit on
    Monday"), moves back to the day the visit began."""
    for draft in drafts:
        when = draft.date
        if draft.type != "visit" or when.evidence is None or when.value is None or when.precision != "day":
            continue
        sent = next((s for s in sents if s.start_char <= when.evidence.start < s.end_char), None)
        days_in = _day_of_visit(sent.text) if sent is not None else None
        if days_in:
            draft.date = replace(when, value=when.value - timedelta(days=days_in - 1),
                                 end_value=when.end_value or when.value)


def _day_of_visit(text: str) -> int | None:
    """Which day of the visit (1 = the first) the sentence says its date is."""
    nth = _NTH_DAY.search(text)
    if nth:
        return _ORDINAL_DAYS[nth.group(1).lower()]
    length = _LENGTH.search(text)
    if length and _LAST_DAY.search(text):
        days = parse_number(length.group(1))
        return int(days) if days and days < 10 else None
    return None


def date_from_report(drafts: list[Draft], article: Article, timexes: list[Timex] = ()) -> None:
    """An occurred event whose day no sentence gives is dated to its report (basis
    "reported" or "dateline"): news reports what just happened. When the text itself
    states the day before publication in full (a caption's "June 12, 2023" in a paper
    of June 13), the report is of that day's news: the undated event takes it, still
    as "reported". Planned and negated events keep no date: a plan's day is not its
    announcement's."""
    day = reported_date(article.published, article.published_from)
    eve = _eve_stated(timexes, article.published)
    if eve is not None:
        day = replace(day, value=date.fromisoformat(eve.value[:10]), evidence=eve)
    if day.value is None:
        return  # an undated page: keep what the text gave (a weekday it could not place)
    for draft in drafts:
        if draft.status == "occurred" and draft.date.value is None:
            draft.date = day


def _eve_stated(timexes: list[Timex], published: date | None) -> Timex | None:
    """A time expression stating the day before publication with its year."""
    if published is None:
        return None
    eve = published - timedelta(days=1)
    return next((t for t, day in stated_days(timexes) if day == eve), None)
