"""The clauses of the French documents (the bundled seeds and the IBE collections) as
JSON, to show that a change of the reading code leaves them as they were:

    PYTHONPATH=<old tree> python eval/reading_checks/clause_snapshot.py before.json \
        [--shared ../shared]
    PYTHONPATH=<new tree> python eval/reading_checks/clause_snapshot.py after.json
    python eval/reading_checks/clause_snapshot.py --compare before.json after.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def snapshot(shared: Path) -> dict:
    from assistant.reading.corpus import load_corpus
    from assistant.reading.paragraph_collection import load_paragraph_collection

    docs = load_corpus() + [
        load_paragraph_collection(p)
        for p in sorted((shared / "corpora" / "ibe-recommendations").glob("*.json"))
    ]
    return {
        d.doc_id: [
            [c.clause_id, c.paragraph, c.text, c.lead, c.lead_in, [f.text for f in c.footnotes]]
            for c in d.clauses
        ]
        for d in docs
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    if not args.compare:
        data = snapshot(args.shared)
        args.files[0].write_text(json.dumps(data, ensure_ascii=False))
        print(f"{len(data)} documents, {sum(map(len, data.values()))} clauses")
        return
    before, after = (json.loads(p.read_text()) for p in args.files)
    differing = sum(
        x != y for k in before for x, y in zip(before[k], after.get(k, []), strict=False)
    ) + sum(len(before[k]) != len(after.get(k, [])) for k in before)
    print(
        f"{len(before)} documents, {sum(map(len, before.values()))} clauses, {differing} differing"
    )


if __name__ == "__main__":
    main()
