"""``python -m labormap`` — the same command line as ``labormap`` (used by the daily cycle's stages)."""

from labormap.cli import main

main()
