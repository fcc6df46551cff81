"""Figures for the core: the hand-written questions with their top citation, the
cold start of `assistant ask` and the warm `ask()` median.

    .venv/bin/python -m eval.core_report [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from assistant import Assistant

QUESTIONS = Path(__file__).with_name("core_questions.json")


def question_table(bot: Assistant) -> tuple[list[str], int, int]:
    rows = ["| # | question | top citation | gold? |", "|---|---|---|---|"]
    right = total = 0
    for item in json.loads(QUESTIONS.read_text()):
        history = None
        for turn in [item, *([item["followup"]] if "followup" in item else [])]:
            ans = bot.ask(turn["question"], history=history)
            if turn.get("unanswerable"):
                ok, top = ans.abstained, f"abstained: {ans.reason}"
            else:
                ok = bool(ans.citations) and ans.citations[0].clause_id in turn["gold"]
                top = (
                    f"{ans.citations[0].document}, {ans.citations[0].paragraph}"
                    if ans.citations
                    else f"abstained: {ans.reason}"
                )
            label = ("↳ " if history else "") + turn["question"]
            rows.append(f"| {item['id']} | {label} | {top} | {'yes' if ok else 'NO'} |")
            right, total = right + ok, total + 1
            history = [
                {"role": "user", "content": turn["question"]},
                {"role": "assistant", "content": ans.text},
            ]
    return rows, right, total


def cold_start(runs: int) -> list[float]:
    exe = Path(sys.executable).with_name("assistant")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "ask", "What does 75/32 decide about the OEWG?"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def warm_latency(bot: Assistant, rounds: int = 5) -> list[float]:
    questions = [q["question"] for q in json.loads(QUESTIONS.read_text())]
    bot.ask(questions[0])
    times = []
    for _ in range(rounds):
        for question in questions:
            start = time.perf_counter()
            bot.ask(question)
            times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time")
    args = parser.parse_args()
    bot = Assistant.load()
    rows, right, total = question_table(bot)
    print("\n".join(rows))
    print(f"\n{right}/{total} turns answered with a gold clause first (or rightly abstained)")
    warm = warm_latency(bot)
    print(
        f"warm ask(): median {statistics.median(warm) * 1000:.0f} ms, "
        f"p95 {sorted(warm)[int(0.95 * len(warm)) - 1] * 1000:.0f} ms over {len(warm)} calls"
    )
    cold = cold_start(args.runs)
    print(
        f"cold start `assistant ask` (process start -> answer printed, index built): "
        f"median {statistics.median(cold):.1f} s over {len(cold)} runs "
        f"(min {min(cold):.1f}, max {max(cold):.1f})"
    )


if __name__ == "__main__":
    main()
