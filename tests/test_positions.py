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
