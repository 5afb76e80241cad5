"""Print the real-news section (diplomacy-dev scored with the reference scorer's definitions).

Usage: .venv/bin/python bench/eval_realnews.py [DATA_DIR] [--events-out FILE]

`--events-out` keeps the events as `readouts events --format jsonl` prints them, so the
reference scorer can be run on the very same output.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from readouts.evaluation import default_data_dir
from readouts.evaluation.realnews import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--events-out", type=Path, default=None, help="write the scored events here (jsonl)")
    args = parser.parse_args()
    section = run(args.data_dir or default_data_dir(), events_out=args.events_out)
    print(section.skipped or section.markdown)


if __name__ == "__main__":
    main()
