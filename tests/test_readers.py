"""Files -> Documents: every format, real PDFs from LibreOffice, and bad input."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from assistant.errors import DocumentError
from assistant.reading.corpus import bundled_corpus_dir
from assistant.reading.readers import expand_paths, load_document

SEEDS = sorted(bundled_corpus_dir().glob("*.txt"))


def clauses_of(doc):
    return [(c.clause_id, c.kind, c.number, c.point, c.text, c.footnotes) for c in doc.clauses]


def copy_with_sidecar(seed, folder, suffix):
    """The seed's sidecar next to a file of another format (same stem)."""
    target = folder / (seed.stem + suffix)
    sidecar = seed.with_suffix(".meta.json")
    shutil.copy(sidecar, folder / sidecar.name)
    return target


@pytest.fixture(scope="module")
def seed_pdfs(tmp_path_factory):
    """Each seed text rendered to PDF by LibreOffice (headless), a real PDF writer."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, (
        "LibreOffice is needed (Debian: libreoffice-writer-nogui; `make test` installs it)"
    )
    folder = tmp_path_factory.mktemp("pdf")
    for seed in SEEDS:
        shutil.copy(seed, folder / seed.name)
        shutil.copy(seed.with_suffix(".meta.json"), folder / seed.with_suffix(".meta.json").name)
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(folder)]
        + [str(folder / s.name) for s in SEEDS],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(folder), "PATH": "/usr/bin:/bin"},
    )
    for seed in SEEDS:
        (folder / seed.name).unlink()  # only the PDFs (and sidecars) remain
    return folder


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_pdf_gives_the_same_clauses_as_the_text(seed, seed_pdfs):
    from_text = load_document(seed)
    from_pdf = load_document(seed_pdfs / (seed.stem + ".pdf"))
    assert from_pdf.doc_id == from_text.doc_id and from_pdf.label == from_text.label
    assert clauses_of(from_pdf) == clauses_of(from_text)


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_docx_gives_the_same_clauses_as_the_text(seed, tmp_path):
    import docx

    target = copy_with_sidecar(seed, tmp_path, ".docx")
    document = docx.Document()
    for block in seed.read_text(encoding="utf-8").split("\n\n"):
        document.add_paragraph(block.strip("\n"))
    document.save(target)
    assert clauses_of(load_document(target)) == clauses_of(load_document(seed))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_html_gives_the_same_clauses_and_drops_what_is_not_text(seed, tmp_path):
    from html import escape

    target = copy_with_sidecar(seed, tmp_path, ".html")
    blocks = "".join(
        f"<p>{escape(b.strip())}</p>\n<!-- note -->"
        for b in seed.read_text(encoding="utf-8").split("\n\n")
    )
    target.write_text(
        "<html><head><title>t</title><script>alert('x')</script><style>p{}</style></head>"
        f"<body>{blocks}<script>document.write('injected')</script></body></html>",
        encoding="utf-8",
    )
    doc = load_document(target)
    assert clauses_of(doc) == clauses_of(load_document(seed))
    assert "alert" not in doc.raw_text and "injected" not in doc.raw_text


def test_hostile_html_is_plain_text_afterwards(tmp_path):
    path = tmp_path / "hostile.html"
    path.write_text(
        "<p>Rappelant <b>ses</b> résolutions &amp; <img src=x onerror=alert(1)> décisions,</p>"
        "<p onclick='steal()'>Décide de <i>continuer</i> &lt;script&gt;.</p>",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert [c.text for c in doc.clauses] == [
        "Rappelant ses résolutions & décisions,",
        "Décide de continuer <script>.",  # an escaped tag is text; the page escapes it again
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252", "utf-16", "utf-16-le", "utf-32"])
def test_encodings(encoding, tmp_path):
    seed = SEEDS[1]
    target = copy_with_sidecar(seed, tmp_path, ".txt")
    target.write_bytes(seed.read_text(encoding="utf-8").encode(encoding))
    assert clauses_of(load_document(target)) == clauses_of(load_document(seed))


def test_latin1_without_curly_apostrophes(tmp_path):
    text = SEEDS[1].read_text(encoding="utf-8").replace("’", "'")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    doc = load_document(path)
    assert doc.doc_id == "A-RES-75-32"
    assert any("États" in c.text and "l'informatique" in c.text for c in doc.clauses)


def test_a_plain_text_of_paragraphs_becomes_clauses(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "La cybersécurité concerne tous les États.\n\nLe renforcement des capacités "
        "est\nessentiel.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert [(c.clause_id, c.paragraph, c.text) for c in doc.clauses] == [
        ("note#para_1", "para. 1", "La cybersécurité concerne tous les États."),
        ("note#para_2", "para. 2", "Le renforcement des capacités est essentiel."),
    ]


def test_metadata_is_read_from_a_cover_page(tmp_path):
    path = tmp_path / "n2037.txt"
    path.write_text(
        "Nations Unies A/RES/75/240\n\nAssemblée générale Distr. générale\n4 janvier 2021\n\n"
        "Soixante-quinzième session\nPoint 98 de l’ordre du jour\n\n"
        "Résolution adoptée par l’Assemblée générale le 31 décembre 2020\n\n"
        "75/240. Progrès de l’informatique et des télécommunications et sécurité "
        "internationale\n\nL’Assemblée générale,\n\nRappelant ses résolutions,\n\n"
        "1. Décide de créer un groupe de travail.\n",
        encoding="utf-8",
    )
    doc = load_document(path)
    assert (doc.doc_id, doc.symbol, doc.session, doc.agenda_item, doc.date) == (
        "A-RES-75-240",
        "A/RES/75/240",
        75,
        98,
        "2020-12-31",
    )
    assert doc.title.startswith("Progrès de l’informatique")
    assert [c.paragraph for c in doc.clauses] == ["title", "pp. 1", "op. 1"]


def test_sidecar_and_argument_override_metadata(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Un paragraphe de texte sur la sécurité.\n", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text(
        json.dumps({"symbol": "A/RES/99/1", "label": "A/RES/99/1", "_why": "comment"})
    )
    doc = load_document(path, metadata={"title": "Titre", "session": 99, "doc_id": "A-RES-99-1"})
    assert (doc.label, doc.symbol, doc.title, doc.session) == (
        "A/RES/99/1",
        "A/RES/99/1",
        "Titre",
        99,
    )
    assert doc.clauses[0].clause_id == "A-RES-99-1#para_1"


@pytest.mark.parametrize(
    ("sidecar", "message"),
    [
        ({"colour": "red"}, "colour"),
        ({"session": "seventy"}, "session"),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_bad_sidecar_is_explained(tmp_path, sidecar, message):
    path = tmp_path / "x.txt"
    path.write_text("Un paragraphe de texte sur la sécurité.\n", encoding="utf-8")
    (tmp_path / "x.meta.json").write_text(json.dumps(sidecar))
    with pytest.raises(DocumentError, match=message):
        load_document(path)


def test_paragraph_collection_with_a_new_id(tmp_path):
    path = tmp_path / "rec.json"
    path.write_text(
        json.dumps(
            {
                "TEXT_ID": "REC 1",
                "TITLE": "Recommandation",
                "body": {"paragraphs": [{"para": "1) Les États coopèrent.", "type": "operative"}]},
            }
        ),
        encoding="utf-8",
    )
    doc = load_document(path, metadata={"doc_id": "rec-one", "label": "Rec. 1"})
    assert [(c.clause_id, c.document, c.text) for c in doc.clauses] == [
        ("rec-one#para_1", "Rec. 1", "Les États coopèrent.")
    ]


def scanned_pdf(path):
    """A PDF whose page is only an image (what a scanner produces)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 200), "white")
    ImageDraw.Draw(image).text((20, 80), "Rappelant ses resolutions", fill="black")
    image.save(path, "PDF")


BAD_FILES = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty"),
    "blank.txt": (lambda p: p.write_text("  \n\n\t \n"), "no text"),
    "junk.txt": (lambda p: p.write_bytes(bytes(range(256)) * 40), "not text"),
    "junk.pdf": (
        lambda p: p.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8),
        "not a readable PDF",
    ),
    "truncated.pdf": (None, "not a readable PDF"),
    "scan.pdf": (scanned_pdf, "no text layer"),
    "junk.docx": (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "not a readable .docx"),
    "junk.html": (lambda p: p.write_bytes(b"\x00\x01\x02" * 3000), "not text"),
    "furniture.txt": (
        lambda p: p.write_text("20-12345\n\nhttps://undocs.org/A/75/1\n"),
        "no clause",
    ),
    "notes.json": (lambda p: p.write_text('{"body": {}}'), "paragraph collection"),
    "image.png": (lambda p: p.write_bytes(b"\x89PNG\r\n"), "unsupported format"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_get_a_clear_message(name, tmp_path, seed_pdfs):
    make, message = BAD_FILES[name]
    path = tmp_path / name
    if make is None:  # a real PDF cut in half, as an interrupted download leaves it
        data = (seed_pdfs / (SEEDS[0].stem + ".pdf")).read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        make(path)
    with pytest.raises(DocumentError, match=message):
        load_document(path)


def test_a_50_mb_text_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.txt"
    chunk = SEEDS[1].read_bytes()
    with open(path, "wb") as fh:
        while fh.tell() < 50 * 2**20:
            fh.write(chunk)
    with pytest.raises(DocumentError, match=r"50\.\d MB; the limit is 20 MB"):
        load_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="not a file"):
        load_document(tmp_path)


def test_a_folder_expands_to_its_supported_files(tmp_path):
    for name in ("b.pdf", "a.txt", "a.meta.json", "c.json", "d.png"):
        (tmp_path / name).write_text("x")
    assert [p.name for p in expand_paths([tmp_path])] == ["a.txt", "b.pdf", "c.json"]
