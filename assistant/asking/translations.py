"""English words users type -> the French words the texts say them with.

The glossary (assistant/asking/glossary.py) names topics: a text that does not speak of one
does not answer. These are plain words that are no topic of their own ("worried",
"help", "outcomes", "reliable"): an English question's words reach the French clauses
through them in BM25 and in lexical support, as cognates do ("cooperation" ->
"coopération") for the words that are spelt alike; a French question's words reach
English clauses through the same pairs read the other way. The pairs are data, with
their provenance: `assistant/data/en_fr_words.json`.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from assistant.analysis import terms

EN_FR: dict[str, str] = json.loads(
    (resources.files("assistant") / "data" / "en_fr_words.json").read_text(encoding="utf-8")
)["pairs"]


@lru_cache(maxsize=1)
def _by_stem() -> dict[str, tuple[str, ...]]:
    """The index stem of each English word -> the index stems of its French."""
    found: dict[str, list[str]] = {}
    for english, french in EN_FR.items():
        for stem in terms(english)[:1]:
            found.setdefault(stem, []).extend(terms(french))
    return {stem: tuple(dict.fromkeys(french)) for stem, french in found.items()}


@lru_cache(maxsize=1)
def _by_french_stem() -> dict[str, tuple[str, ...]]:
    """The other way: the index stem of each French word -> the English index stems
    (English analysis) of the words it translates."""
    found: dict[str, list[str]] = {}
    for english, french in EN_FR.items():
        for stem in terms(french, "fr"):
            found.setdefault(stem, []).extend(terms(english, "en")[:1])
    return {stem: tuple(dict.fromkeys(words)) for stem, words in found.items()}


def english_stems(stem: str) -> tuple[str, ...]:
    """The English index stems a French word's stem translates to ("preoccupe" ->
    ("worri", "concern", "fear")): a French question's words reach English clauses
    through them; () for a word not in the table."""
    return _by_french_stem().get(stem, ())


def french_stems(stem: str) -> tuple[str, ...]:
    """The French index stems an English word's stem is said with ("worri" ->
    ("preoccupe",)); () for a word not in the table."""
    return _by_stem().get(stem, ())
