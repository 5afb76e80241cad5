"""Gate: a cheap first pass that picks the parts of an article worth a full parse.

Owns: splitting text into sentences by regular expression, recognising diplomatic
trigger words (the event vocabulary of `data/event_types.toml` plus titles of office),
choosing which sentences need the full spaCy pipeline, and stitching parsed and
tokenised-only pieces back into one `Doc` over the whole text.

Why: most news text is not about diplomacy, and the events stage only ever looks at
sentences that carry a trigger. Parsing only those sentences, their neighbours (for
coreference and dates) and the reported speech that follows them gives the later
stages the same analysis of every sentence that matters, for a fraction of the cost.

The stitched Doc keeps `doc.text == text` and every `token.idx` identical to a full
parse of the same text, so downstream offsets are unchanged. Sentences that were not
parsed carry no tags or lemmas. Those that name someone the parsed sentences mention
(a full name whose surname a parsed sentence uses) still get named entities (spaCy's
entity recogniser runs on them alone, cheaply), so that surnames resolve; with
`outside="ner"` every unparsed sentence gets them. Each unparsed sentence is one flat tree
(first token `ROOT`, the rest attached to it with the label `SKIPPED_DEP`) so that
`doc.sents` still yields it as a sentence of its own.
"""

from __future__ import annotations

import re
import tomllib
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy

EVENT_TYPES_PATH = Path(__file__).parent / "data" / "event_types.toml"

# Sentences kept on each side of a trigger sentence: events take participants, dates and
# pronoun antecedents from next door (with 1, ~10% of T17 events came out different).
NEIGHBOURS = 2
MAX_SPEECH_FOLLOW = 4  # reported-speech sentences kept after a trigger sentence's window
SKIPPED_DEP = "dep"  # spaCy's label for an unclassified dependency
MAX_PIECE_CHARS = 10000  # longest stretch of sentences handed to spaCy as one Doc

# Titles and offices that introduce the people events are about: a sentence naming a
# minister is where the actors stage learns the full name a later trigger uses. They
# are weak triggers: the sentence is parsed, its neighbours are not (for them).
TITLE_WORDS = [
    "minister", "ministry", "ministries", "president", "presidential", "premier",
    "chancellor", "king", "queen", "emir", "sultan", "prince", "sheikh", "monarch",
    "envoy", "ambassador", "embassy", "embassies", "consul", "diplomat", "diplomats",
    "diplomatic", "diplomacy", "delegation", "delegations", "delegate", "delegates",
    "secretary", "spokesman", "spokeswoman", "spokesperson", "counterpart", "counterparts",
    "councillor", "councilor", "chairman", "chairwoman", "head of state", "heads of state",
    "head of government", "foreign office", "state department", "bilateral",
]
# Other weak forms: "spoke with" often reports a call, but mostly it reports speech.
WEAK_FORMS = ["spoke", "spoken"]

# Strong trigger lemmas of our own, beyond the event vocabulary: the words a readout
# uses for contact between states. Inflected by `_inflections`.
TRIGGER_LEMMAS = [
    "meet", "talks", "visit", "phone", "telephone", "message", "letter", "congratulate",
    "congratulation", "condolence", "felicitation", "greeting", "sign", "agreement",
    "treaty", "memorandum", "mou", "statement", "communique", "summit",
    "negotiate", "negotiation", "consult", "consultation", "host", "receive", "welcome",
    "conversation", "envoy",
]
# Exact forms that must not be stemmed ("call" would reach "called for", "accord"
# would reach "according").
TRIGGER_FORMS = ["call", "calls", "accord", "accords", "memoranda", "mous", "communiqué", "communiqués"]

# Irregular forms of trigger verbs that a stem does not reach.
IRREGULAR_FORMS = {
    "meet": ["met"], "speak": ["spoke", "spoken"], "send": ["sent"], "write": ["wrote", "written"],
    "hold": ["held"], "fly": ["flew", "flown"], "tell": ["told"], "make": ["made"],
    "pay": ["paid"], "give": ["gave", "given"], "come": ["came"], "go": ["went", "gone"],
    "see": ["saw", "seen"], "take": ["took", "taken"], "sit": ["sat"], "lead": ["led"],
    "say": ["said"], "stand": ["stood"],
}

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "adm",
    "sgt", "sen", "rep", "gov", "pres", "amb", "st", "jr", "sr", "no", "nos", "vs", "etc",
    "inc", "co", "corp", "ltd", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "u.s", "u.n", "u.k", "e.u", "mt", "fig",
}

# A candidate sentence end: terminal punctuation, optional closing quotes/brackets
# (including PTB-style '' and -RRB- of pre-tokenised corpora), then whitespace before
# something that can open a sentence. Line breaks always end a sentence.
_END_RE = re.compile(
    r"""[.!?]+(?:\s*(?:''|["'\u2019\u201d)\]]|-RRB-))*\s+(?=(?:``|["'\u2018\u201c(\[]|-LRB-)?\s*[A-Z0-9])"""
    r"""|\n\s*"""
)
_WORD_BEFORE_RE = re.compile(r"([\w.]+)\s*[.!?]+$")


# ------------------------------------------------------------------ sentences


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split `text` into sentences that cover it exactly, end to end.

    Each sentence runs from its first character to the start of the next one, so
    trailing whitespace belongs to the sentence before it; joining the pieces gives
    back the text. Cheap and approximate: a missed boundary only makes a piece longer.
    """
    sentences: list[tuple[int, int]] = []
    start = 0
    for match in _END_RE.finditer(text):
        end = match.end()
        if end >= len(text):
            break
        if match.group(0)[0] != "\n" and _ends_in_abbreviation(text, start, match.start()):
            continue
        if end > start:
            sentences.append((start, end))
            start = end
    if start < len(text):
        sentences.append((start, len(text)))
    return sentences


def _ends_in_abbreviation(text: str, start: int, stop: int) -> bool:
    """True when the full stop at `stop` follows a title, initial or short form."""
    found = _WORD_BEFORE_RE.search(text, max(start, stop - 24), stop + 1)
    if not found:
        return False
    word = found.group(1).rstrip(".").lower()
    if len(word) == 1 and word.isalpha():  # an initial: "George W. Bush"
        return True
    return word in ABBREVIATIONS


# ------------------------------------------------------------------- triggers


@dataclass(frozen=True)
class Vocabulary:
    """The compiled matchers the gate uses.

    strong: event triggers; the sentence, its neighbours and the speech after it are kept.
    weak: titles of office and evidence-only words; the sentence alone is kept.
    speech: reported speech (what the parties said after a trigger sentence).
    """

    strong: re.Pattern
    weak: re.Pattern
    speech: re.Pattern
    sources: tuple[str, ...] = field(default_factory=tuple)


# Endings a stem may take: plural, past, participle, and the -ion/-or nouns of verbs
# ("negotiation", "visitor"). Deliberately closed: "trip" must not reach "Tripoli".
_ENDINGS = r"(?:s|es|d|ed|ing|ings|ion|ions|ation|ations|or|ors|er|ers|ment|ments)?"


def _inflections(lemma: str) -> str:
    """A regex reaching the inflected forms of a verb or noun lemma."""
    lemma = lemma.replace("_", " ").lower()
    forms = [re.escape(f) for f in IRREGULAR_FORMS.get(lemma, [])]
    word = re.escape(lemma).replace(r"\ ", r"\s+")
    forms.append(word + _ENDINGS)
    if len(lemma) > 3 and lemma.endswith("e"):  # negotiate -> negotiating, negotiation
        forms.append(re.escape(lemma[:-1]) + _ENDINGS)
    elif len(lemma) > 3 and lemma.endswith("y"):  # accompany -> accompanied, accompanies
        forms.append(re.escape(lemma[:-1]) + r"(?:ies|ied|iment)")
    if len(lemma) > 2 and lemma[-1] in "lnprt" and lemma[-2] in "aeiou":  # confer -> conferred
        forms.append(re.escape(lemma + lemma[-1]) + r"(?:ed|ing)")
    return "|".join(forms)


def _toml_vocabulary(path: Path) -> dict[str, list[str]]:
    """Trigger lemmas and patterns from the event types table (empty if absent)."""
    found: dict[str, list[str]] = {"lemmas": [], "patterns": [], "weak": [], "weak_lemmas": [], "speech": []}
    if not path.exists():
        return found
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    for spec in table.get("types", {}).values():
        found["lemmas"] += spec.get("verbs", []) + spec.get("nouns", []) + spec.get("needs_object", [])
        found["patterns"] += spec.get("patterns", [])
        found["weak"] += spec.get("weak", [])
    # people present at or accompanying an event are named in sentences of their own
    extra = table.get("roles_extra", {})
    found["weak_lemmas"] += extra.get("present", []) + extra.get("accompanying", [])
    found["speech"] += table.get("speech", {}).get("verbs", [])
    return found


def _alternation(parts: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in dict.fromkeys(parts) if p)


def _words(lemmas: Iterable[str] = (), forms: Iterable[str] = ()) -> str:
    """A regex for whole words: inflected `lemmas` and exact `forms` (spaces: any gap)."""
    lemmas, forms = [w.lower() for w in lemmas], [w.lower() for w in forms]
    parts = [_inflections(w) for w in lemmas] + [re.escape(w).replace(r"\ ", r"\s+") for w in forms]
    # The lookahead on first letters lets the regex engine skip most positions
    # quickly (a bare \b alternation is tried branch by branch everywhere).
    irregular = [f for w in lemmas for f in IRREGULAR_FORMS.get(w, [])]
    firsts = "".join(sorted({w[0] for w in lemmas + forms + irregular if w}))
    firsts = re.escape(firsts + firsts.upper())
    return rf"(?=[{firsts}])\b(?:{_alternation(parts)})\b"


@lru_cache(maxsize=4)
def load_vocabulary(path: Path = EVENT_TYPES_PATH) -> Vocabulary:
    """Compile the trigger and reported-speech matchers (once per process)."""
    toml = _toml_vocabulary(path)
    strong = [_words(toml["lemmas"] + TRIGGER_LEMMAS, TRIGGER_FORMS)] + toml["patterns"]
    weak = [_words(toml["weak_lemmas"], TITLE_WORDS + WEAK_FORMS)] + toml["weak"]
    speech = _words(toml["speech"] or ["say", "tell", "add", "stress"])
    # an opening quote also marks reported speech ("..." or PTB-style ``)
    speech += r"|``|[\"\u201c]"
    return Vocabulary(
        strong=re.compile(_alternation(strong), re.IGNORECASE),
        weak=re.compile(_alternation(weak), re.IGNORECASE),
        speech=re.compile(speech, re.IGNORECASE),
        sources=(str(path),) if path.exists() else (),
    )


def needs_parse(text: str) -> bool:
    """False for an article with no diplomatic trigger anywhere: nothing to parse."""
    vocabulary = load_vocabulary()
    return vocabulary.strong.search(text) is not None or vocabulary.weak.search(text) is not None


# ------------------------------------------------------------------ selection


def select_sentences(text: str, sentences: list[tuple[int, int]] | None = None) -> list[bool]:
    """For each sentence of `text`, whether it needs the full pipeline.

    Kept: sentences with a strong trigger, `NEIGHBOURS` sentences either side
    (pronouns and dates often sit next door) and up to `MAX_SPEECH_FOLLOW`
    consecutive reported-speech sentences after that window (what the parties said);
    sentences with a weak trigger (a title of office); and the first sentence of an
    article that has any trigger (headline or dateline: place and date of the report).
    """
    if sentences is None:
        sentences = split_sentences(text)
    vocabulary = load_vocabulary()
    strong = [vocabulary.strong.search(text, s, e) is not None for s, e in sentences]
    keep = [bool(vocabulary.weak.search(text, s, e)) for s, e in sentences]
    if not any(strong) and not any(keep):
        return keep
    keep[0] = True
    for i in (i for i, triggered in enumerate(strong) if triggered):
        for j in range(max(0, i - NEIGHBOURS), min(len(sentences), i + NEIGHBOURS + 1)):
            keep[j] = True
        for j in range(i + NEIGHBOURS + 1, min(len(sentences), i + NEIGHBOURS + 1 + MAX_SPEECH_FOLLOW)):
            if not vocabulary.speech.search(text, *sentences[j]):
                break
            keep[j] = True
    return keep


def select_segments(text: str) -> list[tuple[int, int]]:
    """Character ranges of `text` that need the full spaCy pipeline.

    Runs of adjacent kept sentences are merged into one range (up to
    `MAX_PIECE_CHARS`), so each range parses as a coherent stretch of text. Ranges
    are sorted and do not overlap; empty when the article has no trigger at all.
    """
    return plan(text, TOKENS).parsed


def _runs(sentences: list[tuple[int, int]], modes: list[str]) -> list[tuple[int, int, str]]:
    """Merge adjacent sentences with the same mode into (start, end, mode) runs.

    A run grows to at most `MAX_PIECE_CHARS` (unless one sentence is longer): spaCy's
    memory grows with the length of a Doc, and long transcripts must not decide the
    peak memory of a whole ingest.
    """
    runs: list[tuple[int, int, str]] = []
    for (s, e), mode in zip(sentences, modes):
        if runs and runs[-1][2] == mode and runs[-1][1] == s and e - runs[-1][0] <= MAX_PIECE_CHARS:
            runs[-1] = (runs[-1][0], e, mode)
        else:
            runs.append((s, e, mode))
    return runs


# ------------------------------------------------------------------ outside


# A run of two or more capitalised words: the shape of a full name ("Imran Khan",
# "Wang Yi", "Shah Mahmood Qureshi", "George W. Bush").
_NAME_SHAPE = re.compile(r"\b[A-Z][\w'\-]+(?:\s+(?:[A-Z]\.\s*)?[A-Z][\w'\-]+)+")
_CAPITALISED = re.compile(r"\b[A-Z][\w'\-]+")


def _linked(text: str, sentences: list[tuple[int, int]], keep: list[bool]) -> list[bool]:
    """For each unselected sentence: does it name someone the selected sentences mention?

    The one thing the later stages take from an unselected sentence is who it names:
    a full name ("Imran Khan") lets a selected sentence's bare surname ("Khan said")
    resolve. So an unselected sentence is worth the entity recogniser when a
    name-shaped run of capitalised words in it shares a word with the selected text.
    """
    selected = {w for (s, e), kept in zip(sentences, keep) if kept for w in _CAPITALISED.findall(text, s, e)}
    return [
        not kept and any(w in selected for m in _NAME_SHAPE.finditer(text, s, e)
                         for w in _CAPITALISED.findall(m.group()))
        for (s, e), kept in zip(sentences, keep)
    ]


# ------------------------------------------------------------------ stitching


PARSE, NER, TOKENS = "parse", "ner", "tokens"  # what a piece of text goes through
OUTSIDE_MODES = ("linked", NER, TOKENS)


@dataclass
class Plan:
    """How one text is parsed: its pieces in order, and what each piece goes through."""

    text: str
    pieces: list[tuple[int, int, str]]  # (start, end, PARSE | NER | TOKENS) covering the text
    sentences: list[tuple[int, int]]

    @property
    def parsed(self) -> list[tuple[int, int]]:
        return [(s, e) for s, e, mode in self.pieces if mode == PARSE]


def plan(text: str, outside: str = "linked") -> Plan:
    """Split `text` into pieces to parse, to give entities only, and to tokenise only."""
    sentences = split_sentences(text)
    keep = select_sentences(text, sentences)
    if outside == "linked":
        tagged = _linked(text, sentences, keep) if any(keep) else [False] * len(keep)
    else:
        tagged = [outside == NER] * len(keep)
    modes = [PARSE if kept else NER if tag else TOKENS for kept, tag in zip(keep, tagged)]
    return Plan(text=text, pieces=_runs(sentences, modes), sentences=sentences)


def is_parsed(span) -> bool:
    """Whether a sentence (or any span) of a gated Doc went through the whole pipeline.

    Lets a stage skip, cheaply, the sentences the gate left unparsed (they have no
    tags, lemmas or syntax to look at).
    """
    return len(span) > 0 and bool(span[0].tag_)


def _standalone_ner(nlp):
    """The entity recogniser, if it can run without the shared tok2vec (else None)."""
    if "ner" not in nlp.pipe_names:
        return None
    for _, component in nlp.pipeline:
        if "ner" in getattr(component, "listening_components", []):
            return None  # it reads another component's vectors: cannot run alone
    return nlp.get_pipe("ner")


def parse_gated(
    nlp, texts: Iterable[str], batch_size: int = 16, n_process: int = 1, outside: str = "linked"
) -> Iterator:
    """Like `nlp.pipe(texts)`, but only the selected segments go through the whole pipeline.

    Yields one Doc per input text, in order, over the whole text. The rest of the text
    (`outside` the selected segments) is only tokenised, except where spaCy's entity
    recogniser, run on its own (a quarter of the pipeline's cost), is worth it:

    - `"linked"` (the default): sentences with a name-shaped run of capitalised words
      that shares a word with the selected text, where the actors stage finds the full
      names of the people the selected sentences mention;
    - `"ner"`: every sentence outside (every person the article names is found);
    - `"tokens"`: none.

    See the module docstring for what unparsed sentences look like. Texts stream
    through one `nlp.pipe` call (and one `ner.pipe` call), so batching and `n_process`
    work as usual and memory stays bounded by spaCy's own look-ahead.
    """
    if outside not in OUTSIDE_MODES:
        raise ValueError(f"outside must be one of {', '.join(OUTSIDE_MODES)}, not {outside!r}")
    ner = _standalone_ner(nlp) if outside != TOKENS else None
    source = iter(texts)
    plans: deque[Plan] = deque()
    to_parse: deque[str] = deque()
    to_tag: deque[str] = deque()

    def advance() -> bool:
        """Plan the next text and queue its pieces; False when the texts are used up."""
        text = next(source, None)
        if text is None:
            return False
        current = plan(text, outside if ner is not None else TOKENS)
        plans.append(current)  # queued before any of its pieces can come back
        to_parse.extend(text[s:e] for s, e, mode in current.pieces if mode == PARSE)
        to_tag.extend(text[s:e] for s, e, mode in current.pieces if mode == NER)
        return True

    def feed(queue: deque[str]) -> Iterator[str]:
        while True:
            while not queue:
                if not advance():
                    return
            yield queue.popleft()

    parsed = iter(nlp.pipe(feed(to_parse), batch_size=batch_size, n_process=n_process))
    tagged = iter(ner.pipe((nlp.make_doc(t) for t in feed(to_tag)), batch_size=batch_size)) \
        if ner is not None else iter(())
    while plans or advance():
        current = plans[0]
        docs = {PARSE: [next(parsed) for s, e, mode in current.pieces if mode == PARSE],
                NER: [next(tagged) for s, e, mode in current.pieces if mode == NER]}
        plans.popleft()
        yield stitch(nlp, current, docs[PARSE], docs[NER])


def stitch(nlp, current: Plan, parsed_docs: list, tagged_docs: list | None = None):
    """One Doc over `current.text` from the Docs of its pieces.

    `parsed_docs` are the Docs of the PARSE pieces, `tagged_docs` those of the NER
    pieces (when None, those pieces are tokenised here); TOKENS pieces are tokenised
    here.
    """
    from spacy.tokens import Doc

    if not current.text:
        return nlp.make_doc("")
    parsed_iter = iter(parsed_docs)
    tagged_iter = iter(tagged_docs or ())
    docs = []
    for s, e, mode in current.pieces:
        if mode == PARSE:
            docs.append(next(parsed_iter))
            continue
        doc = next(tagged_iter) if mode == NER and tagged_docs is not None else nlp.make_doc(current.text[s:e])
        docs.append(_flatten(nlp, doc, s, current.sentences))
    if len(docs) == 1 and current.pieces[0][2] == PARSE:
        return docs[0]
    # ensure_whitespace=False: the pieces already carry their own whitespace, so the
    # concatenation is exactly the original text and every token.idx is unchanged.
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data"])


def _flatten(nlp, doc, start: int, sentences: list[tuple[int, int]]):
    """Give each sentence of an unparsed piece (starting at `start`) a flat tree.

    The flat tree exists only to mark sentence boundaries in the stitched Doc (spaCy
    derives them from heads once any part of a Doc is parsed); its arcs carry no
    syntax, which the `SKIPPED_DEP` label says.
    """
    from spacy.attrs import DEP, HEAD

    if not len(doc):
        return doc
    end = start + doc[-1].idx + len(doc[-1].text_with_ws)  # (doc.text would rebuild it)
    idx = numpy.fromiter((t.idx for t in doc), dtype=numpy.int64, count=len(doc))
    starts = [s - start for s, _ in sentences if start <= s < end]
    # token index of each sentence's first token: the first token at or after its start
    roots = numpy.searchsorted(idx, starts)
    roots = roots[roots < len(doc)]
    root_of = numpy.zeros(len(doc), dtype=numpy.int64)
    root_of[roots] = roots
    root_of = numpy.maximum.accumulate(root_of)
    heads = root_of - numpy.arange(len(doc), dtype=numpy.int64)
    strings = nlp.vocab.strings
    deps = numpy.where(heads == 0, strings.add("ROOT"), strings.add(SKIPPED_DEP)).astype(numpy.uint64)
    doc.from_array([HEAD, DEP], numpy.stack([heads.astype(numpy.uint64), deps], axis=1))
    return doc
