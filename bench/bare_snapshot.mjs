// Pyodide's own share of the calculator's snapshot: a snapshot of Pyodide as it boots, nothing of ours
// imported, made, tidied and packed exactly as the calculator's (hooks/snapshot_making.mjs). What the
// calculator adds is the difference; what is left is what any snapshot of this Pyodide sends.
// Usage: node bench/bare_snapshot.mjs <packed snapshot to write>
import { writeFileSync } from "node:fs";
import { loadPyodide } from "pyodide";
import { LEAN, packedSnapshot, tidy } from "../hooks/snapshot_making.mjs";

const pyodide = await loadPyodide({ _makeSnapshot: true, env: LEAN });
tidy(pyodide);
const { packed } = await packedSnapshot(pyodide);
writeFileSync(process.argv[2], packed);
console.log(JSON.stringify({ packed: packed.length }));
