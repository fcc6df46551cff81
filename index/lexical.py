"""BM25 over the cleaned French passages (bm25s: sparse matrices, plain .npy save)."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np


class LexicalIndex:
    def __init__(self, bm25: bm25s.BM25, size: int):
        self.bm25 = bm25
        self.size = size

    @classmethod
    def build(cls, passage_terms: list[list[str]]) -> LexicalIndex:
        bm25 = bm25s.BM25()
        bm25.index([terms or [""] for terms in passage_terms], show_progress=False)
        return cls(bm25, len(passage_terms))

    def scores(self, query_terms: list[str]) -> np.ndarray:
        """BM25 score of every passage (zeros when no term is known)."""
        vocab = self.bm25.vocab_dict
        known = [t for t in query_terms if t in vocab]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self.bm25.get_scores(known), dtype=np.float32)

    def save(self, folder: Path) -> None:
        self.bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        return cls(bm25s.BM25.load(str(folder), show_progress=False, verbosity=0), size)
