"""Lexical analysis shared by the BM25 index and the questions: accent folding, then
each language's own stop words and Snowball stemmer (bm25s' lists, PyStemmer): a French
clause is indexed as French, an English clause as English, and a question is analysed
in each language of the clauses it is searched over (`terms_in`), so that a French
question finds an English clause by the words they share and the reverse. Resolution
numbers ("73/266", "es-11/1" as "11/1") stay one token so that a reference is matched
as a whole."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.lexicon import fold

# This stage's version (lexical terms for BM25): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
VERSION = 1

_TOKEN = re.compile(r"\d{1,3}/\d{1,4}|[a-z0-9]+")
# Words that carry no topic in a question, on top of French stop words.
_QUESTION_WORDS = {
    "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "does", "do",
    "did", "is", "are", "was", "were", "be", "the", "a", "an", "of", "in", "on", "about",
    "to", "for", "and", "or", "with", "by", "it", "its", "this", "that", "these", "those",
    "say", "says", "said", "tell", "me", "text", "texts", "resolution", "resolutions",
    "paragraph", "document", "any", "there", "anything", "mention", "mentions", "from",
    "quoi", "que", "qu", "quel", "quelle", "quels", "quelles", "est", "ce", "dit", "dire",
    "texte", "textes", "paragraphe", "sujet", "propos", "paragraphs", "paragraphes", "alinea",
    "alineas",
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
    # asking whether a text speaks of something: "Does it refer to…", "talk about"
    "refer", "refers", "talk", "speak", "speaks",  # ("talks": "peace talks")
}  # fmt: skip


# the languages the index analyses in their own way; any other is analysed as French
ANALYSED = ("fr", "en")
_STEMMERS = {"fr": "french", "en": "english"}


def analysed(language: str | None) -> str:
    """The analysis a text of this language gets ("de", "und", None: the French one, as
    before languages were told apart)."""
    return language if language in ANALYSED else "fr"


@lru_cache(maxsize=2)
def _stopwords(language: str = "fr") -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_FRENCH

    words = STOPWORDS_EN if language == "en" else STOPWORDS_FRENCH
    return frozenset(fold(w) for w in words)


@lru_cache(maxsize=2)
def _stemmer(language: str = "fr"):
    import Stemmer

    return Stemmer.Stemmer(_STEMMERS[language])


def terms(text: str, language: str | None = "fr") -> list[str]:
    """Index terms of a text in its language: folded, stop words out, stemmed."""
    language = analysed(language)
    words = [w for w in _TOKEN.findall(fold(text)) if w not in _stopwords(language)]
    stems = _stemmer(language).stemWords([w for w in words if "/" not in w])
    it = iter(stems)
    return [w if "/" in w else next(it) for w in words]


def terms_in(text: str, languages) -> list[str]:
    """The text's terms in each of these languages' analyses, each term once (a word
    both analyses stem alike counts once in BM25), without the stop words of any of them
    (French "la" is no English content word)."""
    languages = [analysed(language) for language in languages]
    kept = " ".join(w for w in _TOKEN.findall(fold(text)) if not _stop_word(w, languages))
    found: list[str] = []
    for language in languages:
        found += terms(kept, language)
    return list(dict.fromkeys(found))


def _stop_word(word: str, languages) -> bool:
    return any(word in _stopwords(language) for language in languages)


def key_terms(text: str, language: str | None = "fr") -> list[str]:
    """Topic-bearing terms of a question (question words removed)."""
    words = [w for w in _TOKEN.findall(fold(text)) if w not in _QUESTION_WORDS]
    return [t for w in words for t in terms(w, language)]


def key_words(text: str, languages=ANALYSED) -> list[tuple[tuple[str, ...], ...]]:
    """Each topic-bearing word of a question as its stem in each analysis (one variant
    per distinct stem; none when every analysis drops it as a stop word), in order, each
    word once: "recalling" -> (("recalling",), ("recal",))."""
    found: dict[tuple[tuple[str, ...], ...], None] = {}
    for word in _TOKEN.findall(fold(text)):
        if word in _QUESTION_WORDS or word.isdigit() or _stop_word(word, languages):
            continue
        stems = dict.fromkeys(t for language in languages for t in terms(word, language)[:1])
        if stems:
            found[tuple((stem,) for stem in stems)] = None
    return list(found)
