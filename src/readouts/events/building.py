"""Building: one draft into one `records.Event` with its evidence.

Owns: the article's segment of each event (its first trigger sentence up to the next
event's; the first event also owns the lead), the venue, occasion, topics and
statements read from that segment, PLOVER/CAMEO coding, and the evidence spans behind
every field.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from ..annotate import text_of
from ..records import ActorSet, Article, Event, Span
from .participants import to_participants
from .places import dateline_venue, find_venue
from .statements import segment_statements
from .status import governing_verb
from .triggers import Trigger
from .vocabulary import EventVocabulary, Topic, combine_patterns
from .drafts import Draft
from .programme import roles_from_venue, visitors_and_host_state


# types that happen at a place (calls and letters have no venue)
_PLACED_TYPES = {"meeting", "visit", "agreement"}


def segments(drafts: list[Draft], n_sents: int) -> list[tuple[int, int]]:
    """Sentence range of each draft: first trigger sentence up to the next event's."""
    starts = sorted({d.sent_index for d in drafts})
    ranges = []
    for draft in drafts:
        position = starts.index(draft.sent_index)
        begin = 0 if position == 0 else draft.sent_index
        end = starts[position + 1] if position + 1 < len(starts) else n_sents
        ranges.append((begin, end))
    return ranges


@lru_cache(maxsize=8192)
def _topic_ids(text: str, topics: tuple[Topic, ...]) -> tuple[str, ...]:
    """Topics a sentence raises; cached because event segments overlap."""
    if not _any_topic(topics).search(text):  # most sentences raise none
        return ()
    return tuple(topic.id for topic in topics if topic.mentioned(text))


@lru_cache(maxsize=8)
def _any_topic(topics: tuple[Topic, ...]) -> re.Pattern:
    return combine_patterns(p for topic in topics for p in topic.patterns)


def _topics_of(sents: list[SpacySpan], topics: list[Topic]) -> tuple[list[str], list[Span]]:
    found: list[str] = []
    evidence: list[Span] = []
    table = tuple(topics)
    doc_text = text_of(sents[0].doc) if sents else ""
    for sent in sents:
        text = doc_text[sent.start_char:sent.end_char]  # Span.text would re-join its tokens
        for topic_id in _topic_ids(text, table):
            if topic_id not in found:
                found.append(topic_id)
            evidence.append(Span(sent.start_char, sent.end_char, text, f"topic:{topic_id}"))
    return found, evidence


def _venue_hosts(trigger: Trigger) -> set[int]:
    """Tokens a venue phrase may hang from: the trigger, its verb, and the nouns of the
    trigger words ("held talks in Washington", "met ... in Islamabad")."""
    verb = governing_verb(trigger.token)
    hosts = {trigger.token.i, verb.i}
    hosts |= {t.i for t in trigger.sent if trigger.start <= t.idx < trigger.end}
    # the parser often hangs the venue from the other party: "met X in Hanoi"
    for head in (trigger.token, verb):
        hosts |= {o.i for c in head.children if c.dep_ == "prep" and c.lower_ == "with" for o in c.subtree}
        hosts |= {c.i for c in head.children if c.dep_ == "dobj"}
    return hosts


def _location(draft: Draft, article: Article) -> tuple[dict | None, Span | None]:
    if draft.type not in _PLACED_TYPES:
        return None, None
    # a visit's venue is where it goes: "a state visit to Russia"
    prepositions = frozenset({"in", "at", "to"} if draft.type == "visit" else {"in", "at"})
    for trigger in (t for t in draft.triggers if not t.weak):
        venue = find_venue(trigger.sent, _venue_hosts(trigger), prepositions)
        if venue is not None:
            return venue
    if draft.status != "occurred":
        return None, None  # the dateline is where the news was filed, not where a plan leads
    host_countries = {p.actor.country for p in draft.parties if not p.visiting} if any(
        p.visiting for p in draft.parties
    ) else set()
    place = dateline_venue(article.dateline)
    if place is not None and (not host_countries or place["country"] in host_countries):
        return place, None
    if len(host_countries) == 1:
        country = next(iter(host_countries))
        if country:
            return {"name": None, "country": country}, None
    return None, None


def build_event(
    draft: Draft,
    segment: list[SpacySpan],
    article: Article,
    actors: ActorSet,
    vocab: EventVocabulary,
    topics: list[Topic],
) -> Event:
    spec = vocab.types[draft.type]
    participants, evidence = to_participants(draft.parties + draft.extra, spec)
    trigger_sents = " ".join(t.sent.text for t in draft.triggers)
    plover, cameo = spec.coding(draft.status, trigger_sents)
    if draft.type == "visit" and participants and all(p.role == "host" for p in participants):
        cameo = spec.host_cameo or cameo
    trigger_spans = [Span(t.start, t.end, t.text, "trigger") for t in draft.triggers]
    evidence = trigger_spans + evidence
    if draft.date.evidence is not None:
        timex = draft.date.evidence
        evidence.append(Span(timex.start, timex.end, timex.text, "date"))
    location, location_span = draft.venue if draft.venue else _location(draft, article)
    if location_span is not None:
        evidence.append(location_span)
    participants = roles_from_venue(participants, location)
    if draft.type == "visit":
        participants = visitors_and_host_state(participants, location)
    occasion = None
    if draft.occasion is not None:
        occasion = draft.occasion[0]
        evidence.append(draft.occasion[1])
    topic_ids, topic_evidence = _topics_of(segment, topics)
    speakers = [p.name for p in participants if p.kind == "person"]
    return Event(
        type=draft.type,
        status=draft.status,
        participants=participants,
        date=draft.date,
        location=location,
        occasion=occasion,
        plover=plover,
        cameo=cameo,
        topics=topic_ids,
        topic_evidence=topic_evidence,
        statements=segment_statements(segment, actors, vocab, speakers),
        evidence=evidence,
        article_id=article.id,
        sentence_start=draft.triggers[0].sent.start_char,
    )
