// Build step: boot Pyodide in Node.js with the calculator package and its
// data already imported, and save a memory snapshot of that interpreter,
// made and packed as hooks/snapshot_making.mjs says.
// The browser restores the snapshot instead of booting Python from scratch.
// The packed snapshot is restored here once, the way the worker
// does, and must answer as the interpreter it was taken from. Then, for the
// normal boot the browser falls back on, the standard library's modules it
// uses, compiled, and the package's bytecode added to its zip.
// Usage: node pyodide_snapshot.mjs <site/assets/calculator>
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadPyodide } from "pyodide";
import createModule from "pyodide/pyodide.asm.mjs";
import { CORE_STDLIB_FILE, SNAPSHOT_FILE, restoreOptions, unpackStream } from "../docs/assets/js/snapshot-pages.mjs";
import { LEAN, packedSnapshot, tidy } from "./snapshot_making.mjs";

const dir = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
// The first answer the page asks for (the bench's): the restored snapshot must give the same.
const PROBE = JSON.stringify({ op: "requirements", hazard_class: "cok_tehlikeli", employees: "300", lang: "tr" });

const pyodide = await loadPyodide({ _makeSnapshot: true, env: LEAN });
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
tidy(pyodide);
const { snapshot, packed } = await packedSnapshot(pyodide);
const expected = pyodide.globals.get("service").call_json(PROBE);

// Restored as the worker restores it (restoreOptions), from the packed bytes as a stream.
const unpacking = Promise.resolve(unpackStream(new Blob([packed]).stream()));
const restored = await loadPyodide({ ...restoreOptions(unpacking, Promise.resolve(createModule)) });
await (await unpacking).complete;
const answer = restored.globals.get("service").call_json(PROBE);
if (answer !== expected) {
  throw new Error(`the packed snapshot answers otherwise than the interpreter it was taken from:\n${answer}\n${expected}`);
}
writeFileSync(join(dir, SNAPSHOT_FILE), packed);

// The normal boot's standard library: every top-level module or package of Pyodide's zip that this
// interpreter has imported (booting, starting the calculator, answering a request and a batch), whole
// (a package's submodules are looked for in its own folder only), as bytecode compiled by this very
// Python: a normal boot otherwise spends most of its time compiling these sources. Unchecked
// hash-based .pyc, without their sources, stored uncompressed for the host to send brotli- or
// gzip-compressed (hooks/precompress.py): less than half the whole standard library's download. Lean as
// the snapshot's modules (LEAN): zipimport takes a .pyc whatever its optimisation.
pyodide.globals.get("service").call_json(JSON.stringify({ op: "batch_csv", text: "Kazan dairesi;300", lang: "tr" }));
pyodide.runPython(`
import importlib.util, marshal, sys, zipfile
stdlib = next(p for p in sys.path if p.startswith("/lib/python") and p.endswith(".zip"))
used = set()
for module in list(sys.modules.values()):
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    if origin.startswith(stdlib + "/"):
        used.add(origin[len(stdlib) + 1:].split("/")[0])
unchecked = importlib.util.MAGIC_NUMBER + (0b01).to_bytes(4, "little") + bytes(8)
with zipfile.ZipFile(stdlib) as whole, zipfile.ZipFile("/tmp/core.zip", "w", zipfile.ZIP_STORED) as core:
    for info in whole.infolist():
        if info.is_dir() or info.filename.split("/")[0] not in used:
            continue
        source = whole.read(info)
        if info.filename.endswith(".py"):
            code = compile(source, stdlib + "/" + info.filename, "exec", dont_inherit=True, optimize=2)
            core.writestr(zipfile.ZipInfo(info.filename + "c", info.date_time), unchecked + marshal.dumps(code))
        else:
            core.writestr(zipfile.ZipInfo(info.filename, info.date_time), source)
`);
writeFileSync(join(dir, CORE_STDLIB_FILE), pyodide.FS.readFile("/tmp/core.zip"));
writeFileSync(join(dir, "manifest.json"), JSON.stringify({ ...manifest, stdlib: CORE_STDLIB_FILE }));

// A normal boot imports the package from its zip. Bytecode compiled by this
// same Python spares it compiling the sources (about 40 ms in Chromium). Each
// .pyc is checked against its source's hash when imported, so a source that
// does not match is compiled as before. The sources' entries are left as they
// are (the zip is appended to); this runs after the snapshot, which it leaves untouched.
pyodide.FS.writeFile("/tmp/package.zip", new Uint8Array(readFileSync(join(dir, manifest.package))));
pyodide.runPython(`
import compileall, importlib.util, os, py_compile, zipfile
# At the optimisation level of the normal boot, which runs without LEAN's flags: its import system looks
# for plain .pyc files, not the .opt-2.pyc this interpreter's own level would name.
compileall.compile_dir("/lib/guide", quiet=1, force=True, optimize=0,
                       invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH)
with zipfile.ZipFile("/tmp/package.zip", "a") as archive:
    for source in sorted(archive.namelist()):
        if source.endswith(".py"):
            compiled = os.path.relpath(importlib.util.cache_from_source("/lib/guide/" + source, optimization=""), "/lib/guide")
            info = zipfile.ZipInfo(compiled, archive.getinfo(source).date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            with open("/lib/guide/" + compiled, "rb") as pyc:
                archive.writestr(info, pyc.read())
`);
writeFileSync(join(dir, manifest.package), pyodide.FS.readFile("/tmp/package.zip"));
console.log(JSON.stringify({ snapshot: snapshot.length, packed: packed.length }));
