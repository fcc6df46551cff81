"""The chat page as people use it, in a real browser (Debian chromium, Playwright) on the
real Gradio server and model, at desktop (1366×900) and phone (390×844) sizes: reading
order, the document panel's own scrolling, the keyboard, axe-core (WCAG 2.2 AA) and
the page's language. Screenshots go to tests/artifacts/ (not committed)."""

from __future__ import annotations

from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).parent / "artifacts"
SIZES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True},
}
IMPACTS = {"serious", "critical"}


def _open(browser, server, size: str, locale: str = "en-US"):
    context = browser.new_context(locale=locale, **SIZES[size])
    page = context.new_page()
    page.goto(server)
    page.locator("#question textarea").wait_for()
    lang = locale.split("-")[0]
    page.wait_for_function("l => document.querySelector('#header [data-lang=' + l + ']')", arg=lang)
    return page


@pytest.fixture(params=list(SIZES))
def page(request, browser, server):
    page = _open(browser, server, request.param)
    page.size = request.param
    yield page
    page.context.close()


def _ask_example(page, number: int = 0):
    page.locator("#chat button.example").nth(number).click()
    page.locator("#chat .turn[data-status]").last.wait_for(timeout=60000)


def _ask(page, question: str):
    turns = page.locator("#chat .turn[data-status]").count()
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('#chat .turn[data-status]').length > n",
        arg=turns,
        timeout=60000,
    )


def _page_geometry(page) -> dict:
    return page.evaluate(
        "() => ({height: document.documentElement.scrollHeight, y: window.scrollY})"
    )


def _in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """s => { const r = document.querySelector(s).getBoundingClientRect();
                 return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }""",
        selector,
    )


def _focused(page) -> str:
    return page.evaluate("() => document.activeElement.id || document.activeElement.tagName")


def _settled(page) -> None:
    """Every stylesheet loaded (Gradio's theme comes after the first paint: until then
    its text colours are not the page's), its fonts too, no transition or animation
    running and no Gradio block pending: contrast is measured on the page a reader sees,
    not mid-load or mid-fade (a loaded machine shows both)."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet)"
        " && document.fonts.status === 'loaded'"
        " && getComputedStyle(document.body).getPropertyValue('--body-text-color').trim()"
        " && document.getAnimations().every(a => a.playState !== 'running')"
        " && !document.querySelector('.pending, .generating')",
        timeout=30000,
    )


def _axe(page, when: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    _settled(page)
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in IMPACTS]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]} "
        f"{v['nodes'][0]['failureSummary']}"
        for v in bad
    )
    assert not bad, f"axe-core, {page.size}, {when}:\n{report}"


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.size}.png"))


def _scroll(page, dy: int, x: int = 4, y: int = 300) -> None:
    """A wheel turn (desktop) or a finger dragged (phone) at (x, y); dy < 0 goes up."""
    if page.size == "phone":
        cdp = page.context.new_cdp_session(page)
        touch, steps = "Input.dispatchTouchEvent", 10
        cdp.send(touch, {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
        for step in range(1, steps + 1):
            point = {"x": x, "y": y - dy * step / steps / 2}
            cdp.send(touch, {"type": "touchMove", "touchPoints": [point]})
        cdp.send(touch, {"type": "touchEnd", "touchPoints": []})
        cdp.detach()
    else:
        page.mouse.move(x, y)
        page.mouse.wheel(0, dy)
    page.wait_for_timeout(300)


def _scroll_up(page) -> None:
    """Up to the top of the page, from its left margin (no scroll container there)."""
    for _ in range(8):
        if page.evaluate("() => window.scrollY") == 0:
            return
        _scroll(page, -800)


# ------------------------------------------------------------------ reading order
def test_an_example_is_asked_and_the_answer_reads_from_its_first_citation(page):
    _ask_example(page)
    first = "#chat .turn:last-of-type .card"
    assert page.locator(first).count() >= 1
    assert _in_viewport(page, first)  # in the window, and inside the conversation's box
    assert page.evaluate(
        """s => { const c = document.querySelector(s).getBoundingClientRect();
                 const b = document.getElementById('chat').getBoundingClientRect();
                 return c.top >= b.top && c.top < b.bottom; }""",
        first,
    )
    _ask(page, "and the GGE?")  # a second, longer conversation: the newest answer shows
    assert _in_viewport(page, first)
    assert "and the GGE?" in page.locator("#chat .turn:last-of-type .asked").inner_text()
    _shot(page, "answer")


# ------------------------------------------------------------------ the document panel
def test_the_document_panel_scrolls_by_itself_and_never_moves_the_page(page):
    _ask_example(page)
    before = _page_geometry(page)
    page.locator("#chat .card button.open").first.click()
    page.locator("#document-panel .cited").wait_for(timeout=30000)
    page.wait_for_timeout(300)
    assert _page_geometry(page) == before  # neither longer nor moved
    assert _in_viewport(page, "#document-panel .cited")  # scrolled into view in the panel
    panel_top = page.evaluate("() => document.getElementById('document-panel').scrollTop")
    assert panel_top > 0
    box = page.locator("#document-panel").bounding_box()
    _scroll(page, -400, x=box["x"] + box["width"] / 2, y=box["y"] + box["height"] / 2)
    assert page.evaluate("() => document.getElementById('document-panel').scrollTop") < panel_top
    assert _page_geometry(page) == before  # the panel scrolled, not the page
    if page.size == "phone":  # a full-screen sheet, announced as a dialog
        sheet = page.evaluate(
            "() => { const p = document.getElementById('document-panel');"
            " const r = p.getBoundingClientRect();"
            " return [r.top, r.left, r.width, r.height, p.getAttribute('role')]; }"
        )
        assert sheet == [0, 0, 390, 844, "dialog"]
        _shot(page, "document-sheet")
        page.locator("#document-panel button.close").click()
        assert _focused(page) == "open-0-0"
    else:
        _shot(page, "document-panel")
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.scrollY") > 0
    _scroll_up(page)
    assert page.evaluate("() => window.scrollY") == 0
    assert _in_viewport(page, "#question textarea")
    assert _page_geometry(page)["height"] == before["height"]


def test_a_card_opens_and_closes_from_the_keyboard_alone(page):
    _ask_example(page)
    before = _page_geometry(page)
    page.locator("#question textarea").focus()
    for _ in range(40):  # back from the question box to the last card's title
        page.keyboard.press("Shift+Tab")
        if _focused(page).startswith("open-"):
            break
    card = _focused(page)
    assert card.startswith("open-0-")
    page.keyboard.press("Enter")
    page.locator("#document-panel .cited").wait_for(timeout=30000)
    page.wait_for_function("() => document.activeElement.id === 'document-heading'")
    if page.size == "phone":  # the sheet keeps focus: Shift+Tab from its heading wraps
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(
            "() => document.getElementById('document-panel').contains(document.activeElement)"
        )
        page.keyboard.press("Tab")  # and Tab from its last control wraps to the heading
        assert _focused(page) == "document-heading"
    page.keyboard.press("Tab")  # the heading, then its close button
    assert page.evaluate("() => document.activeElement.className") == "close"
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.activeElement.id === id", arg=card)
    assert page.locator("#document-panel .document").count() == 0

    page.keyboard.press("Space")  # Space opens it too; Escape closes it
    page.wait_for_function("() => document.activeElement.id === 'document-heading'")
    page.keyboard.press("Escape")
    page.wait_for_function("id => document.activeElement.id === id", arg=card)
    assert _page_geometry(page)["height"] == before["height"]


# ------------------------------------------------------------------ accessibility
def test_axe_finds_no_serious_or_critical_violation(page):
    _axe(page, "before an answer")
    _ask_example(page)
    _axe(page, "after an answer")
    page.locator("#chat .card button.open").first.click()
    page.wait_for_function("() => document.activeElement.id === 'document-heading'")
    _axe(page, "panel open")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('#document-panel .document')")
    _axe(page, "panel closed")
    assert page.locator("h1").count() == 1


# ------------------------------------------------------------------ language
def test_a_french_browser_gets_the_french_page_and_can_switch(browser, server):
    page = _open(browser, server, "phone", locale="fr-FR")
    page.size = "phone"
    try:
        assert page.locator("h1").inner_text().startswith("Résolutions de l’ONU")
        assert page.locator("#question label").inner_text().startswith("Votre question")
        assert page.locator("#ask").inner_text() == "Demander"
        assert page.locator("#new").inner_text() == "Nouvelle conversation"
        assert page.evaluate("() => document.documentElement.lang") == "fr"
        example = page.locator("#chat button.example").first.inner_text()
        assert example.startswith("Que ")
        _shot(page, "french")
        _axe(page, "French page")
        _ask_example(page)
        card = page.locator("#chat .card").first
        assert card.locator("button.copy").inner_text() == "Copier la citation"
        assert "la lire dans son document" in card.locator("button.open").inner_text()

        french = page.locator("#header button[data-choose=fr]")
        assert french.get_attribute("aria-pressed") == "true"
        page.locator("#header button[data-choose=en]").click()
        page.wait_for_function("() => document.querySelector('#ask').innerText === 'Ask'")
        assert page.locator("#question label").inner_text().startswith("Your question")
        assert page.locator("#chat .card button.copy").first.inner_text() == "Copy citation"
        assert page.evaluate("() => document.documentElement.lang") == "en"
        english = page.locator("#header button[data-choose=en]")
        assert english.get_attribute("aria-pressed") == "true"
        assert example in page.locator("#chat .asked").first.inner_text()  # kept
    finally:
        page.context.close()


def test_a_filter_leaving_out_the_named_document_says_so(browser, server):
    page = _open(browser, server, "desktop")
    page.size = "desktop"
    try:
        page.locator("#filter input").click()
        page.get_by_role("option", name="A/RES/75/32").click()
        page.keyboard.press("Escape")
        _ask(page, "What does the draft resolution stress about human rights?")
        answer = page.locator("#chat .turn:last-of-type .answer").inner_text()
        assert "names draft resolution, agenda item 93" in answer
        assert "searched only A/RES/75/32" in answer
        documents = {
            c.get_attribute("data-clause").split("#")[0] for c in page.locator("#chat .card").all()
        }
        assert documents == {"A-RES-75-32"}
    finally:
        page.context.close()


ENGLISH_PDF = (
    Path(__file__).resolve().parents[2] / "shared/corpora/english-resolutions/A_RES_73_6-EN.pdf"
)


@pytest.fixture(scope="module")
def english_server(tmp_path_factory, settings, embedder, bot):
    """The chat page over a copy of the index with an English resolution added as its
    official PDF (A/RES/73/6, from ../shared), as a user would add it."""
    import shutil

    from conftest import chat_page

    from assistant import Assistant

    if not ENGLISH_PDF.is_file():
        pytest.skip(f"{ENGLISH_PDF} is not here (../shared/corpora)")
    folder = tmp_path_factory.mktemp("english") / "index"
    shutil.copytree(settings.resolved_index_dir, folder)
    added = Assistant.load(settings.model_copy(update={"index_dir": folder}), embedder=embedder)
    added.add(ENGLISH_PDF)
    yield from chat_page(added)


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("What does operative paragraph 4 of 73/6 say?", "A/RES/73/6, op. 4"),
        (
            "Que dit le paragraphe 4 du dispositif de la résolution 73/6 ?",
            "A/RES/73/6, paragraphe 4 du dispositif",
        ),
    ],
)
def test_an_added_english_pdf_is_cited_by_its_operative_paragraph(
    browser, english_server, question, title
):
    page = _open(browser, english_server, "desktop")
    try:
        _ask(page, question)
        card = page.locator("#chat .turn:last-of-type .card").first
        assert card.get_attribute("data-clause") == "A-RES-73-6#para_4"
        assert title in card.locator("button.open").inner_text()
        quote = card.locator("blockquote")
        assert quote.get_attribute("lang") == "en"  # read out in English, whatever the page
        assert "Member States" in quote.inner_text()
        card.locator("button.open").click()  # the document panel: the PDF's text, in English
        panel = page.locator("section.document")
        panel.locator(".written-in").wait_for()
        assert panel.locator(".written-in").inner_text() == "Written in English"
        assert panel.locator(".text").get_attribute("lang") == "en"
    finally:
        page.context.close()
