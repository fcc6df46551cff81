"""Shared fixtures: the real seeds, the real converted model, a real index."""

from __future__ import annotations

import pytest

from assistant.corpus import load_corpus
from assistant.settings import Settings


@pytest.fixture(scope="session")
def documents():
    return {d.doc_id: d for d in load_corpus()}


@pytest.fixture(scope="session")
def draft(documents):
    return documents["draft-74-item93-rev"]


@pytest.fixture(scope="session")
def res7532(documents):
    return documents["A-RES-75-32"]


@pytest.fixture(scope="session")
def settings(tmp_path_factory):
    # The converted model is shared with `make setup` (cache dir); the index is the test's own.
    return Settings.from_env(index_dir=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def embedder(settings):
    from embeddings.model import Embedder

    return Embedder.load(settings)


@pytest.fixture(scope="session")
def bot(settings, embedder):
    from assistant import Assistant

    return Assistant.load(settings, embedder=embedder)
