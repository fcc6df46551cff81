"""The chat page: rendering (escaping, highlights, links), the running Gradio server
through gradio_client (/ask, follow-ups, limits, 16 concurrent sessions), and a real
browser (Debian chromium driven by Playwright). Screenshots and figures go to
tests/artifacts/ (not committed) to be looked at."""

from __future__ import annotations

import json
import re
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ui.render import citation_card, document_panel, rich_text

ARTIFACTS = Path(__file__).parent / "artifacts"
XSS = "<img src=x onerror=alert(1)>"


# ------------------------------------------------------------------ rendering
def test_hostile_text_is_escaped_everywhere(res7532):
    assert "<img" not in rich_text(XSS) and "&lt;img" in rich_text(XSS)
    card = citation_card(
        {
            "document": "A/RES/75/32",
            "paragraph": "op. 6",
            "clause_id": 'x" onmouseover="alert(1)',
            "quote": "<script>alert(1)</script> Décide",
            "lead_line": "**A/RES/75/32, op. 6** — <b>decides</b>:",
            "footnotes": [],
        },
        XSS,
        "en",
    )
    assert "<script>" not in card and "<b>" not in card and 'onmouseover="' not in card
    assert '<button type="button" class="open"' in card  # the title opens the document
    assert ">A/RES/75/32, op. 6<span" in card and "— &lt;b&gt;decides&lt;/b&gt;:" in card
    assert card.count("<button") == 2  # the title, and copy: separate controls


def test_the_page_language_follows_the_browser_and_refusals_are_translated():
    from ui.i18n import language_of, refusal

    assert language_of("fr-FR,fr;q=0.9,en-US;q=0.8,en;q=0.7") == "fr"
    assert language_of("de-DE,de;q=0.9,en;q=0.5,fr;q=0.8") == "fr"
    assert language_of("en-GB,en;q=0.9") == "en"
    assert language_of("de, es") == language_of("") == language_of(None) == "en"
    assert language_of("fr;q=0, en") == "en"
    message = "The question is 2500 characters long; the limit is 2000. Shorten it."
    assert refusal(message, "fr").startswith("La question compte 2500 caractères")
    assert refusal(message, "en") == message


def test_glossary_terms_are_highlighted_and_symbols_linked():
    text = "Décide que le Groupe de travail à composition non limitée, résolution 73/266 (A/65/201)"
    out = rich_text(text, "What does 75/32 decide about the OEWG?", "en")
    assert "<mark>Groupe de travail à composition non limitée</mark>" in out
    assert "<mark>Décide</mark>" in out
    assert 'href="https://undocs.org/en/A/RES/73/266"' in out
    assert 'href="https://undocs.org/en/A/65/201"' in out
    assert 'href="https://undocs.org/fr/A/RES/73/266"' in rich_text(text, "", "fr")


@pytest.mark.parametrize(
    ("text", "linked"),
    [
        ("Recalling resolution ES-11/1 of 2 March 2022", ["A/RES/ES-11/1"]),
        ("A/RES/ES-11/1 and A/ES-11/L.1", ["A/RES/ES-11/1", "A/ES-11/L.1"]),
        (
            "A/C.1/74/L.50/Rev.1, A/RES/68/262 and 73/27",
            ["A/C.1/74/L.50/Rev.1", "A/RES/68/262", "A/RES/73/27"],
        ),
        ("page 2/5, 12/2019, 1.5/10, A/RES/75/32/x", []),
    ],
)
def test_a_symbol_is_linked_whole_and_never_a_piece_of_another(text, linked):
    """An emergency special session's symbol is one link (never its "11/1" read as
    A/RES/11/1), and no number that only looks like a symbol is linked."""
    out = rich_text(text, "", "en")
    assert re.findall(r'href="https://undocs\.org/en/([^"]+)"', out) == linked


def test_document_panel_marks_the_cited_clause_and_its_points(res7532):
    panel = document_panel(res7532, "A-RES-75-32#para_1__list_1__point_b", "flow", "en")
    assert panel.count('class="clause cited"') == 1
    assert 'id="A-RES-75-32#para_1"' in panel  # the point is shown within its paragraph
    assert panel.count('class="clause') == 16 + 7 + 1


# ------------------------------------------------------------------ the server
@pytest.fixture(scope="module")
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def test_api_ask_returns_the_answer_dict(client):
    answer = client.predict("What does 75/32 decide about the OEWG?", [], [], api_name="/ask")
    assert answer["citations"][0]["document"] == "A/RES/75/32"
    assert answer["citations"][0]["paragraph"] == "op. 6"
    assert answer["citations"][0]["quote"].startswith("Décide qu’elle examinera")


def test_api_follow_up_and_filter(client):
    first = "What does 75/32 say about human rights?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "…"}]
    answer = client.predict("And the draft?", history, None, api_name="/ask")
    assert answer["citations"][0]["clause_id"] == "draft-74-item93-rev#preamble__p_6"
    filtered = client.predict("human rights", [], ["A-RES-75-32"], api_name="/ask")
    assert {c["document"] for c in filtered["citations"]} == {"A/RES/75/32"}


def test_api_follow_up_reads_the_answer_as_data(client):
    """The structured answer /ask returns, sent back in the history's `metadata`: the
    follow-up builds on it (the turns' words here say nothing of op. 2)."""
    first = client.predict("What does operative paragraph 2 of 75/32 say?", [], [], api_name="/ask")
    assert first["metadata"]["assistant_answer"] == 1
    history = [
        {"role": "user", "content": "Is it going to rain tomorrow?"},
        {"role": "assistant", "content": "Not in the texts.", "metadata": first["metadata"]},
    ]
    answer = client.predict("And the next one?", history, [], api_name="/ask")
    assert [c["clause_id"] for c in answer["citations"]] == ["A-RES-75-32#para_3"]
    history[1]["metadata"] = {"assistant_answer": 1, "query": "junk"}  # ignored: the text
    answer = client.predict("And the next one?", history, [], api_name="/ask")
    assert "error" not in answer
    assert "A-RES-75-32#para_3" not in [c["clause_id"] for c in answer["citations"][:1]]


def test_the_page_sends_each_answer_back_as_data(bot):
    from ui.app import history_of
    from ui.render import Turn

    first = bot.ask("What does operative paragraph 2 of 75/32 say?")
    turns = [Turn("Show it to me", first.to_dict()), Turn("x" * 3000, refused="too long")]
    history = history_of(turns)
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[1]["metadata"] == first.to_turn_metadata()
    follow_up = bot.ask("And the next one?", history)
    assert [c.clause_id for c in follow_up.citations] == ["A-RES-75-32#para_3"]


def test_api_refuses_an_overlong_question_clearly(client):
    answer = client.predict("x" * 2500, [], [], api_name="/ask")
    assert "limit is 2000" in answer["error"] and answer["citations"] == []


def test_only_gradio_assets_are_served(server):
    import urllib.error
    import urllib.request

    for path in ("file=/etc/passwd", "gradio_api/file=/etc/passwd", "file=pyproject.toml"):
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(server + path, timeout=10)


QUESTIONS = {
    "What does 75/32 decide about the OEWG?": "A-RES-75-32#para_6",
    "Who are the sponsors of the draft resolution?": "draft-74-item93-rev#preface__p_3",
    "What is op. 7 of A/RES/75/32?": "A-RES-75-32#para_7",
    "Que dit le paragraphe 3 du projet ?": "draft-74-item93-rev#para_3",
    "Does 75/32 mention the COVID-19 pandemic?": "A-RES-75-32#para_5",
    "What does the draft resolution stress about human rights?": (
        "draft-74-item93-rev#preamble__p_6"
    ),
    "Que dit la résolution 75/32 sur les mesures de confiance ?": "A-RES-75-32#preamble__p_13",
    "What does the draft say about the military use of digital technologies?": (
        "draft-74-item93-rev#preamble__p_4"
    ),
}


def test_sixteen_concurrent_sessions_get_correct_answers(server):
    from gradio_client import Client

    jobs = [q for q in QUESTIONS for _ in range(2)]

    def session(question):
        client = Client(server, verbose=False)
        start = time.perf_counter()
        answer = client.predict(question, [], [], api_name="/ask")
        return question, answer["citations"][0]["clause_id"], time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(session, jobs, timeout=300))
    assert len(results) == 16
    for question, clause_id, _ in results:
        assert clause_id == QUESTIONS[question], question
    seconds = sorted(s for *_, s in results)
    figures = {
        "sessions": 16,
        "p50_s": round(statistics.median(seconds), 3),
        "p95_s": round(seconds[int(0.95 * (len(seconds) - 1))], 3),
        "max_s": round(seconds[-1], 3),
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "concurrency.json").write_text(json.dumps(figures, indent=1))
    print("16 concurrent sessions:", figures)


# ------------------------------------------------------------------ the browser
@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.dialogs = []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    start = time.perf_counter()
    page.goto(server)
    page.locator("#question textarea").wait_for()
    page.loaded_after = time.perf_counter() - start
    yield page
    page.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_browser_ask_read_in_document_and_follow_up(page):
    start = time.perf_counter()
    box = page.locator("#question textarea")
    box.fill("What does 75/32 decide about the OEWG?")
    box.press("Enter")
    card = page.locator("#chat .card").first
    card.wait_for(timeout=60000)
    first_answer = time.perf_counter() - start
    assert "A/RES/75/32, op. 6" in card.inner_text()
    assert "Décide qu’elle examinera" in card.inner_text()
    assert card.locator("mark").count() >= 1  # the OEWG's French name is highlighted
    _shot(page, "1-answer")

    card.locator("button.open").click()
    cited = page.locator("#document-panel .cited")
    cited.wait_for(timeout=30000)
    assert cited.get_attribute("id") == "A-RES-75-32#para_6"
    assert cited.is_visible() and "Décide qu’elle examinera" in cited.inner_text()
    _shot(page, "2-document-panel")

    box.fill("and the GGE?")
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('and the GGE?')"
    )
    page.locator("#chat .turn:nth-of-type(2) .card").first.wait_for(timeout=60000)
    page.wait_for_function(
        "() => document.querySelector('#chat .turn:nth-of-type(2)').innerText"
        ".includes('A/RES/75/32, op. 6')"
    )
    _shot(page, "3-follow-up")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "first-answer.json").write_text(
        json.dumps(
            {"page_load_s": round(page.loaded_after, 3), "first_answer_s": round(first_answer, 3)}
        )
    )


def test_browser_shows_hostile_input_as_text_and_runs_no_script(page):
    box = page.locator("#question textarea")
    box.fill(XSS)
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('<img src=x onerror=alert(1)>')",
        timeout=60000,
    )
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('only markup')", timeout=60000
    )
    page.wait_for_timeout(1000)
    assert page.dialogs == []
    assert page.locator("#chat img[src='x']").count() == 0
    _shot(page, "4-xss-as-text")


def test_browser_filter_and_new_conversation(page):
    page.locator("#filter input").click()
    page.get_by_role("option", name="A/RES/75/32").click()
    page.keyboard.press("Escape")
    box = page.locator("#question textarea")
    box.fill("What do the texts say about human rights?")
    box.press("Enter")
    page.locator("#chat .card").first.wait_for(timeout=60000)
    documents = {
        c.get_attribute("data-clause").split("#")[0] for c in page.locator("#chat .card").all()
    }
    assert documents == {"A-RES-75-32"}
    _shot(page, "5-filter")
    page.locator("#new").click()
    page.wait_for_function("() => !document.querySelector('#chat .card')")
    assert "What do the texts say" not in page.locator("#chat").inner_text()
    assert page.locator("#chat .turn").count() == 0
    assert page.locator("#chat button.example").count() >= 3  # the examples are back
    hint = page.locator("#document-panel .panel-hint")  # and the panel keeps its hint
    assert hint.inner_text().startswith("Click a citation")


def test_browser_abstention_says_so_and_suggests_what_is_covered(page):
    box = page.locator("#question textarea")
    box.fill("What is the best recipe for a chocolate cake?")
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('The texts cover')",
        timeout=60000,
    )
    chat = page.locator("#chat").inner_text()
    assert "The texts do not say." in chat and "A/RES/75/32" in chat
    assert page.locator("#chat .card").count() == 0
    _shot(page, "6-abstention")
