"""The glossary is data (assistant/data/glossary.toml): it loads whole, every topic is
unique and every pattern compiles; a malformed file is refused with its entry named."""

from __future__ import annotations

import pytest

from assistant.asking.glossary import GLOSSARY, TERMS, find_terms, load_terms


def test_the_shipped_glossary_loads_with_its_provenance():
    terms = load_terms()
    assert len(terms) >= 80 and len({t.topic for t in terms}) == len(terms)
    assert "Provenance:" in GLOSSARY.read_text(encoding="utf-8")
    # the States and sessions are made in code, for any State and any session
    assert {t.topic for t in terms} < {t.topic for t in TERMS}
    topics = [m.term.topic for m in find_terms("Does the OEWG report to the 78th session?")]
    assert topics == ["oewg", "reports", "session_78"]


@pytest.mark.parametrize(
    "entry, complaint",
    [
        ("topic = 'x'\npattern = 'a'\n", "French forms"),
        ("topic = 'x'\npattern = 'a('\nfrench = ['a']\n", "no regex"),
        ("topic = 'x'\npattern = 'a'\nfrench = ['a']\ncolour = 'red'\n", "colour"),
        (
            "topic = 'x'\npattern = 'a'\nfrench = ['a']\n[[term]]\ntopic = 'x'\n"
            "pattern = 'b'\nfrench = ['b']\n",
            "unique topic",
        ),
    ],
)
def test_a_malformed_glossary_is_refused_naming_the_entry(tmp_path, entry, complaint):
    path = tmp_path / "glossary.toml"
    path.write_text("[[term]]\n" + entry, encoding="utf-8")
    with pytest.raises(ValueError, match=complaint) as error:
        load_terms(path)
    assert "'x'" in str(error.value)


@pytest.mark.parametrize(
    "question, topics",
    [
        ("Que dit 68/262 de la Crimée ?", []),
        ("Does the Crimean text speak of Crimea?", []),
        ("Les TIC à des fins criminelles ?", ["ict", "crime"]),
        ("cybercrime", ["crime"]),
    ],
)
def test_a_place_is_no_topic_its_letters_begin(question, topics):
    assert [m.term.topic for m in find_terms(question)] == topics


def test_every_topic_says_how_english_texts_write_it():
    """A French question over an English text is judged by the topic's English forms
    ("Secrétaire général": "Secretary-General"), not by the French it typed."""
    assert all(t.english for t in load_terms())
