"""Ordinals written in words, 1 to 99, in English and French: the General Assembly numbers
its sessions so ("seventy-sixth session", "sa soixante-seizième session", "at its
eleventh emergency special session"); and Roman numerals, which number annexes ("Annex
II").

The words are num2words's; each number is also known by the other spellings a text or
a user writes: a space for a hyphen, the 1990 French spelling ("vingt-et-unième"), the
feminine "première" (a session), "quatre-vingtième" (num2words 0.5.14 writes
"quatre-vingtsième").
"""

from __future__ import annotations

import re
from functools import cache

from num2words import num2words

from assistant.lexicon import fold

LAST = 99


def ordinal_words(number: int, language: str) -> str:
    """ "seventy-sixth", "soixante-seizième", "première" (the feminine: a session)."""
    if language == "fr":
        return "première" if number == 1 else _french(number)
    return num2words(number, to="ordinal", lang="en")


def _french(number: int) -> str:
    return num2words(number, to="ordinal", lang="fr").replace("vingtsième", "vingtième")


def _spellings(number: int) -> set[str]:
    english = ordinal_words(number, "en")
    french = _french(number)
    out = {english, english.replace("-", " "), french, french.replace("-", " ")}
    out.add(re.sub(r"[- ]+", "-", french))  # "vingt-et-unième" (1990 spelling)
    if number == 1:
        out |= {"premier", "première", "premiere"}
    return out


@cache
def _values() -> dict[str, int]:
    return {fold(s): n for n in range(1, LAST + 1) for s in _spellings(n)}


def ordinal_value(words: str) -> int | None:
    """'Seventy-third' -> 73, 'vingt et unième' -> 21, 'quatre-vingtième' -> 80, in any
    case, with or without accents; None when the words are no ordinal of 1 to 99."""
    return _values().get(fold(re.sub(r"\s+", " ", words.strip())))


@cache
def ordinal_pattern() -> str:
    """A regex (no groups) of every spelling `ordinal_value` knows, the longest first,
    with a space or a hyphen wherever either is written."""
    spellings = {s for n in range(1, LAST + 1) for s in _spellings(n)}
    escaped = {re.escape(s).replace(r"\-", "[- ]").replace(r"\ ", "[- ]") for s in spellings}
    return "(?:" + "|".join(sorted(escaped, key=len, reverse=True)) + ")"


_ROMAN_UNITS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
ROMAN_LAST = 39


def roman_numeral(number: int) -> str:
    """1-39 in Roman numerals, as annexes are numbered: 2 -> "II"."""
    tens, units = divmod(number, 10)
    return "X" * tens + _ROMAN_UNITS[units]


def roman_value(numeral: str) -> int | None:
    """ "II" -> 2, "xiv" -> 14; None for what is no numeral of 1 to 39."""
    return _roman_values().get(numeral.upper())


@cache
def _roman_values() -> dict[str, int]:
    return {roman_numeral(n): n for n in range(1, ROMAN_LAST + 1)}
