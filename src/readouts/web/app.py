"""App: the Starlette application behind `readouts serve`.

One read-only Store is opened at start; each request queries through its own cursor
(Store.reader) because handlers run in a thread pool. Pages are Jinja2 templates with
autoescaping on; the only HTML not built by a template is the evidence highlighting
(highlight.py) and the dossier's SVG charts (dossier.py), both of which escape every
value themselves. User mistakes (unknown ids, bad filter values) get a page that says
what was wrong, with status 404 or 400; a bug gets a short 500 page, never a traceback.
"""

from __future__ import annotations

import logging
import tempfile
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import report
from ..dossier import build_dossier, heat_map, period_of, resolve_country, stacked_bars, title_of
from ..store import Store
from .highlight import highlight, spans_of_record
from .query import PAGE_SIZE, BadRequest, EventQuery, parse_event_query

log = logging.getLogger("readouts.web")
STATIC = Path(__file__).parent / "static"
MAX_LINK_IDS = 200
DOSSIERS_KEPT = 32
# Rows a pair page lists per section; a busy pair has thousands (the counts stay whole).
DOSSIER_LIMITS = {"contacts": 50, "people": 100, "restatements": 10, "events": 100}
MAX_OTHER_EVENTS = 20  # other events of a source article listed on an event page
MAX_ARTICLE_EVENTS = 200  # events listed (and highlighted) on an article page
# export tables keyed by event (actors and edges are not per event)
EXPORT_TABLES = ("events", "participants", "dyads", "statements", "sources")
# (sort parameter, label) offered on the events page
SORT_CHOICES = [("date", "oldest first"), ("-date", "newest first"), ("type", "type"),
                ("-sources", "most sources"), ("-updated", "recently merged")]
EXPORT_FORMATS = {"csv": "text/csv", "jsonl": "application/x-ndjson",
                  "parquet": "application/vnd.apache.parquet"}
# The browser may load nothing from any other host, and no inline script runs (inline
# style attributes may: the dossier's chart legend colours its swatches with them).
SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
     b" object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class NotFound(LookupError):
    """An id that names nothing in this database."""


# ----------------------------------------------------------------- templates


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("readouts.web", "templates"),
                      autoescape=select_autoescape(default=True), trim_blocks=True,
                      lstrip_blocks=True)
    env.globals.update(
        readout=report.readout, date_label=report.date_label, country=report.country_name,
        participant=report.participant_label, place=report.place_label,
        topic_label=report.topic_label, facts=report.event_facts,
        actor_url=actor_url, pair_url=pair_url, q=quote,
    )
    return env


def actor_url(actor_id: str) -> str:
    return "/actors/" + quote(actor_id, safe="")


def pair_url(a: str, b: str) -> str:
    first, second = sorted((a, b))
    return f"/pairs/{quote(first)}/{quote(second)}"


# ------------------------------------------------------------------- the app


class Browser:
    """The pages, over one read-only database."""

    def __init__(self, db: Path):
        self.base = Store(db, read_only=True)
        for setting in ("autoinstall_known_extensions", "autoload_known_extensions"):
            self.base.con.execute(f"SET {setting} = false")
        self.env = _environment()
        with self.store() as store:
            self.values = store.event_values()
        self.all_facets: dict | None = None
        # The file cannot change while open read-only, so a pair's page stays right;
        # going back to a pair from one of its events should not rebuild it. The
        # rendered page is what is kept, not the dossier: its hundreds of thousands
        # of small objects, times 32, made every full garbage collection walk them
        # all (pauses of half a second in the latency bench).
        self.pair_page = lru_cache(maxsize=DOSSIERS_KEPT)(self._pair_page)

    @contextmanager
    def store(self):
        reader = self.base.reader()
        try:
            yield reader
        finally:
            reader.con.close()

    def facets(self, store: Store, query: EventQuery) -> dict:
        """Facet counts; those of the unfiltered list are counted once, since the
        database cannot change while it is open read-only."""
        if any(query.filters().values()):
            return store.event_facets(query.filters())
        if self.all_facets is None:
            self.all_facets = store.event_facets({})
        return self.all_facets

    def page(self, name: str, status: int = 200, **context) -> HTMLResponse:
        return HTMLResponse(self.render(name, **context), status_code=status)

    def render(self, name: str, **context) -> str:
        return self.env.get_template(name).render(**context)

    # ---------------------------------------------------------------- events

    def events(self, request: Request) -> Response:
        query = parse_event_query(request.query_params, self.values)
        with self.store() as store:
            facets = self.facets(store, query)
            total = facets["total"][0][1]
            _, records = store.browse_events(
                query.filters(), query.sort, query.descending, PAGE_SIZE,
                (query.page - 1) * PAGE_SIZE, count=False)
        pages = max(1, -(-total // PAGE_SIZE))
        if query.page > pages:
            raise BadRequest(f"page {query.page} is past the last page ({pages})")
        exports = {table: {fmt: export_url(query, table, fmt) for fmt in EXPORT_FORMATS}
                   for table in EXPORT_TABLES}
        return self.page("events.html", query=query, total=total, records=records,
                         facets=facets, pages=pages, exports=exports,
                         sorts=SORT_CHOICES)

    def export(self, request: Request) -> Response:
        """The filtered events as one of the export tables (export.py), in CSV, JSON
        lines or Parquet."""
        fmt = request.path_params["fmt"]
        if fmt not in EXPORT_FORMATS:
            raise NotFound(f"no export format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
        table = (request.query_params.get("table") or "events").strip()
        if table not in EXPORT_TABLES:
            raise BadRequest(f"table takes one of {', '.join(EXPORT_TABLES)}, not {table!r}")
        query = parse_event_query(request.query_params, self.values)
        with self.store() as store:
            body = export_rows(store, table, query.filters(), fmt)
        headers = {"content-disposition": f'attachment; filename="{table}.{fmt}"'}
        return Response(body, media_type=EXPORT_FORMATS[fmt], headers=headers)

    def event(self, request: Request) -> Response:
        event_id = request.path_params["event_id"]
        with self.store() as store:
            record = store.event_by_id(event_id)
            if record is None:
                raise NotFound(f"no event with id {event_id!r} in this database")
            links = store.links_of(event_id)
            linked = {r["id"]: r for r in store.events_by_ids([other for _, _, other in links])}
            sources = source_views(store, record)
        return self.page("event.html", record=record, links=links, linked=linked,
                         sources=sources, pairs=event_pairs(record))

    # -------------------------------------------------------------- articles

    def articles(self, request: Request) -> Response:
        params = request.query_params
        q = (params.get("q") or "").strip() or None
        page = parse_page(params.get("page"))
        with self.store() as store:
            total, rows = store.browse_articles(q, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        pages = max(1, -(-total // PAGE_SIZE))
        return self.page("articles.html", rows=rows, total=total, page=page, pages=pages, search=q)

    def article(self, request: Request) -> Response:
        article_id = request.path_params["article_id"]
        with self.store() as store:
            article = store.article_by_id(article_id)
            if article is None:
                raise NotFound(f"no article with id {article_id!r} in this database")
            event_ids = store.event_ids_of_articles([article_id]).get(article_id, [])
            records = store.events_by_ids(event_ids[:MAX_ARTICLE_EVENTS])
            duplicate_of = (store.article_by_id(article["near_duplicate_of"])
                            if article["near_duplicate_of"] else None)
        spans = [s for r in records for s in spans_of_record(r, article_id)]
        return self.page("article.html", article=article, records=records,
                         more=len(event_ids) - len(records),
                         text=highlight(article["original"], spans),
                         reason=None if records else no_event_reason(article),
                         duplicate_of=duplicate_of)

    # ---------------------------------------------------------------- actors

    def actors(self, request: Request) -> Response:
        params = request.query_params
        kind = (params.get("kind") or "").strip() or None
        if kind not in (None, "person", "state", "organisation"):
            raise BadRequest(f"kind takes person, state or organisation, not {kind!r}")
        q = (params.get("q") or "").strip() or None
        page = parse_page(params.get("page"))
        with self.store() as store:
            total, rows = store.browse_actors(kind, q, 100, (page - 1) * 100)
        pages = max(1, -(-total // 100))
        return self.page("actors.html", rows=rows, total=total, page=page, pages=pages,
                         kind=kind, search=q)

    def actor(self, request: Request) -> Response:
        actor_id = request.path_params["actor_id"]
        with self.store() as store:
            actor = store.actor_by_id(actor_id)
            if actor is None:
                raise NotFound(f"no actor with id {actor_id!r} in this database")
            is_state = actor["kind"] == "state" and actor["country"]
            filters = EventQuery(country=[actor["country"]]) if is_state else EventQuery(actor=actor_id)
            total, records = store.browse_events(filters.filters(), "date", True, 100)
            context = {
                "actor": actor, "total": total, "records": records,
                "ids_url": lambda ids: ids_url(filters, ids),
                "events_url": filters.url(sort="date", descending=True),
                "offices": store.actor_offices(actor_id),
                "counterparts": [] if is_state else store.counterparts(actor_id),
                "partners": build_dossier(store, actor["country"])["partners"] if is_state else [],
            }
        return self.page("actor.html", **context)

    # ---------------------------------------------------------- relationships

    def pair_form(self, request: Request) -> Response:
        a = (request.query_params.get("a") or "").strip()
        b = (request.query_params.get("b") or "").strip()
        if a and b:
            first, second = (country_code(v) for v in (a, b))
            return RedirectResponse(pair_url(first, second), status_code=303)
        with self.store() as store:
            facets = store.event_facets({}, top=60)
        # organisations take part too; a dossier is between two states
        pairs = [(value, n) for value, n in facets["pair"]
                 if all(resolve_country(code) for code in value.split("-"))]
        return self.page("pairs.html", pairs=pairs)

    def pair(self, request: Request) -> Response:
        """The dossier of a pair of states, every count linking to its events."""
        given = [request.path_params["a"], request.path_params["b"]]
        a, b = sorted(country_code(v) for v in given)
        if a == b:
            raise BadRequest("a relationship needs two different countries")
        if [a, b] != given:
            return RedirectResponse(pair_url(a, b), status_code=301)
        params = request.query_params
        since, until = parse_day(params.get("since"), "since"), parse_day(params.get("until"), "until")
        return HTMLResponse(self.pair_page(a, b, since, until))

    def _pair_page(self, a: str, b: str, since: date | None, until: date | None) -> str:
        query = EventQuery(pair=(a, b), since=since, until=until)
        with self.store() as store:
            dossier = build_dossier(store, a, b, since=since, until=until, records=False)
        channels = dossier["channels"]
        return self.render("pair.html", d=dossier, query=query,
                           ids_url=lambda ids: ids_url(query, ids),
                           channel_rows=channel_rows(channels),
                           chart=Markup(stacked_bars(channels["quarters"], channels["channels"],
                                                     channels["rows"])),
                           heat=Markup(heat_map(dossier["subjects"])),
                           title=title_of(dossier), period=period_of(dossier),
                           limits=DOSSIER_LIMITS)


def source_views(store: Store, record: dict) -> list[dict]:
    """Each source article of an event with its evidence highlighted, and up to
    MAX_OTHER_EVENTS other events of that article (a digest can report hundreds)."""
    article_ids = list(dict.fromkeys(
        s["article_id"] for s in record.get("sources", []) if s.get("article_id")))
    others_of = store.event_ids_of_articles(article_ids)
    shown = {aid: [e for e in ids if e != record["id"]][:MAX_OTHER_EVENTS]
             for aid, ids in others_of.items()}
    others = {r["id"]: r for r in store.events_by_ids(sorted({e for ids in shown.values() for e in ids}))}
    views = []
    for article_id in article_ids:
        article = store.article_by_id(article_id)
        if article is None:
            continue
        views.append({
            "article": article,
            "text": highlight(article["original"], spans_of_record(record, article_id)),
            "others": [others[e] for e in shown.get(article_id, []) if e in others],
            "more": max(0, len(others_of.get(article_id, [])) - 1 - len(shown.get(article_id, []))),
        })
    return views


def country_code(value: str) -> str:
    """An ISO3 code from a code or a country name (BadRequest when it is neither)."""
    code = resolve_country(value)
    if code is None:
        raise BadRequest(f"unknown country {value!r}: give an ISO3 code (IND) or a name (India)")
    return code


def ids_url(query: EventQuery, ids: list[str]) -> str:
    """The events list of exactly these events; past MAX_LINK_IDS (too long for an
    address) the query's own list, which holds them."""
    ids = list(dict.fromkeys(ids))
    if len(ids) > MAX_LINK_IDS:
        return query.url()
    return EventQuery(ids=ids).url()


def channel_rows(channels: dict) -> list[dict]:
    """The dossier's channel cells as one row per quarter: the ids of each channel's
    events (all statuses together) in the order of channels["channels"]."""
    cells: dict[tuple[str, str], list[str]] = {}
    for row in channels["rows"]:
        cells.setdefault((row["quarter"], row["channel"]), []).extend(row["events"])
    rows = []
    for quarter in channels["quarters"]:
        ids = [cells.get((quarter, c["id"]), []) for c in channels["channels"]]
        if any(ids):
            rows.append({"quarter": quarter, "cells": ids})
    return rows


def parse_day(value: str | None, name: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequest(f"{name} takes a date as YYYY-MM-DD, not {value!r}") from None


def parse_page(value: str | None) -> int:
    value = (value or "1").strip()
    if not value.isdigit() or int(value) < 1:
        raise BadRequest(f"page takes a number from 1, not {value!r}")
    return int(value)


def event_pairs(record: dict) -> list[tuple[str, str]]:
    """The pairs of states among an event's participants (for links to their pages)."""
    codes = sorted({p["country"] for p in record.get("participants", [])
                    if p.get("country") and len(p["country"]) == 3})
    return [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]


def no_event_reason(article: dict) -> str:
    """Why an article yielded no event, in the reader's terms."""
    from ..gate import select_sentences
    from ..language import check_english

    text = article.get("text") or ""
    if not text.strip():
        return "the article has no body text once boilerplate is removed"
    if article.get("genre") == "opinion":
        return "an opinion or analysis piece: it reports no events of its own"
    verdict = check_english(text)
    if not verdict.english:
        return f"not analysed as English: {verdict.detail}"
    if not any(select_sentences(text)):
        return ("no sentence reports a meeting, call, visit, message or agreement: "
                "background, opinion or another subject")
    return ("some sentences use words of diplomacy, but none names two parties interacting "
            "in a way the extractor accepts (e.g. commentary, or one side unnamed)")


def export_url(query: EventQuery, table: str, fmt: str) -> str:
    params = [p for p in query.params() if p[0] not in ("page", "sort")]
    params += [("table", table)] if table != "events" else []
    return f"/export/events.{fmt}" + ("?" + urlencode(params) if params else "")


def export_rows(store: Store, table: str, filters: dict, fmt: str) -> bytes:
    """One export table restricted to the filtered events, written the way
    `readouts export` writes it (Parquet with DuckDB's types)."""
    from ..export import _csv, _jsonl

    sql, args = store.export_sql(table, filters)
    if fmt == "parquet":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"{table}.parquet"
            store.con.cursor().sql(sql, params=args).write_parquet(str(path))
            return path.read_bytes()
    cursor = store.con.execute(sql, args)
    columns = [d[0] for d in cursor.description]
    records = (dict(zip(columns, row)) for row in cursor.fetchall())
    text = _csv(records, columns) if fmt == "csv" else _jsonl(records)
    return text.encode("utf-8")


# ------------------------------------------------------------ error handling


def _error_handlers(browser: Browser) -> dict:
    def page(status: int, title: str, message: str) -> HTMLResponse:
        return browser.page("error.html", status=status, title=title, message=message)

    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return page(400, "Bad filter value", str(exc))

    async def not_found(request: Request, exc: NotFound) -> Response:
        return page(404, "Not found", str(exc))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = "no page at this address" if exc.status_code == 404 else str(exc.detail)
        return page(exc.status_code, "Not found" if exc.status_code == 404 else "Error", message)

    async def bug(request: Request, exc: Exception) -> Response:
        log.exception("error on %s", request.url.path)
        return page(500, "Internal error", "this page failed; the server log has the details")

    return {BadRequest: bad_request, NotFound: not_found, HTTPException: http_error, Exception: bug}


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        async def with_headers(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = list(message["headers"]) + SECURITY_HEADERS
            await send(message)

        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        await self.app(scope, receive, with_headers)


def create_app(db: Path) -> Starlette:
    """The web application over the database at `db` (opened read-only; StoreError
    when it cannot be)."""
    browser = Browser(db)
    routes = [
        Route("/", lambda request: RedirectResponse("/events", status_code=302)),
        Route("/events", browser.events),
        Route("/export/events.{fmt}", browser.export),
        Route("/events/{event_id}", browser.event),
        Route("/articles", browser.articles),
        Route("/articles/{article_id}", browser.article),
        Route("/actors", browser.actors),
        Route("/actors/{actor_id:path}", browser.actor),
        Route("/pairs", browser.pair_form),
        Route("/pairs/{a}/{b}", browser.pair),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers=_error_handlers(browser))
    app.state.browser = browser
    app.add_middleware(SecurityHeaders)
    return app
