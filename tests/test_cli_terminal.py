"""A CLI that fits a terminal: 80-column tables, `show`, `--version`, real defaults in
help, country names, partial dates, `timeline --status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readouts import __version__
from readouts.cli import app, parse_day
from storefixtures import build_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("cli") / "t.duckdb")


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def test_event_table_fits_80_columns_with_ids(db):
    result = run("events", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert any(line.lstrip().startswith("n1 ") for line in lines)  # the id column, "ev-" dropped
    assert "Ingrid Holm (NOR)" in result.stdout


def test_show_one_event_with_its_evidence(db):
    text = run("show", "n3", "--db", db).stdout
    assert text.startswith("# Ingrid Holm (Prime Minister, Norway) visited Santiago, Chile")
    assert "trigger [10:13]: “met”" in text and "Andes Wire, 2022-11-21" in text
    record = json.loads(run("show", "ev-n3", "--db", db, "--format", "json").stdout)
    assert record["id"] == "ev-n3" and record["sources"][0]["evidence"]
    missing = run("show", "zz", "--db", db)
    assert missing.exit_code == 2 and "no event with id 'zz'" in missing.output
    ambiguous = run("show", "n", "--db", db)
    assert ambiguous.exit_code == 2 and "starts 5 event ids" in ambiguous.output


def test_version_and_help_defaults():
    assert run("--version").stdout.strip() == f"readouts {__version__}"
    help_text = " ".join(run("events", "--help").stdout.replace("│", " ").split())
    assert "$READOUTS_DB, else ./readouts.duckdb" in help_text


def test_country_names_and_unknown_codes(db):
    by_name = run("events", "--db", db, "--format", "jsonl", "--country", "Peru").stdout
    assert [json.loads(x)["id"] for x in by_name.splitlines()] == ["ev-n5"]
    by_code = run("events", "--db", db, "--format", "jsonl", "--country", "per").stdout
    assert by_code == by_name
    unknown = run("events", "--db", db, "--country", "Turkiyee")
    assert unknown.exit_code == 2 and "unknown country 'Turkiyee'" in unknown.output
    bad_code = run("timeline", "--db", db, "--country", "XYZ")
    assert bad_code.exit_code == 2


def test_partial_dates(db):
    from datetime import date

    assert parse_day("2011-08", "--since") == date(2011, 8, 1)
    assert parse_day("2011-08", "--until", end=True) == date(2011, 8, 31)
    assert parse_day("2012-02", "--until", end=True) == date(2012, 2, 29)
    assert parse_day("2011", "--since") == date(2011, 1, 1)
    assert parse_day("2011", "--until", end=True) == date(2011, 12, 31)
    march = run("events", "--db", db, "--format", "jsonl", "--since", "2022-03", "--until", "2022-03").stdout
    assert [json.loads(x)["id"] for x in march.splitlines()] == ["ev-n2"]
    bad = run("events", "--db", db, "--since", "2011-13")
    assert bad.exit_code == 2 and "YYYY-MM" in bad.output


def test_timeline_status(db):
    planned = json.loads(run("timeline", "--db", db, "--format", "json", "--status", "planned").stdout)
    assert [e["id"] for e in planned] == ["ev-n4"]
    typo = run("timeline", "--db", db, "--status", "plan")
    assert typo.exit_code == 2 and "unknown --status" in typo.output


def test_article_and_actor_tables_fit_80_columns(tmp_path):
    from readouts.store import Store

    db = tmp_path / "a.duckdb"
    long_title = "A very long headline about a summit that goes on and on well past any terminal"
    with Store(db) as store:
        store.con.execute(
            "INSERT INTO articles (id, source, title, outlet, published, original, text, offsets)"
            " VALUES ('a1', 'n/1.txt', ?, 'Some Outlet With A Long Name', '2024-01-02', 'x', 'x', '[]')",
            [long_title])
        store.con.execute("INSERT INTO actors VALUES ('person:x', 'person', 'Ana [Lima]', 'BRA', NULL, NULL)")
        store.con.execute("INSERT INTO article_actors VALUES ('a1', 'p1', 'person:x', 'person', 'Ana [Lima]',"
                          " 'BRA', ['President of the Federative Republic and Commander in Chief of the Forces'], [])")
    for command in ("articles", "actors"):
        text = run(command, "--db", db).stdout
        assert max(len(line) for line in text.splitlines()) <= 80, command
    assert "A very long headline" in run("articles", "--db", db).stdout
    actors = run("actors", "--db", db).stdout
    assert "Ana [Lima]" in actors and "President of the Federative" in actors
