"""The eval report: markdown for people, JSON for tools, a PNG of hit@k curves."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from eval.runner import TurnResult

SYSTEM_NAMES = {
    "ours": "ours (hybrid + glossary + follow-ups + abstention)",
    "dense": "dense only (same model, clause passages)",
    "bm25": "BM25 only (clause passages)",
    "naive": "naive: 1000/200 chunks + same model + FAISS flat",
}
RUN_NAMES = {"bundled": "bundled corpus", "with_distractors": "+ 92 IBE distractors"}


def write_report(report: dict, folder: Path, name: str = "report") -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    report.setdefault("generated", datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    paths = {
        "markdown": folder / f"{name}.md",
        "json": folder / f"{name}.json",
        "plot": folder / f"{name}.png",
    }
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    plot_hit_curves(report, paths["plot"])
    paths["markdown"].write_text(markdown(report, paths["plot"].name), encoding="utf-8")
    return paths


def targets(report: dict, split: str = "test") -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) on the test split (or one batch of it: "test_batch1"),
    as the issue states them."""
    test = report["runs"]["bundled"]["metrics"]["ours"][split]
    naive = report["runs"]["bundled"]["metrics"]["naive"][split]
    abst = test["abstention"]
    gap = abs((test["hit@1_en"] or 0) - (test["hit@1_fr"] or 0))
    rows = [
        ("hit@1 ≥ 0.90", _f(test["hit@1"]), test["hit@1"] >= 0.90),
        ("hit@3 ≥ 0.97", _f(test["hit@3"]), test["hit@3"] >= 0.97),
        ("abstention precision ≥ 0.90", _f(abst["precision"]), (abst["precision"] or 0) >= 0.9),
        ("abstention recall ≥ 0.90", _f(abst["recall"]), (abst["recall"] or 0) >= 0.9),
        ("follow-ups ≥ 0.90", _f(test["follow_ups"]), (test["follow_ups"] or 0) >= 0.9),
        ("English–French hit@1 gap ≤ 5 points", f"{gap * 100:.1f} points", gap <= 0.05),
        (
            "hit@1 ≥ 25 points above naive",
            f"{(test['hit@1'] - naive['hit@1']) * 100:+.1f} points",
            test["hit@1"] - naive["hit@1"] >= 0.25,
        ),
    ]
    distracted = report["runs"].get("with_distractors")
    if distracted:
        lost = test["hit@1"] - distracted["metrics"]["ours"][split]["hit@1"]
        points = f"{abs(lost) * 100:.1f} points"  # abs: no "-0.0"
        change = f"{points} lost" if lost > 0 else f"{points} gained"
        rows.append(("≤ 3 points of hit@1 lost with distractors", change, lost <= 0.03))
    cross = report.get("crosslingual")
    if cross:
        value = cross["ours"]["accuracy@1"]
        dense = f"{_f(value)} (dense only: {_f(cross['dense']['accuracy@1'])})"
        rows.append(("cross-lingual accuracy@1 ≥ 0.95 (ours)", dense, value >= 0.95))
    return rows


def markdown(report: dict, plot_name: str) -> str:
    gold = report["gold"]
    out = [
        "# Evaluation report",
        "",
        f"Generated {report['generated']} · model `{report['model']}` · reproduce with "
        f"`{report.get('command', 'python -m eval')}`.",
        "",
        f"Gold set: {gold['questions']} questions ({gold['turns']} turns; "
        f"{gold['french_share']:.0%} in French; {gold['conversations']} conversations; "
        f"{gold['unanswerable_turns']} unanswerable turns; {gold['paragraph_requests']} "
        f"paragraph requests; {gold['comparisons']} comparisons), split dev "
        f"{gold['splits'].get('dev', 0)} / test {gold['splits'].get('test', 0)}. "
        "Tuning used the dev split only.",
        "",
        "## Targets (ours, test split)",
        "",
    ]
    batches = test_batches(report)
    if not batches:
        out += ["| target | measured | met |", "|---|---|---|"]
        out += [f"| {t} | {m} | {_yes(ok)} |" for t, m, ok in targets(report)]
    else:
        sizes = report["gold"].get("test_batches", {})
        out += [
            "The test split was written in batches: batch 1 with the first gold set; each "
            "later one (fresh questions, written after tuning on dev and frozen before the "
            "system was run on them) keeps the split at about a third of the set and measures "
            "the changes made since the previous batch was seen. Each batch is also measured "
            "on its own.",
            "",
            "| target | test split | met | "
            + " | ".join(f"batch {b} ({sizes.get(str(b), '?')} q.) | met" for b in batches)
            + " |",
            "|---|---|---|" + "---|---|" * len(batches),
        ]
        columns = [targets(report)] + [targets(report, f"test_batch{b}") for b in batches]
        for rows in zip(*columns, strict=True):
            cells = [f"{m} | {_yes(ok)}" for _, m, ok in rows]
            out.append(f"| {rows[0][0]} | " + " | ".join(cells) + " |")
    for split in ("test", "dev"):
        out += ["", f"## Ranking quality, {split} split (answerable turns)", ""]
        out += [
            "| corpus | system | hit@1 | hit@3 | MRR@10 | nDCG@10 | follow-ups | EN hit@1 | "
            "FR hit@1 | ask p50 / p95 ms |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for run_name, run in report["runs"].items():
            for system, by_split in run["metrics"].items():
                m = by_split[split]
                out.append(
                    f"| {RUN_NAMES.get(run_name, run_name)} | {system} | {_f(m['hit@1'])} | "
                    f"{_f(m['hit@3'])} | {_f(m['mrr@10'])} | {_f(m['ndcg@10'])} | "
                    f"{_f(m['follow_ups'])} | {_f(m['hit@1_en'])} | {_f(m['hit@1_fr'])} | "
                    f"{m['latency_ms']['p50']} / {m['latency_ms']['p95']} |"
                )
    out += ["", "## Ours: abstention, comparisons, distractors", ""]
    out += [
        "| corpus | split | abstention precision | abstention recall | comparisons: both "
        "texts in top 3 | distractor clauses in top 3 | unanswerable answered from distractors |",
        "|---|---|---|---|---|---|---|",
    ]
    for run_name, run in report["runs"].items():
        for split in ("test", "dev", "all"):
            m = run["metrics"]["ours"][split]
            a = m["abstention"]
            out.append(
                f"| {RUN_NAMES.get(run_name, run_name)} | {split} | {_f(a['precision'])} "
                f"({a['abstained']} abstained) | {_f(a['recall'])} (of {a['should_abstain']}) | "
                f"{_f(m['comparisons_both_texts@3'])} | {_f(m.get('drift@3'))} | "
                f"{m.get('unanswerable_into_distractors', '–')} |"
            )
    plain = report.get("unaccented_french")
    if plain:
        accented = report["runs"]["bundled"]["metrics"]["ours"]
        out += [
            "",
            "## French typed without accents (ours, bundled corpus)",
            "",
            'The French items with every accent stripped ("Qui a depose le projet de '
            'resolution ?"), as typed on an English keyboard; French hit@1 with accents '
            "beside.",
            "",
            "| split | hit@1 without accents | hit@3 without accents | abstention recall "
            "without accents | French hit@1 with accents |",
            "|---|---|---|---|---|",
        ]
        for split in ("test", "dev"):
            m = plain[split]
            out.append(
                f"| {split} | {_f(m['hit@1'])} | {_f(m['hit@3'])} | "
                f"{_f(m['abstention']['recall'])} | {_f(accented[split]['hit@1_fr'])} |"
            )
    cross = report.get("crosslingual")
    if cross:
        clauses = report["runs"]["with_distractors"]["clauses"]
        out += [
            "",
            "## Cross-lingual check (IBE corpus)",
            "",
            f"English `para_en` as the question, its French paragraph the only target among "
            f"all {clauses} clauses of the distractor run (IBE + the two resolutions); "
            f"{cross['questions']} questions sampled with seed {cross['seed']} from the "
            f"{cross['eligible']} translations within the question length limit. Identical "
            "French paragraphs count as the same target.",
            "",
            "| system | accuracy@1 | accuracy@10 | abstained |",
            "|---|---|---|---|",
        ]
        for system in ("ours", "dense", "bm25"):
            c = cross[system]
            out.append(
                f"| {system} | {_f(c['accuracy@1'])} | {_f(c['accuracy@10'])} | {c['abstained']} |"
            )
    out += ["", "## Systems", ""]
    out += [f"- **{k}**: {v}" for k, v in SYSTEM_NAMES.items()]
    out += [
        "",
        "A naive chunk counts as a hit when it contains a gold clause (≥ 80 % of the clause's "
        "characters, or 80 % of the chunk for clauses longer than a chunk). Baselines see the "
        "current question only and never abstain. Ours counts an abstention on an answerable "
        "turn as a miss.",
        "",
        f"![hit@k curves]({plot_name})",
        "",
        "## Ours: missed turns (bundled corpus)",
        "",
    ]
    turns = [t for t in report["runs"]["bundled"]["turns"] if t["system"] == "ours"]
    for t in turns:
        if not TurnResult(**t).correct:
            got = "abstained" if t["abstained"] else ", ".join(u[0] for u in t["ranked"][:3])
            gold = ", ".join(t["gold"]) or "abstain"
            out.append(
                f"- {t['item']} ({t['split']}, turn {t['turn'] + 1}) {t['question']} — "
                f"gold: {gold}; got: {got}"
            )
    return "\n".join(out) + "\n"


def plot_hit_curves(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    runs = report["runs"]
    fig, axes = plt.subplots(
        len(runs), 2, figsize=(10, 3.6 * len(runs)), squeeze=False, sharey=True
    )
    for row, (run_name, run) in enumerate(runs.items()):
        for col, split in enumerate(("test", "dev")):
            ax = axes[row][col]
            for system, by_split in run["metrics"].items():
                curve = by_split[split]["hit@k"]
                ax.plot(range(1, len(curve) + 1), curve, marker="o", label=system)
            ax.set_title(f"{RUN_NAMES.get(run_name, run_name)} — {split} split")
            ax.set_xlabel("k")
            ax.set_ylabel("hit@k")
            ax.set_ylim(0, 1.02)
            ax.grid(alpha=0.3)
            ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def test_batches(report: dict) -> list[int]:
    """The batches of the test split measured apart (none when it has one batch)."""
    metrics = report["runs"]["bundled"]["metrics"]["ours"]
    return sorted(int(k.removeprefix("test_batch")) for k in metrics if k.startswith("test_batch"))


def _yes(ok: bool | None) -> str:
    return "yes" if ok else "**no**"


def _f(value) -> str:
    return "–" if value is None else f"{value:.3f}"
