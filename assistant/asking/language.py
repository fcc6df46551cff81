"""Which language a question is in: English or French (the two the assistant answers in)."""

from __future__ import annotations

import re

_FRENCH = frozenset(
    [
        "le",
        "la",
        "les",
        "des",
        "du",
        "de",
        "que",
        "qui",
        "quoi",
        "est",
        "sur",
        "au",
        "aux",
        "une",
        "un",
        "et",
        "dans",
        "pour",
        "par",
        "ce",
        "cette",
        "quel",
        "quelle",
        "quels",
        "quelles",
        "projet",
        "résolution",
        "dit",
        "décide",
        "demande",
        "concernant",
        "paragraphe",
        "alinéa",
        "qu’",
        "qu'",
        "d’",
        "l’",
        "sont",
        "ont",
        "à",
        "où",
        "comment",
        "pourquoi",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "what",
        "which",
        "does",
        "do",
        "is",
        "are",
        "of",
        "about",
        "on",
        "and",
        "in",
        "to",
        "say",
        "says",
        "how",
        "who",
        "whom",
        "why",
        "when",
        "resolution",
        "draft",
        "paragraph",
        "decide",
        "decides",
        "call",
        "upon",
        "welcome",
        "anything",
        "any",
    ]
)


def detect_language(text: str) -> str:
    """ "fr" when the question has more French function words than English ones (an
    accented letter counts twice); else "en"."""
    words = re.findall(r"[^\W\d_]+[’']?", text.lower())
    fr = sum(w in _FRENCH for w in words) + 2 * len(re.findall(r"[éèêàùçôî]", text.lower()))
    en = sum(w in _ENGLISH for w in words)
    return "fr" if fr > en else "en"
