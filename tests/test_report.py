"""Report: readout sentences, ordering, Markdown/HTML/JSON output and escaping."""

from __future__ import annotations

import json
import re

import pytest

from readouts.report import country_name, readout, render, script_json


def person(name, title, country, role="participant"):
    slug = name.lower().replace(" ", "-")
    return {"name": name, "title": title, "country": country, "role": role,
            "actor_id": f"person:{slug}:{country}"}


def event(eid="ev-1", type_="phone_call", date="2021-10-26", status="occurred", participants=None,
          topics=(), statements=(), location=None, sources=None, precision="day"):
    return {
        "id": eid, "type": type_, "status": status, "date": date, "date_precision": precision,
        "end_date": None, "date_basis": "explicit" if date else "none",
        "participants": participants or [person("Xi Jinping", "President", "CHN"),
                                         person("Imran Khan", "Prime Minister", "PAK")],
        "location": location, "occasion": None, "plover": {}, "cameo": None,
        "topics": list(topics),
        "statements": [{"speaker": s, "text": t, "positions": []} for s, t in statements],
        "sources": sources or [{"article": "a.txt", "article_id": "x", "outlet": "Wire",
                                "published": "2021-10-27", "status": status, "date": date,
                                "date_basis": "explicit", "evidence": []}],
        "_members": [{"internal": True}],
    }


def test_country_names_from_iso3():
    assert country_name("PAK") == "Pakistan"
    assert country_name("CHN") == "China"
    # organisation codes, ours and CAMEO's, are named; unknown codes pass through
    assert country_name("SCO") == "Shanghai Cooperation Organisation"
    assert country_name("IGOUNO") == country_name("UN") == "United Nations"
    assert country_name("XQZ") == "XQZ"


def test_readout_phone_call():
    assert readout(event()) == ("Xi Jinping (President, China) held a phone call with "
                                "Imran Khan (Prime Minister, Pakistan)")


def test_readout_visit_planned_and_negated():
    visit = event(type_="visit", status="planned", location={"name": "Beijing", "country": "CHN"},
                  participants=[person("Shehbaz Sharif", "Prime Minister", "PAK", "visitor"),
                                person("Li Qiang", "Premier", "CHN", "host")])
    assert readout(visit) == ("Shehbaz Sharif (Prime Minister, Pakistan) is to visit Beijing, China "
                              "hosted by Li Qiang (Premier, China)")
    negated = event(type_="meeting", status="negated")
    assert readout(negated).startswith("Xi Jinping (President, China) did not meet Imran Khan")


def test_readout_without_a_named_counterpart_or_place():
    both = event(participants=[person("Ana Lima", "President", "BRA", "actor"),
                               person("Piet Claes", "Prime Minister", "BEL", "actor")])
    assert readout(both) == ("Ana Lima (President, Brazil) and Piet Claes (Prime Minister, "
                             "Belgium) held a phone call")
    alone = event(type_="meeting", participants=[person("Ana Lima", "President", "BRA", "actor")])
    assert readout(alone) == "Ana Lima (President, Brazil) held a meeting"
    trip = event(type_="visit", status="planned",
                 participants=[person("Ana Lima", "President", "BRA", "visitor")])
    assert readout(trip) == "Ana Lima (President, Brazil) is to make a visit"
    assert "unnamed" not in readout(both) + readout(alone) + readout(trip)


def test_readout_states_and_statement():
    st = event(type_="statement", topics=("trade", "security"),
               participants=[{"name": "China", "title": None, "country": "CHN", "role": "actor",
                              "actor_id": "state:CHN"}])
    assert readout(st) == "China issued a statement on trade and security"


def test_order_by_date_or_first_report_and_wholly_undated_last():
    late = event("ev-b", date="2022-01-02")
    early = event("ev-a", date="2021-03-01")
    unstated = event("ev-c", date=None)  # reported 2021-10-27, day not stated
    nowhere = event("ev-d", date=None)
    nowhere["sources"][0]["published"] = None
    data = json.loads(render([nowhere, unstated, late, early], "json"))
    assert [e["id"] for e in data] == ["ev-a", "ev-c", "ev-b", "ev-d"]
    assert all("_members" not in e for e in data)
    md = render([unstated, nowhere], "md")
    assert "date not stated · reported 2021-10-27" in md and "undated" in md


def test_markdown_has_readout_status_sources_and_links():
    visit = event("ev-v", type_="visit", status="planned",
                  participants=[person("Ana Lopez", "Foreign Minister", "CHL", "visitor"),
                                person("Juan Perez", "President", "PER", "host")])
    talks = event("ev-t", type_="meeting", statements=[("Ana Lopez", "We will widen trade. " * 30)])
    md = render([visit, talks], "md", links={"ev-t": [("part_of", "ev-v")]})
    assert md.startswith("# readouts timeline")
    assert "**PLANNED**" in md
    assert "part of: Ana Lopez" in md and "includes: Xi Jinping" in md
    assert "Wire, 2021-10-27: `a.txt`" in md
    quote = next(line for line in md.splitlines() if "widen trade" in line)
    assert len(quote) < 260 and quote.rstrip("”").endswith("…")


def test_markdown_escapes_markup():
    hostile = event(participants=[person("<b>Bold</b>", None, "FRA"), person("x_y*z", None, "DEU")])
    md = render([hostile], "md")
    assert "<b>" not in md and r"\<b\>" in md


HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_html_escapes_everything_from_data():
    bad = event(
        participants=[person(HOSTILE, "\" onmouseover=\"x", "PAK"), person("Li", "Envoy", "CHN")],
        topics=(HOSTILE,), statements=[(HOSTILE, HOSTILE)],
        location={"name": HOSTILE, "country": "PAK"},
        sources=[{"article": "javascript:alert(3)", "article_id": "z", "outlet": HOSTILE,
                  "published": "2021-10-27", "status": "occurred", "date": "2021-10-26",
                  "date_basis": "explicit", "evidence": [{"start": 0, "end": 3, "text": HOSTILE}]}],
    )
    page = render([bad], "html", title=HOSTILE)
    # Only our own two script elements exist; the hostile markup shows as text.
    assert page.count("<script") == 2
    assert "<img" not in page
    assert 'href="javascript' not in page
    assert "onmouseover=\"x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    data = re.search(r'<script type="application/json" id="readouts-data">(.*?)</script>', page, re.S)
    assert data is not None
    assert "<" not in data.group(1) and ">" not in data.group(1)
    assert json.loads(data.group(1))[0]["topics"] == [HOSTILE]


def test_html_is_self_contained_with_filters_and_chart():
    events = [event("ev-1", date="2021-10-26", topics=("trade",)),
              event("ev-2", date="2021-12-03", type_="meeting", topics=("health",)),
              event("ev-3", date=None)]
    page = render(events, "html")
    assert not re.search(r'(src|href)="https?://', page)  # no external resources
    assert "@media print" in page
    for control in ("f-country", "f-type", "f-topic", "f-text"):
        assert f'id="{control}"' in page
    assert '<option value="PAK">Pakistan</option>' in page
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert svg.count("<rect") == 3  # 2021-10, 2021-11 (empty), 2021-12
    assert 'data-countries="CHN PAK"' in page
    un = [event("ev-4", participants=[person("Ada Obi", "Secretary-General", "UN", "actor"),
                                      person("Ben Eze", "Envoy", "IGOUNO", "recipient")])]
    options = re.search(r'<select id="f-country">(.*?)</select>', render(un, "html")).group(1)
    assert options.count("United Nations") == 1 and 'value="IGOUNO,UN"' in options
    assert ">IGOUNO<" not in options and ">UN<" not in options


def test_script_json_escapes_closing_tags():
    assert script_json(["</script>&"]) == '["\\u003c/script\\u003e\\u0026"]'


def test_unknown_format():
    with pytest.raises(ValueError):
        render([], "pdf")


def test_empty_timeline_renders():
    assert "0 events" in render([], "md")
    assert "No dated events" in render([], "html")
    assert render([], "json").strip() == "[]"


def test_key_statements_prefer_positions_and_cap_at_three():
    from readouts.report import key_statements

    ev = event(statements=[("A", "First remark."), ("B", "Second remark."), ("C", "Third remark."),
                           ("D", "We commit to open the border.")])
    ev["statements"][3]["positions"] = ["open the border"]
    picked = key_statements(ev)
    assert len(picked) == 3 and picked[0]["speaker"] == "D"
    assert "Third remark" not in render([ev], "md")


def test_markdown_keeps_word_underscores_and_lists_those_present():
    ev = event(type_="meeting", topics=("strategic_partnership",),
               participants=[person("Ana Lopez", "Foreign Minister", "CHL"),
                             person("Juan Perez", "President", "PER"),
                             person("Rosa Diaz", "Aide", "CHL", "present")],
               sources=[{"article": "files/a_b.txt", "article_id": "x", "outlet": "_Wire_",
                         "published": "2021-10-27", "status": "occurred", "date": "2021-10-26",
                         "date_basis": "explicit", "evidence": []}])
    md = render([ev], "md")
    assert "topics: strategic partnership" in md
    assert "`files/a_b.txt`" in md and r"\_Wire\_" in md
    assert "met Juan Perez (President, Peru)." in md
    assert "also present: Rosa Diaz (Aide, Chile)" in md


def test_the_public_view_of_a_record_leaves_the_internal_fields_out():
    from readouts.records import EventRecord
    from readouts.report import public_event

    stored = event("ev-p", statements=[("Xi Jinping", "We agreed on a new rail line.")])
    stored["participants"][0]["actor_id"] = "person:xi-jinping:CHN"
    stored["sources"][0]["id"] = "a-level-1"
    stored["_members"] = [dict(stored, id="a-level-1")]
    view = public_event(EventRecord.from_json(stored), [("part_of", "ev-q")])
    assert view["participants"][0] == {"name": "Xi Jinping", "title": "President",
                                       "country": "CHN", "role": "participant"}
    assert view["statements"] == [{"speaker": "Xi Jinping", "text": "We agreed on a new rail line.",
                                   "positions": []}]
    assert set(view["sources"][0]) == {"article", "outlet", "published", "evidence"}
    assert view["links"] == [{"relation": "part_of", "event": "ev-q"}]
    assert "_members" not in view and "members" not in view
    # the timeline prints the same view of the same record
    assert json.loads(render([stored], "json", links={"ev-p": [("part_of", "ev-q")]})) == [view]
