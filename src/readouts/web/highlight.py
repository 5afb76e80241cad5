"""Evidence highlighting: article text with the spans that support an event marked.

The text is escaped piece by piece and only our own <mark> tags are added, so an
article that contains markup renders as text. Overlapping spans are not nested:
the text is cut at every span boundary and each piece is marked once, titled with
the fields of every span that covers it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from markupsafe import Markup, escape


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    field: str = "evidence"
    event_id: str | None = None


def spans_of_record(record: dict, article_id: str) -> list[Span]:
    """The evidence spans an event's sources give in one article (original offsets)."""
    spans = []
    for source in record.get("sources", []):
        if source.get("article_id") != article_id:
            continue
        for ev in source.get("evidence", []):
            if isinstance(ev.get("start"), int) and isinstance(ev.get("end"), int):
                spans.append(Span(ev["start"], ev["end"], ev.get("field") or "evidence",
                                  record.get("id")))
    return spans


def _cuts(length: int, spans: Iterable[Span]) -> list[int]:
    points = {0, length}
    for s in spans:
        points.update((s.start, s.end))
    return sorted(points)


def highlight(text: str, spans: Iterable[Span]) -> Markup:
    """`text` as safe HTML with every valid span inside <mark>. Spans outside the text
    or empty are ignored (a record from an older run may not match the text)."""
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    pieces: list[str] = []
    cuts = _cuts(len(text), valid)
    for lo, hi in zip(cuts, cuts[1:]):
        covering = [s for s in valid if s.start <= lo and hi <= s.end]
        piece = escape(text[lo:hi])
        if not covering:
            pieces.append(piece)
            continue
        fields = ", ".join(sorted({s.field for s in covering}))
        events = " ".join(sorted({s.event_id for s in covering if s.event_id}))
        pieces.append(Markup('<mark title="{}" data-events="{}">{}</mark>').format(
            fields, events, piece))
    return Markup("").join(pieces)
