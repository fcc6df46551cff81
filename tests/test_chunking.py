"""Clauses -> passages and propositions (assistant/indexing/chunking.py)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.indexing.chunking import (
    MIN_PROPOSITION_WORDS,
    make_propositions,
    proposition_spans,
    propositions,
)


def test_a_long_clause_is_cut_into_what_it_says(res7532):
    pp12 = res7532.numbered("preambular", 12)
    found = propositions(pp12.text)
    assert [p.split()[:3] for p in found] == [
        ["Réaffirmant", "la", "conclusion"],
        ["à", "savoir", "que"],  # international law applies
        ["que", "la", "mise"],  # voluntary norms reduce risks
        ["compte", "tenu", "de"],  # new norms may be developed
    ]
    assert all(p in pp12.text for p in found)  # pieces of the clause, words unchanged


def test_a_clause_saying_one_thing_has_no_propositions(res7532):
    assert propositions(res7532.numbered("preambular", 9).text) == []  # human rights
    assert propositions("Décide d’inscrire la question ; à sa prochaine session.") == []


def test_a_short_piece_joins_its_neighbour():
    text = (
        "Note que des débats constructifs et utiles se poursuivent au sein du Groupe de "
        "travail, qui comprend tous les États Membres et les observateurs invités, selon "
        "qu’il conviendra ;"
    )
    found = propositions(text)
    assert len(found) == 2 and found[1].endswith("selon qu’il conviendra ;")
    assert all(len(p.split()) >= MIN_PROPOSITION_WORDS for p in found)


def test_only_searched_clauses_get_propositions_and_sub_paragraphs_without_lead_in(res7532):
    clauses = res7532.clauses
    made = make_propositions(clauses)
    assert made and all(clauses[position].retrievable for position, _ in made)
    op1b = clauses.index(res7532.numbered("operative", 1, "b"))
    own = [text for position, text in made if position == op1b]
    assert own[0].startswith("b) de contribuer")  # not "Demande aux États Membres"


@given(
    st.lists(
        st.sampled_from(
            [
                "Décide",
                "que",
                "les",
                "États",
                "; ",
                ": ",
                ", et que ",
                ", afin de ",
                " ",
                "\n",
                "normes",
                "volontaires",
                "réduisent",
                "les risques",
                ", qui ",
                "  ",
            ]
        ),
        max_size=60,
    ).map("".join)
)
def test_a_proposition_is_always_a_verbatim_span_of_its_clause(text):
    """Spans in order, apart, trimmed, each a piece of the text: what its vector is pooled
    from in the clause's own pass (assistant/indexing/build.py)."""
    spans = proposition_spans(text)
    assert spans == [] or len(spans) >= 2
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)
    assert propositions(text) == [text[a:b] for a, b in spans]


def test_every_proposition_of_the_real_texts_is_a_piece_of_its_clause(res7532):
    """Over the bundled texts and the IBE paragraphs, where the shared corpora are."""
    from pathlib import Path

    from assistant.reading.corpus import load_corpus
    from assistant.reading.paragraph_collection import load_paragraph_collections

    clauses = [c for d in load_corpus() for c in d.clauses]
    ibe = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ibe-recommendations"
    if ibe.is_dir():
        clauses += [c for d in load_paragraph_collections(ibe) for c in d.clauses]
    made = make_propositions(clauses)
    assert len(made) > 100
    assert all(text in clauses[position].text for position, text in made)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Resolution adopted by the General Assembly on 2 June 2033\n\n"
            "88/7. Mountain lakes\n\nThe General Assembly,\n\n1. Decides to act.\n",
            "Title: ",
        ),
        (
            "Résolution adoptée par l’Assemblée générale le 2 juin 2033\n\n"
            "88/7. Lacs de montagne\n\nL’Assemblée générale,\n\n1. Décide d’agir.\n",
            "Titre : ",
        ),
    ],
)
def test_a_header_block_is_labelled_in_its_own_language(text, label):
    from assistant.indexing.chunking import passage_text
    from assistant.reading.parsing import parse_document

    title = next(c for c in parse_document(text, "lakes.txt").clauses if c.label == "title")
    assert passage_text(title) == f"{label}{title.quote}"
