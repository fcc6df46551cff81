"""Raw resolution text (French or English) -> Document with Clauses.

Works line by line so that page layout is still visible: page furniture
(running headers, footers with job numbers, barcodes, footnote blocks, URLs) is taken
out first, then the document's language is detected (`assistant/reading/text_language.py`),
then paragraphs are found from the structure of a resolution (header, enacting
formula "L’Assemblée générale," / "The General Assembly,", preambular paragraphs
opening with a participle or adjective, numbered operative paragraphs, lettered
sub-paragraphs "a)" / "(a)", the closing "26th plenary meeting", an annexed text
whose paragraphs are just numbered), then each is cleaned in its own language.
Blank lines are not trusted: PDF extraction puts them inside paragraphs. A text in
another language than English or French is read as plain numbered paragraphs.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field

from assistant.documents import UNLETTERED, UNLETTERED_ID, Clause, Document, Footnote
from assistant.ordinals import ordinal_value, roman_numeral
from assistant.reading.cleaning import (
    MONTHS,
    clean_paragraph,
    detach_footnote_markers,
    detach_repeated_markers,
    document_vocabulary,
    normalize_spaces,
    repair_elisions,
)
from assistant.reading.text_language import READ_AS_RESOLUTIONS, clause_language, document_language

# This stage's version (text -> title, symbol, pp./op. clauses, footnotes): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
# 2: sessions 30, 40, 50, 60 in French words read right (assistant/ordinals.py); 3: a
# footnote call after a semicolon, no quantity taken for a call, a title run into the
# adoption line; 4: an unnumbered operative paragraph, an adopted text with no "Annex"
# line, paragraphs run together, lost numbers, annex headings, Markdown footnotes; 5: a
# paragraph whose number follows a word (the sentence's end lost with its page); 6:
# sub-paragraphs that lost their letters before a lettered one take the letters it implies;
# 7: a running head of the title's first line cutting a sentence is dropped; 8: in the
# body wherever it falls
VERSION = 8

_ENACTING = re.compile(
    r"^\s*(L[’']Assembl[ée]e g[ée]n[ée]rale|Le Conseil de s[ée]curit[ée]|"
    r"La Conf[ée]rence g[ée]n[ée]rale|Le Conseil des droits de l[’']homme|"
    r"The General Assembly|The Security Council|The Human Rights Council|"
    r"The Economic and Social Council|The General Conference)\s*,?\s*$"
)
_OPERATIVE = re.compile(r"^\s*(\d{1,3})\s?\.(?:\s+(?=\S)|\s*$)")  # "1. Décide" or "1." alone
_POINT = re.compile(r"^\s*\(?([a-z])\)(?:\s+(?=\S)|\s*$)")  # "a)" or "(a)"
_FOOTER = re.compile(
    r"^\s*(\d+/\d+\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d+/\d+|"
    r"\d{2}-\d{5}(\s*\([A-Z]\))?(\s+\d{6})?|\*\d{7,8}\*)\s*$"  # job number, date, barcode
)
_BARE_NUMBER = re.compile(r"^\s*(\d{1,2})\s*$")
_FOOTNOTE_RULE = re.compile(r"^\s*_{5,}\s*$")
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
# Footnotes as Markdown writes them (some PDF-to-text tools do): the text's call "[^6]",
# the note "[^6]: text" at the end, its continuation lines indented, after a rule "---"
_MARKDOWN_NOTE = re.compile(r"^\s*\[\^(\d{1,3})\]:\s*(.*)$")
_MARKDOWN_RULE = re.compile(r"^\s*-{3,}\s*$")
_SYMBOL = re.compile(
    r"\bA/(?:RES/)?\d{2}/[A-Z0-9.]+(?:/Rev\.\d)?|\bA/C\.\d/\d{2}/L\.\d+(?:/Rev\.\d)?"
)
_RES = r"A/RES/(?:\d{2}|ES-\d{1,2})/\d{1,3}"
_RUNNING_SYMBOL = re.compile(rf"\s({_RES}|A/C\.\d/\d{{2}}/L\.\d+(/Rev\.\d)?)\s*$")
_TRAILING_MARKER = re.compile(r"(?<=[,;.])\s?\d{1,2}$")
_TRAILING_CALL = re.compile(r"\s?\[\^\d{1,3}\]$")  # "…Persons.[^6]"
_TAIL_CHARS = 400  # what the end of a paragraph is read from
_AHEAD_LINES = 500  # how far a paragraph number is looked for ahead
_NUMBER_ALONE = re.compile(r"\s*(?:\d{2}|ES-\d{1,2})/\d{1,3}\s*\.\s*")
_BARE_SYMBOL = re.compile(rf"^\s*{_RES}\s*$")  # a running head of the UN PDF layout
# a running head repeats the title over at most _TITLE_LINES lines; a line shorter than
# _TITLE_PIECE letters is not taken for a piece of it
_TITLE_LINES = 3
_TITLE_PIECE = 15
_RESOLUTION_NUMBER = re.compile(r"^\s*(\d{2}|ES-\d{1,2})/(\d{1,3})\s*\.(?:\s+|$)")
_FILE_SYMBOL = re.compile(r"^A[-_]RES[-_](ES[-_]\d{1,2}|\d{2})[-_](\d{1,3})(?=$|[._-])", re.I)
# The closing line of an adopted resolution: the meeting (what follows is its date, on
# the next line or, as some extractions join them, on the same one).
_CLOSING = re.compile(
    r"^\s*\d{1,4}(?:st|nd|rd|th|e|re)\s+(?:plenary meeting|s[ée]ance pl[ée]ni[èe]re)"
    r"(?:\s+\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4})?\s*$",
    re.I,
)
_MEETING_DATE = re.compile(r"\s*\d{1,2}(?:er)?\s+[^\W\d_]+\s+\d{4}\s*")
_PAGE_NUMBER = re.compile(r"\s*\d{1,3}/\d{1,3}\s*")
_ANNEX = re.compile(r"^\s*(?:Annex|ANNEX|Annexe|ANNEXE)(?:\s+[IVX\d]+)?\s*$")
_FIRST_PERSON = re.compile(r"^\s*(?:We|Nous)\b")  # a declaration's opening: "We, Heads of State"
# Words that open a preambular paragraph besides present participles (-ant).
_PREAMBULAR_OPENERS = {
    "consciente", "conscient", "convaincue", "convaincu", "préoccupée", "profondément",
    "gravement", "vivement", "résolue", "déterminée", "alarmée", "se", "ayant", "tenant",
    "prenant", "considérant", "reconnaissant", "accueillant", "rappelant", "notant",
}  # fmt: skip
# English preambular openers besides participles in -ing ("Recalling", "Noting with
# concern", "Bearing in mind", "Taking note of"): adjectives and past participles.
_ENGLISH_OPENERS = {
    "mindful", "aware", "conscious", "cognizant", "desirous", "concerned", "convinced",
    "alarmed", "determined", "guided", "encouraged", "disturbed", "deeply", "gravely",
    "seriously", "fully", "profoundly", "strongly", "noting", "appreciative", "gratified",
    "pleased", "committed", "resolved", "confident", "recognizing", "further", "having",
    "shocked", "dismayed", "outraged", "saddened", "acknowledging", "emphasizing",
}  # fmt: skip
# The verbs that open operative paragraphs (third person, present), and the adverbs that
# may come first ("Also decides", "Strongly urges", "Décide en outre"): what is read as
# an operative paragraph printed without its number.
_ENGLISH_OPERATIVE_VERBS = {
    "accepts", "acknowledges", "adopts", "affirms", "agrees", "appeals", "appoints",
    "appreciates", "approves", "authorizes", "calls", "commends", "concurs", "condemns",
    "confirms", "considers", "decides", "declares", "demands", "deplores", "designates",
    "determines", "elects", "emphasizes", "encourages", "endorses", "establishes",
    "expresses", "extends", "highlights", "invites", "notes", "proclaims", "reaffirms",
    "recalls", "recognizes", "recommends", "regrets", "reiterates", "renews", "requests",
    "resolves", "stresses", "supports", "takes", "thanks", "underlines", "underscores",
    "urges", "welcomes",
}  # fmt: skip
_FRENCH_OPERATIVE_VERBS = {
    "accueille", "adopte", "affirme", "approuve", "autorise", "condamne", "considère",
    "constate", "décide", "déclare", "demande", "désigne", "encourage", "engage", "estime",
    "exhorte", "exige", "exprime", "fait", "insiste", "invite", "lance", "note", "prend",
    "prie", "proclame", "réaffirme", "rappelle", "recommande", "reconnaît", "remercie",
    "souligne", "souscrit", "soutient",
}  # fmt: skip
_OPERATIVE_ADVERBS = {"also", "further", "again", "once", "strongly", "firmly", "encore"}
_CONCERN = {"concern", "appreciation", "satisfaction", "regret", "grave", "deep", "serious"}
# Words that continue an English lead after the word before them ("Calls upon",
# "Bearing in mind", "Taking note", "Taking into account"); "also", "further", "again"
# after any verb; "with" before a word of concern ("Noting with concern").
_ENGLISH_LEAD_AFTER = {
    "upon": {"calls", "call", "calling"}, "on": {"calls", "call", "calling"},
    "in": {"bearing", "keeping"}, "mind": {"in"}, "note": {"taking", "takes", "take"},
    "into": {"taking", "takes"}, "account": {"into"},
}  # fmt: skip
_ENGLISH_LEAD_VERBS = {"urges", "invites", "requests", "calls", "encourages", "decides",
                       "supports", "reaffirms", "endorses", "appeals"}  # fmt: skip
_LEAD_STOP = {
    "que", "qu", "de", "des", "du", "la", "le", "les", "l", "d", "à", "a", "aux", "au",
    "par", "ses", "sa", "son", "tous", "toutes", "tout", "en", "sur", "avec", "dans",
    "pour", "un", "une", "il", "elle", "leurs", "leur", "ces", "cette", "ce", "lui",
}  # fmt: skip
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTHS.update(_ENGLISH_MONTHS)
_DATE = re.compile(
    rf"\b(\d{{1,2}})(?:er)?\s+({MONTHS}|{'|'.join(_ENGLISH_MONTHS)})\s+(\d{{4}})\b", re.I
)
# Cover-page lines of an official document: metadata, not clauses.
_COVER = re.compile(
    r"^(Nations Unies\b|Assembl[ée]e g[ée]n[ée]rale\b(?!,)|Distr\.|Original\s*:|"
    r"R[ée]solution adopt[ée]e|\[sur la base|[\w -]+i[èe]me session\b|"
    rf"United Nations(?:\s+{_RES})?\s*$|United Nations(?=\s+(?:{_RES}|General Assembly))|"
    r"General Assembly\s*$|General Assembly(?=\s+Distr\.)|Resolution adopted by|"
    r"\[(?:without reference|on the report|on the basis)|[\w -]+(?:th|st|nd|rd) session\b|"
    rf"{_RES}\s*$|\d{{1,2}} (?:{'|'.join(_ENGLISH_MONTHS)}) \d{{4}}\s*$)",
    re.I,
)
_ADOPTED = re.compile(
    r"(?:adopt[ée]e par l[’']Assembl[ée]e g[ée]n[ée]rale le|"
    r"adopted by the General Assembly on) ([^\]\n]{6,30})"
)


@dataclass
class _Line:
    text: str
    start: int
    end: int


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)
    # quotation marks counted so far: (lines counted, “ opened, ” closed, " straight)
    _quotes: tuple[int, int, int, int] = (0, 0, 0, 0)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    def tail(self, size: int = _TAIL_CHARS) -> str:
        """The block's last `size` characters, read from its last lines only (a paragraph
        is read line by line: joining all of it at each line is quadratic)."""
        parts, length = [], 0
        for line in reversed(self.lines):
            parts.append(line.text[-size:])
            length += len(parts[-1]) + 1
            if length >= size:
                break
        return " ".join(reversed(parts))[-size:]

    def quote_open(self) -> bool:
        """Inside a quotation (a quoted title running over lines is not a new
        paragraph), counted line by line as the block grows."""
        counted, opened, closed, straight = self._quotes
        for line in self.lines[counted:]:
            opened += line.text.count("“")
            closed += line.text.count("”")
            straight += line.text.count('"')
        self._quotes = (len(self.lines), opened, closed, straight)
        return opened > closed or straight % 2 == 1

    @property
    def span(self) -> tuple[int, int]:
        return (self.lines[0].start, self.lines[-1].end)


class ParseError(ValueError):
    """The text gives no clause at all."""


@dataclass(frozen=True)
class _Context:
    """What cleaning a paragraph needs to know about its document."""

    language: str  # the document's language
    vocabulary: frozenset[str]  # its words (lowercased): evidence for joining split words

    def clean(self, text: str) -> tuple[str, str]:
        """(cleaned text, its language): each paragraph is cleaned in its own language."""
        language = clause_language(text, self.language)
        return clean_paragraph(text, language, self.vocabulary), language

    def clean_whole(self, text: str) -> str:
        """The whole text, cleaned in the document's language (to read metadata off)."""
        return clean_paragraph(text, self.language, self.vocabulary)


def parse_document(raw: str, source: str = "", overrides: dict | None = None) -> Document:
    """Parse one resolution, English or French (or a plain text of paragraphs in any
    language: "para. N" clauses)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = _split_lines(raw)
    lines, footnotes = _strip_furniture(lines)
    language = (overrides or {}).get("language") or document_language(
        "\n".join(ln.text for ln in lines)
    )
    vocabulary = document_vocabulary(raw)
    enacting = next(
        (i for i, ln in enumerate(lines) if _ENACTING.match(repair_elisions(ln.text))), None
    )
    if language not in READ_AS_RESOLUTIONS and enacting is not None:
        # too short for the detector, or its guess is a third language: the enacting
        # formula says which language the resolution is in
        language = "en" if lines[enacting].text.strip().startswith("The ") else "fr"
    context = _Context(language, vocabulary)
    meta = _header_metadata(lines[:enacting] if enacting is not None else [], lines, context)
    meta.update(_symbol_from_file_name(source) if "symbol" not in meta else {})
    meta.update({k: v for k, v in (overrides or {}).items() if v is not None})
    doc = Document(
        doc_id=meta.get("doc_id") or _doc_id(meta, source),
        label=meta.get("label") or _label(meta, source),
        title=meta.get("title", ""),
        kind=meta.get("kind", "text"),
        symbol=meta.get("symbol"),
        session=meta.get("session"),
        agenda_item=meta.get("agenda_item"),
        date=meta.get("date"),
        sponsors=meta.get("sponsors", []),
        language=language,
        source=source,
        raw_text=raw,
    )
    if enacting is None:
        doc.clauses = _plain_paragraphs(doc, lines, context)
    else:
        header = _header_clauses(doc, lines[:enacting], context)
        doc.clauses = header + _body_clauses(doc, lines[enacting + 1 :], footnotes, context)
    if not doc.clauses:
        raise ParseError(f"{source or 'the text'}: no paragraph of text was found in it.")
    return doc


# --------------------------------------------------------------------- lines
def _split_lines(raw: str) -> list[_Line]:
    out, pos = [], 0
    for piece in raw.split("\n"):
        out.append(_Line(piece, pos, pos + len(piece)))
        pos += len(piece) + 1
    return out


def _strip_furniture(lines: list[_Line]) -> tuple[list[_Line], dict[int, str]]:
    """Remove footers, footnote blocks, URLs and running headers; collect notes."""
    footnotes: dict[int, str] = {}
    drop = [False] * len(lines)
    notes: _NoteBlock | None = None
    _markdown_notes(lines, drop, footnotes)
    for i, line in enumerate(lines):
        text = line.text.strip()
        if drop[i]:
            continue
        if _FOOTNOTE_RULE.match(text):
            if notes:
                notes.close(footnotes)
            notes, drop[i] = _NoteBlock(), True
            continue
        if notes is not None:
            if notes.takes(text):
                drop[i] = True
                continue
            notes.close(footnotes)
            notes = None
        if _FOOTER.match(text) or _URL_LINE.match(text):
            drop[i] = True
    if notes:
        notes.close(footnotes)
    # Running headers: a line ending with the document's own symbol, and the line of
    # repeated title printed just before it; a line that is only a symbol, and the title
    # printed on the lines right after it.
    enacting = next((i for i, ln in enumerate(lines) if _ENACTING.match(ln.text)), 15)
    opening = _fold(" ".join(ln.text for ln in lines[:enacting]))

    def repeats_the_title(j: int) -> bool:  # a line of the title, as the opening printed it
        folded = _fold(lines[j].text).strip()
        return (
            len(folded) >= _TITLE_PIECE
            and folded in opening
            and not lines[j].text.rstrip().endswith((",", ";"))
        )

    for i, line in enumerate(lines):
        bare = i > 0 and bool(_BARE_SYMBOL.match(line.text))
        if not bare and (not _RUNNING_SYMBOL.search(line.text) or i == 0):
            continue
        drop[i] = True
        if bare:
            # the title it repeats on the lines right after it, a block of its own ("A/RES/
            # 73/8 / Necessity of ending … / imposed by … against Cuba", then a blank line):
            # only in the body, and only whole (else a body line could be taken for it)
            if i <= enacting:
                continue
            taken = 0
            while taken < _TITLE_LINES and i + taken + 1 < len(lines):
                if not lines[i + taken + 1].text.strip() or not repeats_the_title(i + taken + 1):
                    break
                taken += 1
            if taken and _blank_or_dropped(lines, drop, i + taken + 1):
                for j in range(i + 1, i + taken + 1):
                    drop[j] = True
            continue
        j = i - 1  # "Title of the text A/RES/70/1": the line of it printed just before
        while j > 0 and (drop[j] or not lines[j].text.strip()):
            j -= 1
        previous = _fold(lines[j].text)
        if previous and previous in opening and not lines[j].text.rstrip().endswith((",", ";")):
            drop[j] = True
    _title_heads_inside_sentences(lines, drop, enacting)
    keep = [ln for ln, d in zip(lines, drop, strict=True) if not d]
    return keep, footnotes


def _blank_or_dropped(lines: list[_Line], drop: list[bool], j: int) -> bool:
    """Whether line j is no text of the page: blank, taken out, or past either end."""
    return not 0 <= j < len(lines) or drop[j] or not lines[j].text.strip()


def _title_heads_inside_sentences(lines: list[_Line], drop: list[bool], enacting: int) -> None:
    """A running head with no symbol (text extracted page by page: "Possible risks of the
    integration of artificial intelligence into", the title's first line, between two
    pages): a block of its own that is the title's first line or all of it. In the
    resolution's own body (after the enacting line, before its closing line or an
    "Annex" line) it is always one, unless a sentence quotes the title ("…entitled") or
    introduces the text it adopts ("…the following declaration:"); after
    that, where an annexed text may carry the same title, only when it cuts a sentence in
    two (a long line with no end before it, lowercase text after it)."""
    title = next(
        (
            _RESOLUTION_NUMBER.sub("", ln.text).strip()
            for ln in lines[:enacting]
            if _RESOLUTION_NUMBER.match(ln.text)
        ),
        "",
    )
    folded_title = _fold(title).strip()
    if len(folded_title) < _TITLE_PIECE:
        return
    body_end = next(
        (
            i
            for i in range(enacting + 1, len(lines))
            if _CLOSING.match(lines[i].text) or _ANNEX.match(lines[i].text)
        ),
        len(lines),
    )

    def near(i: int, step: int) -> int | None:  # the next line with text, kept, that way
        i += step
        while 0 <= i < len(lines) and (drop[i] or not lines[i].text.strip()):
            i += step
        return i if 0 <= i < len(lines) else None

    for i in range(enacting + 1, len(lines)):
        folded = _fold(lines[i].text).strip()
        if drop[i] or len(folded) < _TITLE_PIECE or not folded_title.startswith(folded):
            continue
        if not (_blank_or_dropped(lines, drop, i - 1) and _blank_or_dropped(lines, drop, i + 1)):
            continue  # not a block of its own
        before, after = near(i, -1), near(i, 1)
        if before is None or after is None:
            continue
        if _QUOTES_A_TITLE.search(lines[before].text):
            continue  # "…under the sub-item entitled" the title
        if i < body_end:
            drop[i] = True
            continue
        cut = len(lines[before].text.strip()) >= _CUT_LINE and not re.search(
            r"[.;:!?,”\")]\s*$", lines[before].text
        )
        if cut and lines[after].text.strip()[:1].islower():
            drop[i] = True


# what a title may follow as a title, not as a running head: "…entitled", an opening
# quote, "Adopts the following declaration:"
_QUOTES_A_TITLE = re.compile(r"(?:entitled|intitulée?s?|[“\"«‘:])\s*$", re.I)
_CUT_LINE = 40  # a line cut by a page break is a paragraph's, not a heading like "Annex"


def _markdown_notes(lines: list[_Line], drop: list[bool], footnotes: dict[int, str]) -> None:
    """Notes written "[^6]: text" (continuation lines indented), and the rule "---" just
    before them: taken out of the text, kept as footnotes."""
    current: int | None = None  # the note the line right before belongs to
    for i, line in enumerate(lines):
        note = _MARKDOWN_NOTE.match(line.text)
        if note:
            current = int(note.group(1))
            footnotes[current] = normalize_spaces(note.group(2))
            drop[i] = True
        elif current is not None and line.text[:1].isspace() and line.text.strip():
            footnotes[current] = normalize_spaces(f"{footnotes[current]} {line.text}")
            drop[i] = True
        else:
            current = None  # a blank line or body text ends the note
    for i, line in enumerate(lines):
        if _MARKDOWN_RULE.match(line.text):
            after = next((j for j in range(i + 1, len(lines)) if lines[j].text.strip()), None)
            if after is not None and _MARKDOWN_NOTE.match(lines[after].text):
                drop[i] = True


@dataclass
class _NoteBlock:
    """The footnotes printed under one page's rule (`____`). A note is "N text" on one
    line, or (as pdftotext lays them out) its number alone on a line and its text on
    others, the numbers before, after or between the texts: the block's numbers, in
    order, then go with its texts in order. A text with no number continues the last
    note of the page before (a note running over two pages). The block ends at a line
    after a blank one, once every number has a text."""

    numbers: list[int] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    direct: list[int] = field(default_factory=list)  # numbers printed with their text
    after_blank: bool = False
    last_direct: bool = False  # the last line was a numbered note (or its continuation)
    _pending: dict[int, str] = field(default_factory=dict)

    def takes(self, text: str) -> bool:
        """Whether this line belongs to the notes (else the block has ended)."""
        if not text:
            self.after_blank = True
            return True
        if _URL_LINE.match(text):
            return True
        note = _FOOTNOTE.match(text)
        if note and not _SYMBOL.fullmatch(text):
            number = int(note.group(1))
            self._pending[number] = note.group(2).strip()
            self.direct.append(number)
            self.after_blank, self.last_direct = False, True
            return True
        if _BARE_NUMBER.match(text):
            self.numbers.append(int(text))
            self.after_blank, self.last_direct = False, False
            return True
        complete = (self.texts or self.direct) and len(self.texts) >= len(self.numbers)
        if self.after_blank and complete:
            return False
        if self.last_direct and not self.after_blank:
            last = self.direct[-1]
            if self._pending[last].endswith("."):  # the note is whole: body text again
                return not complete
            self._pending[last] = f"{self._pending[last]} {text}"
        elif self.texts and not self.texts[-1].endswith(".") and not self.after_blank:
            self.texts[-1] = f"{self.texts[-1]} {text}"
        else:
            self.texts.append(text)
        self.after_blank = False
        return True

    def close(self, footnotes: dict[int, str]) -> None:
        texts = list(self.texts)
        extra = len(texts) - len(self.numbers)
        if extra > 0 and footnotes and not self.direct:
            last = max(footnotes)  # a note running on from the page before
            footnotes[last] = normalize_spaces(f"{footnotes[last]} {' '.join(texts[:extra])}")
            texts = texts[extra:]
        for number, text in zip(sorted(self.numbers), texts, strict=False):
            footnotes[number] = normalize_spaces(text)
        for number, text in self._pending.items():
            footnotes[number] = normalize_spaces(text)


# -------------------------------------------------------------------- header
def _header_blocks(lines: list[_Line]) -> list[_Block]:
    blocks: list[_Block] = []
    current = _Block()
    for line in lines:
        if line.text.strip():
            current.lines.append(line)
        elif current.lines:
            blocks.append(current)
            current = _Block()
    if current.lines:
        blocks.append(current)
    merged: list[_Block] = []
    for block in blocks:  # a block opening in lowercase continues the previous one,
        if (
            merged
            and (  # and so does a title after its number alone ("73/6.")
                block.text.strip()[:1].islower() or _NUMBER_ALONE.fullmatch(merged[-1].text)
            )
        ):
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged


def _header_role(text: str) -> str:
    if re.match(r"^(?:Point|Agenda item) \d+", text):
        return "agenda item"
    if re.search(r"projet de r[ée]solution", text, re.I):
        return "sponsors"
    if _COVER.match(text):
        return "cover"
    return "title"


def _date(text: str) -> str | None:
    """The first French date in `text` as ISO: '7 décembre 2020' -> '2020-12-07'."""
    found = _DATE.search(text)
    if not found:
        return None
    day, month, year = found.groups()
    return f"{year}-{_MONTHS[_fold(month)]:02d}-{int(day):02d}"


def _header_metadata(header: list[_Line], all_lines: list[_Line], context: _Context) -> dict:
    meta: dict = {}
    blocks = [(_header_role(text), text) for b in _header_blocks(header)
              for text in [context.clean(b.text)[0]]]  # fmt: skip
    full = context.clean_whole(" ".join(ln.text for ln in all_lines))
    for role, text in blocks:
        if role == "cover":
            adopted = _ADOPTED.search(text)
            adopted_on = _date(adopted.group(1)) if adopted else None
            if adopted_on:
                meta["date"] = adopted_on
                # "Resolution adopted by the General Assembly on 4 April 2031 ES-9/4.
                # Safety of…": the title line run into the adoption line
                dated = _DATE.search(text, adopted.start(1))
                rest = text[dated.end() :].strip() if dated else ""
                number = _RESOLUTION_NUMBER.match(rest)
                if number and rest[number.end() :].strip():
                    meta.update(_resolution_symbol(number.group(1), number.group(2)))
                    meta["title"] = rest[number.end() :].strip()
            elif _DATE.fullmatch(text.strip()) or text.startswith("Distr"):
                meta.setdefault("date", _date(text))
            ordinal = re.match(r"^([\w -]+i[èe]me) session\b", text)
            if ordinal and (n := ordinal_value(ordinal.group(1))):
                meta["session"] = n
            ordinal = re.match(r"^([\w -]+(?:th|st|nd|rd)) session\b", text, re.I)
            if ordinal and (n := ordinal_value(ordinal.group(1))):
                meta["session"] = n
            item = re.search(r"\bPoint (\d+) de l|\bAgenda item (\d+)", text)
            if item:
                meta["agenda_item"] = int(item.group(1) or item.group(2))
            symbol = re.search(r"\bA/RES/(\d{2}|ES-\d{1,2})/(\d{1,3})\b", text)
            if symbol:
                meta["symbol"], meta["kind"] = symbol.group(0), "resolution"
                if symbol.group(1).isdigit():
                    meta["session"] = int(symbol.group(1))
        elif role == "agenda item":
            meta["agenda_item"] = int(re.match(r"^(?:Point|Agenda item) (\d+)", text).group(1))
        elif role == "sponsors":
            names, _, rest = text.rpartition(":")
            meta["sponsors"] = _split_sponsors(names)
            meta["kind"] = "draft resolution" + (" (revised)" if "révisé" in rest else "")
        elif role == "title" and (not meta.get("title") or _RESOLUTION_NUMBER.match(text)):
            number = _RESOLUTION_NUMBER.match(text)
            if number:
                meta.update(_resolution_symbol(number.group(1), number.group(2)))
                text = text[number.end() :]
            meta["title"] = text
    explicit = re.search(r"\bA/RES/(\d{2}|ES-\d{1,2})/(\d{1,3})\b", full)
    if meta.get("date") is None:
        meta.pop("date", None)
    if "symbol" not in meta and explicit and "sponsors" not in meta:
        meta.update(_resolution_symbol(explicit.group(1), explicit.group(2)))
    if "session" not in meta:
        # "inscrire à l'ordre du jour provisoire de sa soixante-quinzième session"
        # is written at the session before.
        nxt = re.search(r"ordre du jour provisoire de sa ([\w-]+ième) session", full)
        if nxt and (n := ordinal_value(nxt.group(1))):
            meta["session"] = n - 1
    return meta


def _resolution_symbol(session: str, number: str) -> dict:
    """ "73", "6" -> A/RES/73/6 (session 73); "ES-11", "1" -> A/RES/ES-11/1 (an
    emergency special session: no regular session number)."""
    session = session.upper().replace("_", "-")
    meta = {"symbol": f"A/RES/{session}/{number}", "kind": "resolution"}
    if session.isdigit():
        meta["session"] = int(session)
    return meta


def _symbol_from_file_name(source: str) -> dict:
    """A file named like its symbol ("A-RES-68-262.en.txt", "A_RES_73_6-EN.pdf") gives
    the symbol when the text does not print it."""
    found = _FILE_SYMBOL.match(source.rsplit("/", 1)[-1])
    return _resolution_symbol(found.group(1), found.group(2)) if found else {}


def _split_sponsors(text: str) -> list[str]:
    text = normalize_spaces(text)
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += (ch == "(") - (ch == ")")
        if ch == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    last = parts.pop().strip()
    if " et " in last and "(" not in last.split(" et ")[-1][:1]:
        head, _, tail = last.rpartition(" et ")
        if head.count("(") == head.count(")"):
            parts += [head, tail]
        else:
            parts.append(last)
    else:
        parts.append(last)
    return [p.strip() for p in parts if p.strip()]


def _header_clauses(doc: Document, header: list[_Line], context: _Context) -> list[Clause]:
    clauses: list[Clause] = []
    seen: set[str] = set()
    for block in _header_blocks(header):
        text, language = context.clean(block.text)
        key, role = _fold(_RESOLUTION_NUMBER.sub("", text)), _header_role(text)
        if key in seen or role == "cover":  # the title printed twice on a draft's cover;
            continue  # cover lines (symbol, date, session) are metadata
        seen.add(key)
        n = len(clauses) + 1
        clauses.append(
            Clause(
                clause_id=f"{doc.doc_id}#preface__p_{n}",
                document=doc.label,
                kind="header",
                number=n,
                text=text,
                raw_span=block.span,
                label=role,
                language=language,
            )
        )
    return clauses


# ---------------------------------------------------------------------- body
@dataclass
class _Para:
    kind: str  # preambular, operative, point, item (unlettered), annex title, annex opening,
    # annex heading, annex
    number: int | str | None
    block: _Block
    annex: int = 0  # which annexed text it belongs to (1, 2…; 0: the resolution's own)


def _body_clauses(
    doc: Document, lines: list[_Line], footnotes: dict[int, str], context: _Context
) -> list[Clause]:
    paragraphs = _segment(lines, context.language)
    expected_notes = sorted(footnotes)
    cited: set[int] = set()
    clauses: list[Clause] = []
    pp = headings = 0
    several = any(p.annex > 1 for p in paragraphs)  # annexes I, II…: labels say which
    parent: Clause | None = None
    lead_ins: dict[str, str] = {}
    for para in paragraphs:
        kind, number, block = para.kind, para.number, para.block
        text = normalize_spaces(block.text)
        if kind in ("operative", "annex"):
            text = _OPERATIVE.sub("", text, count=1)
        text, found = detach_footnote_markers(text, expected_notes)
        if found:
            expected_notes = [n for n in expected_notes if n > found[-1]]
        cited |= set(found)
        text, again = detach_repeated_markers(text, cited)
        text, language = context.clean(text)
        notes = tuple(Footnote(n, footnotes[n]) for n in dict.fromkeys([*found, *again]))
        if kind in ("point", "item") and parent is not None:
            parent.has_points = True
            parent.text = f"{parent.text} {text}"
            parent.footnotes += notes
            parent.raw_span = (parent.raw_span[0], block.span[1])
            # a sub-paragraph printed without its letter: its place, never a made-up letter
            sub = f"point_{number}" if kind == "point" else f"{UNLETTERED_ID}{number}"
            clauses.append(
                Clause(
                    clause_id=f"{parent.clause_id}__list_1__{sub}",
                    document=doc.label,
                    kind=parent.kind,
                    number=parent.number,
                    point=number if kind == "point" else f"{UNLETTERED}{number}",
                    text=text,
                    lead=parent.lead,
                    lead_in=lead_ins[parent.clause_id],
                    raw_span=block.span,
                    footnotes=notes,
                    label=parent.label,  # a second annex's: "annex II, para. 3"
                    language=language,
                    part=parent.part,
                )
            )
            continue
        part, label = None, None
        # a second annexed text ("Annex II") has ids and labels of its own
        annex_id = "annex" if para.annex <= 1 else f"annex_{para.annex}"
        annex_name = f"annex {roman_numeral(para.annex)}" if several and para.annex else None
        if kind == "operative":
            clause_id, n = f"{doc.doc_id}#para_{number}", number
        elif kind == "annex":
            clause_id, n, kind, part = (
                f"{doc.doc_id}#{annex_id}__para_{number}",
                number,
                "paragraph",
                "annex",
            )
            label = f"{annex_name}, para. {number}" if annex_name else None
        elif kind == "annex opening":
            clause_id, n, kind, part = f"{doc.doc_id}#{annex_id}__intro", None, "paragraph", "annex"
            label = f"{annex_name}, opening" if annex_name else None
        elif kind == "annex title":
            clause_id, n, kind, part = f"{doc.doc_id}#{annex_id}__preface", None, "header", "annex"
            label = f"{annex_name or 'annex'}, title"
        elif kind == "annex heading":
            headings += 1
            clause_id = f"{doc.doc_id}#{annex_id}__heading_{headings}"
            n, kind, part, label = None, "header", "annex", f"{annex_name or 'annex'}, heading"
        else:
            pp += 1
            clause_id, n = f"{doc.doc_id}#preamble__p_{pp}", pp
        parent = Clause(
            clause_id=clause_id,
            document=doc.label,
            kind=kind,
            number=n,
            text=text,
            lead=None if kind == "header" else lead_phrase(text, language),
            raw_span=block.span,
            footnotes=notes,
            label=label,
            language=language,
            part=part,
        )
        lead_ins[clause_id] = text
        clauses.append(parent)
    return clauses


def _segment(lines: list[_Line], language: str) -> list[_Para]:
    """Group lines into paragraphs from structural cues: the resolution's preambular
    and operative paragraphs (and their points), up to its closing line ("26th
    plenary meeting"); then an annex: its title, its unnumbered opening paragraph, its
    headings and its numbered paragraphs (and their points).

    What text extraction does to that structure is read back: a numbered paragraph
    that starts inside a line (paragraphs run together) starts there; a number lost
    (paragraph 2 never printed) does not stop paragraph 3 from being read; an
    operative paragraph printed without its number (a resolution's only one, "Adopts
    the declaration…", or one whose number was lost) is read from its verb; text after
    the closing line that no "Annex" heads is an annexed text all the same."""
    out: list[_Para] = []
    next_op, next_point = 1, "a"
    state = "body"  # body -> closed (after the closing line) -> annex head -> annex
    head: list[_Line] = []  # an annex's title and opening, before its paragraph 1
    queue = deque(lines)
    while queue:
        line = queue.popleft()
        text = line.text.strip()
        previous, ended = _last(out), _has_ended(out)  # the paragraph read so far
        if state != "closed" and text:
            # a heading may open the line only where a paragraph has ended before it
            headings = state == "annex head" or (state == "annex" and ended)
            cut = _numbered_inside(text, next_op, state != "body", headings)
            if cut is not None:  # "…Development.2 2. We acknowledge": two lines
                line, rest = _split_line(line, cut)
                queue.appendleft(rest)
                text = line.text.strip()
        if state == "annex head" and _numbered(text, next_op, _has_ended(head)) is None:
            head.append(line)
            continue
        if not text:
            continue
        if _ANNEX.match(text) and (state == "closed" or next_op > 1):
            if state == "annex head":
                out += _annex_head(head)
                head = []
            state, next_op = "annex head", 1
            continue
        if state != "closed" and _CLOSING.match(text):
            if state == "annex head":  # an adopted text's head with no paragraph yet
                out += _annex_head(head)
                head = []
            state = "closed"  # the resolution's close (after the text it adopts, too)
            continue
        if state == "closed":
            if _MEETING_DATE.fullmatch(text) or _PAGE_NUMBER.fullmatch(text):
                continue  # the date of the meeting; a page's number
            state, next_op = "annex head", 1  # text after the close: an annexed text
            head.append(line)
            continue
        point = _POINT.match(text)
        if state == "body" and _introduces_a_text(out) and not (point or _OPERATIVE.match(text)):
            state, next_op = "annex head", 1  # "Adopts the following declaration:"
            head.append(line)
            continue
        number = _numbered(text, next_op, ended)
        if number is not None:
            if state == "annex head":
                out += _annex_head(head)
                head = []
                state = "annex"
            kind = "annex" if state == "annex" else "operative"
            out.append(_Para(kind, number, _Block([line])))
            next_op, next_point = number + 1, "a"
        elif point and point.group(1) == next_point and _ends_a_lead_in(previous):
            out.append(_Para("point", next_point, _Block([line])))
            next_point = chr(ord(next_point) + 1)
        elif point and _ends_a_lead_in(previous) and _letters_lost_before(out, point.group(1)):
            for item in out[-(ord(point.group(1)) - ord("a")) :]:  # "(c)" after two: (a), (b)
                item.kind, item.number = "point", chr(ord("a") + int(item.number) - 1)
            out.append(_Para("point", point.group(1), _Block([line])))
            next_point = chr(ord(point.group(1)) + 1)
        elif state == "annex" and _is_heading(text, ended, queue, next_op):
            if out and out[-1].kind == "annex heading":
                out[-1].block.lines.append(line)
            else:
                out.append(_Para("annex heading", None, _Block([line])))
        elif (
            state == "body"
            and _may_open_an_unnumbered_operative(out, previous, ended, next_op)
            and _opens_operative(text, language)
            and (
                not _numbered_ahead(queue, next_op)
                or _adopts_what_follows(_paragraph_from(line, queue))
            )
        ):  # "Adopts the declaration…" (the only one), "Expresses…" (its number lost)
            out.append(_Para("operative", next_op, _Block([line])))
            next_op, next_point = next_op + 1, "a"
        elif state == "body" and (
            not out
            or (
                previous.endswith((",", ";", "."))
                and not out[-1].block.quote_open()
                and _opens_preambular(text, language)
            )
        ):
            out.append(_Para("preambular", None, _Block([line])))
        elif _opens_an_unlettered_item(out, text, previous):
            items = 1 if out[-1].kind != "item" else int(out[-1].number) + 1
            out.append(_Para("item", items, _Block([line])))
        else:
            out[-1].block.lines.append(line)
    if state == "annex head":
        out += _annex_head(head)
    return _annexes_counted(_lone_items_rejoined(out))


_ANNEX_KINDS = ("annex title", "annex opening", "annex heading", "annex")


def _annexes_counted(paragraphs: list[_Para]) -> list[_Para]:
    """Which annexed text each paragraph belongs to: a new one begins after the
    resolution's own paragraphs, at a title or opening after paragraphs of an annex, or
    where the numbering starts again ("Annex I … 1. 2. 3. Annex II 1."); sub-paragraphs
    go with their paragraph."""
    annex, last_kind, last_number = 0, None, 0
    for para in paragraphs:
        kind = para.kind
        if kind in _ANNEX_KINDS:
            starts = (
                last_kind not in _ANNEX_KINDS
                or (kind in ("annex title", "annex opening") and last_kind == "annex")
                or (kind == "annex" and isinstance(para.number, int) and para.number <= last_number)
            )
            annex += starts
            if starts:
                last_number = 0
            if kind == "annex":
                last_number = para.number
            last_kind = kind
        elif kind not in ("point", "item"):
            last_kind = kind
        para.annex = annex if kind in _ANNEX_KINDS or kind in ("point", "item") else 0
    return paragraphs


def _lone_items_rejoined(paragraphs: list[_Para]) -> list[_Para]:
    """An unlettered sub-paragraph with no sibling was no list ("…Programme of Action:
    Addressing the Special Needs…", a title's colon at a line's end): back into its
    paragraph."""
    out: list[_Para] = []
    for i, para in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        lone = para.kind == "item" and para.number == 1
        if lone and not (following and following.kind == "item" and following.number == 2):
            out[-1].block.lines.extend(para.block.lines)
        else:
            out.append(para)
    return out


def _last(paragraphs: list[_Para] | list[_Line]) -> str:
    """The text of the last paragraph (or line), without a footnote call ending it."""
    if not paragraphs:
        return ""
    last = paragraphs[-1]
    text = (last.block.tail() if isinstance(last, _Para) else last.text[-_TAIL_CHARS:]).rstrip()
    return _TRAILING_MARKER.sub("", _TRAILING_CALL.sub("", text))  # "…Bodies, 5", "…[^5]"


def _ends_a_sentence(text: str) -> bool:
    """The text ends a paragraph: ".", ";" or ":", perhaps after a closing quote."""
    return bool(re.search(r"[.;:!?][”\"’)]?$", text.rstrip()))


def _numbered(text: str, expected: int, ended: bool) -> int | None:
    """The number of the paragraph this line opens: the one expected, or the one after
    it when the paragraph before has `ended` (the expected number was lost)."""
    op = _OPERATIVE.match(text)
    if not op:
        return None
    number = int(op.group(1))
    if number == expected:
        return number
    if number == expected + 1 and ended and _capital_after(text, op.end()):
        return number
    return None


def _may_open_an_unnumbered_operative(
    out: list[_Para], previous: str, ended: bool, next_op: int
) -> bool:
    """Where an operative paragraph printed without its number may start: the first one
    (after the enacting formula, or a preamble's last paragraph, ending ","), or one after
    an operative paragraph that ended with ";" (not ".": the last one ends so, and a
    sentence after it is more of it)."""
    if next_op == 1:
        return not out or ended or (out[-1].kind == "preambular" and previous.endswith(","))
    return out[-1].kind == "operative" and previous.endswith(";")


def _opens_an_unlettered_item(out: list[_Para], text: str, previous: str) -> bool:
    """A sub-paragraph printed without its letter (some extractions lose them): a
    capitalised line after a numbered paragraph's lead-in ending ":" (or cut short
    before it, "To this end, we", when the line itself ends a sub-paragraph), or after
    the sub-paragraph before it ending ";"."""
    if not out or not (text[:1].isupper() or text[:1] in '“"‘'):
        return False
    kind = out[-1].kind
    if kind in ("operative", "annex"):
        return previous.endswith(":") or (previous[-1:].isalpha() and text.endswith(";"))
    return kind == "item" and bool(re.search(r";$|[;,]\s+(?:and|or|et|ou)$", previous))


def _has_ended(paragraphs: list[_Para] | list[_Line]) -> bool:
    """The last paragraph has ended (a sentence's end, or it is a heading)."""
    if paragraphs and isinstance(paragraphs[-1], _Para) and paragraphs[-1].kind == "annex heading":
        return True
    text = _last(paragraphs)
    if re.fullmatch(r"\s*\(?[\w]{1,3}[.)]\s*", text):
        return False  # only its number so far ("1." on a line of its own)
    return _ends_a_sentence(text)


def _capital_after(text: str, at: int) -> bool:
    return text[at : at + 1].isupper() or text[at : at + 1] in '“"‘'


# a paragraph number inside a line: " 2. We", after the end of a sentence (perhaps with a
# footnote call) or after a heading that opens the line; not after a word a number
# follows ("annex, para. 2.", "Goal 3.")
_INSIDE = re.compile(r"\s(\d{1,3})\.\s+(?=[^\W\d_]|[“\"‘])")
_NUMBERED_BEFORE = re.compile(
    r"\b(?:para|paras|paragraph|paragraphs|paragraphe|no|art|article|vol|pp|op|p|chap|sect|"
    r"section|goal|target|objectif|cible|resolution|résolution|item|point|annex|annexe|"
    r"rule|principle|article|phase|level)\.?$",
    re.I,
)
_HEADING_WORDS = 20


def _numbered_inside(text: str, expected: int, annexed: bool, headings: bool) -> int | None:
    """Where the paragraph numbered `expected` starts inside this line, if it does: after
    a sentence's end, or after a heading opening the line ("Global context and shared
    commitments 3. We gather"; only where `headings` may be). In an annexed text (not
    the resolution's own body, whose lists are no paragraphs: "…security; 2.
    Development,"), the one after too: the expected number may be lost. After a word
    (the end of the sentence before lost with its page or column), only the number
    expected, opening as a paragraph opens (`_opens_like_a_paragraph`)."""
    opening = _OPERATIVE.match(text)
    if opening and int(opening.group(1)) in (expected, expected + 1):
        wanted = {int(opening.group(1)) + 1}  # the line opens a paragraph: the next one
    else:
        wanted = {expected, expected + 1} if annexed else {expected}
    for match in _INSIDE.finditer(text):
        after = text[match.end() : match.end() + 1]
        if int(match.group(1)) not in wanted or not (after.isupper() or after in '“"‘'):
            continue
        before = _TRAILING_CALL.sub("", _TRAILING_MARKER.sub("", text[: match.start()]))
        before = re.sub(r"(?<=[.;])\s?\d{1,3}$", "", before.rstrip())  # ".2 2. We"
        if _NUMBERED_BEFORE.search(before.rstrip(".").rstrip()):
            continue  # "resolution 79/1, annex, para. 2. The", "Goal 3. Ensure"
        ended = bool(re.search(r"[.;!?][”\"’)]?$", before))  # a list after ":" is one paragraph
        if ended or (headings and not opening and _heading_like(before)):
            return match.start() + 1
        if int(match.group(1)) == min(wanted) and _opens_like_a_paragraph(
            text[match.end() :], before, annexed
        ):
            return match.start() + 1  # "…a finance facility for 15. We emphasize": text lost
    return None


# what may stand before a number that ends a sentence of its own: a number, a joining word
# ("paragraphs 14 and 15."), a noun that numbers things ("chapter 3.", "l'ODD 3."), a
# capitalised word ("SDG 3.", "Part 3.", "Agenda 21.")
_NO_CUT_AFTER = re.compile(
    r"(?:^|\s)(?:\S*\d\S*|and|or|to|et|ou|à|au|aux|chapter|chapitre|part|partie|page|pages|"
    r"table|tableau|figure|box|encadré|step|étape|stage|phase|option|volume|tier|level|"
    r"niveau|principle|principe|rule|règle|target|goal|cible|objectif|section|article)$"
    r"|(?:^|[\s(’'])\S*[A-ZÀ-Ý]\S*$"
)


def _opens_like_a_paragraph(following: str, before: str, annexed: bool) -> bool:
    """After the number a sentence's end did not precede (the page or column that ended it
    was lost in extraction), what follows still opens a paragraph: a resolution's operative
    verb ("Requests", "Décide"), or in an annexed declaration its first-person lead ("We
    emphasize", "Nous soulignons"). Only after a lowercase word that numbers nothing: never
    after a number, a joining word ("paragraphs 14 and 15. We"), a noun that numbers
    things ("chapter 3. Notes") or a capitalised word ("SDG 3. We", "Part 3. Requests")."""
    if _NO_CUT_AFTER.search(before.rstrip()):
        return False
    if annexed and re.match(r"(?:We|Nous)\s+[a-zàâçéèêëîïôûùüÿœ]", following):
        return True
    return _opens_operative(following, "en") or _opens_operative(following, "fr")


def _split_line(line: _Line, cut: int) -> tuple[_Line, _Line]:
    """The line as two: up to `cut` (in its stripped text) and from there."""
    offset = len(line.text) - len(line.text.lstrip()) + cut
    return (
        _Line(
            line.text[:offset].rstrip(), line.start, line.start + len(line.text[:offset].rstrip())
        ),
        _Line(line.text[offset:], line.start + offset, line.end),
    )


def _heading_like(text: str) -> bool:
    """A section heading of an annexed text: "I.", "II. Implementation of …", "A call to
    action": short, capitalised, no closing punctuation."""
    text = text.strip()
    if not text or len(text.split()) > _HEADING_WORDS or text.endswith((",", ";", ":")):
        return False
    if re.fullmatch(r"(?:[IVX]{1,5}|[A-H])\.(?:\s+\S.*)?", text):
        return not text.endswith(".") or bool(re.fullmatch(r"(?:[IVX]{1,5}|[A-H])\.", text))
    return text[:1].isupper() and not text.endswith((".", "!", "?"))


def _is_heading(text: str, ended: bool, queue: deque, expected: int) -> bool:
    """A line of an annex between two paragraphs that heads the next: the paragraph
    before has `ended` and the next line opens a numbered paragraph (or heads it too)."""
    if not (ended and _heading_like(text)):
        return False
    following = next((ln.text.strip() for ln in queue if ln.text.strip()), "")
    op = _OPERATIVE.match(following)
    if op and int(op.group(1)) in (expected, expected + 1):
        return True
    return _numbered_inside(following, expected, True, True) is not None or bool(
        re.fullmatch(r"(?:[IVX]{1,5}|[A-H])\.", following)
    )


def _numbered_ahead(queue: deque, number: int) -> bool:
    """A paragraph numbered `number` opens a line before the resolution closes (looked
    for over the next `_AHEAD_LINES` lines)."""
    for line in itertools.islice(queue, _AHEAD_LINES):
        text = line.text.strip()
        if _CLOSING.match(text) or _ANNEX.match(text):
            return False
        op = _OPERATIVE.match(text)
        if op and int(op.group(1)) == number:
            return True
    return False


def _introduces_a_text(out: list[_Para]) -> bool:
    """The last paragraph is an operative one that adopts the text that follows it."""
    if not out or out[-1].kind != "operative":
        return False
    block = out[-1].block  # its opening and its end say it (a long paragraph is no such)
    return _adopts_what_follows(block.text if len(block.lines) < 20 else block.tail())


def _adopts_what_follows(text: str) -> bool:
    """ "Adopts the following political declaration:", "Adopte la déclaration suivante :"
    (not a list's lead-in: "Decides that the summit shall address the following:")."""
    text = text.rstrip()
    adopts = re.match(
        r"\W*(?:\d{1,3}\s?\.\s*)?(?:(?:also|further)\s+)?"
        r"(?:adopts|approves|endorses|adopte|approuve|fait sienne)\b",
        text,
        re.I,
    )
    following = re.search(r"\b(?:following|suivante?s?|ci-apr[èe]s)\b", text, re.I)
    return bool(adopts and following) and text.endswith(":")


def _paragraph_from(line: _Line, queue: deque, most: int = 6) -> str:
    """This line and the next ones, up to the first that ends a sentence."""
    texts = [line.text.strip()]
    for following in list(itertools.islice(queue, most)):
        if _ends_a_sentence(texts[-1]):
            break
        if following.text.strip():
            texts.append(following.text.strip())
    return " ".join(texts)


def _annex_head(lines: list[_Line]) -> list[_Para]:
    """An annex's lines before its paragraph 1: a title, then an unnumbered opening
    paragraph, which starts at the first line in the first person ("We, Heads of
    State…"), else after the title's block (the first blank line)."""
    start = next((i for i, ln in enumerate(lines) if _FIRST_PERSON.match(ln.text)), None)
    if start is None:
        texts = [ln.text.strip() for ln in lines]
        first = next((i for i, t in enumerate(texts) if t), len(texts))
        start = next((i for i in range(first, len(texts)) if not texts[i]), len(texts))
    out = []
    title = [ln for ln in lines[:start] if ln.text.strip()]
    opening = [ln for ln in lines[start:] if ln.text.strip()]
    if title:
        out.append(_Para("annex title", None, _Block(title)))
    if opening:
        out.append(_Para("annex opening", None, _Block(opening)))
    return out


def _letters_lost_before(out: list[_Para], letter: str) -> bool:
    """Whether the paragraphs read last are the sub-paragraphs before this letter, printed
    without theirs: "(c)" after two unlettered ones makes them (a) and (b) (an extraction
    lost the first letters of a list; the next one says which they were)."""
    before = ord(letter) - ord("a")
    if before < 1 or len(out) <= before:
        return False
    items = out[-before:]
    return (
        all(p.kind == "item" for p in items)
        and [int(p.number) for p in items] == list(range(1, before + 1))
        and out[-before - 1].kind != "item"
    )


def _ends_a_lead_in(text: str) -> bool:
    """A line a sub-paragraph may follow: "…:", "…;", "…," or "…; and"."""
    return text.endswith((":", ";", ",")) or bool(re.search(r"[;,]\s+(?:and|or|et|ou)$", text))


def _opens_operative(text: str, language: str = "fr") -> bool:
    """The paragraph opens with an operative verb ("Adopts", "Also decides", "Décide",
    "Fait sienne"), as a resolution's operative paragraphs do."""
    words = re.findall(r"[^\W\d_]+", text[:60].lower())
    while words and words[0] in _OPERATIVE_ADVERBS:
        words = words[1:]
    if not words or not text.lstrip()[:1].isupper():
        return False
    verbs = _ENGLISH_OPERATIVE_VERBS if language == "en" else _FRENCH_OPERATIVE_VERBS
    return words[0] in verbs


def _opens_preambular(text: str, language: str = "fr") -> bool:
    first = re.match(r"[^\W\d_]+", text)
    if not first or not first.group().istitle():
        return False
    word = first.group().lower()
    if language == "en":
        return word.endswith("ing") or word in _ENGLISH_OPENERS
    return word.endswith("ant") or word in _PREAMBULAR_OPENERS


def lead_phrase(text: str, language: str = "fr") -> str | None:
    """The opening verb or participle phrase: 'Se félicite également', 'Décide',
    'Also decides', 'Calls upon', 'Noting with concern', 'Bearing in mind', a
    declaration's 'We reaffirm'."""
    first_person = re.match(r"\s*(We|Nous)\s+(?=[^\W\d_])", text)
    if first_person:  # a declaration's "We reaffirm", "We also welcome", "Nous réaffirmons"
        verb = lead_phrase(text[first_person.end() :], language)
        return f"{first_person.group(1)} {verb}" if verb else first_person.group(1)
    if language == "en":
        return _english_lead(text)
    words = []
    for token in re.findall(r"[^\W\d_]+|\S", text)[:4]:
        if not re.match(r"[^\W\d_]", token) or token.lower() in _LEAD_STOP:
            break
        words.append(token)
    return " ".join(words) or None


def _english_lead(text: str) -> str | None:
    tokens = re.findall(r"[^\W\d_]+|\S", text)[:6]
    if not tokens or not re.match(r"[^\W\d_]", tokens[0]):
        return None
    words = [tokens[0]]
    for i, token in enumerate(tokens[1:], 1):
        low, before = token.lower(), words[-1].lower()
        after = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
        if len(words) == 4 or not re.match(r"[^\W\d_]", token):
            break
        if not (
            (len(words) == 1 and before.endswith("ly"))  # "Deeply concerned"
            or (len(words) == 1 and before in ("also", "further", "again"))  # "Also decides"
            or low in ("also", "further", "again")
            or before in _ENGLISH_LEAD_AFTER.get(low, ())
            or (low == "with" and after in _CONCERN)
            or (
                low in _CONCERN
                and (before in ("with", "expressing", "expresses") or before in _CONCERN)
            )
            or (low == "and" and after in _ENGLISH_LEAD_VERBS)
            or (before == "and" and low in _ENGLISH_LEAD_VERBS)
        ):
            break
        words.append(token)
    return " ".join(words)


def _plain_paragraphs(doc: Document, lines: list[_Line], context: _Context) -> list[Clause]:
    """Text with no resolution structure: blank-line separated paragraphs."""
    clauses = []
    for block in _header_blocks(lines):
        text, language = context.clean(block.text)
        if not text:
            continue
        n = len(clauses) + 1
        clauses.append(
            Clause(
                clause_id=f"{doc.doc_id}#para_{n}",
                document=doc.label,
                kind="paragraph",
                number=n,
                text=text,
                lead=lead_phrase(text, language),
                raw_span=block.span,
                language=language,
            )
        )
    return clauses


# -------------------------------------------------------------------- labels
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return re.sub(
        r"\W+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))
    ).strip()


def _doc_id(meta: dict, source: str) -> str:
    if meta.get("symbol"):
        return meta["symbol"].replace("/", "-")
    if meta.get("kind", "").startswith("draft"):
        parts = ["draft", str(meta.get("session") or "")]
        if meta.get("agenda_item"):
            parts.append(f"item{meta['agenda_item']}")
        if "revised" in meta["kind"]:
            parts.append("rev")
        return "-".join(p for p in parts if p)
    stem = re.sub(r"\.[^.]+$", "", source.rsplit("/", 1)[-1]) or "document"
    return re.sub(r"[^A-Za-z0-9._-]+", "-", stem)


def _ordinal_en(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _label(meta: dict, source: str) -> str:
    if meta.get("symbol"):
        return meta["symbol"]
    if meta.get("kind", "").startswith("draft"):
        parts = ["draft resolution"]
        if meta.get("agenda_item"):
            parts.append(f"agenda item {meta['agenda_item']}")
        if meta.get("session"):
            parts.append(f"{_ordinal_en(meta['session'])} session")
        label = ", ".join(parts)
        return label + (" (revised)" if "revised" in meta["kind"] else "")
    return meta.get("title") or source or "document"
