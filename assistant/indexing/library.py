"""Which documents the index holds: the corpus folder's, plus those a user added.

Every change makes a new index generation from the previous one (`build_index`
reuses its passages and vectors), under the index lock the caller holds:
`open_index` (load, or build when missing, outdated or asked to), `with_documents`
(add), `without` (remove). Refusals are `DocumentError`s that say what to do.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from assistant.documents import Document
from assistant.errors import DocumentError, IndexError_
from assistant.indexing.build import build_index, index_settings
from assistant.reading.readers import read_again
from assistant.settings import Settings
from assistant.stages import changed_stages
from index.store import (
    FORMAT_VERSION,
    IndexContents,
    corpus_hash,
    live_generation,
    read_index,
    read_manifest,
    recover_added_documents,
)


def open_index(
    root: Path, base: list[Document], embedder, settings: Settings, rebuild: bool, progress: bool
) -> IndexContents:
    """Read the live index, or (re)build it from the corpus `base` plus the added
    documents; a build reuses every vector the old index already holds."""
    base_hash = corpus_hash(base)
    if rebuild:
        added = recover_added_documents(root)
        return _build(base, added, embedder, settings, progress, None, base_hash)
    manifest = read_manifest(root)
    if manifest is None or manifest.get("format_version", 0) < 2:
        # nothing yet, or format 1, which held only the corpus folder
        return _build(base, [], embedder, settings, progress, None, base_hash)
    stale = _stale(manifest)
    if stale:  # an older layout or older reading code: rebuild it, with the documents
        added = [read_again(d) for d in recover_added_documents(root)]  # the user added
        warnings.warn(
            IndexRebuilt(
                f"The index in {root} was built by {stale}: rebuilding it from the corpus "
                f"folder and the {len(added)} document(s) you added, read again from their "
                "text (the vectors of unchanged passages are reused)."
            ),
            stacklevel=2,
        )
        previous = _readable(root, embedder, manifest)  # its vectors, by exact text
        return _build(base, added, embedder, settings, progress, previous, base_hash)
    # refuses another model or damage (each file's sha256 checked beside the parsing)
    contents = read_index(root, embedder.fingerprint, verify="background")
    if contents.base_hash == base_hash and manifest.get("settings") == index_settings(settings):
        return contents
    added = [d for d in contents.documents if d.doc_id in contents.added]
    return _build(base, added, embedder, settings, progress, contents, base_hash)


def _readable(root: Path, embedder, manifest: dict) -> IndexContents | None:
    """The index as it is, when this code can read it (same format, same model, intact)."""
    if manifest.get("format_version") != FORMAT_VERSION:
        return None
    try:
        return read_index(root, embedder.fingerprint)
    except (IndexError_, OSError, ValueError):
        return None


class IndexRebuilt(UserWarning):
    """The index was rebuilt on load: built by an older format or older reading code."""


def _stale(manifest: dict) -> str:
    """Why the index must be rebuilt by this code, or "" when it need not."""
    version = manifest.get("format_version")
    if isinstance(version, int) and version > FORMAT_VERSION:
        return ""  # written by newer code: `read_index` refuses it, saying so
    if version != FORMAT_VERSION:
        return f"format {version} (this code reads format {FORMAT_VERSION})"
    changed = changed_stages(manifest.get("pipeline"))
    if changed:
        return "older reading code (" + ", ".join(changed) + ")"
    return ""


def current_index(
    root: Path, base: list[Document], embedder, settings: Settings
) -> IndexContents | None:
    """The live index when it is up to date for `base` and these settings, read without
    the lock (generations are never changed once written, and the switch to a new one
    is one rename), so a reader does not wait for an `add` running elsewhere; None when
    it must be built, or on any doubt (then `open_index` decides under the lock)."""
    try:
        manifest = read_manifest(root)
        if manifest is None or _stale(manifest):
            return None
        contents = read_index(root, embedder.fingerprint, verify="background")
    except (IndexError_, OSError, ValueError):
        return None  # damaged, another model, or a generation removed while read
    if contents.base_hash != corpus_hash(base):
        return None
    if contents.manifest.get("settings") != index_settings(settings):
        return None
    return contents


def latest(contents: IndexContents, settings: Settings, embedder) -> IndexContents:
    """`contents`, or the live generation if another process changed the index since
    `contents` was loaded (so that its change is not overwritten)."""
    live = live_generation(settings.resolved_index_dir)
    if live is None or live.name == contents.generation:
        return contents.verified()
    return read_index(settings.resolved_index_dir, embedder.fingerprint)


def with_documents(
    contents: IndexContents,
    documents: list[Document],
    embedder,
    settings: Settings,
    replace: bool = False,
    progress: bool = False,
) -> IndexContents:
    """The index plus `documents` (replacing those with the same id if `replace`)."""
    new_ids = {d.doc_id for d in documents}
    kept = [d for d in contents.documents if not (replace and d.doc_id in new_ids)]
    check_new(documents, kept)
    return build_index(
        kept + documents,
        embedder,
        settings,
        progress=progress,
        previous=contents,
        added=contents.added | new_ids,
        base_hash=contents.base_hash,
    )


def without(contents: IndexContents, doc: Document, embedder, settings: Settings):
    """The index without `doc` (nothing is embedded)."""
    if len(contents.documents) == 1:
        raise DocumentError(f"{doc.label} is the only document left; it stays.")
    return build_index(
        [d for d in contents.documents if d.doc_id != doc.doc_id],
        embedder,
        settings,
        previous=contents,
        added=contents.added,
        base_hash=contents.base_hash,
    )


def find(documents: list[Document], ref: str | Document) -> Document | None:
    """The document with this id, label, symbol or source file name."""
    if isinstance(ref, Document):
        ref = ref.doc_id
    key = str(ref).strip().casefold()
    for doc in documents:
        if key in {str(v).casefold() for v in (doc.doc_id, doc.label, doc.symbol, doc.source) if v}:
            return doc
    return None


def _build(base, added, embedder, settings, progress, previous, base_hash) -> IndexContents:
    base_ids = {d.doc_id for d in base}
    added = [d for d in added if d.doc_id not in base_ids]  # the corpus's own copy wins
    return build_index(
        base + added,
        embedder,
        settings,
        progress=progress,
        previous=previous,
        added={d.doc_id for d in added},
        base_hash=base_hash,
    )


def check_new(new: list[Document], present: list[Document]) -> None:
    """Refuse a document already in the index (same id, or the same text under
    another name) or given twice."""
    by_id = {d.doc_id: d for d in present}
    by_text = {_text_key(d): d for d in present}
    for doc in new:
        same = by_id.get(doc.doc_id) or by_text.get(_text_key(doc))
        if same is not None:
            raise DocumentError(
                f"{doc.source or doc.doc_id}: {same.label} (id {same.doc_id}, from "
                f"{same.source or 'the corpus'}) is already in the index"
                + (" with the same text" if _text_key(same) == _text_key(doc) else "")
                + ". To replace it with this version: `assistant add --replace` "
                "(in Python: `add(path, replace=True)`)."
            )
        by_id[doc.doc_id] = doc
        by_text[_text_key(doc)] = doc


def _text_key(doc: Document) -> str:
    return "\n".join(c.text for c in doc.clauses)
