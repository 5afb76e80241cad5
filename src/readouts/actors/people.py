"""People: find personal names, their titles and country, and resolve them in a document.

Owns: repairing NER PERSON spans (titles and headline verbs glued to names, acronyms,
diseases and common words tagged PERSON), reading the title and country the text gives
around a name ("Pakistani President Arif Alvi", "Sun Haiyan, Vice Minister, ..."), and
linking every later mention (surname, given name, "the president", "his Chinese
counterpart") to one person when exactly one candidate fits.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc

from .gazetteer import Gazetteer
from .matchers import (
    Lexicon,
    gazetteer_matcher,
    title_ending_at,
    title_starting_at,
)
from .not_names import (
    POSSESSIVES,
    PlaceEvidence,
    cut_glued_tail,
    misspelt_title,
    not_a_name_reason,
)
from .state_mentions import Place
from .tables import countries, normalise_name, organisations, role_of, title_words
from .words import name_words

TITLE_RELATIONS = frozenset({"for", "of", "at"})
MAX_LONG_TITLE = 25  # tokens of a "Minister of the International Department ..., Name" title


@dataclass
class TitleContext:
    """What the words around one name say about the person."""

    titles: list[str] = field(default_factory=list)
    country: str | None = None  # ISO3, or an organisation code for IGO staff
    host: str | None = None  # "Ambassador to China": the receiving state


@dataclass
class NameMention:
    start: int  # doc token indices [start, end)
    end: int
    context: TitleContext
    gazetteer_id: str | None = None

    def words(self, doc: Doc) -> list[str]:
        return [t.text for t in doc[self.start : self.end] if t.text not in POSSESSIVES and not t.is_punct]

    def surface(self, doc: Doc) -> str:
        span = doc[self.start : self.end]
        while len(span) > 1 and span[-1].text in POSSESSIVES:
            span = span[:-1]
        return cut_glued_tail(span.text)


@dataclass
class PersonCluster:
    name: str
    gazetteer_id: str | None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # tok start, end, kind
    contexts: list[TitleContext] = field(default_factory=list)
    surfaces: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return self.name.split()


# ------------------------------------------------------------------ place indexes


class PlaceIndex:
    """Places by first and last token, for the title scans."""

    def __init__(self, places: list[Place]):
        self.places = places
        self.by_end = {p.end: p for p in places}
        self.by_start = {p.start: p for p in places}
        self.covered = {i for p in places for i in range(p.start, p.end)}

    def country_code(self, place: Place) -> str | None:
        """ISO3 of a state, the country of a national body, or the code of an IGO."""
        if place.kind == "state":
            return place.code if place.mention_kind != "capital" or place.before_title else None
        if place.kind == "organisation":
            org = organisations()[place.code]
            return org.affiliation or org.code
        return None


# --------------------------------------------------------------- name candidates


def name_mentions(
    doc: Doc, places: PlaceIndex, lex: Lexicon, gazetteer: Gazetteer, evidence: PlaceEvidence | None = None
) -> list[NameMention]:
    """Repaired PERSON entities plus names NER missed, with their title contexts."""
    found: list[NameMention] = []
    tagged_places = (evidence or PlaceEvidence.of(doc)).tagged_places
    for start, end in _person_entities(doc):
        repaired = _repair(doc, start, end, lex)
        if repaired is None:
            continue
        start, end, leading = repaired
        start = _drop_leading_place(doc, start, end, gazetteer, tagged_places, leading)
        if _looks_like_name(doc, start, end, places, gazetteer):
            found.append(NameMention(start, end, leading))
    for start, end in _title_anchored_names(doc, places, lex):
        if _overlaps(found, start, end) or not _looks_like_name(doc, start, end, places, gazetteer):
            continue
        found.append(NameMention(start, end, TitleContext()))
    for match_id, start, end in gazetteer_matcher(gazetteer)(doc):
        if places.covered.intersection(range(start, end)):
            continue
        overlapping = [m for m in found if m.start < end and start < m.end]
        longer = [m for m in overlapping if m.end - m.start >= end - start]
        for mention in longer:
            if mention.start == start and mention.gazetteer_id is None:
                # a known name with more after it ("Jane Q. Doe Janey", a nickname): the person
                mention.gazetteer_id = doc.vocab.strings[match_id]
        if longer:
            continue
        # a known full name wins over the pieces NER made of it
        found = [m for m in found if m not in overlapping]
        found.append(NameMention(start, end, TitleContext(), doc.vocab.strings[match_id]))
    found.sort(key=lambda m: m.start)
    for mention in found:
        _read_context(doc, mention, places, lex)
    return found


def _person_entities(doc: Doc) -> list[tuple[int, int]]:
    """PERSON entities, adjacent ones joined ("Bilawal Bhutto" + "Zardari")."""
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if spans and spans[-1][1] == ent.start and doc[ent.start - 1].whitespace_:
            spans[-1] = (spans[-1][0], ent.end)
        else:
            spans.append((ent.start, ent.end))
    return spans


def _drop_leading_place(
    doc: Doc, start: int, end: int, gazetteer: Gazetteer, tagged_places: Counter, context: TitleContext
) -> int:
    """A place run into a name by a caption or dateline, which the recogniser tags a place
    elsewhere in the document: "Tripolis Doe" when "Doe" is a known surname, or "Ruritania
    Jane Doe" when the place is a state (which then is the person's country). "Jordan
    Smith", with "Jordan" never tagged a place, keeps its given name."""
    for cut in range(start + 1, end):
        head = normalise_name(doc[start:cut].text)
        if not tagged_places[head]:
            continue
        if gazetteer.lookup(doc[cut:end].text):
            return cut
        state = countries().surfaces.get(doc[start:cut].text)
        if state and state[1] == "name" and end - cut >= 2:
            context.country = context.country or state[0]
            return cut
    return start


def _overlaps(found: list[NameMention], start: int, end: int) -> bool:
    return any(m.start < end and start < m.end for m in found)


def _title_anchored_names(doc: Doc, places: PlaceIndex, lex: Lexicon) -> list[tuple[int, int]]:
    """Capitalised words right after a capitalised title: a name even when NER missed it.

    The small model often tags "Nepal Naveen Srivastava" (after "Ambassador to") as one
    ORG; the title tells us the proper nouns that follow are a person.
    """
    spans: list[tuple[int, int]] = []
    common = _common_words()
    i = 0
    while i < len(doc):
        title = title_starting_at(doc, i, len(doc), lex) if doc[i].is_title else None
        if title is None:
            i += 1
            continue
        j = title[0]
        if j + 1 < len(doc) and doc[j].lower_ in ("to", "of") and (j + 1) in places.by_start:
            j = places.by_start[j + 1].end
        k = j
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].is_title and k not in places.covered:
            if doc[k].lower_ in common:
                break
            k += 1
        if k > j and (k >= len(doc) or doc[k].pos_ != "PROPN"):
            spans.append((j, k))
        i = max(k, i + 1)
    return spans


def _repair(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int, TitleContext] | None:
    """Strip titles, demonyms, punctuation and headline verbs from a PERSON entity."""
    context = TitleContext()
    while end > start and (doc[end - 1].is_punct or doc[end - 1].text in POSSESSIVES):
        end -= 1
    table = countries()
    while start < end:
        title = title_starting_at(doc, start, end, lex)
        if title and title[0] < end:
            context.titles.append(title[1].normalised)
            start = title[0]
            continue
        token = doc[start]
        hit = table.surfaces.get(token.text)
        before_title = start + 1 < end and title_starting_at(doc, start + 1, end, lex) is not None
        if hit and start + 1 < end and (hit[1] == "demonym" or (hit[1] == "name" and before_title)):
            context.country = context.country or hit[0]
            start += 1
            continue
        if token.lower_ in ("the", "and", ",") or token.is_punct or token.lower_.rstrip(".") in name_words().honorifics:
            start += 1
            continue
        if token.lower_ in title_words() and start + 1 < end:
            start += 1  # the tail of a title cut by NER: "[State] Councilor Yang Jiechi"
            continue
        misspelt = misspelt_title(token.text) if start + 1 < end else None
        if misspelt:  # "Minsiter Jane Doe": a title with a typo is still a title
            context.titles.append(misspelt.normalised)
            start += 1
            continue
        break
    # hyphenated given names the tokenizer split: "Tsai Ing" + "-" + "wen"
    while end + 1 < len(doc) and doc[end].text in ("-", "‐") and not doc[end - 1].whitespace_ and not doc[end].whitespace_ and doc[end + 1].is_alpha:
        end += 2
    # a demonym never ends a name: "Jane Doe British" is a caption run into the next words
    while end - start >= 2 and table.surfaces.get(doc[end - 1].text, ("", ""))[1] == "demonym":
        end -= 1
    # headline words glued to the name: "Xi Jinping Speaks", "Ambassador Hashmi In Beijing"
    while end - start >= 2 and doc[end - 1].is_title and (
        doc[end - 1].lower_ in name_words().headline_verbs
        or doc[end - 1].tag_ in ("VBZ", "VBD")
        or doc[end - 1].pos_ in ("ADP", "CCONJ", "DET", "PRON")
    ):
        end -= 1
    if start >= end:
        return None
    return start, end, context


def _looks_like_name(doc: Doc, start: int, end: int, places: PlaceIndex, gazetteer: Gazetteer) -> bool:
    tokens = doc[start:end]
    text = tokens.text
    if gazetteer.lookup(text):
        return True
    if any(ch.isdigit() for ch in text):
        return False  # COVID-19, G20
    if "/" in text:
        return False  # a photo credit: "Jane Doe/Pool", "Xinhua/Jane Doe"
    words = [t for t in tokens if not t.is_punct]
    if not words:
        return False
    if all(t.is_upper and len(t.text) >= 2 for t in words):
        return False  # acronyms: CPEC, BRI
    if places.covered.issuperset(range(start, end)):
        return False  # a state or organisation name
    if not_a_name_reason(doc, start, end):
        return False
    if countries().surfaces.get(text) or text in _organisation_forms():
        return False
    for token in words:
        hyphen_tail = token.i > 0 and doc[token.i - 1].text in ("-", "‐") and not doc[token.i - 1].whitespace_
        if not token.text[0].isupper() and token.lower_ not in name_words().name_particles and not hyphen_tail:
            return False  # a lower-case word ("te" of "Ching-te" excepted) is not part of a name
    if all(t.lower_ in _common_words() for t in words):
        return False  # "Councilor", "Phone"
    return words[-1].lower_ not in name_words().non_name_words


@lru_cache(maxsize=1)
def _organisation_forms() -> frozenset[str]:
    forms: set[str] = set()
    for org in organisations().values():
        forms.add(org.name)
        forms.update(org.aliases)
    return frozenset(forms)


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    return title_words() | name_words().non_name_words


# ---------------------------------------------------------------- title contexts


def _read_context(doc: Doc, mention: NameMention, places: PlaceIndex, lex: Lexicon) -> None:
    context = mention.context
    left = _scan_left(doc, mention.start, places, lex)
    right = _scan_right(doc, mention.end, places, lex)
    if not left.titles and not right.titles:
        left = _long_title_before_comma(doc, mention.start, places, lex) or left
    context.titles = _unique(context.titles + left.titles + right.titles)
    context.country = context.country or left.country or right.country
    context.host = left.host or right.host


def _sentence_span(doc: Doc, i: int) -> tuple[int, int]:
    """Token bounds of the sentence of doc[i]; the whole doc when it has no sentences."""
    try:
        sent = doc[i].sent
    except ValueError:  # parsed without parser or senter
        return 0, len(doc)
    return sent.start, sent.end


def _scan_left(doc: Doc, start: int, places: PlaceIndex, lex: Lexicon) -> TitleContext:
    """Titles and country written before a name, read right to left.

    Handles "Chinese State Councilor and Foreign Minister Qin Gang", "Pakistan Ambassador
    to China Khalil Hashmi", "spokesman for China's foreign ministry Zhao Lijian" and
    "his Chinese counterpart Wang Yi".
    """
    floor = _sentence_span(doc, start)[0]
    context = TitleContext()
    j = start
    if j - 1 > floor and doc[j - 1].text == "," and _title_before(doc, j - 1, floor, lex):
        j -= 1
    adjacent_demonym: str | None = None
    counterpart = False
    while j > floor:
        title = _title_before(doc, j, floor, lex)
        if title:
            context.titles.insert(0, title[1].normalised)
            j = title[0]
            continue
        place = places.by_end.get(j)
        if place is None and doc[j - 1].text in POSSESSIVES:
            place = places.by_end.get(j - 1)
        if place is not None:
            code = places.country_code(place)
            if code is None:
                break
            before = place.start - 1
            if before > floor and doc[before].lower_ in ("to", "in") and place.kind == "state":
                title = title_ending_at(doc, before, floor, lex)
                if not title:
                    break
                context.host = code
                context.titles.insert(0, f"{title[1].normalised} to {countries().countries[code].name}")
                j = title[0]
                continue
            if j == start and place.mention_kind == "demonym":
                adjacent_demonym = code
            context.country = code  # the leftmost state word belongs to the person
            j = place.start
            continue
        word = doc[j - 1].lower_
        if word in name_words().organ_words:
            j -= 1
            continue
        if word in ("counterpart", "counterparts"):
            counterpart = True
            j -= 1
            continue
        if word in ("and", "&", ",") and context.titles and title_ending_at(doc, j - 1, floor, lex):
            j -= 1
            continue
        if word in TITLE_RELATIONS and title_ending_at(doc, j - 1, floor, lex):
            j -= 1
            continue
        break
    if not context.titles and not counterpart:
        # with no title, only a demonym right before the name speaks for the person
        context.country = adjacent_demonym
        context.host = None
    return context


def _title_before(doc: Doc, end: int, floor: int, lex: Lexicon):
    """title_ending_at, except a title word that ends someone's name ("John King")."""
    title = title_ending_at(doc, end, floor, lex)
    if title is None:
        return None
    return None if _inside_a_name(doc[title[0]]) else title


def _inside_a_name(token) -> bool:
    return token.ent_type_ == "PERSON" and token.ent_iob_ == "I"


def _name_word(token) -> bool:
    """A capitalised proper noun; in sentences the gate only tokenised (no tags), any
    capitalised word."""
    return token.is_title and (token.pos_ == "PROPN" or not token.pos_)


def _scan_right(doc: Doc, end: int, places: PlaceIndex, lex: Lexicon) -> TitleContext:
    """Appositive titles: "Sun Haiyan, Vice Minister, International Department of ..."."""
    context = TitleContext()
    if end >= len(doc) - 1 or doc[end].text != ",":
        return context
    ceiling = _sentence_span(doc, end)[1]
    j = end + 1
    if doc[j].lower_ in ("the", "a"):
        j += 1
    while j < ceiling:
        place = places.by_start.get(j)
        if place is not None and places.country_code(place):
            context.country = context.country or places.country_code(place)
            j = place.end
            if j < ceiling and doc[j].text in POSSESSIVES:
                j += 1
            continue
        title = title_starting_at(doc, j, ceiling, lex)
        if title:
            context.titles.append(title[1].normalised)
            j = title[0]
            if j < ceiling and doc[j].lower_ in ("and", "&"):
                j += 1
            continue
        break
    if not context.titles:
        return TitleContext()
    if j < ceiling and _name_word(doc[j]) and j not in places.covered:
        return TitleContext()  # "Imran Khan, President Xi Jinping said": the title opens the next name
    # the affiliation that follows: ", International Department of the ... CPC"
    k = j
    if k < ceiling and doc[k].lower_ in ("to", "of", "for", "at", ","):
        k += 1
    affiliation_start = k
    while k < ceiling and (doc[k].is_title or doc[k].is_upper or doc[k].lower_ in ("of", "the", "and", "for", "(", ")")):
        place = places.by_start.get(k)
        if place is not None:
            code = places.country_code(place)
            if code and doc[j].lower_ == "to" and k == affiliation_start:
                context.host = code
            elif code:
                context.country = context.country or code
            k = place.end
            continue
        k += 1
    while k > affiliation_start and doc[k - 1].lower_ in ("of", "the", "and", "for", "("):
        k -= 1
    if k > affiliation_start:
        joiner = " " if doc[j].lower_ in ("to", "of", "for", "at") else ", "
        lead = doc[j].text + " " if joiner == " " else ""
        context.titles[-1] = f"{context.titles[-1]}{joiner}{lead}{doc[affiliation_start:k].text}"
    return context


def _long_title_before_comma(doc: Doc, start: int, places: PlaceIndex, lex: Lexicon) -> TitleContext | None:
    """A long office written before the name and a comma.

    "Minister of the International Department of the CPC Central Committee, Liu Jianchao":
    the run of capitalised words (and of/the/brackets) before the comma must begin with a
    title; its states and organisations give the country.
    """
    if start < 2 or doc[start - 1].text != ",":
        return None
    k = start - 1
    while k > 0 and start - 1 - k < MAX_LONG_TITLE:
        token = doc[k - 1]
        if token.is_title or token.is_upper or token.lower_ in ("of", "the", "and", "for", "(", ")"):
            if any(ch.isdigit() for ch in token.text):
                break
            k -= 1
            continue
        break
    for i in range(k, start - 1):
        title = title_starting_at(doc, i, start - 1, lex)
        if title is None:
            continue
        if _inside_a_name(doc[i]):
            return None  # "John King, Lena Varga": the last word of a name, not an office
        if title[0] < start - 1 and doc[title[0]].lower_ not in ("of", "for", "at"):
            return None  # a title followed by something other than its office
        office = title[1].normalised
        if title[0] < start - 1:
            office += " " + doc[title[0] : start - 1].text
        codes = [
            places.country_code(p) for p in places.places if i <= p.start and p.end <= start - 1
        ]
        codes = [c for c in codes if c]
        states = [c for c in codes if c in countries().countries]  # a state before an IGO code
        return TitleContext(titles=[office], country=(states or codes or [None])[0])
    return None


def _unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for value in values:
        if value.casefold() not in seen:
            seen.add(value.casefold())
            out.append(value)
    return out


# -------------------------------------------------------------------- clustering


def cluster_people(
    doc: Doc,
    mentions: list[NameMention],
    gazetteer: Gazetteer,
    day: date | None = None,
    states: frozenset[str] = frozenset(),
) -> list[PersonCluster]:
    """Group name mentions into people: full names first, then single words.

    A single word is resolved inside the document first ("Deuba" next to "Arzu Rana
    Deuba"), and only then through a distinctive gazetteer alias ("Putin").
    """
    clusters: list[PersonCluster] = []
    by_identity: dict[str, PersonCluster] = {}

    def cluster_for(identity: str, name: str, gid: str | None) -> PersonCluster:
        if identity not in by_identity:
            by_identity[identity] = PersonCluster(name=name, gazetteer_id=gid)
            clusters.append(by_identity[identity])
        return by_identity[identity]

    singles: list[NameMention] = []
    for mention in mentions:
        words = mention.words(doc)
        if len(words) < 2:
            singles.append(mention)
            continue
        surface = mention.surface(doc)
        gid = (
            mention.gazetteer_id
            or gazetteer.lookup(surface)
            or gazetteer.lookup_variant(surface)
        )
        name = gazetteer.people[gid].name if gid else surface
        _attach(cluster_for(gid or normalise_name(surface), name, gid), mention, "name", surface)
    clusters = _fold_name_tails(clusters)
    for mention in singles:
        words = mention.words(doc)
        if not words:
            continue
        word = words[0]
        cluster, kind = _resolve_single(word, clusters, mention.start)
        if cluster is None:
            gid = gazetteer.lookup(word) or _titled_lookup(word, mention.context, gazetteer, day, states)
            if gid is not None:
                person = gazetteer.people[gid]
                cluster = cluster_for(gid, person.name, gid)
                kind = "name" if len(cluster.tokens) == 1 else _part_kind(cluster, word)
            elif normalise_name(word) in by_identity:
                cluster, kind = by_identity[normalise_name(word)], "name"
            elif mention.context.titles:
                # "President Erdogan" with no full name in the text: a person all the same
                cluster, kind = cluster_for(normalise_name(word), word, None), "name"
        if cluster is not None:
            _attach(cluster, mention, kind, word)
    return clusters


def _fold_name_tails(clusters: list[PersonCluster]) -> list[PersonCluster]:
    """"Crown Prince bin Salman", "von der Leyen": the last words of one fuller name in
    the text are that person (the surname of a name with particles)."""
    kept = []
    for cluster in clusters:
        words = [normalise_name(w) for w in cluster.tokens]
        fuller = [c for c in clusters if c is not cluster and len(c.tokens) > len(words)
                  and [normalise_name(w) for w in c.tokens[-len(words):]] == words]
        if cluster.gazetteer_id is None and len(fuller) == 1:
            target = fuller[0]
            for (start, end, _), context in zip(cluster.mentions, cluster.contexts):
                target.mentions.append((start, end, "last"))
                target.contexts.append(context)
            target.surfaces.extend(s for s in cluster.surfaces if s not in target.surfaces)
            continue
        kept.append(cluster)
    return kept


def _titled_lookup(
    word: str, context: TitleContext, gazetteer: Gazetteer, day: date | None, states: frozenset[str]
) -> str | None:
    """A surname after a title: the one known person of that surname holding an office of
    that kind on the day ("Vice President Doe" when two Does are known), else a
    one-letter misspelling of a known surname ("President Sarkosy")."""
    if not context.titles:
        return None
    roles = {role_of(t) for t in context.titles} - {None}
    return gazetteer.lookup_holding(word, roles, day, states) or gazetteer.lookup_variant(word)


def _attach(cluster: PersonCluster, mention: NameMention, kind: str, surface: str) -> None:
    cluster.mentions.append((mention.start, mention.end, kind))
    cluster.contexts.append(mention.context)
    if surface not in cluster.surfaces:
        cluster.surfaces.append(surface)


def _resolve_single(word: str, clusters: list[PersonCluster], at: int) -> tuple[PersonCluster | None, str]:
    """The multi-word person whose first or last word is `word` (of the name, or of a
    fuller form the text wrote: "Jane Q. Doe Janey" makes "Janey" hers). Of two who
    share it ("Doe" of John and Jane Doe), the one the text introduced first, when
    both were named before token `at`: news gives the later-named relative her full
    name each time and keeps the bare surname for the first."""
    key = normalise_name(word)
    hits = [c for c in clusters if len(c.tokens) > 1 and key in _end_words(c)]
    if not hits:
        # "Lula" of "Luiz Inácio Lula da Silva", "López" of "Andrés Manuel López
        # Obrador": in long names the word a person goes by may be a middle one
        hits = [c for c in clusters if key in _middle_words(c)]
    if len(hits) > 1:
        firsts = sorted((min(s for s, _, _ in c.mentions), i) for i, c in enumerate(hits) if c.mentions)
        hits = [hits[firsts[0][1]]] if len(firsts) == len(hits) and firsts[-1][0] < at else hits
    if len(hits) != 1:
        return None, ""
    if key not in (normalise_name(hits[0].tokens[0]), normalise_name(hits[0].tokens[-1])):
        return hits[0], "name"
    return hits[0], _part_kind(hits[0], word)


def _middle_words(cluster: PersonCluster) -> set[str]:
    """Capitalised inner words of a name of three words or more; not a particle ("Al"
    of "Salman bin Abdulaziz Al Saud" is no name of its own: "the Al-Yamamah Palace")."""
    forms = [cluster.tokens] + [s.split() for s in cluster.surfaces if len(s.split()) > 1]
    particles = name_words().name_particles
    return {normalise_name(w) for words in forms if len(words) >= 3 for w in words[1:-1]
            if w[:1].isupper() and w.lower() not in particles}


def _end_words(cluster: PersonCluster) -> set[str]:
    """First and last words of the person's name and of the full forms written."""
    forms = [cluster.tokens] + [s.split() for s in cluster.surfaces if len(s.split()) > 1]
    return {normalise_name(words[i]) for words in forms for i in (0, -1)}


def _part_kind(cluster: PersonCluster, word: str) -> str:
    """"first" or "last" word of the full name; see part_kind_for_country."""
    return "first" if normalise_name(cluster.tokens[0]) == normalise_name(word) else "last"


def part_kind_for_country(kind: str, country: str | None) -> str:
    """Mention kind of a one-word reference, knowing the person's country.

    In Chinese, Korean and Vietnamese names the family name comes first ("Xi" of Xi
    Jinping is a surname); elsewhere the first word is the given name ("Imran").
    """
    if kind not in ("first", "last"):
        return kind
    family_first = country in name_words().family_name_first
    if kind == "first":
        return "surname" if family_first else "given_name"
    return "given_name" if family_first else "surname"


def link_loose_surnames(doc: Doc, clusters: list[PersonCluster], taken: set[int]) -> None:
    """Single capitalised words NER did not tag PERSON ("Alvi said") that name one person."""
    for token in doc:
        # the small model tags some sentence-initial names as nouns ("Pushpa welcomed ...")
        if token.i in taken or not token.is_title or token.pos_ not in ("PROPN", "NOUN"):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(n.pos_ == "PROPN" and n.is_title for n in neighbours):
            continue  # part of some other name
        cluster, kind = _resolve_single(token.text, clusters, token.i)
        if cluster is not None:
            cluster.mentions.append((token.i, token.i + 1, kind))
            taken.add(token.i)
