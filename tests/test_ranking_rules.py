"""The ranking rules that choose which close clause answers (assistant/asking/ranking.py),
with a stand-in for the retriever's judgements: which clause covers the question is set
by each test; the rules are what is checked."""

from __future__ import annotations

from assistant.asking.query import Query
from assistant.asking.ranking import Ranker
from assistant.asking.retrieval import Hit
from assistant.documents import Clause


def _hit(number: int, score: float, dense: float) -> Hit:
    clause = Clause(f"doc#preamble__p_{number}", "A/RES/1/1", "preambular", number, "…", (0, 1))
    return Hit(clause, score, dense, 0.0)


class _NoTopics:
    """A retriever's judgements for a question naming no glossary topic."""

    def unseen_topics(self, query, clause=None):
        return []

    def names_every_topic(self, query, clause):
        return False


class _Judged(Ranker):
    """A ranker whose retriever says only which clauses answer."""

    def __init__(self, answering: set[int]):
        self.answering = answering
        self.retriever = _NoTopics()

    def pasted(self, query):
        return False

    def covered(self, query, best):
        return best.clause.number in self.answering

    def missing_fact(self, query, clause):
        return None


def test_a_clause_clearly_closer_in_meaning_that_answers_takes_first_place():
    """No topic tells the clauses apart (a French question over an English text, its
    words in no glossary): the fused ranking's first does not answer, the next one much
    closer in meaning does."""
    query = Query("La résolution parle-t-elle de dissuasion ?", "…", "fr")
    hits = [_hit(1, 0.75, 0.79), _hit(2, 0.72, 0.80), _hit(3, 0.70, 0.82)]
    ranked, covered = _Judged({2, 3}).covered_first(query, hits)
    assert covered and [h.clause.number for h in ranked] == [3, 1, 2]


def test_no_clause_barely_closer_takes_first_place():
    query = Query("La résolution parle-t-elle de dissuasion ?", "…", "fr")
    hits = [_hit(1, 0.75, 0.79), _hit(2, 0.72, 0.80)]
    ranked, covered = _Judged({2}).covered_first(query, hits)
    assert not covered and [h.clause.number for h in ranked] == [1, 2]
    # nor one as close that does not answer
    ranked, covered = _Judged(set()).covered_first(query, [_hit(1, 0.7, 0.7), _hit(2, 0.6, 0.9)])
    assert not covered
