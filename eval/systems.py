"""The systems the eval compares, each answering a question with a ranking.

- ours: `Assistant.ask` (hybrid retrieval, glossary, verbs, follow-ups, abstention);
- dense: the same clause passages ranked by cosine to the raw question;
- bm25: the same clause passages ranked by BM25 of the raw question;
- naive: what a user would assemble: RecursiveCharacterTextSplitter(1000, 200) over
  each document's raw text, the same embedding model (with its query / passage
  prompts), FAISS flat, top chunks. A chunk stands for the clauses it contains:
  at least 80 % of the clause's raw characters, or 80 % of the chunk when the
  clause is longer than a chunk — generous to the baseline.

Baselines see the current question only (no history) and never abstain.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import faiss
import numpy as np

from assistant import Assistant
from assistant.analysis import terms
from assistant.documents import Document

DEPTH = 10  # every system returns its top 10
NAIVE_CHUNK_SIZE, NAIVE_CHUNK_OVERLAP = 1000, 200
CONTAINS = 0.8


@dataclass
class Ranking:
    units: list[frozenset[str]]
    abstained: bool = False
    seconds: float = 0.0
    text: str = ""  # the answer shown (ours) — kept for the conversation history
    extra: dict = field(default_factory=dict)


class Ours:
    name = "ours"

    def __init__(self, bot: Assistant):
        self.bot = bot

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        answer = self.bot.ask(question, history=history, k=DEPTH)
        seconds = time.perf_counter() - start
        return Ranking(
            units=[frozenset({c.clause_id}) for c in answer.citations],
            abstained=answer.abstained,
            seconds=seconds,
            text=answer.text,
        )


class _ClauseScorer:
    """Shared by the dense and BM25 baselines: best passage score per clause."""

    def __init__(self, bot: Assistant):
        self.bot = bot
        contents = bot.contents
        self.clauses = contents.clauses
        self.passage_clause = np.array([p for p, _ in contents.passages], dtype=np.int64)

    def _rank(self, passage_scores: np.ndarray, passage_ids: np.ndarray) -> list[frozenset[str]]:
        best = np.full(len(self.clauses), -np.inf, dtype=np.float32)
        np.maximum.at(best, self.passage_clause[passage_ids], passage_scores)
        order = np.argsort(-best, kind="stable")[:DEPTH]
        return [frozenset({self.clauses[i].clause_id}) for i in order if np.isfinite(best[i])]


class DenseOnly(_ClauseScorer):
    name = "dense"

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        vector = self.bot.embedder.encode_queries([question])[0]
        scores, ids = self.bot.contents.dense.search(vector, len(self.bot.contents.dense))
        units = self._rank(scores, ids)
        return Ranking(units, seconds=time.perf_counter() - start)


class Bm25Only(_ClauseScorer):
    name = "bm25"

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        scores = self.bot.contents.lexical.scores(terms(question))
        ids = np.flatnonzero(scores > 0)
        units = self._rank(scores[ids], ids)
        return Ranking(units, seconds=time.perf_counter() - start)


@dataclass
class Chunk:
    doc_id: str
    start: int
    text: str
    clause_ids: frozenset[str]


class Naive:
    name = "naive"

    def __init__(self, documents: list[Document], embedder, cache_dir: Path | None = None):
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=NAIVE_CHUNK_SIZE, chunk_overlap=NAIVE_CHUNK_OVERLAP, add_start_index=True
        )
        self.embedder = embedder
        self.chunks: list[Chunk] = []
        for doc in documents:
            for piece in splitter.create_documents([doc.raw_text]):
                start = piece.metadata["start_index"]
                span = (start, start + len(piece.page_content))
                contained = frozenset(
                    c.clause_id for c in doc.clauses if contains(span, c.raw_span)
                )
                self.chunks.append(Chunk(doc.doc_id, start, piece.page_content, contained))
        vectors = self._vectors(cache_dir)
        self.index = faiss.IndexFlatIP(vectors.shape[1])
        self.index.add(vectors)

    def _vectors(self, cache_dir: Path | None) -> np.ndarray:
        texts = [c.text for c in self.chunks]
        digest = hashlib.sha256(self.embedder.fingerprint.encode())
        for text in texts:
            digest.update(text.encode() + b"\0")
        path = cache_dir / f"naive-{digest.hexdigest()[:16]}.npy" if cache_dir else None
        if path and path.is_file():
            return np.load(path)
        vectors = np.ascontiguousarray(self.embedder.encode_documents(texts), dtype=np.float32)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        return vectors

    def chunks_containing(self, gold: frozenset[str]) -> int:
        return sum(bool(c.clause_ids & gold) for c in self.chunks)

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        vector = self.embedder.encode_queries([question])[0]
        _, ids = self.index.search(vector.reshape(1, -1), min(DEPTH, self.index.ntotal))
        units = [self.chunks[i].clause_ids for i in ids[0] if i >= 0]
        return Ranking(units, seconds=time.perf_counter() - start)


def contains(chunk: tuple[int, int], clause: tuple[int, int]) -> bool:
    overlap = min(chunk[1], clause[1]) - max(chunk[0], clause[0])
    shorter = min(chunk[1] - chunk[0], clause[1] - clause[0])
    return shorter > 0 and overlap >= CONTAINS * shorter
