"""People across a real corpus: a fixed, evenly spread sample of Timeline17 articles
(../shared/data/t17-timelines), analysed as `readouts ingest` does.

The whole corpus takes several minutes; `python bench/actors_corpus.py` gives its figures
(docs/benchmarks.md, "People across a corpus").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readouts.actors.census import evenly_spread, take_census
from readouts.evaluation.throughput import iter_t17, t17_files, write_corpus
from readouts.pipeline import ingest
from readouts.store import Store

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
SAMPLE = 200
MIN_COUNTRY_RATE = 0.90  # the goal; whole-corpus figure in docs/benchmarks.md


@pytest.fixture(scope="module")
def census(tmp_path_factory):
    if not t17_files(DATA):
        pytest.skip("no Timeline17 articles in ../shared/data/t17-timelines")
    folder = tmp_path_factory.mktemp("t17")
    corpus = write_corpus(evenly_spread(list(iter_t17(DATA)), SAMPLE), folder / "t17.jsonl")
    store = Store(folder / "t17.duckdb")
    try:
        ingest([corpus.path], store)
    finally:
        store.close()
    return take_census(folder / "t17.duckdb")


@pytest.mark.shared
@pytest.mark.slow
def test_no_place_fragment_or_adjective_stored_as_a_person(census):
    listed = [f"{name} ({reason}) x{count}" for name, reason, count in census.suspicious]
    assert listed == []


@pytest.mark.shared
@pytest.mark.slow
def test_office_holders_get_a_country(census):
    assert census.office_holders > 300  # the sample is real news with many state officials
    missing = census.without_country.most_common(20)
    assert census.country_rate >= MIN_COUNTRY_RATE, f"{census.country_rate:.1%}; most frequent without: {missing}"


@pytest.mark.shared
@pytest.mark.slow
def test_one_id_per_known_leader(census):
    # one leader, one id, whatever the spelling or the country an article gives
    assert census.split_known_people == {}
