"""Noise repair for resolution texts from OCR and PDF extraction, never inventing text.

The rule every repair keeps: each word of a cleaned paragraph is a word of the source,
or adjacent source pieces joined (`prévisibili té` -> `prévisibilité`, `Oute r` ->
`Outer`, `space -based` -> `space-based`), or, in French text only, a word of the
source with one of the OCR repairs listed below (`OCR_REPAIRS`). A property test
checks it on every document of `../shared` (tests/test_verbatim_words.py).

What runs depends on the paragraph's language (`clean_paragraph(text, language)`):

* every language: URLs out, runs of spaces collapsed;
* English and French: a word split by a space is joined only with evidence, when the
  joined form is a word of that language's word list or occurs whole elsewhere in the
  document (`vocabulary`), and one of the pieces alone is not a word; a hyphen cut
  off its word by extraction (`space -based`) is put back;
* French only, the OCR repairs of French scans, each accepted only when it yields a
  French word of the list:

* letters OCR confuses: `l'` read as `I'`, `1'`, `[’`, `D'` or lost (`’ordre`);
  `la` as `1a`; `1er` as `ler`; `à` as `a`; `è`/`é` as `é`/`eé`; `ç` as `g`;
  `ô` as `d`; `é` as `¢é` or `¢`;
* footnote markers glued to words or years (`20132` = 2013 + note 2);
* elisions split from their word (`l ’humanité`).

Page furniture (running headers, footers, job numbers, footnote blocks) is
removed line by line in `parsing`, where the page layout is still visible.
"""

from __future__ import annotations

import itertools
import re

from assistant import lexicon

# This stage's version (OCR/PDF repairs): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
VERSION = 1

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


# What "a word of the source with an OCR repair" may be, in French text only: the
# substitutions below (OCR confusions, each tried only where it gives a French word),
# and the elided article misread (`I’`, `1’`, `[’`, `D’` -> `l’`, a lost `l` restored
# before an apostrophe), `1a` -> `la`, `ler` -> `1er`, `¢é`/`¢` -> `é`, `a` -> `à`.
OCR_REPAIRS = (
    *_CONFUSIONS,
    ("I’", "l’"), ("1’", "l’"), ("[’", "l’"), ("D’", "l’"), ("’", "l’"),
    ("1a", "la"), ("ler", "1er"), ("¢é", "é"), ("¢", "é"), ("a", "à"),
)  # fmt: skip


def clean_paragraph(text: str, language: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Repair one paragraph (already stripped of page furniture) written in `language`;
    `vocabulary`: the lowercased words of the whole document, evidence for joining."""
    text = remove_urls(text)
    text = normalize_spaces(text)
    if language == "fr":
        text = repair_elisions(text)
        text = repair_words(text)
        text = repair_preposition_a(text)
    if language == "en":
        text = re.sub(r"(?<=\w) +(?=”)", "", text)  # `Countries ”,`: no space before ”
    if language in lexicon.LANGUAGES:
        text = join_split_words(text, language, vocabulary)
        text = join_cut_hyphens(text, vocabulary)
    return normalize_spaces(text)


def document_vocabulary(text: str) -> frozenset[str]:
    """The lowercased words of a text, as evidence that a joined form is a word of it."""
    return frozenset(w.lower() for w in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))


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


_MIN_JOINED = {"fr": 6, "en": 4}  # shorter joins are too often two real words


def join_split_words(
    text: str, language: str = "fr", vocabulary: frozenset[str] = frozenset()
) -> str:
    """`prévisibili té` -> `prévisibilité`, `Oute r` -> `Outer`: join two tokens when
    together they are a word of the language's list or of the document (`vocabulary`),
    and at least one of them alone is not a word of the list."""
    tokens = list(re.finditer(rf"(?<![\w’'-]){_WORD}(?![\w’'-])", text))
    pieces, last, skip_until = [], 0, -1
    for left, right in itertools.pairwise(tokens):
        if left.start() < skip_until or text[left.end() : right.start()] != " ":
            continue
        whole = left.group() + right.group()
        alone = lexicon.is_word(left.group(), language) and lexicon.is_word(right.group(), language)
        known = lexicon.is_word(whole, language) or whole.lower() in vocabulary
        if len(whole) >= _MIN_JOINED.get(language, 6) and known and not alone:
            pieces += [text[last : left.end()]]
            last, skip_until = right.start(), right.end()
    return "".join([*pieces, text[last:]])


def join_cut_hyphens(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """`space -based` -> `space-based` (a hyphen never opens a word after a space);
    `space - based` -> `space-based` only when the document writes `space-based`."""
    text = re.sub(r"(?<=[^\W\d_]) -(?=[^\W\d_])", "-", text)

    def spaced(match: re.Match) -> str:
        joined = f"{match.group(1)}-{match.group(2)}"
        return joined if joined.lower() in vocabulary else match.group(0)

    return re.sub(r"([^\W\d_]+) - ([^\W\d_]+)", spaced, text)


def detach_footnote_markers(text: str, expected: list[int]) -> tuple[str, list[int]]:
    """Remove footnote markers in document order, returning those found.

    A marker is the next expected note number glued to a word (`rapports1`) or
    following a year (`2010 1`, `20132`), or, as pdftotext prints a superscript, after
    a word and a space before a lowercase word (`Agreement 4 requires`) or after a
    comma (`activities, 1`) or glued to the semicolon that ends a paragraph or a
    sub-paragraph (`for 2017/18;4`, `2015–2030;15 Ensuring`; a spaced number after a
    semicolon is a figure: "in favour; 5 against") or after the full stop that ends the
    paragraph (`Development.2`, `Future. 16`: no sentence ends with a number), or
    written as Markdown writes it (`Diversity[^10]`; a note before it whose call is not
    found is passed over), unless the word is one a number follows ("Article 2 of").
    Looking only for the next number in sequence keeps ordinary figures untouched.
    """
    found: list[int] = []
    pos = 0
    for number in expected:
        n = str(number)
        pattern = re.compile(
            rf"(?<=\b(?:19|20)\d\d) ?{n}(?=[\s,;.:)]|$)|(?<=[^\W\d_]){n}(?=[\s,;.:)]|$)"
            rf"|(?<=[^\W\d_]) {n}(?= [a-zà-ÿ])|(?<=\w,) ?{n}(?=\s|$)|(?<=\w;){n}(?=\s*$|\s+[A-Z])"
            rf"|(?:(?<=[^\W\d_]\.)|(?<=[)”’\"]\.)) ?{n}(?=\s*$)|\s?\[\^{n}\]"
        )
        match = next(
            (
                m
                for m in pattern.finditer(text, pos)
                if not _after_a_numbered_word(text, m) and not _spaced_after_a_common_word(text, m)
            ),
            None,
        )
        if not match:
            later = [int(m) for m in re.findall(r"\[\^(\d{1,3})\]", text[pos:])]
            if any(m > number for m in later):
                continue  # a later note's call is written out: this one's is lost
            break
        text = text[: match.start()] + text[match.end() :]
        pos = match.start()
        found.append(number)
    return text, found


# Words a number follows as a quantity or reference, not as a footnote marker.
_NUMBERED = {
    "article", "articles", "paragraph", "paragraphs", "para", "section", "chapter",
    "annex", "appendix", "item", "items", "resolution", "resolutions", "decision",
    "decisions", "rule", "rules", "principle", "protocol", "goal", "target", "no", "vol",
    "page", "pages", "part", "volume", "phase", "level", "option", "table", "figure",
    "session", "meeting", "step", "stage", "group", "number", "op", "pp", "box", "point",
    "paragraphe", "paragraphes", "alinéa", "résolution", "résolutions", "décision",
    "chapitre", "annexe", "objectif", "cible", "règle", "principe", "protocole", "partie",
    "séance", "points", "numéro", "étape", "niveau", "tableau",
}  # fmt: skip


def _spaced_after_a_common_word(text: str, match: re.Match) -> bool:
    """A spaced number right after a lowercase word is a quantity ("held from 5 to 12
    December", "over 3 years"), not a superscript: a marker spaced off a word follows a
    name ("Agreement 4 requires"), a comma or a year."""
    if not match.group().startswith(" ") or match.start() == 0:
        return False
    before = text[max(0, match.start() - 30) : match.start()]
    word = re.search(r"([^\W\d_]+)$", before)
    return bool(word) and word.group(1)[0].islower()


def _after_a_numbered_word(text: str, match: re.Match) -> bool:
    """A spaced number after a word a number follows: `Article 2`, `paragraphe 3`."""
    if not match.group().startswith(" "):
        return False
    before = re.findall(r"[^\W\d_]+", text[max(0, match.start() - 30) : match.start()])
    return bool(before) and before[-1].lower() in _NUMBERED


def detach_repeated_markers(text: str, cited: set[int]) -> tuple[str, list[int]]:
    """Remove a second call of a note already cited (`Goals2 for`, `Development, 2
    taking`): one of the document's note numbers right after a word (a comma between
    them allowed), glued to it or followed by a lowercase word, unless the word is one a
    number follows ("Article 2 of", "paragraph 3 of") or, spaced off it with no comma, a
    lowercase word ("held from 5 to 12 December")."""
    if not cited:
        return text, []
    numbers = "|".join(str(n) for n in sorted(cited, reverse=True))
    found: list[int] = []

    pattern = rf"([^\W\d_]+)(,?)(?:({numbers})(?=[\s;.:)]|$)| ({numbers})(?= [a-zà-ÿ]))"

    def either(match: re.Match) -> str:
        number = match.group(3) or match.group(4)
        if match.group(1).lower() in _NUMBERED:
            return match.group(0)
        if match.group(4) and not match.group(2) and match.group(1)[0].islower():
            return match.group(0)  # "held from 5 to 12 December": a quantity
        found.append(int(number))
        return match.group(1) + match.group(2)

    return re.sub(pattern, either, text), found
