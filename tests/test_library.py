"""Adding and removing documents with the real model and a real on-disk index:
incremental embedding, persistence, duplicates, bad files, damage and recovery."""

from __future__ import annotations

import json
import shutil
import warnings

import pytest

from assistant import Assistant
from assistant.errors import DocumentError, IndexCorrupted, IndexMismatch
from index.checksums import file_sha256
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


def load_and_ask(library, question: str):
    """A load, then a question: a damaged file must stop one or the other."""
    return library().ask(question)


@pytest.mark.parametrize("victim", ["dense.faiss", "clauses.jsonl", "lexical/vocab.index.json"])
def test_damage_is_caught_and_rebuild_keeps_added_documents(library, tmp_path, victim):
    bot = library()
    bot.add(note_file(tmp_path))
    path = live_generation(bot.settings.resolved_index_dir) / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x04
    path.write_bytes(bytes(data[: len(data) * 3 // 4]) if victim == "dense.faiss" else bytes(data))
    with pytest.raises(IndexCorrupted, match="assistant index --rebuild"):
        load_and_ask(library, "Who must protect undersea cables?")
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


ENDORSED = """\
Resolution adopted by the General Assembly on 2 June 2033

88/7. Political declaration of the conference on mountain lakes

The General Assembly,

Recalling its resolution 86/40 on the convening of the conference on mountain lakes,

1. Endorses the political declaration adopted by the United Nations Conference on Mountain
Lakes, which is contained in the annex to the present resolution;

2. Expresses its gratitude to the Government and the people of Nepal for hosting the
United Nations Conference on Mountain Lakes in Pokhara, Nepal, from 3 to 6 May 2033.
"""


def test_where_a_conference_was_held_is_the_clause_that_says_where(library, tmp_path):
    """The clause endorsing the conference's declaration is the closest to "where was the
    conference held?", and gives no place: the next one naming the conference that does
    answers, asked in English or in French."""
    bot = library()
    path = tmp_path / "lakes.txt"
    path.write_text(ENDORSED, encoding="utf-8")
    doc = bot.add(path)
    for question in (
        "Where did the UN conference on mountain lakes take place?",
        "Où s'est tenue la conférence des Nations Unies sur les lacs de montagne ?",
    ):
        answer = bot.ask(question)
        assert not answer.abstained, question
        assert answer.citations[0].clause_id == f"{doc.doc_id}#para_2", question
    # a number is not sought that way: no clause of the text gives one
    assert bot.ask("How many States attended the conference on mountain lakes?").abstained


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


def generation_files(folder) -> list[str]:
    gen = live_generation(folder)
    return sorted(str(p.relative_to(gen)) for p in gen.rglob("*") if p.is_file())


def test_a_flipped_bit_in_any_file_is_caught_before_an_answer_uses_it(library, tmp_path):
    """Each kind of file of a generation (documents, clauses, passages, propositions,
    both FAISS indexes, every BM25 file, the manifest): one flipped bit, and the load or
    the first question refuses, naming the fix; nothing is answered from it."""
    bot = library()
    folder = bot.settings.resolved_index_dir
    files = generation_files(folder)
    assert {"documents.json", "clauses.jsonl", "dense.faiss", "propositions.faiss"} <= set(files)
    assert any(f.startswith("lexical/") for f in files)
    gen = live_generation(folder)
    for name in files:
        path = gen / name
        original = path.read_bytes()
        data = bytearray(original)
        data[len(data) // 3] ^= 0x10
        path.write_bytes(bytes(data))
        with pytest.raises(IndexCorrupted, match="--rebuild"):
            load_and_ask(library, "What does 75/32 decide about the OEWG?")
        path.write_bytes(original)
    assert load_and_ask(library, "What does 75/32 decide about the OEWG?").citations


def test_index_verify_hashes_every_file(library, tmp_path):
    from click.testing import CliRunner

    from ui.cli import main

    bot = library()
    bot.add(note_file(tmp_path))
    folder = bot.settings.resolved_index_dir
    runner = CliRunner()
    ok = runner.invoke(main, ["index", "--verify", "--index-dir", str(folder)])
    assert ok.exit_code == 0 and "verified" in ok.output, ok.output
    added = next((folder / "added").glob("*.json"))
    added.write_bytes(added.read_bytes().replace(b"sabotage", b"sabotaje"))
    damaged = runner.invoke(main, ["index", "--verify", "--index-dir", str(folder)])
    assert damaged.exit_code == 1 and "damaged" in damaged.output


def test_newer_reading_code_rebuilds_the_index_and_reads_added_documents_again(
    library, tmp_path, monkeypatch
):
    """A stage's version changes (here: the parser's): the next load says why it
    rebuilds, reads the added document again from its text with the metadata given
    with it, and embeds nothing (the embedding cache has every vector)."""
    import assistant.reading.parsing
    import assistant.reading.readers
    from assistant.indexing.library import IndexRebuilt

    bot = library()
    bot.add(note_file(tmp_path), metadata={"title": "Câbles sous-marins"})
    folder = bot.settings.resolved_index_dir
    before = json.loads((live_generation(folder) / "manifest.json").read_text())
    assert before["pipeline"]["parse"] == assistant.reading.parsing.VERSION

    read_again = []
    parse = assistant.reading.readers.parse_document

    def counting_parse(text, source="", overrides=None):
        read_again.append(source)
        return parse(text, source=source, overrides=overrides)

    monkeypatch.setattr(assistant.reading.readers, "parse_document", counting_parse)
    monkeypatch.setattr(assistant.reading.parsing, "VERSION", assistant.reading.parsing.VERSION + 1)
    with pytest.warns(IndexRebuilt, match=r"parse \d+ -> \d+"):
        rebuilt = library()
    assert read_again == ["cables.txt"]
    manifest = rebuilt.contents.manifest
    assert manifest["pipeline"]["parse"] == assistant.reading.parsing.VERSION
    assert rebuilt.contents.embedded == 0
    cables = rebuilt.find("cables")
    assert cables is not None and cables.title == "Câbles sous-marins"
    assert rebuilt.is_added(cables)
    assert rebuilt.ask("Who must protect undersea cables?").citations[0].clause_id == (
        "cables#para_1"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", IndexRebuilt)
        library()  # up to date now: no second rebuild
