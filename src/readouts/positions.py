"""Positions: statements grouped into the positions a side keeps restating.

Owns: loading `data/positions.toml` (patterns and example sentences per position,
user-extensible like topics), labelling one statement, and grouping a relationship's
statements so a position restated at every meeting shows as every dated restatement.

A statement gets every position whose patterns match it; failing that, the position
whose example sentences it is most similar to (cosine of content-word counts, above
the file's `similarity`). Statements no position takes but that say the same thing as
each other (same similarity) form "recurring" groups of their own. The similarity is a
bag of words on purpose: the statements are short, formulaic sentences, and a model
with word vectors (en_core_web_sm has none) would be a dependency for little gain.

Speed (a dossier page groups thousands of statements): the same sentence comes back in
every merged report of an event and at every meeting, so a book remembers what each
text was labelled, word counts and their norms are computed once per text, and a
similarity is only computed for examples or clusters sharing at least one word with
the statement (any other pair has cosine 0, below every positive threshold). The
results are those of comparing everything with everything, in the same order.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

DEFAULT_SIMILARITY = 0.34
# Words that carry no position: function words and the verbs of reported speech.
STOPWORDS = frozenset("""
a about above after again against all also an and any are as at be been before being both but by
can could did do does during each few for from further had has have having he her here hers him his
how i if in into is it its itself just more most no nor not now of off on once only or other our out
over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why will
with would you your said says say added told stressed noted expressed hoped called two sides side
both countries country mr ms
""".split())
WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass
class Position:
    id: str
    label: str
    patterns: list[re.Pattern] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


@dataclass
class PositionBook:
    """The positions of a data file, and the similarity threshold for examples.

    A book is not changed after loading: it remembers the labels it gave (by text)
    and an index of its examples' words.
    """

    positions: list[Position]
    similarity: float = DEFAULT_SIMILARITY
    _labels: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    _examples: "_ExampleIndex | None" = field(default=None, repr=False, compare=False)

    def label_of(self, key: str) -> str:
        base, _, name = key.partition(":")
        for p in self.positions:
            if p.id == base:
                return f"{p.label}: {name}" if name else p.label
        return key


def _read(path: Path | None) -> dict:
    if path is None:
        text = files("readouts").joinpath("data/positions.toml").read_text(encoding="utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    return tomllib.loads(text)


def _compile(pattern: str, where: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.I)
    except re.error as exc:
        raise ValueError(f"{where}: bad pattern {pattern!r}: {exc}") from exc


def load_positions(path: Path | None = None) -> PositionBook:
    """The built-in positions, with a user file's positions merged over them."""
    return _load(str(path) if path else None)


@lru_cache(maxsize=8)
def _load(path: str | None) -> PositionBook:
    layers = [_read(None)] + ([_read(Path(path))] if path else [])
    by_id: dict[str, Position] = {}
    similarity = DEFAULT_SIMILARITY
    for data in layers:
        similarity = float(data.get("similarity", similarity))
        for entry in data.get("position", []):
            pid = entry["id"]
            position = by_id.setdefault(pid, Position(pid, entry.get("label", pid)))
            position.label = entry.get("label", position.label)
            position.patterns += [_compile(p, pid) for p in entry.get("patterns", [])]
            position.examples += list(entry.get("examples", []))
    return PositionBook(list(by_id.values()), similarity)


# ------------------------------------------------------------------ similarity


def content_words(text: str) -> Counter:
    """Lower-cased words minus stopwords, with a crude plural fold (partners ~ partner)."""
    words = (w.strip("'-") for w in WORD.findall(text.lower()))
    return Counter(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
                   for w in words if w and w not in STOPWORDS)


def cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(n * b[w] for w, n in a.items() if w in b)
    return dot / (math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values())))


@lru_cache(maxsize=65536)
def _vector(text: str) -> tuple[Counter, float]:
    """A text's content words and their norm, computed once per text (shared: read only)."""
    words = content_words(text)
    return words, math.sqrt(sum(n * n for n in words.values()))


def _similarity(a: Counter, norm_a: float, b: Counter, norm_b: float) -> float:
    """`cosine(a, b)` with the norms given: the same float, without recounting them."""
    if not a or not b:
        return 0.0
    return sum(n * b[w] for w, n in a.items() if w in b) / (norm_a * norm_b)


@dataclass
class _ExampleIndex:
    """A book's example sentences as vectors, and which examples hold each word."""

    examples: list[tuple[str, Counter, float]]  # (position id, words, norm), book order
    by_word: dict[str, list[int]]

    @classmethod
    def of(cls, book: "PositionBook") -> "_ExampleIndex":
        examples = [(p.id, *_vector(e)) for p in book.positions for e in p.examples]
        by_word: dict[str, list[int]] = {}
        for i, (_, words, _) in enumerate(examples):
            for w in words:
                by_word.setdefault(w, []).append(i)
        return cls(examples, by_word)


# ------------------------------------------------------------------ labelling


def pattern_positions(text: str, book: PositionBook) -> list[str]:
    """Keys of the positions whose patterns match: `id`, or `id:name` for named ones."""
    keys: list[str] = []
    for position in book.positions:
        for pattern in position.patterns:
            match = pattern.search(text)
            if not match:
                continue
            name = match.groupdict().get("name")
            key = f"{position.id}:{' '.join(name.split())}" if name else position.id
            if key not in keys:
                keys.append(key)
            break
    return [k for k in keys if not _named_by_another(k, keys, book)]


def _named_by_another(key: str, keys: list[str], book: PositionBook) -> bool:
    """A named policy that another matched position already stands for
    ("One China Policy" under one_china) is not a position of its own."""
    base, _, name = key.partition(":")
    if not name:
        return False
    return any(pattern.search(name) for position in book.positions
               if position.id != base and position.id in keys for pattern in position.patterns)


def nearest_position(text: str, book: PositionBook) -> tuple[str | None, float]:
    """The position whose examples the text is most similar to, and the similarity
    (the first such example in the book's order wins a tie)."""
    if book._examples is None:
        book._examples = _ExampleIndex.of(book)
    index = book._examples
    words, norm = _vector(text)
    # Examples sharing no word score 0, which never beats the starting score.
    sharing = sorted({i for w in words for i in index.by_word.get(w, ())})
    best, score = None, 0.0
    for i in sharing:
        position_id, example, example_norm = index.examples[i]
        s = _similarity(words, norm, example, example_norm)
        if s > score:
            best, score = position_id, s
    return best, score


# Past this many distinct texts a book forgets its labels and starts again.
LABELS_KEPT = 200_000


def classify(text: str, book: PositionBook | None = None) -> list[str]:
    """The positions one statement states (empty when it states none we know)."""
    book = book or load_positions()
    labels = book._labels.get(text)
    if labels is None:
        if len(book._labels) >= LABELS_KEPT:
            book._labels.clear()
        labels = book._labels[text] = tuple(_classify(text, book))
    return list(labels)


def _classify(text: str, book: PositionBook) -> list[str]:
    keys = pattern_positions(text, book)
    if keys:
        return keys
    best, score = nearest_position(text, book)
    return [best] if best and score >= book.similarity else []


# ------------------------------------------------------------------- grouping


def group_statements(items: list[dict], book: PositionBook | None = None) -> dict[str, list[dict]]:
    """Group statement items (each with a "text") by position key.

    Items no position takes are compared with each other: those at least as similar
    as the threshold to a group's first item join it as `recurring:<n>`, and groups
    from a single event are dropped (a position is something said more than once).
    """
    book = book or load_positions()
    groups: dict[str, list[dict]] = {}
    leftovers: list[dict] = []
    for item in items:
        keys = classify(item.get("text") or "", book)
        for key in keys:
            groups.setdefault(key, []).append(item)
        if not keys:
            leftovers.append(item)
    for n, cluster in enumerate(_clusters(leftovers, book.similarity * 1.5), start=1):
        groups[f"recurring:{n}"] = cluster
    return groups


def _clusters(items: list[dict], threshold: float) -> list[list[dict]]:
    """Greedy single-pass clustering on the first member's words (stable order): an
    item joins the first cluster whose head is at least `threshold` similar to it,
    else heads a new one."""
    clusters = _Clusters(threshold)
    for item in items:
        words, norm = _vector(item.get("text") or "")
        if len(words) >= 3:
            clusters.add(item, words, norm)
    # Said more than once means at more than one event: two outlets quoting the same
    # sentence of one meeting are one statement, not a recurring position.
    return [members for members in clusters.members
            if len({m.get("event", id(m)) for m in members}) > 1]


class _Clusters:
    """The clusters of `_clusters`, with shortcuts that keep its result:

    - words seen before: an earlier item with the same words joined cluster j (then
      this one does too: clusters made since come after j) or matched none of the
      first k (then only clusters from k on need a look);
    - with a positive threshold, only clusters whose head shares a word can match, and
      the dot products with all of them are summed in one pass over the heads holding
      each of the item's words (integer sums: the same cosines, to the last bit).
    """

    def __init__(self, threshold: float):
        self.threshold = threshold
        self.norms: list[float] = []  # of each cluster's head
        self.members: list[list[dict]] = []
        self.by_word: dict[str, list[tuple[int, int]]] = {}  # word → (cluster, count in its head)
        self.seen: dict[frozenset, tuple[int | None, int]] = {}  # words → (joined, heads looked at)

    def add(self, item: dict, words: Counter, norm: float) -> None:
        key = frozenset(words.items())
        joined, looked = self.seen.get(key, (None, 0))
        if joined is None:
            joined = self._first_similar(words, norm, looked)
            self.seen[key] = (joined, len(self.norms))
        if joined is None:
            joined = len(self.norms)
            self.norms.append(norm)
            self.members.append([])
            for w, n in words.items():
                self.by_word.setdefault(w, []).append((joined, n))
        self.members[joined].append(item)

    def _first_similar(self, words: Counter, norm: float, start: int) -> int | None:
        if self.threshold <= 0:  # every cosine (never below 0) is similar enough
            return start if start < len(self.norms) else None
        dots: dict[int, int] = {}
        for w, n in words.items():
            for i, m in self.by_word.get(w, ()):
                if i >= start:
                    dots[i] = dots.get(i, 0) + n * m
        for i in sorted(dots):
            if dots[i] / (norm * self.norms[i]) >= self.threshold:
                return i
        return None
