"""`python -m calculator ARGS` run in-process (cli.main) and returned as a finished process:
its exit code, output and errors. data/ is read once and each date's Calculator made once: a
subprocess per call spent about a second starting Python and reading YAML, for some 80 calls.
(One test still runs the real `python -m calculator`, in test_fuzz.py, for the entry point itself.)"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import datafiles
from calculator import Calculator
from cli import commands as cli


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


_read: dict[str, Any] = {}
_made: dict[str, Calculator] = {}


@contextlib.contextmanager
def quick() -> Iterator[None]:
    """The CLI as it is, with the project's own data read once and each date's Calculator kept."""
    # The CLI's own name for the class, replaced for the call (cli's namespace, as main() reads it).
    names = vars(cli)
    real_load, real_calculator = datafiles.load_all, names["Calculator"]

    def load(data_dir: Path = datafiles.DATA_DIR) -> dict[str, Any]:
        if Path(data_dir) != datafiles.DATA_DIR:
            return real_load(data_dir)
        if "data" not in _read:
            _read["data"] = real_load(data_dir)
        return dict(_read["data"])

    def calculator(data: dict[str, Any], on: Any = None) -> Calculator:
        if data.get("nace") is not _read.get("data", {}).get("nace"):
            return Calculator(data, on=on)
        key = str(on)
        if key not in _made:
            _made[key] = Calculator(data, on=on)
        return _made[key]

    datafiles.load_all = load
    names["Calculator"] = calculator
    try:
        yield
    finally:
        datafiles.load_all, names["Calculator"] = real_load, real_calculator


def run(*args: str) -> Done:
    out, err = io.StringIO(), io.StringIO()
    with quick(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = cli.main(list(args))
        except SystemExit as stop:  # argparse: --help (0) and bad arguments (2)
            code = stop.code if isinstance(stop.code, int) else 2
    return Done(code, out.getvalue(), err.getvalue())
