"""The columnar store of each clause's index terms (assistant/asking/retrieval.py):
whatever the clauses and the phrase, it finds what a clause-by-clause check finds."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from assistant.asking.retrieval import ClauseTerms, Postings, TermTable

words = st.sampled_from(list("abcde"))
clauses = st.lists(st.lists(words, max_size=12), min_size=1, max_size=25)


@given(clauses, st.lists(words, min_size=1, max_size=3), st.data())
def test_the_table_finds_a_phrase_where_each_clause_holds_it(sequences, phrase, data):
    table = TermTable(sequences)
    searchable = np.array(
        data.draw(st.lists(st.booleans(), min_size=len(sequences), max_size=len(sequences))),
        dtype=bool,
    )
    postings = Postings(table, searchable)
    phrase = tuple(phrase)
    among = postings.holding(frozenset(phrase))
    expected = [
        i for i, s in enumerate(sequences) if searchable[i] and ClauseTerms(s).holds(phrase)
    ]
    found = table.holding_in_order(phrase, among) if len(phrase) > 1 else among
    assert found.tolist() == expected
    assert [t.sequence for t in table] == sequences
    for stem in "abcde":  # each stem's document frequency over the searchable clauses
        held = sum(1 for i, s in enumerate(sequences) if searchable[i] and stem in s)
        assert postings.frequency.get(stem, 0) == held
