"""Grouping evaluation: scorers on tiny clusterings, hand-made merge cases, data readers."""

from __future__ import annotations

import pytest

from readouts.evaluation import default_data_dir
from readouts.evaluation.grouping import (
    bcubed_scores,
    load_set,
    merge_cases,
    pairwise_scores,
    run,
    score_merge_cases,
)
from readouts.evaluation.story_grouping import group_documents


def test_perfect_clustering_scores_one_whatever_the_label_names():
    gold, predicted = ["a", "a", "b"], [7, 7, 3]
    assert pairwise_scores(gold, predicted) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert bcubed_scores(gold, predicted) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_pairwise_on_hand_worked_example():
    # gold pairs {01, 02, 12}; predicted pairs {01, 23}; one shared.
    s = pairwise_scores(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(1 / 3)
    assert s["f1"] == pytest.approx(0.4)


def test_bcubed_on_hand_worked_example():
    s = bcubed_scores(["a", "a", "a", "b"], [1, 1, 2, 2])
    assert s["precision"] == pytest.approx(0.75)
    assert s["recall"] == pytest.approx(2 / 3)


def test_one_big_cluster_has_full_recall_low_precision():
    gold = ["a", "a", "b", "b"]
    s = bcubed_scores(gold, [0, 0, 0, 0])
    assert s["recall"] == 1.0 and s["precision"] == pytest.approx(0.5)
    assert pairwise_scores(gold, [0, 0, 0, 0])["precision"] == pytest.approx(2 / 6)


def test_length_mismatch_raises():
    with pytest.raises(ValueError):
        pairwise_scores(["a"], [1, 2])
    with pytest.raises(ValueError):
        bcubed_scores(["a"], [1, 2])


def test_merge_cases_cover_both_decisions_and_pass():
    cases = merge_cases()
    assert {gold for *_, gold in cases} == {True, False}
    scores = score_merge_cases()
    assert scores["cases"] == len(cases)
    assert scores["precision"] == 1.0 and scores["recall"] == 1.0


def test_run_without_data_is_skipped(tmp_path):
    section = run(tmp_path)
    assert section.skipped
    assert section.figures["cases_cases"] == len(merge_cases())


DATA = default_data_dir()


def needs_data(test):
    return pytest.mark.shared(
        pytest.mark.skipif(not (DATA / "gvc-cdcr" / "val").exists(), reason="shared data absent")(test))


@needs_data
def test_load_newswcl50_and_group_it():
    docs, gold = load_set(DATA, "newswcl50")
    assert len(docs) == 50 and len(set(gold)) == 10
    assert all(len(d.text) > 500 for d in docs)
    labels = group_documents(docs, threshold=0.1)
    assert len(labels) == 50
    assert bcubed_scores(gold, labels)["f1"] > 0.5


@needs_data
def test_gvc_sentence0_is_the_date_not_text():
    docs, gold = load_set(DATA, "gvc-val")
    assert len(docs) == 78 and len(set(gold)) == 37
    assert all(d.published is not None for d in docs)
    assert not docs[0].text.startswith("20")


@needs_data
@pytest.mark.slow
def test_full_run_reports_all_sets_with_anchor():
    section = run(DATA, shipped=False)  # the ingest rows: test_shipped_groups_follow_merged_events
    assert section.skipped is None
    assert "0.940" in section.markdown and "ecbplus-test" in section.markdown
    assert 0.0 < section.figures["gvc_test_b3_f1"] <= 1.0


def test_shipped_groups_follow_merged_events():
    from datetime import date

    from readouts.evaluation.grouping import shipped_groups
    from readouts.evaluation.story_grouping import StoryDoc

    one = ("Swedish Foreign Minister Anna Lindqvist met Norwegian Foreign Minister Tom Halvorsen "
           "in Oslo on Monday. The two ministers discussed fishing quotas in the Barents Sea.")
    two = ("Norway's foreign minister Tom Halvorsen held talks with his Swedish counterpart Anna "
           "Lindqvist in Oslo on Monday, focusing on fishing quotas and Arctic research.")
    other = "Heavy snow closed the mountain pass near Tromso for the second day running."
    docs = [StoryDoc("a", one, date(2024, 3, 5)), StoryDoc("b", two, date(2024, 3, 5)),
            StoryDoc("c", other, date(2024, 3, 5))]
    labels = shipped_groups(docs)
    assert labels[0] == labels[1] != labels[2]
