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
    synthetic = Assistant(settings, bot.embedder, contents)
    answer = synthetic.ask("Que dit la résolution sur les droits humains ?")
    assert not answer.abstained
    assert "droits humains" in answer.citations[0].quote


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
