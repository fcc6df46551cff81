"""The eval suite: metric functions by hand, the gold set's shape, and one real run
through the CLI (ours + the three baselines on the bundled corpus), its metrics
checked against ir-measures (TREC's pytrec_eval) and its regression guard."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from eval.gold import composition, load_gold
from eval.metrics import abstention_scores, hit_at, ndcg_at, percentile, reciprocal_rank
from eval.systems import contains

A, B, C = frozenset({"a"}), frozenset({"b"}), frozenset({"c"})


def test_ranking_metrics_by_hand():
    ranked = [A, B, C]
    assert hit_at(ranked, frozenset({"b"}), 1) == 0.0
    assert hit_at(ranked, frozenset({"b"}), 3) == 1.0
    assert reciprocal_rank(ranked, frozenset({"b"})) == 0.5
    assert reciprocal_rank(ranked, frozenset({"z"})) == 0.0
    assert ndcg_at(ranked, frozenset({"b"})) == pytest.approx(1 / np.log2(3))
    # two relevant at ranks 1 and 3: (1 + 1/log2 4) / (1 + 1/log2 3)
    assert ndcg_at(ranked, frozenset({"a", "c"})) == pytest.approx(1.5 / (1 + 1 / np.log2(3)))
    assert ndcg_at([], frozenset({"a"})) == 0.0


def test_a_chunk_is_relevant_when_it_holds_a_gold_clause():
    chunk = frozenset({"x", "b"})
    assert hit_at([A, chunk], frozenset({"b"}), 2) == 1.0
    assert reciprocal_rank([A, chunk], frozenset({"b"})) == 0.5
    # the ideal ranking for chunks is told how many chunks hold gold clauses
    assert ndcg_at([chunk, B], frozenset({"b"}), n_relevant=2) == 1.0


def test_abstention_and_percentiles():
    scores = abstention_scores([(True, True), (True, False), (False, True), (False, False)])
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert abstention_scores([(False, False)])["precision"] is None
    values = [12.0, 3.0, 7.5, 40.0, 21.0, 9.0]
    for q in (50, 95):
        assert percentile(values, q) == pytest.approx(np.percentile(values, q))
    assert percentile([], 50) is None


def test_chunk_containment():
    assert contains((0, 100), (10, 50))
    assert not contains((0, 100), (90, 200))  # 10 of 110 characters
    assert contains((100, 1100), (0, 5000))  # a clause longer than the chunk
    assert not contains((0, 100), (100, 200))


def test_gold_sets_have_the_shape_the_issues_ask_for(documents):
    items = load_gold()
    seeds = [i for i in items if i.source == "seeds"]
    assert composition(seeds)["questions"] >= 1000 and all(i.split == "dev" for i in seeds)
    known = {c.clause_id for d in documents.values() for c in d.clauses}
    assert {g.clause_id for i in seeds for t in i.turns for g in t.gold} <= known
    for split in ("dev", "test"):
        chosen = [i for i in items if i.source == "documents" and i.split == split]
        shape = composition(chosen)
        assert shape["questions"] >= 100 and shape["unanswerable_turns"] >= 10
        assert shape["follow_up_turns"] >= 8 and shape["kinds"].get("paragraph", 0) >= 10
        assert 0.25 <= shape["french_share"] <= 0.6
    assert all(t.answer for i in items for t in i.turns)
    for item in items:
        if item.kind == "comparison":
            assert len({g.document for t in item.turns for g in t.gold}) == 2, item.id
        if item.kind == "conversation":
            assert 2 <= len(item.turns) <= 3, item.id


def test_a_unit_answers_a_gold_paragraph_by_its_words_in_its_document():
    from eval.gold import GoldParagraph
    from eval.runner import Matcher
    from eval.systems import Unit

    matcher = Matcher.__new__(Matcher)
    matcher.doc_id = {"A/RES/1/1": "A-RES-1-1"}
    matcher.footnote_numbers = {"A-RES-1-1#para_5": [3, 4]}
    gold = GoldParagraph("A/RES/1/1", "op. 2", "calls upon all Member States to refrain")
    clause = "2. Calls upon all\nMember States to re-\nfrain from any action;"
    assert matcher.answers(Unit("A-RES-1-1", frozenset(), clause), gold)  # line break, hyphen
    assert not matcher.answers(Unit("A-RES-9-9", frozenset(), clause), gold)  # other text
    rewritten = "2. Calls upon all Member States to réfrain from any action;"
    assert not matcher.answers(Unit("A-RES-1-1", frozenset(), rewritten), gold)
    assert matcher.label_right(Unit("A-RES-1-1", frozenset(), clause, "op. 2"), gold)
    assert not matcher.label_right(Unit("A-RES-1-1", frozenset(), clause, "para. 2"), gold)
    # a quote copied from the source with the footnote marker the reader detached
    noted = GoldParagraph("A/RES/1/1", "op. 5", "parties to the Paris Agreement 4 requires")
    read = "5. Notes that the parties to the Paris Agreement requires stronger coordination;"
    assert matcher.answers(Unit("A-RES-1-1", frozenset({"A-RES-1-1#para_5"}), read), noted)
    assert not matcher.answers(Unit("A-RES-1-1", frozenset({"A-RES-1-1#para_6"}), read), noted)
    by_id = GoldParagraph("A-RES-75-32", clause_id="A-RES-75-32#para_6")
    assert matcher.answers(Unit("A-RES-75-32", frozenset({"A-RES-75-32#para_6"}), ""), by_id)


def test_baselines_abstain_below_a_threshold_calibrated_on_dev():
    from eval.runner import TurnResult, apply_thresholds, calibrate_baselines

    def turn(split, confidence, answerable, right=True):
        return TurnResult("naive", f"i{confidence}", split, "documents", "topic", "en", "en",
                          0, "q", ["g"] if answerable else [], [right], [right], [None], False,
                          confidence, 0.0, [])  # fmt: skip

    rows = [
        *(turn("dev", c, a) for c, a in ((0.70, False), (0.74, False), (0.80, True), (0.90, True))),
        *(turn("test", c, a) for c, a in ((0.72, True), (0.95, False))),
    ]
    thresholds = calibrate_baselines(rows)
    assert thresholds["naive"] == pytest.approx(0.77)
    apply_thresholds(rows, thresholds)
    assert [r.abstained for r in rows] == [True, True, False, False, True, False]


def test_bootstrap_interval_holds_the_mean_and_resamples_conversations():
    from types import SimpleNamespace

    from eval.metrics import bootstrap_interval

    rows = [SimpleNamespace(item=f"c{i // 2}", v=float(i % 3 == 0)) for i in range(60)]
    low, high = bootstrap_interval(rows, lambda r: r.v)
    mean_value = sum(r.v for r in rows) / len(rows)
    assert low < mean_value < high and high - low < 0.4
    assert bootstrap_interval(rows, lambda r: r.v) == [low, high]  # fixed seed


@pytest.fixture(scope="module")
def cli_report(tmp_path_factory):
    from eval.cli import main

    folder = tmp_path_factory.mktemp("reports")
    result = CliRunner().invoke(
        main, ["--quick", "--output", str(folder), "--name", "ci", "--min-dev-hit3", "0.85"]
    )
    return result, folder


def test_eval_command_writes_the_report(cli_report):
    result, folder = cli_report
    assert result.exit_code == 0, result.output
    report = json.loads((folder / "ci.json").read_text(encoding="utf-8"))
    assert set(report["metrics"]) == {"ours", "dense", "bm25", "naive", "naive hybrid"}
    assert report["quick"] and all(t["split"] == "dev" for t in report["turns"])
    markdown = (folder / "ci.md").read_text(encoding="utf-8")
    assert "## Ours beside the fair baselines" in markdown and "| naive hybrid |" in markdown
    assert "## Ours by slice, seen documents (dev split)" in markdown
    assert (folder / "ci.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Report:" in result.output
    assert set(report["baseline_thresholds"]) == {"dense", "bm25", "naive", "naive hybrid"}


def test_accents_are_stripped_as_an_english_keyboard_types_them():
    from assistant.lexicon import strip_accents

    assert strip_accents("Qui a déposé le projet de résolution ? À où ça") == (
        "Qui a depose le projet de resolution ? A ou ca"
    )


def test_regression_guard_and_ours_beats_every_baseline_on_dev(cli_report):
    _, folder = cli_report
    report = json.loads((folder / "ci.json").read_text(encoding="utf-8"))
    dev = {system: m["dev"]["all"] for system, m in report["metrics"].items()}
    assert dev["ours"]["hit@3"] >= 0.85
    for baseline in ("dense", "bm25", "naive", "naive hybrid"):
        assert dev["ours"]["hit@1"] > dev[baseline]["hit@1"], baseline


@pytest.mark.parametrize("system", ["ours", "dense", "naive hybrid"])
def test_metrics_agree_with_ir_measures(cli_report, system):
    import ir_measures
    from ir_measures import RR, Success

    _, folder = cli_report
    report = json.loads((folder / "ci.json").read_text(encoding="utf-8"))
    turns = [t for t in report["turns"] if t["system"] == system and t["gold"]]
    qrels, run = [], []
    for t in turns:
        qid = f"{t['item']}-{t['turn']}"
        qrels.append(ir_measures.Qrel(qid, "<gold>", 1))
        ranked = [] if t["abstained"] else t["relevant"]
        run += [
            ir_measures.ScoredDoc(qid, "<gold>" if rel else f"u{r}", 100.0 - r)
            for r, rel in enumerate(ranked)
            if not rel or r == ranked.index(True)
        ]
        if not ranked:  # an abstention retrieves nothing: scored 0 on every measure
            run.append(ir_measures.ScoredDoc(qid, "<nothing>", 0.0))
    theirs = ir_measures.calc_aggregate([Success @ 1, Success @ 3, RR @ 10], qrels, run)
    ours = report["metrics"][system]["dev"]["all"]
    assert ours["hit@1"] == pytest.approx(theirs[Success @ 1])
    assert ours["hit@3"] == pytest.approx(theirs[Success @ 3])
    assert ours["mrr@10"] == pytest.approx(theirs[RR @ 10])


def test_abstention_threshold_sits_in_the_widest_gap():
    from eval.calibrate import best_threshold

    rows = [
        {"dense": 0.70, "support": 0.0, "answerable": False},
        {"dense": 0.74, "support": 0.0, "answerable": False},
        {"dense": 0.80, "support": 0.5, "answerable": True},
        {"dense": 0.86, "support": 0.0, "answerable": True},
    ]
    right, threshold, gap = best_threshold(rows, weight=0.2)
    assert right == 4
    assert threshold == pytest.approx((0.74 + 0.86) / 2)  # 0.80 + 0.2 x 0.5 = 0.90
    assert gap == pytest.approx(0.12)


def test_cosine_floor_sits_just_under_the_lowest_answerable_turn():
    from eval.calibrate import COSINE_MARGIN, calibrate, cosine_floors

    rows = [
        {"pair": "cross", "dense": 0.70, "support": 1.0, "answerable": False},  # shares words
        {"pair": "cross", "dense": 0.78, "support": 0.0, "answerable": True},
        {"pair": "cross", "dense": 0.90, "support": 0.0, "answerable": True},
        {"pair": "cross", "dense": 0.76, "support": 0.0, "answerable": False},
        {"pair": "same", "dense": 0.85, "support": 0.0, "answerable": True},
        {"pair": "same", "dense": 0.80, "support": 0.0, "answerable": False},
    ]
    assert cosine_floors(rows) == {"cross": round(0.78 - COSINE_MARGIN, 3), "same": 0.84}
    result = calibrate(rows)
    assert result["below_min_cosine"] == {"turns": 3, "answerable": 0}
    assert result["turns"] == 6 and result["right_decisions"] == 6


def test_calibration_reads_the_dev_english_resolutions_and_never_the_test_split():
    from eval.calibrate import Relevance, dev_items
    from eval.corpus import load_eval_corpus

    corpus = load_eval_corpus(quick=True)
    items = dev_items("dev", corpus)
    assert {i.split for i in items} == {"dev"}
    documents = [i for i in items if i.source == "documents"]
    assert documents and all(i.split == "dev" for i in documents)
    english = next(d.document for d in corpus if d.language == "en")
    turn = next(t for i in documents for t in i.turns if t.gold and any(
        g.document == english.label for g in t.gold))  # fmt: skip
    gold = next(g for g in turn.gold if g.document == english.label)
    relevant = Relevance(corpus)
    clauses = [c for c in english.clauses if relevant(turn, c)]
    assert clauses and all(gold.quote.split()[0] in c.quote for c in clauses)


def test_a_sub_paragraph_printed_without_its_letter_is_rightly_cited_as_its_paragraph():
    from eval.gold import GoldParagraph
    from eval.runner import Matcher
    from eval.systems import Unit

    matcher = Matcher.__new__(Matcher)
    gold = GoldParagraph("A/RES/1/1", "op. 7 (f)", "to assist Member States")
    item = frozenset({"A-RES-1-1#para_7__list_1__item_6"})
    lettered = frozenset({"A-RES-1-1#para_7__list_1__point_f"})
    assert matcher.label_right(Unit("A-RES-1-1", item, "…", "op. 7"), gold)
    assert not matcher.label_right(Unit("A-RES-1-1", item, "…", "op. 8"), gold)
    # a sub-paragraph the reader read with its letter must be cited with it
    assert not matcher.label_right(Unit("A-RES-1-1", lettered, "…", "op. 7"), gold)
    # and as its paragraph when the gold names the paragraph alone
    plain = GoldParagraph("A/RES/1/1", "op. 7", "x")
    assert matcher.label_right(Unit("A-RES-1-1", item, "…", "op. 7"), plain)
