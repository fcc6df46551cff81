"""The gold set: questions written by reading the two texts, with the clause ids
that answer them, a one-sentence English answer, and a fixed dev / test split.

File format (eval/gold.json): {"version": 1, "questions": [item…]}; an item is
{"id", "split": "dev"|"test", "kind": topic|paragraph|comparison|unanswerable|
conversation, "language": "en"|"fr", "turns": [{"question", "gold": [clause id…],
"answer", "unanswerable"?}], "batch"?}. A conversation's later turns only make
sense with the earlier ones; an unanswerable turn has no gold clause. "batch"
(default 1) says when a test item was written: batch 2 is the fresh test items
written on 2026-11-23, after tuning, to bring the test split back to a third of
the set; batch 3 (with 16 fresh dev items) was written on 2026-11-23 in a later
session, before any change of that session was measured on it, to measure the
changes made after batch 2 had been seen; batch 4 (26 test items, with 20 fresh dev
items) likewise, on 2026-11-23 in the session after, before that session changed anything;
batch 5 (13 test items, with 21 fresh dev items) likewise, on 2026-11-23 in the next session;
batch 6 (13 test items, with 23 fresh dev items) likewise, at the start of the session after;
batch 7 (13 test items, with 18 fresh dev items) later in that session, after its changes,
before the system was run on it; batch 8 (13 test items, with 21 fresh dev items) at the
start of the next session, before it changed anything; batch 9 (16 test items, with 25
fresh dev items) at the start of the session after, before it changed anything, the 41
items split at random (seed 9); batch 10 (16 test items, with 27 fresh dev items) likewise
(seed 10), weighted towards conversations whose follow-up points at the paragraph just quoted;
batch 11 (16 test items, with 24 fresh dev items) later in that session, after its first
changes, before the system was run on it (seed 11), weighted towards what the texts do not say;
batch 12 (14 test items, with 26 fresh dev items) likewise, after that session's second
changes (seed 12); batch 13 (13 test items, with 23 fresh dev items) likewise, after its
third changes (seed 13); batch 14 (12 test items, with 24 fresh dev items) at the start of
the next session, before it changed anything (seed 14); batch 15 (10 test items, with 20
fresh dev items) later in that session, after its changes, before the system was run on it
(seed 15); batch 16 (40 test items, with 50 fresh dev items) at the start of the next
session, before it changed anything (seed 16), as a held-out check of the targets;
batch 17 (26 test items, with 44 fresh dev items) later in that session, after its
changes, before the system was run on it (seed 17); batch 18 (32 test items, with 48 fresh
dev items) in the session after, after its first changes, before the system was run on it
(seed 18), as a held-out check of the targets; batch 19 (30 test items, with 50 fresh dev
items) in the session after that, after its changes, before the system was run on it
(seed 19), likewise; batch 20 (30 test items, with 50 fresh dev items) in the next session,
after its changes, before the system was run on it (seed 20), likewise, weighted towards
conversations (35 of the 80); batch 21 (23 test items, with 37 fresh dev items) in the
session after, after its first changes, before the system was run on it (seed 21), likewise;
batch 22 (22 test items, with 36 fresh dev items) in the next session, after its first
changes, before the system was run on it (seed 22), likewise.
The report shows each test batch apart.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assistant.documents import Document
from assistant.errors import AssistantError

DEFAULT_GOLD = Path(__file__).with_name("gold.json")
KINDS = {"topic", "paragraph", "comparison", "unanswerable", "conversation"}


@dataclass(frozen=True)
class Turn:
    question: str
    gold: frozenset[str]
    answer: str

    @property
    def unanswerable(self) -> bool:
        return not self.gold


@dataclass(frozen=True)
class Item:
    id: str
    split: str
    kind: str
    language: str
    turns: tuple[Turn, ...]
    batch: int = 1


def load_gold(path: Path | None = None) -> list[Item]:
    path = Path(path or DEFAULT_GOLD)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        items = [
            Item(
                id=q["id"],
                split=q["split"],
                kind=q["kind"],
                language=q["language"],
                turns=tuple(
                    Turn(t["question"], frozenset(t.get("gold", [])), t.get("answer", ""))
                    for t in q["turns"]
                ),
                batch=int(q.get("batch", 1)),
            )
            for q in data["questions"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AssistantError(
            f"Cannot read the gold set {path}: {exc}. See eval/gold.py for the format."
        ) from exc
    for item in items:
        if item.split not in ("dev", "test") or item.kind not in KINDS or not item.turns:
            raise AssistantError(f"{path}: item {item.id} has a bad split, kind or no turns.")
    return items


def unknown_clause_ids(items: list[Item], documents: list[Document]) -> set[str]:
    known = {c.clause_id for d in documents for c in d.clauses}
    return {g for item in items for turn in item.turns for g in turn.gold} - known


def composition(items: list[Item]) -> dict:
    """What the issue asks the gold set to hold, counted."""
    kinds = Counter(i.kind for i in items)
    return {
        "questions": len(items),
        "turns": sum(len(i.turns) for i in items),
        "french_share": sum(i.language == "fr" for i in items) / len(items),
        "conversations": sum(len(i.turns) > 1 for i in items),
        "unanswerable_turns": sum(t.unanswerable for i in items for t in i.turns),
        "paragraph_requests": kinds["paragraph"],
        "comparisons": kinds["comparison"],
        "splits": dict(Counter(i.split for i in items)),
        "test_batches": {
            str(b): n
            for b, n in sorted(Counter(i.batch for i in items if i.split == "test").items())
        },
    }
