"""The gate's screen: which words make a sentence worth a full parse.

Owns: compiling, once per event vocabulary, the three matchers the selection uses,
from the same knowledge the stages read:

- strong (an event trigger): every lemma and pattern of every type of the event
  vocabulary (`data/event_types.toml`, or a user's own file), plus the few words of
  `data/screen.toml` that sit beside a trigger; a type's confirmed verbs only in an
  article that type confirms (as the events stage reads them);
- weak (the sentence alone): titles of office (`data/titles.tsv`), words of presence
  and company from the event vocabulary, each type's evidence-only patterns, and the
  context words of `data/screen.toml`;
- speech (reported speech after a trigger): the event vocabulary's speech verbs, or
  an opening quote.

Lemmas are reached in their inflected forms by a closed set of endings and the
irregular forms of `data/screen.toml`; exact forms are matched as written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..patterns import word_alternation

SCREEN_FILE = Path(__file__).resolve().parent.parent / "data" / "screen.toml"

# Endings a stem may take: plural, past, participle, and the -ion/-or nouns of verbs
# ("negotiation", "visitor"). Deliberately closed: "trip" must not reach "Tripoli".
_ENDINGS = r"(?:s|es|d|ed|ing|ings|ion|ions|ation|ations|or|ors|er|ers|ment|ments)?"
# an opening quote also marks reported speech ("..." or PTB-style ``)
_QUOTE = r"``|[\"\u201c]"


@dataclass(frozen=True)
class Screen:
    """The compiled matchers the gate uses.

    strong: event triggers; the sentence, its neighbours and the speech after it are kept.
    weak: titles of office and evidence-only words; the sentence alone is kept.
    speech: reported speech (what the parties said after a trigger sentence).
    """

    strong: re.Pattern
    weak: re.Pattern
    speech: re.Pattern
    # (the event type, its confirmed-verb matcher): strong only in an article the type
    # confirms, as the events stage reads them
    confirmed: tuple[tuple[object, re.Pattern], ...] = ()

    def strong_in(self, text: str) -> list[re.Pattern]:
        """The strong matchers of one article: its confirmed types' verbs included."""
        return [self.strong] + [verbs for spec, verbs in self.confirmed if spec.confirmed(text)]


@lru_cache(maxsize=1)
def _screen_words() -> dict:
    with SCREEN_FILE.open("rb") as handle:
        return tomllib.load(handle)


def inflections(lemma: str, irregular: dict[str, list[str]]) -> list[str]:
    """Regex bodies reaching the inflected forms of a verb or noun lemma."""
    lemma = lemma.replace("_", " ").lower()
    forms = [re.escape(f) for f in irregular.get(lemma, [])]
    forms.append(re.escape(lemma).replace(r"\ ", r"\s+") + _ENDINGS)
    if len(lemma) > 3 and lemma.endswith("e"):  # negotiate -> negotiating, negotiation
        forms.append(re.escape(lemma[:-1]) + _ENDINGS)
    elif len(lemma) > 3 and lemma.endswith("y"):  # accompany -> accompanied, accompanies
        forms.append(re.escape(lemma[:-1]) + r"(?:ies|ied|iment)")
    if len(lemma) > 2 and lemma[-1] in "lnprt" and lemma[-2] in "aeiou":  # confer -> conferred
        forms.append(re.escape(lemma + lemma[-1]) + r"(?:ed|ing)")
    return forms


def words(lemmas=(), forms=(), irregular: dict[str, list[str]] | None = None) -> str:
    """A regex for whole words: inflected `lemmas` and exact `forms` (spaces: any gap).

    Case does not matter, except for forms written in capitals ("PM"): an acronym is
    matched as written, so that "5 pm" is not a prime minister.
    """
    irregular = irregular or {}
    bodies = [(b, re.IGNORECASE) for lemma in lemmas for b in inflections(lemma, irregular)]
    bodies += [(re.escape(f if f.isupper() else f.lower()).replace(r"\ ", r"\s+"),
                0 if f.isupper() else re.IGNORECASE) for f in forms]
    return word_alternation(bodies, before=r"\b", after=r"\b")


def _alternation(parts) -> str:
    return "|".join(f"(?:{p})" for p in dict.fromkeys(parts) if p)


def title_forms() -> list[str]:
    """Every title of office in titles.tsv, as written there."""
    from ..actors.tables import titles

    return [title.surface for title in titles().values()]


def build_screen(vocabulary) -> Screen:
    """The screen for an `EventVocabulary` (see the module docstring)."""
    extra = _screen_words()
    irregular = extra.get("irregular", {})
    lemmas, strong_patterns, weak_patterns = set(), [], []
    for spec in vocabulary.types.values():
        lemmas |= spec.verbs | spec.nouns | spec.needs_object
        strong_patterns += [p.pattern for p in spec.patterns]
        weak_patterns += [p.pattern for p in spec.weak]
    strong_lemmas = sorted(lemmas) + extra.get("strong", {}).get("lemmas", [])
    strong = [words(strong_lemmas, extra.get("strong", {}).get("forms", []), irregular)] + strong_patterns
    weak_lemmas = sorted(vocabulary.present_lemmas | vocabulary.accompanying_lemmas)
    weak_forms = title_forms() + extra.get("weak", {}).get("forms", [])
    weak = [words(weak_lemmas, weak_forms, irregular)] + weak_patterns
    speech = words(sorted(vocabulary.speech_verbs), (), irregular) + "|" + _QUOTE
    confirmed = tuple(
        (spec, re.compile(words(sorted(spec.confirmed_verbs), (), irregular), re.IGNORECASE))
        for spec in vocabulary.types.values() if spec.confirmed_verbs
    )
    return Screen(
        strong=re.compile(_alternation(strong), re.IGNORECASE),
        weak=re.compile(_alternation(weak), re.IGNORECASE),
        speech=re.compile(speech, re.IGNORECASE),
        confirmed=confirmed,
    )


@lru_cache(maxsize=8)
def load_screen(event_types: str | Path | None = None) -> Screen:
    """The screen of the event types in `event_types` (default: the packaged file)."""
    from ..events.vocabulary import load_event_types

    return build_screen(load_event_types(event_types))
