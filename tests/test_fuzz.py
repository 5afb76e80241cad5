"""Property-based tests (hypothesis) of the readers, the cleaner and the offset map:
no input raises, and every clean-text span maps back to the same text in the original.

`make test` runs a few thousand examples in all; `make fuzz` (READOUTS_FUZZ=1) runs
many more.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readouts.clean import clean
from readouts.read import (
    SUPPORTED_SUFFIXES, ReadOptions, Undecodable, decode_bytes, read_path, split_export, windows,
)
from readouts.records import OffsetMap, RawArticle, Skip

settings.register_profile("default", max_examples=300, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=5_000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("fuzz" if os.environ.get("READOUTS_FUZZ") else "default")

# Text that looks like news more often than uniform noise does: words, lines, dates,
# separators of exports, the .txt date header, markup and stray control characters.
PIECES = st.sampled_from([
    "The minister", " met ", "his counterpart", " in Geneva", " on Monday", ".", ", ", "\n", "\n\n",
    " date 2024-01-05 ", "Document 1 of 2\n", "End of Document\n", "Document ABCDEF0123456789XYZ\n",
    "Copyright 2024 Example\n", "Body\n", "May 6, 2024 Monday\n", "ISLAMABAD, May 6 (Xinhua) -- ",
    "By Jane Roe\n", "Advertisement\n", "Read more: ", "<p>", "</p>", "\"", "é", "中", "ش", "\t", "\x00",
    "\r\n", "\u2028", "\ufeff", "Analysis: ",
])
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map("".join)


def _outcome_types(items) -> set[type]:
    return {type(item) for item in items}


@given(st.binary(max_size=3000))
def test_decode_bytes_gives_text_or_undecodable(data: bytes) -> None:
    try:
        assert isinstance(decode_bytes(data), str)
    except Undecodable as exc:
        assert exc.reason in {"binary", "encoding"}


@given(data=st.one_of(st.binary(max_size=3000), NEWSY.map(lambda t: t.encode("utf-8", "surrogatepass"))),
       suffix=st.sampled_from(sorted(SUPPORTED_SUFFIXES)))
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_every_reader_takes_any_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        items = list(read_path(path, path.name))
    assert _outcome_types(items) <= {RawArticle, Skip}
    for item in items:
        if isinstance(item, RawArticle):
            assert item.text.strip()


RECORD_VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                          NEWSY, st.lists(st.integers(), max_size=3))
RECORDS = st.lists(st.dictionaries(
    st.sampled_from(["text", "body", "content", "published", "date", "dct", "id", "uid", "title",
                     "headline", "url", "outlet", "other"]), RECORD_VALUES, max_size=6), max_size=5)


@given(records=RECORDS, as_lines=st.booleans())
def test_json_readers_take_any_records(records: list[dict], as_lines: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("feed.jsonl" if as_lines else "feed.json")
        body = "\n".join(json.dumps(r) for r in records) if as_lines else json.dumps(records)
        path.write_text(body, encoding="utf-8")
        items = list(read_path(path, path.name, ReadOptions(date_order=None)))
    assert _outcome_types(items) <= {RawArticle, Skip}


@given(rows=st.lists(st.lists(NEWSY, min_size=3, max_size=3), max_size=5),
       delimiter=st.sampled_from([",", ";", "\t", "|"]), bom=st.booleans())
def test_csv_reader_takes_any_rows(rows: list[list[str]], delimiter: str, bom: bool) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["title", "text", "published"])
    writer.writerows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "table.csv"
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8", "surrogatepass"))
        items = list(read_path(path, path.name))
    assert _outcome_types(items) <= {RawArticle, Skip}


def _assert_exact_provenance(original: str, article) -> None:
    """Every copied piece of the clean text is the same text in the original, and any
    span inside a piece maps to an original span with the same characters."""
    for clean_start, original_start, length in article.offsets.segments:
        piece = article.text[clean_start:clean_start + length]
        assert piece == original[original_start:original_start + length]
        start, end = article.to_original(clean_start, clean_start + length)
        assert original[start:end] == piece


@given(text=NEWSY, title=st.one_of(st.none(), NEWSY), fmt=st.sampled_from(["txt", "jsonl", "html"]))
def test_cleaner_takes_any_text_and_keeps_provenance(text: str, title: str | None, fmt: str) -> None:
    article = clean(RawArticle(source="x", text=text, title=title, fmt=fmt))
    _assert_exact_provenance(text, article)


@given(NEWSY, st.data())
def test_clean_spans_map_to_the_same_original_text(text: str, data) -> None:
    article = clean(RawArticle(source="x", text=text))
    for clean_start, _, length in article.offsets.segments:
        a = data.draw(st.integers(clean_start, clean_start + length))
        b = data.draw(st.integers(a, clean_start + length))
        start, end = article.to_original(a, b)
        assert text[start:end] == article.text[a:b]


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(1, 9)), max_size=12), st.data())
def test_offset_map_is_monotone_and_exact_inside_pieces(gaps_and_lengths, data) -> None:
    offsets, clean_at, original_at = OffsetMap(), 0, 0
    for gap, length in gaps_and_lengths:
        original_at += gap
        offsets.add(clean_at, original_at, length)
        clean_at += length + 1  # one inserted separator between pieces
        original_at += length
    points = sorted(data.draw(st.lists(st.integers(0, clean_at + 3), max_size=10)))
    mapped = [offsets.to_original(p) for p in points]
    assert mapped == sorted(mapped)
    for clean_start, original_start, length in offsets.segments:
        k = data.draw(st.integers(0, length))
        assert offsets.to_original(clean_start + k) == original_start + k


@given(NEWSY, st.integers(20, 200))
def test_windows_cover_the_text_exactly(text: str, size: int) -> None:
    raw = RawArticle(source="big.txt", text=text)
    covered = 0
    for piece in windows(raw, size):
        start, end = map(int, piece.source.split("#char=")[1].split(","))
        assert text[start:end] == piece.text and piece.text.strip()
        assert not text[covered:start].strip()  # only blank windows are left out
        covered = end
    assert not text[covered:].strip()


@given(NEWSY)
def test_export_pieces_are_parts_of_the_text(text: str) -> None:
    for piece in split_export(text):
        assert piece.text in text
