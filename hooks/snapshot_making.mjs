// How an interpreter's memory snapshot is made for the browser, shared by hooks/pyodide_snapshot.mjs
// (the calculator's) and bench/bare_snapshot.mjs (Pyodide's alone, nothing imported: the share of the
// snapshot the calculator cannot do without): the interpreter run lean, tidied before the snapshot is
// taken, and the snapshot packed without the pages the browser has anyway (zeros, and the module's
// initial data; initial data since changed goes as its difference from it).
import { loadPyodide } from "pyodide";
import createModule from "pyodide/pyodide.asm.mjs";
import { atInstantiation, pack } from "../docs/assets/js/snapshot-pages.mjs";

// The interpreter the snapshot is taken of runs as `python -OO -X no_debug_ranges` would: code objects are
// most of its memory (Pyodide's own start imports some 190 modules, compiled from their sources), and
// without docstrings, asserts and the column of every instruction they are a tenth smaller: the snapshot
// sent is some 0.4 MB lighter. Modules a restored interpreter imports later are compiled the same way
// (the flags are part of the state restored); so is the normal boot's compiled standard library
// (hooks/pyodide_snapshot.mjs).
export const LEAN = { PYTHONOPTIMIZE: "2", PYTHONNODEBUGRANGES: "1" };

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

// The C stack below its pointer is dead while JavaScript runs (nothing of Python's is running), but it
// keeps what deep calls left there.
const clearDeadStack = (module) => {
  module.HEAPU8.fill(0, module._emscripten_stack_get_end(), module._emscripten_stack_get_current());
};

// What the interpreter holds that a restored one does not need, let go before the snapshot.
const TIDY = `
import sys
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
`;

// The interpreter made ready for its snapshot: what it no longer needs let go, its freed memory and
// dead stack cleared (so that neither travels as if live).
export const tidy = (pyodide) => {
  pyodide.runPython(TIDY);
  clearFreeMemory(pyodide._module);
  clearDeadStack(pyodide._module);
};

// The interpreter's snapshot, as Pyodide makes it, and packed for the browser.
export const packedSnapshot = async (pyodide) => {
  const snapshot = pyodide.makeMemorySnapshot();
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
  return { snapshot, packed };
};
