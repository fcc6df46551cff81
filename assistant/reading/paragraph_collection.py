"""JSON paragraph collections (the format of shared/corpora/ibe-recommendations).

One file is one document: `TEXT_ID`, `TITLE` and `body.paragraphs`, each paragraph
with `para` (French), `type` (preambular / operative), and optionally `para_en`
(its English translation). The document's raw text is its paragraphs joined by
blank lines, so every clause keeps a character span into it, as for parsed texts.
A printed "3)" opening a paragraph is its number, not its text, and is left out of
the clause text. A collection with no paragraphs but a `body.body_raw` text is
parsed like a text file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from assistant.documents import Clause, Document
from assistant.errors import AssistantError
from assistant.reading.parsing import lead_phrase, parse_document
from assistant.reading.text_language import clause_language, document_language

# This stage's version (JSON paragraph collections -> clauses): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
VERSION = 1

_PRINTED_NUMBER = re.compile(r"^\s*(?:La Conférence\s*,?\s*)?\d+\s*[).]\s*")
_ID_PREFIX = {"preambular": "preamble__p", "operative": "para", "paragraph": "p"}


def load_paragraph_collection(path: Path) -> Document:
    return _load(Path(path))[0]


def english_translations(path: Path) -> dict[str, str]:
    """clause id -> the paragraph's English translation (`para_en`), where given."""
    return _load(Path(path))[1]


def load_paragraph_collections(folder: Path) -> list[Document]:
    paths = sorted(Path(folder).glob("*.json"))
    if not paths:
        raise AssistantError(f"No .json paragraph collection found in {folder}.")
    return [load_paragraph_collection(p) for p in paths]


def _load(path: Path) -> tuple[Document, dict[str, str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = data["body"]["paragraphs"]
        doc_id = re.sub(r"[^A-Za-z0-9._-]+", "-", str(data.get("TEXT_ID") or path.stem))
    except (ValueError, KeyError, TypeError) as exc:
        raise AssistantError(
            f"{path} is not a paragraph collection (expected JSON with body.paragraphs[].para): "
            f"{exc}"
        ) from exc
    title = str(data.get("TITLE") or doc_id).strip()
    doc = Document(
        doc_id=doc_id,
        label=doc_id,
        title=title,
        kind="text",
        source=path.name,
        date=_year(data, doc_id),
    )
    doc.language = document_language(
        "\n\n".join(str(p.get("para") or "") for p in paragraphs if isinstance(p, dict))
    )
    raw_parts, english, offset = [], {}, 0
    counts = dict.fromkeys(_ID_PREFIX, 0)
    for para in paragraphs:
        raw = str(para.get("para") or "").strip()
        start, offset = offset, offset + len(raw) + 2
        raw_parts.append(raw)
        number = _PRINTED_NUMBER.match(raw)
        skip = number.end() if number else 0
        text = raw[skip:]
        if not text:
            continue
        kind = para.get("type") if para.get("type") in ("preambular", "operative") else "paragraph"
        counts[kind] += 1
        clause = Clause(
            clause_id=f"{doc_id}#{_ID_PREFIX[kind]}_{counts[kind]}",
            document=doc.label,
            kind=kind,
            number=counts[kind],
            text=text,
            raw_span=(start + skip, start + len(raw)),
            lead=lead_phrase(text),
            language=clause_language(text, doc.language),
        )
        doc.clauses.append(clause)
        if para.get("para_en"):
            english[clause.clause_id] = str(para["para_en"]).strip()
    if not doc.clauses:
        return _from_raw_body(data, doc, path), {}
    doc.raw_text = "\n\n".join(raw_parts)
    return doc, english


def _year(data: dict, doc_id: str) -> str | None:
    """The collection's `DATE` or `YEAR` when it has one, else the one year its text id
    carries ("ICPE-14-1951_RES1-FR_res_33": 1951), as a reduced ISO date."""
    given = str(data.get("DATE") or data.get("YEAR") or "").strip()
    years = re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", given or doc_id)
    return years[0] if len(set(years)) == 1 else None


def _from_raw_body(data: dict, doc: Document, path: Path) -> Document:
    raw = str(data["body"].get("body_raw") or "").strip()
    if not raw:
        raise AssistantError(f"{path} holds no paragraph text (no para and no body_raw).")
    overrides = {"doc_id": doc.doc_id, "label": doc.label, "title": doc.title, "kind": "text"}
    return parse_document(raw, source=doc.source, overrides=overrides)
