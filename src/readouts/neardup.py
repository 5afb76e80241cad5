"""Near-duplicate articles: syndicated copies and light edits of one story.

Owns: MinHash signatures over word 5-shingles, their LSH bands (computed in the
workers), and finding, for a batch of articles, the stored or earlier article each one
nearly copies (one band lookup and one write per batch).
"""

from __future__ import annotations

import hashlib
import re
from typing import Protocol, Sequence


class BandStore(Protocol):
    """The slice of the store near-duplicate detection needs (see store.py)."""

    def articles_by_band(self, bands: list[str]) -> dict[str, set[str]]: ...

    def save_bands(self, bands_of: list[tuple[str, list[str]]]) -> None: ...



SHINGLE_WORDS = 5
NUM_PERM = 128
# 16 bands of 8 rows: pairs with Jaccard >= ~0.8 (syndicated copies, light edits)
# collide in some band with probability > 0.99; pairs at 0.5 only ~6% of the time.
BANDS, ROWS = 16, 8
_WORD = re.compile(r"\w+", re.UNICODE)


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + SHINGLE_WORDS]).encode("utf-8")
            for i in range(len(words) - SHINGLE_WORDS + 1)}


def signature_bands(text: str) -> list[str]:
    """LSH band hashes of the text's MinHash over word 5-shingles."""
    from datasketch import MinHash

    shingles = _shingles(text)
    if not shingles:
        return []
    minhash = MinHash(num_perm=NUM_PERM, seed=1)
    minhash.update_batch(list(shingles))
    values = minhash.hashvalues
    bands = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS]
        digest = hashlib.sha1(chunk.tobytes()).hexdigest()[:16]
        bands.append(f"{band}:{digest}")
    return bands


def near_duplicates(store: BandStore, bands_of: Sequence[tuple[str, list[str]]]) -> dict[str, str]:
    """For a batch of (article id, bands), in order: the article each one nearly copies.

    A copy's original is the smallest id among the stored articles and the earlier
    articles of the batch that share a band with it. Records every article's bands, so
    later copies find them. One lookup and one write for the whole batch.
    """
    stored = store.articles_by_band(sorted({b for _, bands in bands_of for b in bands}))
    earlier: dict[str, set[str]] = {}
    originals: dict[str, str] = {}
    for article_id, bands in bands_of:
        candidates: set[str] = set()
        for band in bands:
            candidates |= stored.get(band, set()) | earlier.get(band, set())
        candidates.discard(article_id)
        if candidates:
            originals[article_id] = min(candidates)
        for band in bands:
            earlier.setdefault(band, set()).add(article_id)
    store.save_bands([(article_id, bands) for article_id, bands in bands_of if bands])
    return originals


