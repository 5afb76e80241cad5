"""Dates stage: time expressions and the dates of reported actions.

Owns: `tag` (TIMEX3-style time expressions with normalised values, anchored on the
publication date and on tense) and `event_date` (the day a reported action happened,
told apart from the day it was reported). The machinery lives in `readouts.timex`;
this module is the stage's public face.

Without a publication date (published=None) weekdays and yearless days resolve on
the latest full day the page states, if any (`resolve_undated`); other relative
expressions keep unresolved values ("XXXX-XX-XX" for "today"); absolute dates
still resolve.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from readouts.records import Timex
from readouts.timex.eventdate import event_date, reported_date  # re-exported
from readouts.timex.tagger import find, resolve_undated

__all__ = ["tag", "tag_text", "event_date", "reported_date"]


def tag(doc: Doc, published: date | None) -> list[Timex]:
    """Time expressions in a parsed document; offsets are into doc.text."""
    found = find(doc, published)
    return found if published is not None else resolve_undated(found)


def tag_text(text: str, published: date | None) -> list[Timex]:
    """Parse text with the shared pipeline and tag it."""
    from readouts.annotate import load_nlp

    return tag(load_nlp()(text), published)
