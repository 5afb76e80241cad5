"""Print the grouping evaluation (document clusters + hand-made merge cases) as markdown."""

from __future__ import annotations

import sys
from pathlib import Path

from readouts.evaluation import default_data_dir
from readouts.evaluation.grouping import run


def main() -> None:
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir()
    section = run(data_dir)
    if section.skipped:
        print(f"skipped: {section.skipped}")
    print(section.markdown)


if __name__ == "__main__":
    main()
