// The calculator's Service under Pyodide in Node.js, from the package's own files: the directory is
// mounted from disk as it is, so Pyodide imports the very files CPython's tests import. Shared by the
// Node.js runners (tests/pyodide/run_xlsx.mjs, bench/plan_pyodide.mjs).
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

// Resolves with {pyodide, call}: call(request) gives the Service's JSON answer as an object.
export const startService = async (packageDir, dataPath) => {
  const pyodide = await loadPyodide();
  pyodide.FS.mkdirTree("/pkg/calculator");
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: packageDir }, "/pkg/calculator");
  pyodide.globals.set("DATA", readFileSync(dataPath, "utf8"));
  pyodide.runPython(`
import json, sys
sys.dont_write_bytecode = True  # the mount is the working tree: leave no .pyc there
sys.path.insert(0, "/pkg")
from calculator.api import Service
service = Service(json.loads(DATA))
`);
  const call = (request) => JSON.parse(pyodide.globals.get("service").call_json(JSON.stringify(request)));
  return { pyodide, call };
};
