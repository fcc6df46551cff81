"""Each noise-repair rule, on a small input that shows the noise."""

import pytest

from assistant.reading.cleaning import clean_paragraph, detach_footnote_markers


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("Point 93 de I’ordre du jour", "Point 93 de l’ordre du jour"),  # I' for l'
        ("au bien commun de 1’humanité", "au bien commun de l’humanité"),  # 1' for l'
        ("des droits de [’homme", "des droits de l’homme"),  # [' for l'
        ("il est dans D’intérêt des Etats", "il est dans l’intérêt des Etats"),  # D' mid-sentence
        ("de promouvoir ’utilisation", "de promouvoir l’utilisation"),  # the l lost
        ("Soulignant 1a nécessité", "Soulignant la nécessité"),  # 1a for la
        ("du ler décembre 1999", "du 1er décembre 1999"),  # ler for 1er
        ("aspire a une utilisation", "aspire à une utilisation"),  # a for à
        ("Progreés de l’informatique", "Progrès de l’informatique"),  # eé for è
        ("la sphére numérique", "la sphère numérique"),  # é for è
        ("Se feélicite du lancement", "Se félicite du lancement"),  # eé for é
        ("de fagon complémentaire", "de façon complémentaire"),  # g for ç
        ("joue un rdle de premier plan", "joue un rôle de premier plan"),  # d for ô
        ("que revét le respect", "que revêt le respect"),  # é for ê
        ("la probabilit¢é que", "la probabilité que"),  # ¢é for é
        ("les questions li¢es à la", "les questions liées à la"),  # ¢ for é
        ("en augmentant la prévisibili té et", "en augmentant la prévisibilité et"),  # split word
        ("de l ’humanité", "de l’humanité"),  # elision split from its word
        ("qu ’il", "qu’il"),
        ("internationale  ; https://undocs.org/fr/A/65/201", "internationale ;"),  # URL, spaces
    ],
)
def test_repairs(noisy, clean):
    assert clean_paragraph(noisy, "fr") == clean


@pytest.mark.parametrize(
    "text",
    [
        "il a décidé de poursuivre",  # avoir after a subject stays
        "qui a été créé",  # avoir before a participle stays
        "Les Etats Membres",  # an unaccented capital is not noise
        "pour tant de pays",  # two real words are not joined
        "la Fédération de Russie et le Kazakhstan",
    ],
)
def test_leaves_correct_text_alone(text):
    assert clean_paragraph(text, "fr") == text


def test_footnote_markers_glued_to_years_and_words():
    text, found = detach_footnote_markers(
        "les rapports de 2010 1, 20132 et 20153 auxquels", [1, 2, 3]
    )
    assert (text, found) == ("les rapports de 2010, 2013 et 2015 auxquels", [1, 2, 3])
    text, found = detach_footnote_markers("voir les rapports4 et 12 États", [4])
    assert (text, found) == ("voir les rapports et 12 États", [4])


def test_footnote_markers_only_in_sequence():
    # "3" is not the next expected note, so the figure is left alone.
    assert detach_footnote_markers("au paragraphe 3 de ladite résolution", [1]) == (
        "au paragraphe 3 de ladite résolution",
        [],
    )


@pytest.mark.parametrize(
    "text",
    [
        # English words the French repairs used to turn into French ones
        "Urges the Secretary-General to consider the prevention of an arms race",
        "the General Assembly and the Paris Agreement",
        "Recalling its resolutions of 20 December 1968 a",
    ],
)
def test_french_repairs_never_touch_english(text):
    assert clean_paragraph(text, "en") == text


@pytest.mark.parametrize(
    ("noisy", "clean"),
    [
        ("the Peaceful Uses of Oute r Space", "the Peaceful Uses of Outer Space"),  # a word
        ("access to space -based data", "access to space-based data"),  # a cut hyphen
        ("the Genev a Conventions", "the Geneva Conventions"),
    ],
)
def test_english_split_words_are_joined_with_evidence(noisy, clean):
    assert clean_paragraph(noisy, "en") == clean


def test_a_join_needs_evidence():
    # "unispace" is no English word, but the document writes it: it may be joined
    assert clean_paragraph("the UNISP ACE plan", "en") == "the UNISP ACE plan"
    vocabulary = frozenset({"unispace"})
    assert clean_paragraph("the UNISP ACE plan", "en", vocabulary) == "the UNISPACE plan"
    # two words of the list are never joined, whatever the document says
    assert clean_paragraph("in to the room", "en", frozenset({"into"})) == "in to the room"


def test_another_language_is_only_normalised():
    assert clean_paragraph("Die  Generalversammlung a   Oute r", "de") == (
        "Die Generalversammlung a Oute r"
    )


def test_footnote_markers_as_pdftotext_prints_them():
    noisy = (
        "under Article 1 of the Charter, activities, 1 at a time, the Paris Agreement 2 requires"
    )
    text, found = detach_footnote_markers(noisy, [1, 2])
    assert (text, found) == (
        "under Article 1 of the Charter, activities, at a time, the Paris Agreement requires",
        [1, 2],
    )


def test_a_second_call_of_a_note():
    from assistant.reading.cleaning import detach_repeated_markers

    assert detach_repeated_markers("the Goals2 for all, Development, 2 taking", {2}) == (
        "the Goals for all, Development, taking",
        [2, 2],
    )
    assert detach_repeated_markers("Article 2 of the Charter", {2}) == (
        "Article 2 of the Charter",
        [],
    )


def test_a_quantity_is_no_footnote_marker():
    """A number spaced off a lowercase word is a quantity ("held from 5 to 12
    December"), even when it is the next note's number or one already cited; a note
    ending an operative paragraph ("for 2017/18;4") is a marker."""
    from assistant.reading.cleaning import detach_footnote_markers, detach_repeated_markers

    assert detach_footnote_markers("held from 4 to 12 December, Agreement 4 requires", [4]) == (
        "held from 4 to 12 December, Agreement requires",
        [4],
    )
    assert detach_footnote_markers("the report for 2017/18;4", [4]) == (
        "the report for 2017/18;",
        [4],
    )
    assert detach_repeated_markers("held from 5 to 12 December 2018", {5}) == (
        "held from 5 to 12 December 2018",
        [],
    )


def test_a_spaced_number_after_a_semicolon_is_a_figure():
    from assistant.reading.cleaning import detach_footnote_markers

    text = "The vote was 100 in favour; 5 against; 35 abstentions"
    assert detach_footnote_markers(text, [5]) == (text, [])
