"""Acronyms a question types that the texts only write out."""

from __future__ import annotations

from assistant.asking.acronyms import ACRONYM_RX, Acronyms

TEXTS = [
    "Requests the Committee on the Peaceful Uses of Outer Space to report, and the Office "
    "for Outer Space Affairs of the Secretariat to assist it;",
    "Welcomes the report of the International Criminal Court and the work of the OSCE;",
    "Recalling the Organization for Security and Co-operation in Europe,",
]


def test_an_acronym_is_the_name_its_initials_spell():
    acronyms = Acronyms(TEXTS)
    assert acronyms.names("COPUOS") == ("Committee on the Peaceful Uses of Outer Space",)
    assert acronyms.names("OOSA") == ("Office for Outer Space Affairs",)
    assert acronyms.names("ICC") == ("International Criminal Court",)
    # a UN body's acronym whose "United Nations" the texts leave understood
    assert acronyms.names("UNOOSA") == ("Office for Outer Space Affairs",)


def test_no_name_is_made_up():
    acronyms = Acronyms(TEXTS)
    assert acronyms.names("OSCE") == ()  # written as such: searched as typed
    assert acronyms.names("UNHCR") == ()  # no name of the texts spells it
    assert acronyms.names("IC") == ()  # too short to be asked, and no whole name


def test_what_counts_as_an_acronym_in_a_question():
    found = [
        m.group(1) for m in ACRONYM_RX.finditer("A/RES/75/32, COPUOS, ICCs. (UNOOSA) A/C.1/74/L.50")
    ]
    assert found == ["COPUOS", "ICC", "UNOOSA"]


def test_an_acronym_is_a_topic_of_the_question():
    acronyms = Acronyms(TEXTS)
    (term,) = acronyms.terms("What does it ask COPUOS to do?", [])
    assert term.surface == "COPUOS" and term.term.proper
    assert term.term.english == ("Committee on the Peaceful Uses of Outer Space",)


def test_a_name_runs_over_no_punctuation_and_ends_whole():
    acronyms = Acronyms(
        ["Georgia, Ukraine, Azerbaijan and Moldova", "the Office de Development Data"]
    )
    assert acronyms.names("GUAM") == ()
    assert acronyms.names("ODD") == ("Office de Development Data",)


def test_an_acronym_is_embedded_as_the_name_it_stands_for():
    """The model knows "Committee on the Peaceful Uses of Outer Space", not "COPUOS": the
    question is embedded with the name; BM25 gets both; the question is as long as typed."""
    from assistant.asking.query import Query

    question = "What does 73/6 ask COPUOS to develop?"
    terms = Acronyms(TEXTS).terms(question, [])
    query = Query(question, question, "en", terms=terms, doc_surfaces=["73/6"])
    name = "Committee on the Peaceful Uses of Outer Space"
    assert query.search_text == f"What does ask {name} to develop?"
    assert query.asked_text == query.search_text
    assert query.typed_text == "What does ask COPUOS to develop?"  # pasted text is counted on it
    assert "COPUOS" in query.lexical_text and name in query.lexical_text


def test_a_described_text_is_left_out_of_the_embedding_before_its_acronym_is_read():
    from assistant.asking.query import Query

    question = "What does the COPUOS resolution request?"
    terms = Acronyms(TEXTS).terms(question, [])
    query = Query(question, question, "en", terms=terms, described_as="the COPUOS resolution")
    assert query.search_text == "What does the text request?"
    assert query.asked_text == (
        "What does the Committee on the Peaceful Uses of Outer Space resolution request?"
    )
