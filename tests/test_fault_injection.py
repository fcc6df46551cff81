"""`assistant add` killed (SIGKILL) at random moments, ≥ 20 times: the index must
always load (every checksum verified) as the old one or the new one, never lose a
document, and answer. Results go to tests/artifacts/fault_injection.json.

The write itself is short next to start-up (imports, index load), so half of the
kill times are drawn over the whole run and half over its last 40 %, where the
new passages are embedded and the new generation is written and switched in.
`tests/test_index_store.py` also interrupts the write at each file operation in turn.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant import Assistant

KILLS = 20
ARTIFACTS = Path(__file__).parent / "artifacts"
NOTE = (
    "L’Assemblée générale,\n\n"
    "1. Demande aux États de protéger les câbles sous-marins de télécommunications "
    "contre les actes de sabotage.\n"
)


def run_add(note: Path, index: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "add", str(note), "--index-dir", str(index)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "TOKENIZERS_PARALLELISM": "false"},
    )


def kill_after(process: subprocess.Popen, delay: float) -> tuple[bool, float]:
    """Kill `process` `delay` seconds after it started, unless it ends first.

    Returns whether it was killed and how long it ran."""
    started = time.perf_counter()
    while time.perf_counter() - started < delay:
        if process.poll() is not None:
            return False, time.perf_counter() - started
        time.sleep(0.01)
    if process.poll() is not None:
        return False, time.perf_counter() - started
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=300)
    return True, time.perf_counter() - started


def test_killing_add_at_random_moments_loses_nothing(tmp_path, settings, embedder, bot):
    index = tmp_path / "index"
    shutil.copytree(settings.resolved_index_dir, index)
    local = settings.model_copy(update={"index_dir": index})
    note = tmp_path / "cables.txt"
    note.write_text(NOTE, encoding="utf-8")
    base = {d.doc_id for d in bot.documents}

    started = time.perf_counter()
    assert run_add(note, index).wait(timeout=300) == 0
    full_run = time.perf_counter() - started
    Assistant.load(local, embedder=embedder).remove("cables")

    rng = random.Random(20261122)
    rows = []
    attempt = 0
    # Runs vary with the machine's load: kill times are drawn within the shortest run seen
    # so far, so a run that ends before its kill shortens the window for the next ones.
    run_length = full_run
    while sum(r["killed"] for r in rows) < KILLS and attempt < 2 * KILLS:
        attempt += 1
        low = 0.0 if attempt % 2 == 0 else 0.6 * run_length
        delay = rng.uniform(low, 0.97 * run_length)
        process = run_add(note, index)
        killed, ran = kill_after(process, delay)
        if not killed:
            run_length = min(run_length, ran)
        staging_left = any(p.name.startswith(".staging-") for p in index.iterdir())

        loaded = Assistant.load(local, embedder=embedder)  # verifies every checksum
        ids = {d.doc_id for d in loaded.documents}
        assert ids in (base, base | {"cables"}), ids
        assert loaded.ask("What does 75/32 decide about the OEWG?").citations[0].paragraph == (
            "op. 6"
        )
        if "cables" in ids:
            top = loaded.ask("Who must protect undersea cables against sabotage?").citations[0]
            assert top.clause_id == "cables#para_1"
            loaded.remove("cables")
        rows.append(
            {
                "delay_s": round(delay, 2),
                "killed": killed,
                "outcome": "new index" if "cables" in ids else "previous index",
                "killed_while_writing": staging_left,
            }
        )

    assert sum(r["killed"] for r in rows) >= KILLS
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "fault_injection.json").write_text(
        json.dumps({"full_run_s": round(full_run, 2), "runs": rows}, indent=1)
    )
