"""Analysis as it ships: evaluation articles through what `readouts ingest` runs.

Owns: the one way the accuracy suites analyse their texts. `as_ingest` is the
configuration `ingest` runs — the gate (`readouts.gate.parse_gated`, names of linked
sentences) then `pipeline.analyse` — so the figures describe what users get.
`full_parse` runs spaCy over the whole text instead; a suite may report it beside
the shipped figure, labelled, to show what the gate costs.
"""

from __future__ import annotations

from collections.abc import Iterable

SHIPPED = "as ingest runs it (gate)"
FULL = "full parse (no gate)"


def as_ingest(articles: Iterable) -> list:
    """One `AnalysedArticle` per article, in order (None where the analysis failed,
    as ingest counts and skips such an article)."""
    from ..pipeline import Failure, analyse_stream

    return [None if isinstance(r, Failure) else r for r in analyse_stream(articles, jobs=1)]


def full_parse(articles: Iterable) -> list:
    """The same analysis with every sentence parsed (None where it failed)."""
    from ..annotate import load_nlp
    from ..pipeline import PIPE_BATCH, analyse

    articles = list(articles)
    results = []
    for article, doc in zip(articles, load_nlp().pipe((a.text for a in articles), batch_size=PIPE_BATCH)):
        try:
            results.append(analyse(article, doc))
        except Exception:  # counted as nothing found, as `as_ingest` does
            results.append(None)
    return results


def analysed(articles: Iterable, full: bool = False) -> list:
    return full_parse(articles) if full else as_ingest(articles)
