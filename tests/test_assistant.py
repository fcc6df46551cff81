"""The public API on the real model and real index: contract, questions, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant import Answer, Assistant, Citation
from assistant.asking.query import understand
from assistant.documents import ELISION
from assistant.errors import InvalidQuestion

QUESTIONS = json.loads((Path(__file__).parents[1] / "eval" / "core_questions.json").read_text())


def test_contract(bot):
    ans = bot.ask("What does 75/32 decide about the OEWG?", history=None)
    assert isinstance(ans, Answer) and isinstance(ans.text, str) and ans.abstained is False
    c = ans.citations[0]
    assert isinstance(c, Citation)
    assert (c.document, c.paragraph, c.clause_id) == ("A/RES/75/32", "op. 6", "A-RES-75-32#para_6")
    assert c.quote.startswith("Décide qu’elle examinera") and isinstance(c.score, float)
    assert [x.score for x in ans.citations] == sorted(
        (x.score for x in ans.citations), reverse=True
    )
    data = json.loads(json.dumps(ans.to_dict()))
    assert data["citations"][0]["paragraph"] == "op. 6" and data["abstained"] is False
    assert "« Décide qu’elle examinera" in ans.text and "decides" in ans.text


@pytest.mark.parametrize("item", QUESTIONS, ids=[q["id"] for q in QUESTIONS])
def test_core_questions(bot, item):
    history = None
    for turn in [item, *([item["followup"]] if "followup" in item else [])]:
        ans = bot.ask(turn["question"], history=history)
        if turn.get("unanswerable"):
            assert ans.abstained and ans.citations == [] and ans.reason
        else:
            assert not ans.abstained, ans.reason
            assert ans.citations[0].clause_id in turn["gold"], ans.citations[0].clause_id
        history = [
            {"role": "user", "content": turn["question"]},
            {"role": "assistant", "content": ans.text},
        ]


def test_every_quote_is_verbatim(bot):
    cleaned = {d.label: d.cleaned_text for d in bot.documents}
    for item in QUESTIONS:
        for c in bot.ask(item["question"]).citations:
            for piece in c.quote.split(ELISION):
                assert piece in cleaned[c.document]


def test_answer_in_the_question_language(bot):
    fr = bot.ask("Que décide la résolution 75/32 au sujet du Groupe de travail ?")
    assert fr.language == "fr" and "paragraphe 6 du dispositif" in fr.text and "décide" in fr.text
    assert "ne le disent pas" in bot.ask("Quelle est la recette de la tarte aux pommes ?").text


def test_paragraph_lookup_and_missing_paragraph(bot):
    ans = bot.ask("What does operative paragraph 1 (b) of 75/32 say?")
    assert [c.paragraph for c in ans.citations] == ["op. 1 (b)"]
    assert ans.citations[0].quote.startswith("Demande aux États Membres : […] b)")
    missing = bot.ask("What does op. 9 of 75/32 say?")
    assert missing.abstained and "7" in missing.reason


def test_preambular_only_evidence_is_flagged(bot):
    ans = bot.ask("What does the draft say about human rights?")
    assert ans.only_preambular and "only preambular" in ans.text
    assert not bot.ask("What does 75/32 decide about the OEWG?").only_preambular


def test_footnotes_are_cited(bot):
    ans = bot.ask("Which GGE reports does 75/32 welcome, from 2010, 2013 and 2015?")
    cited = next(c for c in ans.citations if c.paragraph == "pp. 10")
    assert cited.footnotes == ["1 A/65/201", "2 A/68/98", "3 A/70/174"]


def test_k(bot):
    assert len(bot.ask("What does 75/32 say about the expert group?", k=5).citations) == 5


@pytest.mark.parametrize(
    "bad", ["", "   ", "x" * 2001, None, 42, "<img src=x onerror=alert(1)>", "<b></b> <i>"]
)
def test_bad_questions_get_a_clear_message(bot, bad):
    with pytest.raises(InvalidQuestion):
        bot.ask(bad)


def test_hostile_text_is_just_text(bot):
    ans = bot.ask("<img src=x onerror=alert(1)> what about human rights?")
    assert isinstance(ans.text, str)
    assert "<img" not in ans.text  # the answer quotes the texts, never the question


def test_malformed_history_is_tolerated(bot):
    ans = bot.ask(
        "and the GGE?", history=[{"role": "user"}, "junk", {"role": "tool", "content": "x"}]
    )
    assert isinstance(ans, Answer)


def test_load_reuses_the_index(settings, bot, embedder):
    from index.store import live_generation

    before = live_generation(settings.resolved_index_dir)
    again = Assistant.load(settings, embedder=embedder)
    assert live_generation(settings.resolved_index_dir) == before
    assert len(again.contents.clauses) == len(bot.contents.clauses)


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What is the OEWG's budget?", "No paragraph of the resolutions speaks of “budget”."),
        ("Quel pays préside le Groupe de travail ?", "ne parle de « préside »"),
        ("Which countries voted against 75/32?", "speaks of “voted”"),
    ],
)
def test_a_topic_no_text_speaks_of_is_not_answered(bot, question, reason):
    """The entity is in the texts (the OEWG, 75/32), the asked-about topic is not."""
    answer = bot.ask(question)
    assert answer.abstained and reason in answer.reason


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("What penalties does 75/32 set for states?", "No paragraph of A/RES/75/32 speaks of"),
        ("Does the draft mention COVID-19?", "speaks of “covid-19”."),
        ("Does 75/32 establish a fund for capacity-building?", "speaks of “fund”"),
        ("Does 75/32 say how the norms will be enforced?", "speaks of “enforced”"),
        # an organisation or instrument: the draft's "efforts régionaux" are not the EU's
        ("Le projet parle-t-il de l'Union européenne ?", "ne parle de « Union européenne »"),
        ("Does 75/32 mention the OSCE?", "speaks of “OSCE”"),
        ("Does 75/32 refer to the Budapest Convention?", "speaks of “Budapest Convention”"),
        # the texts speak of malicious use and harm to infrastructure, never of attacks
        ("Does 75/32 define what a cyberattack is?", "speaks of “cyberattack”"),
        ("Does the draft mention data protection?", "speaks of “data protection”"),
        ("Does 75/32 provide for arbitration?", "speaks of “arbitration”"),
    ],
)
def test_a_topic_the_named_text_never_speaks_of_is_not_answered(bot, question, reason):
    """Scoped to the document the question names: 75/32 speaks of COVID-19, the draft
    does not; neither speaks of sanctions."""
    answer = bot.ask(question)
    assert answer.abstained and reason in answer.reason
    assert not bot.ask("Does 75/32 mention COVID-19?").abstained


def test_a_clause_far_from_the_question_is_no_answer_whatever_words_it_shares(bot):
    no_topic = "Does 75/32 say that considerable progress has been made in designing computers?"
    topic = "What does 75/32 say about human rights?"  # a glossary topic the clause names
    assert not bot.ask(no_topic).abstained and not bot.ask(topic).abstained
    floor = bot.settings.model_copy(update={"min_cosine": {"same": 0.99, "cross": 0.99}})
    strict = Assistant(floor, bot.embedder, bot.contents)
    assert strict.ask(no_topic).abstained
    assert not strict.ask(topic).abstained  # shared words are no accident there


def test_when_the_assembly_takes_the_question_up_again(bot):
    answer = bot.ask("When will the General Assembly take this question up again under 75/32?")
    assert answer.citations[0].clause_id == "A-RES-75-32#para_7"  # the next session's agenda


def test_a_decision_recalled_is_asked_of_the_recalling_clause(bot):
    answer = bot.ask("Which decision of the Assembly does 75/32 recall besides its resolutions?")
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_1"


def test_a_clause_is_found_by_one_of_the_things_it_says(bot):
    """pp. 16 of 75/32 notes debates in the OEWG, which includes all Member States, and
    in the GGE, and holds that these processes should be completed first: asked about
    one of those, the clause is found (as one vector, op. 2 (b) came first)."""
    answer = bot.ask("Which body includes all Member States, according to 75/32?")
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_16"


def test_a_clause_is_as_close_as_its_closest_proposition(bot):

    question = "Selon 75/32, de nouvelles normes pourront-elles être élaborées ?"
    query = understand(question, bot.catalog, [])
    vector = bot.embedder.encode_queries([query.search_text])[0]
    retriever = bot.retriever
    position = retriever.position["A-RES-75-32#preamble__p_12"]
    whole = bot.contents.dense.vectors(retriever.clause_passages[position]) @ vector
    parts = bot.contents.proposition_dense.vectors(retriever.clause_propositions[position])
    closest = float((parts @ vector).max())
    hit = next(h for h in retriever.search(query, 3) if h.clause.clause_id.endswith("p_12"))
    assert len(parts) == 4 and closest > float(whole.max()) + 0.02  # "de nouvelles normes…"
    assert hit.dense == pytest.approx(closest)


def test_a_pasted_english_paragraph_is_matched_by_meaning(bot):
    """From `long_question_words` words on, the dense side alone ranks (weight 1.0 here,
    no verb bonus): the ranking is the cosine order."""

    settings = bot.settings.model_copy(
        update={"dense_weight_long": {"en": 1.0}, "verb_boost": 0.0, "long_question_words": 20}
    )
    retriever = Assistant(settings, bot.embedder, bot.contents).retriever
    pasted = (
        "Confirming that digital technologies are dual-use technologies which can be used "
        "for both legitimate and malicious purposes, and that international cooperation helps"
    )
    hits = retriever.search(understand(pasted, bot.catalog), 10)
    assert hits[0].clause.clause_id == "A-RES-75-32#preamble__p_5"
    assert [h.dense for h in hits] == sorted((h.dense for h in hits), reverse=True)
    short = retriever.search(understand("Are digital technologies dual-use?", bot.catalog), 10)
    assert [h.dense for h in short] != sorted((h.dense for h in short), reverse=True)


@pytest.mark.parametrize(
    ("accented", "plain"),
    [
        ("Qui a déposé le projet de résolution ?", "Qui a depose le projet de resolution ?"),
        ("Que dit la résolution 75/32 sur les mesures de confiance ?",
         "Que dit la resolution 75/32 sur les mesures de confiance ?"),
        ("Le projet évoque-t-il l'emploi du numérique par les armées ?",
         "Le projet evoque-t-il l'emploi du numerique par les armees ?"),
    ],
)  # fmt: skip
def test_french_typed_without_accents_gets_the_same_answer(bot, accented, plain):
    """Sponsors: the cosine of the plain question (0.795) is under the French floor,
    but the clause names the topic asked about, so the floor does not apply."""
    with_accents, without = bot.ask(accented), bot.ask(plain)
    assert not with_accents.abstained and not without.abstained
    assert without.citations[0].clause_id == with_accents.citations[0].clause_id


def test_a_resolution_the_texts_only_cite_is_not_quoted_as_itself(bot):
    """Quoting 75/32 under "what does 74/28 say" would put 75/32's words in 74/28's mouth."""
    answer = bot.ask("What does resolution 74/28 say about the working group?")
    assert answer.abstained and not answer.citations
    assert "74/28 is not in the corpus" in answer.text
    assert "The corpus only cites it: A/RES/75/32 pp. 1." in answer.text
    topic = bot.ask("Which group did the Secretary-General establish under resolution 73/266?")
    assert topic.citations[0].clause_id == "A-RES-75-32#para_3"


def test_english_words_find_their_french_cognates(bot):
    from assistant.analysis import terms

    retriever = bot.retriever
    found = retriever.cognates(terms("environment military transparency pandemic"))
    assert {"environ", "militair", "transparent", "pandem"} <= set(found)
    assert "transm" not in found  # "transmis" shares only "trans"
    assert retriever.cognates(terms("cooperation")) == []  # already an index term


def test_a_french_word_matches_the_index_words_of_its_stem(bot):
    """ "interopérabilité" is in no clause; op. 1 (b) says "interopérable". Its cognates
    count in BM25 and in the evidence score, so the question is answered, not
    abstained on (it was, before)."""
    from assistant.analysis import terms

    retriever = bot.retriever
    assert retriever.cognates(terms("interopérabilité")) == ["interoper"]
    question = "Qu'est-ce que 75/32 dit de l'interopérabilité ?"
    op1b = bot.document("A-RES-75-32").numbered("operative", 1, "b")
    assert retriever.lexical_support(understand(question, bot.catalog), op1b) == 1.0
    answer = bot.ask(question)
    assert not answer.abstained
    assert answer.citations[0].clause_id == "A-RES-75-32#para_1__list_1__point_b"
    # a stem the index holds: the same stem with an ending the stemmer left, no more
    from assistant.asking.retrieval import Unit

    def siblings(stem):
        return sorted(set(retriever._with_cognates(Unit(((stem,),))).stems) - {stem})

    assert siblings("envisag") == ["envisage"]  # not held: its cognate
    assert siblings("utilis") == ["utilise"] and siblings("nation") == ["national"]
    assert siblings("particuli") == [] and siblings("commun") == []  # "particip", "communiqu"
    # an English word's prefix twin is not counted: "internet" is not "international"
    assert retriever.cognates(["internet"]) == ["international"]
    english = understand("What does 75/32 say about the internet?", bot.catalog)
    pp10 = bot.document("A-RES-75-32").numbered("preambular", 10, None)
    assert "international" in " ".join(terms(pp10.text))
    assert retriever.lexical_support(english, pp10) == 0.0


def test_prepositions_are_not_what_a_question_is_about(bot):
    """ "contre" in "… contre les fausses nouvelles" matched pp. 8's "lutte contre" and
    raised its evidence score: the question's topic is the false news, which no
    clause speaks of."""
    from assistant.analysis import key_terms

    question = "Quelles mesures 75/32 prévoit-elle contre les fausses nouvelles, selon vous ?"
    assert key_terms(question) == ["mesur", "75/32", "fauss", "nouvel"]
    pp8 = bot.document("A-RES-75-32").numbered("preambular", 8, None)
    assert "lutte contre" in pp8.text
    assert bot.retriever.lexical_support(understand(question, bot.catalog), pp8) == 0.0


def test_a_glossary_topic_borrows_no_cognates(bot):
    """ "s'intitule" is the title topic, whose French forms the glossary gives: its
    stem's prefix twin "intitulée" (op. 7, an agenda item's name) must not outrank the
    title itself."""
    answer = bot.ask("Comment s'intitule la résolution 75/32 ?")
    assert answer.citations[0].clause_id == "A-RES-75-32#preface__p_1"


def test_a_follow_up_naming_no_topic_is_asked_of_the_conversation_s_subject(bot):
    """Alone, "Quels organes ont été concernés ?" finds nothing (it was abstained on);
    after a question on the pandemic it is asked of the pandemic. It is asked of the
    subject first: alone, "Quels groupes ont été touchés ?" finds the GGE's reports in
    op. 1 (a), which answer nothing of the pandemic."""
    answer, follow_up, _ = _after(
        bot, "Que dit 75/32 sur la pandémie ?", "Quels organes ont été concernés ?"
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#para_5"
    assert not follow_up.abstained
    assert follow_up.citations[0].clause_id == "A-RES-75-32#para_5"
    assert follow_up.resolved_question == "Quels organes ont été concernés ? (pandémie)"
    assert bot.ask("Quels organes ont été concernés ?").abstained
    _, follow_up, _ = _after(
        bot, "Quel paragraphe de 75/32 parle de la pandémie ?", "Quels groupes ont été touchés ?"
    )
    assert follow_up.citations[0].clause_id == "A-RES-75-32#para_5"


def test_a_new_topic_after_it_is_asked_of_the_same_text(bot):
    """ "Does it mention privacy?" after the draft's human rights: privacy, in the draft,
    not human rights again."""
    answer, follow_up, _ = _after(
        bot, "What does the draft say about human rights?", "Does it mention privacy?"
    )
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preamble__p_6"
    assert follow_up.abstained and "speaks of “privacy”" in follow_up.reason


def test_whether_they_are_binding_is_asked_of_the_measures(bot):
    _, follow_up, _ = _after(
        bot, "Que dit 75/32 sur les mesures de confiance ?", "Sont-elles contraignantes ?"
    )
    assert follow_up.citations[0].clause_id == "A-RES-75-32#preamble__p_13"  # "volontaires"


def test_which_session_in_the_other_text_is_its_own(bot):
    answer, follow_up, history = _after(
        bot,
        "What does 75/32 decide about its seventy-sixth session?",
        "And the draft, for which session?",
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#para_7"
    assert follow_up.citations[0].clause_id == "draft-74-item93-rev#para_3"
    assert bot.ask("And the draft?", history=history).abstained  # no seventy-sixth there


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("What is the draft resolution called?", "draft-74-item93-rev#preface__p_2"),
        # a heading asked for in other words: name, entitled, heading, what it is about
        ("What is the name of resolution 75/32?", "A-RES-75-32#preface__p_1"),
        ("Quel est le nom de la résolution 75/32 ?", "A-RES-75-32#preface__p_1"),
        ("How is the draft entitled?", "draft-74-item93-rev#preface__p_2"),
        ("What's the heading of the draft?", "draft-74-item93-rev#preface__p_2"),
        ("What is 75/32 about?", "A-RES-75-32#preface__p_1"),
        ("De quoi traite le projet de résolution ?", "draft-74-item93-rev#preface__p_2"),
        ("Is Cuba among the authors of the draft?", "draft-74-item93-rev#preface__p_3"),
        # its cosine (0.810) is under the French floor calibrated before this question was
        # in the dev split (0.819); the floor sits just under it now (0.800)
        (
            "Le projet tient-il compte des pays moins avancés sur le plan scientifique ?",
            "draft-74-item93-rev#preamble__p_2",
        ),
        ("Le projet évoque-t-il la crise sanitaire ?", None),  # the draft does not
        ("75/32 parle-t-elle d'une crise sanitaire ?", "A-RES-75-32#para_5"),
    ],
)
def test_other_ways_of_saying_a_topic_find_it(bot, question, clause_id):
    answer = bot.ask(question)
    if clause_id is None:
        assert answer.abstained
    else:
        assert not answer.abstained and answer.citations[0].clause_id == clause_id


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("Le projet mentionne-t-il la cybercriminalité ?", "draft-74-item93-rev#preamble__p_5"),
        (
            "Which years' expert reports does 75/32 tell States to be guided by?",
            "A-RES-75-32#para_1__list_1__point_a",
        ),
    ],
)
def test_the_texts_own_words_for_a_topic_answer_it(bot, question, clause_id):
    answer = bot.ask(question)
    assert not answer.abstained and answer.citations[0].clause_id == clause_id


def test_how_the_two_texts_end_is_their_last_operative_paragraphs(bot):
    answer = bot.ask("What is the final decision in each of the two texts?")
    cited = {c.clause_id for c in answer.citations}
    assert cited == {"A-RES-75-32#para_7", "draft-74-item93-rev#para_3"}


def test_a_clause_naming_what_is_asked_answers_before_a_closer_one_that_does_not(bot):
    """The closing clause ("ordre du jour provisoire") is closer in meaning to "which
    agenda item?" but does not answer it; the heading "Point 93 de l'ordre du jour" does."""
    question = "Which agenda item is the draft filed under?"
    query = understand(question, bot.catalog)
    hits = bot.retriever.search(query, 3)
    assert hits[0].clause.clause_id == "draft-74-item93-rev#para_3"
    answer = bot.ask(question)
    assert not answer.abstained
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_1"


def test_the_un_secretary_general_is_the_secretary_general(bot):
    """75/32 never says "ONU", but its Secretary-General is the UN's."""
    first, answer, _ = _after(
        bot, "Is the UN Secretary-General given any role in the draft?", "And 75/32?"
    )
    assert first.abstained and "secretary-general”" in first.reason.lower()
    assert not answer.abstained
    assert answer.citations[0].clause_id.startswith("A-RES-75-32#")
    assert "Secrétaire général" in answer.citations[0].quote


def test_it_after_which_paragraph_is_the_paragraph_found(bot):
    """pp. 12, 13 and 14 each reaffirm a conclusion of the GGE; "it" is pp. 14, the
    paragraph the last answer found."""
    first, answer, _ = _after(
        bot,
        "Which paragraph of 75/32 deals with capacity-building?",
        "Whose conclusion does it reaffirm?",
    )
    assert first.citations[0].clause_id == "A-RES-75-32#preamble__p_14"
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_14"


def test_which_one_picks_among_the_subject(bot):
    first, answer, _ = _after(
        bot,
        "Que dit le préambule de 75/32 sur les rapports du Groupe d'experts ?",
        "Lequel mentionne le rapport de 2010 ?",
    )
    assert "2010" not in first.citations[0].quote  # pp. 11: the reports, no year
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_10"


def test_the_sponsors_asked_after_the_title(bot):
    first, answer, history = _after(bot, "What's the title of the draft?", "Who submitted it?")
    assert first.citations[0].clause_id == "draft-74-item93-rev#preface__p_2"
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_3"
    history += [
        {"role": "user", "content": "Who submitted it?"},
        {"role": "assistant", "content": answer.text},
    ]
    cuba = bot.ask("Was Cuba one of them?", history)
    assert not cuba.abstained and cuba.citations[0].clause_id == "draft-74-item93-rev#preface__p_3"


def test_a_topic_is_spoken_of_only_with_all_of_its_words(bot):
    """ "fins criminelles": a clause on "fins pacifiques" shares "fins", not the topic."""
    from assistant.asking.retrieval import topic_units

    query = understand("Que dit le projet des usages criminels ?", bot.catalog)
    (crime, is_topic), *_ = topic_units(query)
    assert is_topic
    peaceful = bot.document("draft-74-item93-rev").clauses[5]  # pp. 3: "à des fins pacifiques"
    criminal = bot.document("draft-74-item93-rev").clauses[7]  # pp. 5: "fins criminelles"
    assert (peaceful.paragraph, criminal.paragraph) == ("pp. 3", "pp. 5")
    clause_terms = bot.retriever.clause_terms
    assert not crime.found_in(clause_terms[bot.retriever.position[peaceful.clause_id]])
    assert crime.found_in(clause_terms[bot.retriever.position[criminal.clause_id]])


def test_a_phrase_is_spoken_of_only_with_its_words_close_and_in_order():
    """ "sécurité informatique" is not in "progrès de l'informatique … et sécurité
    internationale", nor "groupe de travail" in "travail de groupe"."""
    from assistant.analysis import terms
    from assistant.asking.retrieval import ClauseTerms

    def holds(text: str, phrase: str) -> bool:
        return ClauseTerms(terms(text)).holds(tuple(terms(phrase)))

    title = "Progrès de l’informatique et des télécommunications et sécurité internationale"
    assert not holds(title, "sécurité informatique")
    assert holds("renforcer la sécurité informatique et la coopération", "sécurité informatique")
    assert not holds("l’esprit de collaboration dans le travail de groupe", "Groupe de travail")
    assert holds("à des fins criminelles ou terroristes", "fins terroristes")  # one word between
    assert not holds("à des fins pacifiques et non criminelles ou terroristes", "fins terroristes")
    assert holds("des mesures de confiance volontaires", "mesures de confiance")
    assert holds("le Secrétaire général", "Secrétaire général")
    assert not holds("", "Secrétaire général") and not holds("le Secrétaire général", "")


def test_a_topic_named_by_words_apart_is_not_spoken_of(bot):
    """75/32's op. 1 (a) names the GGE ("… progrès de l'informatique … dans le contexte
    de la sécurité internationale"): it does not speak of "sécurité numérique", so the
    paragraph that does comes first, and "cybersecurity" finds op. 2 (a) ("sécurité
    informatique") instead of abstaining."""
    digital = bot.ask("Que dit 75/32 sur la sécurité numérique ?")
    assert digital.citations[0].clause_id == "A-RES-75-32#preamble__p_14"
    follow = bot.ask(
        "Et la résolution 75/32 ?",
        [
            {"role": "user", "content": "Que dit le projet sur la sécurité numérique ?"},
            {"role": "assistant", "content": "…"},
        ],
    )
    assert follow.citations[0].clause_id == "A-RES-75-32#preamble__p_14"
    cyber = bot.ask("Where does 75/32 talk about cybersecurity?")
    assert not cyber.abstained
    assert cyber.citations[0].clause_id == "A-RES-75-32#para_2__list_1__point_a"


def test_a_close_clause_giving_the_date_asked_for_answers(bot):
    """The reports' years: pp. 11 names the GGE's reports without a year, pp. 10 gives
    "2010, 2013 et 2015"; a close clause with a number is not taken for a count."""
    first, answer, _ = _after(
        bot,
        "Qui a transmis les rapports du Groupe d'experts ?",
        "En quelles années ont-ils été publiés ?",
    )
    assert first.citations[0].clause_id == "A-RES-75-32#preamble__p_10"
    assert not answer.abstained
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_10"
    assert bot.ask(
        "Combien d'experts composent le Groupe d'experts gouvernementaux selon 75/32 ?"
    ).abstained


def test_the_same_is_the_last_topic_in_another_text(bot):
    history = [
        {"role": "user", "content": "What does the draft say about human rights?"},
        {
            "role": "assistant",
            "content": bot.ask("What does the draft say about human rights?").text,
        },
    ]
    answer = bot.ask("Which paragraph of 75/32 says the same?", history)
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_9"


def test_something_similar_in_another_text_is_its_closest_paragraph(bot):
    # the draft's pp. 5 speaks of terrorism; 75/32 does not, but its pp. 8 (criminal use)
    # is the like of it
    first, answer, history = _after(
        bot, "What does the draft say about terrorism?", "And does 75/32 say something similar?"
    )
    assert first.citations[0].clause_id == "draft-74-item93-rev#preamble__p_5"
    assert not answer.abstained
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_8"
    assert {c.document for c in answer.citations} == {"A/RES/75/32"}
    assert answer.text.startswith("_The paragraphs closest to draft resolution")
    assert "pp. 5:_" in answer.text.splitlines()[0]
    # nothing close enough: said so, with the text named
    strict = Assistant(
        bot.settings.model_copy(update={"min_like_cosine": 0.999}), bot.embedder, bot.contents
    )
    none = strict.ask("And does 75/32 say something similar?", history)
    assert none.abstained
    assert none.reason == "No paragraph of A/RES/75/32 is close to the one cited."


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("Can CBMs help lower the risk of conflict, according to 75/32?",
         "A-RES-75-32#preamble__p_13"),
        ("Does 75/32 ask States to help strengthen capacities?", "A-RES-75-32#preamble__p_14"),
    ],
)  # fmt: skip
def test_help_as_a_verb_is_no_topic_the_text_must_name(bot, question, clause_id):
    answer = bot.ask(question)
    assert not answer.abstained, answer.reason
    assert answer.citations[0].clause_id == clause_id


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("How many members does the Group of Governmental Experts have?",
         "The paragraph closest to the question gives no number (A/RES/75/32, pp. 10)."),
        ("How long does the GGE's mandate last?",
         "The paragraph closest to the question gives no duration (A/RES/75/32, op. 3)."),
        ("Quelle est la durée du mandat du Groupe de travail à composition non limitée ?",
         "Le paragraphe le plus proche de la question ne donne pas de durée "
         "(A/RES/75/32, paragraphe 5 du dispositif)."),
        ("What is the deadline for Member States to send their views?",
         "The paragraph closest to the question gives no date (A/RES/75/32, op. 2 (b))."),
        ("Où se réunira le Groupe de travail à composition non limitée ?",
         "Le paragraphe le plus proche de la question ne donne pas de lieu "
         "(A/RES/75/32, paragraphe 5 du dispositif)."),
        ("When was 75/32 adopted?",  # a day is asked: "its 76th session" is no answer
         "The paragraph closest to the question gives no date (A/RES/75/32, op. 7)."),
        # "maladie à coronavirus 2019": a year in a name dates nothing
        ("When did the COVID-19 pandemic disrupt the meetings?",
         "The paragraph closest to the question gives no time (A/RES/75/32, op. 5)."),
        ("When will the GGE hold its next meeting?",
         "The paragraph closest to the question gives no time (A/RES/75/32, op. 5)."),
        ("Quel pays a proposé la création du Groupe de travail à composition non limitée ?",
         "Le paragraphe le plus proche de la question ne donne pas de pays "
         "(A/RES/75/32, paragraphe 4 du dispositif)."),
    ],
)  # fmt: skip
def test_a_number_or_date_the_closest_clause_lacks_is_no_answer(bot, question, reason):
    answer = bot.ask(question)
    assert answer.abstained
    assert answer.reason == reason


@pytest.mark.parametrize(
    ("question", "clause_ids"),
    [
        ("How many Member States does the OEWG include?", {"A-RES-75-32#preamble__p_16"}),
        # no text named: either text's closing clause names the session
        ("When will the General Assembly come back to this issue?",
         {"A-RES-75-32#para_6", "A-RES-75-32#para_7", "draft-74-item93-rev#para_3"}),
        # a list the reader counts
        ("Combien de pays parrainent le projet ?", {"draft-74-item93-rev#preface__p_3"}),
        ("Quels pays ont présenté le projet de résolution ?", {"draft-74-item93-rev#preface__p_3"}),
        # the recalling paragraph dates each resolution it lists (op. 3 only cites 73/266)
        ("When was resolution 73/266 adopted?", {"A-RES-75-32#preamble__p_1"}),
        ("Quand la résolution 36/103 a-t-elle été adoptée ?",
         {"draft-74-item93-rev#preamble__p_1"}),
    ],
)  # fmt: skip
def test_a_clause_that_gives_the_number_or_time_asked_for_answers(bot, question, clause_ids):
    answer = bot.ask(question)
    assert not answer.abstained, answer.reason
    assert answer.citations[0].clause_id in clause_ids


def test_a_pasted_paragraph_asks_for_no_fact(bot):
    # a sentence that opens with "When", pasted to find the paragraph it comes from: the
    # clause gives no time, and need not
    pasted = (
        "When States use information and communications technologies, respect for human "
        "rights and fundamental freedoms is of great importance, as the General Assembly "
        "stresses in its resolutions on these questions."
    )
    answer = bot.ask(pasted)
    assert not answer.abstained, answer.reason
    assert answer.citations[0].clause_id in {
        "A-RES-75-32#preamble__p_9",
        "draft-74-item93-rev#preamble__p_6",
    }


def test_that_paragraph_is_the_one_the_answer_cited(bot):
    first, answer, _ = _after(
        bot,
        "Which paragraph of 75/32 speaks of criminal purposes?",
        "What does this clause ask States to strengthen?",
    )
    assert first.citations[0].clause_id == "A-RES-75-32#preamble__p_8"
    assert [c.clause_id for c in answer.citations] == ["A-RES-75-32#preamble__p_8"]
    assert answer.resolved_question == "What does preambular paragraph 8 of A/RES/75/32 say?"


def test_a_follow_up_pointing_back_is_asked_of_the_paragraphs_just_quoted(bot):
    """ "Whose conclusions are those?" after 75/32's reaffirming paragraphs: alone, op. 6
    ("les conclusions émanant du Groupe…") ranks first; "those" are the ones just quoted.
    "Which is the most recent?" after the resolutions 75/32 recalls: alone it is abstained
    on; among the paragraphs just quoted it is pp. 1."""
    first, answer, _ = _after(bot, "What does 75/32 reaffirm?", "Whose conclusions are those?")
    quoted = [c.clause_id for c in first.citations]
    assert set(quoted) == {f"A-RES-75-32#preamble__p_{n}" for n in (12, 13, 14)}
    assert answer.citations[0].clause_id in quoted
    assert bot.ask("Whose conclusions are those?").citations[0].clause_id == "A-RES-75-32#para_6"
    first, answer, _ = _after(
        bot, "Which resolutions does 75/32 recall?", "Which is the most recent?"
    )
    assert first.citations[0].clause_id == "A-RES-75-32#preamble__p_1"
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_1"
    assert bot.ask("Which is the most recent?", history=[]).abstained


def test_it_can_stand_for_a_resolution_the_texts_cite(bot):
    """ "it" after a question on 73/266 is 73/266: op. 3 (the GGE "créé … en application
    de sa résolution 73/266") is among the answers; without it carried, it was abstained on."""
    _, answer, _ = _after(
        bot,
        "When did the General Assembly adopt resolution 73/266?",
        "What was set up under it, according to 75/32?",
    )
    assert answer.resolved_question.endswith("(73/266)")
    assert "A-RES-75-32#para_3" in [c.clause_id for c in answer.citations]


def test_an_item_of_the_agenda_is_the_agenda_item(bot):
    """ "item of the agenda" asks for the heading's "Point 93 de l'ordre du jour", not
    the closing clause; "put the item on the agenda" still asks for that clause."""
    answer = bot.ask("Under what item of the agenda does the draft fall?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_1"
    answer = bot.ask("Which session does each text put the item on the agenda of?")
    assert {c.clause_id for c in answer.citations[:2]} == {
        "A-RES-75-32#para_7",
        "draft-74-item93-rev#para_3",
    }


@pytest.mark.parametrize(
    ("question", "clause_id"),
    [
        ("Que dit l'avant-dernier alinéa du préambule de 75/32 ?", "A-RES-75-32#preamble__p_15"),
        ("What's the second-to-last operative paragraph of 75/32?", "A-RES-75-32#para_6"),
        ("Montre le dernier paragraphe du préambule de 75/32.", "A-RES-75-32#preamble__p_16"),
        ("What does operative clause 2 of the draft say?", "draft-74-item93-rev#para_2"),
    ],
)
def test_a_paragraph_counted_from_the_end_or_named_otherwise(bot, question, clause_id):
    assert [c.clause_id for c in bot.ask(question).citations] == [clause_id]


def test_a_comparison_quotes_each_text_that_speaks_of_the_topic(bot):
    """With the chat's three quotes: the draft's best clause on the OEWG is found beyond
    75/32's three best (it was not quoted before); a text that does not speak of the
    pandemic is not made to answer for it."""
    assert bot.settings.top_k == 3
    answer = bot.ask("Do both texts mention the OEWG?")
    assert {c.clause_id.split("#")[0] for c in answer.citations[:2]} == {
        "A-RES-75-32",
        "draft-74-item93-rev",
    }
    answer = bot.ask("Which of the two texts mentions the pandemic?")
    assert answer.citations[0].clause_id == "A-RES-75-32#para_5"
    assert all(c.clause_id.startswith("A-RES-75-32") for c in answer.citations)


def _after(bot, question: str, follow_up: str):
    """(first answer, follow-up's answer, the history it was asked with)."""
    first = bot.ask(question)
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": first.text}]
    return first, bot.ask(follow_up, history), history


def test_the_documents_speaking_of_a_topic_are_those_a_scan_finds(bot):
    """`documents_speaking_of` intersects postings; a scan of every clause agrees."""
    from assistant.asking.glossary import TERMS, TermMatch
    from assistant.asking.retrieval import Postings, TermTable, _unit

    retriever = bot.retriever
    for term in TERMS:
        for surface in (term.french[0], "typed words"):
            match = TermMatch(term=term, start=0, end=len(surface), surface=surface)
            unit = _unit(match)
            scan = {
                retriever.doc_ids[i]
                for i, held in enumerate(retriever.clause_terms)
                if retriever.retrievable[i] and unit.found_in(held)
            }
            assert retriever.documents_speaking_of(match) == scan, term.topic
    held = TermTable(list(t) for t in ("ab", "a", "bc", "ab", "bba"))
    assert [c.sequence for c in held] == [list(t) for t in ("ab", "a", "bc", "ab", "bba")]
    postings = Postings(held, np.array([1, 1, 1, 0, 0], bool))
    assert postings.holding(frozenset({"a", "b"})).tolist() == [0]  # clause 3 not searched
    assert postings.holding(frozenset({"b"})).tolist() == [0, 2]
    assert (
        postings.holding(frozenset({"z"})).tolist() == postings.holding(frozenset()).tolist() == []
    )


def test_a_heading_answers_what_only_it_says(bot):
    """Headers (title, sponsors) are searched for sponsors and titles, and also when
    the question asks about something only a heading says."""
    answer = bot.ask("Does 75/32 mention cyberspace?")
    assert answer.citations[0].clause_id == "A-RES-75-32#preface__p_1"  # only its title does
    answer = bot.ask("Is the draft a revised version?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_3"  # "révisé"
    assert bot.ask("Does the draft mention cyberspace?").abstained
    answer = bot.ask("What does 75/32 say about responsible behaviour?")  # the body says it
    assert answer.citations[0].clause_id != "A-RES-75-32#preface__p_1"


def test_the_glossary_knows_how_the_texts_say_it(bot):
    """The draft's "réglementation juridique internationale" is international law;
    "acteurs non étatiques" are the private sector, academia and civil society."""
    answer = bot.ask(
        "Le projet veut-il que l'ONU aide à définir des interprétations communes du droit "
        "international dans la sphère numérique ?"
    )
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preamble__p_10"
    answer = bot.ask(
        "Quelles catégories d'acteurs non étatiques la résolution 75/32 mentionne-t-elle ?"
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_15"


def test_it_is_the_paragraph_just_asked_for(bot):
    """After a paragraph was asked for, "it" / "y" is that paragraph when it holds what
    is asked; alone, neither follow-up is answered from it."""
    _, answer, _ = _after(
        bot, "What does op. 6 of 75/32 say?", "Which resolutions does it mention?"
    )
    assert [c.clause_id for c in answer.citations] == ["A-RES-75-32#para_6"]
    assert answer.resolved_question == "Which resolutions does it mention? (op. 6)"
    _, answer, _ = _after(
        bot,
        "Quel est le texte du paragraphe 2 du dispositif du projet ?",
        "Quels organes y sont mentionnés ?",
    )
    assert [c.clause_id for c in answer.citations] == ["draft-74-item93-rev#para_2"]
    alone = bot.ask("Which resolutions does it mention?")
    assert alone.abstained or alone.citations[0].clause_id != "A-RES-75-32#para_6"
    # asked for a date op. 7 does not give: not answered from op. 7
    _, answer, _ = _after(bot, "What does op. 7 of 75/32 say?", "In which year was it adopted?")
    assert answer.abstained or answer.citations[0].clause_id != "A-RES-75-32#para_7"


def test_a_sub_paragraph_matched_by_its_lead_in_gives_way_to_its_paragraph(bot):
    """ "To whom do States send their views?" is answered by op. 2's lead-in, not by what
    its point b) says: op. 2 is cited whole, once; a point that answers in its own words
    keeps its place."""
    answer = bot.ask("Selon 75/32, à qui les États doivent-ils communiquer leurs vues ?")
    cited = [c.clause_id for c in answer.citations]
    assert cited[0] == "A-RES-75-32#para_2" and answer.citations[0].paragraph == "op. 2"
    assert not any(c.startswith("A-RES-75-32#para_2__") for c in cited)
    assert "au Secrétaire général" in answer.text and "b) la teneur des principes" in answer.text
    answer = bot.ask("Does 75/32 talk about the free flow of information?")
    assert answer.citations[0].clause_id == "A-RES-75-32#para_1__list_1__point_b"
    # an English word its cognate matches is the point's own: "principles" / "principes"
    _, answer, _ = _after(
        bot,
        "What views does 75/32 invite Member States to send to the Secretary-General?",
        "Which of them is about principles?",
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#para_2__list_1__point_b"


def test_a_state_no_text_names_is_not_answered(bot):
    answer = bot.ask("Quelle est la position de la France sur ce projet ?")
    assert answer.abstained and "ne parle de « France »" in answer.reason
    answer = bot.ask("Is Russia a sponsor of the draft?")  # "Fédération de Russie"
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_3"
    answer = bot.ask("Is Russia a sponsor of 75/32?")
    assert answer.abstained and "“Russia, sponsor”" in answer.reason
    # a text naming a State says nothing else of it: the name alone is no evidence
    query = understand("Quelle est la capitale de la Chine ?", bot.catalog)
    sponsors = next(c for c in bot.document("draft-74-item93-rev").clauses if c.label == "sponsors")
    assert not bot.retriever.names_every_topic(query, sponsors)
    assert bot.ask("Quelle est la capitale de la Chine ?").abstained
    # whatever the thresholds: a heading answers what is asked of a heading, or a topic
    # it speaks of, never a name alone
    floors = {"same": 0.0, "cross": 0.0}
    lenient = Assistant(
        bot.settings.model_copy(update={"min_cosine": floors, "min_evidence": floors}),
        bot.embedder,
        bot.contents,
    )
    assert lenient.ask("Quelle est la capitale de la Chine ?").abstained
    answer = lenient.ask("Is Russia a sponsor of the draft?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_3"


def test_the_charter_is_international_law_but_not_the_other_way_round(bot):
    """75/32 names the Charter; the draft speaks of international law
    ("réglementation juridique internationale") but never of the Charter."""
    assert bot.ask("Does 75/32 mention the Charter?").citations[0].clause_id == (
        "A-RES-75-32#preamble__p_12"
    )
    answer = bot.ask("Le projet cite-t-il la Charte des Nations Unies ?")
    assert answer.abstained and "charte des nations unies" in answer.reason
    answer = bot.ask("Does the draft mention international law?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preamble__p_10"


def test_a_close_clause_naming_a_rare_topic_takes_the_place_of_one_that_does_not(bot):
    """75/32's "fins aussi bien légitimes que malveillantes" (pp. 5) is a hair closer to
    "criminal use" than its "fins criminelles" (pp. 8): the clause naming crime comes
    first. A common topic (ICTs, in most clauses) reorders nothing."""
    answer = bot.ask("Les deux textes parlent-ils de l'usage criminel des technologies ?")
    first_of = {}
    for citation in answer.citations:
        first_of.setdefault(citation.clause_id.split("#")[0], citation.clause_id)
    assert first_of == {
        "A-RES-75-32": "A-RES-75-32#preamble__p_8",
        "draft-74-item93-rev": "draft-74-item93-rev#preamble__p_5",
    }
    query = understand("Does the draft talk about ICTs?", bot.catalog)
    best = bot.retriever.search(query, 1)[0].clause
    assert not bot.retriever.misses_a_rare_topic(query, best)


def test_a_resolution_the_texts_cite_is_found_where_they_cite_it(bot):
    """ "73/27" is evidence like a topic: every clause citing it answers, and first."""
    answer = bot.ask("La résolution 73/27 est-elle citée dans chacun des deux textes ?")
    cited = [c.clause_id for c in answer.citations]
    assert {"A-RES-75-32#preamble__p_1", "draft-74-item93-rev#preamble__p_1"} <= set(cited)
    assert all("73/27" in bot.retriever.clauses[bot.retriever.position[c]].text for c in cited[:3])
    answer = bot.ask("Le projet rappelle-t-il la résolution 74/29 ?")  # only 75/32 does
    assert answer.abstained and "« 74/29 »" in answer.reason


def test_the_ways_users_name_misuse_and_cyber_weapons_find_the_clauses(bot):
    answer = bot.ask("What kinds of misuse of computing does the draft want to stop?")
    assert "draft-74-item93-rev#preamble__p_5" in [c.clause_id for c in answer.citations]
    answer = bot.ask("Le projet s'inquiète-t-il du développement de cyberarmes par des États ?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preamble__p_4"
    answer = bot.ask("Is 75/32 open to adding further rules of state behaviour gradually?")
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_12"
    assert bot.ask("What does the draft say about drug abuse?").abstained


def test_facts_no_text_gives_are_not_answered_from_a_clause_naming_the_subject(bot):
    """The sponsors list names Kazakhstan but gives no population; 75/32 speaks of
    capacity-building but not of who pays for it."""
    answer = bot.ask("What's the population of Kazakhstan?")
    assert answer.abstained and "“population”" in answer.reason
    assert bot.ask("Who will pay for capacity-building under 75/32?").abstained
    answer = bot.ask("Selon le projet, quand le Groupe de travail doit-il rendre ses conclusions ?")
    assert answer.abstained and "indication de temps" in answer.reason
    answer = bot.ask("Is Kazakhstan a sponsor of the draft?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preface__p_3"


@pytest.mark.parametrize(
    ("question", "clause_ids"),
    [
        (
            "What does 75/32 welcome?",
            ["A-RES-75-32#preamble__p_10", "A-RES-75-32#para_3", "A-RES-75-32#para_4"],
        ),
        ("Le projet se réjouit-il de quelque chose ?", ["draft-74-item93-rev#para_1"]),
        ("What does 75/32 express concern about?", ["A-RES-75-32#preamble__p_7"]),
        ("De quoi le projet s'inquiète-t-il ?", ["draft-74-item93-rev#preamble__p_4"]),
        ("Does the draft express any worry?", ["draft-74-item93-rev#preamble__p_4"]),
        # to cite resolutions is what the recalling paragraph does
        ("Le projet cite-t-il des résolutions ?", ["draft-74-item93-rev#preamble__p_1"]),
        # "ask" is "demande" (op. 1) and "invite" (op. 2)
        ("What does 75/32 ask Member States to do?", ["A-RES-75-32#para_1", "A-RES-75-32#para_2"]),
        ("Quelles décisions prend la 75/32 ?", ["A-RES-75-32#para_6", "A-RES-75-32#para_7"]),
    ],
)
def test_a_question_naming_only_a_verb_lists_the_paragraphs_opening_with_it(
    bot, question, clause_ids
):
    """Whole paragraphs (op. 1 with its points), in the text's order."""
    assert [c.clause_id for c in bot.ask(question).citations] == clause_ids


def test_a_verb_no_paragraph_opens_with_is_not_answered(bot):
    answer = bot.ask("What does the draft request?")
    assert answer.abstained
    assert "opens with the verb asked about (“request”)" in answer.text
    # a topic of its own is searched as before
    answer = bot.ask("What does 75/32 welcome about the open-ended working group?")
    assert answer.citations[0].clause_id == "A-RES-75-32#para_4"


@pytest.mark.parametrize(
    ("question", "clause_ids"),
    [
        ("Le projet considère-t-il les deux groupes comme autonomes ?",
         {"draft-74-item93-rev#para_2"}),
        ("Qui porte la responsabilité principale de la sécurité numérique selon la 75/32 ?",
         {"A-RES-75-32#preamble__p_15"}),
        ("Does 75/32 put the main burden for ICT security on governments?",
         {"A-RES-75-32#preamble__p_15"}),
        ("Is the Assembly coming back to this topic next year under the draft?",
         {"draft-74-item93-rev#para_3"}),
        ("L'Assemblée reviendra-t-elle sur ce sujet l'an prochain selon le projet ?",
         {"draft-74-item93-rev#para_3"}),
        # the French acronyms of ICTs and of the GGE
        ("La 75/32 évoque-t-elle les TIC ?",
         {f"A-RES-75-32#{c}" for c in ("preamble__p_2", "preamble__p_4", "preamble__p_5",
                                       "para_1__list_1__point_a")}),
        ("Que dit le projet du GEG ?",
         {f"draft-74-item93-rev#{c}" for c in ("preamble__p_11", "para_1", "para_2")}),
        ("La question sera-t-elle inscrite à l'ordre du jour de la 76e session ?",
         {"A-RES-75-32#para_7"}),
        ("Does 75/32 want governments to share their national cyber strategies with the UN chief?",
         {"A-RES-75-32#para_2", "A-RES-75-32#para_2__list_1__point_a"}),
    ],
)  # fmt: skip
def test_more_ways_users_say_what_the_texts_say(bot, question, clause_ids):
    """Autonomous (indépendants), the main responsibility (il incombe au premier chef),
    coming back to it next year (the closing agenda clause), a session written "76e", the
    UN chief (the Secretary-General, not the UN)."""
    assert bot.ask(question).citations[0].clause_id in clause_ids


def test_a_paragraph_quoted_whole_ranks_its_points_higher_in_a_follow_up(bot):
    """The chat quotes op. 2 of 75/32 whole; the search ranks its points: "Which of those
    …?" must lift them, not the lead-in alone, which is never searched."""
    query = understand("Which of those is the most recent?", bot.catalog)
    plain = {h.clause.clause_id: h.score for h in bot.retriever.search(query, 50)}
    query.answered = ("A-RES-75-32#para_2",)
    lifted = {h.clause.clause_id: h.score for h in bot.retriever.search(query, 50)}
    for point in ("A-RES-75-32#para_2__list_1__point_a", "A-RES-75-32#para_2__list_1__point_b"):
        assert lifted[point] == pytest.approx(plain[point] + bot.settings.answered_boost)
    assert lifted["A-RES-75-32#para_1__list_1__point_a"] == pytest.approx(
        plain["A-RES-75-32#para_1__list_1__point_a"]
    )


def test_a_question_confined_to_a_part_of_the_text_is_answered_from_it(bot):
    answer = bot.ask("What does the preamble of 75/32 say about the expert group?")
    assert answer.citations and all("preamble" in c.clause_id for c in answer.citations)
    answer = bot.ask("Which operative paragraphs of 75/32 mention the expert group?")
    assert answer.citations and all("#para_" in c.clause_id for c in answer.citations)
    # where and how a text says it are not topics the clause must name
    _, follow_up, _ = _after(
        bot, "Le projet parle-t-il du GEG ?", "Comment le qualifie-t-il dans le dispositif ?"
    )
    assert not follow_up.abstained
    assert all("#para_" in c.clause_id for c in follow_up.citations)


def test_exactly_is_no_topic_of_a_follow_up(bot):
    _, answer, _ = _after(bot, "Does the draft express any worry?", "About what exactly?")
    assert answer.citations[0].clause_id == "draft-74-item93-rev#preamble__p_4"


@pytest.mark.parametrize(
    ("question", "clause_ids"),
    [
        ("Does 75/32 want nations to help each other build cyber skills?",
         {"A-RES-75-32#preamble__p_14"}),
        ("Does the draft tie training efforts to building confidence between countries?",
         {"draft-74-item93-rev#preamble__p_7"}),
        ("Does 75/32 want an open ICT environment?",
         {"A-RES-75-32#preamble__p_12", "A-RES-75-32#para_1__list_1__point_b"}),
    ],
)  # fmt: skip
def test_english_words_reach_the_french_they_translate_to(bot, question, clause_ids):
    """ "help" -> "aider", "open" -> "ouvert": words no glossary topic names and no
    cognate spells alike."""
    assert bot.ask(question).citations[0].clause_id in clause_ids


def test_what_states_send_him_is_what_they_communicate(bot):
    """ "send" -> "communiquer" (op. 2), not the reports he transmitted (pp. 10)."""
    _, answer, _ = _after(
        bot, "Does 75/32 mention the Secretary-General?", "What should States send him?"
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#para_2"


def test_a_close_clause_naming_more_of_the_question_takes_the_first_place(bot):
    """pp. 15 is closest to "What is it meant to fight? (cooperation)"; pp. 8, as close
    within `topic_margin`, also names the fight ("lutte contre"): it answers."""
    _, answer, _ = _after(
        bot, "What does 75/32 say on cooperation between States?", "What is it meant to fight?"
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#preamble__p_8"


def test_which_of_those_with_a_topic_of_its_own_chooses_among_the_quoted(bot):
    """ "Which of those is about the OEWG?": op. 4, one of the three just quoted, not
    pp. 16, which speaks of the OEWG too but was not quoted."""
    _, answer, _ = _after(
        bot, "What does 75/32 welcome?", "Which of those is about the open-ended working group?"
    )
    assert answer.citations[0].clause_id == "A-RES-75-32#para_4"
    # none of the three speaks of the pandemic: the paragraph that does answers
    _, answer, _ = _after(bot, "What does 75/32 welcome?", "Which of those mention the pandemic?")
    assert answer.citations[0].clause_id == "A-RES-75-32#para_5"
