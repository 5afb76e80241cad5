"""Store: schema, transactional writes, the merge-stage API and the read queries."""

from datetime import date

import pytest

from readouts.records import (
    Actor, ActorSet, AnalysedArticle, Article, Event, EventDate, Mention, OffsetMap, Participant, Span,
    EventRecord, Timex,
)
from readouts.store import Store, StoreError, event_record, resolve_db_path


def make_article(text="Header\nThe ministers met in Rome on Monday.", id="a1") -> Article:
    # The clean text drops the first line: clean offset 0 is original offset 7.
    clean = text.split("\n", 1)[1]
    offsets = OffsetMap()
    offsets.add(0, len(text) - len(clean), len(clean))
    return Article(id=id, source=f"{id}.txt", original=text, text=clean, offsets=offsets,
                   published=date(2024, 3, 5), outlet="Example Wire")


def make_item(article: Article) -> AnalysedArticle:
    actor = Actor(key="p1", kind="person", name="Ana Ruiz", country="ESP", titles=["Foreign Minister"])
    start = article.text.index("ministers")
    event = Event(
        type="meeting", status="occurred",
        participants=[Participant("Ana Ruiz", "Foreign Minister", "ESP", "participant", "p1")],
        date=EventDate(date(2024, 3, 4), "day", basis="relative"),
        evidence=[Span(start + 10, start + 13, "met")],
    )
    return AnalysedArticle(
        article=article,
        actors=ActorSet([actor], [Mention(start, start + 9, "ministers", "p1", "title")]),
        timexes=[Timex(article.text.index("Monday"), article.text.index("Monday") + 6, "Monday",
                       "DATE", "2024-03-04", True)],
        events=[event],
        actor_ids={"p1": "person:ana-ruiz:ESP"},
        words=7,
    )


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "t.duckdb") as s:
        yield s


def test_offsets_map_evidence_into_the_original_text(store):
    article = make_article()
    with store.transaction():
        records = store.write_analysed([make_item(article)])
    evidence = records[0].sources[0].evidence[0]
    assert article.original[evidence.start:evidence.end] == "met" == evidence.text
    row = store.con.execute("SELECT start_char, end_char, text FROM timexes").fetchone()
    assert article.original[row[0]:row[1]] == "Monday" == row[2]


def test_event_record_has_the_documented_fields():
    article = make_article()
    record = event_record(make_item(article).events[0], article, {"p1": "person:ana-ruiz:ESP"})
    assert record.date == "2024-03-04" and record.date_precision == "day"
    assert record.participants[0].actor_id == "person:ana-ruiz:ESP"
    assert record.sources[0].article == "a1.txt"
    assert record.sources[0].published == "2024-03-05"
    # the stored JSON: its sources leave the date details to the record
    stored = record.to_json()
    assert set(stored["sources"][0]) == {"id", "article", "article_id", "outlet", "published",
                                         "status", "date", "date_basis", "evidence"}
    assert EventRecord.from_json(stored) == record


def test_failed_transaction_leaves_store_unchanged(store):
    with store.transaction():
        store.write_analysed([make_item(make_article(id="first"))])
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.write_analysed([make_item(make_article(text="H\nThe ministers met on Monday.", id="second"))])
            raise RuntimeError("crash mid-batch")
    assert [a["id"] for a in store.articles()] == ["first"]
    assert store.count("mentions") == 1


def test_save_find_and_delete_merged_events(store):
    record = EventRecord.from_json({
        "id": "ev-1", "type": "meeting", "status": "occurred", "date": "2024-03-04",
        "participants": [{"name": "Ana Ruiz", "country": "ESP", "actor_id": "x", "role": "p"}],
        "topics": ["trade"], "sources": [{"id": "s1", "article_id": "a1"}]})
    store.save_event(record, ["meeting|ESP|2024-W10"])
    assert store.find_events(["meeting|ESP|2024-W10", "other"]) == [record]
    assert store.events(country=["esp"], topic="trade") == [record.to_json()]
    assert store.events(since=date(2024, 3, 5)) == []
    record.status = "planned"
    store.save_event(record, ["meeting|ESP|2024-W10"])  # replace, no duplicate rows
    assert store.count("events") == 1 and store.count("event_participants") == 1
    store.add_link("ev-1", "ev-2", "part_of")
    store.add_link("ev-1", "ev-2", "part_of")
    assert store.links() == {"ev-1": [("part_of", "ev-2")]}
    store.delete_event("ev-1")
    assert store.find_events(["meeting|ESP|2024-W10"]) == []


def test_actor_listing_groups_titles_and_articles(store):
    with store.transaction():
        store.write_analysed([make_item(make_article(id="one"))])
        store.write_analysed([make_item(make_article(text="H\nThe ministers met again on Monday.", id="two"))])
    [actor] = store.actors()
    assert actor["name"] == "Ana Ruiz" and actor["titles"] == ["Foreign Minister"]
    assert actor["mentions"] == 2 and actor["articles"] == ["one.txt", "two.txt"]


def test_bands_round_trip(store):
    store.save_bands([("a1", ["b1", "b2"]), ("a2", ["b2"])])
    assert store.articles_by_band(["b2", "b9"]) == {"b2": {"a1", "a2"}}


def test_db_path_falls_back_to_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("READOUTS_DB", str(tmp_path / "env.duckdb"))
    assert resolve_db_path(None) == tmp_path / "env.duckdb"
    assert resolve_db_path(tmp_path / "x.duckdb") == tmp_path / "x.duckdb"
    monkeypatch.delenv("READOUTS_DB")
    assert str(resolve_db_path(None)) == "readouts.duckdb"


def test_read_only_open_of_missing_db_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no database"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "bogus.duckdb"
    bogus.write_text("this is not a database")
    with pytest.raises(StoreError):
        Store(bogus)


def test_reopen_keeps_data_and_version(tmp_path):
    path = tmp_path / "t.duckdb"
    with Store(path) as s, s.transaction():
        s.write_analysed([make_item(make_article())])
    with Store(path, read_only=True) as s:
        assert s.count("articles") == 1
        assert s.con.execute("SELECT count(*) FROM meta").fetchone()[0] == 1


def test_schema_doc_is_current():
    """docs/schema.md lists every table and column of store.SCHEMA with its type."""
    from conftest import REPO
    from readouts.schemadoc import render_schema_docs

    current = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert current == render_schema_docs(current), "run: python -m readouts.schemadoc docs/schema.md"


def test_schema_doc_follows_a_changed_schema():
    from readouts.schemadoc import render_schema_docs, schema_tables

    doc = "# s\n\n### `a`\n<!-- schema:a -->\n| column | type | meaning |\n| --- | --- | --- |\n" \
          "| x | INTEGER | the x |\n<!-- /schema:a -->\n\n## The event record\n"
    tables = schema_tables("CREATE TABLE a (x INTEGER, y VARCHAR[]); CREATE TABLE b (id VARCHAR PRIMARY KEY);")
    rendered = render_schema_docs(doc, tables)
    assert "| x | INTEGER | the x |\n| y | VARCHAR[] |  |\n" in rendered
    assert "### `b`\n<!-- schema:b -->" in rendered and "| id | VARCHAR PK |  |" in rendered
    assert rendered.index("### `b`") < rendered.index("## The event record")


def test_filtered_events_are_the_matching_records_in_date_order(store):
    # events() reads the matching rows by rowid: the same records, in the same order,
    # as filtering every record by hand.
    codes = ["ESP", "FRA", "MAR", "PRT"]
    records = []
    for n in range(24):
        day = None if n % 5 == 0 else date(2024, 1 + n % 6, 1 + n % 27).isoformat()
        records.append({
            "id": f"ev-{n:02d}", "type": ["meeting", "visit", "phone_call"][n % 3],
            "status": "planned" if n % 4 == 0 else "occurred", "date": day,
            "participants": [{"name": f"Person {n}", "country": codes[n % 4], "actor_id": f"p{n}", "role": "p"},
                             {"name": f"Envoy {n}", "country": codes[(n * 3 + 1) % 4], "actor_id": f"e{n}", "role": "p"}],
            "topics": ["trade"] if n % 2 else ["energy"], "sources": [],
        })
    for record in reversed(records):
        store.save_event(EventRecord.from_json(record), [record["id"]])

    def by_hand(country=(), type=None, topic=None, since=None, until=None, status=None):
        return sorted((r for r in records
                       if all(c in {p["country"] for p in r["participants"]} for c in country)
                       and (type is None or r["type"] == type) and (topic is None or topic in r["topics"])
                       and (status is None or r["status"] == status)
                       and (since is None or (r["date"] and r["date"] >= since.isoformat()))
                       and (until is None or (r["date"] and r["date"] <= until.isoformat()))),
                      key=lambda r: (r["date"] is None, r["date"] or "", r["id"]))

    for filters in ({}, {"country": ["ESP"]}, {"country": ["ESP", "FRA"]}, {"country": ["MAR"], "type": "visit"},
                    {"topic": "trade", "status": "occurred"}, {"since": date(2024, 3, 1)},
                    {"country": ["FRA"], "until": date(2024, 4, 10)}, {"country": ["ESP", "ESP"]}):
        assert [e["id"] for e in store.events(**filters)] == [r["id"] for r in by_hand(**filters)], filters


def test_links_of_some_events(store):
    store.add_link("ev-1", "ev-9", "part_of")
    store.add_link("ev-1", "ev-3", "part_of")
    store.add_link("ev-2", "ev-9", "part_of")
    assert store.links(["ev-1", "ev-7"]) == {"ev-1": [("part_of", "ev-3"), ("part_of", "ev-9")]}
    assert store.links([]) == {}
    assert store.links() == store.links(["ev-1", "ev-2"])
