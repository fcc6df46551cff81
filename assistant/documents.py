"""The domain objects every stage shares: a Document made of Clauses.

They are defined with the index (`index/records.py`), which stores them, so that the
index never imports the assistant; the stages of the assistant import them from here."""

from index.records import (
    ELISION,
    UNLETTERED,
    UNLETTERED_ID,
    Clause,
    ClauseKind,
    Document,
    Footnote,
)

__all__ = [
    "ELISION",
    "UNLETTERED",
    "UNLETTERED_ID",
    "Clause",
    "ClauseKind",
    "Document",
    "Footnote",
]
