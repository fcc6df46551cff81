"""The gold sets: questions with the paragraphs that answer them, split by document.

Six files, each written before the system was tuned on what it asks about:

- `gold.json` (version 1): 1,242 questions over the two bundled seeds, each answerable
  turn naming its clauses by id ("A-RES-75-32#para_6"). The seeds are what the system
  was built on, so every item is dev: the items once marked test were read and fixed
  against (issue 29); `former_split` keeps what they were.
- `gold_documents_dev.json` (version 2): questions over the dev documents of
  `documents.json` (three English resolutions, 74 IBE recommendations).
- `gold_documents_added.json` (version 2, source "added"): questions over the four English
  resolutions added under `eval/documents/`, dev documents whose questions were written
  before the system was run on them and committed with their first run
  (`reports/first-run-added.json`).
- `gold_documents_added_2.json` (version 2, source "added-2"): questions over the second
  batch of English resolutions added under `eval/documents/` (resolutions of 2025), two
  dev documents and four sealed test documents, written from the documents alone and
  committed with their first run (`reports/first-run-added-2.json`) before any change
  was made with them. Its test items are sealed as those of `gold_documents_test.json`.
- `gold_documents_added_3.json` (version 2, source "added-3"): questions over the third
  batch (four resolutions of 2025, dev documents), written from the documents alone and
  committed with their first run (`reports/first-run-added-3.json`) before any change was
  made with them: that run measured the system as it stood on texts it had not seen.
- `gold_documents_test.json` (version 2): the sealed test questions, over the test
  documents of `documents.json` only (two English resolutions, one an official PDF, and
  18 IBE recommendations drawn at random), written from
  the documents alone and committed with the report of their first run. Nobody reads
  their misses to choose a fix.

Version 2 names a paragraph as users cite it and by its words, not by an id the parser
makes: {"document": "A/RES/73/6", "paragraph": "op. 4", "quote": "<verbatim excerpt>"},
or for a paragraph collection {"document": TEXT_ID, "para_number": N}. A ranked unit
(a cited clause, a chunk) answers it when it is in that document and holds the excerpt
(compared on letters and digits only, so line breaks, hyphenation and spacing of the
extraction do not count, while a rewritten word does); its label is checked apart.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import AssistantError

HERE = Path(__file__).parent
SEEDS_GOLD = HERE / "gold.json"
DEV_GOLD = HERE / "gold_documents_dev.json"
ADDED_GOLD = HERE / "gold_documents_added.json"
ADDED_2_GOLD = HERE / "gold_documents_added_2.json"
ADDED_3_GOLD = HERE / "gold_documents_added_3.json"
TEST_GOLD = HERE / "gold_documents_test.json"
GOLD_FILES = (SEEDS_GOLD, DEV_GOLD, ADDED_GOLD, ADDED_2_GOLD, ADDED_3_GOLD, TEST_GOLD)
SEALED_GOLD_FILES = (TEST_GOLD, ADDED_2_GOLD)  # the files that hold test items
KINDS = {"topic", "paragraph", "verb", "comparison", "unanswerable", "conversation"}
UNIT_MAX_CHARS = 2500  # a unit longer than this (normalised) is no paragraph-level answer


def normalise(text: str) -> str:
    """Letters and digits only, casefolded, NFC: what "holds the excerpt" compares."""
    text = unicodedata.normalize("NFC", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class GoldParagraph:
    document: str  # document key (documents.json) or, version 1, the clause id's doc part
    label: str | None = None  # "op. 4", "pp. 3", "annex, para. 12"
    quote: str | None = None  # verbatim excerpt (version 2)
    clause_id: str | None = None  # version 1
    para_number: int | None = None  # paragraph collections

    @property
    def key(self) -> str:
        return self.clause_id or f"{self.document}|{self.label or self.para_number}"


@dataclass(frozen=True)
class Turn:
    question: str
    gold: tuple[GoldParagraph, ...]
    answer: str

    @property
    def unanswerable(self) -> bool:
        return not self.gold


@dataclass(frozen=True)
class Item:
    id: str
    split: str
    kind: str
    language: str
    turns: tuple[Turn, ...]
    batch: int = 1
    source: str = "seeds"  # which gold file: seeds / documents / added / added-2 / added-3
    former_split: str | None = None
    documents: tuple[str, ...] = ()  # the documents it asks about (keys), where listed


def load_gold(paths: tuple[Path, ...] | list[Path] | Path | None = None) -> list[Item]:
    if paths is None:
        paths = [p for p in GOLD_FILES if p.is_file()]
    elif isinstance(paths, Path | str):
        paths = [Path(paths)]
    items: list[Item] = []
    for path in paths:
        items += _load_file(Path(path))
    ids = Counter(i.id for i in items)
    repeated = [i for i, n in ids.items() if n > 1]
    if repeated:
        raise AssistantError(f"Gold item ids used twice: {repeated[:5]}")
    return items


def _load_file(path: Path) -> list[Item]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        version = int(data.get("version", 1))
        source = data.get("source") or ("seeds" if version == 1 else "documents")
        items = [
            Item(
                id=q["id"],
                split=q["split"],
                kind=q["kind"],
                language=q["language"],
                turns=tuple(
                    Turn(
                        t["question"],
                        tuple(_paragraph(g, version) for g in t.get("gold", [])),
                        t.get("answer", ""),
                    )
                    for t in q["turns"]
                ),
                batch=int(q.get("batch", 1)),
                source=source,
                former_split=q.get("former_split"),
                documents=tuple(q.get("documents", ())),
            )
            for q in data["questions"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AssistantError(
            f"Cannot read the gold set {path}: {exc}. See eval/gold.py for the format."
        ) from exc
    for item in items:
        if item.split not in ("dev", "test") or item.kind not in KINDS or not item.turns:
            raise AssistantError(f"{path}: item {item.id} has a bad split, kind or no turns.")
    return items


def _paragraph(entry, version: int) -> GoldParagraph:
    if version == 1:
        return GoldParagraph(document=entry.split("#")[0], clause_id=entry)
    number = entry.get("para_number")
    return GoldParagraph(
        document=entry["document"],
        label=entry.get("paragraph"),
        quote=entry.get("quote"),
        para_number=int(number) if number is not None else None,
    )


def question_key(text: str) -> str:
    """A question as the seal checks compare it: casefolded, accents stripped,
    whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text).strip()


def composition(items: list[Item]) -> dict:
    """What the gold set holds, counted."""
    kinds = Counter(i.kind for i in items)
    turns = [t for i in items for t in i.turns]
    return {
        "questions": len(items),
        "turns": len(turns),
        "french_share": sum(i.language == "fr" for i in items) / max(len(items), 1),
        "conversations": sum(len(i.turns) > 1 for i in items),
        "follow_up_turns": sum(len(i.turns) - 1 for i in items),
        "unanswerable_turns": sum(t.unanswerable for t in turns),
        "kinds": dict(sorted(kinds.items())),
        "splits": dict(Counter(i.split for i in items)),
        "sources": dict(Counter(f"{i.source}/{i.split}" for i in items)),
    }
