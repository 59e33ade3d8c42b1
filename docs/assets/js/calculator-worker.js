// The calculator's Python runs here, off the page's main thread, so the
// page stays responsive while the interpreter starts.
// Boot: restore the build-time memory snapshot (Python already started,
// `calculator` and its data already imported); if it is missing, stale or
// fails, boot Pyodide normally and say so in the console.
// Served from the calculator's versioned folder (hooks/calculator_assets.py moves it there and points
// the references below at the build's folders), so a repeat visit finds it in the cache as it is.
// Imported with the worker itself: a boot then starts Pyodide's downloads at once.
// @ts-expect-error -- the build copies Pyodide beside the guide's scripts (hooks/calculator_assets.py).
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { EMPTY_STDLIB_FILE, SNAPSHOT_FILE, restoreOptions, unpackStream } from "./snapshot-pages.mjs";

const ASSETS = new URL("../", import.meta.url);
const CALCULATOR = new URL("calculator/", ASSETS);
const PYODIDE = new URL("pyodide/", ASSETS);
const OPTIONS = { indexURL: PYODIDE.href, lockFileURL: new URL("pyodide-lock.json", PYODIDE).href };
// The same start as hooks/pyodide_snapshot.mjs runs before taking the snapshot.
const START = `
import sys
sys.path.insert(0, "/lib/guide")
from calculator.browser import start
service = start(DATA, BUNDLE)
del DATA, BUNDLE
`;

// Pyodide reports a WebAssembly download that broke off (or would not compile) only with this warning,
// and its start-up then never settles (getInstantiateWasmFunc in node_modules/pyodide/pyodide.mjs;
// tests/test_pyodide.py checks the text is still there): the page is told the start-up failed, and which file.
const WASM_FAILED = "wasm instantiation failed!";
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warn(...args);
  if (args[0] === WASM_FAILED) self.postMessage({ type: "failed", message: WASM_FAILED, file: "pyodide.asm.wasm" });
};

// A response's body as `as` says: "json", "text", "arrayBuffer", or a function of the response.
const fetched = async (url, as) => {
  const response = await fetch(url);
  if (!response.ok) {
    // An error page's body is let go at once: an error is never cached (the servers send no-store), so
    // nothing else would read it, and the request would stay open.
    response.body?.cancel().catch(() => {});
    throw new Error(`${response.status} ${url}`);
  }
  return typeof as === "function" ? as(response) : response[as]();
};

// The restored interpreter has already imported every module the calculator
// uses, so the 2.5 MB standard library is not downloaded up front: Pyodide
// starts with an empty zip in its place, and the real one becomes a lazy file,
// fetched (synchronously, as a worker may) only if Python ever imports a
// module the snapshot lacks.
const EMPTY_STDLIB = new URL(EMPTY_STDLIB_FILE, CALCULATOR).href;
const STDLIB = new URL("python_stdlib.zip", PYODIDE).href;

// Pyodide's zip of the standard library, emptied, becomes the lazy file; the import system forgets
// what it read of the empty one, so that a module found nowhere else is looked for in the real one.
const stdlibOnDemand = (pyodide) => {
  const path = pyodide.runPython(`
import sys, zipimport
path = next(p for p in sys.path if p.startswith("/lib/python") and p.endswith(".zip"))
zipimport._zip_directory_cache.pop(path, None)
sys.path_importer_cache.pop(path, None)
path`);
  const slash = path.lastIndexOf("/");
  pyodide.FS.unlink(path);
  pyodide.FS.createLazyFile(path.slice(0, slash), path.slice(slash + 1), STDLIB, true, false);
};

// The normal boot's standard library: the modules the calculator imports, compiled by the build
// (the manifest's "stdlib", made with the snapshot: less than half the download, and none of the
// compiling that takes most of a normal boot), first on Python's path; every other module from the
// real zip, fetched only if imported (stdlibOnDemand). Without it (a build made without the
// snapshot, or the file not to be had), the whole standard library, as Pyodide would fetch it.
const CORE_STDLIB_PATH = "/lib/guide-stdlib.zip";
const coreStdlib = (manifestPromise) => {
  const bytes = manifestPromise.then((manifest) => {
    if (!manifest.stdlib) return fetched(STDLIB, "arrayBuffer");
    return fetched(new URL(manifest.stdlib, CALCULATOR), "arrayBuffer").catch((error) => {
      console.warn(`calculator: ${error.message}; fetching the whole standard library`);
      return fetched(STDLIB, "arrayBuffer");
    });
  });
  bytes.catch(() => {}); // a failure is Pyodide's, in fsInit
  return {
    stdLibURL: EMPTY_STDLIB,
    env: { PYTHONPATH: CORE_STDLIB_PATH },
    fsInit: async (FS) => FS.writeFile(CORE_STDLIB_PATH, new Uint8Array(await bytes)),
  };
};

const fromSnapshot = async (manifestPromise) => {
  // The snapshot and Pyodide's module script are asked for at once, beside the WebAssembly Pyodide
  // fetches (its module script is the one it would import itself, given to it so that the snapshot's
  // pages of initial data can be copied from the new module's memory: see restoreOptions).
  const snapshot = fetched(new URL(SNAPSHOT_FILE, CALCULATOR), (response) => unpackStream(response.body));
  // @ts-expect-error -- copied there by the build, as pyodide.mjs is.
  const createModule = import("../pyodide/pyodide.asm.mjs").then((module) => module.default);
  // A missing or corrupt snapshot is reported below, when it is awaited.
  for (const promise of [snapshot, createModule]) promise.catch(() => {});
  const options = { ...OPTIONS, ...restoreOptions(snapshot, createModule), stdLibURL: EMPTY_STDLIB };
  // The manifest, asked for at the same time, only confirms what the snapshot holds.
  let pyodide, manifest;
  try {
    [pyodide, manifest] = await Promise.all([loadPyodide(options), manifestPromise]);
  } catch (error) {
    // The snapshot's own fault, if it had one, says more than Pyodide's refusal.
    await snapshot.then((unpacking) => unpacking.complete);
    throw error;
  }
  stdlibOnDemand(pyodide);
  const service = pyodide.globals.get("service");
  if (!service || service.bundle !== manifest.bundle) {
    throw new Error("stale snapshot: made from other code or data than this build");
  }
  return { pyodide, service };
};

const plainBoot = async (manifestPromise) => {
  // Pyodide starts loading at once; the package and data follow the manifest.
  const files = manifestPromise.then((manifest) => Promise.all([
    manifest,
    fetched(new URL(manifest.package, CALCULATOR), "arrayBuffer"),
    fetched(new URL(manifest.data, CALCULATOR), "text"),
  ]));
  const [pyodide, [manifest, archive, data]] = await Promise.all([
    loadPyodide({ ...OPTIONS, ...coreStdlib(manifestPromise) }), files]);
  stdlibOnDemand(pyodide);
  pyodide.unpackArchive(new Uint8Array(archive), "zip", { extractDir: "/lib/guide" });
  pyodide.globals.set("DATA", data);
  pyodide.globals.set("BUNDLE", manifest.bundle);
  pyodide.runPython(START);
  return { pyodide, service: pyodide.globals.get("service") };
};

const boot = async (mode) => {
  const started = performance.now();
  const manifest = fetched(new URL("manifest.json", CALCULATOR), "json");
  manifest.catch(() => {}); // a missing manifest is reported where it is awaited
  let python = null;
  let how = "snapshot";
  if (mode === "plain") {
    console.info("calculator: normal boot requested");
  } else {
    try {
      python = await fromSnapshot(manifest);
    } catch (error) {
      console.warn(`calculator: snapshot not used (${error.message}); booting Python normally`);
    }
  }
  if (python === null) {
    python = await plainBoot(manifest);
    how = "plain";
  }
  // A handle on the interpreter for DevTools and the browser tests: only code
  // running in this worker can reach the worker's global scope.
  self.calculatorPython = python.pyodide;
  return { ...python, manifest: await manifest, boot: how, ms: performance.now() - started };
};

// Pure-Python libraries (the manifest's "libraries": openpyxl for Excel files) are fetched from our
// own site only when Python says it needs one ({"error": "needs_library", "field": name}), never at
// start-up. Each is unpacked into its own folder on sys.path; a failed fetch may be tried again.
const libraries = new Map();
const loadLibrary = ({ pyodide, manifest }, name) => {
  if (!libraries.has(name)) {
    const file = manifest.libraries?.[name];
    const loading = file === undefined
      ? Promise.reject(new Error(`no library ${name} in this build`))
      : fetched(new URL(file, CALCULATOR), "arrayBuffer").then((zip) => {
        pyodide.unpackArchive(new Uint8Array(zip), "zip", { extractDir: `/lib/${name}` });
        pyodide.runPython(`import importlib, sys; sys.path.append("/lib/${name}"); importlib.invalidate_caches()`);
      });
    loading.catch(() => libraries.delete(name));
    libraries.set(name, loading);
  }
  return libraries.get(name);
};

const neededLibrary = (response) => {
  if (!response.includes('"needs_library"')) return null;
  const { ok, error } = JSON.parse(response);
  return !ok && error?.error === "needs_library" ? error.field : null;
};

// Python starts as soon as this module has run, not on a first message from
// the page (which arrived some 50 ms later): the page names the boot it wants
// in the worker's name, "plain" for a normal boot
// (overrides/partials/calculator-start.html).
const ready = boot(self.name === "plain" ? "plain" : "snapshot");
ready.then(
  ({ boot: how, ms }) => self.postMessage({ type: "ready", boot: how, ms }),
  (error) => self.postMessage({ type: "failed", message: String(error) }),
);

// The page asks for this once per Pyodide build in a browser, after the first result
// (overrides/partials/calculator-start.html): Python's warm-up batch (calculator.browser.warm_up), so
// that the browser keeps the WebAssembly's compiled code for later visits, which then start without
// compiling it. Each piece is a task of its own: a reader's request waits for one piece at most.
// `self.calculatorWarmUps` counts the warm-ups run (for the browser tests).
const warmUp = async ({ pyodide, service }) => {
  self.calculatorWarmUps = (self.calculatorWarmUps ?? 0) + 1;
  const browser = pyodide.pyimport("calculator.browser");
  try {
    for (let piece = 0; piece < browser.WARM_UP_PIECES; piece += 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      browser.warm_up(service, piece);
    }
  } finally {
    browser.destroy();
  }
  self.postMessage({ type: "warmed" });
};

self.addEventListener("message", async (/** @type {MessageEvent} */ { data }) => {
  if (data.type === "warm-up") {
    // A warm-up that fails leaves the calculator as it was: it is said in the console only.
    ready.then(warmUp).catch((error) => console.warn("calculator: warm-up not run:", error));
    return;
  }
  // The answer goes to the page as Python wrote it, a JSON string: cheaper
  // to pass and parse once there than to parse here and clone the objects.
  let response;
  try {
    const python = await ready;
    const request = JSON.stringify(data.request);
    // A large batch reports how far it has got; the page shows it while this thread is busy.
    const progress = (done, total) => self.postMessage({ type: "progress", id: data.id, done, total });
    response = python.service.call_json(request, progress);
    const library = neededLibrary(response);
    if (library) {
      self.postMessage({ type: "status", id: data.id, status: "loading_library", library });
      try {
        await loadLibrary(python, library);
        response = python.service.call_json(request, progress);
      } catch (error) {
        // Python's own answer stays: it says plainly that the support could not be loaded.
        console.error(`calculator: library ${library} not loaded:`, error);
      }
    }
  } catch (error) {
    console.error("calculator:", error);
    response = JSON.stringify({ ok: false, error: { error: "internal", field: null } });
  }
  self.postMessage({ type: "result", id: data.id, response });
});
