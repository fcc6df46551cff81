"""Embedding cache: a passage's vector, kept across indexes, keyed by (model
fingerprint, exact text).

Why: an index reuses the vectors it holds, but nothing survives a rebuild from
scratch, a remove-then-add or another index folder, though the model and the text
are unchanged. With this cache, rebuilding an index whose texts did not change
embeds nothing, and an interrupted build resumes where it stopped (vectors are
saved batch by batch).

One SQLite file per cache folder (`<cache_dir>/embeddings/vectors.sqlite`; WAL, so
several processes may read and write). The key is the sha256 of the exact text, under
the model's fingerprint (its name plus the hash of the checkpoint it was converted
from, or of its config): another model, or another conversion, never sees these
vectors. Least recently used rows are dropped when the file passes its size cap.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import numpy as np

_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    model TEXT NOT NULL,
    text_sha256 BLOB NOT NULL,
    vector BLOB NOT NULL,
    used REAL NOT NULL,
    PRIMARY KEY (model, text_sha256)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS vectors_used ON vectors (used);
"""
_CHUNK = 500  # keys per SELECT (SQLite's variable limit is far above)


def text_key(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors of one model (`fingerprint`), at most about `max_mb` on disk."""

    def __init__(self, folder: Path, fingerprint: str, dimension: int, max_mb: float):
        self.path = Path(folder) / "vectors.sqlite"
        self.fingerprint = fingerprint
        self.dimension = dimension
        self.max_bytes = int(max_mb * 2**20)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def get(self, texts: list[str]) -> dict[int, np.ndarray]:
        """{position in `texts`: vector} for the texts the cache holds."""
        keys = [text_key(t) for t in texts]
        where: dict[bytes, list[int]] = {}
        for i, key in enumerate(keys):
            where.setdefault(key, []).append(i)
        found: dict[int, np.ndarray] = {}
        unique = list(where)
        hits: list[bytes] = []
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start : start + _CHUNK]
            rows = self._db.execute(
                f"SELECT text_sha256, vector FROM vectors WHERE model = ? AND text_sha256 IN "
                f"({','.join('?' * len(chunk))})",
                [self.fingerprint, *chunk],
            ).fetchall()
            for key, blob in rows:
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape != (self.dimension,):
                    continue  # written by another model of the same name: embed again
                hits.append(key)
                for i in where[key]:
                    found[i] = vector
        if hits:
            now = time.time()
            with self._transaction():
                self._db.executemany(
                    "UPDATE vectors SET used = ? WHERE model = ? AND text_sha256 = ?",
                    [(now, self.fingerprint, key) for key in hits],
                )
        return found

    def put(self, texts: list[str], vectors: np.ndarray) -> None:
        now = time.time()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (model, text_sha256, vector, used) "
                "VALUES (?, ?, ?, ?)",
                [
                    (self.fingerprint, text_key(t), v.tobytes(), now)
                    for t, v in zip(texts, vectors, strict=True)
                ],
            )

    def __len__(self) -> int:
        return self._db.execute(
            "SELECT COUNT(*) FROM vectors WHERE model = ?", [self.fingerprint]
        ).fetchone()[0]

    def trim(self) -> int:
        """Drop the least recently used vectors (any model) until the file is under
        90 % of its cap; returns how many were dropped."""
        size = self._size()
        if size <= self.max_bytes:
            return 0
        rows = self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
        per_row = size / max(rows, 1)
        drop = min(rows, int((size - 0.9 * self.max_bytes) / per_row) + 1)
        with self._transaction():
            self._db.execute(
                "DELETE FROM vectors WHERE (model, text_sha256) IN "
                "(SELECT model, text_sha256 FROM vectors ORDER BY used LIMIT ?)",
                [drop],
            )
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.execute("VACUUM")
        return drop

    def _size(self) -> int:
        pages = self._db.execute("PRAGMA page_count").fetchone()[0]
        free = self._db.execute("PRAGMA freelist_count").fetchone()[0]
        page = self._db.execute("PRAGMA page_size").fetchone()[0]
        return (pages - free) * page

    def _transaction(self):
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, traceback):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
