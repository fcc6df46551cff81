"""Word lists with frequencies (French, English), for noise repair.

Why a word list: OCR and PDF noise is repaired by general rules ("a letter the
scanner confuses", "a word split by a space") that are only safe when the
repaired form is a real word of the text's language and the noisy one is not. The
lists come from `pyspellchecker`'s dictionaries (maintained, packaged frequency
lists), so nothing is tied to the typos of one file.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

LANGUAGES = ("fr", "en")  # the languages with a word list


@lru_cache(maxsize=len(LANGUAGES) + 1)
def _frequencies(language: str) -> dict[str, int]:
    from spellchecker import SpellChecker

    if language not in LANGUAGES:
        return {}
    words = dict(SpellChecker(language=language, distance=1).word_frequency.dictionary)
    if language == "fr":
        # Institutional vocabulary the general list lacks; these are words, not typos.
        for extra in ("cyberespace", "cybersécurité", "coronavirus", "covid", "interopérable"):
            words.setdefault(extra, 1)
    return words


def is_word(word: str, language: str = "fr") -> bool:
    return word.lower() in _frequencies(language)


def frequency(word: str, language: str = "fr") -> int:
    return _frequencies(language).get(word.lower(), 0)


def strip_accents(text: str) -> str:
    """Accents off, case kept: 'Qui a déposé' -> 'Qui a depose', 'États' -> 'Etats'."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def fold(text: str) -> str:
    """Lowercase and strip accents: 'Élaborées' -> 'elaborees'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def question_pattern(pattern: str) -> re.Pattern:
    """A regex over questions, typed with or without French accents, in any case."""
    return re.compile(accent_insensitive(pattern), re.IGNORECASE)


def accent_insensitive(pattern: str) -> str:
    """A regex that also matches its French words typed without accents ("resolution",
    "alinea", "preambule"): each accented letter becomes a class with its `fold`."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        base = fold(ch)
        accented = len(base) == 1 and base != ch.lower()
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif accented and in_class:
            out.append(ch + base)
        elif accented:
            out.append(f"[{ch}{base}]")
        else:
            in_class = (in_class or ch == "[") and ch != "]"
            out.append(ch)
    return "".join(out)
