"""`Assistant`: the one entry point. Question in, cited clauses (or an honest
"the texts do not say") out; the chat page, the CLI and the eval suite all go
through `Assistant.ask`."""

from __future__ import annotations

import contextlib
import copy
import ctypes
import re
import time
from dataclasses import dataclass, replace
from pathlib import Path

from assistant.asking.answer import (
    Answer,
    abstention,
    compose,
    document_name,
    inert,
    make_citation,
    paragraph_name,
)
from assistant.asking.answer_types import (
    AnswerType,
)
from assistant.asking.catalog import RESOLUTION_NUMBER, Catalog
from assistant.asking.glossary import find_terms
from assistant.asking.language import detect_language
from assistant.asking.paragraph_refs import (
    ParagraphRef,
    annex_numeral,
    find_paragraph_ref,
    numbered_clause,
    numbers_of,
)
from assistant.asking.query import Query, understand
from assistant.asking.query_parts import turn_of
from assistant.asking.ranking import COVERED_DEPTH, Ranker, each_document_first
from assistant.asking.retrieval import Hit, Retriever
from assistant.asking.small_talk import is_french_small_talk, is_gibberish, is_small_talk
from assistant.asking.verbs import verb_in_question
from assistant.documents import Clause, Document
from assistant.errors import DocumentError, InvalidQuestion, RequestTimeout
from assistant.indexing import library
from assistant.reading.corpus import load_corpus
from assistant.reading.sanitize import clean_text
from assistant.settings import Settings
from index.store import IndexContents, index_lock, remove_interrupted_writes

_MARKUP_RX = re.compile(r"<[^<>]*>")


# a comparison's texts each have their best clause among this many
_COMPARED_DEPTH = 10
# "What does 75/32 welcome?" lists the paragraphs opening with the verb, at most this many
_VERB_LIST_MAX = 10


@dataclass(frozen=True)
class _Snapshot:
    """One index generation and what is derived from it, swapped in as a whole: a
    question being answered while a document is added reads one generation only."""

    contents: IndexContents
    catalog: Catalog
    retriever: Retriever
    ranker: Ranker
    docs_by_id: dict[str, Document]


def _release_freed_memory() -> None:
    """Hand back to the system the memory freed while the search structures were derived
    (each clause's analysed words, a list per clause, dropped once stored columnar):
    glibc's allocator keeps it otherwise (~150 MB at 100k clauses, measured by
    `python -m eval.bench --memory`). Nothing where the C library is not glibc."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


class Assistant:
    def __init__(self, settings: Settings, embedder, contents: IndexContents):
        self.settings = settings
        self.embedder = embedder
        self._use(contents)

    def _use(self, contents: IndexContents) -> None:
        retriever = Retriever(contents, self.embedder, self.settings)
        docs_by_id = {d.doc_id: d for d in contents.documents}
        self._snapshot = _Snapshot(
            contents=contents,
            catalog=Catalog(contents.documents),
            retriever=retriever,
            ranker=Ranker(retriever, self.settings, docs_by_id),
            docs_by_id=docs_by_id,
        )  # one assignment: the swap
        _release_freed_memory()

    contents = property(lambda self: self._snapshot.contents)
    documents = property(lambda self: self._snapshot.contents.verified().documents)
    catalog = property(lambda self: self._snapshot.catalog)
    retriever = property(lambda self: self._snapshot.retriever)
    ranker = property(lambda self: self._snapshot.ranker)
    _docs_by_id = property(lambda self: self._snapshot.docs_by_id)

    # ------------------------------------------------------------- loading
    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        *,
        embedder=None,
        rebuild: bool = False,
        progress: bool = False,
        documents: list[Document] | None = None,
    ) -> Assistant:
        """The corpus (bundled, or `settings.corpus_dir`) plus the documents added to
        its index; the index is built when missing and updated when the corpus changed
        (re-embedding only what changed).

        An index built by another model is refused (IndexMismatch), a damaged one
        reported (IndexCorrupted): both name `assistant index --rebuild` as the fix,
        which rebuilds from the corpus and the added documents it can still read.
        An already loaded `embedder` can be passed to share one model between instances;
        `documents` replaces the corpus folder (the eval suite adds distractors this way).
        """
        from embeddings.model import Embedder

        settings = settings or Settings.from_env()
        embedder = embedder or Embedder.load(settings)
        base = documents if documents is not None else load_corpus(settings.corpus_dir)
        root = settings.resolved_index_dir
        # an up-to-date index is read without waiting for a writer (generations are
        # immutable, the switch to a new one atomic); building one takes the lock
        contents = None if rebuild else library.current_index(root, base, embedder, settings)
        if contents is None:
            with index_lock(root):
                contents = library.open_index(root, base, embedder, settings, rebuild, progress)
        if remove_interrupted_writes(root):
            contents.verified()  # after a killed write, every file is checked before use
        return cls(settings, embedder, contents)

    # ------------------------------------------------------------- your documents
    def add(
        self, path: str | Path, metadata: dict | None = None, replace: bool = False
    ) -> Document:
        """Parse a file (.txt, .pdf, .docx, .html, or a .json paragraph collection)
        and add it to the index; only its clauses are embedded. Returns the new
        Document; raises DocumentError (nothing changed) when it cannot be added.
        `replace`: a document with the same id is replaced instead of refused."""
        from assistant.reading.readers import load_document

        document = load_document(path, metadata, max_bytes=self.settings.max_document_bytes)
        return self.add_documents([document], replace=replace)[0]

    def add_documents(
        self, documents: list[Document], progress: bool = False, replace: bool = False
    ) -> list[Document]:
        """Add parsed documents in one index update (one new generation)."""
        with index_lock(self.settings.resolved_index_dir):
            current = library.latest(self.contents, self.settings, self.embedder)
            self._use(
                library.with_documents(
                    current, documents, self.embedder, self.settings, replace, progress
                )
            )
        return documents

    def remove(self, document: str | Document) -> Document:
        """Take a document (its id, label, symbol or file name) out of the index."""
        with index_lock(self.settings.resolved_index_dir):
            current = library.latest(self.contents, self.settings, self.embedder)
            doc = library.find(current.documents, document)
            if doc is None:
                known = ", ".join(d.doc_id for d in current.documents)
                raise DocumentError(f"No document {document!r} in the index; it holds: {known}.")
            self._use(library.without(current, doc, self.embedder, self.settings))
        return doc

    def find(self, ref: str | Document) -> Document | None:
        """The document with this id, label, symbol or source file name."""
        return library.find(self.documents, ref)

    def is_added(self, doc: Document) -> bool:
        """Added by the user (`add`), as opposed to coming from the corpus folder."""
        return doc.doc_id in self.contents.added

    # ------------------------------------------------------------- asking
    def ask(
        self,
        question: str,
        history: list[dict] | None = None,
        k: int | None = None,
        documents: list[str] | None = None,
    ) -> Answer:
        """Cited clauses answering `question` (or an abstention). `history`: earlier
        {"role", "content"} messages, for follow-ups (the most recent kept within the
        `max_history_*` limits; older ones dropped); an assistant message may carry the
        answer as data, `"metadata": answer.to_turn_metadata()`, which the follow-up
        then reads instead of its text; `documents`: doc ids to search in.
        Raises InvalidQuestion (one line saying what to change) for what it cannot take."""
        # the index generation of this moment, whatever `add` swaps in meanwhile
        return copy.copy(self)._ask(question, history, k, documents)

    def _ask(self, question, history, k, documents) -> Answer:
        started = time.monotonic()
        question = self._validate(question)
        self.contents.verified()  # nothing is answered from a file that fails its sha256
        k = k or self.settings.top_k
        if documents is not None and not (
            isinstance(documents, list) and all(isinstance(d, str) for d in documents)
        ):
            raise InvalidQuestion("documents must be a list of document ids (text).")
        if not self._has_content(question):
            return self._small_talk(question)
        query = understand(
            question,
            self.catalog,
            _valid_history(history, self.settings),
            on_turn=lambda: self._check_time(started),
        )
        for asked in filter(None, (query, query.in_context)):
            # what the chat shows of the last answer (a caller may have asked for more)
            asked.answered = asked.answered[: self.settings.top_k]
        if documents:
            unknown = set(documents) - set(self._docs_by_id)
            if unknown:
                raise InvalidQuestion(
                    f"Unknown document id(s) {sorted(unknown)}; known: {sorted(self._docs_by_id)}."
                )
            # the documents the question names, within the filter; else the filter's
            query.doc_ids = [d for d in query.doc_ids or () if d in documents] or list(documents)
        if query.unknown_refs and not query.doc_ids:
            return self._abstain(query, self._not_in_corpus(query))
        if query.doc_ids is None and query.described and not query.compare:
            # "the Crimea resolution": the one document its subject describes
            surface, subject = query.described
            described = self.retriever.document_described(subject, self.catalog.acronyms)
            if described:
                query.doc_ids, query.named_by = described
                query.described_as = surface  # no topic; kept in what is embedded
        if (
            query.doc_ids is None
            and not query.compare
            and query.paragraph
            and not self.ranker.pasted(query)  # a pasted paragraph's rare words name no text
        ):
            # a paragraph asked of a document named by a word only it holds (a text
            # described by its subject was sought above)
            named = self.retriever.document_its_words_name(query)
            if named:
                query.doc_ids, query.named_by = [named[0]], named[1]
        if query.paragraph is not None:
            return self._answer_paragraph(query)
        if query.like is not None:
            return self._answer_like(query, k)
        if query.referent is not None:
            answer = self._answer_from_referent(query)
            if answer is not None:
                return answer
        opening = self.retriever.opening_with_the_verb(query) if query.in_context is None else None
        if opening:
            return self._answer(query, [(clause, 1.0) for clause in opening[:_VERB_LIST_MAX]])
        if opening == []:
            return self._abstain(query, self._no_paragraph_opening(query))
        # a comparison quotes each text's best clause: sought deeper than the k best overall
        depth = max(k, COVERED_DEPTH, _COMPARED_DEPTH if query.compare else 0)
        # asked of the conversation's subject first; when that finds nothing, alone
        for asked in filter(None, (query.in_context, query)):
            hits = self.ranker.rare_topic_first(asked, self.ranker.search(asked, depth))
            hits = self.ranker.better_supported_first(asked, hits)
            hits, covered = self.ranker.covered_first(asked, hits)
            if covered:
                break
        query = asked
        if not hits:
            return self._abstain(query, self._not_covered(query))
        if not covered:
            return self._abstain(query, self._not_covered(query, hits[0]))
        if query.compare:  # not a text's clause when that text does not speak of the topic
            speaking = {
                doc_id
                for doc_id in {h.clause.doc_id for h in hits}
                if all(doc_id in self.retriever.documents_speaking_of(t) for t in query.terms)
            }
            hits = each_document_first(hits, speaking)
        hits = self.ranker.whole_paragraphs(query, hits[:k])
        return self._answer(query, [(h.clause, h.score) for h in hits])

    # the ranker's judgements, for the eval's calibration (eval/calibrate.py)
    def evidence(self, query: Query, best: Hit) -> float:
        return self.ranker.evidence(query, best)

    def covered(self, query: Query, best: Hit) -> bool:
        return self.ranker.covered(query, best)

    def language_pair(self, query: Query, clause: Clause) -> str:
        return self.ranker.language_pair(query, clause)

    def missing_fact(self, query: Query, clause: Clause) -> AnswerType | None:
        return self.ranker.missing_fact(query, clause)

    def document(self, doc_id: str) -> Document | None:
        """The loaded document with this id (the part before "#" in a clause id)."""
        return self._docs_by_id.get(doc_id)

    def _check_time(self, started: float) -> None:
        limit = self.settings.request_timeout_s
        if time.monotonic() - started > limit:
            raise RequestTimeout(
                f"This question took longer than {limit:g} s to read with its history: "
                "start a new conversation, or ask it with fewer earlier turns."
            )

    def _has_content(self, question: str) -> bool:
        """Names a document, a paragraph or a topic, or has words of English or French
        that are not small talk (assistant/asking/small_talk.py)."""
        if find_terms(question) or find_paragraph_ref(question):
            return True
        found, unknown, _ = self.catalog.find_documents(question)
        if found or unknown:
            return True
        return not (is_small_talk(question) or is_gibberish(question))

    def _small_talk(self, question: str) -> Answer:
        """A short reply saying what the assistant answers (no "the texts do not say":
        nothing was asked of them)."""
        language = "fr" if is_french_small_talk(question) else detect_language(question)
        names = "; ".join(d.label for d in self.documents[:_NAMED_TEXTS])
        if language == "fr":
            reason = (
                "Je réponds aux questions sur le contenu des textes chargés "
                f"({names}) : par exemple « Que dit la résolution 75/32 sur le GTCNL ? »."
            )
        else:
            reason = (
                f"I answer questions about what the loaded texts say ({names}): for "
                "example “What does 75/32 decide about the OEWG?”."
            )
        answer = abstention(question, reason, language)
        answer.text = inert(reason)
        return answer

    def _validate(self, question: str) -> str:
        if not isinstance(question, (str, bytes)):
            raise InvalidQuestion("The question must be text.")
        question = clean_text(question).strip()
        if not question:
            raise InvalidQuestion(
                "The question is empty: ask about the resolutions, e.g. 'What does 75/32 decide?'."
            )
        if not _MARKUP_RX.sub(" ", question).strip():
            raise InvalidQuestion(
                "The question is only markup (HTML tags), with no words to look up: "
                "ask about the resolutions in plain words."
            )
        if len(question) > self.settings.max_question_chars:
            raise InvalidQuestion(
                f"The question is {len(question)} characters long; the limit is "
                f"{self.settings.max_question_chars}. Shorten it to the point you want answered."
            )
        return question

    def _answer(self, query: Query, scored: list[tuple[Clause, float]]) -> Answer:
        citations = [
            make_citation(clause, self._doc_of(clause), score, query.language)
            for clause, score in scored
        ]
        text, only_preambular = compose(citations, query.language)
        return Answer(
            question=query.question,
            text=text,
            abstained=False,
            citations=citations,
            language=query.language,
            resolved_question=query.text if query.text != query.question else None,
            only_preambular=only_preambular,
            turn=turn_of(query, [clause for clause, _ in scored], self.catalog),
        )

    def _documents_of(self, doc_ids: list[str] | None) -> list[Document]:
        """The documents with these ids; all when None."""
        return [self._docs_by_id[i] for i in doc_ids] if doc_ids else self.documents

    def _numbered(self, ref: ParagraphRef, docs: list[Document]) -> list[Clause]:
        """The paragraph `ref` names, in each of the documents."""
        found = []
        for doc in docs:
            number = ref.number
            if number < 0:  # LAST, PENULTIMATE: counted from the end
                numbers = numbers_of(doc, ref.kind, ref.annex)
                number = numbers[number] if len(numbers) >= -number else None
            clause = numbered_clause(doc, ref.kind, number, ref.point, ref.annex)
            if clause:
                found.append(clause)
        return found

    def _answer_paragraph(self, query: Query) -> Answer:
        ref = query.paragraph
        docs = self._documents_of(query.doc_ids)
        found = self._numbered(ref, docs)
        if found:
            return self._answer(query, [(clause, 1.0) for clause in found])
        language = query.language
        counts = ", ".join(
            f"{document_name(d, language)} : {len(numbers_of(d, ref.kind, ref.annex))}"
            if language == "fr"
            else f"{document_name(d, language)}: {len(numbers_of(d, ref.kind, ref.annex))}"
            for d in docs
        )
        number = "" if ref.number < 0 else f" {ref.number}"
        which = f" {annex_numeral(ref.annex)}" if ref.kind == "annex" and ref.annex else ""
        if language == "fr":
            point = f" {ref.point})" if ref.point else ""
            kind = {"operative": "du dispositif", "annex": f"de l’annexe{which}"}.get(
                ref.kind, "du préambule"
            )
            return self._abstain(
                query,
                f"Pas de paragraphe{number}{point} {kind} ici (paragraphes {kind} — {counts}).",
            )
        kind = {"operative": "operative", "annex": f"annex{which}"}.get(ref.kind, "preambular")
        point = f" ({ref.point})" if ref.point else ""
        return self._abstain(
            query, f"No {kind} paragraph{number}{point} there ({kind} paragraphs — {counts})."
        )

    def _answer_from_referent(self, query: Query) -> Answer | None:
        """The paragraph a follow-up points back to ("Which resolutions does it mention?"
        after op. 6 was asked for), when it speaks of every topic the question names and
        gives the kind of fact asked; None sends the question to the search ("Does it
        include all Member States?" after op. 4, which does not say)."""
        holding = [
            clause
            for clause in self._numbered(query.referent, self._documents_of(query.doc_ids))
            if not self.missing_fact(query, clause)
            and (not query.terms or self.retriever.names_every_topic(query, clause))
        ]
        if not holding:
            return None
        name = query.referent.surface
        resolved = replace(query, text=f"{query.question} ({name})")
        return self._answer(resolved, [(clause, 1.0) for clause in holding])

    def _answer_like(self, query: Query, k: int) -> Answer:
        """ "Is there something similar in 75/32?": the clauses closest to the one the
        last answer cited, if one is close enough to be called similar."""
        ref, source = query.like.paragraph, None
        for doc_id in query.like.doc_ids:
            source = numbered_clause(
                self._docs_by_id[doc_id], ref.kind, ref.number, ref.point, ref.annex
            )
            if source is not None:
                break
        hits = self.retriever.search_like(query, source, k) if source else []
        if not hits or hits[0].dense < self.settings.min_like_cosine:
            return self._abstain(query, self._nothing_like(query))
        answer = self._answer(query, [(h.clause, h.score) for h in hits])
        # said first: these paragraphs are the nearest to that one, not a second answer
        cited = f"{document_name(self._doc_of(source), query.language)}, "
        cited += paragraph_name(source, query.language)
        if query.language == "fr":
            answer.text = f"_Les paragraphes les plus proches de {cited} :_\n\n{answer.text}"
        else:
            answer.text = f"_The paragraphs closest to {cited}:_\n\n{answer.text}"
        return answer

    def _no_paragraph_opening(self, query: Query) -> str:
        """ "What does the draft request?" when no paragraph of it opens with "Prie"."""
        where = self._where(query.doc_ids or [], query.language)
        found = verb_in_question(query.text)
        named = found[1].group(0) if found else query.verbs[0].name
        if query.language == "fr":
            return f"Aucun paragraphe {where} ne commence par le verbe demandé (« {named} »)."
        return f"No paragraph {where} opens with the verb asked about (“{named}”)."

    def _nothing_like(self, query: Query) -> str:
        where = self._where(query.doc_ids or [], query.language)
        if query.language == "fr":
            return f"Aucun paragraphe {where} n’est proche de celui cité."
        return f"No paragraph {where} is close to the one cited."

    def _where(self, doc_ids: list[str], language: str) -> str:
        """ "of A/RES/75/32", "de « projet de résolution… »", "of the resolutions" """
        named = [document_name(self._docs_by_id[i], language) for i in doc_ids]
        if language == "fr":
            return f"de « {' », « '.join(named)} »" if named else "des résolutions"
        return f"of {', '.join(named)}" if named else "of the resolutions"

    def _abstain(self, query: Query, reason: str) -> Answer:
        answer = abstention(query.question, reason, query.language)
        answer.resolved_question = query.text if query.text != query.question else None
        answer.turn = turn_of(query, [], self.catalog)
        return answer

    def _not_in_corpus(self, query: Query) -> str:
        names = self._holdings(query.language)
        refs = ", ".join(query.unknown_refs)
        citing = "; ".join(filter(None, map(self._citing, query.unknown_refs)))
        if query.language == "fr":
            cited = f" Le corpus ne fait que la citer : {citing}." if citing else ""
            return f"{refs} ne fait pas partie du corpus, qui contient : {names}.{cited}"
        cited = f" The corpus only cites it: {citing}." if citing else ""
        return f"{refs} is not in the corpus, which holds: {names}.{cited}"

    def _holdings(self, language: str) -> str:
        """What the corpus holds, said in a message: its resolutions by name, and how many
        other texts were added beside them (`assistant list` names them all)."""
        resolutions = set(self.catalog.adopted() + self.catalog.drafts())
        named = [d for d in self.documents if d.doc_id in resolutions]
        if len(self.documents) <= _NAMED_TEXTS or not named:
            named = self.documents[:_NAMED_TEXTS]
        names = "; ".join(d.label for d in named)
        others = len(self.documents) - len(named)
        if not others:
            return names
        if language == "fr":
            return f"{names} ; et {others} autres textes (`assistant list` les nomme)"
        return f"{names}; and {others} other texts (`assistant list` names them)"

    def _citing(self, ref: str) -> str:
        """Where the corpus cites a resolution it does not hold: "A/RES/75/32 pp. 1, op. 6"."""
        number = re.search(RESOLUTION_NUMBER, ref)
        places: dict[str, list[str]] = {}
        for label, paragraph in self.catalog.citations.get(number.group(0) if number else "", []):
            places.setdefault(label, []).append(paragraph)
        found = [f"{label} {', '.join(paras)}" for label, paras in places.items()]
        return "; ".join(found[:5])  # a handful of texts is a pointer; more is noise

    def _not_covered(self, query: Query, best: Hit | None = None) -> str:
        doc_ids = list(query.doc_ids or [])
        unseen = self.retriever.unseen_topics(query)
        if not unseen and not doc_ids and best is not None:
            # other texts speak of it, not the one the closest clause is from: name that one
            unseen = self.retriever.unseen_topics(query, best.clause)
            doc_ids = [best.clause.doc_id] if unseen else []
        unseen = ", ".join(dict.fromkeys(s.strip("?!.,;: ") for s in unseen))
        missing = self.missing_fact(query, best.clause) if best is not None else None
        if not unseen and missing is not None:
            return self._not_stated(query, missing, best.clause)
        where = self._where(doc_ids, query.language)
        if query.language == "fr":
            if unseen:
                return f"Aucun paragraphe {where} ne parle de « {unseen} »."
            return "Aucun paragraphe des résolutions ne traite de cette question."
        if unseen:
            return f"No paragraph {where} speaks of “{unseen}”."
        return "No paragraph of the resolutions addresses this."

    def _not_stated(self, query: Query, wanted: AnswerType, closest: Clause) -> str:
        """ "The paragraph closest to the question gives no number (A/RES/75/32, pp. 10)." """
        cited = f"{document_name(self._doc_of(closest), query.language)}, "
        cited += paragraph_name(closest, query.language)
        if query.language == "fr":
            closest_fr = "Le paragraphe le plus proche de la question"
            return f"{closest_fr} ne donne pas {wanted.fr} ({cited})."
        return f"The paragraph closest to the question gives no {wanted.en} ({cited})."

    def _doc_of(self, clause: Clause) -> Document:
        return self._docs_by_id[clause.doc_id]


_NAMED_TEXTS = 5  # texts a message names one by one; more are counted


def _valid_history(history, settings: Settings) -> list[dict]:
    """The turns a follow-up may read: {"role", "content"} with text content, cleaned
    (`clean_text`) and cut to the per-turn limits; the most recent `max_history_turns`
    within `max_history_chars` in all, older ones dropped. An assistant turn's
    `metadata` dict goes along (read, or ignored when it is not a structured answer, by
    `understand`); anything else in a turn is ignored."""
    if not history:
        return []
    if not isinstance(history, (list, tuple)):
        raise InvalidQuestion("history must be a list of {'role', 'content'} messages.")
    turns: list[dict] = []
    budget = settings.max_history_chars
    recent = history[-settings.max_history_turns :] if settings.max_history_turns else []
    for turn in reversed(recent):
        if not (isinstance(turn, dict) and turn.get("role") in ("user", "assistant")):
            continue
        content = _turn_text(turn.get("content"), settings.max_turn_chars)
        user = turn["role"] == "user"
        limit = settings.max_history_question_chars if user else settings.max_turn_chars
        content = clean_text(content[:limit])
        if len(content) > budget:
            break  # this turn and the older ones are dropped
        budget -= len(content)
        kept = {"role": turn["role"], "content": content}
        if not user and isinstance(turn.get("metadata"), dict):
            kept["metadata"] = turn["metadata"]
        turns.append(kept)
    return turns[::-1]


def _turn_text(content, limit: int) -> str:
    """A turn's text: a string, or the text parts of a structured message (Gradio's
    [{"type": "text", "text": ...}, ...]); anything else counts as empty. At most
    `limit` characters are gathered, however many parts it has."""
    if isinstance(content, str):
        return content
    if not isinstance(content, (list, tuple)):
        return ""
    parts: list[str] = []
    size = 0
    for part in content[:limit]:
        if isinstance(part, dict) and part.get("type", "text") == "text":
            part = part.get("text")
        if isinstance(part, str) and size < limit:
            parts.append(part[: limit - size])
            size += len(parts[-1])
    return "\n".join(parts)
