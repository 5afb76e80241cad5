"""Gate agreement: the events of a gated parse against those of a full parse.

Owns: analysing articles twice (every sentence parsed, and through the gate as ingest
runs it) and counting the events, actors and time expressions that differ; and its
command (`python bench/throughput.py --agreement N`) over the seeds, the example
corpus and the first N T17 articles.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .throughput import iter_t17, write_corpus

EXAMPLES_DIR = Path(__file__).resolve().parents[3] / "examples" / "news"


def event_key(event) -> tuple:
    """What must not change when the gate is on: type, status, who, when, where, evidence."""
    return (
        event.type, event.status,
        tuple(sorted((p.name, p.role) for p in event.participants)),
        str(event.date.value), event.date.precision,
        (event.location or {}).get("name"),
        tuple(sorted((s.start, s.end, s.field) for s in event.evidence)),
    )


@dataclass
class Agreement:
    articles: int = 0
    events_full: int = 0
    events_gated: int = 0
    matched: int = 0
    actors_full: int = 0
    actors_gated: int = 0
    people_full: int = 0
    people_gated: int = 0
    timexes_full: int = 0
    timexes_gated: int = 0
    articles_differing: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # articles whose analysis raised

    def line(self) -> str:
        return (f"gate agreement on {self.articles} articles: {self.matched} of {self.events_full} "
                f"full-parse events identical with the gate ({self.events_gated} gated events); "
                f"{len(self.articles_differing)} articles differ; actors {self.actors_gated}/"
                f"{self.actors_full} (people {self.people_gated}/{self.people_full}), "
                f"time expressions {self.timexes_gated}/{self.timexes_full} "
                "(gated/full: the gate drops those only found in unparsed sentences)"
                + (f"; {len(self.failures)} articles failed analysis" if self.failures else ""))


def gate_agreement(paths: list[Path], outside: str = "linked") -> Agreement:
    """Analyse every article twice (full parse, gated parse) and compare its events.

    `outside` is the gate's treatment of unselected sentences (`parse_gated`).
    """
    from collections import Counter

    from readouts.annotate import load_nlp
    from readouts.clean import clean
    from readouts.gate import parse_gated
    from readouts.pipeline import analyse
    from readouts.read import iter_inputs
    from readouts.records import Skip

    nlp = load_nlp()
    result = Agreement()
    for raw in iter_inputs(paths):
        if isinstance(raw, Skip):
            continue
        article = clean(raw)
        if not article.text.strip():
            continue
        try:
            full_analysis = analyse(article, nlp(article.text))
            gated_analysis = analyse(article, next(parse_gated(nlp, [article.text], outside=outside)))
        except Exception as exc:  # a stage bug on one article: count it, go on (as ingest does)
            result.failures.append(f"{article.source}: {type(exc).__name__}: {exc}")
            continue
        full = Counter(event_key(e) for e in full_analysis.events)
        gated = Counter(event_key(e) for e in gated_analysis.events)
        result.actors_full += len(full_analysis.actors.actors)
        result.actors_gated += len(gated_analysis.actors.actors)
        result.people_full += sum(a.kind == "person" for a in full_analysis.actors.actors)
        result.people_gated += sum(a.kind == "person" for a in gated_analysis.actors.actors)
        result.timexes_full += len(full_analysis.timexes)
        result.timexes_gated += len(gated_analysis.timexes)
        result.articles += 1
        result.events_full += sum(full.values())
        result.events_gated += sum(gated.values())
        result.matched += sum((full & gated).values())
        if full != gated:
            result.articles_differing.append(article.source)
    return result


def agreement_main(data_dir: Path, limit: int, outside: str = "linked") -> int:
    seeds = sorted((data_dir.parent / "seeds").glob("*.txt"))
    examples = [EXAMPLES_DIR] if EXAMPLES_DIR.is_dir() else []
    with tempfile.TemporaryDirectory(prefix="readouts-agreement-") as tmp:
        corpus = write_corpus(iter_t17(data_dir, limit), Path(tmp) / "t17.jsonl")
        for name, paths in (("seeds", seeds), ("examples", examples), ("T17", [corpus.path])):
            if paths:
                found = gate_agreement(paths, outside)
                print(f"{name}: {found.line()}")
                for source in found.articles_differing[:10]:
                    print(f"  differs: {source}")
                for failure in found.failures[:10]:
                    print(f"  failed: {failure}")
    return 0
