"""Golden parse of the two seeds, and the parser on small inputs."""

import json
import re
from collections import Counter

from assistant.documents import ELISION
from assistant.reading.corpus import bundled_corpus_dir
from assistant.reading.parsing import parse_document


def kinds(doc):
    return Counter(c.kind for c in doc.clauses if c.point is None)


def test_draft_golden(draft):
    assert kinds(draft) == {"header": 3, "preambular": 12, "operative": 3}
    sponsors = next(c for c in draft.clauses if c.label == "sponsors")
    assert len(draft.sponsors) == 21
    assert (
        draft.sponsors[0] == "Algérie"
        and draft.sponsors[-1] == "Venezuela (République bolivarienne du)"
    )
    assert all(name in sponsors.text for name in draft.sponsors)
    assert draft.symbol is None
    assert draft.label == "draft resolution, agenda item 93, 74th session (revised)"
    assert [c.lead for c in draft.clauses if c.kind == "operative"] == [
        "Se félicite",
        "Souligne",
        "Décide",
    ]


def test_resolution_golden(res7532):
    assert kinds(res7532) == {"header": 1, "preambular": 16, "operative": 7}
    points = [c.paragraph for c in res7532.clauses if c.point]
    assert points == ["op. 1 (a)", "op. 1 (b)", "op. 2 (a)", "op. 2 (b)"]
    assert res7532.symbol == "A/RES/75/32" and res7532.session == 75
    saluant = res7532.clause("pp. 10")
    assert [f.symbol for f in saluant.footnotes] == ["A/65/201", "A/68/98", "A/70/174"]
    assert "rapports de 2010, 2013 et 2015 auxquels" in saluant.text


def test_no_residue_in_any_clause(documents):
    residue = re.compile(
        r"https?://|undocs|20-16806|\d/\d \d\d-\d{5}|_{3,}|A/RES/75/32|prévisibili té|"
        r"\b[lLdD] ’|[I1\[]’|¢|Progreés|\s{2,}"
    )
    for doc in documents.values():
        for clause in doc.clauses:
            assert not residue.search(clause.text), (clause.clause_id, clause.text)


def test_clause_ids_are_akn_style(res7532, draft):
    ids = {c.clause_id for c in res7532.clauses}
    assert {
        "A-RES-75-32#para_6",
        "A-RES-75-32#para_1__list_1__point_a",
        "A-RES-75-32#preamble__p_3",
        "A-RES-75-32#preface__p_1",
    } <= ids
    assert "draft-74-item93-rev#para_3" in {c.clause_id for c in draft.clauses}
    for doc in (res7532, draft):
        assert len({c.clause_id for c in doc.clauses}) == len(doc.clauses)


def test_offsets_point_back_into_the_raw_text(documents):
    for doc in documents.values():
        for clause in doc.clauses:
            start, end = clause.raw_span
            raw = doc.raw_text[start:end]
            words = re.findall(r"[^\W\d_]{4,}", clause.text)
            found = [w for w in words if w in raw]
            # Repaired words ("Progrès" for "Progreés") differ; nearly all others are there.
            assert len(found) >= 0.75 * len(words), (clause.clause_id, raw[:80])
            assert words[-1] in raw or words[-2] in raw, clause.clause_id


def test_quotes_are_verbatim_pieces_of_the_cleaned_text(documents):
    for doc in documents.values():
        cleaned = doc.cleaned_text
        for clause in doc.clauses:
            for piece in clause.quote.split(ELISION):
                assert piece in cleaned, clause.clause_id


def test_subparagraph_keeps_its_lead_in(res7532):
    b = res7532.clause("op. 1 (b)")
    assert b.quote.startswith("Demande aux États Membres : […] b) de contribuer")
    assert res7532.clause("op. 1 (a)").quote.startswith(
        "Demande aux États Membres : a) de s’inspirer"
    )
    assert res7532.clause("op. 1").text.endswith("libre circulation de l’information ;")


def test_metadata_comes_from_the_text(documents):
    """The sidecar files only restate what the parser reads off each text."""
    for path in sorted(bundled_corpus_dir().glob("*.txt")):
        parsed = parse_document(path.read_text(), source=path.name)
        sidecar = json.loads(path.with_suffix(".meta.json").read_text())
        for key in ("symbol", "title", "kind", "session", "agenda_item", "label", "doc_id"):
            assert getattr(parsed, key) == sidecar[key], key


def test_sidecar_overrides(tmp_path):
    doc = parse_document("Texte.\n", source="x.txt", overrides={"label": "Mon texte"})
    assert doc.label == "Mon texte"


def test_plain_french_paragraphs_become_clauses():
    doc = parse_document("Premier paragraphe sur l’éducation.\n\nSecond paragraphe, plus court.\n")
    assert [c.paragraph for c in doc.clauses] == ["para. 1", "para. 2"]


def test_running_header_inside_a_paragraph_is_removed():
    raw = (
        "12/34. Un titre de résolution\n\nL’Assemblée générale,\n\n"
        "Notant que des débats se poursuivent au sein du Groupe, qui comprend tous\n"
        "3/3 20-16806\n\nUn titre de résolution A/RES/12/34\n\n"
        "les États Membres,\n\n1. Décide de rester saisie de la question.\n"
    )
    doc = parse_document(raw)
    assert doc.clause("pp. 1").text.endswith("qui comprend tous les États Membres,")
    assert doc.clause("op. 1").lead == "Décide"
