"""CLI: the `readouts` command.

Owns: argument parsing, output formats and user-facing messages. Every command that
touches the store takes --db, falling back to $READOUTS_DB, then ./readouts.duckdb.
User errors print one line and exit 2; tracebacks are for bugs only.
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn
from rich import box
from rich.markup import escape
from rich.table import Table

from . import __version__
from .store import Store, StoreError, resolve_db_path

app = typer.Typer(
    help="Turn dated news articles about international relations into a verified record "
    "of diplomatic events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)
# Tables are laid out for the terminal, and for 80 columns when printing to a pipe.
TABLE_WIDTH = 80

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="Database file (default: $READOUTS_DB, else ./readouts.duckdb)."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
# Event filters shared by `events` and `timeline`.
CountryOption = Annotated[
    Optional[list[str]],
    typer.Option(help="A participant's state: ISO3 code or name, e.g. PAK or Pakistan (repeatable)."),
]
ActorNameOption = Annotated[Optional[str], typer.Option(help="Part of a participant's name.")]
TypeOption = Annotated[Optional[str], typer.Option("--type", help="Event type, e.g. meeting.")]
TopicOption = Annotated[Optional[str], typer.Option(help="Topic id, e.g. economic_corridor.")]
SinceOption = Annotated[
    Optional[str], typer.Option(help="From this day, inclusive: YYYY-MM-DD, YYYY-MM or YYYY.")
]
UntilOption = Annotated[
    Optional[str], typer.Option(help="To this day, inclusive: YYYY-MM-DD, YYYY-MM (its last day) or YYYY.")
]
StatusOption = Annotated[Optional[str], typer.Option(help="occurred, planned or negated.")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file.")]


class ListFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ActorFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


class EventFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class DateOrder(str, Enum):
    DMY = "DMY"
    MDY = "MDY"


class TimelineFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


class Names(str, Enum):
    """`ingest --names`, mapped to what the gate does outside its parsed sentences."""

    linked = "linked"
    all = "all"

    @property
    def outside(self) -> str:
        return {"linked": "linked", "all": "ner"}[self.value]


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error:[/red] {message}")
    raise typer.Exit(code)


def open_store(db: Path | None, read_only: bool = False) -> Store:
    try:
        return Store(resolve_db_path(db), read_only=read_only)
    except StoreError as exc:
        fail(str(exc))


PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def parse_day(value: str | None, option: str, end: bool = False) -> date | None:
    """A day from YYYY-MM-DD, or from YYYY-MM / YYYY: their first day, or their last
    when `end` (so --until 2011-08 takes in the whole of August)."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = PARTIAL_DATE.match(value.strip())
    if match and 1 <= int(match.group(2) or 1) <= 12:
        year = int(match.group(1))
        if match.group(2):
            month = int(match.group(2))
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    fail(f"{option} takes a date as YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")


def parse_countries(values: list[str] | None) -> list[str]:
    """ISO3 codes from codes or names; an unknown one is a usage error."""
    from .dossier import resolve_country

    codes = []
    for value in values or []:
        code = resolve_country(value)
        if code is None:
            fail(f"unknown country {value!r}: give an ISO3 code (PAK) or a name (Pakistan)")
        codes.append(code)
    return codes


def _table_width() -> int:
    """The terminal's width, else 80 columns (a pipe, a file)."""
    return out.width if out.is_terminal else TABLE_WIDTH


def table_console() -> Console:
    """A console for tables, as wide as _table_width()."""
    return Console(file=io.StringIO(), width=_table_width(), highlight=False)


def _version_callback(value: bool) -> None:
    if value:
        out.print(f"readouts {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version_callback, is_eager=True,
                     help="Print the version and exit."),
    ] = None,
) -> None:
    """Turn dated news articles about international relations into a verified record
    of diplomatic events."""


# ------------------------------------------------------------------------ ingest


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (searched recursively).")],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    scheduler: Annotated[
        Optional[str],
        typer.Option(help="Dask scheduler address (tcp://host:8786) or 'local': analyse on a "
                     "cluster instead of --jobs processes. Needs the 'dask' extra."),
    ] = None,
    names: Annotated[
        Names,
        typer.Option(help="People to find in sentences without a diplomatic trigger: 'linked' "
                     "(those sharing a name with the sentences that have one; events are the "
                     "same) or 'all' (every person named anywhere; about 15% slower)."),
    ] = Names.linked,
    text_field: Annotated[
        Optional[str],
        typer.Option(help="Field (JSON) or column (CSV) holding the article text "
                     "[default: the first of text, body, content, article ...]."),
    ] = None,
    date_field: Annotated[
        Optional[str],
        typer.Option(help="Field or column holding the publication date "
                     "[default: the first of published, date, dct, pubdate ...]."),
    ] = None,
    id_field: Annotated[
        Optional[str],
        typer.Option(help="Field or column holding the record id [default: id, uid, guid ...]."),
    ] = None,
    date_order: Annotated[
        Optional[DateOrder],
        typer.Option(help="How to read publication dates such as 02/03/2012: DMY (2 March) or "
                     "MDY (February 3). Without it such dates are skipped as ambiguous."),
    ] = None,
    gazetteer: Annotated[
        Optional[Path],
        typer.Option(help="TSV of people and their offices added to (or replacing by id) the "
                     "packaged gazetteer; columns as in docs/gazetteer.md."),
    ] = None,
    event_types: Annotated[
        Optional[Path],
        typer.Option(help="TOML of event types (and vocabulary tables) laid over the packaged "
                     "event_types.toml: a new [types.NAME] table adds a type."),
    ] = None,
    topics: Annotated[
        Optional[Path],
        typer.Option(help="TOML of topics added to (or replacing by id) the packaged topics."),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Read, clean and analyse articles; store them and merge their events.

    Formats: .txt (optional first line ' date YYYY-MM-DD'; multi-article exports are
    split), .jsonl/.json and .csv (text/body/content, title/headline,
    published/date/dct, url, outlet, id/uid/guid; other names with --text-field ...),
    .html/.htm. Bad files are reported in one line each and skipped; re-running adds
    nothing that is already stored. Ctrl-C keeps every batch already stored (exit
    status 130); running the same command again continues.
    """
    from .pipeline import ingest as run_ingest
    from .read import FieldNames, ReadOptions

    read_options = ReadOptions(
        fields=FieldNames().with_overrides(text=text_field, date=date_field, id=id_field),
        date_order=date_order.value if date_order else None,
    )
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    resources = _resources(gazetteer, event_types, topics)
    store = open_store(db)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("articles · {task.fields[events]} events"),
        TimeElapsedColumn(),
        # a long text advances the bar window by window: "big.txt#char=20000,40113"
        TextColumn("[dim]{task.fields[source]}"),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    counts = {"events": 0}

    def on_article(item) -> None:
        counts["events"] += len(item.events)
        progress.update(task, advance=1, events=counts["events"], source=_short(item.article.source, 50))

    def on_skip(line: str) -> None:
        if not quiet:
            progress.console.print(f"[yellow]skip[/yellow] {line}")

    with store, progress:
        task = progress.add_task("ingest", total=None, events=0, source="")
        try:
            report = run_ingest(paths, store, jobs=jobs, on_skip=on_skip, on_article=on_article,
                                scheduler=scheduler, outside=names.outside, read_options=read_options,
                                resources=resources)
        except RuntimeError as exc:
            if "dask extra" not in str(exc):
                raise
            fail(str(exc))
    if report.interrupted:
        err.print(f"interrupted: {report.stored} articles stored in {store.path} before Ctrl-C; "
                  "run the same command again to continue where this run stopped")
        raise typer.Exit(130)
    if not quiet:
        err.print(report.summary())
    if report.read == 0:
        fail("nothing could be read from the given paths", code=1)


# ---------------------------------------------------------------------- articles


@app.command()
def articles(
    db: DbOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.table,
) -> None:
    """List the stored articles."""
    with open_store(db, read_only=True) as store:
        rows = store.articles()
    fields = ["id", "source", "title", "outlet", "published", "published_from", "dateline", "text"]
    records = [{k: _jsonable(r[k]) for k in fields} for r in rows]
    if format is ListFormat.jsonl:
        _print_jsonl(records)
    elif format is ListFormat.csv:
        _print_csv(records, fields)
    else:
        rows = [[r["id"][:8], r["published"] or "—", _short(r["outlet"] or "—", 14),
                 r["title"] or r["text"] or ""] for r in records]
        table, room = _fitted_table(["id", "published", "outlet", "title"], rows, flexible=3)
        for row in rows:
            table.add_row(*map(escape, row[:3]), escape(_short(row[3], room)))
        _print_table(table)
        out.print(f"{len(records)} articles")


# ------------------------------------------------------------------------ actors


@app.command()
def actors(
    db: DbOption = None,
    format: Annotated[ActorFormat, typer.Option("--format", "-f")] = ActorFormat.table,
    kind: Annotated[
        Optional[str], typer.Option(help="Only this kind: person, state or organisation.")
    ] = None,
) -> None:
    """List the actors found across the stored articles (one row per actor)."""
    with open_store(db, read_only=True) as store:
        rows = store.actors(kind)
    fields = ["id", "name", "kind", "country", "titles", "aliases", "mentions", "articles"]
    if format is ActorFormat.jsonl:
        _print_jsonl([{k: r[k] for k in fields} for r in rows])
        return
    # The titles go on a second line under the name: a column of their own leaves
    # no room in 80 columns.
    cells = [[r["name"], r["kind"], r["country"] or "—", str(r["mentions"]), str(len(r["articles"]))]
             for r in rows]
    table, room = _fitted_table(["name (titles)", "kind", "country", "mentions", "articles"],
                                [[""] + c[1:] for c in cells], flexible=0)
    for c, r in zip(cells, rows):
        titles = "; ".join(r["titles"])
        name = escape(_short(c[0], room))
        if titles:
            name += f"\n[dim]{escape(_short(titles, room))}[/dim]"
        table.add_row(name, *map(escape, c[1:]))
    _print_table(table)


# ------------------------------------------------------------------------- dates


@app.command()
def dates(
    file: Annotated[Path, typer.Argument(help="A plain-text file.", exists=True, dir_okay=False)],
    published: Annotated[
        Optional[str], typer.Option(help="Publication date YYYY-MM-DD that anchors relative dates.")
    ] = None,
    format: Annotated[ActorFormat, typer.Option("--format", "-f")] = ActorFormat.table,
) -> None:
    """Print every time expression of a text file with its type and normalised value."""
    from .dates import tag_text

    anchor = parse_day(published, "--published")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"{file}: not UTF-8 text")
    timexes = tag_text(text, anchor)
    records = [
        {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
        for t in timexes
    ]
    if format is ActorFormat.jsonl:
        _print_jsonl(records)
        return
    table = Table("start", "end", "text", "type", "value")
    for r in records:
        table.add_row(str(r["start"]), str(r["end"]), r["text"], r["type"], r["value"])
    out.print(table)


# ------------------------------------------------------------------------ events

EVENT_CSV_FIELDS = ["id", "type", "status", "date", "date_precision", "participants",
                    "location", "topics", "sources"]
ID_WIDTH = 10  # shown id prefix; `readouts show` takes any unique prefix


@app.command()
def events(
    db: DbOption = None,
    format: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.table,
    country: CountryOption = None,
    actor: ActorNameOption = None,
    type: TypeOption = None,
    topic: TopicOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """List events: one per real-world event, with every source and its evidence."""
    records = _query_events(db, country, actor, type, topic, status, since, until)
    if format is EventFormat.parquet:
        from .export import write_events_parquet

        if output is None:
            fail("--format parquet needs --output FILE")
        _write_or_fail(lambda: write_events_parquet(_public(records), output), output)
        err.print(f"wrote {len(records)} events to {output}")
        return
    text = _format_events(records, format)
    _emit(text, output)


def _resources(gazetteer: Path | None, event_types: Path | None, topics: Path | None):
    """The run's knowledge; a user file that cannot be used fails here, in one line."""
    from .resources import ResourceError, Resources

    try:
        return Resources(gazetteer, event_types, topics).check()
    except ResourceError as exc:
        fail(str(exc))


def check_choice(value: str | None, known: list[str], option: str) -> None:
    if value is not None and value not in known:
        fail(f"unknown {option} {value!r}; choose from {', '.join(sorted(known))}")


def _query_events(db, country, actor, type, topic, status, since, until) -> list[dict]:
    from .events import load_event_types, load_topics

    codes = parse_countries(country)
    first, last = parse_day(since, "--since"), parse_day(until, "--until", end=True)
    with open_store(db, read_only=True) as store:
        # the packaged types and topics, and any a user's own files put in this store
        stored_types, stored_topics = store.stored_choices()
        check_choice(type, sorted(set(load_event_types().types) | stored_types), "--type")
        check_choice(topic, sorted({t.id for t in load_topics()} | stored_topics), "--topic")
        check_choice(status, ["occurred", "planned", "negated"], "--status")
        return store.events(country=codes, actor=actor, type=type, topic=topic, status=status,
                            since=first, until=last)


def _public(records: list[dict]) -> list[dict]:
    """The public view (report.public_event) of stored event records."""
    from .records import EventRecord
    from .report import public_event

    return [public_event(EventRecord.from_json(r)) for r in records]


def _format_events(records: list[dict], format: EventFormat) -> str:
    public = _public(records)
    if format is EventFormat.jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in public)
    if format is EventFormat.csv:
        rows = [_flat_event(r) for r in public]
        return _csv_text(rows, EVENT_CSV_FIELDS)
    return _events_table(public)


def _events_table(public: list[dict]) -> str:
    """id, date, type, who (names with countries), sources: fits 80 columns."""
    from .report import TYPE_LABELS

    table = Table("id", "date", "type", "who", "src", box=box.SIMPLE_HEAD, pad_edge=False,
                  expand=False)
    table.columns[0].no_wrap = True
    table.columns[1].no_wrap = True
    for r in public:
        kind = TYPE_LABELS.get(r["type"], r["type"])
        if r["status"] != "occurred":
            kind += f" ({r['status']})"
        table.add_row(r["id"].removeprefix("ev-")[:ID_WIDTH], _day(r), kind,
                      "; ".join(_who(p) for p in r["participants"]) or "—", str(len(r["sources"])))
    buffer = table_console()
    buffer.print(table)
    buffer.print(f"{len(public)} events · `readouts show ID` for one with its evidence")
    return buffer.file.getvalue()


def _day(r: dict) -> str:
    value = r.get("date")
    if not value:
        return "—"
    return {"month": value[:7], "year": value[:4]}.get(r.get("date_precision") or "day", value)


def _who(p: dict) -> str:
    return f"{p['name']} ({p['country']})" if p.get("country") else p["name"]


def _flat_event(r: dict) -> dict:
    return {
        "id": r["id"], "type": r["type"], "status": r["status"], "date": r["date"],
        "date_precision": r["date_precision"],
        "participants": "; ".join(_participant(p) for p in r["participants"]),
        "location": (r["location"] or {}).get("name") or "",
        "topics": "; ".join(r["topics"]),
        "sources": "; ".join(s["article"] or "" for s in r["sources"]),
    }


def _participant(p: dict) -> str:
    extra = ", ".join(x for x in (p.get("title"), p.get("country")) if x)
    return f"{p['name']} ({extra}) [{p.get('role')}]" if extra else f"{p['name']} [{p.get('role')}]"


def _write_or_fail(write, output: Path) -> None:
    """Run a file write; a path that cannot be written is a usage error, not a traceback."""
    try:
        write()
    except (OSError, duckdb_errors()) as exc:
        fail(f"cannot write {output}: {str(exc).splitlines()[0]}")


def duckdb_errors() -> type[Exception]:
    import duckdb

    return duckdb.Error


# -------------------------------------------------------------------------- show


@app.command()
def show(
    event_id: Annotated[str, typer.Argument(metavar="ID", help="An event id, or a unique start of one.")],
    db: DbOption = None,
    format: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.md,
) -> None:
    """One event: its readout, facts, statements, and every source with its evidence."""
    from .report import render_event_detail

    wanted = event_id.strip()
    with open_store(db, read_only=True) as store:
        matches = [r for r in store.events()
                   if r["id"] == wanted or r["id"].removeprefix("ev-").startswith(wanted.removeprefix("ev-"))]
        links = store.links()
    if not matches:
        fail(f"no event with id {event_id!r} (see `readouts events`)")
    if len(matches) > 1 and not any(r["id"] == wanted for r in matches):
        fail(f"{event_id!r} starts {len(matches)} event ids; give more of it")
    record = next((r for r in matches if r["id"] == wanted), matches[0])
    _emit(render_event_detail(record, format.value, links.get(record["id"])), None)


# ---------------------------------------------------------------------- timeline


@app.command()
def timeline(
    db: DbOption = None,
    format: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.md,
    country: CountryOption = None,
    actor: ActorNameOption = None,
    type: TypeOption = None,
    topic: TopicOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """The events in date order: markdown (default), one offline HTML file, or JSON."""
    from .report import render

    records = _query_events(db, country, actor, type, topic, status, since, until)
    with open_store(db, read_only=True) as store:
        links = store.links()
    text = render(records, format.value, links=links)
    _emit(text, output)


# ----------------------------------------------------------------------- dossier


@app.command()
def dossier(
    a: Annotated[Optional[str], typer.Argument(
        metavar="[A]", help="A state: ISO3 code or name. Without A and B: the busiest pair.")] = None,
    b: Annotated[Optional[str], typer.Argument(
        metavar="[B]", help="Its partner; without it, A's partners ranked.")] = None,
    db: DbOption = None,
    format: Annotated[Optional[TimelineFormat], typer.Option(
        "--format", "-f", help="Default: from the --output suffix (.html, .json), else md.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """The relationship of two states as the news records it (or one state's partners):
    channels over time, who talks to whom, subjects, positions restated, upcoming visits,
    the timeline and its outlets. HTML is one offline, printable file."""
    from .dossier import build_dossier, busiest_pair, render_dossier

    first, last = parse_day(since, "--since"), parse_day(until, "--until", end=True)
    with open_store(db, read_only=True) as store:
        if a is None:
            pair = busiest_pair(store)
            if pair is None:
                fail("no two states share an event yet (run `readouts ingest` first)")
            a, b = pair
            err.print(f"busiest pair: {a} and {b}")
        try:
            report = build_dossier(store, a, b, since=first, until=last)
        except ValueError as exc:
            fail(str(exc))
    _emit(render_dossier(report, (format or _format_from_suffix(output)).value), output)


def _format_from_suffix(output: Path | None) -> TimelineFormat:
    suffix = output.suffix.lower() if output else ""
    return {".html": TimelineFormat.html, ".htm": TimelineFormat.html,
            ".json": TimelineFormat.json}.get(suffix, TimelineFormat.md)


# ------------------------------------------------------------------------ export


class ExportTable(str, Enum):
    events = "events"
    participants = "participants"
    dyads = "dyads"
    statements = "statements"
    sources = "sources"
    actors = "actors"
    edges = "edges"


class ExportFormat(str, Enum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


@app.command()
def export(
    table: Annotated[ExportTable, typer.Option("--table", "-t", help="Which table.")] = ExportTable.events,
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.csv,
    db: DbOption = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """Analysis-ready tables (docs/schema.md, "Views"): events, one row per event ×
    participant, directed dyads (POLECAT-style), statements, sources with evidence,
    actors, and the who-met-whom edge list. Parquet keeps real types (lists, structs,
    dates) and needs --output."""
    from .export import ExportError, export_table

    codes = parse_countries(country)
    first, last = parse_day(since, "--since"), parse_day(until, "--until", end=True)
    if format is ExportFormat.parquet and output is None:
        fail("--format parquet needs --output FILE")
    with open_store(db, read_only=True) as store:
        rows = 0

        def write() -> None:
            nonlocal rows
            rows = export_table(store, table.value, format.value, output, country=codes,
                                since=first, until=last)

        try:
            _write_or_fail(write, output or Path("-"))
        except ExportError as exc:
            fail(str(exc))
    if output is not None:
        err.print(f"wrote {rows} rows of {table.value} to {output}")


# ------------------------------------------------------------------------- serve


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; any other than 127.0.0.1 "
                                           "makes the database reachable from the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8787,
) -> None:
    """Browse events, evidence, actors, relationships and articles in a web browser
    (read-only; every page and asset is served locally)."""
    import socket

    import uvicorn

    from .web.app import create_app

    try:
        web_app = create_app(resolve_db_path(db))
        # Bound here rather than by uvicorn, so a busy port is one line, not a log record.
        sock = socket.create_server((host, port))
    except StoreError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    err.print(f"serving {resolve_db_path(db)} at http://{host}:{port}/ (Ctrl-C to stop)")
    server = uvicorn.Server(uvicorn.Config(web_app, log_level="warning"))
    with sock:
        server.run(sockets=[sock])


# -------------------------------------------------------------------------- eval


@app.command("eval")
def eval_(
    suites: Annotated[Optional[list[str]], typer.Argument(help="Suites to run [default: all].")] = None,
    data: Annotated[Optional[Path], typer.Option(help="Evaluation data [default: ../shared/data].")] = None,
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Markdown report to update [default: docs/benchmarks.md "
                     "when run in the readouts repository, else none: the scores are printed only]."),
    ] = None,
    write_docs: Annotated[
        bool, typer.Option("--write-docs", help="Update docs/benchmarks.md under the current folder.")
    ] = False,
    limit: Annotated[Optional[int], typer.Option(help="Throughput suite: number of articles.")] = None,
) -> None:
    """Run the accuracy (and throughput) suites, print their tables, update the report."""
    from .evaluation.runner import SUITES, repository_report, run_suites

    unknown = [s for s in suites or [] if s not in SUITES]
    if unknown:
        fail(f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(SUITES)}")
    if output is None:
        output = Path("docs/benchmarks.md") if write_docs else repository_report()
    run_suites(suites or list(SUITES), data, output, limit=limit, console=err, out=out)


# ---------------------------------------------------------------------- helpers


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


def _fitted_table(header: list[str], rows: list[list[str]], flexible: int) -> tuple[Table, int]:
    """A table whose columns are as wide as their content, except `flexible`, which
    gets what is left of the width; returns the table (no rows yet) and that width."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    # SIMPLE_HEAD: an edge and a pad (two spaces) each side, three spaces between columns.
    fixed = sum(w for i, w in enumerate(widths) if i != flexible)
    room = max(_table_width() - 4 - 3 * (len(header) - 1) - fixed, len(header[flexible]), 8)
    table = Table(box=box.SIMPLE_HEAD)
    for i, name in enumerate(header):
        table.add_column(name, no_wrap=True, max_width=room if i == flexible else None)
    return table, room


def _print_table(table: Table) -> None:
    buffer = table_console()
    buffer.print(table)
    sys.stdout.write(buffer.file.getvalue())


def _print_jsonl(records: list[dict]) -> None:
    for r in records:
        sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")


def _csv_text(records: list[dict], fields: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def _print_csv(records: list[dict], fields: list[str]) -> None:
    sys.stdout.write(_csv_text(records, fields))


def _jsonable(value):
    return value.isoformat() if isinstance(value, date) else value


def _short(text: str, width: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    app()
