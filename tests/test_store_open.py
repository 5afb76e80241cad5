"""Opening the store: files that are not readouts databases, a store in use by another
process, and the migration of an older schema."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from readouts.cli import app
from readouts.store import SCHEMA_VERSION, Store, StoreError

runner = CliRunner()


def _sqlite_file(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    return path


def test_sqlite_file_is_refused_without_loading_an_extension(tmp_path: Path) -> None:
    db = _sqlite_file(tmp_path / "s.sqlite")
    for read_only in (True, False):
        with pytest.raises(StoreError, match="not a readouts database"):
            Store(db, read_only=read_only)
    result = runner.invoke(app, ["events", "--db", str(db)])
    assert result.exit_code == 2
    assert "not a readouts database" in result.stderr
    assert "Traceback" not in result.output and "extension" not in result.stderr.lower()


def test_random_file_and_foreign_duckdb_are_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"these are not the bytes of a database\n" * 20)
    with pytest.raises(StoreError, match="not a readouts database"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a readouts database"):
        Store(other)
    assert duckdb.connect(str(other)).execute("SHOW TABLES").fetchall() == [("sales",)]


def test_connections_never_autoload_extensions(tmp_path: Path) -> None:
    with Store(tmp_path / "r.duckdb") as store:
        settings = dict(store.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name LIKE 'auto%known_extensions'"
        ).fetchall())
    assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false"}


HOLD_STORE = """
import sys, time
from readouts.store import Store
store = Store(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


def test_store_in_use_by_another_process_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen([sys.executable, "-c", HOLD_STORE, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="in use by another readouts process"):
            Store(db)
        for args in (["events", "--db", str(db)], ["ingest", str(tmp_path), "--db", str(db)]):
            result = runner.invoke(app, args)
            assert result.exit_code == 2, result.output
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and "in use by another readouts process" in lines[0]
            assert "--db" in lines[0] and "Conflicting lock" not in lines[0]
    finally:
        holder.kill()
        holder.wait()


def test_version_1_store_is_migrated_to_the_genre_column(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:  # make it look like a store written before `genre` existed
        store.con.execute("ALTER TABLE articles DROP COLUMN genre")
        store.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(db) as store:
        columns = {r[0] for r in store.con.execute("DESCRIBE articles").fetchall()}
        assert "genre" in columns
        assert store._version() == SCHEMA_VERSION == 3


def test_version_2_store_is_migrated_to_the_name_readings_table(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:  # a store written before `name_readings` existed
        store.con.execute("DROP TABLE name_readings")
        store.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store(db) as store:
        assert store.con.execute("SELECT count(*) FROM name_readings").fetchone() == (0,)
        assert store._version() == SCHEMA_VERSION
