"""Limits on what a file may make the reader do, checked before the work: a file's size
is checked by `load_document` (`Settings.max_document_mb`); these bound what a small
file can expand to. Each refusal is a `DocumentError` saying what to do instead.
README "Limits" lists them all."""

from __future__ import annotations

import zipfile
from pathlib import Path

from assistant.errors import DocumentError

# A resolution is a few dozen pages; a report a few hundred.
MAX_PDF_PAGES = 2000
# A .docx is a zip of XML: text compresses 5–20 times, a zip bomb thousands of times.
MAX_ARCHIVE_RATIO = 100
MAX_ARCHIVE_BYTES = 200 * 2**20  # uncompressed, in all
MAX_ARCHIVE_MEMBERS = 10_000


def check_pages(path: Path, pages: int) -> None:
    if pages > MAX_PDF_PAGES:
        raise DocumentError(
            f"{path.name} has {pages} pages; the limit is {MAX_PDF_PAGES}. Split it into one "
            "file per resolution or report."
        )


def check_archive(path: Path) -> None:
    """A .docx whose declared uncompressed sizes are too large, in all or against its
    compressed size, is refused before any XML is parsed."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(
            f"{path.name} is not a readable .docx (Word 2007+) file ({exc}). Save it again "
            "from Word or LibreOffice as .docx, or as PDF."
        ) from exc
    if len(members) > MAX_ARCHIVE_MEMBERS:
        raise DocumentError(
            f"{path.name} holds {len(members)} files; a .docx holds a few dozen. Save it "
            "again from Word or LibreOffice, or as PDF."
        )
    expanded = sum(m.file_size for m in members)
    packed = max(sum(m.compress_size for m in members), 1)
    if expanded > MAX_ARCHIVE_BYTES or expanded > MAX_ARCHIVE_RATIO * packed:
        raise DocumentError(
            f"{path.name} expands to {expanded / 2**20:.0f} MB from {packed / 2**20:.1f} MB "
            f"(limits: {MAX_ARCHIVE_BYTES // 2**20} MB, {MAX_ARCHIVE_RATIO} times its "
            "compressed size): a compression bomb, or not a document. Save it again from "
            "Word or LibreOffice, or as PDF."
        )
