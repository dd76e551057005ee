"""The compiled build (setup.py, mypyc) must behave as the pure-Python sources do."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest
from helpers import run_cli

import cleaner
from cleaner.build_info import build_kind, compiled_modules
from cleaner.patterns import words_of

ROOT = Path(__file__).resolve().parent.parent


def _configured() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as pyproject:
        return tomllib.load(pyproject)["tool"]["cleaner"]["build"]["compiled"]


def _module_name(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def test_every_module_to_compile_exists_in_the_package():
    for path in _configured():
        assert (ROOT / path).is_file(), path
        assert _module_name(path) in sys.modules, f"{path} is not loaded by `import cleaner`"


@pytest.mark.parametrize("path", _configured())
def test_compiled_modules_lower_case_text_with_cpythons_lower(path):
    """mypyc's own str.lower() misses the final sigma: compiled modules call patterns.lower."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    calls = [
        node.lineno for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
        and node.func.attr == "lower" and not node.args
    ]
    assert calls == [], f"{path}: .lower() on lines {calls}; use cleaner.patterns.lower"


def test_words_keep_the_final_sigma_in_either_build():
    """words_of (compiled in a compiled build) lower-cases as CPython does."""
    assert words_of("ΟΣ, «ΟΔΟΣ» ΤΟΥ") == ("ος", "οδος", "του")


def test_compiled_modules_are_those_loaded_from_extension_files():
    compiled = set(compiled_modules())
    for name, module in list(sys.modules.items()):
        if name == "cleaner" or name.startswith("cleaner."):
            is_extension = str(getattr(module, "__file__", "") or "").endswith(
                tuple(EXTENSION_SUFFIXES))
            assert (name in compiled) == is_extension, name
    assert build_kind() == (f"compiled (mypyc, {len(compiled)} modules)" if compiled
                            else "pure Python")
    assert cleaner.build_kind is build_kind


def test_version_names_the_build():
    done = run_cli("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == f"cleaner {cleaner.__version__}, {build_kind()}\n"


@pytest.mark.skipif(not compiled_modules(), reason="pure-Python build: nothing compiled")
def test_a_compiled_build_compiles_every_configured_module():
    assert compiled_modules() == sorted(_module_name(path) for path in _configured())
