"""Rank: the retriever's hits for one question, reordered and judged.

The retriever (assistant/asking/retrieval.py) scores clauses; the ranker decides which
of the close ones answers first (a clause naming a rare topic the best one misses, one
naming clearly more of the question, one that gives the fact asked for), whether the
first one answers at all (`covered`: cosine floor and evidence score, calibrated per
language pair; a topic or a fact the clause lacks), and cites a sub-paragraph that
answers only through its lead-in as its whole paragraph."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.asking.answer_types import (
    AnswerType,
    asked_type,
    asks_when,
    dates_a_named_resolution,
    states,
)
from assistant.asking.query import Query
from assistant.asking.retrieval import Hit, Retriever
from assistant.documents import Clause, Document
from assistant.settings import Settings

# how deep the ranking is searched for the paragraph that dates a resolution asked about
_DATED_DEPTH = 10
# how far down an answering clause may take the best one's place: "Where does 75/32 talk
# about cybersecurity?" finds its op. 2 (a) ("sécurité informatique") fourth
COVERED_DEPTH = 5


def _promoted(hits: list[Hit], takes_first_place: Callable[[Hit], bool]) -> list[Hit] | None:
    """The hits with the first of the next `COVERED_DEPTH - 1` that may take the best
    one's place moved to the top; None when none may."""
    for i, hit in enumerate(hits[1:COVERED_DEPTH], 1):
        if takes_first_place(hit):
            return [hit, *hits[:i], *hits[i + 1 :]]
    return None


class Ranker:
    """The ranking rules of one index generation (its retriever and documents)."""

    def __init__(self, retriever: Retriever, settings: Settings, docs_by_id: dict[str, Document]):
        self.retriever = retriever
        self.settings = settings
        self.docs_by_id = docs_by_id

    def whole_paragraphs(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """Sub-paragraphs that answer only through their lead-in give way to their whole
        paragraph, cited once where the first of them ranked; a point that answers with
        its own words keeps its place, and its paragraph is then not cited again; of a
        paragraph's sub-paragraphs printed without letters, the first is cited (the
        others would be cited by the same label)."""
        found: list[Hit] = []
        for hit in hits:
            clause = hit.clause
            if self.retriever.asks_the_lead_in(query, clause):
                doc = self.docs_by_id[clause.doc_id]
                clause = doc.numbered(clause.kind, clause.number) or clause
            place = _place(clause)
            cited = [h.clause for h in found if _place(h.clause) == place]
            if not cited or (clause.letter and not any(c.has_points for c in cited)):
                found.append(replace(hit, clause=clause))
        return found

    def search(self, query: Query, k: int) -> list[Hit]:
        """The k best clauses; for a question asking when a resolution the texts cite was
        adopted, first the clause that gives its date (the recalling paragraph)."""
        if not asks_when(query.question):
            return self.retriever.search(query, k)
        hits = self.retriever.search(query, max(k, _DATED_DEPTH))
        hits.sort(key=lambda h: not dates_a_named_resolution(query.question, h.clause.text))
        return hits[:k]

    def rare_topic_first(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """When the best clause misses a rare topic the question names, the first of the
        next ones of the same text that names every topic, within `topic_margin` of its
        cosine, takes its place: "Les deux textes parlent-ils de l'usage criminel des
        technologies ?" ranks 75/32's "fins aussi bien légitimes que malveillantes"
        just above its "utilisation de l'informatique à des fins criminelles"."""
        if not hits or not self.retriever.misses_a_rare_topic(query, hits[0].clause):
            return hits
        best = hits[0]
        promoted = _promoted(
            hits,
            lambda hit: (
                hit.clause.doc_id == best.clause.doc_id
                and hit.dense >= best.dense - self.settings.topic_margin
                and self.retriever.names_every_topic(query, hit.clause)
                and not self.retriever.unseen_topics(query, hit.clause)
            ),
        )
        return promoted or hits

    def better_supported_first(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """The first of the next clauses of the best one's text, within `topic_margin` of
        its cosine, that names at least `support_margin` more of what the question is
        about (`lexical_support`) takes its place: "What is it meant to fight?" after
        cooperation ranks pp. 15 (cooperation) just above pp. 8 (cooperation "dans la
        lutte contre" crime). Only among answers: a question the best clause does not
        answer is not made answerable by another that shares more of its words."""
        if not hits or not self.covered(query, hits[0]):
            return hits
        best = hits[0]
        wanted = self.retriever.lexical_support(query, best.clause) + self.settings.support_margin
        promoted = _promoted(
            hits,
            lambda hit: (
                hit.clause.doc_id == best.clause.doc_id
                and hit.dense >= best.dense - self.settings.topic_margin
                and self.retriever.lexical_support(query, hit.clause) >= wanted
            ),
        )
        return promoted or hits

    def covered_first(self, query: Query, hits: list[Hit]) -> tuple[list[Hit], bool]:
        """(hits, whether the first answers). When the best clause does not answer and
        misses a topic the question names, or a date or place it asks for, the first of
        the next ones that names them all and answers takes its place: "Which agenda item is the
        draft filed under?" ranks the closing clause ("ordre du jour provisoire") above
        the heading "Point 93 de l'ordre du jour", which answers; "En quelles années les
        rapports du Groupe d'experts ont-ils été publiés ?" ranks pp. 11 ("les rapports du
        Groupe d'experts") above pp. 10 ("les rapports de 2010, 2013 et 2015"); "Where was
        the conference held?" ranks the clause endorsing its declaration above the one
        thanking its host country. With no topic to tell them apart (words no glossary
        knows, in another language than the text's), the next one clearly closer in meaning
        (`_CLOSER`) that answers: the fused ranking's lexical side is noise there. Not
        for other facts: a number or a name in a close clause is as often another fact."""
        if not hits:
            return hits, False
        if self.covered(query, hits[0]):
            return hits, True
        best = hits[0].clause
        if self.retriever.unseen_topics(query, best) and not self.pasted(query):
            return hits, False  # its text does not speak of a topic asked about
        lacks_when_or_where = getattr(self.missing_fact(query, best), "name", None) in _SOUGHT_ON
        if not query.terms and not self.missing_fact(query, best):
            # no topic to tell them apart: a next one clearly closer in meaning that answers
            closer = _promoted(
                hits,
                lambda hit: hit.dense >= hits[0].dense + _CLOSER and self.covered(query, hit),
            )
            return (closer, True) if closer else (hits, False)
        if self.retriever.names_every_topic(query, best) and not lacks_when_or_where:
            return hits, False  # it misses no topic
        promoted = _promoted(
            hits,
            lambda hit: (
                self.retriever.names_every_topic(query, hit.clause) and self.covered(query, hit)
            ),
        )
        return (promoted, True) if promoted else (hits, False)

    def evidence(self, query: Query, best: Hit) -> float:
        """How well the best clause answers: its cosine to the question, plus a bonus
        for the share of the question's topics it names (`lexical_support`)."""
        support = self.retriever.lexical_support(query, best.clause)
        return best.dense + self.settings.support_weight * support

    def pasted(self, query: Query) -> bool:
        """A pasted paragraph (`Settings.is_pasted_text`) looks for the paragraph that says
        the same, in either language: matched by meaning, it names no topic of its own a
        text must hold in so many words (a translation says "financial" where the original
        says "ressources")."""
        return self.settings.is_pasted_text(query.typed_text)

    def covered(self, query: Query, best: Hit) -> bool:
        if self.retriever.unseen_topics(query, best.clause) and not self.pasted(query):
            return False  # e.g. "the OEWG's budget": the text does not speak of budgets
        if self.missing_fact(query, best.clause):
            return False  # "how many members?": the clause on the group gives no number
        if asks_when(query.question) and dates_a_named_resolution(query.question, best.clause.text):
            return True  # "when was 73/266 adopted?": "… 73/266 du 22 décembre 2018"
        if best.clause.clause_id in query.answered and (
            not query.terms or self.retriever.names_every_topic(query, best.clause)
        ):
            return True  # "Which is the most recent?": among the paragraphs just quoted
        if best.clause.kind == "header" and not self.asks_of_heading(query, best.clause):
            return False  # "the capital of China": a list of sponsors naming China
        pair = self.language_pair(query, best.clause)
        far = best.dense < per_pair(self.settings.min_cosine, pair)
        if far and not self.retriever.names_every_topic(query, best.clause):
            return False  # shares words with the question, but is far from its meaning
        threshold = per_pair(self.settings.min_evidence, pair)
        return self.evidence(query, best) >= threshold

    def asks_of_heading(self, query: Query, heading: Clause) -> bool:
        """Whether a heading block (title, sponsors, agenda item) can answer: the question
        asks of a text's heading ("who submitted it?", "what is it called?") or names a
        topic, not a name alone, that the heading speaks of ("does 75/32 mention
        cyberspace?": its title does). A State in a list of sponsors says nothing else
        of that State."""
        return query.asks_of_a_heading or self.retriever.names_every_topic(query, heading)

    def language_pair(self, query: Query, clause: Clause) -> str:
        """The question's language and the clause's: "en>fr" for an English question
        over a French clause. Cosines run higher within a language than across, and
        not alike in each language (the abstention thresholds are set per pair)."""
        written_in = clause.language or self.docs_by_id[clause.doc_id].language
        return f"{query.language}>{written_in}"

    def missing_fact(self, query: Query, clause: Clause) -> AnswerType | None:
        """The kind of fact the question asks for (a number, a date, a duration, a place,
        a country, a time: assistant/asking/answer_types.py) when the clause does not give one;
        else None."""
        if self.settings.is_pasted_text(query.typed_text):
            return None  # a pasted paragraph asks for no fact ("…the number of pupils…")
        wanted = asked_type(query.question)
        return (
            wanted
            if wanted is not None and not states(wanted, clause.text, query.question)
            else None
        )


# the facts a next clause naming every topic is looked to for when the best gives none: a
# date or a place in a clause on the same subject is that subject's ("where and when was
# the conference held?"); a number or a name is as often another fact
_SOUGHT_ON = ("date", "place")
# how much closer in meaning (cosine) a next clause must be to take the first place of
# one that does not answer (dev: 0 and 0.02 alike, 0.04 too strict)
_CLOSER = 0.02


def per_pair(thresholds: dict[str, float], pair: str) -> float:
    """A threshold for a language pair ("en>fr"): its own, else that of "same" or
    "cross" (a question in the clause's language or not), else none (0)."""
    if pair in thresholds:
        return thresholds[pair]
    asked, _, written = pair.partition(">")
    return thresholds.get("same" if asked == written else "cross", 0.0)


def each_document_first(hits: list[Hit], documents: set[str] | None = None) -> list[Hit]:
    """For a comparison: the best clause of each document (of `documents`, when given)
    first, then the rest."""
    firsts: dict[str, Hit] = {}
    for hit in hits:
        if documents is None or hit.clause.doc_id in documents:
            firsts.setdefault(hit.clause.doc_id, hit)
    leading = list(firsts.values())
    return leading + [h for h in hits if all(h is not f for f in leading)]


def _place(clause: Clause) -> tuple:
    """Where a paragraph is, shared by its sub-paragraphs: (document, kind, number)."""
    return clause.doc_id, clause.kind, clause.number
