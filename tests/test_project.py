"""The project's promises about itself: CI runs README's test command."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_ci_runs_readme_test_command() -> None:
    commands = _readme_commands()
    assert len(commands) == 2, "README gives exactly two commands: serve and test"
    test_command = next(c for c in commands if "test" in c)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_command in [line.strip() for line in ci.splitlines()]


def test_readme_commands_exist() -> None:
    for command in _readme_commands():
        script = ROOT / command.split()[0]
        assert script.is_file(), command
        assert script.stat().st_mode & 0o111, f"{command} is not executable"


def test_the_rules_package_imports_without_datafiles_or_its_libraries() -> None:
    """Every module of `calculator` imports with datafiles, PyYAML, jsonschema and openpyxl unavailable,
    as under Pyodide: only the CLI's main() reads data files, and it imports datafiles when it runs."""
    code = """
import importlib, pkgutil, sys
for blocked in ("datafiles", "yaml", "jsonschema", "openpyxl"):
    sys.modules[blocked] = None
import calculator
names = [m.name for m in pkgutil.iter_modules(calculator.__path__, "calculator.") if m.name != "calculator.__main__"]
for name in names:
    importlib.import_module(name)
print(len(names))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 20
