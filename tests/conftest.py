"""Shared fixtures: the real seeds, the real converted model, a real index."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

from assistant.reading.corpus import load_corpus
from assistant.settings import Settings

# Tests count what each build embeds: no vector comes from a cache shared between them
# (tests/test_embedding_cache.py turns it on in folders of its own). Subprocesses too.
os.environ["ASSISTANT_EMBEDDING_CACHE"] = "false"
# Builds go through ONNX Runtime, whatever the CPU: no worker imports torch and loads the
# checkpoint again for each embedder it makes. The bfloat16 engine that `auto` picks on a
# CPU with AMX has tests of its own (tests/test_model.py), which name it.
os.environ.setdefault("ASSISTANT_DOCUMENT_ENGINE", "onnx")
# One thread per pytest-xdist worker when several share the CPU (`make test`): two
# workers of two threads each on two cores spend their time switching.
if int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1")) > 1:
    os.environ.setdefault("ASSISTANT_THREADS", "1")


@pytest.fixture(scope="session")
def documents():
    return {d.doc_id: d for d in load_corpus()}


@pytest.fixture(scope="session")
def draft(documents):
    return documents["draft-74-item93-rev"]


@pytest.fixture(scope="session")
def res7532(documents):
    return documents["A-RES-75-32"]


def shared_folder(tmp_path_factory) -> Path:
    """A folder of this test run that every pytest-xdist worker shares (their base
    temp folders' parent), or the run's own base temp folder without xdist."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    """The converted model is shared with `make setup` (cache dir). The index is the
    run's own, built once for all workers (the first one to ask builds it under the
    index lock; the others wait, then read it): tests that change an index copy it."""
    return Settings.from_env(index_dir=shared_folder(tmp_path_factory) / "index")


@pytest.fixture(scope="session")
def embedder(settings):
    from embeddings.model import Embedder

    return Embedder.load(settings)


@pytest.fixture(scope="session")
def bot(settings, embedder):
    from assistant import Assistant

    return Assistant.load(settings, embedder=embedder)


# The longest files first (measured: `pytest --durations=0`, summed per file): under
# pytest-xdist (`make test`, whole files per worker) a long file that starts last finishes
# alone while the other workers idle.
SLOW_FIRST = (
    "test_model.py",
    "test_eval.py",
    "test_library.py",
    "test_fault_injection.py",
    "test_ui_page.py",
    "test_embedding_cache.py",
    "test_hostile.py",
    "test_assistant.py",
    "test_verbatim_words.py",
    "test_ui.py",
    "test_questions_any_text.py",
    "test_parser_properties.py",
    "test_cli.py",
    "test_conversation.py",
    "test_english_parsing.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: i for i, name in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable within a file


# ------------------------------------------------------------ the chat page in a browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"  # Debian's; never a download


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chat_page(bot):
    """The real chat page for `bot` on a free local port: yields its address, then stops
    it (use as the body of a fixture: `yield from chat_page(bot)`)."""
    from ui.app import serve

    port = _free_port()
    demo = serve(bot, port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


@pytest.fixture(scope="module")
def server(bot):
    """The real chat page on a free local port, for the module's browser tests."""
    yield from chat_page(bot)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium missing: `make test` installs it with apt-get")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()
