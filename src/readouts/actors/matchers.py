"""Token-level lookups over the reference tables, built once per process.

Owns: turning table surface forms into spaCy token sequences (so lookups agree with
how the shared pipeline tokenises text), the PhraseMatchers that find states,
organisations and gazetteer names in a Doc in one pass, and the title lookups at a
token position.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .tables import Title, countries, organisation_surfaces, titles

@dataclass
class Lexicon:
    titles: dict[tuple[str, ...], Title]  # lower-case token tuple -> title
    max_title: int
    place_matcher: PhraseMatcher
    # words that can open / close a title: most tokens are neither, and are passed over
    first_words: frozenset[str] = frozenset()
    last_words: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if not self.first_words:
            object.__setattr__(self, "first_words", frozenset(k[0] for k in self.titles))
            object.__setattr__(self, "last_words", frozenset(k[-1] for k in self.titles))


def _tokens(text: str) -> tuple[str, ...]:
    from readouts.annotate import load_nlp

    return tuple(t.text for t in load_nlp().tokenizer(text))


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    from readouts.annotate import load_nlp

    nlp = load_nlp()
    title_keys: dict[tuple[str, ...], Title] = {}
    for surface, title in titles().items():
        title_keys.setdefault(tuple(t.lower() for t in _tokens(surface)), title)

    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    table = countries()
    for surface, (iso3, kind) in table.surfaces.items():
        matcher.add(f"C|{iso3}|{kind}", [nlp.make_doc(form) for form in _apostrophe_forms(surface)])
    for surface, code in organisation_surfaces().items():
        matcher.add(f"O|{code}|name", [nlp.make_doc(form) for form in _apostrophe_forms(surface)])
    return Lexicon(title_keys, max(len(k) for k in title_keys), matcher)


def _apostrophe_forms(surface: str) -> list[str]:
    """A table form with a straight apostrophe also as news prints it, curly ("Côte d’Ivoire")."""
    if "'" in surface:
        return [surface, surface.replace("'", "’")]
    return [surface]


def title_ending_at(doc: Doc, end: int, floor: int, lex: Lexicon) -> tuple[int, Title] | None:
    """Longest title whose last token is doc[end - 1] and that starts at or after floor."""
    if end < 1 or doc[end - 1].lower_ not in lex.last_words:
        return None
    for length in range(min(lex.max_title, end - floor), 0, -1):
        key = tuple(t.lower_ for t in doc[end - length : end])
        title = lex.titles.get(key)
        if title:
            return end - length, title
    return None


def title_starting_at(doc: Doc, start: int, ceiling: int, lex: Lexicon) -> tuple[int, Title] | None:
    """Longest title whose first token is doc[start]; returns (end, title)."""
    if start >= len(doc) or doc[start].lower_ not in lex.first_words:
        return None
    for length in range(min(lex.max_title, ceiling - start), 0, -1):
        key = tuple(t.lower_ for t in doc[start : start + length])
        title = lex.titles.get(key)
        if title:
            return start + length, title
    return None


# ------------------------------------------------------------------- gazetteer names

_GAZETTEER_MATCHERS: dict[int, tuple[Gazetteer, PhraseMatcher]] = {}


def gazetteer_matcher(gazetteer: Gazetteer) -> PhraseMatcher:
    """PhraseMatcher (lower-case) over every multi-word gazetteer name, cached per gazetteer."""
    cached = _GAZETTEER_MATCHERS.get(id(gazetteer))
    if cached and cached[0] is gazetteer:
        return cached[1]
    from readouts.annotate import load_nlp

    nlp = load_nlp()
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for person in gazetteer.people.values():
        forms = [alias for alias in person.aliases if len(alias.split()) > 1]
        if forms:
            matcher.add(person.id, [nlp.make_doc(form) for form in forms])
    _GAZETTEER_MATCHERS[id(gazetteer)] = (gazetteer, matcher)
    return matcher
