"""Dating: the day an event happened.

Owns: dates relative to the previous event of the article ("on the same day", "the
next day"), the date of the article's lead sentence (news convention: the lede's
dated main clause reports the article's main event, so an undated later mention of
that event's people takes it); everything else is `readouts.dates.event_date`, which
tells the day of the action from the day of its report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import datepolicy
from ..annotate import text_of
from ..dates import event_date
from ..timex.eventdate import REPORTING_LEMMAS
from ..records import ActorSet, EventDate, Timex
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
    return event_date(doc, sent.start_char, sent.end_char, timexes, published, trigger=trigger.token.idx)


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


def lead_date(
    sents: list[SpacySpan], actors: ActorSet, timexes: list[Timex], published: date | None
) -> Lead | None:
    """The date the lead sentence's main verb carries ("X and Y agreed on Thursday to
    ..."), when it is a day on or at most a week before publication."""
    if published is None:
        return None
    by_key = actors.by_key()
    for sent in sents[:LEAD_SENTENCES]:
        mentions = [m for m in actors.at(sent.start_char, sent.end_char) if m.actor_key in by_key]
        root = sent.root
        if not mentions or root.pos_ not in ("VERB", "AUX"):
            continue
        if root.lemma_.lower() in REPORTING_LEMMAS:
            return None  # "X did Y, the ministry said on Wednesday": the report's date
        when = event_date(sent.doc, sent.start_char, sent.end_char, timexes, published, trigger=root.idx)
        if when.value is None or when.precision != "day" or when.basis not in datepolicy.TEXTUAL_BASES:
            continue
        if not 0 <= (published - when.value).days <= LEAD_WINDOW_DAYS:
            return None
        actors_named = [by_key[m.actor_key] for m in mentions]
        countries = {a.country or a.code for a in actors_named} - {None}
        return Lead(when, {a.key for a in actors_named}, countries)
    return None
