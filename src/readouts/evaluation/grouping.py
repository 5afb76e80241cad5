"""Grouping evaluation: do we put reports of the same event together, and only those?

Owns: the clustering scorers (pairwise and BCubed precision/recall/F1), the readers
for the gold document clusters of ECB+ (test), NewsWCL50 and GVC (val/test), and the
hand-made merge cases that check the record-level same-event decision.

Method. Documents are grouped with `readouts.evaluation.story_grouping.group_documents` (TF-IDF over
content words and name-like words, average-linkage agglomeration, a publication-date
gate). Its two settings are chosen on GVC *val* only; ECB+ test, NewsWCL50 and GVC
test are scored once with those settings. Anchor: Priberam's news clustering
(Miranda et al., EMNLP 2018) reached pairwise F1 0.94 on its own English test set,
which is not available here; the figure is a reference point, not a like-for-like
comparison.
"""

from __future__ import annotations

import csv
import time
from collections import defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Hashable, Sequence

from readouts.evaluation import Section
from readouts.evaluation.story_grouping import StoryDoc, group_documents
from readouts.merge import same_event
from readouts.records import EventRecord

PRIBERAM_EN_PAIRWISE = {"precision": 0.9814, "recall": 0.9025, "f1": 0.9403}
THRESHOLDS = [round(0.05 * i, 2) for i in range(1, 13)]
DAY_GATES = [3, 7, 30, None]

# ------------------------------------------------------------------ scorers


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _pairs(labels: Sequence[Hashable]) -> set[tuple[int, int]]:
    groups: dict[Hashable, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        groups[label].append(i)
    return {pair for members in groups.values() for pair in combinations(members, 2)}


def pairwise_scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over item pairs placed in one cluster.

    With no pair on a side, that side's score is 1.0 (nothing claimed, nothing missed).
    """
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted label lists differ in length")
    gold_pairs, pred_pairs = _pairs(gold), _pairs(predicted)
    hits = len(gold_pairs & pred_pairs)
    precision = hits / len(pred_pairs) if pred_pairs else 1.0
    recall = hits / len(gold_pairs) if gold_pairs else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


def bcubed_scores(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> dict[str, float]:
    """BCubed precision/recall/F1 (Bagga & Baldwin 1998), averaged over items."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted label lists differ in length")
    if not gold:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    by_gold: dict[Hashable, set[int]] = defaultdict(set)
    by_pred: dict[Hashable, set[int]] = defaultdict(set)
    for i, (g, p) in enumerate(zip(gold, predicted)):
        by_gold[g].add(i)
        by_pred[p].add(i)
    precision = recall = 0.0
    for i, (g, p) in enumerate(zip(gold, predicted)):
        shared = len(by_gold[g] & by_pred[p])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_gold[g])
    n = len(gold)
    precision, recall = precision / n, recall / n
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall)}


# ------------------------------------------------------------------ readers


def read_conll_texts(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Document texts (sentences on lines) and each document's sentence 0."""
    sentences: dict[str, dict[int, list[str]]] = defaultdict(lambda: defaultdict(list))
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4:
                continue
            try:
                sentences[cols[0]][int(cols[1])].append(cols[3])
            except ValueError:
                continue
    texts, first = {}, {}
    for key, by_sent in sentences.items():
        ordered = [" ".join(by_sent[i]) for i in sorted(by_sent)]
        texts[key] = "\n".join(ordered)
        first[key] = ordered[0] if ordered else ""
    return texts, first


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _as_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat((value or "").strip()[:10])
    except ValueError:
        return None


def load_set(data_dir: Path, name: str) -> tuple[list[StoryDoc], list[str]]:
    """Documents and gold cluster labels of one data set ("gvc-val", "ecbplus-test", ...)."""
    if name.startswith("gvc-"):
        folder = data_dir / "gvc-cdcr" / name.split("-", 1)[1]
        conll, label_col, date_col = folder / "dataset.conll", "incident_id", "dct"
    elif name == "ecbplus-test":
        folder = data_dir / "ecbplus-test"
        conll, label_col, date_col = folder / "dataset.conll", "event_cluster", None
    elif name == "newswcl50":
        folder = data_dir / "newswcl50"
        conll, label_col, date_col = folder / "NewsWCL50.conll", "event_id", "url_date"
    else:
        raise ValueError(f"unknown grouping data set {name!r}")
    rows = _read_tsv(folder / "doc_clusters.tsv")
    texts, first = read_conll_texts(conll)
    docs, gold = [], []
    for row in rows:
        key = row["doc_key"]
        if key not in texts:
            raise ValueError(f"{name}: document {key} is in doc_clusters.tsv but not in {conll.name}")
        text = texts[key]
        published = _as_date(row.get(date_col)) if date_col else None
        if name.startswith("gvc-"):
            # Sentence 0 is the creation date, not prose.
            text = text[len(first[key]):].lstrip("\n")
        docs.append(StoryDoc(key, text, published))
        gold.append(row[label_col])
    return docs, gold


def data_present(data_dir: Path) -> bool:
    return (data_dir / "gvc-cdcr" / "val" / "doc_clusters.tsv").exists()


# --------------------------------------------------------------- the suites


def tune_on_val(docs: list[StoryDoc], gold: list[str]) -> tuple[float, int | None, dict]:
    """Threshold and date gate with the best BCubed F1 on the validation set.

    Returns the settings and the F1 of every threshold under the chosen gate (so the
    report can show how sharp the optimum is).
    """
    curves: dict[int | None, dict[float, float]] = {}
    best = (-1.0, THRESHOLDS[0], None)
    for gate in DAY_GATES:
        curves[gate] = {}
        for threshold in THRESHOLDS:
            labels = group_documents(docs, threshold=threshold, max_days_apart=gate or 100000)
            f1 = bcubed_scores(gold, labels)["f1"]
            curves[gate][threshold] = f1
            if f1 > best[0] + 1e-9:
                best = (f1, threshold, gate)
    return best[1], best[2], curves[best[2]]


def score_set(docs: list[StoryDoc], gold: list[str], threshold: float,
              gate: int | None) -> dict[str, float]:
    start = time.perf_counter()
    labels = group_documents(docs, threshold=threshold, max_days_apart=gate or 100000)
    seconds = time.perf_counter() - start
    return {**score_labels(labels, gold), "seconds": seconds}


def shipped_groups(docs: list[StoryDoc]) -> list[int]:
    """Group labels from what `readouts ingest` ships: the documents are ingested into
    a fresh database through the real pipeline (gate, stages, store, merge), and two
    documents share a group when they are sources of one merged event (transitively).
    A document without events, or dropped as a duplicate, is a group of its own."""
    import json
    import tempfile

    from readouts.pipeline import ingest
    from readouts.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.jsonl"
        lines = [json.dumps({"id": d.key, "text": d.text,
                             "published": d.published.isoformat() if d.published else None}) for d in docs]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with Store(Path(tmp) / "grouping.duckdb") as store:
            ingest([path], store)
            article_of = {row["source"].rsplit("#", 1)[-1]: row["id"] for row in store.articles()}
            events = store.events()
    parent = {key: key for key in article_of.values()}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for event in events:
        ids = [s["article_id"] for s in event.get("sources", []) if s.get("article_id") in parent]
        for other in ids[1:]:
            parent[root(other)] = root(ids[0])
    roots: dict[str, int] = {}
    return [roots.setdefault(root(article_of[d.key]) if d.key in article_of else f"alone:{d.key}", len(roots))
            for d in docs]


def score_labels(labels: list[int], gold: list[str]) -> dict[str, float]:
    pw, b3 = pairwise_scores(gold, labels), bcubed_scores(gold, labels)
    return {"docs": len(gold), "gold_clusters": len(set(gold)), "clusters": len(set(labels)),
            "pw_p": pw["precision"], "pw_r": pw["recall"], "pw_f1": pw["f1"],
            "b3_p": b3["precision"], "b3_r": b3["recall"], "b3_f1": b3["f1"]}


def singleton_baseline(gold: list[str]) -> dict[str, float]:
    labels = list(range(len(gold)))
    return {"pw_f1": pairwise_scores(gold, labels)["f1"], "b3_f1": bcubed_scores(gold, labels)["f1"]}


# ------------------------------------------------------ hand-made merge cases


def _person(name: str, country: str, title: str | None = None) -> dict:
    slug = "-".join(name.lower().split())
    return {"name": name, "title": title, "country": country, "role": "participant",
            "actor_id": f"person:{slug}:{country}"}


def _state(code: str, name: str) -> dict:
    return {"name": name, "title": None, "country": code, "role": "participant",
            "actor_id": f"state:{code}"}


def _case_record(rid: str, type_: str, date_: str | None, basis: str, published: str,
                 participants: list[dict], status: str = "occurred",
                 precision: str = "day") -> EventRecord:
    basis = basis if date_ else "none"
    return EventRecord.from_json({
        "id": rid, "type": type_, "status": status, "date": date_,
        "date_precision": precision if date_ else "unknown", "end_date": None,
        "date_basis": basis, "participants": participants, "location": None,
        "occasion": None, "plover": {}, "cameo": None, "topics": [], "statements": [],
        "sources": [{"id": rid, "article": f"{rid}.txt", "article_id": rid, "outlet": None,
                     "published": published, "status": status, "date": date_,
                     "date_basis": basis, "evidence": []}],
    })


def merge_cases() -> list[tuple[str, EventRecord, EventRecord, bool]]:
    """(description, record a, record b, same event?) written for this project."""
    fm_a, fm_b = _person("Lena Berg", "SWE", "Foreign Minister"), _person("Tomas Novak", "CZE", "Foreign Minister")
    pm_b = _person("Eva Horak", "CZE", "Prime Minister")
    aide_b = _person("Karel Dvorak", "CZE", "Deputy Minister")
    pair = [fm_a, fm_b]
    states = [_state("SWE", "Sweden"), _state("CZE", "Czechia")]
    other = [fm_a, _person("Aino Virtanen", "FIN", "Foreign Minister")]
    r = _case_record
    return [
        ("undated next-day report vs dated report", r("c1a", "phone_call", None, "none", "2022-03-09", pair),
         r("c1b", "phone_call", "2022-03-08", "explicit", "2022-03-08", pair), True),
        ("relative date a day off", r("c2a", "meeting", "2022-03-09", "relative", "2022-03-10", pair),
         r("c2b", "meeting", "2022-03-08", "explicit", "2022-03-08", pair), True),
        ("syndicated copy", r("c3a", "meeting", "2022-03-08", "explicit", "2022-03-08", pair),
         r("c3b", "meeting", "2022-03-08", "explicit", "2022-03-09", pair), True),
        ("states only vs named ministers", r("c4a", "meeting", None, "none", "2022-03-09", states),
         r("c4b", "meeting", "2022-03-08", "explicit", "2022-03-08", pair), True),
        ("extra delegation member named", r("c5a", "meeting", "2022-03-08", "explicit", "2022-03-08", pair + [aide_b]),
         r("c5b", "meeting", "2022-03-08", "relative", "2022-03-09", pair), True),
        ("planned then occurred", r("c6a", "visit", None, "none", "2022-03-01", pair, status="planned"),
         r("c6b", "visit", "2022-03-08", "explicit", "2022-03-08", pair), True),
        ("weekly round-up, month precision", r("c7a", "agreement", "2022-03-01", "explicit", "2022-03-31", pair, precision="month"),
         r("c7b", "agreement", "2022-03-08", "explicit", "2022-03-08", pair), True),
        ("meetings on consecutive days", r("c8a", "meeting", "2022-03-08", "explicit", "2022-03-08", pair),
         r("c8b", "meeting", "2022-03-09", "explicit", "2022-03-09", pair), False),
        ("a call one outlet calls talks", r("c9a", "phone_call", "2022-03-08", "explicit", "2022-03-08", pair),
         r("c9b", "meeting", "2022-03-08", "explicit", "2022-03-08", pair), True),
        ("a call and talks days apart", r("c9c", "phone_call", "2022-03-08", "explicit", "2022-03-08", pair),
         r("c9d", "meeting", "2022-03-11", "explicit", "2022-03-11", pair), False),
        ("same country, other counterpart", r("c10a", "meeting", "2022-03-08", "explicit", "2022-03-08", [fm_a, fm_b]),
         r("c10b", "meeting", "2022-03-08", "explicit", "2022-03-08", [fm_a, pm_b]), False),
        ("other country pair", r("c11a", "meeting", "2022-03-08", "explicit", "2022-03-08", pair),
         r("c11b", "meeting", "2022-03-08", "explicit", "2022-03-08", other), False),
        ("negated vs occurred", r("c12a", "meeting", "2022-03-08", "explicit", "2022-03-08", pair, status="negated"),
         r("c12b", "meeting", "2022-03-08", "explicit", "2022-03-08", pair), False),
        ("undated report five weeks later", r("c13a", "phone_call", None, "none", "2022-04-14", pair),
         r("c13b", "phone_call", "2022-03-08", "explicit", "2022-03-08", pair), False),
        ("visit vs talks within it", r("c14a", "visit", "2022-03-07", "explicit", "2022-03-07", pair),
         r("c14b", "meeting", "2022-03-08", "explicit", "2022-03-08", pair), False),
        ("two calls a month apart, relative dates", r("c15a", "phone_call", "2022-03-08", "relative", "2022-03-09", pair),
         r("c15b", "phone_call", "2022-04-07", "relative", "2022-04-08", pair), False),
    ]


def score_merge_cases() -> dict[str, float]:
    tp = fp = fn = tn = 0
    for _, a, b, gold in merge_cases():
        predicted = same_event(a, b)
        assert predicted == same_event(b, a), "same_event must be symmetric"
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not gold and not predicted
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {"cases": tp + fp + fn + tn, "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "precision": precision, "recall": recall, "f1": _f1(precision, recall)}


# --------------------------------------------------------------------- run

TEST_SETS = ["ecbplus-test", "newswcl50", "gvc-test"]


def run(data_dir: Path, shipped: bool = True) -> Section:
    """`shipped`: also group the test sets as ingest merges events (slower: a real ingest)."""
    section = Section(suite="grouping", title="Same-event grouping of documents and reports")
    cases = score_merge_cases()
    if not data_present(data_dir):
        section.skipped = f"GVC val not found under {data_dir}"
        section.figures.update({f"cases_{k}": v for k, v in cases.items()})
        return section
    val_docs, val_gold = load_set(data_dir, "gvc-val")
    threshold, gate, curve = tune_on_val(val_docs, val_gold)
    results = {"gvc-val (tuning)": score_set(val_docs, val_gold, threshold, gate)}
    baselines = {}
    for name in TEST_SETS:
        try:
            docs, gold = load_set(data_dir, name)
        except FileNotFoundError:
            continue
        results[name] = score_set(docs, gold, threshold, gate)
        baselines[name] = singleton_baseline(gold)
        if shipped:
            results[f"{name} (as ingest merges events)"] = score_labels(shipped_groups(docs), gold)
    section.figures.update({"threshold": threshold, "day_gate": gate or 0, "val_b3_f1": curve[threshold]})
    for name, r in results.items():
        slug = name.split(" ")[0].replace("-", "_") + ("_shipped" if "as ingest" in name else "")
        section.figures.update({f"{slug}_{k}": v for k, v in r.items()})
    section.figures.update({f"cases_{k}": v for k, v in cases.items()})
    section.markdown = _markdown(results, baselines, cases, threshold, gate, curve)
    return section


def _markdown(results: dict, baselines: dict, cases: dict, threshold: float, gate: int | None,
              curve: dict[float, float]) -> str:
    lines = [
        "### Same-event grouping",
        "",
        "| data set | docs | gold clusters | our clusters | pairwise P | pairwise R | pairwise F1 "
        "| BCubed P | BCubed R | BCubed F1 | singletons B3 F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        base = baselines.get(name, {}).get("b3_f1")
        lines.append(
            f"| {name} | {r['docs']} | {r['gold_clusters']} | {r['clusters']} | {r['pw_p']:.3f} "
            f"| {r['pw_r']:.3f} | {r['pw_f1']:.3f} | {r['b3_p']:.3f} | {r['b3_r']:.3f} "
            f"| {r['b3_f1']:.3f} | {'' if base is None else f'{base:.3f}'} |"
        )
    p = PRIBERAM_EN_PAIRWISE
    lines += [
        f"| *anchor: Priberam news clustering, English test (8,726 docs; not available here)* "
        f"| 8726 | 222 | 326 | {p['precision']:.3f} | {p['recall']:.3f} | {p['f1']:.3f} | | | | |",
        "",
        f"Method: `readouts.evaluation.story_grouping.group_documents` — TF-IDF over content and name-like words, "
        f"average-linkage clustering stopped at cosine {threshold:.2f}, documents more than "
        f"{gate if gate else 'any number of'} days apart never grouped. Both settings chosen on "
        "GVC val only (best BCubed F1); ECB+ test, NewsWCL50 and GVC test scored once. "
        "Rows \"as ingest merges events\": what ships instead — the documents ingested into a fresh "
        "database through the real pipeline (the gate included), two documents grouped when they "
        "are sources of one merged event; documents without events stay alone. "
        "ECB+ and GVC put different incidents of the same kind together on purpose; GVC is the "
        "hard case. Singletons = every document alone.",
        "",
        "GVC val BCubed F1 by threshold (chosen gate): "
        + ", ".join(f"{t:.2f}: {f:.3f}" for t, f in sorted(curve.items())) + ".",
        "",
        "### Record-level merge decisions (hand-made cases)",
        "",
        "| cases | TP | FP | FN | TN | pairwise P | pairwise R | F1 |",
        "|---|---|---|---|---|---|---|---|",
        f"| {cases['cases']} | {cases['tp']} | {cases['fp']} | {cases['fn']} | {cases['tn']} "
        f"| {cases['precision']:.3f} | {cases['recall']:.3f} | {cases['f1']:.3f} |",
        "",
        "`readouts.merge.same_event` on record pairs written for this project (reports of one "
        "event on other days, with vaguer dates or only state names; and near misses: "
        "consecutive days, other type, other counterpart, negated). These are design checks, "
        "not a held-out measurement.",
    ]
    return "\n".join(lines) + "\n"
