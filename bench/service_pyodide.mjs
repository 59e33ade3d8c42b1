// One request of the page's worker service under Pyodide in Node.js, timed: the page runs this same
// Python in its worker (bench/plan_speed.py, bench/monthly_check.py).
// Usage: node service_pyodide.mjs <calculator dir> <data.json> <request.json> <runs>
// Prints {"ms": [each run's milliseconds], "ok": bool, "result": the last answer's result}.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { startService } from "../tests/pyodide/service.mjs";

const [packageDir, dataPath, requestPath, runs] = process.argv.slice(2);
const { call } = await startService(packageDir, dataPath);
const request = JSON.parse(readFileSync(requestPath, "utf8"));
const ms = [];
let answer;
for (let i = 0; i < Number(runs); i += 1) {
  const started = performance.now();
  answer = call(request);
  ms.push(performance.now() - started);
}
process.stdout.write(JSON.stringify({ ms, ok: answer.ok, result: answer.ok ? answer.result : answer.error }));
