"""Stage: the events of one article, in order.

Owns: the order of the events stage — opinion pieces yield none; sentences are cut
at line breaks (a headline the parser ran into the next paragraph is a sentence of
its own); triggers are read and repeated mentions folded (`mentions`); tours and
talks are split, people a clause says the talks include joined, roles set, the
talks a signing on a visit tells added, visits a reception tells added (and the stops
of a tour that talks abroad tell), and the onward stops of a trip under way and
protocol receptions dropped (`programme`); dates
are completed (`dating`); each draft is built into an Event (`building`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..annotate import text_of
from ..records import ActorSet, Article, Event, Timex
from .building import build_event, segments
from .dating import date_from_lead, date_from_report, date_from_visit, date_visit_start, lead_date
from .mentions import collect_drafts
from .drafts import BareVisit, Draft, places_of
from .programme import (calls_told_as_discussions, drop_onward_stops, drop_protocol_receptions, implied_visits, official_visitors,
                        split_host_talks, split_bilaterals, split_tours, stops_of_a_tour, talks_joined_by_inclusion,
                        talks_of_signings, visit_roles, visits_named_by_talks)
from .vocabulary import EventVocabulary, Topic, load_event_types, load_topics


def extract_events(
    article: Article,
    doc: Doc,
    actors: ActorSet,
    timexes: list[Timex],
    *,
    vocabulary: EventVocabulary | None = None,
    topics: list[Topic] | None = None,
) -> list[Event]:
    """The diplomatic events one article reports (spans are offsets into article.text)."""
    if text_of(doc) != article.text:
        raise ValueError("extract_events: doc must be parsed from article.text")
    vocab = vocabulary or load_event_types()
    topic_list = topics if topics is not None else load_topics()
    if article.genre == "opinion":
        return []  # a column discusses events; it reports none of its own
    sents = [piece for sent in doc.sents for piece in _lines(sent) if piece.text.strip()]
    bare_visits: list[BareVisit] = []
    drafts = calls_told_as_discussions(collect_drafts(article, sents, actors, timexes, vocab, bare_visits))
    drafts = split_bilaterals(split_tours(drafts, actors))
    drafts = [d for d in drafts if d.type != "visit" or (official_visitors(d) and not _stays_home(d))]
    drafts = talks_joined_by_inclusion(drafts, actors, vocab.include_verbs)
    visit_roles(drafts)
    drafts = talks_of_signings(split_host_talks(drafts))
    drafts = stops_of_a_tour(implied_visits(drafts, vocab.host_verbs))
    drafts = visits_named_by_talks(drafts, bare_visits)
    drafts = drop_protocol_receptions(drop_onward_stops(drafts, article.published), vocab.arrival_words)
    date_from_lead(drafts, lead_date(sents, actors, timexes, article.published))
    date_visit_start(drafts, sents)
    date_from_visit(drafts)
    date_from_report(drafts, article, timexes)
    if any(d.type != "statement" for d in drafts):
        # a statement is an event only when it is the article's news
        drafts = [d for d in drafts if d.type != "statement"]
    events = []
    for draft, (begin, end) in zip(drafts, segments(drafts, len(sents))):
        events.append(build_event(draft, sents[begin:end], article, actors, vocab, topic_list))
    return sorted(events, key=lambda e: e.sentence_start)


def _lines(sent: Span) -> list[Span]:
    """A sentence cut at its line breaks: the parser runs a headline or a caption
    without final punctuation into the paragraph after it, but a line break always
    ends a sentence in news text (as the gate's splitter holds), and one event per
    type and clause must not hide the next line's event."""
    doc = sent.doc
    cuts = [t.i + 1 for t in sent[:-1] if t.is_space and "\n" in t.text]
    bounds = [sent.start, *cuts, sent.end]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]

def _stays_home(visit: Draft) -> bool:
    """A visit is a trip to another state: "the minister visited X at a hotel in
    (his own capital)" names no other state, only a call on X at home."""
    people = [p for p in visit.parties if p.actor.kind == "person"]
    travellers = [p for p in people if p.visiting] or [p for p in people if p.slot == "subject"]
    home = {p.country for p in travellers}
    if len(home) != 1 or None in home:
        return False  # no traveller, or travellers of several states: not a trip at home
    others = {p.country for p in visit.parties if p.country and p.actor.kind != "person"} - home
    places = places_of([t.sent for t in visit.triggers if not t.weak])
    return bool(places) and places <= home and not others
