"""Documents -> passages -> vectors -> dense + lexical indexes, written to disk.

A build can start from the `previous` index: a clause it already held (same id,
same text) keeps its passages, and a passage it already embedded (same text)
keeps its vector, so adding a document embeds only that document's passages and
removing one embeds nothing."""

from __future__ import annotations

import numpy as np

from assistant.analysis import terms
from assistant.chunking import make_passages
from assistant.documents import Clause, Document
from assistant.settings import Settings
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
    texts = [text for _, text in passages]
    vectors, embedded = _vectors(texts, embedder, previous, progress)
    contents = IndexContents(
        documents=documents,
        passages=passages,
        dense=DenseIndex.build(vectors),
        lexical=LexicalIndex.build([terms(text) for text in texts]),
        manifest={},
        added=set(added) & {d.doc_id for d in documents},
        base_hash=base_hash,
        embedded=embedded,
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
    )
    return contents


def index_settings(settings: Settings) -> dict:
    """The settings an index depends on: a change means a rebuild."""
    return {"max_passage_tokens": settings.max_passage_tokens, "lexical_text": "passage"}


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
    texts: list[str], embedder, previous: IndexContents | None, progress: bool
) -> tuple[np.ndarray, int]:
    """(vectors, how many were embedded now): reused from `previous` by exact text."""
    seen = {text: i for i, (_, text) in enumerate(previous.passages)} if previous else {}
    reuse = [(i, seen[t]) for i, t in enumerate(texts) if t in seen]
    todo = [i for i, t in enumerate(texts) if t not in seen]
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    if reuse:
        positions, ids = zip(*reuse, strict=True)
        vectors[list(positions)] = previous.dense.vectors(list(ids))
    if todo:
        vectors[todo] = embedder.encode_documents([texts[i] for i in todo], progress=progress)
    return vectors, len(todo)
