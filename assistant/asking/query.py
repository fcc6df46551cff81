"""Query understanding: what a question names, asks, and refers back to.

From the question text (and, for follow-ups, the earlier user turns) it finds:
the documents named ("75/32", "the draft", "le projet"), references to
resolutions that are not in the corpus ("76/19"), a paragraph reference
(assistant/asking/paragraph_refs.py: "op. 6", "third preambular paragraph", "paragraphe 1 b)")
or one relative to the last answer ("the next one", "and (b)?"), the resolution verb asked
about, glossary topics, the question's language (assistant/asking/language.py), and what a
follow-up's pronouns stand for.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from assistant.analysis import key_terms
from assistant.asking.acronyms import ACRONYM_TOPIC
from assistant.asking.catalog import (
    MENTION_PREFIX,
    SURFACE_RX,
    SYMBOL_RX,
    Catalog,
    document_surfaces,
)
from assistant.asking.glossary import HEADING_TOPICS, TermMatch, find_terms, french_expansion
from assistant.asking.language import detect_language
from assistant.asking.paragraph_refs import (
    ORDINAL,
    ParagraphRef,
    find_paragraph_ref,
    numbered_clause,
    ordinal_number,
    ref_name,
    with_article,
)
from assistant.asking.verbs import Verb, verb_in_question, verbs_in_question
from assistant.lexicon import fold
from assistant.lexicon import question_pattern as _compile

# "Which paragraph of 75/32 deals with capacity-building?": asks where, not what
_LOCATE_RX = _compile(
    r"\b(?:which|what) (?:operative |preambular )?(?:paragraph|clause)\b|"
    r"\bquel(?:le)? (?:paragraphe|alinéa)\b"
)
_RELATIVE_RX = _compile(
    r"\b(next|following|previous|preceding)\s+(?:operative\s+|preambular\s+)?paragraph|"
    r"\b(?:paragraphe|alinéa)\s+(suivant|précédent)|"
    # "the paragraph before it", "the one after that", "l'alinéa d'avant", "celui d'après"
    r"\b(?:paragraph|one|clause)\s+(before|after)\b|"
    r"\b(?:paragraphe|alinéa|celui|celle)\s+d['’](avant|après)\b|"
    # "the one that follows", "celui qui suit", "l'alinéa qui précède"
    r"\b(?:paragraph|one|clause|paragraphe|alinéa|celui|celle)\s+(?:that|which|qui)\s+"
    r"(follows|comes after|precedes|comes before|suit|précède)\b|"
    # "and the next one?", "et le suivant ?", "la suivante ?": the paragraph is implied
    r"^\W*(?:and|et)?\s*(?:the\s+)?(next|following|previous|preceding)(?:\s+one)?\W*$|"
    r"^\W*(?:and|et)?\s*(?:le|la|l['’])\s*(suivant|suivante|précédent|précédente)\W*$|"
    # "which reports does that paragraph refer to?", "que demande cet alinéa ?": the same one
    r"\b(that|this|same)\s+(?:operative\s+|preambular\s+)?(?:sub-?)?(?:paragraph|clause)\b|"
    r"\b(ce|cet|même)\s+(?:paragraphe|alinéa)\b"
)
_FORWARD = {"next", "following", "follows", "comes after", "after"}
_FORWARD |= {"suivant", "suivante", "suit", "apres"}  # French, folded
_SAME = {"that", "this", "same", "ce", "cet", "meme"}
_POINT_ONLY_RX = _compile(
    r"\b(?:alinéa|point|sub-?para(?:graph)?|letter)\s*\(?([a-h])\)|"
    # "and (b)?", "What about (b)?", "Et pour le b) ?"
    r"^\W*(?:and|et)?\W*(?:(?:what|how) about|et pour|quid de|(?:pour )?(?:le|la|l[’']))?\W*"
    r"\(?([a-h])\)\W*$"
)
# "And the second one?", "Et la deuxième ?" after a paragraph: that paragraph of the same kind
_ORDINAL_ONLY_RX = _compile(
    rf"^\W*(?:and|et)?\s*(?:the\s+|le\s+|la\s+|l[’'])?{ORDINAL}(?:\s+one)?\W*$"
)
_OTHER_RX = _compile(
    r"\b(?:the )?other (?:text|resolution|document|one)\b|\bl[’']autre(?: texte| résolution| "
    r"document)?\b"
)
_ANAPHORA_RX = _compile(
    r"\b(?:it|its|they|them|their|this|these|those|he|she|him|his|ceux-ci|celui-ci|celle-ci)\b|"
    r"\b(?:lequel|laquelle|lesquel(?:le)?s|which ones?)\b|"  # "which of them": "them"
    r"\b(?:the same|la même chose|de même|pareil)\b|"
    r"-(?:il|elle|ils|elles)\b|\b(?:en|y) (?:fait|font|faire|fera|feront|sont|est|dit|disent|"
    r"parle)|"
    # "Which reports are named there?" (in it), not "Is there …?" / "there are …"
    r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )\bthere\b"
    r"(?!\s+(?:is|are|was|were|be|been|exists?|any|some|a|an|should|will|would|must|could|"
    r"can|may|might|has|have|had)\b)|"
    # "Is it worried about that?", "Does 75/32 share that concern?", "Et cette idée ?": the
    # last word or two of the question (else "that" is as often "Does it say that …")
    r"\b(?:that|cette|cet)(?:\s+[^\W\d_]+)?(?:\s+(?:too|also|as well|aussi))?\s*[?.!]*\s*$"
)
# "Which is the most recent?" after a list: one of the paragraphs just quoted
_AMONG_RX = _compile(
    r"\b(?:those|these|ceux-ci|celles-ci|lequel|laquelle|lesquel(?:le)?s|which of|which one)\b|"
    r"\bwhich (?:is|was|are|were)\b|\b(?:le|la|les) plus\b|"
    r"\b(?:what|which) other\b|\bquel(?:le)?s autres\b"
)
# "is there something similar in 75/32?", "un équivalent dans le projet ?": the paragraph the
# last answer cited, sought by its own content in a text (its topic words may differ)
_LIKE_RX = _compile(
    r"\b(?:similar|comparable|equivalent|analogous|akin|counterpart|likewise|"
    r"(?:something|anything) like (?:it|that|this))\b|"
    r"\b(?:similaire|semblable|équivalent|analogue|comparable|pareil)(?:e|s|es)?\b"
)
_CITED_RX = re.compile(r"\*\*([^*]+), ([^*,]+)\*\*")
_BOTH_RX = _compile(
    r"\bboth\b|\btwo (?:texts|resolutions|documents)\b|\bcompar\w*|\bdiffer\w*|\bles deux\b|"
    r"\bdeux textes\b"
)
# "both" alone is any pair ("both legitimate and malicious"); these name two texts
_TWO_TEXTS_RX = _compile(
    r"\b(?:both|the two|each of the two) (?:texts|resolutions|documents)\b|"
    r"\b(?:les|des) deux (?:textes|résolutions|documents)\b"
)
_ELLIPSIS_RX = _compile(
    r"^\s*(?:and|what about|how about|same for|what of|and what about|and in|and for|"
    r"et|quid|et pour|et dans|et concernant|et au sujet|et qu'en est-il)\b"
)
# "and" + a question of its own ("and what happens next?", "et que fera-t-elle ensuite ?"),
# unlike "and what about the draft?" / "et qu'en est-il du projet ?", which borrow the last one
_OWN_QUESTION_RX = _compile(
    r"^\s*(?:and|but|et|mais)\s+(?!what about|what of|how about|qu[’']en est)"
    r"(?:what|which|who|when|where|how|why|does|do|did|is|are|was|were|can|could|will|would|"
    r"should|has|have|que|qu[’']|quel|quelle|quels|quelles|qui|quand|où|comment|pourquoi|"
    r"est-ce)\b"
)


@dataclass
class Query:
    """A question made explicit: what to search for, where, and how to answer."""

    question: str  # what the user typed
    text: str  # the self-contained question (follow-ups resolved)
    language: str  # "en" | "fr"
    doc_ids: list[str] | None = None  # restrict to these documents
    unknown_refs: list[str] = field(default_factory=list)
    paragraph: ParagraphRef | None = None
    verb: Verb | None = None  # the first resolution verb named
    verbs: list[Verb] = field(default_factory=list)  # all of them
    terms: list[TermMatch] = field(default_factory=list)
    followup: bool = False
    compare: bool = False  # "both texts", "compare": quote each document
    doc_surfaces: list[str] = field(default_factory=list)  # how the corpus documents were named
    # what "it" / "they" stand for in the next turn: the topics carried into this one by a
    # pronoun (the conversation's subject), else this question's own topics
    subject: list[TermMatch] = field(default_factory=list)
    # "something similar?": the paragraph of the last answer whose like is sought
    like: Cited | None = None
    # a follow-up naming no topic ("Which bodies were affected?"), asked of the
    # conversation's subject: what to search when the question alone finds nothing
    in_context: Query | None = None
    # "Which resolutions does it mention?" right after "What does op. 6 of 75/32 say?":
    # the paragraph just asked for, answered from when it holds what is asked
    referent: ParagraphRef | None = None
    # "Whose conclusions are those?": a follow-up pointing back at the last answer; the
    # clause ids it quoted rank a little higher (`answered_boost`)
    answered: tuple[str, ...] = ()
    # "in the preamble", "dans le dispositif": only clauses of that part answer
    part: str | None = None
    # "op 10 of the UNISPACE resolution": the stems of the words that named the document
    # (only it holds them), which are then no topic of the question
    named_by: frozenset[str] = frozenset()
    # "the Crimea resolution", "la résolution sur l'embargo contre Cuba": (surface,
    # subject) of a text described by its subject (`Catalog.described`); `described_as`
    # is the surface once a document was found by it (then no topic of the question)
    described: tuple[str, str] | None = None
    described_as: str | None = None

    @property
    def typed_text(self) -> str:
        """The question as typed, without the documents it names — the document filter
        handles those, and "resolution 75/32" in the embedding only pulls clauses that
        cite resolutions — nor the description a text was found by ("the Doha
        declaration": no topic any more, `described_as`)."""
        text = self._without_documents()
        if self.described_as:
            text = text.replace(self.described_as, _THE_TEXT.get(self.language, "the text"))
        return text

    @property
    def search_text(self) -> str:
        """What is embedded: the typed text, an acronym the texts only write out read
        as the name it stands for ("COPUOS": "Committee on the Peaceful Uses of Outer
        Space"; the model knows the name, not the letters)."""
        text = self._named_in_full(self.typed_text)
        if _TAKEN_UP_AGAIN.search(self.text):  # "when will it be considered again?"
            text = f"{text} {_AGENDA_FORMULA[self.language]}"
        return text

    @property
    def asked_text(self) -> str:
        """The question as asked (its description kept), acronyms read as their names."""
        return self._named_in_full(self._without_documents())

    def _without_documents(self) -> str:
        text = self.text
        for surface in self.doc_surfaces:
            text = re.sub(MENTION_PREFIX + re.escape(surface), " ", text, flags=re.IGNORECASE)
        return " ".join(text.split()) or self.text

    def _named_in_full(self, text: str) -> str:
        for match in self.terms:
            if match.term.topic.startswith(ACRONYM_TOPIC) and match.term.english:
                name = match.term.english[0]
                text = re.sub(rf"\b{re.escape(match.surface)}\b", name, text)
        return text

    @property
    def asks_of_a_heading(self) -> bool:
        """Whether it asks something of a text's heading (its sponsors, title, agenda
        item), which the header blocks answer."""
        return any(t.term.topic in HEADING_TOPICS for t in self.terms)

    @property
    def lexical_text(self) -> str:
        """What BM25 sees: the question as typed plus the French of its glossary terms
        and the names its acronyms stand for."""
        names = [
            n for t in self.terms if t.term.topic.startswith(ACRONYM_TOPIC) for n in t.term.english
        ]
        return " ".join([self.typed_text, french_expansion(self.text), *names])


# what a text described by its subject is called once it was found by that description
_THE_TEXT = {"en": "the text", "fr": "le texte"}

# "When will the Assembly consider it again?", "Quand la question sera-t-elle de nouveau
# examinée ?": a resolution says it in its closing formula, which puts the item on the
# provisional agenda of a later session; the question is searched with that formula
_TAKEN_UP_AGAIN = _compile(
    r"\b(?:when|which session|what session|by when)\b.*\b(?:again|come back|comes back|"
    r"revisit\w*|reconsider\w*|return to|returns to|resume\w*)\b|"
    r"\b(?:quand|à quelle session|lors de quelle session)\b.*\b(?:de nouveau|à nouveau|"
    r"reviendra|reviendront|réexamin\w*|reprendra|se pencher\w* (?:de nouveau|à nouveau))"
)
_AGENDA_FORMULA = {
    "en": "Decides to include in the provisional agenda of its next session the item",
    "fr": "Décide d’inscrire à l’ordre du jour provisoire de sa prochaine session la question",
}


@dataclass
class Cited:
    """The paragraph the assistant's last answer cited first."""

    doc_ids: list[str]
    paragraph: ParagraphRef


def understand(
    question: str,
    catalog: Catalog,
    history: list[dict] | None = None,
    on_turn: Callable[[], None] | None = None,
) -> Query:
    """Parse a question, resolving it against the earlier turns: the user's questions,
    and the paragraph the last answer cited ("the next paragraph", "and b)?").
    An assistant turn whose `metadata` is the structured answer
    (assistant/asking/conversation.py) is read from it: the question it answered as its parts,
    the paragraphs it cited; the user turn before it is then not re-read. Any other turn
    is read from its text. `on_turn` is called before each turn is read (the caller's
    time check)."""
    from assistant.asking.query_parts import read_answer  # it builds on this module

    previous: Query | None = None
    cited: Cited | None = None
    answered: tuple[str, ...] = ()
    asked: str | None = None  # a user turn not read yet: its answer may carry it as data
    for turn in history or []:
        if on_turn is not None:
            on_turn()
        content = str(turn.get("content", ""))
        role = turn.get("role")
        data = read_answer(turn.get("metadata"), catalog) if role == "assistant" else None
        user = role == "user" and bool(content.strip())
        if asked is not None and data is None and (user or role == "assistant"):
            previous, cited, answered = _understand_one(asked, catalog, previous, cited), None, ()
            asked = None
        if user:
            asked = content
        elif data is not None:  # the question it answered, as data: its words unread
            previous, cited, answered, asked = data.previous, data.cited, data.answered, None
        elif role == "assistant":
            cited = last_cited(content, catalog) or cited
            answered = answered_clauses(content, catalog) or answered
    if asked is not None:
        previous, cited = _understand_one(asked, catalog, previous, cited), None
        answered = ()
    query = _understand_one(question, catalog, previous, cited)
    if _points_back(question, query):
        query.answered = answered
        if query.in_context is not None:
            query.in_context.answered = answered
    return query


def _citations(answer_text: str, catalog: Catalog):
    """Each paragraph an answer quoted, in its order, as the documents and paragraph its
    heading names ("**A/RES/75/32, pp. 13**")."""
    for m in _CITED_RX.finditer(answer_text):
        doc_ids = catalog.find_documents(m.group(1))[0]
        paragraph = find_paragraph_ref(m.group(2))
        if doc_ids and paragraph:
            yield Cited(doc_ids, paragraph)


def last_cited(answer_text: str, catalog: Catalog) -> Cited | None:
    """The paragraph an answer quoted first."""
    return next(_citations(answer_text, catalog), None)


def answered_clauses(answer_text: str, catalog: Catalog) -> tuple[str, ...]:
    """The clause ids an answer quoted, in its order."""
    found = []
    for cited in _citations(answer_text, catalog):
        ref = cited.paragraph
        for doc_id in cited.doc_ids:
            clause = numbered_clause(
                catalog.document(doc_id), ref.kind, ref.number, ref.point, ref.annex
            )
            if clause is not None:
                found.append(clause.clause_id)
    return tuple(dict.fromkeys(found))


# the part of a text a question confines itself to: "in its preamble", "the operative
# paragraphs", "dans le dispositif", "du préambule"
_PART_RX = {
    "preambular": _compile(
        r"\b(?:the|its|their|[\w/]+[’']s) preamble\b|"
        r"\bpreambular (?:paragraph|clause)s\b|\b(?:le|son|leur|du|au) préambule\b"
    ),
    "operative": _compile(
        r"\b(?:the|its|their|[\w/]+[’']s) operative (?:part|section)\b|"
        r"\boperative (?:paragraph|clause)s\b|\b(?:le|son|leur|du|au) dispositif\b|"
        # what the Assembly does with a text (endorses, adopts, takes note of): its own
        # act, not the text it acts on ("What does the Assembly do with the declaration?")
        r"\bwhat (?:does|did|will) (?:the )?(?:un |united nations )?(?:general assembly|assembly|"
        r"ga) (?:\w+ ){0,2}do with\b|"
        r"\b(?:qu['’]est-ce que l['’]assemblée (?:générale )?(?:\w+ )?fait|"
        r"que fait l['’]assemblée(?: générale)?)\s+(?:de|du|des|d['’]|avec)\b"
    ),
}


def part_asked(question: str) -> str | None:
    """ "preambular" / "operative" when the question confines itself to that part of the
    texts ("Comment le qualifie-t-il dans le dispositif ?"), else None."""
    found = [part for part, rx in _PART_RX.items() if rx.search(question)]
    return found[0] if len(found) == 1 else None


def _points_back(question: str, query: Query) -> bool:
    """A follow-up asked of what the last answer quoted: "Whose conclusions are those?",
    "Which is the most recent?" — not one naming a paragraph or asking for a like."""
    return bool(
        query.followup
        and query.paragraph is None
        and query.like is None
        and ((not query.terms and _AMONG_RX.search(question)) or _CHOOSING_RX.search(question))
    )


# "Which of those is about the OEWG?", "Lequel de ces paragraphes parle du GEG ?": one of
# the paragraphs just quoted, even with a topic of its own
_CHOOSING_RX = _compile(
    r"\b(?:which|what|who|whom)(?: one)? of (?:those|these|them)\b|"
    r"\b(?:lequel|laquelle|lesquel(?:le)?s) d(?:e ces|['’]entre eux|['’]entre elles)\b|"
    r"\bparmi (?:ces|eux|elles|ceux-ci|celles-ci)\b"
)


def _contextual_paragraph(question: str, previous: Query | None, cited: Cited | None):
    """ "the next paragraph", "l'alinéa b)": a paragraph named relative to the last one,
    with the name the resolved question gives it ("paragraphe 2", "preambular paragraph
    14"), in the language of the question it goes into."""
    base = cited.paragraph if cited else (previous.paragraph if previous else None)
    if base is None or base.number < 0:
        return None
    relative = _RELATIVE_RX.search(question)
    point = _POINT_ONLY_RX.search(question)
    # an ordinal alone counts in the kind of paragraph the last question named, not among
    # the clauses an answer quoted ("And the second?" after three of them)
    ordinal = _ORDINAL_ONLY_RX.search(question) if previous and previous.paragraph else None
    if ordinal:
        number, letter = ordinal_number(ordinal.group(1)), None
    elif relative:
        word = fold(next(g for g in relative.groups() if g).lower())
        if word in _SAME:
            number, letter = base.number, base.point
        else:
            number, letter = base.number + (1 if word in _FORWARD else -1), None
    elif point:
        number, letter = base.number, (point.group(1) or point.group(2)).lower()
    else:
        return None
    # said in the previous question when that named a paragraph, else in a question of its own
    named_before = previous is not None and previous.paragraph is not None
    language = previous.language if named_before else detect_language(question)
    name = ref_name(base.kind, number, language, letter, base.annex)
    return ParagraphRef(base.kind, number, letter, name, base.annex)


def _paragraph_question(ref: ParagraphRef, label: str | None, language: str) -> str:
    """ "What does preambular paragraph 14 of A/RES/75/32 say?" """
    if language == "fr":
        return f"Que dit {with_article(ref.surface)}{f' de {label}' if label else ''} ?"
    return f"What does {ref.surface}{f' of {label}' if label else ''} say?"


def _understand_one(
    question: str, catalog: Catalog, previous: Query | None, cited: Cited | None = None
) -> Query:
    doc_ids, unknown, doc_surfaces = catalog.find_documents(question)
    by_year: list[str] = []  # "the 1951 recommendation": no topic a clause must name
    if not doc_ids and not unknown:
        doc_ids, doc_surfaces = catalog.named_by_year(question)
        by_year = doc_surfaces
    if previous is not None and previous.doc_ids and not doc_ids and _OTHER_RX.search(question):
        others = [d.doc_id for d in catalog.documents if d.doc_id not in previous.doc_ids]
        resolutions = catalog.drafts() + catalog.adopted()
        if set(previous.doc_ids) <= set(resolutions):  # the other resolution, not a
            others = [d for d in others if d in resolutions]  # collection added beside
        if others:
            doc_ids = others
            doc_surfaces = [catalog.label(others[0])]
    compare = bool(_BOTH_RX.search(question)) and len(doc_ids) != 1
    if compare and not doc_ids:  # "the two texts": those of the conversation, or the corpus'
        if previous is not None and previous.doc_ids and len(previous.doc_ids) >= 2:
            doc_ids = list(previous.doc_ids)
        elif len(catalog.documents) == 2:
            doc_ids = [d.doc_id for d in catalog.documents]
        elif _TWO_TEXTS_RX.search(question) and len(catalog.drafts() + catalog.adopted()) == 2:
            doc_ids = catalog.adopted() + catalog.drafts()  # other texts were added beside them
    paragraph = find_paragraph_ref(question)
    relative_to_answer = False
    if paragraph is None and previous is not None:
        paragraph = _contextual_paragraph(question, previous, cited)
        if paragraph is not None and not doc_ids:
            doc_ids = cited.doc_ids if cited else previous.doc_ids or []
        relative_to_answer = paragraph is not None and previous.paragraph is None
    verb_hit = verb_in_question(question)
    query = Query(
        question=question,
        text=question,
        language=detect_language(question),
        doc_ids=doc_ids or None,
        unknown_refs=unknown,
        paragraph=paragraph,
        verb=verb_hit[0] if verb_hit else None,
        verbs=verbs_in_question(question),
        terms=_with_acronyms(question, find_terms(_without(question, by_year)), catalog),
        compare=compare,
        doc_surfaces=doc_surfaces,
        part=None if paragraph else part_asked(question),
    )
    if not doc_ids and not unknown and not compare:
        query.described = catalog.described(question)
    if previous is None:
        return query
    query.followup = True
    if cited is not None and _asks_like(question, query):
        query.like = cited
        if query.doc_ids is None and not unknown:
            query.doc_ids = previous.doc_ids or cited.doc_ids
        query.text = _like_question(query, cited, catalog)
        return query
    if relative_to_answer:  # "and the paragraph before it?" after a topic question
        label = catalog.label(doc_ids[0]) if len(doc_ids) == 1 else None
        query.text = _paragraph_question(paragraph, label, query.language)
        return query
    if query.doc_ids is None and not unknown and query.described is None:
        # a follow-up asks of the last question's texts, unless it describes another
        # ("And what does the resolution on the suspension of Russia decide?")
        query.doc_ids = previous.doc_ids
        if query.doc_ids is None:  # "the Crimea resolution", named again
            query.described = previous.described
    referent = _paragraph_referred_to(question, query, previous, cited)
    # "What did he set up?" after the Secretary-General: a question of its own about the
    # subject, not a fragment of the last question (when there is a subject to carry)
    of_the_subject = _SUBJECT_PRONOUN_RX.search(question) and (
        previous.subject or previous.terms or cited_symbols(previous)
    )
    if (
        _is_elliptical(question, query)
        and not _asks_of_it(question, query, previous)
        and not of_the_subject
    ):
        new_terms = bool(query.terms)
        if _switches_text(question, query, previous):
            _ask_of_other_texts(query, previous, catalog)
            return query
        query.text = _substitute(previous, query, doc_surfaces)
        query.doc_surfaces = doc_surfaces + document_surfaces(query.text)
        query.verb = query.verb or previous.verb
        query.verbs = query.verbs or previous.verbs
        query.terms = find_terms(query.text)
        if query.paragraph is None and not new_terms:
            query.paragraph = previous.paragraph
    elif (
        (previous.terms or cited_symbols(previous))
        and (not doc_surfaces or not query.terms)
        and _ANAPHORA_RX.search(question)
    ):
        # "Does it include all Member States?" then "what happens once it concludes?":
        # "it" is still the working group, not the Member States asked about;
        # "Does the draft mention them too?": a text named, the topic carried over
        query = _with_subject(query, previous) or query
    elif not (query.terms or doc_surfaces or query.paragraph):
        query.in_context = _with_subject(query, previous)
    query.referent = referent
    return query


def _switches_text(question: str, query: Query, previous: Query) -> bool:
    """ "And in the draft?", "What about the other resolution?", "Et dans 75/32 ?": the
    last question, asked of other texts (not a comparison; not "And the draft, for which
    session?", which asks what the last question named)."""
    return bool(
        query.doc_surfaces
        and query.doc_ids
        and query.doc_ids != previous.doc_ids
        and not query.compare
        and not query.unknown_refs
        and not _asks_what_it_named(question, query, previous)
    )


def _asks_what_it_named(question: str, query: Query, previous: Query) -> bool:
    """ "Et le projet, pour quelle session ?" after "… sa soixante-seizième session ?":
    the value the last question named is what is asked now (`_asked_among`)."""
    which = None if query.terms else _WHICH_RX.search(question)
    return which is not None and any(
        _asked_among(previous.text, term, which.group(1)) is not None for term in previous.terms
    )


def _ask_of_other_texts(query: Query, previous: Query, catalog: Catalog) -> None:
    """The last question asked of the texts the follow-up names, built from its parts
    (topics, verb, paragraph, part; the follow-up's own where it names them), so that
    no word that named the last text stays as if it were a topic."""
    from assistant.asking.query_parts import parts_of, query_from_parts, topic_phrases

    parts = parts_of(previous, catalog)
    mine = parts_of(query, catalog)
    parts = replace(
        parts,
        doc_ids=tuple(query.doc_ids or ()),
        topics=tuple(topic_phrases(query, catalog)) if query.terms else parts.topics,
        verb=mine.verb or parts.verb,
        paragraph=mine.paragraph or (None if query.terms else parts.paragraph),
        part=mine.part or parts.part,
    )
    # the texts as the follow-up named them, when that names them alone ("And 75/32?")
    said = [
        s
        for s in query.doc_surfaces
        if re.search(r"\d", s)
        and s in query.question
        and catalog.find_documents(s)[0] == query.doc_ids
    ]
    built = query_from_parts(parts, catalog, said[:1] if len(query.doc_ids or ()) == 1 else None)
    query.text, query.doc_surfaces, query.terms = built.text, built.doc_surfaces, built.terms
    query.paragraph, query.part = built.paragraph, built.part
    query.verb = built.verb
    query.verbs = query.verbs or built.verbs


def _paragraph_referred_to(
    question: str, query: Query, previous: Query, cited: Cited | None
) -> ParagraphRef | None:
    """The paragraph the previous question asked for, when this one points back with a
    pronoun and names no paragraph, text or comparison of its own: "it" in "Which
    resolutions does it mention?" after "What does op. 6 of 75/32 say?"; or the one the
    last answer found for "Which paragraph of 75/32 deals with capacity-building?"."""
    if query.paragraph or query.doc_surfaces or query.compare or query.unknown_refs:
        return None
    asked = previous.paragraph
    if asked is None and cited is not None and _LOCATE_RX.search(previous.question):
        asked = cited.paragraph if query.doc_ids == cited.doc_ids else None
    if asked is None or asked.number < 0:
        return None
    return asked if _ANAPHORA_RX.search(question) else None


def _asks_of_it(question: str, query: Query, previous: Query) -> bool:
    """ "Are they binding?" after confidence-building measures: a short question with a
    topic of its own, asked of the last one through a pronoun — not "and the GGE?",
    which asks the last question of another topic."""
    return bool(
        query.terms
        and previous.terms
        and not query.doc_surfaces
        and not _ELLIPSIS_RX.search(question)
        and _ANAPHORA_RX.search(question)
    )


def _with_subject(query: Query, previous: Query) -> Query | None:
    """The question with the conversation's subject (the topics `previous` carried, else
    its own, else its own words: "Who can get it going again? (emergency, session)")
    named after it: "Which bodies were affected? (pandemic)"; None when the question
    already names them all. A heading's topic is not carried into a question on
    another part of the heading: "it" in "Who submitted it?" after the draft's title is
    the draft, not its title."""
    topics = {t.term.topic for t in query.terms}
    skip = topics | (HEADING_TOPICS if topics & HEADING_TOPICS else set())
    carried = [t for t in previous.subject or previous.terms if t.term.topic not in skip]
    # "What was set up under it?" after a question on resolution 73/266
    symbols = [s for s in cited_symbols(previous) if s not in query.question]
    asked = set(key_terms(query.question))
    words = [w for w in _own_words(previous) if not set(key_terms(w)) & asked]
    # its words alone only after a question on a text ("What happens to the emergency
    # session in ES-11/1?"), not after "Hello, can you help me?"
    alone = bool(words) and not previous.subject and bool(previous.doc_ids)
    if not carried and not symbols and not alone:
        return None
    named = [*dict.fromkeys(t.surface for t in carried), *dict.fromkeys(symbols)]
    if not previous.subject and (carried or not symbols):  # the words that went with the
        named += words[:_CARRIED_WORDS]  # topics asked about, or those words alone
    text = f"{query.question} ({', '.join(named)})"
    return replace(query, text=text, terms=find_terms(text), subject=carried)


# how many of the last question's own words a follow-up carries with its topics
_CARRIED_WORDS = 3
# words that say how a question asks, not what it asks about (folded)
_ASKING_WORDS = frozenset(
    {
        "talk", "talks", "speak", "speaks", "discuss", "discusses", "refer", "refers",
        "parle", "parlent", "evoque", "evoquent", "aborde", "abordent", "mentionne",
        "mentionnent", "traite", "traitent", "cite", "citent", "disent", "affirme",
    }
)  # fmt: skip


def _own_words(query: Query) -> list[str]:
    """The words of a question that are no glossary topic, document, resolution verb,
    question or asking word: "environnement" in "La 75/32 parle-t-elle de
    l'environnement numérique ?" (its topic: "numérique")."""
    words = [
        w
        for w in re.findall(r"[^\W\d_]{4,}", other_words(query))
        if key_terms(w) and fold(w) not in _ASKING_WORDS and not verb_in_question(w)
    ]
    return list(dict.fromkeys(words))


def other_words(query: Query) -> str:
    """The question without its glossary topics, the verb asked about and the documents
    named: the words that only stand for themselves."""
    text = query.text
    spans = [(t.start, t.end) for t in query.terms]
    verb = verb_in_question(text)
    if verb:
        spans.append(verb[1].span())
    for surface in [*document_surfaces(text), *filter(None, [query.described_as])]:
        start = text.find(surface)
        spans.append((start, start + len(surface)))
    # one pass over the text and one over the spans (a per-character scan of every span
    # made a long history turn take minutes)
    blanked = list(text)
    for start, end in spans:
        start, end = max(start, 0), min(end, len(text))
        if end > start:
            blanked[start:end] = " " * (end - start)
    return "".join(blanked)


def _asks_like(question: str, query: Query) -> bool:
    """ "Is there something similar in 75/32?", "Does the draft say anything comparable?":
    a follow-up that names no topic of its own and asks for the like of the last answer."""
    return bool(
        _LIKE_RX.search(question) and not query.terms and not query.paragraph and not query.compare
    )


def _like_question(query: Query, cited: Cited, catalog: Catalog) -> str:
    """ "Which paragraph of A/RES/75/32 is closest to preambular paragraph 5 of the draft…?" """
    ref = cited.paragraph
    name = ref_name(ref.kind, ref.number, query.language, ref.point, ref.annex)
    source = catalog.label(cited.doc_ids[0]) if len(cited.doc_ids) == 1 else None
    target = catalog.label(query.doc_ids[0]) if query.doc_ids and len(query.doc_ids) == 1 else None
    if query.language == "fr":
        where = f" de {target}" if target else ""
        return f"Quel paragraphe{where} se rapproche le plus de {with_article(name)}" + (
            f" de {source} ?" if source else " ?"
        )
    where = f" of {target}" if target else ""
    return f"Which paragraph{where} is closest to {name}" + (f" of {source}?" if source else "?")


def _is_elliptical(question: str, query: Query) -> bool:
    # "Does the other text?", "Et dans le projet ?": the text named is not content
    unnamed = _OTHER_RX.sub(" ", SURFACE_RX.sub(" ", question))
    content = re.findall(r"[^\W\d_]{3,}", unnamed)
    # "And what happens once it concludes?", "Et quel est son intitulé ?" (a topic of its
    # own): a question of its own
    own = _OWN_QUESTION_RX.search(question) and not query.doc_surfaces
    if own and (len(content) >= 5 or query.terms):
        return False
    return bool(_ELLIPSIS_RX.search(question)) or (len(content) <= 3 and query.verb is None)


# a pronoun as the subject of a verb: "What did he set up?", "Where do they meet?", "Que
# prévoit-elle ?", "Depuis quand travaille-t-il ?"
_SUBJECT_PRONOUN_RX = _compile(
    r"\b(?:he|she|it|they)\s+(?!(?:is|are|too|also|as|either)\b)[^\W\d_]{2,}|"
    r"[^\W\d_]{2,}-(?:t-)?(?:il|elle|ils|elles)\b"
)


def _substitute(previous: Query, current: Query, doc_surfaces: list[str]) -> str:
    """The previous question with what the follow-up names swapped in.

    "What does 75/32 decide about the OEWG?" + "and the GGE?" ->
    "What does 75/32 decide about the GGE?".
    """
    text = previous.text
    new_terms = current.terms
    which = None if new_terms else _WHICH_RX.search(current.question)
    for old in reversed(previous.terms) if which else ():
        asked = _asked_among(text, old, which.group(1))
        if asked is not None:  # "… its seventy-sixth session?" + "and the draft, which one?"
            text = f"{text[: old.start].rstrip()}{f' {asked}' if asked else ''}{text[old.end :]}"
    if new_terms:
        old = _last_topics(previous.text, previous.terms)
        if old:
            first, last = old[0], old[-1]
            joined = " and ".join(t.surface for t in new_terms)
            before = text[: first.start]
            asked_before = current.question[: new_terms[0].start]
            owner = _POSSESSIVE_RX.search(asked_before)
            if owner:  # "And its mandate?": the mandate of the topic just asked about
                joined += _of_the_topic(before, text[first.start : last.end], previous.language)
                asked_before = asked_before[: owner.start()] + _POSSESSIVE_ARTICLE.get(
                    fold(owner.group(1)), ""
                )
            said = None if owner else _same_preposition(before, asked_before)
            if said is not None:  # "…sur le rôle de l'ONU ?" + "Et sur les négociations ?"
                before = said
            elif previous.language == "fr":  # "sur le renforcement…" + "et la coopération ?"
                before = _with_own_article(before, asked_before)
            text = before + joined + text[last.end :]
        else:
            text = f"{text} {' '.join(t.surface for t in new_terms)}"
    if doc_surfaces:
        old_surfaces = document_surfaces(previous.text)
        if old_surfaces:
            text = text.replace(old_surfaces[0], doc_surfaces[0], 1)
        else:
            text = f"{text} ({doc_surfaces[0]})"
    if current.paragraph:
        if previous.paragraph:
            text = text.replace(previous.paragraph.surface, current.paragraph.surface, 1)
            text = re.sub(r"\b(?:le|la) (?=alinéa)", "l’", text)  # "le premier paragraphe"
            text = re.sub(r"\bla (?=paragraphe)", "le ", text)  # "la première décision"
            text = re.sub(r"\b([Qq]u)elle est le (?=paragraphe)", r"\1el est le ", text)
        else:
            text = f"{current.paragraph.surface}: {text}"
    if not (new_terms or doc_surfaces or current.paragraph):
        text = f"{text} {_strip_ellipsis(current.question)}"
    return text


# a French article (with "de" or "à" folded into it) just before a topic
_ARTICLE_RX = re.compile(
    r"(?<!\w)(du|des|de la|de l[’']|au|aux|à la|à l[’']|le|la|les|l[’'])\s*$", re.IGNORECASE
)
# a contracted article -> (its preposition, its bare article)
_CONTRACTED = {
    "du": ("de", "le"), "des": ("de", "les"), "de la": ("de", "la"), "de l'": ("de", "l'"),
    "au": ("à", "le"), "aux": ("à", "les"), "à la": ("à", "la"), "à l'": ("à", "l'"),
}  # fmt: skip
_JOINED = {("de", "le"): "du", ("de", "les"): "des", ("à", "le"): "au", ("à", "les"): "aux"}


# "its", "their", "son", "sa", "ses", "leur(s)" just before a follow-up's topic
_POSSESSIVE_RX = _compile(r"\b(its|their|son|sa|ses|leurs?)\s*$")
# the French article a possessive stands for ("leur": either gender, left to the topic)
_POSSESSIVE_ARTICLE = {"son": "le ", "sa": "la ", "ses": "les ", "leurs": "les "}
# the partitive of a bare French article: "le groupe" -> "du groupe"
_OF_ARTICLE = {"le": "du", "la": "de la", "les": "des", "l'": "de l'"}


# the preposition a follow-up puts before its topic ("Et sur les …", "And about …"; not
# "What about …", which asks the last question again whatever its preposition)
_PREPOSITION_RX = _compile(
    r"(?<!what )(?<!how )\b(about|on|regarding|concerning|sur|concernant|au sujet d(?:e|u|es))\s+"
    r"((?:the|le|la|les|l[’'])\s*)?$"
)
# at most this many words between the last question's preposition and its topic
_PREPOSITION_REACH = 4


def _same_preposition(before: str, asked_before: str) -> str | None:
    """The last question's text up to its topic, cut after the preposition the follow-up
    repeats, when a few words lay between it and the topic: "Que dit le projet sur le
    rôle de l'" + "Et sur les " -> "Que dit le projet sur les " (the new topic replaces
    "le rôle de l'ONU", not only "ONU"). None when the follow-up names no preposition or
    the last question did not use it."""
    asked = _PREPOSITION_RX.search(asked_before)
    if not asked:
        return None
    word = asked.group(1).lower()
    found = list(re.finditer(rf"\b{re.escape(word)}\s+", before, re.IGNORECASE))
    if not found:
        return None
    cut = found[-1].end()
    if not 0 < len(re.findall(r"[^\W\d_]+", before[cut:])) <= _PREPOSITION_REACH:
        return None
    return before[:cut] + (asked.group(2) or "")


def _of_the_topic(before: str, topic: str, language: str) -> str:
    """ " of the OEWG" / " du Groupe de travail": the topic a possessive points to, as the
    complement of the follow-up's noun, with the article it had in the last question."""
    article = _ARTICLE_RX.search(before)
    if language != "fr":
        return (
            f" of the {topic}" if re.search(r"\bthe\s*$", before, re.IGNORECASE) else f" of {topic}"
        )
    if not article:
        return f" de {topic}"
    said = article.group(1).lower().replace("’", "'")
    bare = _CONTRACTED.get(said, ("", said))[1]
    partitive = _OF_ARTICLE.get(bare, "de")
    space = "" if partitive.endswith("'") else " "  # "de l'ONU", "du groupe"
    return f" {partitive}{space}{topic}"


def _with_own_article(before: str, asked_before: str) -> str:
    """The previous question's text up to its topic, its article agreeing with the new
    topic: "Que dit 75/32 sur le " + "Et sur la coopération ?" -> "Que dit 75/32 sur la "
    (not "sur le coopération"); "Que dit 75/32 du " + "Et la coopération ?" -> "… de la "."""
    old, new = _ARTICLE_RX.search(before), _ARTICLE_RX.search(asked_before)
    if not old or not new:
        return before
    old_article, new_article = (m.group(1).lower().replace("’", "'") for m in (old, new))
    preposition = _CONTRACTED.get(old_article, ("", old_article))[0]
    bare = _CONTRACTED.get(new_article, ("", new_article))[1]
    article = _JOINED.get((preposition, bare)) or " ".join(filter(None, (preposition, bare)))
    return before[: old.start()] + (article if article.endswith("'") else f"{article} ")


def _asked_among(text: str, term: TermMatch, asked: str) -> str | None:
    """What takes the place of `term` in the last question `text` when the follow-up asks
    which `asked` ("Et le projet, pour quelle session ?") and the last question named one
    ("sa soixante-seizième session", the topic and the word after it): the value named
    then is what is asked now, not a condition on the answer. "" when the noun asked
    follows the topic (it stays), the noun when it is a word of the topic, else None."""
    noun = asked.lower()
    words = [w.lower() for w in re.findall(r"[^\W\d_]{4,}", term.surface)]
    after = re.match(r"\W+([^\W\d_]+)", text[term.end :])
    if after and after.group(1).lower() == noun:
        return ""
    return asked if noun in words and [noun] != words else None


_WHICH_RX = _compile(r"\b(?:which|what|quel|quelle|quels|quelles)\s+([^\W\d_]{4,})")


def _last_topics(text: str, terms: list[TermMatch]) -> list[TermMatch]:
    """The topics a follow-up's new one takes the place of: the last one the question
    named, with those joined to it ("the OEWG and the GGE"), not every topic in it
    ("their 2013 and 2015 reports about international law" + "and about
    confidence-building?": the reports stay, international law goes)."""
    kept = terms[-1:]
    for before in reversed(terms[:-1]):
        if not _JOINED_RX.fullmatch(text[before.end : kept[0].start]):
            break
        kept.insert(0, before)
    return kept


_JOINED_RX = _compile(r"\W*(?:(?:and|or|et|ou|the|le|la|les|l[’']|des|du|de)\W+)*")


def _strip_ellipsis(question: str) -> str:
    return _ELLIPSIS_RX.sub("", question).strip(" ?")


def _with_acronyms(question: str, terms: list[TermMatch], catalog: Catalog) -> list[TermMatch]:
    """The glossary's topics of a question and the acronyms it types that the texts only
    write out ("ICC": "International Criminal Court"), in order."""
    found = terms + catalog.acronyms.terms(question, terms)
    return sorted(found, key=lambda t: t.start)


def _without(text: str, surfaces: list[str]) -> str:
    """The question without the words that name its documents (blanked, so that the
    offsets of what remains stay those of the question): those name no topic."""
    for surface in surfaces:
        text = text.replace(surface, " " * len(surface))
    return text


def cited_symbols(query: Query) -> list[str]:
    """The resolution symbols the question names that are not documents of the corpus:
    resolutions the texts may cite ("Is 73/27 cited in both texts?")."""
    return [
        m.group(0)
        for m in SYMBOL_RX.finditer(query.text)
        if not any(m.group(0) in surface for surface in query.doc_surfaces)
    ]
