"""End-to-end through the command line: ingest, list, filter, render, bad input."""

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readouts.cli import app

from conftest import REPO

EXAMPLES = REPO / "examples" / "news"

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def example_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("examples") / "ex.duckdb"
    result = invoke("ingest", EXAMPLES, "--db", db, "--quiet")
    assert result.exit_code == 0, result.output
    return db


def test_example_corpus_ingests_and_reingest_adds_nothing(example_db):
    before = jsonl(invoke("articles", "--db", example_db, "--format", "jsonl").stdout)
    assert len(before) >= 12
    assert set(before[0]) == {"id", "source", "title", "outlet", "published", "published_from",
                              "dateline", "text"}
    events_before = invoke("events", "--db", example_db, "--format", "jsonl").stdout
    again = invoke("ingest", EXAMPLES, "--db", example_db)
    assert again.exit_code == 0
    assert "0 ingested" in again.stderr and f"{len(before)} duplicates" in again.stderr
    assert jsonl(invoke("articles", "--db", example_db, "--format", "jsonl").stdout) == before
    assert invoke("events", "--db", example_db, "--format", "jsonl").stdout == events_before


def test_events_jsonl_has_the_documented_record(example_db):
    events = jsonl(invoke("events", "--db", example_db, "--format", "jsonl").stdout)
    assert events, "the example corpus reports events"
    keys = {"id", "type", "status", "date", "date_precision", "end_date", "participants",
            "location", "occasion", "plover", "cameo", "topics", "statements", "sources"}
    for event in events:
        assert keys <= set(event), "the documented fields stay; new ones may be added"
        assert event["sources"] and all(s["evidence"] for s in event["sources"])
        for p in event["participants"]:
            assert set(p) == {"name", "title", "country", "role"}


def test_evidence_spans_point_into_the_original_text(example_db):
    from readouts.store import Store

    with Store(example_db, read_only=True) as store:
        originals = dict(store.con.execute("SELECT source, original FROM articles").fetchall())
        events = store.events()
    checked = 0
    for event in events:
        for source in event["sources"]:
            original = originals[source["article"]]
            for span in source["evidence"]:
                assert original[span["start"]:span["end"]] == span["text"]
                checked += 1
    assert checked > 0


def test_event_filters(example_db):
    all_events = jsonl(invoke("events", "--db", example_db, "--format", "jsonl").stdout)
    some_type = all_events[0]["type"]
    typed = jsonl(invoke("events", "--db", example_db, "--format", "jsonl", "--type", some_type).stdout)
    assert typed and all(e["type"] == some_type for e in typed)
    dated = [e for e in all_events if e["date"]]
    pivot = sorted(e["date"] for e in dated)[len(dated) // 2]
    later = jsonl(invoke("events", "--db", example_db, "--format", "jsonl", "--since", pivot).stdout)
    assert later and all(e["date"] >= pivot for e in later)
    bad = invoke("events", "--db", example_db, "--since", "last tuesday")
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    typo = invoke("events", "--db", example_db, "--type", "meetings")
    assert typo.exit_code == 2 and "unknown --type 'meetings'" in typo.output
    assert "phone_call" in typo.output
    topic = invoke("timeline", "--db", example_db, "--topic", "no-such-topic")
    assert topic.exit_code == 2 and "unknown --topic" in topic.output
    trade = jsonl(invoke("events", "--db", example_db, "--format", "jsonl", "--topic", "trade").stdout)
    assert trade and all("trade" in e["topics"] for e in trade)
    indian = jsonl(invoke("events", "--db", example_db, "--format", "jsonl", "--country", "ind").stdout)
    assert indian and all(any(p["country"] == "IND" for p in e["participants"]) for e in indian)


def test_events_csv_and_parquet(example_db, tmp_path):
    text = invoke("events", "--db", example_db, "--format", "csv").stdout
    assert text.splitlines()[0].startswith("id,type,status,date")
    target = tmp_path / "events.parquet"
    invoke("events", "--db", example_db, "--format", "parquet", "-o", target)
    import duckdb

    assert duckdb.sql(f"SELECT count(*) FROM '{target}'").fetchall()[0][0] == len(
        jsonl(invoke("events", "--db", example_db, "--format", "jsonl").stdout)
    )


def test_timeline_formats(example_db, tmp_path):
    md = invoke("timeline", "--db", example_db).stdout
    assert md.strip()
    page = tmp_path / "t.html"
    invoke("timeline", "--db", example_db, "--format", "html", "-o", page)
    html = page.read_text()
    assert html.lstrip().lower().startswith("<!doctype html")
    # Offline: no tag fetches anything (links to the source articles are fine).
    fetching = r"""<(script|img|link|iframe|object|embed|source)\b[^>]*\b(src|href)\s*=\s*["']?(https?:)?//"""
    assert not re.search(fetching, html, re.I)
    assert not re.search(r"""@import|url\(\s*["']?(https?:)?//""", html, re.I)
    data = json.loads(invoke("timeline", "--db", example_db, "--format", "json").stdout)
    assert isinstance(data, list) and data


def test_actors_listing(example_db):
    actors = jsonl(invoke("actors", "--db", example_db, "--format", "jsonl").stdout)
    people = [a for a in actors if a["kind"] == "person"]
    assert people
    assert set(actors[0]) == {"id", "name", "kind", "country", "titles", "aliases", "mentions",
                              "articles"}
    names = [p["name"] for p in people]
    assert len(names) == len(set(names)), "each person listed once"


def test_names_all_finds_people_outside_the_diplomatic_sentences(tmp_path):
    text = (" date 2023-05-02 \nFog closed the port on Monday. Lena Marsh, a ferry captain, waited "
            "for hours. Trucks queued. Buses were late. Shops shut early. Nobody minded.\n"
            "Norway's foreign minister met his Danish counterpart in Oslo on Tuesday.\n")
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    found = {}
    for names in ("linked", "all"):
        db = tmp_path / f"{names}.duckdb"
        assert invoke("ingest", tmp_path / "one.txt", "--db", db, "--names", names, "--quiet").exit_code == 0
        found[names] = {
            "people": {a["name"] for a in jsonl(invoke("actors", "--db", db, "--format", "jsonl").stdout)
                       if a["kind"] == "person"},
            "events": [(e["type"], e["date"]) for e in
                       jsonl(invoke("events", "--db", db, "--format", "jsonl").stdout)],
        }
    assert "Lena Marsh" in found["all"]["people"]
    assert "Lena Marsh" not in found["linked"]["people"]
    assert found["all"]["events"] == found["linked"]["events"] != []
    bad = invoke("ingest", tmp_path / "one.txt", "--db", tmp_path / "x.duckdb", "--names", "some")
    assert bad.exit_code == 2 and "--names" in bad.output


def test_db_from_environment(example_db, monkeypatch):
    monkeypatch.setenv("READOUTS_DB", str(example_db))
    assert jsonl(invoke("articles", "--format", "jsonl").stdout)


def test_missing_database_and_paths_are_usage_errors(tmp_path):
    result = invoke("events", "--db", tmp_path / "none.duckdb")
    assert result.exit_code == 2 and "no database" in result.output
    result = invoke("ingest", tmp_path / "nowhere", "--db", tmp_path / "x.duckdb")
    assert result.exit_code == 2 and "no such file" in result.output


def test_mixed_good_and_bad_files(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    good = sorted(EXAMPLES.glob("*.txt"))[:2]
    for path in good:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin1.txt").write_bytes(
        " date 2022-06-01\nThe foreign ministers of Spain and Portugal met in Lisbon on "
        "Tuesday to discuss water sharing along the Tajo, and the Spanish minister praised "
        "the cooperation of both governments in the región.\n".encode("latin-1")
    )
    (folder / "feed.jsonl").write_text(
        '{"text": "The prime ministers of Norway and Sweden met in Oslo on Monday to discuss '
        'energy links and cross-border rail.", "published": "2023-09-12", "id": "n1"}\n'
        '{"text": "broken line\n'
    )
    db = tmp_path / "mixed.duckdb"
    result = invoke("ingest", folder, "--db", db)
    assert result.exit_code == 0
    stored = jsonl(invoke("articles", "--db", db, "--format", "jsonl").stdout)
    assert len(stored) == len(good) + 2  # the good files, the Latin-1 file, the good JSONL record
    assert any("región" in a["text"] for a in stored)
    messages = [line for line in result.stderr.splitlines() if "skip" in line]
    for name in ("empty.txt", "binary.txt", "feed.jsonl"):
        assert sum(name in line for line in messages) == 1, (name, messages)
    assert "Traceback" not in result.output


def test_nothing_readable_exits_nonzero(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = invoke("ingest", tmp_path, "--db", tmp_path / "x.duckdb")
    assert result.exit_code == 1


def test_cli_reference_is_up_to_date():
    """docs/cli.md is generated from the code; regenerate with `make docs`."""
    from readouts.clidocs import render_cli_docs

    assert (REPO / "docs" / "cli.md").read_text() == render_cli_docs()


def test_summary_counts_files_of_other_types(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(sorted(EXAMPLES.glob("*.txt"))[0], folder / "a.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    result = invoke("ingest", folder, "--db", tmp_path / "x.duckdb")
    assert "1 ingested" in result.stderr and "1 files of other types ignored (.pdf)" in result.stderr


def test_eval_smoke_writes_its_section(tmp_path):
    """`readouts eval` end to end on its quickest suite; unknown suites are usage errors."""
    report = tmp_path / "benchmarks.md"
    result = invoke("eval", "seeds", "--output", report)
    assert result.exit_code == 0, result.output
    text = report.read_text()
    assert text.startswith("# Benchmarks") and "<!-- suite:seeds -->" in text
    assert "Example corpus" in text
    bad = invoke("eval", "no-such-suite", "--output", report)
    assert bad.exit_code == 2 and "unknown suite" in bad.output


def test_eval_outside_the_repository_prints_and_writes_only_when_asked(tmp_path, monkeypatch):
    from readouts.evaluation.runner import repository_report

    assert repository_report(REPO) == REPO / "docs" / "benchmarks.md"
    assert repository_report(tmp_path) is None
    monkeypatch.chdir(tmp_path)
    result = invoke("eval", "dates", "--data", tmp_path / "no-data")
    assert result.exit_code == 0, result.output
    assert "<!-- suite:dates -->" in result.stdout and "Skipped" in result.stdout
    assert not (tmp_path / "docs").exists()
    asked = invoke("eval", "dates", "--data", tmp_path / "no-data", "--write-docs")
    assert asked.exit_code == 0 and (tmp_path / "docs" / "benchmarks.md").exists()
