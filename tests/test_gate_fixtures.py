"""The CI regression gate: every extractor pinned in fixtures/floors.json still meets its floors."""

from __future__ import annotations

import json

import pytest
from conftest import REPO
from helpers import run_cli

FLOORS = REPO / "fixtures" / "floors.json"
PINNED = sorted(json.loads(FLOORS.read_text(encoding="utf-8"))["extractors"])


def test_floors_pin_the_default_extractor():
    assert "auto" in PINNED


@pytest.mark.parametrize("extractor", PINNED)
def test_fixture_gate(extractor: str):
    done = run_cli("score", str(REPO / "fixtures"), "--extractor", extractor, "--summary",
                   "--baseline", str(FLOORS))
    report = done.stdout.decode() + done.stderr.decode()
    assert done.returncode == 0, report
    assert "gate passed" in report
