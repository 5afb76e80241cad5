"""readouts serve: pages, filters, escaping, errors and exports over a real store.

The store is written through the real write and merge path (Store.write_analysed,
merge.merge_batch) from articles and events written here, so the expected counts are
known; one test also crawls every page of a store built by the real pipeline.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient
from typer.testing import CliRunner

from readouts import merge
from readouts.records import (
    Actor, ActorSet, AnalysedArticle, Article, Event, EventDate, Mention, OffsetMap, Participant, Span,
    Statement,
)
from readouts.store import Store
from readouts.web.app import create_app
from readouts.web.highlight import Span as Mark
from readouts.web.highlight import highlight
from readouts.web.query import BadRequest, EventQuery, parse_event_query

# ------------------------------------------------------------------ the store

PEOPLE = {
    "ruiz": Actor("ruiz", "person", "Ana Ruiz", "ESP", ["Foreign Minister"]),
    "martin": Actor("martin", "person", "Luc Martin", "FRA", ["Foreign Minister"]),
    "vidal": Actor("vidal", "person", "Pau Vidal", "ESP", ["Prime Minister"]),
    "idrissi": Actor("idrissi", "person", "Omar Idrissi", "MAR", ["Trade Minister"]),
    "FRA": Actor("FRA", "state", "France", "FRA", code="FRA"),
}
IDS = {
    "ruiz": "person:ana-ruiz:ESP", "martin": "person:luc-martin:FRA",
    "vidal": "person:pau-vidal:ESP", "idrissi": "person:omar-idrissi:MAR", "FRA": "state:FRA",
}


def _article(id: str, header: str, body: str, published: date, title: str) -> Article:
    original = f"{header}\n{body}"
    offsets = OffsetMap()
    offsets.add(0, len(header) + 1, len(body))
    return Article(id=id, source=f"{id}.txt", original=original, text=body, offsets=offsets,
                   published=published, title=title, outlet="Example Wire")


def _span(text: str, phrase: str, field: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase, field)


def _participant(key: str, role: str) -> Participant:
    actor = PEOPLE[key]
    title = actor.titles[0] if actor.titles else None
    return Participant(actor.name, title, actor.country, role, key, actor.kind)


def _item(article: Article, keys: list[str], events: list[Event]) -> AnalysedArticle:
    actors = [PEOPLE[k] for k in keys]
    mentions = [Mention(article.text.index(a.name), article.text.index(a.name) + len(a.name),
                        a.name, a.key) for a in actors if a.name in article.text]
    return AnalysedArticle(article=article, actors=ActorSet(actors, mentions), events=events,
                           actor_ids={k: IDS[k] for k in keys}, words=len(article.text.split()))


def talks_article() -> AnalysedArticle:
    body = ("Foreign Minister Ana Ruiz met her French counterpart Luc Martin in Paris on Monday "
            "to discuss trade. \"We agreed to open two new rail routes,\" Ruiz said.")
    article = _article("a1", "Example Wire, 5 March 2024", body, date(2024, 3, 5),
                       "Spanish and French ministers talk rail")
    quote_start = body.index("We agreed")
    event = Event(
        type="meeting", status="occurred",
        participants=[_participant("ruiz", "actor"), _participant("martin", "recipient")],
        date=EventDate(date(2024, 3, 4), "day", basis="relative"),
        location={"name": "Paris", "country": "FRA"},
        topics=["trade"], topic_evidence=[_span(body, "trade", "topic")],
        statements=[Statement("Ana Ruiz", "We agreed to open two new rail routes", quote_start,
                              quote_start + 37)],
        # two overlapping spans: the trigger inside the participant phrase
        evidence=[_span(body, "met", "trigger"),
                  _span(body, "Ana Ruiz met her French counterpart", "participant")],
    )
    return _item(article, ["ruiz", "martin"], [event])


def visit_article() -> AnalysedArticle:
    body = "Prime Minister Pau Vidal will visit France in June, his office said on Friday."
    article = _article("a2", "<script>alert('boom')</script>", body, date(2024, 5, 10),
                       "Vidal <b>to visit</b> France")
    event = Event(
        type="visit", status="planned",
        participants=[_participant("vidal", "visitor"), _participant("FRA", "host")],
        date=EventDate(date(2024, 6, 1), "month", basis="explicit"),
        location={"name": "France", "country": "FRA"},
        evidence=[_span(body, "will visit", "trigger")],
    )
    return _item(article, ["vidal", "FRA"], [event])


def rabat_article() -> AnalysedArticle:
    body = "Ana Ruiz met Omar Idrissi in Rabat on 2 April to discuss fisheries and trade."
    article = _article("a3", "Example Wire", body, date(2024, 4, 3), "Ruiz in Rabat")
    event = Event(
        type="meeting", status="occurred",
        participants=[_participant("ruiz", "actor"), _participant("idrissi", "recipient")],
        date=EventDate(date(2024, 4, 2), "day", basis="explicit"),
        location={"name": "Rabat", "country": "MAR"},
        topics=["trade"], evidence=[_span(body, "met", "trigger")],
    )
    return _item(article, ["ruiz", "idrissi"], [event])


def quiet_article() -> AnalysedArticle:
    body = "The weather in the capital stayed mild all week, and the markets were calm."
    return _item(_article("a4", "Example Wire", body, date(2024, 4, 9), "A mild week"), [], [])


def build_store(path: Path) -> Path:
    with Store(path) as store, store.transaction():
        items = [talks_article(), visit_article(), rabat_article(), quiet_article()]
        merge.merge_batch(store, store.write_analysed(items))
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db)) as c:
        yield c


def event_ids(html: str) -> list[str]:
    return re.findall(r'href="/events/([^"?]+)"', html)


def meeting_id(client, place: str) -> str:
    page = client.get("/events", params={"type": "meeting"}).text
    for eid in event_ids(page):
        if place in client.get(f"/events/{eid}").text:
            return eid
    raise AssertionError(f"no meeting in {place}")


# ---------------------------------------------------------------- events page


def test_events_page_lists_every_event_with_facet_counts(client):
    page = client.get("/events")
    assert page.status_code == 200
    assert "3 events" in page.text
    assert len(set(event_ids(page.text))) == 3
    assert re.search(r'data-value="ESP">Spain</a> <span class="n">3<', page.text)
    assert re.search(r'data-value="FRA">France</a> <span class="n">2<', page.text)
    assert re.search(r'data-value="ESP-FRA">ESP – FRA</a> <span class="n">2<', page.text)
    assert re.search(r'data-value="planned">planned</a> <span class="n">1<', page.text)


def test_two_facets_narrow_the_list_and_stay_in_the_url(client):
    page = client.get("/events?country=FRA&type=meeting").text
    assert "1 event<" in page
    assert "Luc Martin" in page and "Omar Idrissi" not in page
    # the chosen facet links back to the list without it
    assert 'href="/events?country=FRA"' in page
    assert 'href="/events?type=meeting"' in page


@pytest.mark.parametrize("params, expected", [
    ({"pair": "FRA-ESP"}, 2),
    ({"actor": "person:omar-idrissi:MAR"}, 1),
    ({"actor": "ruiz"}, 2),
    ({"status": "planned"}, 1),
    ({"topic": "trade"}, 2),
    ({"outlet": "Example Wire"}, 3),
    ({"since": "2024-04-01", "until": "2024-04-30"}, 1),
    ({"q": "RAIL ROUTES"}, 1),  # a statement
    ({"q": "in rabat"}, 1),  # a source title
    ({"q": "100%_"}, 0),  # LIKE wildcards are plain characters
])
def test_each_filter(client, params, expected):
    page = client.get("/events", params=params)
    assert page.status_code == 200
    assert f">{expected} event{'' if expected == 1 else 's'}<" in page.text


def test_sorting_and_paging(client, monkeypatch):
    ascending = event_ids(client.get("/events?sort=date").text)
    descending = event_ids(client.get("/events?sort=-date").text)
    assert ascending and ascending == list(reversed(descending))
    monkeypatch.setattr("readouts.web.app.PAGE_SIZE", 2)
    first = client.get("/events").text
    assert "page 1 of 2" in first and 'href="/events?page=2"' in first
    second = client.get("/events?page=2").text
    assert len(event_ids(first)) == 2 and len(event_ids(second)) == 1


@pytest.mark.parametrize("url, words", [
    ("/events?country=12", "country code"),
    ("/events?since=2024-13-01", "YYYY-MM-DD"),
    ("/events?since=2024-05-01&until=2024-01-01", "is after"),
    ("/events?type=parade", "no event has type 'parade'"),
    ("/events?pair=ESP", "two country codes"),
    ("/events?sort=colour", "sort takes one of"),
    ("/events?page=0", "page takes a number"),
    ("/events?page=7", "past the last page"),
    ("/actors?kind=planet", "kind takes"),
])
def test_bad_filter_values_get_a_clear_page(client, url, words):
    page = client.get(url)
    assert page.status_code == 400
    assert words in html.unescape(page.text)
    assert "Traceback" not in page.text


@pytest.mark.parametrize("url", [
    "/events/ev-missing", "/articles/zzz", "/actors/person:nobody:XXX", "/no/such/page",
    "/export/events.xlsx",
])
def test_unknown_ids_get_a_not_found_page(client, url):
    page = client.get(url)
    assert page.status_code == 404
    assert "Not found" in page.text and "Traceback" not in page.text


# ------------------------------------------------------------------ one event


def test_event_page_highlights_evidence_in_the_original_text(client):
    page = client.get(f"/events/{meeting_id(client, 'Paris')}").text
    assert "Ana Ruiz (Foreign Minister, Spain) met Luc Martin (Foreign Minister, France)" in page
    assert "basis: relative" in page
    # overlapping spans are cut, not nested: "met" is marked once with both fields
    assert '<mark title="participant, trigger"' in page and ">met</mark>" in page
    assert re.search(r'<mark title="participant"[^>]*>Ana Ruiz </mark>', page)
    assert '<mark title="topic"' in page
    assert "We agreed to open two new rail routes" in page
    assert 'href="/articles/a1"' in page
    assert 'href="/pairs/ESP/FRA"' in page
    assert 'href="/actors/person%3Aana-ruiz%3AESP"' in page


def test_markup_in_articles_renders_as_text(client):
    for url in ("/articles/a2", "/articles", "/events?q=visit"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<b>to visit</b>" not in page
    article = client.get("/articles/a2").text
    assert "&lt;script&gt;alert(&#39;boom&#39;)&lt;/script&gt;" in article
    assert "Vidal &lt;b&gt;to visit&lt;/b&gt; France" in article


def test_every_response_forbids_other_hosts(client):
    for url in ("/events", "/articles/a1", "/static/style.css", "/events/ev-missing"):
        response = client.get(url)
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert not re.search(r'(src|href)="(https?:)?//', response.text)


# ----------------------------------------------------------- articles, actors


def test_article_page_lists_its_events_and_why_there_are_none(client):
    assert "Events (1)" in client.get("/articles/a1").text
    quiet = client.get("/articles/a4").text
    assert "Events (0)" in quiet and "No event found: no sentence reports" in quiet
    listing = client.get("/articles?q=mild").text
    assert "1 article<" in listing and 'href="/articles/a4"' in listing


def test_person_page_has_offices_counterparts_and_events(client):
    page = client.get("/actors/person:ana-ruiz:ESP").text
    assert "Foreign Minister" in page and "2024-03-04" in page
    assert 'href="/actors/person%3Aluc-martin%3AFRA"' in page
    assert 'href="/actors/person%3Aomar-idrissi%3AMAR"' in page
    assert "Events (2)" in page


def test_state_page_ranks_its_partners(client):
    page = client.get("/actors/state:FRA").text
    assert "Partners" in page and 'href="/pairs/ESP/FRA"' in page
    href = re.search(r'<td class="num"><a href="([^"]+)">2</a>', page).group(1)
    assert ">2 events<" in client.get(html.unescape(href)).text
    listing = client.get("/actors?kind=state").text
    assert "1 actor<" in listing


def test_pair_page_is_the_dossier_and_every_count_links_to_its_events(client):
    assert client.get("/pairs/FRA/ESP", follow_redirects=False).headers["location"] == "/pairs/ESP/FRA"
    page = client.get("/pairs/ESP/FRA").text
    assert "Spain – France" in page and "Upcoming" in page and "Who talks to whom" in page
    links = re.findall(r'<a (?:class="total" )?href="(/events\?[^"]+)">(?:all )?(\d+)', page)
    assert len(links) >= 5
    for href, count in links:
        listed = client.get(html.unescape(href)).text
        assert f">{count} event" in listed, href
    assert 'href="/actors/person%3Aana-ruiz%3AESP"' in page


def test_long_pair_sections_show_the_first_rows_and_link_to_all(client, monkeypatch):
    from readouts.web import app as web_app

    pages = client.app.state.browser.pair_page
    monkeypatch.setitem(web_app.DOSSIER_LIMITS, "events", 1)
    pages.cache_clear()  # the server keeps rendered pair pages; these limits are new
    try:
        page = client.get("/pairs/ESP/FRA").text
    finally:
        pages.cache_clear()  # the next tests see the usual limits
    href = re.search(r'The first 1 of 2 events: <a href="([^"]+)">all of them', page).group(1)
    assert ">2 events<" in client.get(html.unescape(href)).text


def test_a_pair_page_asked_again_is_the_kept_page(client):
    pages = client.app.state.browser.pair_page
    first = client.get("/pairs/ESP/FRA?since=2000-01-01").text
    hits = pages.cache_info().hits
    assert client.get("/pairs/ESP/FRA?since=2000-01-01").text == first
    assert pages.cache_info().hits == hits + 1
    assert client.get("/pairs/ESP/FRA?since=2000-01-02").text != ""  # another period: built
    assert pages.cache_info().hits == hits + 1


def test_pairs_are_named_by_code_or_name(client):
    assert client.get("/pairs?a=france&b=Spain", follow_redirects=False).headers["location"] == "/pairs/ESP/FRA"
    assert client.get("/pairs/ESP/Atlantis").status_code == 400
    assert client.get("/pairs/ESP/ESP").status_code == 400
    assert client.get("/pairs/ESP/FRA?since=soon").status_code == 400
    listing = client.get("/pairs").text
    assert 'href="/pairs/ESP/FRA"' in listing and 'href="/pairs/ESP/MAR"' in listing


# ------------------------------------------------------------------- exports


def test_exports_hold_the_filtered_events(client):
    jsonl = client.get("/export/events.jsonl?country=ESP&type=meeting")
    records = [json.loads(line) for line in jsonl.text.splitlines()]
    assert len(records) == 2 and {r["type"] for r in records} == {"meeting"}
    assert "attachment" in jsonl.headers["content-disposition"]
    csv_text = client.get("/export/events.csv?status=planned").text
    assert csv_text.splitlines()[0].startswith("id,type,status")
    assert len(csv_text.splitlines()) == 2
    parquet = client.get("/export/events.parquet").content
    assert parquet[:4] == b"PAR1"


def test_exports_offer_the_per_event_tables(client):
    participants = client.get("/export/events.jsonl?table=participants&type=visit")
    rows = [json.loads(line) for line in participants.text.splitlines()]
    assert {r["name"] for r in rows} == {"Pau Vidal", "France"}
    assert 'filename="participants.jsonl"' in participants.headers["content-disposition"]
    page = client.get("/events?type=visit").text
    assert 'href="/export/events.csv?type=visit&amp;table=dyads"' in page
    assert client.get("/export/events.csv?table=secrets").status_code == 400


def test_parquet_export_reads_back(client, tmp_path):
    path = tmp_path / "e.parquet"
    path.write_bytes(client.get("/export/events.parquet?topic=trade").content)
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{path}'").fetchone()[0] == 2


# ------------------------------------------------------------ the server side


def test_the_database_is_opened_read_only(client):
    con = client.app.state.browser.base.con
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM events")


def test_highlight_escapes_and_ignores_bad_spans():
    text = "a <b> met c"
    html = str(highlight(text, [Mark(2, 5, "x"), Mark(4, 9, "y"), Mark(20, 30), Mark(3, 3)]))
    assert html == ('a <mark title="x" data-events="">&lt;b</mark>'
                    '<mark title="x, y" data-events="">&gt;</mark>'
                    '<mark title="y" data-events=""> met</mark> c')


@given(text=st.text(alphabet="ab <>&\"'\n", max_size=40),
       bounds=st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45)), max_size=6))
def test_highlight_keeps_the_text_and_marks_exactly_the_spans(text, bounds):
    spans = [Mark(a, b, "f") for a, b in bounds]
    out = str(highlight(text, spans))
    # nothing but our own tags: stripping them and unescaping gives the text back
    assert html.unescape(re.sub(r"</?mark[^>]*>", "", out)) == text
    assert "<" not in re.sub(r"</?mark[^>]*>", "", out)
    marked = "".join(html.unescape(m) for m in re.findall(r"<mark[^>]*>(.*?)</mark>", out, re.S))
    covered = sorted({i for s in spans if 0 <= s.start < s.end <= len(text)
                      for i in range(s.start, s.end)})
    assert marked == "".join(text[i] for i in covered)


def test_query_round_trips_through_the_url():
    from starlette.datastructures import QueryParams

    params = QueryParams("country=esp&country=FRA&pair=FRA-ESP&since=2024-01-01&sort=-date&q=x")
    query = parse_event_query(params, {})
    assert query.country == ["ESP", "FRA"] and query.pair == ("ESP", "FRA")
    again = parse_event_query(QueryParams(query.url().split("?", 1)[1]), {})
    assert again == query
    assert query.toggle("country", "ESP") == "/events?country=FRA&pair=ESP-FRA&q=x&since=2024-01-01&sort=-date"
    with pytest.raises(BadRequest):
        parse_event_query(QueryParams("q=" + "x" * 500), {})
    assert EventQuery().url() == "/events"


def test_serve_refuses_a_missing_database_in_one_line(tmp_path):
    from readouts.cli import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2
    assert "no database at" in result.output and "Traceback" not in result.output


def test_serve_says_when_the_port_is_taken(db):
    import socket

    from readouts.cli import app

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", str(port)])
    assert result.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


# ------------------------------------------------------- a real pipeline store

REPO = Path(__file__).parent.parent
SHARED = REPO.parent / "shared"


def ingested_client(db: Path, paths: list[Path]) -> TestClient:
    from readouts.cli import app

    result = CliRunner().invoke(app, ["ingest", *map(str, paths), "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    return TestClient(create_app(db))


def crawl(client: TestClient, limit: int) -> set[str]:
    """Follow every page link from the four lists; each page must answer 200."""
    seen, todo = set(), ["/events", "/articles", "/actors", "/pairs"]
    while todo and len(seen) < limit:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        for href in re.findall(r'href="(/(?:events|articles|actors|pairs)/[^"]*)"', response.text):
            todo.append(html.unescape(href))
    return seen


def test_every_page_of_the_example_corpus_renders(tmp_path):
    with ingested_client(tmp_path / "examples.duckdb", [REPO / "examples" / "news"]) as c:
        seen = crawl(c, 600)
    assert sum(u.startswith("/events/") for u in seen) >= 10
    assert sum(u.startswith("/articles/") for u in seen) >= 10
    assert any(u.startswith("/pairs/") for u in seen)


@pytest.mark.shared
def test_the_pages_work_on_the_shared_articles(tmp_path):
    """The issue's acceptance store: seeds + diplomacy-dev + the example corpus."""
    sources = [SHARED / "seeds", SHARED / "data" / "diplomacy-dev" / "articles"]
    if not all(p.exists() for p in sources):
        pytest.skip("../shared is absent")
    with ingested_client(tmp_path / "shared.duckdb", sources + [REPO / "examples" / "news"]) as c:
        seen = crawl(c, 400)
        listing = c.get("/events?type=meeting&sort=-sources").text
        first = event_ids(listing)[0]
        assert "<mark" in c.get(f"/events/{first}").text
        for fmt in ("csv", "jsonl", "parquet"):
            assert c.get(f"/export/events.{fmt}?type=meeting").status_code == 200
    assert sum(u.startswith("/pairs/") for u in seen) >= 3


# ------------------------------------------------------------ bench generator


def test_the_latency_bench_generator_writes_browsable_synthetic_events(db, tmp_path):
    import importlib.util

    path = Path(__file__).parent.parent / "bench" / "web_latency.py"
    spec = importlib.util.spec_from_file_location("web_latency", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    target = tmp_path / "synthetic.duckdb"
    assert bench.write_synthetic(db, target, 40, chunk=15) == 40
    with TestClient(create_app(target)) as c:
        plan = bench.request_plan(target, 3)
        for urls in plan.values():
            for url in urls:
                assert c.get(url).status_code == 200, url
        page = c.get("/events").text
        assert ">40 events<" in page and "<mark" in c.get("/events/ev-syn0000001").text
    labels = bench.labelling_cost(target)
    with Store(target, read_only=True) as store:
        texts = {s["text"] for r in store.events() for s in r.get("statements", []) if s.get("text")}
    assert labels["texts"] == len(texts) > 0 and labels["ms"] > 0
