"""The systems the eval compares, each answering a question with ranked units.

- ours: `Assistant.ask` (its own history, its own abstention);
- dense: the product's clause passages ranked by cosine to the question;
- bm25: the product's clause passages ranked by its BM25;
- naive: what a user would assemble: RecursiveCharacterTextSplitter(1000, 200) over each
  document's text, the same embedding model (with its query / passage prompts), FAISS flat;
- naive hybrid: what a competent user builds in an afternoon: the same chunks, BM25
  (bm25s, its own tokenizer, English and French stop words) and the same dense search,
  fused by reciprocal rank (k = 60, each list 50 deep).

Fair to the baselines: each is given the conversation (the earlier questions of the
conversation prepended to the current one) and abstains below a threshold on its own
confidence (the best cosine; for BM25 the best score) calibrated on the dev split, as
ours is (`eval.runner.calibrate_baselines`). Same k (10) for every system.
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
RRF_K, RRF_DEPTH = 60, 50


class CachedQueries:
    """The embedder, with each question encoded once: the baselines ask the same
    (conversation-prefixed) questions, and the calibration grid re-ranks them."""

    def __init__(self, embedder):
        self.embedder, self.cache = embedder, {}

    def __getattr__(self, name):
        return getattr(self.embedder, name)

    def encode_queries(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.encode_queries(missing), strict=True))
        return np.stack([self.cache[t] for t in texts])


@dataclass(frozen=True)
class Unit:
    """One ranked answer: a cited clause or a chunk."""

    doc_id: str
    clause_ids: frozenset[str]  # the clauses it stands for (a chunk: those it contains)
    text: str  # what the user reads
    label: str | None = None  # the paragraph label it was cited with (clauses only)


@dataclass
class Ranking:
    units: list[Unit]
    abstained: bool = False
    seconds: float = 0.0
    text: str = ""  # the answer shown (ours) — kept for the conversation history
    confidence: float = 0.0  # what a baseline's abstention threshold is set on
    extra: dict = field(default_factory=dict)


def with_conversation(question: str, history: list[dict]) -> str:
    """The earlier questions of the conversation, then this one: how a baseline that has
    no notion of a follow-up is given the conversation."""
    asked = [m["content"] for m in history if m.get("role") == "user"]
    return " ".join([*asked, question])


class Ours:
    name = "ours"

    def __init__(self, bot: Assistant):
        self.bot = bot

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        answer = self.bot.ask(question, history=history, k=DEPTH)
        seconds = time.perf_counter() - start
        return Ranking(
            units=[
                Unit(c.clause_id.split("#")[0], frozenset({c.clause_id}), c.quote, c.paragraph)
                for c in answer.citations
            ],
            abstained=answer.abstained,
            seconds=seconds,
            text=answer.text,
            extra={"citations": [c.to_dict() for c in answer.citations[:3]]},
        )


class _ClauseScorer:
    """Shared by the dense and BM25 baselines: best passage score per clause."""

    def __init__(self, bot: Assistant, queries: CachedQueries):
        self.bot, self.queries = bot, queries
        contents = bot.contents
        self.clauses = contents.clauses
        self.passage_clause = np.array([p for p, _ in contents.passages], dtype=np.int64)

    def _rank(self, passage_scores: np.ndarray, passage_ids: np.ndarray) -> list[Unit]:
        best = np.full(len(self.clauses), -np.inf, dtype=np.float32)
        np.maximum.at(best, self.passage_clause[passage_ids], passage_scores)
        order = np.argsort(-best, kind="stable")[:DEPTH]
        return [self._unit(self.clauses[i]) for i in order if np.isfinite(best[i])]

    @staticmethod
    def _unit(clause) -> Unit:
        return Unit(clause.doc_id, frozenset({clause.clause_id}), clause.text, clause.paragraph)


class DenseOnly(_ClauseScorer):
    name = "dense"

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        vector = self.queries.encode_queries([with_conversation(question, history)])[0]
        scores, ids = self.bot.contents.dense.search(vector, len(self.bot.contents.dense))
        units = self._rank(scores, ids)
        top = float(scores.max()) if len(scores) else 0.0
        return Ranking(units, seconds=time.perf_counter() - start, confidence=top)


class Bm25Only(_ClauseScorer):
    name = "bm25"

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        scores = self.bot.contents.lexical.scores(terms(with_conversation(question, history)))
        ids = np.flatnonzero(scores > 0)
        units = self._rank(scores[ids], ids)
        top = float(scores.max()) if len(scores) else 0.0
        return Ranking(units, seconds=time.perf_counter() - start, confidence=top)


@dataclass(frozen=True)
class Chunk:
    doc_id: str
    start: int
    text: str
    clause_ids: frozenset[str]


def chunk_documents(documents: list[Document]) -> list[Chunk]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=NAIVE_CHUNK_SIZE, chunk_overlap=NAIVE_CHUNK_OVERLAP, add_start_index=True
    )
    chunks = []
    for doc in documents:
        for piece in splitter.create_documents([doc.raw_text]):
            start = piece.metadata["start_index"]
            span = (start, start + len(piece.page_content))
            contained = frozenset(c.clause_id for c in doc.clauses if contains(span, c.raw_span))
            chunks.append(Chunk(doc.doc_id, start, piece.page_content, contained))
    return chunks


class Naive:
    name = "naive"

    def __init__(self, documents: list[Document], embedder, cache_dir: Path | None = None):
        self.embedder = embedder
        self.chunks = chunk_documents(documents)
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

    def _unit(self, i: int) -> Unit:
        chunk = self.chunks[i]
        return Unit(chunk.doc_id, chunk.clause_ids, chunk.text)

    def _dense(self, query: str, depth: int) -> tuple[np.ndarray, np.ndarray]:
        vector = self.embedder.encode_queries([query])[0]
        scores, ids = self.index.search(vector.reshape(1, -1), min(depth, self.index.ntotal))
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def rank(self, question: str, history: list[dict]) -> Ranking:
        start = time.perf_counter()
        scores, ids = self._dense(with_conversation(question, history), DEPTH)
        units = [self._unit(i) for i in ids]
        top = float(scores[0]) if len(scores) else 0.0
        return Ranking(units, seconds=time.perf_counter() - start, confidence=top)


class NaiveHybrid(Naive):
    name = "naive hybrid"

    def __init__(self, naive: Naive):
        import bm25s

        self.embedder, self.chunks, self.index = naive.embedder, naive.chunks, naive.index
        self.stopwords = _stopwords()
        self.bm25 = bm25s.BM25()
        tokens = bm25s.tokenize([c.text for c in self.chunks], stopwords=self.stopwords,
                                show_progress=False)  # fmt: skip
        self.bm25.index(tokens, show_progress=False)

    def rank(self, question: str, history: list[dict]) -> Ranking:
        import bm25s

        start = time.perf_counter()
        query = with_conversation(question, history)
        dense_scores, dense_ids = self._dense(query, RRF_DEPTH)
        fused: dict[int, float] = {}
        for rank, i in enumerate(dense_ids):
            fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (RRF_K + rank + 1)
        tokens = bm25s.tokenize([query], stopwords=self.stopwords, show_progress=False)
        if tokens.vocab:
            depth = min(RRF_DEPTH, len(self.chunks))
            lexical_ids, lexical_scores = self.bm25.retrieve(
                tokens, k=depth, show_progress=False, n_threads=1
            )
            for rank, (i, s) in enumerate(zip(lexical_ids[0], lexical_scores[0], strict=True)):
                if s > 0:
                    fused[int(i)] = fused.get(int(i), 0.0) + 1.0 / (RRF_K + rank + 1)
        order = sorted(fused, key=lambda i: -fused[i])[:DEPTH]
        top = float(dense_scores[0]) if len(dense_scores) else 0.0
        return Ranking(
            [self._unit(i) for i in order], seconds=time.perf_counter() - start, confidence=top
        )


def _stopwords() -> list[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_FRENCH

    return sorted(set(STOPWORDS_EN) | set(STOPWORDS_FRENCH))


def contains(chunk: tuple[int, int], clause: tuple[int, int]) -> bool:
    overlap = min(chunk[1], clause[1]) - max(chunk[0], clause[0])
    shorter = min(chunk[1] - chunk[0], clause[1] - clause[0])
    return shorter > 0 and overlap >= CONTAINS * shorter
