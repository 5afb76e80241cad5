"""Mentions: each trigger read as a report of an event, and repeated mentions folded.

Owns: reading one trigger (status, parties, date, occasion, witnesses; "the top
diplomats of A and B" as the office holders the article named; a plural anaphor
("they", "the two leaders") as the people of the latest event, for a trip its
travelling group, before any event the latest list of people; an undated account
running on from an event told as history is history too) into a `Mention`, deciding which earlier event of the article it repeats (`repeated_event`:
same type, compatible dates, nested people, no new state or body nor a person of a
third state, a trilateral never the two sides' own talks) or starting a new
one, and visits named as the frame of another event ("on the first day of X's state
visit, ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span as SpacySpan

from .. import datepolicy
from ..records import ActorSet, Article, EventDate, Span, Timex
from .dating import date_event, relative_to_previous, shifted
from ..annotate import text_of
from ..timex.lexicon import parse_number
from .participants import (Party, char_span, find_parties, is_reporter, latest_group, latest_person, of_one_state,
                           presence_parties, trigger_arguments)
from .places import destination_names, find_occasion, resolve_place
from .status import classify, governing_verb, in_reported_speech
from .triggers import Trigger, sentence_triggers
from .vocabulary import EventVocabulary
from .history import History
from .drafts import (BareVisit, Draft, add_extra, add_parties, date_quality, dates_compatible, person_keys,
                     places_of, places_told, travelling_people)


_PRESENCE = re.compile(r"\b(?:in the presence of|witnessed by|in front of)\s+", re.IGNORECASE)


# "the two leaders", "both ministers", "them": the people of the previous event
_PLURAL_ANAPHOR = re.compile(r"(?:the two|both|the)\s+(?:[\w-]+\s+)?(?:leaders|ministers|presidents|premiers|chancellors|counterparts|sides|officials|heads|couples)\b|them\b", re.IGNORECASE)


def _repeated_event(drafts: list[Draft], trigger: Trigger, status: str, parties: list[Party], when: EventDate) -> Draft | None:
    """The earlier event this mention repeats, if any."""
    keys = {p.actor.key for p in parties}
    for draft in reversed(drafts):
        if draft.type != trigger.type:
            continue
        if draft.status != status and not _one_trip_told_twice(draft, status, keys):
            continue
        if not dates_compatible(draft.date, when, multi_day=draft.type == "visit"):
            continue
        if draft.type == "visit" and _elsewhere(draft, trigger):
            continue  # "X will visit A and B ... X will also visit C": another trip
        # "X met Y" then "X met Z": one shared party is not enough; the later mention
        # must name a subset (or superset) of the earlier one's parties (their people,
        # when both name people: "X's trip to Russia" repeats "X's visit at Y's invitation")
        # a visit's people taken from the rest of its sentence ("on the first day of his
        # visit, X met Y") do not make it another trip
        told = [p for p in parties if p.slot != "other"] if trigger.type == "visit" else parties
        people, known = person_keys(told) or keys, person_keys(draft.parties) or draft.keys()
        nested = (people <= known or known <= people) and not _new_side(parties, draft.parties, _goes_to(draft))
        if nested and _new_person_side(parties, draft.parties):
            continue  # "X called Y" then "X also had a call with Y and Z": another call
        if _three_sided(trigger) != any(_three_sided(t) for t in draft.triggers):
            continue  # a trilateral beside the two sides' own talks
        if not keys or (people & known and nested) or _same_states(draft.parties, parties):
            return draft
    return None


def _elsewhere(visit: Draft, trigger: Trigger) -> bool:
    """The mention's sentence names only other states than the visit's sentences (the
    travellers' own state is where they leave from, not another trip: "X would leave
    his country on Sunday")."""
    home = {p.country for p in visit.parties if p.actor.kind == "person"}
    going = places_of([trigger.sent]) - home - _origins(trigger.sent)
    known = places_told(visit)
    return bool(going and known) and not (going & known)


def _origins(sent: SpacySpan) -> set[str]:
    """States of the places a sentence names as where someone came "from" ("made the
    trip by train from A"): where a trip started, not another trip."""
    found = set()
    for ent in sent.ents:
        if ent.label_ == "GPE" and ent.start > sent.start and sent.doc[ent.start - 1].lower_ == "from":
            country = (resolve_place(ent.text) or {}).get("country")
            if country:
                found.add(country)
    return found


def _told_as_past(trigger: Trigger) -> bool:
    """The mention says it happened in a past tense ("arrived", "has met"), not in the
    present of a preview ("the visit takes place a year after ...")."""
    verb = governing_verb(trigger.token)
    return verb.tag_ in ("VBD", "VBN")


def _goes_to(draft: Draft) -> set[str]:
    """The states a visit's sentences name as places: "X is on a tour of India" goes
    to India though India is no party of it."""
    return places_told(draft) if draft.type == "visit" else set()


def _new_side(parties: list[Party], known: list[Party], places: set[str] = frozenset()) -> bool:
    """A state or body the earlier event does not involve (nor, for a visit, goes to):
    "X met Y" then "X attended a summit with ASEAN" are two events."""
    involved = {p.country for p in known} | {p.actor.code for p in known} | places
    return any(p.actor.kind != "person" and (p.actor.code or p.country) not in involved for p in parties)


def _new_person_side(parties: list[Party], known: list[Party]) -> bool:
    """The mention brings a person of a state the earlier two-sided event has nobody
    from: a third side makes another event."""
    countries = {p.country for p in known if p.country}
    return len(countries) >= 2 and any(
        p.actor.kind == "person" and p.country and p.country not in countries for p in parties)


def _one_trip_told_twice(draft: Draft, status: str, keys: set[str]) -> bool:
    """"X will visit Y" and "X arrived in Y" in one article are one trip told as a plan
    and as news: same visitor, neither cancelled (another destination is ruled out by
    `_elsewhere`, as for any repeated visit)."""
    if draft.type != "visit" or "negated" in (draft.status, status):
        return False
    visitors = {p.actor.key for p in draft.parties if p.visiting or p.slot == "subject"}
    return bool(visitors & keys)


def _same_states(a: list[Party], b: list[Party]) -> bool:
    """Two mentions of one event where one side names only states ("Iran and Saudi
    Arabia agreed") and the other names their envoys."""
    if not (all(p.actor.kind != "person" for p in a) or all(p.actor.kind != "person" for p in b)):
        return False  # both name people: they must share one (see _repeated_event)
    countries_a = {p.actor.country or p.actor.code for p in a} - {None}
    countries_b = {p.actor.country or p.actor.code for p in b} - {None}
    return len(countries_a & countries_b) >= 2


def _anaphoric_target(drafts: list[Draft], trigger: Trigger, status: str) -> Draft | None:
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


def _is_presence(trigger: Trigger, vocab: EventVocabulary) -> bool:
    """"X attended the meeting": a mention of an earlier event naming who was there.
    Leaders who witness a signing or an exchange of documents are its principals
    (see `_signed_before_witnesses`): that is an agreement of theirs."""
    if trigger.token.pos_ == "VERB":
        return False
    verb = governing_verb(trigger.token).lemma_.lower()
    if trigger.type == "agreement" and verb in vocab.watch_lemmas:
        return False
    return verb in (vocab.present_lemmas | vocab.accompanying_lemmas)


def _plural_anaphor_subject(trigger: Trigger) -> bool:
    verb = governing_verb(trigger.token)
    sent = trigger.sent
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and sent.start <= child.i < sent.end:
            words = " ".join(t.text for t in child.subtree)
            return child.lower_ in ("they", "both") or bool(_PLURAL_ANAPHOR.fullmatch(words))
    # the parser ran a list on the line before into this line's sentence and took its
    # subject from there: the line's own opening words still name who acts
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    opening = _PLURAL_ANAPHOR.match(sent.text.lstrip())
    return bool(opening) and sent.start <= verb.i < sent.end and opening.end() <= verb.idx - sent.start_char


def _anaphor_phrases(trigger: Trigger, vocab: EventVocabulary) -> list[str]:
    """The trigger's arguments that are plural anaphors ("they", "the two leaders")."""
    text = text_of(trigger.sent.doc)
    found = []
    for _, (start, end) in trigger_arguments(trigger, vocab):
        words = text[start:end]
        if words.lower() in ("they", "them", "both") or _PLURAL_ANAPHOR.fullmatch(words):
            found.append(words)
    return found


def _plural_anaphor_argument(trigger: Trigger, vocab: EventVocabulary) -> bool:
    return bool(_anaphor_phrases(trigger, vocab))


def _anaphor_size(trigger: Trigger, vocab: EventVocabulary) -> int | None:
    """How many people the anaphor says it stands for ("the two leaders", "both")."""
    for words in _anaphor_phrases(trigger, vocab):
        if words.lower().startswith("both"):
            return 2
        for word in words.split():
            number = parse_number(word)
            if number is not None:
                return int(number)
    return None


def _enough_sides(trigger: Trigger, parties: list[Party], vocab: EventVocabulary, actors: ActorSet) -> bool:
    """An interaction needs its type's number of distinct parties; a one-party visit
    also needs a place it goes to."""
    spec = vocab.types[trigger.type]
    if len({p.actor.key for p in parties}) >= spec.min_parties:
        if spec.min_parties >= 2:
            return not of_one_state(parties)  # "the president met his ministers": domestic
        if len(parties) >= 2:
            return True
        own = {p.actor.country or p.actor.code for p in parties}
        if any((resolve_place(ent.text) or {}).get("country") not in own
               for ent in trigger.sent.ents if ent.label_ == "GPE"):
            return True
        # (whatever the recogniser's label: it tags a capital as a person now and then)
        if any((resolve_place(ent.text) or {}).get("country") not in (own | {None})
               for ent in trigger.sent.ents if ent.label_ in ("LOC", "FAC", "PERSON", "ORG")):
            return True
        if any((resolve_place(place) or {}).get("country") not in (own | {None})
               for place in destination_names(trigger)):
            return True
        return bool(_states_gone_to(trigger, actors) - own)
    return False


def _states_gone_to(trigger: Trigger, actors: ActorSet) -> set[str]:
    """The states the actors stage found in the trigger's "in"/"to" phrases ("arrived
    in the UAE": an abbreviation no gazetteer of places holds)."""
    return {actor.code or actor.country for actor, _ in _destination_states(trigger, actors)
            if actor.code or actor.country}


def _destination_states(trigger: Trigger, actors: ActorSet, nouns_only: bool = False) -> list:
    """(actor, mention) of the states named in the trigger's "in"/"to" phrases (only in
    a common noun's phrase: "the Egyptian capital")."""
    return [found for prep in trigger.token.children if prep.dep_ == "prep" and prep.lower_ in ("in", "to")
            for obj in prep.children if obj.dep_ == "pobj" and (obj.pos_ == "NOUN" or not nouns_only)
            for found in actors.of_kind_at("state", *char_span(obj))]


# verbs whose subject carries someone else's message ("read letters from X")
_CARRIER_VERBS = frozenset({"read", "deliver", "hand", "carry", "present"})


def _carried_for_others(trigger: Trigger) -> bool:
    verb = governing_verb(trigger.token)
    return verb.lemma_.lower() in _CARRIER_VERBS and any(
        c.dep_ == "prep" and c.lower_ == "from" for c in (*trigger.token.children, *verb.children))


def _subject_of_carrier(party: Party, trigger: Trigger) -> bool:
    verb = governing_verb(trigger.token)
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass") and _within(party, child):
            return True
    return False


def _within(party: Party, token) -> bool:
    """The party is named inside the token's phrase."""
    start, end = char_span(token)
    return start <= party.mention.start < end


# verbs whose object is what was talked about ("the talks discussed the Gaza war")
_TOPIC_VERBS = frozenset({"discuss"})


def _owned_by_pronoun(trigger: Trigger) -> bool:
    """"his visit", "her trip": the visitor is the one the pronoun stands for."""
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in trigger.token.children)


def _participle_head(trigger: Trigger):
    """The verb a subjectless participle clause of the trigger hangs from ("visited Y,
    signing a pact"), if any."""
    verb = governing_verb(trigger.token)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and not any(c.dep_ == "nsubj" for c in verb.children):
        head = verb.head
        return head if head.pos_ in ("VERB", "AUX") and head.i != verb.i else None
    return None


def _in_topic(party: Party, trigger: Trigger) -> bool:
    """"discussed oil prices and the Ukraine conflict": what a bare mention of talks
    ("discussed", "exchanged views on") takes as its object is their topic, never a
    side of them (the sides come "with" it)."""
    verb = trigger.token if trigger.token.pos_ == "VERB" else governing_verb(trigger.token)
    for child in verb.children:
        if (child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ in ("on", "about"))) and _within(party, child):
            return True
    return False


def _destination_state(trigger: Trigger, parties: list[Party], actors: ActorSet) -> list[Party]:
    """"arrived in the Egyptian capital", "flew to the Ukrainian city of ...": the
    state a destination phrase names by its demonym is where the visit goes."""
    known = {p.country for p in parties}
    return next(([Party(actor, mention, "object")] for actor, mention in _destination_states(trigger, actors, True)
                 if (actor.code or actor.country) not in known), [])


def _witnesses(sent: SpacySpan, actors: ActorSet, vocab: EventVocabulary, drafts: list[Draft]) -> list[Party]:
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


def _watchers(trigger: Trigger, vocab: EventVocabulary, drafts: list[Draft]) -> list[Party]:
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


def _too_old(when: EventDate, published: date | None, vocab: EventVocabulary) -> bool:
    if when.value is None or when.basis not in datepolicy.TEXTUAL_BASES:
        return False
    if published is None:
        # a page without a date: "in June 2022", a month or year without a day, is how
        # news recalls the past (what it reports comes with its day, or none)
        return when.basis == "stated" and when.precision in ("month", "year")
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
    drafts: list[Draft],
    history: History | None = None,
    index: int = 0,
    lone_travellers: list[tuple[Trigger, str, str]] | None = None,
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
    if trigger.type == "message_exchange" and _carried_for_others(trigger):
        # "the ministers read out letters from their presidents": the senders are not
        # the ones reading or delivering
        parties = [p for p in parties if p.slot != "subject" or not _subject_of_carrier(p, trigger)]
    if trigger.weak or governing_verb(trigger.token).lemma_.lower() in _TOPIC_VERBS:
        parties = [p for p in parties if not _in_topic(p, trigger)]
    if parties and drafts and not any(p.slot == "subject" for p in parties) and _plural_anaphor_subject(trigger):
        # "they will meet X": the people of the latest event that names two or more
        named = {p.actor.key for p in parties}
        parties = [p for p in _anaphor_parties(drafts, actors) if p.actor.key not in named] + parties
    if parties and all(p.actor.kind == "state" for p in parties):
        parties = _holders_of_offices(parties, trigger, actors)
    if parties and drafts and _three_sided(trigger) and len(_sides(parties)) < 3:
        # "X will join a trilateral exchange": the other two sides are the latest talks'
        named = {p.actor.key for p in parties}
        parties = parties + [p for p in _anaphor_parties(drafts, actors) if p.actor.key not in named]
    if trigger.type == "visit" and parties and _owned_by_pronoun(trigger) and all(p.slot == "other" for p in parties):
        parties = []  # "on the first day of his visit, X met Y": Y is not the visitor
    if trigger.type == "visit" and parties:
        parties = parties + _destination_state(trigger, parties, actors)
    if parties and not _enough_sides(trigger, parties, vocab, actors):
        traveller = _lone_traveller(trigger, parties)
        if traveller is not None and lone_travellers is not None:
            lone_travellers.append((trigger, status, traveller))
        return None  # "the cabinet met", "a summit in Genoa": no second party
    relative = relative_to_previous(trigger, vocab)
    if relative is not None and drafts:
        when = shifted(drafts[-1].date, relative, sent.doc)
    else:
        when = date_event(sent.doc, trigger, timexes, article.published, vocab)
        head = _participle_head(trigger)
        if head is not None and when.basis not in datepolicy.TEXTUAL_BASES:
            # "X visited Y in June 2022, signing a pact": the participle's act is dated
            # by the clause it hangs from
            own = Trigger(trigger.type, head.idx, head.idx + len(head.text), head, sent)
            when = date_event(sent.doc, own, timexes, article.published, vocab)
    if status == "occurred" and _too_old(when, article.published, vocab):
        if history is not None:
            history.record(trigger, parties, index)
        return None  # history, not news
    if when.value is None and history is not None and history.continued_by(trigger, parties, index, drafts):
        return None  # an undated part of the history just told
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
    travelling = vocab.types[trigger.type].min_parties < 2
    if not parties and not trigger.weak and not drafts and not travelling and _plural_anaphor_argument(trigger, vocab):
        # "A and B spoke on Monday. The call was the first between the two leaders":
        # before any event, the latest list of people the anaphor stands for (as the
        # sides of an interaction: who travelled together is not told by a list)
        parties = [Party(actors.by_key()[m.actor_key], m, "subject")
                   for m in latest_group(sent, actors, _anaphor_size(trigger, vocab))]
    if not parties and not trigger.weak and drafts and _plural_anaphor_subject(trigger):
        # "The two leaders signed four agreements": the people of the latest event
        # that names two or more
        parties = _with_named_leader(_anaphor_parties(drafts, actors, travelling), trigger, drafts, actors, vocab)
        source = next((d for d in reversed(drafts) if len(person_keys(d.parties)) >= 2), drafts[-1])
        if when.basis not in datepolicy.TEXTUAL_BASES and source.status == status:
            when = source.date  # "They also witnessed ...": on the day of their talks
    return _Mention(trigger, status, parties, when, occasion, witnesses)


# "the top diplomats of A, B and C", "the two countries' leaders": a plural office
# noun on the states stands for their office holders the article has named
_OFFICE_PLURALS = frozenset({"diplomat", "minister", "leader", "president", "premier", "chancellor", "head"})


def _holders_of_offices(parties: list[Party], trigger: Trigger, actors: ActorSet) -> list[Party]:
    """"The top diplomats of A, B and C will meet": each state stands for the latest
    person of that state the article named before (with a title of office), when the
    states hang from a plural office noun and every state has one."""
    doc = trigger.sent.doc
    people: list[Party] = []
    for party in parties:
        token = doc.char_span(party.mention.start, party.mention.end, alignment_mode="expand")
        office = _office_plural_above(token.root) if token is not None else None
        if office is None:
            return parties
        holder = _latest_office_holder(party.country, trigger.sent.start_char, actors, office.lemma_.lower())
        if holder is None:
            return parties
        people.append(Party(holder[0], holder[1], party.slot))
    return people if len({p.actor.key for p in people}) == len(people) else parties


def _office_plural_above(token):
    for ancestor in token.ancestors:
        if ancestor.lemma_.lower() in _OFFICE_PLURALS and ancestor.tag_ == "NNS":
            return ancestor
        if ancestor.pos_ in ("VERB", "AUX"):
            return None
    return None


# office plurals that stand for any holder of an office ("the leaders", "the top
# diplomats"); another ("the foreign ministers") needs a holder of that title
_ANY_OFFICE = frozenset({"leader", "diplomat", "official", "envoy", "head", "chief"})


def _latest_office_holder(country: str | None, before: int, actors: ActorSet, office: str = "leader"):
    return latest_person(actors, before, lambda actor: bool(actor.titles) and actor.country == country and (
        office in _ANY_OFFICE or any(office in t.lower() for t in actor.titles)))


_THREE_SIDED = frozenset({"trilateral", "three-way", "tripartite"})


def _three_sided(trigger: Trigger) -> bool:
    """"a trilateral exchange", "three-way talks": the trigger says it has three sides."""
    words = {c.lower_ for c in trigger.token.children if c.dep_ in ("amod", "compound")}
    words |= {w.lower() for w in trigger.text.split()}
    return bool(words & _THREE_SIDED)


def _sides(parties: list[Party]) -> set[str]:
    return {p.country or p.actor.key for p in parties}


def _anaphor_parties(drafts: list[Draft], actors: ActorSet, travelling: bool = False) -> list[Party]:
    """The people a plural anaphor ("they", "the two leaders") stands for: those of
    the latest event that names two or more; for a trip ("they travelled on to Y"),
    the group that acted together in it (`_acting_group`) when there is one."""
    group = _acting_group(drafts[-1]) if travelling else []
    if group:
        return [Party(p.actor, p.mention, "subject", country=p.country) for p in group]
    previous = next((d for d in reversed(drafts) if len(person_keys(d.parties)) >= 2), drafts[-1])
    return [Party(p.actor, p.mention, "subject", country=p.country) for p in _two_sides(previous, actors)]


def _acting_group(draft: Draft) -> list[Party]:
    """"X, Y and Z arrived in A. They will meet W. They then travelled ...": the people
    who were the latest event's subject side or its travellers, when they are two or
    more; the one they met (W) travels with them nowhere."""
    group = travelling_people(draft)
    return group if len(group) >= 2 else []


def _with_named_leader(parties: list[Party], trigger: Trigger, drafts: list[Draft], actors: ActorSet,
                       vocab: EventVocabulary) -> list[Party]:
    """"X's office said the two leaders will hold talks": a leader the anaphor's own
    sentence names, who was no side of the latest talks, is one of the two; the other
    is the traveller of the article's latest visit (the talks before were another stop)."""
    sent = trigger.sent
    known = {p.actor.key for p in parties}
    named = {actor.key: (actor, m) for actor, m in actors.of_kind_at("person", sent.start_char, sent.end_char)
             if actor.titles and not is_reporter(actor, vocab)}
    if len(named) != 1 or set(named) & known:
        return parties
    leader, mention = next(iter(named.values()))
    visit = next((d for d in reversed(drafts) if d.type == "visit" and d.status != "negated"), None)
    travellers = travelling_people(visit) if visit else []
    traveller = next((p for p in parties if p.actor.key in {t.actor.key for t in travellers}), None)
    if traveller is None or traveller.country == leader.country or len(travellers) != 1:
        return parties
    return [traveller, Party(leader, mention, "subject", country=leader.country)]


def _lone_traveller(trigger: Trigger, parties: list[Party]) -> str | None:
    """"X said this during his first foreign visit": a visit that names its traveller
    (one person, the subject) but no place it goes to."""
    if trigger.type != "visit" or trigger.weak or len(parties) != 1:
        return None
    party = parties[0]
    return party.actor.key if party.actor.kind == "person" and party.slot == "subject" else None


def _two_sides(previous: Draft, actors: ActorSet) -> list[Party]:
    """"The two leaders", "the two sides": the people of the previous event; where
    they are all of one state ("X's visit to Y"), its states too, and a visit's
    destination."""
    sides = [p for p in previous.parties if p.actor.kind == "person"]
    if len({p.actor.country for p in sides}) >= 2:
        return sides
    sides = list(previous.parties)
    known = {p.actor.country or p.actor.code for p in sides}
    if len(known - {None}) >= 2:
        return sides  # "X's visit to Y": the two sides are named; other places are not
    for trigger in previous.triggers:
        for actor, mention in actors.of_kind_at("state", trigger.sent.start_char, trigger.sent.end_char):
            code = actor.code or actor.country
            if code in _goes_to(previous) and code not in known:
                sides.append(Party(actor, mention, "object"))
                known.add(code)
    return sides


def _names_the_medium(draft: Draft, trigger: Trigger) -> bool:
    """Talks told only by a weak word ("A and B spoke, discussing trade") are the call
    a bare mention right after names ("The phone call lasted an hour")."""
    return (draft.type == "meeting" and trigger.type == "phone_call" and not trigger.weak
            and all(t.weak for t in draft.triggers))


def _weak_but_first(mention: _Mention, drafts: list[Draft]) -> bool:
    """A weak mention ("discussed", "exchanged views") starts an event only as the
    article's first and only when all its sides are the verb's subject ("A and B
    spoke for an hour, discussing trade"): "X discussed Libya with other governments"
    names no one it met."""
    parties = mention.parties
    return not drafts and len(parties) >= 2 and all(p.slot == "subject" for p in parties)


def _after(when: EventDate, published: date | None) -> bool:
    # a day the text gives (a date or a weekday counted from the report) after the
    # report's own day has not come yet
    return bool(when.value and published and when.basis in datepolicy.TEXTUAL_BASES and when.value > published)


def _attach(mention: _Mention, index: int, drafts: list[Draft], actors: ActorSet, vocab: EventVocabulary) -> None:
    """Add the mention to the event it repeats, or start a new event."""
    trigger = mention.trigger
    present = presence_parties(trigger.sent, actors, vocab)
    target = _anaphoric_target(drafts, trigger, mention.status)
    if target is None and ((trigger.weak and not _weak_but_first(mention, drafts)) or not mention.parties):
        # a bare mention ("the talks", "exchanged views") adds to the last event
        if drafts and _names_the_medium(drafts[-1], trigger):
            drafts[-1].type = trigger.type
        if drafts and (trigger.weak or drafts[-1].type == trigger.type):
            drafts[-1].triggers.append(trigger)
            _date_from_bare_mention(drafts[-1], mention)
        return
    target = target or _repeated_event(drafts, trigger, mention.status, mention.parties, mention.when)
    named = frozenset(person_keys(mention.parties))
    if target is None:
        draft = Draft(trigger.type, mention.status, index, [trigger], mention.parties, mention.when, mention.occasion)
        draft.mentions.append((trigger, named))
        add_extra(draft, present + mention.witnesses)
        drafts.append(draft)
        return
    target.mentions.append((trigger, named))
    target.triggers.append(trigger)
    if mention.status == "occurred" and _told_as_past(trigger):
        target.status = "occurred"  # a plan the article also reports as done ("arrived")
    add_parties(target, mention.parties)
    if date_quality(mention.when) > date_quality(target.date) or _earlier_day_of_visit(target, mention.when):
        target.date = mention.when
    target.occasion = target.occasion or mention.occasion
    add_extra(target, present + mention.witnesses)


def _earlier_day_of_visit(visit: Draft, when: EventDate) -> bool:
    """A visit is dated by its first day: "arrived on Sunday" beats "met on Monday,
    during the visit" when both are told as days."""
    known = visit.date
    return (visit.type == "visit" and when.value is not None and known.value is not None
            and when.precision == known.precision == "day" and date_quality(when) == date_quality(known)
            and when.value < known.value)


def _date_from_bare_mention(draft: Draft, mention: _Mention) -> None:
    """"X will meet Y." then "Monday's talks will ...": a bare mention of the same
    event that gives its day dates it, when the event has no better date."""
    if mention.trigger.type == draft.type and date_quality(mention.when) > date_quality(draft.date):
        draft.date = mention.when


def collect_drafts(
    article: Article,
    sents: list[SpacySpan],
    actors: ActorSet,
    timexes: list[Timex],
    vocab: EventVocabulary,
    unowned_visits: list[BareVisit] | None = None,
) -> list[Draft]:
    """Events of the article in order of first mention, repeated mentions merged.
    Visits the article names without their traveller ("this is the leader's first
    trip abroad" with no name, "on the final day of a trip to the capital") are added
    to ``unowned_visits`` when given: the talks of the article may tell who travelled."""
    drafts: list[Draft] = []
    history = History()
    confirmed = {name for name, spec in vocab.types.items() if spec.confirmed(article.text)}
    for index, sent in enumerate(sents):
        triggers = [t for t in sentence_triggers(sent, vocab) if not t.conditional or t.type in confirmed]
        if not triggers and drafts:
            add_extra(drafts[-1], presence_parties(sent, actors, vocab))
        next_sent = sents[index + 1] if index + 1 < len(sents) else None
        frames = [t for t in triggers if _frames_other(t, triggers)]
        for trigger in triggers:
            if trigger in frames:
                continue
            if _is_presence(trigger, vocab):
                if drafts:
                    add_extra(drafts[-1], presence_parties(sent, actors, vocab))
                continue
            lone: list[tuple[Trigger, str, str]] = []
            mention = _analyse(trigger, article, next_sent, actors, timexes, vocab, drafts, history, index, lone)
            if unowned_visits is not None:
                unowned_visits.extend(BareVisit(t, status, EventDate(None), index, key) for t, status, key in lone)
            if mention is not None:
                if unowned_visits is not None and _unowned_visit(mention):
                    unowned_visits.append(BareVisit(trigger, mention.status, mention.when, index))
                _attach(mention, index, drafts, actors, vocab)
        for frame in frames:
            target = _attach_frame(frame, triggers, drafts, actors)
            if target is not None and not _visit_from_frame(frame, target, drafts, index) and unowned_visits is not None:
                unowned_visits.append(BareVisit(frame, target.status, target.date, index))
    return drafts


def _unowned_visit(mention: _Mention) -> bool:
    return (
        mention.trigger.type == "visit"
        and not mention.trigger.weak
        and mention.status != "negated"
        and not person_keys(mention.parties)
    )


def _frames_other(trigger: Trigger, triggers: list[Trigger]) -> bool:
    """"X and Y signed a pact on the second day of X's state visit": a visit noun in an
    adjunct of another trigger's clause is that event's frame, not an event of its own."""
    if trigger.type != "visit" or trigger.token.pos_ not in ("NOUN", "PROPN"):
        return False
    verb = governing_verb(trigger.token)
    return any(
        other is not trigger and other.type != "visit" and governing_verb(other.token).i == verb.i for other in triggers
    )


def _attach_frame(frame: Trigger, triggers: list[Trigger], drafts: list[Draft], actors: ActorSet) -> Draft | None:
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
    spans = [char_span(o) for o in owners]
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


def _visit_from_frame(frame: Trigger, framed: Draft, drafts: list[Draft], index: int) -> bool:
    """"X welcomed Y at the start of a state visit": the visit is an event of its own
    (the talks are part of it); it joins the article's other mention of that trip.
    False when the frame does not say who travelled."""
    visitors = [p for p in framed.parties if p.visiting]
    if framed.status == "negated":
        return True
    if not visitors:
        return False
    keys = {p.actor.key for p in visitors}
    for draft in drafts:
        if draft.type == "visit" and draft.status != "negated" and keys & {
            p.actor.key for p in draft.parties if p.visiting or p.slot == "subject"
        }:
            draft.triggers.append(frame)
            return True
    parties = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in framed.parties
               if p.slot not in ("present", "accompanying")]
    drafts.append(Draft("visit", framed.status, index, [frame], parties, framed.date))
    return True
