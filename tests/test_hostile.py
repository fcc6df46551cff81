"""Hostile input, faults and many users (issue 31), one test per class of input: invalid
text, long histories, markup that would reach out, broken and bomb files, a reader during
a write, nonsense, bad settings, a taken port, the upload route. Every case gets an
answer, an abstention or a one-line error, never a traceback, and a refused input leaves
the index as it was. Random text and histories come from hypothesis."""

from __future__ import annotations

import io
import json
import re
import shutil
import socket
import string
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import chat_page
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from assistant import Assistant
from assistant.asking.answer import Citation, compose
from assistant.errors import DocumentError, InvalidQuestion, RequestTimeout, SettingsError
from assistant.reading.sanitize import clean_text
from assistant.settings import Settings, SettingsWarning
from index.store import index_lock, live_generation
from ui.cli import main

REMOTE = "203.0.113.9"  # TEST-NET-3: never a real host
HOSTILE = (
    f"![pixel](http://{REMOTE}/p.png) [la source](https://{REMOTE}/s) "
    f'<img src="http://{REMOTE}/i.png"> www.{REMOTE}.example contact@{REMOTE}.example '
    f"<http://{REMOTE}/auto> \\[échappé](//{REMOTE}/x) ![relatif](//{REMOTE}/r.png)"
)
NOTE = (
    "L’Assemblée générale,\n\n"
    "Rappelant sa résolution sur les câbles sous-marins,\n\n"
    "1. Demande aux États de protéger les câbles sous-marins de télécommunications "
    f"contre les actes de sabotage {HOSTILE} ;\n\n"
    "2. Prie le Secrétaire général de lui présenter un rapport sur la sécurité des "
    "câbles sous-marins.\n"
)
CABLES = "Who must protect undersea cables against sabotage?"


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="module")
def index_root(tmp_path_factory, settings, embedder):
    """The bundled corpus plus a note whose operative paragraph holds every kind of
    markup that could fetch or link something; this module's own index."""
    root = tmp_path_factory.mktemp("hostile") / "index"
    bot = Assistant.load(settings.model_copy(update={"index_dir": root}), embedder=embedder)
    note = tmp_path_factory.mktemp("files") / "cables.txt"
    note.write_text(NOTE, encoding="utf-8")
    bot.add(note)
    return root


@pytest.fixture(scope="module")
def local(settings, index_root):
    return settings.model_copy(update={"index_dir": index_root})


@pytest.fixture(scope="module")
def hbot(local, embedder):
    return Assistant.load(local, embedder=embedder)


@pytest.fixture()
def copy_of(tmp_path, index_root, local, embedder):
    """A fresh copy of the module's index, loaded on demand."""
    folder = tmp_path / "index"
    shutil.copytree(index_root, folder)
    settings = local.model_copy(update={"index_dir": folder})
    return settings, (lambda: Assistant.load(settings, embedder=embedder))


def _state(root: Path) -> tuple[str, str]:
    gen = live_generation(root)
    return gen.name, (gen / "manifest.json").read_text()


def _outcome(bot: Assistant, question, history=None) -> str:
    """ "answer", "abstention" or "error" (one line); anything else fails the test."""
    try:
        answer = bot.ask(question, history=history)
    except InvalidQuestion as exc:
        assert "\n" not in str(exc) and str(exc).strip()
        return "error"
    json.dumps(answer.to_dict(), ensure_ascii=False).encode("utf-8")  # valid text throughout
    assert not _active(answer.text)
    return "abstention" if answer.abstained else "answer"


def _active(markdown: str) -> list[str]:
    """What in a markdown text would link or fetch, in any renderer: links, images and
    raw HTML once rendered (CommonMark), and what GFM turns into links by itself."""
    html = MarkdownIt("commonmark").render(markdown)
    found = re.findall(r"<(?:a|img)\b[^>]*>", html)
    found += re.findall(r"(?i)\b(?:https?|ftp)://|\bwww\.|[\w.+-]+@[\w-]+\.\w", markdown)
    return found


# ------------------------------------------------------------------ invalid text
INVALID_TEXT = {
    "lone surrogate": "What does 75/32 decide about the OEWG?\ud800",
    "undecodable bytes": b"Que dit la 75/32 sur le GTCNL ?" + b"\xff\xfe\xc3",
    "controls and NUL": "What does\x00 75/32\x1b[31m decide\x07 about the OEWG?",
    "bidirectional override": "What does \u202e75/32\u202c decide about the OEWG?",
    "decomposed accents": "Que dit le projet sur les droits de l’homme ?".replace("é", "e\u0301"),
    "noncharacters": "What does 75/32 decide\ufffe about the OEWG?\U0010ffff",
}


@pytest.mark.parametrize("kind", INVALID_TEXT)
def test_invalid_text_in_a_question_or_history_is_cleaned_not_fatal(hbot, kind):
    text = INVALID_TEXT[kind]
    assert _outcome(hbot, text) in ("answer", "abstention")
    turn = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    history = [{"role": "user", "content": turn}, {"role": "assistant", "content": turn}]
    assert _outcome(hbot, "and the draft?", history) in ("answer", "abstention")


def test_clean_text_is_valid_nfc_without_controls():
    cleaned = clean_text("e\u0301\ud800\x00\x1b\u202e\r\nok\ufeff\tx")
    cleaned.encode("utf-8")
    assert cleaned == "é\ufffd\nok\tx"
    assert clean_text(b"caf\xc3\xa9 \xff") == "café \ufffd"


@hsettings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    question=st.lists(st.integers(0, 0x10FFFF), max_size=60).map(
        lambda cps: "".join(map(chr, cps))
    ),
    history=st.lists(
        st.one_of(
            st.fixed_dictionaries(
                {
                    "role": st.sampled_from(["user", "assistant", "system", "", None]),
                    "content": st.one_of(
                        st.text(max_size=300), st.none(), st.integers(), st.lists(st.text())
                    ),
                }
            ),
            st.text(max_size=20),
            st.none(),
        ),
        max_size=6,
    ),
)
def test_random_text_and_histories_get_an_answer_or_one_line(hbot, question, history):
    assert _outcome(hbot, question, history) in ("answer", "abstention", "error")


def test_wrong_types_are_one_line_errors(hbot):
    for call in (
        lambda: hbot.ask(None),
        lambda: hbot.ask(["OEWG"]),
        lambda: hbot.ask("OEWG?", history="not a list"),
        lambda: hbot.ask("OEWG?", documents="A-RES-75-32"),
        lambda: hbot.ask("OEWG?", documents=[{"id": 1}]),
    ):
        with pytest.raises(InvalidQuestion) as caught:
            call()
        assert "\n" not in str(caught.value)


# ------------------------------------------------------------------ long histories
def test_a_megabyte_history_turn_is_read_in_linear_time_and_cut_to_the_limits(hbot):
    big = ("The OEWG and the GGE discuss confidence-building measures. " * 20_000)[:1_000_000]
    history = [{"role": "user", "content": big}, {"role": "assistant", "content": big}]
    assert _outcome(hbot, "and the draft?", history) in ("answer", "abstention")
    from assistant.asking.glossary import find_terms
    from assistant.asking.query import Query, other_words

    text = big[:200_000]  # the term matcher itself, uncut
    terms = find_terms(text)
    assert len(terms) > 5_000
    query = Query(question=text, text=text, language="en", terms=terms)
    blanked = other_words(query)
    assert len(blanked) == len(text) and "OEWG" not in blanked and "discuss" in blanked


def test_older_turns_are_dropped_not_the_request(hbot):
    from assistant.core import _valid_history

    limits = hbot.settings.model_copy(
        update={
            "max_history_turns": 4,
            "max_history_chars": 1000,
            "max_turn_chars": 300,
            "max_history_question_chars": 900,
        }
    )
    turns = [{"role": "user", "content": f"question {i} " * 10} for i in range(10)]
    kept = _valid_history(turns, limits)
    assert [t["content"] for t in kept] == [t["content"] for t in turns[-4:]]
    structured = [{"type": "text", "text": "z" * 200}, {"type": "image", "url": "x"}] * 1000
    kept = _valid_history([{"role": "assistant", "content": structured}], limits)
    assert kept == [{"role": "assistant", "content": ("z" * 200 + "\n" + "z" * 100)[:300]}]
    long = [{"role": "assistant", "content": "x" * 5000}, {"role": "user", "content": "y" * 900}]
    kept = _valid_history(long, limits)  # the assistant turn, cut to 300, no longer fits
    assert kept == [{"role": "user", "content": "y" * 900}]


def test_a_request_over_its_time_is_a_one_line_error(hbot):
    slow = Assistant.__new__(Assistant)
    slow.__dict__.update(hbot.__dict__)
    slow.settings = hbot.settings.model_copy(update={"request_timeout_s": 1e-9})
    history = [{"role": "user", "content": "What does 75/32 decide?"}]
    with pytest.raises(RequestTimeout, match="took longer than") as caught:
        slow.ask("and the draft?", history=history)
    assert "\n" not in str(caught.value)


# ------------------------------------------------------------------ nothing active
def test_markup_from_a_document_is_inert_in_the_answer_and_verbatim_in_the_quote(hbot):
    answer = hbot.ask(CABLES)
    assert answer.citations[0].clause_id == "cables#para_1"
    quote = answer.citations[0].quote  # the document's text (the parser drops full URLs)
    assert f"![relatif](//{REMOTE}/r.png)" in quote and f"contact@{REMOTE}" in quote
    assert _active(answer.text) == []
    rendered = MarkdownIt("commonmark").render(answer.text)
    shown = quote.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert shown.replace('"', "&quot;") in rendered  # it reads as the quote, once rendered


def test_markup_from_a_question_is_inert_in_the_answer(hbot):
    for question in (
        f"What does 75/32 say about {HOSTILE}?",
        f"Que dit le projet sur [la paix](http://{REMOTE}/x) ?",
        f"What does 75/32 say about the ![budget](//{REMOTE}/b.png)?",
    ):
        answer = hbot.ask(question)
        assert _active(answer.text) == [], answer.text


def test_every_composed_field_is_inert():
    citation = Citation(
        document="A/RES/75/32",
        paragraph="op. 1",
        clause_id="x#para_1",
        quote=HOSTILE,
        score=1.0,
        kind="operative",
        lead_line="**A/RES/75/32, op. 1** — requests:",
        footnotes=[f"1 [A/1](http://{REMOTE}/f)"],
    )
    text, _ = compose([citation], "en")
    assert _active(text) == []


# ------------------------------------------------------------------ files
def _docx(path: Path, document_xml: bytes, extra: dict[str, bytes] | None = None) -> Path:
    """A .docx made from the parts a real one has, with its document.xml replaced."""
    import docx

    source = io.BytesIO()
    docx.Document().save(source)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for item in original.infolist():
            data = document_xml if item.filename == "word/document.xml" else original.read(item)
            z.writestr(item.filename, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def test_a_batch_reports_each_file_and_never_aborts(copy_of, tmp_path, embedder, monkeypatch):
    settings, load = copy_of
    before = _state(settings.index_dir)
    folder = tmp_path / "batch"
    folder.mkdir()
    _docx(folder / "a-broken-xml.docx", b"<w:document><w:body><w:p>unclosed")
    _docx(folder / "b-bomb.docx", b"", {"word/media/zeros.bin": b"\0" * 30_000_000})
    (folder / "c-random.pdf").write_bytes(bytes(range(256)) * 40)
    (folder / "d-satellites.txt").write_text(
        NOTE.replace("câbles sous-marins", "satellites").replace(HOSTILE, ""), encoding="utf-8"
    )
    monkeypatch.setattr("embeddings.model.Embedder.load", classmethod(lambda cls, s: embedder))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.index_dir))
    result = CliRunner().invoke(main, ["add", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    skipped = [line for line in result.output.splitlines() if line.startswith("Skipped:")]
    assert len(skipped) == 3, result.output
    assert "a-broken-xml.docx" in skipped[0] and "b-bomb.docx" in skipped[1]
    assert "compression bomb" in skipped[1]
    assert "Added" in result.output and "1 added, 3 skipped." in result.output
    assert _state(settings.index_dir) != before
    assert "d-satellites" in {d.doc_id for d in load().documents}


def test_refused_files_and_questions_leave_the_index_unchanged(copy_of, tmp_path):
    settings, load = copy_of
    bot = load()
    before = _state(settings.index_dir)
    bomb = _docx(tmp_path / "bomb.docx", b"", {"word/media/z.bin": b"\0" * 30_000_000})
    broken = _docx(tmp_path / "broken.docx", b"<w:document><unclosed")
    for path in (bomb, broken):
        with pytest.raises(DocumentError) as caught:
            bot.add(path)
        assert "\n" not in str(caught.value)
    for question in ("", "\ud800" * 3000, "<b></b>", "x" * 5000):
        assert _outcome(bot, question) == "error"
    assert _state(settings.index_dir) == before
    assert len(load().documents) == len(bot.documents)


# ------------------------------------------------------------------ readers and writers
def test_a_reader_does_not_wait_for_a_writer(copy_of):
    settings, load = copy_of
    loaded: list[Assistant] = []
    with index_lock(settings.index_dir):  # as an `add` running in another process holds it
        reader = threading.Thread(target=lambda: loaded.append(load()), daemon=True)
        reader.start()
        reader.join(timeout=120)
        assert loaded, "loading waited for the writer's lock"
    assert loaded[0].ask(CABLES).citations[0].clause_id == "cables#para_1"


def test_leftovers_of_an_interrupted_write_are_removed_at_the_next_open(copy_of):
    settings, load = copy_of
    root = settings.index_dir
    staging = root / ".staging-gen-20260101T000000-deadbeef"
    staging.mkdir()
    (staging / "dense.faiss").write_bytes(b"partial")
    (root / ".CURRENT-deadbeef").write_text("gen-x\n")
    load()
    assert not staging.exists() and not (root / ".CURRENT-deadbeef").exists()


def test_a_question_reads_one_generation_while_another_is_swapped_in(copy_of):
    _, load = copy_of
    bot = load()
    snapshot = bot._snapshot
    without_the_note = load()
    without_the_note.remove("cables")
    seen = []
    original = bot.retriever.search

    def search_during_a_swap(query, k):
        bot._use(without_the_note.contents)  # a change committed meanwhile
        seen.append(bot._snapshot is not snapshot)
        return original(query, k)

    bot._snapshot.retriever.search = search_during_a_swap
    try:
        answer = bot.ask(CABLES)
    finally:
        del snapshot.retriever.search
    assert seen == [True] and answer.citations[0].clause_id == "cables#para_1"


# ------------------------------------------------------------------ nonsense
LETTERS = {"en": string.ascii_lowercase, "fr": string.ascii_lowercase + "éèêàâçôîûù"}


@pytest.mark.parametrize("language", LETTERS)
@hsettings(
    max_examples=3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_random_letters_are_refused_nine_times_in_ten(hbot, language, data):
    # letters drawn one by one (st.text would also try the words it finds in the code)
    word = st.lists(st.sampled_from(LETTERS[language]), min_size=1, max_size=12).map("".join)
    strings = data.draw(
        st.lists(st.lists(word, min_size=1, max_size=4).map(" ".join), min_size=30, max_size=30)
    )
    refused = sum(hbot.ask(s).abstained for s in strings)
    assert refused >= 0.9 * len(strings), strings


SMALL_TALK = {  # (text, language of the reply when it is French)
    "greeting": [("Hello!", ""), ("hi there", ""), ("Good morning", ""), ("Bonjour !", "fr")],
    "how are you": [("How are you?", ""), ("how is it going", ""), ("Ça va ?", "fr")],
    "thanks": [("Thanks!", ""), ("thank you very much", ""), ("Merci beaucoup", "fr")],
    "farewell": [("Bye", ""), ("Goodbye, see you later", ""), ("Au revoir", "fr")],
    "filler": [("ok", ""), ("hmm", ""), ("lol", ""), ("Oui", "fr"), ("test", ""), ("?!", "")],
}


@pytest.mark.parametrize("kind", SMALL_TALK)
def test_small_talk_gets_a_short_reply_saying_what_is_answered(hbot, kind):
    for text, french in SMALL_TALK[kind]:
        answer = hbot.ask(text)
        assert answer.abstained and not answer.citations, text
        assert "75/32" in answer.text and len(answer.text) < 400
        if french:
            assert answer.language == "fr", text
    if kind == "greeting":  # a question with a greeting, or of few words, is answered
        assert hbot.ask("Hello, what does 75/32 decide about the OEWG?").citations
        assert not hbot.ask("OEWG?").abstained


# ------------------------------------------------------------------ settings and start-up
def test_a_bad_setting_is_one_line_naming_the_variable_and_type(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TOP_K", "abc")
    with pytest.raises(SettingsError) as caught:
        Settings.from_env()
    message = str(caught.value)
    assert "\n" not in message and "ASSISTANT_TOP_K='abc'" in message and "an integer" in message
    result = CliRunner().invoke(main, ["ask", "OEWG?"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.startswith("Error: Invalid setting — ASSISTANT_TOP_K")
    monkeypatch.setenv("ASSISTANT_TOP_K", "3")
    monkeypatch.setenv("ASSISTANT_MIN_COSINE", "0.7")
    with pytest.raises(SettingsError, match=r"ASSISTANT_MIN_COSINE='0\.7': expected a JSON object"):
        Settings.from_env()


def test_an_unknown_variable_warns_with_the_closest_name(monkeypatch):
    monkeypatch.setenv("ASSISTANT_TOPK", "5")
    with pytest.warns(SettingsWarning, match="ASSISTANT_TOPK .*did you mean ASSISTANT_TOP_K"):
        Settings.from_env()


def test_every_setting_can_be_set_from_the_environment(monkeypatch, tmp_path):
    import typing

    chosen = {}
    for name, field in Settings.model_fields.items():
        default = Settings().__getattribute__(name)
        if isinstance(default, dict):
            value = {k: v / 2 for k, v in default.items()}
            text = json.dumps(value)
        elif isinstance(default, bool):
            value, text = not default, str(not default).lower()
        elif isinstance(default, int):
            value = max(default // 2, 1)  # within every field's bounds
            text = str(value)
        elif isinstance(default, float):
            value = default / 2
            text = str(value)
        elif typing.get_origin(field.annotation) is typing.Literal:
            value = text = typing.get_args(field.annotation)[-1]
        elif name == "model":
            value = text = "some/model"
        else:  # the folders
            value = tmp_path / name
            text = str(value)
        monkeypatch.setenv(f"ASSISTANT_{name.upper()}", text)
        chosen[name] = value
    loaded = Settings.from_env()
    assert {name: getattr(loaded, name) for name in chosen} == chosen


def test_a_port_in_use_says_so_and_suggests_another(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Port {port} on 127.0.0.1 is already in use" in result.output
    assert f"PORT={port + 1}" in result.output


# ------------------------------------------------------------------ the page
@pytest.fixture(scope="module")
def server(hbot):
    yield from chat_page(hbot)


def test_the_anonymous_upload_route_takes_no_file(server):
    import httpx

    files = {"files": ("big.bin", b"\0" * 1_000_000, "application/octet-stream")}
    response = httpx.post(f"{server}gradio_api/upload", files=files, timeout=60)
    assert response.status_code == 413


def test_the_http_api_answers_invalid_text_without_a_raw_error(server):
    """Lone surrogates sent as JSON escapes ("\\ud800"), as any HTTP client may send them."""
    import httpx

    for question in ("What does 75/32 decide about the OEWG?\ud800", "\ud800", "hello"):
        body = json.dumps({"data": [question, [{"role": "user", "content": "\udfff"}], []]})
        posted = httpx.post(
            f"{server}gradio_api/call/ask",
            content=body,  # ASCII JSON: the surrogates travel as escapes
            headers={"content-type": "application/json"},
            timeout=60,
        )
        event = posted.json()["event_id"]
        stream = httpx.get(f"{server}gradio_api/call/ask/{event}", timeout=120).text
        assert "event: complete" in stream, stream
        data = json.loads(stream.split("event: complete\ndata:", 1)[1].strip().splitlines()[0])[0]
        assert data["question"].encode("utf-8")
        assert "error" in data or data["abstained"] in (True, False)


def test_the_command_line_takes_invalid_text(monkeypatch, local, embedder):
    monkeypatch.setattr("embeddings.model.Embedder.load", classmethod(lambda cls, s: embedder))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(local.index_dir))
    result = CliRunner().invoke(main, ["ask", "What does 75/32 decide about the OEWG?\udcff"])
    assert result.exit_code == 0 and "A/RES/75/32, op. 6" in result.output
    result = CliRunner().invoke(main, ["chat"], input="OEWG \x1b[2J \u202e?\nhello\n\n")
    assert result.exit_code == 0 and "Traceback" not in result.output


def test_no_request_leaves_the_host_while_a_hostile_quote_is_shown(server, browser):
    from urllib.parse import urlparse

    page = browser.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server)
    box = page.locator("#question textarea")
    box.wait_for()
    box.fill(f"{CABLES} {HOSTILE}")
    box.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('pixel')", timeout=60000
    )
    box.fill(CABLES)
    box.press("Enter")
    page.locator("#chat .card").first.wait_for(timeout=60000)
    page.wait_for_function(
        "() => document.querySelector('#chat').innerText.includes('sabotage ![')",
        timeout=60000,
    )
    page.wait_for_timeout(1500)  # time for any image to be fetched
    chat = page.locator("#chat")
    assert f"![pixel](http://{REMOTE}/p.png)" in chat.inner_text()  # the question, as text
    assert f"![relatif](//{REMOTE}/r.png)" in chat.inner_text()  # the quote, as text
    assert chat.locator("img").count() == 0
    assert chat.locator(f"a[href*='{REMOTE}']").count() == 0
    assert page.locator(f"a[href*='{REMOTE}'], img[src*='{REMOTE}']").count() == 0
    page.close()
    hosts = {urlparse(url).hostname for url in requested if not url.startswith(("data:", "blob:"))}
    assert hosts <= {"127.0.0.1", "localhost"}, sorted(hosts)
