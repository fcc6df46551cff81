"""Lexical analysis shared by the BM25 index and the questions: accent folding,
French stop words, Snowball French stemming. Resolution numbers ("73/266") stay
one token so that a reference is matched as a whole."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lexicon import fold

_TOKEN = re.compile(r"\d{1,3}/\d{1,4}|[a-z0-9]+")
# Words that carry no topic in a question, on top of French stop words.
_QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "do",
    "did", "is", "are", "was", "were", "be", "the", "a", "an", "of", "in", "on", "about",
    "to", "for", "and", "or", "with", "by", "it", "its", "this", "that", "these", "those",
    "say", "says", "said", "tell", "me", "text", "texts", "resolution", "resolutions",
    "paragraph", "document", "any", "there", "anything", "mention", "mentions", "from",
    "quoi", "que", "qu", "quel", "quelle", "quels", "quelles", "est", "ce", "dit", "dire",
    "texte", "textes", "paragraphe", "sujet", "propos",
    "concernant", "mentionne", "t", "il", "elle", "y", "t-il", "comment", "pourquoi",
    "much", "many", "all", "some", "can", "could", "should", "would", "will", "has", "have",
    "had", "been", "being", "according", "mentioned", "address", "addresses", "contain",
    "contains", "regarding", "concerning", "give", "gives", "their", "they",
    "them", "use", "used", "something", "done", "doing", "make", "makes",
    "draft", "adopted", "again", "also", "still", "ever", "whether", "if", "les", "ils", "elles", "prevoit", "lequel", "laquelle",
    # prepositions and adverbs: how a question is put, not what it is about
    "contre", "selon", "entre", "avant", "apres", "sans", "sous", "vers", "parmi", "afin",
    "ainsi", "aussi", "plus", "moins", "tous", "toutes", "tout", "chaque", "autre", "autres",
    "encore", "deja", "depuis", "pendant", "lors", "dont", "envers", "malgre", "chez", "tres",
    "against", "between", "before", "after", "without", "under", "towards", "toward",
    "among", "more", "less", "every", "each", "other", "others", "already", "since",
    "during", "than", "very", "so", "at", "quelque", "chose", "choses", "exactly", "exactement",
    # where in a text and how it puts things: not what it is about
    "preamble", "preambule", "operative", "dispositif", "describe", "describes", "described",
    "qualifie", "qualifient", "qualifier", "decrit", "decrivent", "decrire",
}  # fmt: skip


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_FRENCH

    return frozenset(fold(w) for w in STOPWORDS_FRENCH)


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("french")


def terms(text: str) -> list[str]:
    """Index terms of a text: folded, stop words out, stemmed."""
    words = [w for w in _TOKEN.findall(fold(text)) if w not in _stopwords()]
    stems = _stemmer().stemWords([w for w in words if "/" not in w])
    it = iter(stems)
    return [w if "/" in w else next(it) for w in words]


def key_terms(text: str) -> list[str]:
    """Topic-bearing terms of a question (question words removed)."""
    words = [w for w in _TOKEN.findall(fold(text)) if w not in _QUESTION_WORDS]
    return [t for w in words for t in terms(w)]
