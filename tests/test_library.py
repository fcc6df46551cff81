"""Adding and removing documents with the real model and a real on-disk index:
incremental embedding, persistence, duplicates, bad files, damage and recovery."""

from __future__ import annotations

import json
import shutil

import pytest

from assistant import Assistant
from assistant.checksums import file_sha256
from assistant.errors import DocumentError, IndexCorrupted, IndexMismatch
from index.store import FORMAT_VERSION, live_generation

NOTE = (
    "Rappelant sa résolution sur les câbles sous-marins,\n\n"
    "1. Demande aux États de protéger les câbles sous-marins de télécommunications "
    "contre les actes de sabotage ;\n\n"
    "2. Prie le Secrétaire général de lui présenter un rapport sur la sécurité des "
    "câbles sous-marins.\n"
)


def note_file(folder, name="cables.txt", text=NOTE):
    path = folder / name
    path.write_text("L’Assemblée générale,\n\n" + text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def base_index(settings, bot):
    """The run's index of the bundled corpus (built once); each test works on its own copy."""
    return settings.resolved_index_dir


@pytest.fixture()
def library(tmp_path, base_index, settings, embedder):
    folder = tmp_path / "index"
    shutil.copytree(base_index, folder)
    local = settings.model_copy(update={"index_dir": folder})
    return lambda **kw: Assistant.load(local, embedder=embedder, **kw)


def test_add_embeds_only_the_new_clauses_and_answers_from_them(library, tmp_path):
    bot = library()
    before = len(bot.contents.passages)
    doc = bot.add(note_file(tmp_path))
    assert doc.doc_id == "cables" and [c.paragraph for c in doc.clauses] == [
        "pp. 1",
        "op. 1",
        "op. 2",
    ]
    assert bot.contents.embedded == 3 and len(bot.contents.passages) == before + 3
    answer = bot.ask("Who must protect undersea cables against sabotage?")
    assert answer.citations[0].clause_id == "cables#para_1"
    # the seeds still answer as before
    assert bot.ask("What does 75/32 decide about the OEWG?").citations[0].paragraph == "op. 6"


def test_added_documents_persist_and_are_removed(library, tmp_path):
    bot = library()
    bot.add(note_file(tmp_path))
    again = library()
    assert again.is_added(again.find("cables")) and len(again.documents) == 3
    removed = again.remove("cables.txt")  # by file name, id, label or symbol
    assert removed.doc_id == "cables" and again.contents.embedded == 0
    assert [d.doc_id for d in library().documents] == ["draft-74-item93-rev", "A-RES-75-32"]


def test_duplicates_are_refused_and_nothing_changes(library, tmp_path):
    bot = library()
    bot.add(note_file(tmp_path))
    live = live_generation(bot.settings.resolved_index_dir)
    with pytest.raises(DocumentError, match="already in the index with the same text"):
        bot.add(note_file(tmp_path, "copy-of-cables.txt"))
    with pytest.raises(DocumentError, match="already in the index"):
        bot.add(note_file(tmp_path, "cables.txt", NOTE.replace("sabotage", "dommages")))
    assert live_generation(bot.settings.resolved_index_dir) == live
    assert len(library().documents) == 3


def test_bad_files_leave_the_index_untouched(library, tmp_path):
    bot = library()
    live = live_generation(bot.settings.resolved_index_dir)
    files = {"empty.txt": b"", "junk.txt": bytes(range(256)) * 20, "bad.pdf": b"%PDF-1.7 junk"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(DocumentError):
            bot.add(tmp_path / name)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(NOTE.encode() * (50 * 2**20 // len(NOTE.encode()) + 1))
    with pytest.raises(DocumentError, match="limit"):
        bot.add(huge)
    assert live_generation(bot.settings.resolved_index_dir) == live
    assert len(library().documents) == 2


def test_the_last_document_cannot_be_removed_and_unknown_ones_are_named(library):
    bot = library()
    with pytest.raises(DocumentError, match="it holds: draft-74-item93-rev, A-RES-75-32"):
        bot.remove("A/RES/99/1")
    bot.remove("A/RES/75/32")
    with pytest.raises(DocumentError, match="only document"):
        bot.remove("draft-74-item93-rev")


def test_two_processes_adding_at_once_both_land(library, tmp_path):
    first, second = library(), library()  # both loaded before either adds
    first.add(note_file(tmp_path))
    second.add(note_file(tmp_path, "other.txt", NOTE.replace("câbles", "satellites")))
    assert {d.doc_id for d in library().documents} >= {"cables", "other"}


@pytest.mark.parametrize("victim", ["dense.faiss", "clauses.jsonl", "lexical/vocab.index.json"])
def test_damage_is_caught_and_rebuild_keeps_added_documents(library, tmp_path, victim):
    bot = library()
    bot.add(note_file(tmp_path))
    path = live_generation(bot.settings.resolved_index_dir) / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x04
    path.write_bytes(bytes(data[: len(data) * 3 // 4]) if victim == "dense.faiss" else bytes(data))
    with pytest.raises(IndexCorrupted, match="assistant index --rebuild"):
        library()
    rebuilt = library(rebuild=True)
    assert rebuilt.find("cables") is not None  # recovered (from the backup if need be)
    assert (
        rebuilt.ask("Who must protect undersea cables?")
        .citations[0]
        .clause_id.startswith("cables#")
    )


def test_an_index_of_another_model_is_refused(library):
    folder = library().settings.resolved_index_dir
    gen = live_generation(folder)
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest["model"]["fingerprint"] = "other-model:0000"
    (gen / "manifest.json").write_text(json.dumps(manifest))
    (gen / "manifest.sha256").write_text(file_sha256(gen / "manifest.json"))
    with pytest.raises(IndexMismatch, match="cannot be mixed"):
        library()
    assert library(rebuild=True).contents.manifest["model"]["fingerprint"] != "other-model:0000"


def test_a_changed_corpus_folder_keeps_added_documents(library, tmp_path, documents):
    bot = library()
    bot.add(note_file(tmp_path))
    only_one = [documents["A-RES-75-32"]]
    changed = library(documents=only_one)
    assert [d.doc_id for d in changed.documents] == ["A-RES-75-32", "cables"]
    assert changed.contents.embedded == 0  # every vector was reused


def test_an_index_of_the_previous_format_is_rebuilt_with_the_added_documents(library, tmp_path):
    bot = library()
    bot.add(note_file(tmp_path))
    gen = live_generation(bot.settings.resolved_index_dir)
    manifest = json.loads((gen / "manifest.json").read_text())
    manifest["format_version"] = 2  # as written before propositions were embedded
    (gen / "manifest.json").write_text(json.dumps(manifest))
    (gen / "manifest.sha256").write_text(file_sha256(gen / "manifest.json"))
    upgraded = library()
    assert upgraded.contents.manifest["format_version"] == FORMAT_VERSION
    assert [d.doc_id for d in upgraded.documents][-1] == "cables"
    assert upgraded.contents.propositions  # the seeds' long clauses, cut up
    cited = upgraded.ask("Who must protect undersea cables?").citations[0]
    assert cited.clause_id == "cables#para_1"


def test_a_new_version_replaces_the_old_one(library, tmp_path):
    bot = library()
    bot.add(note_file(tmp_path))
    revised = note_file(tmp_path, "cables.txt", NOTE.replace("sabotage", "dommages"))
    with pytest.raises(DocumentError, match="--replace"):
        bot.add(revised)
    bot.add(revised, replace=True)
    assert "dommages" in bot.find("cables").clauses[1].text
    assert bot.contents.embedded == 1  # only the changed paragraph
    assert [d.doc_id for d in library().documents].count("cables") == 1


def test_a_topic_becomes_answerable_once_a_text_speaks_of_it(library, tmp_path):
    bot = library()
    question = "What is the budget of the open-ended working group?"
    assert bot.ask(question).abstained
    bot.add(
        note_file(
            tmp_path,
            "budget.txt",
            "1. Décide d’allouer au Groupe de travail à composition non limitée un budget "
            "de deux millions de dollars.\n",
        )
    )
    assert bot.ask(question).citations[0].clause_id == "budget#para_1"


CHAIR_NOTE = (
    "Rappelant la création du comité consultatif,\n\n"
    "1. Décide que le président du comité consultatif sera élu pour deux ans ;\n\n"
    "2. Prie le président du comité de lui présenter un rapport annuel.\n"
)


def test_a_topic_other_texts_speak_of_is_not_answered_from_one_that_does_not(library, tmp_path):
    """Once a text speaks of chairs, "who chairs the GGE?" must still not be answered
    from the clauses on the GGE: their texts never speak of a chair."""
    bot = library()
    question = "Who chairs the Group of Governmental Experts?"
    alone = bot.ask(question)
    assert alone.abstained and "of the resolutions speaks of “chairs”" in alone.reason
    bot.add(note_file(tmp_path, "comite.txt", CHAIR_NOTE))
    mixed = bot.ask(question)
    assert mixed.abstained and "speaks of “chairs”" in mixed.reason
    assert "of the resolutions" not in mixed.reason  # the text that came closest is named
    own = bot.ask("For how long is the chair of the advisory committee elected?")
    assert own.citations[0].clause_id == "comite#para_1"


def test_a_resolution_not_in_the_corpus_names_the_resolutions_and_counts_the_rest(
    library, tmp_path
):
    """With many texts added, the message names the resolutions, not every text."""
    bot = library()
    for n in range(4):
        bot.add(note_file(tmp_path, f"note{n}.txt", NOTE.replace("sous-marins", f"n° {n}")))
    answer = bot.ask("What does resolution 76/19 say?")
    assert answer.abstained and answer.reason.startswith(
        "76/19 is not in the corpus, which holds: draft resolution, agenda item 93, "
        "74th session (revised); A/RES/75/32; and 4 other texts (`assistant list` names them)."
    )
