"""A batch killed with SIGKILL midway, then rerun, ends with the same outputs as a run that
was never interrupted: no partial file, nothing lost, nothing extra (issue 6)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import run_cli

PAGES = 240
#: Kill once this many outputs exist (well before the end).
KILL_AFTER = 40


def _corpus(folder: Path) -> None:
    folder.mkdir()
    for number in range(PAGES):
        body = "\n\n".join(
            f"Paragraph {k} of page {number}: the council met on Monday and voted to repair "
            f"the harbour ferry, which has been out of service since the storm in week {k}."
            for k in range(1, 4 + number % 5))
        text = f"Site {number}\n  • Home\n  • News\n\n{body}\n\n© 2024 Site {number}\n"
        (folder / f"page{number:03d}.txt").write_text(text, encoding="utf-8")


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_killed_run_then_rerun_equals_an_uninterrupted_run(tmp_path: Path, jobs: str):
    inputs = tmp_path / "in"
    _corpus(inputs)
    reference = tmp_path / "reference"
    done = run_cli("clean", str(inputs), "-o", str(reference), "--format", "json", "-j", jobs)
    assert done.returncode == 0, done.stderr.decode()

    out = tmp_path / "out"
    run = subprocess.Popen(
        [sys.executable, "-m", "cleaner", "clean", str(inputs), "-o", str(out),
         "--format", "json", "-j", jobs, "--quiet"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    give_up = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < KILL_AFTER and run.poll() is None:
        assert time.monotonic() < give_up, "the run never got going"
        time.sleep(0.01)
    os.killpg(run.pid, signal.SIGKILL)  # the CLI and its workers, all at once
    run.wait()
    killed = _tree(out)
    assert 0 < len(killed) < PAGES, "killed too late to test anything"
    for name, data in killed.items():  # whatever is there is whole
        if not name.startswith("."):
            assert data == _tree(reference)[name], name

    rerun = run_cli("clean", str(inputs), "-o", str(out), "--format", "json", "-j", jobs)
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert _tree(out) == _tree(reference)
