"""The test split stays sealed: no test question in code, tests, calibration data or
reports; no question in two splits; calibration reads dev only; no test document named
in code or tests. And the checks would have caught the gold set as it was before
issue 29 (its test split had been read and copied into code and tests)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from eval.corpus import listed_documents, sealed_document_keys
from eval.gold import SEEDS_GOLD, TEST_GOLD, load_gold, question_key
from eval.seal import (
    documents_named_in_code,
    questions_found_in_files,
    questions_in_two_splits,
    sealed_questions,
    tracked_files,
)


@pytest.fixture(scope="module")
def items():
    return load_gold()


@pytest.fixture(scope="module")
def files():
    return tracked_files()


def test_the_test_split_is_the_unseen_documents_only(items):
    test = [i for i in items if i.split == "test"]
    assert len(test) >= 80 and all(i.source in ("documents", "added-2") for i in test)
    sealed = sealed_document_keys()
    for item in test:
        assert item.documents and set(item.documents) <= sealed, item.id
        assert all(g.document in sealed for t in item.turns for g in t.gold), item.id
    for item in items:
        if item.split == "dev":
            assert not set(item.documents) & sealed, item.id
    answerable = [t for i in test for t in i.turns if t.gold]
    assert sum(1 for i in test for t in i.turns if not t.gold) >= 10
    assert sum(len(i.turns) - 1 for i in test) >= 8
    english = {d["key"] for d in listed_documents() if d["language"] == "en"}
    french_over_english = [i for i in test if i.language == "fr" and set(i.documents) & english]
    assert len(french_over_english) >= 20
    assert len(answerable) >= 80


def test_no_test_question_in_code_tests_calibration_or_reports(items, files):
    assert sealed_questions(items)  # the check has something to look for
    assert questions_found_in_files(items, files) == []


def test_no_question_in_two_splits(items):
    assert questions_in_two_splits(items) == []


def test_calibration_reads_dev_only(items):
    from eval.calibrate import dev_items

    sealed = set(sealed_questions(items))
    calibration = dev_items()
    assert calibration and all(i.split == "dev" for i in calibration)
    assert not {question_key(t.question) for i in calibration for t in i.turns} & sealed


def test_no_test_document_named_in_code_or_tests(files):
    assert documents_named_in_code(sealed_document_keys(), files) == []


def test_the_checks_fail_on_the_gold_set_as_it_was_before_issue_29(files):
    """The seeds' items once in the test split, put back there: their questions were
    copied into code and tests, and some were asked in both splits."""
    before = [
        replace(i, split=i.former_split) if i.former_split else i for i in load_gold(SEEDS_GOLD)
    ]
    assert sum(i.split == "test" for i in before) > 400
    assert len(questions_found_in_files(before, files, allowed=(SEEDS_GOLD,))) >= 20
    assert len(questions_in_two_splits(before)) >= 10


def test_the_document_check_finds_a_named_test_document(tmp_path):
    symbol = min(k for k in sealed_document_keys() if k.startswith("A/RES/"))
    code = tmp_path / "rule.py"
    for spelling in (symbol.removeprefix("A/RES/"), symbol.replace("/", "-"), symbol):
        code.write_text(f"SPECIAL = {{{spelling!r}: 1}}  # fitted\n", encoding="utf-8")
        assert documents_named_in_code(sealed_document_keys(), [code]) != [], spelling
    assert TEST_GOLD.is_file()
