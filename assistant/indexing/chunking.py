"""Clauses -> passages to embed.

A clause is one passage; only a clause longer than the model's window is split,
with langchain-text-splitters on the model's own token count, so that no text is
silently truncated. A clause's score is its best passage's score.

A long clause also says several things: pp. 12 of 75/32 reaffirms that international
law applies, that voluntary norms reduce risks, and that new norms may be developed.
One vector for the whole averages them, and a question about one of them finds the
clause far away. So each of its propositions (`propositions`) has a vector too, and the
clause's cosine is the best of its passages and its propositions (the "max-passage"
strategy of long-document retrieval). A proposition is a verbatim span of its clause;
its vector is its own pass through the model, or, when the settings ask for it
(`proposition_vectors="pooled"`), pooled from its clause's pass ("late chunking",
assistant/indexing/build.py). BM25 keeps scoring whole clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.documents import Clause

# This stage's version (clauses -> passages and propositions): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
# 4: header labels in the clause's language; 3: English proposition boundaries too (2: a
# proposition is a verbatim span)
VERSION = 4

# a header block is embedded with a short label saying what it is, in its own language
# (a French label on an English title pulled French questions to it and English away)
_HEADER_CONTEXT = {
    "fr": {"sponsors": "Auteurs du projet de résolution : ", "title": "Titre : "},
    "en": {"sponsors": "Sponsors of the draft resolution: ", "title": "Title: "},
}

# where a clause of a resolution passes to its next proposition: a semicolon or colon,
# or a comma before a conjunction, relative pronoun or participle that opens one, in
# French ("…, à savoir que", "…, et que", "…, qui comprend", "…, afin de", "…, en
# renforçant") and in English ("…, that", "…, which", "…, in order to", "…, including")
_PROPOSITION_BOUNDARY = re.compile(
    r"\s*[;:]\s+|,\s+(?=(?:que|qu[’']|et que|ainsi que|afin|compte tenu|à savoir|bien qu|"
    r"qui|dont|selon|nuisant|et de|et à|en \w+ant|"
    r"that|and that|as well as|in order to|so as to|taking into account|bearing in mind|"
    r"namely|although|while|which|who|whose|according to|in accordance with|and to|"
    r"including)\b)"
)
MIN_PROPOSITION_WORDS = 8  # a shorter piece joins its neighbour: too little to embed alone


def passage_text(clause: Clause) -> str:
    """What is embedded: the quote, with a short label for header blocks ("Title: "), in
    the clause's language (French where none is known)."""
    labels = _HEADER_CONTEXT.get(clause.language or "fr", _HEADER_CONTEXT["fr"])
    return labels.get(clause.label or "", "") + clause.quote


def proposition_spans(text: str) -> list[tuple[int, int]]:
    """Where the propositions of a clause's text lie, in order (none when it makes only
    one): the pieces between proposition boundaries, a piece under
    MIN_PROPOSITION_WORDS words joined to the one before it (with the boundary between
    them: a span is always a verbatim piece of the text)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in [*_PROPOSITION_BOUNDARY.finditer(text), None]:
        end = boundary.start() if boundary else len(text)
        piece = text[start:end]
        if piece.strip():
            a = start + len(piece) - len(piece.lstrip())
            b = start + len(piece.rstrip())
            short = len(text[a:b].split()) < MIN_PROPOSITION_WORDS
            last = spans[-1] if spans else None
            if last and (short or len(text[last[0] : last[1]].split()) < MIN_PROPOSITION_WORDS):
                spans[-1] = (last[0], b)
            else:
                spans.append((a, b))
        start = boundary.end() if boundary else len(text)
    return spans if len(spans) > 1 else []


def propositions(text: str) -> list[str]:
    """The propositions of a clause's text (`proposition_spans`), as text."""
    return [text[a:b] for a, b in proposition_spans(text)]


def make_propositions(clauses: list[Clause]) -> list[tuple[int, str]]:
    """(position of the clause in `clauses`, proposition) for every retrievable clause
    that makes several (a sub-paragraph's own text: its lead-in is a passage's)."""
    return [
        (position, proposition)
        for position, clause in enumerate(clauses)
        if clause.retrievable
        for proposition in propositions(clause.text)
    ]


def make_passages(
    clauses: list[Clause], count_tokens: Callable[[str], int], max_tokens: int
) -> list[tuple[int, str]]:
    """(position of the clause in `clauses`, text) for every retrievable clause."""
    splitter = None
    passages: list[tuple[int, str]] = []
    for position, clause in enumerate(clauses):
        if not clause.retrievable:
            continue
        text = passage_text(clause)
        if count_tokens(text) <= max_tokens:
            passages.append((position, text))
            continue
        if splitter is None:
            from langchain_text_splitters import RecursiveCharacterTextSplitter

            splitter = RecursiveCharacterTextSplitter(
                chunk_size=max_tokens,
                chunk_overlap=max_tokens // 8,
                length_function=count_tokens,
                separators=[" ; ", ", ", " ", ""],
                keep_separator="end",
            )
        passages.extend((position, piece) for piece in splitter.split_text(text))
    return passages
