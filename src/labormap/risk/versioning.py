"""The code version recorded with every model, snapshot and backtest (package version + git commit)."""

from __future__ import annotations

import functools
import subprocess
from pathlib import Path

from labormap import __version__


@functools.cache
def code_version() -> str:
    root = Path(__file__).resolve().parents[3]
    try:
        # fixed arguments, git from PATH: only the commit id for the model's metadata
        out = subprocess.run(  # noqa: S603
            ["git", "-C", str(root), "rev-parse", "--short=10", "HEAD"],  # noqa: S607
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
        commit = out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return f"{__version__}+{commit}" if commit else __version__
