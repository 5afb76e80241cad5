"""No network, proven: a whole ingest (with worker processes) and every command run
with socket creation blocked in every Python process, and no attempt is made."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "news"

# Loaded by every Python process started with this folder on PYTHONPATH (workers too):
# creating a network socket, or resolving a name, is refused and logged. One refusal
# is not logged: urllib3 (imported by trafilatura) probes at import whether this
# machine supports IPv6 by binding a socket to ::1; it is refused like any other and
# urllib3 carries on, but it is a capability check, not network access.
SITECUSTOMIZE = '''
import os, socket, sys

def _refuse(*args, **kwargs):
    caller = sys._getframe(2).f_code.co_name  # _refuse <- _NoSocket.__init__ <- caller
    if caller != "_has_ipv6":
        with open(os.environ["READOUTS_NETWORK_LOG"], "a") as log:
            log.write(f"{os.getpid()} {caller} {args[:2]!r}\\n")
    raise OSError("network access attempted during an offline test")

class _NoSocket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family not in (-1, socket.AF_UNIX):
            _refuse(family, type)
        super().__init__(family, type, proto, fileno)

socket.socket = _NoSocket
socket.create_connection = lambda *args, **kwargs: _refuse(*args)
socket.getaddrinfo = lambda *args, **kwargs: _refuse(*args)
'''


@pytest.fixture(scope="module")
def offline_env(tmp_path_factory) -> dict[str, str]:
    site = tmp_path_factory.mktemp("offline")
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(site), env.get("PYTHONPATH", "")])
    env["READOUTS_NETWORK_LOG"] = str(site / "attempts.log")
    (site / "attempts.log").write_text("", encoding="utf-8")
    return env


def _readouts(env: dict[str, str], *args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readouts.cli", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=900)


def test_the_block_itself_works(offline_env) -> None:
    probe = subprocess.run([sys.executable, "-c", "import socket; socket.create_connection(('localhost', 9))"],
                           env=offline_env, capture_output=True, text=True)
    assert probe.returncode != 0 and "network access attempted" in probe.stderr
    Path(offline_env["READOUTS_NETWORK_LOG"]).write_text("", encoding="utf-8")


def test_ingest_and_every_command_run_offline(offline_env, tmp_path: Path) -> None:
    db = tmp_path / "offline.duckdb"
    article = next(EXAMPLES.glob("*.txt"))
    commands = [
        ("ingest", EXAMPLES, "--db", db, "--jobs", "2", "--quiet"),
        ("articles", "--db", db, "--format", "jsonl"),
        ("actors", "--db", db, "--format", "jsonl"),
        ("dates", article, "--published", "2024-01-02"),
        ("events", "--db", db, "--format", "jsonl"),
        ("events", "--db", db, "--format", "csv"),
        ("events", "--db", db, "--format", "parquet", "-o", tmp_path / "events.parquet"),
        ("timeline", "--db", db, "--format", "html", "-o", tmp_path / "timeline.html"),
        ("timeline", "--db", db, "--format", "json"),
        ("eval", "dates", "--data", tmp_path / "no-data", "-o", tmp_path / "bench.md"),
    ]
    for command in commands:
        result = _readouts(offline_env, *command)
        assert result.returncode == 0, (command, result.stderr[-2000:])
        assert "Traceback" not in result.stderr, command
    sqlite = tmp_path / "s.sqlite"
    import sqlite3
    sqlite3.connect(sqlite).execute("CREATE TABLE t (x)").connection.commit()
    refused = _readouts(offline_env, "events", "--db", sqlite)
    assert refused.returncode == 2 and "not a readouts database" in refused.stderr
    assert Path(offline_env["READOUTS_NETWORK_LOG"]).read_text(encoding="utf-8") == ""
