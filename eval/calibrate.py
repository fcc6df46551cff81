"""Calibrate fusion and abstention on the dev split only: `python -m eval.calibrate`.

The dev questions: the seeds' gold set (dev split), the core questions of tests/, and the
questions over every dev English resolution (`gold_documents_dev.json` over the shared
corpus's three, `gold_documents_added.json`, the dev items of
`gold_documents_added_2.json` and `gold_documents_added_3.json` over the ten dev ones of
eval/documents/), asked over the seeds and those thirteen resolutions. Never the test split
or its documents.

Fusion: a grid over `dense_weight` and `verb_boost`, scored by hit@1 then MRR@10
over the dev turns that reach retrieval; one weight for both languages unless a
language's own weight wins at least MIN_GAIN more dev questions. Abstention: for
every dev turn that reaches retrieval (not a paragraph request, not a resolution
outside the corpus) it records the best clause's cosine and lexical support (turns
naming a topic no clause speaks of, and turns asking for a number or a date the best
clause does not give, are abstained on by those rules and left out); sets a cosine
floor per language pair ("en>fr": an English question, a French clause; each direction
its own, since cosines run higher within a language and not alike in each) just under
the lowest cosine of an answerable turn (the turns below it are abstained on, and left
out of the next step, unless the clause speaks of every glossary topic the question
names); then, per language pair and for
each support weight, picks the threshold on `cosine + weight x support` that makes
the most right decisions (answer an answerable turn, abstain on an unanswerable
one), in the middle of the widest gap between the two sides. It prints the winning
settings; they are copied into `assistant/settings.py` by hand, so that a change is
reviewed.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from assistant import Assistant
from assistant.asking.query import understand
from assistant.settings import Settings
from eval.corpus import DEFAULT_SHARED, load_eval_corpus
from eval.gold import (
    ADDED_2_GOLD,
    ADDED_3_GOLD,
    ADDED_GOLD,
    DEV_GOLD,
    SEEDS_GOLD,
    GoldParagraph,
    Item,
    Turn,
    load_gold,
)
from eval.runner import Matcher, eval_settings
from eval.systems import CachedQueries, Unit

CORE_QUESTIONS = Path(__file__).with_name("core_questions.json")
WEIGHTS = [round(0.05 * i, 2) for i in range(0, 9)]
DENSE_WEIGHTS = [0.4, 0.5, 0.6, 0.7, 0.8]
VERB_BOOSTS = [0.0, 0.1, 0.2, 0.3, 0.4]
MIN_GAIN = 2  # dev questions a per-language fusion weight must win to be kept
COSINE_MARGIN = 0.01  # the cosine floor sits this far under the lowest answerable dev turn


def dev_items(split: str = "dev", corpus=None) -> list[Item]:
    """The seeds' gold set, dev split only, plus the core questions of tests/ (never test
    data: `tests/test_seal.py` checks that none of them is a test question), plus, given
    the eval `corpus`, the dev questions over its documents (all of them, not the quick
    slice's every 4th seed question)."""
    items = [i for i in load_gold(SEEDS_GOLD) if i.split == split]
    if split == "dev" and corpus is not None:
        keys = {d.key for d in corpus} | {d.doc_id for d in corpus}
        gold_files = (DEV_GOLD, ADDED_GOLD, ADDED_2_GOLD, ADDED_3_GOLD)
        documents = [i for i in load_gold(gold_files) if i.split == "dev"]
        items += [
            i
            for i in documents
            if all(g.document in keys for t in i.turns for g in t.gold)
            and all(d in keys for d in i.documents)
        ]
    if split == "dev" and CORE_QUESTIONS.is_file():
        for q in json.loads(CORE_QUESTIONS.read_text(encoding="utf-8")):
            turns = [q, *([q["followup"]] if "followup" in q else [])]
            items.append(
                Item(
                    id=f"core-{q['id']}",
                    split="dev",
                    kind="core",
                    language="",
                    turns=tuple(
                        Turn(t["question"], tuple(_by_id(g) for g in t["gold"]), "") for t in turns
                    ),
                )
            )
    return items


def _by_id(clause_id: str) -> GoldParagraph:
    return GoldParagraph(document=clause_id.split("#")[0], clause_id=clause_id)


def dialogue_queries(bot: Assistant, split: str = "dev", corpus=None):
    """(turn, understood query) for every turn of the split, history included. A
    follow-up naming no topic counts as asked of the conversation's subject (its
    `in_context` reading, which `ask` falls back to when it finds nothing alone)."""
    for item in dev_items(split, corpus):
        history: list[dict] = []
        for turn in item.turns:
            query = understand(turn.question, bot.catalog, history)
            yield turn, query.in_context or query
            answer = bot.ask(turn.question, history)
            history += [
                {"role": "user", "content": turn.question},
                {"role": "assistant", "content": answer.text},
            ]


class Relevance:
    """Whether a clause answers a turn: its gold clause ids (seeds), or the gold
    paragraph's verbatim excerpt in the clause, in the gold's document (eval.runner)."""

    def __init__(self, corpus=None, shared: Path | None = None):
        self.matcher = Matcher(corpus, Path(shared or DEFAULT_SHARED)) if corpus else None

    def __call__(self, turn: Turn, clause) -> bool:
        unit = Unit(clause.doc_id, frozenset({clause.clause_id}), clause.quote, clause.paragraph)
        for gold in turn.gold:
            if gold.clause_id and gold.clause_id == clause.clause_id:
                return True
            if not gold.clause_id and self.matcher and self.matcher.answers(unit, gold):
                return True
        return False


def tune_fusion(bot: Assistant, split: str = "dev", corpus=None) -> dict:
    relevant = Relevance(corpus)
    queries = [
        (turn, query)
        for turn, query in dialogue_queries(bot, split, corpus)
        if not turn.unanswerable and query.paragraph is None and query.doc_ids != []
        if not (query.unknown_refs and not query.doc_ids)
    ]
    saved = bot.retriever.embedder, dict(bot.settings.dense_weight), bot.settings.verb_boost
    bot.retriever.embedder = CachedQueries(bot.embedder)
    grid: dict[tuple[str, float, float], tuple[float, float]] = {}
    try:
        for dense_weight in DENSE_WEIGHTS:
            for verb_boost in VERB_BOOSTS:
                bot.settings.dense_weight = {"en": dense_weight, "fr": dense_weight}
                bot.settings.verb_boost = verb_boost
                for language in ("en", "fr"):
                    hit1 = rr = 0.0
                    for turn, query in queries:
                        if query.language != language:
                            continue
                        hits = bot.retriever.search(query, 10)
                        ranks = [i for i, h in enumerate(hits, 1) if relevant(turn, h.clause)]
                        hit1 += bool(ranks) and ranks[0] == 1
                        rr += 1 / ranks[0] if ranks else 0.0
                    grid[(language, dense_weight, verb_boost)] = (hit1, rr)
    finally:
        bot.retriever.embedder, bot.settings.dense_weight, bot.settings.verb_boost = saved

    def best_for(language: str, verb_boost: float) -> tuple[float, tuple[float, float]]:
        weight = max(DENSE_WEIGHTS, key=lambda w: grid[(language, w, verb_boost)])
        return weight, grid[(language, weight, verb_boost)]

    def shared(key: tuple[float, float]) -> tuple[float, float]:
        scores = [grid[(language, *key)] for language in ("en", "fr")]
        return sum(s[0] for s in scores), sum(s[1] for s in scores)

    # one weight for both languages unless a language's own weight wins >= MIN_GAIN
    # more dev questions: a one-question gain does not pay for a parameter
    shared_weight, verb_boost = max(
        ((w, b) for w in DENSE_WEIGHTS for b in VERB_BOOSTS), key=shared
    )
    weights = {}
    for language in ("en", "fr"):
        own, (own_hits, _) = best_for(language, verb_boost)
        gain = own_hits - grid[(language, shared_weight, verb_boost)][0]
        weights[language] = own if gain >= MIN_GAIN else shared_weight
    hit1 = sum(grid[(lang, w, verb_boost)][0] for lang, w in weights.items())
    rr = sum(grid[(lang, w, verb_boost)][1] for lang, w in weights.items())
    return {
        "turns": len(queries),
        "dense_weight": weights,
        "verb_boost": verb_boost,
        "hit@1": round(hit1 / len(queries), 4),
        "mrr@10": round(rr / len(queries), 4),
    }


def collect(bot: Assistant, split: str = "dev", corpus=None) -> list[dict]:
    """The best clause's cosine and support for every turn that reaches retrieval."""
    rows = []
    for turn, query in dialogue_queries(bot, split, corpus):
        if query.paragraph is not None or (query.unknown_refs and not query.doc_ids):
            continue
        if bot.retriever.unseen_topics(query):  # decided by that rule, not by a threshold
            continue
        hits = bot.retriever.search(query, 10)
        if hits and bot.missing_fact(query, hits[0].clause):
            continue  # "how many?" and no number there: that rule decides, not a threshold
        if hits:
            rows.append(
                {
                    "question": turn.question,
                    "pair": bot.language_pair(query, hits[0].clause),
                    "answerable": not turn.unanswerable,
                    "dense": hits[0].dense,
                    "support": bot.retriever.lexical_support(query, hits[0].clause),
                    "topics": bot.retriever.names_every_topic(query, hits[0].clause),
                }
            )
    return rows


def best_threshold(rows: list[dict], weight: float) -> tuple[int, float, float]:
    """(right decisions, threshold, gap) for one language and weight."""
    scored = sorted((r["dense"] + weight * r["support"], r["answerable"]) for r in rows)
    best = (-1, 0.0, 0.0)
    for i in range(len(scored) + 1):
        below, above = scored[:i], scored[i:]
        right = sum(not a for _, a in below) + sum(a for _, a in above)
        low = below[-1][0] if below else scored[0][0] - 0.01
        high = above[0][0] if above else scored[-1][0] + 0.01
        candidate = (right, round((low + high) / 2, 4), high - low)
        if (candidate[0], candidate[2]) > (best[0], best[2]):
            best = candidate
    return best


def _pairs(rows: list[dict]) -> list[str]:
    return sorted({r["pair"] for r in rows})


def cosine_floors(rows: list[dict]) -> dict[str, float]:
    """Per language pair, just under the lowest cosine of an answerable dev turn: a clause
    further from the question than that is not its answer, whatever words it shares
    ("la capitale de l'Australie" / "capitaux")."""
    return {
        pair: round(
            min(
                r["dense"]
                for r in rows
                if r["pair"] == pair and r["answerable"] and not r.get("topics")
            )
            - COSINE_MARGIN,
            3,
        )
        for pair in _pairs(rows)
    }


def calibrate(rows: list[dict]) -> dict:
    floors = cosine_floors(rows)
    below = [r for r in rows if r["dense"] < floors[r["pair"]] and not r.get("topics")]
    rows = [r for r in rows if r not in below]  # decided by the floor
    results = {}
    for weight in WEIGHTS:
        per_language = {}
        for pair in _pairs(rows):
            subset = [r for r in rows if r["pair"] == pair]
            per_language[pair] = best_threshold(subset, weight)
        right = sum(v[0] for v in per_language.values())
        gap = min(v[2] for v in per_language.values())
        results[weight] = {"right": right, "gap": gap, "thresholds": per_language}
    weight = max(results, key=lambda w: (results[w]["right"], results[w]["gap"]))
    return {
        "turns": len(rows) + len(below),
        "support_weight": weight,
        "min_cosine": floors,
        "below_min_cosine": {
            "turns": len(below),
            "answerable": sum(r["answerable"] for r in below),
        },
        "min_evidence": {k: v[1] for k, v in results[weight]["thresholds"].items()},
        "right_decisions": results[weight]["right"] + len(below),
        "by_weight": {str(w): r["right"] for w, r in results.items()},
    }


@click.command()
@click.option(
    "--seeds-only", is_flag=True, help="Only the bundled seeds and their questions (as before "
    "the English resolutions were read)."
)  # fmt: skip
@click.option(
    "--abstention-only", is_flag=True, help="Skip the fusion grid (~9 min here): only the "
    "abstention thresholds, at the fusion settings in use."
)  # fmt: skip
def main(seeds_only: bool, abstention_only: bool) -> None:
    if seeds_only:
        corpus = None
        bot = Assistant.load(eval_settings(Settings.from_env(), "bundled"))
    else:  # the seeds and every dev English resolution (the quick corpus and the added)
        corpus = load_eval_corpus(dev_english=True)
        settings = eval_settings(Settings.from_env(), "dev-english")
        bot = Assistant.load(settings, documents=[d.document for d in corpus])
    if not abstention_only:
        click.echo(json.dumps({"fusion": tune_fusion(bot, corpus=corpus)}, indent=1))
    click.echo(json.dumps({"abstention": calibrate(collect(bot, corpus=corpus))}, indent=1))


if __name__ == "__main__":
    main()
