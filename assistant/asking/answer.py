"""The answer a person reads: cited clauses, quoted verbatim, best first."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from assistant.asking.conversation import TurnData, turn_metadata
from assistant.asking.verbs import gloss
from assistant.documents import Clause, Document

_FR_ORDINAL = {1: "1er"}


@dataclass
class Citation:
    document: str  # "A/RES/75/32" or the draft's label
    paragraph: str  # "op. 6", "pp. 3", "op. 1 (a)"
    clause_id: str  # stable AKN4UN-style id
    quote: str  # verbatim cleaned text
    score: float  # higher is better
    kind: str = ""
    lead: str | None = None
    lead_line: str = ""  # the line shown above the quote, in the question's language
    footnotes: list[str] = field(default_factory=list)
    language: str = ""  # the quote's language (ISO 639-1): the clause's, else its document's

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Answer:
    question: str
    text: str  # markdown, as shown to a person
    abstained: bool
    citations: list[Citation]
    language: str = "en"
    reason: str | None = None  # one line, when abstained
    resolved_question: str | None = None  # the follow-up made explicit
    only_preambular: bool = False
    # what the question asked and what was cited, as data (`to_turn_metadata`)
    turn: TurnData | None = field(default=None, repr=False, compare=False)

    def to_turn_metadata(self) -> dict | None:
        """The structured answer, for the history: a follow-up sent with
        `{"role": "assistant", "content": answer.text, "metadata": answer.to_turn_metadata()}`
        builds on the parts of the question this answered and the paragraphs it cited,
        not on its markdown (the shape: assistant/asking/conversation.py). None for a reply to
        small talk, which answered no question."""
        return turn_metadata(self.turn) if self.turn is not None else None

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "text": self.text,
            "abstained": self.abstained,
            "reason": self.reason,
            "language": self.language,
            "resolved_question": self.resolved_question,
            "only_preambular": self.only_preambular,
            "citations": [c.to_dict() for c in self.citations],
            "metadata": self.to_turn_metadata(),
        }


# what could make a renderer fetch or link something: link and image brackets, raw HTML
# and angle-bracket autolinks, a backslash that would undo an escape; and the start of
# the links GFM makes by itself (a scheme, "www.", an e-mail address)
_ACTIVE_RX = re.compile(r"[\\\[\]<>]")
_AUTOLINK_RX = re.compile(r"(?i)\b(?:https?|ftps?|mailto|file|data)(?=:)|\bwww(?=\.)|(?=@)")


def inert(text: str) -> str:
    """Text from a document or a question made inert in markdown: it reads the same once
    rendered (backslash escapes), but no link, image, HTML or autolink can come of it,
    whatever the renderer. Links in an answer are only those the app makes."""
    text = _ACTIVE_RX.sub(lambda m: "\\" + m.group(0), text)
    return _AUTOLINK_RX.sub(lambda m: m.group(0) + "\\", text)


def document_name(doc: Document, language: str) -> str:
    if language != "fr" or doc.symbol:
        return doc.label
    parts = ["projet de résolution" + (" révisé" if "revised" in doc.kind else "")]
    if doc.agenda_item:
        parts.append(f"point {doc.agenda_item} de l’ordre du jour")
    if doc.session:
        parts.append(f"{doc.session}e session")
    return ", ".join(parts)


def paragraph_name(clause: Clause, language: str) -> str:
    if language != "fr":
        return clause.paragraph
    if clause.kind == "header":
        annexed = re.fullmatch(r"annex(?: ([IVXL]+))?, (title|heading)", clause.label or "")
        if annexed:  # "annex II, title": "annexe II, titre"
            annex = f"annexe {annexed.group(1)}" if annexed.group(1) else "annexe"
            return f"{annex}, {'titre' if annexed.group(2) == 'title' else 'intertitre'}"
        return {
            "sponsors": "auteurs",
            "title": "titre",
            "agenda item": "point de l’ordre du jour",
        }.get(clause.label or "", "en-tête")
    if clause.part == "annex":
        numbered = re.match(r"annex ([IVXL]+),", clause.label or "")  # "annex II, para. 3"
        annex = f"annexe {numbered.group(1)}" if numbered else "annexe"
        if clause.number is None:
            return f"{annex}, paragraphe d’ouverture"
        point = f" {clause.letter})" if clause.letter else ""
        return f"{annex}, paragraphe {clause.number}{point}"
    if clause.kind == "preambular":
        n = _FR_ORDINAL.get(clause.number, f"{clause.number}e")
        return f"{n} alinéa du préambule"
    if clause.kind == "operative":
        point = f" {clause.letter})" if clause.letter else ""
        return f"paragraphe {clause.number}{point} du dispositif"
    return f"paragraphe {clause.number}"


def lead_line(clause: Clause, doc: Document, language: str) -> str:
    where = f"**{inert(document_name(doc, language))}, {paragraph_name(clause, language)}**"
    written_in = clause.language or doc.language
    verb = gloss(clause.lead, clause.kind, language, written_in) if clause.kind != "header" else ""
    colon = " :" if language == "fr" else ":"
    return f"{where} — {verb}{colon}" if verb else f"{where}{colon}"


def make_citation(clause: Clause, doc: Document, score: float, language: str) -> Citation:
    return Citation(
        document=doc.label,
        paragraph=clause.paragraph,
        clause_id=clause.clause_id,
        quote=clause.quote,
        score=round(float(score), 4),
        kind=clause.kind,
        lead=clause.lead,
        lead_line=lead_line(clause, doc, language),
        footnotes=[f"{f.number} {f.symbol}" for f in clause.footnotes],
        language=clause.language or doc.language,
    )


_PREAMBULAR_NOTE = {
    "en": "_The best evidence is only preambular: context the Assembly gives, not a decision._",
    "fr": "_Le meilleur appui n’est qu’un alinéa du préambule : un contexte, non une décision._",
}
_NOT_SAID = {"en": "The texts do not say.", "fr": "Les textes ne le disent pas."}


def compose(citations: list[Citation], language: str) -> tuple[str, bool]:
    """Markdown for the cited clauses; and whether the best evidence is preambular."""
    only_preambular = bool(citations) and citations[0].kind == "preambular"
    blocks = [_PREAMBULAR_NOTE[language]] if only_preambular else []
    for c in citations:
        block = f"{c.lead_line}\n> « {inert(c.quote)} »"
        if c.footnotes:
            block += "\n>\n> Notes : " if language == "fr" else "\n>\n> Notes: "
            block += inert("; ".join(c.footnotes))
        blocks.append(block)
    return "\n\n".join(blocks), only_preambular


def abstention(question: str, reason: str, language: str) -> Answer:
    return Answer(
        question=question,
        text=f"{_NOT_SAID[language]} {inert(reason)}",
        abstained=True,
        citations=[],
        language=language,
        reason=reason,
    )
