"""Batch integrity on a careful user's worst day: two runs at once, outputs over inputs, two
inputs for one output, folders that cannot be listed, odd names, signals, a full disk, outputs
that cannot be written, endless stdin, links out of the tree (issue 17)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import run_cli

from cleaner.batch.errors import BatchRefusedError
from cleaner.batch.files import write_atomic
from cleaner.batch.output_dir import LOCK_NAME, SCRATCH_NAME, hold_output
from cleaner.batch.runner import BatchConfig, run_batch
from cleaner.options import Options

ARTICLE = ("The harbour ferry went back into service on Monday after four months in dry dock, "
           "the operator said, and the timetable is the one of last summer.")


def _dump(number: int) -> str:
    return f"Site {number}\n  • Home\n  • News\n\n{ARTICLE} Page {number}.\n\n{ARTICLE}\n"


def _corpus(folder: Path, pages: int) -> Path:
    folder.mkdir(parents=True)
    for number in range(pages):
        (folder / f"page{number:04d}.txt").write_text(_dump(number), encoding="utf-8")
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _errors(out: Path) -> dict[str, dict]:
    return {Path(record["path"]).name: record for record in
            map(json.loads, (out / "errors.jsonl").read_text(encoding="utf-8").splitlines())}


def _popen(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cleaner", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


# -- 1. two runs on one output ---------------------------------------------------------------

def test_temporary_names_are_unique_per_writer(tmp_path: Path):
    # Eight writers of one path at once: the file ends whole, as one of them wrote it.
    target = tmp_path / "out.json"
    payloads = [bytes([65 + n]) * 200_000 for n in range(8)]
    threads = [threading.Thread(target=write_atomic, args=(target, data)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_bytes() in payloads
    assert [path.name for path in tmp_path.iterdir()] == ["out.json"]


def test_a_second_run_on_the_same_output_is_refused_and_the_first_completes(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 1000)
    out = tmp_path / "out"
    first = _popen("clean", str(inputs), "-o", str(out), "--format", "json", "-j", "2", "-q")
    give_up = time.monotonic() + 60
    while not (out / LOCK_NAME).exists():
        assert time.monotonic() < give_up and first.poll() is None, first.stderr.read()
        time.sleep(0.01)
    second = run_cli("clean", str(inputs), "-o", str(out), "--format", "json", "-j", "2")
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.returncode == 2
    assert b"is being written by another cleaner run (process " in second.stderr
    outputs = sorted(out.glob("*.json"))
    assert len(outputs) == 1001  # and cleaner-run.json
    for path in outputs:
        json.loads(path.read_bytes())  # every output whole
    assert not (out / LOCK_NAME).exists() and not (out / SCRATCH_NAME).exists()


def test_the_lock_is_held_in_process_too(tmp_path: Path):
    hold = hold_output(tmp_path / "out", "txt", [tmp_path])
    try:
        with pytest.raises(BatchRefusedError, match="another cleaner run"):
            hold_output(tmp_path / "out", "txt", [tmp_path])
    finally:
        hold.release()
    hold_output(tmp_path / "out", "txt", [tmp_path]).release()  # free again


# -- 2. outputs over inputs ------------------------------------------------------------------

def test_an_output_folder_that_is_the_input_folder_is_refused(tmp_path: Path):
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "a.txt").write_text(_dump(1), encoding="utf-8")
    (folder / "a.txt.txt").write_text("the user's own notes", encoding="utf-8")
    done = run_cli("clean", str(folder), "-o", str(folder), "--force")
    assert done.returncode == 2
    assert b"is the output folder" in done.stderr
    assert (folder / "a.txt.txt").read_text(encoding="utf-8") == "the user's own notes"
    inside = run_cli("clean", str(folder), "-o", str(tmp_path), "--force")
    assert inside.returncode == 2 and b"lies inside the output folder" in inside.stderr


def test_an_output_folder_inside_the_input_folder_is_left_out_of_the_walk(tmp_path: Path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.txt").write_text(_dump(1), encoding="utf-8")
    for _ in range(2):  # the rerun must not take the first run's a.txt.txt for an input
        done = run_cli("clean", str(folder), "-o", str(folder / "out"), "-e", "keep-all")
        assert done.returncode == 0, done.stderr.decode()
    assert b"skipped 1 (output exists), failed 0 in" in done.stderr
    assert sorted(p.name for p in (folder / "out").iterdir()) == ["a.txt.txt",
                                                                  "cleaner-run.json"]


def test_an_output_that_is_an_input_file_is_not_written(tmp_path: Path):
    (tmp_path / "a.txt").write_text(_dump(1), encoding="utf-8")
    (tmp_path / "a.txt.txt").write_text(_dump(2), encoding="utf-8")
    before = (tmp_path / "a.txt.txt").read_bytes()
    done = run_cli("clean", "a.txt", "a.txt.txt", "-o", ".", "--force", cwd=tmp_path)
    assert done.returncode == 1
    assert (tmp_path / "a.txt.txt").read_bytes() == before
    assert _errors(tmp_path)["a.txt"]["kind"] == "overlap"
    jsonl = run_cli("clean", "a.txt", "-o", "a.txt", "--format", "jsonl", cwd=tmp_path)
    assert jsonl.returncode == 2 and b"is also an input" in jsonl.stderr


# -- 3. two inputs, one output ---------------------------------------------------------------

@pytest.mark.parametrize("jobs", ["1", "2"])
def test_inputs_that_would_share_an_output_are_all_reported(tmp_path: Path, jobs: str):
    import gzip

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html").write_text(f"<p>{ARTICLE} plain</p>", encoding="utf-8")
    (folder / "page.html.gz").write_bytes(gzip.compress(f"<p>{ARTICLE} zipped</p>".encode()))
    (folder / "other.html").write_text(f"<p>{ARTICLE}</p>", encoding="utf-8")
    out = tmp_path / f"out{jobs}"
    done = run_cli("clean", str(folder), "-o", str(out), "-j", jobs, "-e", "keep-all")
    assert done.returncode == 1
    errors = _errors(out)
    assert {name: record["kind"] for name, record in errors.items()} == {
        "page.html": "collision", "page.html.gz": "collision"}
    assert "page.html.gz would write the same output" in errors["page.html"]["message"]
    assert sorted(p.name for p in out.iterdir()) == ["cleaner-run.json", "errors.jsonl",
                                                     "other.html.txt"]


# -- 4 and 9. what the user cannot read or write ----------------------------------------------

@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the unprivileged user "nobody" may enter (pytest's own is root's alone)."""
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o777)
    try:
        yield folder
    finally:
        for path in folder.rglob("*"):
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _clean_as_nobody(inputs: Path, out: Path) -> tuple[int, bytes]:
    """Exit status and stderr of ``cleaner clean INPUTS -o OUT`` (keep-all, one process) run as
    "nobody" when the tests run as root, who reads and writes anything: in a forked child
    that drops root (the interpreter may sit where "nobody" cannot start it)."""
    args = ["clean", str(inputs), "-o", str(out), "-e", "keep-all", "-j", "1"]
    if os.geteuid() != 0:
        done = run_cli(*args)
        return done.returncode, done.stderr
    import pwd

    from cleaner.cli import app

    nobody = pwd.getpwnam("nobody")
    with pytest.raises(SystemExit):  # once as root, here, so the child has every import done
        app([*args[:3], str(out.parent / "warm-up"), *args[4:], "-q"], prog_name="cleaner")
    stderr = out.parent / "stderr.txt"
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        status = 70
        try:
            handle = os.open(stderr, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
            os.dup2(handle, 2)
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115 (pytest captures sys.stderr)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            try:
                app(args, prog_name="cleaner")
                status = 0
            except SystemExit as exit_:
                status = exit_.code if isinstance(exit_.code, int) else 1
        except BaseException:
            import traceback

            traceback.print_exc()
        finally:
            sys.stderr.flush()
            os._exit(status)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status), stderr.read_bytes()


def test_a_folder_that_cannot_be_listed_is_reported(shared_folder: Path):
    inputs = _corpus(shared_folder / "in", 3)
    for path in (shared_folder, inputs):
        path.chmod(0o777)
    locked = inputs / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(_dump(9), encoding="utf-8")
    locked.chmod(0)
    out = shared_folder / "out"
    status, stderr = _clean_as_nobody(inputs, out)
    assert status == 1, stderr.decode()
    record = _errors(out)["locked"]
    assert (record["kind"], record["message"]) == (
        "io", "cannot list this folder: Permission denied")
    assert b"done 3, skipped 0 (output exists), failed 1" in stderr
    assert b"Traceback" not in stderr


def test_an_output_folder_that_cannot_be_written_is_refused_before_anything_runs(
        shared_folder: Path):
    inputs = _corpus(shared_folder / "in", 2)
    for path in [inputs, *inputs.iterdir()]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    read_only = shared_folder / "read-only"
    read_only.mkdir(mode=0o555)
    read_only.chmod(0o555)
    status, stderr = _clean_as_nobody(inputs, read_only / "out")
    assert status == 2, stderr.decode()
    assert stderr.decode() == f"error: cannot write into {read_only / 'out'}: Permission denied\n"


def test_a_jsonl_output_that_is_not_a_regular_file_is_refused(tmp_path: Path):
    (tmp_path / "a.txt").write_text(_dump(1), encoding="utf-8")
    done = run_cli("clean", str(tmp_path / "a.txt"), "--format", "jsonl", "-o", "/dev/full")
    assert done.returncode == 2
    assert done.stderr == b"error: -o /dev/full: not a regular file (for standard output, " \
                          b"give -o -)\n"


# -- 5. one odd name ---------------------------------------------------------------------------

def test_odd_file_names_cost_their_own_file_only(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    long_name = "p" * 248 + ".txt"  # its output, + ".json", is past 255 bytes
    (folder / long_name).write_text(_dump(1), encoding="utf-8")
    latin1 = os.fsdecode(b"caf\xe9.txt")  # not UTF-8: a surrogate in Python's str
    (folder / latin1).write_text(_dump(2), encoding="utf-8")
    (folder / "fine.txt").write_text(_dump(3), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    for fmt in ("json", "txt"):
        out = tmp_path / f"out-{fmt}"
        done = run_cli("clean", str(folder), "-o", str(out), "--format", fmt, "-e", "keep-all")
        assert done.returncode == 1, done.stderr.decode()
        assert b"Traceback" not in done.stderr
        errors = _errors(out)
        assert errors[long_name]["kind"] == "name"
        assert "File name too long" in errors[long_name]["message"]
        assert errors["broken.txt"]["kind"] == "binary"
        assert (out / f"fine.txt.{fmt}").exists()
        assert (out / os.fsdecode(b"caf\xe9.txt." + fmt.encode())).exists()
    record = json.loads((tmp_path / "out-json" / os.fsdecode(b"caf\xe9.txt.json")).read_text())
    assert record["source"].endswith("caf\\xe9.txt")
    jsonl = run_cli("clean", str(folder), "--format", "jsonl", "-e", "keep-all")
    sources = [json.loads(line)["source"] for line in jsonl.stdout.splitlines()]
    assert any(source.endswith("caf\\xe9.txt") for source in sources)
    assert len(sources) == 3  # the long name is no problem without an output file


# -- 6. signals ------------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(line) for line in found.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc").is_dir() or shutil.which("pgrep") is None,
                    reason="needs /proc and pgrep")
@pytest.mark.parametrize("which", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_ends_the_run_and_its_workers_and_the_rerun_completes(tmp_path: Path, which):
    inputs = _corpus(tmp_path / "in", 600)
    reference = tmp_path / "reference"
    assert run_cli("clean", str(inputs), "-o", str(reference), "--format", "json").returncode == 0
    out = tmp_path / "out"
    run = _popen("clean", str(inputs), "-o", str(out), "--format", "json", "-j", "2")
    give_up = time.monotonic() + 120
    while len(list(out.glob("*.json"))) < 50:
        assert time.monotonic() < give_up and run.poll() is None, run.stderr.read()
        time.sleep(0.01)
    family = _children(run.pid)
    family += [grandchild for child in family for grandchild in _children(child)]
    assert len(family) >= 2  # the workers (and the resource tracker, if any)
    run.send_signal(which)
    status = run.wait(timeout=10)
    deadline = time.monotonic() + 5
    while any(_alive(pid) for pid in family) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in family if _alive(pid)], "processes of the run left"
    assert status == 128 + which, run.stderr.read()
    stderr = run.stderr.read().decode()
    assert f"stopped by {signal.Signals(which).name}" in stderr and "Traceback" not in stderr
    assert not (out / LOCK_NAME).exists()
    rerun = run_cli("clean", str(inputs), "-o", str(out), "--format", "json", "-j", "2")
    assert rerun.returncode == 0, rerun.stderr.decode()
    assert _tree(out) == _tree(reference)


# -- 8. a full disk ---------------------------------------------------------------------------

@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_an_error_report_that_cannot_be_written_does_not_stop_the_run(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(_dump(1), encoding="utf-8")
    for name in ("b-bad.txt", "c-bad.txt"):
        (folder / name).write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    (folder / "d-good.txt").write_text(_dump(2), encoding="utf-8")
    out = tmp_path / "out"
    seen = []

    def disk_fills_up(outcome) -> None:
        # After the first file, the report's temporary file is a device that is always full.
        if not seen:
            (out / SCRATCH_NAME / "errors.jsonl").symlink_to("/dev/full")
        seen.append(outcome.status)

    config = BatchConfig((folder,), out, "txt", 1, Options(extractor="keep-all"))
    summary = run_batch(config, disk_fills_up)
    assert seen == ["written", "failed", "failed", "written"]
    assert (summary.written, summary.failed) == (2, 2)
    assert summary.report_problem == "No space left on device"
    assert not (out / "errors.jsonl").exists()
    assert (out / "d-good.txt.txt").exists()


# -- 10. stdin -------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["clean", "-"], ["explain", "-"]])
def test_stdin_is_read_no_further_than_the_size_limit(command):
    with open("/dev/zero", "rb") as endless:
        done = subprocess.run([sys.executable, "-m", "cleaner", *command, "--max-bytes", "1000"]
                              if command[0] == "clean" else
                              [sys.executable, "-m", "cleaner", *command],
                              stdin=endless, capture_output=True, timeout=120, check=False)
    assert done.returncode == 1
    assert b"larger than the limit of" in done.stderr


# -- 12. links out of the tree ------------------------------------------------------------------

def test_a_link_out_of_the_folder_is_reported_not_followed(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(_dump(7), encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(_dump(1), encoding="utf-8")
    (folder / "inside.txt").symlink_to(folder / "page.txt")
    (folder / "outside.txt").symlink_to(secret)
    out = tmp_path / "out"
    done = run_cli("clean", str(folder), "-o", str(out), "-e", "keep-all")
    assert done.returncode == 1
    record = _errors(out)["outside.txt"]
    assert record["kind"] == "link" and "not followed" in record["message"]
    assert sorted(p.name for p in out.iterdir()) == ["cleaner-run.json", "errors.jsonl",
                                                     "inside.txt.txt", "page.txt.txt"]
    followed = run_cli("clean", str(folder), "-o", str(tmp_path / "out2"), "-e", "keep-all",
                       "--follow-links")
    assert followed.returncode == 0
    assert "Page 7" in (tmp_path / "out2" / "outside.txt.txt").read_text(encoding="utf-8")


# -- the targets: every failure reported, and a rerun after the fix equals an unbroken run ----

def test_a_rerun_after_fixing_the_failures_equals_an_uninterrupted_run(tmp_path: Path):
    inputs = _corpus(tmp_path / "in", 30)
    reference = tmp_path / "reference"
    assert run_cli("clean", str(inputs), "-o", str(reference), "--format", "json").returncode == 0
    good = {name: (inputs / name).read_bytes() for name in ("page0003.txt", "page0017.txt")}
    for name in good:
        (inputs / name).write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    broken = run_cli("clean", str(inputs), "-o", str(out), "--format", "json", "-j", "2")
    assert broken.returncode == 1 and b"Traceback" not in broken.stderr
    assert {name: record["kind"] for name, record in _errors(out).items()} == {
        "page0003.txt": "binary", "page0017.txt": "binary"}
    for name, data in good.items():
        (inputs / name).write_bytes(data)
    fixed = run_cli("clean", str(inputs), "-o", str(out), "--format", "json", "-j", "2")
    assert fixed.returncode == 0 and b"done 2, skipped 28" in fixed.stderr
    assert _tree(out) == _tree(reference)  # the old error report is gone with its failures
