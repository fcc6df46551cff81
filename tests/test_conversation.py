"""Conversation as data: an answer carries the parts of the question it answered and
the paragraphs it cited (`Answer.to_turn_metadata()`); a follow-up sent with it in the
history builds on them, not on the words of earlier turns; plain text history works
as before; a follow-up that switches text is built from the last question's parts."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.asking.catalog import Catalog
from assistant.asking.conversation import TURN_KEY, read_turn_metadata
from assistant.asking.query import understand

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# what the markdown and the question of a turn are replaced with: only the data is left
UNRELATED = [
    {"role": "user", "content": "Is it going to rain tomorrow?"},
    {"role": "assistant", "content": "Nothing in the texts about the weather."},
]


@pytest.fixture(scope="module")
def catalog(documents):
    return Catalog(list(documents.values()))


def _as_data(answer) -> list[dict]:
    """The history of one answered question, with only its data to go on."""
    return [UNRELATED[0], {**UNRELATED[1], "metadata": answer.to_turn_metadata()}]


def _as_text(question: str, answer) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer.text}]


# ------------------------------------------------------------ the structured answer
def test_the_structured_answer_is_versioned_json_with_the_question_parts(bot):
    answer = bot.ask("What does operative paragraph 2 of 75/32 say?")
    data = answer.to_turn_metadata()
    assert json.loads(json.dumps(data)) == data == answer.to_dict()["metadata"]
    assert data[TURN_KEY] == 1 and "title" not in data  # no Gradio "thought" key
    assert data["query"]["doc_ids"] == ["A-RES-75-32"]
    assert data["query"]["paragraph"] == {"kind": "operative", "number": 2, "point": None}
    assert data["query"]["topics"] == []  # "operative paragraph 2" is no topic
    cited = data["citations"][0]
    assert cited["clause_id"] == "A-RES-75-32#para_2" and cited["doc_id"] == "A-RES-75-32"
    topic = bot.ask("Que souligne le projet au sujet des droits de l'homme ?").to_turn_metadata()
    assert topic["query"]["verb"] == "stress" and topic["query"]["language"] == "fr"
    assert topic["query"]["topics"] == ["les droits de l'homme"]


def test_small_talk_carries_no_structured_answer(bot):
    assert bot.ask("Hello!").to_turn_metadata() is None


# ------------------------------------------------------------ Assistant.ask with data
def test_a_follow_up_resolves_from_the_answer_as_data_not_from_its_words(bot):
    first = bot.ask("What does operative paragraph 2 of 75/32 say?")
    follow_up = bot.ask("And the next one?", _as_data(first))
    assert [c.clause_id for c in follow_up.citations] == ["A-RES-75-32#para_3"]
    # the same words without the data: nothing to count from
    blind = bot.ask("And the next one?", UNRELATED)
    assert "A-RES-75-32#para_3" not in [c.clause_id for c in blind.citations[:1]]


def test_a_topic_follow_up_resolves_from_the_data(bot):
    first = bot.ask("What does A/RES/75/32 say about cooperation between States?")
    follow_up = bot.ask("And in the draft?", _as_data(first))
    assert (
        follow_up.resolved_question == "What does the draft say about cooperation between States?"
    )
    assert not follow_up.abstained
    assert {c.clause_id.split("#")[0] for c in follow_up.citations} == {"draft-74-item93-rev"}


def test_plain_text_history_still_resolves_the_same(bot):
    question = "What does operative paragraph 2 of 75/32 say?"
    first = bot.ask(question)
    by_text = bot.ask("And the next one?", _as_text(question, first))
    assert [c.clause_id for c in by_text.citations] == ["A-RES-75-32#para_3"]
    question = "What does A/RES/75/32 say about cooperation between States?"
    first = bot.ask(question)
    by_text = bot.ask("And in the draft?", _as_text(question, first))
    by_data = bot.ask("And in the draft?", _as_data(first))
    assert [c.clause_id for c in by_text.citations] == [c.clause_id for c in by_data.citations]


def test_the_data_wins_over_the_words_of_its_turns(bot):
    """History edited by a client: the user turn says one thing, the data another."""
    first = bot.ask("What does resolution 75/32 welcome?")
    history = [
        {"role": "user", "content": "What does the draft say about terrorism?"},
        {"role": "assistant", "content": first.text, "metadata": first.to_turn_metadata()},
    ]
    follow_up = bot.ask("What about the other resolution?", history)
    assert follow_up.resolved_question == "What does the draft welcome?"
    assert [c.clause_id for c in follow_up.citations] == ["draft-74-item93-rev#para_1"]


# ------------------------------------------------------------ switching text
def test_switching_text_keeps_the_topic_not_the_words_that_named_the_text(bot):
    """ "the cyberspace resolution" names 75/32 by a word only it holds: carried into
    the other text as a topic, that word left nothing to quote."""
    first = bot.ask("What does the cyberspace resolution stress about human rights?")
    assert first.citations[0].clause_id.startswith("A-RES-75-32#")
    follow_up = bot.ask("What about the other resolution?", _as_data(first))
    assert not follow_up.abstained, follow_up.reason
    assert follow_up.citations[0].clause_id == "draft-74-item93-rev#preamble__p_6"
    assert "cyberspace" not in follow_up.resolved_question


@pytest.mark.parametrize(
    ("question", "follow_up", "best"),
    [
        # the other text's label ("…, agenda item 93, …") was read as a topic: abstained
        ("What does A/RES/75/32 say about cooperation between States?",
         "Et dans l'autre texte ?", "draft-74-item93-rev#preamble__p_7"),
        # … or quoted the heading naming the agenda item first
        ("What does resolution 75/32 welcome?", "What about the other resolution?",
         "draft-74-item93-rev#para_1"),
    ],
)  # fmt: skip
def test_switching_text_in_a_text_history(bot, question, follow_up, best):
    first = bot.ask(question)
    answer = bot.ask(follow_up, _as_text(question, first))
    assert not answer.abstained, answer.reason
    assert answer.citations[0].clause_id == best
    assert "agenda" not in answer.resolved_question and "75/32" not in answer.resolved_question


@pytest.mark.parametrize(
    ("question", "follow_up", "resolved"),
    [
        ("What does resolution 75/32 say about capacity-building?",
         "What about the other resolution?", "What does the draft say about capacity-building?"),
        ("Que dit la résolution 75/32 sur le renforcement des capacités ?",
         "Et dans l'autre texte ?", "Que dit le projet sur le renforcement des capacités ?"),
        ("What does the adopted resolution stress about human rights?", "And the other one?",
         "What does the draft stress about human rights?"),
        ("Read me operative paragraph 3 of the draft, please.", "And of 75/32?",
         "What does operative paragraph 3 of 75/32 say?"),
        ("Le projet parle-t-il des États qui développent des technologies militaires ?",
         "Et 75/32 ?", "Que dit 75/32 sur les États qui développent des technologies militaires ?"),
    ],
)  # fmt: skip
def test_a_switch_is_built_from_the_parts(catalog, question, follow_up, resolved):
    history = [{"role": "user", "content": question}, {"role": "assistant", "content": "…"}]
    query = understand(follow_up, catalog, history)
    assert query.text == resolved
    named = {"agenda_item", "revision"}  # the words of the draft's label
    assert not named & {t.term.topic for t in query.terms}


# ------------------------------------------------------------ malformed data
def _valid() -> dict:
    return {
        TURN_KEY: 1,
        "query": {
            "language": "en",
            "doc_ids": ["A-RES-75-32"],
            "topics": [],
            "verb": None,
            "paragraph": {"kind": "operative", "number": 2, "point": None},
            "part": None,
            "compare": False,
        },
        "citations": [
            {
                "doc_id": "A-RES-75-32",
                "clause_id": "A-RES-75-32#para_2",
                "paragraph": {"kind": "operative", "number": 2, "point": None},
            }
        ],
    }


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
PATHS = [
    (TURN_KEY,),
    ("query",),
    ("query", "language"),
    ("query", "doc_ids"),
    ("query", "topics"),
    ("query", "verb"),
    ("query", "paragraph"),
    ("query", "paragraph", "number"),
    ("query", "paragraph", "point"),
    ("query", "part"),
    ("query", "compare"),
    ("citations",),
]


@FAST
@given(st.sampled_from(PATHS), JSON)
def test_malformed_data_is_ignored_and_the_text_is_read(catalog, path, value):
    """Any value in any place: read as data when it still is a valid answer, else the
    turn reads as if it carried none."""
    metadata = _valid()
    place = metadata
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    text = [{"role": "user", "content": "What does 75/32 say about human rights?"}]
    plain = understand("And in the draft?", catalog, [*text, {"role": "assistant", "content": "…"}])
    history = [*text, {"role": "assistant", "content": "…", "metadata": metadata}]
    query = understand("And in the draft?", catalog, history)  # never raises
    if read_turn_metadata(metadata) is None:
        assert (query.text, query.doc_ids) == (plain.text, plain.doc_ids)


@FAST
@given(JSON)
def test_any_json_reads_as_no_answer(value):
    assert read_turn_metadata(value) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda m: m.update({TURN_KEY: 2}),  # another version
        lambda m: m.update({TURN_KEY: True}),  # True == 1, but no version
        lambda m: m["query"].update(doc_ids=["A-RES-99-1"]),  # no such text
        lambda m: m["citations"][0].update(clause_id="A-RES-75-32#para_99"),  # no such clause
        lambda m: m["citations"][0].update(doc_id="draft-74-item93-rev"),  # not its text
        lambda m: m["query"].update(topics=["x" * 301]),  # too long a topic
        lambda m: m["query"].update(topics=["capacity-building"] * 9),  # too many
        lambda m: m.update(citations=m["citations"] * 51),  # too many
        lambda m: m["query"]["paragraph"].update(number=True),
        lambda m: m["query"]["paragraph"].update(point="<b>"),
    ],
)
def test_foreign_or_oversized_data_falls_back_to_the_text(bot, change):
    metadata = copy.deepcopy(_valid())
    change(metadata)
    question = "What does A/RES/75/32 say about cooperation between States?"
    first = bot.ask(question)
    history = _as_text(question, first)
    history[1]["metadata"] = metadata
    answer = bot.ask("And in the draft?", history)
    assert answer.resolved_question == "What does the draft say about cooperation between States?"


def test_a_huge_metadata_is_ignored_quickly(bot):
    metadata = _valid()
    metadata["query"]["topics"] = ["human rights"] * 1_000_000
    history = [UNRELATED[0], {**UNRELATED[1], "metadata": metadata}]
    answer = bot.ask("And the next one?", history)  # the data refused: read as text
    assert "A-RES-75-32#para_3" not in [c.clause_id for c in answer.citations[:1]]
