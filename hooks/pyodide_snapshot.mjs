// Build step: boot Pyodide in Node.js with the calculator package and its
// data already imported, and save a memory snapshot of that interpreter,
// packed without its empty pages and gzipped, and the empty zip the restored
// interpreter starts with in place of the standard library. The browser
// restores the snapshot instead of booting Python from scratch. Then, for the
// normal boot the browser falls back on, add the package's bytecode to its zip.
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

// A normal boot imports the package from its zip. Bytecode compiled by this
// same Python spares it compiling the sources (about 40 ms in Chromium). Each
// .pyc is checked against its source's hash when imported, so a source that
// does not match is compiled as before. The sources' entries are left as they
// are (the zip is appended to); this runs after the snapshot, which it leaves untouched.
pyodide.FS.writeFile("/tmp/package.zip", new Uint8Array(readFileSync(join(dir, manifest.package))));
pyodide.runPython(`
import compileall, importlib.util, os, py_compile, zipfile
compileall.compile_dir("/lib/guide", quiet=1, force=True, invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
with zipfile.ZipFile("/tmp/package.zip", "a") as archive:
    for source in sorted(archive.namelist()):
        if source.endswith(".py"):
            compiled = os.path.relpath(importlib.util.cache_from_source("/lib/guide/" + source), "/lib/guide")
            info = zipfile.ZipInfo(compiled, archive.getinfo(source).date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open("/lib/guide/" + compiled, "rb") as pyc:
                archive.writestr(info, pyc.read())
`);
writeFileSync(join(dir, manifest.package), pyodide.FS.readFile("/tmp/package.zip"));
