"""Print the event-coding section (PLOVER gold records, UniversalPetrarch triples, CASE 2021).

Usage: .venv/bin/python bench/eval_events.py [DATA_DIR] [--case-limit N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from readouts.evaluation import default_data_dir
from readouts.evaluation.events import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--case-limit", type=int, default=None, help="score only N CASE snippets")
    args = parser.parse_args()
    section = run(args.data_dir or default_data_dir(), case_limit=args.case_limit)
    print(section.skipped or section.markdown)


if __name__ == "__main__":
    main()
