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


# The browser keeps a WebAssembly module's compiled code for later visits only once enough of it has been
# optimised (V8's code cache): measured in Chromium, the first answers alone never got Pyodide's kept, and
# every visit compiled it again; some 2,000 lines of batch did. So the worker runs this batch once per
# Pyodide build in a browser, while the reader reads the first result, in pieces of its own tasks: a
# request of the reader's waits for one piece at most.
WARM_UP_PIECES = 20
WARM_UP_LINES = 100


def warm_up(service: Service, piece: int) -> int:
    """Piece `piece` of the warm-up: a batch of the guide's own unit names, each with a head count; its
    answer is dropped. Returns how many lines were answered without an error."""
    units = service.calculator.index.units
    first = piece * WARM_UP_LINES
    lines = [f"{units[(first + i) % len(units)].name['tr']};{10 + (first + i) * 37 % 2990}" for i in range(WARM_UP_LINES)]
    answer = json.loads(service.call_json(json.dumps({"op": "batch_csv", "text": "\n".join(lines), "lang": "tr"})))
    return len(answer["result"]["rows"]) - answer["result"]["error_count"] if answer["ok"] else 0
