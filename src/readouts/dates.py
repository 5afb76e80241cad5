"""Dates stage: time expressions and the dates of reported actions.

Owns: `tag` (TIMEX3-style time expressions with normalised values, anchored on the
publication date and on tense) and `event_date` (the day a reported action happened,
told apart from the day it was reported). The machinery lives in `readouts.timex`;
this module is the stage's public face.

Without a publication date (published=None) relative expressions keep unresolved
values ("XXXX-WXX-5" for "on Friday"); absolute dates still resolve.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from readouts.records import Timex
from readouts.timex.eventdate import event_date, reported_date  # re-exported
from readouts.timex.tagger import find

__all__ = ["tag", "tag_text", "event_date", "reported_date"]


def tag(doc: Doc, published: date | None) -> list[Timex]:
    """Time expressions in a parsed document; offsets are into doc.text."""
    return find(doc, published)


def tag_text(text: str, published: date | None) -> list[Timex]:
    """Parse text with the shared pipeline and tag it."""
    from readouts.annotate import load_nlp

    return tag(load_nlp()(text), published)
