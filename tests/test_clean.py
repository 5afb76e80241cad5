"""Tests for readouts.clean: boilerplate, headline, datelines, date fallbacks, offsets, ids."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from readouts.clean import article_id, classify_dated_line, clean, find_dateline
from readouts.read import iter_inputs
from readouts.records import Article, RawArticle

from conftest import SEEDS

BODY_1 = ("The prime ministers of India and Japan held their annual summit in New Delhi on "
          "Saturday and agreed to deepen cooperation on clean energy and rail.")
BODY_2 = ("Officials said the two leaders also discussed maritime security in the Indo-Pacific "
          "and the supply of critical minerals.")


def _clean(text: str, **kwargs) -> Article:
    return clean(RawArticle(source="t.txt", text=text, **kwargs))


def _assert_story_intact(article: Article) -> None:
    assert BODY_1 in article.text and BODY_2 in article.text


# --------------------------------------------------------------- boilerplate lines


@pytest.mark.parametrize(
    "line",
    ["Home > World > Asia", "Home > Regional News", "News » Diplomacy » South Asia", "Home / World / Europe"],
)
def test_breadcrumbs_removed(line: str) -> None:
    article = _clean(f"{line}\n\n{BODY_1}\n\n{BODY_2}\n")
    assert line not in article.text
    _assert_story_intact(article)


@pytest.mark.parametrize(
    "line",
    ["Open Menu", "Close", "Skip to content", "Share", "Tweet", "Print", "Email",
     "Share | Tweet | Email", "Share Tweet Print Email", "Recommend To a Friend:", "Suggest to a friend:",
     "Advertisement", "Back to top"],
)
def test_ui_lines_removed(line: str) -> None:
    article = _clean(f"{BODY_1}\n{line}\n{BODY_2}\n")
    assert line not in article.text
    _assert_story_intact(article)
    # a removed line between two paragraphs leaves a paragraph break, not a join
    assert f"{BODY_1}\n\n{BODY_2}" == article.text


@pytest.mark.parametrize(
    "line",
    ["Read also | Leaders pledge to double bilateral trade", "Read more: Ministers meet in Cairo",
     "Also read Ministers meet in Cairo", "See also: Summit ends without a statement", "Related:"],
)
def test_related_link_lines_removed(line: str) -> None:
    article = _clean(f"{BODY_1}\n\n{line}\n\n{BODY_2}\n")
    assert line not in article.text
    _assert_story_intact(article)


@pytest.mark.parametrize(
    "line",
    ["© 2024 The Example Herald. All rights reserved.", "Copyright 2021 Example Media Group",
     "Follow us on Twitter and Facebook", "Follow Example Herald on Instagram for updates",
     "Subscribe to our daily newsletter", "(Reporting by Jane Roe in Ankara; Editing by John Doe)",
     "(Web editor: Li Ming, Zhao Lan)", "Editor: WXY", "Source: Example Wire", "Tags: diplomacy, trade",
     "Jane Roe in Geneva contributed to this report."],
)
def test_copyright_follow_and_credit_lines_removed(line: str) -> None:
    article = _clean(f"{BODY_1}\n\n{BODY_2}\n\n{line}\n")
    assert line not in article.text
    assert article.text == f"{BODY_1}\n\n{BODY_2}"


def test_photo_credits_removed_inside_lines_caption_kept() -> None:
    caption = ("Prime Minister A (L) shakes hands with Chancellor B in Berlin, Germany, on "
               "April 3, 2023. (Example/Jane Roe)")
    text = f"{caption}\n\n{BODY_1} (Photo: AFP)\n\n{BODY_2}\n(Reuters/John Doe)\n"
    article = _clean(text.replace("Example/", "Xinhua/"))
    assert "Xinhua/Jane Roe" not in article.text
    assert "(Photo: AFP)" not in article.text and "John Doe" not in article.text
    assert "(L)" not in article.text
    assert "shakes hands with Chancellor B in Berlin, Germany, on April 3, 2023." in article.text
    _assert_story_intact(article)


def test_brackets_that_are_not_credits_are_kept() -> None:
    text = f"{BODY_1} The ministers (India/Japan) met twice.\n\n{BODY_2}\n"
    assert "(India/Japan)" in _clean(text).text


@pytest.mark.parametrize(
    "line",
    ["Editing by the two governments took months, officials said, before the text was agreed.",
     "The source of the leak was not identified.",
     "Officials from both sides contributed to this report's findings, which were published on Monday "
     "after a long delay."],
)
def test_story_lines_like_credits_are_kept(line: str) -> None:
    assert line in _clean(f"{BODY_1}\n\n{line}\n\n{BODY_2}\n").text


@pytest.mark.parametrize(
    ("line", "kind", "day"),
    [
        ("Jane Roe Published February 28, 2024 | 11:30 AM", "byline", date(2024, 2, 28)),
        ("Updated: Tuesday, 3 March 2024 10:02 PKT", "byline", date(2024, 3, 3)),
        ("Last update on: Sun Mar 3, 2024 01:03 PM", "byline", date(2024, 3, 3)),
        ("By Ayesha Malik in Karachi", "byline", None),
        ("2021-10-26 19:13", "timestamp", date(2021, 10, 26)),
        ("Xinhua) 11:25, May 06, 2023", "timestamp", date(2023, 5, 6)),
        ("October 4th, 2022", "timestamp", date(2022, 10, 4)),
        ("The ministers met on May 6, 2023 in Cairo.", None, None),
        ("By Monday the talks had ended.", None, None),
    ],
)
def test_bylines_and_timestamps(line: str, kind: str | None, day: date | None) -> None:
    assert classify_dated_line(line) == (kind, day)
    article = _clean(f"{line}\n\n{BODY_1}\n\n{BODY_2}\n")
    assert (line in article.text) == (kind is None)


def test_bare_date_line_low_in_the_story_is_kept_as_a_heading() -> None:
    lines = [BODY_1, "Ministers met again.", "A third line.", "A fourth line.", "A fifth line.",
             "A sixth line.", "March 3, 2024", BODY_2, "March 4, 2024 10:15"]
    article = _clean("\n".join(lines))
    assert "March 3, 2024" in article.text and "10:15" not in article.text
    assert article.published == date(2024, 3, 4) and article.published_from == "timestamp"


# ------------------------------------------------------------------------ headline


def test_headline_becomes_title_and_leaves_body() -> None:
    article = _clean(f"India and Japan pledge closer energy ties\n\n{BODY_1}\n\n{BODY_2}\n")
    assert article.title == "India and Japan pledge closer energy ties"
    assert article.text == f"{BODY_1}\n\n{BODY_2}"


def test_first_sentence_is_not_a_headline() -> None:
    article = _clean(f"{BODY_1}\n\n{BODY_2}\n")
    assert article.title is None and article.text == f"{BODY_1}\n\n{BODY_2}"


def test_header_remainder_title_and_given_title_deduplicated() -> None:
    article = _clean(f" date 2023-09-09 India and Japan pledge closer ties\n\n{BODY_1}\n{BODY_2}",
                     fmt="txt", published=date(2023, 9, 9), published_from="header")
    assert article.title == "India and Japan pledge closer ties"
    assert "date 2023" not in article.text and article.text == f"{BODY_1}\n{BODY_2}"
    given = _clean(f"Closer ties\n{BODY_1}\n{BODY_2}", fmt="json", title="Closer Ties")
    assert given.title == "Closer Ties" and given.text.startswith(BODY_1)


def test_header_remainder_sentence_stays_in_body() -> None:
    article = _clean(f" date 2023-09-09 {BODY_1}\n\n{BODY_2}\n", fmt="txt")
    assert article.title is None and article.text == f"{BODY_1}\n\n{BODY_2}"


# ------------------------------------------------------------------------ datelines


@pytest.mark.parametrize(
    ("prefix", "place", "outlet", "day"),
    [
        ("CAIRO, June 4 (Xinhua) -- ", "Cairo", "Xinhua", None),
        ("ANKARA, (APP - Example News Network - 14th Mar, 2022) ", "Ankara", "APP", date(2022, 3, 14)),
        ("WASHINGTON (Reuters) - ", "Washington", "Reuters", None),
        ("NEW DELHI, March 3: ", "New Delhi", None, None),
        ("RIO DE JANEIRO, Brazil (AP) — ", "Rio de Janeiro", "AP", None),
        ("ISLAMABAD: ", "Islamabad", None, None),
        ("MOSCOW, Oct. 5, 2022 (TASS) - ", "Moscow", "TASS", date(2022, 10, 5)),
        ("NEW YORK (AP) — ", "New York", "AP", None),
        ("DAYTON, Ohio (March 2, 2015) — ", "Dayton", None, date(2015, 3, 2)),
        ("Hong Kong (CNN) — ", "Hong Kong", "CNN", None),
    ],
)
def test_datelines(prefix: str, place: str, outlet: str | None, day: date | None) -> None:
    article = _clean(f"{prefix}{BODY_1}\n\n{BODY_2}\n")
    assert article.dateline == place
    assert article.outlet == outlet
    assert article.text == f"{BODY_1}\n\n{BODY_2}"
    assert article.published == day
    assert article.published_from == ("dateline" if day else None)


@pytest.mark.parametrize(
    "line",
    ["NATO (North Atlantic Treaty Organization) said it would meet.", "UPDATE: talks resume",
     "NEW: Ministers arrive for the talks", "NATO: Allies agree to raise spending", "FILE: The two leaders in 2019.", "PLEASE NOTE: images cannot be verified",
     "The ministers met in Cairo (Egypt) - briefly.", "Anna Berg (left) — greets her guest"],
)
def test_not_datelines(line: str) -> None:
    assert find_dateline(line, 0, len(line)) is None


def test_outlet_from_reader_wins_over_dateline() -> None:
    article = _clean(f"WASHINGTON (Reuters) - {BODY_1}", outlet="Example Times")
    assert article.outlet == "Example Times" and article.dateline == "Washington"


# ---------------------------------------------------------------- date fallbacks


def test_reader_date_wins() -> None:
    article = _clean(f"2021-10-26 19:13\n{BODY_1}", published=date(2021, 10, 27), published_from="header")
    assert (article.published, article.published_from) == (date(2021, 10, 27), "header")


def test_fallback_order_dateline_byline_timestamp() -> None:
    stamp = "2020-01-02 10:00"
    byline = "Staff Reporter Published January 3, 2020"
    dateline = "TOKYO, (Example Wire - 4th Jan, 2020) "
    assert _clean(f"{stamp}\n{byline}\n{dateline}{BODY_1}").published_from == "dateline"
    both = _clean(f"{stamp}\n{byline}\n{BODY_1}")
    assert (both.published, both.published_from) == (date(2020, 1, 3), "byline")
    only = _clean(f"{stamp}\n{BODY_1}")
    assert (only.published, only.published_from) == (date(2020, 1, 2), "timestamp")


def test_a_date_first_dateline_dates_the_page_and_leaves_the_body() -> None:
    article = _clean(f"March 5, 2024 (Example Wire)—{BODY_1}")
    assert (article.published, article.published_from, article.outlet) == (date(2024, 3, 5), "dateline", "Example Wire")
    assert article.text.startswith(BODY_1[:20]) and article.dateline is None


def test_an_undated_page_takes_the_latest_embedded_post_stamp() -> None:
    posts = ("Good talks with my counterpart today. — Jane Roe (@janeroe) March 2, 2024\n"
             "An older post of the ministry. — Example Ministry (@exministry) February 20, 2024\n")
    article = _clean(f"{BODY_1}\n\n{posts}\n{BODY_2}")
    assert (article.published, article.published_from) == (date(2024, 3, 2), "post stamp")
    assert _clean(f"{BODY_1}\n\n{posts}", published=date(2024, 3, 4)).published == date(2024, 3, 4)


def test_dateline_without_year_and_dates_in_story_do_not_date_article() -> None:
    article = _clean(f"CAIRO, June 4 (Xinhua) -- {BODY_1} The visit follows talks held on May 6, 2023.")
    assert article.published is None and article.published_from is None


# ------------------------------------------------------------------ offsets and ids

MESSY = (
    " date 2022-11-15 Open Menu\r\n\r\n"
    "Home > World > Asia\n"
    "Leaders Meet On Summit Sidelines\n"
    "Jane Roe Published November 15, 2022 | 09:10 PM\n\n"
    "President A (R) meets President B in Bali, Indonesia, on Nov. 14, 2022. (Xinhua/Li Mu)\n\n"
    "BALI, Indonesia, Nov. 15 (Xinhua) -- The two presidents held talks on the sidelines of the summit.\n"
    "  They agreed to keep channels of communication open (Photo: AFP) and to resume visits.  \n\n"
    "Read also | Summit opens in Bali\n"
    "Share\nTweet\n\n"
    "Both sides said the meeting was candid and constructive.\n"
    "© 2022 Example Media. All rights reserved."
)


def test_offset_map_round_trip_for_random_spans() -> None:
    article = _clean(MESSY, fmt="txt")
    assert "Open Menu" not in article.text and "Share" not in article.text
    assert article.title == "Leaders Meet On Summit Sidelines"
    assert article.dateline == "Bali"
    assert article.text.startswith("President A meets President B in Bali")
    assert "The two presidents held talks" in article.text
    rng = random.Random(7)
    segments = article.offsets.segments
    for _ in range(300):
        clean_start, _orig, length = rng.choice(segments)
        a = clean_start + rng.randrange(length)
        b = rng.randint(a + 1, clean_start + length)
        o_start, o_end = article.to_original(a, b)
        assert article.original[o_start:o_end] == article.text[a:b]
    # every piece of the clean text is the original's text at the mapped place
    for clean_start, orig_start, length in segments:
        assert article.text[clean_start:clean_start + length] == MESSY[orig_start:orig_start + length]


def test_readers_comments_are_cut_from_the_first_comment_stamp_on() -> None:
    story = "The two ministers met in Oslo on Monday and agreed to meet again in June."
    comments = ("I think they should have met sooner . March 3 , 2011 at 9:05 pm | Reply "
                "Nobody asked the farmers . March 4 , 2011 at 1:40 am | Report abuse |")
    # one long line, as some archives keep a page, and one line per piece, as pages print it
    for text in (f"{story} {comments}", f"{story}\n\nGreat news.\nMarch 3, 2011 at 9:05 pm | Reply\nWhy now?"):
        cleaned = clean(RawArticle(source="x.txt", text=text)).text
        assert cleaned.startswith(story)
        assert "2011 at" not in cleaned and "farmers" not in cleaned and "Why now" not in cleaned
    # a time in the story without the comment links is story text
    dated = "The talks began on March 3, 2011 at 9:05 pm, the ministry said."
    assert clean(RawArticle(source="y.txt", text=dated)).text == dated


def test_article_id_normalisation() -> None:
    a = article_id("He said: “We agree.”\n\nThe talks  ended.")
    b = article_id('he said: "we agree."  the talks ended.')
    assert a == b and len(a) == 16 and int(a, 16) >= 0
    assert article_id("The talks ended.") != article_id("The talks began.")


def test_ids_stable_across_formats(tmp_path: Path) -> None:
    title = "India and Japan pledge closer ties"
    (tmp_path / "a.txt").write_text(f" date 2023-09-09 {title}\n\n{BODY_1}\n\n{BODY_2}\n", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"title": title, "text": f"{BODY_1}\n{BODY_2}", "published": "2023-09-09"}) + "\n",
        encoding="utf-8")
    (tmp_path / "c.csv").write_text(f'title,text\n{title},"{title}\n{BODY_1}\n\n{BODY_2}"\n', encoding="utf-8")
    (tmp_path / "d.html").write_text(
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1><p>{BODY_1}</p><p>{BODY_2}</p></article>"
        "<footer>Share | Tweet</footer></body></html>", encoding="utf-8")
    articles = [clean(raw) for raw in iter_inputs([tmp_path])]
    assert [a.fmt for a in articles] == ["txt", "jsonl", "csv", "html"]
    assert len({a.id for a in articles}) == 1, [(a.fmt, a.text) for a in articles]
    assert {a.title for a in articles} == {title}


# ------------------------------------------------------------------ seed acceptance


@pytest.fixture(scope="module")
def seed_articles() -> dict[str, Article]:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is absent")
    items = list(iter_inputs([SEEDS]))
    assert all(isinstance(i, RawArticle) for i in items), items
    return {raw.source[:3]: clean(raw) for raw in items}


@pytest.mark.shared
def test_seed_dates(seed_articles: dict[str, Article]) -> None:
    assert len(seed_articles) == 5
    expected = {"000": date(2021, 5, 22), "001": date(2023, 5, 6), "002": date(2021, 10, 28),
                "004": date(2024, 2, 28)}
    for key, day in expected.items():
        assert (seed_articles[key].published, seed_articles[key].published_from) == (day, "header")
    assert (seed_articles["003"].published, seed_articles["003"].published_from) == (
        date(2021, 10, 26), "timestamp")


@pytest.mark.shared
def test_seed_boilerplate_and_datelines(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for junk in ("Home > China News", "Suggest To a Friend:", "Open Menu", "(Xinhua/Ahmad Kamal)"):
            assert junk not in article.text
    assert seed_articles["001"].dateline == "Islamabad"
    assert seed_articles["004"].dateline == "Beijing"
    assert seed_articles["001"].outlet == "Xinhua"


@pytest.mark.shared
def test_seed_header_dates_removed_fallbacks_still_work(seed_articles: dict[str, Article]) -> None:
    """Without their header lines, 001 dates from its time stamp, 004 from its dateline."""
    for key, day, source in (("001", date(2023, 5, 6), "timestamp"), ("004", date(2024, 2, 28), "dateline")):
        original = seed_articles[key].original
        headless = original.split("\n", 1)[1]
        article = clean(RawArticle(source=key, text=headless))
        assert (article.published, article.published_from) == (day, source)
