"""Checks that keep the test split sealed (run by `tests/test_seal.py` in `make test`).

- no test question appears in code, tests, calibration data or reports (questions
  compared casefolded, accents stripped, whitespace collapsed; only questions of 25
  letters and digits or more, since short follow-ups like "and the draft?" or "Et au
  paragraphe suivant ?" are generic);
- no question is in two splits;
- no test document is named in code or in a test (the gold files, `documents.json`
  and the prose of the docs may name them: they say what is sealed).
"""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from pathlib import Path

from eval.gold import ADDED_2_GOLD, SEALED_GOLD_FILES, TEST_GOLD, Item, question_key

GOLD_OF_SOURCE = {"documents": TEST_GOLD, "added-2": ADDED_2_GOLD}  # where test items live

ROOT = Path(__file__).resolve().parents[1]
MIN_CHARS = 25  # letters and digits


def _long_enough(key: str) -> bool:
    return sum(ch.isalnum() for ch in key) >= MIN_CHARS


TEXT_SUFFIXES = {".py", ".json", ".md", ".txt", ".toml", ".cfg", ".ini", ".html", ".js", ".css"}
SKIPPED_DIRS = {".venv", ".cache", ".git", "build", "node_modules", "__pycache__"}


def tracked_files(root: Path = ROOT) -> list[Path]:
    """The repository's files (git's list where there is one, else a walk)."""
    try:
        names = subprocess.run(
            ["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True
        ).stdout.decode()
        paths = [root / n for n in names.split("\0") if n]
    except (OSError, subprocess.CalledProcessError):
        paths = [p for p in root.rglob("*") if not SKIPPED_DIRS & set(p.relative_to(root).parts)]
    return [p for p in paths if p.is_file() and (p.suffix in TEXT_SUFFIXES or p.name == "Makefile")]


def sealed_questions(items: list[Item]) -> dict[str, str]:
    """normalised question -> item id, for the test split's questions worth checking."""
    return {
        question_key(t.question): item.id
        for item in items
        if item.split == "test"
        for t in item.turns
        if _long_enough(question_key(t.question))
    }


def questions_found_in_files(
    items: list[Item], files: list[Path], allowed: tuple[Path, ...] = SEALED_GOLD_FILES
) -> list[str]:
    """'item id: file' for every test question found in a file other than its gold file
    (a sealed gold file holding another one's question is caught too)."""
    sealed = sealed_questions(items)
    allowed_resolved = {p.resolve() for p in allowed}
    own = {
        question_key(t.question): GOLD_OF_SOURCE.get(i.source, TEST_GOLD).resolve()
        for i in items
        if i.split == "test"
        for t in i.turns
    }
    found = []
    for path in files:
        resolved = path.resolve()
        try:
            text = question_key(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
        text = text.replace('\\"', '"')
        for key, item_id in sealed.items():
            if resolved in allowed_resolved and own.get(key) in (resolved, None):
                continue  # its own gold file
            if resolved in allowed_resolved and own.get(key) not in allowed_resolved:
                continue  # a check over a gold set given by hand: its file is allowed
            if key in text:
                found.append(f"{item_id}: {_name(path)}")
    return found


def questions_in_two_splits(items: list[Item]) -> list[str]:
    splits: dict[str, set[str]] = defaultdict(set)
    for item in items:
        for turn in item.turns:
            key = question_key(turn.question)
            if _long_enough(key):
                splits[key].add(item.split)
    return sorted(k for k, s in splits.items() if len(s) > 1)


def document_patterns(keys: set[str]) -> list[re.Pattern]:
    """How code would name a test document: its symbol with / - or _ between the parts
    ("ES-11/1", "A-RES-68-262", "A_RES_73_6" for dev documents), or a collection's text id."""
    patterns = []
    for key in sorted(keys):
        if key.startswith("A/RES/"):
            parts = re.split(r"[/-]", key.removeprefix("A/RES/"))
            joined = r"[/_-]".join(re.escape(p) for p in parts)
            patterns.append(re.compile(rf"(?<![\w.]){joined}(?!\d)|(?<=RES[/_-]){joined}(?!\d)"))
        else:
            patterns.append(re.compile(re.escape(key) + r"(?!\d)"))
    return patterns


def documents_named_in_code(keys: set[str], files: list[Path]) -> list[str]:
    patterns = document_patterns(keys)
    found = []
    for path in files:
        in_tests = path.is_relative_to(ROOT / "tests")
        if path.suffix != ".py" and not in_tests:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                found.append(f"{_name(path)}: {match.group(0)}")
    return found


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
