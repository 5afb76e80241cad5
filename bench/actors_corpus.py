"""People across a corpus: office holders with a country, and non-persons stored as people.

Ingests Timeline17 articles (../shared/data/t17-timelines) into a temporary store, as
`readouts ingest` does, and prints the census of readouts.actors.census. `--write`
refreshes its section of docs/benchmarks.md.

    python bench/actors_corpus.py                 # all ~1,700 articles (several minutes)
    python bench/actors_corpus.py --limit 300     # an evenly spread sample
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from readouts.actors.census import census_markdown, evenly_spread, take_census
from readouts.evaluation import Section, default_data_dir
from readouts.evaluation.runner import render_section, update_report
from readouts.evaluation.throughput import iter_t17, write_corpus
from readouts.pipeline import ingest
from readouts.store import Store

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="evenly spread sample size")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--write", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args()
    records = evenly_spread(list(iter_t17(args.data or default_data_dir())), args.limit)
    if not records:
        print("no Timeline17 articles found", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_corpus(records, Path(tmp) / "t17.jsonl")
        started = time.perf_counter()
        store = Store(Path(tmp) / "t17.duckdb")
        try:
            ingest([corpus.path], store, jobs=args.jobs)
        finally:
            store.close()
        seconds = time.perf_counter() - started
        census = take_census(Path(tmp) / "t17.duckdb")
    body = census_markdown(census, corpus.articles, seconds)
    print(body)
    for name, reason, count in census.suspicious:
        print(f"  suspicious: {name!r} ({reason}) x{count}")
    if args.write:
        section = Section(suite="actors_corpus", title="People across a corpus (T17)", markdown=body)
        command = "python bench/actors_corpus.py" + (f" --limit {args.limit}" if args.limit else "")
        REPORT.write_text(update_report(REPORT, {"actors_corpus": render_section(section, command)}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
