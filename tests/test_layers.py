"""The import contract (pyproject.toml, `make lint`): ui and eval use the assistant, the
assistant uses the index and the embedder, and those two never import the assistant."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.mark.parametrize(
    ("module", "wrong_import", "reported"),
    [
        (
            "index/dense.py",
            "from assistant.settings import Settings",
            "index.dense -> assistant.settings",
        ),
        ("assistant/core.py", "import ui.render", "assistant.core -> ui.render"),
    ],
    ids=["index imports the assistant", "the assistant imports the chat page"],
)
def test_a_wrong_import_breaks_the_contract(tmp_path, module, wrong_import, reported):
    tree = copy_of_the_code(tmp_path)
    path = tree / module
    path.write_text(path.read_text() + f"\n{wrong_import}  # noqa\n")
    result = lint_imports(tree)
    assert result.returncode != 0
    assert reported in result.stdout
