"""Language: a cheap check that a text is written in English.

Owns: the decision the reader makes before an article enters the pipeline. The
English model downstream produces nonsense on other languages, so those texts are
skipped with a reason instead of silently yielding junk events.

Method (no model, no download): English prose is held together by a small closed
class of function words ("the", "of", "and", "to", "said" ...). In news text they are
about a third of all word tokens; in German, French, Spanish or Turkish text they are
a few percent, and in texts in non-Latin scripts there are none. Two tests follow:

* script: if most letters are not Latin, the text is not English;
* function words: with enough word tokens to judge, a share below the threshold
  means not English. Short texts are given the benefit of the doubt (a stricter
  threshold, none at all under 15 words), because a headline or a two-line brief
  can have few function words and still be English.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Closed-class English words that carry no topic. Words that are also frequent
# function words in other Latin-script languages ("a", "in", "on", "de", "die", "an")
# are left out so that Spanish, Portuguese, Italian, German or French text does not
# score as English.
ENGLISH_FUNCTION_WORDS = frozenset(
    """
    the of and to is was were are be been being that for with as by at from it its
    he she his her him they them their we our you your this these those which who
    whom whose what when where while has have had will would should could can may
    might must shall not but or if than then also after before about into over
    under between during against without within through because since until upon
    said says there here such only other more most very some any each all both
    do does did just so out up off new two
    """.split()
)

# Below this share of function words (among word tokens) a long text is not English.
# English news prose measures 30-45%; machine-translated English about the same.
MIN_FUNCTION_WORD_SHARE = 0.12
# With this many word tokens the share threshold above applies.
MIN_TOKENS_TO_JUDGE = 40
# Between this and MIN_TOKENS_TO_JUDGE tokens only a near-total absence of function
# words counts (a name-heavy English line of 20 words still has a "the" or "of").
MIN_TOKENS_SHORT = 15
MAX_SHORT_TEXT_SHARE = 0.05
# Fewer letters than this and the script test is not applied.
MIN_LETTERS_TO_JUDGE = 20
# Share of letters that must be Latin for a text to be considered at all.
MIN_LATIN_SHARE = 0.5

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageVerdict:
    """The outcome of the English check, with the figure it rests on."""

    english: bool
    detail: str = ""


_LETTER = re.compile(r"[^\W\d_]")
# Latin letters: ASCII, Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional.
_LATIN_LETTER = re.compile(r"[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u1E00-\u1EFF]")


def latin_share(text: str) -> tuple[float, int]:
    """Share of alphabetic characters that are Latin letters, and the letter count."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return 1.0, 0
    return len(_LATIN_LETTER.findall(text)) / letters, letters


def function_word_share(text: str) -> tuple[float, int]:
    """Share of word tokens that are English function words, and the token count."""
    tokens = [t.casefold().replace("’", "'") for t in _WORD.findall(text)]
    if not tokens:
        return 0.0, 0
    hits = sum(1 for t in tokens if t in ENGLISH_FUNCTION_WORDS)
    return hits / len(tokens), len(tokens)


def check_english(text: str, sample_chars: int = 6_000) -> LanguageVerdict:
    """Decide whether `text` is English; only the first `sample_chars` are looked at."""
    sample = text[:sample_chars]
    share, letters = latin_share(sample)
    if letters >= MIN_LETTERS_TO_JUDGE and share < MIN_LATIN_SHARE:
        return LanguageVerdict(
            False, f"looks like non-English text ({share:.0%} Latin letters)"
        )
    fw_share, tokens = function_word_share(sample)
    long_and_poor = tokens >= MIN_TOKENS_TO_JUDGE and fw_share < MIN_FUNCTION_WORD_SHARE
    short_and_bare = MIN_TOKENS_SHORT <= tokens < MIN_TOKENS_TO_JUDGE and fw_share < MAX_SHORT_TEXT_SHARE
    if long_and_poor or short_and_bare:
        return LanguageVerdict(
            False, f"looks like non-English text ({fw_share:.0%} English function words)"
        )
    return LanguageVerdict(True, f"{fw_share:.0%} English function words over {tokens} words")


def is_english(text: str) -> bool:
    return check_english(text).english
