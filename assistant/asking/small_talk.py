"""Is there a question about the texts in this at all? Random letters ("kjhdf qwpo"),
greetings, thanks and filler ("hello", "merci", "ok") hold no word the resolutions
could answer about: retrieval would still find a closest clause and quote it, so
these get a short reply saying what the assistant answers instead.

The test is on words, in either language: a text has content when it names a
document, a paragraph, a number or a glossary topic, or when at least half of its
words are English or French words (pyspellchecker's frequency lists, the lists the
OCR repair already uses) and not all of them small talk.
"""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lexicon import fold

# below this frequency a "word" of the lists is as often a typo or a name as a word
_MIN_FREQUENCY = 100
_WORD_RX = re.compile(r"[^\W\d_]+")
_SMALL_TALK = frozenset(
    fold(w)
    for group in (
        # greetings
        "hello hi hey hiya howdy greetings good morning afternoon evening day night "
        "bonjour bonsoir salut coucou allo there everyone all folks friend friends bot "
        "assistant tout monde",
        # how are you
        "how are you doing is it going comment allez vous va ça ca tu vas",
        # thanks and politeness
        "thanks thank thx cheers please much very lot merci beaucoup bien vous plait "
        "plaît svp stp de rien welcome",
        # farewells
        "bye goodbye see later soon take care au revoir à bientôt plus tard adieu",
        # acknowledgements and filler
        "ok okay yes no yeah yep nope sure fine great cool nice wow oh ah uh um hmm "
        "huh lol haha hehe oui non ouais d accord bon bah ben euh hein voilà voila "
        "super génial parfait test testing essai the a an and le la les un une et",
    )
    for w in group.split()
)


_FRENCH_WORDS = (
    "bonjour bonsoir salut coucou merci beaucoup revoir bientôt ça va allez vous "
    "plaît svp stp oui non ouais accord euh voilà génial parfait essai"
)
_FRENCH = frozenset(fold(w) for w in _FRENCH_WORDS.split())


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    from spellchecker import SpellChecker

    words: set[str] = set()
    for language in ("en", "fr"):
        frequencies = SpellChecker(language=language, distance=1).word_frequency.dictionary
        words |= {fold(w) for w, n in frequencies.items() if n >= _MIN_FREQUENCY}
    return frozenset(words)


def words_of(text: str) -> list[str]:
    return [fold(w) for w in _WORD_RX.findall(text)]


def is_small_talk(text: str) -> bool:
    """Every word is a greeting, thanks, farewell or filler ("Hello!", "merci beaucoup")."""
    words = words_of(text)
    return bool(words) and all(w in _SMALL_TALK for w in words)


def is_gibberish(text: str) -> bool:
    """Fewer than half of its words (two letters or more) are English or French words,
    or none of three letters or more is: "xkcd qwpo", "zzzz", "asdf jkl"."""
    if re.search(r"\d", text):
        return False  # a number: a resolution, a paragraph, a year
    words = [w for w in words_of(text) if len(w) >= 2]
    if not words:
        return True  # "???", "!!", "x": nothing to look up
    known = [w for w in words if w in _known_words()]
    return 2 * len(known) < len(words) or not any(len(w) >= 3 for w in known)


def is_french_small_talk(text: str) -> bool:
    """Small talk in French ("Bonjour !", "merci"): the reply is in French."""
    return any(w in _FRENCH for w in words_of(text))
