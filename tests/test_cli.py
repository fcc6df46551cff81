"""The `assistant` command, through click's runner, on the real model and index."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ui.cli import main


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


@pytest.fixture()
def run_copy(settings, bot, embedder, monkeypatch, tmp_path):
    """The CLI on a copy of the test index, for commands that change it."""
    import shutil

    shutil.copytree(settings.resolved_index_dir, tmp_path / "index")
    monkeypatch.setattr("embeddings.model.Embedder.load", classmethod(lambda cls, s: embedder))
    monkeypatch.setenv("ASSISTANT_INDEX_DIR", str(tmp_path / "index"))
    return lambda *args: CliRunner().invoke(main, list(args))


def test_add_list_remove(run_copy, tmp_path):
    good = tmp_path / "cables.txt"
    good.write_text(
        "L’Assemblée générale,\n\n1. Demande aux États de protéger les câbles sous-marins.\n",
        encoding="utf-8",
    )
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_copy("add", str(good), str(tmp_path / "empty.txt"))
    assert result.exit_code == 1  # one file was skipped
    assert "Added cables.txt (1 clauses) from cables.txt" in result.output
    assert "Skipped: empty.txt is empty" in result.output
    assert "1 passages and propositions embedded; index: 3 documents." in result.output

    listed = run_copy("list")
    assert listed.exit_code == 0
    assert "cables\tcables.txt\tlanguage fr, 1 clauses, added" in listed.output
    assert "A-RES-75-32\tA/RES/75/32\tlanguage fr, session 75, 28 clauses, corpus" in (
        listed.output
    )
    rows = [json.loads(line) for line in run_copy("list", "--json").output.splitlines()]
    assert [r["origin"] for r in rows] == ["corpus", "corpus", "added"]
    assert [r["language"] for r in rows] == ["fr", "fr", "fr"]

    again = run_copy("add", str(good))
    assert again.exit_code == 1 and "already in the index with the same text" in again.output

    answer = run_copy("ask", "Who must protect undersea cables?")
    assert "cables.txt, op. 1" in answer.output

    removed = run_copy("remove", "cables")
    assert removed.exit_code == 0 and "Removed cables.txt (cables); index: 2 documents." in (
        removed.output
    )
    missing = run_copy("remove", "cables")
    assert missing.exit_code == 1 and "No document 'cables' in the index" in missing.output


def test_add_a_folder(run_copy, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    for n in (1, 2):
        (folder / f"note{n}.txt").write_text(
            f"Le paragraphe numéro {n} traite de la coopération internationale.\n",
            encoding="utf-8",
        )
    (folder / "photo.png").write_bytes(b"\x89PNG")
    result = run_copy("add", str(folder))
    assert result.exit_code == 0, result.output
    assert result.output.count("Added note") == 2 and "photo" not in result.output


def test_an_english_resolution_is_listed_by_its_symbol_and_language(run_copy, tmp_path):
    path = tmp_path / "A-RES-12-34.en.txt"  # no header: the symbol comes from the file name
    path.write_text(
        "The General Assembly,\n\nRecalling its earlier resolutions on undersea cables,\n\n"
        "1. Calls upon all States to protect undersea telecommunication cables;\n",
        encoding="utf-8",
    )
    assert run_copy("add", str(path)).exit_code == 0
    listed = run_copy("list").output
    assert "A-RES-12-34\tA/RES/12/34\tlanguage en, session 12, 2 clauses, added" in listed
    rows = [json.loads(line) for line in run_copy("list", "--json").output.splitlines()]
    assert rows[-1]["symbol"] == "A/RES/12/34" and rows[-1]["language"] == "en"
    answer = run_copy("ask", "Which cables must States protect?").output
    assert "A/RES/12/34, op. 1" in answer


def test_ctrl_c_while_adding_leaves_the_index_as_it_was(run_copy, tmp_path, monkeypatch):
    from index.store import live_generation

    note = tmp_path / "cables.txt"
    note.write_text("1. Demande aux États de protéger les câbles sous-marins.\n", encoding="utf-8")
    live = live_generation(tmp_path / "index")

    def interrupted(self, texts, on_batch=None):
        raise KeyboardInterrupt

    monkeypatch.setattr("embeddings.model.Embedder.encode_documents", interrupted)
    result = run_copy("add", str(note), "--no-cache")
    assert result.exit_code == 130, result.output
    assert "Interrupted: the index is as it was" in result.output
    assert "Traceback" not in result.output
    assert live_generation(tmp_path / "index") == live
    assert "cables" not in run_copy("list").output
