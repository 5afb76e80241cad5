"""Dating: the day an event happened.

Owns: dates relative to the previous event of the article ("on the same day", "the
next day"); everything else is `readouts.dates.event_date`, which tells the day of
the action from the day of its report.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from ..dates import event_date
from ..records import EventDate, Timex
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
    phrase = Timex(start, end, doc.text[start:end], "DATE", value.isoformat(), anchored=True)
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
