"""Noise repair for French resolution texts from OCR and PDF extraction.

Each repair is a general rule about how scanners and PDF extractors damage
French text, checked against a French word list where a guess is involved:

* letters OCR confuses: `l'` read as `I'`, `1'`, `[’`, `D'` or lost (`’ordre`);
  `la` as `1a`; `1er` as `ler`; `à` as `a`; `è`/`é` as `é`/`eé`; `ç` as `g`;
  `ô` as `d`; `é` as `¢é` or `¢`;
* footnote markers glued to words or years (`20132` = 2013 + note 2);
* words split by a space (`prévisibili té`) and elisions split from their word
  (`l ’humanité`);
* URLs, and runs of spaces.

Page furniture (running headers, footers, job numbers, footnote blocks) is
removed line by line in `parsing`, where the page layout is still visible.
"""

from __future__ import annotations

import itertools
import re

from assistant import lexicon

APOSTROPHES = "’'"
_WORD = r"[^\W\d_]+"

# Observed -> true substitutions an OCR engine makes inside words, tried when a
# word is not French and the substituted form is.
_CONFUSIONS = [
    ("eé", "è"),
    ("eé", "é"),
    ("é", "è"),
    ("é", "ê"),
    ("e", "è"),
    ("e", "é"),
    ("e", "ê"),
    ("g", "ç"),
    ("d", "ô"),
    ("o", "ô"),
    ("a", "â"),
    ("i", "î"),
    ("u", "û"),
    ("1", "l"),
]
MONTHS = (  # French month names, with and without accents (a regex alternation)
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre"
)
# Words after which a lone "a" is the verb avoir, not the preposition à.
_AVOIR_SUBJECTS = {"il", "elle", "on", "qui", "y", "ce", "cela", "ceci", "qu", "n", "ne", "t"}
_PARTICIPLE = re.compile(r"(été|eu|pu|dû|fait|pris|mis|dit|[^\W\d_]+(é|és|ée|ées|is|u|us))\b")


def clean_paragraph(text: str) -> str:
    """Full repair of one paragraph (already stripped of page furniture)."""
    text = remove_urls(text)
    text = normalize_spaces(text)
    text = repair_elisions(text)
    text = repair_words(text)
    text = repair_preposition_a(text)
    text = join_split_words(text)
    return normalize_spaces(text)


def normalize_spaces(text: str) -> str:
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\t", " ")
    text = re.sub(r"\s+", " ", text)
    return text.strip()


def remove_urls(text: str) -> str:
    return re.sub(r"(?:https?://|www\.)\S+", " ", text)


def repair_elisions(text: str) -> str:
    """`I’ordre`, `1’humanité`, `[’homme`, `D’intérêt` (mid-sentence), `’ordre`,
    and `l ’humanité` all become the elided article they were."""
    a = f"[{APOSTROPHES}]"
    # A PDF space between an elided article and its word: `l ’humanité`.
    elided = r"[ldjmnstcLDJMNSTC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu"
    text = re.sub(rf"\b({elided})\s+({a})\s*(?=[^\W\d_])", r"\1\2", text)
    text = re.sub(rf"\b({elided})({a})\s+(?=[^\W\d_])", r"\1\2", text)
    # A letter the scanner misread as l before an apostrophe, at a word start.
    text = re.sub(rf"(?<![\w])[I1\[|]\s?({a})(?=[^\W\d_])", r"l\1", text)
    # A capital D' after a lowercase word is a misread l' (a new sentence keeps it).
    text = re.sub(rf"(?<=[a-zà-ÿ,] )D({a})(?=[^\W\d_])", r"l\1", text)
    # The letter lost entirely: a bare apostrophe opening a word.
    text = re.sub(rf"(?:(?<=[\s(«])|^)({a})(?=[^\W\d_]{{2,}})", r"l\1", text)
    return text


def repair_words(text: str) -> str:
    """Word-level OCR repairs, each accepted only when it yields a French word."""
    text = re.sub(r"(?<!\w)1([aeé])(?!\w)", r"l\1", text)  # "1a" -> "la"
    text = text.replace("¢é", "é").replace("¢", "é")  # ¢ is never French: a misread é
    text = re.sub(rf"\b(du|le|au) ler (?=(?:{MONTHS})\b)", r"\1 1er ", text)
    return re.sub(r"[^\W\d_]+", _repair_token, text)


def _repair_token(match: re.Match) -> str:
    word = match.group(0)
    if len(word) < 3 or lexicon.is_word(word) or not re.search(r"[^\W\d_]", word):
        return word
    candidate = best_correction(word)
    return candidate if candidate else word


def best_correction(word: str) -> str | None:
    """The most frequent French word one OCR confusion away, else two.

    The first letter of a capitalised word is left alone: `Etats` is a legitimate
    unaccented capital, not noise.
    """
    start = 1 if word[:1].isupper() else 0
    frontier = {word.lower()}
    for _ in range(2):
        frontier = {
            form[:pos] + right + form[pos + len(wrong) :]
            for form in frontier
            for wrong, right in _CONFUSIONS
            for pos in _positions(form, wrong, start)
        }
        scored = [(lexicon.frequency(c), c) for c in frontier]
        freq, fixed = max(scored, default=(0, ""))
        if freq:
            return fixed[0].upper() + fixed[1:] if word[0].isupper() else fixed
    return None


def _positions(text: str, part: str, start: int) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(part), text) if m.start() >= start]


def repair_preposition_a(text: str) -> str:
    """A lone `a` is the verb avoir only after a subject or before a participle;
    elsewhere in a resolution it is the preposition `à` with its accent lost."""
    pieces, last = [], 0
    for match in re.finditer(r"(?<![\w’'\-])a(?= (\S+))", text):
        before = re.findall(_WORD, text[max(0, match.start() - 40) : match.start()])
        if before and before[-1].lower() in _AVOIR_SUBJECTS:
            continue
        if _PARTICIPLE.match(match.group(1)):
            continue
        pieces += [text[last : match.start()], "à"]
        last = match.end()
    return "".join([*pieces, text[last:]])


def join_split_words(text: str) -> str:
    """`prévisibili té` -> `prévisibilité`: join two tokens when together they
    are a French word and at least one of them alone is not."""
    tokens = list(re.finditer(rf"(?<![\w’']){_WORD}(?![\w’'])", text))
    pieces, last, skip_until = [], 0, -1
    for left, right in itertools.pairwise(tokens):
        if left.start() < skip_until or text[left.end() : right.start()] != " ":
            continue
        whole = left.group() + right.group()
        alone = lexicon.is_word(left.group()) and lexicon.is_word(right.group())
        if len(whole) >= 6 and lexicon.is_word(whole) and not alone:
            pieces += [text[last : left.end()]]
            last, skip_until = right.start(), right.end()
    return "".join([*pieces, text[last:]])


def detach_footnote_markers(text: str, expected: list[int]) -> tuple[str, list[int]]:
    """Remove footnote markers in document order, returning those found.

    A marker is the next expected note number glued to a word (`rapports1`) or
    following a year (`2010 1`, `20132`). Looking only for the next number in
    sequence keeps ordinary figures untouched.
    """
    found: list[int] = []
    pos = 0
    for number in expected:
        n = str(number)
        pattern = re.compile(
            rf"(?<=\b(?:19|20)\d\d) ?{n}(?=[\s,;.:)]|$)|(?<=[^\W\d_]){n}(?=[\s,;.:)]|$)"
        )
        match = pattern.search(text, pos)
        if not match:
            break
        text = text[: match.start()] + text[match.end() :]
        pos = match.start()
        found.append(number)
    return text, found
