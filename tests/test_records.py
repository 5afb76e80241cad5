"""The event records' one serialiser: exact round trips, tolerance of older records."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from readouts.records import EventRecord, ParticipantRecord, SourceRecord

SOURCE = {
    "id": "r1", "article": "notes/one.txt", "article_id": "art1", "outlet": "Harbour Post",
    "published": "2024-03-02", "status": "occurred", "date": "2024-03-01",
    "date_basis": "relative",
    "evidence": [{"start": 4, "end": 9, "text": "spoke", "field": "trigger"}],
}
ARTICLE_LEVEL = {
    "id": "r1", "type": "phone_call", "status": "occurred", "date": "2024-03-01",
    "date_precision": "day", "end_date": None, "date_basis": "relative",
    "participants": [{"name": "Ana Ruiz", "title": "Minister", "country": "ESP",
                      "role": "actor", "actor_id": "person:ana-ruiz:ESP"}],
    "location": None, "occasion": None, "plover": {"event": "CONSULT", "mode": "phone"},
    "cameo": "040", "topics": ["trade"],
    "statements": [{"speaker": "Ana Ruiz", "text": "We talked about ports.", "positions": [],
                    "start": 20, "end": 42}],
    "sources": [SOURCE],
}


def merged_of(member: dict) -> dict:
    as_member = dict(member, sources=[dict(s, date_precision="day", end_date=None)
                                      for s in member["sources"]])
    return dict(as_member, id="ev-1", _members=[as_member])


def test_an_article_level_record_round_trips_to_the_same_json_text():
    record = EventRecord.from_json(ARTICLE_LEVEL)
    assert record.to_json() == ARTICLE_LEVEL
    assert json.dumps(record.to_json()) == json.dumps(ARTICLE_LEVEL)
    assert record.members == [] and record.sources[0].date_precision == "day"


def test_a_merged_record_keeps_its_members_under_the_stored_key():
    stored = merged_of(ARTICLE_LEVEL)
    record = EventRecord.from_json(stored)
    assert record.members[0].id == "r1"
    assert record.to_json() == stored
    assert EventRecord.from_json(record.to_json()) == record


def test_a_record_of_an_older_version_lacks_keys_and_still_reads():
    record = EventRecord.from_json({"id": "old", "type": "meeting",
                                    "sources": [{"article": "a.txt"}]})
    assert record.participants == [] and record.plover == {} and record.topics == []
    # a source without its own details inherits the record's
    assert record.sources[0].id == "old" and record.sources[0].evidence == []


def test_keys_a_later_version_adds_are_ignored():
    newer = dict(ARTICLE_LEVEL, confidence=0.9,
                 participants=[dict(ARTICLE_LEVEL["participants"][0], gender="f")])
    assert EventRecord.from_json(newer) == EventRecord.from_json(ARTICLE_LEVEL)


def test_a_participant_kind_is_written_only_when_stated():
    assert "kind" not in ParticipantRecord(name="Chile").to_json()
    assert ParticipantRecord(name="Chile", kind="state").to_json()["kind"] == "state"


def test_article_level_sources_leave_their_date_details_to_the_record():
    source = SourceRecord.from_json(SOURCE, ARTICLE_LEVEL)
    assert "date_precision" not in source.to_json(with_dates=False)
    assert source.to_json()["date_precision"] == "day"


texts = st.none() | st.text(max_size=8)


@given(st.builds(
    EventRecord, id=st.text(min_size=1, max_size=8), type=texts, status=texts, date=texts,
    date_precision=texts, end_date=texts, date_basis=texts, occasion=texts, cameo=texts,
    topics=st.lists(st.text(max_size=5), max_size=3),
    participants=st.lists(st.builds(ParticipantRecord, name=texts, title=texts, country=texts,
                                    role=texts, actor_id=texts, kind=texts), max_size=3),
    sources=st.lists(st.builds(SourceRecord, id=texts, article=texts, date=texts,
                               date_precision=texts, end_date=texts), min_size=1, max_size=2),
))
def test_any_merged_record_round_trips(record):
    # a merged record: every source carries its own date details
    record.members = [EventRecord(id="m", sources=list(record.sources))]
    assert EventRecord.from_json(record.to_json()) == record
