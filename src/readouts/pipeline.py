"""Pipeline: runs the stages in order over a stream of inputs.

Owns: the order of the stages (read → clean → annotate → actors → dates → events →
merge → store), streaming (the corpus is never loaded whole), parallel analysis with
`jobs` worker processes, batching of database writes, and the ingest report.

The per-article stages (annotate, actors, dates, events) run inside the worker that
parsed the text, so only small typed records cross process boundaries, never Docs.
Writes happen in the main process, one transaction per batch, with the merge stage
inside the same transaction: a failure leaves every earlier batch intact.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter, deque
from contextlib import ExitStack
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from . import merge, neardup
from .annotate import load_nlp
from .clean import clean
from .gate import parse_gated
from .resources import DEFAULT, Resources
from .read import ReadOptions, ReadStats, iter_inputs
from .records import AnalysedArticle, Article, RawArticle, Skip
from .store import Store

BATCH_SIZE = 64  # articles per write transaction
CHUNK_SIZE = 16  # articles per task sent to a worker process
PIPE_BATCH = 16  # spaCy nlp.pipe batch size


@dataclass
class IngestReport:
    """What one `ingest` did, for the summary line and for tests."""

    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    opinion: int = 0  # stored articles treated as opinion or analysis (Article.genre, set by clean)
    skipped: Counter = field(default_factory=Counter)
    events: int = 0
    merged_events: int = 0
    words: int = 0
    seconds: float = 0.0
    read_stats: ReadStats = field(default_factory=ReadStats)
    interrupted: bool = False  # Ctrl-C: the batches before it are stored, the rest is not

    @property
    def read(self) -> int:
        return self.stored + self.duplicates

    def summary(self) -> str:
        skipped = sum(self.skipped.values())
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.skipped.items()))
        parts = [
            f"{self.stored} ingested",
            f"{self.duplicates} duplicates",
            f"{skipped} skipped" + (f" ({reasons})" if reasons else ""),
            f"{self.events} article-level events",
            f"{self.merged_events} merged into existing events",
        ]
        if self.near_duplicates:
            parts.append(f"{self.near_duplicates} near-duplicate articles")
        if self.opinion:
            parts.append(f"{self.opinion} treated as opinion or analysis")
        ignored = self.read_stats.ignored
        if ignored:
            kinds = ", ".join(sorted(self.read_stats.ignored_suffixes))
            parts.append(f"{ignored} files of other types ignored ({kinds})")
        return "; ".join(parts) + f" in {self.seconds:.1f}s"


@dataclass
class Failure:
    """An article whose analysis raised: reported as a skip, never fatal."""

    source: str
    detail: str


# ---------------------------------------------------------------- per-article stages


def analyse(article: Article, doc, resources: Resources = DEFAULT) -> AnalysedArticle:
    """Run actors → dates → events over one parsed article."""
    from . import actors, dates, events

    found = actors.find_actors(article, doc, resources.people())
    timexes = dates.tag(doc, article.published)
    extracted = events.extract_events(article, doc, found, timexes, vocabulary=resources.vocabulary(),
                                      topics=resources.topic_list())
    for event in extracted:
        event.article_id = article.id
    return AnalysedArticle(
        article=article,
        actors=found,
        timexes=timexes,
        events=extracted,
        actor_ids={a.key: actors.actor_id(a) for a in found.actors},
        words=sum(1 for t in doc if not t.is_space and not t.is_punct),
        # here, in the worker, rather than in the process that writes the store
        bands=neardup.signature_bands(article.text),
    )


def _analyse_chunk(articles: list[Article], outside: str = "linked",
                   resources: Resources = DEFAULT) -> list[AnalysedArticle | Failure]:
    # The gate parses only the sentences that can matter (triggers, titles and their
    # neighbours) and tokenises the rest: one Doc per article, same offsets.
    nlp = load_nlp()
    docs = parse_gated(nlp, (a.text for a in articles), batch_size=PIPE_BATCH, outside=outside,
                       event_types=resources.event_types)
    out: list[AnalysedArticle | Failure] = []
    for article, doc in zip(articles, docs):
        try:
            out.append(analyse(article, doc, resources))
        except Exception as exc:  # a bug on one article must not cost the others
            out.append(Failure(article.source, f"analysis failed: {type(exc).__name__}: {exc}"))
    return out


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _in_order(
    articles: Iterable[Article], window: int, submit: Callable, result: Callable
) -> Iterator[AnalysedArticle | Failure]:
    """Submit chunks, keep at most `window` in flight, yield results in input order."""
    pending: deque = deque()
    for chunk in _chunks(articles, CHUNK_SIZE):
        pending.append(submit(chunk))
        while len(pending) >= window:
            yield from result(pending.popleft())
    while pending:
        yield from result(pending.popleft())


def analyse_stream(
    articles: Iterable[Article], jobs: int = 1, outside: str = "linked", resources: Resources = DEFAULT
) -> Iterator[AnalysedArticle | Failure]:
    """Analyse articles in input order; with jobs > 1 in that many worker processes.

    At most 2 × jobs chunks are in flight, so memory stays flat however long the
    stream is. `outside` is the gate's treatment of unselected sentences
    (`readouts.gate.parse_gated`).
    """
    if jobs <= 1:
        for chunk in _chunks(articles, CHUNK_SIZE):
            yield from _analyse_chunk(chunk, outside, resources)
        return
    with multiprocessing.get_context("spawn").Pool(jobs) as pool:
        yield from _in_order(
            articles, 2 * jobs, lambda chunk: pool.apply_async(_analyse_chunk, (chunk, outside, resources)),
            lambda task: task.get(),
        )


def analyse_stream_dask(
    articles: Iterable[Article], scheduler: str, outside: str = "linked", resources: Resources = DEFAULT
) -> Iterator[AnalysedArticle | Failure]:
    """Analyse articles on a Dask cluster, in input order (optional extra `dask`).

    `scheduler` is a scheduler address (tcp://host:8786) or "local" for a cluster of
    this machine's cores. Every worker needs readouts installed. As with local
    workers, at most two chunks per worker thread are in flight.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError("--scheduler needs the dask extra: pip install 'readouts[dask]'") from exc
    with ExitStack() as stack:
        if scheduler == "local":
            scheduler = stack.enter_context(LocalCluster(processes=True, dashboard_address=None))
        client = stack.enter_context(Client(scheduler))
        window = 2 * max(1, sum(client.nthreads().values()))
        yield from _in_order(
            articles, window, lambda chunk: client.submit(_analyse_chunk, chunk, outside, resources, pure=False),
            lambda future: future.result(),
        )


# ---------------------------------------------------------------------- ingestion


def clean_stream(
    inputs: Iterable[RawArticle | Skip],
    store: Store,
    report: IngestReport,
    on_skip: Callable[[str], None],
) -> Iterator[Article]:
    """Clean raw articles; drop (and count) skips and articles already stored."""
    return _unseen(_cleaned(inputs, report, on_skip), store, report)


def _cleaned(
    inputs: Iterable[RawArticle | Skip], report: IngestReport, on_skip: Callable[[str], None]
) -> Iterator[Article]:
    for item in inputs:
        if isinstance(item, Skip):
            report.skipped[item.reason] += 1
            on_skip(str(item))
            continue
        try:
            article = clean(item)
        except Exception as exc:
            report.skipped["malformed"] += 1
            on_skip(f"{item.source}: skipped (malformed) cleaning failed: {exc}")
            continue
        if not article.text.strip():
            report.skipped["empty"] += 1
            on_skip(f"{item.source}: skipped (empty) no article text after cleaning")
            continue
        yield article


def _unseen(articles: Iterable[Article], store: Store, report: IngestReport) -> Iterator[Article]:
    """Drop (and count) articles already stored or already seen in this run.

    The store is asked once per `CHUNK_SIZE` articles, not once per article.
    """
    seen: set[str] = set()
    for chunk in _chunks(articles, CHUNK_SIZE):
        stored = store.known_article_ids([a.id for a in chunk])
        for article in chunk:
            if article.id in seen or article.id in stored:
                report.duplicates += 1
                continue
            seen.add(article.id)
            yield article


def write_batch(store: Store, batch: list[AnalysedArticle], report: IngestReport) -> None:
    """Store a batch of analysed articles and merge their events, atomically."""
    with store.transaction():
        originals = neardup.near_duplicates(store, [
            (item.article.id, item.bands if item.bands is not None else
             neardup.signature_bands(item.article.text))
            for item in batch
        ])
        records = store.write_analysed(batch, originals)
        stats = merge.merge_batch(store, records)
        # a name these articles read as a place, other articles too
        store.drop_people_read_as_places([item.article.id for item in batch])
    report.stored += len(batch)
    report.near_duplicates += len(originals)
    report.opinion += sum(1 for item in batch if item.article.genre == "opinion")
    report.events += len(records)
    report.merged_events += stats.merged
    report.words += sum(item.words for item in batch)


def ingest(
    paths: list[Path],
    store: Store,
    jobs: int = 1,
    on_skip: Callable[[str], None] = lambda line: None,
    on_article: Callable[[AnalysedArticle], None] = lambda item: None,
    batch_size: int = BATCH_SIZE,
    scheduler: str | None = None,
    outside: str = "linked",
    read_options: ReadOptions | None = None,
    resources: Resources = DEFAULT,
) -> IngestReport:
    """Read, analyse, store and merge everything under `paths`.

    Analysis runs in `jobs` local processes, or on a Dask cluster when `scheduler`
    is given; storing and merging always happen here, in order. `outside` says which
    unselected sentences still get named entities (`readouts.gate.parse_gated`);
    `resources` names the user's gazetteer, event-type and topic files.

    Ctrl-C (KeyboardInterrupt) stops the run: the batch being written is rolled back,
    every earlier batch stays, and the report comes back with `interrupted` set; a
    re-run skips what is stored and continues.
    """
    started = time.perf_counter()
    report = IngestReport()
    inputs = iter_inputs(paths, stats=report.read_stats, options=read_options)
    articles = clean_stream(inputs, store, report, on_skip)
    if scheduler:
        results = analyse_stream_dask(articles, scheduler, outside, resources)
    else:
        results = analyse_stream(articles, jobs=jobs, outside=outside, resources=resources)
    try:
        _store_results(results, store, report, on_skip, on_article, batch_size)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        results.close()  # stops the worker processes, also after Ctrl-C
    report.seconds = time.perf_counter() - started
    return report


def _store_results(
    results: Iterator[AnalysedArticle | Failure], store: Store, report: IngestReport,
    on_skip: Callable[[str], None], on_article: Callable[[AnalysedArticle], None], batch_size: int,
) -> None:
    """Write analysed articles in batches of `batch_size`, one transaction each."""
    batch: list[AnalysedArticle] = []
    for result in results:
        if isinstance(result, Failure):
            report.skipped["analysis"] += 1
            on_skip(f"{result.source}: skipped (analysis) {result.detail}")
            continue
        batch.append(result)
        on_article(result)
        if len(batch) >= batch_size:
            write_batch(store, batch, report)
            batch = []
    if batch:
        write_batch(store, batch, report)
