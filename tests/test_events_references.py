"""Tests for who the references of an event's parties stand for (readouts.events
participants and mentions): a plural subject pronoun after a group's arrival, a
relative pronoun on a title-only subject, and a state named by an abbreviation only
the actors stage knows. Sentences are our own; actors are built by hand as in
test_events.py."""

from __future__ import annotations

from datetime import date

from test_events import BERG, DAHL, HOLM, HUNGARY, SWEDEN, VARGA, roles, run

NOVAK = ("p7", "person", "Ivo Novak", "CZE", ["President"], ["President Ivo Novak", "Ivo Novak", "Novak"])
CZECHIA = ("CZE", "state", "Czechia", "CZE", [], ["Czechia", "Czech"])
KELL = ("p8", "person", "Mara Kell", "EST", ["Prime Minister"], ["Prime Minister Mara Kell", "Mara Kell", "Kell"])
ESTONIA = ("EST", "state", "Estonia", "EST", [], ["Estonia", "Estonian"])
# a state the actors stage names by an abbreviation no gazetteer of places holds
FEDERATION = ("FDR", "state", "Northern Federation", "FDR", [], ["Northern Federation", "the NF"])
GROUP = [BERG, HOLM, KELL, NOVAK, SWEDEN, ESTONIA, CZECHIA]


def test_they_after_a_group_arrives_are_that_group_meeting_their_host():
    text = ("Prime Minister Lena Holm, President Anna Berg and Prime Minister Mara Kell arrived in Prague on Tuesday "
            "for their first joint trip.\n\n"
            "They will speak with President Ivo Novak about energy and the coming winter.\n\n"
            "The leaders made the trip by road from Vienna.")
    events = run(text, GROUP, [("Tuesday", "2024-03-05")])
    meetings = [e for e in events if e.type == "meeting"]
    assert len(meetings) == 1 and meetings[0].status == "planned"
    assert set(roles(meetings[0])) == {"Lena Holm", "Anna Berg", "Mara Kell", "Ivo Novak"}
    # "the leaders made the trip" is the group's own trip: the host they will meet
    # travels nowhere, and the trip is not told twice
    visits = [e for e in events if e.type == "visit"]
    assert len(visits) == 1
    visitors = {p.name for p in visits[0].participants if p.role == "visitor"}
    assert visitors == {"Lena Holm", "Anna Berg", "Mara Kell"}


def test_the_travellers_of_a_trip_told_by_they_are_the_earlier_talks_subjects():
    from readouts.events.drafts import Draft
    from readouts.events.mentions import _anaphor_parties
    from readouts.events.participants import Party
    from readouts.records import Actor, ActorSet, EventDate, Mention

    def party(key, country, slot):
        return Party(Actor(key=key, kind="person", name=key, country=country), Mention(0, 1, key, key, "name"), slot)

    talks = Draft("meeting", "planned", 0, [], [party("a", "SWE", "subject"), party("b", "EST", "subject"),
                                                party("c", "CZE", "object")], EventDate(None))
    travellers = {p.actor.key for p in _anaphor_parties([talks], ActorSet([], []), travelling=True)}
    assert travellers == {"a", "b"}
    # any other event's "they" still stands for all its people
    assert {p.actor.key for p in _anaphor_parties([talks], ActorSet([], []))} == {"a", "b", "c"}


def test_will_speak_with_a_leader_is_a_planned_meeting():
    text = "President Anna Berg will speak with President Tomas Varga in Budapest next week about trade."
    events = run(text, [BERG, VARGA, SWEDEN, HUNGARY])
    assert [(e.type, e.status) for e in events] == [("meeting", "planned")]
    assert set(roles(events[0])) == {"Anna Berg", "Tomas Varga"}


def test_a_title_subject_of_a_relative_clause_is_the_named_traveller():
    people = [HOLM, DAHL, SWEDEN, HUNGARY, FEDERATION,
              ("p1", "person", "Lena Holm", "SWE", ["Prime Minister"], ["The Swedish premier"])]
    text = ("Prime Minister Lena Holm met Prime Minister Oskar Dahl on Monday to discuss trade.\n\n"
            "Holm's government has pushed for closer ties with the region for a year.\n\n"
            "The Swedish premier, who arrived in the NF on Sunday for a round of regional talks, said after "
            "landing that she hoped for new contracts.")
    events = run(text, people, [("Monday", "2024-03-04"), ("Sunday", "2024-03-03")], published=date(2024, 3, 5))
    visits = [e for e in events if e.type == "visit"]
    assert len(visits) == 1
    assert {p.name for p in visits[0].participants if p.kind == "person"} == {"Lena Holm"}
    assert visits[0].date.value == date(2024, 3, 3)


def test_a_relative_pronoun_argument_is_the_noun_it_modifies():
    from readouts.annotate import parse
    from readouts.events import load_event_types
    from readouts.events.participants import trigger_arguments
    from readouts.events.triggers import sentence_triggers

    text = "The envoy, who travelled to Lisbon on Friday, praised the agreement."
    sent = next(parse(text).sents)
    trigger = next(t for t in sentence_triggers(sent, load_event_types()) if t.type == "visit")
    args = {text[start:end] for slot, (start, end) in trigger_arguments(trigger) if slot == "subject"}
    # the noun, without the clause the trigger is in (Lisbon is where it goes)
    assert args == {"The envoy"}


# ------------------------------------------- plural references before any event


def test_the_two_leaders_of_a_call_before_any_event_are_the_list_before_it():
    # "A and B spoke" alone is no event; the call the next sentence names is theirs
    text = ("President Anna Berg and President Tomas Varga spoke on Friday after a year of silence, "
            "covering trade and energy.\n\n"
            "Their phone call, which lasted an hour, was the only conversation between the two leaders this year.")
    events = run(text, [BERG, VARGA, SWEDEN, HUNGARY], [("Friday", "2024-03-01")])
    calls = [e for e in events if e.type == "phone_call"]
    assert len(calls) == 1 and set(roles(calls[0])) == {"Anna Berg", "Tomas Varga"}


def test_a_copula_complement_names_the_sides_of_its_subject_event():
    from readouts.annotate import parse
    from readouts.events import load_event_types
    from readouts.events.participants import trigger_arguments
    from readouts.events.triggers import sentence_triggers

    text = "The phone call was the longest conversation between Anna Berg and Tomas Varga this year."
    sent = next(parse(text).sents)
    trigger = next(t for t in sentence_triggers(sent, load_event_types()) if t.type == "phone_call")
    args = [text[start:end] for _, (start, end) in trigger_arguments(trigger)]
    assert "Anna Berg and Tomas Varga" in args


def test_the_latest_list_of_the_size_the_reference_gives():
    from readouts.annotate import parse
    from test_events import actor_set
    from readouts.events.participants import latest_group

    text = ("Anna Berg, Tomas Varga and Lena Holm met on Monday. Oskar Dahl and Lena Holm spoke later.\n\n"
            "The three leaders will meet again in June.")
    doc = parse(text)
    actors = actor_set(text, [BERG, VARGA, HOLM, DAHL])
    last = list(doc.sents)[-1]
    assert {m.actor_key for m in latest_group(last, actors)} == {"p4", "p3"}
    assert {m.actor_key for m in latest_group(last, actors, 3)} == {"p1", "p2", "p3"}


# ------------------------------------------- merge: where an undated page's story is


def test_an_undated_plan_without_its_day_does_not_place_its_page_s_story():
    # An undated page: "X and Y spoke by phone" and "Z is set to visit Y's country in
    # the coming weeks". The call is the one an outlet dated this year; the plan,
    # whatever its id, must not pull the page into the story of a visit long past.
    from test_merge import FakeStore, _in_article, _with_roles, rec
    from readouts.merge import merge_batch

    call = rec(type_="phone_call", date="2024-04-02", basis="relative", published="2024-04-02", who=("xi", "khan"))
    past_trip = _with_roles(rec(type_="visit", date="2023-06-18", basis="relative", published="2023-06-19",
                                who=("wang", "pakistan")), "visitor", "host")
    page_plan = _with_roles(rec(type_="visit", date=None, published=None, status="planned",
                                who=("wang", "pakistan"), rid="a-plan"), "visitor", "host")
    page_call = rec(type_="phone_call", date=None, published=None, who=("xi", "khan"), rid="b-call")
    _in_article("page.txt", page_plan, page_call)
    store = FakeStore()
    merge_batch(store, [call, past_trip])
    merge_batch(store, [page_plan, page_call])
    merged_call = next(e for e in store.events.values() if e.type == "phone_call")
    assert {s.article for s in merged_call.sources} == {call.sources[0].article, "page.txt"}
    trip = next(e for e in store.events.values() if e.type == "visit" and e.status == "occurred")
    assert "page.txt" not in {s.article for s in trip.sources}
