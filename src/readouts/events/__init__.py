"""Events: typed diplomatic interactions reported by one article.

Owns: turning an article's triggers into `records.Event`s — one per real-world
interaction the article reports (repeated mentions of the same call or meeting are
merged), each with type, status, participants and roles, date, venue, occasion,
topics, statements and the evidence spans behind every field.

Flow inside the stage:
    triggers (TOML vocabulary)  -> status (occurred / planned / negated / no event)
    -> participants (syntactic arguments -> ActorSet mentions) -> date (readouts.dates)
    -> merge repeated mentions -> segment the article per event -> venue, occasion,
    topics and statements from each event's segment.

The segment rule: an event owns the sentences from its first trigger sentence up to
the next event's first trigger sentence (the first event also owns the lead before it).
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .. import datepolicy
from ..annotate import text_of
from ..dates import reported_date
from ..genre import is_opinion
from ..actors.tables import countries as country_table
from ..records import ActorSet, Article, Event, EventDate, Participant, Span, Timex
from .dating import Lead, date_event, lead_date, relative_to_previous, shifted
from .participants import Party, find_parties, presence_parties, to_participants
from .places import dateline_venue, find_occasion, find_venue, resolve_place
from .statements import segment_statements
from .status import classify, governing_verb, in_reported_speech
from .triggers import Trigger, sentence_triggers
from .vocabulary import EventVocabulary, Topic, combine_patterns, load_event_types, load_topics

__all__ = ["extract_events", "load_event_types", "load_topics"]

_PRESENCE = re.compile(r"\b(?:in the presence of|witnessed by|in front of)\s+", re.IGNORECASE)
# "the two leaders", "both ministers", "them": the people of the previous event
_PLURAL_ANAPHOR = re.compile(r"(?:the two|both|the)\s+(?:[\w-]+\s+)?(?:leaders|ministers|presidents|premiers|chancellors|counterparts|sides|officials|heads)\b|them\b", re.IGNORECASE)
# types that happen at a place (calls and letters have no venue)
_PLACED_TYPES = {"meeting", "visit", "agreement"}


@dataclass
class _Draft:
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


def _date_quality(d: EventDate) -> tuple[int, int]:
    return datepolicy.quality(d.basis, d.precision, d.value is not None)


def _dates_compatible(a: EventDate, b: EventDate, multi_day: bool = False) -> bool:
    """Two mentions in one article may be one event (see `readouts.datepolicy`)."""
    return datepolicy.compatible(_view(a), _view(b), multi_day, same_text=True)


def _view(d: EventDate) -> datepolicy.DateView:
    return datepolicy.view_of(d.value, basis=d.basis, precision=d.precision, end=d.end_value)


def _merge_target(drafts: list[_Draft], trigger: Trigger, status: str, parties: list[Party], when: EventDate) -> _Draft | None:
    """The earlier event this mention repeats, if any."""
    keys = {p.actor.key for p in parties}
    for draft in reversed(drafts):
        if draft.type != trigger.type:
            continue
        if draft.status != status and not _one_trip_told_twice(draft, trigger, status, keys):
            continue
        if not _dates_compatible(draft.date, when, multi_day=draft.type == "visit"):
            continue
        # "X met Y" then "X met Z": one shared party is not enough; the later mention
        # must name a subset (or superset) of the earlier one's parties (their people,
        # when both name people: "X's trip to Russia" repeats "X's visit at Y's invitation")
        people, known = _person_keys(parties) or keys, _person_keys(draft.parties) or draft.keys()
        nested = (people <= known or known <= people) and not _new_side(parties, draft.parties)
        if not keys or (people & known and nested) or _same_states(draft.parties, parties):
            return draft
    return None


def _new_side(parties: list[Party], known: list[Party]) -> bool:
    """A state or body the earlier event does not involve: "X met Y" then "X attended
    a summit with ASEAN" are two events."""
    involved = {p.country for p in known} | {p.actor.code for p in known}
    return any(p.actor.kind != "person" and (p.actor.code or p.country) not in involved for p in parties)


def _person_keys(parties: list[Party]) -> set[str]:
    return {p.actor.key for p in parties if p.actor.kind == "person"}


def _one_trip_told_twice(draft: _Draft, trigger: Trigger, status: str, keys: set[str]) -> bool:
    """"X will visit Y" and "X arrived in Y" in one article are one trip told as a plan
    and as news: same visitor, no other destination, neither cancelled."""
    if draft.type != "visit" or "negated" in (draft.status, status):
        return False
    visitors = {p.actor.key for p in draft.parties if p.visiting or p.slot == "subject"}
    if not (visitors & keys):
        return False
    going = _places_of([trigger.sent])
    known = _places_of([t.sent for t in draft.triggers])
    return not (going and known) or bool(going & known)


def _places_of(sents: list[SpacySpan]) -> set[str]:
    found = set()
    for sent in sents:
        for ent in sent.ents:
            if ent.label_ == "GPE":
                country = (resolve_place(ent.text) or {}).get("country")
                if country:
                    found.add(country)
    return found


def _same_states(a: list[Party], b: list[Party]) -> bool:
    """Two mentions of one event where one side names only states ("Iran and Saudi
    Arabia agreed") and the other names their envoys."""
    if not (all(p.actor.kind != "person" for p in a) or all(p.actor.kind != "person" for p in b)):
        return False  # both name people: they must share one (see _merge_target)
    countries_a = {p.actor.country or p.actor.code for p in a} - {None}
    countries_b = {p.actor.country or p.actor.code for p in b} - {None}
    return len(countries_a & countries_b) >= 2


def _anaphoric_target(drafts: list[_Draft], trigger: Trigger, status: str) -> _Draft | None:
    """"The meeting was hosted by ...": a definite noun trigger names the last event
    of its type (of the same status) rather than a new one."""
    token = trigger.token
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these") for c in token.children)
    if not definite or any(c.dep_ == "prep" and c.lower_ in ("with", "between") for c in token.children):
        return None  # "the meeting with X" names its own parties
    for draft in reversed(drafts):
        if draft.type == trigger.type and draft.status == status:
            return draft
    return None


def _merge_parties(draft: _Draft, parties: list[Party]) -> None:
    """Add new parties; a later "visiting" cue on a known party still counts."""
    by_key = {p.actor.key: p for p in draft.parties}
    for party in parties:
        if party.actor.key in by_key:
            by_key[party.actor.key].visiting |= party.visiting
        else:
            draft.parties.append(party)
            by_key[party.actor.key] = party


def _is_presence(trigger: Trigger, vocab: EventVocabulary) -> bool:
    """"X attended the meeting": a mention of an earlier event naming who was there."""
    if trigger.token.pos_ == "VERB":
        return False
    verb = governing_verb(trigger.token)
    return verb.lemma_.lower() in (vocab.present_lemmas | vocab.accompanying_lemmas)


def _plural_anaphor_subject(trigger: Trigger) -> bool:
    verb = governing_verb(trigger.token)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            words = " ".join(t.text for t in child.subtree)
            return child.lower_ in ("they", "both") or bool(_PLURAL_ANAPHOR.fullmatch(words))
    return False


def _enough_sides(trigger: Trigger, parties: list[Party], vocab: EventVocabulary) -> bool:
    """An interaction needs its type's number of distinct parties; a one-party visit
    also needs a place it goes to."""
    spec = vocab.types[trigger.type]
    if len({p.actor.key for p in parties}) >= spec.min_parties:
        if spec.min_parties >= 2 or len(parties) >= 2:
            return True
        own = {p.actor.country or p.actor.code for p in parties}
        return any(
            ent.label_ == "GPE" and (resolve_place(ent.text) or {}).get("country") not in own
            for ent in trigger.sent.ents
        )
    return False


def _witnesses(sent: SpacySpan, actors: ActorSet, vocab: EventVocabulary, drafts: list[_Draft]) -> list[Party]:
    """People "in the presence of" whom something happened; "the two leaders" / "them"
    there are the people of the previous event."""
    match = _PRESENCE.search(sent.text)
    if not match:
        return []
    start = sent.start_char + match.end()
    named = [p for p in presence_parties(sent, actors, vocab) if p.mention.start >= start]
    by_key = actors.by_key()
    mentions = [m for m in actors.at(start, sent.end_char) if m.start < start + 60]
    people = [m for m in mentions if m.actor_key in by_key and by_key[m.actor_key].kind == "person"]
    if people:
        return [Party(by_key[m.actor_key], m, "present") for m in people]
    if named:
        return named
    if drafts and _PLURAL_ANAPHOR.match(sent.text[match.end() :]):
        return [Party(p.actor, p.mention, "present") for p in drafts[-1].parties if p.actor.kind == "person"]
    return []


def _watchers(trigger: Trigger, vocab: EventVocabulary, drafts: list[_Draft]) -> list[Party]:
    """"The two leaders watched officials sign ...": a plural anaphor watching or
    witnessing the trigger's clause names the previous event's people as present."""
    verb = governing_verb(trigger.token)
    watcher = verb.head
    if verb.dep_ not in ("ccomp", "xcomp") or watcher.lemma_.lower() not in vocab.watch_lemmas or not drafts:
        return []
    for child in watcher.children:
        if child.dep_ == "nsubj":
            words = " ".join(t.text for t in child.subtree)
            if child.lower_ in ("they", "both") or _PLURAL_ANAPHOR.fullmatch(words):
                return [Party(p.actor, p.mention, "present") for p in drafts[-1].parties if p.actor.kind == "person"]
    return []


def _signed_before_witnesses(parties: list[Party], witnesses: list[Party]) -> bool:
    """Unnamed officials ("Indian and Russian officials", "officials") acted in the
    presence of named leaders: the leaders are the event's principals."""
    return bool(witnesses) and all(p.actor.kind != "person" or p.mention.kind == "demonym" for p in parties)


def _add_extra(draft: _Draft, parties: list[Party]) -> None:
    known = draft.keys() | {p.actor.key for p in draft.extra}
    for party in parties:
        if party.actor.key not in known:
            draft.extra.append(party)
            known.add(party.actor.key)


def _too_old(when: EventDate, published: date | None, vocab: EventVocabulary) -> bool:
    if when.value is None or published is None or when.basis not in datepolicy.TEXTUAL_BASES:
        return False
    return (published - when.value).days > vocab.max_age_days


@dataclass
class _Mention:
    """One trigger, analysed: what it says happened, to whom, when."""

    trigger: Trigger
    status: str
    parties: list[Party]
    when: EventDate
    occasion: tuple[str, Span] | None
    witnesses: list[Party]


def _analyse(
    trigger: Trigger,
    article: Article,
    next_sent: SpacySpan | None,
    actors: ActorSet,
    timexes: list[Timex],
    vocab: EventVocabulary,
    drafts: list[_Draft],
) -> _Mention | None:
    """Status, parties, date and occasion of one trigger; None when it reports no event."""
    sent = trigger.sent
    status = classify(trigger, vocab)
    if status is None:
        return None
    occasion = find_occasion(sent, vocab)
    excluded = [(occasion[1].start, occasion[1].end)] if occasion else []
    reported = in_reported_speech(trigger.token, vocab)
    parties = find_parties(trigger, actors, vocab, excluded, next_sent, fallback=not reported)
    if trigger.needs_object and not any(p.slot == "object" for p in parties):
        return None
    if parties and not _enough_sides(trigger, parties, vocab):
        return None  # "the cabinet met", "a summit in Genoa": no second party
    relative = relative_to_previous(trigger, vocab)
    if relative is not None and drafts:
        when = shifted(drafts[-1].date, relative, sent.doc)
    else:
        when = date_event(sent.doc, trigger, timexes, article.published, vocab)
    if status == "occurred" and _too_old(when, article.published, vocab):
        return None  # history, not news
    if status == "occurred" and _after(when, article.published):
        status = "planned"
    witnesses = _witnesses(sent, actors, vocab, drafts) or _watchers(trigger, vocab, drafts)
    if parties and all(p.mention.kind == "demonym" for p in parties) and not witnesses:
        return None  # "German officials met Indian officials": unnamed people
    if (
        not trigger.weak
        and _signed_before_witnesses(parties, witnesses)
        and len({w.actor.key for w in witnesses}) >= vocab.types[trigger.type].min_parties
    ):
        parties = [Party(w.actor, w.mention, "subject") for w in witnesses]
        witnesses = []
        keys = {p.actor.key for p in parties}
        if when.value is None and drafts and keys <= drafts[-1].keys():
            when = drafts[-1].date  # "In their presence, ..." happened at their meeting
    if not parties and not trigger.weak and drafts and _plural_anaphor_subject(trigger):
        # "The two leaders signed four agreements": the people of the latest event
        # that names two or more
        previous = next((d for d in reversed(drafts) if len(_person_keys(d.parties)) >= 2), drafts[-1])
        parties = [Party(p.actor, p.mention, "subject") for p in previous.parties if p.actor.kind == "person"]
    return _Mention(trigger, status, parties, when, occasion, witnesses)


def _after(when: EventDate, published: date | None) -> bool:
    return bool(when.value and published and when.basis == "stated" and when.value > published)


def _attach(mention: _Mention, index: int, drafts: list[_Draft], actors: ActorSet, vocab: EventVocabulary) -> None:
    """Add the mention to the event it repeats, or start a new event."""
    trigger = mention.trigger
    present = presence_parties(trigger.sent, actors, vocab)
    target = _anaphoric_target(drafts, trigger, mention.status)
    if target is None and (trigger.weak or not mention.parties):
        # a bare mention ("the talks", "exchanged views") adds to the last event
        if drafts and (trigger.weak or drafts[-1].type == trigger.type):
            drafts[-1].triggers.append(trigger)
        return
    target = target or _merge_target(drafts, trigger, mention.status, mention.parties, mention.when)
    named = frozenset(_person_keys(mention.parties))
    if target is None:
        draft = _Draft(trigger.type, mention.status, index, [trigger], mention.parties, mention.when, mention.occasion)
        draft.mentions.append((trigger, named))
        _add_extra(draft, present + mention.witnesses)
        drafts.append(draft)
        return
    target.mentions.append((trigger, named))
    target.triggers.append(trigger)
    if mention.status == "occurred":
        target.status = "occurred"  # a plan the article also reports as done
    _merge_parties(target, mention.parties)
    if _date_quality(mention.when) > _date_quality(target.date):
        target.date = mention.when
    target.occasion = target.occasion or mention.occasion
    _add_extra(target, present + mention.witnesses)


def _collect_drafts(
    article: Article,
    sents: list[SpacySpan],
    actors: ActorSet,
    timexes: list[Timex],
    vocab: EventVocabulary,
) -> list[_Draft]:
    """Events of the article in order of first mention, repeated mentions merged."""
    drafts: list[_Draft] = []
    confirmed = {name for name, spec in vocab.types.items() if spec.confirmed(article.text)}
    for index, sent in enumerate(sents):
        triggers = [t for t in sentence_triggers(sent, vocab) if not t.conditional or t.type in confirmed]
        if not triggers and drafts:
            _add_extra(drafts[-1], presence_parties(sent, actors, vocab))
        next_sent = sents[index + 1] if index + 1 < len(sents) else None
        frames = [t for t in triggers if _frames_other(t, triggers)]
        for trigger in triggers:
            if trigger in frames:
                continue
            if _is_presence(trigger, vocab):
                if drafts:
                    _add_extra(drafts[-1], presence_parties(sent, actors, vocab))
                continue
            mention = _analyse(trigger, article, next_sent, actors, timexes, vocab, drafts)
            if mention is not None:
                _attach(mention, index, drafts, actors, vocab)
        for frame in frames:
            target = _attach_frame(frame, triggers, drafts, actors)
            if target is not None:
                _visit_from_frame(frame, target, drafts, index)
    return drafts


def _visit_from_frame(frame: Trigger, framed: _Draft, drafts: list[_Draft], index: int) -> None:
    """"X welcomed Y at the start of a state visit": the visit is an event of its own
    (the talks are part of it); it joins the article's other mention of that trip."""
    visitors = [p for p in framed.parties if p.visiting]
    if not visitors or framed.status == "negated":
        return
    keys = {p.actor.key for p in visitors}
    for draft in drafts:
        if draft.type == "visit" and draft.status != "negated" and keys & {
            p.actor.key for p in draft.parties if p.visiting or p.slot == "subject"
        }:
            draft.triggers.append(frame)
            return
    parties = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in framed.parties
               if p.slot not in ("present", "accompanying")]
    drafts.append(_Draft("visit", framed.status, index, [frame], parties, framed.date))


def _frames_other(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """"X and Y signed a pact on the second day of X's state visit": a visit noun in an
    adjunct of another trigger's clause is that event's frame, not an event of its own."""
    if trigger.type != "visit" or trigger.token.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = governing_verb(trigger.token)
    return any(
        other is not trigger and other.type != "visit" and governing_verb(other.token).i == verb.i for other in triggers
    )


def _attach_frame(frame: Trigger, triggers: list[Trigger], drafts: list[_Draft], actors: ActorSet) -> _Draft | None:
    """The framed event learns its visitor from the visit ("X's visit") when nothing
    else has told visitor from host; returns the framed event."""
    others = {t.start for t in triggers if t is not frame}
    target = next((d for d in reversed(drafts) if any(t.start in others for t in d.triggers)), None)
    if target is None:
        return None
    if any(p.visiting for p in target.parties):
        return target
    # the visitor: "X's visit", "the first visit by a German leader"
    owners = [c for c in frame.token.children if c.dep_ == "poss"]
    owners += [o for c in frame.token.children if c.dep_ == "prep" and c.lower_ == "by" for o in c.children]
    spans = [(min(t.idx for t in o.subtree), max(t.idx + len(t) for t in o.subtree)) for o in owners]
    by_key = actors.by_key()
    named = [by_key[m.actor_key] for start, end in spans for m in actors.at(start, end) if m.actor_key in by_key]
    keys = {a.key for a in named} | {a.country or a.code for a in named if a.kind != "person"}
    if owners and not keys and owners[0].pos_ == "PRON":
        keys = {p.actor.key for p in target.parties if p.slot == "subject"}  # "during his visit"
    visitors = [p for p in target.parties if p.actor.key in keys or (p.country in keys and p.actor.kind == "person")]
    if visitors and len(visitors) < len(target.parties):
        for party in target.parties:
            party.visiting = party in visitors
    return target


def _split_tours(drafts: list[_Draft]) -> list[_Draft]:
    """"X will visit A, B, C and D": a visit is one trip to one host, so a tour of a
    list of states is one visit per state, each with its own venue."""
    out: list[_Draft] = []
    for draft in drafts:
        stops = _listed_destinations(draft) if draft.type == "visit" else []
        if len(stops) < 2:
            out.append(draft)
            continue
        for place, span in stops:
            parties = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in draft.parties
                       if p.actor.kind == "person" or p.country != place["country"]]
            out.append(_Draft("visit", draft.status, draft.sent_index, list(draft.triggers), parties,
                              draft.date, draft.occasion, list(draft.extra), (place, span)))
    return out


def _split_bilaterals(drafts: list[_Draft]) -> list[_Draft]:
    """"X met A, B and C" then "his meeting with B": where the article tells a talk
    with one of the other side's people on its own, that talk is an event of its own
    (a visiting leader meets the host's leaders one by one)."""
    out: list[_Draft] = []
    for draft in drafts:
        out.append(draft)
        if draft.type != "meeting":
            continue
        principal = _principal(draft)
        if principal is None:
            continue
        others = {p.actor.key: p for p in draft.parties if p.actor.kind == "person" and p.actor.key != principal}
        if len(others) < 2:
            continue
        for key, party in list(others.items()):
            alone = [t for t, named in draft.mentions if named - {principal} == {key}]
            if not alone or len(others) < 2:
                continue
            host = next(p for p in draft.parties if p.actor.key == principal)
            out.append(_Draft("meeting", draft.status, draft.sent_index, alone, [host, party], draft.date,
                              draft.occasion, [], draft.venue))
            draft.parties = [p for p in draft.parties if p.actor.key != key]
            draft.triggers = [t for t in draft.triggers if t not in alone] or draft.triggers
            del others[key]
    return out


def _principal(draft: _Draft) -> str | None:
    """The one person on one side of a meeting whose other side has several people of
    one other state."""
    people = [p for p in draft.parties if p.actor.kind == "person"]
    countries = {p.country for p in people}
    if len(people) < 3 or len(countries) != 2 or None in countries:
        return None
    alone = [p for p in people if sum(q.country == p.country for q in people) == 1]
    return alone[0].actor.key if len(alone) == 1 else None


def _listed_destinations(visit: _Draft) -> list[tuple[dict, Span]]:
    """States listed together (a coordination) in one sentence of the visit, other than
    the visitors' own: the stops of a tour."""
    own = {p.country for p in visit.parties if p.actor.kind == "person"}
    for trigger in (t for t in visit.triggers if not t.weak):
        ents = [e for e in trigger.sent.ents if e.label_ == "GPE"]
        listed = [e for e in ents if e.root.dep_ == "conj" or any(c.dep_ == "conj" for c in e.root.children)]
        stops: dict[str, tuple[dict, Span]] = {}
        for ent in listed:
            place = resolve_place(ent.text)
            if place and place.get("country") and place["name"] is None and place["country"] not in own:
                stops.setdefault(place["country"], (place, Span(ent.start_char, ent.end_char, ent.text, "location")))
        if len(stops) >= 2:
            return list(stops.values())
    return []


def _mark_visitors(visit: _Draft, meeting: _Draft) -> None:
    """The meeting held during a visit knows who travelled: its visitors are the
    visit's (those marked visiting, else the visit's subjects)."""
    visitors = {p.actor.key for p in visit.parties if p.visiting} or {
        p.actor.key for p in visit.parties if p.slot == "subject"
    }
    for party in meeting.parties:
        party.visiting |= party.actor.key in visitors


def _visit_roles(drafts: list[_Draft]) -> None:
    """"On a state visit to India, Scholz met Modi": the visit and the talks held
    during it are two events (the merge stage links them, `part_of`); the visit tells
    the talks who is the visitor and who the host."""
    for visit in (d for d in drafts if d.type == "visit"):
        for meeting in (d for d in drafts if d.type == "meeting" and _same_trip(visit, d)):
            _mark_visitors(visit, meeting)
        if not any(p.visiting for p in visit.parties):
            for party in visit.parties:
                party.visiting = party.slot == "subject" and party.actor.kind == "person"


def _destinations(visit: _Draft) -> set[str]:
    """Countries of the places named in the visit's sentences."""
    return _places_of([t.sent for t in visit.triggers])


def _same_trip(visit: _Draft, meeting: _Draft) -> bool:
    """Is the visit the frame of the meeting? Either it names two of the meeting's
    people, or it is the meeting's visitor going (on to) the host's country: "Brazil
    was the last stop of the chancellor's tour", "Y visited Shanghai earlier in the
    week", "X is due to travel on to another city of the host country"."""
    shared = visit.keys() & meeting.keys()
    if len(shared) >= 2:
        return visit.status == meeting.status
    if not shared:
        # "Brazil was the last stop of a tour": only the host's state is named
        hosts = {p.country for p in meeting.parties if not p.visiting} if any(p.visiting for p in meeting.parties) else set()
        return (
            visit.status == meeting.status
            and bool(visit.parties)
            and all(p.actor.kind != "person" and p.country in hosts for p in visit.parties)
        )
    if len(shared) != 1:
        return False
    visitor = next(p for p in meeting.parties if p.actor.key in shared)
    hosts = {p.country for p in meeting.parties if p.actor.key not in shared} - {None, visitor.country}
    others = [p for p in visit.parties if p.actor.key not in shared]
    if any(p.actor.kind == "person" or p.country not in hosts for p in others):
        return False
    goes_to_host = bool(others) or bool(_destinations(visit) & hosts)
    return goes_to_host and (visit.status == meeting.status or visitor.visiting)


def _date_from_lead(drafts: list[_Draft], lead: Lead | None) -> None:
    """An occurred event with no date of its own whose people (or their countries) the
    lead names takes the lead's date: "X and Y agreed on Thursday to ..." then "It was
    the first summit ..." (background mentions were dropped before this point)."""
    if lead is None:
        return
    for draft in drafts:
        if draft.status != "occurred" or draft.date.value is not None or draft.type == "statement":
            continue
        countries = {p.country for p in draft.parties} - {None}
        if draft.keys() & lead.keys or countries & lead.countries:
            draft.date = lead.date


def _date_from_visit(drafts: list[_Draft]) -> None:
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


def _date_from_report(drafts: list[_Draft], article: Article) -> None:
    """An occurred event whose day no sentence gives is dated to its report (basis
    "reported" or "dateline"): news reports what just happened. Planned and negated
    events keep no date: a plan's day is not its announcement's."""
    for draft in drafts:
        if draft.status == "occurred" and draft.date.value is None:
            draft.date = reported_date(article.published, article.published_from)


def _segments(drafts: list[_Draft], n_sents: int) -> list[tuple[int, int]]:
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


def _location(draft: _Draft, article: Article) -> tuple[dict | None, Span | None]:
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


_SIDE_ROLES = {"participant", "actor", "recipient", "visitor", "host"}


def _roles_from_venue(participants: list[Participant], location: dict | None) -> list[Participant]:
    """Where the venue's state is one side's, that side hosts and the other visits:
    the venue is firmer evidence than word order ("Putin hosted Modi in Moscow" and
    "Modi met Putin in Moscow" both make Modi the visitor)."""
    venue = (location or {}).get("country")
    sides = [p for p in participants if p.role in _SIDE_ROLES and p.country]
    if not venue or not any(p.country == venue for p in sides) or all(p.country == venue for p in sides):
        return participants
    for p in sides:
        p.role = "host" if p.country == venue else "visitor"
    return participants


def _visitors_and_host_state(
    participants: list[Participant], location: dict | None, met: set[str]
) -> list[Participant]:
    """A visit is the trip: its visitors and the state they go to. A host person whose
    talks with the visitors the article reports as an event of its own (`met`: actor
    keys) belongs to those talks, and stands here as their state."""
    if not any(p.role == "visitor" for p in participants):
        return participants
    visiting = {p.country for p in participants if p.role == "visitor"}
    hosts = [p for p in participants if p.role == "host"]
    states = [p.country for p in hosts if p.country] or [(location or {}).get("country")]
    kept = [p for p in participants if p.role != "host" or p.kind != "person" or p.actor_key not in met]
    known = {p.country for p in kept if p.kind != "person"}
    for code in dict.fromkeys(c for c in states if c and c not in visiting and c not in known):
        kept.append(Participant(name=country_name(code), title=None, country=code, role="host",
                                actor_key=code, kind="state"))
    return kept


def country_name(code: str) -> str:
    country = country_table().countries.get(code)
    return country.name if country else code


def _build_event(
    draft: _Draft,
    segment: list[SpacySpan],
    article: Article,
    actors: ActorSet,
    vocab: EventVocabulary,
    topics: list[Topic],
    met: set[str] = frozenset(),
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
    participants = _roles_from_venue(participants, location)
    if draft.type == "visit":
        participants = _visitors_and_host_state(participants, location, met)
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
    if article.genre == "opinion" or is_opinion(article):
        return []  # a column discusses events; it reports none of its own
    sents = [s for s in doc.sents if s.text.strip()]
    drafts = _split_bilaterals(_split_tours(_collect_drafts(article, sents, actors, timexes, vocab)))
    # a visit is made by people: "Brazil was the last stop of a tour that had taken
    # her to Chile" names no visitor of its own
    drafts = [d for d in drafts if d.type != "visit" or _person_keys(d.parties)]
    _visit_roles(drafts)
    _date_from_lead(drafts, lead_date(sents, actors, timexes, article.published))
    _date_from_visit(drafts)
    _date_from_report(drafts, article)
    if any(d.type != "statement" for d in drafts):
        # a statement is an event only when it is the article's news
        drafts = [d for d in drafts if d.type != "statement"]
    events = []
    met = {key for d in drafts if d.type in ("meeting", "agreement", "phone_call") for key in d.keys()}
    for draft, (begin, end) in zip(drafts, _segments(drafts, len(sents))):
        events.append(_build_event(draft, sents[begin:end], article, actors, vocab, topic_list, met))
    return sorted(events, key=lambda e: e.sentence_start)
