"""Every third-party module the package imports is a declared dependency.

Two ways a fresh install breaks: cleaner imports a module that only happens to be installed
(a dependency of a dependency), or a library cleaner calls imports one that only an extra of
its own would install (trafilatura's jusText needs lxml_html_clean through ``lxml[html_clean]``,
an extra lxml 6 no longer provides). The first is read from the sources, the second from what
cleaning an HTML page really loads.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "cleaner"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]

#: Modules imported only inside functions of the benchmark's peer runners, from the ``bench``
#: extra (or, for jusText, trafilatura), which may not be installed where the tests run:
#: import name -> distribution.
BENCH_PEER_MODULES = {
    "readability": "readability-lxml",
    "justext": "jusText",
    "resiliparse": "resiliparse",
    "html_text": "html-text",
}


#: Modules of the ``learned`` extra (which ``train`` includes): the training package
#: (``cleaner train``) may import them anywhere, the rest only inside the functions that run
#: the learned extractor: import name -> distribution.
TRAIN_MODULES = {"lightgbm": "lightgbm", "numpy": "numpy"}
#: Modules of the ``warc`` extra, imported only inside the function that reads WARC files:
#: import name -> distribution.
WARC_MODULES = {"fastwarc": "fastwarc"}
#: Modules of the engine extras: imported at module level only by the adapters in
#: cleaner/engines (which ``import cleaner`` never loads), elsewhere only inside functions:
#: import name -> (extra, distribution).
ENGINE_MODULES = {
    "datatrove": ("datatrove", "datatrove"),
    "pyspark": ("spark", "pyspark"),
    "pandas": ("spark", "pandas"),
    "pyarrow": ("spark", "pyarrow"),
}
ENGINES_PACKAGE = PACKAGE / "engines"
#: Modules of the ``parquet`` extra, imported only inside the functions of the parquet output
#: (cleaner/batch/parquet_sink.py; the engines' own pyarrow is the spark extra's): import name
#: -> distribution.
PARQUET_MODULES = {"pyarrow": "pyarrow"}
PARQUET_SINK = PACKAGE / "batch" / "parquet_sink.py"
TRAINING_PACKAGE = PACKAGE / "training"


def _names(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(line).name) for line in requirements}


CORE = _names(PYPROJECT["dependencies"])
EXTRAS = {extra: _names(lines) for extra, lines in PYPROJECT["optional-dependencies"].items()}


def _third_party(name: str) -> bool:
    return name != "cleaner" and name != "__future__" and name not in sys.stdlib_module_names


def _imports(tree: ast.AST) -> list[tuple[str, bool]]:
    """(top-level module, imported at module level) for every absolute import in ``tree``."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name.split(".")[0], not in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module.split(".")[0], not in_function))
            visit(child, nested)

    visit(tree, False)
    return found


def _source_imports() -> dict[str, tuple[Path, bool]]:
    """Third-party top-level modules the package imports: where first seen, and whether any
    module imports it at module level (so importing cleaner needs it). The training package
    is left out: test_the_train_extra_is_imported_by_training_only checks it."""
    seen: dict[str, tuple[Path, bool]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(TRAINING_PACKAGE):
            continue
        for name, top_level in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if name in ENGINE_MODULES and path.is_relative_to(ENGINES_PACKAGE):
                extra, distribution = ENGINE_MODULES[name]
                assert canonicalize_name(distribution) in EXTRAS[extra], (path, name)
                continue
            if name in PARQUET_MODULES and path == PARQUET_SINK:
                assert not top_level, f"{path}: the parquet extra's {name} imported at module level"
                assert canonicalize_name(PARQUET_MODULES[name]) in EXTRAS["parquet"], (path, name)
                continue
            if _third_party(name):
                first = seen.get(name, (path, False))
                seen[name] = (first[0], first[1] or top_level)
    return seen


def _distributions_of(module: str) -> set[str]:
    return {canonicalize_name(name)
            for name in importlib.metadata.packages_distributions().get(module, [])}


def test_the_import_walk_sees_imports_at_every_depth() -> None:
    tree = ast.parse("import a.b\nfrom c import d\nfrom . import e\n"
                     "def f():\n    import g\n    if True:\n        from h.i import j\n")
    assert _imports(tree) == [("a", True), ("c", True), ("g", False), ("h", False)]


def test_every_module_the_sources_import_is_declared() -> None:
    undeclared = []
    for module, (path, top_level) in _source_imports().items():
        where = path.relative_to(REPO)
        if module in TRAIN_MODULES:
            assert not top_level, f"{where}: the learned extra's {module} imported at module level"
            assert canonicalize_name(TRAIN_MODULES[module]) in EXTRAS["learned"], module
            continue
        if module in ENGINE_MODULES:
            extra, distribution = ENGINE_MODULES[module]
            assert not top_level, f"{where}: the {extra} extra's {module} imported at module level"
            assert canonicalize_name(distribution) in EXTRAS[extra], module
            continue
        if module in WARC_MODULES:
            assert not top_level, f"{where}: the warc extra's {module} imported at module level"
            assert canonicalize_name(WARC_MODULES[module]) in EXTRAS["warc"], module
            continue
        if module in BENCH_PEER_MODULES:
            assert not top_level, f"{where}: the bench extra's {module} imported at module level"
            distribution = canonicalize_name(BENCH_PEER_MODULES[module])
            assert distribution in EXTRAS["bench"] | _guaranteed_distributions(), distribution
            continue
        distributions = _distributions_of(module)
        assert distributions, f"{where} imports {module}, which no installed distribution has"
        if not distributions & CORE:
            undeclared.append(f"{where}: {module} (from {', '.join(sorted(distributions))})")
    assert not undeclared, "imported but not in [project] dependencies: " + "; ".join(undeclared)


def test_the_train_extra_is_imported_by_training_only() -> None:
    assert {canonicalize_name(name) for name in TRAIN_MODULES.values()} <= EXTRAS["learned"]
    assert PYPROJECT["optional-dependencies"]["train"] == ["cleaner[learned]"]
    for path in sorted(TRAINING_PACKAGE.rglob("*.py")):
        for name, _ in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if _third_party(name) and name not in TRAIN_MODULES:
                assert _distributions_of(name) & CORE, f"{path}: {name} is not declared"
    assert "cleaner[train]" in PYPROJECT["optional-dependencies"]["dev"]


def test_the_parquet_extra_is_imported_lazily_by_the_parquet_sink() -> None:
    imports = _imports(ast.parse(PARQUET_SINK.read_text(encoding="utf-8")))
    assert ("pyarrow", False) in imports  # the sink does use it, inside its functions
    assert ("pyarrow", True) not in imports
    assert {canonicalize_name(name) for name in PARQUET_MODULES.values()} <= EXTRAS["parquet"]
    assert "cleaner[parquet]" in PYPROJECT["optional-dependencies"]["dev"]


def _guaranteed_distributions() -> set[str]:
    """What installing the core dependencies always brings: their requirements, transitively,
    leaving out what only an extra of a dependency asks for."""
    environment = {"extra": ""}
    guaranteed: set[str] = set()
    pending = list(CORE)
    while pending:
        name = pending.pop()
        if name in guaranteed:
            continue
        guaranteed.add(name)
        for line in importlib.metadata.requires(name) or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate(environment):
                pending.append(canonicalize_name(requirement.name))
    return guaranteed


def _offered_by_extras_of(distributions: set[str]) -> set[str]:
    """What the extras of ``distributions`` ask for (a dependency's optional accelerators)."""
    offered = set()
    for name in distributions:
        try:
            requirements = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue
        for line in requirements:
            requirement = Requirement(line)
            if requirement.marker is not None and "extra" in str(requirement.marker):
                offered.add(canonicalize_name(requirement.name))
    return offered


def test_an_extra_of_a_dependency_is_not_counted_on() -> None:
    # jusText asks for lxml[html_clean]: that brings lxml, and lxml_html_clean only through the
    # extra, which the walk above must not follow.
    assert not Marker('extra == "html_clean"').evaluate({"extra": ""})


_LOADED_BY_CLEANING = """
import json, sys, sysconfig
from pathlib import Path
import cleaner
page = "<html><body><article><h1>Title here</h1>" + "<p>A sentence of the article. </p>" * 30
for extractor in ("ensemble", "trafilatura", "heuristic"):
    cleaner.clean(page, extractor=extractor)
cleaner.clean("A text dump.\\n\\nWith two paragraphs of words in it.\\n")
from cleaner.cli import app  # the CLI's imports too
site = Path(sysconfig.get_paths()["purelib"]).resolve()
loaded = sorted({name.split(".")[0] for name, module in list(sys.modules.items())
                 if getattr(module, "__file__", None)
                 and Path(module.__file__).resolve().is_relative_to(site)})
print(json.dumps(loaded))
"""


def test_cleaning_html_loads_only_what_the_declared_dependencies_guarantee(
    tmp_path: Path,
) -> None:
    # Run from an empty folder, so the subprocess imports the cleaner the tests test (the
    # sources of an editable install, or the installed wheel).
    run = subprocess.run([sys.executable, "-c", _LOADED_BY_CLEANING], capture_output=True,
                         text=True, cwd=tmp_path)
    assert run.returncode == 0, f"cleaning failed in a fresh process: {run.stderr[-600:]}"
    output = run.stdout
    guaranteed = _guaranteed_distributions()
    optional = _offered_by_extras_of(guaranteed)
    missing = {}
    for module in json.loads(output):
        if module == "cleaner" or re.fullmatch(r"_+[a-z0-9_]*|[a-z0-9]+__mypyc", module):
            continue  # cleaner's own compiled modules, and private helper modules
        distributions = _distributions_of(module)
        # A dependency may load what one of its own extras offers when it is there (urllib3
        # takes brotli if installed, which the warc extra brings): it works without it.
        if distributions and not distributions & (guaranteed | optional):
            missing[module] = sorted(distributions)
    assert not missing, f"loaded while cleaning, but no declared dependency guarantees: {missing}"
