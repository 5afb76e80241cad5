"""Memory: peak resident memory of a process and all its descendants.

Owns: walking the process tree through /proc and sampling its total resident set size
(RSS), so that a benchmark run's memory counts its worker processes too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

SAMPLE_SECONDS = 0.2
MB = 1024 * 1024


def _children_map() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process visible in /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # the process ended while we looked
            continue
        # the command name is in parentheses and may hold spaces: split after it
        fields = stat[stat.rfind(b")") + 2:].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def process_tree(root: int) -> list[int]:
    """`root` and all its descendants."""
    children = _children_map()
    tree, stack = [], [root]
    while stack:
        pid = stack.pop()
        tree.append(pid)
        stack.extend(children.get(pid, []))
    return tree


def rss_bytes(pid: int) -> int:
    """Resident set size of one process (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


@dataclass
class MemorySampler:
    """Peak total RSS of a process tree, sampled every `SAMPLE_SECONDS`."""

    root: int
    peak_bytes: int = 0
    max_processes: int = 0
    samples: int = 0

    def sample(self) -> None:
        tree = process_tree(self.root)
        self.peak_bytes = max(self.peak_bytes, sum(rss_bytes(pid) for pid in tree))
        self.max_processes = max(self.max_processes, len(tree))
        self.samples += 1
