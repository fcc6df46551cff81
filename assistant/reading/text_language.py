"""The language a document, or one of its clauses, is written in.

Detected when a document is read, with py3langid (a maintained n-gram language
identifier, 97 languages; chosen over lingua-language-detector on the corpora of
`../shared`: `eval/reading_checks/language_detectors.py`, README "Dependencies"):

* a document: py3langid over all its languages, on its first 5,000 characters
  (English and French are read as resolutions; any other language is read as plain
  numbered text, with a warning);
* a clause of an English or French document: py3langid restricted to English and
  French, so that a French quotation inside an English text (or the reverse) is
  marked; a clause of fewer than `MIN_CLAUSE_WORDS` words ("ET", "IV. COOPÉRATION
  INTERNATIONALE", "— 149 III.") is too short to tell and takes the document's language,
  and so does a clause whose other-language score is not clearly ahead.
"""

from __future__ import annotations

import re
from functools import lru_cache

# This stage's version (language of a document and of each clause): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
VERSION = 1

READ_AS_RESOLUTIONS = ("en", "fr")
MIN_CLAUSE_WORDS = 5  # fewer words of two letters or more: the document's language
_CLAUSE_CONFIDENCE = 0.9  # a clause leaves its document's language only above this
_SAMPLE_CHARS = 5_000  # a document's language is read off its first 5,000 characters
_CLAUSE_CHARS = 2_000  # and a clause's off its first 2,000
_WORD = re.compile(r"[^\W\d_]{2,}")


@lru_cache(maxsize=1)
def _identifiers():
    """py3langid over all its languages, and over English and French (one model load)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    every = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    pair = LanguageIdentifier(
        every.nb_ptc,
        every.nb_pc,
        every.nb_classes,
        every.tk_nextmove,
        every.tk_output,
        norm_probs=True,
        tk_row=every.tk_row,
    )
    pair.set_languages(list(READ_AS_RESOLUTIONS))
    return every, pair


def document_language(text: str) -> str:
    """ISO 639-1 code of the text's language ("en", "fr", "de"…); "und" for a text
    with too few words to tell."""
    if len(_WORD.findall(text[:_SAMPLE_CHARS])) < MIN_CLAUSE_WORDS:
        return "und"
    every, _ = _identifiers()
    return str(every.classify(text[:_SAMPLE_CHARS])[0])


def clause_language(text: str, document: str) -> str:
    """English or French for a clause of an English or French document; the
    document's own language for a short clause, an unsure one, or another language."""
    if document not in READ_AS_RESOLUTIONS or len(_WORD.findall(text)) < MIN_CLAUSE_WORDS:
        return document
    _, pair = _identifiers()
    language, confidence = pair.classify(text[:_CLAUSE_CHARS])
    return str(language) if language == document or confidence >= _CLAUSE_CONFIDENCE else document


def reading_note(language: str) -> str | None:
    """What a user is told about a document in a language read only as plain text."""
    if language in READ_AS_RESOLUTIONS:
        return None
    return (
        f"its language ({language}) is neither English nor French: it was added as plain "
        "numbered paragraphs (para. 1, para. 2…), with no preamble, operative part or OCR "
        'repair. Set its language in a NAME.meta.json sidecar ({"language": "en"}) if '
        "this is wrong."
    )
