"""Embedding stage: the multilingual-e5-small model behind sentence-transformers."""

from embeddings.model import Embedder

__all__ = ["Embedder"]
