"""The command line's words: data/ui.yaml's `cli` part, one catalogue with the site's words."""

from __future__ import annotations

import functools
from typing import Any


@functools.cache
def _catalogue() -> dict[str, Any]:
    from datafiles import load_data_file

    found: dict[str, Any] = load_data_file("ui")["cli"]
    return found


def words(part: str) -> dict[str, dict[str, str]]:
    """{language: {key: text}} of one command module's words (`part`: "commands", "batch", ...)."""
    return {lang: {key: text[lang] for key, text in _catalogue()[part].items()} for lang in ("tr", "en")}
