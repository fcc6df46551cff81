"""HTML for the chat page, from an Answer and the documents: presentation only.

Every piece of user or document text goes through `html.escape` before it is
wrapped in markup; the only markup added is ours (cards, <mark>, links).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from assistant.analysis import key_terms, terms
from assistant.asking.glossary import find_terms
from assistant.documents import Document
from ui import i18n

UNDOCS = "https://undocs.org/{lang}/{symbol}"
# A/RES/75/32, A/65/201, A/C.1/74/L.50, A/RES/ES-11/1, A/ES-11/L.1; bare "73/266" and
# "ES-11/1" are General Assembly resolutions. Never a piece of a longer symbol or number.
_SYMBOL_RX = re.compile(
    r"(?<![\w/.-])"
    r"(?:A/(?:RES/|C\.\d/)?(?:ES-\d{1,2}|\d{2})/(?:L\.)?\d{1,4}(?:/Rev\.\d)?"
    r"|(?:ES-\d{1,2}|\d{2})/\d{1,3})"
    r"(?![\w/])"
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


@dataclass(frozen=True)
class Turn:
    """One question of the conversation and what the page showed for it."""

    question: str  # as typed
    answer: dict | None = None  # Answer.to_dict(); None while searching or when refused
    notes: tuple[str, ...] = ()  # the page's own lines (markdown-lite), before the citations
    after: tuple[str, ...] = ()  # the page's own lines after them (a suggestion)
    refused: str = ""  # the reason a question was refused
    shown: int | None = None  # citations shown so far while streaming (None: all)


def citation_card(
    citation: dict, question: str, language: str, ui: str = "en", turn: int = 0, index: int = 0
) -> str:
    """A citation: its title is the button that opens the document at the clause; the
    copy button and the symbol links in the quote are controls of their own."""
    cite = f"{citation['document']}, {citation['paragraph']}"
    where, rest = _split_lead(citation["lead_line"])
    quote = rich_text(citation["quote"], question, language)
    notes = ""
    if citation.get("footnotes"):
        notes = (
            ('<p class="notes">Notes : ' if language == "fr" else '<p class="notes">Notes: ')
            + "; ".join(rich_text(f, "", language) for f in citation["footnotes"])
            + "</p>"
        )
    clause = html.escape(citation["clause_id"])
    quoted_in = html.escape(citation.get("language") or "fr")  # what a reader reads it in
    return (
        f'<li class="card" data-clause="{clause}">'
        f'<h3 class="cite"><button type="button" class="open" id="open-{turn}-{index}" '
        f'data-clause="{clause}" data-turn="{turn}" data-cite="{html.escape(cite)}">'
        f"{where}"
        f'<span class="sr-only"> — {html.escape(i18n.text(ui, "open"))}</span></button></h3>'
        f'<p class="lead">{rest}</p>'
        f'<blockquote lang="{quoted_in}">« {quote} »</blockquote>{notes}'
        f'<button type="button" class="copy" data-cite="{html.escape(cite)}" '
        f'data-copied="{html.escape(i18n.text(ui, "copied", cite=cite))}">'
        f"{html.escape(i18n.text(ui, 'copy'))}</button></li>"
    )


def cards(answer: dict, ui: str = "en", turn: int = 0, shown: int | None = None) -> str:
    """The answer's citations, best first, as a list of cards."""
    if not answer or answer.get("abstained") or not answer.get("citations"):
        return ""
    question = answer.get("resolved_question") or answer["question"]
    language = answer["language"]
    citations = answer["citations"][:shown] if shown is not None else answer["citations"]
    body = "".join(
        citation_card(c, question, language, ui, turn, i) for i, c in enumerate(citations)
    )
    return f'<ol class="cards">{body}</ol>'


def answer_notes(answer: dict) -> list[str]:
    """The answer's own lines that are not citations (an abstention, a preambular note)."""
    blocks = [b for b in answer.get("text", "").split("\n\n") if b.strip()]
    if answer.get("abstained") or not answer.get("citations"):
        return blocks
    return [b for b in blocks if not b.startswith("**")]


def turn_html(turn: Turn, number: int, ui: str, fresh: bool = False) -> str:
    """A question and its answer: notes first, then the citations as cards."""
    asked = (
        f'<p class="asked"><span class="sr-only">{html.escape(i18n.text(ui, "you"))} </span>'
        f"{html.escape(turn.question)}</p>"
    )
    answer = turn.answer
    lang = answer["language"] if answer else ui
    if turn.refused:
        body = f'<p class="refused" role="alert">⚠️ {html.escape(turn.refused)}</p>'
        status = turn.refused
    elif answer is None:
        body = f'<p class="thinking">{html.escape(i18n.text(ui, "thinking"))}</p>'
        status = ""
    else:
        notes = [*turn.notes, *answer_notes(answer)]
        body = "".join(f"<p>{markdown_lite(n)}</p>" for n in notes)
        body += cards(answer, ui, number, turn.shown)
        body += "".join(f"<p>{markdown_lite(n)}</p>" for n in turn.after)
        n = len(answer.get("citations") or [])
        status = i18n.text(ui, "answer_status", n=n) if n else i18n.text(ui, "abstained_status")
    done = (answer is not None and turn.shown is None) or bool(turn.refused)
    attrs = f' data-status="{html.escape(status)}"' if done else ""
    if fresh:
        attrs += " data-fresh"
    return (
        f'<article class="turn" id="turn-{number}"{attrs}>{asked}'
        f'<div class="answer" lang="{html.escape(lang)}">{body}</div></article>'
    )


def conversation(turns: list[Turn], ui: str, fresh: bool = False) -> str:
    """The whole conversation; with none yet, a greeting with examples to ask."""
    heading = f'<h2 class="sr-only">{html.escape(i18n.text(ui, "conversation"))}</h2>'
    if not turns:
        buttons = "".join(
            f'<li><button type="button" class="example" data-question="{html.escape(q)}">'
            f"{html.escape(q)}</button></li>"
            for q in i18n.EXAMPLES[ui]
        )
        return (
            f'{heading}<div class="welcome"><p>{html.escape(i18n.text(ui, "examples"))}</p>'
            f'<ul class="examples">{buttons}</ul></div>'
        )
    last = len(turns) - 1
    return heading + "".join(turn_html(t, i, ui, fresh and i == last) for i, t in enumerate(turns))


def panel_hint(ui: str) -> str:
    return f'<p class="panel-hint">{html.escape(i18n.text(ui, "panel_hint"))}</p>'


def document_panel(
    doc: Document,
    clause_id: str | None,
    question: str = "",
    language="en",
    ui: str = "en",
    focus: bool = False,
) -> str:
    """The whole document, clause by clause; the cited one highlighted. Its heading is
    what takes focus when it opens; its close button returns focus to the citation."""
    title = rich_text(doc.title, "", language)
    label = html.escape(doc.label)
    rows = []
    for clause in doc.clauses:
        if clause.lead_in is not None:  # sub-paragraphs are shown inside their paragraph
            continue
        cited = clause_id is not None and (
            clause.clause_id == clause_id or clause_id.startswith(clause.clause_id + "__")
        )
        shown = rich_text(clause.text, question if cited else "", language)
        css = "clause cited" if cited else "clause"
        rows.append(
            f'<div class="{css}" id="{html.escape(clause.clause_id)}">'
            f'<span class="para">{html.escape(clause.paragraph)}</span> {shown}</div>'
        )
    close = html.escape(i18n.text(ui, "close"))
    paragraph = next(
        (c.paragraph for c in doc.clauses if clause_id and c.clause_id == clause_id), ""
    )
    opened = i18n.text(ui, "opened", label=doc.label, paragraph=paragraph)
    written = html.escape(doc.language if doc.language not in ("", "und") else "fr")
    written_in = html.escape(i18n.text(ui, "written_in", name=i18n.language_name(ui, written)))
    return (
        f'<section class="document" aria-labelledby="document-heading" '
        f'data-hint="{html.escape(i18n.text(ui, "panel_hint"))}" '
        f'data-opened="{html.escape(opened)}"{" data-focus" if focus else ""}>'
        f'<div class="panel-bar"><h2 id="document-heading" tabindex="-1">{label}</h2>'
        f'<button type="button" class="close" aria-label="{close}" title="{close}">'
        f'<span aria-hidden="true">✕</span></button></div>'
        f'<p class="written-in">{written_in}</p>'
        f'<p class="title" lang="{written}">{title}</p>'
        f'<div class="text" lang="{written}">{"".join(rows)}'
        "</div></section>"
    )


def markdown_lite(markdown: str) -> str:
    """Escaped text with our own **bold** and _italic_ kept (answers and notes)."""
    escaped = _bold(html.escape(markdown))
    return re.sub(r"(?<![\w/])_(.+?)_(?![\w/])", r"<em>\1</em>", escaped)


def _split_lead(lead_line: str) -> tuple[str, str]:
    """ "**A/RES/75/32, op. 6** — decides:" as the escaped citation and the rest."""
    match = re.match(r"\*\*(.+?)\*\*\s*(.*)", lead_line, re.S)
    if not match:
        return html.escape(lead_line), ""
    return html.escape(match.group(1)), html.escape(match.group(2))


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
