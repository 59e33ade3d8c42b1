import { loadPyodide } from "pyodide";
import { readFileSync } from "node:fs";
import { unpack } from "./docs/assets/js/snapshot-pages.mjs";
const snap = unpack(readFileSync("site/assets/calculator/snapshot.bin"));
const py = await loadPyodide({ _loadSnapshot: snap, stdLibURL: "/tmp/exp/empty.zip" });
const service = py.globals.get("service");
const vectors = JSON.parse(readFileSync("/tmp/exp/vectors.json", "utf8"));
let ok = 0, bad = 0;
for (const v of vectors) { try { JSON.parse(service.call_json(JSON.stringify(v))); ok++; } catch (e) { bad++; console.log("ERR", JSON.stringify(v).slice(0,80), String(e).slice(0,300)); } }
console.log({ ok, bad });
try { py.runPython("import statistics"); console.log("statistics imported?!"); } catch (e) { console.log("lazy import fails as expected:", String(e).split("\n").slice(-2).join(" ")); }
try { py.runPython("raise ValueError('x')"); } catch (e) { console.log("exception path:", String(e).split("\n").slice(-2).join(" ")); }
console.log(py.runPython("import sys; sorted(m for m in sys.modules if m in ('traceback','linecache','tokenize'))").toJs());
