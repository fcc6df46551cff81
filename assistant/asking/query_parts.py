"""A question as its parts (topics, texts, verb, paragraph) and back: what an answer
carries for its follow-ups (assistant/asking/conversation.py), and what a follow-up asking the
last question of another text is built from ("What about the other resolution?"), so that
no word that named the last text is taken for a topic of the new one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.analysis import key_terms
from assistant.asking.catalog import (
    MENTION_PREFIX,
    SYMBOL_RX,
    Catalog,
    document_surfaces,
    short_symbol,
)
from assistant.asking.conversation import (
    KINDS,
    MAX_TEXT,
    MAX_TOPICS,
    CitedParagraph,
    Paragraph,
    QueryParts,
    TurnData,
    compose_question,
    read_turn_metadata,
)
from assistant.asking.glossary import find_terms
from assistant.asking.paragraph_refs import ParagraphRef, find_paragraph_ref, ref_name
from assistant.asking.query import (
    _ARTICLE_RX,
    _ASKING_WORDS,
    _BOTH_RX,
    _CONTRACTED,
    _OTHER_RX,
    Cited,
    Query,
    _without,
)
from assistant.asking.verbs import by_name, verb_in_question
from assistant.documents import Clause
from assistant.lexicon import fold

# words that say how a question asks or which text it asks, not what about (folded)
_FRAME_WORDS = _ASKING_WORDS | frozenset(
    {
        "mention", "mentions", "mentioned", "says", "said", "talk", "talks", "speak",
        "speaks", "refer", "refers", "discuss", "discusses", "address", "addresses",
        "contain", "contains", "include", "includes", "cover", "covers", "deal", "deals",
        "tell", "tells", "compare", "comparer", "paragraph", "paragraphs", "clause",
        "clauses", "text", "texts", "resolution", "resolutions", "draft", "document",
        "documents", "paragraphe", "paragraphes", "alinea", "alineas", "texte", "textes",
        "projet", "projets", "dit", "disent", "evoque", "evoquent", "contient", "aussi",
        "also", "same", "meme", "autre", "other", "aborde", "theme", "themes", "part",
        "idea", "idee", "concept", "notion", "word", "words", "mot", "mots", "wording",
        "subject", "sujet", "topic",
    }
)  # fmt: skip
# "parle-t-il", "évoque-t-elle": a French verb asking, however it is inflected
_INVERTED_RX = re.compile(r"-(?:t-)?(?:il|elle|ils|elles|on)\b", re.IGNORECASE)
# what may lie between two words of one topic: "role for companies in ICT security",
# "États qui développent des technologies militaires", "the GGE's reports"
_LINKS = (
    r"the|a|an|of|for|in|on|to|and|or|with|between|its|their|which|that|who|s|le|la|les|l|"
    r"de|du|des|d|à|au|aux|en|sur|pour|et|ou|avec|entre|un|une|sa|son|ses|leur|leurs|qui|que"
)
# ... and any word of three letters at most ("criminal use of ICTs"), or a number
_GAP_RX = re.compile(rf"(?:[^\w]|\b(?:{_LINKS}|[^\W_]{{1,3}}|\d+)\b)*", re.IGNORECASE)
_MAX_LINKS = 3
_EN_ARTICLE_RX = re.compile(r"\b(the|its|their|a|an)\s+$", re.IGNORECASE)
_WORD_RX = re.compile(r"[^\W\d_]{4,}")
_POINT_RX = re.compile(r"[a-z]{1,3}")


def parts_of(query: Query, catalog: Catalog) -> QueryParts:
    """The parts of an understood question: its texts, topics (as said, with the words
    that go with them), verb, paragraph and part."""
    return QueryParts(
        language=query.language,
        doc_ids=tuple(query.doc_ids or ()),
        topics=tuple(topic_phrases(query, catalog)),
        verb=query.verb.name if query.verb else None,
        paragraph=_paragraph_of(query.paragraph),
        part=query.part,
        compare=query.compare,
    )


def topic_phrases(query: Query, catalog: Catalog) -> list[str]:
    """What a question asks about, as said: each run of its glossary topics and own
    words (with the few short words between them, and the article before), leaving out
    the words that name texts, paragraphs or the verb: "a role for companies in ICT
    security cooperation", "les États qui développent des technologies militaires".
    Own words alone count only when the question names no topic, nor a paragraph."""
    text = query.text
    named = _naming_spans(query, catalog)

    def free(start: int, end: int) -> bool:
        return not any(start < b and a < end for a, b in named)

    def own(found: re.Match) -> bool:
        word = found.group()
        stems = set(key_terms(word))
        folded = fold(word)
        inflected = {folded, folded[:-1], folded[:-2]}  # "abordée", "mentions"
        return (
            bool(stems)
            and not inflected & _FRAME_WORDS
            and not _INVERTED_RX.match(text, found.end())
            and not (verb_in_question(word) or stems & query.named_by)
        )

    def names_a_text(surface: str) -> bool:  # "the UNISPACE resolution"
        return bool(set(key_terms(surface)) & query.named_by)

    pieces = [
        (t.start, t.end, True)
        for t in query.terms
        if free(t.start, t.end) and not names_a_text(t.surface)
    ]
    blanked = _blanked(text, named + [(t.start, t.end) for t in query.terms])
    pieces += [(m.start(), m.end(), False) for m in _WORD_RX.finditer(blanked) if own(m)]
    # "the 2015 report": a number goes with the topic it is next to
    pieces += [(m.start(), m.end(), False) for m in re.finditer(r"\b\d{1,4}\b", blanked)]
    runs: list[tuple[int, int, bool]] = []
    for start, end, is_topic in sorted(pieces):
        if runs and _joins(text, runs[-1][1], start) and free(runs[-1][1], start):
            runs[-1] = (runs[-1][0], end, runs[-1][2] or is_topic)
        else:
            runs.append((start, end, is_topic))
    if any(is_topic for *_, is_topic in runs) or query.paragraph is not None:
        runs = [run for run in runs if run[2]]  # "Show me op. 4": no topic of its own
    phrases = [_article(text, start, query.language) + text[start:end] for start, end, _ in runs]
    return list(dict.fromkeys(p[:MAX_TEXT] for p in phrases))[:MAX_TOPICS]


def _joins(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return bool(_GAP_RX.fullmatch(gap)) and len(re.findall(r"\w+", gap)) <= _MAX_LINKS


def _naming_spans(query: Query, catalog: Catalog) -> list[tuple[int, int]]:
    """Where the question names texts ("la résolution 75/32", "the other one", "both"),
    a paragraph, or the verb asked about; not a resolution the texts only cite ("73/266"
    is what "When was 73/266 adopted?" asks about)."""
    text = query.text
    surfaces = [
        s
        for s in (*query.doc_surfaces, *document_surfaces(text))
        if not SYMBOL_RX.search(s) or catalog.find_documents(s)[0]
    ]
    if query.paragraph is not None:
        surfaces.append(query.paragraph.surface)
    spans = [
        m.span()
        for surface in dict.fromkeys(s for s in surfaces if s.strip())
        for m in re.finditer(MENTION_PREFIX + re.escape(surface), text, re.IGNORECASE)
    ]
    spans += [m.span() for rx in (_OTHER_RX, _BOTH_RX) for m in rx.finditer(text)]
    verb = verb_in_question(text)
    if verb:
        spans.append(verb[1].span())
    return spans


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _article(text: str, start: int, language: str) -> str:
    """The article said before a topic, bare ("des États" -> "les "), to say it again."""
    before = text[:start]
    if language == "fr":
        found = _ARTICLE_RX.search(before)
        if not found:
            return ""
        said = found.group(1).lower().replace("’", "'")
        bare = _CONTRACTED.get(said, ("", said))[1]
        return bare if bare.endswith("'") else f"{bare} "
    found = _EN_ARTICLE_RX.search(before)
    return f"{found.group(1).lower()} " if found else ""


def question_names(doc_ids: tuple[str, ...] | list[str], catalog: Catalog, language: str):
    """How a resolved question names each text: a name the catalog reads back as that
    text alone ("A/RES/75/32", "the draft", "le projet"), else its label."""
    french = language == "fr"
    names = []
    for doc_id in doc_ids:
        doc = catalog.document(doc_id)
        candidates = [doc.symbol, short_symbol(doc.symbol)] if doc.symbol else []
        candidates += ["le projet", "la résolution adoptée"] if french else []
        candidates += [] if french else ["the draft", "the adopted resolution"]
        found = (c for c in candidates if catalog.find_documents(c)[0] == [doc_id])
        names.append(next(found, doc.label))
    return names


def query_from_parts(parts: QueryParts, catalog: Catalog, names: list[str] | None = None) -> Query:
    """The question the parts make, understood: its text says only the parts (the
    names of its texts, `question_names` unless given, are no topic of it)."""
    names = names or question_names(parts.doc_ids, catalog, parts.language)
    text = compose_question(parts, names)
    p = parts.paragraph
    paragraph = None
    if p is not None:
        name = ref_name(p.kind, p.number, parts.language, p.point, p.annex)
        paragraph = ParagraphRef(p.kind, p.number, p.point, name, p.annex)
    verb = by_name(parts.verb) if parts.verb else None
    return Query(
        question=text,
        text=text,
        language=parts.language,
        doc_ids=list(parts.doc_ids) or None,
        paragraph=paragraph,
        verb=verb,
        verbs=[verb] if verb else [],
        terms=find_terms(_without(text, names)),
        compare=parts.compare,
        doc_surfaces=names,
        part=parts.part,
    )


@dataclass(frozen=True)
class AnsweredTurn:
    """What a follow-up reads of an answer carried as data."""

    previous: Query  # the question it answered, from its parts
    cited: Cited | None  # the paragraph it cited first
    answered: tuple[str, ...]  # the clause ids it cited


def read_answer(metadata: object, catalog: Catalog) -> AnsweredTurn | None:
    """The structured answer in an assistant turn's `metadata`, when it is one of ours
    and every text and clause it names is in the catalog; else None (its text is read)."""
    data = read_turn_metadata(metadata)
    if data is None:
        return None
    known = catalog.documents_by_id
    if any(d not in known for d in data.query.doc_ids):
        return None
    if not all(_cites_a_clause(c, catalog) for c in data.citations):
        return None
    cited = next(
        (
            Cited([c.doc_id], _ref(c.paragraph, data.query.language))
            for c in data.citations
            if c.paragraph is not None
        ),
        None,
    )
    answered = tuple(dict.fromkeys(c.clause_id for c in data.citations))
    return AnsweredTurn(query_from_parts(data.query, catalog), cited, answered)


def _cites_a_clause(cited: CitedParagraph, catalog: Catalog) -> bool:
    doc = catalog.documents_by_id.get(cited.doc_id)
    return doc is not None and any(c.clause_id == cited.clause_id for c in doc.clauses)


def _ref(paragraph: Paragraph, language: str) -> ParagraphRef:
    name = ref_name(paragraph.kind, paragraph.number, language, paragraph.point, paragraph.annex)
    return ParagraphRef(paragraph.kind, paragraph.number, paragraph.point, name, paragraph.annex)


def turn_of(query: Query, clauses: list[Clause], catalog: Catalog) -> TurnData:
    """An answer as data: the parts of the question it answered, the clauses it cited
    (each with the paragraph it is, as a follow-up names it)."""
    cited = [
        CitedParagraph(
            clause.doc_id,
            clause.clause_id,
            _paragraph_of(
                find_paragraph_ref(clause.paragraph) if clause.kind != "header" else None
            ),
        )
        for clause in clauses
    ]
    return TurnData(parts_of(query, catalog), tuple(cited))


def _paragraph_of(ref: ParagraphRef | None) -> Paragraph | None:
    """The paragraph a reference names, as data; None for none, or for one counted from
    the end ("the last paragraph") or with a point that is no letter."""
    if ref is None or ref.kind not in KINDS or ref.number < 1:
        return None
    if ref.point is not None and not _POINT_RX.fullmatch(ref.point):
        return None
    return Paragraph(ref.kind, ref.number, ref.point, ref.annex)
