"""What the engine tests share: skip them when an engine is not installed, unless CI asks for
every engine (CLEANER_REQUIRE_ENGINES=1), where a missing engine is a failure."""

from __future__ import annotations

import os
from types import ModuleType

import pytest


def require(module: str) -> ModuleType:
    """The engine's module, or a skip (a failure when CLEANER_REQUIRE_ENGINES is set)."""
    if os.environ.get("CLEANER_REQUIRE_ENGINES"):
        return __import__(module)
    return pytest.importorskip(module, reason=f"{module} is not installed (its extra)")
