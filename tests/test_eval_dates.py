"""TempEval-3 scorer and TimeML reader, on hand-made TimeML snippets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from readouts.evaluation import default_data_dir
from readouts.evaluation.dates import Scores, evaluate, read_timeml, score_document, strip_tags


@dataclass
class T:
    start: int
    end: int
    type: str = "DATE"
    value: str = "2020-01-01"


def test_strip_tags_gives_plain_text_and_spans():
    markup = ('The talks <EVENT eid="e1">ended</EVENT> <TIMEX3 tid="t1" type="DATE" '
              'value="1998-08-07">Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" '
              'value="PT3H">three hours</TIMEX3> &amp; more.')
    text, timexes = strip_tags(markup)
    assert text == "The talks ended Friday after three hours & more."
    assert [(t.text, t.type, t.value) for t in timexes] == [
        ("Friday", "DATE", "1998-08-07"), ("three hours", "DURATION", "PT3H")]
    assert text[timexes[1].start : timexes[1].end] == "three hours"


def test_read_timeml_takes_dct_and_skips_it_from_gold(tmp_path: Path):
    path = tmp_path / "doc.tml"
    path.write_text(
        '<?xml version="1.0" ?>\n<TimeML>\n<DOCID>D1</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">'
        'March 22, 2013</TIMEX3></DCT>\n<TEXT>\nIt rained <TIMEX3 tid="t1" type="DATE" '
        'value="2013-03-21">yesterday</TIMEX3>.\n</TEXT>\n</TimeML>\n', encoding="utf-8")
    doc = read_timeml(path)
    assert doc.doc_id == "D1" and doc.dct == date(2013, 3, 22)
    assert [t.text for t in doc.timexes] == ["yesterday"]


def test_strict_and_relaxed_matches():
    gold = [T(0, 10), T(20, 30, value="2020-02")]
    system = [T(0, 10), T(22, 35, value="2020-03")]
    s = score_document(gold, system)
    assert (s.strict, s.relaxed) == (1, 2)
    assert s.strict_prf() == (0.5, 0.5, 0.5)
    assert s.relaxed_prf() == (1.0, 1.0, 1.0)
    assert s.value_accuracy == 0.5 and s.attribute_f1(s.value_ok) == 0.5


def test_one_system_span_cannot_match_two_gold_spans():
    gold = [T(0, 4), T(5, 9)]
    system = [T(0, 9)]
    s = score_document(gold, system)
    assert s.relaxed == 1
    p, r, f = s.relaxed_prf()
    assert (p, r) == (1.0, 0.5) and f == pytest.approx(2 / 3)


def test_type_and_value_f1_are_relaxed_f1_times_accuracy():
    gold = [T(0, 5, "DATE", "2020"), T(10, 15, "DURATION", "P1Y"), T(20, 25)]
    system = [T(0, 5, "DATE", "2021"), T(10, 15, "DATE", "P1Y"), T(40, 45)]
    s = score_document(gold, system)
    _, _, relaxed_f1 = s.relaxed_prf()
    assert relaxed_f1 == pytest.approx(2 / 3)
    assert s.attribute_f1(s.type_ok) == pytest.approx(relaxed_f1 * s.type_accuracy)
    assert s.attribute_f1(s.value_ok) == pytest.approx(relaxed_f1 * 0.5)


def test_empty_documents_score_zero_without_error():
    s = score_document([], [])
    assert s.relaxed_prf() == (0.0, 0.0, 0.0)
    total = Scores()
    total.add(score_document([T(0, 3)], []))
    assert total.n_gold == 1 and total.relaxed_prf()[1] == 0.0


def test_evaluate_with_a_fake_tagger(tmp_path: Path):
    path = tmp_path / "doc.tml"
    path.write_text('<TimeML><DOCID>D2</DOCID><DCT><TIMEX3 tid="t0" type="DATE" value="2000-01-07">'
                    'x</TIMEX3></DCT><TEXT>Talks on <TIMEX3 tid="t1" type="DATE" value="2000-01-06">'
                    'Thursday</TIMEX3>.</TEXT></TimeML>', encoding="utf-8")
    docs = {"D2": read_timeml(path)}
    seen = []

    def tagger(text, published):
        seen.append(published)
        return [T(9, 17, "DATE", "2000-01-06")]

    scores, _ = evaluate(docs, docs, tagger=tagger)
    assert seen == [date(2000, 1, 7)]
    assert scores.figures("x")["x.value_f1"] == 1.0


@pytest.mark.slow
def test_dev_suite_runs_on_a_few_documents():
    data_dir = default_data_dir()
    if not (data_dir / "tbaq-cleaned").exists():
        pytest.skip("tbaq-cleaned absent")
    from readouts.evaluation.dates import run

    section = run(data_dir, dev_limit=3, include_test=False)
    assert section.skipped is None
    assert 0.5 < section.figures["dev.relaxed_f1"] <= 1.0
    assert "HeidelTime" in section.markdown
