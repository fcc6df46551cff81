"""`python -m eval [--set FILE] [--distractors DIR] [--output DIR]`: the eval report."""

from eval.cli import main

main()
