"""A run's own knowledge: user files for event types, topics and the gazetteer reach
every stage, in worker processes too, and a bad one fails in one line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from readouts.cli import app

runner = CliRunner()

# A type the package does not ship, written for this test.
CEASEFIRE_TYPES = """
[types.ceasefire_talks]
min_parties = 2
label = "Ceasefire talks"
priority = 45
plover = { event = "CONSULT", mode = [], context = ["military"] }
cameo = "046"
planned = { plover_event = "AGREE", cameo = "036" }
roles = { subject = "participant", object = "participant", other = "participant" }
verbs = []
nouns = []
patterns = ['\\bceasefire talks\\b']
"""

ARTICLE = (" date 2024-03-06\n\nPresident Anna Lind held ceasefire talks with President Tomas "
           "Varga in Geneva on Monday, their offices said.\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_users_own_event_type_yields_its_events_through_ingest(tmp_path, jobs):
    (tmp_path / "types.toml").write_text(CEASEFIRE_TYPES, encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "r.duckdb")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news"), "--db", db, "--quiet", "--jobs", jobs,
                                 "--event-types", str(tmp_path / "types.toml")])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["events", "--db", db, "--type", "ceasefire_talks", "--format", "jsonl"])
    assert shown.exit_code == 0, shown.output
    events = [json.loads(line) for line in shown.output.splitlines() if line.strip()]
    assert [e["type"] for e in events] == ["ceasefire_talks"]
    assert {p["name"] for p in events[0]["participants"]} == {"Anna Lind", "Tomas Varga"}


def test_without_the_file_the_type_is_not_found(tmp_path):
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    db = str(tmp_path / "r.duckdb")
    assert runner.invoke(app, ["ingest", str(tmp_path / "talks.txt"), "--db", db, "--quiet"]).exit_code == 0
    shown = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
    assert "ceasefire_talks" not in shown.output


@pytest.mark.parametrize("option", ["--event-types", "--topics", "--gazetteer"])
def test_a_missing_user_file_fails_in_one_line(tmp_path, option):
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "talks.txt"), "--db", str(tmp_path / "r.duckdb"),
                                 option, str(tmp_path / "absent.file")])
    assert result.exit_code == 2
    assert "no such file" in result.output and "Traceback" not in result.output


def test_a_malformed_event_types_file_fails_in_one_line(tmp_path):
    (tmp_path / "bad.toml").write_text("[types.x\nverbs = [", encoding="utf-8")
    (tmp_path / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "talks.txt"), "--db", str(tmp_path / "r.duckdb"),
                                 "--event-types", str(tmp_path / "bad.toml")])
    assert result.exit_code == 2 and "not valid TOML" in result.output
