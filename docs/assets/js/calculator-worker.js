// The calculator's Python runs here, off the page's main thread, so the
// page stays responsive while the interpreter starts.
// Boot: restore the build-time memory snapshot (Python already started,
// `calculator` and its data already imported); if it is missing, stale or
// fails, boot Pyodide normally and say so in the console.
// Imported with the worker itself: a boot then starts Pyodide's downloads at once.
import { loadPyodide } from "../pyodide/pyodide.mjs";
import { SNAPSHOT_FILE, streamSnapshot, unpackInto } from "./snapshot-pages.mjs";

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

// A response's body as `as` says: "json", "text" or "arrayBuffer".
const fetched = async (url, as) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response[as]();
};

// The restored interpreter has already imported every module the calculator
// uses, so the 2.5 MB standard library is not downloaded up front: Pyodide
// starts with an empty zip in its place, and the real one becomes a lazy file,
// fetched (synchronously, as a worker may) only if Python ever imports a
// module the snapshot lacks.
const EMPTY_STDLIB = new URL("empty-stdlib.zip", CALCULATOR).href;
const STDLIB = new URL("python_stdlib.zip", PYODIDE).href;

// Pyodide puts the standard library at /lib/pythonXY.zip, where sys.path looks for it.
const stdlibOnDemand = (pyodide) => {
  const zip = pyodide.FS.readdir("/lib").find((name) => /^python\d+\.zip$/.test(name));
  pyodide.FS.unlink(`/lib/${zip}`);
  pyodide.FS.createLazyFile("/lib", zip, STDLIB, true, false);
};

const fromSnapshot = async (manifestPromise) => {
  let sized;
  const size = new Promise((resolve) => {
    sized = resolve;
  });
  const packed = streamSnapshot(new URL(SNAPSHOT_FILE, CALCULATOR).href, sized);
  // Pyodide sizes its memory from the snapshot, then compiles, instantiates
  // and sets itself up, and copies the snapshot in only after its fsInit hook.
  // So it is given an empty memory of the right size as soon as the header is
  // in, and the hook waits while the pages are filled in: Pyodide's start-up
  // and the snapshot's download overlap instead of following each other.
  // (A download that fails before its header has no size either.)
  const memory = Promise.race([size, packed.then(() => size)]).then((bytes) => new Uint8Array(bytes));
  const filled = Promise.all([memory, packed]).then(([target, pages]) => unpackInto(target, pages));
  filled.catch(() => {}); // a snapshot that failed is reported below, when Pyodide gives up on it
  const restored = loadPyodide({
    ...OPTIONS,
    _loadSnapshot: memory,
    stdLibURL: EMPTY_STDLIB,
    // A snapshot that failed leaves the memory empty, which Pyodide rejects; its own error is the one reported.
    fsInit: () => filled.then(() => {}, () => {}),
  }).catch(async (error) => {
    await filled;
    throw error;
  });
  // The manifest, asked for at the same time, only confirms what the snapshot holds.
  const [pyodide, manifest] = await Promise.all([restored, manifestPromise]);
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
  const [pyodide, [manifest, archive, data]] = await Promise.all([loadPyodide(OPTIONS), files]);
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
  return { service: python.service, boot: how, ms: performance.now() - started };
};

let ready = null;

self.addEventListener("message", async ({ data }) => {
  if (data.type === "boot") {
    ready ??= boot(data.mode);
    try {
      const { boot: how, ms } = await ready;
      self.postMessage({ type: "ready", boot: how, ms });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error) });
    }
    return;
  }
  // The answer goes to the page as Python wrote it, a JSON string: cheaper
  // to pass and parse once there than to parse here and clone the objects.
  let response;
  try {
    const { service } = await ready;
    response = service.call_json(JSON.stringify(data.request));
  } catch (error) {
    console.error("calculator:", error);
    response = JSON.stringify({ ok: false, error: { error: "internal", field: null } });
  }
  self.postMessage({ type: "result", id: data.id, response });
});
