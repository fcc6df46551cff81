"""Clauses -> passages and propositions (assistant/indexing/chunking.py)."""

from __future__ import annotations

from assistant.indexing.chunking import MIN_PROPOSITION_WORDS, make_propositions, propositions


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
