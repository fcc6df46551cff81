"""Paragraph references: how a question names a paragraph of a resolution.

"op. 6", "preambular paragraph 3", "the third preambular paragraph", "recital 3",
"le considérant 4", "paragraphe 1 b)", "le point 1 a)", "operative paragraph three", "the
last / penultimate preambular paragraph", "How does 75/32 end?" (its last operative
paragraph), "How does it open?" (its first preambular one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.asking.language import detect_language
from assistant.documents import UNLETTERED
from assistant.lexicon import accent_insensitive, fold
from assistant.lexicon import question_pattern as _compile
from assistant.ordinals import ROMAN_LAST, ordinal_value, roman_numeral, roman_value

_ORDINALS_EN = [
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
]  # fmt: skip
_ORDINALS_FR = [
    "premier", "deuxième", "troisième", "quatrième", "cinquième", "sixième", "septième",
    "huitième", "neuvième", "dixième", "onzième", "douzième", "treizième", "quatorzième",
    "quinzième", "seizième",
]  # fmt: skip
_FOLDED_ORDINALS_FR = [fold(w) for w in _ORDINALS_FR]
# "operative paragraph three", "paragraphe trois": a number written out, after the noun only
# ("the two operative paragraphs" names none), from two ("one", "un" are as often a pronoun
# or an article: "an operative one", "considérant un …")
_CARDINALS_EN = [
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty",
]  # fmt: skip
_CARDINALS_FR = [
    "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
]  # fmt: skip
_ORD = "|".join(_ORDINALS_EN + _ORDINALS_FR + ["première", "1re", "1er", "opening"])
_NUM = rf"(\d{{1,2}}(?:st|nd|rd|th|e|ème|er|re)?|{_ORD})"
_WORDS = "|".join(_CARDINALS_EN + _CARDINALS_FR)
_NUM_AFTER = rf"(\d{{1,2}}(?:st|nd|rd|th|e|ème|er|re)?|(?:{_ORD}|{_WORDS})\b)"
_POINT = r"(?:\s*,?\s*(?:sub-?para(?:graph)?|alinéa|point|letter)?\s*\(?([a-h])\))?"
_ANNEXED = r"(?:annex|annexe)"
# which annexed text, when there are several: "annex II", "annexe 2"
_WHICH_ANNEX = r"(?:\s+(?:[IVX]{1,4}|\d{1,2}))?"
# "annex II", "annexe 2", "the second annex", "la deuxième annexe"
_ANNEX_NUMBER_RX = re.compile(
    r"\bannexe?\s+([IVX]{1,4}|\d{1,2})\b|"
    r"\b(first|second|third|fourth|fifth|premi[eè]re|deuxi[eè]me|seconde|troisi[eè]me|"
    r"quatri[eè]me|cinqui[eè]me)\s+annexe?\b",
    re.I,
)
# "paragraph 12 of the declaration", "le paragraphe 2 de la déclaration politique": the
# text a resolution adopts is its annex (not "the Beijing Declaration" it cites)
_THE_DECLARATION = (
    r"(?:the|this|that|la|cette)\s+(?:political\s+|politique\s+)?(?:declaration|déclaration)\b"
    r"(?!\s+(?:on|sur|universelle|of human|des droits))"
)
_PARAGRAPH_PATTERNS = [
    # a paragraph of an annexed text: "annex paragraph 12", "annex, para. 3 (b)", "paragraph
    # 12 of the annex", "le paragraphe 4 de l'annexe", "the 12th paragraph of the annex",
    # "paragraph 12 of the declaration" (`_THE_DECLARATION`)
    ("annex", rf"\b(?:annex|annexe){_WHICH_ANNEX}\s*,?\s*(?:paragraph|para\.?|paragraphe|§)\s*"
              rf"{_NUM_AFTER}{_POINT}"),
    ("annex", rf"\b(?:paragraph|para\.?|paragraphe|§)\s*{_NUM_AFTER}{_POINT}\s+(?:of|in|de|du)"
              rf"\s+(?:the\s+|l[’']\s*)?(?:[\w’'/-]+\s+){{0,2}}?{_ANNEXED}\b"),
    ("annex", rf"\b{_NUM}\s+(?:paragraph|para\.?|paragraphe)\s+(?:of|in|de)\s+"
              rf"(?:the\s+|l[’']\s*)?(?:[\w’'/-]+\s+){{0,2}}?{_ANNEXED}\b"),
    ("annex", rf"\b(?:paragraph|para\.?|paragraphe|§)\s*{_NUM_AFTER}{_POINT}\s+(?:of|in|de|du)"
              rf"\s+{_THE_DECLARATION}"),
    ("annex", rf"\b{_NUM}\s+(?:paragraph|para\.?|paragraphe)\s+(?:of|in|de)\s+{_THE_DECLARATION}"),
    ("preambular", rf"\b(?:pp\.?|preambular paragraph|preambular para\.?|preambular clause|"
                   rf"preambular|PP|recital|considérant)\s*{_NUM_AFTER}"),
    ("preambular", rf"\b{_NUM}\s+(?:preambular paragraph|paragraph of the preamble|"
                   rf"preambular clause|recital|alinéa du préambule|considérant)"),
    ("preambular", rf"\b(?:alinéa|paragraphe)\s*{_NUM}\s+du préambule"),
    # "75/32's preamble, paragraph nine", "le préambule de 75/32 : alinéa 4"
    ("preambular", rf"\b(?:preamble|préambule)(?:\s+(?:of|de|du)\s+[\w/’'-]+)?\s*[,:]?\s*"
                   rf"(?:paragraph|para\.?|clause|alinéa|paragraphe)\s*{_NUM_AFTER}"),
    # "the ninth paragraph of the draft's preamble", "paragraph 9 in the preamble of 75/32"
    ("preambular", rf"\b{_NUM}\s+(?:paragraph|para\.?|clause)\s+(?:of|in)\s+(?:the\s+)?"
                   rf"(?:[\w’'/-]+\s+){{0,3}}?preamble\b"),
    ("preambular", rf"\b(?:paragraph|para\.?)\s*{_NUM}\s+(?:of|in)\s+(?:the\s+)?"
                   rf"(?:[\w’'/-]+\s+){{0,3}}?preamble\b"),
    ("operative", rf"\b(?:alinéa|point|sub-?para(?:graph)?|letter)\s*\(?([a-h])\)\s+(?:du|of)\s+"
                  rf"(?:operative\s+)?(?:paragraphe|paragraph|para\.?|op\.?)\s*{_NUM}"),
    # "l'alinéa a) du premier paragraphe", "point (b) of the first operative paragraph"
    # "sub-paragraph (a) under 75/32's first operative paragraph"
    ("operative", rf"\b(?:alinéa|point|sub-?para(?:graph)?|letter)\s*\(?([a-h])\)\s+"
                  rf"(?:du|of|under|in|within|de)\s+(?:the\s+|la\s+|l[’']\s*)?"
                  rf"(?:[\w’'/-]+\s+){{0,2}}?{_NUM}\s+(?:operative\s+)?(?:paragraphe|paragraph)"),
    # "le point 1 a)"
    ("operative", r"\bpoint\s*(\d{1,2})\s*\(?([a-h])\)"),
    # "operative clause 4", "clause 4", "le paragraphe opérationnel 3"
    ("operative", rf"\b(?:operative clause|clause|paragraphe opérationnel)\s*{_NUM_AFTER}"
                  rf"{_POINT}"),
    ("operative", rf"\b{_NUM}\s+(?:operative clause|paragraphe opérationnel)"),
    # "the second paragraph of the operative part"
    ("operative", rf"\b{_NUM}\s+(?:paragraph|para\.?|clause)\s+(?:of|in)\s+(?:the\s+)?"
                  rf"operative (?:part|section)\b"),
    ("operative", rf"\b(?:op\.?|operative paragraph|operative para\.?|operative|OP|paragraph|"
                  rf"para\.?|paragraphe|§)\s*{_NUM_AFTER}{_POINT}"),
    ("operative", rf"\b{_NUM}\s+(?:operative paragraph|paragraphe du dispositif)"),
    # "the first decision of 75/32", "la deuxième disposition du projet"
    ("operative", rf"\b{_NUM}\s+(?:decision|provision|décision|disposition)\b"),
    # "le 2e paragraphe de 75/32" (the preamble's were matched above), not "the first
    # paragraph that mentions…", which asks for a search
    ("operative", rf"\b{_NUM}\s+(?:paragraph|para\.?|paragraphe)\b(?!\s+(?:that|which|to|where|"
                  rf"about|on|mentioning|dealing|qui|que|où|sur|parlant|mentionnant|traitant)\b)"),
]  # fmt: skip
_PARAGRAPH_RX = [(k, _compile(p)) for k, p in _PARAGRAPH_PATTERNS]
# "alinéa b) du paragraphe 1", "sub-paragraph (a) of operative paragraph 2"
_POINT_FIRST = accent_insensitive(r"\b(?:alinéa|point|sub-?para(?:graph)?|letter)")
LAST = -1  # ParagraphRef.number for "the last paragraph"
PENULTIMATE = -2  # "the penultimate paragraph": numbers below 0 count from the end
_BEFORE_LAST = r"(?:penultimate|second[- ]to[- ]last|next[- ]to[- ]last|avant[- ]derni(?:er|ère))"
_PENULTIMATE_RX = [
    ("preambular", _compile(rf"\b{_BEFORE_LAST} (?:preambular (?:paragraph|clause)|recital|"
                              r"paragraph of the preamble|(?:alinéa|paragraphe) du préambule|"
                              r"considérant)")),
    ("operative", _compile(rf"\b{_BEFORE_LAST} (?:operative )?(?:paragraph|clause)|"
                             rf"\b{_BEFORE_LAST} paragraphe")),
]  # fmt: skip
_LAST_RX = [
    ("preambular", _compile(r"\b(?:last|final|closing|concluding) (?:preambular paragraph|"
                              r"preambular clause|recital|paragraph of the preamble)|"
                              r"\bpreamble[’']s (?:last|final|closing) (?:paragraph|clause)|"
                              r"\b(?:dernier|ultime) (?:alinéa du préambule|paragraphe du préambule|"
                              r"considérant)|"
                              r"\b(?:alinéa|paragraphe|considérant) final du préambule")),
    ("operative", _compile(r"\b(?:last|final|closing|concluding) (?:operative )?paragraph|"
                             r"\bdernier paragraphe|"
                             r"\bparagraphe final\b")),
]  # fmt: skip


def _how_a_text(verbs_en: str, verbs_fr: str) -> str:
    """ "How does the preamble of 75/32 end?", "What does 75/32 open with?", "Par quoi
    commence le projet ?": how a text, or a part of it, opens or ends."""
    words = r"(?:[\w'’/-]+ )"
    return (
        rf"\bhow do(?:es)? {words}{{1,6}}(?:{verbs_en})\W*$|"
        rf"\bwhat do(?:es)? {words}{{1,6}}(?:{verbs_en}) (?:with|on)\b|"
        rf"\b(?:comment|par quoi|sur quoi) {words}{{0,5}}{verbs_fr}"
    )


# how a text ends: its last operative paragraph, its preamble's last one when the question
# names the preamble ("How do the two texts end?", "the final decision", "par quoi le
# projet se termine-t-il ?"), then named as the texts name it
_ENDING_RX = _compile(
    r"\b(?:final|closing|concluding) (?:operative )?(?:clause|decision|provision)s?\b|"
    r"\blast (?:clause|decision|provision)s?\b(?! (?:on|about)\b)|"
    r"\b(?:dernière|ultime) (?:décision|disposition|clause)s?\b|"
    r"\b(?:décision|disposition|clause)s? finales?\b|"
    + _how_a_text("end|close|conclude", r"se (?:termin|conclu|achèv|fini)\w*")
)
_ENDING_NAMES = {
    "operative": {"en": "last operative paragraph", "fr": "dernier paragraphe du dispositif"},
    "preambular": {"en": "last preambular paragraph", "fr": "dernier alinéa du préambule"},
}
# how a text opens: its first preambular paragraph, its operative part's first when the
# question names that ("How does the preamble begin?", "the opening clause", "par quoi
# commence le projet ?")
_OPENING_RX = _compile(
    r"\bopening (?:clause|provision)s?\b|"
    + _how_a_text("begin|start|open", r"(?:commence|débute|s[’']ouvre)\w*")
)
_OPENING_NAMES = {
    "operative": {"en": "first operative paragraph", "fr": "paragraphe 1"},
    "preambular": {"en": "first preambular paragraph", "fr": "alinéa 1 du préambule"},
}
_PREAMBLE_RX = _compile(r"\bpreamb\w*|\bpréambul\w*")
_OPERATIVE_RX = _compile(r"\boperative\b|\bdispositif\b")
ORDINAL = _NUM  # a number or an ordinal (one group), for patterns built elsewhere


@dataclass
class ParagraphRef:
    kind: str  # "operative" | "preambular" | "annex" (a paragraph of an annexed text)
    number: int
    point: str | None
    surface: str
    annex: int | None = None  # which annexed text ("annex II": 2); None: the first


def annex_numeral(annex: int) -> str:
    """ "II" for the second annexed text, as the texts number them."""
    return roman_numeral(annex) if 1 <= annex <= ROMAN_LAST else str(annex)


def _which_annex(text: str, match: re.Match) -> int | None:
    """The annex a paragraph reference names, read at or just after it: "annex II,
    para. 3", "paragraph 2 of annex II", "le paragraphe 4 de l'annexe 2"."""
    found = _ANNEX_NUMBER_RX.search(text, max(match.start() - 20, 0), match.end() + 6)
    if not found:
        return None
    numeral, ordinal = found.group(1), found.group(2)
    if ordinal:  # "the second annex", "la deuxième annexe", "la seconde annexe"
        return 2 if fold(ordinal) == "seconde" else ordinal_value(ordinal)
    return int(numeral) if numeral.isdigit() else roman_value(numeral)


def ordinal_number(token: str) -> int | None:
    """ "3", "3rd", "third", "troisième", "trois", "opening" -> the number they name."""
    token = fold(token)  # "deuxième" or "deuxieme"
    if token in ("premiere", "1re", "1er"):
        return 1
    if token in _ORDINALS_EN:
        return _ORDINALS_EN.index(token) + 1
    if token in _FOLDED_ORDINALS_FR:
        return _FOLDED_ORDINALS_FR.index(token) + 1
    if token == "opening":
        return 1
    for cardinals in (_CARDINALS_EN, _CARDINALS_FR):
        if token in cardinals:
            return cardinals.index(token) + 2  # from "two" / "deux"
    digits = re.match(r"\d+", token)
    return int(digits.group()) if digits else None


def find_paragraph_ref(text: str) -> ParagraphRef | None:
    """The paragraph a question names as users name it ("op. 2 (b)", "le considérant 4",
    "the penultimate preambular paragraph", "How does 75/32 end?"); None if it names none."""
    for number, patterns in ((PENULTIMATE, _PENULTIMATE_RX), (LAST, _LAST_RX)):
        for kind, rx in patterns:
            m = rx.search(text)
            if m:
                return ParagraphRef(kind, number, None, m.group(0))
    # how a text (or its preamble) ends; how it (or its operative part) opens
    if _ENDING_RX.search(text):
        kind = "preambular" if _PREAMBLE_RX.search(text) else "operative"
        return ParagraphRef(kind, LAST, None, _ENDING_NAMES[kind][detect_language(text)])
    if _OPENING_RX.search(text):
        kind = "operative" if _OPERATIVE_RX.search(text) else "preambular"
        return ParagraphRef(kind, 1, None, _OPENING_NAMES[kind][detect_language(text)])
    for kind, rx in _PARAGRAPH_RX:
        m = rx.search(text)
        if not m:
            continue
        groups = [g for g in m.groups()]
        if rx.pattern.startswith(_POINT_FIRST):
            point, number = groups[0], ordinal_number(groups[1])
        else:
            number = ordinal_number(groups[0])
            point = groups[1].lower() if len(groups) > 1 and groups[1] else None
        if number:
            annex = _which_annex(text, m) if kind == "annex" else None
            return ParagraphRef(kind, number, point, m.group(0), annex)
    return None


def numbered_clause(
    document, kind: str, number: int | None, point: str | None = None, annex: int | None = None
):
    """The clause of `document` a reference of this kind names: an annex paragraph is a
    numbered "paragraph" of the annexed part (of annex `annex`, when it says which; else
    of the first); an operative number a text does not have (a recommendation's
    "paragraph 3", a declaration annexed to its resolution) names its numbered paragraph
    of that number, when it has one."""
    found = _numbered(document, kind, number, point, annex)
    if found is None and point and len(point) == 1 and "a" <= point <= "z":
        # "op. 7 (c)" of a paragraph whose sub-paragraphs lost their letters in extraction:
        # its third, cited as its paragraph (the letter is the question's, not the text's)
        found = _numbered(document, kind, number, f"{UNLETTERED}{ord(point) - 96}", annex)
    return found


def _numbered(document, kind: str, number: int | None, point: str | None, annex: int | None):
    if kind == "annex":
        return next(
            (
                c
                for c in document.clauses
                if c.part == "annex"
                and c.kind == "paragraph"
                and (c.number, c.point) == (number, point)
                and (annex is None or c.annex_number == annex)
            ),
            None,
        )
    found = document.numbered(kind, number, point)
    if found is None and kind == "operative":
        found = document.numbered("paragraph", number, point)
    return found


def numbers_of(document, kind: str, annex: int | None = None) -> list[int]:
    """The paragraph numbers of this kind a document has, in order (an operative
    reference counts its numbered paragraphs when it has no operative part; an annex one,
    those of annex `annex` when it says which)."""
    if kind == "annex":
        found = {
            c.number
            for c in document.clauses
            if c.part == "annex"
            and c.kind == "paragraph"
            and (annex is None or c.annex_number == annex)
        }
    else:
        found = {c.number for c in document.clauses if c.kind == kind}
        if not found and kind == "operative":
            found = {c.number for c in document.clauses if c.kind == "paragraph"}
    return sorted(n for n in found if n)


def with_article(name: str) -> str:
    """ "l’alinéa 5 du préambule", "le paragraphe 2" """
    return f"l’{name}" if name.startswith("alinéa") else f"le {name}"


def ref_name(
    kind: str, number: int, language: str, point: str | None = None, annex: int | None = None
) -> str:
    """ "operative paragraph 6", "alinéa 3 du préambule", "annex paragraph 2 (b)", "annex
    II paragraph 1": how a resolved question names a paragraph, in its language."""
    if kind == "annex":
        point_name = f" ({point})" if point else ""
        which = f" {annex_numeral(annex)}" if annex and annex > 1 else ""
        if language == "fr":
            return f"paragraphe {number}{f' {point})' if point else ''} de l’annexe{which}"
        return f"annex{which} paragraph {number}{point_name}"
    if language == "fr":
        if kind != "operative":
            return f"alinéa {number}{f' {point})' if point else ''} du préambule"
        return f"alinéa {point}) du paragraphe {number}" if point else f"paragraphe {number}"
    name = f"{'operative' if kind == 'operative' else 'preambular'} paragraph {number}"
    return f"{name} ({point})" if point else name
