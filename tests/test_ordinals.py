"""Ordinals in words, both languages, 1 to 99 (the Assembly's sessions)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assistant.ordinals import LAST, ordinal_pattern, ordinal_value, ordinal_words


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("soixante-seizième", 76),
        ("Soixante-quinzième", 75),
        ("vingt et unième", 21),
        ("vingt-et-unième", 21),
        ("soixante et onzième", 71),
        ("quatre-vingtième", 80),
        ("quatre-vingt-dix-neuvième", 99),
        ("trentième", 30),
        ("cinquantième", 50),  # not "cinqu…" (5) and a tens word
        ("soixantieme", 60),  # typed without its accent
        ("première", 1),
        ("onzième", 11),
        ("Seventy-third", 73),
        ("seventy third", 73),
        ("twenty-first", 21),
        ("eleventh", 11),
        ("fortieth", 40),
        ("session", None),
        ("seventy-sixty", None),
        ("centième", None),
    ],
)
def test_an_ordinal_in_words_is_read_in_either_language(words, number):
    assert ordinal_value(words) == number


@given(st.integers(1, LAST), st.sampled_from(["en", "fr"]))
def test_every_ordinal_written_is_read_back_and_found_whole(number, language):
    words = ordinal_words(number, language)
    assert ordinal_value(words) == number
    found = re.search(ordinal_pattern(), f"à sa {words} session", re.IGNORECASE)
    assert found is not None and found.group(0) == words


def test_what_the_texts_write():
    assert ordinal_words(76, "fr") == "soixante-seizième"
    assert ordinal_words(76, "en") == "seventy-sixth"
    assert ordinal_words(1, "fr") == "première"  # une session


@pytest.mark.parametrize(
    ("question", "topic", "surface"),
    [
        ("What does 75/32 decide about its seventy-sixth session?", "session_76", "seventy-sixth"),
        (
            "Que décide-t-elle pour sa soixante-seizième session ?",
            "session_76",
            "soixante-seizième",
        ),
        ("Inscrite à l'ordre du jour de la 76e session ?", "session_76", "76e session"),
        ("What did the eleventh emergency special session demand?", "session_11", "eleventh"),
        ("Qu'a décidé l'Assemblée à sa trentième session ?", "session_30", "trentième"),
        ("And at the eightieth?", "session_80", "eightieth"),
        ("la quatre-vingtieme session", "session_80", "quatre-vingtieme"),
        ("What does the second paragraph say?", None, None),
        ("Que dit le 2e alinéa ?", None, None),
        ("Is it the first time?", None, None),
    ],
)
def test_any_session_is_a_topic_under_its_ordinal(question, topic, surface):
    """Every session of the Assembly, in words or figures, English or French (not the
    two the bundled texts name); a small ordinal names one only before "session"."""
    from assistant.asking.glossary import find_terms

    sessions = [m for m in find_terms(question) if m.term.topic.startswith("session_")]
    assert [(m.term.topic, m.surface) for m in sessions] == ([(topic, surface)] if topic else [])


def test_roman_numerals_as_annexes_are_numbered():
    from assistant.ordinals import roman_numeral, roman_value

    assert [roman_numeral(n) for n in (1, 2, 4, 9, 10, 14, 39)] == [
        "I", "II", "IV", "IX", "X", "XIV", "XXXIX",
    ]  # fmt: skip
    assert all(roman_value(roman_numeral(n)) == n for n in range(1, 40))
    assert roman_value("ii") == 2 and roman_value("IIII") is None and roman_value("in") is None
