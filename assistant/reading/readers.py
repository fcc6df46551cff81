"""A user's file -> Document: the first stage of `assistant add`.

One reader per format turns the file into text (`.txt` in any common encoding,
`.pdf` through its text layer, `.docx`, `.html`), which `parse_document` cuts into
clauses; a `.json` paragraph collection already is clauses. Whatever cannot become
a document (a missing, empty, oversized, binary, scanned or clause-less file)
raises `DocumentError` saying why and what to do, before anything is indexed.
Metadata read from the text is overridden by a `NAME.meta.json` sidecar, then by
the `metadata` argument.
"""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable
from pathlib import Path

from assistant.documents import Document
from assistant.errors import AssistantError, DocumentError
from assistant.reading.corpus import check_metadata, read_sidecar
from assistant.reading.limits import check_archive, check_pages
from assistant.reading.paragraph_collection import load_paragraph_collection
from assistant.reading.parsing import ParseError, parse_document
from assistant.reading.sanitize import clean_text
from assistant.reading.text_language import reading_note

# This stage's version (file -> text (pypdf, python-docx, HTML, encodings)): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
VERSION = 1

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
]
_MIN_LETTERS = 20  # fewer letters than this in a whole file is not a text


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Bytes -> (text, encoding): a byte-order mark, else UTF-8, else the encoding
    charset-normalizer finds (latin-1 / cp1252, UTF-16 without a mark…)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(f"{name}: starts like {encoding} but is not ({exc}).") from exc
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise DocumentError(_not_text(name)) from None
        text, encoding = str(best), best.encoding
    if text.strip() and not looks_like_text(text):
        raise DocumentError(_not_text(name))
    return text, encoding


def looks_like_text(text: str) -> bool:
    """Mostly printable, with some letters: not binary decoded by accident."""
    if not text:
        return False
    controls = sum(
        1 for ch in text if unicodedata.category(ch) in ("Cc", "Cs", "Co") and ch not in "\n\r\t\f"
    )
    letters = sum(ch.isalpha() for ch in text)
    return controls <= len(text) * 0.001 and letters >= min(_MIN_LETTERS, len(text) // 4 or 1)


def _not_text(name: str) -> str:
    return (
        f"{name} is not text (binary content, or an encoding that could not be recognised). "
        "Save it as UTF-8 text, or add the original PDF / DOCX / HTML."
    )


# ---------------------------------------------------------------- readers
def read_txt(path: Path) -> str:
    return decode_text(path.read_bytes(), path.name)[0]


def read_pdf(path: Path) -> str:
    """The text layer, page by page, in layout mode (it keeps blank lines between
    paragraphs, which plain extraction loses), unless plain extraction reads clearly
    more words: layout mode cuts the words of some justified PDFs apart (the official
    UN layout: `Res ol ut i on 70 /1 .`), and paragraph starts do not need blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"{path.name} is a password-protected PDF: save an unprotected copy and add it."
            )
        check_pages(path, len(reader.pages))
        pages, plain = [], []
        for page in reader.pages:
            plain.append(page.extract_text())
            try:
                pages.append(page.extract_text(extraction_mode="layout"))
            except Exception:  # layout mode is stricter about odd fonts: fall back
                pages.append(plain[-1])
    except DocumentError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(
            f"{path.name} is not a readable PDF ({exc}); check that the file is complete."
        ) from exc
    text = "\n\n".join(pages)
    plain_text = "\n\n".join(plain)
    if _unknown_words(plain_text) < 0.8 * _unknown_words(text):
        text = plain_text
    if sum(ch.isalpha() for ch in text) < _MIN_LETTERS:
        raise DocumentError(
            f"{path.name} has no text layer ({len(pages)} page(s) of images: a scan?). "
            "Run OCR on it first (e.g. `ocrmypdf in.pdf out.pdf`) and add the result."
        )
    return text


def _unknown_words(text: str) -> int:
    """How many words of the text are words of neither the English nor the French list
    (pieces of words cut apart by an extraction count here)."""
    from assistant import lexicon

    return sum(
        not any(lexicon.is_word(word, language) for language in lexicon.LANGUAGES)
        for word in re.findall(r"[^\W\d_]+", text)
    )


def read_docx(path: Path) -> str:
    """Paragraphs (and table cells) of the body, separated by blank lines."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(
            f"{path.name} is not a readable .docx (Word 2007+) file ({exc}). Save it again "
            "from Word or LibreOffice as .docx, or as PDF."
        ) from exc
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n\n".join(p for p in parts if p.strip())


_BLOCKS = (
    "p", "div", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "td",
    "th", "section", "article", "blockquote", "pre", "dd", "dt", "body",
)  # fmt: skip
_INVISIBLE = ("script", "style", "noscript", "template", "head", "iframe", "object", "svg")


def read_html(path: Path) -> str:
    """Visible text only (no script, style or head); block elements become paragraphs.
    The text is data from here on: it is escaped wherever it is shown."""
    from bs4 import BeautifulSoup, Comment

    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(_not_text(path.name))
    soup = BeautifulSoup(data, "html.parser")
    for node in soup.find_all(_INVISIBLE):
        node.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(_BLOCKS):
        block.insert_before("\n\n")
        block.insert_after("\n\n")
    text = soup.get_text()
    text = re.sub(r"[ \t\u00a0]*\n[ \t\u00a0]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if text and not looks_like_text(text):
        raise DocumentError(_not_text(path.name))
    return text


READERS: dict[str, Callable[[Path], str]] = {
    ".txt": read_txt,
    ".pdf": read_pdf,
    ".docx": read_docx,
    ".html": read_html,
    ".htm": read_html,
}
SUPPORTED = (*READERS, ".json")


# ---------------------------------------------------------------- documents
def load_document(
    path: str | Path, metadata: dict | None = None, max_bytes: int = MAX_DOCUMENT_BYTES
) -> Document:
    """Read, parse and label one file; `DocumentError` (with the fix) when it cannot be."""
    path = Path(path)
    name = path.name
    if not path.exists():
        raise DocumentError(f"{path}: no such file.")
    if not path.is_file():
        raise DocumentError(f"{path} is not a file (to add a folder's files: `assistant add DIR`).")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"{name}: unsupported format {suffix or '(no extension)'!r}; supported: "
            f"{', '.join(SUPPORTED)}."
        )
    size = path.stat().st_size
    if size == 0:
        raise DocumentError(f"{name} is empty (0 bytes): nothing to add.")
    if size > max_bytes:
        raise DocumentError(
            f"{name} is {size / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB per "
            "document (a resolution is well under 1 MB). Split it into one file per "
            "resolution, or raise Settings.max_document_mb (ASSISTANT_MAX_DOCUMENT_MB)."
        )
    try:
        overrides = {**read_sidecar(path), **check_metadata(metadata or {}, name)}
        if suffix == ".json":
            document = apply_metadata(load_paragraph_collection(path), overrides)
            document.given = overrides
            return document
        if suffix == ".docx":
            check_archive(path)  # a zip bomb is refused by its sizes, before parsing
        text = clean_text(READERS[suffix](path))  # what every later stage reads
        if not text.strip():
            raise DocumentError(f"{name} holds no text: nothing to add.")
        document = parse_document(text, source=name, overrides=overrides)
        document.given = overrides
        if note := reading_note(document.language):
            warnings.warn(f"{name}: {note}", UserWarning, stacklevel=2)
        return document
    except ParseError as exc:
        raise DocumentError(
            f"{name}: no clause could be read from it ({exc}). Check that it is a resolution "
            "or a text of paragraphs."
        ) from exc
    except DocumentError:
        raise
    except AssistantError as exc:
        raise DocumentError(str(exc)) from exc
    except Exception as exc:  # a reader's library failing on a broken file (lxml, zip…)
        raise DocumentError(
            f"{name} could not be read ({type(exc).__name__}: {exc}). Check that the file is "
            "complete, or save it again (as PDF or UTF-8 text)."
        ) from exc


def read_again(doc: Document) -> Document:
    """An added document read again by today's stages, from the text its file was read
    to (the file itself is not kept): cleaned, parsed and labelled anew, with the metadata
    given when it was added. A paragraph collection keeps its clauses (their structure is
    the collection's own, not read from its text); so does a text today's parser cannot
    read (it stays as it was, rather than being lost)."""
    if doc.source.lower().endswith(".json"):
        return doc
    try:
        fresh = parse_document(clean_text(doc.raw_text), source=doc.source, overrides=doc.given)
    except ParseError:
        return doc
    fresh.given = doc.given
    return fresh


def apply_metadata(doc: Document, overrides: dict) -> Document:
    """Set metadata fields on an already parsed document; a new doc_id or label is
    carried into its clause ids and citations."""
    old_id = doc.doc_id
    for key, value in overrides.items():
        if value is not None:
            setattr(doc, key, value)
    for clause in doc.clauses:
        clause.document = doc.label
        if doc.doc_id != old_id:
            clause.clause_id = doc.doc_id + clause.clause_id[len(old_id) :]
    return doc


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given; a folder gives its supported files (sorted, sidecars left out)."""
    out: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            out += sorted(
                p
                for p in path.iterdir()
                if p.is_file()
                and p.suffix.lower() in SUPPORTED
                and not p.name.endswith(".meta.json")
            )
        else:
            out.append(path)
    return out
