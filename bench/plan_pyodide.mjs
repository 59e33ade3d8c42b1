// The staffing plan under Pyodide in Node.js, timed: the page runs this same Python in its worker.
// Usage: node plan_pyodide.mjs <calculator dir> <data.json> <units.csv> <staff.csv> <runs>
// Prints {"ms": [each run's milliseconds], "feasible": bool}.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { startService } from "../tests/pyodide/service.mjs";

const [packageDir, dataPath, unitsPath, staffPath, runs] = process.argv.slice(2);
const { call } = await startService(packageDir, dataPath);
const request = { op: "plan", units: readFileSync(unitsPath, "utf8"), staff: readFileSync(staffPath, "utf8") };
const ms = [];
let answer;
for (let i = 0; i < Number(runs); i += 1) {
  const started = performance.now();
  answer = call(request);
  ms.push(performance.now() - started);
}
process.stdout.write(JSON.stringify({ ms, feasible: answer.ok ? answer.result.feasible : null, ok: answer.ok }));
