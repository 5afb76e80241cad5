"""Language: decide whether a text is English before it enters the pipeline.

Owns: the decision the reader makes before an article is cleaned. The English model
downstream produces nonsense on other languages, so those texts are skipped with a
reason instead of silently yielding junk events.

Method: `py3langid` (a naive Bayes model over byte n-grams, shipped inside its wheel,
so nothing is downloaded) gives the probability of each of its languages. A text is
judged not English only when English is all but ruled out (probability below
`MIN_ENGLISH_PROBABILITY`) and another language is likely: short English briefs and headlines full of foreign names
often rank a neighbouring language (Nigerian Pidgin, Catalan) first with English a
close second, and losing a real article costs more than analysing one stray text.
bench/langid.py compares this with lingua-language-detector (docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

# English ranked with less than this probability means the text is in another
# language. Measured (bench/langid.py): English briefs of one line score >= 0.14,
# French, German, Spanish, Chinese and Urdu sentences score below 0.001.
MIN_ENGLISH_PROBABILITY = 0.05
# ... and only when the model is sure of another language: on a headline of three
# names no language gets more than about 0.2, on a foreign sentence the top one
# gets 0.55 or more (Chinese competes with Wu Chinese, Spanish with Galician).
MIN_OTHER_PROBABILITY = 0.5
# Fewer letters than this and no judgement is made ("Modi meets Biden.").
MIN_LETTERS_TO_JUDGE = 12


@dataclass(frozen=True)
class LanguageVerdict:
    """The outcome of the English check, with the figures it rests on."""

    english: bool
    detail: str = ""


@cache
def _identifier():
    """The py3langid model, loaded once per process (about half a second)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_probability(text: str) -> tuple[float, str, float]:
    """P(English), and the most probable language with its probability."""
    ranking = _identifier().rank(text)
    top, top_p = ranking[0]
    english = next((p for lang, p in ranking if lang == "en"), 0.0)
    return float(english), top, float(top_p)


def check_english(text: str, sample_chars: int = 6_000) -> LanguageVerdict:
    """Decide whether `text` is English; only the first `sample_chars` are looked at."""
    sample = text[:sample_chars]
    if sum(ch.isalpha() for ch in sample[:200]) < MIN_LETTERS_TO_JUDGE:
        return LanguageVerdict(True, "too short to judge")
    english, top, top_p = english_probability(sample)
    if english < MIN_ENGLISH_PROBABILITY and top_p >= MIN_OTHER_PROBABILITY:
        return LanguageVerdict(
            False, f"looks like non-English text (language {top!r} at {top_p:.0%}, English {english:.1%})"
        )
    return LanguageVerdict(True, f"English at {english:.0%}")
