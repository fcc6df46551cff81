"""`python -m eval [--quick] [--set FILE] [--shared DIR] [--output DIR]`: the eval report."""

from eval.cli import main

main()
