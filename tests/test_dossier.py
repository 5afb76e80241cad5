"""The relationship dossier: every count is the number of events it links to, checked
against the store; names and codes resolve; the three formats render and escape."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readouts.cli import app
from readouts.dossier import build_dossier, office_level, quarter_of, render_dossier, resolve_country
from readouts.store import Store
from storefixtures import EVENTS, build_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("dossier") / "d.duckdb")


def counted_sections(node, path="$"):
    """Every (path, dict) in the dossier that carries a count and its events."""
    if isinstance(node, dict):
        if "count" in node and "events" in node:
            yield path, node
        for key, value in node.items():
            yield from counted_sections(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from counted_sections(value, f"{path}[{i}]")


def check_against_store(dossier: dict, store: Store, a: str, b: str) -> int:
    """Every count equals the number of distinct events it links to, and each of those
    events is in the store with a participant of each side."""
    sides = {}
    for event_id, country in store.con.execute(
            "SELECT event_id, country FROM event_participants").fetchall():
        sides.setdefault(event_id, set()).add(country)
    checked = 0
    for path, section in counted_sections(dossier):
        assert section["count"] == len(section["events"]) == len(set(section["events"])), path
        for event_id in section["events"]:
            assert {a, b} <= sides.get(event_id, set()), f"{path}: {event_id} is not an {a}-{b} event"
        checked += 1
    return checked


def test_pair_counts_match_the_store(db):
    with Store(db, read_only=True) as store:
        d = build_dossier(store, "NOR", "Chile")
        assert check_against_store(d, store, "NOR", "CHL") > 10
        in_store = {e["id"] for e in store.events(country=["NOR", "CHL"])}
        # topics per quarter, recounted with SQL from the store's own index
        for cell in d["subjects"]["cells"]:
            ids = {r[0] for r in store.con.execute(
                "SELECT event_id FROM event_topics WHERE topic = ?", [cell["topic"]]).fetchall()}
            same_quarter = {e["id"] for e in EVENTS if quarter_of(e) == cell["quarter"]}
            assert set(cell["events"]) == ids & in_store & same_quarter
    assert d["summary"]["count"] == len(in_store) == 4  # the Norway-Peru meeting is not theirs
    assert sum(r["count"] for r in d["channels"]["rows"]) == 4


def test_pair_sections(db):
    with Store(db, read_only=True) as store:
        d = build_dossier(store, "nor", "CHL")
    channels = {(r["quarter"], r["channel"], r["status"]): r["count"] for r in d["channels"]["rows"]}
    assert channels[("2022-Q1", "meeting", "occurred")] == 1
    assert channels[("2022-Q4", "visit_ab", "occurred")] == 1  # Norway's side went to Chile
    assert channels[("2023-Q1", "visit_ba", "planned")] == 1  # undated: quarter of first report
    labels = {c["id"]: c["label"] for c in d["channels"]["channels"]}
    assert labels["visit_ab"] == "visit Norway → Chile"
    top = d["contacts"][0]
    assert (top["a"]["name"], top["b"]["name"], top["count"]) == ("Ingrid Holm", "Camila Rojas", 3)
    assert top["level"] == "leader" and top["last"] == "2022-11-20"
    ministers = next(c for c in d["contacts"] if c["a"]["name"] == "Lars Berg")
    assert ministers["level"] == "foreign_minister"
    assert [e["id"] for e in d["upcoming"]] == ["ev-n4"]
    assert [o["outlet"] for o in d["outlets"]] == ["Andes Wire", "Coastal Post"] or \
        [o["outlet"] for o in d["outlets"]] == ["Coastal Post", "Andes Wire"]
    assert {o["outlet"]: o["reports"] for o in d["outlets"]} == {"Coastal Post": 3, "Andes Wire": 2}


def test_positions_show_every_restatement(db):
    with Store(db, read_only=True) as store:
        d = build_dossier(store, "NOR", "CHL")
    by_id = {p["id"]: p for p in d["positions"]}
    sovereignty = by_id["core_interests"]
    assert sovereignty["count"] == 2 and len(sovereignty["restatements"]) == 2
    assert [r["date"] for r in sovereignty["restatements"]] == ["2022-02-10", "2022-03-03"]
    assert sovereignty["sides"] == {"NOR": 2}
    assert {r["speaker"] for r in sovereignty["restatements"]} == {"Ingrid Holm", "Lars Berg"}
    # said twice in words no pattern knows: grouped by similarity alone
    recurring = [p for p in d["positions"] if p["id"].startswith("recurring:")]
    assert len(recurring) == 1 and recurring[0]["events"] == ["ev-n2", "ev-n3"]


def test_a_dossier_without_records_is_the_same_less_the_timeline_records(db):
    with Store(db, read_only=True) as store:
        full, lean = build_dossier(store, "NOR", "CHL"), build_dossier(store, "NOR", "CHL", records=False)
    assert all("event" in line for line in full["timeline"])
    assert lean["timeline"] == [{k: v for k, v in line.items() if k != "event"} for line in full["timeline"]]
    assert {k: v for k, v in lean.items() if k != "timeline"} == {k: v for k, v in full.items() if k != "timeline"}


def test_one_state_ranks_its_partners(db):
    with Store(db, read_only=True) as store:
        d = build_dossier(store, "Norway")
    assert [(p["code"], p["count"]) for p in d["partners"]] == [("CHL", 4), ("PER", 1)]
    mix = {c["channel"]: c["count"] for c in d["partners"][0]["channels"]}
    assert mix == {"meeting": 1, "phone_call": 1, "visit_ab": 1, "visit_ba": 1}
    for _, section in counted_sections(d):
        assert section["count"] == len(set(section["events"]))


def test_since_until_and_unknown_countries(db):
    from datetime import date

    with Store(db, read_only=True) as store:
        d = build_dossier(store, "NOR", "CHL", since=date(2022, 3, 1), until=date(2022, 12, 31))
        assert d["summary"]["count"] == 2 and d["since"] == "2022-03-01"
        with pytest.raises(ValueError, match="unknown country 'Atlantis'"):
            build_dossier(store, "Atlantis", "CHL")
        with pytest.raises(ValueError, match="two different countries"):
            build_dossier(store, "Norway", "NOR")


def test_resolve_country_and_office_levels():
    assert resolve_country("tur") == "TUR"
    assert resolve_country("Turkey") == resolve_country("Türkiye") == "TUR"
    assert resolve_country("  united   states ") == "USA"
    assert resolve_country("U.S.") == "USA"
    assert resolve_country("XYZ") is None and resolve_country("") is None
    assert office_level("Minister of Foreign Affairs") == "foreign_minister"
    assert office_level("Ambassador to Chile") == "ambassador"
    assert office_level("Prime Minister") == "leader"
    assert office_level(None) == "other"


def test_formats_render_and_escape(db, tmp_path):
    with Store(db, read_only=True) as store:
        d = build_dossier(store, "NOR", "CHL")
    # data can carry markup from any web page
    d["positions"][0]["restatements"][0]["text"] = "<script>alert(1)</script> & more"
    d["timeline"][0]["event"]["sources"][0]["article"] = "javascript:alert(2)"
    d["timeline"][1]["event"]["sources"][0]["article"] = "https://example.org/a?b=1&c=2"
    page = render_dossier(d, "html")
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page
    assert 'href="javascript:' not in page and "javascript:alert(2)" in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert page.count("<svg") >= 2 and "@media print" in page
    assert not re.search(r"""<(script|img|link|iframe)\b[^>]*\b(src|href)\s*=""", page, re.I)
    assert 'id="ev-n1"' in page and 'href="#ev-n1"' in page
    linked = render_dossier(d, "html", event_href=lambda i: f"/events/{i}")
    assert 'href="/events/ev-n1"' in linked
    md = render_dossier(d, "md")
    assert md.startswith("# Norway – Chile: relationship dossier") and "\\<script\\>" in md
    assert json.loads(render_dossier(d, "json"))["summary"]["count"] == 4
    with pytest.raises(ValueError):
        render_dossier(d, "pdf")


def test_cli_dossier(db, tmp_path):
    target = tmp_path / "d.html"
    result = runner.invoke(app, ["dossier", "Norway", "chl", "--db", str(db), "-f", "html", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<!DOCTYPE html>")
    by_suffix = tmp_path / "d.json"
    assert runner.invoke(app, ["dossier", "NOR", "CHL", "--db", str(db), "-o", str(by_suffix)]).exit_code == 0
    assert json.loads(by_suffix.read_text())["kind"] == "pair"
    result = runner.invoke(app, ["dossier", "NOR", "CHL", "--db", str(db), "-f", "json", "--since", "2022-03"])
    assert json.loads(result.stdout)["summary"]["count"] == 2
    bad = runner.invoke(app, ["dossier", "Narnia", "--db", str(db)])
    assert bad.exit_code == 2 and "unknown country 'Narnia'" in bad.output
    busiest = runner.invoke(app, ["dossier", "--db", str(db), "-f", "json"])
    assert busiest.exit_code == 0, busiest.output
    pair = json.loads(busiest.stdout)
    assert {pair["a"]["code"], pair["b"]["code"]} == {"NOR", "CHL"}


@pytest.mark.shared
def test_china_pakistan_dossier_on_the_shared_articles(tmp_path):
    """The issue's acceptance run: seeds + diplomacy-dev + the example corpus."""
    sources = [SHARED / "seeds", SHARED / "data" / "diplomacy-dev" / "articles"]
    if not all(p.exists() for p in sources):
        pytest.skip("../shared is absent")
    db = tmp_path / "cp.duckdb"
    result = runner.invoke(app, ["ingest", *map(str, sources), str(REPO / "examples" / "news"),
                                 "--db", str(db), "--quiet"])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        d = build_dossier(store, "CHN", "PAK")
        assert d["summary"]["count"] >= 3
        assert check_against_store(d, store, "CHN", "PAK") > 20
    assert d["contacts"] and d["positions"] and d["subjects"]["cells"]
    for fmt in ("html", "md", "json"):
        out = runner.invoke(app, ["dossier", "CHN", "PAK", "--db", str(db), "-f", fmt])
        assert out.exit_code == 0 and len(out.stdout) > 1000, fmt


def test_a_speaker_is_placed_on_the_side_of_the_participant_named():
    from readouts.dossier import _speaker_country

    event = {"participants": [{"name": "Wen Bo", "country": "CHN"},
                              {"name": "Sara Malik", "country": "PAK"}]}
    assert _speaker_country({"speaker": "Wen"}, event) == "CHN"  # surname first
    assert _speaker_country({"speaker": "Malik"}, event) == "PAK"
    assert _speaker_country({"speaker": "Minister Sara  Malik"}, event) == "PAK"
    assert _speaker_country({"speaker": "Bo Wen"}, event) is None
    assert _speaker_country({"speaker": None}, event) is None
