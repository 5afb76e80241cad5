"""Sentences: a cheap regular-expression sentence splitter for the gate.

Owns: cutting a text into sentences that cover it end to end, without spaCy, so that
the gate can decide sentence by sentence what to parse. Approximate on purpose: a
missed boundary only makes a piece longer.
"""

from __future__ import annotations

import re

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm",
    "sgt", "sen", "rep", "gov", "pres", "amb", "st", "jr", "sr", "no", "nos", "vs", "etc",
    "inc", "co", "corp", "ltd", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.u", "mt", "fig",
}

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets
# (including PTB-style '' and -RRB- of pre-tokenised corpora), then whitespace before
# something that can open a sentence. Line breaks always end a sentence.
_END_RE = re.compile(
    r"""[.!?]+(?:\s*(?:''|["'\u2019\u201d)\]]|-RRB-))*\s+(?=(?:``|["'\u2018\u201c(\[]|-LRB-)?\s*[A-Z0-9])"""
    r"""|\n\s*"""
)
_WORD_BEFORE_RE = re.compile(r"([\w.]+)\s*[.!?]+$")



def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences that cover it exactly, end to end.

    Each sentence runs from its first character to the start of the next one, so
    trailing whitespace belongs to the sentence before it; joining the pieces gives
    back the text. Cheap and approximate: a missed boundary only makes a piece longer.
    """
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        end = match.end()
        if end >= len(text):
            break
        if match.group(0)[0] != "\n" and _ends_in_abbreviation(text, start, match.start()):
            continue
        if end > start:
            sentences.append((start, end))
            start = end
    if start < len(text):
        sentences.append((start, len(text)))
    return sentences


def _ends_in_abbreviation(text: str, start: int, stop: int) -> bool:
    """True when the full stop at `stop` follows a title, initial or short form."""
    found = _WORD_BEFORE_RE.search(text, max(start, stop - 24), stop + 1)
    if not found:
        return False
    word = found.group(1).rstrip(".").lower()
    if len(word) == 1 and word.isalpha():  # an initial: "George W. Bush"
        return True
    return word in ABBREVIATIONS
