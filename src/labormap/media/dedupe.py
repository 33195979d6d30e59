"""Near-duplicate detection: reprints of one story across outlets become one story with several sources.

Every publication becomes a set of word 3-gram shingles (folded words, digits kept). MinHash signatures
(64 hash functions, stable across runs: CRC32 of the shingle under seeded affine permutations) go into
32 LSH bands of 2 rows; publications that share a band within ``window_days`` are compared exactly, and
pairs whose shingle sets overlap enough are joined (union-find). A story's id is derived from the
earliest publication in it, so it stays the same when later reprints arrive.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from labormap.media.text import TOKEN_RE, fold

NUM_PERM = 64
BANDS = 32
ROWS = NUM_PERM // BANDS
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20250601)
_A = _rng.integers(1, 1 << 31, size=NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, 1 << 31, size=NUM_PERM, dtype=np.uint64)


@dataclass(frozen=True, slots=True)
class DedupeParams:
    overlap: float = 0.5  # |A∩B| / min(|A|, |B|) at least this…
    jaccard: float = 0.25  # …and |A∩B| / |A∪B| at least this
    window_days: float = 7.0
    min_shingles: int = 8  # shorter texts are never merged (too little evidence)


def shingles(text: str, n: int = 3) -> set[int]:
    words = [fold(w) for w in TOKEN_RE.findall(text)]
    if len(words) < n:
        return {zlib.crc32(" ".join(words).encode())} if words else set()
    return {zlib.crc32(" ".join(words[i : i + n]).encode()) for i in range(len(words) - n + 1)}


def signature(sh: set[int]) -> np.ndarray:
    if not sh:
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    # (a·x + b) stays below 2^63 for 31-bit a, b and 32-bit x; a 32-bit mask keeps values comparable.
    h = (np.outer(_A, x) + _B[:, None]) & np.uint64(0xFFFFFFFF)
    result: np.ndarray = h.min(axis=1)
    return result


def story_id_for(item_id: str) -> str:
    return "st-" + hashlib.blake2b(item_id.encode(), digest_size=6).hexdigest()


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster(
    ids: Sequence[str],
    texts: Sequence[str],
    times: Sequence[datetime | None],
    params: DedupeParams | None = None,
) -> list[str]:
    """The story id of every publication (same order as ``ids``)."""
    p = params or DedupeParams()
    n = len(ids)
    sh = [shingles(t) for t in texts]
    sigs = [signature(s) for s in sh]
    buckets: dict[tuple[int, bytes], list[int]] = {}
    for i in range(n):
        if len(sh[i]) < p.min_shingles:
            continue
        sig = sigs[i]
        for b in range(BANDS):
            buckets.setdefault((b, sig[b * ROWS : (b + 1) * ROWS].tobytes()), []).append(i)
    uf = _UnionFind(n)
    checked: set[tuple[int, int]] = set()
    window = p.window_days * 86400
    for members in buckets.values():
        if len(members) < 2:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = members[x], members[y]
                if (i, j) in checked or uf.find(i) == uf.find(j):
                    continue
                checked.add((i, j))
                ti, tj = times[i], times[j]
                if ti is not None and tj is not None and abs((ti - tj).total_seconds()) > window:
                    continue
                inter = len(sh[i] & sh[j])
                if not inter:
                    continue
                small = min(len(sh[i]), len(sh[j]))
                union = len(sh[i]) + len(sh[j]) - inter
                if inter / small >= p.overlap and inter / union >= p.jaccard:
                    uf.union(i, j)
    # The earliest publication (then the smallest id) names its story.
    order = sorted(range(n), key=lambda i: (times[i] or datetime.max, ids[i]))
    first: dict[int, str] = {}
    for i in order:
        first.setdefault(uf.find(i), ids[i])
    return [story_id_for(first[uf.find(i)]) for i in range(n)]
