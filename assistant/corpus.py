"""Reading a folder of resolution texts, each with an optional metadata sidecar.

`NAME.txt` is parsed; `NAME.meta.json`, when present, overrides what was read
from the text (symbol, label, title, kind, session, agenda item). Keys starting
with "_" are comments.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from assistant.documents import Document
from assistant.errors import AssistantError
from assistant.parsing import parse_document

METADATA_KEYS = {"doc_id", "label", "symbol", "title", "kind", "session", "agenda_item"}


def bundled_corpus_dir() -> Path:
    return Path(str(resources.files("assistant") / "data" / "corpus"))


def read_sidecar(path: Path) -> dict:
    sidecar = path.with_suffix(".meta.json")
    if not sidecar.is_file():
        return {}
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise AssistantError(f"{sidecar} is not valid JSON ({exc}); fix or delete it.") from exc
    unknown = {k for k in data if not k.startswith("_")} - METADATA_KEYS
    if unknown:
        raise AssistantError(
            f"{sidecar}: unknown keys {sorted(unknown)}; allowed: {sorted(METADATA_KEYS)}."
        )
    return {k: v for k, v in data.items() if not k.startswith("_")}


def load_text_document(path: Path) -> Document:
    raw = path.read_text(encoding="utf-8")
    return parse_document(raw, source=path.name, overrides=read_sidecar(path))


def load_corpus(folder: Path | None = None) -> list[Document]:
    folder = Path(folder) if folder else bundled_corpus_dir()
    paths = sorted(folder.glob("*.txt"))
    if not paths:
        raise AssistantError(f"No .txt resolution found in {folder}.")
    return [load_text_document(p) for p in paths]
