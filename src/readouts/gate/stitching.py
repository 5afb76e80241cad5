"""Stitching: parsing the planned pieces and joining them into one Doc per text.

Owns: streaming the PARSE pieces through the whole spaCy pipeline and the NER pieces
through the entity recogniser alone, tokenising the rest, and stitching the pieces into
one `Doc` with `doc.text == text` and every `token.idx` as in a full parse. Each
unparsed sentence is one flat tree (first token `ROOT`, the rest attached to it with the
label `SKIPPED_DEP`) so that `doc.sents` still yields it as a sentence of its own.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy

from .selection import NER, OUTSIDE_MODES, PARSE, TOKENS, Plan, plan

SKIPPED_DEP = "dep"  # spaCy's label for an unclassified dependency


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
    nlp, texts: Iterable[str], batch_size: int = 16, n_process: int = 1, outside: str = "linked",
    event_types: str | Path | None = None,
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

    `event_types` is the event-types file whose triggers select the sentences to parse.

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
        current = plan(text, outside if ner is not None else TOKENS, event_types)
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
