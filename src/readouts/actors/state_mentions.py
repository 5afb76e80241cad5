"""States and organisations named in a Doc.

Owns: finding country names, demonyms, combining prefixes ("Sino-"), capitals and
organisation names in one PhraseMatcher pass, and deciding when a capital stands for its
government ("Beijing and Islamabad agreed") rather than a place ("in Islamabad").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.util import filter_spans

from .matchers import Lexicon, title_starting_at
from .tables import countries, normalise_name, organisations
from .words import name_words

# Dependencies under which a capital acts as a government: it says, urges, agrees...
GOVERNMENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
GOVERNMENT_NOUNS = frozenset({"government", "regime", "authority", "authorities", "administration", "leadership"})
HYPHENS = frozenset({"-", "–", "‐"})


@dataclass
class Place:
    """A state or organisation mention: tokens [start, end) of the doc."""

    start: int
    end: int
    kind: str  # state | organisation | project
    code: str  # ISO3 for states, organisations.tsv code otherwise
    mention_kind: str  # name | demonym | capital
    # a capital right before a title speaks for its government: "White House spokesman X"
    before_title: bool = False


def find_places(doc: Doc, lex: Lexicon, dateline: str | None = None) -> list[Place]:
    """Every state and organisation mention, longest match first, no overlaps."""
    spans = []
    for match_id, start, end in lex.place_matcher(doc):
        label = doc.vocab.strings[match_id]
        spans.append(doc[start:end])
        spans[-1].label_ = label
    places: list[Place] = []
    for span in filter_spans(spans):
        table, code, kind = span.label_.split("|")
        if table == "O":
            org = organisations()[code]
            places.append(Place(span.start, span.end, "organisation" if org.is_actor else "project", code, "name"))
        elif kind in ("demonym", "name") and _names_a_region(doc, span.start):
            continue  # "Latin American countries", "a tour of Latin America"
        elif table != "O" and _says_origin(doc, span.end):
            continue  # "a Russian-speaking academic", "US-made jets"
        elif kind != "capital":
            places.append(Place(span.start, span.end, "state", code, kind))
        elif _opens_title(doc, span.end, lex) and not _is_dateline(span.root, dateline):
            places.append(Place(span.start, span.end, "state", code, kind, before_title=True))
        elif _capital_is_government(span.root, dateline):
            places.append(Place(span.start, span.end, "state", code, kind))
    places.extend(_prefix_places(doc, places))
    places.sort(key=lambda p: p.start)
    return places


def _names_a_region(doc: Doc, start: int) -> bool:
    """A demonym or name after a region word, joined by a space or hyphen: "Latin
    American", "South America" (a state named so is matched whole first)."""
    i = start - 1
    if i >= 0 and doc[i].text in HYPHENS:
        i -= 1
    return i >= 0 and doc[i].is_title and doc[i].lower_ in name_words().region_words


def _says_origin(doc: Doc, end: int) -> bool:
    """A hyphen and a word of origin or language after the state: "Russian-speaking"."""
    return end + 1 < len(doc) and doc[end].text in HYPHENS and doc[end + 1].lower_ in name_words().origin_suffixes


def _opens_title(doc: Doc, i: int, lex: Lexicon) -> bool:
    """A title starts at doc[i], or right after a possessive there ("Kremlin's envoy")."""
    if i < len(doc) and doc[i].text in ("'s", "’s"):
        i += 1
    return title_starting_at(doc, i, len(doc), lex) is not None


def _is_dateline(token: Token, dateline: str | None) -> bool:
    return bool(dateline) and normalise_name(token.text) == normalise_name(dateline) and token.i < 3


def _capital_is_government(token: Token, dateline: str | None) -> bool:
    if _is_dateline(token, dateline):
        return False
    if token.dep_ in GOVERNMENT_DEPS:
        return True
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return True  # "an admission by Moscow"
    if token.dep_ == "compound" and token.head.lemma_ in GOVERNMENT_NOUNS:
        return True  # "the Khartoum government"
    # "Beijing and Islamabad agreed": a conjunct of a subject is a subject
    return token.dep_ == "conj" and token.head.dep_ in GOVERNMENT_DEPS


def _prefix_places(doc: Doc, found: list[Place]) -> list[Place]:
    """Combining forms in compounds of two states: "Sino-Pakistani", "Indo-Pak".

    A prefix counts only when the other side of the hyphen is itself a state, so that
    "Indo-Pacific" or "Anglo-Saxon" are not taken for states.
    """
    prefixes = countries().prefixes
    taken = {i for p in found for i in range(p.start, p.end)}
    state_starts = {p.start for p in found if p.kind == "state"}
    extra: list[Place] = []
    for token in doc[:-2]:
        if token.i in taken or token.text not in prefixes:
            continue
        after = doc[token.i + 1]
        if after.text in HYPHENS and (token.i + 2 in state_starts or doc[token.i + 2].text in prefixes):
            extra.append(Place(token.i, token.i + 1, "state", prefixes[token.text], "demonym"))
    return extra
