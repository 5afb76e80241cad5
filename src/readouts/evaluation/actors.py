"""Actor evaluation: do we find the countries of the gold source and target actors?

Owns: reading the two event gold-standard files that name actor codes sentence by
sentence (UniversalPetrarch's PETR-2 validation records and the PLOVER CAMEO gold
records), running the actors stage on each sentence, and scoring the set of ISO3
country codes we find against the countries of the gold actors.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from readouts.evaluation import PRF, Section

PETR_FILE = Path("universalpetrarch-gsr") / "PETR2_GSR_validation.xml"
PLOVER_FILE = Path("plover") / "PLOVER_GSR_CAMEO.json"
MAX_SENTENCES = 600

# Country codes in the gold files that are not ISO 3166-1 alpha-3: CAMEO's own
# codes (KSV, TMP) and coder spellings found in the PLOVER records (JAP, ITL, VTN).
GOLD_CODE_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "KSV": "XKX", "TMP": "TLS", "ROM": "ROU"}


@dataclass
class GoldSentence:
    id: str
    text: str
    countries: set[str]  # ISO3 of the gold source and target actors
    published: date | None = None


@dataclass
class Scores(PRF):
    """Micro counts over sentences: predicted vs gold country sets."""

    sentences: int = 0

    def add(self, predicted: set[str], gold: set[str]) -> None:
        self.sentences += 1
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


# ---------------------------------------------------------------------- readers


def gold_country(code: str) -> str | None:
    """ISO3 country of a CAMEO-style actor code ("IRQGOVMIL" -> IRQ), None for IGO/NGO/---."""
    from readouts.actors.tables import countries

    head = (code or "").strip().upper()[:3]
    head = GOLD_CODE_TO_ISO.get(head, head)
    return head if head in countries().countries else None


_RECORD = re.compile(r"<Sentence\b(?P<attrs>[^>]*)>(?P<body>.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<Text>(?P<text>.*?)</Text>", re.S)
_CODING = re.compile(r"<EventCoding\b(?P<attrs>[^>]*)/?>")


def read_petr_gsr(path: Path) -> list[GoldSentence]:
    """PETR-2 validation records; the file is not well-formed XML, so read it by pattern.

    Records whose codings are all `noevents` have no gold actors and are left out.
    """
    records: list[GoldSentence] = []
    for match in _RECORD.finditer(path.read_text(encoding="utf-8")):
        attrs = dict(_ATTR.findall(match.group("attrs")))
        body = match.group("body")
        text_match = _TEXT.search(body)
        if not text_match:
            continue
        gold: set[str] = set()
        for coding in _CODING.finditer(body):
            fields = dict(_ATTR.findall(coding.group("attrs")))
            for key in ("sourcecode", "targetcode"):
                country = gold_country(fields.get(key, ""))
                if country:
                    gold.add(country)
        codings = [dict(_ATTR.findall(c.group("attrs"))) for c in _CODING.finditer(body)]
        if not codings or all(c.get("noevents") == "True" for c in codings):
            continue
        records.append(
            GoldSentence(
                id=attrs.get("id", ""),
                text=" ".join(text_match.group("text").split()),
                countries=gold,
                published=_yyyymmdd(attrs.get("date", "")),
            )
        )
    return records


def read_plover_gsr(path: Path) -> list[GoldSentence]:
    """PLOVER gold records: `source`/`target` are lists of {actorText, code, sector}."""
    records: list[GoldSentence] = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        gold: set[str] = set()
        for key in ("source", "target"):
            actors = record.get(key) or []
            if isinstance(actors, dict):
                actors = [actors]
            for actor in actors if isinstance(actors, list) else []:
                country = gold_country(actor.get("code", "")) if isinstance(actor, dict) else None
                if country:
                    gold.add(country)
        records.append(GoldSentence(id=record.get("id", ""), text=record["text"], countries=gold))
    return records


def _yyyymmdd(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


# --------------------------------------------------------------------- scoring


def predicted_countries(actor_set) -> set[str]:
    """ISO3 codes of the states, people and national bodies we found."""
    from readouts.actors.tables import countries

    known = countries().countries
    found: set[str] = set()
    for actor in actor_set.actors:
        code = actor.code if actor.kind == "state" else actor.country
        if code in known:
            found.add(code)
    return found


def baseline_countries(doc) -> set[str]:
    """Reference method: every GPE/NORP entity of the spaCy model looked up in the country table."""
    from readouts.actors import country_of

    found = set()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            code = country_of(ent.text.removeprefix("the ").strip())
            if code:
                found.add(code)
    return found


def score_set(records: list[GoldSentence]) -> tuple[Scores, Scores, Scores]:
    """(ours as ingest runs it, ours with a full parse, baseline) over the records."""
    from readouts.annotate import load_nlp
    from readouts.pipeline import PIPE_BATCH, analyse
    from readouts.records import Article, OffsetMap

    from .analysis import as_ingest

    shipped, full, baseline = Scores(), Scores(), Scores()
    articles = [
        Article(id=r.id, source=r.id, original=r.text, text=r.text, offsets=OffsetMap(), published=r.published)
        for r in records
    ]
    for record, result in zip(records, as_ingest(articles)):
        shipped.add(predicted_countries(result.actors) if result else set(), record.countries)
    docs = load_nlp().pipe((a.text for a in articles), batch_size=PIPE_BATCH)
    for record, article, doc in zip(records, articles, docs):
        full.add(predicted_countries(analyse(article, doc).actors), record.countries)
        baseline.add(baseline_countries(doc), record.countries)
    return shipped, full, baseline


# ------------------------------------------------------------------------ suite


def run(data_dir: Path) -> Section:
    sets = [
        ("UniversalPetrarch PETR-2 GSR (validation)", data_dir / PETR_FILE, read_petr_gsr),
        ("PLOVER GSR (CAMEO manual examples)", data_dir / PLOVER_FILE, read_plover_gsr),
    ]
    present = [(name, path, reader) for name, path, reader in sets if path.exists()]
    if not present:
        return Section(suite="actors", title="Actor countries", skipped=f"no gold files under {data_dir}")
    rows, figures, notes = [], {}, []
    for name, path, reader in present:
        records = reader(path)
        if len(records) > MAX_SENTENCES:
            notes.append(f"{name}: first {MAX_SENTENCES} of {len(records)} sentences.")
            records = records[:MAX_SENTENCES]
        ours, full, base = score_set(records)
        key = "petr" if "PETR" in name else "plover"
        for label, scores in (("ours", ours), ("full_parse", full), ("baseline", base)):
            figures.update({
                f"{key}_{label}_precision": round(scores.precision, 3),
                f"{key}_{label}_recall": round(scores.recall, 3),
                f"{key}_{label}_f1": round(scores.f1, 3),
            })
        figures[f"{key}_sentences"] = ours.sentences
        rows.append(
            f"| {name} | {ours.sentences} | {ours.precision:.3f} | {ours.recall:.3f} | {ours.f1:.3f} "
            f"| {full.f1:.3f} | {base.precision:.3f} | {base.recall:.3f} | {base.f1:.3f} |"
        )
    markdown = "\n".join([
        "| data set | sentences | P (ours) | R (ours) | F1 (ours) | F1 (ours, full parse) | P (GPE/NORP lookup) | R (GPE/NORP lookup) | F1 (GPE/NORP lookup) |",
        "|---|---|---|---|---|---|---|---|---|",
        *rows,
        "",
        "Method: each gold sentence is a one-sentence article analysed as `readouts ingest` runs it (the gate, then",
        "`pipeline.analyse`); \"full parse\" is the same with every sentence parsed (no gate). Per sentence, the",
        "predicted set is the ISO3 codes of the states, of the people's countries and of national bodies we found; the",
        "gold set is the ISO3 countries (first three letters of the CAMEO code) of the gold source and target actors",
        "(IGO/NGO/unknown `---` codes left out; PETR records coded `noevents` left out). Micro precision/recall/F1",
        "over the sentence sets. Gold names only the actors of the coded event, while we report every country a",
        "sentence names (venues excluded, targets of prepositions included), so precision is a lower bound.",
        "The GPE/NORP lookup column is a reference method we ran ourselves (spaCy entities looked up in the same",
        "country table); no published figure exists for this measure on these files (PETRARCH-2 and",
        "UniversalPetrarch report whole-event codings, not actor-country P/R).",
        *notes,
    ])
    return Section(suite="actors", title="Actor countries", markdown=markdown, figures=figures)
