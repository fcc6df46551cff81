"""The records the index keeps, which every stage shares: a Document made of Clauses.

A Clause is the unit a user cites ("A/RES/75/32, op. 1 (a)"): a preambular or
operative paragraph, a lettered sub-paragraph (kept with its lead-in), or a
header block (title, sponsors, agenda item). Its `text` is the cleaned text, and
`quote` is exactly what the assistant shows between « »: always made of
verbatim pieces of the cleaned document.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from typing import Literal

# the clause fields whose values repeat across clauses (a document's label, a kind, a
# verb): read from the index as one shared string each
_REPEATED = ("document", "kind", "lead", "label", "language", "part", "lead_in")

ClauseKind = Literal["header", "preambular", "operative", "paragraph"]
UNLETTERED = "#"  # the mark of a sub-paragraph printed without its letter: "#3"
UNLETTERED_ID = "item_"  # its clause id's last part: "…#para_7__list_1__item_3"
ELISION = " […] "


@dataclass(frozen=True)
class Footnote:
    number: int
    text: str  # e.g. "A/65/201."

    @property
    def symbol(self) -> str:
        return self.text.rstrip(". ")


@dataclass(slots=True)
class Clause:
    clause_id: str  # AKN4UN-style, e.g. "A-RES-75-32#para_1__list_1__point_a"
    document: str  # the document's citation label, e.g. "A/RES/75/32"
    kind: ClauseKind
    number: int | None  # pp. counted in order; op. as printed; header: order
    text: str  # cleaned text, without the printed number
    raw_span: tuple[int, int]  # character offsets into the document's raw text
    lead: str | None = None  # "Rappelant", "Se félicite également", "Décide"
    point: str | None = None  # sub-paragraph letter; "#3": the third, printed without one
    lead_in: str | None = None  # for a sub-paragraph: its paragraph's lead-in
    label: str | None = None  # header blocks: "title", "sponsors", "agenda item"
    footnotes: tuple[Footnote, ...] = ()
    has_points: bool = False  # an operative paragraph whose points are clauses too
    language: str | None = None  # ISO 639-1 code; None: the document's language
    part: str | None = None  # "annex" for a paragraph of an annexed text

    @property
    def doc_id(self) -> str:
        """The document's id: the part of the clause id before "#"."""
        return self.clause_id.split("#")[0]

    @property
    def paragraph(self) -> str:
        """Short UN citation: "op. 6", "pp. 3", "op. 1 (a)", "title", "annex, para. 12",
        "annex, opening"."""
        if self.kind == "header":
            return self.label or "header"
        if self.part == "annex":  # a second annexed text's labels say which: "annex II, …"
            if self.number is None:
                return self.label or "annex, opening"
            base = self.label or f"annex, para. {self.number}"
            return f"{base} ({self.letter})" if self.letter else base
        prefix = {"preambular": "pp.", "operative": "op.", "paragraph": "para."}[self.kind]
        base = f"{prefix} {self.number}"
        return f"{base} ({self.letter})" if self.letter else base

    @property
    def annex_number(self) -> int | None:
        """Which annexed text a paragraph of an annex is in: 1 for the first (or only)
        one ("#annex__para_3"), 2 for "Annex II" ("#annex_2__para_3"); None outside."""
        if self.part != "annex":
            return None
        found = re.match(r"annex_(\d+)__", self.clause_id.split("#", 1)[1])
        return int(found.group(1)) if found else 1

    @property
    def letter(self) -> str | None:
        """The sub-paragraph's letter as printed; None for a sub-paragraph printed without
        one (an extraction lost it): it is cited as its paragraph, never by a guess."""
        return None if not self.point or self.point.startswith(UNLETTERED) else self.point

    @property
    def quote(self) -> str:
        """What is shown between « »: the lead-in joins a sub-paragraph, with […]
        marking the sub-paragraphs left out in between."""
        if not self.lead_in:
            return self.text
        joiner = " " if self.point in ("a", f"{UNLETTERED}1") else ELISION
        return f"{self.lead_in}{joiner}{self.text}"

    @property
    def retrievable(self) -> bool:
        """Paragraphs split into points are searched through their points."""
        return not self.has_points

    def to_dict(self) -> dict:
        return {
            "clause_id": self.clause_id,
            "document": self.document,
            "kind": self.kind,
            "number": self.number,
            "point": self.point,
            "paragraph": self.paragraph,
            "lead": self.lead,
            "lead_in": self.lead_in,
            "label": self.label,
            "text": self.text,
            "raw_span": list(self.raw_span),
            "footnotes": [{"number": f.number, "text": f.text} for f in self.footnotes],
            "has_points": self.has_points,
            "language": self.language,
            "part": self.part,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Clause:
        data = dict(data)
        data.pop("paragraph", None)
        for key in _REPEATED:  # one string object for a value many clauses share
            if isinstance(data.get(key), str):
                data[key] = sys.intern(data[key])
        data["raw_span"] = tuple(data["raw_span"])
        data["footnotes"] = tuple(Footnote(**f) for f in data["footnotes"])
        return cls(**data)


@dataclass
class Document:
    doc_id: str  # file-safe id used in clause ids, e.g. "A-RES-75-32"
    label: str  # how it is cited: the symbol, or an honest label for a draft
    title: str
    kind: str  # "resolution", "draft resolution (revised)", "text"
    symbol: str | None = None
    session: int | None = None
    agenda_item: int | None = None
    date: str | None = None  # ISO date of adoption (or of the draft), when printed
    sponsors: list[str] = field(default_factory=list)
    language: str = "und"  # ISO 639-1 code detected when read ("en", "fr"…); "und": unknown
    source: str = ""  # file name it came from
    raw_text: str = ""
    clauses: list[Clause] = field(default_factory=list)
    # the metadata given with the file when it was added (the user's, a sidecar's): what a
    # rebuild by newer reading code keeps when it reads the document's text again
    given: dict = field(default_factory=dict)

    @property
    def cleaned_text(self) -> str:
        """The cleaned document: every quote is made of pieces of this text."""
        return "\n\n".join(c.text for c in self.clauses if c.lead_in is None)

    def clause(self, paragraph: str) -> Clause | None:
        return next((c for c in self.clauses if c.paragraph == paragraph), None)

    def numbered(self, kind: str, number: int | None, point: str | None = None) -> Clause | None:
        """The preambular or operative paragraph with this number (and sub-paragraph)."""
        return next(
            (c for c in self.clauses if (c.kind, c.number, c.point) == (kind, number, point)),
            None,
        )

    def metadata(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "label": self.label,
            "title": self.title,
            "kind": self.kind,
            "symbol": self.symbol,
            "session": self.session,
            "agenda_item": self.agenda_item,
            "date": self.date,
            "sponsors": self.sponsors,
            "language": self.language,
            "source": self.source,
            "given": self.given,
        }
