"""The same vectors through the same `calculator` files under Pyodide in
Node.js: the answers must be identical to CPython's."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from calculator.api import Service
from datafiles.export import write_calculator_json
from tests.vectors import all_vectors

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_vectors.mjs"

pytestmark = pytest.mark.node


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run the calculator under Pyodide"
    assert (ROOT / "node_modules" / "pyodide").is_dir(), "run `npm ci` first (the test command does)"
    folder = tmp_path_factory.mktemp("pyodide")
    data_json = write_calculator_json(folder / "data.json")
    vectors = folder / "vectors.json"
    vectors.write_text(json.dumps(all_vectors(data), ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [node, str(RUNNER), str(ROOT / "calculator"), str(data_json), str(vectors)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def test_runs_under_pyodide_from_the_same_files(pyodide_run: dict[str, Any]) -> None:
    assert pyodide_run["file"] == "/pkg/calculator/__init__.py"
    assert pyodide_run["python"].startswith("3.")
    # Nothing beyond the standard library was imported.
    assert pyodide_run["modules"] == []


def test_same_answers_as_cpython(pyodide_run: dict[str, Any], data: dict[str, Any]) -> None:
    service = Service(json.loads(json.dumps(data)))
    vectors = all_vectors(data)
    expected = [json.loads(json.dumps(service.call(v), ensure_ascii=False)) for v in vectors]
    answers = pyodide_run["answers"]
    assert len(answers) == len(vectors) >= 150
    for vector, want, got in zip(vectors, expected, answers, strict=True):
        assert got == want, vector
    # The vectors cover both outcomes.
    assert any(a["ok"] for a in answers) and any(not a["ok"] for a in answers)
