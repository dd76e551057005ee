"""Build: the labelling hot path compiled to C with mypyc when a wheel is built; pure Python
otherwise.

Per page, cleaner runs a few hundred small Python steps per block (tokenising, phrase lookups,
rule tests, the HTML walk); compiled by mypyc, the same source takes a third or more less time
on text dumps (see README, Benchmark). The .py files stay in the package and are what runs when:

- the install is editable (``pip install -e .``): sources you edit take effect at once, where a
  compiled module built in place would shadow them;
- ``CLEANER_PURE_PYTHON=1`` is set at install time;
- compiling fails (no C compiler, a type error mypyc refuses): a warning, then a pure build.

``python -c "import cleaner; print(cleaner.build_kind())"`` tells which one is installed.
"""

from __future__ import annotations

import os
import sys
import tomllib
import warnings
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

#: The modules compiled (pyproject.toml, [tool.cleaner.build], says which and why).
with open(Path(__file__).with_name("pyproject.toml"), "rb") as _pyproject:
    COMPILED_MODULES: list[str] = tomllib.load(_pyproject)["tool"]["cleaner"]["build"]["compiled"]
#: setup.py commands that build a wheel or extensions (an editable install runs
#: "editable_wheel", metadata queries "egg_info" or "dist_info": those compile nothing).
_BUILDING_COMMANDS = {"bdist_wheel", "build", "build_ext", "install"}


class OptionalBuildExt(build_ext):
    """build_ext that falls back to the pure-Python package when compiling fails."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as error:  # compiler missing or failing: the .py files still work
            _warn_pure(f"compiling failed ({error})")
            for path in self.get_outputs():
                if os.path.exists(path):
                    os.remove(path)  # no half-compiled package: all or nothing


def _warn_pure(why: str) -> None:
    warnings.warn(f"cleaner: {why}; installing the pure-Python package (slower, same output)",
                  stacklevel=2)


def _compiled_extensions() -> list:
    if os.environ.get("CLEANER_PURE_PYTHON") == "1":
        return []
    if _BUILDING_COMMANDS.isdisjoint(sys.argv[1:]):
        return []
    try:
        from mypyc.build import mypycify

        return mypycify(COMPILED_MODULES, opt_level="3", group_name="cleaner")
    except SystemExit:  # how mypy ends on type errors (printed above)
        _warn_pure("mypy found type errors in the modules to compile")
        return []
    except Exception as error:  # mypy missing, or mypyc failing on a construct
        _warn_pure(f"mypyc could not compile it ({type(error).__name__}: {error})")
        return []


setup(ext_modules=_compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
