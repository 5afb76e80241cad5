"""Programme: visits, the talks held during them, and who hosts whom.

Owns: a visit and its talks as two events (the visit's visitors and host state; the
talks' visitor and host roles), a tour of listed states as one visit per state, talks
an article tells one by one as one event each, the people a relative clause says the
talks (also) include, the talks a visitor's and a host's signing together tells, a
visitor's talks with several of the host state's leaders as one meeting each, the
visit a reception tells when the article tells only the talks, the traveller of a
visit named without one, and roles from the venue's state; what is no event of its own: the onward stops of a trip under
way, and a protocol reception by another of the host state's people than the one the
visitor holds talks with; and talks told only as a "discussion" between the people of
a phone call, which are that call.
"""

from __future__ import annotations


from ..actors.tables import countries as country_table
from ..records import ActorSet, EventDate, Participant, Span
from .participants import Party, char_span, is_spouse
from .places import destination_names, resolve_place
from .drafts import BareVisit, Draft, add_parties, person_keys, places_of, places_told, travelling_people
from .status import governing_verb


def split_tours(drafts: list[Draft], actors: ActorSet) -> list[Draft]:
    """"X will visit A, B, C and D": a visit is one trip to one host, so a tour of a
    list of states is one visit per state, each with its own venue."""
    out: list[Draft] = []
    for draft in drafts:
        stops = _listed_destinations(draft, actors) if draft.type == "visit" else []
        if len(stops) < 2 or _current_destination(draft):
            # "arrived in A for a tour that also takes in B and C": the trip goes on
            # to the listed states later (see `drop_onward_stops`)
            out.append(draft)
            continue
        listed = {place["country"] for place, _ in stops}
        for place, span in stops:
            # each visit keeps the travellers, not the other stops of the tour
            parties = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in draft.parties
                       if p.actor.kind == "person" or p.country not in listed]
            out.append(Draft("visit", draft.status, draft.sent_index, list(draft.triggers), parties,
                              draft.date, draft.occasion, list(draft.extra), (place, span)))
    return out


def _listed_destinations(visit: Draft, actors: ActorSet) -> list[tuple[dict, Span]]:
    """States listed together (a coordination) in one sentence of the visit, other than
    the visitors' own: the stops of a tour."""
    own = {p.country for p in visit.parties if p.actor.kind == "person"}
    for trigger in (t for t in visit.triggers if not t.weak):
        # the recogniser tags a small state in a list as a person or an organisation
        # as often as a place ("visit Egypt, Tunisia, Togo and ..."): the list decides
        ents = [e for e in trigger.sent.ents if e.label_ in ("GPE", "LOC", "PERSON", "ORG", "NORP")]
        listed = [e for e in ents if (e.root.dep_ == "conj" or any(c.dep_ == "conj" for c in e.root.children))
                  and _governed_by(e.root, trigger)]
        stops: dict[str, tuple[dict, Span]] = {}
        for ent in listed:
            place, span = _state_named(ent, actors)
            if place and place.get("country") and place["name"] is None and place["country"] not in own:
                stops.setdefault(place["country"], (place, span))
        if len(stops) >= 2:
            return list(stops.values())
    return []


def _state_named(ent, actors: ActorSet) -> tuple[dict | None, Span]:
    """The state an entity of a list names. The recogniser may cut a name of several
    words short ("Cote" of "Cote d'Ivoire"): the state mention found over it, whole,
    decides."""
    for actor, mention in actors.of_kind_at("state", ent.start_char, ent.end_char):
        if mention.kind == "name":
            place = {"name": None, "country": actor.country}
            return place, Span(mention.start, mention.end, mention.text, "location")
    return resolve_place(ent.text), Span(ent.start_char, ent.end_char, ent.text, "location")


def _governed_by(token, trigger) -> bool:
    """The trigger's clause takes the word as its own ("visit A and B", "a tour of A
    and B", "a tour that takes him to A and B"), not through another verb's clause
    ("visit X after its move to court A and B")."""
    verb = governing_verb(trigger.token)
    # "will travel to the region and visit A and B": one clause of two verbs
    own = {trigger.token.i, verb.i} | {c.i for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"}
    for ancestor in token.ancestors:
        if ancestor.i in own:
            return True
        if ancestor.pos_ in ("VERB", "AUX") and not (ancestor.dep_ in ("relcl", "acl") and ancestor.head.i in own):
            return False
    return False


def _current_destination(visit: Draft) -> bool:
    """A visit under way names where the visitor is now: "arrived in A", "is in A"."""
    own = {p.country for p in visit.parties if p.actor.kind == "person"}
    return visit.status == "occurred" and any(
        (resolve_place(place) or {}).get("country") not in own | {None}
        for trigger in visit.triggers if not trigger.weak for place in destination_names(trigger))


def drop_onward_stops(drafts: list[Draft], published) -> list[Draft]:
    """"X arrived in A on Monday; the tour will also take him to B and C": the stops
    still to come of a trip under way are its itinerary, not news of their own (they
    are news when they happen, in the reports of those days). A visit is under way when
    it is reported done within a few days of the article."""
    under_way = [d for d in drafts if d.type == "visit" and d.status == "occurred" and _near(d.date, published)]
    return [d for d in drafts if not (d.type == "visit" and d.status == "planned" and any(
        _onward(d, trip) for trip in under_way))]


_UNDER_WAY_DAYS = 3  # a trip reported within this many days of its start is still going on
_TOUR_DAYS = 7  # the stops of one tour follow each other within a week


def _near(when, day, days: int = _UNDER_WAY_DAYS) -> bool:
    return when.value is None or day is None or abs((day - when.value).days) <= days


def _onward(plan: Draft, trip: Draft) -> bool:
    """The plan is the same travellers' next stop: undated, or within a week of the
    trip under way (a visit planned for next month is a trip of its own)."""
    same = {p.actor.key for p in _travellers(plan)} & {p.actor.key for p in _travellers(trip)}
    return bool(same) and (plan.date.value is None or _near(plan.date, trip.date.value, _TOUR_DAYS))


def _travellers(visit: Draft) -> list[Party]:
    """Those marked visiting or the subjects; else the people of other states than the
    states the visit names or goes to ("X, who is visiting India, met Y")."""
    people = [p for p in visit.parties if p.actor.kind == "person"]
    marked = travelling_people(visit)
    hosts = {p.country for p in visit.parties if p.actor.kind != "person"} or places_told(visit)
    return marked or ([p for p in people if p.country and p.country not in hosts] if hosts else [])


def drop_protocol_receptions(drafts: list[Draft], arrival_words: frozenset[str] = frozenset()) -> list[Draft]:
    """"X was welcomed at the airport by minister A, and held talks with president B":
    a visitor's meeting told only as a reception ("welcomed", "received", "greeted")
    on arrival by one of the host state's people while the visitor holds talks with
    another of them is the protocol of the visit, not talks of its own. A reception
    told elsewhere ("the president received the minister at his palace") is an
    audience, talks of its own."""
    return [d for d in drafts if not _protocol_reception(d, drafts, arrival_words)]


def _protocol_reception(draft: Draft, drafts: list[Draft], arrival_words: frozenset[str]) -> bool:
    if draft.type != "meeting" or draft.status == "negated":
        return False
    if not any(t.lemma_.lower() in arrival_words or t.lower_ in arrival_words
               for trigger in draft.triggers for t in trigger.sent):
        return False
    return any(_received_before_talks(draft, other) for other in drafts
               if other is not draft and other.type == "meeting" and other.status != "negated")


def _received_before_talks(reception: Draft, talks: Draft) -> bool:
    """The one visitor both meetings share is received by some of the host state's
    people in the first and holds talks (a verb that is no reception) with others of
    that state in the second."""
    shared = person_keys(reception.parties) & person_keys(talks.parties)
    if len(shared) != 1:
        return False
    key = next(iter(shared))
    visitor = next(p for p in reception.parties if p.actor.key == key)
    if not (visitor.visiting or any(p.visiting for p in talks.parties if p.actor.key == key)):
        return False
    hosts = [p for p in reception.parties if p.actor.kind == "person" and p.actor.key != key]
    states = {p.country for p in hosts}
    if not hosts or None in states or visitor.country in states:
        return False
    host_keys = {p.actor.key for p in hosts}
    telling = _telling(reception, host_keys)
    if not telling or not all(_reception(t) for t in telling):
        return False
    others = {p.actor.key for p in talks.parties if p.actor.kind == "person"
              and p.actor.key not in host_keys | shared and p.country in states}
    return bool(others) and any(not _reception(t) for t in _telling(talks, others))


def _telling(draft: Draft, keys: set[str]) -> list:
    """The triggers that tell a draft's event with some of these people: those whose
    mention named them, else its own (not weak) triggers. ("A and B received X; they
    discussed ...": the discussion, naming no host, tells no talks with B apart from
    the reception by both.)"""
    return [t for t, named in draft.mentions if named & keys] or [t for t in draft.triggers if not t.weak]


# "was met at the airport by X", "greeted him on arrival": where a meeting that is
# only a welcome takes place
_ARRIVAL_NOUNS = frozenset({"airport", "airbase", "tarmac", "arrival"})


def _reception(trigger) -> bool:
    """A welcome, not talks: one of the meeting type's reception verbs (the verbs that
    need an object: "received", "welcomed", "greeted"), or a meeting verb placed at the
    airport or on arrival."""
    if trigger.needs_object:
        return True
    verb = governing_verb(trigger.token)
    return any(o.lemma_.lower() in _ARRIVAL_NOUNS for prep in verb.children if prep.dep_ == "prep"
               for o in prep.children if o.dep_ == "pobj")


# nouns that tell talks without saying whether they were held face to face or on the
# phone ("confirmed his discussion with X")
_MEDIUMLESS_NOUNS = frozenset({"discussion", "discussions", "conversation", "talks", "talk"})


def calls_told_as_discussions(drafts: list[Draft]) -> list[Draft]:
    """"X confirmed his discussion with Y" and "X had a telephone discussion with Y on
    Wednesday": talks told only by a noun that names no medium, between the very
    people of a phone call of the article, and at no place, are that call."""
    calls = [d for d in drafts if d.type == "phone_call" and d.status != "negated"]
    out: list[Draft] = []
    for draft in drafts:
        call = next((c for c in calls if _told_as_discussion(draft, c)), None)
        if call is None:
            out.append(draft)
        else:
            call.triggers.extend(draft.triggers)
    return out


def _told_as_discussion(meeting: Draft, call: Draft) -> bool:
    if meeting.type != "meeting" or meeting.status != call.status:
        return False
    # the mentions that name the people (a bare "the meeting" later may be another's)
    telling = [t for t, named in meeting.mentions if named] or [t for t in meeting.triggers if not t.weak]
    return (bool(telling) and all(t.token.pos_ == "NOUN" and t.token.lower_ in _MEDIUMLESS_NOUNS for t in telling)
            and person_keys(meeting.parties) == person_keys(call.parties) and len(person_keys(call.parties)) >= 2
            and not places_of([t.sent for t in telling]))


def split_bilaterals(drafts: list[Draft]) -> list[Draft]:
    """"X met A, B and C" then "his meeting with B": where the article tells a talk
    with one of the other side's people on its own, that talk is an event of its own
    (a visiting leader meets the host's leaders one by one)."""
    out: list[Draft] = []
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
            out.append(Draft("meeting", draft.status, draft.sent_index, alone, [host, party], draft.date,
                              draft.occasion, [], draft.venue))
            draft.parties = [p for p in draft.parties if p.actor.key != key]
            draft.triggers = [t for t in draft.triggers if t not in alone] or draft.triggers
            del others[key]
    return out


def talks_joined_by_inclusion(drafts: list[Draft], actors: ActorSet, include_verbs: frozenset[str]) -> list[Draft]:
    """"X will hold talks in the capital, which will include Z": the people a relative
    clause on the talks says they include are parties of them. "which will also include
    Z" adds Z to talks the others hold anyway: the talks with Z are a meeting of their
    own (a trilateral is never the two sides' own talks), and the others' talks stay."""
    out: list[Draft] = []
    for draft in drafts:
        out.append(draft)
        if draft.type != "meeting" or draft.status == "negated":
            continue
        for trigger in (t for t in draft.triggers if not t.weak):
            for clause in _inclusion_clauses(trigger, include_verbs):
                joined = _included_people(clause, actors, draft.keys())
                if not joined:
                    continue
                if _says_also(clause) and len(person_keys(draft.parties)) >= 2:
                    out.append(_widened(draft, trigger, joined))
                else:
                    add_parties(draft, joined)
    return out


def _inclusion_clauses(trigger, include_verbs: frozenset[str]) -> list:
    """Relative clauses of an inclusion verb on the trigger's words, or on a noun of
    their own phrases: the parser hangs "talks in the capital, which include Z" on the
    capital (which cannot include people), "talks with X, which include Z" on X."""
    words = [t for t in trigger.sent if trigger.start <= t.idx < trigger.end]  # "held talks": both
    heads = {t.i for t in words} | {obj.i for t in words for prep in t.children if prep.dep_ == "prep"
                                    for obj in prep.children if obj.dep_ == "pobj"}
    return [t for t in trigger.sent if t.dep_ == "relcl" and t.head.i in heads
            and t.lemma_.lower() in include_verbs]


def _included_people(clause, actors: ActorSet, known: set[str]) -> list[Party]:
    """The people named in the clause's object, other than the talks' own."""
    parties: list[Party] = []
    for obj in (c for c in clause.children if c.dep_ == "dobj"):
        for actor, mention in actors.of_kind_at("person", *char_span(obj)):
            if not is_spouse(actor) and actor.key not in known | {p.actor.key for p in parties}:
                parties.append(Party(actor, mention, "object"))
    return parties


def _says_also(clause) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in clause.children)


def _widened(draft: Draft, trigger, joined: list[Party]) -> Draft:
    """The talks of the draft's people with those the clause adds: told by that trigger."""
    parties = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in draft.parties] + joined
    widened = Draft("meeting", draft.status, draft.sent_index, [trigger], parties, draft.date,
                    draft.occasion, list(draft.extra), draft.venue)
    widened.mentions.append((trigger, frozenset(person_keys(parties))))
    return widened


def split_host_talks(drafts: list[Draft]) -> list[Draft]:
    """"On his visit, X met President A and Prime Minister B": a visitor meets the
    host state's leaders one by one, each talk an event of its own. (A delegation of
    several visitors received by one host holds one meeting; so do the leaders of an
    organisation, who receive a visitor together.)"""
    travellers = {p.actor.key for d in drafts if d.type == "visit" and d.status != "negated"
                  for p in travelling_people(d)}
    out: list[Draft] = []
    for draft in drafts:
        # a name the actors stage gave no state (a newspaper taken for a person) has
        # no side in the talks
        principal = _principal(draft, known_only=True) if draft.type == "meeting" else None
        visitor = next((p for p in draft.parties if p.actor.key == principal), None)
        if visitor is None or not (visitor.visiting or principal in travellers):
            out.append(draft)
            continue
        hosts = [p for p in draft.parties if p.actor.kind == "person" and p is not visitor and p.country]
        if any(p.actor.country not in country_table().countries for p in hosts):
            out.append(draft)
            continue
        for host in hosts:
            out.append(Draft("meeting", draft.status, draft.sent_index, list(draft.triggers), [visitor, host],
                             draft.date, draft.occasion, list(draft.extra), draft.venue))
    return out


def talks_of_signings(drafts: list[Draft]) -> list[Draft]:
    """"X and Y signed ten agreements at Y's palace" on X's visit to Y's state: the
    people of two states who sign (or announce) agreements together in person, a
    visitor and a host, held talks that day; where the article tells no talks between
    them, the signing tells them: a meeting of the same people, day and status (the
    signing stays an event of its own)."""
    out = list(drafts)
    for signing in (d for d in drafts if d.type == "agreement" and d.status != "negated"):
        sides = _two_sides_of(signing)
        if sides is None or not _signed_in_person(signing, sides, drafts):
            continue
        if any(d.type == "meeting" and d.status != "negated" and _between(d, sides) for d in drafts):
            continue  # the article tells their talks
        people = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in signing.parties
                  if p.actor.kind == "person"]
        talks = Draft("meeting", signing.status, signing.sent_index, signing.triggers[:1], people, signing.date,
                      signing.occasion, [], signing.venue)
        for visit in (d for d in drafts if d.type == "visit" and _same_trip(d, talks)):
            _mark_visitors(visit, talks)
        out.append(talks)
    return out


def _two_sides_of(draft: Draft) -> tuple[set[str], set[str]] | None:
    """The person keys of each of the draft's two states, when its people are of
    exactly two known states (and it names no other party)."""
    people = [p for p in draft.parties if p.actor.kind == "person"]
    states = {p.country for p in draft.parties}
    if len(states) != 2 or None in states or len(people) < 2:
        return None
    a, b = sorted(states)
    keys_a = {p.actor.key for p in people if p.country == a}
    keys_b = {p.actor.key for p in people if p.country == b}
    return (keys_a, keys_b) if keys_a and keys_b else None


def _between(meeting: Draft, sides: tuple[set[str], set[str]]) -> bool:
    keys = meeting.keys()
    return bool(keys & sides[0]) and bool(keys & sides[1])


def _signed_in_person(signing: Draft, sides: tuple[set[str], set[str]], drafts: list[Draft]) -> bool:
    """Together as visitor and host: one side's person is on a visit the article tells
    to the other side's state. (A signing told alone may be the ministers' or done
    apart: "X and Y signed a memorandum in Z" tells no talks of its own.)"""
    states = {p.country for p in signing.parties}
    by_key = {p.actor.key: p.country for p in signing.parties}
    for visit in (d for d in drafts if d.type == "visit" and d.status == signing.status):
        travellers = {p.actor.key for p in visit.parties if p.visiting} or {p.actor.key for p in _travellers(visit)}
        travellers &= sides[0] | sides[1]
        home = {by_key[k] for k in travellers}
        goes_to = ({p.country for p in visit.parties if p.actor.kind != "person"} | places_told(visit)) - home
        if travellers and len(home) == 1 and goes_to & states:
            return True
    return False


def _principal(draft: Draft, known_only: bool = False) -> str | None:
    """The one person on one side of a meeting whose other side has several people of
    one other state (known_only: among the people whose state is known)."""
    people = [p for p in draft.parties if p.actor.kind == "person" and (p.country or not known_only)]
    countries = {p.country for p in people}
    if len(people) < 3 or len(countries) != 2 or None in countries:
        return None
    alone = [p for p in people if sum(q.country == p.country for q in people) == 1]
    return alone[0].actor.key if len(alone) == 1 else None


def _mark_visitors(visit: Draft, meeting: Draft) -> None:
    """The meeting held during a visit knows who travelled: its visitors are the
    visit's (those marked visiting, else the visit's subjects)."""
    visitors = {p.actor.key for p in visit.parties if p.visiting} or {
        p.actor.key for p in visit.parties if p.slot == "subject"
    }
    for party in meeting.parties:
        party.visiting |= party.actor.key in visitors


def visit_roles(drafts: list[Draft]) -> None:
    """"On a state visit to India, Scholz met Modi": the visit and the talks held
    during it are two events (the merge stage links them, `part_of`); the visit tells
    the talks who is the visitor and who the host."""
    for visit in (d for d in drafts if d.type == "visit"):
        for meeting in (d for d in drafts if d.type == "meeting" and _same_trip(visit, d)):
            _mark_visitors(visit, meeting)
        if not any(p.visiting for p in visit.parties):
            for party in visit.parties:
                party.visiting = party.slot == "subject" and party.actor.kind == "person"


def implied_visits(drafts: list[Draft], host_verbs: frozenset[str]) -> list[Draft]:
    """"X welcomed Y at the presidential palace", "X hosted Y": one state's people
    receiving another's tell a visit, even when the article tells only the reception
    and the talks; the visit is an event of its own (the talks are part of it). A
    "visiting" minister alone says less: the trip is the background of the talks."""
    out = list(drafts)
    for meeting in (d for d in drafts if d.type == "meeting" and d.status != "negated"):
        if not any(governing_verb(t.token).lemma_.lower() in host_verbs for t in meeting.triggers):
            continue
        visitors = [p for p in meeting.parties if p.visiting and p.actor.kind == "person"]
        hosts = [p for p in meeting.parties if not p.visiting and p.actor.kind == "person"]
        away = {p.actor.country for p in visitors}
        home = {p.actor.country for p in hosts}
        if not visitors or len(home) != 1 or None in away | home or away & home:
            continue
        keys = {p.actor.key for p in visitors}
        if any(d.type == "visit" and keys & {p.actor.key for p in d.parties} for d in out):
            continue  # the article tells the trip itself
        parties = [Party(p.actor, p.mention, p.slot, p.visiting, p.country) for p in visitors + hosts[:1]]
        when = _first_talks_date(drafts, keys, home.pop(), meeting.date)
        out.append(Draft("visit", meeting.status, meeting.sent_index, meeting.triggers[:1], parties, when))
    return out


def stops_of_a_tour(drafts: list[Draft]) -> list[Draft]:
    """"X landed in A and held talks there. Earlier in the day, X met B's president in
    (a city of B)": talks at a place of the host's state, held by a traveller whose
    trip to another state the article tells as made, are another stop of the tour: a
    visit of its own. (A trip still to come is the next stop, not the tour under way.)"""
    out = list(drafts)
    for meeting in (d for d in drafts if d.type == "meeting" and d.status == "occurred"):
        people = [p for p in meeting.parties if p.actor.kind == "person"]
        states = {p.country for p in people}
        if len(people) != 2 or len(states) != 2 or None in states or any(p.country not in states for p in meeting.parties):
            continue  # (a summit of a body is no stop of one's own)
        named = places_of([t.sent for t in meeting.triggers if not t.weak]) & states
        if len(named) != 1:
            continue
        host = next(iter(named))
        traveller = next(p for p in people if p.country != host)
        trips = [d for d in drafts if d.type == "visit" and d.status == "occurred"
                 and traveller.actor.key in {p.actor.key for p in travelling_people(d)}]
        goes_to = [places_told(d) | {p.country for p in d.parties if p.actor.key != traveller.actor.key} - {None}
                   for d in trips]
        if not trips or any(not places or host in places for places in goes_to):
            continue  # no trip told, or a trip told may go there already
        receiver = next(p for p in people if p.country == host)
        parties = [Party(traveller.actor, traveller.mention, "subject", True, traveller.country),
                   Party(receiver.actor, receiver.mention, "object", False, receiver.country)]
        out.append(Draft("visit", meeting.status, meeting.sent_index, meeting.triggers[:1], parties, meeting.date))
    return out


def visits_named_by_talks(drafts: list[Draft], bare: list[BareVisit]) -> list[Draft]:
    """"X met Y on the final day of a trip to the capital", "this is the leader's first
    visit abroad": a visit the article names without its traveller is the trip of the
    side of its talks that is not of the destination's state (the state the visit's
    sentence names as a place, else the state the talks' visitor goes to). One visit
    per traveller: a trip the article tells with its traveller is not told twice."""
    out = list(drafts)
    for visit in bare:
        talks = _talks_for(visit, drafts)
        if talks is None:
            continue
        host = _host_of(visit, talks)
        visitors = [p for p in talks.parties if p.actor.kind == "person" and p.country and p.country != host]
        if host is None or not visitors or len({p.country for p in visitors}) != 1:
            continue
        keys = {p.actor.key for p in visitors}
        if any(d.type == "visit" and keys & d.keys() for d in out):
            continue
        if visit.traveller is not None and any(d.type == "visit" and talks.keys() & d.keys() for d in out):
            continue  # a trip of the talks' people is told: "his visit" is that one
        hosts = [p for p in talks.parties if p.country == host][:1]
        parties = [Party(p.actor, p.mention, p.slot, True, p.country) for p in visitors]
        parties += [Party(p.actor, p.mention, p.slot, False, p.country) for p in hosts]
        when = visit.when if visit.when.value is not None or visit.traveller else _first_talks_date(drafts, keys, host, talks.date)
        out.append(Draft("visit", visit.status, visit.sent_index, [visit.trigger], parties, when))
    return out


def _first_talks_date(drafts: list[Draft], visitors: set[str], host: str, default: EventDate) -> EventDate:
    """A visit the article tells only through its talks began by the first of them:
    the earliest day of the visitors' talks with people of the host state (or of no
    known state: a host official the gazetteer does not know)."""
    days = [d.date for d in drafts
            if d.type == "meeting" and d.status == "occurred" and d.date.value is not None
            and visitors & d.keys() and all(p.country in (host, None) for p in d.parties
                                            if p.actor.kind == "person" and p.actor.key not in visitors)]
    return min(days, key=lambda when: when.value, default=default)


def _talks_for(visit: BareVisit, drafts: list[Draft]) -> Draft | None:
    """The talks a bare visit frames: the article's first held (or, for a planned trip,
    planned) meeting between the people of exactly two states."""
    for meeting in drafts:
        if meeting.type != "meeting" or meeting.status == "negated":
            continue
        if visit.status == "occurred" and meeting.status != "occurred":
            continue
        if visit.traveller is not None and visit.traveller not in meeting.keys():
            continue  # the talks of the one who travelled
        states = {p.country for p in meeting.parties if p.actor.kind == "person" and p.country}
        if len(states) == 2:
            return meeting
    return None


def _host_of(visit: BareVisit, talks: Draft) -> str | None:
    """The state the trip goes to: one of the talks' two states named as a place in the
    visit's sentence, else the state of the talks' host side (the visitor is marked)."""
    states = {p.country for p in talks.parties if p.actor.kind == "person" and p.country}
    named = places_of([visit.trigger.sent]) & states
    if len(named) == 1:
        return next(iter(named))
    if named:
        return None
    traveller = next((p for p in talks.parties if p.actor.key == visit.traveller), None)
    if traveller is not None:
        rest = states - {traveller.country}
        return next(iter(rest)) if len(rest) == 1 else None  # the other side's state
    visiting = {p.country for p in talks.parties if p.visiting and p.actor.kind == "person"}
    rest = states - visiting
    return next(iter(rest)) if visiting and len(rest) == 1 else None


def _same_trip(visit: Draft, meeting: Draft) -> bool:
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
    goes_to_host = bool(others) or bool(places_told(visit) & hosts)
    return goes_to_host and (visit.status == meeting.status or visitor.visiting)


_SIDE_ROLES = {"participant", "actor", "recipient", "visitor", "host"}


def roles_from_venue(participants: list[Participant], location: dict | None) -> list[Participant]:
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


def visitors_and_host_state(participants: list[Participant], location: dict | None) -> list[Participant]:
    """A visit is the trip: its visitors and the state they go to. The host's people
    belong to the talks held during it (events of their own), and stand here as
    their state. Where nothing told visitor from host (a parse that lost the subject),
    the people of other states than the one the visit goes to are its visitors."""
    venue = (location or {}).get("country")
    if not any(p.role == "visitor" for p in participants) and venue:
        for p in participants:
            if p.kind == "person" and p.role in _SIDE_ROLES and p.country and p.country != venue:
                p.role = "visitor"
    if not any(p.role == "visitor" for p in participants):
        return participants
    visiting = {p.country for p in participants if p.role == "visitor"}
    hosts = [p for p in participants if p.role == "host"]
    states = [p.country for p in hosts if p.country] or [(location or {}).get("country")]
    kept = [p for p in participants if p.role != "host" or p.kind != "person"]
    known = {p.country for p in kept if p.kind != "person"}
    for code in dict.fromkeys(c for c in states if c and c not in visiting and c not in known):
        kept.append(Participant(name=country_table().name(code), title=None, country=code, role="host",
                                actor_key=code, kind="state"))
    return kept


def official_visitors(visit: Draft) -> bool:
    """A visit is made by people who hold an office or speak for a state: "Brazil was
    the last stop of a tour that had taken her to Chile" names no visitor of its own,
    and a footballer or a reporter heading to a capital pays no visit in this sense."""
    travellers = travelling_people(visit) or [p for p in visit.parties if p.actor.kind == "person"]
    return any(p.actor.titles or p.country for p in travellers)
