"""Cross-lingual check on dev documents only: English paragraphs of the dev IBE texts as
questions, their French originals as the targets, over the eval corpus (99 documents).
Counts answered, right first, and abstained, and prints each abstention with why (the
best clause, its cosine, evidence, language pair, the topics it does not hold). Sealed
test documents are never read. Run from the repository root:

    PYTHONPATH=. python eval/reading_checks/crosslingual_dev.py [--sample 300] [--seed 7]
"""

from __future__ import annotations

import collections
import random

import click

from assistant import Assistant
from assistant.asking.query import understand
from assistant.reading.paragraph_collection import english_translations
from assistant.settings import Settings
from embeddings.model import Embedder
from eval.corpus import DEFAULT_SHARED, load_eval_corpus
from eval.runner import eval_settings


@click.command()
@click.option("--sample", default=300, show_default=True)
@click.option("--seed", default=7, show_default=True)
def main(sample: int, seed: int) -> None:
    settings = Settings.from_env()
    corpus = load_eval_corpus()
    bot = Assistant.load(
        eval_settings(settings, "all"),
        embedder=Embedder.load(settings),
        documents=[d.document for d in corpus],
    )
    pairs = [
        (clause_id, english)
        for d in corpus
        if d.path.endswith(".json") and d.split == "dev"
        for clause_id, english in english_translations(DEFAULT_SHARED / d.path).items()
        if len(english) <= settings.max_question_chars
    ]
    text_of = {c.clause_id: c.text for c in bot.contents.clauses}
    counts: collections.Counter = collections.Counter()
    for clause_id, english in random.Random(seed).sample(pairs, min(sample, len(pairs))):
        answer = bot.ask(english)
        if not answer.abstained:
            counts["answered"] += 1
            first = answer.citations[0].clause_id
            counts["right first"] += text_of.get(first) == text_of[clause_id]
            continue
        counts["abstained"] += 1
        query = understand(english, bot.catalog, [])
        hits = bot.ranker.search(query, 5)
        best = hits[0] if hits else None
        click.echo(
            f"{clause_id}: {answer.reason}"
            + (
                f" | best {best.clause.clause_id} cosine {best.dense:.3f} evidence "
                f"{bot.ranker.evidence(query, best):.3f} "
                f"{bot.ranker.language_pair(query, best.clause)}, not held: "
                f"{bot.retriever.unseen_topics(query, best.clause)}"
                if best
                else ""
            )
        )
    click.echo(dict(counts))


if __name__ == "__main__":
    main()
