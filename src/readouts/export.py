"""Export: the analysis views as Parquet, CSV or JSON lines.

Owns: writing one of the store's analysis views (store.VIEWS, documented in
docs/schema.md) to a file or stdout, filtered by country and dates.

Parquet keeps DuckDB's types (dates as dates, lists as lists, structs as structs); it
is written by DuckDB's relation API, so the output path is never part of an SQL
string. CSV and JSON lines are written here: a list or struct cell becomes JSON text
in CSV, and dates become ISO strings in both.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, TextIO

from .store import Store

EXPORT_TABLES = ("events", "participants", "dyads", "statements", "sources", "actors", "edges")
EXPORT_FORMATS = ("parquet", "csv", "jsonl")


class ExportError(ValueError):
    """A user mistake in an export request (one line, no traceback)."""


def _filters(store: Store, table: str, country: Iterable[str], since: date | None,
             until: date | None) -> tuple[list[str], list]:
    """WHERE clauses (our SQL, values as parameters) for the table's own columns."""
    where, args = [], []
    codes = [c.upper() for c in country or []]
    if table == "actors":
        if codes:
            where.append("country IN (SELECT unnest(?))")
            args.append(codes)
        return where, args
    if table == "edges":
        if codes:
            where.append("(source_country IN (SELECT unnest(?)) OR target_country IN (SELECT unnest(?)))")
            args += [codes, codes]
        _overlapping(where, args, since, until, first="first_date", last="last_date")
        return where, args
    event_id = "id" if table == "events" else "event_id"
    for code in codes:
        where.append(f"{event_id} IN (SELECT event_id FROM event_participants WHERE country = ?)")
        args.append(code)
    _overlapping(where, args, since, until)
    return where, args


def _overlapping(where: list[str], args: list, since: date | None, until: date | None,
                 first: str = "date", last: str = "date") -> None:
    """Rows whose days [first, last] meet the period [since, until]."""
    if since:
        where.append(f"{last} >= ?")
        args.append(since)
    if until:
        where.append(f"{first} <= ?")
        args.append(until)


ORDER = {
    "events": "date NULLS LAST, id", "participants": "date NULLS LAST, event_id, position",
    "dyads": "date NULLS LAST, event_id, source_name, target_name",
    "statements": "date NULLS LAST, event_id, position",
    "sources": "event_id, position", "actors": "kind, name, id",
    "edges": "weight DESC, source, target",
}


def query(store: Store, table: str, country: Iterable[str] = (), since: date | None = None,
          until: date | None = None) -> tuple[str, list]:
    """The SELECT (and its parameters) behind one export."""
    if table not in EXPORT_TABLES:
        raise ExportError(f"unknown table {table!r}; choose from {', '.join(EXPORT_TABLES)}")
    where, args = _filters(store, table, country, since, until)
    sql = f"SELECT * FROM {store.view(table)}"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + f" ORDER BY {ORDER[table]}", args


def export_table(store: Store, table: str, fmt: str, output: Path | None,
                 country: Iterable[str] = (), since: date | None = None,
                 until: date | None = None, stdout: TextIO | None = None) -> int:
    """Write one analysis view; returns the number of rows. Without `output`, CSV and
    JSON lines go to stdout (Parquet needs a file)."""
    if fmt not in EXPORT_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(EXPORT_FORMATS)}")
    sql, args = query(store, table, country, since, until)
    if fmt == "parquet":
        if output is None:
            raise ExportError("--format parquet needs --output FILE")
        # A cursor of its own: the relation must not wait on the connection's last result.
        store.con.cursor().sql(sql, params=args).write_parquet(str(output))
        return store.con.execute(f"SELECT count(*) FROM ({sql})", args).fetchone()[0]
    cursor = store.con.execute(sql, args)
    columns = [d[0] for d in cursor.description]
    rows = cursor.fetchall()
    records = (dict(zip(columns, row)) for row in rows)
    text = _csv(records, columns) if fmt == "csv" else _jsonl(records)
    if output is None:
        (stdout or sys.stdout).write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return len(rows)


def _plain(value):
    """A cell as JSON knows it: dates as ISO strings, the rest as they are."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False) + "\n"
                   for r in records)


def _csv_cell(value):
    value = _plain(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def _csv(records: Iterable[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for r in records:
        writer.writerow([_csv_cell(r[c]) for c in columns])
    return buffer.getvalue()


def write_events_parquet(events: list[dict], output: Path) -> None:
    """Public event records (report.public_event) as Parquet with real types.

    The records travel as one list parameter and the path through the relation API:
    no user text is ever part of the SQL.
    """
    import duckdb

    from .store import EVENTS_PARQUET_SQL

    con = duckdb.connect(config={"autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    try:
        texts = [json.dumps(e, ensure_ascii=False) for e in events]
        con.sql(EVENTS_PARQUET_SQL, params=[texts]).write_parquet(str(output))
    finally:
        con.close()
