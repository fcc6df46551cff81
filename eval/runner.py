"""Run the gold set (and the cross-lingual check) through every system; summarise.

The flow: load the corpus (+ distractors) -> one Assistant (its index cached
under the cache dir) -> the four systems -> every gold conversation, turn by
turn -> metrics per system, split, language and question kind.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assistant import Assistant
from assistant.corpus import load_corpus
from assistant.documents import Document
from assistant.errors import AssistantError
from assistant.lexicon import strip_accents
from assistant.paragraph_collection import english_translations, load_paragraph_collections
from assistant.settings import Settings
from eval.gold import Item, composition, load_gold, unknown_clause_ids
from eval.metrics import (
    abstention_scores,
    hit_at,
    mean,
    ndcg_at,
    percentile,
    reciprocal_rank,
)
from eval.systems import DEPTH, Bm25Only, DenseOnly, Naive, Ours

CROSSLINGUAL_SAMPLE = 300
CROSSLINGUAL_SEED = 2959


@dataclass
class TurnResult:
    system: str
    item: str
    split: str
    batch: int
    kind: str
    language: str
    turn: int
    question: str
    gold: list[str]
    ranked: list[list[str]]
    abstained: bool
    seconds: float
    n_relevant: int  # relevant units in the whole index (for nDCG's ideal ranking)

    @property
    def answerable(self) -> bool:
        return bool(self.gold)

    def hit(self, k: int) -> float:
        units = [] if self.abstained else [frozenset(u) for u in self.ranked]
        return hit_at(units, frozenset(self.gold), k)

    @property
    def correct(self) -> bool:
        """Right top answer, or a right abstention."""
        return self.abstained if not self.answerable else bool(self.hit(1))


def eval_settings(base: Settings, name: str) -> Settings:
    """Same settings, with the eval's own index folder (the user's index is left alone)."""
    return base.model_copy(update={"index_dir": base.cache_dir / "eval" / name})


def load_documents(settings: Settings, distractors: Path | None) -> list[Document]:
    documents = load_corpus(settings.corpus_dir)
    if distractors:
        documents += load_paragraph_collections(distractors)
    return documents


def build_systems(
    documents, settings: Settings, embedder, name: str, progress: bool, naive: bool = True
):
    bot = Assistant.load(
        eval_settings(settings, name), embedder=embedder, documents=documents, progress=progress
    )
    systems = [Ours(bot), DenseOnly(bot), Bm25Only(bot)]
    if naive:
        systems.append(Naive(documents, bot.embedder, cache_dir=settings.cache_dir / "eval"))
    return bot, systems


def run_gold(systems, items: list[Item]) -> list[TurnResult]:
    results = []
    for system in systems:
        system.rank("warm-up question", [])
        for item in items:
            history: list[dict] = []
            for index, turn in enumerate(item.turns):
                ranking = system.rank(turn.question, history)
                history += [
                    {"role": "user", "content": turn.question},
                    {"role": "assistant", "content": ranking.text},
                ]
                relevant = (
                    system.chunks_containing(turn.gold)
                    if hasattr(system, "chunks_containing")
                    else len(turn.gold)
                )
                results.append(
                    TurnResult(
                        system=system.name,
                        item=item.id,
                        split=item.split,
                        batch=item.batch,
                        kind=item.kind,
                        language=item.language,
                        turn=index,
                        question=turn.question,
                        gold=sorted(turn.gold),
                        ranked=[sorted(u) for u in ranking.units],
                        abstained=ranking.abstained,
                        seconds=ranking.seconds,
                        n_relevant=relevant,
                    )
                )
    return results


def summarise(results: list[TurnResult], distractor_docs: set[str] | None = None) -> dict:
    """Metrics of one system over some turns."""
    answerable = [r for r in results if r.answerable]
    follow_ups = [r for r in results if r.turn > 0]
    comparisons = [r for r in answerable if r.kind == "comparison"]
    summary = {
        "turns": len(results),
        "answerable": len(answerable),
        "hit@k": [mean([r.hit(k) for r in answerable]) for k in range(1, DEPTH + 1)],
        "hit@1": mean([r.hit(1) for r in answerable]),
        "hit@3": mean([r.hit(3) for r in answerable]),
        "mrr@10": mean([_rr(r) for r in answerable]),
        "ndcg@10": mean([_ndcg(r) for r in answerable]),
        "abstention": abstention_scores([(r.abstained, not r.answerable) for r in results]),
        "follow_ups": mean([float(r.correct) for r in follow_ups]),
        "follow_up_turns": len(follow_ups),
        "comparisons_both_texts@3": mean([_both_documents(r) for r in comparisons]),
        "latency_ms": {
            "p50": _ms(percentile([r.seconds for r in results], 50)),
            "p95": _ms(percentile([r.seconds for r in results], 95)),
        },
    }
    for language in ("en", "fr"):
        subset = [r.hit(1) for r in answerable if r.language == language]
        summary[f"hit@1_{language}"] = mean(subset)
    if distractor_docs:
        top3 = [d for r in answerable if not r.abstained for u in r.ranked[:3] for d in _docs(u)]
        summary["drift@3"] = mean([float(d in distractor_docs) for d in top3])
        summary["unanswerable_into_distractors"] = sum(
            1
            for r in results
            if not r.answerable and not r.abstained and r.ranked
            if _docs(r.ranked[0]) & distractor_docs
        )
    return summary


def summarise_all(results: list[TurnResult], distractor_docs: set[str] | None = None) -> dict:
    """system -> split (all / dev / test, and test_batchN when the test split was
    written in more than one batch) -> metrics."""
    batches = sorted({r.batch for r in results if r.split == "test"})
    table: dict = {}
    for system in dict.fromkeys(r.system for r in results):
        rows = [r for r in results if r.system == system]
        table[system] = {
            split: summarise(
                [r for r in rows if split == "all" or r.split == split], distractor_docs
            )
            for split in ("all", "dev", "test")
        }
        if len(batches) > 1:
            for batch in batches:
                chosen = [r for r in rows if r.split == "test" and r.batch == batch]
                table[system][f"test_batch{batch}"] = summarise(chosen, distractor_docs)
    return table


def unaccented_french(ours, items: list[Item]) -> dict:
    """The French items typed without accents (as on an English keyboard), ours only,
    bundled corpus: split -> {hit@1, hit@3, abstention recall…}, beside the accented."""
    plain = [
        replace(
            item, turns=tuple(replace(t, question=strip_accents(t.question)) for t in item.turns)
        )
        for item in items
        if item.language == "fr"
    ]
    results = run_gold([ours], plain)
    return {split: summarise([r for r in results if r.split == split]) for split in ("dev", "test")}


def crosslingual(bot: Assistant, systems, folder: Path) -> dict:
    """English paragraph as the question, its French original as the only target,
    among every clause of the index (the IBE paragraphs and the two resolutions)."""
    pairs = [
        (clause_id, english)
        for path in sorted(Path(folder).glob("*.json"))
        for clause_id, english in english_translations(path).items()
        if len(english) <= bot.settings.max_question_chars
    ]
    sample = random.Random(CROSSLINGUAL_SEED).sample(pairs, min(CROSSLINGUAL_SAMPLE, len(pairs)))
    by_text: dict[str, set[str]] = {}
    for clause in bot.contents.clauses:
        by_text.setdefault(clause.text, set()).add(clause.clause_id)
    text_of = {c.clause_id: c.text for c in bot.contents.clauses}
    out = {"questions": len(sample), "eligible": len(pairs), "seed": CROSSLINGUAL_SEED}
    for system in systems:
        at1 = at10 = abstained = 0
        for clause_id, english in sample:
            ranking = system.rank(english, [])
            targets = frozenset(by_text[text_of[clause_id]])  # identical paragraphs count
            units = [] if ranking.abstained else ranking.units
            at1 += hit_at(units, targets, 1)
            at10 += hit_at(units, targets, 10)
            abstained += ranking.abstained
        out[system.name] = {
            "accuracy@1": at1 / len(sample),
            "accuracy@10": at10 / len(sample),
            "abstained": abstained,
        }
    return out


def evaluate(
    settings: Settings,
    gold_path: Path | None = None,
    distractors: Path | None = None,
    cross_lingual: bool = True,
    progress: bool = False,
) -> dict:
    from embeddings.model import Embedder

    items = load_gold(gold_path)
    embedder = Embedder.load(settings)
    documents = load_corpus(settings.corpus_dir)
    unknown = unknown_clause_ids(items, documents)
    if unknown:
        raise AssistantError(
            f"The gold set cites clauses the corpus does not have: {sorted(unknown)[:5]}…"
        )
    report: dict = {"gold": composition(items), "model": embedder.name, "runs": {}}
    bot, systems = build_systems(documents, settings, embedder, "bundled", progress)
    results = run_gold(systems, items)
    report["runs"]["bundled"] = {
        "documents": len(documents),
        "clauses": len(bot.contents.clauses),
        "metrics": summarise_all(results),
        "turns": [asdict(r) for r in results],
    }
    report["unaccented_french"] = unaccented_french(systems[0], items)
    if distractors:
        extra = load_paragraph_collections(distractors)
        extra_ids = {d.doc_id for d in extra}
        bot, systems = build_systems(
            documents + extra, settings, embedder, "with-distractors", progress
        )
        results = run_gold(systems, items)
        report["runs"]["with_distractors"] = {
            "documents": len(documents) + len(extra),
            "clauses": len(bot.contents.clauses),
            "metrics": summarise_all(results, extra_ids),
            "turns": [asdict(r) for r in results],
        }
        if cross_lingual:
            report["crosslingual"] = crosslingual(bot, systems[:3], distractors)
    return report


def _rr(r: TurnResult) -> float:
    return (
        0.0 if r.abstained else reciprocal_rank([frozenset(u) for u in r.ranked], frozenset(r.gold))
    )


def _ndcg(r: TurnResult) -> float:
    if r.abstained:
        return 0.0
    return ndcg_at([frozenset(u) for u in r.ranked], frozenset(r.gold), 10, r.n_relevant)


def _docs(unit) -> set[str]:
    return {clause_id.split("#")[0] for clause_id in unit}


def _both_documents(r: TurnResult) -> float:
    gold_docs = _docs(r.gold)
    found = set() if r.abstained else {d for u in r.ranked[:3] for d in _docs(u)}
    return float(gold_docs <= found)


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)
