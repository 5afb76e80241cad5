"""Print the TempEval-3 section for the dates stage (TBAQ-cleaned dev + platinum test).

Usage: .venv/bin/python bench/eval_dates.py [DATA_DIR] [--dev-only] [--dev-limit N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from readouts.evaluation import default_data_dir
from readouts.evaluation.dates import run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--dev-only", action="store_true", help="skip the platinum test set")
    parser.add_argument("--dev-limit", type=int, default=None, help="score only N dev documents")
    args = parser.parse_args()
    section = run(args.data_dir or default_data_dir(), dev_limit=args.dev_limit,
                  include_test=not args.dev_only)
    print(section.skipped or section.markdown)


if __name__ == "__main__":
    main()
