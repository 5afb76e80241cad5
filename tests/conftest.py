"""Fixtures and paths shared by the test modules.

The shared folder (seed articles, evaluation sets) sits beside the repository; tests
that read it carry the `shared` marker and skip only when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_DATA = SHARED / "data"
SEEDS = SHARED / "seeds"


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline the project runs (loaded once for the whole session)."""
    from readouts.annotate import load_nlp

    return load_nlp()
