"""Running the installed command line in a subprocess, as users do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, cwd: Path | None = None, stdin: bytes | None = None,
            ) -> subprocess.CompletedProcess[bytes]:
    """``python -m cleaner ARGS`` with captured output; never raises on a non-zero exit."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args],
        cwd=cwd, input=stdin, capture_output=True, timeout=300, check=False,
    )
