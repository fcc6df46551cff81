"""Hybrid retrieval over clauses: dense (FAISS) + lexical (BM25), fused.

Scores are made comparable by min-max over the candidate clauses and combined
convexly (txtai's choice when both sides are normalised); a clause that opens
with the verb the question asks about gets a bonus; header blocks only count
when the question is about sponsors or titles.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import numpy as np

from assistant.analysis import ANALYSED, analysed, key_terms, key_words, terms, terms_in
from assistant.asking.acronyms import Acronyms
from assistant.asking.glossary import TermMatch, find_terms
from assistant.asking.query import Query, cited_symbols, other_words
from assistant.asking.translations import english_stems, french_stems
from assistant.asking.verbs import VERBS, by_name, verbs_of_lead
from assistant.documents import Clause
from assistant.indexing.chunking import passage_text
from assistant.settings import Settings
from index.store import IndexContents

# an English stem absent from the index borrows the French stems that begin with the
# same COGNATE_PREFIX letters and share COGNATE_SHARE of the shorter one's letters
COGNATE_PREFIX = 6
COGNATE_SHARE = 0.75
# a French stem the index holds also matches the index stems it is a prefix of (or that
# are a prefix of it) when they differ by at most SIBLING_LETTERS letters
SIBLING_LETTERS = 2
# a clause speaks of a phrase ("sécurité numérique") when it holds its words in its order
# with at most PHRASE_GAP other index words between two of them: "fins criminelles ou
# terroristes" holds "fins terroristes"; "progrès de l'informatique … et sécurité
# internationale" does not hold "sécurité informatique", nor "travail de groupe" "groupe
# de travail"
PHRASE_GAP = 1
# a text described by its subject ("the Crimea resolution") is the one whose title is
# closest to the description (both encoded as queries), at cosine DESCRIBED_MIN_COSINE
# or more and DESCRIBED_MARGIN closer than any other's: measured on the dev questions'
# descriptions against the 79 dev documents' titles, where the right title scored
# 0.846–0.969 with margins 0.039–0.087 and the wrong ones 0.833–0.865 with margins
# 0.001–0.031 (a description of a text the corpus does not hold included)
DESCRIBED_MIN_COSINE = 0.845
DESCRIBED_MARGIN = 0.04
# titles encoded at most for this many candidate documents (then no guess is made): each
# is encoded once, on the first question that needs it (about 25 ms a title here)
DESCRIBED_MAX_TITLES = 200
# a description every word of which several titles hold names those texts, up to this many
DESCRIBED_TITLES_SHARED = 3
# whom a verb is addressed to and the light verbs around it, not topics: "What does 75/32
# ask Member States to do?", "Que demande la résolution aux États de faire ?", "Quelles
# décisions prend-elle ?" (stems)
_VERB_FRAME = frozenset(
    {"etat", "stat", "membr", "memb", "countr", "country", "pay", "fair", "prend", "prendr", "tak"}
) | frozenset(
    stem
    for language in ANALYSED
    for stem in key_terms(
        "state states member members country countries government governments faire prendre "
        "take something someone anything somebody quelqu quelque chose paragraphs paragraph "
        "paragraphes alinéa alinéas part parts passages clauses clause express expresses "
        "expriment exprime exprimer list liste all tous toutes which quels quelles quoi "
        "preambular preamble préambule operative dispositif",  # the part: `Query.part`
        language,
    )
)


@dataclass
class Hit:
    clause: Clause
    score: float  # fused score, higher is better
    dense: float  # cosine of the clause's best passage
    lexical: float  # BM25 of the clause's best passage


class Retriever:
    def __init__(self, contents: IndexContents, embedder, settings: Settings):
        self.contents = contents
        self.embedder = embedder
        self.settings = settings
        self.clauses = contents.clauses
        self.passage_clause = np.array([p for p, _ in contents.passages], dtype=np.int64)
        self.doc_ids = np.array([c.doc_id for c in self.clauses])
        self.retrievable = np.array([c.retrievable for c in self.clauses])
        self.kinds = np.array([c.kind for c in self.clauses])
        self.is_header = self.kinds == "header"
        self.is_point = np.array([bool(c.point) for c in self.clauses])
        written_in = {d.doc_id: d.language for d in contents.documents}
        opening = [
            {v.name for v in verbs_of_lead(c.lead, c.language or written_in.get(c.doc_id))}
            for c in self.clauses
        ]
        self.opens = {v.name: np.array([v.name in o for o in opening], dtype=bool) for v in VERBS}
        self.clause_passages: dict[int, list[int]] = {}
        for passage, (position, _) in enumerate(contents.passages):
            self.clause_passages.setdefault(position, []).append(passage)
        self.proposition_clause = np.array([p for p, _ in contents.propositions], dtype=np.int64)
        self.clause_propositions: dict[int, list[int]] = {}
        for proposition, (position, _) in enumerate(contents.propositions):
            self.clause_propositions.setdefault(position, []).append(proposition)
        # each clause analysed in its own language (an English clause of a French text too)
        self.languages = np.array(
            [analysed(c.language or written_in.get(c.doc_id)) for c in self.clauses]
        )
        # each clause's index terms, stored columnar (ids into one vocabulary): a list of
        # strings and a set per clause cost ~4 KB each, 4 GB at a million clauses
        self.clause_terms = TermTable(
            terms(passage_text(c), language)
            for c, language in zip(self.clauses, self.languages, strict=True)
        )
        self.position = {c.clause_id: i for i, c in enumerate(self.clauses)}
        # clause id -> the positions it is searched as: itself, or a list's points
        self._searched_as: dict[str, list[int]] = {}
        lead_ins = {(c.doc_id, c.kind, c.number): c.clause_id for c in self.clauses if c.has_points}
        for i, c in enumerate(self.clauses):
            self._searched_as.setdefault(c.clause_id, []).append(i)
            lead_in = lead_ins.get((c.doc_id, c.kind, c.number)) if c.point else None
            if lead_in:
                self._searched_as.setdefault(lead_in, []).append(i)
        self._postings = Postings(self.clause_terms, self.retrievable)
        self._n = int(self.retrievable.sum())
        self._df = self._postings.frequency  # searchable clauses holding each stem
        self._idf_unseen = self._idf("\0")
        self._idf_neutral = float(np.log(self._n + 1) / 2)
        self._by_prefix: dict[str, list[str]] = {}
        for stem in self._df:
            if len(stem) >= COGNATE_PREFIX:
                self._by_prefix.setdefault(stem[:COGNATE_PREFIX], []).append(stem)
        self._topic_docs: dict[tuple[str, str], frozenset[str]] = {}  # (topic, typed) -> docs
        self._documents = frozenset(self.doc_ids.tolist())
        self._titles: dict[str, np.ndarray] = {}  # doc id -> its title, encoded
        self._titles_read: dict[str, ClauseTerms] | None = None
        self._english_documents = frozenset(
            d.doc_id for d in contents.documents if analysed(d.language) == "en"
        )

    def candidates(self, query: Query) -> np.ndarray:
        mask = self.retrievable.copy()
        if query.doc_ids:
            mask &= np.isin(self.doc_ids, query.doc_ids)
        if query.part:  # "in the preamble": its paragraphs only
            mask &= self.kinds == query.part
        if not query.asks_of_a_heading:
            body = mask & ~self.is_header
            mask = body | (mask & self._only_headers_say(query, body))
        return mask

    def _only_headers_say(self, query: Query, body: np.ndarray) -> np.ndarray:
        """The header blocks that speak of something the question asks about which no
        clause of the body does ("Does 75/32 mention cyberspace?": only its title does;
        "Is the draft a revised version?": only its heading says "révisé")."""
        found = np.zeros(len(self.clauses), dtype=bool)
        for unit, _ in topic_units(query):
            holding = self._holding(unit)
            if len(holding) and not body[holding].any():
                found[holding] = True
        return found & self.is_header

    def search(self, query: Query, k: int) -> list[Hit]:
        if query.described_as:
            # a text found by its description: ranked without it ("the Doha declaration"
            # pulls the paragraph that restates the title), judged as asked (the
            # abstention thresholds are set on questions as asked)
            vector, asked = self.embedder.encode_queries([query.search_text, query.asked_text])
            hits = self._search(query, vector, k)
            return [replace(h, dense=self._closeness(h.clause, asked)) for h in hits]
        return self._search(query, self.embedder.encode_queries([query.search_text])[0], k)

    def _closeness(self, clause: Clause, vector: np.ndarray) -> float:
        """The cosine of the clause's closest passage (or proposition) to `vector`."""
        position = self.position[clause.clause_id]
        found = []
        passages = self.clause_passages.get(position)
        if passages:
            found.append(self.contents.dense.vectors(passages))
        propositions = self.clause_propositions.get(position)
        if propositions and self.contents.proposition_dense is not None:
            found.append(self.contents.proposition_dense.vectors(propositions))
        return float((np.concatenate(found) @ vector).max()) if found else -1.0

    def _search(self, query: Query, vector: np.ndarray, k: int) -> list[Hit]:
        mask = self.candidates(query)
        # the question in the analysis of each language it is searched in
        query_terms = terms_in(query.lexical_text, self.languages_of(mask))
        # the glossary gave its topics' French forms; other words borrow their cognates
        # and, in an English question, their translations ("worried" -> "préoccupée")
        others = terms(other_words(query))
        query_terms += self.cognates(others)
        if query.language != "fr":
            query_terms += [french for stem in others for french in french_stems(stem)]
        elif "en" in self.languages_of(mask):  # and the reverse, to English clauses
            query_terms += [english for stem in others for english in english_stems(stem)]
        return self._rank(query, vector, query_terms, mask, k)

    def search_like(self, query: Query, source: Clause, k: int) -> list[Hit]:
        """The clauses (of the documents the query is about) closest to `source` by their
        content: its passages' mean vector and its words are the question."""
        position = self.position[source.clause_id]
        passages = self.clause_passages.get(position)
        if passages:
            vector = self.contents.dense.vectors(passages).mean(axis=0)
            vector = vector / max(float(np.linalg.norm(vector)), 1e-9)
        else:  # a lead-in cited through its sub-paragraphs has no passage of its own
            vector = self.embedder.encode_queries([passage_text(source)])[0]
        mask = self.candidates(query)
        mask[position] = False
        words = terms_in(passage_text(source), self.languages_of(mask))
        return self._rank(query, vector, words, mask, k)

    def languages_of(self, mask: np.ndarray) -> list[str]:
        """The analyses of the clauses `mask` selects, the French one first."""
        held = set(self.languages[mask].tolist())
        return [language for language in ANALYSED if language in held] or ["fr"]

    def _rank(
        self, query: Query, vector: np.ndarray, query_terms: list[str], mask: np.ndarray, k: int
    ) -> list[Hit]:
        n = len(self.clauses)
        # the dense side ranks its best `dense_candidates` passages; the others count as
        # the worst of those (exact below that size: every passage is ranked)
        depth = min(len(self.contents.dense), self.settings.dense_candidates)
        scores, ids = self.contents.dense.search(vector, depth)
        floor = scores.min() if depth < len(self.contents.dense) else -1.0
        dense = np.full(n, floor, dtype=np.float32)
        np.maximum.at(dense, self.passage_clause[ids], scores)
        propositions = self.contents.proposition_dense
        if propositions is not None:  # a clause is as close as its closest proposition
            near, found = propositions.search(
                vector, min(len(propositions), self.settings.dense_candidates)
            )
            np.maximum.at(dense, self.proposition_clause[found], near)
        passage_bm25 = self.contents.lexical.scores(query_terms)
        lexical = np.zeros(n, dtype=np.float32)
        np.maximum.at(lexical, self.passage_clause, passage_bm25)
        if not mask.any():
            return []
        dense_weight = self.settings.dense_weight.get(query.language, 0.7)
        if self.settings.is_pasted_text(query.typed_text):
            dense_weight = self.settings.dense_weight_long.get(query.language, dense_weight)
        fused = dense_weight * _minmax(dense, mask)
        top_lexical = lexical[mask].max()
        if top_lexical > 0:
            fused += (1 - dense_weight) * lexical / top_lexical
        opening = self.opening_verbs(query, mask)
        if opening:
            fused += self.settings.verb_boost * self._opening_with(opening)
        for symbol in cited_symbols(query):
            fused[self._holding(symbol_unit(symbol))] += self.settings.cited_boost
        # a paragraph quoted whole is searched through its points
        answered = [p for c in query.answered for p in self._searched_as.get(c, ())]
        fused[answered] += self.settings.answered_boost
        fused[~mask] = -np.inf
        k = min(k, int(mask.sum()))
        top = np.argpartition(-fused, k - 1)[:k] if k < n else np.arange(n)
        order = top[np.lexsort((top, -fused[top]))][:k]
        return [
            Hit(self.clauses[i], float(fused[i]), self._cosine(vector, i), float(lexical[i]))
            for i in order
        ]

    def cognates(self, stems: list[str]) -> list[str]:
        """Stems of the index that a stem no clause contains shares most of its letters
        with: English "environment" -> "environ" (environnement), "military" ->
        "militair", "capacity" -> "capacit"; French "interopérabilité" -> "interoper"."""
        found = []
        for stem in dict.fromkeys(stems):
            if stem in self._df or len(stem) < COGNATE_PREFIX:
                continue
            for french in self._by_prefix.get(stem[:COGNATE_PREFIX], ()):
                shared = _common_prefix(stem, french)
                if shared >= COGNATE_SHARE * min(len(stem), len(french)):
                    found.append(french)
        return found

    def _cosine(self, vector: np.ndarray, position: int) -> float:
        """The clause's exact cosine (its best passage or proposition), whether ranked
        densely or not."""
        passages = self.clause_passages.get(position)
        if not passages:
            return -1.0
        best = float((self.contents.dense.vectors(passages) @ vector).max())
        propositions = self.clause_propositions.get(position)
        if propositions:
            vectors = self.contents.proposition_dense.vectors(propositions)
            best = max(best, float((vectors @ vector).max()))
        return best

    def lexical_support(self, query: Query, clause: Clause) -> float:
        """Share of what the question is about that the clause speaks of (0..1).

        The units are the question's glossary topics (matched by their French),
        its other content words (matched by stem: cognates like "coopération"; a
        French word also by its cognates and stem siblings, `_with_cognates`),
        and the verb asked about (matched by the clause's lead). Each unit weighs
        its IDF over the clauses: "États" says little, "sanctions" (in no clause)
        much. An English word no clause contains (nor its translation,
        `assistant/asking/translations.py`) weighs half the most: it is evidence of the language
        as much as of the topic.
        """
        position = self.position[clause.clause_id]
        # a question in another language than the clause's: its words reach the clause
        # through their translations, and one no clause holds says little either way
        cross = self.languages[position] != analysed(query.language)
        weights = matched = 0.0
        for unit, is_topic in topic_units(query):
            if not is_topic and query.language == "fr" and not cross:
                unit = self._with_cognates(unit)
            elif not is_topic and cross:  # also as the words the other language says it with
                unit = _with_translations(unit, self.languages[position])
            seen = [self._idf(term) for term in unit.stems if term in self._df]
            weight = max(seen) if seen else self._idf_unseen
            if not is_topic and cross and not seen:
                weight = self._idf_neutral  # a word of the other language
            weights += weight
            matched += weight * unit.found_in(self.clause_terms[position])
        # the verb asked about, when some clause searched opens with it (or its nearest)
        opening = self.opening_verbs(query, self.candidates(query)) if query.verbs else []
        if opening:
            weights += self._idf_neutral
            matched += self._idf_neutral * any(self.opens[v.name][position] for v in opening)
        if weights == 0:
            return 1.0 if query.doc_ids else 0.0
        return matched / weights

    def _with_cognates(self, unit: Unit) -> Unit:
        """A French word, also said as the index words of the same stem: its cognates when
        no clause holds it ("interopérabilité" / "interopérable"), else the stems it
        differs from by an ending the stemmer left (it cuts "envisager" to "envisag" but
        "envisagées" to "envisage"). Not for English words, where a shared prefix is as
        often a false friend ("internet" / "international")."""
        (stem,) = unit.variants[0]
        if stem in self._df:  # the same stem cut up to SIBLING_LETTERS shorter or longer
            found = [
                other
                for other in self._by_prefix.get(stem[:COGNATE_PREFIX], ())
                if other != stem
                and (other.startswith(stem) or stem.startswith(other))
                and abs(len(other) - len(stem)) <= SIBLING_LETTERS
            ]
        else:
            found = self.cognates([stem])
        return Unit(unit.variants + tuple((f,) for f in found)) if found else unit

    def asks_the_lead_in(self, query: Query, clause: Clause) -> bool:
        """Whether a sub-paragraph matches the question only through its lead-in ("to
        whom do States send their views?": op. 2's "communiquer au Secrétaire général …
        leurs vues", not its point b)'s own words): then its whole paragraph answers."""
        if not clause.lead_in:
            return False
        language = self.languages[self.position[clause.clause_id]]
        lead = ClauseTerms(terms(clause.lead_in, language))
        own = ClauseTerms(terms(clause.text, language))
        units = []
        for unit, is_topic in topic_units(query):
            # a word, also as its cognates, English ones too ("principles" / "principes"):
            # a false friend here only keeps the point cited, as it was
            if not is_topic:
                unit = self._with_cognates(unit)
            units.append(unit)
        in_lead = any(unit.found_in(lead) for unit in units)
        return in_lead and not any(unit.found_in(own) for unit in units)

    def opening_with_the_verb(self, query: Query) -> list[Clause] | None:
        """ "What does 75/32 welcome?", "Qu'est-ce que le projet décide ?": a question that
        names a resolution verb and nothing else asks for the paragraphs that open with it,
        whole (a list's lead-in with its points), in the texts' order ([] when none does).
        None for any other question."""
        if not query.verbs or query.compare:
            return None
        frame = _VERB_FRAME | query.named_by
        if any(set(unit.stems) - frame for unit, _ in topic_units(query)):
            return None  # a topic of its own: "What does 75/32 decide about the OEWG?"
        where = ~self.is_point
        # a declaration's numbered paragraphs too ("We reaffirm…"): kind "paragraph"
        kinds = [query.part] if query.part else ["preambular", "operative", "paragraph"]
        where &= np.isin(self.kinds, kinds)
        if query.doc_ids:
            where &= np.isin(self.doc_ids, query.doc_ids)
        mask = self._opening_with(query.verbs) & where
        if not mask.any():  # "What does it urge?" of a text that only "calls upon"
            near = [by_name(n) for v in query.verbs for n in v.near]
            if near:
                mask = self._opening_with(near) & where
        return [self.clauses[i] for i in np.flatnonzero(mask)]

    def opening_verbs(self, query: Query, mask: np.ndarray) -> list:
        """The verbs the question asks about that some clause of `mask` opens with; else
        their nearest ones that some does ("What does it urge?" of texts that only "call
        upon"); [] when none: a verb no text searched speaks with says nothing either way."""
        if not query.verbs:
            return []
        if (self._opening_with(query.verbs) & mask).any():
            return list(query.verbs)
        near = [by_name(n) for v in query.verbs for n in v.near]
        return near if near and (self._opening_with(near) & mask).any() else []

    def _opening_with(self, verbs) -> np.ndarray:
        """Which clauses open with one of these verbs (by their lead)."""
        return np.logical_or.reduce([self.opens[v.name] for v in verbs])

    def names_every_topic(self, query: Query, clause: Clause) -> bool:
        """Whether the question names glossary topics and the clause speaks of each:
        then shared words are no accident ("qui a depose le projet" / the sponsors). A
        name (a State, an organisation) proves nothing: a text naming Australia says
        nothing of its capital."""
        topics = [_unit(t) for t in query.terms if not t.term.proper]
        clause_terms = self.clause_terms[self.position[clause.clause_id]]
        return bool(topics) and all(unit.found_in(clause_terms) for unit in topics)

    def misses_a_rare_topic(self, query: Query, clause: Clause) -> bool:
        """Whether the question names a topic (not a name) that the clause does not speak
        of and that at most `rare_topic_share` of the clauses searched do ("criminel":
        two clauses; not "ICTs", which most clauses speak of)."""
        searched = self.candidates(query)
        clause_terms = self.clause_terms[self.position[clause.clause_id]]
        for match in query.terms:
            unit = _unit(match)
            if match.term.proper or unit.found_in(clause_terms):
                continue
            if (
                searched[self._holding(unit)].sum()
                <= self.settings.rare_topic_share * searched.sum()
            ):
                return True
        return False

    def unseen_topics(self, query: Query, answering: Clause | None = None) -> list[str]:
        """What the question names of the glossary topics and the resolutions the texts
        cite that no clause of the documents it is about speaks of (any document when it
        names none), lowercased but for names ("France", "OSCE"). An attribute asked of a
        body ("who chairs the GGE?") must also be spoken of by the text of the clause
        `answering` it, whatever other texts say of chairs."""
        named = set(query.doc_ids or ())
        answering_doc = {answering.doc_id} if answering else set()
        unseen = []
        for term in query.terms:
            scope = named or (answering_doc if term.term.attribute else set())
            docs = self.documents_speaking_of(term) | self._unjudged(term, query.language)
            if not (scope & docs if scope else docs):
                unseen.append(term.surface if term.term.proper else term.surface.lower())
        for symbol in cited_symbols(query):  # "Does the draft cite 76/19?"
            docs = frozenset(self.doc_ids[self._holding(symbol_unit(symbol))])
            if not (named & docs if named else docs):
                unseen.append(symbol)
        return unseen

    def _unjudged(self, match: TermMatch, language: str) -> frozenset[str]:
        """The documents that cannot be said not to speak of a topic: English ones, when
        the glossary knows only how French texts say it and the question named it in
        French ("sécurité internationale" over an English text: the dense side judges)."""
        if match.term.english or match.term.proper or language == "en":
            return frozenset()
        return self._english_documents

    def document_described(
        self, subject: str, acronyms: Acronyms | None = None
    ) -> tuple[list[str], frozenset[str]] | None:
        """ "the Crimea resolution", "la résolution sur l'intégrité territoriale de
        l'Ukraine": the documents the subject describes: the only one whose body speaks
        of every word of it (in either language), or those whose titles hold them all (up
        to `DESCRIBED_TITLES_SHARED`), else among the documents that speak of them all
        (or all documents, when none does) the one whose title is clearly the closest
        (`DESCRIBED_MIN_COSINE`, `DESCRIBED_MARGIN`); with the stems of its words. None
        when no document stands out."""
        if len(self._documents) < 2:
            return None
        topics = find_terms(subject)  # "the cyberspace resolution": as the texts say it
        topics += acronyms.terms(subject, topics) if acronyms else []  # "the ICC resolution"
        rest = "".join(
            " " if any(t.start <= i < t.end for t in topics) else ch for i, ch in enumerate(subject)
        )
        words = [Unit(variants) for variants in key_words(rest)]
        words = [_with_translations(_with_translations(u, "en"), "fr") for u in words]
        units = [_unit(t) for t in topics] + [u for u in words if not u.stems <= _VERB_FRAME]
        if not units:
            return None
        stems = frozenset().union(*(u.stems for u in units))
        titled = [
            d for d, title in self._title_terms().items() if all(u.found_in(title) for u in units)
        ]
        if len(titled) > 1:  # "the territorial integrity resolution": those titles' texts
            return (sorted(titled), stems) if len(titled) <= DESCRIBED_TITLES_SHARED else None
        body = self.retrievable & ~self.is_header
        common: set[str] | None = None
        for unit in units:
            held = self._holding(unit)
            docs = set(self.doc_ids[held[body[held]]].tolist())
            common = docs if common is None else common & docs
        common = common or set()
        # one title says it, and no more than one other text speaks of it ("paix" is in
        # the title "… Peaceful Uses …" and in five texts: no name of one)
        if titled and (not common or (titled[0] in common and len(common) <= 2)):
            return titled, stems
        if len(common) == 1:
            return sorted(common), stems
        candidates = sorted(common or self._documents)
        if len(candidates) > DESCRIBED_MAX_TITLES:
            return None
        titles = self._title_vectors(candidates)
        closeness = titles @ self.embedder.encode_queries([subject])[0]
        order = np.argsort(-closeness)
        best = float(closeness[order[0]])
        second = float(closeness[order[1]]) if len(order) > 1 else -1.0
        if best >= DESCRIBED_MIN_COSINE and best - second >= DESCRIBED_MARGIN:
            return [candidates[int(order[0])]], stems
        return None

    def _title_terms(self) -> dict[str, ClauseTerms]:
        """Each document's title as index terms, in its own language (computed once)."""
        if self._titles_read is None:
            self._titles_read = {
                d.doc_id: ClauseTerms(terms(d.title or "", analysed(d.language)))
                for d in self.contents.documents
            }
        return self._titles_read

    def _title_vectors(self, doc_ids: list[str]) -> np.ndarray:
        """Each document's title encoded as a query (computed once per document)."""
        missing = [d for d in doc_ids if d not in self._titles]
        if missing:
            by_id = {d.doc_id: d for d in self.contents.documents}
            texts = [by_id[d].title or by_id[d].label for d in missing]
            self._titles.update(zip(missing, self.embedder.encode_queries(texts), strict=True))
        return np.stack([self._titles[d] for d in doc_ids])

    def document_its_words_name(self, query: Query) -> tuple[str, frozenset[str]] | None:
        """ "op 10 of the UNISPACE+50 resolution", "op. 3 of the estuary resolution": a
        paragraph asked with no document named by its symbol, one of whose
        words only one document of the corpus holds, is about that document: (its id,
        the stems of those words); None when no word, or words of several documents."""
        if len(self._documents) < 2:
            return None
        named: set[str] = set()
        stems: set[str] = set()
        for unit, _ in topic_units(query):
            if unit.stems <= _VERB_FRAME:  # "paragraphs", "States": how it asks
                continue
            docs = set(self.doc_ids[self._holding(unit)].tolist())
            if len(docs) == 1:
                named |= docs
                stems |= unit.stems
        return (named.pop(), frozenset(stems)) if len(named) == 1 else None

    def documents_speaking_of(self, match: TermMatch) -> frozenset[str]:
        """The documents with a clause that holds every word of one of the topic's
        French forms, or of the words typed (the `Unit` the evidence score uses:
        "Groupe d'experts gouvernementaux", not any text with "groupe" or "experts")."""
        key = (match.term.topic, match.surface.lower())
        docs = self._topic_docs.get(key)
        if docs is None:
            # the topic's French forms and the words typed
            docs = frozenset(self.doc_ids[self._holding(_unit(match))])
            self._topic_docs[key] = docs
        return docs

    def _holding(self, unit: Unit) -> np.ndarray:
        """Positions of the clauses that speak of the unit (hold one of its variants)."""
        found = [np.empty(0, dtype=np.int64)]
        for phrase in unit.variants:
            held = self._postings.holding(frozenset(phrase))
            if len(phrase) > 1 and len(held):  # its words, also in their order
                held = self.clause_terms.holding_in_order(phrase, held)
            found.append(held)
        return np.unique(np.concatenate(found))

    def _idf(self, term: str) -> float:
        return float(np.log((self._n + 1) / (self._df.get(term, 0) + 0.5)))


class TermTable:
    """The index terms of every clause, in order, as one array of ids into a shared
    vocabulary (with each clause's start): `table[position]` is that clause's
    `ClauseTerms`, made when asked for."""

    def __init__(self, sequences: Iterable[list[str]]):
        self.vocabulary: dict[str, int] = {}
        ids = array("i")
        starts = array("q", [0])
        for sequence in sequences:
            ids.extend(self.vocabulary.setdefault(t, len(self.vocabulary)) for t in sequence)
            starts.append(len(ids))
        self.ids = np.frombuffer(ids, dtype=np.int32) if ids else np.empty(0, np.int32)
        self.starts = np.frombuffer(starts, dtype=np.int64)
        self.words = list(self.vocabulary)

    def __len__(self) -> int:
        return len(self.starts) - 1

    def __getitem__(self, position: int) -> ClauseTerms:
        held = self.ids[self.starts[position] : self.starts[position + 1]]
        return ClauseTerms([self.words[i] for i in held.tolist()])

    def holding_in_order(self, phrase: tuple[str, ...], among: np.ndarray) -> np.ndarray:
        """The positions of `among` (ascending) whose clause holds the phrase in its
        order (`ClauseTerms.holds`), all at once on the ids: from each place its first
        stem stands, the next stem's first place within PHRASE_GAP + 1 terms, and so on."""
        ids = [self.vocabulary.get(stem, -1) for stem in phrase]
        if not ids or -1 in ids or not len(among):
            return np.empty(0, dtype=np.int64)
        wanted = np.zeros(len(self), dtype=bool)
        wanted[among] = True
        at = np.flatnonzero(self.ids == ids[0])
        clause = np.searchsorted(self.starts, at, side="right") - 1
        keep = wanted[clause]
        at, clause = at[keep], clause[keep]
        ends = self.starts[clause + 1]
        steps = np.arange(1, PHRASE_GAP + 2)
        for stem in ids[1:]:
            window = at[:, None] + steps
            found = (window < ends[:, None]) & (
                self.ids[np.minimum(window, len(self.ids) - 1)] == stem
            )
            keep = found.any(1)
            at = at[keep] + 1 + found[keep].argmax(1)
            clause, ends = clause[keep], ends[keep]
        return np.unique(clause)

    def __iter__(self) -> Iterator[ClauseTerms]:
        return (self[position] for position in range(len(self)))


class Postings:
    """Which searchable clauses hold a stem (positions in ascending order), so that the
    clauses holding every stem of a phrase are an intersection, not a scan of them all
    (a scan costs ~150 ms per topic at 100k clauses)."""

    def __init__(self, table: TermTable, searchable: np.ndarray):
        count = len(table)
        positions = np.repeat(np.arange(count, dtype=np.int64), np.diff(table.starts))
        keep = np.asarray(searchable, dtype=bool)[positions]
        # (stem, position) pairs, each once, sorted by stem then position
        pairs = np.unique(table.ids[keep].astype(np.int64) * max(count, 1) + positions[keep])
        stems, positions = np.divmod(pairs, max(count, 1))
        held = np.bincount(stems, minlength=len(table.words))
        # only the stems some searchable clause holds are known (ids renumbered densely)
        known = np.flatnonzero(held)
        self._ids = {table.words[k]: i for i, k in enumerate(known.tolist())}
        self._positions = positions
        self._starts = np.concatenate(([0], np.cumsum(held[known])))
        # stem -> how many clauses hold it (its document frequency, for IDF)
        self.frequency = dict(zip(self._ids, held[known].tolist(), strict=True))

    def of(self, stem: str) -> np.ndarray:
        k = self._ids.get(stem)
        if k is None:
            return np.empty(0, dtype=np.int64)
        return self._positions[self._starts[k] : self._starts[k + 1]]

    def holding(self, stems: frozenset[str]) -> np.ndarray:
        """Positions of the clauses holding every one of `stems` (none for no stems)."""
        if not stems:
            return np.empty(0, dtype=np.int64)
        lists = sorted((self.of(stem) for stem in stems), key=len)
        common = lists[0]
        for other in lists[1:]:
            common = np.intersect1d(common, other, assume_unique=True)
        return common


@dataclass(frozen=True)
class Unit:
    """One thing a question is about, as the stems of each way the texts say it: a
    clause speaks of it when it holds one of them as a phrase (`ClauseTerms.holds`:
    "fins criminelles" — "fins" alone is not crime, "droit" alone not international law,
    "informatique … sécurité" not "sécurité informatique")."""

    variants: tuple[tuple[str, ...], ...]

    @property
    def stems(self) -> frozenset[str]:
        return frozenset().union(*self.variants)

    def found_in(self, clause_terms: ClauseTerms) -> bool:
        return any(clause_terms.holds(v) for v in self.variants)


class ClauseTerms:
    """A text's index terms in order: it holds a phrase's stems when they stand in that
    order with at most PHRASE_GAP other terms between two of them."""

    def __init__(self, sequence: list[str]):
        self.sequence = sequence
        self.stems = frozenset(sequence)

    def holds(self, phrase: tuple[str, ...]) -> bool:
        if not phrase or not self.stems.issuperset(phrase):
            return False
        return len(phrase) == 1 or in_order(self.sequence, list(phrase))


def in_order(sequence: list, phrase: list) -> bool:
    """Whether `phrase` stands in `sequence` in its order, with at most PHRASE_GAP other
    items between two of its items."""
    first, *rest = phrase
    return any(
        _continues(sequence, start, rest) for start, item in enumerate(sequence) if item == first
    )


def _continues(sequence: list, at: int, rest: list) -> bool:
    for item in rest:
        window = sequence[at + 1 : at + 2 + PHRASE_GAP]
        if item not in window:
            return False
        at += 1 + window.index(item)
    return True


def topic_units(query: Query) -> list[tuple[Unit, bool]]:
    """(unit, is a glossary topic) for each thing the question is about: a resolution the
    texts cite counts as one ("73/27" in "résolution 73/27 du 5 décembre 2018")."""
    units = [(_unit(t), True) for t in query.terms]
    units += [(symbol_unit(s), True) for s in cited_symbols(query)]
    words = key_words(other_words(query))
    return units + [(Unit(variants), False) for variants in words]


def _with_translations(unit: Unit, into: str = "fr") -> Unit:
    """A word's unit, also matched by the stems it translates to in the language `into`
    (an English word's French, a French word's English: assistant/asking/translations.py)."""
    translate = english_stems if into == "en" else french_stems
    said = [(t,) for stem in unit.stems for t in translate(stem)]
    return Unit(unit.variants + tuple(said)) if said else unit


def symbol_unit(symbol: str) -> Unit:
    """A resolution symbol as the index holds it: "A/RES/73/27" -> the one stem "73/27"."""
    return Unit((tuple(terms(symbol)[-1:]),))


def _common_prefix(a: str, b: str) -> int:
    """Letters two words share from the start."""
    differ = (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
    return next(differ, min(len(a), len(b)))


def _minmax(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    lo, hi = values[mask].min(), values[mask].max()
    if hi - lo < 1e-9:
        return np.where(mask, 1.0, 0.0).astype(np.float32)
    return ((values - lo) / (hi - lo)).astype(np.float32)


def _unit(match: TermMatch) -> Unit:
    """A glossary topic as named in a question: its French forms and the words typed."""
    said = [terms(v) for v in match.term.french]  # the French the texts say it with
    said += [terms(v, "en") for v in match.term.english]  # the English, where known
    said += [terms(match.surface, language) for language in ANALYSED]  # as typed
    return Unit(tuple(dict.fromkeys(tuple(dict.fromkeys(stems)) for stems in said)))
