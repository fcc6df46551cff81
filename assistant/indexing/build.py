"""Documents -> passages -> vectors -> dense + lexical indexes, written to disk.

A build can start from the `previous` index: a clause it already held (same id,
same text) keeps its passages, and a passage it already embedded (same text)
keeps its vector, so adding a document embeds only that document's passages and
removing one embeds nothing. Beyond the index, the embedding cache
(embeddings/cache.py) holds every vector the model made for a text, so a rebuild
from scratch embeds only texts it never saw; vectors are saved to it batch by batch,
and an interrupted build (Ctrl-C) leaves the index as it was and resumes from them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assistant.analysis import terms
from assistant.documents import Clause, Document
from assistant.indexing.chunking import make_passages, make_propositions
from assistant.settings import Settings
from assistant.stages import pipeline_version
from embeddings.model import BUILTIN_MODEL
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
    pool = pooled(settings) and getattr(embedder, "pools_spans", True)
    pieces = _pieces(clauses, passages, propositions, pool)
    vectors, embedded = _vectors(pieces, embedder, settings, previous, progress)
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
        proposition_dense=DenseIndex.build(vectors[len(texts) :], half_precision=True)
        if propositions
        else None,
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
        "proposition_vectors": POOLED if pooled(settings) else OWN_PASS,
    }


# how the manifest's settings say a proposition's vector was made
POOLED, OWN_PASS = "pooled from the clause's pass", "own pass"


def pooled(settings: Settings) -> bool:
    """Whether propositions are pooled from their clause's pass: when asked
    (`proposition_vectors`), by the built-in model's own engines (embeddings/fast.py);
    the sentence-transformers reference and other models encode each as a text."""
    return (
        settings.proposition_vectors == "pooled"
        and settings.model == BUILTIN_MODEL
        and settings.document_engine != "sentence-transformers"
    )


@dataclass(frozen=True)
class Piece:
    """A text that gets a vector: a passage, or a proposition. `key` names its vector
    (in the embedding cache, and for reuse from the previous index): the exact text of
    a passage or of a proposition encoded on its own; for a pooled proposition, its
    clause's passage and its span in it, since its vector depends on both."""

    key: str
    owner: int  # position of its clause (progress counts clauses)
    passage: str  # the text the model reads
    span: tuple[int, int] | None = None  # the proposition's characters in `passage`


def _pieces(
    clauses: list[Clause],
    passages: list[tuple[int, str]],
    propositions: list[tuple[int, str]],
    pool: bool,
) -> list[Piece]:
    """Passages, then propositions: with `pool`, a proposition of a clause embedded as
    one passage is a span of that passage (its vector pooled from the passage's pass);
    else, or when its clause was split into several passages, a text of its own."""
    pieces = [Piece(text, position, text) for position, text in passages]
    single: dict[int, str] = {}
    for position, text in passages:
        single[position] = text if position not in single else ""
    for position, text in propositions:
        passage = single.get(position, "") if pool else ""
        clause_text = clauses[position].text
        at = clause_text.find(text)
        # the passage ends with the clause's text (after a label or a lead-in)
        if passage and at >= 0 and passage.endswith(clause_text):
            start = len(passage) - len(clause_text) + at
            span = (start, start + len(text))
            pieces.append(Piece(f"{passage}\x1f{span[0]}:{span[1]}", position, passage, span))
        else:
            pieces.append(Piece(text, position, text))
    return pieces


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
    pieces: list[Piece],
    embedder,
    settings: Settings,
    previous: IndexContents | None,
    progress: bool,
) -> tuple[np.ndarray, int]:
    """(vectors, how many were embedded now): reused from `previous` (its passages and
    propositions) by key, then from the embedding cache; the rest embedded."""
    vectors = np.zeros((len(pieces), embedder.dimension), dtype=np.float32)
    done: set[int] = set()
    if previous is not None:
        before = _pieces(
            previous.clauses,
            previous.passages,
            previous.propositions,
            previous.manifest.get("settings", {}).get("proposition_vectors") == POOLED,
        )
        stores = [(before[: len(previous.passages)], previous.dense)]
        if previous.proposition_dense is not None:
            stores.append((before[len(previous.passages) :], previous.proposition_dense))
        for held, dense in stores:
            seen = {piece.key: i for i, piece in enumerate(held)}
            reuse = [
                (i, seen[p.key]) for i, p in enumerate(pieces) if p.key in seen and i not in done
            ]
            if reuse:
                positions, ids = zip(*reuse, strict=True)
                vectors[list(positions)] = dense.vectors(list(ids))
                done.update(positions)
    todo = [i for i in range(len(pieces)) if i not in done]
    cache = _cache(settings, embedder) if todo else None
    try:
        if cache is not None:
            for j, vector in cache.get([pieces[i].key for i in todo]).items():
                vectors[todo[j]] = vector
                done.add(todo[j])
            todo = [i for i in todo if i not in done]
        if todo:
            vectors[todo] = _embed([pieces[i] for i in todo], embedder, cache, progress)
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


def _embed(pieces: list[Piece], embedder, cache, progress: bool) -> np.ndarray:
    """Vectors of `pieces`: each passage read once by the model, the spans of it asked
    for pooled from that pass; each batch saved to the cache as soon as it is made (a
    Ctrl-C loses at most one batch), with a progress bar if asked: clauses/s and an
    ETA, a clause of n pieces counting 1/n per piece."""
    texts = list(dict.fromkeys(p.passage for p in pieces))
    row = {text: i for i, text in enumerate(texts)}
    spans: list[list[tuple[int, int]]] = [[] for _ in texts]
    # what each text's pass gives: its own vector (when it is a piece) and its spans'
    whole: dict[str, list[int]] = {}
    pooled_at: dict[tuple[str, tuple[int, int]], list[int]] = {}
    for i, piece in enumerate(pieces):
        if piece.span is None:
            whole.setdefault(piece.passage, []).append(i)
        else:
            pooled_at.setdefault((piece.passage, piece.span), []).append(i)
    for text, span in pooled_at:
        if span not in spans[row[text]]:
            spans[row[text]].append(span)
    bar = None
    if progress:
        from collections import Counter

        from tqdm import tqdm

        per_clause = Counter(p.owner for p in pieces)
        share = {text: 0.0 for text in texts}
        for piece in pieces:
            share[piece.passage] += 1 / per_clause[piece.owner]
        bar = tqdm(
            total=len(per_clause),
            desc=f"Embedding {len(texts)} texts",
            unit=" clauses",
            smoothing=0.1,
            bar_format="{desc}: {percentage:3.0f}%|{bar}| {n:.0f}/{total_fmt} clauses "
            "[{elapsed}<{remaining}, {rate_fmt}]",
        )
    out = np.zeros((len(pieces), embedder.dimension), dtype=np.float32)

    def on_batch(positions, vectors) -> None:
        rows = [r for i in positions for r in whole.get(texts[i], [])]
        if rows:
            out[rows] = [
                vectors[j] for j, i in enumerate(positions) for _ in whole.get(texts[i], [])
            ]
            if cache is not None:
                cache.put([pieces[r].key for r in rows], out[rows])
        if bar is not None:  # float shares: never past the total
            bar.update(min(sum(share[texts[i]] for i in positions), bar.total - bar.n))

    cut_off: list[int] = []

    def on_spans(positions, made) -> None:
        rows_made = []
        for i, vectors in zip(positions, made, strict=True):
            for span, vector in zip(spans[i], vectors, strict=True):
                rows = pooled_at[(texts[i], span)]
                if vector is None:  # past the model's window: encoded on its own below
                    cut_off.extend(rows)
                else:
                    out[rows] = vector
                    rows_made += rows
        if cache is not None and rows_made:
            cache.put([pieces[r].key for r in rows_made], out[rows_made])

    try:
        if any(spans):
            embedder.encode_with_spans(texts, spans, on_batch=on_batch, on_spans=on_spans)
            if cut_off:
                own = [pieces[r].passage[slice(*pieces[r].span)] for r in cut_off]
                out[cut_off] = embedder.encode_documents(own)
        else:
            embedder.encode_documents(texts, on_batch=on_batch)
        return out
    finally:
        if bar is not None:
            bar.close()
