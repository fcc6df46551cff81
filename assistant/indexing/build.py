"""Documents -> passages -> vectors -> dense + lexical indexes, written to disk.

A build can start from the `previous` index: a clause it already held (same id,
same text) keeps its passages, and a passage it already embedded (same text)
keeps its vector, so adding a document embeds only that document's passages and
removing one embeds nothing. Beyond the index, the embedding cache
(embeddings/cache.py) holds every vector the model made for a text, so a rebuild
from scratch embeds only texts it never saw; vectors are saved to it batch by batch,
and an interrupted build (Ctrl-C) leaves the index as it was and resumes from them."""

from __future__ import annotations

import numpy as np

from assistant.analysis import terms
from assistant.documents import Clause, Document
from assistant.indexing.chunking import make_passages, make_propositions
from assistant.settings import Settings
from assistant.stages import pipeline_version
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.store import IndexContents, write_index


def build_index(
    documents: list[Document],
    embedder,
    settings: Settings,
    progress: bool = False,
    *,
    previous: IndexContents | None = None,
    added: set[str] | frozenset[str] = frozenset(),
    base_hash: str = "",
) -> IndexContents:
    """Index `documents` and make the result the live index. `added`: the ids of
    documents the user added (kept across rebuilds); `base_hash`: the corpus folder's
    hash, to notice when it changes."""
    clauses = [c for d in documents for c in d.clauses]
    passages = _passages(clauses, embedder, settings, previous)
    propositions = make_propositions(clauses) if settings.propositions else []
    texts = [text for _, text in passages]
    every = texts + [text for _, text in propositions]
    owners = [position for position, _ in passages + propositions]
    vectors, embedded = _vectors(every, owners, embedder, settings, previous, progress)
    contents = IndexContents(
        documents=documents,
        passages=passages,
        dense=DenseIndex.build(vectors[: len(texts)]),
        lexical=LexicalIndex.build(_passage_terms(documents, clauses, passages)),
        manifest={},
        added=set(added) & {d.doc_id for d in documents},
        base_hash=base_hash,
        embedded=embedded,
        propositions=propositions,
        proposition_dense=DenseIndex.build(vectors[len(texts) :]) if propositions else None,
    )
    write_index(
        settings.resolved_index_dir,
        contents,
        model={
            "name": embedder.name,
            "fingerprint": embedder.fingerprint,
            "dimension": embedder.dimension,
        },
        settings=index_settings(settings),
        pipeline=pipeline_version(),
    )
    return contents


def index_settings(settings: Settings) -> dict:
    """The settings an index depends on: a change means a rebuild."""
    return {
        "max_passage_tokens": settings.max_passage_tokens,
        "lexical_text": "passage",
        "lexical_analysis": "per clause language (fr, en)",
        "propositions": settings.propositions,
    }


def _passage_terms(
    documents: list[Document], clauses: list[Clause], passages: list[tuple[int, str]]
) -> list[list[str]]:
    """Each passage's BM25 terms, analysed in its clause's language."""
    written_in = {d.doc_id: d.language for d in documents}
    return [
        terms(text, clauses[position].language or written_in.get(clauses[position].doc_id))
        for position, text in passages
    ]


def _passages(
    clauses: list[Clause], embedder, settings: Settings, previous: IndexContents | None
) -> list[tuple[int, str]]:
    """Passages of every clause; a clause unchanged since `previous` keeps its own
    (no token counting, so no tokenizer load, when nothing is new)."""
    known: dict[tuple[str, str], list[str]] = {}
    if previous is not None and previous.manifest.get("settings") == index_settings(settings):
        old = previous.clauses
        for position, text in previous.passages:
            clause = old[position]
            known.setdefault((clause.clause_id, clause.text), []).append(text)
    passages: list[tuple[int, str]] = []
    new: list[int] = []
    for position, clause in enumerate(clauses):
        texts = known.get((clause.clause_id, clause.text))
        if texts is not None and clause.retrievable:
            passages += [(position, text) for text in texts]
        elif clause.retrievable:
            new.append(position)
    if new:
        made = make_passages(
            [clauses[i] for i in new], embedder.count_tokens, settings.max_passage_tokens
        )
        passages += [(new[i], text) for i, text in made]
    passages.sort(key=lambda p: p[0])  # stable: a clause's pieces stay in order
    return passages


def _vectors(
    texts: list[str],
    owners: list[int],
    embedder,
    settings: Settings,
    previous: IndexContents | None,
    progress: bool,
) -> tuple[np.ndarray, int]:
    """(vectors, how many were embedded now): reused from `previous` (its passages and
    propositions) by exact text, then from the embedding cache; the rest embedded.
    `owners`: the clause of each text (progress counts clauses)."""
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    done: set[int] = set()
    stores = [(previous.passages, previous.dense)] if previous else []
    if previous and previous.proposition_dense is not None:
        stores.append((previous.propositions, previous.proposition_dense))
    for pieces, dense in stores:
        seen = {text: i for i, (_, text) in enumerate(pieces)}
        reuse = [(i, seen[t]) for i, t in enumerate(texts) if t in seen and i not in done]
        if reuse:
            positions, ids = zip(*reuse, strict=True)
            vectors[list(positions)] = dense.vectors(list(ids))
            done.update(positions)
    todo = [i for i in range(len(texts)) if i not in done]
    cache = _cache(settings, embedder) if todo else None
    try:
        if cache is not None:
            for j, vector in cache.get([texts[i] for i in todo]).items():
                vectors[todo[j]] = vector
                done.add(todo[j])
            todo = [i for i in todo if i not in done]
        if todo:
            owned = [owners[i] for i in todo]
            vectors[todo] = _embed([texts[i] for i in todo], owned, embedder, cache, progress)
    finally:
        if cache is not None:
            cache.trim()
            cache.close()
    return vectors, len(todo)


def _cache(settings: Settings, embedder):
    if not settings.embedding_cache:
        return None
    from embeddings.cache import EmbeddingCache

    return EmbeddingCache(
        settings.embedding_cache_dir,
        embedder.fingerprint,
        embedder.dimension,
        settings.embedding_cache_mb,
    )


def _embed(texts: list[str], owners: list[int], embedder, cache, progress: bool) -> np.ndarray:
    """Vectors of `texts`, each batch saved to the cache as soon as it is made (a
    Ctrl-C loses at most one batch), with a progress bar if asked: clauses/s and an
    ETA, a clause of n texts counting 1/n per text (its passages and propositions)."""
    bar = None
    if progress:
        from collections import Counter

        from tqdm import tqdm

        per_clause = Counter(owners)
        share = [1 / per_clause[o] for o in owners]
        bar = tqdm(
            total=len(per_clause),
            desc=f"Embedding {len(texts)} texts",
            unit=" clauses",
            smoothing=0.1,
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total_fmt} clauses "
            "[{elapsed}<{remaining}, {rate_fmt}]",
        )

    def on_batch(positions, vectors) -> None:
        if cache is not None:
            cache.put([texts[i] for i in positions], vectors)
        if bar is not None:  # float shares: never past the total
            bar.update(min(sum(share[i] for i in positions), bar.total - bar.n))

    try:
        return embedder.encode_documents(texts, on_batch=on_batch)
    finally:
        if bar is not None:
            bar.close()
