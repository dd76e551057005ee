"""Time limits: clean(timeout=...) and ``cleaner clean --timeout`` give up on a document with a
documented error, and a batch goes on with the other files (issue 6)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from helpers import run_cli

from cleaner import InputError, InputTimeoutError, clean
from cleaner.deadline import Deadline, hard_time_limit

PARAGRAPH = "The council voted on Monday to repair the harbour ferry before the winter storms.\n\n"
#: Big enough to take seconds to clean (2.4 to 3.1 s measured; the limit stops it at about 0.6 s).
HUGE = "Site\n  • Home\n  • News\n\n" + PARAGRAPH * 200_000


def test_deadline_checks_and_refuses_a_non_positive_limit():
    Deadline(None).check("anything")  # no limit: never raises
    deadline = Deadline(0.01)
    deadline.check("at once")
    time.sleep(0.02)
    with pytest.raises(InputTimeoutError, match=r"0\.01 s \(while parsing\)"):
        deadline.check("parsing")
    with pytest.raises(ValueError, match="positive"):
        Deadline(0)


def test_clean_gives_up_on_a_huge_page_with_a_documented_error():
    started = time.monotonic()
    with pytest.raises(InputTimeoutError) as raised:
        clean(HUGE, extractor="heuristic", timeout=0.2)
    assert isinstance(raised.value, InputError) and raised.value.kind == "timeout"
    assert time.monotonic() - started < 1.5  # well before the page would have been done


def test_a_generous_limit_changes_nothing():
    page = "Site\n\n" + PARAGRAPH * 3
    assert clean(page, extractor="heuristic", timeout=30).to_dict() == \
        clean(page, extractor="heuristic").to_dict()


def test_hard_limit_interrupts_code_that_never_checks():
    started = time.monotonic()
    with pytest.raises(InputTimeoutError), hard_time_limit(0.05):
        while True:
            pass
    assert time.monotonic() - started < 1.0


def test_batch_reports_the_slow_file_and_writes_the_others(tmp_path: Path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "huge.txt").write_text(HUGE, encoding="utf-8")
    (inputs / "small.txt").write_text("Site\n\n" + PARAGRAPH * 3, encoding="utf-8")
    out = tmp_path / "out"
    done = run_cli("clean", str(inputs), "-o", str(out), "--timeout", "0.3", "--jobs", "1")
    assert done.returncode == 1, done.stderr.decode()
    assert (out / "small.txt.txt").is_file() and not (out / "huge.txt.txt").exists()
    [record] = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert record["kind"] == "timeout" and record["path"].endswith("huge.txt")
