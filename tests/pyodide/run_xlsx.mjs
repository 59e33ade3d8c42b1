// Excel under Pyodide in Node.js: the calculator asks for openpyxl (needs_library) until the
// build's library zip is unpacked, as the page's worker does; then reads and writes workbooks.
// Usage: node run_xlsx.mjs <calculator dir> <data.json> <xlsx.zip> <workbook.xlsx> <lang>
// Prints {"before": answer, "decoded": answer, "table": answer, "xlsx": answer}.
import { readFileSync } from "node:fs";
import { startService } from "./service.mjs";

const [packageDir, dataPath, libraryPath, workbookPath, lang] = process.argv.slice(2);
const { pyodide, call } = await startService(packageDir, dataPath);
const workbook = readFileSync(workbookPath).toString("base64");
const before = call({ op: "decode_file", base64: workbook });
pyodide.unpackArchive(new Uint8Array(readFileSync(libraryPath)), "zip", { extractDir: "/lib/xlsx" });
pyodide.runPython("import importlib, sys; sys.path.append('/lib/xlsx'); importlib.invalidate_caches()");
const decoded = call({ op: "decode_file", base64: workbook });
const table = call({ op: "batch_csv", text: decoded.result.text, lang });
const xlsx = call({ op: "batch_xlsx", text: decoded.result.text, lang });
process.stdout.write(JSON.stringify({ before, decoded, table, xlsx }));
