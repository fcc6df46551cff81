"""Query understanding on the real catalog (no model needed)."""

import pytest

from assistant.asking.catalog import Catalog
from assistant.asking.glossary import find_terms
from assistant.asking.language import detect_language
from assistant.asking.paragraph_refs import LAST, PENULTIMATE, find_paragraph_ref
from assistant.asking.query import answered_clauses, cited_symbols, understand


@pytest.fixture(scope="module")
def catalog(documents):
    return Catalog(list(documents.values()))


@pytest.mark.parametrize(
    ("question", "docs"),
    [
        ("What does 75/32 decide?", ["A-RES-75-32"]),
        ("What does A/RES/75/32 say?", ["A-RES-75-32"]),
        ("In resolution 75/32, what is welcomed?", ["A-RES-75-32"]),
        ("What does the draft say about the OEWG?", ["draft-74-item93-rev"]),
        ("Que dit le projet de résolution ?", ["draft-74-item93-rev"]),
        ("Compare the two texts on human rights", ["draft-74-item93-rev", "A-RES-75-32"]),
        ("What about the OEWG?", None),
    ],
)
def test_document_references(catalog, question, docs):
    query = understand(question, catalog)
    assert (sorted(query.doc_ids) if query.doc_ids else None) == (sorted(docs) if docs else None)


def test_unknown_and_cited_resolutions(catalog):
    assert understand("What does 76/19 say?", catalog).unknown_refs == ["76/19"]
    # 73/266 is not in the corpus but the texts cite it: a topic, not a gap.
    assert understand("Which paragraphs refer to 73/266?", catalog).unknown_refs == []
    assert catalog.citations["73/266"] == [
        ("A/RES/75/32", "pp. 1"),
        ("A/RES/75/32", "op. 3"),
        ("A/RES/75/32", "op. 6"),
    ]


@pytest.mark.parametrize(
    "question",
    [
        "What does resolution 74/28 say about the working group?",
        "Que dit la résolution 74/28 sur le Groupe de travail ?",
        "According to resolution 73/266, who sets the mandate?",
        "Selon la résolution 73/266, quel est le mandat du Groupe ?",
        "La résolution 73/266 prévoit-elle un groupe d'experts ?",
        "Does 74/29 mention capacity-building?",
    ],
)
def test_a_cited_resolution_asked_about_as_a_text_is_not_in_the_corpus(catalog, question):
    """The texts only cite it: its own words are not there to quote."""
    assert len(understand(question, catalog).unknown_refs) == 1


@pytest.mark.parametrize(
    "question",
    [
        "Which group did the Secretary-General establish under resolution 73/266?",
        "Quel mandat a le Groupe d'experts créé en application de la résolution 73/266 ?",
        "Does 75/32 recall resolution 74/29?",
        "Which paragraph mentions 73/27?",
    ],
)
def test_a_cited_resolution_as_a_topic_is_answerable(catalog, question):
    assert understand(question, catalog).unknown_refs == []


def _history(*questions):
    return [
        m
        for q in questions
        for m in ({"role": "user", "content": q}, {"role": "assistant", "content": "…"})
    ]


@pytest.mark.parametrize(
    ("first", "follow_up", "kind", "number", "resolved"),
    [
        ("Quel est le premier paragraphe du dispositif de 75/32 ?", "Et le suivant ?",
         "operative", 2, "Quel est le paragraphe 2 de 75/32 ?"),
        ("What is pp 3 of the draft?", "and the next one?",
         "preambular", 4, "What is preambular paragraph 4 of the draft?"),
        ("What is op 3 of the draft?", "The previous one?",
         "operative", 2, "What is operative paragraph 2 of the draft?"),
        ("Que dit l'alinéa 5 du préambule du projet ?", "la précédente ?",
         "preambular", 4, "Que dit l'alinéa 4 du préambule du projet ?"),
    ],
)  # fmt: skip
def test_the_next_one_is_the_next_paragraph(catalog, first, follow_up, kind, number, resolved):
    query = understand(follow_up, catalog, _history(first))
    assert (query.paragraph.kind, query.paragraph.number) == (kind, number)
    assert query.text == resolved  # what the page shows as the question understood


@pytest.mark.parametrize(
    ("follow_up", "number", "resolved"),
    [
        ("And the paragraph before it?", 14,
         "What does preambular paragraph 14 of A/RES/75/32 say?"),
        ("What about the one after that?", 16,
         "What does preambular paragraph 16 of A/RES/75/32 say?"),
        ("Et l'alinéa d'avant ?", 14, "Que dit l’alinéa 14 du préambule de A/RES/75/32 ?"),
        ("et celui d'après ?", 16, "Que dit l’alinéa 16 du préambule de A/RES/75/32 ?"),
        ("Et celui qui suit ?", 16, "Que dit l’alinéa 16 du préambule de A/RES/75/32 ?"),
        ("Et l'alinéa qui précède ?", 14, "Que dit l’alinéa 14 du préambule de A/RES/75/32 ?"),
        ("And the one that follows?", 16,
         "What does preambular paragraph 16 of A/RES/75/32 say?"),
        ("What about the paragraph that comes before?", 14,
         "What does preambular paragraph 14 of A/RES/75/32 say?"),
        # "that paragraph" is the one cited
        ("Which reports does that paragraph refer to?", 15,
         "What does preambular paragraph 15 of A/RES/75/32 say?"),
        ("What does this clause ask States to do?", 15,
         "What does preambular paragraph 15 of A/RES/75/32 say?"),
        ("Et que souligne ce paragraphe ?", 15,
         "Que dit l’alinéa 15 du préambule de A/RES/75/32 ?"),
        ("Qui cet alinéa nomme-t-il ?", 15, "Que dit l’alinéa 15 du préambule de A/RES/75/32 ?"),
    ],
)  # fmt: skip
def test_a_paragraph_next_to_the_one_the_answer_cited(catalog, follow_up, number, resolved):
    # the question named no paragraph: "before it" is the paragraph the answer cited first
    history = [
        {"role": "user", "content": "Which paragraph of 75/32 talks about the private sector?"},
        {"role": "assistant", "content": "**A/RES/75/32, pp. 15** — stressing: « Soulignant… »"},
    ]
    query = understand(follow_up, catalog, history)
    assert (query.paragraph.kind, query.paragraph.number) == ("preambular", number)
    assert query.doc_ids == ["A-RES-75-32"]
    assert query.text == resolved


def test_a_sub_paragraph_follow_up_names_it(catalog):
    history = _history("Quel est le premier paragraphe du dispositif de 75/32 ?")
    query = understand("Et l'alinéa b) ?", catalog, history)
    assert (query.paragraph.number, query.paragraph.point) == (1, "b")
    assert query.text == "Quel est l’alinéa b) du paragraphe 1 de 75/32 ?"


def test_a_text_named_with_a_pronoun_carries_the_topic(catalog):
    history = _history("What does 75/32 say about confidence-building measures?")
    query = understand("Does the draft mention them too?", catalog, history)
    assert query.doc_ids == ["draft-74-item93-rev"]
    assert [t.term.topic for t in query.terms] == ["cbm"]
    # a question with its own topic keeps it: "it" is then the text, not the measures
    own = understand("Does the draft say it supports human rights?", catalog, history)
    assert [t.term.topic for t in own.terms] == ["human_rights"]


@pytest.mark.parametrize(
    "follow_up",
    [
        "Does the draft share that concern?",
        "Does the draft mention that too?",
        "Et le projet, cette idée ?",
    ],
)
def test_that_at_the_end_of_a_follow_up_carries_the_topic(catalog, follow_up):
    history = _history("What does 75/32 say about confidence-building measures?")
    query = understand(follow_up, catalog, history)
    assert query.doc_ids == ["draft-74-item93-rev"]
    assert [t.term.topic for t in query.terms] == ["cbm"]


def test_that_opening_a_clause_carries_nothing(catalog):
    history = _history("What does 75/32 say about confidence-building measures?")
    query = understand("Does the draft say that States should cooperate?", catalog, history)
    assert "cbm" not in [t.term.topic for t in query.terms]


def test_the_other_text_is_the_other_resolution(documents, tmp_path):
    """ "Does the other text?" asks the last question of the other resolution (built
    from its parts: topic, verb, paragraph); with a paragraph collection added beside the
    two, it is still the other resolution."""
    import json

    from assistant.reading.paragraph_collection import load_paragraph_collection

    path = tmp_path / "c.json"
    paragraph = {"para": "Recommande le développement durable.", "type": "operative"}
    path.write_text(json.dumps({"TEXT_ID": "X 1", "body": {"paragraphs": [paragraph]}}))
    history = _history("Does the draft mention sustainable development?")
    for catalog in (
        Catalog(list(documents.values())),
        Catalog([*documents.values(), load_paragraph_collection(path)]),
    ):
        query = understand("Does the other text?", catalog, history)
        assert query.doc_ids == ["A-RES-75-32"]
        assert query.text == "What does A/RES/75/32 say about sustainable development?"


def test_a_follow_up_naming_no_topic_keeps_the_subject_in_reserve(catalog):
    history = _history("What does 75/32 say about confidence-building measures?")
    query = understand("Which risk would be reduced?", catalog, history)
    assert query.text == "Which risk would be reduced?"  # searched alone first
    assert query.in_context.text == "Which risk would be reduced? (confidence-building measures)"
    assert [t.term.topic for t in query.in_context.terms] == ["cbm"]
    assert query.in_context.doc_ids == ["A-RES-75-32"]
    # a topic, a text or a paragraph of its own: a new question, nothing in reserve
    for own in ("Which risk does the draft see?", "What about human rights?", "And op. 2?"):
        assert understand(own, catalog, history).in_context is None
    assert understand("Which risk would be reduced?", catalog).in_context is None


def test_it_after_a_paragraph_request_is_that_paragraph(catalog):
    history = _history("What does op. 6 of 75/32 say?")
    query = understand("Which resolutions does it mention?", catalog, history)
    assert (query.referent.kind, query.referent.number) == ("operative", 6)
    assert query.doc_ids == ["A-RES-75-32"]
    french = _history("Quel est le texte du paragraphe 2 du dispositif du projet ?")
    assert understand("Quels organes y sont mentionnés ?", catalog, french).referent.number == 2
    # no pronoun, or a text, paragraph or comparison of its own: not that paragraph
    for own in (
        "Which resolutions does the draft mention?",
        "Does the draft say it too?",
        "What does op. 7 say about it?",
        "Which resolutions are mentioned?",
        "Do both texts mention it?",
    ):
        assert understand(own, catalog, history).referent is None, own
    topic = _history("What does 75/32 say about the OEWG?")  # asked no paragraph
    assert understand("Does it include all Member States?", catalog, topic).referent is None


@pytest.mark.parametrize(
    ("question", "state"),
    [
        ("Quelle est la position de la France sur ce projet ?", "state_fr"),
        ("Is Russia a sponsor?", "state_ru"),
        ("La Fédération de Russie a-t-elle parrainé le projet ?", "state_ru"),
        ("Les Etats-Unis ont-ils voté ?", "state_us"),  # typed without its accent
        ("Did the U.S. vote for it?", "state_us"),
        ("Le Venezuela figure-t-il parmi les auteurs ?", "state_ve"),
        ("Which text lists China among its sponsors?", "state_cn"),
        ("What about chad?", None),  # a name is capitalised
        ("Quand a eu lieu la réunion ?", None),  # ISO's "Réunion" is left out
        ("What do the United Nations say?", None),
    ],
)
def test_states_are_named_in_english_or_french(question, state):
    states = [t.term.topic for t in find_terms(question) if t.term.topic.startswith("state_")]
    assert states == ([state] if state else [])


@pytest.mark.parametrize(
    ("text", "kind", "number", "point"),
    [
        ("op. 6 of 75/32", "operative", 6, None),
        ("operative paragraph 7", "operative", 7, None),
        ("paragraph 1 (b)", "operative", 1, "b"),
        ("the third preambular paragraph", "preambular", 3, None),
        ("pp. 10", "preambular", 10, None),
        ("Que dit le paragraphe 3 du projet ?", "operative", 3, None),
        ("le 5e alinéa du préambule", "preambular", 5, None),
        ("l'alinéa b) du paragraphe 2", "operative", 2, "b"),
        ("What is sub-paragraph (a) of operative paragraph 2 of 75/32?", "operative", 2, "a"),
        ("letter (b) of op. 1", "operative", 1, "b"),
        ("I'd like to read the ninth paragraph of the draft's preamble.", "preambular", 9, None),
        ("paragraph 4 of the preamble of 75/32", "preambular", 4, None),
        ("Can I see 75/32 operative 3?", "operative", 3, None),
        ("Show preambular 4 of the draft.", "preambular", 4, None),
        (
            "Comment est rédigé le paragraphe final du dispositif de 75/32 ?",
            "operative",
            LAST,
            None,
        ),
        ("Quel est le dernier considérant du projet ?", "preambular", LAST, None),
        ("l'alinéa final du préambule de 75/32", "preambular", LAST, None),
        ("Show the closing preambular paragraph of resolution 75/32.", "preambular", LAST, None),
        ("the concluding operative paragraph of the draft", "operative", LAST, None),
        # how else people name a paragraph: clause, recital, considérant, a number in words
        ("Show me preambular clause 5 of 75/32.", "preambular", 5, None),
        ("What is the fourth operative clause of 75/32?", "operative", 4, None),
        ("Quote clause 4 of 75/32.", "operative", 4, None),
        ("What is the third provision of the draft?", "operative", 3, None),
        ("What is sub-para (a) of para 1 of 75/32?", "operative", 1, "a"),
        ("Que dit le 2e paragraphe de 75/32 ?", "operative", 2, None),
        # how a text, its preamble or its operative part opens and ends
        ("How does the preamble of 75/32 begin?", "preambular", 1, None),
        ("How does 75/32 open?", "preambular", 1, None),
        ("What is the opening clause of the draft?", "preambular", 1, None),
        ("Par quoi commence le dispositif du projet ?", "operative", 1, None),
        ("How does 75/32 end?", "operative", LAST, None),
        ("How does the preamble of 75/32 end?", "preambular", LAST, None),
        ("Quelle est la première décision de 75/32 ?", "operative", 1, None),
        ("the second paragraph of the operative part of 75/32", "operative", 2, None),
        ("the opening paragraph of the preamble of 75/32", "preambular", 1, None),
        ("What does the first recital of 75/32 say?", "preambular", 1, None),
        ("Show recital 3 of the draft.", "preambular", 3, None),
        ("What's the last recital of 75/32?", "preambular", LAST, None),
        ("What does operative paragraph three of 75/32 say?", "operative", 3, None),
        ("Que dit le considérant 4 du projet ?", "preambular", 4, None),
        ("Que dit le paragraphe opérationnel 3 de 75/32 ?", "operative", 3, None),
        ("Je voudrais lire le cinquième paragraphe opérationnel de 75/32.", "operative", 5, None),
        ("Que dit le point 1 a) de 75/32 ?", "operative", 1, "a"),
        ("Que dit l'alinéa a) du premier paragraphe de 75/32 ?", "operative", 1, "a"),
        ("Montre le dernier paragraphe du préambule de 75/32.", "preambular", LAST, None),
        ("What does the preamble's last paragraph say in 75/32?", "preambular", LAST, None),
        ("Que dit l'avant-dernier alinéa du préambule de 75/32 ?", "preambular", PENULTIMATE, None),
        ("What's the second-to-last operative paragraph of 75/32?", "operative", PENULTIMATE, None),
        # the part named first, then the paragraph; a point, then the paragraph it is under
        ("Show me the draft's preamble, paragraph four.", "preambular", 4, None),
        ("Dans le préambule de 75/32 : alinéa 7 ?", "preambular", 7, None),
        ("Read sub-paragraph (b) under the draft's second operative paragraph.", "operative", 2,
         "b"),
        ("point (a) in 75/32's first operative paragraph", "operative", 1, "a"),
    ],
)  # fmt: skip
def test_paragraph_references(text, kind, number, point):
    ref = find_paragraph_ref(text)
    assert (ref.kind, ref.number, ref.point) == (kind, number, point)


def test_no_paragraph_reference_in_plain_questions():
    assert find_paragraph_ref("What does 75/32 decide about the OEWG?") is None
    assert find_paragraph_ref("Which operative paragraphs mention the GGE?") is None
    # a number in words names a paragraph only after the noun, and not "one" / "un"
    assert find_paragraph_ref("Which two operative paragraphs mention the GGE?") is None
    assert find_paragraph_ref("Is there an operative one on the OEWG?") is None
    assert find_paragraph_ref("Considérant un environnement sûr, que dit 75/32 ?") is None
    assert find_paragraph_ref("Does the clause on capacity-building exist?") is None
    # "the first paragraph that…" asks for a search, not for op. 1
    assert find_paragraph_ref("Which is the first paragraph that mentions the GGE?") is None
    assert find_paragraph_ref("Quel est le premier paragraphe qui parle du GGE ?") is None


def test_there_points_back_to_the_paragraph_just_read(catalog):
    """ "Which years' reports are named there?" after op. 1 is asked of op. 1; "Is there
    …?" points at nothing."""
    history = [
        {"role": "user", "content": "What does 75/32 ask of Member States in op. 1?"},
        {"role": "assistant", "content": "…"},
    ]
    query = understand("Which years' reports are named there?", catalog, history)
    assert (query.referent.kind, query.referent.number) == ("operative", 1)
    for question in ("Is there anything on the GGE's reports?", "Are there reports named?"):
        assert understand(question, catalog, history).referent is None


@pytest.mark.parametrize(
    "text",
    [
        "How do the two texts end?",
        "What is the final decision in each of the two texts?",
        "What does the draft close with?",
        "Comment se termine le projet ?",
        "Par quoi les deux textes se concluent-ils ?",
        "Quelle est la décision finale de 75/32 ?",
        "What is the draft's closing operative clause?",
    ],
)
def test_how_a_text_ends_is_its_last_operative_paragraph(text):
    ref = find_paragraph_ref(text)
    assert (ref.kind, ref.number, ref.point) == ("operative", LAST, None)


@pytest.mark.parametrize(
    "text",
    [
        "And what happens once it concludes?",
        "Does 75/32 say when the OEWG will submit its final report?",
        "What did the experts conclude in 2013 and 2015?",
        "Quelle date le projet fixe-t-il pour la fin des travaux du Groupe de travail ?",
    ],
)
def test_an_end_that_is_not_the_text_s_is_no_paragraph(text):
    assert find_paragraph_ref(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("What does 75/32 decide?", "en"),
        ("Que décide la résolution 75/32 ?", "fr"),
        ("et le Groupe d’experts ?", "fr"),
        ("and the GGE?", "en"),
    ],
)
def test_language(text, language):
    assert detect_language(text) == language


def test_elliptical_followup_swaps_the_topic(catalog):
    history = [
        {"role": "user", "content": "What does 75/32 decide about the OEWG?"},
        {"role": "assistant", "content": "..."},
    ]
    query = understand("and the GGE?", catalog, history)
    assert query.text == "What does 75/32 decide about the GGE?"
    assert query.doc_ids == ["A-RES-75-32"] and query.verb.name == "decide"


def test_elliptical_followup_swaps_the_document(catalog):
    history = [{"role": "user", "content": "What does 75/32 welcome?"}]
    query = understand("what about the draft?", catalog, history)
    assert query.doc_ids == ["draft-74-item93-rev"] and query.verb.name == "welcome"


@pytest.mark.parametrize(
    ("first", "follow_up", "resolved"),
    [
        (
            "Que décide 75/32 au sujet de sa soixante-seizième session ?",
            "Et le projet, pour quelle session ?",
            "Que décide le projet au sujet de sa session ?",
        ),
        (
            "What does 75/32 decide about its seventy-sixth session?",
            "And the draft, for which session?",
            "What does the draft decide about its session?",
        ),
        # no "which session" asked: the session named stays a condition
        (
            "What does 75/32 decide about its seventy-sixth session?",
            "And the draft?",
            "What does the draft decide about its seventy-sixth session?",
        ),
    ],
)
def test_which_one_asks_for_what_the_last_question_named(catalog, first, follow_up, resolved):
    query = understand(follow_up, catalog, [{"role": "user", "content": first}])
    assert query.text == resolved and query.doc_ids == ["draft-74-item93-rev"]


def test_a_short_question_about_it_keeps_the_topic(catalog):
    """ "Are they binding?": binding is asked of the measures, not instead of them."""
    history = [{"role": "user", "content": "What does 75/32 say about confidence-building?"}]
    query = understand("Are they binding?", catalog, history)
    assert query.text == "Are they binding? (confidence-building)"
    assert {t.term.topic for t in query.terms} == {"voluntary", "cbm"}
    query = understand("And binding ones?", catalog, history)  # "and …": a topic swapped in
    assert [t.term.topic for t in query.terms] == ["voluntary"]


@pytest.mark.parametrize(
    ("first", "follow_up", "resolved"),
    [
        (
            "What did the experts conclude in their reports about international law, "
            "according to 75/32?",
            "And about confidence-building?",
            "What did the experts conclude in their reports about confidence-building, "
            "according to 75/32?",
        ),
        (
            "What does 75/32 say about the OEWG and the GGE?",
            "and the Secretary-General?",
            "What does 75/32 say about the Secretary-General?",
        ),
    ],
)
def test_a_new_topic_takes_the_place_of_the_last_one(catalog, first, follow_up, resolved):
    assert understand(follow_up, catalog, [{"role": "user", "content": first}]).text == resolved


def test_followup_without_document_keeps_the_previous_one(catalog):
    history = [{"role": "user", "content": "Que dit le projet sur le Groupe de travail ?"}]
    query = understand("Et que décide-t-il ?", catalog, history)
    assert query.doc_ids == ["draft-74-item93-rev"] and query.verb.name == "decide"


@pytest.mark.parametrize(
    "question",
    [
        "What did the draft recommendation No. 75 propose?",
        "According to this draft Covenant, what must States report?",
        "Que prévoit le projet de loi sur l'éducation ?",
        "Le projet éducatif de l'école est-il évoqué ?",
        "Que dit le projet d'articles de la Commission ?",
    ],
)
def test_other_drafts_are_not_the_draft_resolution(catalog, question):
    assert understand(question, catalog).doc_ids is None


@pytest.mark.parametrize(
    "question",
    [
        "And the draft?",
        "Et le projet ?",
        "Que dit le projet de 2019 ?",
        # "du" is what it says something of, not whose draft it is
        "Que dit le projet du respect des libertés fondamentales en ligne ?",
    ],
)
def test_the_draft_is_still_named(catalog, question):
    assert understand(question, catalog).doc_ids == ["draft-74-item93-rev"]


def test_an_and_question_of_its_own_is_not_an_ellipsis(catalog):
    first = "What does 75/32 say about the open-ended working group?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "…"}]
    own = understand("And what will the Assembly do with its conclusions?", catalog, history)
    assert first not in own.text  # not glued to the last question
    assert own.doc_ids == ["A-RES-75-32"]  # but still about 75/32 and, by "its", the OEWG
    assert "open-ended working group" in own.text
    short = understand("And what about the draft?", catalog, history)
    assert short.text.startswith("What does") and "draft" in short.text


def test_a_decision_named_as_a_noun_is_what_another_verb_acts_on():
    from assistant.asking.verbs import verbs_in_question

    assert [v.name for v in verbs_in_question("Which decision does 75/32 recall?")] == ["recall"]
    assert [v.name for v in verbs_in_question("Quelle décision le texte rappelle-t-il ?")] == [
        "recall"
    ]
    assert [v.name for v in verbs_in_question("What decision does the Assembly take?")] == [
        "decide"
    ]
    assert [v.name for v in verbs_in_question("What does it decide and recall?")] == [
        "decide",
        "recall",
    ]


def test_both_texts_are_the_two_resolutions_when_other_texts_are_loaded(documents):
    from assistant.documents import Document

    extra = Document(doc_id="IBE-1", label="IBE-1", title="Recommandation", kind="text")
    catalog = Catalog([*documents.values(), extra])
    query = understand("Do both texts mention human rights?", catalog)
    assert sorted(query.doc_ids) == ["A-RES-75-32", "draft-74-item93-rev"]
    assert query.compare


def test_both_alone_names_no_texts_when_other_texts_are_loaded(documents):
    from assistant.documents import Document

    extra = Document(doc_id="IBE-1", label="IBE-1", title="Recommandation", kind="text")
    catalog = Catalog([*documents.values(), extra])
    pasted = "Technologies used for both legitimate and malicious purposes"
    assert understand(pasted, catalog).doc_ids is None


def test_it_stays_the_subject_of_the_conversation(catalog):
    turns = [
        "What does 75/32 say about the open-ended working group?",
        "Does it include all Member States?",
    ]
    history = [
        m
        for t in turns
        for m in ({"role": "user", "content": t}, {"role": "assistant", "content": "…"})
    ]
    third = understand("And what happens once it concludes?", catalog, history)
    assert third.text == "And what happens once it concludes? (open-ended working group)"


def test_french_typed_without_accents_is_understood(catalog):
    from assistant.lexicon import accent_insensitive

    assert accent_insensitive(r"alinéa d[eé]cision") == r"alin[ée]a d[eée]cision"
    ref = understand("Que dit le deuxieme alinea du preambule du projet ?", catalog).paragraph
    assert (ref.kind, ref.number) == ("preambular", 2)
    query = understand("Qui a depose le projet de resolution ?", catalog)
    assert query.doc_ids == ["draft-74-item93-rev"]
    assert [t.term.topic for t in query.terms] == ["sponsors"]
    assert query.search_text == "Qui a depose ?"  # "le projet de resolution" is the filter


@pytest.mark.parametrize(
    ("question", "topics"),
    [
        ("La résolution 75/32 exige-t-elle un équilibre géographique ?", ["geographic"]),
        ("What is the UN's role?", ["un"]),
        ("Does the UN Charter apply in cyberspace?", ["charter", "cyberspace"]),
        ("Que dit 75/32 sur la Charte des Nations Unies ?", ["charter"]),
        ("What does 75/32 say about the Charter of the United Nations?", ["charter"]),
        ("Does 75/32 say international law applies?", ["international_law"]),
        ("Is the UN Secretary-General given any role?", ["secretary_general"]),
        ("Le Secrétaire général de l'ONU est-il cité ?", ["secretary_general"]),
    ],
)
def test_the_un_is_named_in_capitals_and_its_charter_is_one_topic(question, topics):
    # "un" is the French article; "the UN Charter" is the Charter, not the UN as well, and a
    # topic apart from international law
    assert [t.term.topic for t in find_terms(question)] == topics


@pytest.mark.parametrize(
    ("follow_up", "doc", "resolved"),
    [
        ("Does the draft say anything comparable?", "draft-74-item93-rev",
         "Which paragraph of draft resolution, agenda item 93, 74th session (revised) is "
         "closest to preambular paragraph 8 of A/RES/75/32?"),
        ("Is there something similar in it?", "A-RES-75-32",
         "Which paragraph of A/RES/75/32 is closest to preambular paragraph 8 of A/RES/75/32?"),
        ("Y a-t-il un équivalent dans le projet ?", "draft-74-item93-rev",
         "Quel paragraphe de draft resolution, agenda item 93, 74th session (revised) se "
         "rapproche le plus de l’alinéa 8 du préambule de A/RES/75/32 ?"),
    ],
)  # fmt: skip
def test_something_similar_is_the_like_of_the_paragraph_the_answer_cited(
    catalog, follow_up, doc, resolved
):
    history = [
        {"role": "user", "content": "What does 75/32 say about fighting computer crime?"},
        {"role": "assistant", "content": "**A/RES/75/32, pp. 8** — stressing: « Soulignant… »"},
    ]
    query = understand(follow_up, catalog, history)
    assert (query.like.paragraph.kind, query.like.paragraph.number) == ("preambular", 8)
    assert query.like.doc_ids == ["A-RES-75-32"]
    assert query.doc_ids == [doc]
    assert query.text == resolved
    # a topic of its own, or no answer cited: a question like any other
    own = understand("Does the draft say something similar about human rights?", catalog, history)
    assert own.like is None and [t.term.topic for t in own.terms] == ["human_rights"]
    assert understand(follow_up, catalog, _history("What about crime?")).like is None


@pytest.mark.parametrize(
    ("question", "assistance"),
    [
        ("What does the draft say about countries that need help with digital security?", True),
        ("Selon le projet, certains États ont-ils besoin d'aide pour concilier sécurité ?", True),
        ("Que dit le projet sur l'aide au développement des capacités ?", True),
        ("Does 75/32 ask States to help implement collective measures?", False),
        ("Can CBMs help lower the risk of conflict?", False),
        ("L'ONU aide-t-elle les États à dialoguer ?", False),
    ],
)
def test_help_is_assistance_as_a_noun_not_as_a_verb(question, assistance):
    assert ("assistance" in [t.term.topic for t in find_terms(question)]) is assistance


def test_that_paragraph_keeps_the_cited_sub_paragraph(catalog):
    history = [
        {"role": "user", "content": "What does 75/32 say about the free flow of information?"},
        {"role": "assistant", "content": "**A/RES/75/32, op. 1 (b)** — calls upon: « b) de… »"},
    ]
    query = understand("Which reports does that paragraph refer to?", catalog, history)
    assert (query.paragraph.number, query.paragraph.point) == (1, "b")
    assert query.doc_ids == ["A-RES-75-32"]


def test_this_paragraph_in_a_first_question_is_no_reference(catalog):
    query = understand("Which paragraph of 75/32 is this paragraph from?", catalog, [])
    assert query.paragraph is None


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Does it say the measures are mandatory?", "voluntary"),
        ("Sont-elles obligatoires ?", "voluntary"),
        ("What is the GGE's mandate?", "mandate"),
        ("Does 75/32 create a fund for capacity-building?", "budget"),
        ("Le projet crée-t-il un fonds ?", "budget"),
        ("How will compliance with the norms be verified?", "verification"),
        ("Does 75/32 deal with the attribution of cyberattacks?", "attribution"),
        ("Who is in charge of attributing cyber incidents?", "attribution"),
        ("Does 75/32 define what a cyberattack is?", "cyberattack"),
        ("Le projet condamne-t-il les attaques informatiques ?", "cyberattack"),
        ("Does it mention privacy?", "privacy"),
        ("Les textes protègent-ils les données personnelles ?", "privacy"),
        ("Does 75/32 set up a way to settle disputes?", "dispute_settlement"),
        ("Quel montant est alloué au Groupe ?", "budget"),
    ],
)
def test_what_resolutions_of_this_kind_rarely_say_is_a_topic(question, topic):
    """Funds, verification, attribution: named, so that a text that does not speak of
    them does not seem to answer; "mandatory" is the binding question, not a mandate."""
    topics = [t.term.topic for t in find_terms(question)]
    assert topic in topics and ("mandate" in topics) == (topic == "mandate")


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Does the draft want a shared stance on digital security?", "common_understanding"),
        ("La résolution 75/32 mentionne-t-elle une crise sanitaire ?", "pandemic"),
        ("What is the draft resolution called?", "title"),
        ("Which groups outside government does 75/32 want involved?", "stakeholders"),
        ("Le projet mentionne-t-il la cybercriminalité ?", "crime"),
        ("Which reports should States be guided by?", "guidance"),
        ("Le projet s'inquiète-t-il du développement de cyberarmes ?", "military"),
        ("Does the draft ban cyber weapons?", "military"),
        ("Is 75/32 open to more rules of state behaviour?", "norms"),
        ("What kinds of misuse of computing does the draft want to stop?", "misuse"),
        ("Le projet parle-t-il d'utilisations abusives du numérique ?", "misuse"),
    ],
)
def test_the_glossary_knows_the_other_ways_users_say_it(question, topic):
    assert topic in [t.term.topic for t in find_terms(question)]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What does 75/32 say about nuclear weapons?", "military"),
        ("Le projet interdit-il les armes chimiques ?", "military"),
        ("What does the draft say about drug abuse?", "misuse"),
        ("What are the rules of procedure of the OEWG?", "norms"),
    ],
)
def test_the_glossary_does_not_stretch_a_topic_to_its_neighbours(question, topic):
    """Cyber weapons are military uses of ICTs; nuclear weapons are not the texts'
    subject, nor is drug abuse a misuse of ICTs."""
    assert topic not in [t.term.topic for t in find_terms(question)]


@pytest.mark.parametrize(
    ("question", "cited"),
    [
        ("La résolution 73/27 est-elle citée dans chacun des deux textes ?", ["73/27"]),
        ("Does 75/32 recall resolution 73/266?", ["73/266"]),
        ("Does A/RES/75/32 mention A/RES/70/237?", ["A/RES/70/237"]),
        ("What does 75/32 decide?", []),
    ],
)
def test_a_resolution_the_texts_cite_is_not_a_document_of_the_corpus(catalog, question, cited):
    assert cited_symbols(understand(question, catalog)) == cited


@pytest.mark.parametrize(
    "question",
    [
        "Is the Convention on Cybercrime mentioned?",
        "La Convention sur la cybercriminalité est-elle citée ?",
    ],
)
def test_a_name_comes_before_the_topic_inside_it(question):
    """The Budapest Convention, not crime: a text that speaks of criminal use does not
    name the convention."""
    assert [t.term.topic for t in find_terms(question)] == ["budapest_convention"]


def test_which_one_is_asked_of_the_subject(catalog):
    """ "Lequel mentionne le rapport de 2010 ?" picks among what the last question was
    about: asked with its subject, not as "the reports" swapped into the last question
    (which lost "2010")."""
    history = [
        {"role": "user", "content": "Que dit 75/32 sur les rapports du Groupe d'experts ?"},
        {"role": "assistant", "content": "…"},
    ]
    query = understand("Lequel mentionne le rapport de 2010 ?", catalog, history)
    assert query.text == "Lequel mentionne le rapport de 2010 ? (Groupe d'experts)"
    assert query.doc_ids == ["A-RES-75-32"]


def test_who_submitted_it_asks_for_the_sponsors_of_the_text_not_of_its_title(catalog):
    history = [
        {"role": "user", "content": "What's the title of the draft?"},
        {"role": "assistant", "content": "…"},
    ]
    query = understand("Who submitted it?", catalog, history)
    assert [t.term.topic for t in query.terms] == ["sponsors"]
    assert query.text == "Who submitted it?" and query.doc_ids == ["draft-74-item93-rev"]


def test_and_a_question_with_its_own_topic_is_not_an_ellipsis(catalog):
    """ "Et quel est son intitulé ?" asks for the title; it is not "the title" swapped into
    the last question (which read "…le projet a-tintitulé ?")."""
    history = [
        {
            "role": "user",
            "content": "Sous quel point de l'ordre du jour le projet a-t-il été présenté ?",
        },
        {"role": "assistant", "content": "…"},
    ]
    query = understand("Et quel est son intitulé ?", catalog, history)
    assert query.text == "Et quel est son intitulé ?"
    assert query.doc_ids == ["draft-74-item93-rev"]


def test_called_upon_is_what_a_text_asks_not_its_title():
    assert "title" not in [t.term.topic for t in find_terms("What are States called upon to do?")]


@pytest.mark.parametrize(
    "text",
    ["Sous quel nom la résolution 75/32 a-t-elle été adoptée ?", "Under what name was it adopted?"],
)
def test_the_name_a_text_was_adopted_under_is_its_title(text):
    assert "title" in [t.term.topic for t in find_terms(text)]


def test_the_paragraphs_an_answer_quoted_are_read_back(catalog):
    answer = (
        "**A/RES/75/32, pp. 13** — reaffirming:\n> « … »\n\n"
        "**A/RES/75/32, op. 1 (a)** — calls upon:\n> « … »\n\n"
        "**A/RES/75/32, op. 99** — no such paragraph"
    )
    assert answered_clauses(answer, catalog) == (
        "A-RES-75-32#preamble__p_13",
        "A-RES-75-32#para_1__list_1__point_a",
    )
    history = [
        {"role": "user", "content": "What does 75/32 reaffirm?"},
        {"role": "assistant", "content": answer},
    ]
    for question in (
        "Which of these is the oldest?",
        "Quels autres qualificatifs utilise-t-elle ?",
    ):
        assert understand(question, catalog, history).answered == answered_clauses(answer, catalog)
    # "it" is the subject, not the paragraphs; a question with a topic of its own neither,
    # unless it chooses among them ("which of these …")
    assert not understand("When does it end?", catalog, history).answered
    assert not understand("Do they mention the GGE?", catalog, history).answered
    assert understand("Which of these mention the GGE?", catalog, history).answered


def test_en_faire_points_back_to_the_subject(catalog):
    """ "Que doivent en faire les États Membres ?": "en" is the findings just asked about."""
    history = _history("Que dit 75/32 des constatations du Groupe d'experts ?")
    query = understand("Que doivent en faire les États Membres ?", catalog, history)
    assert "recommendations" in {t.term.topic for t in query.terms}
    assert query.text.endswith("(constatations, Groupe d'experts)")


@pytest.mark.parametrize(
    ("first", "follow_up", "kind", "number", "point", "resolved"),
    [
        ("What does op. 1 of 75/32 ask?", "What about (b)?", "operative", 1, "b",
         "What does operative paragraph 1 (b) of 75/32 ask?"),
        ("Que dit le paragraphe 2 de 75/32 ?", "Et pour le b) ?", "operative", 2, "b",
         "Que dit l’alinéa b) du paragraphe 2 de 75/32 ?"),
        ("Quelle est la première décision de 75/32 ?", "Et la deuxième ?", "operative", 2, None,
         "Quel est le paragraphe 2 de 75/32 ?"),
        ("What is the first preambular paragraph of the draft?", "And the third one?",
         "preambular", 3, None, "What is the preambular paragraph 3 of the draft?"),
    ],
)  # fmt: skip
def test_a_point_or_an_ordinal_alone_follows_the_paragraph_asked(
    catalog, first, follow_up, kind, number, point, resolved
):
    query = understand(follow_up, catalog, _history(first))
    assert (query.paragraph.kind, query.paragraph.number, query.paragraph.point) == (
        kind,
        number,
        point,
    )
    assert query.text == resolved


def test_an_ordinal_alone_after_a_topic_question_names_no_paragraph(catalog):
    """ "And the second?" after three quoted clauses is not preambular paragraph 2."""
    history = [
        {"role": "user", "content": "What does 75/32 say about CBMs?"},
        {"role": "assistant", "content": "**A/RES/75/32, pp. 13** — reaffirming:\n> « … »"},
    ]
    assert understand("And the second?", catalog, history).paragraph is None


@pytest.mark.parametrize(
    ("first", "follow_up", "resolved"),
    [
        ("Que dit 75/32 sur le renforcement des capacités ?", "Et sur la coopération ?",
         "Que dit 75/32 sur la coopération ?"),
        ("Que dit 75/32 du renforcement des capacités ?", "Et la coopération ?",
         "Que dit 75/32 de la coopération ?"),
        ("Que dit 75/32 au sujet de la pandémie ?", "Et les droits de l'homme ?",
         "Que dit 75/32 au sujet des droits de l'homme ?"),
        ("Que dit 75/32 sur les mesures de confiance ?", "Et l'infrastructure ?",
         "Que dit 75/32 sur l'infrastructure ?"),
        # a possessive keeps the topic it points to: the OEWG's mandate, not mandates
        ("What does 75/32 say about the OEWG?", "And its mandate?",
         "What does 75/32 say about the mandate of the OEWG?"),
        ("What does 75/32 say about the GGE?", "What about their reports?",
         "What does 75/32 say about the reports of the GGE?"),
        ("Que dit la 75/32 du Groupe de travail à composition non limitée ?", "Et de son mandat ?",
         "Que dit la 75/32 du mandat du Groupe de travail à composition non limitée ?"),
        ("Que dit 75/32 sur le Groupe d'experts gouvernementaux ?", "Et ses rapports ?",
         "Que dit 75/32 sur les rapports du Groupe d'experts gouvernementaux ?"),
        # a preposition the follow-up repeats replaces what followed it in the last
        # question ("le rôle de l'ONU", not only "l'ONU"), unless it was right before
        ("Que dit le projet sur le rôle de l'ONU ?", "Et sur les négociations ?",
         "Que dit le projet sur les négociations ?"),
        ("What does the draft say about the role of the UN?", "And about negotiations?",
         "What does the draft say about negotiations?"),
        ("Que dit 75/32 sur la coopération ?", "Et sur l'humanité ?",
         "Que dit 75/32 sur l'humanité ?"),
        # the reports stay: the preposition was right before the topic
        ("What do the GGE's 2013 and 2015 reports say about international law?",
         "And about confidence-building?",
         "What do the GGE's 2013 and 2015 reports say about confidence-building?"),
    ],
)  # fmt: skip
def test_a_follow_up_swaps_its_topic_into_the_last_question(catalog, first, follow_up, resolved):
    """With the French article of its own topic ("sur la coopération", not "sur le
    coopération")."""
    assert understand(follow_up, catalog, _history(first)).text == resolved


def test_a_pronoun_subject_makes_a_question_of_its_own(catalog):
    """ "What did he set up?" asks of the Secretary-General, not "Does 75/32 mention the
    Secretary-General? What did he set up"; a fragment still borrows the last question."""
    history = _history("Does 75/32 mention the Secretary-General?")
    query = understand("What did he set up?", catalog, history)
    assert query.text == "What did he set up? (Secretary-General)"
    history = _history("What does 75/32 say about misunderstandings between States?")
    query = understand("Whose conclusion is that?", catalog, history)
    assert query.text.startswith("What does 75/32 say about misunderstandings")


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("What does the preamble of 75/32 say about human rights?", "preambular"),
        ("Which operative paragraphs mention the OEWG?", "operative"),
        ("Le dispositif de 75/32 parle-t-il de la pandémie ?", "operative"),
        ("Que dit le préambule du projet sur la paix ?", "preambular"),
        # both parts, or a paragraph named: no restriction
        ("Est-ce dans le préambule ou dans le dispositif ?", None),
        ("Is that in the preamble or the operative part?", None),
        ("Que dit le 5e alinéa du préambule ?", None),
        # what the Assembly does with a text is its own act, not the text acted on
        ("What does the General Assembly actually do with the declaration?", "operative"),
        ("What did the GA do with the declaration?", "operative"),
        ("What does the UN General Assembly decide to do with the report?", "operative"),
        ("Qu'est-ce que l'Assemblée générale fait de la déclaration de Doha ?", "operative"),
        ("Que fait l’Assemblée du rapport du Groupe d'experts ?", "operative"),
        ("Qu'est-ce que l'Assemblée générale dit des droits de l'homme ?", None),
        ("What does the Assembly say about the declaration?", None),
    ],
)
def test_the_part_of_the_texts_a_question_confines_itself_to(catalog, question, part):
    assert understand(question, catalog).part == part


def test_a_french_subject_pronoun_makes_a_question_of_its_own(catalog):
    """ "Que prévoit-elle ?": "elle" is resolution 73/27, just named, not a fragment of
    the last question."""
    history = _history("La 75/32 cite-t-elle la résolution 73/27 ?")
    query = understand("Que prévoit-elle ?", catalog, history)
    assert query.text == "Que prévoit-elle ? (73/27)"


def test_a_carried_subject_keeps_the_words_that_went_with_its_topics(catalog):
    """ "composition" is no glossary topic, but it is what was asked of the GGE; "talk"
    says how the last question asked, and is not carried."""
    history = _history("What does 75/32 say about the GGE's composition?")
    assert understand("How is it decided?", catalog, history).text == (
        "How is it decided? (GGE, composition)"
    )
    history = _history("Does 75/32 talk about conflicts?")
    assert understand("How can their risk be reduced?", catalog, history).text == (
        "How can their risk be reduced? (conflicts)"
    )


def test_a_text_named_by_the_year_it_was_adopted_in():
    from assistant.asking.catalog import Catalog
    from assistant.documents import Document

    def doc(doc_id: str, date: str | None) -> Document:
        return Document(doc_id=doc_id, label=doc_id, title="t", kind="text", date=date)

    catalog = Catalog([doc("a", "1951"), doc("b", "1951-07-12"), doc("c", "1966"), doc("d", None)])
    for question in (
        "Under the 1951 recommendation, who pays for canteens?",
        "In the 1951 school canteens recommendation, who pays?",
        "Que prévoit la recommandation de 1951 sur les cantines ?",
    ):
        ids, surfaces = catalog.named_by_year(question)
        assert ids == ["a", "b"] and surfaces, question
    ids, surfaces = catalog.named_by_year("Do the 1951 and 1966 texts agree?")
    assert ids == ["a", "b", "c"] and surfaces == ["1951 and 1966 texts", "1966 texts"]
    assert catalog.named_by_year("What happened in 1951?") == ([], [])  # a year, not a text
    assert catalog.named_by_year("the 1990 recommendation") == ([], [])  # no text of 1990
    query = understand("According to the 1966 recommendation, who counts as a teacher?", catalog)
    assert query.doc_ids == ["c"]
    # the words naming the text are no topic a clause must speak of
    assert "recommendations" not in {m.term.topic for m in query.terms}
    asked = understand("Any recommendations?", catalog)
    assert "recommendations" in {m.term.topic for m in asked.terms}


@pytest.mark.parametrize(
    ("question", "formula"),
    [
        ("When will 75/32 be considered again?", "provisional agenda"),
        ("Et quand la question sera-t-elle de nouveau examinée ?", "ordre du jour provisoire"),
        ("Quand l'Assemblée reviendra-t-elle sur la question ?", "ordre du jour provisoire"),
        ("When does the working group meet next?", None),  # a meeting, not the agenda
        ("When was 75/32 adopted?", None),
    ],
)
def test_when_a_question_is_taken_up_again_is_searched_with_the_agenda_formula(
    catalog, question, formula
):
    """A resolution says when the Assembly returns to a question in its closing formula
    ("Decides to include in the provisional agenda of its … session")."""
    text = understand(question, catalog).search_text
    if formula:
        assert formula in text
    else:
        assert "provisional agenda" not in text and "ordre du jour provisoire" not in text
