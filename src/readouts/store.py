"""Store: the DuckDB file that holds articles, actors, mentions, dates and events.

Owns: the schema (versioned; see docs/schema.md), transactional writes of analysed
articles, the persistence API the merge stage uses, and the read queries behind the CLI.

Every write of a batch happens in one transaction: a crash or a bad file mid-batch
leaves the store as it was before the batch. Spans are stored as offsets into the
ORIGINAL article text (the clean-text offsets of the pipeline are mapped on write).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Iterator

import duckdb

from .records import (
    Actor, AnalysedArticle, Article, Event, EventRecord, Evidence, ParticipantRecord, SourceRecord,
    Span, Statement, StatementRecord,
)

SCHEMA_VERSION = 3
DEFAULT_DB = "readouts.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS articles (
    id VARCHAR PRIMARY KEY,
    source VARCHAR NOT NULL,
    title VARCHAR,
    outlet VARCHAR,
    url VARCHAR,
    published DATE,
    published_from VARCHAR,
    dateline VARCHAR,
    fmt VARCHAR,
    original VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    offsets VARCHAR NOT NULL,
    words INTEGER,
    near_duplicate_of VARCHAR,
    ingested_at TIMESTAMP DEFAULT current_timestamp,
    genre VARCHAR
);
CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR, kind VARCHAR, name VARCHAR, country VARCHAR, code VARCHAR, gazetteer_id VARCHAR
);
CREATE TABLE IF NOT EXISTS article_actors (
    article_id VARCHAR, actor_key VARCHAR, actor_id VARCHAR, kind VARCHAR, name VARCHAR,
    country VARCHAR, titles VARCHAR[], aliases VARCHAR[]
);
CREATE TABLE IF NOT EXISTS name_readings (article_id VARCHAR, name VARCHAR, reading VARCHAR);
CREATE TABLE IF NOT EXISTS mentions (
    article_id VARCHAR, actor_id VARCHAR, start_char INTEGER, end_char INTEGER,
    text VARCHAR, kind VARCHAR
);
CREATE TABLE IF NOT EXISTS timexes (
    article_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR,
    type VARCHAR, value VARCHAR, anchored BOOLEAN
);
CREATE TABLE IF NOT EXISTS article_events (
    id VARCHAR, article_id VARCHAR, event_id VARCHAR, type VARCHAR, status VARCHAR,
    date DATE, record VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR, type VARCHAR, status VARCHAR, date DATE, date_precision VARCHAR,
    end_date DATE, record VARCHAR, updated_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS event_blocks (block VARCHAR, event_id VARCHAR);
CREATE TABLE IF NOT EXISTS event_participants (
    event_id VARCHAR, actor_id VARCHAR, name VARCHAR, country VARCHAR, role VARCHAR
);
CREATE TABLE IF NOT EXISTS event_topics (event_id VARCHAR, topic VARCHAR);
CREATE TABLE IF NOT EXISTS event_sources (event_id VARCHAR, article_id VARCHAR);
CREATE TABLE IF NOT EXISTS event_links (event_id VARCHAR, other_id VARCHAR, relation VARCHAR);
CREATE TABLE IF NOT EXISTS article_bands (band VARCHAR, article_id VARCHAR);
"""

INDEXES = """
CREATE INDEX IF NOT EXISTS event_blocks_block ON event_blocks (block);
CREATE INDEX IF NOT EXISTS event_blocks_event ON event_blocks (event_id);
CREATE INDEX IF NOT EXISTS article_bands_band ON article_bands (band);
CREATE INDEX IF NOT EXISTS article_events_article ON article_events (article_id);
"""


# ------------------------------------------------------------- analysis views
#
# Analysis-ready views of the merged events (docs/schema.md, "Views"). They live in
# the schema `analysis` because `events` and `actors` are already table names;
# `participants`, `dyads`, `statements`, `sources` and `edges` are also aliased in
# the main schema so `select * from dyads` works on the file. `{v}` is the prefix of
# the views a view reads: "analysis." in the file, "analysis_" for the temporary
# copies a read-only store of an older file makes for itself.

PARTICIPANT_TYPE = ('[{"name":"VARCHAR","title":"VARCHAR","country":"VARCHAR",'
                    '"role":"VARCHAR","actor_id":"VARCHAR"}]')
STATEMENT_TYPE = ('[{"speaker":"VARCHAR","text":"VARCHAR","positions":["VARCHAR"],'
                  '"start":"INTEGER","end":"INTEGER"}]')
SOURCE_TYPE = ('[{"article":"VARCHAR","article_id":"VARCHAR","outlet":"VARCHAR",'
               '"published":"DATE","status":"VARCHAR","date":"DATE","date_basis":"VARCHAR",'
               '"evidence":[{"start":"INTEGER","end":"INTEGER","text":"VARCHAR","field":"VARCHAR"}]}]')
# Roles beside an event rather than parties to it (as in report.SIDE_ROLES).
SIDE_ROLES_SQL = "('present', 'accompanying')"

VIEWS: dict[str, str] = {
    "events": f"""
        SELECT e.id, e.type, e.status, e.date, e.date_precision, e.end_date,
               e.record->>'date_basis' AS date_basis,
               e.record->'$.location'->>'name' AS location,
               e.record->'$.location'->>'country' AS location_country,
               e.record->>'occasion' AS occasion,
               e.record->'$.plover'->>'event' AS plover_event,
               CASE json_type(e.record, '$.plover.mode')
                    WHEN 'ARRAY' THEN from_json(e.record->'$.plover.mode', '["VARCHAR"]')
                    WHEN 'VARCHAR' THEN [e.record->'$.plover'->>'mode']
                    ELSE [] END::VARCHAR[] AS plover_mode,
               coalesce(from_json(e.record->'$.plover.context', '["VARCHAR"]'), [])::VARCHAR[] AS plover_context,
               e.record->>'cameo' AS cameo,
               coalesce(from_json(e.record->'$.topics', '["VARCHAR"]'), [])::VARCHAR[] AS topics,
               coalesce(json_array_length(e.record->'$.participants'), 0)::INTEGER AS n_participants,
               coalesce(json_array_length(e.record->'$.statements'), 0)::INTEGER AS n_statements,
               coalesce(json_array_length(e.record->'$.sources'), 0)::INTEGER AS n_sources,
               list_min([s.published FOR s IN coalesce(from_json(e.record->'$.sources', '{SOURCE_TYPE}'), [])]) AS first_reported
        FROM main.events e""",
    "participants": f"""
        SELECT e.id AS event_id, e.date, e.type, e.status, u.n::INTEGER AS position,
               u.p.name AS name, u.p.title AS title, u.p.country AS country, u.p.role AS role,
               u.p.actor_id AS actor_id
        FROM main.events e,
             unnest(from_json(e.record->'$.participants', '{PARTICIPANT_TYPE}')) WITH ORDINALITY AS u(p, n)""",
    "statements": f"""
        SELECT e.id AS event_id, e.date, e.type, e.status, u.n::INTEGER AS position,
               u.s.speaker AS speaker, u.s.text AS text,
               coalesce(u.s.positions, [])::VARCHAR[] AS positions,
               u.s.start AS start_char, u.s."end" AS end_char
        FROM main.events e,
             unnest(from_json(e.record->'$.statements', '{STATEMENT_TYPE}')) WITH ORDINALITY AS u(s, n)""",
    "sources": f"""
        SELECT e.id AS event_id, u.n::INTEGER AS position, u.s.article_id AS article_id,
               u.s.article AS article, u.s.outlet AS outlet, u.s.published AS published,
               u.s.status AS status, u.s.date AS date, u.s.date_basis AS date_basis,
               u.s.evidence AS evidence
        FROM main.events e,
             unnest(from_json(e.record->'$.sources', '{SOURCE_TYPE}')) WITH ORDINALITY AS u(s, n)""",
    # One row per directed dyad in the shape of POLECAT: the event's subjects (actor,
    # visitor roles; else its first party) towards each other party. When every party
    # is a subject ("A and B met"), each earlier one points to each later one.
    "dyads": f"""
        WITH parties AS (
            SELECT *, role IN ('actor', 'visitor') AS subject FROM {{v}}participants
            WHERE role IS NULL OR role NOT IN {SIDE_ROLES_SQL}),
        shape AS (
            SELECT event_id, bool_or(subject) AS has_subject, bool_and(subject) AS all_subjects,
                   min(position) AS first FROM parties GROUP BY event_id),
        sides AS (
            SELECT p.*, shape.all_subjects,
                   CASE WHEN shape.has_subject THEN p.subject ELSE p.position = shape.first END AS is_source
            FROM parties p JOIN shape USING (event_id))
        SELECT s.event_id, e.date, e.type, e.status,
               s.country AS source_country, s.actor_id AS source_actor, s.name AS source_name,
               t.country AS target_country, t.actor_id AS target_actor, t.name AS target_name,
               e.plover_event, e.plover_mode, e.plover_context, e.cameo, e.n_sources
        FROM sides s
        JOIN sides t ON s.event_id = t.event_id AND s.position <> t.position
             AND ((s.is_source AND NOT t.is_source) OR (s.all_subjects AND s.position < t.position))
        JOIN {{v}}events e ON e.id = s.event_id""",
    "actors": """
        SELECT a.id, a.kind, a.name, a.country, a.code, a.gazetteer_id,
               coalesce((SELECT list_sort(list_distinct(flatten(list(aa.titles))))
                         FROM main.article_actors aa WHERE aa.actor_id = a.id), [])::VARCHAR[] AS titles,
               coalesce((SELECT list_sort(list_distinct(flatten(list(aa.aliases))))
                         FROM main.article_actors aa WHERE aa.actor_id = a.id), [])::VARCHAR[] AS aliases,
               (SELECT count(*) FROM main.mentions m WHERE m.actor_id = a.id)::INTEGER AS n_mentions,
               (SELECT count(DISTINCT aa.article_id) FROM main.article_actors aa
                 WHERE aa.actor_id = a.id)::INTEGER AS n_articles,
               (SELECT count(DISTINCT ep.event_id) FROM main.event_participants ep
                 WHERE ep.actor_id = a.id)::INTEGER AS n_events
        FROM main.actors a""",
    # Who met whom: one undirected edge per pair of parties, weighted by the events
    # they share (node ids: actor id, else the name).
    "edges": """
        WITH nodes AS (
            SELECT event_id, date, type, coalesce(actor_id, 'name:' || name) AS node, name, country
            FROM {v}participants)
        SELECT a.node AS source, any_value(a.name) AS source_name, any_value(a.country) AS source_country,
               b.node AS target, any_value(b.name) AS target_name, any_value(b.country) AS target_country,
               count(DISTINCT a.event_id)::INTEGER AS weight, min(a.date) AS first_date,
               max(a.date) AS last_date, list_sort(list_distinct(list(a.type)))::VARCHAR[] AS types,
               list_sort(list_distinct(list(a.event_id)))::VARCHAR[] AS event_ids
        FROM nodes a JOIN nodes b ON a.event_id = b.event_id AND a.node < b.node
        GROUP BY a.node, b.node""",
}
# `readouts events --format parquet`: public event records (one JSON text each, a list
# parameter) with real types; the documented jsonl fields, lists and structs kept.
EVENTS_PARQUET_SQL = """
    SELECT j->>'id' AS id, j->>'type' AS type, j->>'status' AS status,
           TRY_CAST(j->>'date' AS DATE) AS date, j->>'date_precision' AS date_precision,
           TRY_CAST(j->>'end_date' AS DATE) AS end_date, j->>'date_basis' AS date_basis,
           from_json(j->'participants', '[{"name":"VARCHAR","title":"VARCHAR","country":"VARCHAR","role":"VARCHAR"}]') AS participants,
           from_json(j->'location', '{"name":"VARCHAR","country":"VARCHAR"}') AS location,
           j->>'occasion' AS occasion,
           j->'plover'->>'event' AS plover_event, j->>'cameo' AS cameo,
           coalesce(from_json(j->'topics', '["VARCHAR"]'), [])::VARCHAR[] AS topics,
           from_json(j->'statements', '[{"speaker":"VARCHAR","text":"VARCHAR","positions":["VARCHAR"]}]') AS statements,
           from_json(j->'sources', '[{"article":"VARCHAR","outlet":"VARCHAR","published":"DATE",
               "evidence":[{"start":"INTEGER","end":"INTEGER","text":"VARCHAR","field":"VARCHAR"}]}]') AS sources
    FROM (SELECT unnest(?::VARCHAR[])::JSON AS j)"""
# Views also reachable by their bare name (no table is called so).
MAIN_ALIASES = ("participants", "statements", "sources", "dyads", "edges")


def view_statements(prefix: str = "analysis.", temporary: bool = False) -> list[str]:
    """CREATE statements for the analysis views, in dependency order."""
    kind = "TEMP VIEW" if temporary else "VIEW"
    statements = [] if temporary else ["CREATE SCHEMA IF NOT EXISTS analysis"]
    for name, sql in VIEWS.items():
        body = sql.replace("{v}", prefix)
        statements.append(f"CREATE OR REPLACE {kind} {prefix}{name} AS {body}")
    if not temporary:
        statements += [f"CREATE OR REPLACE VIEW main.{name} AS SELECT * FROM analysis.{name}"
                       for name in MAIN_ALIASES]
    return statements


# Person records (article, actor) of untitled names that at least twice as many articles
# read as a place as read as a person: the per-article rule ("half the uses read as a
# place") across articles, with a margin for the recogniser's slips on a person's name.
PLACE_MARGIN = 2
_READ_AS_PLACES = f"""
    WITH batch AS (SELECT DISTINCT lower(name) AS key FROM name_readings WHERE article_id IN (SELECT unnest(?))),
         tally AS (SELECT lower(name) AS key, count(DISTINCT article_id) FILTER (reading = 'place') AS placed,
                          count(DISTINCT article_id) FILTER (reading = 'person') AS kept
                   FROM name_readings WHERE lower(name) IN (SELECT key FROM batch) GROUP BY 1)
    SELECT aa.article_id, aa.actor_id FROM article_actors aa JOIN tally t ON t.key = lower(aa.name)
    WHERE aa.kind = 'person' AND coalesce(len(aa.titles), 0) = 0 AND t.placed >= {PLACE_MARGIN} * t.kept
      AND aa.actor_id NOT IN (SELECT id FROM actors WHERE gazetteer_id IS NOT NULL)
      AND aa.actor_id NOT IN (SELECT actor_id FROM event_participants WHERE actor_id IS NOT NULL)"""


# Statements that bring a store of version N-1 to version N (docs/schema.md).
MIGRATIONS = {
    2: ["ALTER TABLE articles ADD COLUMN IF NOT EXISTS genre VARCHAR"],
    3: ["CREATE TABLE IF NOT EXISTS name_readings (article_id VARCHAR, name VARCHAR, reading VARCHAR)"],
}


# Tables keyed by event id that save_event/delete_event rewrite together.
EVENT_INDEX_TABLES = ("event_blocks", "event_participants", "event_topics", "event_sources")


class StoreError(RuntimeError):
    """The database file cannot be used (locked, wrong schema, not a DuckDB file)."""


# Never reach the network: DuckDB would otherwise download and load an extension to
# read a file it does not recognise (a SQLite file named with --db, for instance).
OFFLINE_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

# Bytes 8-11 of every DuckDB database file; SQLite files begin with their own magic.
_DUCKDB_MAGIC = b"DUCK"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_LOCK_HOLDER = re.compile(r"\(PID (\d+)\)")


def connect_offline(path: str | Path = ":memory:", read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection that never installs or loads extensions on its own."""
    return duckdb.connect(str(path), read_only=read_only, config=OFFLINE_CONFIG)


def _refuse_foreign_file(path: Path) -> None:
    """StoreError unless `path` is absent, empty, or a DuckDB file (judged by its header)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not header:
        return
    if header.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path} is not a readouts database (it is a SQLite file)")
    if header[8:12] != _DUCKDB_MAGIC:
        raise StoreError(f"{path} is not a readouts database (not a DuckDB file)")


def _open_error(path: Path, exc: duckdb.Error) -> StoreError:
    """One line for a failed connect: the lock held by another process above all."""
    message = str(exc)
    if "Could not set lock" in message or "Conflicting lock" in message:
        holder = _LOCK_HOLDER.search(message)
        pid = f" (PID {holder.group(1)})" if holder else ""
        return StoreError(
            f"{path} is in use by another readouts process{pid}; wait for it to finish, "
            "or use another --db"
        )
    if "not a valid DuckDB database" in message:
        return StoreError(f"{path} is not a readouts database (not a DuckDB file)")
    return StoreError(f"cannot open {path}: {message.splitlines()[0]}")


def resolve_db_path(db: str | Path | None) -> Path:
    """--db, else $READOUTS_DB, else ./readouts.duckdb."""
    return Path(db or os.environ.get("READOUTS_DB") or DEFAULT_DB)


# the columns of `articles` a write fills (ingested_at takes its default)
ARTICLE_COLUMNS = (
    "id", "source", "title", "outlet", "url", "published", "published_from", "dateline", "fmt",
    "original", "text", "offsets", "words", "near_duplicate_of", "genre",
)


def stable_id(*parts: object, length: int = 16) -> str:
    text = "\x1f".join(str(p) for p in parts)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


class Store:
    """A readouts database. Use as a context manager or call close()."""

    def __init__(self, path: str | Path, read_only: bool = False):
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path} (run `readouts ingest` first)")
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a directory, not a database file")
        _refuse_foreign_file(self.path)
        try:
            self.con = connect_offline(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise _open_error(self.path, exc) from None
        try:
            self._refuse_foreign_schema(read_only)
            if not read_only:
                self._migrate()
            self._check_version()
            self.view_prefix = self._ensure_views(read_only)
        except BaseException:
            self.con.close()
            raise

    # ------------------------------------------------------------------ lifecycle

    def _migrate(self) -> None:
        """Create the schema of a new store, or bring an older one up to date."""
        version = self._version()
        with self.transaction():
            self.con.execute(SCHEMA)
            self.con.execute(INDEXES)
            if version is None:
                self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
                return
            for step in range(version + 1, SCHEMA_VERSION + 1):
                for statement in MIGRATIONS.get(step, []):
                    self.con.execute(statement)
            if version < SCHEMA_VERSION:
                self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'",
                                 [str(SCHEMA_VERSION)])

    def _refuse_foreign_schema(self, read_only: bool) -> None:
        """A DuckDB file with tables but no readouts version belongs to something else."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()}
        if tables and self._version() is None:
            raise StoreError(f"{self.path} is not a readouts database (a DuckDB file of other tables)")
        if not tables and read_only:
            raise StoreError(f"no readouts tables in {self.path} (run `readouts ingest` first)")

    def _ensure_views(self, read_only: bool) -> str:
        """The prefix of the analysis views: the file's own, or temporary copies when a
        read-only store opens a file written before they existed."""
        if not read_only:
            for statement in view_statements():
                self.con.execute(statement)
            return "analysis."
        present = self.con.execute(
            "SELECT count(*) FROM duckdb_views() WHERE schema_name = 'analysis'"
        ).fetchone()[0]
        if present >= len(VIEWS):
            return "analysis."
        if self._version() is None:  # not a readouts file: nothing to view
            return "analysis."
        for statement in view_statements("analysis_", temporary=True):
            self.con.execute(statement)
        return "analysis_"

    def view(self, name: str) -> str:
        """The SQL name of an analysis view (one of VIEWS)."""
        if name not in VIEWS:
            raise KeyError(name)
        return f"{self.view_prefix}{name}"

    def _version(self) -> int | None:
        try:
            row = self.con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except duckdb.CatalogException:
            return None
        return int(row[0]) if row else None

    def _check_version(self) -> None:
        version = self._version()
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}; this readouts knows {SCHEMA_VERSION}"
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator["Store"]:
        """All writes inside commit together or not at all."""
        self.con.begin()
        try:
            yield self
        except BaseException:
            self.con.rollback()
            raise
        else:
            self.con.commit()

    def insert(self, table: str, rows: list[list], columns: tuple[str, ...] = ()) -> None:
        """Insert rows (in the order of `columns`, default the table's) with one statement.

        The rows travel column-wise, one list parameter per column, unnested side by
        side. DuckDB runs `executemany` as one statement per row, and a multi-row VALUES
        statement must parse and bind every placeholder; both cost milliseconds per
        hundred rows, and an ingest writes thousands of mentions per batch.
        """
        if not rows:
            return
        values = [list(column) for column in zip(*rows)]
        select = ", ".join("unnest(?)" for _ in values)
        names = f" ({', '.join(columns)})" if columns else ""
        self.con.execute(f"INSERT INTO {table}{names} SELECT {select}", values)

    # -------------------------------------------------------------------- articles

    def known_article_ids(self, ids: list[str]) -> set[str]:
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {r[0] for r in rows}

    def write_analysed(
        self, items: list[AnalysedArticle], near_duplicates: dict[str, str] | None = None
    ) -> list[EventRecord]:
        """Write analysed articles (inside the caller's transaction), one statement per
        table for the whole batch. `near_duplicates` maps an article id to the stored
        article it nearly copies.

        Returns the article-level event records, ready for the merge stage.
        """
        near_duplicates = near_duplicates or {}
        self.insert("articles", [
            [
                a.id, a.source, a.title, a.outlet, a.url, a.published, a.published_from,
                a.dateline, a.fmt, a.original, a.text, json.dumps(a.offsets.segments),
                item.words, near_duplicates.get(a.id), a.genre,
            ]
            for item in items for a in [item.article]
        ], columns=ARTICLE_COLUMNS)
        self._write_actors(items)
        self.insert("timexes", [
            [a.id, start, end, a.original[start:end], t.type, t.value, t.anchored]
            for item in items for a in [item.article] for t in item.timexes
            for start, end in [a.to_original(t.start, t.end)]
        ])
        records, rows = [], []
        for item in items:
            for event in item.events:
                r = event_record(event, item.article, item.actor_ids)
                records.append(r)
                rows.append([r.id, item.article.id, None, r.type, r.status, r.date,
                             json.dumps(r.to_json(), ensure_ascii=False)])
        self.insert("article_events", rows)
        return records

    def _write_actors(self, items: list[AnalysedArticle]) -> None:
        ids_of = [
            {actor.key: item.actor_ids.get(actor.key) or fallback_actor_id(actor)
             for actor in item.actors.actors}
            for item in items
        ]
        wanted = sorted({aid for ids in ids_of for aid in ids.values()})
        known = {
            r[0] for r in self.con.execute(
                "SELECT id FROM actors WHERE id IN (SELECT unnest(?))", [wanted]
            ).fetchall()
        } if wanted else set()
        new_actors: dict[str, list] = {}
        article_actors, mentions = [], []
        for item, ids in zip(items, ids_of):
            a = item.article
            for actor in item.actors.actors:
                aid = ids[actor.key]
                if aid not in known and aid not in new_actors:
                    new_actors[aid] = [aid, actor.kind, actor.name, actor.country, actor.code,
                                       actor.gazetteer_id]
                article_actors.append([a.id, actor.key, aid, actor.kind, actor.name,
                                       actor.country, actor.titles, actor.aliases])
            for m in item.actors.mentions:
                start, end = a.to_original(m.start, m.end)
                aid = ids.get(m.actor_key) or item.actor_ids.get(m.actor_key) or m.actor_key
                mentions.append([a.id, aid, start, end, a.original[start:end], m.kind])
        self.insert("actors", list(new_actors.values()))
        self.insert("article_actors", article_actors)
        self.insert("mentions", mentions)
        self.insert("name_readings", [[item.article.id, name, "place"] for item in items
                                      for name in item.actors.places_read]
                    + [[item.article.id, actor.name, "person"] for item in items for actor in item.actors.actors
                       if actor.kind == "person" and not actor.titles and not actor.gazetteer_id])

    def drop_people_read_as_places(self, article_ids: list[str]) -> int:
        """Drop the person records of names that articles' own uses read as a place
        ("fighting in X", "the town of X") where other articles, whose uses said nothing
        either way ("rebels took X"), took them for untitled people, when at least twice
        as many articles read the name as a place (`name_readings` keeps every reading,
        so the tally never forgets a dropped record). Only the names the articles just
        stored (``article_ids``) read can change their tally. A title, a gazetteer row or
        a part in an event keeps a person. Returns the records dropped."""
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE read_as_places AS {_READ_AS_PLACES}", [article_ids])
        dropped = self.con.execute("SELECT count(*) FROM read_as_places").fetchone()[0]
        if dropped:
            self.con.execute("""
                DELETE FROM mentions m WHERE EXISTS (SELECT 1 FROM read_as_places r
                    WHERE r.article_id = m.article_id AND r.actor_id = m.actor_id)""")
            self.con.execute("""
                DELETE FROM article_actors aa WHERE EXISTS (SELECT 1 FROM read_as_places r
                    WHERE r.article_id = aa.article_id AND r.actor_id = aa.actor_id)""")
            self.con.execute("""
                DELETE FROM actors WHERE kind = 'person'
                    AND id IN (SELECT actor_id FROM read_as_places)
                    AND id NOT IN (SELECT actor_id FROM article_actors)""")
        return dropped

    # --------------------------------------------------------- merge-stage API

    def find_events(self, block_keys: list[str]) -> list[EventRecord]:
        """Merged events that share any of the block keys."""
        if not block_keys:
            return []
        rows = self.con.execute(
            "SELECT record FROM events WHERE id IN "
            "(SELECT DISTINCT event_id FROM event_blocks WHERE block IN (SELECT unnest(?)))"
            " ORDER BY id",
            [list(block_keys)],
        ).fetchall()
        return [EventRecord.from_json(json.loads(r[0])) for r in rows]

    def save_event(self, record: EventRecord, block_keys: list[str]) -> None:
        """Insert or replace a merged event and its query indexes."""
        eid = record.id
        self.delete_event(eid, keep_links=True)
        self.con.execute(
            "INSERT INTO events (id, type, status, date, date_precision, end_date, record)"
            " VALUES (?,?,?,?,?,?,?)",
            [
                eid, record.type, record.status, record.date, record.date_precision,
                record.end_date, json.dumps(record.to_json(), ensure_ascii=False),
            ],
        )
        self.insert("event_blocks", [[b, eid] for b in sorted(set(block_keys))])
        self.insert("event_participants", [
            [eid, p.actor_id, p.name, p.country, p.role] for p in record.participants
        ])
        self.insert("event_topics", [[eid, t] for t in record.topics])
        article_ids = sorted({s.article_id for s in record.sources if s.article_id})
        self.insert("event_sources", [[eid, a] for a in article_ids])
        article_event_ids = [s.id for s in record.sources if s.id]
        if article_event_ids:
            self.con.execute(
                "UPDATE article_events SET event_id=? WHERE id IN (SELECT unnest(?))",
                [eid, article_event_ids],
            )

    def delete_event(self, event_id: str, keep_links: bool = False) -> None:
        self.con.execute("DELETE FROM events WHERE id=?", [event_id])
        for table in EVENT_INDEX_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE event_id=?", [event_id])
        if not keep_links:
            self.con.execute(
                "DELETE FROM event_links WHERE event_id=? OR other_id=?", [event_id, event_id]
            )

    def add_link(self, event_id: str, other_id: str, relation: str) -> None:
        exists = self.con.execute(
            "SELECT 1 FROM event_links WHERE event_id=? AND other_id=? AND relation=?",
            [event_id, other_id, relation],
        ).fetchone()
        if not exists:
            self.con.execute("INSERT INTO event_links VALUES (?,?,?)", [event_id, other_id, relation])

    def links(self, event_ids: list[str] | None = None) -> dict[str, list[tuple[str, str]]]:
        """Each event's links as (relation, other id); only those of `event_ids` when given."""
        sql, args = "SELECT * FROM event_links", []
        if event_ids is not None:
            sql, args = sql + " WHERE event_id IN (SELECT unnest(?))", [list(event_ids)]
        out: dict[str, list[tuple[str, str]]] = {}
        for eid, other, rel in self.con.execute(sql + " ORDER BY ALL", args).fetchall():
            out.setdefault(eid, []).append((rel, other))
        return out

    def articles_by_band(self, bands: list[str]) -> dict[str, set[str]]:
        """For each of `bands` that stored articles have: the ids of those articles."""
        found: dict[str, set[str]] = {}
        if bands:
            rows = self.con.execute(
                "SELECT DISTINCT band, article_id FROM article_bands WHERE band IN (SELECT unnest(?))",
                [list(bands)],
            ).fetchall()
            for band, article_id in rows:
                found.setdefault(band, set()).add(article_id)
        return found

    def save_bands(self, bands_of: list[tuple[str, list[str]]]) -> None:
        """Record the LSH bands of articles: (article id, bands) pairs."""
        self.insert("article_bands", [[b, article_id] for article_id, bands in bands_of for b in bands])

    # ---------------------------------------------------------------- read API

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def articles(self) -> list[dict]:
        cur = self.con.execute(
            "SELECT id, source, title, outlet, published, published_from, dateline, text,"
            " near_duplicate_of FROM articles ORDER BY published NULLS LAST, source"
        )
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def actors(self, kind: str | None = None) -> list[dict]:
        sql = """
            SELECT a.id, a.kind, a.name, a.country,
                   list_distinct(flatten(list(aa.titles))) AS titles,
                   list_distinct(flatten(list(aa.aliases))) AS aliases,
                   (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions,
                   list_sort(list_distinct(list(ar.source))) AS articles
            FROM actors a
            JOIN article_actors aa ON aa.actor_id = a.id
            JOIN articles ar ON ar.id = aa.article_id
            WHERE (? IS NULL OR a.kind = ?)
            GROUP BY a.id, a.kind, a.name, a.country
            ORDER BY CASE a.kind WHEN 'person' THEN 0 WHEN 'state' THEN 1 ELSE 2 END,
                     mentions DESC, a.name
        """
        cur = self.con.execute(sql, [kind, kind])
        cols = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            item = dict(zip(cols, row))
            item["titles"] = [t for t in (item["titles"] or []) if t]
            item["aliases"] = sorted(a for a in (item["aliases"] or []) if a)
            out.append(item)
        return out

    def stored_choices(self) -> tuple[set[str], set[str]]:
        """The event types and topics the merged events of this store use."""
        types = {r[0] for r in self.con.execute("SELECT DISTINCT type FROM events").fetchall() if r[0]}
        topics = {r[0] for r in self.con.execute("SELECT DISTINCT topic FROM event_topics").fetchall() if r[0]}
        return types, topics

    def events(
        self,
        country: list[str] | None = None,
        actor: str | None = None,
        type: str | None = None,
        topic: str | None = None,
        since: date | None = None,
        until: date | None = None,
        status: str | None = None,
    ) -> list[dict]:
        """Merged events matching every given filter, in date order (undated last), as
        their stored JSON (`EventRecord.to_json`; the renderers read it, `EventRecord.
        from_json` makes it typed again)."""
        clauses: list[tuple[str, list]] = [
            ("id IN (SELECT event_id FROM event_participants WHERE country = ?)", [code.upper()])
            for code in country or []
        ]
        by_participant = "id IN (SELECT event_id FROM event_participants WHERE name ILIKE ? OR actor_id ILIKE ?)"
        optional = [
            (actor, by_participant, [f"%{actor}%", f"%{actor}%"]),
            (type, "type = ?", [type]),
            (topic, "id IN (SELECT event_id FROM event_topics WHERE topic = ?)", [topic]),
            (since, "date >= ?", [since]),
            (until, "date <= ?", [until]),
            (status, "status = ?", [status]),
        ]
        clauses += [(sql, args) for value, sql, args in optional if value]
        where = [sql for sql, _ in clauses]
        args = [a for _, values in clauses for a in values]
        sql = "SELECT record FROM events"
        if where:
            # The matching rows are found by rowid first and only then is `record`
            # read: DuckDB would otherwise decompress every record the filter scans
            # (0.4 s instead of 20 ms for a pair's events among 100,000).
            sql += (" WHERE rowid IN (SELECT rowid FROM events WHERE "
                    + " AND ".join(where) + ")")
        sql += " ORDER BY date NULLS LAST, id"
        return [json.loads(r[0]) for r in self.con.execute(sql, args).fetchall()]


    # ------------------------------------------------------- browse API (readouts serve)
    # Read-only queries behind the web pages. Filters are a dict with the keys of
    # EVENT_FILTER_KEYS; every value travels as a parameter, never inside the SQL.

    def reader(self) -> "Store":
        """A Store on its own cursor of the same database, for one thread's queries
        (one DuckDB connection must not run statements from two threads at once)."""
        view = object.__new__(Store)
        view.path = self.path
        view.con = self.con.cursor()
        view.view_prefix = self.view_prefix
        if self.view_prefix != "analysis.":  # temporary views live in one connection
            for statement in view_statements(self.view_prefix, temporary=True):
                view.con.execute(statement)
        return view

    def _rows(self, sql: str, args: list) -> list[dict]:
        cur = self.con.execute(sql, args)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def browse_events(
        self, filters: dict, sort: str = "date", descending: bool = False,
        limit: int = 50, offset: int = 0, count: bool = True,
    ) -> tuple[int | None, list[dict]]:
        """(number of matching events, one page of their records). With count=False
        the number is None (the caller has it from event_facets)."""
        where, args = event_filter_sql(filters)
        total = (self.con.execute(f"SELECT count(*) FROM events WHERE {where}", args).fetchone()[0]
                 if count else None)
        order = EVENT_SORTS[sort] + (" DESC" if descending else "")
        # The page's rows are chosen by rowid first and only then is `record` read:
        # DuckDB would otherwise decompress every record the filter looks at.
        page = (f"SELECT rowid FROM events WHERE {where} ORDER BY {order} NULLS LAST, id"
                " LIMIT ? OFFSET ?")
        rows = self.con.execute(
            f"SELECT record FROM events WHERE rowid IN ({page}) ORDER BY {order} NULLS LAST, id",
            args + [limit, offset],
        ).fetchall()
        return total, [json.loads(r[0]) for r in rows]

    def event_facets(self, filters: dict, top: int = 15) -> dict[str, list[tuple]]:
        """For each facet, its values among the matching events with their counts
        (most frequent first): (value, count) or, for actors, (id, name, count); and
        under "total" [(None, number of matching events)].

        One statement: the matching events and their participants are materialised
        once and every facet counts from them."""
        where, args = event_filter_sql(filters)
        sql = f"""
            WITH m AS MATERIALIZED (SELECT id, type, status FROM events WHERE {where}),
            p AS MATERIALIZED (
                SELECT ep.event_id, ep.actor_id, ep.name, ep.country
                FROM event_participants ep SEMI JOIN m ON ep.event_id = m.id),
            counted AS (
                SELECT 'total' AS facet, NULL AS value, NULL AS name, count(*) AS n FROM m
                UNION ALL SELECT 'type', type, NULL, count(*) FROM m GROUP BY ALL
                UNION ALL SELECT 'status', status, NULL, count(*) FROM m GROUP BY ALL
                UNION ALL SELECT 'country', country, NULL, count(DISTINCT event_id) FROM p
                    WHERE country IS NOT NULL GROUP BY ALL
                UNION ALL SELECT 'pair', a.country || '-' || b.country, NULL, count(DISTINCT a.event_id)
                    FROM p a JOIN p b ON a.event_id = b.event_id AND a.country < b.country GROUP BY ALL
                UNION ALL SELECT 'topic', t.topic, NULL, count(*)
                    FROM event_topics t SEMI JOIN m ON t.event_id = m.id GROUP BY ALL
                UNION ALL SELECT 'outlet', ar.outlet, NULL, count(DISTINCT s.event_id)
                    FROM event_sources s SEMI JOIN m ON s.event_id = m.id
                    JOIN articles ar ON ar.id = s.article_id WHERE ar.outlet IS NOT NULL GROUP BY ALL
                UNION ALL SELECT 'actor', actor_id, min(name), count(DISTINCT event_id) FROM p
                    WHERE actor_id IS NOT NULL AND actor_id NOT LIKE 'state:%' GROUP BY actor_id)
            SELECT facet, value, name, n FROM counted
            QUALIFY row_number() OVER (PARTITION BY facet ORDER BY n DESC, value) <= ?
            ORDER BY facet, n DESC, value
        """
        facets: dict[str, list[tuple]] = {
            name: [] for name in ("total", "type", "status", "country", "pair", "topic", "outlet", "actor")}
        for facet, value, name, n in self.con.execute(sql, args + [top]).fetchall():
            facets[facet].append((value, name, n) if facet == "actor" else (value, n))
        return facets

    def event_values(self) -> dict[str, list[str]]:
        """The types, statuses and topics present, to check filter values against."""
        return {
            "type": [r[0] for r in self.con.execute("SELECT DISTINCT type FROM events ORDER BY 1").fetchall()],
            "status": [r[0] for r in self.con.execute("SELECT DISTINCT status FROM events ORDER BY 1").fetchall()],
            "topic": [r[0] for r in self.con.execute("SELECT DISTINCT topic FROM event_topics ORDER BY 1").fetchall()],
        }

    def export_sql(self, table: str, filters: dict) -> tuple[str, list]:
        """The rows of an export table (export.EXPORT_TABLES, keyed by event) that belong
        to the events matching the browse filters, with the SQL's parameters."""
        from .export import query

        where, args = event_filter_sql(filters)
        sql, table_args = query(self, table)
        key = "id" if table == "events" else "event_id"
        return (f"SELECT * FROM ({sql}) AS rows WHERE rows.{key} IN"
                f" (SELECT id FROM events WHERE {where})", table_args + args)

    def event_by_id(self, event_id: str) -> dict | None:
        row = self.con.execute("SELECT record FROM events WHERE id = ?", [event_id]).fetchone()
        return json.loads(row[0]) if row else None

    def events_by_ids(self, event_ids: list[str]) -> list[dict]:
        if not event_ids:
            return []
        rows = self.con.execute(
            "SELECT record FROM events WHERE rowid IN"
            " (SELECT rowid FROM events WHERE id IN (SELECT unnest(?))) ORDER BY date NULLS LAST, id",
            [list(event_ids)],
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def links_of(self, event_id: str) -> list[tuple[str, str, str]]:
        """(relation, direction, other event id): 'out' when this event is the subject
        of the relation (it is part_of the other), 'in' when the other one is."""
        rows = self.con.execute(
            "SELECT relation, 'out', other_id FROM event_links WHERE event_id = ?"
            " UNION SELECT relation, 'in', event_id FROM event_links WHERE other_id = ?"
            " ORDER BY ALL", [event_id, event_id],
        ).fetchall()
        return [tuple(r) for r in rows]

    def article_by_id(self, article_id: str) -> dict | None:
        rows = self._rows(
            "SELECT id, source, title, outlet, url, published, published_from, dateline, fmt,"
            " original, text, words, near_duplicate_of FROM articles WHERE id = ?", [article_id],
        )
        return rows[0] if rows else None

    def event_ids_of_articles(self, article_ids: list[str]) -> dict[str, list[str]]:
        """Article id -> ids of the merged events it reports."""
        found: dict[str, list[str]] = {}
        if article_ids:
            rows = self.con.execute(
                "SELECT article_id, event_id FROM event_sources"
                " WHERE article_id IN (SELECT unnest(?)) ORDER BY ALL", [list(article_ids)],
            ).fetchall()
            for article_id, event_id in rows:
                found.setdefault(article_id, []).append(event_id)
        return found

    def article_event_records(self, article_id: str) -> list[dict]:
        """The article-level records of one article (its own evidence, before merging)."""
        rows = self.con.execute(
            "SELECT record FROM article_events WHERE article_id = ? ORDER BY id", [article_id]
        ).fetchall()
        return [json.loads(r[0]) for r in rows]

    def browse_articles(self, q: str | None = None, limit: int = 50, offset: int = 0
                        ) -> tuple[int, list[dict]]:
        """(number of matching articles, one page with each one's count of events)."""
        where = "(? IS NULL OR contains(lower(coalesce(ar.title, '') || ' ' || ar.source), lower(?)))"
        total = self.con.execute(f"SELECT count(*) FROM articles ar WHERE {where}", [q, q]).fetchone()[0]
        rows = self._rows(
            "SELECT ar.id, ar.source, ar.title, ar.outlet, ar.published, ar.words,"
            " ar.near_duplicate_of,"
            " (SELECT count(*) FROM event_sources s WHERE s.article_id = ar.id) AS events"
            f" FROM articles ar WHERE {where}"
            " ORDER BY ar.published DESC NULLS LAST, ar.source LIMIT ? OFFSET ?",
            [q, q, limit, offset],
        )
        return total, rows

    def actor_by_id(self, actor_id: str) -> dict | None:
        rows = self._rows(
            "SELECT id, kind, name, country, code, gazetteer_id FROM actors WHERE id = ?", [actor_id]
        )
        if not rows:
            return None
        actor = rows[0]
        row = self.con.execute(
            "SELECT list_distinct(flatten(list(titles))), list_distinct(flatten(list(aliases))),"
            " count(DISTINCT article_id) FROM article_actors WHERE actor_id = ?", [actor_id],
        ).fetchone()
        actor["titles"] = sorted(t for t in row[0] or [] if t)
        actor["aliases"] = sorted(a for a in row[1] or [] if a)
        actor["articles"] = row[2]
        return actor

    def browse_actors(self, kind: str | None = None, q: str | None = None,
                      limit: int = 100, offset: int = 0) -> tuple[int, list[dict]]:
        """(number of matching actors, one page with each one's count of events)."""
        where = ("(? IS NULL OR a.kind = ?)"
                 " AND (? IS NULL OR contains(lower(a.name), lower(?)))")
        args = [kind, kind, q, q]
        total = self.con.execute(f"SELECT count(*) FROM actors a WHERE {where}", args).fetchone()[0]
        rows = self._rows(
            "SELECT a.id, a.kind, a.name, a.country, count(DISTINCT p.event_id) AS events"
            " FROM actors a LEFT JOIN event_participants p ON p.actor_id = a.id"
            f" WHERE {where} GROUP BY ALL ORDER BY events DESC, a.name LIMIT ? OFFSET ?",
            args + [limit, offset],
        )
        return total, rows

    def actor_offices(self, actor_id: str) -> list[dict]:
        """The titles an actor held in events, each with its first and last event date."""
        return self._rows(
            "SELECT title, min(date) AS first, max(date) AS last, count(*) AS events FROM ("
            " SELECT e.date, p->>'title' AS title FROM events e,"
            " unnest(CAST(e.record->'participants' AS JSON[])) AS t(p)"
            " WHERE e.id IN (SELECT event_id FROM event_participants WHERE actor_id = ?)"
            " AND p->>'actor_id' = ?) WHERE title IS NOT NULL AND title <> ''"
            " GROUP BY title ORDER BY first NULLS LAST, title", [actor_id, actor_id],
        )

    def counterparts(self, actor_id: str, limit: int = 30) -> list[dict]:
        """The other participants of an actor's events, most frequent first."""
        return self._rows(
            "SELECT o.actor_id, min(o.name) AS name, min(o.country) AS country,"
            " count(DISTINCT o.event_id) AS events, list(DISTINCT o.event_id) AS event_ids"
            " FROM event_participants o WHERE o.event_id IN"
            " (SELECT event_id FROM event_participants WHERE actor_id = ?)"
            " AND o.actor_id IS DISTINCT FROM ? AND o.actor_id IS NOT NULL"
            " GROUP BY o.actor_id ORDER BY events DESC, name LIMIT ?", [actor_id, actor_id, limit],
        )


# The sort orders the events page offers; the keys are what a URL may name.
EVENT_SORTS = {
    "date": "date",
    "type": "type",
    "sources": "json_array_length(record->'sources')",
    "updated": "updated_at",
}
EVENT_FILTER_KEYS = (
    "country", "pair", "actor", "type", "status", "topic", "outlet", "since", "until", "q", "ids",
)


def event_filter_sql(filters: dict) -> tuple[str, list]:
    """A WHERE clause over `events` for the browse filters, with its parameters.

    country: list of ISO3 codes (every one takes part); pair: (ISO3, ISO3); actor: an
    actor id or part of a participant's name; type, status, topic, outlet: exact;
    since, until: dates (inclusive); q: words in a statement or a source's title;
    ids: event ids (the events behind a count on another page).
    """
    by_country = "id IN (SELECT event_id FROM event_participants WHERE country = ?)"
    clauses: list[tuple[str, list]] = [
        (by_country, [code]) for code in list(filters.get("country") or []) + list(filters.get("pair") or [])
    ]
    actor, q = filters.get("actor"), filters.get("q")
    in_title = ("id IN (SELECT s.event_id FROM event_sources s JOIN articles ar ON ar.id = s.article_id"
                " WHERE contains(lower(ar.title), ?))")
    in_statement = ("contains(lower(array_to_string("
                    "json_extract_string(record, '$.statements[*].text'), ' ')), ?)")
    optional = [
        (actor, "id IN (SELECT event_id FROM event_participants"
                " WHERE actor_id = ? OR contains(lower(name), lower(?)))", [actor, actor]),
        (filters.get("type"), "type = ?", [filters.get("type")]),
        (filters.get("status"), "status = ?", [filters.get("status")]),
        (filters.get("topic"), "id IN (SELECT event_id FROM event_topics WHERE topic = ?)",
         [filters.get("topic")]),
        (filters.get("outlet"), "id IN (SELECT s.event_id FROM event_sources s"
                                " JOIN articles ar ON ar.id = s.article_id WHERE ar.outlet = ?)",
         [filters.get("outlet")]),
        (filters.get("since"), "date >= ?", [filters.get("since")]),
        (filters.get("until"), "date <= ?", [filters.get("until")]),
        (q, f"({in_statement} OR {in_title})", [(q or "").lower(), (q or "").lower()]),
    ]
    clauses += [(sql, args) for value, sql, args in optional if value]
    if filters.get("ids"):
        clauses.append(("id IN (SELECT unnest(?))", [list(filters["ids"])]))
    if not clauses:
        return "true", []
    return " AND ".join(sql for sql, _ in clauses), [a for _, values in clauses for a in values]


# --------------------------------------------------------------------- records


def fallback_actor_id(actor: Actor) -> str:
    """A corpus-level id when the actors stage gave none."""
    slug = "-".join(actor.name.lower().split())
    return f"{actor.kind}:{slug}:{actor.country or 'XXX'}"


def event_record(event: Event, article: Article, actor_ids: dict[str, str]) -> EventRecord:
    """The record of one article-level event (see docs/schema.md).

    Evidence spans are mapped from clean-text offsets into the original text.
    """
    d = event.date
    trigger = event.evidence[0].start if event.evidence else event.sentence_start
    # two events of one article may share their first trigger (a tour split into one
    # visit per state): the place and the parties tell them apart
    place = (event.location or {}).get("country") or ""
    eid = stable_id(article.id, event.type, trigger, place, *sorted(p.name for p in event.participants))
    date_value = d.value.isoformat() if d and d.value else None
    dating = {
        "date": date_value,
        "date_precision": d.precision if d else "unknown",
        "end_date": d.end_value.isoformat() if d and d.end_value else None,
        "date_basis": d.basis if d else "none",
    }
    return EventRecord(
        id=eid,
        type=event.type,
        status=event.status,
        **dating,
        participants=[
            ParticipantRecord(name=p.name, title=p.title, country=p.country, role=p.role,
                              actor_id=actor_ids.get(p.actor_key or "") or None)
            for p in event.participants
        ],
        location=event.location,
        occasion=event.occasion,
        plover=event.plover or {},
        cameo=event.cameo,
        topics=list(event.topics),
        statements=[statement_record(s, article) for s in event.statements],
        sources=[
            SourceRecord(
                id=eid,
                article=article.url or article.source,
                article_id=article.id,
                outlet=article.outlet,
                published=article.published.isoformat() if article.published else None,
                status=event.status,
                evidence=evidence_records(event.evidence + event.topic_evidence, article),
                **dating,
            )
        ],
    )


def evidence_records(spans: list[Span], article: Article) -> list[Evidence]:
    """Clean-text spans as evidence in the original text."""
    out = []
    for span in spans:
        start, end = article.to_original(span.start, span.end)
        out.append(Evidence(start, end, article.original[start:end], span.field))
    return out


def statement_record(statement: Statement, article: Article) -> StatementRecord:
    start, end = article.to_original(statement.start, statement.end)
    return StatementRecord(speaker=statement.speaker, text=statement.text,
                           positions=list(statement.positions), start=start, end=end)
