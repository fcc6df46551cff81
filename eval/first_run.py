"""Keep a gold file's first run: `python -m eval.first_run REPORT.json --source added-2`.

Questions over documents the system has not been run on are committed with the report of
their first run, before any change is made with them. This takes a report written by
`python -m eval` and keeps what concerns one gold file (its `source`): every system's
metrics of the sealed set it holds ("test-2"), whole, and of its dev questions (their
slice), and its dev turns. Test turns are never kept (the report has none).
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from eval.runner import SECOND_SEALED_SOURCE, SLICES


def first_run(report: dict, source: str, slice_name: str, about: str) -> dict:
    sealed = source == SECOND_SEALED_SOURCE  # its test items are the second sealed set
    metrics = {
        system: {
            **({"test-2": by_split["test-2"]} if sealed and "test-2" in by_split else {}),
            "dev": {slice_name: by_split.get("dev", {}).get(slice_name)},
        }
        for system, by_split in report["metrics"].items()
    }
    return {
        "about": about,
        "generated": report.get("generated"),
        "command": report.get("command", "python -m eval"),
        "metrics": metrics,
        "turns": [t for t in report["turns"] if t["source"] == source and t["split"] == "dev"],
    }


@click.command("first-run")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--source", required=True, help='The gold file\'s source, e.g. "added-2".')
@click.option("--slice", "slice_name", required=True, help="The slice its questions make.")
@click.option("--about", required=True, help="What was run, on which code.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def main(report: Path, source: str, slice_name: str, about: str, output: Path) -> None:
    """Write the first run of one gold file's questions, taken from REPORT."""
    if slice_name not in SLICES:
        raise click.BadParameter(f"not a slice: {slice_name!r} (see eval/runner.py SLICES)")
    data = json.loads(report.read_text(encoding="utf-8"))
    kept = first_run(data, source, slice_name, about)
    output.write_text(json.dumps(kept, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    click.echo(f"{output}: {len(kept['turns'])} dev turns, systems {', '.join(kept['metrics'])}")


if __name__ == "__main__":
    main()
