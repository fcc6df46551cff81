"""Thin FAISS wrapper: inner product over L2-normalised vectors (= cosine).

The index type is chosen by size: exact (`IndexFlatIP`) up to `APPROXIMATE_ABOVE`
vectors — fastest to build and perfectly accurate; above, an inverted file
(`IndexIVFFlat`, √n·4 lists, `NPROBE` probed), whose recall@10 against exact search
`python -m eval.bench` measures at each synthetic size. The propositions' index stores
float16 there (`IndexIVFScalarQuantizer`: 0.77 GB instead of 1.5 GB per million
vectors); the passages' keeps float32, whose recall float16 lowered at 1M synthetic
clauses (README "Memory at a million clauses"). On one core of this machine
exact search costs ~0.12 ms per 1,000 vectors (12 ms at 100k, ~100 ms at 1M) — at
50k it would be a third of the whole question's time — while the inverted file
answers in ~1–2 ms at any of those sizes."""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

APPROXIMATE_ABOVE = 50_000
NPROBE = 32
TRAIN_SAMPLE = 100_000


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self.index = index
        if isinstance(index, faiss.IndexIVF):
            index.nprobe = NPROBE
            index.make_direct_map()  # so that `vectors()` can read stored vectors back

    @classmethod
    def build(
        cls,
        vectors: np.ndarray,
        approximate_above: int = APPROXIMATE_ABOVE,
        half_precision: bool = False,
    ) -> DenseIndex:
        """`half_precision`: the inverted file stores float16 (the propositions' index)."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        n, dimension = vectors.shape
        if n <= approximate_above:
            index = faiss.IndexFlatIP(dimension)
        else:
            lists = int(4 * np.sqrt(n))
            if half_precision:
                index = faiss.IndexIVFScalarQuantizer(
                    faiss.IndexFlatIP(dimension),
                    dimension,
                    lists,
                    faiss.ScalarQuantizer.QT_fp16,
                    faiss.METRIC_INNER_PRODUCT,
                )
                index.by_residual = False  # the vector itself in float16, not its residual
            else:
                index = faiss.IndexIVFFlat(
                    faiss.IndexFlatIP(dimension), dimension, lists, faiss.METRIC_INNER_PRODUCT
                )
            sample = np.random.default_rng(0).choice(n, min(n, TRAIN_SAMPLE), replace=False)
            index.train(vectors[np.sort(sample)])
        index.add(vectors)
        return cls(index)

    def __len__(self) -> int:
        return self.index.ntotal

    @property
    def dimension(self) -> int:
        return self.index.d

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (scores, passage ids) for one query vector. One OpenMP thread: for a
        single query it beats two on a 2-core machine (11 vs 40 ms at 100k, measured)."""
        faiss.omp_set_num_threads(1)
        k = min(k, len(self))
        scores, ids = self.index.search(np.ascontiguousarray(query.reshape(1, -1)), k)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def vectors(self, ids: list[int]) -> np.ndarray:
        """The stored vectors of these passages."""
        return self.index.reconstruct_batch(np.asarray(ids, dtype=np.int64))

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        return cls(faiss.read_index(str(path)))
