// The calculator's Python runs here, off the page's main thread, so the
// page stays responsive while the interpreter starts.
// Boot: restore the build-time memory snapshot (Python already started,
// `calculator` and its data already imported); if it is missing, stale or
// fails, boot Pyodide normally and say so in the console.
import { loadPyodide } from "../pyodide/pyodide.mjs";

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

const fetched = async (url, as) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${url}`);
  return response[as]();
};

const fromSnapshot = async (manifest, snapshot) => {
  // The snapshot streams in while Pyodide's own files load and compile.
  const pyodide = await loadPyodide({ ...OPTIONS, _loadSnapshot: snapshot });
  const service = pyodide.globals.get("service");
  if (!service || service.bundle !== manifest.bundle) {
    throw new Error("stale snapshot: made from other code or data than this build");
  }
  return service;
};

const plainBoot = async (manifest) => {
  const [pyodide, archive, data] = await Promise.all([
    loadPyodide(OPTIONS),
    fetched(new URL(manifest.package, CALCULATOR), "arrayBuffer"),
    fetched(new URL(manifest.data, CALCULATOR), "text"),
  ]);
  pyodide.unpackArchive(new Uint8Array(archive), "zip", { extractDir: "/lib/guide" });
  pyodide.globals.set("DATA", data);
  pyodide.globals.set("BUNDLE", manifest.bundle);
  pyodide.runPython(START);
  return pyodide.globals.get("service");
};

const boot = async (mode) => {
  const started = performance.now();
  // Asked for together: the manifest only confirms what the snapshot holds.
  const snapshot = mode === "plain" ? null : fetched(new URL("snapshot.bin", CALCULATOR), "arrayBuffer");
  snapshot?.catch(() => {}); // a missing snapshot is reported below, when it is awaited
  const manifest = await fetched(new URL("manifest.json", CALCULATOR), "json");
  if (mode === "plain") {
    console.info("calculator: normal boot requested");
  } else {
    try {
      if (manifest.snapshot !== "snapshot.bin") throw new Error(`unexpected snapshot name ${manifest.snapshot}`);
      const service = await fromSnapshot(manifest, snapshot);
      return { service, boot: "snapshot", ms: performance.now() - started };
    } catch (error) {
      console.warn(`calculator: snapshot not used (${error.message}); booting Python normally`);
    }
  }
  const service = await plainBoot(manifest);
  return { service, boot: "plain", ms: performance.now() - started };
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
  let response;
  try {
    const { service } = await ready;
    response = JSON.parse(service.call_json(JSON.stringify(data.request)));
  } catch (error) {
    console.error("calculator:", error);
    response = { ok: false, error: { error: "internal", field: null } };
  }
  self.postMessage({ type: "result", id: data.id, response });
});
