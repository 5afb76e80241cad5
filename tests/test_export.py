"""Exports: the analysis views load in pandas with real types; the views live in the
database file; paths are never SQL."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from readouts.cli import app
from readouts.export import EXPORT_TABLES, ExportError, export_table
from readouts.store import Store
from storefixtures import build_store

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("export") / "x.duckdb")


def parquet(db: Path, table: str, tmp_path: Path, **filters) -> pa.Schema:
    target = tmp_path / f"it's {table}.parquet"  # a quote in the path is just a character
    with Store(db, read_only=True) as store:
        export_table(store, table, "parquet", target, **filters)
    return target


def test_parquet_keeps_real_types(db, tmp_path):
    events = pq.read_schema(parquet(db, "events", tmp_path))
    assert events.field("date").type == pa.date32()
    assert events.field("topics").type == pa.list_(pa.string())
    assert events.field("n_sources").type == pa.int32()
    sources = pq.read_schema(parquet(db, "sources", tmp_path))
    evidence = sources.field("evidence").type
    assert pa.types.is_list(evidence) and pa.types.is_struct(evidence.value_type)
    assert sources.field("published").type == pa.date32()
    edges = pq.read_schema(parquet(db, "edges", tmp_path))
    assert edges.field("first_date").type == pa.date32() and edges.field("weight").type == pa.int32()


def test_every_table_loads_in_pandas(db, tmp_path):
    for table in EXPORT_TABLES:
        frame = pd.read_parquet(parquet(db, table, tmp_path), dtype_backend="pyarrow")
        if "date" in frame:
            assert str(frame["date"].dtype) == "date32[day][pyarrow]", table
    participants = pd.read_parquet(parquet(db, "participants", tmp_path))
    assert len(participants) == 10  # 5 events × 2 people
    assert participants["position"].dtype == "int32"
    first = participants.sort_values(["event_id", "position"]).iloc[0]
    assert (first["name"], first["country"], first["role"]) == ("Ingrid Holm", "NOR", "actor")
    assert isinstance(first["date"], datetime.date)


def test_dyads_are_directed_like_polecat(db, tmp_path):
    dyads = pd.read_parquet(parquet(db, "dyads", tmp_path))
    visit = dyads[dyads.event_id == "ev-n3"].iloc[0]
    assert (visit.source_country, visit.target_country) == ("NOR", "CHL")  # visitor → host
    planned = dyads[dyads.event_id == "ev-n4"].iloc[0]
    assert (planned.source_country, planned.target_country, planned.status) == ("CHL", "NOR", "planned")
    assert set(dyads.columns) >= {"plover_event", "plover_mode", "plover_context", "cameo", "n_sources"}
    assert len(dyads) == 5


def test_edges_weigh_who_met_whom(db, tmp_path):
    edges = pd.read_parquet(parquet(db, "edges", tmp_path))
    top = edges.iloc[0]
    assert {top.source_name, top.target_name} == {"Ingrid Holm", "Camila Rojas"}
    assert top.weight == 3 and list(top.event_ids) == ["ev-n1", "ev-n3", "ev-n4"]


def test_filters_csv_and_jsonl(db, tmp_path):
    with Store(db, read_only=True) as store:
        target = tmp_path / "p.csv"
        export_table(store, "participants", "csv", target, country=["PER"])
        frame = pd.read_csv(target, parse_dates=["date"])
        assert set(frame.event_id) == {"ev-n5"} and frame["date"].dtype.kind == "M"
        lines = tmp_path / "e.jsonl"
        export_table(store, "events", "jsonl", lines, since=datetime.date(2022, 3, 1),
                     until=datetime.date(2022, 12, 31))
        rows = [json.loads(x) for x in lines.read_text().splitlines()]
        assert [r["id"] for r in rows] == ["ev-n2", "ev-n3"] and rows[0]["topics"] == ["trade"]
        csv_events = tmp_path / "e.csv"
        export_table(store, "events", "csv", csv_events)
        assert json.loads(pd.read_csv(csv_events)["topics"][0]) == ["trade", "energy"]
        with pytest.raises(ExportError):
            export_table(store, "events", "parquet", None)
        with pytest.raises(ExportError):
            export_table(store, "events; drop table events", "csv", target)


def test_views_are_in_the_database_file(db):
    con = duckdb.connect(str(db), read_only=True)
    try:
        for name in ("participants", "dyads", "statements", "sources", "edges"):
            assert con.sql(f"select count(*) from {name}").fetchall()[0][0] > 0, name
        for name in EXPORT_TABLES:
            con.sql(f"select * from analysis.{name} limit 1").fetchall()
    finally:
        con.close()


def test_a_file_from_before_the_views_still_exports(db, tmp_path):
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    con = duckdb.connect(str(old))
    for name in ("participants", "statements", "sources", "dyads", "edges"):
        con.execute(f"DROP VIEW main.{name}")
    for name in ("dyads", "edges", "participants", "statements", "sources", "events", "actors"):
        con.execute(f"DROP VIEW analysis.{name}")
    con.close()
    with Store(old, read_only=True) as store:
        assert store.view("dyads") == "analysis_dyads"
        assert export_table(store, "dyads", "jsonl", tmp_path / "d.jsonl") == 5


def test_cli_export(db, tmp_path):
    target = tmp_path / "o'clock.parquet"
    result = runner.invoke(app, ["export", "--table", "dyads", "--format", "parquet", "-o", str(target),
                                 "--db", str(db), "--country", "Peru"])
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(target)) == 1
    csv_text = runner.invoke(app, ["export", "-t", "statements", "--db", str(db)]).stdout
    assert csv_text.splitlines()[0].startswith("event_id,date,type,status,position,speaker")
    no_file = runner.invoke(app, ["export", "-f", "parquet", "--db", str(db)])
    assert no_file.exit_code == 2 and "needs --output" in no_file.output
    bad_dir = runner.invoke(app, ["export", "-f", "parquet", "-o", str(tmp_path / "no" / "x.parquet"),
                                  "--db", str(db)])
    assert bad_dir.exit_code == 2 and "cannot write" in bad_dir.output


def test_events_parquet_path_with_a_quote(db, tmp_path):
    target = tmp_path / "ev'ents.parquet"
    result = runner.invoke(app, ["events", "--format", "parquet", "-o", str(target), "--db", str(db)])
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.num_rows == 5 and table.schema.field("date").type == pa.date32()
    participants = table.schema.field("participants").type
    assert pa.types.is_list(participants) and participants.value_type.get_field_index("role") >= 0


def test_sources_keep_the_order_of_the_record_whatever_ties(db, tmp_path):
    # two outlets of one day: the record's own order (first reported first) decides
    target = parquet(db, "sources", tmp_path)
    rows = pd.read_parquet(target)[["event_id", "position", "article_id"]].values.tolist()
    assert rows[:2] == [["ev-n1", 1, "art001"], ["ev-n1", 2, "art002"]]
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
