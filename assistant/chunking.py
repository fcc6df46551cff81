"""Clauses -> passages to embed.

A clause is one passage; only a clause longer than the model's window is split,
with langchain-text-splitters on the model's own token count, so that no text is
silently truncated. A clause's score is its best passage's score."""

from __future__ import annotations

from collections.abc import Callable

from assistant.documents import Clause

_HEADER_CONTEXT = {
    "sponsors": "Auteurs du projet de résolution : ",
    "title": "Titre : ",
    "agenda item": "",
}


def passage_text(clause: Clause) -> str:
    """What is embedded: the quote, with a short French label for header blocks."""
    return _HEADER_CONTEXT.get(clause.label or "", "") + clause.quote


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
