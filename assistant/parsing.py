"""Raw resolution text -> Document with Clauses.

Works line by line so that page layout is still visible: page furniture
(running headers, footers with job numbers, footnote blocks, URLs) is taken out
first, then paragraphs are found from the structure of a resolution (header,
enacting formula, preambular paragraphs opening with a participle, numbered
operative paragraphs, lettered sub-paragraphs), then each is cleaned. Blank
lines are not trusted: PDF extraction puts them inside paragraphs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from assistant.cleaning import (
    MONTHS,
    clean_paragraph,
    detach_footnote_markers,
    normalize_spaces,
    repair_elisions,
)
from assistant.documents import Clause, Document, Footnote

_ENACTING = re.compile(
    r"^\s*(L[’']Assembl[ée]e g[ée]n[ée]rale|Le Conseil de s[ée]curit[ée]|"
    r"La Conf[ée]rence g[ée]n[ée]rale|Le Conseil des droits de l[’']homme)\s*,?\s*$"
)
_OPERATIVE = re.compile(r"^\s*(\d{1,3})\s?\.(?:\s+(?=\S)|\s*$)")  # "1. Décide" or "1." alone
_POINT = re.compile(r"^\s*([a-z])\)(?:\s+(?=\S)|\s*$)")
_FOOTER = re.compile(
    r"^\s*(\d+/\d+\s+\d{2}-\d{5}|\d{2}-\d{5}\s+\d+/\d+|\d{2}-\d{5}(\s*\([A-Z]\))?)\s*$"
)
_FOOTNOTE_RULE = re.compile(r"^\s*_{5,}\s*$")
_FOOTNOTE = re.compile(r"^\s*(\d{1,2})\s+(\S.*)$")
_URL_LINE = re.compile(r"^\s*(https?://|www\.)\S+\s*$")
_SYMBOL = re.compile(
    r"\bA/(?:RES/)?\d{2}/[A-Z0-9.]+(?:/Rev\.\d)?|\bA/C\.\d/\d{2}/L\.\d+(?:/Rev\.\d)?"
)
_RUNNING_SYMBOL = re.compile(r"\s(A/RES/\d{2}/\d{1,3}|A/C\.\d/\d{2}/L\.\d+(/Rev\.\d)?)\s*$")
_RESOLUTION_NUMBER = re.compile(r"^\s*(\d{2})/(\d{1,3})\s*\.\s+")
# Words that open a preambular paragraph besides present participles (-ant).
_PREAMBULAR_OPENERS = {
    "consciente", "conscient", "convaincue", "convaincu", "préoccupée", "profondément",
    "gravement", "vivement", "résolue", "déterminée", "alarmée", "se", "ayant", "tenant",
    "prenant", "considérant", "reconnaissant", "accueillant", "rappelant", "notant",
}  # fmt: skip
_LEAD_STOP = {
    "que", "qu", "de", "des", "du", "la", "le", "les", "l", "d", "à", "a", "aux", "au",
    "par", "ses", "sa", "son", "tous", "toutes", "tout", "en", "sur", "avec", "dans",
    "pour", "un", "une", "il", "elle", "leurs", "leur", "ces", "cette", "ce", "lui",
}  # fmt: skip
_ORDINAL_UNITS = {
    "premi": 1, "un": 1, "deux": 2, "trois": 3, "quatr": 4, "cinqu": 5, "six": 6,
    "sept": 7, "huit": 8, "neuv": 9, "dix": 10, "onz": 11, "douz": 12, "treiz": 13,
    "quatorz": 14, "quinz": 15, "seiz": 16,
}  # fmt: skip
_MONTHS = {
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
}  # fmt: skip
_DATE = re.compile(rf"\b(\d{{1,2}})(?:er)?\s+({MONTHS})\s+(\d{{4}})\b", re.I)
# Cover-page lines of an official document: metadata, not clauses.
_COVER = re.compile(
    r"^(Nations Unies\b|Assembl[ée]e g[ée]n[ée]rale\b(?!,)|Distr\.|Original\s*:|"
    r"R[ée]solution adopt[ée]e|\[sur la base|[\w -]+i[èe]me session\b)",
    re.I,
)
_ADOPTED = re.compile(r"adopt[ée]e par l[’']Assembl[ée]e g[ée]n[ée]rale le ([^\]\n]{6,30})")
_TENS = {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}


@dataclass
class _Line:
    text: str
    start: int
    end: int


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def span(self) -> tuple[int, int]:
        return (self.lines[0].start, self.lines[-1].end)


class ParseError(ValueError):
    """The text gives no clause at all."""


def parse_document(raw: str, source: str = "", overrides: dict | None = None) -> Document:
    """Parse one French resolution (or a plain text of French paragraphs)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = _split_lines(raw)
    lines, footnotes = _strip_furniture(lines)
    enacting = next(
        (i for i, ln in enumerate(lines) if _ENACTING.match(repair_elisions(ln.text))), None
    )
    meta = _header_metadata(lines[:enacting] if enacting is not None else [], lines)
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
        source=source,
        raw_text=raw,
    )
    if enacting is None:
        doc.clauses = _plain_paragraphs(doc, lines)
    else:
        header = _header_clauses(doc, lines[:enacting])
        doc.clauses = header + _body_clauses(doc, lines[enacting + 1 :], footnotes)
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
    keep: list[_Line] = []
    drop = [False] * len(lines)
    in_notes = False
    for i, line in enumerate(lines):
        text = line.text.strip()
        if _FOOTNOTE_RULE.match(text):
            in_notes, drop[i] = True, True
            continue
        if in_notes:
            note = _FOOTNOTE.match(text)
            if note and not _SYMBOL.fullmatch(text):
                footnotes[int(note.group(1))] = note.group(2).strip()
                drop[i] = True
                continue
            if not text or _URL_LINE.match(text):
                drop[i] = True
                continue
            in_notes = False
        if _FOOTER.match(text) or _URL_LINE.match(text):
            drop[i] = True
    # Running headers: a line ending with the document's own symbol, and the
    # line of repeated title printed just before it.
    enacting = next((i for i, ln in enumerate(lines) if _ENACTING.match(ln.text)), 15)
    opening = _fold(" ".join(ln.text for ln in lines[:enacting]))
    for i, line in enumerate(lines):
        if not _RUNNING_SYMBOL.search(line.text) or i == 0:
            continue
        drop[i] = True
        j = i - 1
        while j > 0 and (drop[j] or not lines[j].text.strip()):
            j -= 1
        previous = _fold(lines[j].text)
        if previous and previous in opening and not lines[j].text.rstrip().endswith((",", ";")):
            drop[j] = True
    keep = [ln for ln, d in zip(lines, drop, strict=True) if not d]
    return keep, footnotes


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
    for block in blocks:  # a block opening in lowercase continues the previous one
        if merged and block.text.strip()[:1].islower():
            merged[-1].lines.extend(block.lines)
        else:
            merged.append(block)
    return merged


def _header_role(text: str) -> str:
    if re.match(r"^Point \d+", text):
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


def _header_metadata(header: list[_Line], all_lines: list[_Line]) -> dict:
    meta: dict = {}
    blocks = [
        (_header_role(clean_paragraph(b.text)), clean_paragraph(b.text))
        for b in _header_blocks(header)
    ]
    full = clean_paragraph(" ".join(ln.text for ln in all_lines))
    for role, text in blocks:
        if role == "cover":
            adopted = _ADOPTED.search(text)
            adopted_on = _date(adopted.group(1)) if adopted else None
            if adopted_on:
                meta["date"] = adopted_on
            elif _DATE.fullmatch(text.strip()) or text.startswith("Distr"):
                meta.setdefault("date", _date(text))
            ordinal = re.match(r"^([\w -]+i[èe]me) session\b", text)
            if ordinal and (n := french_ordinal(ordinal.group(1))):
                meta["session"] = n
            item = re.search(r"\bPoint (\d+) de l", text)
            if item:
                meta["agenda_item"] = int(item.group(1))
            symbol = re.search(r"\bA/RES/(\d{2})/(\d{1,3})\b", text)
            if symbol:
                meta["symbol"], meta["session"] = symbol.group(0), int(symbol.group(1))
                meta["kind"] = "resolution"
        elif role == "agenda item":
            meta["agenda_item"] = int(re.match(r"^Point (\d+)", text).group(1))
        elif role == "sponsors":
            names, _, rest = text.rpartition(":")
            meta["sponsors"] = _split_sponsors(names)
            meta["kind"] = "draft resolution" + (" (revised)" if "révisé" in rest else "")
        elif role == "title" and ("title" not in meta or _RESOLUTION_NUMBER.match(text)):
            number = _RESOLUTION_NUMBER.match(text)
            if number:
                meta["session"] = int(number.group(1))
                meta["symbol"] = f"A/RES/{number.group(1)}/{number.group(2)}"
                meta["kind"] = "resolution"
                text = text[number.end() :]
            meta["title"] = text
    explicit = re.search(r"\bA/RES/(\d{2})/(\d{1,3})\b", full)
    if meta.get("date") is None:
        meta.pop("date", None)
    if "symbol" not in meta and explicit and "sponsors" not in meta:
        meta["symbol"], meta["session"] = explicit.group(0), int(explicit.group(1))
        meta["kind"] = "resolution"
    if "session" not in meta:
        # "inscrire à l'ordre du jour provisoire de sa soixante-quinzième session"
        # is written at the session before.
        nxt = re.search(r"ordre du jour provisoire de sa ([\w-]+ième) session", full)
        if nxt and (n := french_ordinal(nxt.group(1))):
            meta["session"] = n - 1
    return meta


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


def french_ordinal(word: str) -> int | None:
    """'soixante-seizième' -> 76, 'vingt et unième' -> 21, 'quatre-vingtième' -> 80 (1-99)."""
    word = word.lower().replace(" et ", "-").removesuffix("ième")
    total = 0
    word = re.sub(r"quatre-vingts?", "quatrevingt", word)
    for part in word.split("-"):
        if part == "quatrevingt":
            total += 80
        elif part in _TENS or part.rstrip("s") in _TENS:
            total += _TENS.get(part.rstrip("s"), 0)
        else:
            unit = next((v for k, v in _ORDINAL_UNITS.items() if part.startswith(k)), None)
            if unit is None:
                return None
            total += unit
    return total or None


def _header_clauses(doc: Document, header: list[_Line]) -> list[Clause]:
    clauses: list[Clause] = []
    seen: set[str] = set()
    for block in _header_blocks(header):
        text = clean_paragraph(block.text)
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
            )
        )
    return clauses


# ---------------------------------------------------------------------- body
def _body_clauses(doc: Document, lines: list[_Line], footnotes: dict[int, str]) -> list[Clause]:
    paragraphs = _segment(lines)
    expected_notes = sorted(footnotes)
    clauses: list[Clause] = []
    pp = 0
    parent: Clause | None = None
    lead_ins: dict[str, str] = {}
    for kind, number, block in paragraphs:
        text = normalize_spaces(block.text)
        if kind == "operative":
            text = _OPERATIVE.sub("", text, count=1)
        text, found = detach_footnote_markers(text, expected_notes)
        expected_notes = expected_notes[len(found) :]
        text = clean_paragraph(text)
        notes = tuple(Footnote(n, footnotes[n]) for n in found)
        if kind == "point" and parent is not None:
            parent.has_points = True
            parent.text = f"{parent.text} {text}"
            parent.footnotes += notes
            parent.raw_span = (parent.raw_span[0], block.span[1])
            clauses.append(
                Clause(
                    clause_id=f"{parent.clause_id}__list_1__point_{number}",
                    document=doc.label,
                    kind=parent.kind,
                    number=parent.number,
                    point=number,
                    text=text,
                    lead=parent.lead,
                    lead_in=lead_ins[parent.clause_id],
                    raw_span=block.span,
                    footnotes=notes,
                )
            )
            continue
        if kind == "operative":
            clause_id, n = f"{doc.doc_id}#para_{number}", number
        else:
            pp += 1
            clause_id, n = f"{doc.doc_id}#preamble__p_{pp}", pp
        parent = Clause(
            clause_id=clause_id,
            document=doc.label,
            kind=kind,
            number=n,
            text=text,
            lead=lead_phrase(text),
            raw_span=block.span,
            footnotes=notes,
        )
        lead_ins[clause_id] = text
        clauses.append(parent)
    return clauses


def _segment(lines: list[_Line]) -> list[tuple[str, int | str | None, _Block]]:
    """Group lines into (kind, number, block) paragraphs from structural cues."""
    out: list[tuple[str, int | str | None, _Block]] = []
    next_op, next_point = 1, "a"
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        op = _OPERATIVE.match(text)
        point = _POINT.match(text)
        previous = out[-1][2].text.rstrip() if out else ""
        if op and int(op.group(1)) == next_op:
            out.append(("operative", next_op, _Block([line])))
            next_op, next_point = next_op + 1, "a"
        elif point and point.group(1) == next_point and previous.endswith((":", ";", ",")):
            out.append(("point", next_point, _Block([line])))
            next_point = chr(ord(next_point) + 1)
        elif not out or (previous.endswith((",", ";", ".")) and _opens_preambular(text)):
            out.append(("preambular", None, _Block([line])))
        else:
            out[-1][2].lines.append(line)
    return out


def _opens_preambular(text: str) -> bool:
    first = re.match(r"[^\W\d_]+", text)
    if not first or not first.group().istitle():
        return False
    word = first.group().lower()
    return word.endswith("ant") or word in _PREAMBULAR_OPENERS


def lead_phrase(text: str) -> str | None:
    """The opening verb or participle phrase: 'Se félicite également', 'Décide'."""
    words = []
    for token in re.findall(r"[^\W\d_]+|\S", text)[:4]:
        if not re.match(r"[^\W\d_]", token) or token.lower() in _LEAD_STOP:
            break
        words.append(token)
    return " ".join(words) or None


def _plain_paragraphs(doc: Document, lines: list[_Line]) -> list[Clause]:
    """Text with no resolution structure: blank-line separated paragraphs."""
    clauses = []
    for block in _header_blocks(lines):
        text = clean_paragraph(block.text)
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
                lead=lead_phrase(text),
                raw_span=block.span,
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
