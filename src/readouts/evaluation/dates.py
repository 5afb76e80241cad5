"""TempEval-3 evaluation of the dates stage (TIMEX3 extent, type and value).

Owns: reading TimeML documents (TEXT content, document creation time, gold TIMEX3
spans), the TempEval-3 timex scorer, and the suite `run(data_dir)` that reports our
figures on TBAQ-cleaned (dev) and the TempEval-3 platinum test set beside the
published systems.

Scoring follows the TempEval-3 task definition (UzZaman et al. 2013, section 4):
  * strict match: system and gold extents are identical; relaxed match: they overlap.
  * precision = matched system timexes / system timexes, recall = matched gold
    timexes / gold timexes, F1 their harmonic mean.
  * attribute (type, value) precision/recall count relaxed-matched pairs whose
    attribute agrees; attribute F1 = relaxed F1 x attribute accuracy, the same
    number the task reports as "value F1" and "type F1".
The document creation time is input, not output: its TIMEX3 (in <DCT>) is never
scored, as in the task.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readouts.evaluation import Section, default_data_dir

# ---------------------------------------------------------------- TimeML reading

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeMLDoc:
    """One TimeML document: the TEXT content with tags removed, its DCT, its timexes."""

    doc_id: str
    text: str
    dct: date | None
    timexes: list[GoldTimex] = field(default_factory=list)


def strip_tags(markup: str) -> tuple[str, list[GoldTimex]]:
    """Remove inline TimeML tags; return the plain text and the TIMEX3 spans in it.

    XML character references are decoded so offsets count characters of the text
    a reader sees (and that our tagger gets).
    """
    out: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    pos = 0
    for m in _TAG.finditer(markup):
        piece = html.unescape(markup[pos : m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, attr = open_timex.pop()
            timexes.append(GoldTimex(start, length, "", attr.get("type", ""), attr.get("value", "")))
    tail = html.unescape(markup[pos:])
    out.append(tail)
    text = "".join(out)
    for t in timexes:
        t.text = text[t.start : t.end]
    timexes.sort(key=lambda t: (t.start, t.end))
    return text, timexes


def _element(raw: str, name: str) -> str | None:
    m = re.search(rf"<{name}\b[^>]*>(.*?)</{name}>", raw, flags=re.S)
    return m.group(1) if m else None


def read_timeml(path: Path) -> TimeMLDoc:
    """Parse one .tml (or .TE3input) file."""
    raw = path.read_text(encoding="utf-8")
    body = _element(raw, "TEXT")
    if body is None:
        raise ValueError(f"{path}: no <TEXT> element")
    doc_id = (_element(raw, "DOCID") or path.name.split(".")[0]).strip()
    dct = None
    dct_markup = _element(raw, "DCT")
    if dct_markup:
        m = re.search(r'value="(\d{4})-(\d{2})-(\d{2})', dct_markup)
        if m:
            dct = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    text, timexes = strip_tags(body)
    return TimeMLDoc(doc_id=re.sub(r"<[^>]+>", "", doc_id).strip(), text=text, dct=dct, timexes=timexes)


def read_folder(folder: Path) -> dict[str, TimeMLDoc]:
    """All TimeML files under a folder, keyed by DOCID (file names are not reliable)."""
    docs = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and (path.suffix == ".tml" or path.name.endswith(".TE3input")):
            doc = read_timeml(path)
            docs[doc.doc_id] = doc
    return docs


# ---------------------------------------------------------------------- scoring


@dataclass
class Scores:
    """Counts accumulated over documents; figures are derived properties."""

    n_gold: int = 0
    n_sys: int = 0
    strict: int = 0  # one-to-one pairs with identical extents
    relaxed: int = 0  # one-to-one pairs with overlapping extents
    type_ok: int = 0  # relaxed pairs with the same type
    value_ok: int = 0  # relaxed pairs with the same value

    def add(self, other: "Scores") -> None:
        for name in ("n_gold", "n_sys", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _prf(hits: int, n_sys: int, n_gold: int) -> tuple[float, float, float]:
        p = hits / n_sys if n_sys else 0.0
        r = hits / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def strict_prf(self) -> tuple[float, float, float]:
        return self._prf(self.strict, self.n_sys, self.n_gold)

    def relaxed_prf(self) -> tuple[float, float, float]:
        return self._prf(self.relaxed, self.n_sys, self.n_gold)

    def attribute_f1(self, correct: int) -> float:
        """Relaxed F1 times attribute accuracy (= F1 of attribute-correct matches)."""
        return self._prf(correct, self.n_sys, self.n_gold)[2]

    @property
    def type_accuracy(self) -> float:
        return self.type_ok / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        return self.value_ok / self.relaxed if self.relaxed else 0.0

    def figures(self, prefix: str) -> dict[str, float]:
        sp, sr, sf = self.strict_prf()
        rp, rr, rf = self.relaxed_prf()
        return {
            f"{prefix}.strict_p": sp, f"{prefix}.strict_r": sr, f"{prefix}.strict_f1": sf,
            f"{prefix}.relaxed_p": rp, f"{prefix}.relaxed_r": rr, f"{prefix}.relaxed_f1": rf,
            f"{prefix}.type_f1": self.attribute_f1(self.type_ok),
            f"{prefix}.value_f1": self.attribute_f1(self.value_ok),
            f"{prefix}.type_acc": self.type_accuracy, f"{prefix}.value_acc": self.value_accuracy,
            f"{prefix}.n_gold": self.n_gold, f"{prefix}.n_sys": self.n_sys,
        }


def _overlap(a, b) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def score_document(gold: Iterable, system: Iterable) -> Scores:
    """Score one document's system timexes against its gold timexes.

    Both are objects with start, end, type, value. Pairs are one-to-one: exact
    extents pair first, then the remaining ones by largest overlap, so a single long
    system span cannot claim two gold timexes.
    """
    gold, system = list(gold), list(system)
    s = Scores(n_gold=len(gold), n_sys=len(system))
    free_gold = set(range(len(gold)))
    free_sys = set(range(len(system)))
    pairs: list[tuple[int, int]] = []
    for i, g in enumerate(gold):
        for j in sorted(free_sys):
            if system[j].start == g.start and system[j].end == g.end:
                pairs.append((i, j))
                free_gold.discard(i)
                free_sys.discard(j)
                s.strict += 1
                break
    candidates = sorted(
        ((_overlap(gold[i], system[j]), i, j) for i in free_gold for j in free_sys
         if _overlap(gold[i], system[j]) > 0),
        reverse=True,
    )
    for _, i, j in candidates:
        if i in free_gold and j in free_sys:
            pairs.append((i, j))
            free_gold.discard(i)
            free_sys.discard(j)
    s.relaxed = len(pairs)
    for i, j in pairs:
        s.type_ok += gold[i].type == system[j].type
        s.value_ok += gold[i].value == system[j].value
    return s


# ------------------------------------------------------------------------ running

Tagger = Callable[[str, date | None], list]


def _default_tagger() -> Tagger:
    from readouts.dates import tag_text

    return tag_text


def evaluate(inputs: dict[str, TimeMLDoc], gold: dict[str, TimeMLDoc],
             tagger: Tagger | None = None, limit: int | None = None) -> tuple[Scores, list]:
    """Tag every input document with published = its DCT and score against gold.

    Returns the summed scores and, per document, (doc_id, gold, system) for error
    analysis. Input and gold texts must be the same string (checked).
    """
    tagger = tagger or _default_tagger()
    total = Scores()
    details = []
    for doc_id in sorted(gold)[:limit]:
        g = gold[doc_id]
        source = inputs.get(doc_id, g)
        if source.text != g.text:
            raise ValueError(f"{doc_id}: input text differs from the gold text")
        system = tagger(source.text, source.dct)
        total.add(score_document(g.timexes, system))
        details.append((doc_id, g, system))
    return total, details


# Published TempEval-3 platinum results (UzZaman et al. 2013): value F1 of the
# three best-known systems, and the best strict extent F1 of any participant
# (ClearTK). None = not quoted here.
PUBLISHED: list[tuple[str, float | None, float | None]] = [
    ("HeidelTime", None, 77.61),
    ("SUTime", None, 67.38),
    ("ClearTK", 82.71, 64.66),
]


def _pct(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def _row(name: str, s: Scores) -> str:
    sp, sr, sf = s.strict_prf()
    rp, rr, rf = s.relaxed_prf()
    return (f"| {name} | {rf*100:.2f} | {rp*100:.2f} | {rr*100:.2f} | {sf*100:.2f} | "
            f"{s.attribute_f1(s.type_ok)*100:.2f} | {s.attribute_f1(s.value_ok)*100:.2f} |")


def run(data_dir: Path | None = None, dev_limit: int | None = None,
        include_test: bool = True) -> Section:
    """Score the tagger on TBAQ-cleaned (dev) and TempEval-3 platinum (test)."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    tbaq = data_dir / "tbaq-cleaned"
    platinum = data_dir / "te3-platinum"
    section = Section(suite="dates", title="Time expressions (TempEval-3)")
    if not tbaq.exists() and not platinum.exists():
        section.skipped = f"no tbaq-cleaned or te3-platinum under {data_dir}"
        return section
    rows, figures, notes = [], {}, []
    started = time.perf_counter()
    if tbaq.exists():
        dev = read_folder(tbaq)
        scores, _ = evaluate(dev, dev, limit=dev_limit)
        rows.append(_row(f"readouts, dev: TBAQ-cleaned ({min(len(dev), dev_limit or len(dev))} docs)", scores))
        figures.update(scores.figures("dev"))
    if include_test and platinum.exists():
        inputs = read_folder(platinum / "input")
        gold = read_folder(platinum / "gold")
        scores, _ = evaluate(inputs, gold)
        rows.append(_row(f"**readouts, test: TE3 platinum ({len(gold)} docs)**", scores))
        figures.update(scores.figures("test"))
    figures["seconds"] = time.perf_counter() - started
    anchors = [f"| {n} (published, platinum) | | | | {_pct(s)} | | {_pct(v)} |"
               for n, s, v in PUBLISHED]
    notes.append(
        "Method: each document's TEXT is tagged with the publication date set to its DCT; "
        "TIMEX3 spans are scored with the TempEval-3 definitions (strict = identical extent, "
        "relaxed = overlap, one-to-one pairing; type/value F1 = relaxed F1 x attribute "
        "accuracy); the DCT timex is not scored. Character offsets, scorer re-implemented "
        "(not the official TE3 toolkit, which aligns on its own tokens). "
        "Rules were developed on TBAQ-cleaned only; platinum is reported, never tuned on. "
        "Published rows: UzZaman et al. (2013), SemEval-2013 Task 1 (platinum results; empty cells are figures not quoted here)."
    )
    section.markdown = "\n".join([
        "| system | relaxed F1 | relaxed P | relaxed R | strict F1 | type F1 | value F1 |",
        "|---|---|---|---|---|---|---|",
        *rows,
        *anchors,
        "",
        *notes,
        f"Runtime: {figures['seconds']:.0f} s.",
    ])
    section.figures = figures
    return section
