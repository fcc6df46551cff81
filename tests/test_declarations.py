"""Resolutions that adopt an annexed text, and what text extraction does to them: a
single unnumbered operative paragraph, a declaration with no "Annex" line, paragraphs
run together on one line, numbers lost, section headings, footnotes written as
Markdown. Made-up texts in the shapes of real ones (English and French)."""

from __future__ import annotations

import pytest

from assistant.reading.parsing import parse_document


def labels(doc) -> list[str]:
    return [c.paragraph for c in doc.clauses if not c.point and c.kind != "header"]


def clause(doc, label: str):
    return next(c for c in doc.clauses if c.paragraph == label)


ADOPTS_WHAT_FOLLOWS = """United Nations A/RES/91/4
General Assembly Distr.: General 3 October 2036

Resolution adopted by the General Assembly on 1 October 2036

91/4. Political declaration of the high-level meeting on clean water

The General Assembly

Adopts the following political declaration:

Political declaration of the high-level meeting on clean water

We, Heads of State and Government and representatives of States, assembled at the
United Nations on 1 October 2036, to review access to clean water for all,

1. Reaffirm our commitment to ensure access to safe drinking water for all by 2040;

2. Recognize that water scarcity affects more than two billion people. 3. Commit to
mobilize resources for water infrastructure in developing countries;

II. Follow-up and review

5. Request the Secretary-General to report on progress at the ninety-third session.

12th plenary meeting 1 October 2036
"""


def test_a_declaration_adopted_by_the_only_operative_paragraph():
    doc = parse_document(ADOPTS_WHAT_FOLLOWS, "clean-water.txt")
    assert doc.symbol == "A/RES/91/4" and doc.date == "2036-10-01"
    assert labels(doc) == [
        "op. 1",
        "annex, opening",
        "annex, para. 1",
        "annex, para. 2",
        "annex, para. 3",
        "annex, para. 5",  # paragraph 4's number lost: 5 is still read as 5
    ]
    assert clause(doc, "op. 1").text == "Adopts the following political declaration:"
    assert clause(doc, "annex, title").text.startswith("Political declaration of the high")
    assert clause(doc, "annex, opening").text.startswith("We, Heads of State")
    # run together on one line in the source: two paragraphs, each whole
    assert clause(doc, "annex, para. 2").text.endswith("more than two billion people.")
    assert clause(doc, "annex, para. 3").text.startswith("Commit to mobilize resources")
    heading = clause(doc, "annex, heading")
    assert heading.text == "II. Follow-up and review" and heading.kind == "header"
    assert clause(doc, "annex, para. 5").text.startswith("Request the Secretary-General")


ENDORSES_THE_ANNEX = """General Assembly Distr.: General 15 October 2036

Eighty-ninth session Agenda item 13

Resolution adopted by the General Assembly on 14 October 2036

89/3. Political declaration on mountain regions

The General Assembly,

Recalling its resolutions 86/217 and 87/246 on the convening of the Conference on
Mountain Regions,

1. Endorses the political declaration adopted by the Conference on Mountain Regions,
which is contained in the annex to the present resolution;

Expresses its profound gratitude to the Government and the people of Nepal for hosting
the Conference.

18th plenary meeting 14 October 2036

Annex

Political declaration on mountain regions

1. We, the Heads of State and Government, met in Kathmandu at the Conference on Mountain
Regions, and recall the Agenda for Mountains.[^1] 2. We acknowledge the urgent need to
address the isolation of mountain communities.2
I.
Global context and shared commitments 3. We stress the needs of mountain communities,
including the Convention on Biological Diversity[^3] and the Paris Agreement,4 and their
implementation;
A call to action
4. We invite all partners to support mountain communities.

---

[^1]: Resolution 85/1, annex.

[^2]: Resolution 70/1.

[^3]: United Nations, Treaty Series, vol. 1760,
    No. 30619.

[^4]: FCCC/CP/2015/10/Add.1, decision 1/CP.21.
"""


def test_an_endorsed_annex_as_a_pdf_extractor_gives_it():
    doc = parse_document(ENDORSES_THE_ANNEX, "mountains.txt")
    assert doc.symbol == "A/RES/89/3" and doc.date == "2036-10-14"
    assert labels(doc) == [
        "pp. 1",
        "op. 1",
        "op. 2",  # printed without its number: read from its verb
        "annex, para. 1",
        "annex, para. 2",
        "annex, para. 3",
        "annex, para. 4",
    ]
    assert clause(doc, "op. 2").text.startswith("Expresses its profound gratitude")
    first, second = clause(doc, "annex, para. 1"), clause(doc, "annex, para. 2")
    assert first.text.endswith("recall the Agenda for Mountains.")  # its call "[^1]" detached
    assert [n.number for n in first.footnotes] == [1]
    assert first.footnotes[0].text == "Resolution 85/1, annex."
    assert second.text.endswith("mountain communities.") and [
        n.number for n in second.footnotes
    ] == [2]
    third = clause(doc, "annex, para. 3")
    assert "Diversity and the Paris Agreement, and their" in third.text
    assert [n.number for n in third.footnotes] == [3, 4]
    assert third.footnotes[0].text == "United Nations, Treaty Series, vol. 1760, No. 30619."
    headings = [c.text for c in doc.clauses if c.paragraph == "annex, heading"]
    assert headings == ["I. Global context and shared commitments", "A call to action"]
    assert not any("[^" in c.text or "---" in c.text for c in doc.clauses)


def test_text_after_the_closing_line_is_never_dropped():
    text = ENDORSES_THE_ANNEX.replace("Annex\n\nPolitical declaration", "Political declaration")
    doc = parse_document(text, "mountains.txt")
    assert "annex, para. 4" in labels(doc)
    assert clause(doc, "annex, title").text == "Political declaration on mountain regions"


@pytest.mark.parametrize(
    "line",
    [
        "2. Decides to review the matter as set out in paragraph 3. The Assembly notes it;",
        "2. Decides to hold the meeting in 2037 3. Requests the Secretary-General to act;",
    ],
)
def test_a_number_inside_a_paragraph_is_not_taken_for_the_next_one(line):
    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1,\n\n"
        f"1. Welcomes the report;\n\n{line}\n"
    )
    doc = parse_document(text, "numbers.txt")
    assert labels(doc) == ["pp. 1", "op. 1", "op. 2"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # the end of paragraph 2 was lost with its column: 3 still opens with a verb
        (
            "2. Decides to review the report of the 3. Requests the Secretary-General to act;",
            ["pp. 1", "op. 1", "op. 2", "op. 3"],
        ),
        (
            "2. Décide d’examiner le rapport du 3. Prie le Secrétaire général d’agir ;",
            ["pp. 1", "op. 1", "op. 2", "op. 3"],
        ),
        # a number after a joining word or another number is the sentence's own
        (
            "2. Decides to review paragraphs 1 and 3. Requests are to be made in writing;",
            ["pp. 1", "op. 1", "op. 2"],
        ),
        # not the number expected next
        (
            "2. Decides to review the report of the 4. Requests the Secretary-General to act;",
            ["pp. 1", "op. 1", "op. 2"],
        ),
        # a sentence's own number: after a capitalised word, a noun that numbers, "or"
        (
            "2. Decides to apply Part 3. Requests for help shall be in writing;",
            ["pp. 1", "op. 1", "op. 2"],
        ),
        (
            "2. Decides to apply chapter 3. Notes of the meetings shall be kept;",
            ["pp. 1", "op. 1", "op. 2"],
        ),
        (
            "2. Décide d’appliquer la partie 3. Prie toutefois les États de s’abstenir ;",
            ["pp. 1", "op. 1", "op. 2"],
        ),
        (
            "2. Decides to apply rules 1 or 3. Requests are to be made in writing;",
            ["pp. 1", "op. 1", "op. 2"],
        ),
    ],
)
def test_a_paragraph_whose_sentence_end_was_lost_opens_with_its_verb(line, expected):
    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1,\n\n"
        f"1. Welcomes the report;\n\n{line}\n"
    )
    assert labels(parse_document(text, "lost.txt")) == expected


@pytest.mark.parametrize(
    ("lost", "third"),
    [
        ("more than two billion 3. We commit to", "We commit to mobilize"),
        ("more than two billion 3. Nous engageons à", "Nous engageons à mobilize"),
    ],
)
def test_a_declarations_paragraph_whose_sentence_end_was_lost_opens_with_we(lost, third):
    text = ADOPTS_WHAT_FOLLOWS.replace("more than two billion people. 3. Commit to", lost)
    doc = parse_document(text, "clean-water.txt")
    assert clause(doc, "annex, para. 2").text.endswith("more than two billion")
    assert clause(doc, "annex, para. 3").text.startswith(third)


@pytest.mark.parametrize("before", ["as reflected in SDG", "as set out in chapter", "in l’ODD"])
def test_a_declarations_sentence_ending_on_a_numbered_thing_is_not_cut(before):
    text = ADOPTS_WHAT_FOLLOWS.replace(
        "more than two billion people. 3. Commit to",
        f"more than two billion people, {before} 3. We stress that it matters;\n\n3. Commit to",
    )
    doc = parse_document(text, "clean-water.txt")
    assert clause(doc, "annex, para. 2").text.endswith("We stress that it matters;")
    assert clause(doc, "annex, para. 3").text.startswith("Commit to mobilize")


def test_a_french_declaration_adopted_by_the_only_operative_paragraph():
    text = (
        "L’Assemblée générale,\n\nAdopte la déclaration politique suivante :\n\n"
        "Déclaration politique sur l’eau\n\n"
        "Nous, chefs d’État et de gouvernement, réunis le 1er octobre 2036,\n\n"
        "1. Réaffirmons notre engagement en faveur de l’eau potable pour tous ;\n\n"
        "2. Demandons au Secrétaire général de faire rapport.\n\n"
        "12e séance plénière\n1er octobre 2036\n"
    )
    doc = parse_document(text, "eau.txt")
    assert labels(doc) == ["op. 1", "annex, opening", "annex, para. 1", "annex, para. 2"]


def test_an_operative_verb_before_numbered_paragraphs_does_not_open_one():
    """An unnumbered paragraph opening with "Notes" is no operative paragraph when a
    paragraph 1 follows: the numbers decide."""
    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1.\n\n"
        "Notes with appreciation the work of the Commission,\n\n"
        "1. Decides to continue its work;\n\n2. Requests a report.\n"
    )
    doc = parse_document(text, "notes.txt")
    assert [c.paragraph for c in doc.clauses if c.kind == "operative"] == ["op. 1", "op. 2"]
    assert clause(doc, "op. 1").text.startswith("Decides to continue")


UNLETTERED = """The General Assembly,

Recalling its resolution 86/1,

1. Decides that the summit shall address the following:

Poverty and hunger in rural areas, including among smallholders;

Decent work for young people, including through training;

Social protection for all, including floors for older persons.

2. Requests a report on the Summit Programme of Action:
Building Resilience, to be submitted at its next session.
"""


def test_sub_paragraphs_printed_without_letters_are_cited_as_their_paragraph():
    doc = parse_document(UNLETTERED, "summit.txt")
    items = [c for c in doc.clauses if c.number == 1 and c.point]
    assert [c.point for c in items] == ["#1", "#2", "#3"]  # their place, no made-up letter
    assert [c.paragraph for c in items] == ["op. 1"] * 3
    assert items[1].text == "Decent work for young people, including through training;"
    assert items[1].quote == (
        "Decides that the summit shall address the following: […] Decent work for young "
        "people, including through training;"
    )
    assert items[0].quote.startswith("Decides that the summit shall address the following: Pov")
    whole = doc.numbered("operative", 1)
    assert whole.has_points and whole.text.endswith("floors for older persons.")
    # a colon at a line's end inside a title opens no list: one "item" is no sub-paragraph
    second = doc.numbered("operative", 2)
    assert not second.has_points and second.text.endswith("to be submitted at its next session.")


@pytest.mark.parametrize(
    ("question", "number"),
    [
        ("What does paragraph 12 of the declaration say?", 12),
        ("Que dit le paragraphe 2 de la déclaration politique de Doha ?", 2),
        ("paragraph 3 of the annex", 3),
    ],
)
def test_a_paragraph_of_the_declaration_is_a_paragraph_of_the_annex(question, number):
    from assistant.asking.paragraph_refs import find_paragraph_ref

    ref = find_paragraph_ref(question)
    assert (ref.kind, ref.number) == ("annex", number)


@pytest.mark.parametrize(
    ("question", "kind", "number"),
    [
        ("Does op. 1 of 86/7 recall paragraph 16 of the Beijing Declaration?", "operative", 1),
        ("What does paragraph 5 of the Universal Declaration of Human Rights say?", "operative", 5),
    ],
)
def test_a_paragraph_of_a_cited_declaration_is_no_annex_paragraph(question, kind, number):
    from assistant.asking.paragraph_refs import find_paragraph_ref

    ref = find_paragraph_ref(question)
    assert (ref.kind, ref.number) == (kind, number)


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Que dit le paragraphe 2 de la déclaration politique de Doha ?", "Doha"),
        ("La declaration d'Awaza parle-t-elle du climat ?", "Awaza"),
        ("What does the Declaration of Kathmandu say about water?", "Kathmandu"),
        ("What does the Kathmandu declaration say about water?", "Kathmandu"),
        ("Que fait l'Assemblée de la déclaration adoptée à Awaza ?", "Awaza"),
        ("What does the declaration adopted at Kathmandu say about water?", "Kathmandu"),
    ],
)
def test_a_declaration_named_by_where_it_was_adopted_describes_a_text(question, subject):
    from assistant.asking.catalog import Catalog

    catalog = Catalog([parse_document("a", "a.txt"), parse_document("b", "b.txt")])
    assert catalog.described(question)[1] == subject


def test_a_declaration_of_a_year_or_of_the_summit_describes_none():
    from assistant.asking.catalog import Catalog

    catalog = Catalog([parse_document("a", "a.txt"), parse_document("b", "b.txt")])
    assert catalog.described("la déclaration de 2025 dit quoi ?") is None
    assert catalog.described("What is the declaration of the summit about?") is None


@pytest.mark.parametrize(
    ("text", "language", "lead", "verb"),
    [
        ("We reaffirm our commitment to clean water;", "en", "We reaffirm", "reaffirm"),
        ("We also welcome the convening of the summit;", "en", "We also welcome", "welcome"),
        (
            "Nous réaffirmons notre engagement ;",
            "fr",
            "Nous réaffirmons notre engagement",
            "reaffirm",
        ),
        ("We, Heads of State and Government, assembled", "en", "We", None),
    ],
)  # fmt: skip
def test_a_declarations_first_person_lead_is_read_for_its_verb(text, language, lead, verb):
    from assistant.asking.verbs import verb_of_lead
    from assistant.reading.parsing import lead_phrase

    assert lead_phrase(text, language) == lead
    found = verb_of_lead(lead, language)
    assert (found.name if found else None) == verb


# What a review found the rules above did wrong, each as it reads now.


def _labels_and_texts(text: str) -> list[tuple[str, str]]:
    doc = parse_document(text, "review.txt")
    return [(c.paragraph, c.text) for c in doc.clauses if c.kind != "header" and not c.point]


def test_a_markdown_note_ends_at_a_blank_line():
    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1,[^1]\n\n"
        "[^1]: Resolution 70/1, annex.\n\n    1. Welcomes the report;\n    2. Requests a report.\n"
    )
    doc = parse_document(text, "notes.txt")
    assert [c.paragraph for c in doc.clauses] == ["pp. 1", "op. 1", "op. 2"]
    assert doc.clauses[0].footnotes[0].text == "Resolution 70/1, annex."


def test_the_closing_line_ends_an_adopted_text():
    doc = parse_document(ADOPTS_WHAT_FOLLOWS, "clean-water.txt")
    assert clause(doc, "annex, para. 5").text.endswith("at the ninety-third session.")


@pytest.mark.parametrize(
    ("verb", "language"),
    [("Decides to include the item", "en"), ("Décide d’inscrire la question", "fr")],
)
def test_the_only_operative_paragraph_after_a_preamble(verb, language):
    opening = "The General Assembly," if language == "en" else "L’Assemblée générale,"
    noting = (
        "Noting the report of the Secretary-General,"
        if language == "en"
        else ("Prenant note du rapport du Secrétaire général,")
    )
    text = f"{opening}\n\n{noting}\n\n{verb} at its next session.\n"
    assert [label for label, _ in _labels_and_texts(text)] == ["pp. 1", "op. 1"]


def test_unlettered_sub_paragraphs_joined_by_and():
    text = UNLETTERED.replace("including through training;", "including through training; and")
    doc = parse_document(text, "summit.txt")
    assert [c.point for c in doc.clauses if c.number == 1 and c.point] == ["#1", "#2", "#3"]


def test_a_sentence_after_the_last_operative_paragraph_is_more_of_it():
    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1,\n\n1. Welcomes the report;\n\n"
        "2. Decides to convene the conference in 2037.\n"
        "Requests the President to appoint co-facilitators for it.\n"
    )
    assert [label for label, _ in _labels_and_texts(text)] == ["pp. 1", "op. 1", "op. 2"]


def test_a_note_call_after_a_closing_quote_and_full_stop():
    text = (
        "The General Assembly,\n\nRecalling its report entitled “Our Common Agenda”.1\n\n"
        "1. Welcomes the Pact for the Future;2\n\n2. Requests a report.\n"
        "__________\n1 A/75/982.\n2 Resolution 79/1.\n"
    )
    doc = parse_document(text, "calls.txt")
    assert doc.clauses[0].text.endswith("“Our Common Agenda”.")
    assert [[n.number for n in c.footnotes] for c in doc.clauses] == [[1], [2], []]


@pytest.mark.parametrize(
    "text",
    [
        "The General Assembly,\n\nRecalling its resolution 86/1,\n\n"
        "1. Recalls its resolution 79/1, annex, para. 2. The Assembly thereby acted;\n\n"
        "2. Requests a report.\n",
        "The General Assembly,\n\nRecalling the three pillars: 1. Peace and security; 2. "
        "Development,\n\n1. Welcomes the report;\n\n2. Requests a report.\n",
    ],
)
def test_a_number_after_an_abbreviation_or_a_colon_opens_no_paragraph(text):
    labels = [label for label, _ in _labels_and_texts(text)]
    assert labels == ["pp. 1", "op. 1", "op. 2"]


def test_a_continuation_line_naming_a_goal_is_no_heading():
    text = ADOPTS_WHAT_FOLLOWS.replace(
        "1. Reaffirm our commitment to ensure access to safe drinking water for all by 2040;",
        "1. Reaffirm our commitment to the Sustainable Development\n"
        "Goal 6. Ensure access to safe drinking water for all by 2040;",
    )
    doc = parse_document(text, "clean-water.txt")
    assert clause(doc, "annex, para. 1").text.endswith("for all by 2040;")
    assert [c.text for c in doc.clauses if c.paragraph == "annex, heading"] == [
        "II. Follow-up and review"
    ]


def test_french_paragraphs_run_together_before_an_accented_capital():
    text = (
        "L’Assemblée générale,\n\nRappelant sa résolution 86/1,\n\n"
        "1. Accueille avec satisfaction le rapport du Secrétaire général. 2. Émet l’espoir "
        "que les travaux aboutiront ;\n\n3. Décide de rester saisie de la question.\n"
    )
    assert [label for label, _ in _labels_and_texts(text)] == ["pp. 1", "op. 1", "op. 2", "op. 3"]


def test_a_numbered_adoption_of_what_follows_opens_the_annexed_text():
    text = ADOPTS_WHAT_FOLLOWS.replace(
        "Adopts the following political declaration:",
        "1. Adopts the following political declaration:",
    )
    doc = parse_document(text, "clean-water.txt")
    assert labels(doc)[:3] == ["op. 1", "annex, opening", "annex, para. 1"]


def test_a_dated_title_after_the_close_is_kept():
    text = ENDORSES_THE_ANNEX.replace(
        "Annex\n\nPolitical declaration on mountain regions",
        "Kathmandu Declaration of 5 March 2036",
    )
    doc = parse_document(text, "mountains.txt")
    assert clause(doc, "annex, title").text == "Kathmandu Declaration of 5 March 2036"


TWO_ANNEXES = """The General Assembly,

1. Adopts the rules in annex I and the guidelines in annex II;

2. Requests a report.

12th plenary meeting
1 October 2036

Annex I
Rules of procedure
1. The conference shall meet yearly;
2. The bureau shall have five members.

Annex II
Guidelines
1. States are encouraged to report:
(a) On water;
(b) On forests.
2. The secretariat shall help.
"""


def test_two_annexes_have_ids_and_labels_of_their_own():
    from assistant.asking.answer import paragraph_name

    doc = parse_document(TWO_ANNEXES, "annexes.txt")
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    assert [c.paragraph for c in doc.clauses if c.part == "annex"] == [
        "annex I, title",
        "annex I, para. 1",
        "annex I, para. 2",
        "annex II, title",
        "annex II, para. 1",
        "annex II, para. 1 (a)",
        "annex II, para. 1 (b)",
        "annex II, para. 2",
    ]
    second = next(c for c in doc.clauses if c.paragraph == "annex II, para. 1 (b)")
    assert paragraph_name(second, "fr") == "annexe II, paragraphe 1 b)"
    title = next(c for c in doc.clauses if c.paragraph == "annex II, title")
    assert paragraph_name(title, "fr") == "annexe II, titre"


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("What does paragraph 2 of annex II say?", "annex II, para. 2"),
        ("annex II, para. 1 (b)", "annex II, para. 1 (b)"),
        ("Que dit le paragraphe 1 de l'annexe II ?", "annex II, para. 1"),
        ("Que dit le paragraphe 2 de l’annexe 2 ?", "annex II, para. 2"),
        ("What is in annex I, paragraph 2?", "annex I, para. 2"),
        ("What does paragraph 2 of the annex say?", "annex I, para. 2"),  # the first
    ],
)
def test_a_paragraph_of_the_second_annex_is_asked_by_its_annex(question, label):
    from assistant.asking.paragraph_refs import find_paragraph_ref, numbered_clause, numbers_of

    doc = parse_document(TWO_ANNEXES, "annexes.txt")
    ref = find_paragraph_ref(question)
    assert numbered_clause(doc, ref.kind, ref.number, ref.point, ref.annex).paragraph == label
    assert numbers_of(doc, "annex", 2) == [1, 2] and numbers_of(doc, "annex") == [1, 2]


def test_a_follow_up_stays_in_the_annex_it_was_asked_of():
    """The paragraph cited, carried as data with the answer, keeps its annex: "and the
    next one?" after annex II, para. 1 is annex II, para. 2."""
    from assistant.asking.catalog import Catalog
    from assistant.asking.conversation import read_turn_metadata, turn_metadata
    from assistant.asking.query import understand
    from assistant.asking.query_parts import turn_of

    doc = parse_document(TWO_ANNEXES, "annexes.txt")
    catalog = Catalog([doc, parse_document("Rappelant…", "other.txt")])
    asked = understand(f"What does annex II, para. 1 of {doc.label} say?", catalog)
    assert asked.paragraph.annex == 2
    cited = next(c for c in doc.clauses if c.paragraph == "annex II, para. 1")
    data = turn_of(asked, [cited], catalog)
    assert read_turn_metadata(turn_metadata(data)).citations[0].paragraph.annex == 2
    follow = understand(
        "And the next one?",
        catalog,
        [
            {"role": "user", "content": asked.question},
            {"role": "assistant", "content": "…", "metadata": turn_metadata(data)},
        ],
    )
    ref = follow.paragraph
    assert (ref.number, ref.annex) == (2, 2)
    assert numbered_clause_label(doc, ref) == "annex II, para. 2"


def numbered_clause_label(doc, ref) -> str:
    from assistant.asking.paragraph_refs import numbered_clause

    return numbered_clause(doc, ref.kind, ref.number, ref.point, ref.annex).paragraph


def test_sub_paragraphs_that_lost_their_letters_before_a_lettered_one_take_theirs():
    """An extraction lost "(a)" and "(b)"; "(c)" follows: the two before are (a) and (b),
    and (c)… are sub-paragraphs of their own (before: all in the second one)."""
    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1,\n\n"
        "1. Requests the Secretary-General:\n\n"
        "To continue the practice of sending a note verbale;\n\n"
        "To circulate the reports received;\n\n"
        "(c) To continue consultations with the relevant bodies;\n\n"
        "(d) To report on the experience gained;\n\n"
        "2. Encourages Member States:\n\n"
        "To inform the Secretary-General of problems;\n\n"
        "To provide the data requested.\n"
    )
    doc = parse_document(text, "letters.txt")
    assert [c.paragraph for c in doc.clauses if c.number == 1 and c.point] == [
        "op. 1 (a)",
        "op. 1 (b)",
        "op. 1 (c)",
        "op. 1 (d)",
    ]
    assert clause(doc, "op. 1 (b)").text == "To circulate the reports received;"
    # a list no letter follows keeps its sub-paragraphs unlettered
    assert [c.point for c in doc.clauses if c.number == 2 and c.point] == ["#1", "#2"]


def test_a_letter_asked_of_sub_paragraphs_printed_without_letters_is_their_place():
    from assistant.asking.paragraph_refs import find_paragraph_ref, numbered_clause

    text = (
        "The General Assembly,\n\nRecalling its resolution 86/1,\n\n"
        "1. Encourages Member States:\n\n"
        "To inform the Secretary-General of problems;\n\n"
        "To provide the data requested;\n\n"
        "To share good practices.\n"
    )
    doc = parse_document(text, "unlettered.txt")
    ref = find_paragraph_ref("What does op. 1 (b) say?")
    found = numbered_clause(doc, ref.kind, ref.number, ref.point)
    assert found.text == "To provide the data requested;" and found.paragraph == "op. 1"
    assert numbered_clause(doc, "operative", 1, "d") is None  # no fourth one


RUNNING_HEAD = """General Assembly Distr.: General 3 December 2036

Resolution adopted by the General Assembly on 1 December 2036

91/23. Possible risks of the integration of robots into

The General Assembly,

Concerned that robots could reduce human control over the systems, increasing the risk of

Possible risks of the integration of robots into

errors in the most critical stages of decision-making,

1. Decides to include in the provisional agenda of its ninety-second session the item
entitled "Possible risks of the integration of robots into control systems".

Annex

Possible risks of the integration of robots into

1. States shall keep human control.
"""


def test_a_running_head_cutting_a_sentence_is_page_furniture():
    """Text extracted page by page repeats the title's first line between two pages, with
    no symbol: inside a sentence it is no word of the paragraph; an annexed text's title,
    between paragraphs, stays."""
    doc = parse_document(RUNNING_HEAD, "robots.txt")
    assert clause(doc, "pp. 1").text == (
        "Concerned that robots could reduce human control over the systems, increasing the "
        "risk of errors in the most critical stages of decision-making,"
    )
    assert clause(doc, "annex, title").text == "Possible risks of the integration of robots into"


HEAD = "Possible risks of the integration of robots into"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # between two preambular paragraphs, and between two operative ones
        (
            f"Recalling its resolution 90/1,\n\n{HEAD}\n\nConcerned that robots could act,\n\n"
            f"1. Decides to act;\n\n{HEAD}\n\n2. Requests a report.\n",
            ["Recalling its resolution 90/1,", "Concerned that robots could act,",
             "Decides to act;", "Requests a report."],
        ),
        # a footer next to it, a capital or a comma around it
        (
            f"Recalling the report of the\n\n25-19744\n{HEAD}\n\nSecretary-General on robots,\n\n"
            f"Noting the risks increasing,\n\n{HEAD}\n\nin particular, for the most exposed,\n\n"
            "1. Decides to act.\n",
            ["Recalling the report of the Secretary-General on robots,",
             "Noting the risks increasing, in particular, for the most exposed,",
             "Decides to act."],
        ),
        # a sentence quoting the title keeps it
        (
            f"1. Decides to include the sub-item entitled\n\n{HEAD}\n\ncontrol systems.\n",
            [f"Decides to include the sub-item entitled {HEAD} control systems."],
        ),
    ],
)  # fmt: skip
def test_a_running_head_in_the_body_is_page_furniture_wherever_it_falls(body, expected):
    text = (
        "Resolution adopted by the General Assembly on 1 December 2036\n\n"
        f"91/23. {HEAD}\n\nThe General Assembly,\n\n{body}"
    )
    doc = parse_document(text, "robots.txt")
    assert [c.text for c in doc.clauses if c.kind != "header"] == expected


def test_an_annexed_title_on_two_lines_is_no_running_head():
    text = (
        "Resolution adopted by the General Assembly on 1 December 2036\n\n"
        f"91/23. {HEAD}\n\nThe General Assembly,\n\n1. Adopts the text annexed.\n\n"
        f"12th plenary meeting\n1 December 2036\n\nAnnex\n\n{HEAD}\n\ncontrol systems\n\n"
        "1. States shall keep human control.\n"
    )
    doc = parse_document(text, "robots.txt")
    assert clause(doc, "annex, title").text.startswith(HEAD)


@pytest.mark.parametrize(
    ("question", "annex"),
    [
        ("What does paragraph 1 of the second annex say?", 2),
        ("Que dit le paragraphe 1 de la deuxième annexe ?", 2),
        ("ANNEX II, para. 1", 2),
        ("paragraph 1 of annex 12", 12),
        ("paragraph 1 of annex X", 10),
        ("paragraph 1 of the annex", None),
    ],
)
def test_an_annex_is_named_by_its_number_its_numeral_or_its_rank(question, annex):
    from assistant.asking.paragraph_refs import find_paragraph_ref

    assert find_paragraph_ref(question).annex == annex


def test_french_sub_paragraphs_that_lost_their_letters_take_theirs():
    text = (
        "L’Assemblée générale,\n\nRappelant sa résolution 86/1,\n\n"
        "1. Prie le Secrétaire général :\n\nDe continuer à envoyer une note verbale ;\n\n"
        "De diffuser les rapports reçus ;\n\nc) De poursuivre les consultations ;\n\n"
        "2. Décide de rester saisie de la question.\n"
    )
    doc = parse_document(text, "lettres.txt")
    assert [c.paragraph for c in doc.clauses if c.number == 1 and c.point] == [
        "op. 1 (a)",
        "op. 1 (b)",
        "op. 1 (c)",
    ]
    assert clause(doc, "op. 1 (b)").text == "De diffuser les rapports reçus ;"
