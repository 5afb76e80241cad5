"""The real-news suite: its scoring rules on events written here, and its figures against
the reference scorer's on the same output (marker `shared`)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from readouts.evaluation import realnews
from readouts.evaluation.realnews import Gold, same_name, score_events

from conftest import SHARED_DATA


def _gold(events, optional=(), negatives=(), aliases=None):
    articles = {f for e in events for f in e["sources"]} | set(negatives)
    return Gold(
        events={e["id"]: {**e, "sources": set(e["sources"])} for e in events},
        optional=[{**e, "sources": set(e["sources"])} for e in optional],
        aliases=aliases or {},
        articles=articles,
        negatives=set(negatives),
    )


def _person(name, country):
    return {"name": name, "country": country}


def test_names_match_by_part_alias_fuller_name_and_one_letter():
    aliases = {"anna berg": {"a berg"}}
    assert same_name("Lindqvist", "Anna Lindqvist", aliases)  # the longest word alone
    assert not same_name("Anna", "Anna Lindqvist", aliases)  # but not a shorter one
    assert same_name("Mr. Anna Berg", "Anna Berg", aliases)
    assert same_name("A Berg", "Anna Berg", aliases)
    assert same_name("Foreign Minister Anna Berg", "Anna Berg", aliases)
    assert same_name("Mohammad Tarek", "Mohammed Tarek", aliases)
    assert not same_name("Muhammad Tarek", "Mohammed Tarek", {})  # two letters in one word
    assert not same_name("", "Anna Berg", aliases)


MEETING = {
    "id": "g1", "type": "meeting", "status": "occurred", "date": "2024-03-05",
    "date_ok": ["2024-03-05"], "sources": ["a.txt", "b.txt"],
    "participants": [_person("Anna Lindqvist", "SWE"), _person("Tom Halvorsen", "NOR")],
}
CALL = {
    "id": "g2", "type": "phone_call", "status": "occurred", "date": "2024-03-07",
    "sources": ["a.txt"], "participants": [_person("Anna Lindqvist", "SWE"), _person("Lea Moss", "FIN")],
}


def _system(kind, names, sources, date=None, status="occurred"):
    return {"type": kind, "status": status, "date": date, "sources": [{"article": f"dir/{s}"} for s in sources],
            "participants": [_person(n, c) for n, c in names]}


def test_scores_a_found_event_a_duplicate_and_a_false_positive():
    system = [
        _system("meeting", [("Anna Lindqvist", "SWE"), ("Tom Halvorsen", "NOR")], ["a.txt"], "2024-03-05"),
        _system("meeting", [("Lindqvist", "SWE"), ("Halvorsen", None)], ["b.txt"], "2024-03-05"),  # unmerged report
        _system("visit", [("Olaf Stern", "DEU"), ("Per Lund", "DNK")], ["a.txt"]),  # nothing in the gold
        _system("meeting", [("Olaf Stern", "DEU")], ["elsewhere.txt"]),  # not a gold article: not judged
    ]
    result = score_events(system, _gold([MEETING, CALL]))
    f = result.figures
    assert (f["system_events"], f["matched"], f["false_positives"], f["duplicates"]) == (3, 1, 2, 1)
    assert f["precision"] == round(1 / 3, 3) and f["recall"] == 0.5
    assert f["date_acc"] == 1.0 and f["merge_recall"] == 0.0 and f["multi_source_events"] == 1
    assert result.missed == ["g2"]
    # the duplicate and the unmerged event are merging errors; the visit is not an interaction;
    # the call is missed although its article gave a matched event (a multi-event article)
    assert result.classes[5] == 2 and result.classes[1] == 1 and result.classes[3] == 1


def test_one_event_swallowing_two_gold_events_is_over_merged():
    second = {**MEETING, "id": "g3", "date": "2024-03-09", "date_ok": ["2024-03-09"], "sources": ["a.txt"]}
    system = [_system("meeting", [("Anna Lindqvist", "SWE"), ("Tom Halvorsen", "NOR")], ["a.txt", "b.txt"], "2024-03-05")]
    result = score_events(system, _gold([MEETING, second]))
    assert result.figures["over_merged"] == 1 and result.figures["merge_recall"] == 1.0
    assert result.classes[3] == 1  # both gold events are reported by the same article


def test_false_positive_on_an_opinion_piece_counts_as_negative():
    system = [_system("meeting", [("Anna Lindqvist", "SWE"), ("Tom Halvorsen", "NOR")], ["op.txt"])]
    result = score_events(system, _gold([MEETING], negatives=["op.txt"]))
    assert result.figures["negative_fp"] == 1 and result.classes[1] == 1


def test_wrong_fields_fall_in_their_classes():
    system = [_system("phone_call", [("Anna Lindqvist", "NOR"), ("Tom Halvorsen", None)], ["a.txt", "b.txt"],
                      "2024-03-01", status="planned")]
    result = score_events(system, _gold([MEETING]))
    f = result.figures
    assert (f["date_acc"], f["type_acc"], f["status_acc"], f["country_acc"]) == (0.0, 0.0, 0.0, 0.0)
    assert result.classes[4] == 1 and result.classes[6] == 1 and result.classes[5] == 1
    assert result.classes[2] == 1 and result.classes[7] == 1


@pytest.mark.shared
def test_figures_equal_the_reference_scorers(tmp_path):
    scorer = SHARED_DATA.parent / "tools" / "score_events.py"
    seeds, articles, gold_files = realnews.dev_paths(SHARED_DATA)
    if not (scorer.exists() and articles.is_dir()):
        pytest.skip("../shared/data/diplomacy-dev or the reference scorer is absent")
    events = tmp_path / "events.jsonl"
    section = realnews.run(SHARED_DATA, events_out=events)
    command = [sys.executable, str(scorer), str(events), "--json"]
    for gold in gold_files:
        command += ["--gold", str(gold)]
    reference = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    ours = section.figures
    for key, value in reference.items():
        if key != "missed":
            assert ours[key] == value, key
    assert "| F1 |" in section.markdown and "| 5 merging" in section.markdown


def test_run_without_the_data_is_skipped(tmp_path):
    section = realnews.run(tmp_path / "data")
    assert section.skipped and section.suite == "realnews"
