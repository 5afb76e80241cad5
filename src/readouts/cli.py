"""CLI: the `readouts` command.

Owns: argument parsing, output formats and user-facing messages. Every command that
touches the store takes --db, falling back to $READOUTS_DB, then ./readouts.duckdb.
User errors print one line and exit 2; tracebacks are for bugs only.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.progress import TimeElapsedColumn
from rich.table import Table

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

DbOption = Annotated[
    Optional[Path],
    typer.Option("--db", help="Database file [default: $READOUTS_DB or ./readouts.duckdb]."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors.")]
# Event filters shared by `events` and `timeline`.
CountryOption = Annotated[
    Optional[list[str]], typer.Option(help="ISO3 code of a participant's state (repeatable).")
]
ActorNameOption = Annotated[Optional[str], typer.Option(help="Part of a participant's name.")]
TypeOption = Annotated[Optional[str], typer.Option("--type", help="Event type, e.g. meeting.")]
TopicOption = Annotated[Optional[str], typer.Option(help="Topic id, e.g. economic_corridor.")]
SinceOption = Annotated[Optional[str], typer.Option(help="YYYY-MM-DD, inclusive.")]
UntilOption = Annotated[Optional[str], typer.Option(help="YYYY-MM-DD, inclusive.")]
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


def parse_day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{option} takes a date as YYYY-MM-DD, not {value!r}")


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
    quiet: QuietOption = False,
) -> None:
    """Read, clean and analyse articles; store them and merge their events.

    Formats: .txt (optional first line ' date YYYY-MM-DD'), .jsonl/.json and .csv
    (text, title, published, url, outlet, id), .html/.htm. Bad files are reported in
    one line each and skipped; re-running adds nothing that is already stored.
    """
    from .pipeline import ingest as run_ingest

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or directory: {', '.join(missing)}")
    store = open_store(db)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest[/bold]"),
        BarColumn(bar_width=None),
        MofNCompleteColumn(),
        TextColumn("articles · {task.fields[events]} events"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=quiet or not err.is_terminal,
    )
    counts = {"events": 0}

    def on_article(item) -> None:
        counts["events"] += len(item.events)
        progress.update(task, advance=1, events=counts["events"])

    def on_skip(line: str) -> None:
        if not quiet:
            progress.console.print(f"[yellow]skip[/yellow] {line}")

    with store, progress:
        task = progress.add_task("ingest", total=None, events=0)
        try:
            report = run_ingest(paths, store, jobs=jobs, on_skip=on_skip, on_article=on_article,
                                scheduler=scheduler, outside=names.outside)
        except RuntimeError as exc:
            if "dask extra" not in str(exc):
                raise
            fail(str(exc))
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
        table = Table("id", "published", "from", "outlet", "source", "title")
        for r in records:
            table.add_row(r["id"], r["published"] or "—", r["published_from"] or "—",
                          r["outlet"] or "—", r["source"], _short(r["title"] or r["text"], 60))
        out.print(table)
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
    table = Table("name", "kind", "country", "titles", "mentions", "articles")
    for r in rows:
        table.add_row(r["name"], r["kind"], r["country"] or "—", "; ".join(r["titles"]),
                      str(r["mentions"]), str(len(r["articles"])))
    out.print(table)


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


@app.command()
def events(
    db: DbOption = None,
    format: Annotated[EventFormat, typer.Option("--format", "-f")] = EventFormat.table,
    country: CountryOption = None,
    actor: ActorNameOption = None,
    type: TypeOption = None,
    topic: TopicOption = None,
    status: Annotated[Optional[str], typer.Option(help="occurred, planned or negated.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """List events: one per real-world event, with every source and its evidence."""
    records = _query_events(db, country, actor, type, topic, status, since, until)
    if format is EventFormat.parquet:
        if output is None:
            fail("--format parquet needs --output FILE")
        _write_parquet(records, output)
        err.print(f"wrote {len(records)} events to {output}")
        return
    text = _format_events(records, format)
    _emit(text, output)


def check_choice(value: str | None, known: list[str], option: str) -> None:
    if value is not None and value not in known:
        fail(f"unknown {option} {value!r}; choose from {', '.join(sorted(known))}")


def _query_events(db, country, actor, type, topic, status, since, until) -> list[dict]:
    from .events import load_event_types, load_topics

    check_choice(type, list(load_event_types().types), "--type")
    check_choice(topic, [t.id for t in load_topics()], "--topic")
    check_choice(status, ["occurred", "planned", "negated"], "--status")
    with open_store(db, read_only=True) as store:
        return store.events(
            country=country, actor=actor, type=type, topic=topic, status=status,
            since=parse_day(since, "--since"), until=parse_day(until, "--until"),
        )


def public_event(record: dict) -> dict:
    """The documented jsonl record (internal merge fields left out)."""
    return {
        "id": record["id"],
        "type": record["type"],
        "status": record["status"],
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "end_date": record.get("end_date"),
        "participants": [
            {k: p.get(k) for k in ("name", "title", "country", "role")}
            for p in record.get("participants", [])
        ],
        "location": record.get("location"),
        "occasion": record.get("occasion"),
        "plover": record.get("plover"),
        "cameo": record.get("cameo"),
        "topics": record.get("topics", []),
        "statements": [
            {"speaker": s.get("speaker"), "text": s.get("text")} for s in record.get("statements", [])
        ],
        "sources": [
            {k: s.get(k) for k in ("article", "outlet", "published", "evidence")}
            for s in record.get("sources", [])
        ],
    }


def _format_events(records: list[dict], format: EventFormat) -> str:
    public = [public_event(r) for r in records]
    if format is EventFormat.jsonl:
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in public)
    if format is EventFormat.csv:
        rows = [_flat_event(r) for r in public]
        return _csv_text(rows, EVENT_CSV_FIELDS)
    table = Table("date", "type", "status", "participants", "place", "topics", "sources")
    for r in public:
        table.add_row(
            r["date"] or "—", r["type"], r["status"],
            "; ".join(_participant(p) for p in r["participants"]),
            (r["location"] or {}).get("name") or "—",
            ", ".join(r["topics"][:4]),
            str(len(r["sources"])),
        )
    buffer = Console(file=io.StringIO(), width=max(out.width, 120), highlight=False)
    buffer.print(table)
    buffer.print(f"{len(public)} events")
    return buffer.file.getvalue()


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


def _write_parquet(records: list[dict], output: Path) -> None:
    import duckdb

    con = duckdb.connect()
    con.execute("CREATE TABLE ev (record JSON)")
    con.executemany("INSERT INTO ev VALUES (?)", [[json.dumps(public_event(r))] for r in records])
    con.execute(
        "COPY (SELECT record->>'id' AS id, record->>'type' AS type, record->>'status' AS status,"
        " TRY_CAST(record->>'date' AS DATE) AS date, record->>'date_precision' AS date_precision,"
        " record->'participants' AS participants, record->'location' AS location,"
        " record->'topics' AS topics, record->'statements' AS statements,"
        " record->'sources' AS sources, record->>'cameo' AS cameo FROM ev)"
        f" TO '{output}' (FORMAT parquet)"
    )
    con.close()


# ---------------------------------------------------------------------- timeline


@app.command()
def timeline(
    db: DbOption = None,
    format: Annotated[TimelineFormat, typer.Option("--format", "-f")] = TimelineFormat.md,
    country: CountryOption = None,
    actor: ActorNameOption = None,
    type: TypeOption = None,
    topic: TopicOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    output: OutputOption = None,
) -> None:
    """The events in date order: markdown (default), one offline HTML file, or JSON."""
    from .report import render

    records = _query_events(db, country, actor, type, topic, None, since, until)
    with open_store(db, read_only=True) as store:
        links = store.links()
    text = render(records, format.value, links=links)
    _emit(text, output)


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
    import uvicorn

    from .web.app import create_app

    try:
        web_app = create_app(resolve_db_path(db))
    except StoreError as exc:
        fail(str(exc))
    err.print(f"serving {resolve_db_path(db)} at http://{host}:{port}/ (Ctrl-C to stop)")
    try:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
    except (OSError, SystemExit) as exc:
        fail(f"cannot listen on {host}:{port}: {exc}")


# -------------------------------------------------------------------------- eval


@app.command("eval")
def eval_(
    suites: Annotated[Optional[list[str]], typer.Argument(help="Suites to run [default: all].")] = None,
    data: Annotated[Optional[Path], typer.Option(help="Evaluation data [default: ../shared/data].")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Markdown report.")] = Path("docs/benchmarks.md"),
    limit: Annotated[Optional[int], typer.Option(help="Throughput suite: number of articles.")] = None,
) -> None:
    """Run the accuracy (and throughput) suites and write docs/benchmarks.md."""
    from .evaluation.runner import SUITES, run_suites

    unknown = [s for s in suites or [] if s not in SUITES]
    if unknown:
        fail(f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(SUITES)}")
    run_suites(suites or list(SUITES), data, output, limit=limit, console=err)


# ---------------------------------------------------------------------- helpers


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output}")


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
