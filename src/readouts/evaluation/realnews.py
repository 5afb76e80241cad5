"""Real-news suite: events on `diplomacy-dev`, scored as the reference scorer defines.

Owns: ingesting the seeds and the `diplomacy-dev` articles through the configuration
`readouts ingest` runs (the gate included) into a temporary database, reading the
merged events in the public shape `readouts events --format jsonl` prints, scoring them
against the hand-made gold events, and sorting every error into the issue's error
classes. The definitions (what "found", a duplicate, merge recall ... mean) are those
of the reference scorer's docstring (`../shared/tools/score_events.py`); a test checks
that both give the same figures on the same events.

Error classes (one count per error, mechanically, as `classify` documents):
1 not an interaction, 2 participants, 3 multi-event articles, 4 dates, 5 merging,
6 status, 7 actors without a country.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..actors.tables import spelling_variant
from . import Section

DEV_DIR = "diplomacy-dev"
GOLD_FILES = ("seed-gold.json", "gold.json")  # seeds first: dev events may point back at them

# The type names a system may print, read as the gold's six types.
TYPE_NAMES = {
    "phone": "phone_call", "call": "phone_call", "phone_call": "phone_call", "video_call": "phone_call",
    "message": "message_exchange", "messages": "message_exchange", "letter": "message_exchange",
    "message_exchange": "message_exchange", "meeting": "meeting", "talks": "meeting",
    "visit": "visit", "agreement": "agreement", "signing": "agreement", "statement": "statement",
}
# Words of address left out when names are compared.
HONORIFICS = frozenset(
    "mr mrs ms dr shri sri smt sheikh his her excellency highness he".split()
)

ERROR_CLASSES = {
    1: "not an interaction (false positive on no gold event; opinion pieces)",
    2: "participants (wrong country; event missed or unmatched for its parties)",
    3: "multi-event articles (an event folded into another of its article, or lost)",
    4: "dates (matched event without an allowed day)",
    5: "merging (unmerged duplicate, multi-source event not merged, merged across events)",
    6: "status (matched event with a status the gold does not allow)",
    7: "actors without a country (matched participant with no country)",
}


# ------------------------------------------------------------------ names


def normalise(text: str | None) -> str:
    """Lower case, punctuation to spaces, single spaces."""
    lowered = (text or "").lower()
    kept = "".join(c if c.isalnum() or c == " " else " " for c in lowered)
    return " ".join(kept.split())


def same_name(system: str | None, gold: str | None, aliases: dict[str, set[str]]) -> bool:
    """Does a system participant's name denote the gold participant (docstring rules)?"""
    s, g = normalise(system), normalise(gold)
    if not (s and g):
        return False
    if s == g or s in aliases.get(g, ()):
        return True
    s_words = [w for w in s.split() if w not in HONORIFICS] or s.split()
    g_words = g.split()
    longest = max(g_words, key=len)
    if longest in s_words and set(s_words) <= set(g_words):  # a part holding the longest word
        return True
    if len(g_words) >= 2 and set(g_words) <= set(s_words):  # the gold inside a fuller name
        return True
    return len(s_words) == len(g_words) >= 2 and all(map(spelling_variant, s_words, g_words))


def event_type(event: dict) -> str:
    name = normalise(event.get("type")).replace(" ", "_")
    return TYPE_NAMES.get(name, name)


def source_files(event: dict) -> set[str]:
    """Base names of the files an event cites (strings or objects naming them)."""
    names = set()
    for source in event.get("sources", []):
        if isinstance(source, dict):
            source = next((source[k] for k in ("article", "path", "file", "url", "source") if source.get(k)), "")
        names.add(PurePosixPath(str(source).replace("\\", "/")).name)
    return names


# ------------------------------------------------------------------- gold


@dataclass
class Gold:
    events: dict[str, dict]  # id -> event, "sources" a set
    optional: list[dict]
    aliases: dict[str, set[str]]
    articles: set[str]
    negatives: set[str]  # articles that report no event (opinion, analysis)


def load_gold(paths: list[Path]) -> Gold:
    gold = Gold(events={}, optional=[], aliases=defaultdict(set), articles=set(), negatives=set())
    for path in paths:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        for canonical, others in data.get("aliases", {}).items():
            gold.aliases[normalise(canonical)] |= {normalise(o) for o in others}
        for event in data["events"]:
            earlier = gold.events.get(event.get("same_as_seed") or event.get("same_as"))
            if earlier is not None:  # the same event as one of an earlier file
                earlier["sources"] |= set(event["sources"])
            else:
                gold.events[event["id"]] = {**event, "sources": set(event["sources"])}
        for event in data.get("optional_events", []):
            cited = set(event.get("sources") or []) | set(event.get("mentioned_in") or [])
            gold.optional.append({**event, "sources": cited})
        articles = data["articles"]
        pairs = articles.items() if isinstance(articles, dict) else ((a.get("file"), a) for a in articles)
        for name, article in pairs:
            if isinstance(article, dict):
                name = article.get("file", name)
            gold.articles.add(name)
            if isinstance(article, dict) and article.get("negative"):
                gold.negatives.add(name)
    return gold


# ---------------------------------------------------------------- matching


def _required_people(gold_event: dict) -> list[dict]:
    """The participants a system event must name: a visit's visitors, else everyone."""
    people = gold_event.get("participants", [])
    host = gold_event.get("host")
    if gold_event["type"] == "visit" and host:
        return [p for p in people if p.get("country") != host] or people
    return people


def fit(system_event: dict, gold_event: dict, aliases) -> int:
    """How well a system event fits a gold event: named participants found, 0 for no fit."""
    if not system_event["_files"] & gold_event["sources"]:
        return 0
    named = [p["name"] for p in _required_people(gold_event) if p.get("name")]
    if not named:  # governments named collectively: type and countries decide
        countries = {p["country"] for p in gold_event.get("participants", []) if p.get("country")}
        found = {(p.get("country") or "").upper() for p in system_event.get("participants", [])}
        return int(event_type(system_event) == gold_event["type"] and bool(countries) and countries <= found)
    found = sum(
        any(same_name(p.get("name"), name, aliases) for p in system_event.get("participants", []))
        for name in named
    )
    return found if found and found >= min(2, len(named)) else 0


@dataclass
class Result:
    """Figures with the reference scorer's names, and the errors behind them."""

    figures: dict
    missed: list[str] = field(default_factory=list)
    false_positives: list[int] = field(default_factory=list)  # system indexes, duplicates included
    duplicates: dict[str, list[int]] = field(default_factory=dict)  # gold id -> system indexes
    over_merged: list[tuple[str, str]] = field(default_factory=list)  # (swallowed, matched gold id)
    wrong: dict[str, list[str]] = field(default_factory=dict)  # field -> gold ids
    unmerged: list[str] = field(default_factory=list)  # multi-source gold events not merged
    no_country: list[str] = field(default_factory=list)
    classes: Counter = field(default_factory=Counter)


def _one_to_one(system: list[dict], gold: Gold) -> dict[int, str]:
    """Best fit first (then most shared sources): each side used once."""
    candidates = []
    for index, event in enumerate(system):
        for gold_id, gold_event in gold.events.items():
            score = fit(event, gold_event, gold.aliases)
            if score:
                shared = len(event["_files"] & gold_event["sources"])
                candidates.append((score, shared, index, gold_id))
    pairs: dict[int, str] = {}
    taken: set[str] = set()
    for _, _, index, gold_id in sorted(candidates, reverse=True):
        if index not in pairs and gold_id not in taken:
            pairs[index] = gold_id
            taken.add(gold_id)
    return pairs


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def score_events(system_events: list[dict], gold: Gold) -> Result:
    """Score system events (public jsonl records) against the gold."""
    system = []
    for event in system_events:
        files = source_files(event)
        if files & gold.articles:  # events of other articles are not judged
            system.append({**event, "_files": files})
    pairs = _one_to_one(system, gold)
    matched = {gold_id: index for index, gold_id in pairs.items()}
    result = Result(figures={})
    ignored = 0
    for index, event in enumerate(system):
        if index in pairs:
            continue
        fits = [gid for gid, g in gold.events.items() if fit(event, g, gold.aliases)]
        if fits:
            result.duplicates.setdefault(fits[0], []).append(index)
            result.false_positives.append(index)
        elif any(fit(event, o, gold.aliases) for o in gold.optional):
            ignored += 1
        else:
            result.false_positives.append(index)
    result.missed = sorted(set(gold.events) - set(matched))
    fields = _field_accuracy(system, gold, matched, result)
    multi = [gid for gid, g in gold.events.items() if len(g["sources"]) >= 2]
    result.unmerged = [
        gid for gid in multi if not (gid in matched and gold.events[gid]["sources"] <= system[matched[gid]]["_files"])
    ]
    result.over_merged = _over_merged(system, gold, matched)
    tp, fp = len(matched), len(result.false_positives)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / len(gold.events) if gold.events else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    result.figures = {
        "gold_events": len(gold.events), "system_events": len(system), "matched": tp,
        "false_positives": fp, "duplicates": sum(map(len, result.duplicates.values())),
        "ignored_optional": ignored,
        "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3),
        **fields,
        "merge_recall": _ratio(len(multi) - len(result.unmerged), len(multi)),
        "multi_source_events": len(multi),
        "over_merged": len(result.over_merged),
        "negative_fp": sum(1 for i in result.false_positives if system[i]["_files"] & gold.negatives),
    }
    result.classes = classify(system, gold, matched, result)
    return result


def _date_right(system_event: dict, gold_event: dict) -> bool:
    allowed = set(gold_event.get("date_ok") or ([gold_event["date"]] if gold_event.get("date") else []))
    day = system_event.get("date")
    day = day[:10] if isinstance(day, str) else None
    return day in allowed if allowed else day is None


def _type_right(system_event: dict, gold_event: dict) -> bool:
    kind = event_type(system_event)
    return kind == gold_event["type"] or (gold_event["type"] == "visit" and kind == "meeting")


def _status_right(system_event: dict, gold_event: dict) -> bool:
    status = normalise(system_event.get("status") or "occurred")
    allowed = {gold_event.get("status", "occurred"), *gold_event.get("status_ok", [])}
    by_source = (gold_event.get("status_by_source") or {}).values()
    return status in allowed or (status == "occurred" and "occurred" in by_source)


def _field_accuracy(system, gold: Gold, matched: dict[str, int], result: Result) -> dict:
    """date / type / status accuracy over matched events; country over matched people."""
    right = Counter()
    wrong = defaultdict(list)
    checks = {"date": _date_right, "type": _type_right, "status": _status_right}
    people = people_right = 0
    for gold_id, index in matched.items():
        gold_event, event = gold.events[gold_id], system[index]
        for name, check in checks.items():
            if check(event, gold_event):
                right[name] += 1
            else:
                wrong[name].append(gold_id)
        for person in gold_event.get("participants", []):
            if not person.get("name"):
                continue
            found = next((p for p in event.get("participants", [])
                          if same_name(p.get("name"), person["name"], gold.aliases)), None)
            if found is None:
                continue
            people += 1
            if (found.get("country") or "").upper() == person.get("country"):
                people_right += 1
            elif found.get("country"):
                wrong["country"].append(gold_id)
            else:
                result.no_country.append(gold_id)
    result.wrong = dict(wrong)
    tp = len(matched)
    return {
        "date_acc": _ratio(right["date"], tp), "type_acc": _ratio(right["type"], tp),
        "status_acc": _ratio(right["status"], tp), "country_acc": _ratio(people_right, people),
    }


def _over_merged(system, gold: Gold, matched: dict[str, int]) -> list[tuple[str, str]]:
    """Missed gold events that the system event of another same-type gold event covers."""
    swallowed = []
    for gold_id, gold_event in gold.events.items():
        if gold_id in matched:
            continue
        for other, index in matched.items():
            if gold.events[other]["type"] == gold_event["type"] and fit(system[index], gold_event, gold.aliases) >= 2:
                swallowed.append((gold_id, other))
                break
    return swallowed


# ------------------------------------------------------------ error classes


def _touches(system_event: dict, gold_event: dict, aliases) -> bool:
    """Cites one of the gold event's articles and names at least one of its people."""
    if not system_event["_files"] & gold_event["sources"]:
        return False
    names = [p["name"] for p in gold_event.get("participants", []) if p.get("name")]
    return any(same_name(p.get("name"), n, aliases)
               for p in system_event.get("participants", []) for n in names)


def classify(system, gold: Gold, matched: dict[str, int], result: Result) -> Counter:
    """Count each error once in the class that explains it best, mechanically.

    - false positive citing an opinion piece, or touching no gold event → 1;
      touching a gold event (its article and one of its people) but not fitting → 2.
    - duplicate (an unmerged second report) → 5; a multi-source gold event whose match
      does not cite all its sources → 5.
    - missed gold event: swallowed by another event's match → 3 when the two share an
      article, else 5; a system event of its type touches it → 2 (its parties); its
      article gave other matched events → 3 (the second event of the article lost);
      otherwise it counts as "missed, nothing from its articles" (class 0).
    - wrong date → 4, wrong status → 6, wrong country → 2, no country → 7; a wrong
      type is counted under 5 (outlets calling one event by different types is what
      keeps reports apart).
    """
    classes: Counter = Counter()
    duplicate_indexes = {i for indexes in result.duplicates.values() for i in indexes}
    for index in result.false_positives:
        event = system[index]
        if index in duplicate_indexes:
            classes[5] += 1
        elif event["_files"] & gold.negatives:
            classes[1] += 1
        elif any(_touches(event, g, gold.aliases) for g in gold.events.values()):
            classes[2] += 1
        else:
            classes[1] += 1
    swallowed = dict(result.over_merged)
    matched_articles = {f for gid in matched for f in gold.events[gid]["sources"]}
    for gold_id in result.missed:
        gold_event = gold.events[gold_id]
        if gold_id in swallowed:
            shares = gold_event["sources"] & gold.events[swallowed[gold_id]]["sources"]
            classes[3 if shares else 5] += 1
        elif any(_type_right(e, gold_event) and _touches(e, gold_event, gold.aliases) for e in system):
            classes[2] += 1
        elif gold_event["sources"] & matched_articles:
            classes[3] += 1
        else:
            classes[0] += 1
    classes[5] += len(result.unmerged) - len(set(result.unmerged) & set(result.missed))
    classes[4] += len(result.wrong.get("date", []))
    classes[6] += len(result.wrong.get("status", []))
    classes[5] += len(result.wrong.get("type", []))
    classes[2] += len(result.wrong.get("country", []))
    classes[7] += len(result.no_country)
    return classes


# ------------------------------------------------------------------ running


def dev_paths(data_dir: Path) -> tuple[Path, Path, list[Path]]:
    """(seeds folder, dev articles folder, gold files) under the shared data folder."""
    dev = data_dir / DEV_DIR
    return data_dir.parent / "seeds", dev / "articles", [dev / name for name in GOLD_FILES]


def public_events(folders: list[Path], jobs: int = 1) -> list[dict]:
    """Ingest `folders` into a fresh database as `readouts ingest` does; the events as
    `readouts events --format jsonl` prints them."""
    from ..pipeline import ingest
    from ..records import EventRecord
    from ..report import public_event
    from ..store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "realnews.duckdb") as store:
        ingest(folders, store, jobs=jobs)
        return [public_event(EventRecord.from_json(record)) for record in store.events()]


def write_jsonl(events: list[dict], path: Path) -> None:
    path.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), encoding="utf-8")


FIGURE_ROWS = [
    ("precision", "precision"), ("recall", "recall"), ("f1", "F1"),
    ("date_acc", "date accuracy"), ("type_acc", "type accuracy"), ("status_acc", "status accuracy"),
    ("country_acc", "country accuracy"), ("merge_recall", "merge recall"),
    ("over_merged", "over-merged"), ("duplicates", "duplicates"), ("negative_fp", "negative FPs"),
    ("matched", "matched"), ("false_positives", "false positives"),
    ("gold_events", "gold events"), ("system_events", "system events"),
]


def markdown(result: Result) -> str:
    f = result.figures
    lines = [
        "Development data (`../shared/data/diplomacy-dev`, 103 real articles, plus the five seeds):",
        "tuned on, so these are not acceptance figures. Ingested through the configuration",
        "`readouts ingest` runs (the gate included); events read as `readouts events --format jsonl`",
        "prints them; scored with the reference scorer's definitions.",
        "",
        "| measure | value |",
        "| --- | --- |",
        *[f"| {label} | {f[key]} |" for key, label in FIGURE_ROWS],
        "",
        "Errors by class (issue 11; each error counted once, rules in `evaluation/realnews.classify`):",
        "",
        "| class | errors |",
        "| --- | --- |",
        *[f"| {n} {ERROR_CLASSES[n]} | {result.classes.get(n, 0)} |" for n in ERROR_CLASSES],
        f"| 0 missed, no event at all from its articles | {result.classes.get(0, 0)} |",
        "",
        "How errors are classed: a false positive on an opinion piece, or naming none of the people of",
        "any gold event of its articles, is 1; one that does name them but does not fit is 2. A",
        "duplicate, a multi-source event whose match does not cite all its sources, and a wrong type",
        "are 5. A missed event swallowed by another event's match is 3 when both come from one",
        "article, else 5; one that a system event of its type touches (its article, one of its",
        "people) is 2; one whose article gave other matched events is 3. A wrong date is 4, a wrong",
        "status 6, a wrong country 2, a matched person without a country 7.",
    ]
    return "\n".join(lines)


def run(data_dir: Path, events_out: Path | None = None) -> Section:
    section = Section(suite="realnews", title="Real news: events on diplomacy-dev")
    seeds, articles, gold_files = dev_paths(data_dir)
    missing = [p for p in (seeds, articles, *gold_files) if not p.exists()]
    if missing:
        section.skipped = f"{missing[0]} not found"
        return section
    events = public_events([seeds, articles])
    if events_out is not None:
        write_jsonl(events, events_out)
    result = score_events(events, load_gold(gold_files))
    section.figures = {**result.figures, **{f"class_{n}": c for n, c in sorted(result.classes.items())}}
    section.markdown = markdown(result)
    return section
