"""Run the gold sets through every system over one corpus; summarise per slice.

The flow: read the eval corpus (the seeds, the English resolutions, the IBE
recommendations, each by the product's reader) -> one Assistant (its index cached under
the cache dir) -> the five systems -> every gold conversation, turn by turn -> the
baselines' abstention thresholds calibrated on dev -> metrics per system, split (dev =
seen documents, test = unseen documents) and slice, with bootstrap intervals.
"""

from __future__ import annotations

import itertools
import json
import random
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from assistant import Assistant
from assistant.documents import UNLETTERED_ID
from assistant.errors import AssistantError
from assistant.lexicon import strip_accents
from assistant.reading.cleaning import detach_footnote_markers
from assistant.reading.paragraph_collection import english_translations
from assistant.settings import Settings
from eval.corpus import EvalDocument, load_eval_corpus
from eval.gold import (
    UNIT_MAX_CHARS,
    GoldParagraph,
    Item,
    Turn,
    composition,
    load_gold,
    normalise,
)
from eval.metrics import abstention_scores, bootstrap_interval, mean, percentile
from eval.systems import (
    DEPTH,
    Bm25Only,
    CachedQueries,
    DenseOnly,
    Naive,
    NaiveHybrid,
    Ours,
    Unit,
)

CROSSLINGUAL_SAMPLE = 300
CROSSLINGUAL_SEED = 2959
BASELINES = ("dense", "bm25", "naive", "naive hybrid")
QUICK_SEED_EVERY = 10  # the quick slice takes every 10th seed item


@dataclass
class TurnResult:
    system: str
    item: str
    split: str
    source: str
    kind: str
    language: str
    doc_language: str | None  # the language of the documents the turn is about
    turn: int
    question: str
    gold: list[str]
    relevant: list[bool]  # per ranked unit: does it answer?
    forgiving: list[bool]  # the same, with accents ignored (a quote rewritten only by them)
    labels_right: list[bool | None]  # per ranked unit that answers: is its label right?
    abstained: bool
    confidence: float
    seconds: float
    citations: list[dict]

    @property
    def answerable(self) -> bool:
        return bool(self.gold)

    def hit(self, k: int) -> float:
        return float(not self.abstained and any(self.relevant[:k]))

    @property
    def correct(self) -> bool:
        """Right top answer, or a right abstention."""
        return self.abstained if not self.answerable else bool(self.hit(1))


class Matcher:
    """Decides whether a ranked unit answers a gold paragraph (see eval/gold.py)."""

    def __init__(self, corpus: list[EvalDocument], shared: Path):
        self.doc_id = {d.key: d.doc_id for d in corpus}
        self.language = {d.doc_id: d.language for d in corpus}
        self.split = {d.doc_id: d.split for d in corpus}
        self.clause_text = {
            c.clause_id: c.text for d in corpus for c in d.document.clauses
        }  # fmt: skip
        self.paragraphs = _collection_paragraphs(corpus, shared)
        self.read = {d.doc_id: normalise(d.document.raw_text) for d in corpus}
        # a clause's footnote numbers: their markers are out of its text (the notes are
        # attached), but a gold excerpt copied from the source may hold them
        self.footnote_numbers = {
            c.clause_id: [f.number for f in c.footnotes]
            for d in corpus
            for c in d.document.clauses
            if c.footnotes
        }
        self.normalised_clauses = {k: normalise(v) for k, v in self.clause_text.items()}

    def excerpt(self, gold: GoldParagraph) -> str:
        if gold.quote:
            return normalise(gold.quote)
        if gold.para_number is not None:
            text = normalise(self.paragraphs.get((gold.document, gold.para_number), ""))
            return text[12:160] if len(text) > 40 else text
        return ""

    def document_of(self, gold: GoldParagraph) -> str | None:
        return self.doc_id.get(gold.document, gold.document if gold.clause_id else None)

    def answers(self, unit: Unit, gold: GoldParagraph, forgive_accents: bool = False) -> bool:
        if gold.clause_id:
            return gold.clause_id in unit.clause_ids
        if unit.doc_id != self.document_of(gold):
            return False
        text = normalise(unit.text)
        excerpts = [self.excerpt(gold), *self._without_markers(unit, gold)]
        if forgive_accents:
            text, excerpts = strip_accents(text), [strip_accents(e) for e in excerpts]
        return len(text) <= UNIT_MAX_CHARS and any(e and e in text for e in excerpts)

    def _without_markers(self, unit: Unit, gold: GoldParagraph) -> list[str]:
        """The gold quote without the footnote markers of the unit's clauses ("the Paris
        Agreement 4 requires", as the source prints it, is "the Paris Agreement requires"
        in a clause whose note 4 is attached), as the reader detaches them."""
        numbers = [n for c in unit.clause_ids for n in self.footnote_numbers.get(c, [])]
        if not gold.quote or not numbers:
            return []
        quote = gold.quote
        for number in numbers:
            quote = detach_footnote_markers(quote, [number])[0]
        return [normalise(quote)] if quote != gold.quote else []

    def label_right(self, unit: Unit, gold: GoldParagraph) -> bool | None:
        """Whether the unit was cited with the gold paragraph's label. A sub-paragraph
        printed without its letter is cited as its paragraph by design (the reader never
        guesses a letter: index/FORMAT.md): "op. 7" is right for a gold "op. 7 (f)"."""
        if not gold.label or unit.label is None:
            return None
        if _label_key(unit.label) == _label_key(gold.label):
            return True
        last_part = [c.rsplit("__", 1)[-1] for c in unit.clause_ids]
        unlettered = len(last_part) == 1 and last_part[0].startswith(UNLETTERED_ID)
        lettered = re.fullmatch(r"(.+?)\s*\([a-z]\)", gold.label.strip())
        return bool(
            unlettered and lettered and _label_key(lettered.group(1)) == _label_key(unit.label)
        )

    def unreadable(self, items: list[Item]) -> list[str]:
        """Gold excerpts the product's reader did not give back as read: a reading
        failure the eval counts as a miss, listed in the report."""
        out = []
        for item in items:
            for turn in item.turns:
                for gold in turn.gold:
                    if gold.clause_id:
                        continue
                    doc_id = self.document_of(gold)
                    excerpt = self.excerpt(gold)
                    if doc_id is None or not excerpt or excerpt not in self.read.get(doc_id, ""):
                        out.append(f"{item.id}: {gold.document} {gold.label or gold.para_number}")
        return out

    def doc_language(self, item: Item, turn: Turn) -> str | None:
        """The language of the documents a turn is about: its gold paragraphs', else (an
        unanswerable turn) those the item names or its other turns cite."""
        keys = (
            [self.document_of(g) for g in turn.gold]
            or [self.doc_id.get(k, k) for k in item.documents]
            or [self.document_of(g) for t in item.turns for g in t.gold]
        )
        languages = {self.language.get(k or "", "fr") for k in keys}
        if not languages:
            return None
        return languages.pop() if len(languages) == 1 else "mixed"


def _label_key(label: str) -> str:
    return re.sub(r"[\s.,]", "", label.casefold())


def _collection_paragraphs(corpus: list[EvalDocument], shared: Path) -> dict[tuple[str, int], str]:
    out = {}
    for d in corpus:
        if d.path.endswith(".json"):
            data = json.loads((shared / d.path).read_text(encoding="utf-8"))
            for p in data["body"]["paragraphs"]:
                out[(d.key, int(p["para_number"]))] = str(p.get("para") or "")
    return out


def load_documents(settings: Settings, distractors: Path | None):
    """The bundled corpus, plus paragraph collections (the benchmark's corpus)."""
    from assistant.reading.corpus import load_corpus
    from assistant.reading.paragraph_collection import load_paragraph_collections

    documents = load_corpus(settings.corpus_dir)
    if distractors:
        documents += load_paragraph_collections(distractors)
    return documents


def eval_settings(base: Settings, name: str) -> Settings:
    """Same settings, with the eval's own index folder (the user's index is left alone)."""
    return base.model_copy(update={"index_dir": base.cache_dir / "eval" / name})


def build_systems(corpus: list[EvalDocument], settings: Settings, embedder, name: str, progress):
    documents = [d.document for d in corpus]
    bot = Assistant.load(
        eval_settings(settings, name), embedder=embedder, documents=documents, progress=progress
    )
    queries = CachedQueries(bot.embedder)
    naive = Naive(documents, queries, cache_dir=settings.cache_dir / "eval")
    baselines = [DenseOnly(bot, queries), Bm25Only(bot, queries), naive, NaiveHybrid(naive)]
    return bot, [Ours(bot), *baselines]


def run_gold(systems, items: list[Item], matcher: Matcher) -> list[TurnResult]:
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
                relevant, forgiving, labels = [], [], []
                for unit in ranking.units[:DEPTH]:
                    matched = [g for g in turn.gold if matcher.answers(unit, g)]
                    relevant.append(bool(matched))
                    forgiving.append(any(matcher.answers(unit, g, True) for g in turn.gold))
                    labels.append(matcher.label_right(unit, matched[0]) if matched else None)
                results.append(
                    TurnResult(
                        system=system.name,
                        item=item.id,
                        split=item.split,
                        source=item.source,
                        kind=item.kind,
                        language=item.language,
                        doc_language=matcher.doc_language(item, turn),
                        turn=index,
                        question=turn.question,
                        gold=sorted(g.key for g in turn.gold),
                        relevant=relevant,
                        forgiving=forgiving,
                        labels_right=labels,
                        abstained=ranking.abstained,
                        confidence=ranking.confidence,
                        seconds=ranking.seconds,
                        citations=ranking.extra.get("citations", []),
                    )
                )
    return results


def calibrate_baselines(results: list[TurnResult]) -> dict[str, float]:
    """Each baseline's abstention threshold: the confidence that makes the most right
    decisions on the dev split (answer an answerable turn with a right first unit,
    abstain on an unanswerable one); the midpoint of the winning gap."""
    thresholds = {}
    for system in BASELINES:
        dev = [r for r in results if r.system == system and r.split == "dev"]
        if not dev:
            continue
        values = sorted({r.confidence for r in dev})
        candidates = [values[0] - 1.0] + [(a + b) / 2 for a, b in itertools.pairwise(values)]
        thresholds[system] = max(candidates, key=lambda t, dev=dev: (_right(dev, t), -t))
    return thresholds


def _right(turns: list[TurnResult], threshold: float) -> int:
    return sum(
        (r.confidence < threshold)
        if not r.answerable
        else (r.confidence >= threshold and r.hit(1) > 0)
        for r in turns
    )


def apply_thresholds(results: list[TurnResult], thresholds: dict[str, float]) -> None:
    for r in results:
        if r.system in thresholds and r.confidence < thresholds[r.system]:
            r.abstained = True


# ---------------------------------------------------------------- summaries
def summarise(results: list[TurnResult], intervals: bool = True) -> dict:
    """Metrics of one system over some turns, with bootstrap 95% intervals (resampling
    conversations, since turns of one conversation are not independent)."""
    answerable = [r for r in results if r.answerable]
    follow_ups = [r for r in results if r.turn > 0]
    labelled = [r for r in answerable if r.hit(1) and r.labels_right[0] is not None]
    summary = {
        "turns": len(results),
        "answerable": len(answerable),
        "hit@k": [mean([r.hit(k) for r in answerable]) for k in range(1, DEPTH + 1)],
        "hit@1": mean([r.hit(1) for r in answerable]),
        "hit@3": mean([r.hit(3) for r in answerable]),
        "hit@1_accents_forgiven": mean(
            [float(not r.abstained and any(r.forgiving[:1])) for r in answerable]
        ),
        "mrr@10": mean([_rr(r) for r in answerable]),
        "abstention": abstention_scores([(r.abstained, not r.answerable) for r in results]),
        "follow_ups": mean([float(r.correct) for r in follow_ups]),
        "follow_up_turns": len(follow_ups),
        "labels": {
            "right": sum(bool(r.labels_right[0]) for r in labelled),
            "checked": len(labelled),
        },
        "latency_ms": {
            "p50": _ms(percentile([r.seconds for r in results], 50)),
            "p95": _ms(percentile([r.seconds for r in results], 95)),
        },
    }
    if intervals and answerable:
        summary["hit@1_ci"] = bootstrap_interval(answerable, lambda r: r.hit(1))
        summary["hit@3_ci"] = bootstrap_interval(answerable, lambda r: r.hit(3))
    return summary


SLICES = {
    "all": lambda r: True,
    "question en": lambda r: r.language == "en",
    "question fr": lambda r: r.language == "fr",
    "question en, document en": lambda r: r.language == "en" and r.doc_language == "en",
    "question fr, document en": lambda r: r.language == "fr" and r.doc_language == "en",
    "question en, document fr": lambda r: r.language == "en" and r.doc_language == "fr",
    "question fr, document fr": lambda r: r.language == "fr" and r.doc_language == "fr",
    "English documents": lambda r: r.doc_language == "en",
    "kind: topic": lambda r: r.turn == 0 and r.kind in ("topic", "conversation", "comparison"),
    "kind: paragraph reference": lambda r: r.turn == 0 and r.kind == "paragraph",
    "kind: verb listing": lambda r: r.turn == 0 and r.kind == "verb",
    "kind: follow-up": lambda r: r.turn > 0,
    "kind: unanswerable": lambda r: not r.gold,
    "seeds gold": lambda r: r.source == "seeds",
    "documents gold": lambda r: r.source == "documents",
    "added documents gold": lambda r: r.source == "added",
    "second added documents gold": lambda r: r.source == "added-2",
    "third added documents gold": lambda r: r.source == "added-3",
}


# The sealed documents come in two sets, each with its own first run: "test" (the shared
# corpus's two test resolutions and the IBE sample) and "test-2" (the second batch of
# English resolutions added under eval/documents/). They are reported apart, so that each
# figure stands beside its own first run.
REPORTED_SPLITS = ("dev", "test", "test-2")
SECOND_SEALED_SOURCE = "added-2"


def reported_split(split: str, second: bool) -> str:
    """ "test-2" for a test turn of the second sealed set (or one of its documents)."""
    return "test-2" if split == "test" and second else split


def split_of(result: TurnResult) -> str:
    return reported_split(result.split, result.source == SECOND_SEALED_SOURCE)


def summarise_all(results: list[TurnResult]) -> dict:
    """system -> split (dev: seen documents, test and test-2: the two sets of unseen
    documents) -> slice -> metrics."""
    table: dict = {}
    for system in dict.fromkeys(r.system for r in results):
        rows = [r for r in results if r.system == system]
        table[system] = {}
        for split in REPORTED_SPLITS:
            chosen = [r for r in rows if split_of(r) == split]
            if not chosen:
                continue
            table[system][split] = {
                name: summarise([r for r in chosen if keep(r)])
                for name, keep in SLICES.items()
                if any(keep(r) for r in chosen)
            }
    return table


def word_overlap(items: list[Item], matcher: Matcher, corpus: list[EvalDocument]) -> dict:
    """Mean share of a question's words (3 letters or more) found in its gold paragraph,
    per split and gold file: copied wording flatters BM25."""
    clause_text = matcher.clause_text
    paragraphs = {k: v for k, v in matcher.paragraphs.items()}
    out: dict[str, list[float]] = {}
    for item in items:
        for turn in item.turns:
            texts = []
            for g in turn.gold:
                if g.clause_id:
                    texts.append(clause_text.get(g.clause_id, ""))
                elif g.para_number is not None:
                    texts.append(paragraphs.get((g.document, g.para_number), ""))
                else:
                    texts.append(_paragraph_around(matcher, g) or g.quote or "")
            if not texts:
                continue
            words = _words(turn.question)
            gold_words = _words(" ".join(texts))
            if words:
                share = sum(w in gold_words for w in words) / len(words)
                out.setdefault(f"{item.source}/{item.split}", []).append(share)
    return {k: round(sum(v) / len(v), 3) for k, v in sorted(out.items())}


def _paragraph_around(matcher: Matcher, gold: GoldParagraph) -> str | None:
    """The product's clause holding the gold excerpt, for the overlap measure."""
    doc_id = matcher.document_of(gold)
    excerpt = matcher.excerpt(gold)
    for clause_id, text in matcher.normalised_clauses.items():
        if clause_id.startswith(f"{doc_id}#") and excerpt and excerpt in text:
            return matcher.clause_text[clause_id]
    return None


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", strip_accents(text.casefold())) if len(w) >= 3}


def quotes_verbatim(results: list[TurnResult], corpus: list[EvalDocument]) -> dict:
    """Ours' quotes from English documents, word by word against the document as read:
    a word that is neither a word of the source nor two adjacent source pieces joined
    (nor a source word less the call of a note the clause carries: "203412" is "2034"
    and note 12) is a word the assistant wrote, not the source."""
    vocab: dict[str, set[str]] = {}
    notes: dict[str, list[int]] = {}
    for d in corpus:
        if d.language != "en":
            continue
        words = re.findall(r"\w+", d.document.raw_text)
        vocab[d.doc_id] = set(words) | {a + b for a, b in itertools.pairwise(words)}
        notes.update({c.clause_id: [f.number for f in c.footnotes] for c in d.document.clauses})
    checked, invented = 0, []
    seen = set()
    for r in results:
        if r.system != "ours":
            continue
        for c in r.citations:
            doc_id = c["clause_id"].split("#")[0]
            if doc_id not in vocab or c["clause_id"] in seen:
                continue
            seen.add(c["clause_id"])
            checked += 1
            source, called = vocab[doc_id], notes.get(c["clause_id"], [])
            bad = [
                w
                for w in re.findall(r"\w+", c["quote"])
                if w not in source and not any(f"{w}{n}" in source for n in called)
            ]
            if bad:
                invented.append(f"{c['document']} {c['paragraph']}: {', '.join(bad[:5])}")
    return {"quotes_checked": checked, "quotes_with_words_not_in_source": invented}


def unaccented_french(ours, items: list[Item], matcher: Matcher) -> dict:
    """The French items typed without accents (as on an English keyboard), ours only."""
    plain = [
        replace(
            item, turns=tuple(replace(t, question=strip_accents(t.question)) for t in item.turns)
        )
        for item in items
        if item.language == "fr"
    ]
    results = run_gold([ours], plain, matcher)
    by_split: dict[str, list[TurnResult]] = {}
    for r in results:
        by_split.setdefault(split_of(r), []).append(r)
    return {
        split: summarise(by_split[split], intervals=False)
        for split in REPORTED_SPLITS
        if split in by_split
    }


def crosslingual(bot: Assistant, systems, corpus: list[EvalDocument], shared: Path) -> dict:
    """English paragraph as the question, its French original as the only target,
    among every clause of the index (the IBE paragraphs and the other documents)."""
    from eval.metrics import hit_at

    pairs = [
        (clause_id, english)
        for d in corpus
        if d.path.endswith(".json")
        for clause_id, english in english_translations(shared / d.path).items()
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
            units = [] if ranking.abstained else [u.clause_ids for u in ranking.units]
            at1 += hit_at(units, targets, 1)
            at10 += hit_at(units, targets, 10)
            abstained += ranking.abstained
        out[system.name] = {
            "accuracy@1": at1 / len(sample),
            "accuracy@10": at10 / len(sample),
            "abstained": abstained,
        }
    return out


def quick_items(items: list[Item], corpus: list[EvalDocument]) -> list[Item]:
    """The fixed slice `make test` runs: every 10th seed item, and every dev item over the
    documents of the quick corpus (never a test item)."""
    keys = {d.key for d in corpus} | {d.doc_id for d in corpus}
    seeds = [i for i in items if i.source == "seeds" and i.split == "dev"][::QUICK_SEED_EVERY]
    documents = [
        i
        for i in items
        if i.source == "documents"
        and i.split == "dev"
        and all(g.document in keys for t in i.turns for g in t.gold)
        and any(t.gold for t in i.turns)
    ]
    return seeds + documents


def evaluate(
    settings: Settings,
    gold_paths: list[Path] | None = None,
    shared: Path | None = None,
    quick: bool = False,
    cross_lingual: bool = True,
    progress: bool = False,
) -> dict:
    from embeddings.model import Embedder
    from eval.corpus import DEFAULT_SHARED

    shared = Path(shared or DEFAULT_SHARED)
    items = load_gold(gold_paths)
    corpus = load_eval_corpus(shared, quick=quick)
    if quick:
        items = quick_items(items, corpus)
    matcher = Matcher(corpus, shared)
    known = set(matcher.clause_text)
    unknown = {g.clause_id for i in items for t in i.turns for g in t.gold if g.clause_id} - known
    if unknown:
        raise AssistantError(
            f"The gold set cites clauses the corpus does not have: {sorted(unknown)[:5]}…"
        )
    embedder = Embedder.load(settings)
    bot, systems = build_systems(corpus, settings, embedder, "quick" if quick else "all", progress)
    results = run_gold(systems, items, matcher)
    thresholds = calibrate_baselines(results)
    apply_thresholds(results, thresholds)
    report: dict = {
        "gold": composition(items),
        "model": embedder.name,
        "quick": quick,
        "corpus": {
            "documents": len(corpus),
            "clauses": len(bot.contents.clauses),
            "by_split": {
                s: [
                    d.key
                    for d in corpus
                    if reported_split(d.split, d.batch == 2) == s and d.path != "bundled"
                ]
                for s in REPORTED_SPLITS
            },
        },
        "unreadable_gold": matcher.unreadable(items),
        "baseline_thresholds": thresholds,
        "word_overlap": word_overlap(items, matcher, corpus),
        "verbatim": quotes_verbatim(results, corpus),
        "metrics": summarise_all(results),
        "turns": [asdict(r) for r in results],
    }
    if not quick:
        report["unaccented_french"] = unaccented_french(systems[0], items, matcher)
        if cross_lingual:
            report["crosslingual"] = crosslingual(bot, systems[:3], corpus, shared)
    return report


def _rr(r: TurnResult) -> float:
    if r.abstained:
        return 0.0
    for rank, relevant in enumerate(r.relevant[:DEPTH], start=1):
        if relevant:
            return 1.0 / rank
    return 0.0


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)
