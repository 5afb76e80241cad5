"""Drafts: an event of one article while its mentions are being gathered.

Owns: the `Draft` record (type, status, parties, date, the mentions it was told by),
the `BareVisit` (a visit named without its traveller),
how two of an article's dates compare (through `readouts.datepolicy`), the small
helpers that add parties to a draft, and the travellers and places a draft tells.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan

from .. import datepolicy
from ..records import EventDate, Span
from .participants import Party
from .places import resolve_place
from .triggers import Trigger


@dataclass
class Draft:
    """An event being assembled from one or more trigger mentions."""

    type: str
    status: str
    sent_index: int
    triggers: list[Trigger]
    parties: list[Party]
    date: EventDate
    occasion: tuple[str, Span] | None = None
    extra: list[Party] = field(default_factory=list)  # present / accompanying
    venue: tuple[dict, Span] | None = None  # set when a tour is split per destination
    # each mention's trigger and the people it named: "a meeting with X" told apart
    # from "met X, Y and Z"
    mentions: list[tuple[Trigger, frozenset[str]]] = field(default_factory=list)

    def keys(self) -> set[str]:
        return {p.actor.key for p in self.parties}


@dataclass
class BareVisit:
    """A visit named without its traveller, as the article told it."""

    trigger: Trigger
    status: str
    when: EventDate
    sent_index: int
    traveller: str | None = None  # "X said during his first foreign visit": who, not where


def date_quality(d: EventDate) -> tuple[int, int]:
    """A day beats no day; with no day, a day named but not placed (an undated page's
    "on Wednesday", which merging places) beats nothing at all."""
    if d.value is None:
        return (-1, int(d.evidence is not None))
    return datepolicy.quality(d.basis, d.precision)


def dates_compatible(a: EventDate, b: EventDate, multi_day: bool = False) -> bool:
    """Two mentions in one article may be one event (see `readouts.datepolicy`)."""
    return datepolicy.compatible(_view(a), _view(b), multi_day, same_text=True)


def _view(d: EventDate) -> datepolicy.DateView:
    return datepolicy.view_of(d.value, basis=d.basis, precision=d.precision, end=d.end_value)


def person_keys(parties: list[Party]) -> set[str]:
    return {p.actor.key for p in parties if p.actor.kind == "person"}


def add_extra(draft: Draft, parties: list[Party]) -> None:
    known = draft.keys() | {p.actor.key for p in draft.extra}
    for party in parties:
        if party.actor.key not in known:
            draft.extra.append(party)
            known.add(party.actor.key)


def add_parties(draft: Draft, parties: list[Party]) -> None:
    """Add new parties; a later "visiting" cue on a known party still counts."""
    by_key = {p.actor.key: p for p in draft.parties}
    for party in parties:
        if party.actor.key in by_key:
            by_key[party.actor.key].visiting |= party.visiting
        else:
            draft.parties.append(party)
            by_key[party.actor.key] = party


def travelling_people(draft: Draft) -> list[Party]:
    """The people a draft marks as travelling, or names as its subject: a trip's
    travellers."""
    return [p for p in draft.parties if p.actor.kind == "person" and (p.visiting or p.slot == "subject")]


def places_told(draft: Draft) -> set[str]:
    """States the places named in the draft's sentences are in ("on a tour of India":
    India, though no party)."""
    return places_of([t.sent for t in draft.triggers])


def places_of(sents: list[SpacySpan]) -> set[str]:
    """States of the places (GPE entities) the sentences name."""
    found = set()
    for sent in sents:
        for ent in sent.ents:
            if ent.label_ == "GPE":
                country = (resolve_place(ent.text) or {}).get("country")
                if country:
                    found.add(country)
    return found
