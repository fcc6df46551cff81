"""Totals of the verbatim-words property (tests/test_verbatim_words.py) over every
document of ../shared: how many words were checked, how many are not the source's.
Prints totals only (the sealed test documents are among them).

    PYTHONPATH=. python eval/reading_checks/verbatim_words.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from test_verbatim_words import DOCUMENTS, source_text, violations

from assistant.reading.readers import load_document


def main() -> None:
    warnings.simplefilter("ignore")
    checked = broken = 0
    for path in DOCUMENTS:
        doc = load_document(path)
        c, b = violations(doc, source_text(path, doc))
        checked, broken = checked + c, broken + b
    print(f"{len(DOCUMENTS)} documents, {checked} words checked, {broken} not the source's")


if __name__ == "__main__":
    main()
