"""Positions suite: statements grouped into recurring positions (readouts.positions).

Reads `tests/data/positions_labelled.jsonl` of the repository: sentences the readouts
team wrote and labelled with the positions of `data/positions.toml` they state (no
news text, so it lives in the repository rather than in ../shared/data). Reports
micro precision/recall of the labels, and the pairwise precision of the grouping:
of the statement pairs put in one group, the share whose gold labels share a position.
"""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

from . import PRF, Section
from ..positions import classify, group_statements, load_positions

LABELLED = "tests/data/positions_labelled.jsonl"


def labelled_file() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists():
            path = parent / LABELLED
            return path if path.exists() else None
    return None


def load_labelled(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(items: list[dict]) -> tuple[PRF, float, int]:
    """Label PRF, pairwise grouping precision, and the number of grouped pairs."""
    book = load_positions()
    prf = PRF()
    for item in items:
        gold = set(item["labels"])
        predicted = {key.split(":")[0] for key in classify(item["text"], book)}
        prf.tp += len(predicted & gold)
        prf.fp += len(predicted - gold)
        prf.fn += len(gold - predicted)
    pairs = right = 0
    for members in group_statements(items, book).values():
        for x, y in combinations(members, 2):
            pairs += 1
            right += bool(set(x["labels"]) & set(y["labels"]))
    return prf, (right / pairs if pairs else 0.0), pairs


def run(data_dir: Path) -> Section:
    path = labelled_file()
    if path is None:
        return Section("positions", "Positions (statement grouping)",
                       skipped=f"{LABELLED} not found (run from a checkout)")
    items = load_labelled(path)
    prf, pair_precision, pairs = score(items)
    stated = sum(1 for i in items if i["labels"])
    markdown = "\n".join([
        f"{len(items)} sentences written and labelled by the readouts team ({stated} state one or",
        f"more positions, {len(items) - stated} state none), `{LABELLED}`.",
        "",
        "| measure | value |",
        "| --- | --- |",
        f"| label precision | {prf.precision:.3f} ({prf.tp} of {prf.tp + prf.fp}) |",
        f"| label recall | {prf.recall:.3f} ({prf.tp} of {prf.tp + prf.fn}) |",
        f"| label F1 | {prf.f1:.3f} |",
        f"| grouping: pairwise precision | {pair_precision:.3f} ({pairs} pairs in one group) |",
        "",
        "The sentences were written by the people who wrote the patterns, so these figures",
        "are optimistic; the misses are paraphrases no pattern names (\"guard the compounds",
        "where foreign workers live\") and a second position in a sentence whose first one",
        "matched a pattern (similarity is only tried when no pattern matches).",
        "",
        "A hand check on real statements (2026-11-30; not rerun by this suite): the China–",
        "Pakistan dossier of `../shared/seeds` + `diplomacy-dev` + the example corpus assigns",
        "42 restatements to positions; 39 are right, 2 arguable (the corridor mentioned, nothing",
        "pledged) and 1 wrong (an anniversary of a seat at the United Nations taken for",
        "multilateralism): precision 0.93 counting the arguable ones as wrong.",
    ])
    return Section("positions", "Positions (statement grouping)", markdown, figures={
        "precision": prf.precision, "recall": prf.recall, "f1": prf.f1,
        "pair_precision": pair_precision, "items": len(items)})
