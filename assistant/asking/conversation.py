"""Conversation as data: the question an answer was given to, as its parts, and the
paragraphs the answer cited, carried with the answer in the history (a message's
`metadata`), so that a follow-up builds on them instead of re-reading earlier words.

The structured answer (`Answer.to_turn_metadata()`), JSON, version 1:

    {"assistant_answer": 1,
     "query": {"language": "en" | "fr",
               "doc_ids": ["A-RES-75-32"],   # the texts asked about; [] for all of them
               "topics": ["the OEWG"],       # what was asked about, as said, in order
               "verb": "decide" | null,      # a resolution verb (assistant/asking/verbs.py)
               "paragraph": PARAGRAPH | null,  # the paragraph asked for
               "part": "preambular" | "operative" | null,
               "compare": false},            # each text quoted on the topic
     "citations": [{"doc_id": "A-RES-75-32", "clause_id": "A-RES-75-32#para_6",
                    "paragraph": PARAGRAPH | null}]}  # null: a heading, no paragraph
    PARAGRAPH = {"kind": "operative" | "preambular" | "annex", "number": 6, "point": "b" | null,
                 "annex": 2}  # "annex": only where a text's annexes are numbered

Reading it (`read_turn_metadata`) never raises: another version, a wrong type, too many
items or too long a text reads as None, and the turn's text is read instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.asking.paragraph_refs import ref_name, with_article
from assistant.asking.verbs import VERBS, by_name

TURN_KEY = "assistant_answer"
TURN_VERSION = 1
KINDS = ("operative", "preambular", "annex")
PARTS = ("operative", "preambular")
_VERB_NAMES = frozenset(v.name for v in VERBS)
# what a structured answer may hold; more is no answer of ours
MAX_TOPICS = 8
MAX_DOCUMENTS = 50
MAX_CITATIONS = 50
MAX_TEXT = 300  # characters of a topic, a document id or a clause id
MAX_NUMBER = 10_000
MAX_ANNEX = 20  # annexes are numbered I, II… (rarely past X)
_POINT_RX = re.compile(r"[a-z]{1,3}")


@dataclass(frozen=True)
class Paragraph:
    kind: str  # "operative" | "preambular" | "annex"
    number: int  # from 1
    point: str | None = None  # "b"
    annex: int | None = None  # which annexed text, where they are numbered ("annex II": 2)


@dataclass(frozen=True)
class QueryParts:
    """A question as its parts: what the follow-ups of its answer build on."""

    language: str
    doc_ids: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    verb: str | None = None
    paragraph: Paragraph | None = None
    part: str | None = None
    compare: bool = False


@dataclass(frozen=True)
class CitedParagraph:
    doc_id: str
    clause_id: str
    paragraph: Paragraph | None


@dataclass(frozen=True)
class TurnData:
    """An answer as data: the parts of the question it answered, what it cited."""

    query: QueryParts
    citations: tuple[CitedParagraph, ...] = ()


def turn_metadata(turn: TurnData) -> dict:
    """The structured answer, JSON-ready (the shape in this module's docstring)."""
    parts = turn.query
    return {
        TURN_KEY: TURN_VERSION,
        "query": {
            "language": parts.language,
            "doc_ids": list(parts.doc_ids),
            "topics": list(parts.topics),
            "verb": parts.verb,
            "paragraph": _paragraph_json(parts.paragraph),
            "part": parts.part,
            "compare": parts.compare,
        },
        "citations": [_citation_json(c) for c in turn.citations],
    }


def _citation_json(cited: CitedParagraph) -> dict:
    paragraph = _paragraph_json(cited.paragraph)
    return {"doc_id": cited.doc_id, "clause_id": cited.clause_id, "paragraph": paragraph}


def _paragraph_json(paragraph: Paragraph | None) -> dict | None:
    if paragraph is None:
        return None
    found = {"kind": paragraph.kind, "number": paragraph.number, "point": paragraph.point}
    if paragraph.annex is not None:
        found["annex"] = paragraph.annex
    return found


class _Invalid(Exception):
    """What a structured answer may not hold."""


def read_turn_metadata(value: object) -> TurnData | None:
    """The structured answer in a message's `metadata`; None for anything else (never
    raises: a malformed one counts as none)."""
    try:
        return _read_turn(value)
    except _Invalid:
        return None


def _read_turn(value: object) -> TurnData:
    if not isinstance(value, dict):
        raise _Invalid
    version = value.get(TURN_KEY)
    if type(version) is not int or version != TURN_VERSION:
        raise _Invalid
    query = value.get("query")
    if not isinstance(query, dict):
        raise _Invalid
    parts = QueryParts(
        language=_choice(query.get("language"), ("en", "fr")),
        doc_ids=_texts(query.get("doc_ids", []), MAX_DOCUMENTS),
        topics=_texts(query.get("topics", []), MAX_TOPICS),
        verb=_optional(query.get("verb"), lambda v: _choice(v, _VERB_NAMES)),
        paragraph=_optional(query.get("paragraph"), _paragraph),
        part=_optional(query.get("part"), lambda v: _choice(v, PARTS)),
        compare=_flag(query.get("compare", False)),
    )
    citations = value.get("citations", [])
    if not isinstance(citations, list) or len(citations) > MAX_CITATIONS:
        raise _Invalid
    return TurnData(parts, tuple(_citation(c) for c in citations))


def _citation(value: object) -> CitedParagraph:
    if not isinstance(value, dict):
        raise _Invalid
    doc_id, clause_id = _text(value.get("doc_id")), _text(value.get("clause_id"))
    if clause_id.split("#")[0] != doc_id:
        raise _Invalid
    return CitedParagraph(doc_id, clause_id, _optional(value.get("paragraph"), _paragraph))


def _paragraph(value: object) -> Paragraph:
    if not isinstance(value, dict):
        raise _Invalid
    number = value.get("number")
    if type(number) is not int or not 1 <= number <= MAX_NUMBER:
        raise _Invalid
    point = _optional(value.get("point"), _text)
    if point is not None and not _POINT_RX.fullmatch(point):
        raise _Invalid
    annex = value.get("annex")
    if annex is not None and (type(annex) is not int or not 1 <= annex <= MAX_ANNEX):
        raise _Invalid
    return Paragraph(_choice(value.get("kind"), KINDS), number, point, annex)


def _optional(value, read):
    return None if value is None else read(value)


def _choice(value: object, allowed) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise _Invalid
    return value


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise _Invalid
    return value


def _text(value: object) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise _Invalid
    return value


def _texts(value: object, limit: int) -> tuple[str, ...]:
    if not isinstance(value, list) or len(value) > limit:
        raise _Invalid
    return tuple(_text(v) for v in value)


# ------------------------------------------------------------ the question, from its parts
# how an English question asks for what a verb's paragraphs say ("What does 75/32 decide
# about …?"); the others are the verb's name
_ASKED_EN = {
    "call_upon": "call upon",
    "concern": "express concern about",
    "conscious": "say it is conscious of",
    "convinced": "say it is convinced of",
}


def compose_question(parts: QueryParts, names: Sequence[str]) -> str:
    """The question the parts make, naming the texts `names` (one per document, as a
    question names it: "75/32", "the draft"): "What does the draft decide about the
    OEWG?", "Que dit le paragraphe 2 de A/RES/75/32 ?". Only the parts go into it:
    none of the words that asked them (nor those that named another text)."""
    french = parts.language == "fr"
    joined = " et " if french else " and "
    topics = joined.join(parts.topics)
    where = joined.join(names)
    within = _PART_SAID[parts.part][french] if parts.part else ""
    about = f" {'sur' if french else 'about'} {topics}" if topics else ""
    if parts.paragraph is not None:
        p = parts.paragraph
        name = ref_name(p.kind, p.number, parts.language, p.point, p.annex)
        if french:
            return f"Que dit {with_article(name)}{_of(where, french)}{about} ?"
        return f"What does {name}{_of(where, french)} say{about}?"
    if french:
        return _french_question(parts, where or "les textes", about + within, len(names) == 1)
    doc = where or "the texts"
    if parts.compare and len(names) > 1:
        doc = f"both {doc}"
    asked = _ASKED_EN.get(parts.verb, parts.verb.replace("_", " ")) if parts.verb else "say"
    if topics and asked.endswith((" about", " of")):  # "express concern about the GGE"
        about = f" {topics}"
    elif not topics and asked.endswith((" about", " of")):
        asked = asked.rsplit(" ", 1)[0]
    return f"What {'does' if len(names) == 1 else 'do'} {doc} {asked}{about}{within}?"


_PART_SAID = {
    "preambular": {False: " in its preamble", True: " dans son préambule"},
    "operative": {False: " in its operative part", True: " dans son dispositif"},
}


def _french_question(parts: QueryParts, doc: str, about: str, one: bool) -> str:
    if parts.verb is None:
        return f"Que {'dit' if one else 'disent'} {doc}{about} ?"
    said = by_name(parts.verb).fr_operative
    if said.startswith(("se ", "est ")):  # "se félicite", "est consciente"
        return f"De quoi {doc} {said}{about} ?"
    that = "Qu’" if said[0] in "aeéèiouy" else "Que "
    return f"{that}{said} {doc}{about} ?"


def _of(where: str, french: bool) -> str:
    """ " of 75/32", " de A/RES/75/32", " du projet"; "" when no text is named."""
    if not where:
        return ""
    if not french:
        return f" of {where}"
    for article, joined in (("le ", "du "), ("les ", "des ")):
        if where.startswith(article):
            return f" {joined}{where[len(article) :]}"
    return f" de {where}"
