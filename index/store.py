"""The on-disk index: a versioned folder, written atomically, verified on read.

Layout (documented in index/FORMAT.md):

    <index_dir>/CURRENT          name of the live generation, e.g. "gen-3f2a…"
    <index_dir>/gen-<id>/        one complete, immutable index
        manifest.json            format version, model fingerprint, corpus hash,
                                 per-document hashes, sha256 of every other file
        documents.json           document metadata and raw text
        clauses.jsonl            one clause per line
        passages.jsonl           embedded passages -> clause position
        dense.faiss              FAISS index of passage vectors
        propositions.jsonl       each proposition of a long clause -> clause position
        propositions.faiss       FAISS index of their vectors
        lexical/                 bm25s files (.npy + json)

A new generation is written beside the live one, flushed, and made live by
atomically replacing CURRENT; a crash at any point leaves the previous
generation untouched and live.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from index.checksums import file_sha256
from index.dense import DenseIndex
from index.errors import IndexCorrupted, IndexMismatch
from index.lexical import LexicalIndex
from index.records import Clause, Document

FORMAT_VERSION = 5
ADDED_DIR = "added"
REBUILD_HINT = "Run `assistant index --rebuild` to rebuild it."


@dataclass
class IndexContents:
    documents: list[Document]
    passages: list[tuple[int, str]]  # (position in `clauses`, embedded text)
    dense: DenseIndex
    lexical: LexicalIndex
    manifest: dict
    added: set[str] = field(default_factory=set)  # doc ids the user added (not the corpus's)
    base_hash: str = ""  # corpus_hash of the corpus folder the index was built from
    generation: str = ""  # the generation folder it was read from / written to
    embedded: int = 0  # passages embedded by the build that made it (the rest were reused)
    # the propositions of long clauses (assistant/indexing/chunking.py), dense only
    propositions: list[tuple[int, str]] = field(default_factory=list)
    proposition_dense: DenseIndex | None = None
    # the full check of the files it was read from (None: built here, or checked already)
    verification: Verification | None = None

    @property
    def clauses(self) -> list[Clause]:
        return [c for d in self.documents for c in d.clauses]

    def verified(self) -> IndexContents:
        """Itself, once every file it was read from matched its sha256; `IndexCorrupted`
        otherwise. Call before the contents are used (an answer, a new generation)."""
        verification = self.verification
        if verification is not None:
            verification.wait()
            self.verification = None  # checked: later calls cost nothing
        return self


class Verification:
    """The sha256 of each file of a generation, compared with its manifest in a
    background thread (hashing releases the GIL: it runs beside the parsing of the same
    files). `wait()` blocks until it is done and raises `IndexCorrupted` if a file
    differs; until then nothing read from the files may be used."""

    def __init__(self, gen: Path, files: dict[str, str], background: bool = True):
        self.gen = gen
        self.files = dict(files)
        self.damaged: str | None = None
        self._thread = threading.Thread(target=self._run, name="index-verify", daemon=True)
        if background:
            self._thread.start()
        else:
            self._run()

    def _run(self) -> None:
        for name, expected in self.files.items():
            path = self.gen / name
            try:
                if file_sha256(path) != expected:
                    self.damaged = str(path)
                    return
            except OSError:
                self.damaged = str(path)
                return

    def wait(self) -> None:
        if self._thread.ident is not None:  # started: in the background
            self._thread.join()
        if self.damaged is not None:
            raise IndexCorrupted(
                f"Index file {self.damaged} is damaged (its sha256 is not the one its manifest "
                f"records): nothing was answered from it. {REBUILD_HINT}"
            )


def corpus_hash(documents: list[Document]) -> str:
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.doc_id):
        digest.update(doc.doc_id.encode() + b"\0" + document_hash(doc).encode())
    return digest.hexdigest()


def document_hash(doc: Document) -> str:
    payload = json.dumps(doc.metadata(), sort_keys=True, ensure_ascii=False) + doc.raw_text
    return hashlib.sha256(payload.encode()).hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Every file and folder under `folder`, and `folder` itself, on disk."""
    for path in sorted(folder.rglob("*"), reverse=True):  # a folder after its files
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())
        elif path.is_dir():
            _fsync_dir(path)
    _fsync_dir(folder)


def write_index(
    root: Path,
    contents: IndexContents,
    model: dict,
    settings: dict,
    pipeline: dict | None = None,
) -> Path:
    """Write a new generation under `root` and make it live atomically. `pipeline`: the
    versions of the code that made its clauses, recorded for the reader to compare."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    gen = root / f"gen-{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
    staging = root / f".staging-{gen.name}"
    staging.mkdir()
    try:
        docs = []
        for doc in contents.documents:
            meta = doc.metadata()
            meta["raw_text"] = doc.raw_text
            meta["sha256"] = document_hash(doc)
            docs.append(meta)
        (staging / "documents.json").write_text(json.dumps(docs, ensure_ascii=False, indent=1))
        with open(staging / "clauses.jsonl", "w", encoding="utf-8") as fh:
            for clause in contents.clauses:
                fh.write(json.dumps(clause.to_dict(), ensure_ascii=False) + "\n")
        with open(staging / "passages.jsonl", "w", encoding="utf-8") as fh:
            for position, text in contents.passages:
                fh.write(json.dumps({"clause": position, "text": text}, ensure_ascii=False) + "\n")
        contents.dense.save(staging / "dense.faiss")
        with open(staging / "propositions.jsonl", "w", encoding="utf-8") as fh:
            for position, text in contents.propositions:
                fh.write(json.dumps({"clause": position, "text": text}, ensure_ascii=False) + "\n")
        if contents.proposition_dense is not None:
            contents.proposition_dense.save(staging / "propositions.faiss")
        (staging / "lexical").mkdir()
        contents.lexical.save(staging / "lexical")
        added_files = {
            doc.doc_id: _save_added(root, doc)
            for doc in contents.documents
            if doc.doc_id in contents.added
        }
        files = {
            str(p.relative_to(staging)): file_sha256(p)
            for p in sorted(staging.rglob("*"))
            if p.is_file()
        }
        manifest = {
            "format_version": FORMAT_VERSION,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "model": model,
            "settings": settings,
            "pipeline": pipeline or {},
            "corpus_hash": corpus_hash(contents.documents),
            "base_hash": contents.base_hash,
            "documents": [
                {
                    "doc_id": d["doc_id"],
                    "sha256": d["sha256"],
                    "added": added_files.get(d["doc_id"]),  # its file under added/, or null
                }
                for d in docs
            ],
            "counts": {
                "documents": len(contents.documents),
                "clauses": len(contents.clauses),
                "passages": len(contents.passages),
                "propositions": len(contents.propositions),
            },
            "files": files,
            "sizes": {name: (staging / name).stat().st_size for name in files},
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=1))
        (staging / "manifest.sha256").write_text(file_sha256(staging / "manifest.json") + "\n")
        _fsync_tree(staging)
        os.replace(staging, gen)
        _fsync_dir(root)  # the rename itself is durable before CURRENT names it
        pointer = root / f".CURRENT-{uuid.uuid4().hex[:8]}"
        pointer.write_text(gen.name + "\n")
        with open(pointer, "rb") as fh:
            os.fsync(fh.fileno())
        previous = live_generation(root)
        os.replace(pointer, root / "CURRENT")  # the one atomic switch
        _fsync_dir(root)
        contents.manifest, contents.generation = manifest, gen.name
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    # the previous generation stays as a backup, a fully usable index
    _remove_stale_generations(root, keep={gen.name, previous.name if previous else ""})
    _remove_unused_added(root)
    return gen


def _save_added(root: Path, doc: Document) -> str:
    """An added document, kept outside the generations in a file named by its own
    sha256 (written once, atomically): a rebuild after any damage still has it."""
    record = {**doc.metadata(), "raw_text": doc.raw_text}
    record["clauses"] = [c.to_dict() for c in doc.clauses]
    data = json.dumps(record, ensure_ascii=False, sort_keys=True).encode()
    name = f"{ADDED_DIR}/{hashlib.sha256(data).hexdigest()}.json"
    target = root / name
    if not target.is_file():
        target.parent.mkdir(exist_ok=True)
        partial = target.with_suffix(f".{uuid.uuid4().hex[:8]}.partial")
        with open(partial, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
        _fsync_dir(target.parent)
    return name


def _load_added(root: Path, name: str) -> Document | None:
    path = root / name
    try:
        if file_sha256(path) != path.stem:
            return None
        record = json.loads(path.read_text(encoding="utf-8"))
        clauses = [Clause.from_dict(c) for c in record.pop("clauses")]
        return Document(**record, clauses=clauses)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _remove_unused_added(root: Path) -> None:
    """Drop added-document files no kept generation refers to (removed documents,
    or an `add` killed before its switch)."""
    used: set[str] = set()
    for gen in root.glob("gen-*"):
        try:
            manifest = json.loads((gen / "manifest.json").read_text())
            used |= {d["added"] for d in manifest["documents"] if d.get("added")}
        except (OSError, ValueError, KeyError, TypeError):
            return  # unsure what is in use: keep everything
    for path in (root / ADDED_DIR).glob("*"):
        if f"{ADDED_DIR}/{path.name}" not in used:
            path.unlink(missing_ok=True)


@contextmanager
def index_lock(root: Path):
    """One writer at a time per index folder (an advisory lock on `<root>/.lock`):
    two `assistant add` runs in parallel both land instead of the last one winning."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def remove_interrupted_writes(root: Path) -> bool:
    """Remove what a write killed before its switch left behind (`.staging-gen-*`
    folders, `.CURRENT-*` pointers, `added/*.partial` files); True when there was any.
    Only when no writer is at work: the lock is tried, never waited for."""
    root = Path(root)
    if not root.is_dir():
        return False
    with open(root / ".lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False  # a writer holds it: its staging folder is in use
        try:
            leftovers = [
                *root.glob(".staging-*"),
                *root.glob(".CURRENT-*"),
                *root.glob(f"{ADDED_DIR}/*.partial"),
            ]
            for path in leftovers:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
            return bool(leftovers)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _remove_stale_generations(root: Path, keep: set[str]) -> None:
    for path in root.iterdir():
        if path.name not in keep and path.name.startswith(("gen-", ".staging-", ".CURRENT-")):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def live_generation(root: Path) -> Path | None:
    pointer = Path(root) / "CURRENT"
    try:
        name = pointer.read_text().strip()
    except (OSError, UnicodeError):
        return None
    gen = Path(root) / name
    if not name.startswith("gen-") or "/" in name or not gen.is_dir():
        return None
    return gen


def read_manifest(root: Path) -> dict | None:
    """The live generation's manifest; None only where no index was ever written."""
    gen = live_generation(root)
    if gen is None:
        root = Path(root)
        leftovers = [p.name for p in root.glob("*") if p.name.startswith(("CURRENT", "gen-"))]
        # without a pointer or added documents there is nothing to lose: build afresh
        if (root / "CURRENT").exists() or any((root / ADDED_DIR).glob("*.json")):
            raise IndexCorrupted(
                f"The index in {root} has no valid CURRENT pointer to a generation "
                f"(found: {', '.join(sorted(leftovers)) or 'added documents only'}). "
                f"{REBUILD_HINT}"
            )
        return None
    try:
        manifest = json.loads((gen / "manifest.json").read_text())
        if not isinstance(manifest, dict):
            raise ValueError("not a JSON object")
        if manifest.get("format_version") == 1:  # format 1 had no manifest checksum
            return manifest
        expected = (gen / "manifest.sha256").read_text().strip()
        if file_sha256(gen / "manifest.json") != expected:
            raise ValueError("checksum mismatch")
        return manifest
    except (OSError, ValueError) as exc:
        raise IndexCorrupted(
            f"The index manifest in {gen} is missing or damaged ({exc}). {REBUILD_HINT}"
        ) from exc


def read_index(
    root: Path, model_fingerprint: str, verify: Literal["now", "background"] = "now"
) -> IndexContents:
    """Load the live generation; refuse one built by another model. Before anything is
    read: the manifest's own checksum, and each file's presence and size. Each file's
    sha256 is checked `now` (before this returns), or in the `background` while the files
    are parsed: then `IndexContents.verified()` waits for it before first use."""
    gen = live_generation(root)
    if gen is None:
        raise IndexCorrupted(f"No index in {root}. {REBUILD_HINT}")
    manifest = read_manifest(root)
    if manifest.get("format_version") != FORMAT_VERSION:
        raise IndexMismatch(
            f"The index in {gen} has format {manifest.get('format_version')}, this version "
            f"reads format {FORMAT_VERSION}. {REBUILD_HINT}"
        )
    built_with = manifest.get("model", {}).get("fingerprint")
    if built_with != model_fingerprint:
        raise IndexMismatch(
            f"The index in {gen} was built with the model {built_with!r}, not the configured "
            f"{model_fingerprint!r}; their vectors cannot be mixed. {REBUILD_HINT}"
        )
    sizes = manifest.get("sizes") or {}
    for name in manifest["files"]:
        path = gen / name
        if not path.is_file() or path.stat().st_size != sizes.get(name):
            raise IndexCorrupted(
                f"Index file {path} is missing or damaged (checksum mismatch: not the size its "
                f"manifest records). {REBUILD_HINT}"
            )
    verification = Verification(gen, manifest["files"], background=verify == "background")
    if verify == "now":
        verification.wait()
    try:
        documents = _read_documents(gen)
        clauses = [c for d in documents for c in d.clauses]
        passages = _read_pieces(gen / "passages.jsonl", clauses)
        dense = DenseIndex.load(gen / "dense.faiss")
        propositions = _read_pieces(gen / "propositions.jsonl")
        proposition_dense = (
            DenseIndex.load(gen / "propositions.faiss")
            if (gen / "propositions.faiss").is_file()
            else None
        )
        if len(propositions) != (len(proposition_dense) if proposition_dense else 0):
            raise ValueError("propositions.jsonl and propositions.faiss disagree")
        lexical = LexicalIndex.load(gen / "lexical", len(passages))
    except Exception as exc:
        verification.wait()  # a damaged file is the likely cause: say which one
        raise IndexCorrupted(
            f"The index in {gen} could not be read ({exc}). {REBUILD_HINT}"
        ) from exc
    return IndexContents(
        documents,
        passages,
        dense,
        lexical,
        manifest,
        added={d["doc_id"] for d in manifest["documents"] if d.get("added")},
        base_hash=manifest.get("base_hash", ""),
        generation=gen.name,
        propositions=propositions,
        proposition_dense=proposition_dense,
        verification=verification if verify == "background" else None,
    )


def verify_index(root: Path) -> int:
    """The full check (`assistant index --verify`): the live generation's manifest and
    every file it lists, and each added document's file, hashed and compared with the
    sha256 recorded for it; `IndexCorrupted` names the first that differs. Returns how
    many files were checked."""
    root = Path(root)
    manifest = read_manifest(root)
    gen = live_generation(root)
    if manifest is None or gen is None:
        raise IndexCorrupted(f"No index in {root}. {REBUILD_HINT}")
    Verification(gen, manifest.get("files", {}), background=False).wait()
    added = [d["added"] for d in manifest.get("documents", []) if d.get("added")]
    for name in added:
        path = root / name
        if not path.is_file() or file_sha256(path) != path.stem:
            raise IndexCorrupted(
                f"The added document's file {path} is missing or damaged. {REBUILD_HINT}"
            )
    return 2 + len(manifest.get("files", {})) + len(added)


def _read_pieces(path: Path, clauses: list[Clause] = ()) -> list[tuple[int, str]]:
    """(clause position, text) rows of passages.jsonl or propositions.jsonl; a passage
    that is its clause's whole text shares the clause's string (one copy in memory)."""
    rows = path.read_text(encoding="utf-8").splitlines()
    pieces = [(row["clause"], row["text"]) for row in map(json.loads, rows)]
    for i, (position, text) in enumerate(pieces):
        if 0 <= position < len(clauses) and clauses[position].text == text:
            pieces[i] = (position, clauses[position].text)
    return pieces


def _read_documents(gen: Path) -> list[Document]:
    docs_meta = json.loads((gen / "documents.json").read_text())
    clauses = [
        Clause.from_dict(json.loads(line))
        for line in (gen / "clauses.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    by_doc: dict[str, list[Clause]] = {}
    for clause in clauses:
        by_doc.setdefault(clause.clause_id.split("#")[0], []).append(clause)
    documents = []
    for meta in docs_meta:
        meta = dict(meta)
        meta.pop("sha256", None)
        raw = meta.pop("raw_text")
        documents.append(Document(**meta, raw_text=raw, clauses=by_doc.get(meta["doc_id"], [])))
    return documents


def recover_added_documents(root: Path) -> list[Document]:
    """The documents a user added, for a rebuild: those the live manifest lists, read
    from their own files under `added/` (each checked against the sha256 in its name);
    every intact file there when the manifest itself is unreadable."""
    root = Path(root)
    names: list[str] | None = None
    try:
        manifest = read_manifest(root)
        if manifest is not None:
            names = [d["added"] for d in manifest["documents"] if d.get("added")]
    except (IndexCorrupted, KeyError, TypeError):
        names = None
    if names is None:
        names = sorted(f"{ADDED_DIR}/{p.name}" for p in (root / ADDED_DIR).glob("*.json"))
    documents = [_load_added(root, name) for name in names]
    return [d for d in documents if d is not None]
