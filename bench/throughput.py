"""Throughput of the whole readouts pipeline against bare spaCy on T17.

    python bench/throughput.py --limit 200 --jobs 2 [--gate] [--scaling 50] [--markdown]

The last line printed is the ratio, e.g. `ratio readouts/spacy: 0.85`. See
`readouts.evaluation.throughput` for the method, `readouts.evaluation.agreement`
for `--agreement N`.
"""

import sys

from readouts.evaluation.bench_cli import main

if __name__ == "__main__":
    sys.exit(main())
