"""Size series: one big .txt file of 0.5, 1, 2 and 5 MB through `readouts ingest`.

    python bench/bigfiles.py [--sizes 0.5 1 2 5] [--jobs 2] [--markdown]

Each file is built from distinct English news articles laid end to end (T17 from
../shared/data when present, else the diplomacy-dev articles, else the example
corpus, repeated as needed), written to a
temporary directory, and ingested into a fresh database by the `readouts` command in
a subprocess. Reported per size: wall-clock seconds, peak resident memory of the
command and its worker processes together (sampled every 0.1 s), articles stored
(a long text is analysed in windows, `readouts.read.WINDOW_CHARS`), and the time
relative to the 1 MB file (linear growth gives the size ratio; the target is at most
6 for 5 MB, under 1.5 GB).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
SOURCES = (DATA / "diplomacy-dev" / "articles", REPO / "examples" / "news")
HEADER = re.compile(r"^ ?date [^\n]*\n")


def article_bodies(megabytes: float) -> list[str]:
    """Distinct article texts, about `megabytes` of them when T17 is there."""
    from readouts.evaluation.throughput import iter_t17

    bodies, size = [], 0
    for record in iter_t17(DATA):
        bodies.append(record["text"].strip())
        size += len(bodies[-1])
        if size > megabytes * 1e6:
            return bodies
    folder = next(f for f in SOURCES if f.is_dir())
    return bodies or [HEADER.sub("", p.read_text(encoding="utf-8")).strip() for p in sorted(folder.glob("*.txt"))]


def build_file(path: Path, megabytes: float, bodies: list[str]) -> int:
    """Write one text of about `megabytes` MB (10^6 bytes); return its size in bytes."""
    pieces, size, i = [], 0, 0
    while size < megabytes * 1e6 - 2_000:
        body = bodies[i % len(bodies)]
        pieces.append(body)
        size += len(body.encode("utf-8")) + 2
        i += 1
    path.write_text("\n\n".join(pieces), encoding="utf-8")
    return path.stat().st_size


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """Seconds, peak RSS in bytes of the process tree, and stderr of `command`."""
    started = time.perf_counter()
    proc = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [proc] + proc.children(recursive=True)
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    return seconds, peak, proc.stderr.read()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 5])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--markdown", action="store_true", help="print only the table")
    args = parser.parse_args()
    bodies = article_bodies(max(args.sizes))
    readouts = str(Path(sys.executable).with_name("readouts"))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            folder = Path(tmp) / f"{mb}mb"
            folder.mkdir()
            size = build_file(folder / "big.txt", mb, bodies)
            db = Path(tmp) / f"{mb}.duckdb"
            seconds, peak, stderr = run_measured(
                [readouts, "ingest", str(folder), "--db", str(db), "--jobs", str(args.jobs)])
            stored = re.search(r"(\d+) ingested", stderr)
            rows.append((mb, size, seconds, peak, stored.group(1) if stored else "?"))
            if not args.markdown:
                print(f"{mb} MB: {seconds:.1f} s, peak {peak / 2**20:.0f} MiB", file=sys.stderr)
    one_mb = next((r[2] for r in rows if r[0] == 1), None)
    print("| file | bytes | seconds | peak RSS (MiB) | windows stored | time / 1 MB time |")
    print("| --- | --- | --- | --- | --- | --- |")
    for mb, size, seconds, peak, stored in rows:
        ratio = f"{seconds / one_mb:.2f}" if one_mb else "—"
        print(f"| {mb} MB | {size:,} | {seconds:.1f} | {peak / 2**20:.0f} | {stored} | {ratio} |")


if __name__ == "__main__":
    main()
