"""The layers stay apart: `calculator` (the rules, run in the browser too) imports no YAML, no JSON
Schema, no data-file reader and no command line, not even inside a function; `datafiles` imports no
command line. Read from the source, so an import a test never runs is caught too."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# What each layer may not import, at any depth of its code.
FORBIDDEN = {"calculator": ("yaml", "jsonschema", "datafiles", "cli", "hooks"), "datafiles": ("cli", "hooks")}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_above_it(layer: str) -> None:
    wrong = {
        str(path.relative_to(ROOT)): sorted(_imports(path) & set(FORBIDDEN[layer]))
        for path in sorted((ROOT / layer).glob("*.py"))
        # python -m calculator starts the command line (cli/), its one way in.
        if path.name != "__main__.py"
    }
    assert {name: bad for name, bad in wrong.items() if bad} == {}


def test_the_layer_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text("def f():\n    from datafiles import load_all\n    import yaml\n", encoding="utf-8")
    assert _imports(source) == {"datafiles", "yaml"}
