"""How fast the in-page calculator gives its first result over the links readers have, measured in
headless Chromium against the built site.

    .venv/bin/python bench/calculator_startup.py [--site site] [--runs 3] [--links all|1,2,3]

For each link (bench/shaped_link.py: 100 Mbit/s with 10 ms, 20 Mbit/s with 40 ms, 4G's 9 Mbit/s with
170 ms; a loopback TLS server sharing the bandwidth between connections, paying round trips for each
connection and request, sending the build's brotli files with the site's cache headers and 304s), prints
with the issue's targets:
  a  bare Pyodide boot on an empty page (loadPyodide + a few stdlib imports), cold
  b  calculator page, navigation to first result, cold cache
  c  the same, repeat visit (a disk profile whose cache the first visit filled; versioned files are
     immutable, so only the page is revalidated); and the same in a profile where
     the guide's service worker has kept the calculator's files (it answers pages from its cache too).
     Each visit of these profiles stays open READING_MS after its first result, as a reader's does
  f  the fallback path (no snapshot) to first result, cold
  and the bytes each sent over the wire (headers and bodies, as served), b's against a's.
b's floor: the snapshot sent is split into Pyodide's own interpreter (bench/bare_snapshot.mjs: a
snapshot of Pyodide as it boots, nothing of ours imported, made and compressed as the calculator's) and
what the calculator adds; under b, what the link alone would take for b's bytes less the calculator's
share (its bandwidth) and six round trips (the page's connection, handshake and request; the downloads'
own), no CPU at all: a cold first result cannot come sooner with any calculator on this Pyodide. And
b with no link at all (the same TLS server, unshaped: no round trip, bandwidth free): the CPU's part,
which no link can make shorter.
Then, over loopback (the page's CPU, not the network):
  e  a 1,000-unit CSV batch in the page vs the same in CPython
  g  5,000 lines of unknown multi-word names, the same way (CPython ≤ 2 s)
Times are taken in the page, from navigation start (a: the empty page's script; b, c, f: the
calculator's "calculator:first-result" mark, set once the result is painted; e, g: its
"calculator:batch" measure, click to painted table), so the harness's own round trips are not counted.
a, b, f and c are measured in rounds, one of each per round, and each ratio is the median of the rounds'
own ratios: on a busy machine whose speed drifts, both sides of a ratio then see the same machine. Each
ratio is printed with its rounds' lowest and highest, a measure of the noise.
Every context but the one named for it blocks the guide's service worker (its installation keeps
every page and both PDFs, downloads that would compete with the start-up being measured).
A script, not a test: figures vary with the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import brotli  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from bench.shaped_link import LINKS, Certificate, Link, self_signed  # noqa: E402
from bench.shaped_link import start as shaped_start  # noqa: E402
from calculator.api import Service  # noqa: E402
from datafiles import load_all  # noqa: E402
from tests.site.chromium import CHROMIUM, launch_args  # noqa: E402
from tests.site.conftest import calculator_files, folder, serve  # noqa: E402

EMPTY_PAGE = """<!doctype html><html lang="en"><title>boot</title><script type="module">
const { loadPyodide } = await import("./assets/PYODIDE/pyodide.mjs");
const pyodide = await loadPyodide({ lockFileURL: "./assets/PYODIDE/pyodide-lock.json" });
pyodide.runPython("import json, csv, re, dataclasses, datetime, unicodedata");
document.title = "done " + performance.now();
</script></html>"""
# The calculator page as the bench opens it, and its first result once painted.
REQUEST = "hazard=cok&employees=300"
CALCULATOR_PAGE = f"calculator/?{REQUEST}"
RESULT = f'#calc-result[data-request="{REQUEST}"]'
# How long a visit of the warm profiles lasts after its first result before its page is closed: a reader
# reads for seconds, and what the browser keeps of a visit's compiled code is written after the fact:
# pyodide.asm.mjs's (V8's code cache for scripts, some 1.9 MB), and the WebAssembly's once enough of it
# has been optimised (https://v8.dev/blog/wasm-code-caching). The first answers alone never got the
# latter kept (measured: the profile's "Code Cache/wasm" stayed empty); Python's warm-up, which the page
# asks for half a second after the first result of a browser's first visit (calculator.browser.warm_up),
# does (some 0.8 MB kept), and later visits then skip compiling the module (loopback over TLS, a repeat
# visit's first result ~750 -> ~560 ms). A visit closed before the warm-up has run keeps nothing.
READING_MS = 5_000


def titled_done(page: Any, url: str) -> float:
    """The time a page of ours wrote into its title when it was done."""
    page.goto(url)
    page.wait_for_function("document.title.startsWith('done')", timeout=120_000)
    return float(page.title().split()[1])


# Every context blocks the guide's service worker: its downloads for the offline copy would compete
# with the start-up being measured.
def plain_boot(browser: Any, url: str) -> float:
    context = browser.new_context(service_workers="block")
    ms = titled_done(context.new_page(), url + "empty.html")
    context.close()
    return ms


def in_page(page: Any, script: str) -> float:
    """A figure the page itself records (a Performance mark or measure), once it is there.

    Taken in the page, as (a) takes its own end time: Playwright's polling and
    round trips would otherwise add a few hundred milliseconds to the page's side.
    """
    for _ in range(6000):
        value = page.evaluate(script)
        if value is not None:
            return float(value)
        page.wait_for_timeout(20)
    raise TimeoutError(script)


def first_result(page: Any, url: str) -> float:
    page.goto(url)
    page.wait_for_selector(RESULT, timeout=120_000)
    return in_page(page, "performance.getEntriesByName('calculator:first-result')[0]?.startTime ?? null")


def cold(browser: Any, url: str, requests: list[str] | None = None) -> float:
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    if requests is not None:
        page.on("requestfinished", lambda request: requests.append(request.url))
    ms = first_result(page, url)
    context.close()
    return ms


def unknown_names_csv(lines: int) -> str:
    """Lines of made-up multi-word names (none in the guide), as a badly typed sheet might hold."""
    stems = ["birim", "merkez", "ofis", "depo", "atölye", "bölüm", "arşiv", "salon", "laboratuvarlar", "öğrenci"]
    return "\n".join(
        f"{stems[i % 10]}{i} {stems[(i * 7) % 10]}{i % 97} {stems[(i * 3) % 10]}x;{1 + i % 900}" for i in range(lines)
    )


def page_batch(page: Any, text: str, runs: int) -> float:
    """The page's batch, from the click to the table painted (its own measure); median after a warm-up run."""
    durations = []
    for _ in range(runs + 1):  # the first run warms the interpreter up, as CPython's below
        # Set as a paste would: Playwright's fill() types thousands of lines far slower than a reader pastes.
        page.evaluate("text => { document.getElementById('calc-csv').value = text; }", text)
        page.click("#calc-batch button[type=submit]")
        page.wait_for_selector("#calc-batch-result:not([hidden])", timeout=120_000)
        durations.append(in_page(page, "performance.getEntriesByName('calculator:batch').at(-1)?.duration ?? null"))
        page.evaluate("document.getElementById('calc-batch-result').hidden = true")
    return statistics.median(durations[1:])


def cpython_batch(text: str, runs: int) -> float:
    # The page's worker calls the same entry point: JSON text in, JSON text out.
    service = Service(load_all())
    request = json.dumps({"op": "batch_csv", "text": text, "lang": "tr"}, ensure_ascii=False)
    durations = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        answer = json.loads(service.call_json(request))
        durations.append((time.perf_counter() - started) * 1000)
        assert answer["ok"], answer
    return statistics.median(durations[1:])


def batch_csv(lines: int) -> str:
    units = [u["name"]["tr"] for g in load_all()["nace"]["groups"] for u in g["units"] if u["id"] != "tibbi-laboratuvar"]
    names = [*units, "43.22.06", "Çok Tehlikeli", "az"]
    return "\n".join(f"{names[i % len(names)]};{10 + (i * 37) % 2990}" for i in range(lines))


def bytes_of(sent: list[tuple[str, int, int]]) -> int:
    return sum(size for _, _, size in sent)


@dataclass
class LinkFigures:
    """One link's rounds: each visit's time (ms) and, from the first round, its bytes on the wire."""

    link: Link
    rounds: dict[str, list[float]] = field(default_factory=lambda: {key: [] for key in ("a", "b", "f", "c", "sw")})
    wire: dict[str, int] = field(default_factory=dict)
    requests: dict[str, int] = field(default_factory=dict)
    revalidated: int = 0

    def median(self, key: str) -> float:
        return statistics.median(self.rounds[key])

    def ratios(self, key: str) -> list[float]:
        return [x / a for x, a in zip(self.rounds[key], self.rounds["a"], strict=True)]

    def ratio(self, key: str) -> float:
        return statistics.median(self.ratios(key))


# No link: bandwidth as loopback has it (a terabit), no round trip added.
NO_LINK = Link("no link", 1e6, 0)
# The targets, per link (ratios to a, measured in the same run).
TARGETS = {"b": (0.3, 0.5, 0.7), "c": (0.25, 0.15, 0.15), "f": (1.1, 1.1, 1.1)}
# Whether the guide's service worker has kept the calculator's files (it keeps them as they are used).
KEPT = """async () => {
  for (const name of await caches.keys()) {
    const urls = (await (await caches.open(name)).keys()).map((request) => request.url);
    if (urls.some((url) => url.endsWith("/snapshot.bin")) && urls.some((url) => url.endsWith("/pyodide.asm.wasm"))) return true;
  }
  return false;
}"""


@dataclass(frozen=True)
class SnapshotShares:
    """The calculator's snapshot as sent (brotli), and Pyodide's own interpreter's part of it."""

    sent: int
    pyodide: int

    @property
    def calculator(self) -> int:
        return self.sent - self.pyodide


def snapshot_shares(site: Path, work: Path) -> SnapshotShares:
    node = shutil.which("node")
    if node is None:
        sys.exit("Node.js is needed to snapshot Pyodide alone (bench/bare_snapshot.mjs): run scripts/setup")
    packed = work / "bare-snapshot.bin"
    subprocess.run(
        [node, str(ROOT / "bench" / "bare_snapshot.mjs"), str(packed)], cwd=ROOT, check=True, capture_output=True, timeout=600
    )
    # Compressed as hooks/precompress.py compresses the site's snapshot.bin.br.
    bare = len(brotli.compress(packed.read_bytes(), quality=11))
    return SnapshotShares(sent=(calculator_files(site) / "snapshot.bin.br").stat().st_size, pyodide=bare)


def link_floor_ms(link: Link, wire_b: int, shares: SnapshotShares) -> float:
    """What the link alone takes for b's bytes less the calculator's share of the snapshot: their time at
    its bandwidth and six round trips (the page's connection, TLS handshake and request; the downloads'
    connection, handshake and request), no CPU."""
    return (wire_b - shares.calculator) / link.bytes_per_second * 1000 + 6 * link.rtt_ms


def unlinked_b(playwright: Any, args: list[str], certificate: Certificate, site: Path, runs: int) -> float:
    """b's median over the TLS server with no link: the page's CPU alone (its downloads as fast as
    loopback gives them)."""
    server, url = shaped_start(site, NO_LINK, certificate)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    try:
        return statistics.median(cold(browser, url + CALCULATOR_PAGE) for _ in range(runs))
    finally:
        browser.close()
        server.shutdown()


def under_service_worker(playwright: Any, args: list[str], page_url: str, profile: Path) -> Any:
    """A reader's browser that has the guide's service worker: installed on the first visit (it keeps
    every page and both PDFs), in control from the second, which it answers from the network while
    keeping the calculator's files; later visits are answered from its cache, pages included."""
    context = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=args, service_workers="allow"
    )
    page = context.new_page()
    first_result(page, page_url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_timeout(READING_MS)
    page.close()
    page = context.new_page()
    first_result(page, page_url)
    page.wait_for_timeout(READING_MS)
    for _ in range(600):
        if page.evaluate("navigator.serviceWorker.controller !== null") and page.evaluate(KEPT):
            break
        page.wait_for_timeout(100)
    else:
        raise TimeoutError("the service worker did not keep the calculator's files")
    page.close()
    return context


def measure_link(
    playwright: Any, args: list[str], link: Link, certificate: Certificate, bench_dir: Path, site: Path, runs: int
) -> LinkFigures:
    empty_server, empty_url = shaped_start(bench_dir, link, certificate)
    site_server, site_url = shaped_start(site, link, certificate)
    page_url = site_url + CALCULATOR_PAGE
    figures = LinkFigures(link)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=args)
    profile = Path(tempfile.mkdtemp())
    # A disk profile, as a reader's browser: its HTTP cache keeps the snapshot and Pyodide between visits.
    warm = playwright.chromium.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=args, service_workers="block"
    )
    served_profile = Path(tempfile.mkdtemp())
    served = under_service_worker(playwright, args, page_url, served_profile)
    try:
        # The reader's first visit fills the cache; its page is closed, as a visit that has ended.
        first_visit = warm.new_page()
        first_result(first_visit, page_url)
        first_visit.wait_for_timeout(READING_MS)
        first_visit.close()
        site_server.wire.take()
        for run in range(runs):
            figures.rounds["a"].append(plain_boot(browser, empty_url))
            sent = {"a": empty_server.wire.take()}
            figures.rounds["b"].append(cold(browser, page_url))
            sent["b"] = site_server.wire.take()
            figures.rounds["f"].append(cold(browser, page_url + "&boot=plain"))
            sent["f"] = site_server.wire.take()
            page = warm.new_page()
            figures.rounds["c"].append(first_result(page, page_url))
            page.wait_for_timeout(READING_MS)
            page.close()
            sent["c"] = site_server.wire.take()
            page = served.new_page()
            figures.rounds["sw"].append(first_result(page, page_url))
            page.wait_for_timeout(READING_MS)
            page.close()
            sent["sw"] = site_server.wire.take()
            if run == 0:
                figures.wire = {key: bytes_of(value) for key, value in sent.items()}
                figures.requests = {key: len(value) for key, value in sent.items()}
                figures.revalidated = sum(1 for _, status, _ in sent["c"] if status == 304)
    finally:
        warm.close()
        served.close()
        shutil.rmtree(served_profile, ignore_errors=True)
        browser.close()
        empty_server.shutdown()
        site_server.shutdown()
        shutil.rmtree(profile, ignore_errors=True)
    return figures


def loopback_batches(playwright: Any, site: Path, runs: int) -> tuple[float, float]:
    """e and g: the page's batch over loopback (CPU, not the network), as before."""
    server, url = serve(site)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=launch_args(playwright.chromium))
    page = browser.new_context(service_workers="block").new_page()
    first_result(page, url + CALCULATOR_PAGE)
    e_page = page_batch(page, batch_csv(1000), runs)
    g_page = page_batch(page, unknown_names_csv(5000), runs)
    browser.close()
    server.shutdown()
    return e_page, g_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (scripts/build)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--links", default="all", help="which links, by number (1,2,3) or 'all'")
    args = parser.parse_args()
    site: Path = args.site
    if not (site / "assets" / "calculator").is_dir() or not (calculator_files(site) / "snapshot.bin").is_file():
        sys.exit(f"{site} has no calculator snapshot: run scripts/build first")
    links = LINKS if args.links == "all" else tuple(LINKS[int(n) - 1] for n in args.links.split(","))

    bench_dir = Path(tempfile.mkdtemp())
    # Pyodide in the build's versioned folder ("pyodide/<hash>/").
    (bench_dir / "empty.html").write_text(EMPTY_PAGE.replace("PYODIDE/", folder(site, "pyodide")), encoding="utf-8")
    (bench_dir / "assets").symlink_to(site / "assets")
    # The empty page is served with the site's own headers too (its cache policy), not its CSP, which
    # allows only the guide's own inline scripts.
    site_headers = (site / "_headers").read_text(encoding="utf-8").splitlines(keepends=True)
    (bench_dir / "_headers").write_text(
        "".join(line for line in site_headers if "Content-Security-Policy" not in line), encoding="utf-8"
    )
    certificate = self_signed(bench_dir)
    shares = snapshot_shares(site, bench_dir)
    results = []
    with sync_playwright() as playwright:
        args_ = [*launch_args(playwright.chromium), certificate.chromium_flag]
        for link in links:
            results.append(measure_link(playwright, args_, link, certificate, bench_dir, site, args.runs))
        unlinked = unlinked_b(playwright, args_, certificate, site, args.runs)
        e_page, g_page = loopback_batches(playwright, site, args.runs)
    text, unknown = batch_csv(1000), unknown_names_csv(5000)
    e_cpython, g_cpython = cpython_batch(text, args.runs), cpython_batch(unknown, args.runs)
    shutil.rmtree(bench_dir)

    def row(name: str, value: str, ratio: str = "", target: str = "", spread: str = "") -> None:
        print(f"{name:<50} {value:>10} {ratio:>13}   {('target ' + target) if target else '':<15} {spread}".rstrip())

    print(
        f"median of {args.runs} rounds (each ratio: the median of the rounds' own ratios to that round's a); "
        "headless Chromium; a loopback TLS server shaping each link (bench/shaped_link.py), sending the build's "
        "brotli files with the site's cache headers"
    )
    print(
        f"the snapshot sent: {shares.sent / 1e6:.2f} MB = Pyodide's own interpreter {shares.pyodide / 1e6:.2f} MB "
        f"(bench/bare_snapshot.mjs) + the calculator's {shares.calculator / 1e6:.2f} MB\n"
    )
    for figures in results:
        index = LINKS.index(figures.link)
        a = figures.median("a")

        def spread(key: str, figures: LinkFigures = figures) -> str:
            return f"rounds {min(figures.ratios(key)):.2f}-{max(figures.ratios(key)):.2f}"

        print(figures.link.name)
        row("  a  bare Pyodide boot, empty page, cold", f"{a:,.0f} ms")
        row(
            "  b  calculator page to first result, cold",
            f"{figures.median('b'):,.0f} ms",
            f"{figures.ratio('b'):.2f} × a",
            f"≤ {TARGETS['b'][index]} × a",
            spread("b"),
        )
        floor = link_floor_ms(figures.link, figures.wire["b"], shares)
        row("     floor: the link, calculator's share left out", f"{floor:,.0f} ms", f"{floor / a:.2f} × a")
        row("     floor: the CPU, no link at all", f"{unlinked:,.0f} ms", f"{unlinked / a:.2f} × a")
        row(
            "  c  the same, repeat visit (disk cache)",
            f"{figures.median('c'):,.0f} ms",
            f"{figures.ratio('c'):.2f} × a",
            f"≤ {TARGETS['c'][index]} × a",
            spread("c"),
        )
        row(
            "     the same under the guide's service worker",
            f"{figures.median('sw'):,.0f} ms",
            f"{figures.ratio('sw'):.2f} × a",
            f"≤ {TARGETS['c'][index]} × a",
            spread("sw"),
        )
        row(
            "  f  fallback (normal boot) to first result, cold",
            f"{figures.median('f'):,.0f} ms",
            f"{figures.ratio('f'):.2f} × a",
            f"≤ {TARGETS['f'][index]} × a",
            spread("f"),
        )
        wire = figures.wire
        row("  bytes on the wire: a (bare Pyodide's core)", f"{wire['a'] / 1e6:.2f} MB", f"{figures.requests['a']} requests")
        row(
            "                     b (cold first result)",
            f"{wire['b'] / 1e6:.2f} MB",
            f"{wire['b'] / wire['a']:.2f} × a",
            "≤ 1.0 × a",
        )
        row("                     f (fallback)", f"{wire['f'] / 1e6:.2f} MB", f"{wire['f'] / wire['a']:.2f} × a")
        row(
            "                     c (repeat visit)",
            f"{wire['c'] / 1e3:.1f} kB",
            f"{figures.requests['c']} requests",
            "",
            f"{figures.revalidated} answered 304",
        )
        row("                     c under the service worker", f"{wire['sw'] / 1e3:.1f} kB", f"{figures.requests['sw']} requests")
        print()
    print("loopback, the page's CPU (no link)")
    row("  e  1,000-unit batch, in the page", f"{e_page:,.0f} ms", f"{e_page / e_cpython:.2f} × CPy", "≤ 3 × CPython")
    row("     the same in CPython", f"{e_cpython:,.0f} ms")
    row("  g  5,000 lines of unknown names, in the page", f"{g_page:,.0f} ms", f"{g_page / g_cpython:.2f} × CPy", "≤ 3 × CPython")
    row("     the same in CPython", f"{g_cpython:,.0f} ms", "", "≤ 2,000 ms")


if __name__ == "__main__":
    main()
