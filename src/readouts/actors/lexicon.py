"""Token-level lookups over the reference tables, built once per process.

Owns: turning table surface forms into spaCy token sequences (so lookups agree with
how the shared pipeline tokenises text), the PhraseMatchers that find states,
organisations and gazetteer names in a Doc in one pass, and small word lists that
describe what is NOT a personal name.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .tables import Title, countries, organisation_surfaces, titles

# Capitalised words that end a PERSON entity in headlines ("Xi Jinping Speaks with ...").
HEADLINE_VERBS = frozenset(
    """speaks says meets met calls holds held talks visits receives received urges vows hails
    welcomes greets congratulates sends writes pledges stresses arrives leaves departs discusses
    condemns warns agrees signs attends addresses lauds praises thanks phones chairs opens
    inaugurates launches rejects denies asks seeks expresses reaffirms underlines underscores
    emphasises emphasizes briefs invites accepts concludes wraps begins starts""".split()
)

# Words that are never part of a personal name; a PERSON entity ending in (or made only of)
# them is an NER error ("Phone", "Belt and Road", "Economic Corridor").
NON_NAME_WORDS = frozenset(
    """phone call telephone talks meeting summit conference forum belt road initiative corridor
    economic cooperation partnership community party committee department ministry council
    office embassy government state assembly congress senate parliament court republic kingdom union organisation organization agency
    bank fund army force forces news agency daily times post tribune today online press
    university institute centre center program programme project plan policy strategy
    week day month year monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    administration covid coronavirus pandemic virus vaccine olympics games cup festival spring new
    prison jail hospital airport airbase palace square street avenue bridge river ocean
    mountains valley province district city village island islands stadium mosque church
    temple school college museum hotel""".split()
)

# Lower-case particles allowed inside personal names.
NAME_PARTICLES = frozenset(
    "al el bin bint ibn ul ud ur e de del della der di da dos das du la le van von zu y ben abu".split()
)

# Words that may sit between a title and the country it belongs to:
# "spokesman for China's foreign ministry Zhao Lijian".
ORGAN_WORDS = frozenset(
    "foreign external affairs ministry office embassy government mission consulate cabinet".split()
)

EAST_ASIAN_NAME_ORDER = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM"})


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
        matcher.add(f"C|{iso3}|{kind}", [nlp.make_doc(surface)])
    for surface, code in organisation_surfaces().items():
        matcher.add(f"O|{code}|name", [nlp.make_doc(surface)])
    return Lexicon(title_keys, max(len(k) for k in title_keys), matcher)


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
