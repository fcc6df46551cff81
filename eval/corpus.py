"""The eval corpus: the bundled seeds plus the documents of `documents.json`, each read
by the product's own reader (`load_document`), as a user's `assistant add` reads it.

Every document has a split: the seeds and the dev documents are the ones the system is
built and debugged on ("seen"); the test documents are read by nobody tuning the system
("unseen"). The quick slice `make test` runs uses the seeds and the dev English
resolutions only (no IBE, so that its index builds in seconds).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.documents import Document
from assistant.reading.corpus import load_corpus
from assistant.reading.readers import load_document

DOCUMENTS = Path(__file__).with_name("documents.json")
DEFAULT_SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass(frozen=True)
class EvalDocument:
    key: str  # how the gold names it: "A/RES/73/6", an IBE TEXT_ID, a seed's doc id
    split: str  # dev (seen) / test (unseen)
    language: str  # the document's language, as listed
    path: str  # where it was read from (relative to shared/, or "bundled")
    document: Document

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


def listed_documents() -> list[dict]:
    return json.loads(DOCUMENTS.read_text(encoding="utf-8"))["documents"]


def sealed_document_keys() -> set[str]:
    return {d["key"] for d in listed_documents() if d["split"] == "test"}


def load_eval_corpus(shared: Path | None = None, quick: bool = False) -> list[EvalDocument]:
    shared = Path(shared or DEFAULT_SHARED)
    corpus = [EvalDocument(doc.doc_id, "dev", "fr", "bundled", doc) for doc in load_corpus()]
    for entry in listed_documents():
        if quick and (entry["split"] != "dev" or entry["language"] != "en"):
            continue
        path = shared / entry["path"]
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} is missing: the eval reads the shared corpora beside the repository "
                "(pass --shared DIR)."
            )
        document = load_document(path)
        corpus.append(
            EvalDocument(entry["key"], entry["split"], entry["language"], entry["path"], document)
        )
    return corpus
