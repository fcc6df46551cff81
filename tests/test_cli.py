"""The `assistant` command, through click's runner, on the real model and index."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main


@pytest.fixture()
def run(settings, bot, embedder, monkeypatch):
    monkeypatch.setattr("embeddings.model.Embedder.load", classmethod(lambda cls, s: embedder))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(settings.resolved_index_dir))

    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input)

    return invoke


def test_ask_json(run):
    result = run("ask", "What does 75/32 decide about the OEWG?", "--json", "-k", "2")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["citations"][0]["paragraph"] == "op. 6" and len(data["citations"]) == 2


def test_ask_text(run):
    result = run("ask", "Que dit le paragraphe 3 du projet ?")
    assert result.exit_code == 0 and "« Décide d’inscrire" in result.output


def test_chat_keeps_history(run):
    result = run("chat", input="What does 75/32 decide about the OEWG?\nand the GGE?\n\n")
    assert result.exit_code == 0
    assert result.output.count("A/RES/75/32, op. 6") >= 2


def test_index_reports_counts(run):
    result = run("index")
    assert result.exit_code == 0 and "2 documents" in result.output


def test_errors_are_one_clean_line(run):
    result = run("ask", "   ")
    assert result.exit_code == 1 and result.output.startswith("Error: The question is empty")
    assert "Traceback" not in result.output


def test_corrupted_index_names_the_fix(run, settings, tmp_path, monkeypatch):
    import shutil

    from index.store import live_generation

    copy = tmp_path / "index"
    shutil.copytree(settings.resolved_index_dir, copy)
    victim = live_generation(copy) / "dense.faiss"
    victim.write_bytes(victim.read_bytes()[:-7])
    result = run("ask", "What does 75/32 decide?", "--index-dir", str(copy))
    assert result.exit_code == 1 and "assistant index --rebuild" in result.output
