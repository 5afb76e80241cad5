"""Event coding evaluation: our diplomatic types against public event-coding gold.

Owns: reading three sentence-level sets, running the real actors -> dates -> events
stages on each sentence as a one-sentence article, and the scorers:

  * PLOVER gold-standard records (openeventdata/PLOVER, PLOVER_GSR_CAMEO.json, coded
    with PLOVER v0.5b1): event-type accuracy and per-category P/R/F1. Gold v0.5
    categories are first renamed to current PLOVER (manual Draft 0.8, "CAMEO to PLOVER
    translation": DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE). Our types
    map to PLOVER through data/event_types.toml (meeting / visit / phone_call ->
    CONSULT, message_exchange / agreement -> SUPPORT, anything planned -> AGREE;
    statement -> none, as PLOVER dropped CAMEO 01). A sentence whose gold category we
    do not cover counts as correct when we produce nothing.
  * UniversalPetrarch validation records (PETR2_GSR_validation.xml, not well-formed
    XML, read with regular expressions): (source country, target country, CAMEO root)
    triples for the roots we code (03, 04, 05); country = first three letters of the
    CAMEO actor code; the pair is compared unordered because CONSULT events are
    reciprocal in our output.
  * CASE 2021 task 2 snippets (test_set_final_release_with_labels.tsv): the share of
    non-diplomatic snippets (every sub-type except DIPLO and AGREEMENT) for which we
    report any event: our false-positive rate outside diplomacy.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readouts.evaluation import PRF, Section, default_data_dir

# PLOVER v0.5 category names in the gold file -> current PLOVER (manual Draft 0.8)
V05_RENAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
COVERED = ("CONSULT", "SUPPORT", "AGREE")  # PLOVER categories our types produce
CODED_ROOTS = ("03", "04", "05")  # CAMEO roots our types produce (statements excluded)
DIPLOMATIC_CASE_TYPES = {"DIPLO", "AGREEMENT"}
NONE = "NONE"

# Published anchors printed beside our figures.
NGEC_F1 = {"CONSULT": 0.78, "SUPPORT": 0.78, "AGREE": 0.84}  # NGEC classifier_metrics.csv
GDELT_ACCURACY = 0.81  # GDELT event-code accuracy in a 50-event field check


# ----------------------------------------------------------------------- readers


def rename_v05(category: str) -> str:
    return V05_RENAMES.get(category, category)


def read_plover_gsr(path: Path) -> list[tuple[str, str, date | None]]:
    """(sentence, gold PLOVER category, date) for every coded record."""
    records = json.loads(Path(path).read_text(encoding="utf-8"))
    out = []
    for record in records:
        if "text" not in record or record.get("event") == "DOCUMENT":
            continue
        out.append((record["text"], rename_v05(record["event"]), _iso(record.get("date"))))
    return out


@dataclass
class PetrRecord:
    id: str
    text: str
    published: date | None
    gold: set[tuple[frozenset, str]] = field(default_factory=set)  # ({src, tgt}, root)


_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)


def read_petr_gsr(path: Path) -> list[PetrRecord]:
    """Validation records; the file is not well-formed XML, so read it with regexes."""
    raw = Path(path).read_text(encoding="utf-8", errors="replace")
    records = []
    for match in _SENTENCE.finditer(raw):
        attrs = dict(_ATTR.findall(match.group(1)))
        body = match.group(2)
        text_match = _TEXT.search(body)
        if not text_match:
            continue
        text = " ".join(text_match.group(1).split())
        record = PetrRecord(attrs.get("id", ""), text, _compact_date(attrs.get("date")))
        for coding in _CODING.finditer(body):
            c = dict(_ATTR.findall(coding.group(1)))
            if c.get("noevents") == "True" or "eventcode" not in c:
                continue
            pair = frozenset({c.get("sourcecode", "")[:3], c.get("targetcode", "")[:3]})
            record.gold.add((pair, c["eventcode"][:2]))
        records.append(record)
    return records


def read_case_snippets(path: Path) -> list[tuple[str, str]]:
    """(snippet, sub-type) rows of the CASE 2021 task 2 test file."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [(row["EventSnippet"], row["SubType"]) for row in reader if row.get("EventSnippet")]


def _iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _compact_date(value: str | None) -> date | None:
    if not value or not re.fullmatch(r"\d{8}", value):
        return None
    return date(int(value[:4]), int(value[4:6]), int(value[6:]))


# ----------------------------------------------------------------------- scorers


def category_scores(pairs: list[tuple[str, str]], categories: tuple[str, ...]) -> dict[str, PRF]:
    """Per-category P/R/F1 from (gold, predicted) labels, for the given categories."""
    scores = {c: PRF() for c in categories}
    for gold, predicted in pairs:
        for category in categories:
            if predicted == category and gold == category:
                scores[category].tp += 1
            elif predicted == category:
                scores[category].fp += 1
            elif gold == category:
                scores[category].fn += 1
    return scores


def coverage_accuracy(pairs: list[tuple[str, str]], covered: tuple[str, ...]) -> float:
    """Share of sentences coded right: a covered gold category must be predicted, any
    other gold category must get no prediction."""
    if not pairs:
        return 0.0
    right = sum(1 for g, p in pairs if (p == g if g in covered else p == NONE))
    return right / len(pairs)


def macro_f1(scores: dict[str, PRF]) -> float:
    return sum(s.f1 for s in scores.values()) / len(scores) if scores else 0.0


def triple_scores(records: list[tuple[set, set]], roots: tuple[str, ...]) -> dict[str, PRF]:
    """Micro P/R/F1 of (pair, root) triples overall ("all") and per root."""
    scores = {"all": PRF(), **{r: PRF() for r in roots}}
    for gold, predicted in records:
        gold = {t for t in gold if t[1] in roots}
        predicted = {t for t in predicted if t[1] in roots}
        for bucket, keep in [("all", lambda t: True)] + [(r, lambda t, r=r: t[1] == r) for r in roots]:
            g = {t for t in gold if keep(t)}
            p = {t for t in predicted if keep(t)}
            scores[bucket].tp += len(g & p)
            scores[bucket].fp += len(p - g)
            scores[bucket].fn += len(g - p)
    return scores


# ----------------------------------------------------------------------- coding


def code_sentences(items: list[tuple[str, date | None]], full: bool = False) -> list[list]:
    """The events readouts reports for each (sentence, publication date), each sentence a
    one-sentence article analysed as `ingest` runs it (or, with `full`, fully parsed)."""
    from readouts.records import Article, OffsetMap

    from .analysis import analysed

    articles = [
        Article(id=f"eval-{i}", source="eval", original=text, text=text, offsets=OffsetMap(), published=published)
        for i, (text, published) in enumerate(items)
    ]
    return [result.events if result else [] for result in analysed(articles, full)]


def predicted_category(found) -> str:
    """The PLOVER category of the first event in text order (NONE when no event)."""
    for event in found:
        category = event.plover.get("event") or ""
        if category:
            return category
    return NONE


def event_triples(found) -> set[tuple[frozenset, str]]:
    """({country, country}, CAMEO root) for every pair of parties of every event."""
    triples = set()
    for event in found:
        if not event.cameo or not event.plover.get("event"):
            continue
        countries = [p.country[:3] for p in event.participants if p.country and p.role not in ("present", "accompanying")]
        unique = list(dict.fromkeys(countries))
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                triples.add((frozenset({a, b}), event.cameo[:2]))
    return triples


# ----------------------------------------------------------------------- suite


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def _plover_block(data_dir: Path, figures: dict) -> list[str]:
    path = data_dir / "plover" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        return [f"PLOVER gold file not found at {path}."]
    records = read_plover_gsr(path)
    coded = code_sentences([(text, when) for text, _, when in records])
    pairs = [(gold, predicted_category(found)) for (_, gold, _), found in zip(records, coded)]
    full = code_sentences([(text, when) for text, _, when in records], full=True)
    full_pairs = [(gold, predicted_category(found)) for (_, gold, _), found in zip(records, full)]
    figures["plover_accuracy_full_parse"] = coverage_accuracy(full_pairs, COVERED)
    scores = category_scores(pairs, COVERED)
    accuracy = coverage_accuracy(pairs, COVERED)
    figures.update({"plover_accuracy": accuracy, "plover_macro_f1": macro_f1(scores), "plover_n": len(pairs)})
    gold_counts = Counter(g for g, _ in pairs)
    lines = [
        f"**PLOVER gold-standard records** ({len(pairs)} sentences, v0.5 names renamed to current PLOVER)",
        "",
        "| category | gold n | our P | our R | our F1 | NGEC classifier F1 (synthetic data) |",
        "|---|---|---|---|---|---|",
    ]
    for category, s in scores.items():
        figures[f"plover_{category.lower()}_f1"] = s.f1
        lines.append(
            f"| {category} | {gold_counts[category]} | {_pct(s.precision)} | {_pct(s.recall)} | {_pct(s.f1)} | {NGEC_F1[category]:.2f} |"
        )
    others = sum(n for c, n in gold_counts.items() if c not in COVERED)
    silent = sum(1 for g, p in pairs if g not in COVERED and p == NONE)
    lines += [
        f"| macro (3 categories) | | | | {_pct(macro_f1(scores))} | |",
        "",
        f"Event-type accuracy: **{_pct(accuracy)}%** (full parse, no gate: "
        f"{_pct(figures['plover_accuracy_full_parse'])}%; covered categories must be coded right; "
        f"the other {others} sentences must get no event: {silent} did). "
        f"Anchor: GDELT ≈{GDELT_ACCURACY:.0%} event-code accuracy in a 50-event field check.",
    ]
    return lines


def _petr_block(data_dir: Path, figures: dict) -> list[str]:
    path = data_dir / "universalpetrarch-gsr" / "PETR2_GSR_validation.xml"
    if not path.exists():
        return [f"UniversalPetrarch file not found at {path}."]
    records = read_petr_gsr(path)
    coded = code_sentences([(r.text, r.published) for r in records])
    results = [(r.gold, event_triples(found)) for r, found in zip(records, coded)]
    scores = triple_scores(results, CODED_ROOTS)
    lines = [
        f"**UniversalPetrarch validation records** ({len(records)} sentences): (country pair, CAMEO root) triples",
        "",
        "| CAMEO root | gold triples | our triples | P | R | F1 |",
        "|---|---|---|---|---|---|",
    ]
    for bucket, s in scores.items():
        figures[f"petr_{bucket}_f1"] = s.f1
        lines.append(
            f"| {bucket} | {s.tp + s.fn} | {s.tp + s.fp} | {_pct(s.precision)} | {_pct(s.recall)} | {_pct(s.f1)} |"
        )
    return lines


def _case_block(data_dir: Path, figures: dict, limit: int | None) -> list[str]:
    path = data_dir / "case2021-task2" / "test_set_final_release_with_labels.tsv"
    if not path.exists():
        return [f"CASE 2021 file not found at {path}."]
    rows = read_case_snippets(path)
    non_diplomatic = [t for t, sub in rows if sub not in DIPLOMATIC_CASE_TYPES][:limit]
    flagged = Counter()
    for found in code_sentences([(text, None) for text in non_diplomatic]):
        for event in found:
            flagged[event.type] += 1
            break
    rate = sum(flagged.values()) / len(non_diplomatic) if non_diplomatic else 0.0
    figures.update({"case_false_positive_rate": rate, "case_n": len(non_diplomatic)})
    detail = ", ".join(f"{t} {n}" for t, n in flagged.most_common()) or "none"
    return [
        f"**CASE 2021 task 2** ({len(non_diplomatic)} non-diplomatic snippets: protests, violence, "
        f"disasters, crime ...): we report an event for **{_pct(rate)}%** of them ({detail}).",
    ]


def run(data_dir: Path | None = None, case_limit: int | None = None) -> Section:
    """Score event typing on PLOVER, triples on UniversalPetrarch, false positives on CASE."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    section = Section(suite="events", title="Diplomatic event coding (PLOVER, UniversalPetrarch, CASE 2021)")
    needed = [data_dir / "plover", data_dir / "universalpetrarch-gsr", data_dir / "case2021-task2"]
    if not any(p.exists() for p in needed):
        section.skipped = f"no plover, universalpetrarch-gsr or case2021-task2 under {data_dir}"
        return section
    started = time.perf_counter()
    figures: dict = {}
    lines = [*_plover_block(data_dir, figures), "", *_petr_block(data_dir, figures), "", *_case_block(data_dir, figures, case_limit)]
    figures["seconds"] = time.perf_counter() - started
    lines += [
        "",
        "Method: each gold sentence is a one-sentence article (publication date from the "
        "record when given) analysed as `readouts ingest` runs it (the gate, then the actors -> "
        "dates -> events stages); the PLOVER accuracy is also given with a full parse. Our types "
        "map to PLOVER/CAMEO through data/event_types.toml (PLOVER manual Draft 0.8 and "
        "CAMEO2PLOVER-2021): meeting/visit/phone_call -> CONSULT (040/042/041), message_exchange "
        "and agreement -> SUPPORT (051/057), planned -> AGREE (036). The PLOVER and Petrarch "
        "records are CAMEO-manual style examples of every category, so most sentences are "
        "outside diplomacy; rules were written from our own texts and never tuned on these sets. "
        "NGEC figures are trained classifiers scored on held-out synthetic stories, not on this gold.",
        f"Runtime: {figures['seconds']:.0f} s.",
    ]
    section.markdown = "\n".join(lines)
    section.figures = figures
    return section
