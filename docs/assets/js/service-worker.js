// The guide's service worker: every page of both languages and both PDFs offline after one visit,
// the calculator's files once it has run online; one cache per build, so that no visit ever mixes
// files of two builds. The build (hooks/offline.py) copies this file to /sw.js with this build's id
// and the files to keep at installation filled in.
const BUILD = "__BUILD__";
// This script runs as a service worker: its global scope is one.
const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const PRECACHE = __PRECACHE__;
// The calculator's files (Pyodide, the snapshot, the package: some 30 MB) are kept when the page
// first asks for them, not at installation: a reader who never opens the calculator never downloads them.
const ON_USE = __ON_USE__;
// Each language's folder ({"tr": "", "en": "en/"}, from hooks/language_builds.py).
const ROOTS = __ROOTS__;
const CACHE = `guide-${BUILD}`;
const SCOPE = new URL(sw.registration.scope);

sw.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // `reload`: straight from the server, never a copy the browser's HTTP cache kept of an older build.
    await cache.addAll(PRECACHE.map((path) => new Request(new URL(path, SCOPE), { cache: "reload" })));
    await sw.skipWaiting();
  })());
});

sw.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    // Only this build's files stay: an older build's cache goes whole.
    for (const name of await caches.keys()) if (name.startsWith("guide-") && name !== CACHE) await caches.delete(name);
    await sw.clients.claim();
  })());
});

sw.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== SCOPE.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Pages are asked for as "/login/"; the query of a calculator link changes nothing served.
    const key = new URL(url.pathname, url);
    const kept = await cache.match(key, { ignoreSearch: true });
    if (kept) return kept;
    try {
      const response = await fetch(event.request);
      if (response.ok && ON_USE.some((folder) => url.pathname.startsWith(new URL(folder, SCOPE).pathname))) {
        // Kept while the page reads it, not before: the page gets the response as it arrives (the
        // worker compiles Pyodide's WebAssembly and unpacks the snapshot as they stream in).
        event.waitUntil(cache.put(key, response.clone()));
      }
      return response;
    } catch (error) {
      // Offline and not kept: a page gets its language's 404 page, which says what to do.
      if (event.request.mode === "navigate") {
        const folder = Object.values(ROOTS).find((root) => root && url.pathname.startsWith(SCOPE.pathname + root)) ?? "";
        const notFound = await cache.match(new URL(`${folder}404.html`, SCOPE));
        if (notFound) return notFound;
      }
      throw error;
    }
  })());
});
