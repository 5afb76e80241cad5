"""History: events an article recalls from long before its news, and what continues them.

Owns: remembering the mentions dropped as history (a stated date long before
publication, `mentions._too_old`) and telling which undated later mentions belong to
them: a clause hanging from the dated one ("X visited A in 2019, signing a pact"),
the same past trip named again ("on his way back from his visit to A"), and the talks
held on that trip told in the next sentences ("X met A's king and crown prince").
An undated mention elsewhere in the article is news as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .drafts import Draft, places_of
from .participants import Party
from .status import governing_verb
from .triggers import Trigger

# sentences after a recalled trip in which undated talks of its travellers are its talks
TRIP_SENTENCES = 2
# prepositions after which a noun names an event already over ("after his visit")
_PAST_MARKERS = frozenset({"after", "following"})


@dataclass
class PastEvent:
    type: str
    verb: Token
    sent_start: int  # token index of the sentence's first token
    sent_index: int
    travellers: set[str]  # actor keys of the people who travelled (or took part)
    places: set[str]  # countries the sentence names, the travellers' own left out


@dataclass
class History:
    """Past events recalled in one article, in order."""

    events: list[PastEvent] = field(default_factory=list)

    def record(self, trigger: Trigger, parties: list[Party], sent_index: int) -> None:
        people = {p.actor.key for p in parties if p.actor.kind == "person"}
        own = {p.country for p in parties if p.actor.kind == "person"}
        self.events.append(PastEvent(trigger.type, governing_verb(trigger.token), trigger.sent.start,
                                     sent_index, people, places_of([trigger.sent]) - own))

    def continued_by(self, trigger: Trigger, parties: list[Party], sent_index: int, news: list[Draft]) -> bool:
        """Whether an undated mention belongs to a recalled past event (a trip the
        article also reports as news, its `news` events, is that trip, not history)."""
        return any(
            _in_its_clause(past, trigger)
            or (not _reported_as_news(past, news) and (
                _same_trip_again(past, trigger, parties) or _talks_on_the_trip(past, trigger, parties, sent_index)))
            for past in self.events
        )


def _reported_as_news(past: PastEvent, news: list[Draft]) -> bool:
    """"This is X's first visit to A since taking office in May": the article's own
    news visit of the same travellers to the same place (the date was not the trip's)."""
    for draft in news:
        if draft.type != past.type:
            continue
        people = {p.actor.key for p in draft.parties if p.actor.kind == "person"}
        if people & past.travellers and places_of([t.sent for t in draft.triggers]) & past.places:
            return True
    return False


def _in_its_clause(past: PastEvent, trigger: Trigger) -> bool:
    """"X visited A in June 2019, signing a pact": the pact hangs from the dated verb."""
    if trigger.sent.start != past.sent_start:
        return False
    verb = governing_verb(trigger.token)
    return verb.i != past.verb.i and past.verb in verb.ancestors


def _told_as_past(trigger: Trigger) -> bool:
    token = trigger.token
    if token.pos_ in ("NOUN", "PROPN") and token.head.lower_ in _PAST_MARKERS:
        return True
    return governing_verb(token).tag_ in ("VBD", "VBN")


def _same_trip_again(past: PastEvent, trigger: Trigger, parties: list[Party]) -> bool:
    """"On his way back after his visit to A": the recalled trip, named again."""
    if past.type != "visit" or trigger.type != "visit" or not _told_as_past(trigger):
        return False
    people = {p.actor.key for p in parties if p.actor.kind == "person"}
    return bool(people & past.travellers) and bool(places_of([trigger.sent]) & past.places)


def _talks_on_the_trip(past: PastEvent, trigger: Trigger, parties: list[Party], sent_index: int) -> bool:
    """"X paid a visit to A in April 2019. X met A's king and crown prince": the talks of
    the recalled trip, told right after it, with people of the state it went to."""
    if past.type != "visit" or trigger.type == "visit" or not 0 < sent_index - past.sent_index <= TRIP_SENTENCES:
        return False
    if not _told_as_past(trigger):
        return False
    people = [p for p in parties if p.actor.kind == "person"]
    travellers = [p for p in people if p.actor.key in past.travellers]
    hosts = [p for p in people if p.actor.key not in past.travellers]
    return bool(travellers) and bool(hosts) and all(p.country in past.places for p in hosts)
