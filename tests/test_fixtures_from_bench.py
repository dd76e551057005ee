"""``cleaner fixtures from-bench``: benchmark pages copied into fixture cases, with licence."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from helpers import run_cli

from cleaner.fixtures.from_bench import pick_evenly
from cleaner.scoring.cases import load_cases


def _bench(folder: Path, ids: list[str], licence: bool = True) -> Path:
    (folder / "html").mkdir(parents=True)
    (folder / "text-w3m").mkdir()
    with (folder / "gold.jsonl").open("w", encoding="utf-8") as gold:
        for page_id in ids:
            body = f"Body of page {page_id} with enough words to score."
            gold.write(json.dumps({"id": page_id, "url": f"https://example.org/{page_id}",
                                   "body": body}) + "\n")
            html = f"<html><body><p>Menu</p><p>{body}</p></body></html>"
            (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
            (folder / "text-w3m" / f"{page_id}.txt").write_text(f"Menu\n\n{body}\n")
    if licence:
        (folder / "LICENSE").write_text("MIT License\n")
    return folder


def test_pick_evenly_spreads_over_the_sorted_ids():
    ids = [f"{n:02d}" for n in range(10)]
    assert pick_evenly(list(reversed(ids)), 3) == ["00", "03", "06"]
    assert pick_evenly(ids, 20) == ids


def test_pages_become_cases_with_both_forms_gold_origin_and_licence(tmp_path: Path):
    bench = _bench(tmp_path / "set-dev", ["aaaa1111bbbb2222", "cccc3333dddd4444", "eeee5555"])
    out = tmp_path / "fixtures" / "real"
    done = run_cli("fixtures", "from-bench", str(bench), "--out", str(out), "--count", "2")
    assert done.returncode == 0, done.stderr.decode()
    assert (out / "LICENSE").read_text() == "MIT License\n"
    case = out / "aaaa1111bbbb"
    assert gzip.decompress((bench / "html" / "aaaa1111bbbb2222.html.gz").read_bytes()) == \
        (case / "input.html").read_bytes()
    meta = json.loads((case / "meta.json").read_text())
    assert meta["url"] == "https://example.org/aaaa1111bbbb2222"
    assert "aaaa1111bbbb2222" in meta["origin"]
    cases = load_cases(tmp_path / "fixtures")
    assert sorted(c.key for c in cases) == [
        "real/aaaa1111bbbb/html", "real/aaaa1111bbbb/text",
        "real/cccc3333dddd/html", "real/cccc3333dddd/text",
    ]
    assert all(c.gold_body.startswith("Body of page") for c in cases)


def test_a_set_without_licence_is_refused(tmp_path: Path):
    bench = _bench(tmp_path / "set-dev", ["aaaa"], licence=False)
    done = run_cli("fixtures", "from-bench", str(bench), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "no LICENSE" in done.stderr.decode()
    assert not (tmp_path / "out" / "aaaa").exists()
