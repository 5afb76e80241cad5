"""Crash safety, proven: an ingest killed with SIGKILL between or inside batches leaves
a store that opens, shows no half-written batch, and a re-run ends with exactly the
articles of one clean run; Ctrl-C (SIGINT) says what was stored and exits 130."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pytest

from readouts.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent / "badinput"))
from generate import story  # noqa: E402

BATCH = 4
HOSTS = ["Chile", "Peru", "Kenya", "Ghana", "Nepal", "Laos", "Oman", "Fiji", "Togo", "Mali", "Chad", "Cuba"]

# Runs `readouts ingest` (through the CLI, batches of BATCH) and announces on stdout
# each batch about to commit ("inside N") and each batch committed ("between N"),
# pausing at the point named by argv[3] so the test can kill it there.
DRIVER = """
import functools, signal, sys, time
from readouts import pipeline
from readouts.cli import app

# as in a terminal: a test runner started in the background may pass SIGINT on ignored
signal.signal(signal.SIGINT, signal.default_int_handler)

pause_at = sys.argv[3]
real_write_batch, real_write_analysed = pipeline.write_batch, pipeline.Store.write_analysed
done = [0]

def write_analysed(self, batch, *args, **kwargs):
    records = real_write_analysed(self, batch, *args, **kwargs)
    print(f"inside {done[0] + 1}", flush=True)
    if pause_at == "inside":
        time.sleep(30)
    return records

def write_batch(store, batch, report):
    real_write_batch(store, batch, report)
    done[0] += 1
    print(f"between {done[0]}", flush=True)
    if pause_at in ("between", "sigint"):
        time.sleep(30)

pipeline.write_batch = write_batch
pipeline.Store.write_analysed = write_analysed
pipeline.ingest = functools.partial(pipeline.ingest, batch_size=%d)
sys.argv = ["readouts", "ingest", sys.argv[1], "--db", sys.argv[2]]
app()
""" % BATCH


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("crash") / "articles"
    folder.mkdir()
    for i, host in enumerate(HOSTS):
        day = ["Monday", "Tuesday", "Wednesday"][i % 3]
        (folder / f"{i:02d}.txt").write_text(
            f" date 2024-06-{i + 1:02d}\n" + story(host, "Japan", "Tokyo", day, f"topic number {i}"),
            encoding="utf-8")
    return folder


def _driver(corpus: Path, db: Path, pause_at: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DRIVER, str(corpus), str(db), pause_at],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(proc: subprocess.Popen, line: str) -> None:
    for got in proc.stdout:
        if got.strip() == line:
            return
    raise AssertionError(f"never printed {line!r}: {proc.stderr.read()[-2000:]}")


def _state(db: Path) -> tuple[set[str], int, set[str]]:
    """Stored article ids, article-level event count, and ids that rows point to."""
    with Store(db, read_only=True) as store:
        ids = {r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()}
        events = store.count("article_events")
        referenced = {r[0] for r in store.con.execute(
            "SELECT article_id FROM article_events UNION SELECT article_id FROM mentions "
            "UNION SELECT article_id FROM timexes UNION SELECT article_id FROM event_sources").fetchall()}
    return ids, events, referenced


@pytest.fixture(scope="module")
def clean_run(corpus: Path, tmp_path_factory) -> tuple[set[str], int, set[str]]:
    db = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    done = subprocess.run([sys.executable, "-m", "readouts.cli", "ingest", str(corpus), "--db", str(db),
                           "--quiet"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    state = _state(db)
    assert len(state[0]) == len(HOSTS) and state[1] > 0
    return state


@pytest.mark.parametrize("kill_at", ["between 1", "inside 2"])
def test_sigkill_leaves_whole_batches_and_a_rerun_completes(corpus, clean_run, tmp_path, kill_at) -> None:
    db = tmp_path / "killed.duckdb"
    proc = _driver(corpus, db, kill_at.split()[0])
    _wait_for(proc, kill_at)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    ids, _, referenced = _state(db)  # the store opens after the kill
    committed = int(kill_at.split()[1]) - (1 if kill_at.startswith("inside") else 0)
    assert len(ids) == committed * BATCH  # whole batches only
    assert referenced <= ids  # no row of a half-written batch
    rerun = subprocess.run([sys.executable, "-m", "readouts.cli", "ingest", str(corpus), "--db", str(db)],
                           capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{len(HOSTS) - len(ids)} ingested" in rerun.stderr
    assert _state(db) == clean_run


def test_ctrl_c_says_what_was_stored_and_exits_130(corpus, clean_run, tmp_path) -> None:
    db = tmp_path / "interrupted.duckdb"
    proc = _driver(corpus, db, "sigint")
    _wait_for(proc, "between 1")
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130, stderr
    assert f"interrupted: {BATCH} articles stored" in stderr and "run the same command again" in stderr
    assert "Traceback" not in stderr
    rerun = subprocess.run([sys.executable, "-m", "readouts.cli", "ingest", str(corpus), "--db", str(db)],
                           capture_output=True, text=True)
    assert rerun.returncode == 0 and _state(db) == clean_run
