"""Word lists that tell personal names from other capitalised words.

Owns: reading `data/name_words.toml` once per process into frozensets. The lists are data
(each names its source in the file); this module only loads them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from .tables import DATA_DIR

WORDS_FILE = DATA_DIR / "name_words.toml"


@dataclass(frozen=True)
class NameWords:
    headline_verbs: frozenset[str]  # "Xi Jinping Speaks": a headline verb glued to a name
    non_name_words: frozenset[str]  # "Belt and Road": never part of a personal name
    name_particles: frozenset[str]  # lower-case words allowed inside names ("bin", "von")
    organ_words: frozenset[str]  # "spokesman for China's foreign ministry X"
    honorifics: frozenset[str]  # "Mr", "Shri": forms of address, not part of the name
    not_a_name_opening: frozenset[str]  # "Reply", "Hey": comment furniture and interjections
    name_prefixes: frozenset[str]  # "Anti-Gaddafi": an adjective made from a name
    family_name_first: frozenset[str]  # ISO3 of states writing the family name first
    locative_prepositions: frozenset[str]  # "in X", "near X": X is a place
    place_nouns: frozenset[str]  # "the town of X"
    place_of_words: frozenset[str]  # "west of X", "the towns of A and X"
    particle_verbs: frozenset[str]  # "bring in X": "in" is a particle
    matter_nouns: frozenset[str]  # "in the X case": X is a person
    place_object_verbs: frozenset[str]  # "troops entered X"
    place_approach_words: frozenset[str]  # "the assault on X", "retreated to X"
    credit_before_by: frozenset[str]  # "Reporting by X"
    credit_tellers: frozenset[str]  # "X, <agency> correspondent"
    credit_verbs: frozenset[str]  # "<agency>'s X reports", "X contributed to this report"
    media_nouns: frozenset[str]  # "the newspaper X": a publication
    region_words: frozenset[str]  # "Latin American": a region, not the state
    origin_suffixes: frozenset[str]  # "Russian-speaking", "US-made": origin, not the state


def _words(section: dict, key: str = "words") -> frozenset[str]:
    return frozenset(section[key].split())


@lru_cache(maxsize=1)
def name_words() -> NameWords:
    with WORDS_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    credits = data["credit_words"]
    return NameWords(
        headline_verbs=_words(data["headline_verbs"]),
        non_name_words=_words(data["non_name_words"]),
        name_particles=_words(data["name_particles"]),
        organ_words=_words(data["organ_words"]),
        honorifics=_words(data["honorifics"]),
        not_a_name_opening=_words(data["not_a_name_opening"]),
        name_prefixes=_words(data["name_prefixes"]),
        family_name_first=_words(data["family_name_first"], "countries"),
        locative_prepositions=_words(data["locative_prepositions"]),
        place_nouns=_words(data["place_nouns"]),
        place_of_words=_words(data["place_of_words"]),
        particle_verbs=_words(data["particle_verbs"]),
        matter_nouns=_words(data["matter_nouns"]),
        place_object_verbs=_words(data["place_object_verbs"]),
        place_approach_words=_words(data["place_approach_words"]),
        credit_before_by=_words(credits, "before_by"),
        credit_tellers=_words(credits, "tellers"),
        credit_verbs=_words(credits, "verbs"),
        media_nouns=_words(data["media_nouns"]),
        region_words=_words(data["region_words"]),
        origin_suffixes=_words(data["origin_suffixes"]),
    )
