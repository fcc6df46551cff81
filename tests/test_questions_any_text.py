"""Questions over any resolution, English or French, asked in either language: short
symbols (emergency special sessions too), paragraph references (annexes too), the
resolution verbs both ways, lead lines in the question's language, lexical analysis in
each clause's own language. The documents are made up here, so that no rule is fitted
to a bundled text."""

from __future__ import annotations

import pytest

from assistant.analysis import key_words, terms, terms_in
from assistant.asking.catalog import Catalog, short_symbol
from assistant.asking.paragraph_refs import find_paragraph_ref, numbered_clause
from assistant.asking.query import understand
from assistant.asking.verbs import gloss, verbs_in_question, verbs_of_lead
from assistant.reading.parsing import parse_document

EMERGENCY = """\
Resolution adopted by the General Assembly on 4 April 2031

ES-9/4. Safety of river navigation

The General Assembly,

Recalling its resolution ES-9/2 of 1 March 2031 on river navigation,

Deeply concerned by the closure of the river ports to merchant shipping,

Noting the report of the river commission on the closures,

1. Calls upon all States to respect the freedom of navigation on international rivers and to
strengthen international cooperation to that end;

2. Urges the parties to reopen the river ports without delay;

3. Demands that the occupying forces of the Russian Federation withdraw from the river ports;

4. Also demands that the blockade of the estuary be lifted immediately;

5. Deplores the loss of life among the crews of merchant ships;

6. Welcomes and urges the continuation of the mediation by the river commission;

7. Requests the Secretary-General to report on the implementation of the present resolution;

8. Decides to remain seized of the matter.

12th plenary meeting
4 April 2031
"""

ANNEXED = """\
Resolution adopted by the General Assembly on 3 May 2032

57/998. A declaration on mountain forests

The General Assembly,

1. Adopts the following declaration, annexed to the present resolution;

99th plenary meeting
3 May 2032

Annex
Declaration on mountain forests
We, Ministers and representatives of States, assembled in New York on
2 May 2032, commit ourselves to the following:
1. Reaffirm that mountain forests protect the water supply of the valleys;
2. Commit to planting native trees on the slopes that erosion has laid bare;
3. Decide to meet again in five years.
"""


@pytest.fixture(scope="module")
def texts():
    return [
        parse_document(EMERGENCY, source="river.txt"),
        parse_document(ANNEXED, source="forests.txt"),
    ]


@pytest.fixture(scope="module")
def catalog(texts):
    return Catalog(texts)


def test_short_symbols():
    assert short_symbol("A/RES/ES-9/4") == "ES-9/4"
    assert short_symbol("es-09/04") == "ES-9/4"
    assert short_symbol("A/RES/57/998") == "57/998"
    assert short_symbol("A/C.1/74/L.50") == "A/C.1/74/L.50"


@pytest.mark.parametrize(
    "question",
    [
        "What does op. 3 of ES-9/4 say?",
        "Que dit le paragraphe 2 de la résolution A/RES/ES-9/4 ?",
        "What does resolution ES-9/4 urge?",
    ],
)
def test_an_emergency_session_resolution_is_named_by_its_short_symbol(catalog, question):
    query = understand(question, catalog)
    assert query.doc_ids == ["A-RES-ES-9-4"] and query.unknown_refs == []


def test_a_resolution_number_the_texts_cite_and_one_they_do_not(catalog):
    # ES-9/2 is recalled by a paragraph: a topic; ES-9/3 is nowhere: not in the corpus
    assert understand("Which paragraphs recall ES-9/2?", catalog).unknown_refs == []
    assert understand("What does ES-9/3 say?", catalog).unknown_refs == ["ES-9/3"]


def test_a_document_added_is_named_by_its_short_symbol_at_once(texts):
    before = Catalog(texts[:1])
    assert understand("What does 57/998 say about forests?", before).unknown_refs == ["57/998"]
    after = Catalog(texts)
    query = understand("What does 57/998 say about forests?", after)
    assert query.doc_ids == ["A-RES-57-998"] and query.unknown_refs == []


@pytest.mark.parametrize(
    ("question", "number", "point"),
    [
        ("What does annex paragraph 2 of 57/998 say?", 2, None),
        ("Quote paragraph 3 of the annex", 3, None),
        ("Que dit le paragraphe 1 de l'annexe ?", 1, None),
        ("the second paragraph of the annex to the resolution", 2, None),
        ("A/RES/57/998, annex, para. 2 (b)", 2, "b"),
    ],
)
def test_annex_paragraph_references(question, number, point):
    ref = find_paragraph_ref(question)
    assert (ref.kind, ref.number, ref.point) == ("annex", number, point)


def test_an_annex_paragraph_and_a_number_the_operative_part_lacks(texts):
    annexed = texts[1]
    assert numbered_clause(annexed, "annex", 2).paragraph == "annex, para. 2"
    assert numbered_clause(annexed, "operative", 1).paragraph == "op. 1"
    # no op. 3: the text's numbered paragraph 3 (its annex's) is what "paragraph 3" names
    assert numbered_clause(annexed, "operative", 3).paragraph == "annex, para. 3"
    assert numbered_clause(texts[0], "annex", 1) is None


@pytest.mark.parametrize(
    ("lead", "language", "names"),
    [
        ("Calls upon", "en", {"call_upon", "ask"}),
        ("Demande", "fr", {"call_upon", "ask"}),
        ("Demands", "en", {"demand"}),
        ("Also demands", "en", {"demand"}),
        ("Exige", "fr", {"demand"}),
        ("Prie instamment", "fr", {"urge", "ask"}),
        ("Welcomes and urges", "en", {"welcome", "urge", "ask"}),
        ("Deeply concerned", "en", {"concern"}),
        ("Bearing in mind", "en", {"conscious"}),
        ("Condamnant", "fr", {"condemn"}),
    ],
)
def test_the_verbs_a_lead_opens_with(lead, language, names):
    assert {v.name for v in verbs_of_lead(lead, language)} == names


@pytest.mark.parametrize(
    ("lead", "kind", "written_in", "asked_in", "said"),
    [
        ("Calls upon", "operative", "en", "fr", "demande"),
        ("Demands", "operative", "en", "fr", "exige"),
        ("Deplores", "operative", "en", "fr", "déplore"),
        ("Recalling", "preambular", "en", "fr", "rappelant"),
        ("Welcomes and urges", "operative", "en", "fr", "se félicite et exhorte"),
        ("Also decides", "operative", "en", "en", "also decides"),
        ("Se félicite également", "operative", "fr", "en", "welcomes"),
        ("Exige", "operative", "fr", "en", "demands"),
        ("Rappelant aussi", "preambular", "fr", "fr", "rappelant aussi"),
    ],
)
def test_lead_lines_speak_the_question_language(lead, kind, written_in, asked_in, said):
    assert gloss(lead, kind, asked_in, written_in) == said


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What does the resolution urge the parties to do?", "urge"),
        ("Qui la résolution exhorte-t-elle ?", "urge"),
        ("What does it demand of the occupying forces?", "demand"),
        ("Qu'exige la résolution ?", "demand"),
        ("Que demande la résolution ?", "call_upon"),
        ("Which paragraphs condemn the attacks?", "condemn"),
        ("Que déplore-t-elle ?", "deplore"),
        ("Which paragraphs encourage cooperation?", "encourage"),
        ("Quels alinéas expriment une conviction ?", "convinced"),
    ],
)
def test_verbs_named_in_either_language(question, verb):
    assert verb in [v.name for v in verbs_in_question(question)]


def test_each_language_is_analysed_as_itself():
    assert terms("Recalling the obligations of States", "en") == ["recal", "oblig", "state"]
    assert terms("Rappelant les obligations des États", "fr") == ["rappel", "oblig", "etat"]
    # a question searched over both: each analysis, each term once, no stop word of either
    both = terms_in("la navigation on the rivers", ["fr", "en"])
    assert "la" not in both and "the" not in both and "navig" in both and "river" in both
    assert (("recalling",), ("recal",)) in key_words("Which paragraphs are recalling it?")


@pytest.fixture(scope="module")
def river_bot(tmp_path_factory, embedder, texts):
    from assistant import Assistant
    from assistant.reading.corpus import load_corpus
    from assistant.settings import Settings

    settings = Settings.from_env(index_dir=tmp_path_factory.mktemp("river-index"))
    return Assistant.load(settings, embedder=embedder, documents=[*load_corpus(), *texts])


def _cited(answer):
    return [c.paragraph for c in answer.citations]


def test_a_french_verb_listing_over_an_english_text(river_bot):
    answer = river_bot.ask("Qu'est-ce que la résolution ES-9/4 exige ?")
    assert _cited(answer) == ["op. 3", "op. 4"]
    assert "paragraphe 3 du dispositif** — exige :" in answer.text
    answer = river_bot.ask("Que déplore la résolution ES-9/4 ?")
    assert _cited(answer) == ["op. 5"] and "— déplore :" in answer.text


def test_an_english_verb_listing_finds_joined_leads(river_bot):
    answer = river_bot.ask("What does ES-9/4 urge?")
    assert _cited(answer) == ["op. 2", "op. 6"]
    answer = river_bot.ask("Which paragraphs of ES-9/4 recall something?")
    assert _cited(answer) == ["pp. 1"]


def test_paragraph_references_on_an_english_text_in_both_languages(river_bot):
    answer = river_bot.ask("Que dit le paragraphe 7 de la résolution ES-9/4 ?")
    assert _cited(answer) == ["op. 7"] and "— prie :" in answer.text
    answer = river_bot.ask("What does annex paragraph 2 of 57/998 say?")
    assert _cited(answer) == ["annex, para. 2"]


def test_a_french_question_over_an_english_text(river_bot):
    answer = river_bot.ask("Que dit la résolution ES-9/4 sur la perte de vies des équipages ?")
    assert not answer.abstained and _cited(answer)[0] == "op. 5"


def test_a_paragraph_a_text_lacks_is_said_so_in_the_question_language(river_bot):
    answer = river_bot.ask("Que dit le paragraphe 12 de la résolution ES-9/4 ?")
    assert answer.abstained
    assert "Pas de paragraphe 12 du dispositif" in answer.reason and "ES-9/4 : 8" in answer.reason
    answer = river_bot.ask("What does annex paragraph 9 of 57/998 say?")
    assert answer.abstained and "57/998: 3" in answer.reason


def test_the_translation_table_read_both_ways():
    from assistant.asking.translations import english_stems, french_stems

    worried = terms("worried", "en")[0]
    assert worried in english_stems(terms("préoccupée", "fr")[0])
    assert terms("préoccupée", "fr")[0] in french_stems(terms("worried")[0])


def test_a_document_named_by_a_word_only_it_holds(river_bot):
    """No symbol, but a word of one document alone: the paragraph or the verb is asked
    of that document (other texts also have an op. 3, and paragraphs that request)."""
    answer = river_bot.ask("What does op. 3 of the estuary resolution say?")
    assert [(c.document, c.paragraph) for c in answer.citations] == [("A/RES/ES-9/4", "op. 3")]
    answer = river_bot.ask("Which paragraphs of the estuary resolution request something?")
    assert [(c.document, c.paragraph) for c in answer.citations] == [("A/RES/ES-9/4", "op. 7")]


def test_topics_a_french_question_names_in_an_english_text(river_bot):
    """A State by its English name in an English text; a glossary topic the glossary
    knows only in French is left to the search, not declared absent."""
    answer = river_bot.ask("Qu'est-ce que la résolution ES-9/4 exige de la Fédération de Russie ?")
    assert not answer.abstained and _cited(answer)[0] == "op. 3"
    answer = river_bot.ask("Que dit la résolution ES-9/4 sur la coopération internationale ?")
    assert not answer.abstained and _cited(answer)[0] == "op. 1"


# ------------------------------------------------- a text named by its subject or date
@pytest.mark.parametrize(
    "question, subject",
    [
        ("Does the river navigation resolution ask for a report?", "river navigation"),
        ("La résolution sur les forêts de montagne parle-t-elle d'eau ?", "les forêts de montagne"),
        ("What does the resolution on mountain forests say about trees?", "mountain forests"),
        ("Que demande la résolution sur la navigation fluviale au Secrétaire général ?",
         "la navigation fluviale"),
        ("How do the two texts treat navigation?", None),  # which texts, not a subject
        ("Does the adopted resolution welcome mediation?", None),
        ("When did the General Assembly adopt resolution 73/266?", None),  # a verb
        ("What is the title of resolution 75/32?", None),  # ends on a link word
        ("Is anything said in the May 2032 resolution?", None),  # a date: named_by_year
    ],
)  # fmt: skip
def test_what_a_question_describes_a_text_by(catalog, question, subject):
    described = catalog.described(question)
    assert (described[1] if described else None) == subject


def test_a_text_described_by_its_subject_is_the_one_asked(river_bot):
    """No symbol: "the river navigation resolution" is ES-9/4, whose title says so, and a
    French description of an English title finds it as well."""
    answer = river_bot.ask(
        "Does the river navigation resolution ask the Secretary-General for anything?"
    )
    assert [(c.document, c.paragraph) for c in answer.citations][:1] == [("A/RES/ES-9/4", "op. 7")]
    answer = river_bot.ask("La résolution sur les forêts de montagne parle-t-elle des vallées ?")
    assert answer.citations and answer.citations[0].document == "A/RES/57/998"


def test_a_description_no_title_stands_out_for_names_no_text(river_bot, texts):
    river = texts[0].doc_id
    assert river_bot.retriever.document_described("river ports")[0] == [river]  # its words
    assert river_bot.retriever.document_described("the weather on Mars") is None


def test_a_text_named_by_the_month_it_was_adopted_in(catalog, texts):
    river, forests = (t.doc_id for t in texts)
    assert catalog.named_by_year("Is anything said in the April 2031 resolution?")[0] == [river]
    assert catalog.named_by_year("Que dit la résolution de mai 2032 ?")[0] == [forests]
    assert catalog.named_by_year("the resolution adopted on 4 April 2031")[0] == [river]
    # a month no text was adopted in: none
    assert catalog.named_by_year("the June 2031 resolution")[0] == []


@pytest.mark.parametrize(
    "question",
    ["Quels alinéas notent quelque chose ?", "Quels paragraphes prennent note de quelque chose ?"],
)
def test_french_plural_forms_of_noting(question):
    assert [v.name for v in verbs_in_question(question)] == ["note"]


def test_a_follow_up_carries_the_words_of_a_question_that_named_no_topic(catalog):
    """No glossary topic in the last question: its own words are the conversation's
    subject ("Who can get it going again?" after a question on the emergency session)."""
    history = [
        {"role": "user", "content": "How does ES-9/4 end, what happens to the river commission?"},
        {"role": "assistant", "content": "…"},
    ]
    query = understand("Who can get it going again?", catalog, history)
    assert query.in_context is not None and "commission" in query.in_context.text


@pytest.mark.parametrize(
    "question",
    [
        "What is the title of the resolution?",
        "Is it true that Russia violated the resolution?",
        "Where can I find the Russian text?",
        "What does the Security Council resolution say?",
        "Que dit la résolution sur la paix ?",  # what it is asked to say, not a subject
    ],
)
def test_no_subject_where_a_question_describes_no_text(catalog, question):
    assert catalog.described(question) is None


def test_months_typed_without_accents_and_days(catalog, texts):
    river = texts[0].doc_id
    assert catalog.named_by_year("Que dit la résolution de fevrier 2031 ?")[0] == []
    assert catalog.named_by_year("the resolution adopted on 4 April 2031")[0] == [river]
    assert catalog.named_by_year("the resolution adopted on 5 April 2031")[0] == []


def test_a_follow_up_describing_another_text_asks_of_that_text(river_bot):
    first = river_bot.ask("What does ES-9/4 demand about the estuary?")
    history = [
        {"role": "user", "content": "What does ES-9/4 demand about the estuary?"},
        {"role": "assistant", "content": first.text},
    ]
    answer = river_bot.ask(
        "And what does the resolution on mountain forests say about trees?", history
    )
    assert answer.citations and answer.citations[0].document == "A/RES/57/998"


def test_a_description_several_titles_hold_names_those_texts(river_bot):
    """Both bundled titles say "sécurité internationale": the two texts, not one guess
    and not every text."""
    from assistant.reading.corpus import load_corpus

    seeds = sorted(d.doc_id for d in load_corpus())
    assert river_bot.retriever.document_described("sécurité internationale")[0] == seeds


def test_a_described_text_is_ranked_without_its_description_and_judged_as_asked(river_bot):
    """ "What does the mountain forests declaration say about planting?": the text is
    found by "mountain forests", so the ranking looks for planting alone; the cosine the
    abstention judges stays that of the question as asked."""
    from assistant.asking.query import understand

    query = understand(
        "What does the mountain forests declaration say about planting?", river_bot.catalog, []
    )
    surface, subject = query.described
    query.doc_ids, query.named_by = river_bot.retriever.document_described(subject)
    query.described_as = surface
    assert surface not in query.search_text and "the text" in query.search_text
    assert surface in query.asked_text
    hits = river_bot.retriever.search(query, 3)
    assert hits[0].clause.paragraph == "annex, para. 2"
    asked = river_bot.embedder.encode_queries([query.asked_text])[0]
    for hit in hits:
        assert hit.dense == pytest.approx(river_bot.retriever._closeness(hit.clause, asked))


def test_a_verb_listing_reads_a_declarations_paragraphs(river_bot):
    """An annexed declaration's paragraphs open with their verbs as well ("Reaffirm…",
    "We reaffirm…"): a listing finds them."""
    answer = river_bot.ask(
        "Which paragraphs of the mountain forests declaration reaffirm something?"
    )
    assert _cited(answer) == ["annex, para. 1"]
    answer = river_bot.ask("What does the mountain forests declaration decide?")
    assert _cited(answer) == ["annex, para. 3"]
