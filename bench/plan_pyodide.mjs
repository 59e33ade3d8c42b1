// The staffing plan under Pyodide in Node.js, timed: the page runs this same Python in its worker.
// Usage: node plan_pyodide.mjs <calculator dir> <data.json> <units.csv> <staff.csv> <runs>
// Prints {"ms": [each run's milliseconds], "feasible": bool}.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { loadPyodide } from "pyodide";

const [packageDir, dataPath, unitsPath, staffPath, runs] = process.argv.slice(2);
const pyodide = await loadPyodide();
pyodide.FS.mkdirTree("/pkg/calculator");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: packageDir }, "/pkg/calculator");
pyodide.globals.set("DATA", readFileSync(dataPath, "utf8"));
pyodide.runPython(`
import json, sys
sys.dont_write_bytecode = True
sys.path.insert(0, "/pkg")
from calculator.api import Service
service = Service(json.loads(DATA))
`);
const request = JSON.stringify({ op: "plan", units: readFileSync(unitsPath, "utf8"), staff: readFileSync(staffPath, "utf8") });
const ms = [];
let answer;
for (let i = 0; i < Number(runs); i += 1) {
  const started = performance.now();
  answer = JSON.parse(pyodide.globals.get("service").call_json(request));
  ms.push(performance.now() - started);
}
process.stdout.write(JSON.stringify({ ms, feasible: answer.ok ? answer.result.feasible : null, ok: answer.ok }));
