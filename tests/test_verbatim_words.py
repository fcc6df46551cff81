"""Cleaning never invents text: every word of a stored clause is a word of the source,
or adjacent source pieces joined — or, in French text only, a source word with one of
the listed French OCR repairs (`assistant.reading.cleaning.OCR_REPAIRS`: `I’` -> `l’`, `1a` ->
`la`, `Progreés` -> `Progrès`…), and then only where the repaired form is a word of the
French list.

Checked on every document of ../shared (seeds, English resolutions as text and PDF,
the IBE collections) and the English resolutions the eval adds (eval/documents/), read
generically: no file is named, no count is pinned, and a
failure reports only how many words broke the rule. Then on generated English text
with words split by a space (hypothesis).

"Word": a run of letters and digits. "Source": the text the reader gives (the text
file, the PDF's text layer, a collection's paragraphs). A word may also be a source
word less a footnote call glued to it (`20132` -> `2013`).
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import lexicon
from assistant.reading.parsing import parse_document
from assistant.reading.readers import READERS, load_document
from assistant.reading.text_language import clause_language, document_language

SHARED = Path(__file__).resolve().parents[2] / "shared"
ADDED = Path(__file__).resolve().parents[1] / "eval" / "documents"  # the eval's added ones
DOCUMENTS = sorted(
    p
    for folder in (SHARED / "seeds", SHARED / "corpora", ADDED)
    for p in folder.rglob("*")
    if p.is_file() and p.suffix in (".txt", ".pdf", ".json") and not p.name.endswith(".meta.json")
)
_TOKEN = re.compile(r"[^\W_]+")


def _canon(word: str) -> str:
    """A French word and its OCR-damaged form share this (accents off, `eé`, `g`/`ç`,
    `d`/`ô`, `1`/`l`, `I`/`l` folded together)."""
    folded = lexicon.fold(word).replace("ee", "e")
    return folded.translate(str.maketrans({"g": "c", "d": "o", "1": "l", "i": "l"}))


class Source:
    def __init__(self, text: str, french: bool):
        self.tokens = set()
        self.canon: set[str] = set()
        variants = [text]
        if french:  # the listed repairs of characters that are not letters
            variants.append(text.replace("¢é", "é").replace("¢", "é").replace("[’", "l’"))
        for variant in variants:
            tokens = _TOKEN.findall(variant)
            for size in (1, 2, 3):  # a word, or adjacent pieces joined
                for i in range(len(tokens) - size + 1):
                    joined = "".join(tokens[i : i + size])
                    self.tokens.add(joined)
                    if french:
                        self.canon.add(_canon(joined))

    def allows(self, word: str, language: str | None) -> bool:
        if word in self.tokens:
            return True
        if any(f"{word}{n}" in self.tokens for n in range(1, 100)):  # a footnote call off
            return True
        return (
            language == "fr" and lexicon.is_word(word, "fr") and _canon(word) in self.canon
        ) or (language == "fr" and word == "1er" and "ler" in self.tokens)


def source_text(path: Path, doc) -> str:
    if path.suffix == ".json":
        return doc.raw_text
    return READERS[path.suffix](path)


def violations(doc, source: str) -> tuple[int, int]:
    """(words checked, words not the source's). Whether a clause is French is decided
    here from the source and the clause's words, not taken from what the parser says."""
    checked = broken = 0
    french_source = Source(source, french=True)
    plain_source = Source(source, french=False)
    document = document_language(source)
    for clause in doc.clauses:
        language = clause_language(clause.text, document)
        allowed = french_source if language == "fr" else plain_source
        for word in _TOKEN.findall(clause.text):
            checked += 1
            broken += not allowed.allows(word, language)
    return checked, broken


@pytest.mark.skipif(not DOCUMENTS, reason="../shared not present")
@pytest.mark.parametrize("index", range(len(DOCUMENTS)))
def test_every_word_of_every_clause_is_a_word_of_the_source(index):
    path = DOCUMENTS[index]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = load_document(path)
    checked, broken = violations(doc, source_text(path, doc))
    assert checked > 0
    assert broken == 0, f"document #{index}: {broken} of {checked} words are not the source's"


def test_english_resolutions_are_read_as_english():
    folder = SHARED / "corpora" / "english-resolutions"
    if not folder.is_dir():
        pytest.skip("../shared not present")
    for path in sorted(folder.glob("*.txt")):
        doc = load_document(path)
        assert doc.language == "en" and {c.language for c in doc.clauses} == {"en"}


# ------------------------------------------------------------------ generated text
ENGLISH = [
    "the", "Assembly", "Recalling", "resolution", "prevention", "General", "Agreement",
    "Urges", "States", "cooperation", "outer", "space", "humankind", "development",
    "international", "security", "a", "of", "to", "and", "Members", "Charter",
]  # fmt: skip


@st.composite
def english_text(draw):
    words = draw(st.lists(st.sampled_from(ENGLISH), min_size=5, max_size=60))
    out = []
    for word in words:  # sometimes cut by a space, as PDF extraction does
        cut = draw(st.integers(0, len(word))) if draw(st.booleans()) else 0
        out.append(f"{word[:cut]} {word[cut:]}" if 0 < cut < len(word) else word)
    return "The General Assembly,\n\nRecalling " + " ".join(out) + ",\n\n1. Urges the States."


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(english_text())
def test_generated_english_keeps_its_words(raw):
    doc = parse_document(raw, source="generated.txt")
    assert violations(doc, raw)[1] == 0
