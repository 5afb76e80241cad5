"""Positions: patterns from data, similarity to examples, recurring groups, user files,
and the precision on our own labelled sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from readouts.evaluation.positions import labelled_file, load_labelled, score
from readouts.positions import classify, content_words, cosine, group_statements, load_positions


def test_patterns_and_named_policies():
    assert classify("The envoy said her country respects the sovereignty and territorial integrity of its neighbour.") == ["core_interests"]
    assert classify("Ghana upholds the Accra Reset initiative, the minister said.") == ["named_policy:Accra Reset initiative"]
    # a named policy another position stands for is not listed twice
    assert classify("He said Fiji adheres to the One-China Policy.") == ["one_china"]
    assert classify("The two leaders walked in the palace garden.") == []


def test_similarity_takes_what_no_pattern_names():
    text = "The home minister promised that foreign engineers in the province would be kept safe."
    assert classify(text) == ["security_pledge"]
    assert cosine(content_words("kept safe engineers"), content_words("engineers kept safe")) == pytest.approx(1.0)


def test_unnamed_restatements_form_a_recurring_group():
    items = [{"text": t} for t in (
        "The glacier research station should stay open to scientists from both countries.",
        "Scientists from both countries should keep using the glacier research station, she said.",
        "The weather was mild in the capital.",
    )]
    groups = group_statements(items)
    assert list(groups) == ["recurring:1"] and len(groups["recurring:1"]) == 2


def test_user_file_extends_the_positions(tmp_path: Path):
    extra = tmp_path / "mine.toml"
    extra.write_text('[[position]]\nid = "whaling"\nlabel = "Opposition to whaling"\n'
                     "patterns = ['whal(?:e|ing)']\n", encoding="utf-8")
    book = load_positions(extra)
    assert classify("Both sides oppose commercial whaling.", book) == ["whaling"]
    assert any(p.id == "core_interests" for p in book.positions)
    bad = tmp_path / "bad.toml"
    bad.write_text("[[position]]\nid = 'x'\npatterns = ['(unclosed']\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad pattern"):
        load_positions(bad)


def test_precision_on_our_labelled_sentences():
    path = labelled_file()
    assert path is not None, "tests/data/positions_labelled.jsonl ships with the repository"
    items = load_labelled(path)
    assert len(items) >= 50
    prf, pair_precision, pairs = score(items)
    assert prf.precision >= 0.9 and prf.recall >= 0.8
    assert pairs > 0 and pair_precision >= 0.9


# ------------------------------------------- the fast grouping against the plain one
#
# positions.py takes shortcuts (labels remembered per text, word indexes, dot products
# summed per word); these tests hold its answers to those of the plain definitions,
# written out here: compare with every example, and with every cluster head in order.

from hypothesis import given, settings, strategies as st  # noqa: E402

from readouts import positions  # noqa: E402
from readouts.positions import PositionBook, nearest_position  # noqa: E402

VOCABULARY = ("trade corridor security support sovereignty partners partner energy port "
              "investment cooperation strategic peace region talks friendship rail water "
              "the and of said").split()


def plain_nearest(text: str, book: PositionBook) -> tuple[str | None, float]:
    words, best, score = content_words(text), None, 0.0
    for position in book.positions:
        for example in position.examples:
            s = cosine(words, content_words(example))
            if s > score:
                best, score = position.id, s
    return best, score


def plain_clusters(items: list[dict], threshold: float) -> list[list[dict]]:
    clusters: list[tuple] = []
    for item in items:
        words = content_words(item.get("text") or "")
        if len(words) < 3:
            continue
        for head, members in clusters:
            if cosine(words, head) >= threshold:
                members.append(item)
                break
        else:
            clusters.append((words, [item]))
    return [m for _, m in clusters if len({x.get("event", id(x)) for x in m}) > 1]


sentences = st.lists(st.sampled_from(VOCABULARY), min_size=0, max_size=9).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(texts=st.lists(sentences, min_size=1, max_size=40),
       events=st.lists(st.integers(0, 4), min_size=40, max_size=40),
       threshold=st.sampled_from([0.0, 0.2, 0.34, 0.51, 0.75, 1.0, 1.2, "first and last"]))
def test_clusters_are_those_of_comparing_with_every_head(texts, events, threshold):
    if threshold == "first and last":  # a threshold some pair meets exactly
        threshold = cosine(content_words(texts[0]), content_words(texts[-1]))
    items = [{"text": t, "event": f"ev-{events[i]}"} for i, t in enumerate(texts)]
    fast = positions._clusters(items, threshold)
    assert [[id(m) for m in c] for c in fast] == [[id(m) for m in c] for c in plain_clusters(items, threshold)]


@settings(max_examples=100, deadline=None)
@given(text=sentences)
def test_nearest_position_is_that_of_comparing_with_every_example(text):
    book = load_positions()
    assert nearest_position(text, book) == plain_nearest(text, book)


def test_a_book_gives_a_remembered_text_the_same_labels():
    book = load_positions()
    fresh = PositionBook(book.positions, book.similarity)
    text = "The minister said both partners would keep the port and rail corridor safe."
    first = classify(text, fresh)
    assert classify(text, fresh) == first and text in fresh._labels
    first.append("changed by the caller")  # a caller's list is its own
    assert classify(text, fresh) == classify(text, PositionBook(book.positions, book.similarity))
