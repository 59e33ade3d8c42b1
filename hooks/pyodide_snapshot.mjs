// Build step: boot Pyodide in Node.js with the calculator package and its
// data already imported, and save a memory snapshot of that interpreter,
// packed without the pages the browser has anyway (zeros, and the module's
// initial data; initial data since changed goes as its difference from it).
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
import { CORE_STDLIB_FILE, SNAPSHOT_FILE, atInstantiation, pack, restoreOptions, unpackStream } from "../docs/assets/js/snapshot-pages.mjs";

const dir = process.argv[2];
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
// The first answer the page asks for (the bench's): the restored snapshot must give the same.
const PROBE = JSON.stringify({ op: "requirements", hazard_class: "cok_tehlikeli", employees: "300", lang: "tr" });

// Python returns freed memory to malloc without clearing it, and the freed chunks' old bytes would travel
// in the snapshot as if they were live (some 2 MB here: the JSON text of the data, the parser's
// intermediate objects, the import system's reads). Every free chunk inside the heap's current break is
// taken, cleared and given back, largest first; a chunk from beyond the break (the heap growing) is
// given back at once, since memory past the break is already clear.
const clearFreeMemory = (module) => {
  const taken = [];
  const brk = module._sbrk(0);
  for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 8, 64, 16]) {
    for (;;) {
      const at = module._malloc(size);
      if (at === 0) break;
      if (at + size > brk) {
        module._free(at);
        break;
      }
      taken.push([at, size]);
    }
  }
  for (const [at, size] of taken) module.HEAPU8.fill(0, at, at + size);
  for (const [at] of taken) module._free(at);
};

// The interpreter the snapshot is taken of runs as `python -OO -X no_debug_ranges` would: code objects are
// most of its memory (Pyodide's own start imports some 190 modules, compiled from their sources), and
// without docstrings, asserts and the column of every instruction they are a tenth smaller: the snapshot
// sent is some 0.4 MB lighter. Modules a restored interpreter imports later are compiled the same way
// (the flags are part of the state restored); the normal boot's compiled standard library below too.
const LEAN = { PYTHONOPTIMIZE: "2", PYTHONNODEBUGRANGES: "1" };
// The C stack below its pointer is dead while JavaScript runs (nothing of Python's is running), but it
// keeps what deep calls left there.
const clearDeadStack = (module) => {
  module.HEAPU8.fill(0, module._emscripten_stack_get_end(), module._emscripten_stack_get_current());
};

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
# What zipimport read of the standard library's table of contents (some 40 kB sent): the worker makes
# it read the table again anyway, the zip it restores beside being another (calculator-worker.js).
import zipimport
for path in [path for path in sys.path_importer_cache if path.endswith(".zip")]:
    zipimport._zip_directory_cache.pop(path, None)
    sys.path_importer_cache.pop(path, None)
# Python made sys.stdin, stdout and stderr with 128 KiB buffers, allocated uncleared: stdin's, never
# read into, still held what an earlier, freed buffer had read of the standard library's zip (some
# 130 kB sent, compressed data that does not compress). The three are made again alike, on the same
# file descriptors (which the restore reopens), with 8 KiB buffers; the old ones are freed and cleared.
import io
def _again(old, fd, mode):
    old.flush()
    raw = io.FileIO(fd, mode, closefd=False)
    raw.name = old.buffer.raw.name
    buffered = (io.BufferedReader if mode == "rb" else io.BufferedWriter)(raw, buffer_size=8192)
    return io.TextIOWrapper(buffered, encoding=old.encoding, errors=old.errors,
                            line_buffering=old.line_buffering, write_through=old.write_through)
sys.stdin = sys.__stdin__ = _again(sys.stdin, 0, "rb")
sys.stdout = sys.__stdout__ = _again(sys.stdout, 1, "wb")
sys.stderr = sys.__stderr__ = _again(sys.stderr, 2, "wb")
del _again
import gc
gc.collect()
`);
clearFreeMemory(pyodide._module);
clearDeadStack(pyodide._module);
const snapshot = pyodide.makeMemorySnapshot();
const expected = pyodide.globals.get("service").call_json(PROBE);

// The module's memory as the browser's will be when it fills the pages of initial data: as its
// WebAssembly is instantiated (atInstantiation). Pyodide's header comes first in the snapshot; its length
// is the snapshot's second word.
let base = null;
await loadPyodide({
  _loadSnapshot: snapshot,
  createPyodideModule: (settings) => {
    const hooked = atInstantiation(settings, (heap) => {
      base = heap.slice();
    });
    if (!hooked) throw new Error("Pyodide no longer instantiates its WebAssembly through instantiateWasm");
    return createModule(settings);
  },
});
const offset = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 2)[1];
const packed = pack(snapshot, { base, offset });

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
