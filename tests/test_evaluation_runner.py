"""The eval runner's report file and the end-to-end acceptance scorer."""

from pathlib import Path

from readouts.evaluation import Section
from readouts.evaluation.runner import render_section, update_report
from readouts.evaluation.seeds import matches, score


def event(type="meeting", names=("Ana Ruiz", "Li Wei"), date="2024-03-04", status="occurred",
          place=None, sources=("a.txt",)):
    return {
        "type": type, "status": status, "date": date,
        "participants": [{"name": n, "role": "participant"} for n in names],
        "location": {"name": place, "country": None} if place else None,
        "sources": [{"article": s} for s in sources],
    }


def test_match_needs_type_names_date_and_place():
    exp = {"type": "meeting", "participants": ["Ana Ruiz", "Li Wei"], "date": "2024-03-04",
           "location": "Rome"}
    assert matches(event(place="Rome"), exp)
    assert not matches(event(place="Paris"), exp)
    assert not matches(event(type="phone_call", place="Rome"), exp)
    assert not matches(event(date="2024-03-05", place="Rome"), exp)
    assert not matches(event(names=("Ana Ruiz",), place="Rome"), exp)
    assert not matches(event(status="planned", place="Rome"), exp)


def test_score_counts_missing_split_and_extra_events():
    expected = [
        {"type": "meeting", "participants": ["Ana Ruiz", "Li Wei"]},
        {"type": "phone_call", "participants": ["Ana Ruiz", "Li Wei"], "sources": ["a.txt", "b.txt"]},
    ]
    reported = [
        event(), event(date="2024-03-05"),  # one meeting reported twice: split
        event(type="phone_call", sources=("a.txt",)),  # lacks the second source
        event(type="visit", names=("Ana Ruiz",)),  # not expected at all
        event(type="statement", names=("Li Wei",)),
    ]
    s = score(reported, expected, allowed_extra={"statement"})
    assert s.found == 0 and len(s.missing) == 2
    assert [e["type"] for e in s.extra] == ["phone_call", "visit"]
    assert s.recall == 0.0 and s.precision == 0.0
    good = score([event(), event(type="phone_call", sources=("a.txt", "b.txt"))], expected)
    assert good.found == 2 and good.extra == [] and good.precision == 1.0


def test_report_replaces_only_the_suites_that_ran(tmp_path: Path):
    path = tmp_path / "benchmarks.md"
    a = render_section(Section("dates", "Dates", markdown="| a | 1 |"), "readouts eval dates")
    b = render_section(Section("actors", "Actors", markdown="| b | 2 |"), "readouts eval actors")
    path.write_text(update_report(path, {"dates": a, "actors": b}))
    newer = render_section(Section("dates", "Dates", markdown="| a | 9 |"), "readouts eval dates")
    text = update_report(path, {"dates": newer})
    assert "| a | 9 |" in text and "| a | 1 |" not in text and "| b | 2 |" in text
    assert text.index("suite:dates") < text.index("suite:actors")  # registry order
    assert text.startswith("# Benchmarks")


def test_skipped_suite_says_why():
    block = render_section(Section("grouping", "Grouping", skipped="no data"), "readouts eval")
    assert "Skipped: no data" in block


def test_names_match_across_spelling_variants_and_initials():
    from readouts.evaluation.seeds import same_person

    assert same_person("S. Jaishankar", "Subrahmanyam Jaishankar")
    assert same_person("Sergei Lavrov", "Sergey Lavrov")
    assert not same_person("Li Keqiang", "Li Qiang")
    assert not same_person("Joe Biden", "Hunter Biden")
