"""The bad-input corpus (tests/badinput): every case gives one line and a count, nothing
good is lost, no traceback is printed, and a re-run adds nothing."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readouts.cli import app
from readouts.read import ReadOptions, ReadStats, iter_inputs
from readouts.records import RawArticle, Skip

sys.path.insert(0, str(Path(__file__).resolve().parent / "badinput"))
from generate import EXPECTED, build, story  # noqa: E402

runner = CliRunner()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("badinput") / "corpus")


def _file_of(source: str) -> str:
    return source.split("#", 1)[0]


def test_corpus_has_the_cases_the_issue_lists(corpus: Path) -> None:
    assert len(EXPECTED) >= 25
    on_disk = {p.name for p in corpus.iterdir() if p.is_file() and not p.is_symlink()}
    assert on_disk == set(EXPECTED)


def test_every_case_reads_as_expected(corpus: Path) -> None:
    stats = ReadStats()
    outcomes: dict[str, list[RawArticle | Skip]] = {}
    for item in iter_inputs([corpus], stats=stats):
        outcomes.setdefault(_file_of(item.source), []).append(item)
    for name, (kind, value) in EXPECTED.items():
        got = outcomes.get(name, [])
        articles = [i for i in got if isinstance(i, RawArticle)]
        skips = [i for i in got if isinstance(i, Skip)]
        if kind == "articles":
            assert len(articles) == value and not skips, (name, got)
        elif kind == "skip":
            assert not articles and [s.reason for s in skips] == [value], (name, got)
        elif kind == "articles+skip":
            assert len(articles) == 1 and [s.reason for s in skips] == [value], (name, got)
        else:
            assert not got and stats.ignored_suffixes == {value: 1}, (name, got)


def test_texts_survive_their_encodings(corpus: Path) -> None:
    texts = {_file_of(i.source): i.text for i in iter_inputs([corpus]) if isinstance(i, RawArticle)}
    assert "São Tomé" in texts["latin1.txt"]
    assert "Señor Pérez" in texts["mixed_encodings.txt"] and "Málaga" in texts["mixed_encodings.txt"]
    assert texts["utf16_no_bom.txt"].startswith("The foreign minister of Qatar")
    assert texts["truncated_utf8.txt"].endswith(" Caf")
    assert "\x00" not in texts["nul_bytes_in_text.txt"]


def test_records_name_the_fields_they_have(corpus: Path) -> None:
    skip = next(i for i in iter_inputs([corpus / "wrong_field.jsonl"]))
    assert "fields found: 'message', 'when'" in skip.detail and "--text-field" in skip.detail
    mapped = ReadOptions(fields=ReadOptions().fields.with_overrides(text="message", date="when"))
    article = next(i for i in iter_inputs([corpus / "wrong_field.jsonl"], options=mapped))
    assert isinstance(article, RawArticle) and str(article.published) == "2024-05-06"


def test_export_articles_keep_their_own_titles_and_dates(corpus: Path) -> None:
    lexis = list(iter_inputs([corpus / "lexisnexis_export.txt"]))
    assert [(a.title, str(a.published)) for a in lexis] == [
        ("Denmark and Bolivia agree on lithium study", "2024-05-06"),
        ("Sweden hosts Mongolian minister", "2024-05-09")]
    assert all("End of Document" not in a.text and "Document 2 of 2" not in a.text for a in lexis)
    factiva = list(iter_inputs([corpus / "factiva_export.txt"]))
    assert [str(a.published) for a in factiva] == ["2024-05-07", "2024-05-08"]
    assert all(a.text.rstrip().endswith("told reporters after the talks in " + city + ".")
               for a, city in zip(factiva, ("Ottawa", "Lisbon")))


def test_ingest_reports_each_case_once_without_traceback(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "bad.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    skip_lines = [line for line in result.stderr.splitlines() if line.startswith("skip ")]
    expected_skips = Counter(v for kind, v in EXPECTED.values() if kind in ("skip", "articles+skip"))
    assert Counter(line.split("(", 1)[1].split(")", 1)[0] for line in skip_lines) == expected_skips
    summary = result.stderr.strip().splitlines()[-1]
    good = sum(v if kind == "articles" else 1 for kind, v in EXPECTED.values()
               if kind in ("articles", "articles+skip"))
    assert summary.startswith(f"{good} ingested"), summary
    for reason, count in expected_skips.items():
        assert f"{count} {reason}" in summary
    assert "1 treated as opinion or analysis" in summary and "(.zip)" in summary
    stored = runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"]).stdout
    assert len(stored.splitlines()) == good
    again = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert again.exit_code == 0 and again.stderr.strip().splitlines()[-1].startswith("0 ingested")


def test_date_order_reads_an_ambiguous_date(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "dates.duckdb"
    result = runner.invoke(app, ["ingest", str(corpus / "ambiguous_date.jsonl"), "--db", str(db),
                                 "--date-order", "DMY"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in runner.invoke(app, ["articles", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()]
    assert [r["published"] for r in rows] == ["2024-03-02"]
    options = ReadOptions(date_order="MDY")
    article = next(iter_inputs([corpus / "ambiguous_date.jsonl"], options=options))
    assert str(article.published) == "2024-02-03"


def test_a_file_that_vanishes_mid_run_is_one_skip(tmp_path: Path) -> None:
    for name, host in (("a.txt", "Chile"), ("b.txt", "Peru"), ("c.txt", "Cuba")):
        (tmp_path / name).write_text(story(host, "Japan", "Tokyo", "Monday", "trade"), encoding="utf-8")
    items = []
    for item in iter_inputs([tmp_path]):
        items.append(item)
        if len(items) == 1:
            (tmp_path / "b.txt").unlink()  # after the walk listed it, before it is read
    assert [type(i).__name__ for i in items] == ["RawArticle", "Skip", "RawArticle"]
    assert items[1].reason == "unreadable" and "No such file" in items[1].detail


def test_an_unreadable_file_is_one_skip(tmp_path: Path, monkeypatch) -> None:
    good = tmp_path / "good.txt"
    good.write_text(story("Chile", "Japan", "Tokyo", "Monday", "trade"), encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(story("Peru", "Japan", "Tokyo", "Monday", "trade"), encoding="utf-8")
    locked.chmod(0)
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:  # root reads a mode-000 file: refuse as a user would be
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = list(iter_inputs([tmp_path]))
    assert isinstance(items[0], RawArticle)
    assert isinstance(items[1], Skip) and items[1].reason == "unreadable"
    assert "Permission denied" in items[1].detail
