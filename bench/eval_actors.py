"""Print the actor-country evaluation (see readouts.evaluation.actors)."""

import sys
from pathlib import Path

from readouts.evaluation import default_data_dir
from readouts.evaluation.actors import run

if __name__ == "__main__":
    data_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else default_data_dir()
    section = run(data_dir)
    print(section.markdown if not section.skipped else f"skipped: {section.skipped}")
