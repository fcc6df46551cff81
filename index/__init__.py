"""Index stage: dense (FAISS) and lexical (BM25) indexes over clause passages (and a
dense one over the propositions of long clauses),
persisted as a versioned, checksummed folder (see index/FORMAT.md)."""

from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.store import FORMAT_VERSION, IndexContents, read_index, write_index

__all__ = [
    "FORMAT_VERSION",
    "DenseIndex",
    "IndexContents",
    "LexicalIndex",
    "read_index",
    "write_index",
]
