"""Ranking and abstention metrics, on ranked units that each stand for a set of clause ids.

A clause system ranks single clauses ({id}); the naive pipeline ranks chunks, each
standing for the clauses it contains. A unit is relevant when it shares a clause
with the gold set. Binary relevance throughout, as in TREC's success / recip_rank /
ndcg_cut (tests/test_eval.py checks these against ir-measures on a real run).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

Unit = frozenset[str]


def relevant(unit: Unit, gold: frozenset[str]) -> bool:
    return bool(unit & gold)


def hit_at(ranked: Sequence[Unit], gold: frozenset[str], k: int) -> float:
    return float(any(relevant(u, gold) for u in ranked[:k]))


def reciprocal_rank(ranked: Sequence[Unit], gold: frozenset[str], k: int = 10) -> float:
    for rank, unit in enumerate(ranked[:k], start=1):
        if relevant(unit, gold):
            return 1.0 / rank
    return 0.0


def ndcg_at(
    ranked: Sequence[Unit], gold: frozenset[str], k: int = 10, n_relevant: int | None = None
) -> float:
    """nDCG@k with binary gains; the ideal ranking puts `n_relevant` relevant units
    first (default: one per gold clause)."""
    n_relevant = len(gold) if n_relevant is None else n_relevant
    ideal = sum(1 / math.log2(r + 1) for r in range(1, min(k, n_relevant) + 1))
    if ideal == 0:
        return 0.0
    gain = sum(
        1 / math.log2(rank + 1)
        for rank, unit in enumerate(ranked[:k], start=1)
        if relevant(unit, gold)
    )
    return gain / ideal


def abstention_scores(decisions: Sequence[tuple[bool, bool]]) -> dict[str, float | None]:
    """Precision and recall of abstaining, from (abstained, should_abstain) pairs."""
    abstained = sum(a for a, _ in decisions)
    should = sum(s for _, s in decisions)
    right = sum(a and s for a, s in decisions)
    return {
        "precision": right / abstained if abstained else None,
        "recall": right / should if should else None,
        "abstained": abstained,
        "should_abstain": should,
    }


def percentile(values: Sequence[float], q: float) -> float | None:
    """Linear-interpolated percentile (numpy's default method), q in 0..100."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


BOOTSTRAP_SAMPLES = 1000
BOOTSTRAP_SEED = 29


def bootstrap_interval(rows: Sequence, value, level: float = 0.95) -> list[float] | None:
    """Percentile bootstrap interval of the mean of `value(row)`, resampling whole
    conversations (rows with the same `.item`), since the turns of one conversation are
    not independent. Fixed seed: the same rows give the same interval."""
    import random

    groups: dict[str, list[float]] = {}
    for row in rows:
        groups.setdefault(row.item, []).append(float(value(row)))
    if not groups:
        return None
    sums = [(sum(v), len(v)) for v in groups.values()]
    rng = random.Random(BOOTSTRAP_SEED)
    means = []
    for _ in range(BOOTSTRAP_SAMPLES):
        draw = [sums[rng.randrange(len(sums))] for _ in sums]
        means.append(sum(s for s, _ in draw) / sum(n for _, n in draw))
    means.sort()
    low = means[int((1 - level) / 2 * BOOTSTRAP_SAMPLES)]
    high = means[min(int((1 + level) / 2 * BOOTSTRAP_SAMPLES), BOOTSTRAP_SAMPLES - 1)]
    return [round(low, 3), round(high, 3)]
