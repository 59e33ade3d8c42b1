"""The build's one dataset: data/ (or the folder GUIDE_DATA_DIR names) read and validated once, at
on_config (hooks/data_pages.py), and the same dicts rendered into the pages, exported for the
calculator (hooks/calculator_assets.py), indexed for search (hooks/search_index.py) and printed.

Not a hook itself: the hooks import it by name, so they share this one module and its dataset.
"""

from __future__ import annotations

from typing import Any

from mkdocs.exceptions import PluginError

from datafiles import DataFileError, build_data_dir, load_site
from datafiles.load import CALCULATOR_FILES

_data: dict[str, Any] | None = None


def load() -> dict[str, Any]:
    """Reads and validates the build's data folder; a broken file stops the build, naming it."""
    global _data
    try:
        _data = load_site(build_data_dir())
    except DataFileError as error:
        raise PluginError(f"Broken data file: {error}") from None
    return _data


def current() -> dict[str, Any]:
    """The dataset on_config read (every hook after it uses this, never the files again)."""
    if _data is None:
        raise PluginError("The build's data was not loaded: hooks/data_pages.py must run its on_config first")
    return _data


def calculator_data() -> dict[str, Any]:
    """The part of the dataset the calculator package takes (data.json, the snapshot's answers)."""
    data = current()
    return {name: data[name] for name in CALCULATOR_FILES}
