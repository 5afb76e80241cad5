"""Genre: opinion and analysis pieces are recognised from title labels and URL sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from readouts.clean import clean
from readouts.genre import is_opinion
from readouts.pipeline import ingest
from readouts.records import RawArticle
from readouts.store import Store

BODY = ("The foreign ministers of Chile and Peru met in Lima on Tuesday and agreed to "
        "reopen talks on their shared border crossings, officials said afterwards.")


def _article(text: str = BODY, title: str | None = None, url: str | None = None):
    return clean(RawArticle(source="x", text=text, title=title, url=url, fmt="jsonl" if url else "txt"))


@pytest.mark.parametrize("title", ["Analysis: Why the summit in Lima matters",
                                   "OPINION | The border talks are a trap",
                                   "Editorial - A deal worth keeping", "Explainer: what the accord says"])
def test_title_labels_mark_opinion(title: str) -> None:
    assert "title label" in is_opinion(_article(title=title))


def test_first_line_of_a_text_file_counts_as_its_title() -> None:
    article = _article(" date 2024-02-06 Comment: Lima is only the start\n\n" + BODY)
    assert is_opinion(article) == "title label 'Comment'"


def test_url_sections_mark_opinion() -> None:
    assert is_opinion(_article(url="https://news.example.org/opinion/2024/02/lima-talks")) == \
        "url section /opinion/"
    assert is_opinion(_article(url="https://news.example.org/world/americas/lima-talks")) is None


@pytest.mark.parametrize("title", ["Chile and Peru reopen border talks", "Analysts see progress in Lima",
                                   "Commentators praise the Lima accord"])
def test_news_reports_are_not_opinion(title: str) -> None:
    assert is_opinion(_article(title=title)) is None


def test_ingest_counts_and_stores_opinion_articles(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(" date 2024-02-06 Chile and Peru talk\n\n" + BODY, encoding="utf-8")
    (tmp_path / "view.txt").write_text(
        " date 2024-02-07 Analysis: What Lima means\n\nThe meeting in Lima between the ministers of "
        "Chile and Peru on Tuesday shows how far the two governments have come since the dispute.",
        encoding="utf-8")
    with Store(tmp_path / "g.duckdb") as store:
        report = ingest([tmp_path], store)
        genres = dict(store.con.execute("SELECT source, genre FROM articles").fetchall())
    assert report.opinion == 1 and "1 treated as opinion or analysis" in report.summary()
    assert genres == {"news.txt": None, "view.txt": "opinion"}


@pytest.mark.parametrize("text", [
    "The author is a former ambassador to three capitals.\n\nSmall states gain from summits.",
    "Policy Brief\n\nWhere next for the alliance\n\nThe leaders met again in June.",
    "Is the alliance still useful? Does it deliver? Will it grow? Who pays? Who decides? The leaders met in June.",
    "This paper examines the trade talks between the two blocs and their prospects.",
])
def test_a_piece_that_speaks_of_itself_or_argues_is_opinion(text):
    assert is_opinion(_article(text=text))


@pytest.mark.parametrize("text", [
    "President Anna Berg met President Tomas Varga on Monday. \"Is this a new start?\" she asked.",
    "Talks ended. ``Will it hold? Can they agree? Who pays? Who decides? When?'' an aide asked.",
    "The ministers met in Vienna. Talks will resume in May, officials said.",
])
def test_a_news_report_is_not_opinion(text):
    assert is_opinion(_article(text=text)) is None


ARGUMENT = ("Nobody should be surprised that the minister flew to Oslo first. It is clear that the "
            "old partners matter less, and for good reason. However, our leaders seem to miss it. "
            "Despite the talk of unity, the figures speak for themselves.")


def test_an_opening_dense_with_the_authors_stance_argues() -> None:
    assert is_opinion(_article(text=ARGUMENT)).startswith("argues")


def test_the_same_words_in_a_report_that_attributes_them_are_news() -> None:
    attributed = ("The minister said nobody should be surprised. It is clear, she told reporters, "
                  "that old partners matter, and for good reason, an aide added. However, critics "
                  "said the figures speak for themselves. Despite that, our talks go on, he said.")
    assert is_opinion(_article(text=attributed)) is None


def test_stance_inside_quotation_marks_is_not_the_authors() -> None:
    quoted = ("The ministers met in Oslo on Monday. \"It is clear that old partners matter, and for "
              "good reason. However, we seem to forget it. Despite everything, the numbers speak for "
              "themselves. We must act,\" one of them argued.")
    assert is_opinion(_article(text=quoted)) is None
