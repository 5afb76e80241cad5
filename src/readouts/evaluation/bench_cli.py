"""Benchmark command line: `python bench/throughput.py` and its measured child runs.

Owns: the options of the throughput benchmark, running one measured mode in a child
process (`--mode`, used by `throughput.measure`), the gate-agreement check
(`--agreement N`), and printing the figures and the ratio line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import default_data_dir
from .agreement import agreement_main
from .throughput import MODES, T17_DIR, BenchmarkError, child_main, render_markdown, run_benchmark, t17_files


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Throughput of the whole readouts pipeline against bare spaCy on T17.")
    parser.add_argument("--data-dir", type=Path, default=None, help="shared data dir (default: ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="first N T17 articles (default: all)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--repeats", type=int, default=1, help="alternating repeats per mode")
    parser.add_argument("--scaling", type=int, default=None, metavar="N",
                        help="also time readouts at N, 2N, 4N articles")
    parser.add_argument("--skip-readouts", action="store_true", help="bare spaCy only")
    parser.add_argument("--gate", action="store_true",
                        help="also time bare spaCy through the gate (no later stages)")
    parser.add_argument("--all-names", action="store_true",
                        help="also time the pipeline with `--names all`")
    parser.add_argument("--modes", default=None,
                        help=f"comma-separated runs to time instead (any of {', '.join(MODES)})")
    parser.add_argument("--markdown", action="store_true", help="print the markdown section too")
    parser.add_argument("--agreement", type=int, default=None, metavar="N",
                        help="only compare events with and without the gate on the first N "
                             "T17 articles, the seed articles and the example corpus (no timing)")
    parser.add_argument("--names", choices=("linked", "all"), default="linked",
                        help="with --agreement: the gate as `readouts ingest --names` runs it")
    # child-process options (used by the harness itself)
    parser.add_argument("--mode", choices=MODES, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.mode:  # one measured run, in this (child) process
        workdir = args.workdir or args.corpus.parent
        print(json.dumps(child_main(args.mode, args.corpus, args.jobs, workdir)))
        return 0
    data_dir = args.data_dir or default_data_dir()
    if not t17_files(data_dir):
        print(f"no T17 articles under {data_dir / T17_DIR}", file=sys.stderr)
        return 2
    if args.agreement is not None:
        return agreement_main(data_dir, args.agreement, "ner" if args.names == "all" else "linked")
    modes = ("spacy",) + (("gated",) if args.gate else ())
    if not args.skip_readouts:
        modes += ("readouts",) + (("readouts-all-names",) if args.all_names else ())
    if args.modes:
        modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
        unknown = [m for m in modes if m not in MODES]
        if unknown:
            print(f"unknown mode(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
    command = "python bench/throughput.py " + " ".join(argv if argv is not None else sys.argv[1:])
    try:
        bench = run_benchmark(data_dir, limit=args.limit, jobs=args.jobs, repeats=args.repeats,
                              modes=modes, scaling_base=args.scaling, command=command.strip(),
                              on_line=print)
    except BenchmarkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print()
    for m in bench.runs.values():
        print(m.line())
    if "gated" in bench.runs and "spacy" in bench.runs:
        gain = bench.runs["gated"].articles_per_s / bench.runs["spacy"].articles_per_s
        print(f"gate speed-up over bare spaCy: {gain:.2f}x")
    if bench.gate and bench.gate.sentences:
        print(f"gate keeps {bench.gate.sentences_kept / bench.gate.sentences:.1%} of sentences, "
              f"{bench.gate.chars_kept / bench.gate.chars:.1%} of characters")
    if args.markdown:
        print()
        print(render_markdown(bench))
    if bench.ratio_of("readouts-all-names") is not None:
        print(f"ratio readouts-all-names/spacy: {bench.ratio_of('readouts-all-names'):.2f}")
    print(bench.ratio_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
