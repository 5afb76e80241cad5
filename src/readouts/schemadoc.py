"""Schema docs: keeps the column tables of docs/schema.md equal to the code's schema.

Owns: reading the tables and columns that `store.SCHEMA` creates (by running it in an
in-memory DuckDB, so the types are DuckDB's own) and rewriting, in docs/schema.md, the
block between `<!-- schema:TABLE -->` and `<!-- /schema:TABLE -->` of every table. The
prose around the blocks, and the meaning written beside each column, are kept; a new
table gets a block of its own, a new column an empty meaning. A test checks the file
is current: regenerate it with `python -m readouts.schemadoc docs/schema.md`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

_BLOCK = re.compile(r"<!-- schema:(\w+) -->\n(.*?)<!-- /schema:\1 -->\n", re.S)
_HEADER = "| column | type | meaning |\n| --- | --- | --- |\n"


def schema_tables(schema: str | None = None) -> dict[str, list[tuple[str, str]]]:
    """Table -> [(column, type)] in creation order, primary keys marked `PK`."""
    import duckdb

    from .store import SCHEMA

    con = duckdb.connect(":memory:")
    try:
        con.execute(schema or SCHEMA)
        keys = {(t, c) for t, columns in con.execute(
            "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
            "WHERE constraint_type = 'PRIMARY KEY'").fetchall() for c in columns}
        rows = con.execute(
            "SELECT t.table_name, c.column_name, c.data_type FROM duckdb_tables() t "
            "JOIN information_schema.columns c ON c.table_name = t.table_name "
            "ORDER BY t.table_oid, c.ordinal_position").fetchall()
    finally:
        con.close()
    tables: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in rows:
        tables.setdefault(table, []).append((column, kind + (" PK" if (table, column) in keys else "")))
    return tables


def _meanings(block: str) -> dict[str, str]:
    """Column -> meaning, from the rows of an existing block ("a, b | type | meaning")."""
    found = {}
    for line in block.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3:
            for column in cells[0].split(","):
                found[column.strip()] = cells[2]
    return found


def render_block(table: str, columns: list[tuple[str, str]], meanings: dict[str, str]) -> str:
    rows = "".join(f"| {c} | {kind} | {meanings.get(c, '')} |\n" for c, kind in columns)
    return f"<!-- schema:{table} -->\n{_HEADER}{rows}<!-- /schema:{table} -->\n"


def render_schema_docs(current: str, tables: dict[str, list[tuple[str, str]]] | None = None) -> str:
    """`current` (the text of docs/schema.md) with every table block regenerated."""
    tables = tables or schema_tables()
    seen: set[str] = set()

    def regenerate(match: re.Match) -> str:
        table = match.group(1)
        seen.add(table)
        if table not in tables:
            return ""  # the table is gone from the schema
        return render_block(table, tables[table], _meanings(match.group(2)))

    text = _BLOCK.sub(regenerate, current)
    new = "".join(f"\n### `{t}`\n{render_block(t, columns, {})}" for t, columns in tables.items()
                  if t not in seen)
    if new:
        marker = "\n## The event record"
        at = text.find(marker)
        text = text + new if at < 0 else text[:at] + new + text[at:]
    return text


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/schema.md")
    target.write_text(render_schema_docs(target.read_text(encoding="utf-8")), encoding="utf-8")
