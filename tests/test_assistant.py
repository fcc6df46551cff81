"""The public API on the real model and real index: contract, questions, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import Answer, Assistant, Citation
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
    assert len(bot.ask("What does 75/32 welcome?", k=5).citations) == 5


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
