// Excel under Pyodide in Node.js: the calculator asks for openpyxl (needs_library) until the
// build's library zip is unpacked, as the page's worker does; then reads and writes workbooks.
// Usage: node run_xlsx.mjs <calculator dir> <data.json> <xlsx.zip> <workbook.xlsx> <lang>
// Prints {"before": answer, "decoded": answer, "table": answer, "xlsx": answer}.
import { readFileSync } from "node:fs";
import { loadPyodide } from "pyodide";

const [packageDir, dataPath, libraryPath, workbookPath, lang] = process.argv.slice(2);
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
const call = (request) => JSON.parse(pyodide.globals.get("service").call_json(JSON.stringify(request)));
const workbook = readFileSync(workbookPath).toString("base64");
const before = call({ op: "decode_file", base64: workbook });
pyodide.unpackArchive(new Uint8Array(readFileSync(libraryPath)), "zip", { extractDir: "/lib/xlsx" });
pyodide.runPython("import importlib, sys; sys.path.append('/lib/xlsx'); importlib.invalidate_caches()");
const decoded = call({ op: "decode_file", base64: workbook });
const table = call({ op: "batch_csv", text: decoded.result.text, lang });
const xlsx = call({ op: "batch_xlsx", text: decoded.result.text, lang });
process.stdout.write(JSON.stringify({ before, decoded, table, xlsx }));
