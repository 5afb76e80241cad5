"""Genre: tell opinion and analysis pieces from news reports.

Owns: `is_opinion`, a pure function of an Article's title, url and first line that
says why a piece is opinion (or None). A column or an analysis discusses meetings and
calls that happened long ago or may never happen, so the events stage suppresses its
events and the ingest summary counts such articles. The labels and URL segments are
data (data/opinion_markers.toml), not code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from urllib.parse import urlsplit

from .read import HEADER_RE
from .records import Article

# The first line of the text stands in for a missing title; longer lines are prose.
_MAX_TITLE_LINE = 200


@cache
def _markers() -> tuple[re.Pattern, frozenset[str]]:
    data = tomllib.loads(
        resources.files("readouts").joinpath("data/opinion_markers.toml").read_text(encoding="utf-8")
    )
    labels = sorted(data["title_labels"], key=len, reverse=True)
    label_re = re.compile(
        r"^\s*(?P<label>" + "|".join(re.escape(x) for x in labels) + r")\s*[:|\-–—]\s*\S",
        re.IGNORECASE,
    )
    return label_re, frozenset(s.lower() for s in data["url_segments"])


def is_opinion(article: Article) -> str | None:
    """Why `article` is an opinion or analysis piece ("title label 'Analysis'"), or None."""
    label_re, segments = _markers()
    for title in _titles(article):
        found = label_re.match(title)
        if found:
            return f"title label {found.group('label')!r}"
    if article.url:
        for segment in urlsplit(article.url).path.lower().split("/"):
            if segment in segments:
                return f"url section /{segment}/"
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
