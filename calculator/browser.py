"""Starting the calculator inside Pyodide: the one piece of Python the
browser worker and the build-time snapshot both run, so a snapshot holds
exactly the state a normal start would build."""

from __future__ import annotations

import json

from calculator.api import Service


def start(data_json: str, bundle: str) -> Service:
    """A ready Service over the site's data.json; `bundle` names the build it came from."""
    service = Service(json.loads(data_json), bundle=bundle)
    # The page's first answer (a hazard class and a head count) needs no row of the NACE list.
    service.calculator.index.pack_list()
    return service
