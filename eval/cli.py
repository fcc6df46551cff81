"""The eval command: `python -m eval` (`make eval`)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from assistant.errors import USER_ERRORS

REPORTS = Path(__file__).with_name("reports")


@click.command("eval")
@click.option(
    "--set", "gold_paths", multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold set JSON, repeatable (default: eval/gold*.json).",
)  # fmt: skip
@click.option(
    "--shared", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="The shared corpora folder (default: ../shared beside the repository).",
)  # fmt: skip
@click.option(
    "--quick", is_flag=True,
    help="The fixed dev slice `make test` runs: every 10th seed question and the dev English "
    "resolutions' questions, over the seeds and those resolutions (no IBE, no test split).",
)  # fmt: skip
@click.option(
    "--output", type=click.Path(file_okay=False, path_type=Path), default=REPORTS,
    show_default=True, help="Where report.md, report.json and report.png go.",
)  # fmt: skip
@click.option("--name", default="report", show_default=True, help="Report file name stem.")
@click.option(
    "--min-dev-hit3", type=float, default=None,
    help="Exit 1 when ours' dev-split hit@3 falls below this (regression guard; dev only: "
    "the test split is never a gate).",
)  # fmt: skip
def main(gold_paths, shared, quick, output, name, min_dev_hit3) -> None:
    """Run the gold sets through ours and the baselines; write the report."""
    from assistant.settings import Settings
    from eval.report import targets, write_report
    from eval.runner import evaluate

    command = "python -m eval" + (" --quick" if quick else "")
    try:
        report = evaluate(
            Settings.from_env(), list(gold_paths) or None, shared, quick=quick, progress=True
        )
    except (*USER_ERRORS, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from exc
    report["command"] = command
    paths = write_report(report, output, name)
    for split in ("test", "test-2"):
        for target, measured, met in targets(report, split):
            click.echo(f"{'ok  ' if met else 'MISS'} [{split}] {target}: {measured}")
    dev = report["metrics"]["ours"]["dev"]["all"]
    click.echo(f"dev (seen documents): hit@1 {dev['hit@1']:.3f}, hit@3 {dev['hit@3']:.3f}")
    click.echo(f"Report: {paths['markdown']} (+ .json, .png)")
    if min_dev_hit3 is not None and dev["hit@3"] < min_dev_hit3:
        click.echo(f"Regression: dev-split hit@3 {dev['hit@3']:.3f} < {min_dev_hit3}", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
