"""Reading a folder of resolution texts, each with an optional metadata sidecar.

`NAME.txt` is parsed; `NAME.meta.json`, when present, overrides what was read
from the text (symbol, label, title, kind, session, agenda item). Keys starting
with "_" are comments.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.documents import Document
from assistant.errors import AssistantError
from assistant.reading.parsing import parse_document


class DocumentMetadata(BaseModel):
    """What a sidecar (or `bot.add(path, metadata=...)`) may set; unset keys keep
    what was read from the text."""

    model_config = ConfigDict(extra="forbid")
    doc_id: str | None = Field(None, pattern=r"^[A-Za-z0-9._-]+$")
    label: str | None = None
    symbol: str | None = None
    title: str | None = None
    kind: str | None = None
    session: int | None = Field(None, ge=1, le=200)
    agenda_item: int | None = Field(None, ge=1)
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    sponsors: list[str] | None = None
    language: str | None = Field(None, pattern=r"^[a-z]{2,3}$")  # ISO 639 code; else detected


def bundled_corpus_dir() -> Path:
    return Path(str(resources.files("assistant") / "data" / "corpus"))


def check_metadata(data: object, where: str) -> dict:
    """Validated metadata overrides (keys starting with "_" are comments)."""
    if not isinstance(data, dict):
        raise AssistantError(f"{where}: metadata must be a JSON object of fields.")
    try:
        checked = DocumentMetadata(**{k: v for k, v in data.items() if not str(k).startswith("_")})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'metadata'}: {e['msg']}" for e in exc.errors()
        )
        raise AssistantError(
            f"{where}: {problems}. Allowed fields: {', '.join(DocumentMetadata.model_fields)}."
        ) from None
    return checked.model_dump(exclude_unset=True)


def read_sidecar(path: Path) -> dict:
    sidecar = path.with_suffix(".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except (ValueError, UnicodeError) as exc:
        raise AssistantError(f"{sidecar} is not valid JSON ({exc}); fix or delete it.") from exc
    return check_metadata(data, str(sidecar))


def load_text_document(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    return parse_document(raw, source=path.name, overrides=read_sidecar(path))


def load_corpus(folder: Path | None = None) -> list[Document]:
    folder = Path(folder) if folder else bundled_corpus_dir()
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise AssistantError(f"No .txt resolution found in {folder}.")
    return [load_text_document(p) for p in paths]
