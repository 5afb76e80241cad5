"""Tests for the throughput harness (never timed assertions: only that it runs and reports)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readouts.evaluation import agreement, memory
from readouts.evaluation import throughput as tp

from conftest import SHARED_DATA

HAS_T17 = bool(tp.t17_files(SHARED_DATA))


def needs_t17(test):
    return pytest.mark.shared(pytest.mark.skipif(not HAS_T17, reason="T17 data absent")(test))


def make_t17(root: Path) -> Path:
    """A tiny T17-shaped data dir with our own sentences."""
    for topic, texts in {"b_topic": ["Gamma delta .", "Epsilon ."], "a_topic": ["Alpha beta gamma .", ""]}.items():
        folder = root / "t17-timelines" / topic
        folder.mkdir(parents=True)
        records = [{"uid": f"{topic}-{i}", "dct": "2011-03-0%d" % (i + 1), "dates": [], "text": t}
                   for i, t in enumerate(texts)]
        (folder / "articles.json").write_text(json.dumps(records))
    return root


def test_iter_t17_is_ordered_limited_and_skips_empty_texts(tmp_path):
    data = make_t17(tmp_path)
    records = list(tp.iter_t17(data))
    assert [r["id"] for r in records] == ["a_topic-0", "b_topic-0", "b_topic-1"]
    assert records[0] == {"id": "a_topic-0", "published": "2011-03-01", "outlet": "a_topic",
                          "text": "Alpha beta gamma ."}
    assert [r["id"] for r in tp.iter_t17(data, limit=2)] == ["a_topic-0", "b_topic-0"]


def test_write_corpus_counts_whitespace_words(tmp_path):
    corpus = tp.write_corpus(tp.iter_t17(make_t17(tmp_path / "d")), tmp_path / "c.jsonl")
    assert (corpus.articles, corpus.words) == (3, 4 + 3 + 2)
    assert list(tp.iter_corpus_texts(corpus.path)) == ["Alpha beta gamma .", "Gamma delta .", "Epsilon ."]


def test_memory_sampler_sums_a_process_tree():
    # a child that holds ~60 MB, with a grandchild of its own
    code = ("import subprocess,sys,time; b=bytearray(60*1024*1024); "
            "p=subprocess.Popen([sys.executable,'-c','import time; time.sleep(3)']); time.sleep(3); p.wait()")
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        sampler = memory.MemorySampler(child.pid)
        deadline = time.time() + 10
        while time.time() < deadline and sampler.max_processes < 2:
            sampler.sample()
            time.sleep(0.1)
        time.sleep(0.5)
        sampler.sample()
    finally:
        child.wait()
    assert sampler.max_processes >= 2
    assert sampler.peak_bytes > 60 * memory.MB
    assert memory.process_tree(os.getpid())[0] == os.getpid()
    assert memory.rss_bytes(os.getpid()) > 0
    assert memory.rss_bytes(child.pid) == 0  # gone


def fake_measurement(mode: str, seconds: float, articles: int = 10) -> tp.Measurement:
    return tp.Measurement(mode, articles, 1000 * articles, seconds, 500.0, 3)


def test_ratio_and_markdown_from_hand_made_figures(tmp_path):
    bench = tp.Benchmark(tmp_path, 10, 2, "python bench/throughput.py --limit 10")
    assert bench.ratio_line() == "ratio readouts/spacy: n/a (readouts run skipped)"
    bench.runs = {"spacy": fake_measurement("spacy", 4.0), "readouts": fake_measurement("readouts", 5.0)}
    bench.scaling = [fake_measurement("readouts", 2.0, 5), fake_measurement("readouts", 4.0, 10)]
    bench.gate = tp.GateShare(articles=10, articles_parsed=8, sentences=100, sentences_kept=40,
                              chars=1000, chars_kept=450)
    assert bench.ratio == pytest.approx(0.8)
    assert bench.ratio_line() == "ratio readouts/spacy: 0.80"
    markdown = tp.render_markdown(bench)
    assert "| bare spaCy (`nlp.pipe`, same model) | 10 | 10,000 | 2.50 | 2,500 | 500 |" in markdown
    assert "| 5 | 5,000 | 2.0 | 0.400 | 0.400 | 500 |" in markdown
    assert "Largest run: 10 articles, peak RSS 500 MB over 3 processes" in markdown
    assert "40% of sentences" in markdown and "2 of 10 articles need no parse" in markdown
    assert "cores" in markdown and "python bench/throughput.py --limit 10" in markdown
    figures = tp.figures(bench)
    assert figures["ratio"] == 0.8 and figures["spacy_articles_per_s"] == 2.5


def test_median_measurement_takes_median_time_and_max_memory():
    runs = [fake_measurement("spacy", s) for s in (3.0, 1.0, 2.0)]
    runs[0].peak_rss_mb = 900.0
    chosen = tp.median_measurement(runs)
    assert chosen.seconds == 2.0 and chosen.peak_rss_mb == 900.0


def test_run_is_skipped_without_data(tmp_path):
    section = tp.run(tmp_path)
    assert section.skipped and section.suite == "throughput"


def run_bench(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "bench/throughput.py", *args], capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[1], timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()


@needs_t17
def test_bench_bare_mode_prints_figures_and_ratio_line():
    lines = run_bench("--limit", "3", "--jobs", "1", "--skip-readouts", "--gate", "--markdown")
    assert any(re.match(r"spacy\s+3 articles", line) for line in lines)
    assert any(re.match(r"gated\s+3 articles", line) for line in lines)
    assert any("peak RSS" in line and "MB" in line for line in lines)
    assert any(line.startswith("| bare spaCy through the gate | 3 |") for line in lines)
    assert lines[-1] == "ratio readouts/spacy: n/a (readouts run skipped)"


@needs_t17
def test_bench_full_mode_prints_numeric_ratio():
    lines = run_bench("--limit", "3", "--jobs", "1", "--all-names")
    assert any(re.match(r"readouts\s+3 articles", line) for line in lines)
    assert any(re.match(r"readouts-all-names\s+3 articles", line) for line in lines)
    assert any(re.fullmatch(r"ratio readouts-all-names/spacy: \d+\.\d\d", line) for line in lines)
    assert re.fullmatch(r"ratio readouts/spacy: \d+\.\d\d", lines[-1])


def test_gate_agreement_on_a_hand_written_article(tmp_path):
    text = (" date 2022-06-14 \n\nA heatwave hit the south of the country on Monday. Schools closed early "
            "and hospitals reported more cases of heatstroke.\n\nJapanese Prime Minister Fumio Kishida "
            "held talks with Australian Prime Minister Anthony Albanese in Tokyo on Tuesday. The two "
            "leaders discussed trade in critical minerals.\n\nIn baseball, the home side lost again.")
    (tmp_path / "one.txt").write_text(text, encoding="utf-8")
    found = agreement.gate_agreement([tmp_path / "one.txt"])
    assert found.articles == 1 and not found.failures
    assert found.events_full >= 1
    assert found.matched == found.events_full == found.events_gated
    assert "1 articles" in found.line()
