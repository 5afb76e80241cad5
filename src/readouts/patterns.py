"""Patterns: building one fast regular expression out of many words or patterns.

Owns: the keyword pattern (a whole word or phrase, acronyms case-sensitive), the
pattern of a quotation, and the
one alternation builder every word list goes through (the event vocabulary's topic
and trigger screens, the gate's screen). Python's regex engine tries a plain
alternation branch by branch at every position; with hundreds of words that scanned
news text at ~130 kB/s. The factored form here (one pair of word-edge guards and a
look-ahead on the possible first letters) is about ten times faster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A quotation within one line: straight, curly, or tokenised (``...'') marks.
QUOTATION = re.compile(r'"[^"\n]*"|“[^”\n]*”|``[^\n]*?\'\'')

# A keyword stands alone: no word character or hyphen on either side.
KEYWORD_BEFORE, KEYWORD_AFTER = r"(?<![\w-])", r"(?![\w-])"


def keyword_pattern(keyword: str) -> re.Pattern:
    """Whole-word match; all-caps acronyms (UN, IT, BRI) match case-sensitively so
    that ordinary words ("it", "un-") do not trigger them."""
    body = re.escape(keyword).replace(r"\ ", r"\s+")
    flags = 0 if keyword.isupper() and len(keyword) <= 6 else re.IGNORECASE
    return re.compile(KEYWORD_BEFORE + body + KEYWORD_AFTER, flags)


def word_alternation(bodies: Iterable[tuple[str, int]], before: str = KEYWORD_BEFORE,
                     after: str = KEYWORD_AFTER) -> str:
    """One regex for many word bodies (each `(regex, flags)`, starting with a letter or
    an escaped character), between `before` and `after` word-edge guards.

    Each body keeps its own case sensitivity; a look-ahead on the bodies' possible
    first letters lets the engine skip most positions at once.
    """
    bodies = list(dict.fromkeys(bodies))
    if not bodies:
        return r"(?!)"
    firsts: set[str] = set()
    for body, flags in bodies:
        first = body[1] if body.startswith("\\") else body[0]
        firsts |= {first.lower(), first.upper()} if flags & re.IGNORECASE else {first}
    alternation = "|".join(with_case(body, flags) for body, flags in bodies)
    screen = re.escape("".join(sorted(firsts)))
    return f"(?=[{screen}]){before}(?:{alternation}){after}"


def combine_patterns(patterns: Iterable[re.Pattern]) -> re.Pattern:
    """One alternation of several patterns, each keeping its own case sensitivity.

    Keyword patterns (from `keyword_pattern`) are factored by `word_alternation`;
    other patterns are appended as they are.
    """
    keywords, others = [], []
    for p in patterns:
        body = keyword_body(p.pattern)
        (keywords if body is not None else others).append((body or p.pattern, p.flags))
    parts = [with_case(pattern, flags) for pattern, flags in others]
    if keywords:
        parts.insert(0, word_alternation(keywords))
    return re.compile("|".join(parts) or r"(?!)")


def keyword_body(pattern: str) -> str | None:
    """The keyword inside a `keyword_pattern` regex, or None for any other regex."""
    if pattern.startswith(KEYWORD_BEFORE) and pattern.endswith(KEYWORD_AFTER):
        body = pattern[len(KEYWORD_BEFORE):-len(KEYWORD_AFTER)]
        if body and body != "\\":
            return body
    return None


def with_case(pattern: str, flags: int) -> str:
    return f"(?i:{pattern})" if flags & re.IGNORECASE else f"(?-i:{pattern})"
