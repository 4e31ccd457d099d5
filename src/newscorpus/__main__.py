"""`python -m newscorpus` runs the CLI."""

from newscorpus.cli import main

main()
