"""JSON paragraph collections (the IBE format): the eval's distractors and
cross-lingual check read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.errors import AssistantError
from assistant.reading.paragraph_collection import (
    english_translations,
    load_paragraph_collection,
    load_paragraph_collections,
)

IBE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ibe-recommendations"
needs_ibe = pytest.mark.skipif(not IBE.is_dir(), reason="shared IBE corpus not present")


@needs_ibe
def test_every_ibe_paragraph_becomes_a_clause_with_its_translation():
    documents = load_paragraph_collections(IBE)
    assert len(documents) == 92
    paragraphs = sum(
        len(json.loads(p.read_text(encoding="utf-8"))["body"]["paragraphs"])
        for p in IBE.glob("*.json")
    )
    assert paragraphs == 2959
    translations = {k: v for p in IBE.glob("*.json") for k, v in english_translations(p).items()}
    assert len(translations) == 2959
    clauses = {c.clause_id: c for d in documents for c in d.clauses}
    assert set(translations) <= set(clauses)
    for doc in documents:
        for clause in doc.clauses:
            if clause.clause_id in translations:  # spans point back into the raw text
                start, end = clause.raw_span
                assert doc.raw_text[start:end] == clause.text


@needs_ibe
def test_printed_numbers_are_not_clause_text():
    doc = load_paragraph_collection(IBE / "ICPE-03-1934_RES1-FR_res_1.json")
    first = doc.clauses[0]
    assert first.text.startswith("Constate que le problème de la scolarité obligatoire")
    assert first.kind == "operative" and first.number == 1 and first.lead == "Constate"


@needs_ibe
def test_a_collection_with_only_a_raw_body_is_parsed_as_text():
    doc = load_paragraph_collection(IBE / "ICPE-28-1965_RES1-FR_res_58.json")
    assert doc.doc_id == "ICPE-28-1965_RES1-FR_res_58" and doc.clauses


def test_small_collection_and_bad_files(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        json.dumps(
            {
                "TEXT_ID": "X 1",
                "TITLE": "Titre",
                "body": {
                    "paragraphs": [
                        {"para": "Considérant que l’école compte,", "type": "preambular"},
                        {
                            "para": "1) Recommande d’agir.",
                            "type": "operative",
                            "para_en": "1) Acts.",
                        },
                        {"para": "", "type": "operative"},
                    ]
                },
            }
        ),
        encoding="utf-8",
    )
    doc = load_paragraph_collection(path)
    assert [c.clause_id for c in doc.clauses] == ["X-1#preamble__p_1", "X-1#para_1"]
    assert doc.clauses[1].text == "Recommande d’agir."
    assert english_translations(path) == {"X-1#para_1": "1) Acts."}
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(AssistantError, match="not a paragraph collection"):
        load_paragraph_collection(tmp_path / "bad.json")
    (tmp_path / "empty.json").write_text(json.dumps({"body": {"paragraphs": []}}), "utf-8")
    with pytest.raises(AssistantError, match="no paragraph text"):
        load_paragraph_collection(tmp_path / "empty.json")
