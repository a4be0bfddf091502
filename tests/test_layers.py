"""The package's modules form layers, and a module imports only from its own layer or below.

Every import is read from the source (ast), including imports inside functions: a lazy import
is still a dependency. ``from . import name`` of a public name counts as an import of the
module that defines it (``govreport._EXPORTS``). A new module must be given a layer here.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import govreport

SRC = Path(govreport.__file__).parent

# bottom to top
LAYERS = [
    # the model layer: records, errors and the vocabulary schemas; nothing of the pipeline
    {"errors", "models", "regexes", "vocab", "units", "quantities"},
    # reading text: numbers, sentences, documents (and the formats and page layouts they come in)
    {"numerals", "segment", "document", "formats", "layout", "regions"},
    # the stages (structure: the document's outline, which the context stage reads)
    {"mentions", "indicators", "structure", "context", "tables"},
    {"pipeline"},
    # what is done with records: tables, comparison, scoring, the review page, output files
    {"frames", "catalogue", "comparison", "evaluate", "html_review", "output", "failures"},
    # the containers users get back, which offer the layer below
    {"records", "corpus"},
    # tables and plots across documents
    {"panels", "plots"},
    {"cli", "__main__", "__init__"},
]
LAYER = {m: i for i, layer in enumerate(LAYERS) for m in layer}
MODULES = sorted(p.stem for p in SRC.glob("*.py"))


def imports_of(module: str) -> dict[str, int]:
    """{imported govreport module: first line} for every import in ``module``'s source."""
    tree = ast.parse((SRC / f"{module}.py").read_text(encoding="utf-8"))
    out: dict[str, int] = {}

    def add(name: str, line: int) -> None:
        if name != module:
            out.setdefault(name, line)

    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            inside = node.level == 1 or (node.level == 0 and (node.module or "").split(".")[0] == "govreport")
            if not inside:
                continue
            base = node.module if node.level else ".".join((node.module or "").split(".")[1:])
            if base:
                add(base.split(".")[0], node.lineno)
            else:  # from . import x: a submodule, or a public name of the package
                for alias in node.names:
                    name = alias.name
                    add(name if name in MODULES else govreport._EXPORTS.get(name, "__init__"), node.lineno)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "govreport":
                    add(parts[1] if len(parts) > 1 else "__init__", node.lineno)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and module != "__init__":
            # an import by name hides its target from this walk: allowed only of other packages
            target = node.args[0] if node.args else None
            if not (isinstance(target, ast.Constant) and isinstance(target.value, str)
                    and not target.value.startswith((".", "govreport"))):
                add("<dynamic import>", node.lineno)
    return out


def test_every_module_has_a_layer():
    assert sorted(set(MODULES) - set(LAYER)) == []
    assert sorted(set(LAYER) - set(MODULES)) == []


@pytest.mark.parametrize("module", MODULES)
def test_a_module_imports_nothing_above_its_layer(module):
    upward = {f"{name} (line {line})": LAYER.get(name) for name, line in imports_of(module).items()
              if LAYER.get(name, len(LAYERS)) > LAYER[module]}
    assert upward == {}, f"{module} (layer {LAYER[module]}) imports from above"


def test_there_is_no_import_circle():
    # modules of one layer may import each other, but never round in a circle
    graph = {m: set(imports_of(m)) & set(MODULES) for m in MODULES}
    state: dict[str, int] = {}

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                raise AssertionError("import circle: " + " -> ".join(path[path.index(n):] + [n]))
            if n not in state:
                visit(n, path + [n])
        state[m] = 2

    for m in MODULES:
        if m not in state:
            visit(m, [m])


def test_the_walker_sees_lazy_and_package_imports():
    # html_review imports extract inside a function; records imports the review page inside a method
    assert "pipeline" in imports_of("html_review")
    assert {"frames", "html_review", "pipeline", "models"} <= set(imports_of("records"))


def test_the_model_layer_loads_without_pandas_or_the_review_page():
    code = ("import sys, govreport.models, govreport.vocab; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pandas', 'pyarrow', 'matplotlib') "
            "or m in ('govreport.html_review', 'govreport.frames', 'govreport.records', 'govreport.pipeline')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
