"""Selection: which sentences of a text get the full parse, entities only, or tokens.

Owns: the selection rule (trigger sentences, their neighbours, the reported speech after
them, title sentences, the first sentence), the sentences worth the entity recogniser
alone (they name someone the parsed ones mention), and the `Plan` of a text: its
pieces in order, each with what it goes through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .screen import load_screen
from .sentences import split_sentences

# Sentences kept on each side of a trigger sentence: events take participants, dates and
# pronoun antecedents from next door (with 1, ~10% of T17 events came out different).
NEIGHBOURS = 2
MAX_SPEECH_FOLLOW = 4  # reported-speech sentences kept after a trigger sentence's window
MAX_PIECE_CHARS = 10000  # longest stretch of sentences handed to spaCy as one Doc


def select_sentences(text: str, sentences: list[tuple[int, int]] | None = None,
                     event_types: str | Path | None = None) -> list[bool]:
    """For each sentence of `text`, whether it needs the full pipeline.

    Kept: sentences with a strong trigger, `NEIGHBOURS` sentences either side
    (pronouns and dates often sit next door) and up to `MAX_SPEECH_FOLLOW`
    consecutive reported-speech sentences after that window (what the parties said);
    sentences with a weak trigger (a title of office); and the first sentence of an
    article that has any trigger (headline or dateline: place and date of the report).
    """
    if sentences is None:
        sentences = split_sentences(text)
    screen = load_screen(event_types)
    matchers = screen.strong_in(text)
    strong = [any(m.search(text, s, e) for m in matchers) for s, e in sentences]
    keep = [bool(screen.weak.search(text, s, e)) for s, e in sentences]
    if not any(strong) and not any(keep):
        return keep
    keep[0] = True
    for i in (i for i, triggered in enumerate(strong) if triggered):
        for j in range(max(0, i - NEIGHBOURS), min(len(sentences), i + NEIGHBOURS + 1)):
            keep[j] = True
        for j in range(i + NEIGHBOURS + 1, min(len(sentences), i + NEIGHBOURS + 1 + MAX_SPEECH_FOLLOW)):
            if not screen.speech.search(text, *sentences[j]):
                break
            keep[j] = True
    return keep


def _runs(sentences: list[tuple[int, int]], modes: list[str]) -> list[tuple[int, int, str]]:
    """Merge adjacent sentences with the same mode into (start, end, mode) runs.

    A run grows to at most `MAX_PIECE_CHARS` (unless one sentence is longer): spaCy's
    memory grows with the length of a Doc, and long transcripts must not decide the
    peak memory of a whole ingest.
    """
    runs: list[tuple[int, int, str]] = []
    for (s, e), mode in zip(sentences, modes):
        if runs and runs[-1][2] == mode and runs[-1][1] == s and e - runs[-1][0] <= MAX_PIECE_CHARS:
            runs[-1] = (runs[-1][0], e, mode)
        else:
            runs.append((s, e, mode))
    return runs


# A run of two or more capitalised words: the shape of a full name ("Imran Khan",
# "Wang Yi", "Shah Mahmood Qureshi", "George W. Bush").
_NAME_SHAPE = re.compile(r"\b[A-Z][\w'\-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][\w'\-]+)+")
_CAPITALISED = re.compile(r"\b[A-Z][\w'\-]+")


def _linked(text: str, sentences: list[tuple[int, int]], keep: list[bool]) -> list[bool]:
    """For each unselected sentence: does it name someone the selected sentences mention?

    The one thing the later stages take from an unselected sentence is who it names:
    a full name ("Imran Khan") lets a selected sentence's bare surname ("Khan said")
    resolve. So an unselected sentence is worth the entity recogniser when a
    name-shaped run of capitalised words in it shares a word with the selected text.
    """
    selected = {w for (s, e), kept in zip(sentences, keep) if kept for w in _CAPITALISED.findall(text, s, e)}
    return [
        not kept and any(w in selected for m in _NAME_SHAPE.finditer(text, s, e)
                         for w in _CAPITALISED.findall(m.group()))
        for (s, e), kept in zip(sentences, keep)
    ]


PARSE, NER, TOKENS = "parse", "ner", "tokens"  # what a piece of text goes through
OUTSIDE_MODES = ("linked", NER, TOKENS)


@dataclass
class Plan:
    """How one text is parsed: its pieces in order, and what each piece goes through."""

    text: str
    pieces: list[tuple[int, int, str]]  # (start, end, PARSE | NER | TOKENS) covering the text
    sentences: list[tuple[int, int]]

    @property
    def parsed(self) -> list[tuple[int, int]]:
        return [(s, e) for s, e, mode in self.pieces if mode == PARSE]


def plan(text: str, outside: str = "linked", event_types: str | Path | None = None) -> Plan:
    """Split `text` into pieces to parse, to give entities only, and to tokenise only.

    `event_types` is the event-types file whose triggers the screen looks for
    (default: the packaged one).
    """
    sentences = split_sentences(text)
    keep = select_sentences(text, sentences, event_types)
    if outside == "linked":
        tagged = _linked(text, sentences, keep) if any(keep) else [False] * len(keep)
    else:
        tagged = [outside == NER] * len(keep)
    modes = [PARSE if kept else NER if tag else TOKENS for kept, tag in zip(keep, tagged)]
    return Plan(text=text, pieces=_runs(sentences, modes), sentences=sentences)


