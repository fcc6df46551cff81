"""English words and the French the texts say them with (assistant/asking/translations.py)."""

from __future__ import annotations

from assistant.analysis import terms
from assistant.asking.translations import EN_FR, french_stems


def test_an_english_word_reaches_the_french_stems_of_its_translation():
    (worried,) = terms("worried")
    assert terms("préoccupée")[0] in french_stems(worried)
    (reduce,) = terms("reduce")
    assert french_stems(reduce) == tuple(terms("réduire"))
    (outcomes,) = terms("outcomes")
    assert set(terms("résultats conclusions")) <= set(french_stems(outcomes))


def test_a_word_not_in_the_table_has_no_translation():
    assert french_stems(terms("cryptocurrency")[0]) == ()


def test_words_of_several_senses_in_the_texts_are_left_out():
    # "work": travaux or efforts; "country": pays or États; "weapons": no text names them
    assert not {"work", "country", "countries", "weapons"} & set(EN_FR)
