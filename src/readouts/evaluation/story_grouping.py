"""Same-story grouping of documents, used only to score grouping against public data.

Owns: a TF-IDF grouper over content and name-like words with average-linkage
agglomeration. The pipeline does not use it: events are merged by `readouts.merge`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Sequence


_STOP = frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been
    being has have had do does did not no it its this that these those he she they them his
    her their we our you your i me my said says say will would could should may might can
    also after before about over into than then there here when where who whom which what
    while more most other some such only own same so too very just up down out off again
    further once all any both each few new one two three year years day days time told
    according people mr mrs ms last first week""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d{4}")


@dataclass
class StoryDoc:
    """One document for same-story grouping."""

    key: str
    text: str
    published: date | None = None


def _story_terms(text: str) -> Counter:
    """Content words, with capitalised words (names, places) counted twice."""
    terms: Counter = Counter()
    for match in _TOKEN.finditer(text):
        token = match.group()
        low = token.lower()
        if low in _STOP or len(low) < 3:
            continue
        terms[low] += 1
        if token[0].isupper() and not _sentence_initial(text, match.start()):
            terms["@" + low] += 1  # a name-like feature
    return terms


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?\n\"'"


def _tfidf_vectors(docs: Sequence[StoryDoc]) -> list[dict[str, float]]:
    bags = [_story_terms(d.text) for d in docs]
    df: Counter = Counter()
    for bag in bags:
        df.update(bag.keys())
    n = len(docs)
    vectors = []
    for bag in bags:
        vec = {t: (1 + math.log(c)) * math.log((1 + n) / (1 + df[t])) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors.append({t: v / norm for t, v in vec.items()})
    return vectors


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(t, 0.0) for t, v in a.items())


def group_documents(docs: Sequence[StoryDoc], threshold: float = 0.3,
                    max_days_apart: int = 5) -> list[int]:
    """Cluster documents into same-story groups; returns a cluster label per doc.

    TF-IDF cosine over content words and name-like words, average-linkage
    agglomeration stopped at ``threshold``; two documents published more than
    ``max_days_apart`` days apart never share a group (when both dates are known).
    """
    vectors = _tfidf_vectors(docs)
    n = len(docs)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            s = _cosine(vectors[i], vectors[j])
            di, dj = docs[i].published, docs[j].published
            if di and dj and abs((di - dj).days) > max_days_apart:
                s = -1.0
            sim[i][j] = sim[j][i] = s
    clusters: dict[int, list[int]] = {i: [i] for i in range(n)}
    while len(clusters) > 1:
        best, pair = threshold, None
        ids = sorted(clusters)
        for x_pos, x in enumerate(ids):
            for y in ids[x_pos + 1:]:
                members_x, members_y = clusters[x], clusters[y]
                if any(sim[i][j] < 0 for i in members_x for j in members_y):
                    continue
                avg = sum(sim[i][j] for i in members_x for j in members_y) / (
                    len(members_x) * len(members_y))
                if avg > best:
                    best, pair = avg, (x, y)
        if pair is None:
            break
        x, y = pair
        clusters[x] += clusters.pop(y)
    labels = [0] * n
    for label, members in enumerate(sorted(clusters.values(), key=min)):
        for i in members:
            labels[i] = label
    return labels
