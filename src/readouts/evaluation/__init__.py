"""Evaluation suites: accuracy against public gold data, and throughput.

Owns: the contract every suite follows and the registry `readouts eval` runs.
A suite is a module in this package with `run(data_dir: Path) -> Section`. It reads
only from `data_dir` (normally ../shared/data), and returns `Section(skipped=...)`
when its data is absent instead of failing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Section:
    """One suite's result: a markdown block for docs/benchmarks.md plus raw figures."""

    suite: str
    title: str
    markdown: str = ""  # tables (ours beside the published anchors) and notes
    figures: dict = field(default_factory=dict)  # flat name -> number, for tests/JSON
    skipped: str | None = None  # why the suite did not run (data missing, ...)


@dataclass
class PRF:
    """True/false positive and false negative counts, with micro precision/recall/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def default_data_dir() -> Path:
    """../shared/data relative to the repository, if present."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent.parent / "shared" / "data"
        if (parent / "pyproject.toml").exists() and candidate.exists():
            return candidate
    return Path("../shared/data")
