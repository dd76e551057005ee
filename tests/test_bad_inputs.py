"""A corpus of bad and awkward inputs, generated here, run as one batch: each file gets a clear,
specific error or a correct result; nothing crashes, hangs or stops the others (issue 6)."""

from __future__ import annotations

import gzip
import json
import os
import pwd
import random
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from helpers import run_cli

from cleaner.batch.runner import _Task, process_file
from cleaner.options import Options

ARTICLE = ("The council voted on Monday to repair the harbour ferry before the winter storms. "
           "Engineers will replace both propeller shafts and rebuild the passenger deck.")
MAX_BYTES = 4_000_000


def _page(words: str, charset: str | None = None) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<html><head>{meta}<title>Ferry</title></head><body><nav>Home News</nav>"
            f"<article><h1>Ferry back</h1><p>{ARTICLE} {words}</p></article></body></html>")


def _corpus(folder: Path) -> dict[str, str | None]:
    """Write the corpus; returns each file's expected error kind, or None for "cleans", with
    the word its output must contain after the name (``name=word``)."""
    folder.mkdir()
    expected: dict[str, str | None] = {}

    def add(name: str, data: bytes, kind: str | None, word: str = "harbour") -> None:
        (folder / name).write_bytes(data)
        expected[name] = kind if kind else f"ok:{word}"

    add("empty.txt", b"", "empty")
    add("blank.txt", b"  \n\t\n   \n", "empty")
    add("report.pdf.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 20, "binary")
    add("image.png.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300), "binary")
    add("archive.zip.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(300), "binary")
    add("random.txt", random.Random(1).randbytes(5000), "binary")
    add("invalid-utf8.html", _page("caf\xe9 d\xe9j\xe0").encode("utf-8").replace(
        b"\xc3\xa9", b"\xe9", 1), None)
    add("utf16-bom.html", b"\xff\xfe" + _page("Fähre").encode("utf-16-le"), None, "fähre")
    add("cp1252.html", _page("naïve café — “quoted”", "windows-1252").encode("cp1252"), None,
        "café")
    add("latin1.txt", f"Ferry\n\n{ARTICLE} Größe und Maße.\n".encode("latin-1"), None, "größe")
    japanese, chinese = "港のフェリーが運航を再開した", "港口渡轮恢复运营"
    add("shift-jis.html", _page(japanese, "Shift_JIS").encode("shift_jis"), None, japanese)
    add("gb2312.html", _page(chinese, "gb2312").encode("gb2312"), None, chinese)
    add("page.html.gz", gzip.compress(_page("compressed").encode()), None, "compressed")
    add("truncated.html.gz", gzip.compress(_page("x" * 5000).encode())[:60], "input")
    add("nul-bytes.txt", f"Ferry\n\n{ARTICLE}\x00 more\x00 text.\n".encode(), None)
    add("one-long-line.txt", ((ARTICLE + " ") * 6000).encode(), None)  # about 1 MB, one line
    add("deep.html", ("<div>" * 100_000 + ARTICLE + "</div>" * 100_000).encode(), None)
    add("garbage.html", b"<<<>>><p <div =\"\"><< <![CDATA[ </p></td><tr><b><i></b>"
        + _page("soup").encode().replace(b"</p>", b""), None, "soup")
    # An unclosed comment hides the rest of the page, in a browser as here: a result, empty.
    add("unclosed-comment.html", b"<p>Before</p><!-- " + _page("hidden").encode(), None, "")
    add("too-large.html", b"<p>" + b"big " * (MAX_BYTES // 4) + b"</p>", "too-large")
    os.symlink(folder / "missing-target.txt", folder / "dangling.txt")
    expected["dangling.txt"] = "io"
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    expected["loop-a.txt"] = expected["loop-b.txt"] = "io"
    (folder / "a-directory.html").mkdir()  # named like a page, walked into as a folder
    return expected


def test_every_bad_file_is_reported_and_every_good_one_cleaned(tmp_path: Path):
    inputs = tmp_path / "in"
    expected = _corpus(inputs)
    out = tmp_path / "out"
    done = run_cli("clean", str(inputs), "-o", str(out), "--format", "json",
                   "--max-bytes", str(MAX_BYTES), "--timeout", "60", "-j", "2")
    assert done.returncode == 1, done.stderr.decode()  # some files failed: exit status 1
    errors = {Path(record["path"]).name: record for record in
              map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    for name, outcome in expected.items():
        if outcome.startswith("ok:"):
            assert name not in errors, errors.get(name)
            target = out / (name[:-3] if name.endswith(".gz") else name)
            record = json.loads(target.with_name(target.name + ".json").read_text())
            assert outcome[3:] in record["text"].lower(), (name, record["text"][:200])
        else:
            assert errors[name]["kind"] == outcome, (name, errors[name])
            assert errors[name]["message"]
    assert set(errors) == {n for n, o in expected.items() if not o.startswith("ok:")}
    assert "failed" in done.stderr.decode()  # the summary on stderr says so


def test_a_file_that_vanishes_before_its_turn_is_reported_not_fatal(tmp_path: Path):
    gone = tmp_path / "gone.txt"
    outcome = process_file(_Task(gone, tmp_path / "out.txt", "txt", Options()))
    assert (outcome.status, outcome.error_kind) == ("failed", "io")
    assert "No such file" in outcome.message


def test_an_unreadable_file_is_reported():
    # Root reads any file whatever its mode: as root, the reading runs in a forked child that
    # has become "nobody" first (in a folder "nobody" may enter).
    folder = Path(tempfile.mkdtemp())
    try:
        folder.chmod(0o777)
        readable, locked = folder / "readable.txt", folder / "locked.txt"
        for path in (readable, locked):
            path.write_text("Ferry\n\n" + ARTICLE + "\n")
        readable.chmod(0o644)
        locked.chmod(0)

        def clean_both() -> list[list[str | None]]:
            return [[o.status, o.error_kind, o.message] for o in (
                process_file(_Task(path, folder / f"{path.name}.out", "txt", Options()))
                for path in (readable, locked))]

        outcomes = _as_nobody(clean_both) if os.geteuid() == 0 else clean_both()
    finally:
        shutil.rmtree(folder)
    assert outcomes[0][:2] == ["written", None]
    assert outcomes[1] == ["failed", "io", "Permission denied"]


def _as_nobody(function: Callable[[], object]) -> object:
    """``function()``'s JSON-able result, run in a forked child that dropped root for the
    unprivileged "nobody" (after a first call, so that every import is done as root)."""
    nobody = pwd.getpwnam("nobody")
    function()
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        status = 1
        try:
            os.close(read_end)
            os.setgroups([])
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            os.write(write_end, json.dumps(function()).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    _, status = os.waitpid(child, 0)
    assert status == 0, "the child running as nobody failed"
    return json.loads(data)


def test_a_50_mb_page_is_cleaned_whole_under_the_default_size_limit(tmp_path: Path):
    # 146,000 paragraphs side by side in one <article>, between a menu and a footer.
    paragraphs = [f"<p>Paragraph {n:06d}: {ARTICLE} {ARTICLE}</p>\n" for n in range(146_000)]
    html = ("<html><head><title>Ferry</title></head><body><nav><a href='/'>Home</a> "
            "<a href='/news'>News</a></nav><article><h1>Ferry back</h1>" + "".join(paragraphs)
            + "</article><footer>© 2024 Harbour Times. All rights reserved.</footer>"
            "</body></html>").encode()
    assert len(html) >= 50_000_000
    page = tmp_path / "big.html"
    page.write_bytes(html)
    # Above trafilatura's element budget: the default extractor gives the heuristic's labels.
    done = run_cli("clean", str(page), "-o", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr.decode()
    text = (tmp_path / "out" / "big.html.txt").read_text()
    assert text.count("Paragraph ") == 146_000
    assert "Paragraph 000000:" in text and "Paragraph 145999:" in text
    assert "All rights reserved" not in text and "Home" not in text
