"""The on-disk index: round trip, atomic switch, checksums, model mismatch."""

from __future__ import annotations

import json

import numpy as np
import pytest

from assistant.errors import IndexCorrupted, IndexMismatch
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.store import (
    FORMAT_VERSION,
    IndexContents,
    live_generation,
    read_index,
    recover_added_documents,
    write_index,
)

MODEL = {"name": "test", "fingerprint": "fp-1", "dimension": 4}


def small_contents(documents) -> IndexContents:
    doc = documents["A-RES-75-32"]
    clauses = [c for c in doc.clauses if c.retrievable][:5]
    doc = type(doc)(**{**doc.__dict__, "clauses": clauses})
    vectors = np.eye(5, 4, dtype=np.float32) + 0.01
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return IndexContents(
        documents=[doc],
        passages=[(i, c.quote) for i, c in enumerate(clauses)],
        dense=DenseIndex.build(vectors),
        lexical=LexicalIndex.build([c.text.lower().split() for c in clauses]),
        manifest={},
        propositions=[(1, "première proposition"), (1, "seconde proposition")],
        proposition_dense=DenseIndex.build(vectors[2:4]),
    )


def test_round_trip(tmp_path, documents):
    contents = small_contents(documents)
    write_index(tmp_path, contents, MODEL, {"max_passage_tokens": 480})
    loaded = read_index(tmp_path, "fp-1")
    assert [c.clause_id for c in loaded.clauses] == [c.clause_id for c in contents.clauses]
    assert [c.quote for c in loaded.clauses] == [c.quote for c in contents.clauses]
    assert len(loaded.dense) == 5 and loaded.manifest["format_version"] == FORMAT_VERSION
    _, ids = loaded.dense.search(np.array([1, 0, 0, 0], dtype=np.float32), 2)
    assert ids[0] == 0
    assert loaded.propositions == contents.propositions
    stored = loaded.proposition_dense.vectors([0, 1])
    assert np.allclose(stored, contents.proposition_dense.vectors([0, 1]))
    assert loaded.manifest["counts"]["propositions"] == 2


def test_a_new_generation_replaces_the_old_one_which_stays_as_backup(tmp_path, documents):
    contents = small_contents(documents)
    first = write_index(tmp_path, contents, MODEL, {})
    second = write_index(tmp_path, contents, MODEL, {})
    third = write_index(tmp_path, contents, MODEL, {})
    assert live_generation(tmp_path) == third
    assert second.exists() and not first.exists()  # one backup, no pile-up


def test_crash_at_every_file_operation_keeps_a_usable_index(tmp_path, documents, monkeypatch):
    """Fault injection, step by step: the write of a new generation is interrupted
    at each of its file operations in turn (file writes, fsyncs, renames, the switch);
    each time the live index must read back whole, as the old or the new one."""
    import os

    old = small_contents(documents)
    write_index(tmp_path, old, MODEL, {})
    new = small_contents(documents)
    new.documents[0].title = "changed title"
    calls = {"n": 0, "crash_at": None}
    real = {"replace": os.replace, "fsync": os.fsync, "write_text": type(tmp_path).write_text}

    def counted(name):
        def wrapper(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == calls["crash_at"]:
                raise KeyboardInterrupt(f"killed at {name} #{calls['n']}")
            return real[name](*args, **kwargs)

        return wrapper

    monkeypatch.setattr(os, "replace", counted("replace"))
    monkeypatch.setattr(os, "fsync", counted("fsync"))
    monkeypatch.setattr(type(tmp_path), "write_text", counted("write_text"))
    calls["crash_at"] = 0
    write_index(tmp_path / "probe", small_contents(documents), MODEL, {})
    steps = calls["n"]
    assert steps >= 10
    old_title = old.documents[0].title
    for crash_at in range(1, steps + 2):  # the last round does not crash
        calls["n"], calls["crash_at"] = 0, crash_at
        crashed = False
        try:
            write_index(tmp_path, new, MODEL, {})
        except KeyboardInterrupt:
            crashed = True
        loaded = read_index(tmp_path, "fp-1")  # verifies every checksum
        assert [c.quote for c in loaded.clauses] == [c.quote for c in old.clauses]
        # the last operation, the folder's fsync, comes after the switch: the new index
        switched = not crashed or crash_at == steps
        assert loaded.documents[0].title == ("changed title" if switched else old_title)
        assert crashed == (crash_at <= steps)
        calls["crash_at"] = None
        write_index(tmp_path, old, MODEL, {})  # back to the old index for the next round


def test_crash_before_switch_keeps_previous_index(tmp_path, documents, monkeypatch):
    contents = small_contents(documents)
    live = write_index(tmp_path, contents, MODEL, {})

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("killed while writing")

    monkeypatch.setattr(LexicalIndex, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        write_index(tmp_path, contents, MODEL, {})
    assert live_generation(tmp_path) == live
    assert len(read_index(tmp_path, "fp-1").clauses) == 5


@pytest.mark.parametrize(
    "victim", ["dense.faiss", "clauses.jsonl", "documents.json", "propositions.faiss"]
)
def test_flipped_bit_is_caught(tmp_path, documents, victim):
    write_index(tmp_path, small_contents(documents), MODEL, {})
    path = live_generation(tmp_path) / victim
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    with pytest.raises(IndexCorrupted, match="--rebuild"):
        read_index(tmp_path, "fp-1")


def test_truncated_file_is_caught(tmp_path, documents):
    write_index(tmp_path, small_contents(documents), MODEL, {})
    path = live_generation(tmp_path) / "passages.jsonl"
    path.write_bytes(path.read_bytes()[:10])
    with pytest.raises(IndexCorrupted, match="checksum"):
        read_index(tmp_path, "fp-1")


def test_other_model_is_refused(tmp_path, documents):
    write_index(tmp_path, small_contents(documents), MODEL, {})
    with pytest.raises(IndexMismatch, match="cannot be mixed"):
        read_index(tmp_path, "fp-2")


def test_garbage_manifest(tmp_path, documents):
    write_index(tmp_path, small_contents(documents), MODEL, {})
    (live_generation(tmp_path) / "manifest.json").write_text("{not json")
    with pytest.raises(IndexCorrupted):
        read_index(tmp_path, "fp-1")


def test_manifest_records_hashes(tmp_path, documents):
    write_index(tmp_path, small_contents(documents), MODEL, {})
    manifest = json.loads((live_generation(tmp_path) / "manifest.json").read_text())
    assert manifest["model"]["fingerprint"] == "fp-1"
    assert set(manifest["files"]) >= {"dense.faiss", "clauses.jsonl", "documents.json"}
    assert len(manifest["corpus_hash"]) == 64


def test_large_indexes_are_approximate_and_keep_their_neighbours(tmp_path):
    """Above the size threshold the dense index is an inverted file; it must still
    find the exact top-10 for most queries, and survive a save / load."""
    import faiss
    import numpy as np

    from index.dense import DenseIndex

    rng = np.random.default_rng(1)  # clustered, as embeddings of texts on a few topics are
    centres = rng.normal(size=(100, 32)).astype(np.float32)
    vectors = np.repeat(centres, 50, axis=0) + rng.normal(0, 0.3, (5000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    flat, ivf = DenseIndex.build(vectors), DenseIndex.build(vectors, approximate_above=1000)
    half = DenseIndex.build(vectors, approximate_above=1000, half_precision=True)
    assert isinstance(ivf.index, faiss.IndexIVFFlat) and not isinstance(flat.index, faiss.IndexIVF)
    # the propositions' index: float16, half the bytes of float32 per vector
    assert isinstance(half.index, faiss.IndexIVFScalarQuantizer) and half.index.code_size == 64
    for approximate in (ivf, half):
        recalls = []
        for query in vectors[:50] + 0.05:
            exact = set(flat.search(query, 10)[1])
            recalls.append(len(exact & set(approximate.search(query, 10)[1])) / 10)
        assert np.mean(recalls) >= 0.9
    for approximate, tolerance in ((ivf, 1e-6), (half, 1e-3)):
        approximate.save(tmp_path / "dense.faiss")
        loaded = DenseIndex.load(tmp_path / "dense.faiss")
        assert np.allclose(loaded.vectors([3, 7]), vectors[[3, 7]], atol=tolerance)


def test_added_documents_survive_damage_to_the_live_generation(tmp_path, documents):
    contents = small_contents(documents)
    contents.added = {contents.documents[0].doc_id}
    write_index(tmp_path, contents, MODEL, {})
    gen = live_generation(tmp_path)
    for victim in ("documents.json", "clauses.jsonl"):
        (gen / victim).write_text("[]")
    recovered = recover_added_documents(tmp_path)
    assert [d.doc_id for d in recovered] == ["A-RES-75-32"] and len(recovered[0].clauses) == 5
    (gen / "manifest.json").write_text("{damaged")  # then every intact added file is used
    assert [d.doc_id for d in recover_added_documents(tmp_path)] == ["A-RES-75-32"]
    contents.added = set()
    write_index(tmp_path, contents, MODEL, {})
    write_index(tmp_path, contents, MODEL, {})  # no kept generation uses the file now
    assert recover_added_documents(tmp_path) == [] and not any((tmp_path / "added").iterdir())


def test_flipped_bit_in_the_manifest_is_caught(tmp_path, documents):
    write_index(tmp_path, small_contents(documents), MODEL, {})
    path = live_generation(tmp_path) / "manifest.json"
    path.write_text(path.read_text().replace('"passages": 5', '"passages": 4'))
    with pytest.raises(IndexCorrupted, match="manifest"):
        read_index(tmp_path, "fp-1")


def test_random_bit_flips_anywhere_are_caught(tmp_path, documents):
    """60 single-bit flips at random places of random files of a generation (and of
    CURRENT): every one is reported as damage, none is read as an index."""
    import random

    rng = random.Random(7)
    write_index(tmp_path, small_contents(documents), MODEL, {})
    gen = live_generation(tmp_path)
    files = [*sorted(p for p in gen.rglob("*") if p.is_file()), tmp_path / "CURRENT"]
    for _ in range(60):
        path = rng.choice(files)
        original = path.read_bytes()
        data = bytearray(original)
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        path.write_bytes(bytes(data))
        with pytest.raises((IndexCorrupted, IndexMismatch), match="--rebuild"):
            read_index(tmp_path, "fp-1")
        path.write_bytes(original)
    assert len(read_index(tmp_path, "fp-1").clauses) == 5


def test_a_lost_pointer_with_added_documents_is_damage_not_an_empty_index(tmp_path, documents):
    from index.store import read_manifest

    contents = small_contents(documents)
    contents.added = {"A-RES-75-32"}
    write_index(tmp_path, contents, MODEL, {})
    (tmp_path / "CURRENT").unlink()
    with pytest.raises(IndexCorrupted, match="no valid CURRENT"):
        read_manifest(tmp_path)
    assert [d.doc_id for d in recover_added_documents(tmp_path)] == ["A-RES-75-32"]


@pytest.mark.parametrize("victim", ["dense.faiss", "clauses.jsonl", "passages.jsonl"])
def test_a_flipped_bit_is_caught_by_the_background_check_before_use(tmp_path, documents, victim):
    """A load that hashes beside the parsing returns at once, but its contents refuse
    to be used until every file matched its sha256."""
    write_index(tmp_path, small_contents(documents), MODEL, {})
    path = live_generation(tmp_path) / victim
    data = bytearray(path.read_bytes())
    data[len(data) - 3] ^= 0x01  # late in the file: the parse may well not notice
    path.write_bytes(bytes(data))
    try:
        contents = read_index(tmp_path, "fp-1", verify="background")
    except IndexCorrupted:
        return  # the parse failed on it: reported as damage all the same
    with pytest.raises(IndexCorrupted, match="--rebuild"):
        contents.verified()


def test_an_intact_index_passes_the_background_check_and_the_full_one(tmp_path, documents):
    from index.store import verify_index

    write_index(tmp_path, small_contents(documents), MODEL, {}, pipeline={"parse": 1})
    contents = read_index(tmp_path, "fp-1", verify="background")
    assert contents.verified() is contents and contents.verification is None
    assert verify_index(tmp_path) >= 8
    assert contents.manifest["pipeline"] == {"parse": 1}
    assert set(contents.manifest["sizes"]) == set(contents.manifest["files"])


def test_the_index_folder_is_synced_after_each_rename(tmp_path, documents, monkeypatch):
    import index.store

    synced = []
    real = index.store._fsync_dir
    monkeypatch.setattr(index.store, "_fsync_dir", lambda p: (synced.append(p), real(p)))
    write_index(tmp_path, small_contents(documents), MODEL, {})
    assert synced.count(tmp_path) >= 2  # after the generation's rename, after CURRENT's
