"""Genre: tell opinion and analysis pieces from news reports.

Owns: `is_opinion`, a pure function of an Article's title, url and text that says
why a piece is opinion (or None): a title label, a URL section, or the text speaking
of itself or its author, labelling its section, opening with questions, or arguing (an opening dense with the
author's own stance that attributes next to nothing to anyone). A column
or an analysis discusses meetings and calls that happened long ago or may never
happen: `clean` marks it (`Article.genre`), the events stage yields none of its
events and the ingest summary counts it. The labels and URL segments are
data (data/opinion_markers.toml), not code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from .patterns import QUOTATION
from .read import HEADER_RE
from .records import Article

# The first line of the text stands in for a missing title; longer lines are prose.
_MAX_TITLE_LINE = 200


# Lines near the top searched for a section label of their own, and the lead read for
# its questions.
_TOP_LINES = 8
_LEAD_CHARS = 1500
_QUESTION = re.compile(r"[^.!?\n]*\?")
_QUOTES = re.compile(r"[\"“”]|``|''")  # '' and `` are quotes in tokenised text


@dataclass(frozen=True)
class Markers:
    title_label: re.Pattern
    url_segments: frozenset[str]
    self_reference: re.Pattern
    section_line: re.Pattern
    lead_questions: int
    stance: tuple[tuple[re.Pattern, int], ...]
    attributions: re.Pattern
    argument_window: int
    argument_score: int
    argument_max_attributions: int


@cache
def _markers() -> Markers:
    data = tomllib.loads(
        resources.files("readouts").joinpath("data/opinion_markers.toml").read_text(encoding="utf-8")
    )
    labels = sorted(data["title_labels"], key=len, reverse=True)
    sections = sorted(data["section_lines"], key=len, reverse=True)
    return Markers(
        title_label=re.compile(
            r"^\s*(?P<label>" + "|".join(re.escape(x) for x in labels) + r")\s*[:|\-–—]\s*\S", re.IGNORECASE),
        url_segments=frozenset(s.lower() for s in data["url_segments"]),
        self_reference=re.compile("|".join(f"(?:{p})" for p in data["self_reference"]), re.IGNORECASE),
        section_line=re.compile(
            r"^\s*(?:" + "|".join(re.escape(x) for x in sections) + r")\s*$", re.IGNORECASE | re.MULTILINE),
        lead_questions=int(data["lead_questions"]),
        stance=tuple((re.compile(p, re.IGNORECASE), 2) for p in data["stance_strong"])
        + tuple((re.compile(p, re.IGNORECASE), 1) for p in data["stance_weak"]),
        attributions=re.compile(data["attributions"], re.IGNORECASE),
        argument_window=int(data["argument_window"]),
        argument_score=int(data["argument_score"]),
        argument_max_attributions=int(data["argument_max_attributions"]),
    )


def is_opinion(article: Article) -> str | None:
    """Why `article` is an opinion or analysis piece ("title label 'Analysis'"), or None."""
    markers = _markers()
    for title in _titles(article):
        found = markers.title_label.match(title) or markers.section_line.match(title)
        if found:
            label = found.groupdict().get("label") or found.group(0).strip()
            return f"title label {label!r}"
    if article.url:
        for segment in urlsplit(article.url).path.lower().split("/"):
            if segment in markers.url_segments:
                return f"url section /{segment}/"
    return _from_text(article.text, markers)


def _from_text(text: str, markers: Markers) -> str | None:
    """The piece speaks of itself or its author, labels its section on a line of its
    own, or opens by asking its readers questions."""
    found = markers.self_reference.search(text)
    if found:
        return f"speaks of itself: {found.group(0)!r}"
    top = "\n".join(text.split("\n")[:_TOP_LINES])
    found = markers.section_line.search(top)
    if found:
        return f"section line {found.group(0).strip()!r}"
    asked = [q for q in _QUESTION.findall(text[:_LEAD_CHARS]) if not _QUOTES.search(q)]
    if len(asked) >= markers.lead_questions:
        return f"opens with {len(asked)} questions"
    return _argues(text, markers)


def _argues(text: str, markers: Markers) -> str | None:
    """The opening is dense with the author's own stance (hedges, evaluations, 'we',
    questions) and attributes next to nothing to anyone: an argument, not a report."""
    opening = text[:markers.argument_window]
    if len(markers.attributions.findall(opening)) > markers.argument_max_attributions:
        return None
    own_voice = QUOTATION.sub(" ", opening)  # a quotation is not the author's voice
    score = sum(weight for pattern, weight in markers.stance if pattern.search(own_voice))
    if score >= markers.argument_score:
        return f"argues (stance score {score})"
    return None


def _titles(article: Article) -> list[str]:
    """The title, and the first line of the original text when it is short enough."""
    titles = [article.title] if article.title else []
    original = article.original.lstrip()
    header = HEADER_RE.match(original)
    if header:  # ` date 2024-01-02 Analysis: ...`: the title goes on after the date
        original = original[header.start("rest"):]
    first_line = original.split("\n", 1)[0]
    if len(first_line) <= _MAX_TITLE_LINE:
        titles.append(first_line)
    return titles
