"""The import contract (pyproject.toml, `make lint`): ui and eval use the assistant, the
assistant uses the index and the embedder, and those two never import the assistant."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("assistant", "embeddings", "index", "ui", "eval")
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def copy_of_the_code(tmp_path: Path) -> Path:
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("data"))
    return tmp_path


def test_the_code_keeps_the_layers():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_an_index_module_importing_the_assistant_breaks_the_contract(tmp_path):
    tree = copy_of_the_code(tmp_path)
    dense = tree / "index" / "dense.py"
    dense.write_text(dense.read_text() + "\nfrom assistant.settings import Settings  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "index.dense -> assistant.settings" in result.stdout


def test_the_assistant_importing_the_chat_page_breaks_the_contract(tmp_path):
    tree = copy_of_the_code(tmp_path)
    core = tree / "assistant" / "core.py"
    core.write_text(core.read_text() + "\nimport ui.render  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert "assistant.core -> ui.render" in result.stdout
