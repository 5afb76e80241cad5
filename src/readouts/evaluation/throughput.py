"""Throughput: speed and memory of the whole pipeline against bare spaCy on T17.

Owns: streaming the Timeline17 articles into a benchmark corpus, the child-process
runners (one per mode), the scaling check, and the markdown section for
docs/benchmarks.md. Memory sampling lives in `memory`, the gate-agreement check in
`agreement`, the command line in `bench_cli`.

Method. Every mode runs in its own subprocess
(`python -m readouts.evaluation.bench_cli --mode MODE --corpus FILE`), so its memory is
measured cleanly: the parent samples the total resident set (RSS) of the child and all
its descendants every 0.2 s through /proc and keeps the maximum ("peak RSS"). Modes:

- `spacy`: bare spaCy, `nlp.pipe(texts, n_process=jobs)` with the pipeline's model,
  consuming the docs and doing nothing else (the baseline);
- `gated`: the same, through `readouts.gate.parse_gated` (only selected segments parsed);
- `readouts`: the real `readouts.pipeline.ingest` from the .jsonl file to merged
  events in a fresh DuckDB store, with `jobs` worker processes;
- `readouts-all-names`: the same with `readouts ingest --names all` (the entity
  recogniser over every unselected sentence too).

Times are measured inside the child from the start of the work (model loading
included, interpreter start-up excluded). Words are whitespace tokens of the input
texts, the same count for every mode. The ratio is readouts articles/s over bare
spaCy articles/s in the same run on the same texts.
"""

from __future__ import annotations

import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import Section
from .memory import MB, SAMPLE_SECONDS, MemorySampler

T17_DIR = "t17-timelines"
MODES = ("spacy", "gated", "readouts", "readouts-all-names")
# what each readouts mode does with the sentences the gate does not parse
OUTSIDE = {"readouts": "linked", "readouts-all-names": "ner"}
BARE_BATCH = 16  # texts per nlp.pipe batch: the pipeline's PIPE_BATCH, for a fair baseline


class BenchmarkError(RuntimeError):
    """A benchmark child process failed; carries the tail of its stderr."""


# -------------------------------------------------------------------- corpus


def t17_files(data_dir: Path) -> list[Path]:
    """The T17 article files in a fixed order (sorted topic folder names)."""
    return sorted((data_dir / T17_DIR).glob("*/articles.json"))


def iter_t17(data_dir: Path, limit: int | None = None) -> Iterator[dict]:
    """T17 articles as .jsonl records {id, published, outlet, text}, deterministic order.

    Each articles.json is a single JSON list, so it is parsed whole (one file at a
    time); records are converted and handed out lazily.
    """
    taken = 0
    for path in t17_files(data_dir):
        for item in json.loads(path.read_text(encoding="utf-8")):
            if limit is not None and taken >= limit:
                return
            text = item.get("text") or ""
            if not text.strip():
                continue
            taken += 1
            yield {"id": str(item.get("uid", taken)), "published": item.get("dct"),
                   "outlet": path.parent.name, "text": text}


@dataclass
class Corpus:
    path: Path
    articles: int
    words: int


def write_corpus(records: Iterable[dict], path: Path) -> Corpus:
    """Write records to a .jsonl file, counting articles and whitespace words."""
    articles = words = 0
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
            words += len(record["text"].split())
    return Corpus(path, articles, words)


def iter_corpus_texts(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)["text"]


# --------------------------------------------------------------- child modes


def work_spacy(corpus: Path, jobs: int) -> dict:
    """Bare spaCy over the corpus texts: parse, consume, nothing else."""
    from readouts.annotate import load_nlp

    nlp = load_nlp()
    docs = sum(1 for _ in nlp.pipe(iter_corpus_texts(corpus), batch_size=BARE_BATCH, n_process=jobs))
    return {"docs": docs}


def work_gated(corpus: Path, jobs: int) -> dict:
    """Bare spaCy through the gate: only selected segments are parsed."""
    from readouts.annotate import load_nlp
    from readouts.gate import parse_gated

    nlp = load_nlp()
    docs = sum(1 for _ in parse_gated(nlp, iter_corpus_texts(corpus), batch_size=BARE_BATCH, n_process=jobs))
    return {"docs": docs}


def work_readouts(corpus: Path, jobs: int, workdir: Path, outside: str = "linked") -> dict:
    """The real ingest: read → clean → parse/analyse → store → merge, into a fresh DB."""
    from readouts.pipeline import ingest
    from readouts.store import Store

    db = workdir / "throughput.duckdb"
    for stale in (db, db.with_suffix(".duckdb.wal")):
        stale.unlink(missing_ok=True)
    store = Store(db)
    try:
        report = ingest([corpus], store, jobs=jobs, outside=outside)
    finally:
        store.close()
    return {"stored": report.stored, "duplicates": report.duplicates,
            "skipped": sum(report.skipped.values()), "events": report.events,
            "summary": report.summary()}


def child_main(mode: str, corpus: Path, jobs: int, workdir: Path) -> dict:
    started = time.perf_counter()
    if mode == "spacy":
        extra = work_spacy(corpus, jobs)
    elif mode == "gated":
        extra = work_gated(corpus, jobs)
    elif mode in OUTSIDE:
        extra = work_readouts(corpus, jobs, workdir, OUTSIDE[mode])
    else:
        raise ValueError(f"unknown mode {mode!r}; expected one of {', '.join(MODES)}")
    return {"mode": mode, "seconds": time.perf_counter() - started, **extra}


# --------------------------------------------------------------- measuring


@dataclass
class Measurement:
    mode: str
    articles: int
    words: int
    seconds: float
    peak_rss_mb: float
    processes: int
    extra: dict = field(default_factory=dict)

    @property
    def articles_per_s(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        summary = f"\n{'':<15}{self.extra['summary']}" if "summary" in self.extra else ""
        return (f"{self.mode:<14} {self.articles:>6,} articles {self.words:>10,} words  "
                f"{self.articles_per_s:8.2f} articles/s {self.words_per_s:10,.0f} words/s  "
                f"peak RSS {self.peak_rss_mb:7.0f} MB ({self.processes} processes)" + summary)


def measure(mode: str, corpus: Corpus, jobs: int, workdir: Path) -> Measurement:
    """Run one mode in a subprocess, sampling its process tree's memory."""
    command = [sys.executable, "-m", "readouts.evaluation.bench_cli", "--mode", mode,
               "--corpus", str(corpus.path), "--jobs", str(jobs), "--workdir", str(workdir)]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, stdout=out, stderr=err)
        sampler = MemorySampler(child.pid)
        while child.poll() is None:
            sampler.sample()
            time.sleep(SAMPLE_SECONDS)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if child.returncode != 0:
        tail = "\n".join(stderr.strip().splitlines()[-15:])
        raise BenchmarkError(f"{mode} run failed (exit {child.returncode}):\n{tail}")
    result = json.loads(stdout.strip().splitlines()[-1])
    if "docs" in result and result["docs"] != corpus.articles:
        raise BenchmarkError(f"{mode} run returned {result['docs']} docs for {corpus.articles} texts")
    if mode.startswith("readouts") and corpus.articles and not result.get("stored"):
        # a pipeline that fails on every article is fast for the wrong reason
        raise BenchmarkError(f"{mode} run stored no articles: {result.get('summary')}")
    return Measurement(mode=mode, articles=corpus.articles, words=corpus.words,
                       seconds=result.pop("seconds"), peak_rss_mb=sampler.peak_bytes / MB,
                       processes=sampler.max_processes, extra=result)


def median_measurement(runs: list[Measurement]) -> Measurement:
    """The run with the median time (peak RSS: the largest seen over all runs)."""
    ordered = sorted(runs, key=lambda m: m.seconds)
    chosen = ordered[(len(ordered) - 1) // 2]
    return Measurement(chosen.mode, chosen.articles, chosen.words,
                       statistics.median(m.seconds for m in runs),
                       max(m.peak_rss_mb for m in runs), chosen.processes, chosen.extra)


# --------------------------------------------------------------- benchmark


@dataclass
class GateShare:
    """What the gate keeps on the benchmark texts."""

    articles: int = 0
    articles_parsed: int = 0
    sentences: int = 0
    sentences_kept: int = 0
    chars: int = 0
    chars_kept: int = 0


def gate_share(texts: Iterable[str]) -> GateShare:
    from readouts.gate import select_sentences, split_sentences

    share = GateShare()
    for text in texts:
        sentences = split_sentences(text)
        keep = select_sentences(text, sentences)
        share.articles += 1
        share.articles_parsed += any(keep)
        share.sentences += len(sentences)
        share.sentences_kept += sum(keep)
        share.chars += len(text)
        share.chars_kept += sum(e - s for (s, e), kept in zip(sentences, keep) if kept)
    return share


@dataclass
class Benchmark:
    data_dir: Path
    limit: int | None
    jobs: int
    command: str
    repeats: int = 1
    runs: dict[str, Measurement] = field(default_factory=dict)
    scaling: list[Measurement] = field(default_factory=list)
    gate: GateShare | None = None

    @property
    def ratio(self) -> float | None:
        return self.ratio_of("readouts")

    def ratio_of(self, mode: str) -> float | None:
        if mode in self.runs and "spacy" in self.runs:
            return self.runs[mode].articles_per_s / self.runs["spacy"].articles_per_s
        return None

    def ratio_line(self) -> str:
        ratio = self.ratio
        return f"ratio readouts/spacy: {ratio:.2f}" if ratio is not None else \
            "ratio readouts/spacy: n/a (readouts run skipped)"


def run_benchmark(
    data_dir: Path,
    limit: int | None = None,
    jobs: int = 2,
    repeats: int = 1,
    modes: tuple[str, ...] = ("spacy", "readouts"),
    scaling_base: int | None = None,
    command: str = "",
    on_line=lambda line: None,
) -> Benchmark:
    """Measure every mode on the same corpus (alternating order over repeats)."""
    bench = Benchmark(data_dir, limit, jobs, command, repeats)
    with tempfile.TemporaryDirectory(prefix="readouts-throughput-") as tmp:
        workdir = Path(tmp)
        corpus = write_corpus(iter_t17(data_dir, limit), workdir / "t17.jsonl")
        if not corpus.articles:
            raise BenchmarkError(f"no T17 articles under {data_dir / T17_DIR}")
        bench.gate = gate_share(iter_corpus_texts(corpus.path))
        collected: dict[str, list[Measurement]] = {m: [] for m in modes}
        for _ in range(repeats):
            for mode in modes:  # spacy, readouts, spacy, readouts, ...
                result = measure(mode, corpus, jobs, workdir)
                collected[mode].append(result)
                on_line(result.line())
        bench.runs = {m: median_measurement(r) for m, r in collected.items()}
        if scaling_base:
            for size in (scaling_base, 2 * scaling_base, 4 * scaling_base):
                part = write_corpus(iter_t17(data_dir, size), workdir / f"t17-{size}.jsonl")
                result = measure("readouts", part, jobs, workdir)
                bench.scaling.append(result)
                on_line(f"scaling {part.articles:>6,} articles: "
                        f"{result.seconds / part.articles:.3f} s/article, "
                        f"peak RSS {result.peak_rss_mb:.0f} MB")
    return bench


# ---------------------------------------------------------------- reporting


def machine_facts() -> str:
    return (f"{os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
            f"{platform.processor() or platform.machine()}")


def render_markdown(bench: Benchmark) -> str:
    lines = [
        "Data: Timeline17 (T17) articles, `t17-timelines/*/articles.json` "
        f"({'first ' + str(bench.limit) if bench.limit else 'all'} articles, fixed order), "
        f"`--jobs {bench.jobs}`"
        + (f"; times are the median of {bench.repeats} alternating runs per row." if bench.repeats > 1
           else "."),
        "",
        "| run | articles | words | articles/s | words/s | peak RSS (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    names = {"spacy": "bare spaCy (`nlp.pipe`, same model)", "gated": "bare spaCy through the gate",
             "readouts": "readouts ingest (file → merged events)",
             "readouts-all-names": "readouts ingest --names all"}
    for mode, m in bench.runs.items():
        lines.append(f"| {names[mode]} | {m.articles:,} | {m.words:,} | {m.articles_per_s:.2f} | "
                     f"{m.words_per_s:,.0f} | {m.peak_rss_mb:,.0f} |")
    for mode, m in bench.runs.items():
        if "summary" in m.extra:
            lines += ["", f"{names[mode]}: {m.extra['summary']}."]
    lines += ["", f"**{bench.ratio_line()}** (target ≥ 1.2; peak RSS target < 1,500 MB at --jobs 2)"]
    if bench.ratio_of("readouts-all-names") is not None:
        lines += ["", f"ratio readouts-all-names/spacy: {bench.ratio_of('readouts-all-names'):.2f} "
                  "(`--names all`: every person named anywhere, not only those linked to the "
                  "diplomatic sentences)"]
    if bench.scaling:
        lines += ["", f"Scaling ({names[bench.scaling[0].mode]}, merge included):", "",
                  "| articles | words | seconds | s/article | s per 1,000 words | peak RSS (MB) |",
                  "|---:|---:|---:|---:|---:|---:|"]
        for m in bench.scaling:
            lines.append(f"| {m.articles:,} | {m.words:,} | {m.seconds:.1f} | {m.seconds / m.articles:.3f} | "
                         f"{1000 * m.seconds / max(m.words, 1):.3f} | {m.peak_rss_mb:,.0f} |")
        lines += ["", "Articles differ in length (T17 topics are read in a fixed order), so time per "
                  "1,000 words is the figure to compare across sizes."]
        largest = max(bench.scaling, key=lambda m: m.articles)
        lines += ["", f"Largest run: {largest.articles:,} articles, peak RSS {largest.peak_rss_mb:,.0f} MB "
                  f"over {largest.processes} processes (`--jobs {bench.jobs}`; target < 1,500 MB)."]
    if bench.gate and bench.gate.sentences:
        g = bench.gate
        lines += ["", f"Gate (`readouts.gate`): {g.sentences_kept / g.sentences:.0%} of sentences "
                  f"({g.chars_kept / g.chars:.0%} of characters) selected for the full parse; "
                  f"{g.articles - g.articles_parsed} of {g.articles} articles need no parse."]
    lines += [
        "",
        "Method: each run is a separate subprocess; peak RSS is the maximum over samples "
        f"every {SAMPLE_SECONDS} s of the summed RSS of the run's whole process tree "
        "(parent and workers). Times include model loading, exclude interpreter start-up. "
        "Words are whitespace tokens of the input texts. No published anchor exists for this "
        "corpus: bare spaCy on the same texts in the same run is the anchor.",
        "",
        f"Machine: {machine_facts()}.",
    ]
    if bench.command:
        lines += ["", f"Command: `{bench.command}`"]
    return "\n".join(lines) + "\n"


def figures(bench: Benchmark) -> dict:
    out: dict = {}
    for mode, m in bench.runs.items():
        mode = mode.replace("-", "_")
        out[f"{mode}_articles_per_s"] = round(m.articles_per_s, 3)
        out[f"{mode}_words_per_s"] = round(m.words_per_s, 1)
        out[f"{mode}_peak_rss_mb"] = round(m.peak_rss_mb, 1)
    if bench.ratio is not None:
        out["ratio"] = round(bench.ratio, 3)
    if bench.ratio_of("readouts-all-names") is not None:
        out["ratio_all_names"] = round(bench.ratio_of("readouts-all-names"), 3)
    for m in bench.scaling:
        out[f"scaling_{m.articles}_s_per_article"] = round(m.seconds / m.articles, 4)
        out[f"scaling_{m.articles}_peak_rss_mb"] = round(m.peak_rss_mb, 1)
    if bench.gate and bench.gate.sentences:
        out["gate_sentence_share"] = round(bench.gate.sentences_kept / bench.gate.sentences, 3)
    return out


DEFAULT_LIMIT = 300  # articles of the ratio runs in `readouts eval throughput`
DEFAULT_REPEATS = 3  # alternating runs per mode; the median is reported


def run(data_dir: Path, limit: int | None = None, jobs: int = 2, repeats: int = DEFAULT_REPEATS,
        scaling_base: int | None = None) -> Section:
    """The throughput suite for `readouts eval`.

    The ratio comes from `repeats` alternating runs on the first `limit` articles
    (default 300); the scaling runs go up to the whole corpus (N, 2N, 4N with 4N = all
    articles), which also gives the peak memory of a whole T17 run.
    """
    title = "Throughput against bare spaCy (T17)"
    if not t17_files(data_dir):
        return Section("throughput", title, skipped=f"no T17 articles under {data_dir / T17_DIR}")
    limit = limit or DEFAULT_LIMIT
    if scaling_base is None:
        total = sum(1 for _ in iter_t17(data_dir))
        scaling_base = max(1, math.ceil(total / 4))
    command = (f"python bench/throughput.py --jobs {jobs} --limit {limit} --repeats {repeats} "
               f"--scaling {scaling_base}")
    bench = run_benchmark(data_dir, limit=limit, jobs=jobs, repeats=repeats,
                          scaling_base=scaling_base, command=command)
    return Section("throughput", title, markdown=render_markdown(bench), figures=figures(bench))
