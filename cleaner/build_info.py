"""Which build of cleaner is running: modules compiled by mypyc, or the pure-Python sources.

The two give the same output; the compiled one is faster. Benchmark figures name the build
they were measured on (setup.py says when modules are compiled).
"""

from __future__ import annotations

import sys
from importlib.machinery import EXTENSION_SUFFIXES

import cleaner.extractors.heuristic  # noqa: F401  (loads the modules a build may compile)
import cleaner.parse  # noqa: F401


def compiled_modules() -> list[str]:
    """Names of the loaded cleaner modules that are compiled extension modules, sorted."""
    return sorted(
        name for name, module in list(sys.modules.items())
        if (name == "cleaner" or name.startswith("cleaner."))
        and str(getattr(module, "__file__", "") or "").endswith(tuple(EXTENSION_SUFFIXES))
    )


def build_kind() -> str:
    """"compiled (mypyc, N modules)" or "pure Python"."""
    compiled = compiled_modules()
    return f"compiled (mypyc, {len(compiled)} modules)" if compiled else "pure Python"
