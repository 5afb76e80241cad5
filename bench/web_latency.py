"""Page latency of `readouts serve` on a store of synthetic events.

    python bench/web_latency.py [--events 100000] [--requests 60] [--markdown]

1. Ingests the example corpus (examples/news) with the real pipeline, unless
   --source names a database that already holds events.
2. Writes a store of --events synthetic events generated from those events: each
   copy shifts the date by a random number of days (within ten years), moves its
   states along a list of 60 country codes (so the events spread over many pairs,
   as a real corpus does), and renames its people (a numbered variant per copy).
   Sources, evidence and articles stay those of the originals, so event pages
   render real highlighted text.
3. Starts `readouts serve` on that store in a subprocess on 127.0.0.1 and times
   whole HTTP requests (connection to last byte) from this process: the events
   list with two facets (a country and a type), one event page, and a pair's
   dossier page; p50 and p95 of each, after a few warm-up requests (none for the
   dossier: each pair is asked once, so no answer comes from the server's cache).

--markdown also writes the figures into the web_latency section of
docs/benchmarks.md (the other sections are left as they are).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from readouts.store import Store

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 300
# Codes the synthetic copies move states along (ISO 3166-1 alpha-3).
COUNTRIES = """USA CHN RUS IND PAK JPN KOR DEU FRA GBR ITA ESP TUR IRN SAU ARE EGY ISR QAT
BRA ARG MEX CAN AUS IDN MYS SGP THA VNM PHL BGD LKA NPL AFG UZB KAZ UKR POL HUN SRB GRC NLD
BEL SWE NOR FIN DNK ZAF NGA ETH KEN DZA MAR IRQ JOR SYR OMN KWT AZE ARM""".split()


# --------------------------------------------------------------- the store


def ingest_examples(db: Path) -> None:
    subprocess.run([sys.executable, "-m", "readouts.cli", "ingest", str(ROOT / "examples" / "news"),
                    "--db", str(db), "--quiet"], check=True)


def _shift_country(code: str | None, step: int) -> str | None:
    if code not in COUNTRIES:
        return code
    return COUNTRIES[(COUNTRIES.index(code) + step) % len(COUNTRIES)]


def synthetic_record(record: dict, copy: int, rng: random.Random) -> dict:
    """One shifted copy of an event record (new id, date, states and people)."""
    out = json.loads(json.dumps(record))
    out["id"] = f"ev-syn{copy:07d}"
    days = rng.randint(-1800, 1800)
    for key in ("date", "end_date"):
        if out.get(key):
            out[key] = (date.fromisoformat(out[key]) + timedelta(days=days)).isoformat()
    step = rng.randrange(len(COUNTRIES))
    variant = copy % 400
    for p in out.get("participants", []):
        p["country"] = _shift_country(p.get("country"), step)
        actor_id = p.get("actor_id") or ""
        if actor_id.startswith("state:"):
            p["actor_id"] = f"state:{p['country']}"
        elif p.get("name"):
            p["name"] = f"{p['name']} {variant}"
            p["actor_id"] = f"person:{'-'.join(p['name'].lower().split())}:{p['country']}"
    if out.get("location"):
        out["location"]["country"] = _shift_country(out["location"].get("country"), step)
    return out


def _index_rows(record: dict) -> dict[str, list[list]]:
    eid = record["id"]
    return {
        "event_participants": [[eid, p.get("actor_id"), p.get("name"), p.get("country"), p.get("role")]
                               for p in record.get("participants", [])],
        "event_topics": [[eid, t] for t in record.get("topics", [])],
        "event_sources": [[eid, a] for a in sorted({s["article_id"] for s in record.get("sources", [])
                                                    if s.get("article_id")})],
    }


def write_synthetic(source: Path, target: Path, count: int, seed: int = 7, chunk: int = 5000) -> int:
    """Copy source's articles into target and write `count` synthetic events."""
    with Store(source, read_only=True) as src:
        originals = [json.loads(r[0]) for r in src.con.execute("SELECT record FROM events ORDER BY id").fetchall()]
    if not originals:
        raise SystemExit(f"{source} holds no events to copy")
    rng = random.Random(seed)
    with Store(target) as store:
        store.con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        for table in ("articles", "actors", "article_actors"):
            store.con.execute(f"INSERT INTO {table} SELECT * FROM src.{table}")
        store.con.execute("DETACH src")
        for start in range(0, count, chunk):
            records = [synthetic_record(originals[i % len(originals)], i, rng)
                       for i in range(start, min(count, start + chunk))]
            with store.transaction():
                store.insert("events", [
                    [r["id"], r["type"], r["status"], r.get("date"), r.get("date_precision"),
                     r.get("end_date"), json.dumps(r, ensure_ascii=False)] for r in records
                ], columns=("id", "type", "status", "date", "date_precision", "end_date", "record"))
                tables: dict[str, list[list]] = {}
                for r in records:
                    for table, rows in _index_rows(r).items():
                        tables.setdefault(table, []).extend(rows)
                for table, rows in tables.items():
                    store.insert(table, rows)
        return store.count("events")


# ----------------------------------------------------------------- timing


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch_ms(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: HTTP {response.status}")
    return (time.perf_counter() - started) * 1000


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("readouts serve exited before answering")
        try:
            fetch_ms(url)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("readouts serve did not answer in time")


def request_plan(db: Path, n: int, seed: int = 11) -> dict[str, list[str]]:
    """The URLs to time: n of each page kind, over the store's common values."""
    rng = random.Random(seed)
    with Store(db, read_only=True) as store:
        facets = store.event_facets({}, top=max(20, n))
        ids = [r[0] for r in store.con.execute(
            "SELECT id FROM events USING SAMPLE 200 ROWS").fetchall()]
    countries = [c for c, _ in facets["country"] if c in COUNTRIES]
    types = [t for t, _ in facets["type"]]
    pairs = [p for p, _ in facets["pair"] if all(c in COUNTRIES for c in p.split("-"))]
    return {
        "events list, two facets": [f"/events?country={rng.choice(countries)}&type={rng.choice(types)}"
                                    for _ in range(n)],
        "one event": [f"/events/{rng.choice(ids)}" for _ in range(n)],
        # distinct pairs: the server keeps recent dossiers, and a repeat would time the cache
        "pair dossier": ["/pairs/{}/{}".format(*p.split("-")) for p in rng.sample(pairs, min(n, len(pairs)))],
    }


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def measure(db: Path, n: int, warmup: int = 3) -> dict[str, dict]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([sys.executable, "-m", "readouts.cli", "serve", "--db", str(db),
                                "--port", str(port)], stderr=subprocess.DEVNULL)
    try:
        wait_for(base + "/events", process)
        results = {}
        for name, urls in request_plan(db, n).items():
            for url in urls[:warmup] if name != "pair dossier" else []:
                fetch_ms(base + url)
            times = [fetch_ms(base + url) for url in urls]
            results[name] = {"p50": statistics.median(times), "p95": percentile(times, 95),
                             "max": max(times), "n": len(times), "urls": urls}
        return results
    finally:
        process.terminate()
        process.wait(timeout=10)


def dossier_share(db: Path, urls: list[str], n: int = 10) -> dict:
    """Time of build_dossier alone (in this process) for the first n dossier pages:
    the part of the page that is the dossier's own computation."""
    from readouts.dossier import build_dossier

    times = []
    with Store(db, read_only=True) as store:
        for url in urls[:n]:
            a, b = url.split("/")[-2:]
            started = time.perf_counter()
            build_dossier(store, a, b, records=False)  # as the page asks for it
            times.append((time.perf_counter() - started) * 1000)
    return {"p50": statistics.median(times), "n": len(times)}


def labelling_cost(db: Path, limit: int = 2000) -> dict:
    """Milliseconds to label one statement text never seen before, over the store's
    distinct statement texts (up to `limit`), with a fresh position book: what a
    dossier pays per new sentence before the server remembers its labels."""
    from readouts import positions

    with Store(db, read_only=True) as store:
        texts = [r[0] for r in store.con.execute(
            "SELECT DISTINCT t FROM (SELECT unnest(json_extract_string(record, '$.statements[*].text')) AS t"
            " FROM events) WHERE t IS NOT NULL ORDER BY t LIMIT ?", [limit]).fetchall()]
    book = positions.load_positions()
    fresh = positions.PositionBook(book.positions, book.similarity)
    positions._vector.cache_clear()  # word counts too are worked out afresh
    started = time.perf_counter()
    for text in texts:
        positions.classify(" ".join(text.split()), fresh)
    elapsed = (time.perf_counter() - started) * 1000
    return {"texts": len(texts), "ms": elapsed / max(1, len(texts))}


def markdown(results: dict[str, dict], events: int, build_s: float, size_mb: float,
             load: float, share: dict | None = None, labels: dict | None = None) -> str:
    rows = "\n".join(
        f"| {name} | {r['p50']:.0f} | {r['p95']:.0f} | {r['max']:.0f} | {r['n']} | "
        f"{'yes' if r['p95'] < TARGET_MS else 'no'} |" for name, r in results.items())
    return (
        f"Store: {events:,} synthetic events generated from the example corpus's events "
        f"(shifted dates, states and people; {size_mb:.0f} MB"
        + (f", written in {build_s:.0f} s). " if build_s > 1 else "). ") +
        "Whole HTTP requests to `readouts serve` in a subprocess on 127.0.0.1, one at a "
        "time (each dossier a different pair, computed afresh), on this 2-core machine "
        f"(load average {load:.1f} at the start: other jobs "
        f"shared it); target p95 < {TARGET_MS} ms.\n\n"
        "| page | p50 ms | p95 ms | max ms | requests | p95 on target |\n"
        "| --- | --- | --- | --- | --- | --- |\n" + rows + "\n"
        + (f"\nOf a dossier page, `build_dossier` alone takes {share['p50']:.0f} ms (median of "
           f"{share['n']} of the same pairs, in-process); the rest is the page's own queries "
           "and rendering.\n" if share else "")
        + (f"\nThe copies repeat the example corpus's {labels['texts']} distinct statement "
           "texts, so after the first pages the server labels none afresh (it remembers each "
           "text's positions). A text seen for the first time costs "
           f"{labels['ms']:.2f} ms to label (regular expressions, then similarity to the "
           "examples): a pair whose 3,000 statements were all new would take about "
           f"{3000 * labels['ms'] / 1000:.1f} s more the first time it is shown.\n" if labels else "")
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--source", type=Path, help="a database with events to copy")
    parser.add_argument("--store", type=Path,
                        help="keep the synthetic store here (reused when it exists)")
    parser.add_argument("--markdown", action="store_true", help="update docs/benchmarks.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or Path(tmp) / "examples.duckdb"
        if args.source is None and not (args.store and args.store.exists()):
            ingest_examples(source)
        target = args.store or Path(tmp) / "synthetic.duckdb"
        started = time.perf_counter()
        if target.exists():
            with Store(target, read_only=True) as store:
                events = store.count("events")
        else:
            events = write_synthetic(source, target, args.events)
        build_s = time.perf_counter() - started
        size_mb = target.stat().st_size / 1e6
        load = os.getloadavg()[0]
        results = measure(target, args.requests)
        share = dossier_share(target, results["pair dossier"]["urls"])
        labels = labelling_cost(target)
    for name, r in results.items():
        print(f"{name:28s} p50 {r['p50']:6.0f} ms   p95 {r['p95']:6.0f} ms   max {r['max']:6.0f} ms")
    print(f"{'build_dossier alone':28s} p50 {share['p50']:6.0f} ms")
    print(f"{'labelling a new statement':28s} {labels['ms']:6.2f} ms ({labels['texts']} texts)")
    if args.markdown:
        from readouts.evaluation.runner import update_report

        command = f"python bench/web_latency.py --events {args.events} --requests {args.requests} --markdown"
        body = markdown(results, events, build_s, size_mb, load, share, labels)
        section = (f"<!-- suite:web_latency -->\n## Web pages: latency of `readouts serve`\n\n"
                   f"_Last run: {date.today().isoformat()} · `{command.strip()}`_\n\n{body}"
                   "<!-- /suite:web_latency -->\n")
        path = ROOT / "docs" / "benchmarks.md"
        path.write_text(update_report(path, {"web_latency": section}), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
