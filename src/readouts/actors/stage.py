"""The actors stage: one ActorSet per article.

Owns: putting people, states and organisations together into records.ActorSet, linking
title-only mentions ("the president", "the Chinese foreign minister") and "his Chinese
counterpart" to the one person they can mean, adding the gazetteer office held on the
article date, the corpus-level actor id, and the names the article read as places
(`ActorSet.places_read`: the store drops them as people where other articles' uses said
nothing either way).
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from readouts.records import Actor, ActorSet, Article, Mention

from ..annotate import text_of
from .gazetteer import Gazetteer, load_gazetteer
from .matchers import Lexicon, lexicon, title_starting_at
from .not_names import PLACE_LABELS, PlaceEvidence, looks_like_place, named_as_publication, named_only_as_reporter
from .people import (
    POSSESSIVES,
    PersonCluster,
    PlaceIndex,
    cluster_people,
    link_loose_surnames,
    name_mentions,
    part_kind_for_country,
)
from .state_mentions import find_places
from .tables import countries, name_variants, normalise_name, organisations, role_of, titles
from .words import name_words


def find_actors(article: Article, doc: Doc, gazetteer: Gazetteer | None = None) -> ActorSet:
    """People, states and organisations of one article, every mention resolved to an actor."""
    if text_of(doc) != article.text:
        raise ValueError("doc must be the parse of article.text (offsets would not line up)")
    gazetteer = gazetteer or load_gazetteer()
    lex = lexicon()
    places = PlaceIndex(find_places(doc, lex, article.dateline))
    states = frozenset(p.code for p in places.places if p.kind == "state")
    evidence = PlaceEvidence.of(doc)
    mentions = name_mentions(doc, places, lex, gazetteer, evidence)
    clusters = cluster_people(doc, mentions, gazetteer, article.published, states)
    placed = [c for c in clusters if looks_like_place(doc, c, evidence)]
    clusters = [c for c in clusters if c not in placed and not named_as_publication(doc, c)
                and not named_only_as_reporter(doc, c)]
    taken = {i for c in clusters for s, e, _ in c.mentions for i in range(s, e)}
    link_loose_surnames(doc, clusters, taken | places.covered)

    # names read as places here: by their uses, or by the recogniser's own tags
    read = {c.name for c in placed} | {ent.text for ent in doc.ents if ent.label_ in PLACE_LABELS}
    result = ActorSet(places_read=sorted(read))
    people = _person_actors(clusters, gazetteer, article, doc, result, states)
    _link_title_mentions(doc, people, places, lex, result, taken)
    _place_actors(doc, places, people, result)
    result.mentions.sort(key=lambda m: (m.start, m.end))
    return result


# ------------------------------------------------------------------------ people


def _person_actors(
    clusters: list[PersonCluster],
    gazetteer: Gazetteer,
    article: Article,
    doc: Doc,
    result: ActorSet,
    states: frozenset[str] = frozenset(),
) -> list[Actor]:
    people: list[Actor] = []
    ordered = sorted(clusters, key=lambda c: min(s for s, _, _ in c.mentions))
    for number, cluster in enumerate(ordered, start=1):
        actor = Actor(key=f"p{number}", kind="person", name=cluster.name, gazetteer_id=cluster.gazetteer_id)
        text_titles = [t for ctx in cluster.contexts for t in ctx.titles]
        actor.titles = _merge_titles(text_titles, _gazetteer_offices(cluster, gazetteer, article))
        actor.country = resolve_country(cluster, gazetteer, article, states)
        for start, end, kind in sorted(cluster.mentions):
            span = doc[start:end]
            while len(span) > 1 and span[-1].text in POSSESSIVES:
                span = span[:-1]
            kind = part_kind_for_country(kind, actor.country)
            result.mentions.append(Mention(span.start_char, span.end_char, span.text, actor.key, kind))
            if span.text not in actor.aliases:
                actor.aliases.append(span.text)
        people.append(actor)
        result.actors.append(actor)
    return people


def resolve_country(
    cluster: PersonCluster, gazetteer: Gazetteer, article: Article, states: frozenset[str] = frozenset()
) -> str | None:
    """The office the gazetteer knows on the article date first: a visiting leader is
    often written next to the host's name ("in Beijing, US President ..."), while the
    gazetteer term is unambiguous. Then what the text says, then any gazetteer term; for
    a titled surname alone, the one country of all known holders of that surname."""
    gid = cluster.gazetteer_id
    if gid:
        dated = gazetteer.dated_country(gid, article.published)
        if dated:
            return dated
    said = _vote([ctx.country for ctx in cluster.contexts])
    if said:
        return said
    if gid:
        return gazetteer.country_of(gid, article.published)
    if len(cluster.tokens) == 1:  # "President Doe", two known Does, both of one state
        roles = {role_of(t) for ctx in cluster.contexts for t in ctx.titles} - {None}
        return gazetteer.country_of_holders(cluster.name, roles, states) if roles else None
    return None


def _gazetteer_offices(cluster: PersonCluster, gazetteer: Gazetteer, article: Article) -> list[str]:
    if not cluster.gazetteer_id:
        return []
    return [t.office for t in gazetteer.terms_on(cluster.gazetteer_id, article.published)]


def _merge_titles(text_titles: list[str], offices: list[str]) -> list[str]:
    """The text's own titles first; a gazetteer office only when its role is not yet there."""
    merged: list[str] = []
    for title in text_titles:
        if title.casefold() not in {m.casefold() for m in merged}:
            merged.append(title)
    for office in offices:
        folded = office.casefold()
        if folded in {m.casefold() for m in merged}:
            continue
        general = [
            i
            for i, m in enumerate(merged)
            if folded.startswith(m.casefold() + " ") or folded.endswith(" " + m.casefold())
        ]
        if general:
            # the same office said more fully: "Ambassador" -> "Ambassador to China",
            # "Spokesperson" -> "Foreign Ministry Spokesperson"
            merged[general[0]] = office
            continue
        if role_of(office) is not None and role_of(office) in {role_of(t) for t in merged}:
            continue
        merged.append(office)
    return merged


def _vote(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


# ------------------------------------------------------- title-only / counterpart

_COUNTERPART = re.compile(r"\b(?:his|her|their)\s+(?:(?P<country>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)\s+)?counterparts?\b")


def _link_title_mentions(
    doc: Doc, people: list[Actor], places: PlaceIndex, lex: Lexicon, result: ActorSet, taken: set[int]
) -> None:
    result.mentions.extend(_title_only_mentions(doc, people, places, lex, taken))
    result.mentions.extend(_counterpart_mentions(doc, people, taken))


def _title_only_mentions(
    doc: Doc, people: list[Actor], places: PlaceIndex, lex: Lexicon, taken: set[int]
) -> list[Mention]:
    """ "the president", "the Chinese foreign minister": linked when exactly one person fits."""
    found: list[Mention] = []
    for token in doc:
        if token.lower_ != "the" or token.i + 1 >= len(doc):
            continue
        country, j = None, token.i + 1
        place = places.by_start.get(j)
        if place is not None and places.country_code(place):
            country, j = places.country_code(place), place.end
            if j < len(doc) and doc[j].text in POSSESSIVES:
                j += 1
        title = title_starting_at(doc, j, len(doc), lex)
        if title is None:
            continue
        end, office = title
        if end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
            continue  # "the President Xi ...": a name follows and carries the title
        if taken.intersection(range(token.i, end)):
            continue
        if end + 1 < len(doc) and doc[end].lower_ == "of":  # "the president of Pakistan"
            after = places.by_start.get(end + 1)
            if after is not None and places.country_code(after):
                country = country or places.country_code(after)
        candidates = [
            p for p in people if _holds(p, office.normalised, office.role) and (not country or p.country == country)
        ]
        if not candidates and country:
            # "President Jane Doe ... the Ruritanian president": the one holder of that
            # office whose country the text had not said yet gets it from here
            candidates = [p for p in people if _holds(p, office.normalised, office.role) and p.country is None]
            if len(candidates) == 1:
                candidates[0].country = country
        if len(candidates) == 1:
            span = doc[token.i : end]
            found.append(Mention(span.start_char, span.end_char, span.text, candidates[0].key, "title"))
            taken.update(range(token.i, end))
    return found


def _counterpart_mentions(doc: Doc, people: list[Actor], taken: set[int]) -> list[Mention]:
    """ "his Chinese counterpart": the one person of that country in the article."""
    found: list[Mention] = []
    for match in _COUNTERPART.finditer(text_of(doc)):
        start, end = match.span()
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or taken.intersection(range(span.start, span.end)):
            continue
        if span.end < len(doc) and doc[span.end].pos_ == "PROPN" and doc[span.end].is_title:
            continue  # "his Chinese counterpart Wang Yi": the name carries it
        country = countries().iso3(match.group("country")) if match.group("country") else None
        candidates = [p for p in people if country and p.country == country]
        if len(candidates) == 1:
            found.append(Mention(start, end, match.group(0), candidates[0].key, "counterpart"))
    return found


def _holds(person: Actor, normalised: str, role: str) -> bool:
    for title in person.titles:
        if title.casefold() == normalised.casefold():
            return True
        if role not in ("minister", "official", "deputy") and role_of(title) == role:
            return True
    return False


# ------------------------------------------------------------ states and orgs


def _place_actors(doc: Doc, places: PlaceIndex, people: list[Actor], result: ActorSet) -> None:
    person_chars = [(m.start, m.end) for m in result.mentions if m.kind in ("name", "surname", "given_name")]
    actors: dict[str, Actor] = {}
    for place in places.places:
        if place.kind == "project":
            continue
        span = doc[place.start : place.end]
        if any(s <= span.start_char and span.end_char <= e for s, e in person_chars):
            continue  # "Jordan" inside a personal name
        if place.kind == "state":
            country = countries().countries[place.code]
            actor = actors.get(place.code) or Actor(
                key=place.code, kind="state", name=country.name, country=place.code, code=place.code
            )
        else:
            org = organisations()[place.code]
            actor = actors.get(place.code) or Actor(
                key=place.code, kind="organisation", name=org.name, country=org.affiliation, code=org.cameo or org.code
            )
        if place.code not in actors:
            actors[place.code] = actor
            result.actors.append(actor)
        if span.text not in actor.aliases:
            actor.aliases.append(span.text)
        result.mentions.append(Mention(span.start_char, span.end_char, span.text, actor.key, place.mention_kind))


# --------------------------------------------------------------------- ids


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise_name(text)).strip("-")


def person_key(name: str) -> str:
    """The id slug of a personal name: honorifics and titles off the front, one
    spelling for each romanised given name (data/name_variants.tsv)."""
    words = normalise_name(name).split()
    while len(words) > 1 and (words[0] in name_words().honorifics or words[0] in titles()):
        words = words[1:]
    canonical = name_variants()
    return _slug(" ".join(canonical.get(w, w) for w in words))


def actor_id(actor: Actor) -> str:
    """Corpus-level id: the same person in two articles gets the same id.

    A person the gazetteer knows has its id; anyone else is keyed by the name alone, so
    that an article which does not say the country does not split the person in two."""
    if actor.kind == "person":
        if actor.gazetteer_id:
            return actor.gazetteer_id
        return f"person:{person_key(actor.name)}"
    if actor.kind == "state":
        return f"state:{actor.key}"
    return f"org:{actor.key}"


def country_of(text: str) -> str | None:
    """ISO3 for a country name, alias, demonym, prefix or capital; national bodies too."""
    table = countries()
    text = text.strip().rstrip("-")
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    found = table.iso3(text) or table.prefixes.get(text)
    if found:
        return found
    for org in organisations().values():
        if org.country and (text == org.name or text in org.aliases):
            return org.country
    return None
