// Build step: boot Pyodide in Node.js with the calculator package and its
// data already imported, and save a memory snapshot of that interpreter,
// packed without its empty pages and gzipped, and the empty zip the restored
// interpreter starts with in place of the standard library. The browser
// restores the snapshot instead of booting Python from scratch.
// Usage: node pyodide_snapshot.mjs <site/assets/calculator>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";
import { EMPTY_STDLIB_FILE, EMPTY_ZIP, SNAPSHOT_FILE, gzip, pack } from "../docs/assets/js/snapshot-pages.mjs";

const dir = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
const pyodide = await loadPyodide({ _makeSnapshot: true });
// Pyodide wants a plain Uint8Array, not a Node.js Buffer.
pyodide.unpackArchive(new Uint8Array(readFileSync(join(dir, manifest.package))), "zip", { extractDir: "/lib/guide" });
pyodide.globals.set("DATA", readFileSync(join(dir, manifest.data), "utf8"));
pyodide.globals.set("BUNDLE", manifest.bundle);
pyodide.runPython(`
import sys
sys.path.insert(0, "/lib/guide")
from calculator.browser import start
service = start(DATA, BUNDLE)
del DATA, BUNDLE
`);
writeFileSync(join(dir, SNAPSHOT_FILE), await gzip(pack(pyodide.makeMemorySnapshot())));
writeFileSync(join(dir, EMPTY_STDLIB_FILE), EMPTY_ZIP);
