"""A long text is analysed in windows: exact slices of the file, each stored with its
place in the file, every stored span pointing at the same characters in the file."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from readouts.pipeline import ingest
from readouts.read import WINDOW_CHARS, iter_inputs
from readouts.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent / "badinput"))
from generate import story  # noqa: E402

PLACES = [("Chile", "Santiago"), ("Peru", "Lima"), ("Kenya", "Nairobi"), ("Ghana", "Accra"),
          ("Nepal", "Kathmandu"), ("Oman", "Muscat"), ("Fiji", "Suva"), ("Mali", "Bamako")]
GUESTS = ["Japan", "Brazil", "Canada", "India", "Egypt", "Norway", "Turkey", "Mexico", "Poland"]


def long_text(paragraphs: int) -> str:
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    return "\n\n".join(
        story(host, GUESTS[i % len(GUESTS)], city, days[i % 5], f"item {i} of a long agenda")
        for i, (host, city) in ((i, PLACES[i % len(PLACES)]) for i in range(paragraphs)))


def test_windows_are_exact_slices_cut_at_paragraphs(tmp_path: Path) -> None:
    text = long_text(250)  # about 85,000 characters
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    windows = list(iter_inputs([tmp_path]))
    assert 3 <= len(windows) <= len(text) // (WINDOW_CHARS // 2)
    for window in windows:
        start, end = map(int, re.fullmatch(r"long\.txt#char=(\d+),(\d+)", window.source).groups())
        assert text[start:end] == window.text
        assert end == len(text) or text[end - 2:end] == "\n\n"  # cut after a blank line


def test_stored_spans_of_windows_point_into_the_file(tmp_path: Path) -> None:
    text = long_text(120)  # about 40,000 characters: two windows
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    with Store(tmp_path / "long.duckdb") as store:
        report = ingest([tmp_path], store)
        rows = store.con.execute("SELECT id, source, original FROM articles").fetchall()
        spans = store.con.execute(
            "SELECT article_id, start_char, end_char, text FROM mentions UNION ALL "
            "SELECT article_id, start_char, end_char, text FROM timexes").fetchall()
    assert report.stored == len(rows) == 2 and report.events > 0
    offset_of = {}
    for article_id, source, original in rows:
        start, end = map(int, source.split("#char=")[1].split(","))
        assert text[start:end] == original
        offset_of[article_id] = start
    assert spans
    for article_id, start, end, span_text in spans:
        base = offset_of[article_id]
        assert text[base + start:base + end] == span_text and span_text.strip()
