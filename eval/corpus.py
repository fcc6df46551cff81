"""The eval corpus: the bundled seeds plus the documents of `documents.json`, each read
by the product's own reader (`load_document`), as a user's `assistant add` reads it.

Every document has a split: the seeds and the dev documents are the ones the system is
built and debugged on ("seen"); the test documents are read by nobody tuning the system
("unseen"). The quick slice `make test` runs uses the seeds and the dev English
resolutions of the shared corpus only (no IBE and none of the documents added under
`eval/documents/`, so that its index builds in seconds).
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
REPOSITORY = Path(__file__).resolve().parents[1]
IN_REPOSITORY = "repository:"  # a listed path under the repository (eval/documents/)


@dataclass(frozen=True)
class EvalDocument:
    key: str  # how the gold names it: "A/RES/73/6", an IBE TEXT_ID, a seed's doc id
    split: str  # dev (seen) / test (unseen)
    language: str  # the document's language, as listed
    path: str  # where it was read from (relative to shared/, "repository:…", or "bundled")
    document: Document
    batch: int = 1  # 2: the second batch of English resolutions added under eval/documents/

    @property
    def doc_id(self) -> str:
        return self.document.doc_id


def listed_documents() -> list[dict]:
    return json.loads(DOCUMENTS.read_text(encoding="utf-8"))["documents"]


def sealed_document_keys() -> set[str]:
    return {d["key"] for d in listed_documents() if d["split"] == "test"}


def listed_path(path: str, shared: Path) -> Path:
    """A listed document's file: under the repository for "repository:eval/…", else under
    the shared corpora."""
    if path.startswith(IN_REPOSITORY):
        return REPOSITORY / path.removeprefix(IN_REPOSITORY)
    return shared / path


def load_eval_corpus(
    shared: Path | None = None, quick: bool = False, dev_english: bool = False
) -> list[EvalDocument]:
    """The seeds and the listed documents; `quick`: the dev English resolutions of the
    shared corpus only; `dev_english`: every dev English resolution, the added ones too
    (what the abstention thresholds are calibrated over)."""
    shared = Path(shared or DEFAULT_SHARED)
    corpus = [EvalDocument(doc.doc_id, "dev", "fr", "bundled", doc) for doc in load_corpus()]
    for entry in listed_documents():
        english = entry["split"] == "dev" and entry["language"] == "en"
        if (quick and (not english or "added" in entry)) or (dev_english and not english):
            continue
        path = listed_path(entry["path"], shared)
        if not path.is_file():
            raise FileNotFoundError(
                f"{path} is missing: the eval reads the shared corpora beside the repository "
                "(pass --shared DIR)."
            )
        document = load_document(path)
        corpus.append(
            EvalDocument(
                entry["key"],
                entry["split"],
                entry["language"],
                entry["path"],
                document,
                int(entry.get("batch", 1)),
            )
        )
    return corpus
