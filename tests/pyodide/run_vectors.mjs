// Runs test vectors through the `calculator` package under Pyodide in Node.js.
// The package directory is mounted from disk as it is, so Pyodide imports the
// very files CPython's tests import.
// Usage: node run_vectors.mjs <calculator dir> <data.json> <vectors.json>
// Prints {"python": version, "file": calculator.__file__, "modules": [...], "answers": [...]}.
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [packageDir, dataPath, vectorsPath] = process.argv.slice(2);
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/pkg/calculator");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: packageDir }, "/pkg/calculator");
pyodide.globals.set("DATA", readFileSync(dataPath, "utf8"));
pyodide.globals.set("VECTORS", readFileSync(vectorsPath, "utf8"));
const out = pyodide.runPython(`
import json, sys
sys.dont_write_bytecode = True  # the mount is the working tree: leave no .pyc there
sys.path.insert(0, "/pkg")
import calculator
from calculator.api import Service

service = Service(json.loads(DATA))
answers = [service.call(v) for v in json.loads(VECTORS)]
json.dumps({
    "python": sys.version.split()[0],
    "file": calculator.__file__,
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in ("yaml", "jsonschema")),
    "answers": answers,
}, ensure_ascii=False)
`);
process.stdout.write(out);
