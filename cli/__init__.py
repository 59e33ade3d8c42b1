"""The command line, `python -m calculator ...` (and `isg-calculator ...`): it reads data/ through
`datafiles` (PyYAML, jsonschema) and calls the `calculator` package, which itself reads no file and
imports neither, so that the same package runs in the browser. One module per command family:
commands (minutes, lookup, and the entry point), batch, plan, reconcile."""

from cli.commands import main

__all__ = ["main"]
