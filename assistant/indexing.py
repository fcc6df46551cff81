"""Documents -> passages -> vectors -> dense + lexical indexes, written to disk."""

from __future__ import annotations

from assistant.analysis import terms
from assistant.chunking import make_passages
from assistant.documents import Document
from assistant.settings import Settings
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.store import IndexContents, write_index


def build_index(
    documents: list[Document], embedder, settings: Settings, progress: bool = False
) -> IndexContents:
    clauses = [c for d in documents for c in d.clauses]
    passages = make_passages(clauses, embedder.count_tokens, settings.max_passage_tokens)
    texts = [text for _, text in passages]
    vectors = embedder.encode_documents(texts, progress=progress)
    contents = IndexContents(
        documents=documents,
        passages=passages,
        dense=DenseIndex.build(vectors),
        lexical=LexicalIndex.build([terms(text) for text in texts]),
        manifest={},
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
