"""The eval command, shared by `python -m eval` and `assistant eval`."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.errors import AssistantError

REPORTS = Path(__file__).with_name("reports")
MIN_TEST_HIT3 = 0.90  # the regression guard `make test` enforces


@click.command("eval")
@click.option(
    "--set", "gold_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold set JSON (default: eval/gold.json).",
)  # fmt: skip
@click.option(
    "--distractors", type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of JSON paragraph collections added as extra documents; also runs the "
    "cross-lingual check on it (e.g. ../shared/corpora/ibe-recommendations).",
)  # fmt: skip
@click.option(
    "--output", type=click.Path(file_okay=False, path_type=Path), default=REPORTS,
    show_default=True, help="Where report.md, report.json and report.png go.",
)  # fmt: skip
@click.option("--name", default="report", show_default=True, help="Report file name stem.")
@click.option(
    "--min-test-hit3", type=float, default=None,
    help="Exit 1 when ours' test-split hit@3 falls below this (regression guard).",
)  # fmt: skip
def main(gold_path, distractors, output, name, min_test_hit3) -> None:
    """Run the gold set through ours and the baselines; write the report."""
    from assistant.settings import Settings
    from eval.report import targets, write_report
    from eval.runner import evaluate

    command = "python -m eval" + (f" --distractors {distractors}" if distractors else "")
    try:
        report = evaluate(Settings.from_env(), gold_path, distractors, progress=True)
    except AssistantError as exc:
        raise click.ClickException(str(exc)) from exc
    report["command"] = command
    paths = write_report(report, output, name)
    for target, measured, met in targets(report):
        click.echo(f"{'ok  ' if met else 'MISS'} {target}: {measured}")
    click.echo(f"Report: {paths['markdown']} (+ .json, .png)")
    if min_test_hit3 is not None:
        hit3 = report["runs"]["bundled"]["metrics"]["ours"]["test"]["hit@3"]
        if hit3 < min_test_hit3:
            click.echo(f"Regression: test-split hit@3 {hit3:.3f} < {min_test_hit3}", err=True)
            sys.exit(1)


if __name__ == "__main__":
    main()
