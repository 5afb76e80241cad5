"""Tests for readouts.read and readouts.language: formats, walking, and bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from readouts.language import check_english
from readouts.read import ReadStats, iter_inputs
from readouts.records import RawArticle, Skip

STORY = (
    "The foreign ministers of Japan and South Korea met in Tokyo on Monday and agreed "
    "to resume regular security talks that had been suspended for several years. "
    "They also discussed export controls, the situation on the Korean peninsula and "
    "plans for a leaders' summit later in the year, according to officials who were "
    "briefed on the meeting."
)


def _items(*paths: Path, **kwargs) -> list[RawArticle | Skip]:
    return list(iter_inputs(list(paths), **kwargs))


def _only(*paths: Path, **kwargs) -> RawArticle | Skip:
    items = _items(*paths, **kwargs)
    assert len(items) == 1, items
    return items[0]


# ------------------------------------------------------------------------- .txt


def test_txt_header_date_and_remainder_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(" date 2023-03-16 Tokyo and Seoul mend ties\n\n" + STORY + "\n", encoding="utf-8")
    raw = _only(path)
    assert isinstance(raw, RawArticle)
    assert raw.published == date(2023, 3, 16)
    assert raw.published_from == "header"
    assert raw.source == "a.txt"
    assert raw.fmt == "txt"
    assert "Tokyo and Seoul mend ties" in raw.text  # the header remainder stays in the text


def test_txt_date_unknown_and_no_header(tmp_path: Path) -> None:
    (tmp_path / "unknown.txt").write_text(" date unknown\n" + STORY, encoding="utf-8")
    (tmp_path / "plain.txt").write_text(STORY, encoding="utf-8")
    for item in _items(tmp_path):
        assert isinstance(item, RawArticle)
        assert item.published is None and item.published_from is None


def test_latin1_file_is_decoded_not_skipped(tmp_path: Path) -> None:
    text = ("The café talks between the délégations from Paris and São Paulo "
            "ended on Friday. " + STORY)
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("cp1252"))
    raw = _only(path)
    assert isinstance(raw, RawArticle), raw
    assert "café" in raw.text and "délégations" in raw.text and "São Paulo" in raw.text


def test_utf8_bom_and_utf16_files(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + STORY.encode("utf-8"))
    (tmp_path / "wide.txt").write_bytes(STORY.encode("utf-16"))
    items = _items(tmp_path)
    assert [type(i) for i in items] == [RawArticle, RawArticle]
    assert all(i.text.startswith("The foreign ministers") for i in items)


# ----------------------------------------------------------------- bad inputs


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n\t \n", encoding="utf-8")
    items = _items(tmp_path)
    assert [(i.source, i.reason) for i in items] == [("blank.txt", "empty"), ("empty.txt", "empty")]


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "binary"


def test_control_character_noise_is_binary(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 65, 66]) * 200)
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "binary"


def test_too_large_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(STORY * 10, encoding="utf-8")
    skip = _only(path, max_bytes=500)
    assert isinstance(skip, Skip) and skip.reason == "too_large"
    assert "500" in skip.detail


def test_unsupported_file_given_explicitly_vs_in_directory(tmp_path: Path) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(STORY, encoding="utf-8")
    skip = _only(notes)
    assert isinstance(skip, Skip) and skip.reason == "unsupported"
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    hidden_dir = tmp_path / ".git"
    hidden_dir.mkdir()
    (hidden_dir / "x.txt").write_text(STORY, encoding="utf-8")
    stats = ReadStats()
    items = _items(tmp_path, stats=stats)
    assert [i.source for i in items] == ["story.txt"]
    assert stats.ignored == 1 and stats.ignored_suffixes == {".md": 1}
    assert stats.articles == 1 and stats.files == 1


def test_missing_path(tmp_path: Path) -> None:
    skip = _only(tmp_path / "nope.txt")
    assert isinstance(skip, Skip) and "no such file" in skip.detail


def test_non_english_file(tmp_path: Path) -> None:
    german = (
        "Die Außenminister Deutschlands und Frankreichs haben sich am Dienstag in Berlin "
        "getroffen und über die Unterstützung der Ukraine, den Handel mit China und die "
        "gemeinsame Verteidigungspolitik der Europäischen Union gesprochen. Nach dem Treffen "
        "sagte die Ministerin, beide Länder würden ihre Zusammenarbeit weiter vertiefen und "
        "sich eng abstimmen, bevor der nächste Gipfel in Brüssel beginnt."
    )
    path = tmp_path / "de.txt"
    path.write_text(" date 2023-05-02\n" + german, encoding="utf-8")
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "non_english"
    assert "language 'de'" in skip.detail


def test_directory_is_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "c.txt").write_text(STORY, encoding="utf-8")
    assert [i.source for i in _items(tmp_path)] == ["a.txt", "b/2.txt", "c.txt"]


# -------------------------------------------------------------- json / jsonl / csv


def test_jsonl_records_and_a_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "k1", "title": "Talks in Tokyo", "text": STORY, "published": "2023-03-16",
                    "outlet": "Example Wire"}),
        json.dumps({"url": "https://example.org/n/2", "text": STORY, "published": "2023-03-17T08:30:00Z"}),
        '{"text": "unterminated',
        json.dumps({"id": "k4", "title": "No body"}),
        json.dumps({"text": STORY, "published": "16 March 2023"}),
        json.dumps(["not", "an", "object"]),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(lines) + "\n\n", encoding="utf-8")
    items = _items(path)
    assert len(items) == 6
    first, second, broken, no_text, third, not_object = items
    assert isinstance(first, RawArticle) and first.source == "feed.jsonl#k1"
    assert (first.title, first.outlet, first.external_id) == ("Talks in Tokyo", "Example Wire", "k1")
    assert first.published == date(2023, 3, 16) and first.published_from == "metadata"
    assert second.source == "https://example.org/n/2" and second.published == date(2023, 3, 17)
    assert isinstance(broken, Skip) and broken.reason == "malformed" and broken.detail == "line 3: invalid JSON"
    assert isinstance(no_text, Skip) and no_text.reason == "empty" and no_text.detail.startswith("line 4: no text field") and "fields found: 'id', 'title'" in no_text.detail
    assert third.published == date(2023, 3, 16) and third.source == "feed.jsonl#5"
    assert isinstance(not_object, Skip) and not_object.reason == "malformed"


def test_jsonl_record_cap(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": STORY * 20}) + "\n" + json.dumps({"text": STORY}) + "\n",
                    encoding="utf-8")
    big, small = _items(path, max_bytes=2000)
    assert isinstance(big, Skip) and big.reason == "too_large" and big.detail.startswith("line 1")
    assert isinstance(small, RawArticle)


def test_jsonl_non_english_record(tmp_path: Path) -> None:
    spanish = ("El presidente de Brasil recibió el martes en Brasilia al canciller de China. "
               "Ambos hablaron sobre comercio, inversiones y la guerra en Ucrania, según un "
               "comunicado del gobierno publicado después de la reunión en el palacio presidencial "
               "de la capital, donde también estuvieron presentes varios ministros del gabinete.")
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps({"text": spanish}) + "\n" + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    skip, raw = _items(path)
    assert isinstance(skip, Skip) and skip.reason == "non_english"
    assert isinstance(raw, RawArticle)


def test_json_shapes(tmp_path: Path) -> None:
    (tmp_path / "one.json").write_text(json.dumps({"text": STORY, "id": 7}), encoding="utf-8")
    (tmp_path / "list.json").write_text(json.dumps([{"text": STORY}, {"text": ""}]), encoding="utf-8")
    (tmp_path / "wrapped.json").write_text(json.dumps({"articles": [{"text": STORY, "url": "u:1"}]}),
                                           encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    items = _items(tmp_path)
    summary = [(i.source, getattr(i, "reason", "ok")) for i in items]
    assert summary == [("broken.json", "malformed"), ("list.json#1", "ok"), ("list.json#2", "empty"),
                       ("one.json#7", "ok"), ("u:1", "ok")]


def test_csv_with_bom_and_multiline_cells(tmp_path: Path) -> None:
    body = STORY.replace(". They", ".\n\nThey")
    content = ('id,title,published,outlet,text\r\n'
               f'r1,"Talks, in Tokyo",2023-03-16,Example Wire,"{body}"\r\n'
               'r2,Empty,2023-03-17,X,\r\n')
    path = tmp_path / "table.csv"
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    first, second = _items(path)
    assert isinstance(first, RawArticle)
    assert first.source == "table.csv#r1" and first.title == "Talks, in Tokyo"
    assert "\n\nThey also" in first.text and first.fmt == "csv"
    assert isinstance(second, Skip) and second.reason == "empty"


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "malformed"


# -------------------------------------------------------------------------- html

PAGE = """<!doctype html><html><head><title>Ministers meet in Tokyo | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2023-03-16T10:00:00+09:00">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Ministers meet in Tokyo</h1>
<p>TOKYO (Example Wire) - The foreign ministers of Japan and South Korea met in Tokyo on Monday
and agreed to resume regular security talks that had been suspended for several years.</p>
<p>They also discussed export controls, the situation on the Korean peninsula and plans for a
leaders' summit later in the year, according to officials who were briefed on the meeting.</p>
</article>
<footer><p>Copyright 2023 Example Daily. All rights reserved.</p></footer>
</body></html>"""


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    raw = _only(path)
    assert isinstance(raw, RawArticle), raw
    assert raw.fmt == "html"
    assert raw.title == "Ministers meet in Tokyo"
    assert raw.outlet == "Example Daily"
    assert raw.published == date(2023, 3, 16) and raw.published_from == "metadata"
    assert "resume regular security talks" in raw.text
    assert "All rights reserved" not in raw.text


def test_html_without_main_text(tmp_path: Path) -> None:
    path = tmp_path / "nav.htm"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", encoding="utf-8")
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "empty"


# ---------------------------------------------------------------------- language


@pytest.mark.parametrize(
    "text",
    [
        "Modi meets Biden.",  # too short to judge: benefit of the doubt
        # a one-line brief full of names: English ranks second, and is kept
        "The Premier of Canada met the President of Mexico in Ottawa on Monday, his spokesman told reporters.",
        "South African President meets Nigerian counterpart in Pretoria",
        "The president said both governments should widen their strategic dialogue and "
        "practical cooperation, and work together on a common future for the good of the two "
        "peoples, who stood by each other through the years of the pandemic.",
        "President, Prime Minister, Foreign Minister, Defence Minister, Finance Minister, Ambassador "
        "Khalil Hashmi, Vice Minister Sun Haiyan, State Councilor Wang Yi, Premier Li Qiang and "
        "Chancellor Olaf Scholz attended the ceremony in the Great Hall of the People in Beijing "
        "with delegations from Pakistan, Germany, Brazil and Turkey.",
    ],
)
def test_english_texts_are_not_flagged(text: str) -> None:
    assert check_english(text).english


@pytest.mark.parametrize(
    "text",
    [
        "Le président de la République a reçu mardi à Paris le premier ministre indien. Les deux "
        "dirigeants ont évoqué le commerce, la défense, le climat et la situation en Ukraine, selon "
        "un communiqué publié par la présidence après une rencontre de deux heures au palais.",
        "Cumhurbaşkanı salı günü Ankara'da Alman mevkidaşını kabul etti. İki lider ticaret, enerji, "
        "göç ve bölgesel güvenlik konularını görüştü ve görüşmenin ardından ortak bir basın toplantısı "
        "düzenleyerek iş birliğini derinleştirme kararlılığını vurguladı, yetkililer açıkladı bugün.",
        "Президент России провёл во вторник в Москве переговоры с председателем КНР о торговле и энергетике.",
    ],
)
def test_other_languages_are_flagged(text: str) -> None:
    verdict = check_english(text)
    assert not verdict.english
    assert verdict.detail.startswith("looks like non-English text")


# --------------------------------------------------------------- example corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "news"
EXPECTED = Path(__file__).resolve().parent / "expected_examples.json"


def test_example_corpus_reads_without_skips() -> None:
    stats = ReadStats()
    items = list(iter_inputs([EXAMPLES], stats=stats))
    skips = [i for i in items if isinstance(i, Skip)]
    assert not skips, skips
    assert len(items) == 17 and stats.ignored == 1  # README.md is ignored, and counted
    sources = {i.source for i in items}
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert {e["file"] for e in expected} <= sources
    for event in expected:
        assert event["type"] in {"meeting", "phone_call", "message_exchange", "visit", "agreement", "statement"}
        assert event["status"] in {"occurred", "planned", "negated"}
        assert event["date"] is None or date.fromisoformat(event["date"])
        # an interaction has two sides; a visit may name only its visitor (the host is a state)
        assert len(event["participants"]) >= (1 if event["type"] == "visit" else 2)
    latin = next(i for i in items if i.source.startswith("undated_"))
    assert "Brasília" in latin.text and latin.published is None


def test_deeply_nested_json_is_a_skip_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "malformed"


def test_random_bytes_are_binary_in_every_streamed_format(tmp_path: Path) -> None:
    import random

    rng = random.Random(3)
    noise = bytes(rng.randrange(1, 256) for _ in range(5000))  # no NUL bytes
    for name in ("noise.txt", "noise.jsonl", "noise.csv", "noise.html"):
        (tmp_path / name).write_bytes(noise)
    items = _items(tmp_path)
    assert [(i.source, i.reason) for i in items] == [
        ("noise.csv", "binary"), ("noise.html", "binary"), ("noise.jsonl", "binary"), ("noise.txt", "binary")]


def test_text_without_words_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "rule.txt"
    path.write_text(" date 2020-01-01\n" + "=" * 80 + "\n12 34 56\n", encoding="utf-8")
    skip = _only(path)
    assert isinstance(skip, Skip) and skip.reason == "empty"


def test_csv_row_whose_quote_never_closes_is_malformed(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text(f'id,text\nr1,"{STORY}"\nr2,"cut off in the middle\n', encoding="utf-8")
    good, broken = _items(path)
    assert isinstance(good, RawArticle) and good.source == "cut.csv#r1"
    assert isinstance(broken, Skip) and broken.reason == "malformed"
    assert "row 2" in broken.detail


# ------------------------------------------------------------- publication dates


@pytest.mark.parametrize(("value", "order", "expected"), [
    ("2024-05-06T10:00:00Z", None, "2024-05-06"),
    ("6 May 2024", None, "2024-05-06"),
    ("Mon, 06 May 2024 10:00:00 GMT", None, "2024-05-06"),
    ("1714953600", None, "2024-05-06"),  # Unix seconds
    ("13/03/2024", None, "2024-03-13"),  # only one reading is possible
    ("03/13/2024", None, "2024-03-13"),
    ("02/03/2024", "DMY", "2024-03-02"),
    ("02/03/2024", "MDY", "2024-02-03"),
])
def test_absolute_publication_dates(value: str, order, expected: str) -> None:
    from readouts.read import parse_published

    assert parse_published(value, order) == (date.fromisoformat(expected), None)


@pytest.mark.parametrize(("value", "why"), [
    ("yesterday", "not an absolute date"), ("3 days ago", "not an absolute date"),
    ("02/03/2024", "ambiguous"), ("2024-02-30", "impossible"), ("0001-01-01", "implausible"),
])
def test_relative_ambiguous_and_impossible_dates_say_why(value: str, why: str) -> None:
    from readouts.read import parse_published

    published, problem = parse_published(value)
    assert published is None and why in problem
