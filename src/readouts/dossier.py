"""Dossier: a bilateral relationship (or one state's partners) as the news records it.

Owns: resolving a country from a code or a name, building the dossier of a pair or of
one state from the stored events (a JSON-ready dict in which every count comes with
the ids of the events it counts), and rendering it as HTML, Markdown or JSON.

Pair dossier sections: channels over time (events per quarter by channel and status),
who talks to whom (people of each side, their offices at the time, counterparts,
contacts, last contact, level of office), subjects over time (topics per quarter),
positions and commitments (statements grouped by `positions.py`, every dated and
sourced restatement), upcoming (planned) events, the timeline and the outlets.

Charts are inline SVG drawn here, like the timeline's month chart in report.py: a
stacked bar chart and a heat map are some eighty lines, need no network, print
crisply, and escape every value the same way the rest of the page does. The kept
charting libraries we weighed either load their renderer from a CDN at view time
(Altair/Vega-Lite, Plotly, Bokeh), need a bundled browser engine to make static SVG
(vl-convert), reference external JavaScript from their SVG (pygal) or are a large
dependency for two chart types (matplotlib).
"""

from __future__ import annotations

import html
import json
import re
import tomllib
from collections import Counter, defaultdict
from datetime import date
from functools import lru_cache
from importlib.resources import files
from typing import Callable, Iterable

from . import report
from .positions import PositionBook, group_statements, load_positions
from .store import Store

# Channels: event types, with visits split by direction.
CHANNEL_ORDER = ("meeting", "phone_call", "visit_ab", "visit_ba", "visit", "message_exchange",
                 "agreement", "statement")
CHANNEL_COLOURS = {
    "meeting": "#1f5f9e", "phone_call": "#3d9a6a", "visit_ab": "#c9772b", "visit_ba": "#8e5db0",
    "visit": "#b08a2e", "message_exchange": "#5d8fb0", "agreement": "#a33b3b", "statement": "#7a7f87",
}
UNDATED = "undated"


# ------------------------------------------------------------------ countries


@lru_cache(maxsize=1)
def _country_table() -> tuple[frozenset[str], dict[str, str]]:
    """ISO3 codes, and every lower-cased name or alias to its code (data/countries.tsv)."""
    text = files("readouts").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    codes, names = set(), {}
    for row in rows[1:]:
        code, name, aliases = (row + ["", "", ""])[:3]
        codes.add(code)
        for alias in [name, *aliases.split("|")]:
            if alias:
                names.setdefault(alias.lower(), code)
    for code in codes:
        official = report.country_name(code)
        if official:
            names.setdefault(official.lower(), code)
    return frozenset(codes), names


def resolve_country(value: str) -> str | None:
    """An ISO3 code from a code ("pak") or a country name or alias ("Turkey", "U.S.")."""
    text = " ".join((value or "").split())
    codes, names = _country_table()
    if text.upper() in codes:
        return text.upper()
    return names.get(text.lower())


def country_label(code: str | None) -> str:
    return report.country_name(code) or "unknown"


# ------------------------------------------------------------------ offices


@lru_cache(maxsize=1)
def _levels() -> list[tuple[str, str, list[re.Pattern]]]:
    data = tomllib.loads(files("readouts").joinpath("data/offices.toml").read_text(encoding="utf-8"))
    return [(lv["id"], lv["label"], [re.compile(p, re.I) for p in lv.get("patterns", [])])
            for lv in data.get("level", [])]


@lru_cache(maxsize=4096)  # titles repeat across events: "Foreign Minister" thousands of times
def office_level(title: str | None) -> str:
    """leader, foreign_minister, party, ambassador, ... or other (data/offices.toml)."""
    for level, _label, patterns in _levels():
        if title and any(p.search(title) for p in patterns):
            return level
    return "other"


def level_labels() -> dict[str, str]:
    return {level: label for level, label, _ in _levels()} | {"other": "Other offices"}


# ------------------------------------------------------------------ helpers


def quarter_of(event: dict) -> str:
    """'2021-Q4' from the event's date, else from its first report; else 'undated'."""
    when = event.get("date") or report.first_reported(event)
    if not when:
        return UNDATED
    return f"{when[:4]}-Q{(int(when[5:7]) - 1) // 3 + 1}"


def quarter_range(quarters: Iterable[str]) -> list[str]:
    """Every quarter from the first to the last given (undated last, if present)."""
    dated = sorted(q for q in quarters if q != UNDATED)
    out: list[str] = []
    if dated:
        year, q = int(dated[0][:4]), int(dated[0][-1])
        while f"{year}-Q{q}" <= dated[-1] and len(out) < 400:
            out.append(f"{year}-Q{q}")
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
    return out + ([UNDATED] if UNDATED in set(quarters) else [])


def is_person(p: dict) -> bool:
    actor_id = str(p.get("actor_id") or "")
    return not actor_id.startswith(("state:", "org:")) and bool(p.get("name"))


def person_key(p: dict) -> str:
    return p.get("actor_id") or f"name:{p.get('name')}:{p.get('country') or ''}"


def channel_of(event: dict, a: str, b: str | None) -> str:
    """The event's type; a visit becomes 'visit_ab' (A's side visits B) or 'visit_ba'."""
    kind = event.get("type") or "statement"
    if kind != "visit" or not b:
        return kind
    visitors = {p.get("country") for p in event.get("participants", []) if p.get("role") == "visitor"}
    place = (event.get("location") or {}).get("country")
    if a in visitors or place == b:
        return "visit_ab"
    if b in visitors or place == a:
        return "visit_ba"
    return "visit"


def channel_label(channel: str, a: str, b: str | None) -> str:
    if b is None and channel in ("visit_ab", "visit_ba"):  # a legend for every partner
        return f"visit by {country_label(a)}" if channel == "visit_ab" else f"visit to {country_label(a)}"
    if channel == "visit_ab":
        return f"visit {country_label(a)} → {country_label(b)}"
    if channel == "visit_ba":
        return f"visit {country_label(b)} → {country_label(a)}"
    return report.TYPE_LABELS.get(channel, channel.replace("_", " "))


def _counted(ids: Iterable[str]) -> dict:
    """A count and the sorted, distinct event ids it counts."""
    events = sorted(set(ids))
    return {"count": len(events), "events": events}


def _speaker_country(statement: dict, event: dict,
                     names: list[tuple[str, str | None]] | None = None) -> str | None:
    """The side of a statement's speaker: the participant with that name, or whose
    name it begins or ends ("Xi", "Khan"), or that it ends with ("President X").
    `names` is `_participant_names(event)`, when the caller has it already."""
    speaker = " ".join((statement.get("speaker") or "").lower().split())
    if not speaker:
        return None
    for name, country in _participant_names(event) if names is None else names:
        if name and (name == speaker or name.endswith(" " + speaker)
                     or name.startswith(speaker + " ") or speaker.endswith(" " + name)):
            return country
    return None


def _participant_names(event: dict) -> list[tuple[str, str | None]]:
    """Each participant's name, lower-cased with single spaces, and country."""
    return [(" ".join((p.get("name") or "").lower().split()), p.get("country"))
            for p in event.get("participants", [])]


def _when(event: dict) -> str | None:
    """The event's date, else the day it was first reported (it happened by then)."""
    return event.get("date") or report.first_reported(event)


def _last_contact(event: dict) -> str | None:
    """When a contact last happened: planned or negated events are not contacts yet."""
    return _when(event) if event.get("status", "occurred") == "occurred" else None


def _later(a: str | None, b: str | None) -> str | None:
    return max((x for x in (a, b) if x), default=None)


def _earlier(a: str | None, b: str | None) -> str | None:
    return min((x for x in (a, b) if x), default=None)


def _first_source(event: dict) -> dict:
    sources = event.get("sources") or [{}]
    return {"outlet": sources[0].get("outlet"), "article": sources[0].get("article"),
            "published": sources[0].get("published")}


# ------------------------------------------------------------------ building


def build_dossier(store: Store, a: str, b: str | None = None, since: date | None = None,
                  until: date | None = None, positions: PositionBook | None = None,
                  records: bool = True) -> dict:
    """The dossier of the pair (a, b) or, without b, of state a and its partners.

    a and b are ISO3 codes or country names; ValueError names one that is neither.
    Every section's counts come with the ids of the events they count. With
    records=False the timeline's lines leave out each event's whole public record
    (the files carry it; a web page links to the event's own page instead).
    """
    code_a = _resolved(a)
    code_b = _resolved(b) if b else None
    if code_b and code_b == code_a:
        raise ValueError(f"a dossier needs two different countries, not {a!r} twice")
    countries = [code_a] + ([code_b] if code_b else [])
    events = report.ordered(store.events(country=countries, since=since, until=until))
    links = store.links([e["id"] for e in events]) if code_b and records else {}
    head = {
        "kind": "pair" if code_b else "state",
        "a": {"code": code_a, "name": country_label(code_a)},
        "b": {"code": code_b, "name": country_label(code_b)} if code_b else None,
        "since": since.isoformat() if since else None,
        "until": until.isoformat() if until else None,
        "summary": _summary(events),
    }
    if not code_b:
        return head | {"partners": partners(events, code_a)}
    return head | {
        "channels": channels(events, code_a, code_b),
        "contacts": contacts(events, code_a, code_b),
        "people": people(events, code_a, code_b),
        "subjects": subjects(events),
        "positions": position_groups(events, code_a, code_b, positions or load_positions()),
        "upcoming": [_event_line(e) for e in events if e.get("status") == "planned"],
        "timeline": [_event_line(e) | {"event": report.public_of_stored(e, links)}
                     for e in events] if records else [_event_line(e) for e in events],
        "outlets": outlets(events),
    }


def busiest_pair(store: Store) -> tuple[str, str] | None:
    """The two states (ISO3 codes, organisations aside) that share the most events."""
    states, _ = _country_table()
    pairs: Counter = Counter()
    for e in store.events():
        codes = sorted({p.get("country") for p in e.get("participants", [])} & states)
        pairs.update((x, y) for i, x in enumerate(codes) for y in codes[i + 1:])
    if not pairs:
        return None
    return min(pairs, key=lambda pair: (-pairs[pair], pair))


def _resolved(value: str) -> str:
    code = resolve_country(value)
    if code is None:
        raise ValueError(f"unknown country {value!r}: give an ISO3 code (PAK) or a name (Pakistan)")
    return code


def _summary(events: list[dict]) -> dict:
    dated = sorted(e["date"] for e in events if e.get("date"))
    reports = {(s.get("article_id") or s.get("article")) for e in events for s in e.get("sources", [])}
    return _counted(e["id"] for e in events) | {
        "first": dated[0] if dated else None, "last": dated[-1] if dated else None,
        "reports": len(reports - {None}),
    }


def _event_line(event: dict) -> dict:
    return {
        "id": event["id"], "date": event.get("date"), "date_label": report.date_label(event),
        "quarter": quarter_of(event), "type": event.get("type"), "status": event.get("status"),
        "readout": report.readout(event),
        "outlets": sorted({s.get("outlet") or "unknown outlet" for s in event.get("sources", [])}),
    }


def channels(events: list[dict], a: str, b: str) -> dict:
    """Events per quarter by channel and status: a row per non-empty cell."""
    cells: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for e in events:
        cells[(quarter_of(e), channel_of(e, a, b), e.get("status") or "occurred")].append(e["id"])
    used = {channel for _, channel, _ in cells}
    order = [c for c in CHANNEL_ORDER if c in used] + sorted(used - set(CHANNEL_ORDER))
    return {
        "quarters": quarter_range(q for q, _, _ in cells),
        "channels": [{"id": c, "label": channel_label(c, a, b)} for c in order],
        "rows": [{"quarter": q, "channel": c, "status": s} | _counted(ids)
                 for (q, c, s), ids in sorted(cells.items())],
        "totals": [{"channel": c} | _counted(i for (_, ch, _), ids in cells.items()
                                            if ch == c for i in ids) for c in order],
    }


def _pair_people(event: dict, a: str, b: str) -> tuple[list[dict], list[dict]]:
    people_ = [p for p in event.get("participants", []) if is_person(p)]
    return ([p for p in people_ if p.get("country") == a], [p for p in people_ if p.get("country") == b])


def contacts(events: list[dict], a: str, b: str) -> list[dict]:
    """Who talks to whom: each pair of people from the two sides in the same event."""
    found: dict[tuple[str, str], dict] = {}
    for e in events:
        side_a, side_b = _pair_people(e, a, b)
        for pa in side_a:
            for pb in side_b:
                entry = found.setdefault((person_key(pa), person_key(pb)), {
                    "a": _person(pa), "b": _person(pb), "ids": [], "last": None})
                entry["ids"].append(e["id"])
                entry["a"]["title"] = pa.get("title") or entry["a"]["title"]  # latest office
                entry["b"]["title"] = pb.get("title") or entry["b"]["title"]
                entry["last"] = _later(entry["last"], _last_contact(e))
    rows = []
    for entry in found.values():
        level = _higher_level(office_level(entry["a"]["title"]), office_level(entry["b"]["title"]))
        rows.append({"a": entry["a"], "b": entry["b"], "level": level, "last": entry["last"]}
                    | _counted(entry["ids"]))
    return sorted(rows, key=lambda r: (-r["count"], r["a"]["name"], r["b"]["name"]))


def _person(p: dict) -> dict:
    return {"name": p.get("name"), "title": p.get("title"), "country": p.get("country"),
            "actor_id": p.get("actor_id")}


def _higher_level(x: str, y: str) -> str:
    """The level a contact is filed under: the more senior of its two ends."""
    order = ["leader", "party", "foreign_minister", "minister", "military", "parliament",
             "ambassador", "other"]
    rank = {level: i for i, level in enumerate(order)}
    return min((x, y), key=lambda level: rank.get(level, len(order)))


def people(events: list[dict], a: str, b: str) -> list[dict]:
    """Each side's people: offices held (with when), counterparts, contacts, last contact."""
    found: dict[str, dict] = {}
    for e in events:
        side_a, side_b = _pair_people(e, a, b)
        for mine, other in ((side_a, side_b), (side_b, side_a)):
            for p in mine:
                entry = found.setdefault(person_key(p), {
                    "name": p.get("name"), "country": p.get("country"), "offices": {},
                    "counterparts": set(), "ids": [], "last": None})
                entry["ids"].append(e["id"])
                entry["counterparts"].update(o.get("name") for o in other)
                when = e.get("date") or report.first_reported(e)
                if p.get("title"):  # the office as this event reports it, first and last seen
                    span = entry["offices"].setdefault(p["title"], [when, when])
                    span[:] = [_earlier(span[0], when), _later(span[1], when)]
                entry["last"] = _later(entry["last"], _last_contact(e))
    rows = []
    for entry in found.values():
        offices = [{"title": t, "from": s[0], "to": s[1]} for t, s in entry["offices"].items()]
        offices.sort(key=lambda o: o["to"] or "")
        title = offices[-1]["title"] if offices else None
        rows.append({
            "name": entry["name"], "country": entry["country"], "offices": offices,
            "level": office_level(title), "counterparts": sorted(entry["counterparts"] - {None}),
            "last": entry["last"]} | _counted(entry["ids"]))
    return sorted(rows, key=lambda r: (r["country"] != a, -r["count"], r["name"] or ""))


def subjects(events: list[dict]) -> dict:
    """Topics per quarter: one cell per (topic, quarter) with its events."""
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in events:
        for topic in e.get("topics", []):
            cells[(topic, quarter_of(e))].append(e["id"])
    totals = Counter()
    for (topic, _), ids in cells.items():
        totals[topic] += len(ids)
    topics = sorted(totals, key=lambda t: (-totals[t], t))
    return {
        "quarters": quarter_range(q for _, q in cells),
        "topics": [{"id": t, "label": report.topic_label(t)}
                   | _counted(i for (tt, _), ids in cells.items() if tt == t for i in ids)
                   for t in topics],
        "cells": [{"topic": t, "quarter": q} | _counted(ids) for (t, q), ids in sorted(cells.items())],
    }


def position_groups(events: list[dict], a: str, b: str, book: PositionBook) -> list[dict]:
    """Statements of the pair's events grouped into recurring positions, each with
    every restatement (who, side, when, the sentence, the event and its source)."""
    items = []
    for e in events:
        statements = [st for st in e.get("statements", []) if st.get("text")]
        if not statements:
            continue
        # what every statement of the event shares, worked out once per event
        names, when = _participant_names(e), e.get("date") or report.first_reported(e)
        source = _first_source(e)
        for st in statements:
            items.append({
                "event": e["id"], "date": when,
                "speaker": st.get("speaker"), "side": _speaker_country(st, e, names),
                "text": " ".join(st["text"].split()), "source": dict(source),
            })
    groups = group_statements(items, book)
    rows = []
    for key, members in groups.items():
        members = sorted(members, key=lambda m: (m["date"] or "9999", m["event"], m["text"]))
        sides = Counter(m["side"] for m in members if m["side"] in (a, b))
        rows.append({
            "id": key,
            "label": _position_label(key, members, book),
            "sides": {code: n for code, n in sorted(sides.items())},
            "first": next((m["date"] for m in members if m["date"]), None),
            "last": max((m["date"] for m in members if m["date"]), default=None),
            "restatements": members,
        } | _counted(m["event"] for m in members))
    return sorted(rows, key=lambda r: (r["id"].startswith("recurring:"), -r["count"], r["id"]))


def _position_label(key: str, members: list[dict], book: PositionBook) -> str:
    if key.startswith("recurring:"):
        return "Recurring statement: “" + report._short(members[0]["text"], 90) + "”"
    return book.label_of(key)


def outlets(events: list[dict]) -> list[dict]:
    """The outlets that reported the events: reports and the events they cover."""
    reports: dict[str, set] = defaultdict(set)
    ids: dict[str, list[str]] = defaultdict(list)
    for e in events:
        for s in e.get("sources", []):
            outlet = s.get("outlet") or "unknown outlet"
            reports[outlet].add(s.get("article_id") or s.get("article"))
            ids[outlet].append(e["id"])
    rows = [{"outlet": o, "reports": len(reports[o] - {None})} | _counted(ids[o]) for o in ids]
    return sorted(rows, key=lambda r: (-r["count"], r["outlet"]))


def partners(events: list[dict], a: str) -> list[dict]:
    """One state's partners ranked by contacts (events with both), with the channel mix."""
    # Codes with one name (EU and CAMEO's IGOEUREEC) are one partner.
    by_partner: dict[str, dict[str, dict]] = defaultdict(dict)
    codes: dict[str, set[str]] = defaultdict(set)
    for e in events:
        others = {p.get("country") for p in e.get("participants", []) if p.get("country")} - {a}
        for other in others:
            by_partner[country_label(other)][e["id"]] = e
            codes[country_label(other)].add(other)
    rows = []
    for name, by_id in by_partner.items():
        evs = list(by_id.values())
        code = sorted(codes[name], key=lambda c: (len(c) != 3, c))[0]
        mix: dict[str, list[str]] = defaultdict(list)
        for e in evs:
            mix[channel_of(e, a, code)].append(e["id"])
        dated = [_last_contact(e) for e in evs if _last_contact(e)]
        rows.append({
            "code": code, "codes": sorted(codes[name]), "name": name,
            "last": max(dated) if dated else None,
            "channels": [{"channel": c, "label": channel_label(c, a, code)} | _counted(mix[c])
                         for c in CHANNEL_ORDER if c in mix],
        } | _counted(e["id"] for e in evs))
    return sorted(rows, key=lambda r: (-r["count"], r["name"]))


# ------------------------------------------------------------------ rendering


def title_of(dossier: dict) -> str:
    if dossier["kind"] == "pair":
        return f"{dossier['a']['name']} – {dossier['b']['name']}: relationship dossier"
    return f"{dossier['a']['name']}: partners dossier"


def period_of(dossier: dict) -> str:
    s = dossier["summary"]
    span = f"{s['first']} to {s['last']}" if s["first"] else "no dated events"
    limits = " · ".join(x for x in (
        f"since {dossier['since']}" if dossier.get("since") else "",
        f"until {dossier['until']}" if dossier.get("until") else "") if x)
    return f"{s['count']} events from {s['reports']} reports, {span}" + (f" ({limits})" if limits else "")


def render_dossier(dossier: dict, fmt: str = "html",
                   event_href: Callable[[str], str] | None = None) -> str:
    """The dossier as one offline HTML document, Markdown or JSON.

    event_href maps an event id to a link target; by default the links point at the
    event's entry in the document's own timeline ("#<id>").
    """
    if fmt == "json":
        return json.dumps(dossier, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    href = event_href or (lambda eid: f"#{eid}")
    if fmt == "md":
        return render_markdown(dossier, href)
    if fmt == "html":
        return render_html(dossier, href)
    raise ValueError(f"unknown dossier format {fmt!r}; use html, md or json")


# ------------------------------------------------------------------ markdown

_md = report._md


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table; cells must already be escaped."""
    if not rows:
        return ["_none_", ""]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return lines + [""]


def _md_links(ids: list[str], href: Callable[[str], str], limit: int = 6) -> str:
    shown = [f"[{n}]({href(i)})" for n, i in enumerate(ids[:limit], start=1)]
    return " ".join(shown) + (f" +{len(ids) - limit}" if len(ids) > limit else "")


def _person_md(p: dict) -> str:
    return _md(p["name"] + (f" ({p['title']})" if p.get("title") else ""))


def render_markdown(d: dict, href: Callable[[str], str]) -> str:
    lines = [f"# {_md(title_of(d))}", "", _md(period_of(d)) + ".", ""]
    if d["kind"] == "state":
        lines += ["## Partners by contacts", ""]
        lines += _md_table(["partner", "events", "channels", "last"], [
            [_md(p["name"]), str(p["count"]),
             _md(", ".join(f"{c['label']} {c['count']}" for c in p["channels"])), p["last"] or "—"]
            for p in d["partners"]])
        return "\n".join(lines).rstrip() + "\n"
    ch = d["channels"]
    lines += ["## Channels over time", ""]
    labels = {c["id"]: c["label"] for c in ch["channels"]}
    lines += _md_table(["quarter", "channel", "status", "events", "links"], [
        [r["quarter"], _md(labels[r["channel"]]), r["status"], str(r["count"]), _md_links(r["events"], href)]
        for r in ch["rows"]])
    lines += ["## Who talks to whom", ""]
    levels = level_labels()
    lines += _md_table([_md(d["a"]["name"]), _md(d["b"]["name"]), "level", "contacts", "last"], [
        [_person_md(c["a"]), _person_md(c["b"]), _md(levels.get(c["level"], c["level"])),
         str(c["count"]), c["last"] or "—"]
        for c in d["contacts"]])
    lines += ["### People", ""]
    lines += _md_table(["side", "name", "offices", "counterparts", "events", "last"], [
        [_md(country_label(p["country"])), _md(p["name"]),
         _md("; ".join(f"{o['title']} ({o['from'] or '?'}–{o['to'] or '?'})" for o in p["offices"])),
         _md(", ".join(p["counterparts"])), str(p["count"]), p["last"] or "—"]
        for p in d["people"]])
    lines += ["## Subjects over time", ""]
    lines += _md_table(["topic", "quarter", "events", "links"], [
        [_md(report.topic_label(c["topic"])), c["quarter"], str(c["count"]), _md_links(c["events"], href)]
        for c in d["subjects"]["cells"]])
    lines += ["## Positions and commitments", ""]
    for pos in d["positions"]:
        sides = ", ".join(f"{country_label(k)} {n}" for k, n in pos["sides"].items())
        lines += [f"### {_md(pos['label'])}", "",
                  f"{pos['count']} events, {len(pos['restatements'])} restatements"
                  + (f" ({_md(sides)})" if sides else "") + ".", ""]
        for m in pos["restatements"]:
            who = m["speaker"] or "unattributed"
            side = f", {country_label(m['side'])}" if m["side"] else ""
            lines.append(f"- {m['date'] or 'undated'} · {_md(who + side)}: “{_md(m['text'])}” "
                         f"([event]({href(m['event'])}), {_md(m['source']['outlet'] or 'unknown outlet')})")
        lines.append("")
    if not d["positions"]:
        lines += ["_none_", ""]
    lines += ["## Upcoming", ""]
    lines += [f"- {_md(e['date_label'])}: {_md(e['readout'])} ([event]({href(e['id'])}))"
              for e in d["upcoming"]] or ["_none_"]
    lines += ["", "## Timeline", ""]
    lines += [f"- {_md(e['date_label'])} · {_md(report.TYPE_LABELS.get(e['type'], e['type']))}"
              f"{'' if e['status'] == 'occurred' else ' · ' + e['status'].upper()}: "
              f"{_md(e['readout'])} — {_md(', '.join(e['outlets']))} ([{e['id']}]({href(e['id'])}))"
              for e in d["timeline"]] or ["_none_"]
    lines += ["", "## Outlets", ""]
    lines += _md_table(["outlet", "reports", "events"], [
        [_md(o["outlet"]), str(o["reports"]), str(o["count"])] for o in d["outlets"]])
    return "\n".join(lines).rstrip() + "\n"


# ------------------------------------------------------------------ html

_e = html.escape  # quote=True: safe in text and in quoted attributes


def _anchor(*parts: str) -> str:
    """A fragment id from data: only [a-z0-9-], so it needs no further escaping."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(parts).lower()).strip("-")


def stacked_bars(quarters: list[str], series: list[dict], rows: list[dict],
                 height: int = 220) -> str:
    """Inline SVG: events per quarter stacked by channel; planned events lighter."""
    if not quarters:
        return '<p class="muted">No events to chart.</p>'
    stacks: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
    for r in rows:
        stacks[r["quarter"]].append((r["channel"], r["status"], r["count"]))
    order = {s["id"]: i for i, s in enumerate(series)}
    top = max(sum(n for _, _, n in stack) for stack in stacks.values())
    pad, label_h, bar_w = 44, 50, min(40.0, max(8.0, 880 / len(quarters)))
    width = int(2 * pad + bar_w * len(quarters))
    plot_h = height - label_h - 12
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>Events per quarter by channel, {_e(quarters[0])} to {_e(quarters[-1])}</title>",
             f'<line x1="{pad}" y1="{12 + plot_h}" x2="{width - pad}" y2="{12 + plot_h}" class="axis"/>']
    step = max(1, len(quarters) // 14)
    for i, quarter in enumerate(quarters):
        x, y = pad + i * bar_w, 12 + plot_h
        stack = sorted(stacks.get(quarter, []), key=lambda t: (order.get(t[0], 99), t[1]))
        for channel, status, n in stack:
            h = plot_h * n / top
            y -= h
            light = ' fill-opacity="0.45"' if status != "occurred" else ""
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.8:.1f}" height="{h:.1f}" '
                f'fill="{CHANNEL_COLOURS.get(channel, "#999")}"{light}>'
                f"<title>{_e(quarter)}: {n} {_e(_series_label(series, channel))} ({_e(status)})</title></rect>")
        total = sum(n for _, _, n in stack)
        if total:
            parts.append(f'<text x="{x + bar_w * 0.4:.1f}" y="{y - 3:.1f}" class="n">{total}</text>')
        if i % step == 0:
            lx, ly = x + bar_w * 0.4, height - label_h + 8
            parts.append(f'<text x="{lx:.1f}" y="{ly}" class="q" '
                         f'transform="rotate(-45 {lx:.1f} {ly})">{_e(quarter)}</text>')
    parts.append("</svg>")
    return "".join(parts) + _legend(series)


def _series_label(series: list[dict], channel: str) -> str:
    return next((s["label"] for s in series if s["id"] == channel), channel)


def _legend(series: list[dict]) -> str:
    items = "".join(f'<span><i style="background:{CHANNEL_COLOURS.get(s["id"], "#999")}"></i>'
                    f"{_e(s['label'])}</span>" for s in series)
    return f'<p class="legend">{items}<span class="muted">lighter: planned or negated</span></p>'


def heat_map(subjects_: dict, cell_size: int = 22) -> str:
    """Inline SVG: topics (rows) × quarters (columns); each cell links to its event list."""
    quarters, topics = subjects_["quarters"], subjects_["topics"]
    if not quarters or not topics:
        return '<p class="muted">No topics to chart.</p>'
    cells = {(c["topic"], c["quarter"]): c["count"] for c in subjects_["cells"]}
    top = max(cells.values())
    left, head = 170, 64
    # room on the right for the last slanted quarter label
    width, height = left + cell_size * len(quarters) + 48, head + cell_size * len(topics) + 8
    parts = [f'<svg class="chart heat" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
             "<title>Topics per quarter</title>"]
    for j, quarter in enumerate(quarters):
        x = left + j * cell_size + cell_size / 2
        parts.append(f'<text x="{x:.1f}" y="{head - 6}" class="q" '
                     f'transform="rotate(-60 {x:.1f} {head - 6})">{_e(quarter)}</text>')
    for i, topic in enumerate(topics):
        y = head + i * cell_size
        parts.append(f'<text x="{left - 6}" y="{y + cell_size * 0.7:.1f}" class="t">'
                     f"{_e(report._short(topic['label'], 28))}</text>")
        for j, quarter in enumerate(quarters):
            n = cells.get((topic["id"], quarter), 0)
            x = left + j * cell_size
            shade = 0.12 + 0.88 * n / top if n else 0
            rect = (f'<rect x="{x}" y="{y}" width="{cell_size - 2}" height="{cell_size - 2}" '
                    f'fill="#1f5f9e" fill-opacity="{shade:.2f}" stroke="#d9dee4">'
                    f"<title>{_e(topic['label'])}, {_e(quarter)}: {n} events</title></rect>")
            if n:
                rect = f'<a href="#{_anchor("subj", topic["id"], quarter)}">{rect}</a>'
            parts.append(rect)
    parts.append("</svg>")
    return "".join(parts)


def partner_bar(partner: dict, top: int, width: int = 240) -> str:
    """Inline SVG: one partner's channel mix as a horizontal stacked bar."""
    parts = [f'<svg class="mix" role="img" viewBox="0 0 {width} 14" width="{width}" height="14" '
             f'xmlns="http://www.w3.org/2000/svg"><title>{_e(partner["name"])}: channel mix</title>']
    x = 0.0
    total = sum(c["count"] for c in partner["channels"])
    for c in partner["channels"]:
        w = width * c["count"] / max(top, total, 1)
        parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="14" '
                     f'fill="{CHANNEL_COLOURS.get(c["channel"], "#999")}">'
                     f"<title>{_e(c['label'])}: {c['count']}</title></rect>")
        x += w
    return "".join(parts) + "</svg>"


DOSSIER_CSS = """
:root{--fg:#1d232b;--muted:#5b6672;--line:#d9dee4;--accent:#1f5f9e;--warn:#9a5b00}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);max-width:1100px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}
h3{font-size:1rem;margin:1.2rem 0 .3rem}.muted{color:var(--muted)}a{color:var(--accent)}
nav{display:flex;flex-wrap:wrap;gap:.8rem;font-size:.9rem;margin:.6rem 0}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.4rem 0}
th,td{border-bottom:1px solid var(--line);padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.d{white-space:nowrap}table.narrow{width:auto}table.narrow td,table.narrow th{padding-right:1.2rem}
.chart{max-width:100%;height:auto;display:block}.chart text{font-size:10px;fill:var(--muted)}
.chart .n{text-anchor:middle}.chart .q{text-anchor:end}.chart.heat .q{text-anchor:start}.chart .t{text-anchor:end;font-size:11px;fill:var(--fg)}
.chart .axis{stroke:var(--line)}
.legend{display:flex;flex-wrap:wrap;gap:.8rem;font-size:.82rem}.legend i{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem;vertical-align:-1px}
.pos{border-left:4px solid var(--accent);padding:.2rem .9rem;margin:1rem 0}
.pos ol{padding-left:1.2rem}.pos li{margin:.35rem 0}.pos blockquote{margin:.1rem 0;color:#333}
.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;color:#fff;background:var(--warn)}
.ev{padding:.3rem 0;border-bottom:1px solid var(--line)}.ev .when{color:var(--muted);font-size:.85rem}
.cells{columns:2;font-size:.85rem}.cells li{break-inside:avoid}
.src{font-size:.82rem;color:var(--muted)}.src ul{margin:.2rem 0;padding-left:1.2rem}
@media print{nav{display:none}body{max-width:none;padding:0;font-size:10pt}
a{color:inherit;text-decoration:none}section,.pos,.ev,tr{break-inside:avoid;page-break-inside:avoid}
h2{break-after:avoid}details{display:block}details>*{display:block}}
"""


def _links_html(ids: list[str], href: Callable[[str], str], limit: int = 8) -> str:
    shown = [f'<a href="{_e(href(i))}">{n}</a>' for n, i in enumerate(ids[:limit], start=1)]
    more = f" +{len(ids) - limit}" if len(ids) > limit else ""
    return " ".join(shown) + more


def _table(header: list[str], rows: list[list[str]], numeric: Iterable[int] = (),
           dates: Iterable[int] = (), narrow: bool = False) -> str:
    """An HTML table; header and cells must already be escaped. Numeric columns align
    right, date columns do not wrap; a narrow table is as wide as its content."""
    if not rows:
        return '<p class="muted">None.</p>'
    kinds = {i: ' class="n"' for i in numeric} | {i: ' class="d"' for i in dates}
    head = "".join(f"<th>{h}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td{kinds.get(i, '')}>{c}</td>" for i, c in enumerate(r))
                   + "</tr>" for r in rows)
    width = ' class="narrow"' if narrow else ""
    return f"<table{width}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _person_html(p: dict) -> str:
    title = f' <span class="muted">{_e(p["title"])}</span>' if p.get("title") else ""
    return f"{_e(p['name'] or '')}{title}"


def _channels_html(d: dict) -> str:
    ch = d["channels"]
    counts = defaultdict(int)
    for r in ch["rows"]:
        counts[(r["quarter"], r["channel"])] += r["count"]
    header = ["quarter"] + [_e(c["label"]) for c in ch["channels"]]
    rows = [[_e(q)] + [str(counts.get((q, c["id"]), "")) for c in ch["channels"]]
            for q in ch["quarters"] if any(counts.get((q, c["id"])) for c in ch["channels"])]
    numeric = range(1, len(header))
    return (stacked_bars(ch["quarters"], ch["channels"], ch["rows"])
            + _table(header, rows, numeric, narrow=True))


def _people_html(d: dict) -> str:
    levels = level_labels()
    contacts_ = _table(
        [_e(d["a"]["name"]), _e(d["b"]["name"]), "level", "contacts", "last", "events"],
        [[_person_html(c["a"]), _person_html(c["b"]), _e(levels.get(c["level"], c["level"])),
          str(c["count"]), _e(c["last"] or "—"), _links_html(c["events"], d["_href"])]
         for c in d["contacts"]], numeric=[3], dates=[4])
    people_ = _table(
        ["side", "name", "offices (first–last seen)", "counterparts", "events", "last"],
        [[_e(country_label(p["country"])), _e(p["name"] or ""),
          "<br>".join(_e(f"{o['title']} ({o['from'] or '?'} – {o['to'] or '?'})") for o in p["offices"]),
          _e(", ".join(p["counterparts"])), str(p["count"]), _e(p["last"] or "—")]
         for p in d["people"]], numeric=[4], dates=[5])
    return contacts_ + "<h3>People of each side</h3>" + people_


def _subjects_html(d: dict) -> str:
    cells = d["subjects"]["cells"]
    items = "".join(
        f'<li id="{_anchor("subj", c["topic"], c["quarter"])}">{_e(report.topic_label(c["topic"]))}, '
        f'{_e(c["quarter"])}: {_links_html(c["events"], d["_href"])}</li>' for c in cells)
    listing = (f"<details><summary>Events of each cell ({len(cells)})</summary>"
               f'<ul class="cells">{items}</ul></details>') if cells else ""
    return heat_map(d["subjects"]) + listing


def _positions_html(d: dict) -> str:
    if not d["positions"]:
        return '<p class="muted">No statements in these events.</p>'
    out = []
    for pos in d["positions"]:
        sides = ", ".join(f"{country_label(k)} {n}" for k, n in pos["sides"].items())
        out.append(f'<div class="pos" id="{_anchor("pos", pos["id"])}"><h3>{_e(pos["label"])}</h3>'
                   f'<p class="muted">{pos["count"]} events · {len(pos["restatements"])} restatements'
                   f'{" · " + _e(sides) if sides else ""} · {_e(pos["first"] or "?")} to {_e(pos["last"] or "?")}</p><ol>')
        for m in pos["restatements"]:
            who = m["speaker"] or "unattributed"
            side = f", {country_label(m['side'])}" if m["side"] else ""
            source = m["source"]
            out.append(f"<li><span class=\"muted\">{_e(m['date'] or 'undated')} · {_e(who + side)}</span>"
                       f"<blockquote>{_e(m['text'])}</blockquote>"
                       f'<span class="muted"><a href="{_e(d["_href"](m["event"]))}">event</a> · '
                       f"{_e(source['outlet'] or 'unknown outlet')}, {_e(source['published'] or 'undated')}</span></li>")
        out.append("</ol></div>")
    return "".join(out)


def _event_html(e: dict, href: Callable[[str], str], anchored: bool) -> str:
    badge = "" if e["status"] == "occurred" else f' <span class="badge">{_e(e["status"])}</span>'
    anchor = f' id="{_e(e["id"])}"' if anchored else ""
    return (f'<div class="ev"{anchor}><span class="when">{_e(e["date_label"])} · '
            f'{_e(report.TYPE_LABELS.get(e["type"], e["type"] or ""))}</span>{badge}<br>'
            f'<a href="{_e(href(e["id"]))}">{_e(e["readout"])}</a>. '
            f'<span class="muted">{_e(", ".join(e["outlets"]))}</span>'
            f'{_sources_html(e.get("event", {}).get("sources", []))}</div>')


def _sources_html(sources: list[dict]) -> str:
    """The reports of one event, linked when they are web pages."""
    if not sources:
        return ""
    items = []
    for source in sources:
        where = source.get("article") or ""
        url = report._safe_url(where)
        target = f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(where)}</a>' if url else _e(where)
        items.append(f"<li>{_e(source.get('outlet') or 'unknown outlet')}, "
                     f"{_e(source.get('published') or 'undated')}: {target}</li>")
    return f'<details class="src"><summary>{len(sources)} sources</summary><ul>{"".join(items)}</ul></details>'


def _state_html(d: dict) -> str:
    top = max((p["count"] for p in d["partners"]), default=1)
    series = [{"id": c, "label": channel_label(c, d["a"]["code"], None)} for c in CHANNEL_ORDER
              if any(ch["channel"] == c for p in d["partners"] for ch in p["channels"])]
    rows = [[_e(p["name"]), str(p["count"]), partner_bar(p, top),
             _e(", ".join(f"{c['label']} {c['count']}" for c in p["channels"])), _e(p["last"] or "—")]
            for p in d["partners"]]
    return ("<section id=\"partners\"><h2>Partners by contacts</h2>" + _legend(series)
            + _table(["partner", "events", "channel mix", "channels", "last"], rows, numeric=[1], dates=[4])
            + "</section>")


def render_html(d: dict, href: Callable[[str], str]) -> str:
    title = title_of(d)
    head = ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{_e(title)}</title><style>{DOSSIER_CSS}</style></head><body>"
            f"<header><h1>{_e(title)}</h1><p class=\"muted\">{_e(period_of(d))}</p></header>")
    if d["kind"] == "state":
        return head + _state_html(d) + "</body></html>\n"
    own_anchors = href("x") == "#x"
    d = d | {"_href": href}
    sections = [
        ("channels", "Channels over time", _channels_html(d)),
        ("people", "Who talks to whom", _people_html(d)),
        ("subjects", "Subjects over time", _subjects_html(d)),
        ("positions", "Positions and commitments", _positions_html(d)),
        ("upcoming", "Upcoming", "".join(_event_html(e, href, False) for e in d["upcoming"])
         or '<p class="muted">No planned visits or meetings.</p>'),
        ("timeline", "Timeline", "".join(_event_html(e, href, own_anchors) for e in d["timeline"])
         or '<p class="muted">No events.</p>'),
        ("outlets", "Outlets", _table(["outlet", "reports", "events"], [
            [_e(o["outlet"]), str(o["reports"]), str(o["count"])] for o in d["outlets"]],
            numeric=[1, 2], narrow=True)),
    ]
    nav = "<nav>" + "".join(f'<a href="#{sid}">{_e(name)}</a>' for sid, name, _ in sections) + "</nav>"
    body = "".join(f'<section id="{sid}"><h2>{_e(name)}</h2>{content}</section>'
                   for sid, name, content in sections)
    return head + nav + body + "</body></html>\n"
