"""Merge stage: blocking, same-event decisions, combining, linking, near duplicates."""

from __future__ import annotations

import itertools

import pytest

from readouts import neardup
from readouts.evaluation.story_grouping import StoryDoc, group_documents
from readouts.merge import (
    MergeStats,
    block_keys,
    combine,
    merge_batch,
    query_keys,
    rebuild,
    same_event,
)
from readouts.neardup import near_duplicates, signature_bands
from readouts.records import EventRecord, ParticipantRecord


class FakeStore:
    """In-memory store with the methods merge relies on."""

    def __init__(self) -> None:
        self.events: dict[str, dict] = {}
        self.keys: dict[str, set[str]] = {}
        self.links: set[tuple[str, str, str]] = set()
        self.bands: dict[str, set[str]] = {}
        self.lookups = 0

    def find_events(self, block_keys):
        self.lookups += 1
        wanted = set(block_keys)
        return [self.events[i] for i in sorted(self.events) if self.keys[i] & wanted]

    def save_event(self, record, block_keys):
        self.events[record.id] = record
        self.keys[record.id] = set(block_keys)

    def delete_event(self, event_id):
        self.events.pop(event_id, None)
        self.keys.pop(event_id, None)
        self.links = {link for link in self.links if event_id not in link[:2]}

    def add_link(self, event_id, other_id, relation):
        self.links.add((event_id, other_id, relation))

    def articles_by_band(self, bands):
        return {band: {a for a, b in self.bands.items() if band in b} for band in bands
                if any(band in b for b in self.bands.values())}

    def save_bands(self, bands_of):
        for article_id, bands in bands_of:
            self.bands[article_id] = set(bands)


PEOPLE = {
    "xi": {"name": "Xi Jinping", "title": "President", "country": "CHN",
           "actor_id": "person:xi-jinping:CHN"},
    "khan": {"name": "Imran Khan", "title": "Prime Minister", "country": "PAK",
             "actor_id": "person:imran-khan:PAK"},
    "bajwa": {"name": "Qamar Javed Bajwa", "title": "Army Chief", "country": "PAK",
              "actor_id": "person:qamar-javed-bajwa:PAK"},
    "wang": {"name": "Wang Yi", "title": "Foreign Minister", "country": "CHN",
             "actor_id": "person:wang-yi:CHN"},
    "china": {"name": "China", "title": None, "country": "CHN", "actor_id": "state:CHN"},
    "pakistan": {"name": "Pakistan", "title": None, "country": "PAK", "actor_id": "state:PAK"},
    "india": {"name": "India", "title": None, "country": "IND", "actor_id": "state:IND"},
}

_ids = itertools.count()


def rec(type_="phone_call", date=None, basis="explicit", published="2021-10-27",
        who=("xi", "khan"), status="occurred", precision=None, end_date=None,
        article=None, topics=(), statements=(), location=None, rid=None):
    n = next(_ids)
    rid = rid or f"a{n:03d}"
    article = article or f"{rid}.txt"
    participants = [dict(PEOPLE[w], role="participant") for w in who]
    if date is None:
        basis = "none"
    precision = precision or ("day" if date else "unknown")
    return EventRecord.from_json({
        "id": rid, "type": type_, "status": status, "date": date,
        "date_precision": precision, "end_date": end_date, "date_basis": basis,
        "participants": participants, "location": location, "occasion": None,
        "plover": {"event": "CONSULT", "mode": "", "context": []}, "cameo": "040",
        "topics": list(topics),
        "statements": [{"speaker": "Xi Jinping", "text": t, "positions": []} for t in statements],
        "sources": [{"article": article, "article_id": f"art-{rid}", "outlet": "Outlet",
                     "published": published, "status": status, "date": date,
                     "date_basis": basis,
                     "evidence": [{"start": 0, "end": 5, "text": "spoke", "field": "trigger"}]}],
    })


# ------------------------------------------------------------------ same_event


def test_undated_report_and_explicit_report_are_one_event():
    undated = rec(date=None, published="2021-10-28")
    explicit = rec(date="2021-10-26", published="2021-10-26")
    assert same_event(undated, explicit)


def test_relative_date_a_day_off_still_matches():
    relative = rec(date="2021-10-27", basis="relative", published="2021-10-28")
    explicit = rec(date="2021-10-26", published="2021-10-26")
    assert same_event(relative, explicit)


def test_consecutive_days_explicit_are_different_events():
    day1 = rec(type_="meeting", date="2023-05-04")
    day2 = rec(type_="meeting", date="2023-05-05")
    assert not same_event(day1, day2)


def test_a_call_reported_as_talks_is_one_event_typed_call():
    call = rec(type_="phone_call", date="2021-10-26")
    talks = rec(type_="meeting", date="2021-10-26")
    assert same_event(call, talks)
    assert combine(rebuild([talks]), call).type == "phone_call"


def test_a_call_and_talks_on_other_stated_days_stay_apart():
    assert not same_event(rec(type_="phone_call", date="2021-10-26"),
                          rec(type_="meeting", date="2021-10-29"))


def test_a_call_and_talks_naming_one_shared_person_stay_apart():
    assert not same_event(rec(type_="phone_call", date="2021-10-26", who=("xi", "khan")),
                          rec(type_="meeting", date="2021-10-26", who=("xi", "pakistan")))


def test_spelling_variants_of_one_person_merge():
    variant = dict(PEOPLE["khan"], name="Imraan Khan", actor_id="person:imraan-khan:PAK")
    one = rec(type_="meeting", date="2021-10-26")
    other = rec(type_="meeting", date="2021-10-26")
    other.participants[1] = ParticipantRecord(**variant, role="participant")
    assert same_event(one, other)


def test_a_report_naming_one_country_only_meets_the_report_naming_both():
    both = rec(type_="meeting", date="2021-10-26")
    one_side = rec(type_="meeting", date=None, published="2021-10-27")
    one_side.participants[1] = ParticipantRecord(**dict(PEOPLE["khan"], country=None, actor_id=None),
                                                 role="participant")
    store = FakeStore()
    merge_batch(store, [both])
    merge_batch(store, [one_side])
    assert len(store.events) == 1


def test_an_undated_unpublished_report_still_finds_its_event():
    dated = rec(type_="meeting", date="2021-10-26")
    undated = rec(type_="meeting", date=None, published=None)
    store = FakeStore()
    merge_batch(store, [dated])
    merge_batch(store, [undated])
    assert len(store.events) == 1


def test_different_counterpart_same_country_is_different_event():
    with_pm = rec(type_="meeting", date="2021-10-26", who=("xi", "khan"))
    with_army = rec(type_="meeting", date="2021-10-26", who=("xi", "bajwa"))
    assert not same_event(with_pm, with_army)


def test_states_only_report_matches_named_leaders():
    states = rec(type_="meeting", date=None, who=("china", "pakistan"), published="2021-10-27")
    people = rec(type_="meeting", date="2021-10-26", who=("xi", "khan"))
    assert same_event(states, people)


def test_other_country_pair_never_matches():
    assert not same_event(rec(date="2021-10-26", who=("china", "pakistan")),
                          rec(date="2021-10-26", who=("china", "india")))


def test_undated_report_does_not_reach_events_weeks_before_publication():
    undated = rec(date=None, published="2021-12-01")
    old = rec(date="2021-10-26")
    assert not same_event(undated, old)


def test_planned_then_occurred_merge_and_negated_stays_apart():
    planned = rec(type_="visit", status="planned", date=None, published="2023-03-10")
    done = rec(type_="visit", date="2023-03-15", published="2023-03-15")
    denied = rec(type_="visit", status="negated", date="2023-03-15")
    assert same_event(planned, done)
    assert not same_event(denied, done)


# ---------------------------------------------------------------- block keys


def test_block_keys_are_symmetric_in_countries_and_cover_neighbour_days():
    a = rec(date="2021-10-31", who=("xi", "khan"))  # a Sunday: week 43
    b = rec(date="2021-11-01", who=("khan", "xi"), basis="relative")  # Monday: week 44
    assert set(block_keys(a)) & set(query_keys(b))
    assert {k.split("|")[1] for k in block_keys(a)} == {"CHN", "PAK"}
    assert all(k.startswith("talks|") for k in block_keys(a))


def test_undated_record_blocks_on_weeks_before_publication():
    undated = rec(date=None, published="2021-10-28")
    keys = block_keys(undated)
    assert "talks|CHN|W2021W43" in keys
    assert "talks|PAK|W2021W42" in keys
    assert len(keys) <= 6  # 2 countries x (2 weeks + "*")


def test_month_precision_meets_day_precision():
    month = rec(type_="meeting", date="2021-10-01", precision="month")
    day = rec(type_="meeting", date="2021-10-26")
    assert set(block_keys(month)) & set(query_keys(day))
    assert set(block_keys(day)) & set(query_keys(month))


# ------------------------------------------------------------------- combine


def test_combine_prefers_explicit_date_and_keeps_all_sources():
    undated = rec(date="2021-10-27", basis="relative", published="2021-10-28")
    explicit = rec(date="2021-10-26", published="2021-10-26")
    merged = combine(rebuild([undated]), explicit)
    assert merged.date == "2021-10-26"
    assert merged.date_basis == "stated"
    assert len(merged.sources) == 2
    assert {s.article for s in merged.sources} == {undated.sources[0].article,
                                                   explicit.sources[0].article}
    assert merged.id.startswith("ev-")


def test_combine_is_idempotent_and_order_independent():
    a = rec(date="2021-10-26", topics=("trade",), statements=("We will build the corridor.",))
    b = rec(date=None, published="2021-10-28", topics=("health", "trade"))
    c = rec(date="2021-10-26", topics=("health",))
    ab_c = combine(combine(rebuild([a]), b), c)
    cb_a = combine(combine(rebuild([c]), b), a)
    assert ab_c == cb_a
    assert combine(ab_c, b) == ab_c
    assert ab_c.topics[:2] == ["trade", "health"] or ab_c.topics[:2] == ["health", "trade"]
    assert len(ab_c.sources) == 3


def test_majority_among_equally_evidenced_dates_then_earliest():
    x = rec(date="2021-10-25", basis="relative")
    y = rec(date="2021-10-26", basis="relative")
    z = rec(date="2021-10-26", basis="relative")
    assert rebuild([x, y, z]).date == "2021-10-26"
    assert rebuild([x, y]).date == "2021-10-25"


def test_planned_plus_occurred_is_occurred():
    planned = rec(type_="visit", status="planned", date=None, published="2023-03-10")
    done = rec(type_="visit", date="2023-03-15")
    assert rebuild([planned, done]).status == "occurred"


def test_participants_union_fills_titles():
    bare = rec(date="2021-10-26")
    bare.participants[0].title = None
    full = rec(date="2021-10-26", who=("xi", "khan", "wang"))
    merged = rebuild([bare, full])
    by_id = {p.actor_id: p for p in merged.participants}
    assert len(by_id) == 3
    assert by_id["person:xi-jinping:CHN"].title == "President"


# --------------------------------------------------------------- merge_batch


def _summary(store: FakeStore):
    return sorted((e.id, e.date, len(e.sources)) for e in store.events.values())


def test_batch_merges_reports_and_is_order_independent():
    records = [
        rec(date=None, published="2021-10-28", rid="r1"),
        rec(date="2021-10-26", published="2021-10-26", rid="r2"),
        rec(date="2021-10-27", basis="relative", published="2021-10-27", rid="r3"),
        rec(type_="meeting", date="2021-10-20", rid="r4"),
    ]
    together = FakeStore()
    stats = merge_batch(together, records)
    assert stats == MergeStats(new=2, merged=2, linked=0)
    for order in itertools.permutations(records[:3]):
        one_by_one = FakeStore()
        for r in order:
            merge_batch(one_by_one, [r])
        merge_batch(one_by_one, [records[3]])
        assert _summary(one_by_one) == _summary(together)
    call = next(e for e in together.events.values() if e.type == "phone_call")
    assert call.date == "2021-10-26"


def test_batch_rerun_is_idempotent():
    records = [rec(date=None, published="2021-10-28"), rec(date="2021-10-26")]
    store = FakeStore()
    merge_batch(store, records)
    before = dict(store.events)
    stats = merge_batch(store, records)
    assert store.events == before
    assert stats == MergeStats(new=0, merged=0, linked=0, unchanged=2)


def test_consecutive_meetings_stay_apart_in_batch():
    store = FakeStore()
    stats = merge_batch(store, [rec(type_="meeting", date="2023-05-04"),
                                rec(type_="meeting", date="2023-05-05")])
    assert stats.new == 2 and stats.merged == 0


def test_visit_and_talks_within_are_linked_not_merged():
    visit = rec(type_="visit", date="2023-05-03", end_date="2023-05-06",
                location={"name": "Islamabad", "country": "PAK"})
    talks = rec(type_="meeting", date="2023-05-05",
                location={"name": "Islamabad", "country": "PAK"})
    elsewhere = rec(type_="meeting", date="2023-06-20")
    store = FakeStore()
    stats = merge_batch(store, [talks, elsewhere])
    stats2 = merge_batch(store, [visit])
    assert stats.new == 2 and stats2.new == 1
    assert stats2.linked == 1
    (link,) = store.links
    meeting_id = rebuild([talks]).id
    assert link == (meeting_id, rebuild([visit]).id, "part_of")


def test_blocks_stay_small():
    """No all-pairs: an event in another month or pair is never fetched."""
    store = FakeStore()
    far = [rec(type_="meeting", date=f"2020-{m:02d}-15") for m in range(1, 13)]
    merge_batch(store, far)
    probe = rec(type_="meeting", date="2020-06-16", basis="relative")
    assert len(store.find_events(query_keys(probe))) == 1


# ------------------------------------------------------------ near duplicates

TEXT = (" ".join(
    f"The two foreign ministers discussed item number {i} of the trade agenda on day {i}."
    for i in range(40)))


def test_signature_bands_detect_copies_not_other_texts():
    # A syndicated copy: new lead words and a credit line, body unchanged.
    copy = "Updated. " + TEXT.replace("item number 7 ", "point 7 ", 1) + " Reporting by a wire service."
    other = " ".join(f"Storms closed road {i} across the northern valley for hours." for i in range(40))
    store = FakeStore()
    def near_duplicate_of(article_id: str, text: str) -> str | None:
        return near_duplicates(store, [(article_id, signature_bands(text))]).get(article_id)

    assert near_duplicate_of("orig", TEXT) is None
    assert near_duplicate_of("copy", copy) == "orig"
    assert near_duplicate_of("other", other) is None
    assert len(signature_bands(TEXT)) == neardup.BANDS
    assert signature_bands("") == []


def test_near_duplicates_in_one_batch_point_to_the_smallest_earlier_id():
    copy = "Updated. " + TEXT + " Reporting by a wire service."
    store = FakeStore()
    store.save_bands([("m-stored", signature_bands(TEXT))])
    batch = [("z-first", signature_bands(copy)), ("a-second", signature_bands(TEXT)),
             ("lone", signature_bands("Storms closed the road across the valley for hours."))]
    found = near_duplicates(store, batch)
    # each copy points at the smallest id seen before it, stored or earlier in the batch
    assert found == {"z-first": "m-stored", "a-second": "m-stored"}
    assert set(store.bands) == {"m-stored", "z-first", "a-second", "lone"}
    later = near_duplicates(store, [("b-later", signature_bands(copy))])
    assert later == {"b-later": "a-second"}


# ------------------------------------------------------------ story grouping


def test_group_documents_separates_stories():
    docs = [
        StoryDoc("a1", "Flooding in Valencia forced thousands from homes as the river Turia rose."),
        StoryDoc("a2", "The river Turia rose and flooding in Valencia drove thousands from their homes."),
        StoryDoc("b1", "Ministers from Chile and Peru signed a fisheries accord in Lima on Friday."),
        StoryDoc("b2", "Chile and Peru ministers signed an accord on fisheries in Lima."),
    ]
    labels = group_documents(docs, threshold=0.2)
    assert labels[0] == labels[1] and labels[2] == labels[3] and labels[0] != labels[2]


def test_group_documents_respects_dates():
    from datetime import date

    docs = [StoryDoc("x", "Chile and Peru signed a fisheries accord in Lima.", date(2020, 1, 1)),
            StoryDoc("y", "Chile and Peru signed a fisheries accord in Lima.", date(2020, 3, 1))]
    assert group_documents(docs, threshold=0.1) == [0, 1]


@pytest.mark.parametrize("bad", [[]])
def test_rebuild_needs_members(bad):
    with pytest.raises(ValueError):
        rebuild(bad)


def test_undated_report_joins_the_latest_compatible_event():
    older = rec(date="2021-10-20", rid="old")
    latest = rec(date="2021-10-26", rid="new")
    undated = rec(date=None, published="2021-10-27", rid="und")
    store = FakeStore()
    merge_batch(store, [older, latest, undated])
    by_date = {e.date: len(e.sources) for e in store.events.values()}
    assert by_date == {"2021-10-20": 1, "2021-10-26": 2}


def test_statements_on_different_topics_are_different_events():
    on_trade = rec(type_="statement", date="2022-01-05", who=("china",), topics=("trade",))
    on_health = rec(type_="statement", date="2022-01-05", who=("china",), topics=("health",))
    on_trade_too = rec(type_="statement", date="2022-01-05", basis="relative", who=("china",),
                       topics=("trade", "security"))
    assert not same_event(on_trade, on_health)
    assert same_event(on_trade, on_trade_too)


def test_a_plan_later_called_off_is_one_negated_event():
    plan = rec(type_="visit", date=None, status="planned", published="2021-10-20")
    called_off = rec(type_="visit", date=None, status="negated", published="2021-10-24")
    assert same_event(plan, called_off)
    assert combine(rebuild([plan]), called_off).status == "negated"


def test_a_cancellation_never_merges_with_a_report_that_it_happened():
    held = rec(type_="meeting", date="2021-10-26", status="occurred")
    cancelled = rec(type_="meeting", date="2021-10-26", status="negated")
    assert not same_event(held, cancelled)


def test_two_romanisations_of_one_name_are_one_person():
    from readouts.merge import same_person
    a = ParticipantRecord(name="Moon Sae-hyun", country="KOR")
    b = ParticipantRecord(name="Moon Se-hyeon", country="KOR")
    assert same_person(a, b)
    assert not same_person(a, ParticipantRecord(name="Moon Ji-won", country="KOR"))
    assert not same_person(a, ParticipantRecord(name="Moon Se-hyeon", country="PRK"))


def test_records_one_article_told_apart_by_their_people_never_merge():
    with_khan = rec(type_="meeting", date=None, published="2021-10-27", who=("xi", "khan"), article="same.txt")
    with_bajwa = rec(type_="meeting", date=None, published="2021-10-27", who=("xi", "bajwa"), article="same.txt")
    for r in (with_khan, with_bajwa):
        r.sources[0].article_id = "art-same"
    assert not same_event(with_khan, with_bajwa)


def _with_roles(record, *roles):
    for participant, role in zip(record.participants, roles):
        participant.role = role
    return record


def _in_article(article, *records):
    for r in records:
        r.sources[0].article = article
        r.sources[0].article_id = f"art-{article}"
    return records


def test_one_person_named_two_ways_in_one_article_is_still_one_event():
    # "the king received the visitor ..." / "King Omar bin Said Al Harbi told him ..."
    king = {"name": "Omar bin Said Al Harbi", "title": "King", "country": "JOR",
            "actor_id": "person:omar-bin-said-al-harbi:JOR"}
    styled = dict(king, name="HRH Omar bin Said Al-Harbi", actor_id="person:hrh-omar:JOR")
    first = rec(type_="meeting", date="2022-03-03", basis="relative")
    second = rec(type_="meeting", date=None, published="2022-03-04")
    first.participants[1] = ParticipantRecord(**king, role="host")
    second.participants[1] = ParticipantRecord(**styled, role="host")
    _in_article("same.txt", first, second)
    assert same_event(first, second)


def test_a_visit_goes_where_its_hosts_are_not_where_its_venue_was_misread():
    # "... arrived in Islamabad, days after his stop in Washington" read with the
    # venue Washington: the host state still says where the visit went.
    misread = _with_roles(rec(type_="visit", date="2021-10-26", who=("xi", "pakistan"),
                              location={"name": "Washington", "country": "USA"}), "visitor", "host")
    there = _with_roles(rec(type_="visit", date="2021-10-26", who=("xi", "pakistan"),
                            location={"name": "Islamabad", "country": "PAK"}), "visitor", "host")
    elsewhere = _with_roles(rec(type_="visit", date="2021-10-26", who=("xi", "india"),
                                location={"name": "Islamabad", "country": "PAK"}), "visitor", "host")
    assert same_event(misread, there)
    assert not same_event(elsewhere, there)


def test_a_report_with_no_time_joins_only_a_gathering_that_includes_its_people():
    # "Xi met Khan and Wang" / "Xi met Khan and Bajwa": each names someone else.
    with_wang = rec(type_="meeting", date=None, published=None, who=("xi", "khan", "wang"))
    with_bajwa = rec(type_="meeting", date=None, published=None, who=("xi", "khan", "bajwa"))
    fewer = rec(type_="meeting", date=None, published=None, who=("xi", "khan"))
    assert not same_event(with_wang, with_bajwa)
    assert same_event(fewer, with_wang)


def test_an_organisation_is_a_collective_participant_like_a_state():
    # "the European body held talks with Wang" / "its president met Wang"
    body = {"name": "Union of States", "title": None, "country": "UOS", "actor_id": "org:UOS"}
    head = {"name": "Anna Example", "title": "President", "country": "UOS",
            "actor_id": "person:anna-example:UOS"}
    collective = rec(type_="meeting", date="2023-12-07", who=("wang",))
    named = rec(type_="meeting", date="2023-12-07", who=("wang",))
    collective.participants.append(ParticipantRecord(**body, role="participant"))
    named.participants.append(ParticipantRecord(**head, role="participant"))
    assert same_event(collective, named)


@pytest.mark.parametrize("held_id,announced_id", [("h1", "p1"), ("p2", "h2")])
def test_a_report_with_no_time_prefers_the_held_meeting_to_the_announced_talks(held_id, announced_id):
    # "the two leaders met" (no day) after "they met on Monday" and "talks are due on
    # Tuesday": whichever event has the smaller id, the report tells the held one.
    held = rec(type_="meeting", date="2024-07-08", rid=held_id)
    announced = rec(type_="meeting", date="2024-07-09", status="planned", rid=announced_id)
    report = rec(type_="meeting", date=None, published=None, rid="rep")
    store = FakeStore()
    merge_batch(store, [held, announced, report])
    by_date = {e.date: (e.status, len(e.sources)) for e in store.events.values()}
    assert by_date == {"2024-07-08": ("occurred", 2), "2024-07-09": ("planned", 1)}


def test_undated_records_of_one_article_stay_in_that_article_s_story():
    # An undated page on a trip in September: "X arrived in Kyiv" (merges with the
    # dated report of that trip) and "X met the president" (also fits talks planned
    # for the same two people in May of the next year).
    trip = _with_roles(rec(type_="visit", date="2023-09-06", who=("xi", "pakistan")), "visitor", "host")
    plan = rec(type_="meeting", date=None, status="planned", published="2024-05-14", rid="plan")
    page_trip = _with_roles(rec(type_="visit", date=None, published=None, who=("xi", "pakistan")),
                            "visitor", "host")
    page_talks = rec(type_="meeting", date=None, published=None, rid="talk")
    _in_article("page.txt", page_trip, page_talks)
    store = FakeStore()
    merge_batch(store, [trip, plan])
    merge_batch(store, [page_trip, page_talks])
    planned = next(e for e in store.events.values() if e.status == "planned")
    assert [s.article for s in planned.sources] == ["plan.txt"]
    assert len(store.events) == 3


def test_talks_take_a_single_day_over_the_span_of_their_visit():
    during_visit = rec(type_="meeting", date="2024-12-15", end_date="2024-12-17", basis="relative",
                       published="2024-12-13")
    on_the_day = rec(type_="meeting", date="2024-12-16", basis="relative", published="2024-12-16")
    assert rebuild([during_visit, on_the_day]).date == "2024-12-16"
    # a visit is dated by its first day: the span's start stands
    trip = rec(type_="visit", date="2024-12-15", end_date="2024-12-17", basis="relative", published="2024-12-13")
    arrival_told_later = rec(type_="visit", date="2024-12-16", basis="relative", published="2024-12-16")
    assert rebuild([trip, arrival_told_later]).date == "2024-12-15"


def _with_date_words(record, word):
    """The record with the words that gave (or failed to give) its day: "on <words>"."""
    from readouts.records import Evidence
    record.sources[0].evidence.append(Evidence(10, 10 + len(word), word, "date"))
    return record


def test_a_weekday_an_undated_page_could_not_place_must_fit_the_other_report_s_day():
    # "the presidents spoke by phone on Thursday" (no page date) is not the call an
    # outlet dated to a Tuesday (2025-07-01), but is the one of Thursday 2022-02-24
    thursday = _with_date_words(rec(date=None, published=None), "Thursday")
    tuesday_call = rec(date="2025-07-01", basis="reported", published="2025-07-01")
    thursday_call = rec(date="2022-02-24", basis="relative", published="2022-02-25")
    assert not same_event(thursday, tuesday_call)
    assert same_event(thursday, thursday_call)
    assert not same_event(thursday, _with_date_words(rec(date=None, published=None), "Monday"))


def test_an_undated_record_takes_the_day_of_its_article_s_story():
    # An undated page: "X and Y met on Monday and signed an accord". The talks merge
    # with an outlet's report dated Monday 2023-01-23; the signing, reported nowhere
    # else, takes the day of its weekday in that story (a guess: basis "inferred").
    dated = rec(type_="meeting", date="2023-01-23", basis="relative", published="2023-01-23")
    talks = _with_date_words(rec(type_="meeting", date=None, published=None, rid="talks"), "Monday")
    signing = _with_date_words(rec(type_="agreement", date=None, published=None, rid="sign"), "Monday")
    _in_article("page.txt", talks, signing)
    store = FakeStore()
    merge_batch(store, [dated])
    merge_batch(store, [signing, talks])
    accord = next(e for e in store.events.values() if e.type == "agreement")
    assert (accord.date, accord.date_basis) == ("2023-01-23", "inferred")
    meeting = next(e for e in store.events.values() if e.type == "meeting")
    assert len(meeting.sources) == 2 and meeting.date == "2023-01-23"


def test_undated_records_of_two_stories_stay_apart_by_their_inferred_days():
    # Two undated pages on two trips a year apart: "X met Y on Wednesday" (the first
    # trip's day) and "X met Y on Tuesday" (the second's), then both "X met Z": each
    # page's story dates its own "X met Z", and the two never merge.
    first_trip = rec(type_="meeting", date="2023-09-06", who=("xi", "wang"), published="2023-09-06")
    second_trip = rec(type_="meeting", date="2024-05-14", who=("xi", "wang"), published="2024-05-14")
    page_one = _with_date_words(rec(type_="meeting", date=None, published=None, who=("xi", "wang"), rid="one"),
                               "Wednesday")
    page_one_talks = rec(type_="meeting", date=None, published=None, rid="one-talks")
    page_two = _with_date_words(rec(type_="meeting", date=None, published=None, who=("xi", "wang"), rid="two"),
                               "Tuesday")
    page_two_talks = rec(type_="meeting", date=None, published=None, rid="two-talks")
    _in_article("one.txt", page_one, page_one_talks)
    _in_article("two.txt", page_two, page_two_talks)
    store = FakeStore()
    merge_batch(store, [first_trip, second_trip])
    merge_batch(store, [page_one, page_one_talks, page_two, page_two_talks])
    talks = sorted((e.date, len(e.sources)) for e in store.events.values() if "khan" in str(
        [p.name.lower() for p in e.participants]))
    assert talks == [("2023-09-06", 1), ("2024-05-14", 1)]


def test_a_report_of_two_meetings_another_article_told_apart_joins_neither():
    # One article: "Khan met Xi" and "Khan met Wang" (two events). Another: "Khan was
    # received by Xi and Wang": it tells both at once and must not make either the other.
    with_xi = rec(type_="meeting", date="2022-04-28", who=("xi", "khan"), rid="one-xi")
    with_wang = rec(type_="meeting", date="2022-04-28", who=("wang", "khan"), rid="one-wang")
    _in_article("one.txt", with_xi, with_wang)
    both = rec(type_="meeting", date=None, published="2022-04-29", who=("xi", "wang", "khan"), rid="both")
    store = FakeStore()
    merge_batch(store, [with_xi, with_wang])
    merge_batch(store, [both])
    people = sorted(sorted(p.name for p in e.participants) for e in store.events.values())
    assert people == [["Imran Khan", "Wang Yi"], ["Imran Khan", "Wang Yi", "Xi Jinping"], ["Imran Khan", "Xi Jinping"]]


def test_the_story_day_may_be_the_day_of_the_report_that_dates_the_story():
    # An outlet dated "the summit was held" by its own day of publication; an undated
    # page tells the summit and "Khan also met Wang": the talks take that day.
    reported = rec(type_="meeting", date="2023-12-07", basis="reported", published="2023-12-07")
    page_summit = rec(type_="meeting", date=None, published=None, rid="summit")
    page_talks = rec(type_="meeting", date=None, published=None, who=("wang", "khan"), rid="talks")
    _in_article("page.txt", page_summit, page_talks)
    store = FakeStore()
    merge_batch(store, [reported])
    merge_batch(store, [page_summit, page_talks])
    talks = _event_naming(store, "Wang Yi")
    assert (talks.date, talks.date_basis) == ("2023-12-07", "inferred")


def _event_naming(store, name):
    """The stored event with that person among its participants."""
    return next(e for e in store.events.values() if name in [p.name for p in e.participants])


def test_a_day_without_its_year_places_an_undated_report_like_a_weekday():
    # An undated page: "the prime minister's visit began on 31st May" and "X met Y on
    # Thursday" (which merges with a report of Thursday 1 June 2023): the visit takes
    # 31 May of that story; it never joins a visit dated another day.
    talks = rec(type_="meeting", date="2023-06-01", basis="relative", published="2023-06-01")
    page_talks = _with_date_words(rec(type_="meeting", date=None, published=None, rid="talks"), "Thursday")
    page_trip = _with_date_words(rec(type_="visit", date=None, published=None, who=("khan", "china"), rid="trip"),
                                "31st May")
    _in_article("page.txt", page_talks, page_trip)
    other_trip = rec(type_="visit", date="2023-06-20", who=("khan", "china"), published="2023-06-20")
    assert not same_event(page_trip, other_trip)
    store = FakeStore()
    merge_batch(store, [talks])
    merge_batch(store, [page_trip, page_talks])
    trip = next(e for e in store.events.values() if e.type == "visit")
    assert (trip.date, trip.date_basis) == ("2023-05-31", "inferred")


def test_open_days_agree_only_with_days_they_can_be():
    from datetime import date

    from readouts.merge import OpenDay
    thursday_the_7th = OpenDay(4, 12, 7)
    assert thursday_the_7th.fits(date(2023, 12, 7))
    assert not thursday_the_7th.fits(date(2022, 12, 7))  # a Wednesday
    assert OpenDay(None, 12, 31).agrees(OpenDay(None, 1, 1))  # a day apart across the new year
    assert not OpenDay(1, None, None).agrees(OpenDay(3, None, None))


def test_a_day_word_of_an_undated_page_counts_from_the_day_the_page_was_written():
    # An undated page: "X meets Y today" (which joins talks another outlet dates to
    # 22 June 2024) and "during her meeting with Z last evening": the page was written
    # on the 22nd, so that meeting was on the 21st.
    dated = rec(type_="meeting", date="2024-06-22", basis="relative", published="2024-06-22")
    today = _with_date_words(rec(type_="meeting", date=None, published=None, rid="today"), "today")
    evening = _with_date_words(rec(type_="meeting", date=None, published=None, who=("wang", "khan"), rid="eve"),
                              "last evening")
    _in_article("page.txt", today, evening)
    store = FakeStore()
    merge_batch(store, [dated])
    merge_batch(store, [evening, today])
    with_wang = _event_naming(store, "Wang Yi")
    assert (with_wang.date, with_wang.date_basis) == ("2024-06-21", "inferred")


def test_a_visit_keeps_its_visitors_and_host_state_not_the_people_who_received_them():
    # "Khan arrived in China, where Xi welcomed him": the visit is Khan's trip to
    # China; Xi's talks with him are an event of their own.
    trip = _with_roles(rec(type_="visit", date="2024-05-16", who=("khan", "china", "xi")), "visitor", "host", "host")
    assert [p.name for p in rebuild([trip]).participants] == ["Imran Khan", "China"]
    # with no host state named, the host people say where it went: they stay
    no_state = _with_roles(rec(type_="visit", date="2024-05-16", who=("khan", "xi")), "visitor", "host")
    assert [p.name for p in rebuild([no_state]).participants] == ["Imran Khan", "Xi Jinping"]


def test_an_undated_report_placed_by_its_story_joins_the_trip_or_talks_of_those_days():
    # An undated page tells "X arrived in the capital" (no host named) and "X met Y"
    # (which joins talks dated 14 May): the arrival, inferred for the 14th, is the
    # trip another outlet dates to that day, though neither names where it went.
    talks = rec(type_="meeting", date="2024-05-14", who=("xi", "khan"), published="2024-05-14")
    trip = _with_roles(rec(type_="visit", date="2024-05-14", who=("xi",), published="2024-05-14"), "visitor")
    page_talks = rec(type_="meeting", date=None, published=None, who=("xi", "khan"), rid="talks")
    page_trip = _with_roles(rec(type_="visit", date=None, published=None, who=("xi",), rid="trip"), "visitor")
    # and "the two states held talks", naming no one, is the talks of those days
    states = rec(type_="meeting", date=None, published=None, who=("china", "pakistan"), rid="states")
    _in_article("page.txt", page_talks, page_trip, states)
    store = FakeStore()
    merge_batch(store, [talks, trip])
    merge_batch(store, [states, page_trip, page_talks])
    assert sorted(len(e.sources) for e in store.events.values()) == [2, 3]


def test_the_report_that_it_happened_dates_an_event_over_the_preview_of_equal_evidence():
    # A preview: "X will fly to Y on May 13"; after the trip: "X arrived in Y on May 14".
    preview = rec(type_="visit", date="2023-05-13", basis="relative", status="planned", published="2023-05-03")
    after = rec(type_="visit", date="2023-05-14", basis="relative", published="2023-05-15")
    assert rebuild([preview, after]).date == "2023-05-14"
    # among previews alone, the earliest still stands
    other_preview = rec(type_="visit", date="2023-05-14", basis="relative", status="planned", published="2023-05-04")
    assert rebuild([preview, other_preview]).date == "2023-05-13"


def test_a_named_weekday_must_fit_a_day_given_as_a_day_of_the_month_exactly():
    # "X met Y on Tuesday" (undated page) is not the talks another outlet set "on
    # Dec 13" (a Wednesday): that day is stated, only its year was worked out; a
    # Wednesday worked out from "yesterday" keeps its day's slack (time zones).
    tuesday = _with_date_words(rec(type_="meeting", date=None, published=None), "Tuesday")
    by_day_of_month = rec(type_="meeting", date="2023-12-13", basis="relative", published="2023-12-13")
    _with_date_words(by_day_of_month, "Dec 13")  # the evidence of its day
    worked_out = rec(type_="meeting", date="2023-12-13", basis="relative", published="2023-12-14")
    assert not same_event(tuesday, by_day_of_month)
    assert same_event(tuesday, worked_out)


def test_a_day_inferred_for_a_report_keeps_the_weekday_it_named():
    from readouts.merge import _dated_as_inferred, open_days
    from datetime import date
    tuesday = _with_date_words(rec(type_="meeting", date=None, published=None), "Tuesday")
    assert [d.weekday for d in open_days(_dated_as_inferred(tuesday, date(2023, 12, 12)))] == [2]


def test_a_weekday_named_by_an_undated_report_dates_an_event_only_reported():
    # one outlet (published Friday 2022-02-25) gives no day for the call; an undated
    # page says "on Thursday": the call was on the Thursday before the report
    reported = rec(date="2022-02-25", basis="reported", published="2022-02-25")
    thursday = _with_date_words(rec(date=None, published=None, rid="thu"), "Thursday")
    merged = rebuild([reported, thursday])
    assert (merged.date, merged.date_basis) == ("2022-02-24", "relative")
    # a weekday that is neither the report's day nor the day before changes nothing
    monday = _with_date_words(rec(date=None, published=None, rid="mon"), "Monday")
    assert rebuild([reported, monday]).date == "2022-02-25"


def test_a_visit_reported_after_it_ended_is_the_one_an_undated_page_says_began_days_before():
    # An outlet of 2023-06-12 writes "after the prime minister's visit to China was
    # over" (no day); an undated page says "the visit began on 2nd June": a visit
    # lasts days, so the trip may have begun ten days before the report. It is one
    # visit, and it began on the 2nd.
    after = _with_roles(rec(type_="visit", date="2023-06-12", basis="reported", published="2023-06-12",
                            who=("khan", "china")), "visitor", "host")
    began = _with_date_words(_with_roles(rec(type_="visit", date=None, published=None, who=("khan", "china"),
                                             rid="began"), "visitor", "host"), "2nd June")
    assert same_event(after, began)
    assert (rebuild([after, began]).date, rebuild([after, began]).date_basis) == ("2023-06-02", "relative")
    # talks are one day: a meeting reported without its day is not one of ten days before
    talks_after = rec(type_="meeting", date="2023-06-12", basis="reported", published="2023-06-12")
    talks_began = _with_date_words(rec(type_="meeting", date=None, published=None, rid="tb"), "2nd June")
    assert not same_event(talks_after, talks_began)
    # and a visit that began before the report's fortnight is another trip
    earlier = _with_date_words(_with_roles(rec(type_="visit", date=None, published=None, who=("khan", "china"),
                                               rid="earlier"), "visitor", "host"), "20th May")
    assert not same_event(after, earlier)


def test_the_very_day_an_undated_page_names_places_its_visit_and_its_story():
    # One visitor's two trips: one that began on a Wednesday (2023-09-06) with talks
    # with the army chief, one of Tuesday 2024-05-14 whose report names no host.
    # An undated page: "X arrived in Pakistan on Tuesday", "he will meet the prime
    # minister and the army chief". The arrival is the Tuesday trip (the Wednesday one
    # fits only by a day's slack), and the page's talks belong to that story.
    first_trip = _with_roles(rec(type_="visit", date="2023-09-06", basis="relative", who=("xi", "pakistan"),
                                 published="2023-09-06"), "visitor", "host")
    army_talks = rec(type_="meeting", date="2023-09-06", basis="relative", who=("xi", "bajwa"),
                     published="2023-09-06")
    second_trip = _with_roles(rec(type_="visit", date="2024-05-14", who=("xi",), published="2024-05-14"), "visitor")
    planned_talks = rec(type_="meeting", date="2024-05-14", who=("xi", "khan"), status="planned",
                        published="2024-05-14")
    page_trip = _with_date_words(_with_roles(rec(type_="visit", date=None, published=None, who=("xi", "pakistan"),
                                                 rid="trip"), "visitor", "host"), "Tuesday")
    page_army = rec(type_="meeting", date=None, published=None, who=("xi", "bajwa"), status="planned", rid="army")
    page_khan = rec(type_="meeting", date=None, published=None, who=("xi", "khan"), status="planned", rid="khan")
    _in_article("page.txt", page_trip, page_army, page_khan)
    store = FakeStore()
    merge_batch(store, [first_trip, army_talks, second_trip, planned_talks])
    merge_batch(store, [page_army, page_khan, page_trip])
    with_page = sorted((e.type, e.date) for e in store.events.values()
                       if "page.txt" in [s.article for s in e.sources] and len(e.sources) > 1)
    assert with_page == [("meeting", "2024-05-14"), ("visit", "2024-05-14")]
    assert all(len(e.sources) == 1 for e in store.events.values() if e.date == "2023-09-06")


def test_a_report_with_no_time_joins_the_event_a_text_dates_over_one_dated_only_by_its_report():
    # Two events of the same people: one an outlet dated only by its own day ("the two
    # leaders have met", read as news), one whose day a text gives ("met on Wednesday").
    # An undated page's "X welcomed Y" fits both alike: it joins the one the text dates.
    by_report = rec(type_="meeting", date="2024-02-13", basis="reported", published="2024-02-13", rid="a-rep")
    by_text = rec(type_="meeting", date="2024-02-14", basis="relative", published="2024-02-14", rid="z-text")
    page = rec(type_="meeting", date=None, published=None, rid="page")
    store = FakeStore()
    merge_batch(store, [by_report])
    merge_batch(store, [by_text])
    merge_batch(store, [page])
    joined = next(e for e in store.events.values() if len(e.sources) == 2)
    assert joined.date == "2024-02-14"


def test_a_dateline_city_does_not_say_where_a_visit_went():
    # "ISLAMABAD (Agency) - Xi arrived on a surprise visit on Wednesday": the venue
    # taken from the dateline (no text names it) is where the news was filed; the visit
    # is the one another outlet sends to China that day. A venue a text names
    # ("arrived in Islamabad") is a destination, and another one.
    trip = _with_roles(rec(type_="visit", date="2023-02-08", who=("xi", "china"), published="2023-02-08"),
                       "visitor", "host")
    filed_from = _with_roles(rec(type_="visit", date="2023-02-08", who=("xi",), published="2023-02-08",
                                 location={"name": "Islamabad", "country": "PAK"}), "visitor")
    assert same_event(trip, filed_from)
    from readouts.records import Evidence
    filed_from.sources[0].evidence.append(Evidence(20, 29, "Islamabad", "location"))
    assert not same_event(trip, filed_from)


def test_a_plan_reported_the_morning_after_may_be_the_evening_before_s():
    # "X will hold talks with Y over dinner" in a paper dated the 15th (filed late on
    # the 14th, another time zone) is the dinner talks held on the 14th; a plan in a
    # paper of the 16th is not.
    held = rec(type_="meeting", date="2023-05-14", basis="relative", published="2023-05-14")
    next_morning = rec(type_="meeting", date=None, status="planned", published="2023-05-15")
    two_days_on = rec(type_="meeting", date=None, status="planned", published="2023-05-16")
    assert same_event(held, next_morning)
    assert not same_event(held, two_days_on)


def _from_article(record, article_id):
    from dataclasses import replace
    return replace(record, sources=[replace(s, article_id=article_id) for s in record.sources])


def _with_third_party(record):
    third = {"name": "Lena Sorg", "title": "Chancellor", "country": "DEU",
             "actor_id": "person:lena-sorg:DEU", "role": "participant"}
    record.participants.append(ParticipantRecord(**third))
    return record


def test_one_articles_two_leader_and_three_leader_talks_of_one_day_stay_apart():
    # the article itself dated both and kept them apart: a bilateral and a trilateral
    pair = _from_article(rec(type_="meeting", date="2023-05-08", basis="stated", rid="pair"), "one")
    trio = _from_article(_with_third_party(rec(type_="meeting", date="2023-05-08", basis="relative",
                                               rid="trio")), "one")
    assert not same_event(pair, trio)
    # told by two outlets, the fuller report may name the third leader the other left out
    other = _with_third_party(rec(type_="meeting", date="2023-05-08", basis="relative",
                                  article="two.txt", rid="other"))
    assert same_event(pair, other)


def test_a_report_a_day_off_leaves_the_event_to_its_articles_report_of_that_very_day():
    store = FakeStore()
    merge_batch(store, [rec(type_="meeting", date="2023-05-08", article="first.txt", published="2023-05-01")])
    on_the_day = _from_article(rec(type_="meeting", date="2023-05-08", basis="relative",
                                   published="2023-05-08", rid="b001"), "later")
    next_day = _from_article(rec(type_="meeting", date="2023-05-09", basis="relative",
                                 published="2023-05-08", rid="a999"), "later")  # sorts first
    merge_batch(store, [next_day, on_the_day])
    events = sorted(store.events.values(), key=lambda e: e.date)
    assert [(e.date, len(e.sources)) for e in events] == [("2023-05-08", 2), ("2023-05-09", 1)]


def test_an_undated_page_naming_the_day_of_each_of_two_gatherings_keeps_them_apart():
    # An undated page: "X and Y held talks on Thursday" and "X, Y and Z will hold
    # their three-way talks today". Another outlet dates the three-way talks to
    # Thursday 2023-05-11. The page's three-way report joins them; its two-way talks
    # stay an event of their own, on the Thursday of the page's story.
    dated_trio = _with_third_party(rec(type_="meeting", date="2023-05-11", basis="relative",
                                       published="2023-05-11", article="wire.txt", rid="wire"))
    pair = _with_date_words(_from_article(rec(type_="meeting", date=None, published=None, rid="pair"), "page"),
                            "Thursday")
    trio = _with_date_words(_from_article(_with_third_party(rec(type_="meeting", date=None, published=None,
                                                                status="planned", rid="trio")), "page"), "today")
    assert not same_event(pair, trio)
    store = FakeStore()
    merge_batch(store, [dated_trio])
    merge_batch(store, [pair, trio])
    by_size = sorted(store.events.values(), key=lambda e: len(e.participants))
    assert [(len(e.participants), len(e.sources)) for e in by_size] == [(2, 1), (3, 2)]
    assert by_size[0].date == "2023-05-11"
