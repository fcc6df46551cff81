"""HTML for the chat page, from an Answer and the documents: presentation only.

Every piece of user or document text goes through `html.escape` before it is
wrapped in markup; the only markup added is ours (cards, <mark>, links).
"""

from __future__ import annotations

import html
import re

from assistant.analysis import key_terms, terms
from assistant.documents import Document
from assistant.glossary import find_terms

UNDOCS = "https://undocs.org/{lang}/{symbol}"
# A/RES/75/32, A/65/201, A/C.1/74/L.50; bare "73/266" is a General Assembly resolution
_SYMBOL_RX = re.compile(
    r"\bA/(?:RES/|C\.\d/)?\d{2}/(?:L\.)?\d{1,4}(?:/Rev\.\d)?\b|\b\d{2}/\d{1,3}\b"
)
_WORD_RX = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")


def symbol_url(symbol: str, language: str) -> str:
    if not symbol.startswith("A/"):
        symbol = f"A/RES/{symbol}"
    return UNDOCS.format(lang="fr" if language == "fr" else "en", symbol=symbol)


def highlight_spans(text: str, question: str) -> list[tuple[int, int]]:
    """Where the question's words (by stem) and glossary terms (by their French) occur."""
    wanted = set(key_terms(question))
    phrases = [p for m in find_terms(question) for p in m.term.french]
    spans = [
        (m.start(), m.end())
        for phrase in phrases
        for m in re.finditer(re.escape(phrase), text, re.IGNORECASE)
    ]
    for m in _WORD_RX.finditer(text):
        if set(terms(m.group(0))) & wanted:
            spans.append((m.start(), m.end()))
    return _merge(spans)


def rich_text(text: str, question: str = "", language: str = "en") -> str:
    """Escaped text with the question's terms in <mark> and UN symbols linked."""
    marks = highlight_spans(text, question) if question else []
    links = [(m.start(), m.end()) for m in _SYMBOL_RX.finditer(text)]
    out, position = [], 0
    for start, end, kind in sorted(
        [(a, b, "link") for a, b in links]
        + [(a, b, "mark") for a, b in marks if not any(a < y and x < b for x, y in links)]
    ):
        if start < position:
            continue
        out.append(html.escape(text[position:start]))
        piece = html.escape(text[start:end])
        if kind == "link":
            url = html.escape(symbol_url(text[start:end], language))
            out.append(f'<a href="{url}" target="_blank" rel="noopener noreferrer">{piece}</a>')
        else:
            out.append(f"<mark>{piece}</mark>")
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def citation_card(citation: dict, question: str, language: str) -> str:
    cite = f"{citation['document']}, {citation['paragraph']}"
    lead = _bold(html.escape(citation["lead_line"]))
    quote = rich_text(citation["quote"], question, language)
    notes = ""
    if citation.get("footnotes"):
        notes = (
            '<div class="notes">'
            + "; ".join(rich_text(f, "", language) for f in citation["footnotes"])
            + "</div>"
        )
    copy = "Copier la citation" if language == "fr" else "Copy citation"
    return (
        f'<div class="card" data-clause="{html.escape(citation["clause_id"])}" '
        f'role="button" tabindex="0" title="{html.escape(cite)}">'
        f'<div class="lead">{lead}</div><blockquote>« {quote} »</blockquote>{notes}'
        f'<button class="copy" data-cite="{html.escape(cite)}">{copy}</button></div>'
    )


def cards(answer: dict) -> str:
    if not answer or answer.get("abstained") or not answer.get("citations"):
        return ""
    question = answer.get("resolved_question") or answer["question"]
    language = answer["language"]
    hint = (
        "Cliquez sur une citation pour la lire dans son document."
        if language == "fr"
        else "Click a citation to read it in its document."
    )
    body = "".join(citation_card(c, question, language) for c in answer["citations"])
    return f'<div class="cards"><p class="hint">{hint}</p>{body}</div>'


def document_panel(doc: Document, clause_id: str | None, question: str = "", language="en") -> str:
    """The whole document, clause by clause; the cited one highlighted."""
    title = rich_text(doc.title, "", language)
    label = rich_text(doc.label, "", language)
    rows = []
    for clause in doc.clauses:
        if clause.lead_in is not None:  # sub-paragraphs are shown inside their paragraph
            continue
        cited = clause_id is not None and (
            clause.clause_id == clause_id or clause_id.startswith(clause.clause_id + "__")
        )
        text = rich_text(clause.text, question if cited else "", language)
        css = "clause cited" if cited else "clause"
        rows.append(
            f'<div class="{css}" id="{html.escape(clause.clause_id)}">'
            f'<span class="para">{html.escape(clause.paragraph)}</span> {text}</div>'
        )
    return (
        f'<div class="document"><h3>{label}</h3><p class="title">{title}</p>{"".join(rows)}</div>'
    )


def _bold(escaped: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", escaped)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
