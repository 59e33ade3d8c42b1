"""How fast the in-page calculator gives its first result, measured in
headless Chromium against the built site on a local port.

    .venv/bin/python bench/calculator_startup.py [--site site] [--runs 3]

Prints, with the issue's targets:
  a  plain Pyodide boot on an empty page (loadPyodide + a few stdlib imports)
  b  calculator page, navigation to first result, cold cache
  c  the same, warm (persistent browser profile, second visit)
  d  bytes transferred, compressed as a static host would serve them (gzip -9)
  e  a 1,000-unit CSV batch in the page vs the same in CPython
  g  5,000 lines of unknown multi-word names, the same way (CPython ≤ 2 s)
  f  the fallback path (no snapshot) to first result, cold
and, to tell c's parts apart, the calculator's worker alone on an empty page,
warm: Pyodide's restore and the first answer, without the guide's page.
Times are taken in the page, from navigation start (a: the empty page's
script; b, c, f: the calculator's "calculator:first-result" mark, set once
the result is painted; e: its "calculator:batch" measure, click to painted
table), so the harness's own round trips are not counted.
a, b, f and c are measured in rounds, one of each per round, and each ratio
is the median of the rounds' own ratios: on a busy machine whose speed
drifts, both sides of a ratio then see the same machine. Each ratio is
printed with its rounds' lowest and highest, a measure of the noise.
Chromium runs with the tests' flags (tests/site/chromium.py), which also keep
its own browser-window pages (the omnibox's drop-down) from being built for
every new context and taking the CPU from the page being timed.
A script, not a test: figures vary with the machine.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from calculator.api import Service  # noqa: E402
from datafiles import load_all  # noqa: E402
from tests.site.chromium import CHROMIUM, launch_args  # noqa: E402
from tests.site.conftest import calculator_files, folder, pyodide_files, serve  # noqa: E402

EMPTY_PAGE = """<!doctype html><html lang="en"><title>boot</title><script type="module">
const { loadPyodide } = await import("./assets/PYODIDE/pyodide.mjs");
const pyodide = await loadPyodide({ lockFileURL: "./assets/PYODIDE/pyodide-lock.json" });
pyodide.runPython("import json, csv, re, dataclasses, datetime, unicodedata");
document.title = "done " + performance.now();
</script></html>"""
# The calculator's worker on a page of its own: Pyodide's restore and the first
# answer, without the guide's page around them (what c cannot go below).
WORKER_PAGE = """<!doctype html><html lang="en"><title>worker</title><script type="module">
const worker = new Worker("./assets/js/calculator-worker.js", { type: "module", name: "snapshot" });
worker.addEventListener("message", ({ data }) => {
  if (data.type === "result") document.title = "done " + performance.now();
});
worker.postMessage({ type: "request", id: 1, request: { op: "requirements", hazard_class: "cok_tehlikeli", employees: "300" } });
</script></html>"""
CORE = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
RESULT = '#calc-result[data-request="hazard=cok&employees=300"]'


def gzipped(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


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
    return "\n".join(f"{stems[i % 10]}{i} {stems[(i * 7) % 10]}{i % 97} {stems[(i * 3) % 10]}x;{1 + i % 900}"
                     for i in range(lines))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (scripts/build)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--gzip", action="store_true",
                        help="serve the build's precompressed files, as deploy/nginx.conf does "
                             "(default: plain files); either way with the site's own headers (_headers)")
    args = parser.parse_args()
    site: Path = args.site
    if not (site / "assets" / "calculator").is_dir() or not (calculator_files(site) / "snapshot.bin").is_file():
        sys.exit(f"{site} has no calculator snapshot: run scripts/build first")

    bench_dir = Path(tempfile.mkdtemp())
    # Pyodide in the build's versioned folder ("pyodide/<hash>/").
    (bench_dir / "empty.html").write_text(EMPTY_PAGE.replace("PYODIDE/", folder(site, "pyodide")), encoding="utf-8")
    (bench_dir / "worker.html").write_text(WORKER_PAGE, encoding="utf-8")
    (bench_dir / "assets").symlink_to(site / "assets")
    # The empty pages are served with the site's own headers too (its cache policy), by the project's
    # server (deploy/serve.py, as the tests use it): one static server, not a bench's own. Not its CSP,
    # which allows only the guide's own inline scripts.
    site_headers = (site / "_headers").read_text(encoding="utf-8").splitlines(keepends=True)
    (bench_dir / "_headers").write_text("".join(line for line in site_headers if "Content-Security-Policy" not in line),
                                        encoding="utf-8")
    host = functools.partial(serve, compressed=args.gzip)
    empty_server, empty_url = host(bench_dir)
    site_server, site_url = host(site)
    page_url = site_url + "calculator/?hazard=cok&employees=300"
    worker_url = empty_url + "worker.html"
    runs = args.runs

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=launch_args(playwright.chromium))
        profile = Path(tempfile.mkdtemp())
        warm_context = playwright.chromium.launch_persistent_context(str(profile), executable_path=CHROMIUM,
                                                                     args=launch_args(playwright.chromium))
        # The first visits fill the cache; they are closed, as a reader's earlier visit would be,
        # so their leftover background work (the engine optimising hot code) does not share the CPU.
        first_visit = warm_context.new_page()
        first_result(first_visit, page_url)
        titled_done(first_visit, worker_url)
        first_visit.close()
        requests: list[str] = []
        rounds: dict[str, list[float]] = {"a": [], "b": [], "f": [], "c": [], "w": []}
        for run in range(runs):
            rounds["a"].append(plain_boot(browser, empty_url))
            rounds["b"].append(cold(browser, page_url, requests if run == 0 else None))
            rounds["f"].append(cold(browser, page_url + "&boot=plain"))
            page = warm_context.new_page()
            rounds["c"].append(first_result(page, page_url))
            page.close()
            page = warm_context.new_page()
            rounds["w"].append(titled_done(page, worker_url))
            page.close()
        warm_context.close()
        a, b, f, c, w = (statistics.median(rounds[key]) for key in "abfcw")
        per_round = {key: [x / a_run for x, a_run in zip(rounds[key], rounds["a"], strict=True)] for key in "bfcw"}
        ratio = {key: statistics.median(values) for key, values in per_round.items()}

        text = batch_csv(1000)
        unknown = unknown_names_csv(5000)
        page = browser.new_context(service_workers="block").new_page()
        first_result(page, page_url)
        e_page = page_batch(page, text, runs)
        g_page = page_batch(page, unknown, runs)
        page.context.close()
        browser.close()

    e_cpython = cpython_batch(text, runs)
    g_cpython = cpython_batch(unknown, runs)

    files = {site / urlparse(url).path.lstrip("/") for url in requests}
    d = sum(gzipped(path) for path in files if path.is_file())
    core = sum(gzipped(pyodide_files(site) / name) for name in CORE)
    pyodide_on_page = sorted(p.name for p in files if "pyodide" in p.parts)

    empty_server.shutdown()
    site_server.shutdown()
    shutil.rmtree(bench_dir)
    shutil.rmtree(profile, ignore_errors=True)

    def row(name: str, value: str, ratio: str, target: str, spread: str = "") -> None:
        print(f"{name:<58} {value:>12} {ratio:>10}   target {target:<14} {spread}".rstrip())

    def spread(key: str) -> str:
        # One visit's time varies by a tenth or more on a busy machine; the
        # rounds' own ratios show how far a median is from its target in noise.
        return f"rounds {min(per_round[key]):.2f}-{max(per_round[key]):.2f}"

    served = ("the build's precompressed files (gzip over http), the site's cache headers" if args.gzip
              else "plain files, the site's cache headers")
    print(f"median of {runs} runs (ratios to a: median of each round's own); headless Chromium; localhost; {served}\n")
    row("a  plain Pyodide boot, empty page", f"{a:,.0f} ms", "", "")
    row("b  calculator page to first result, cold", f"{b:,.0f} ms", f"{ratio['b']:.2f} × a", "≤ 0.35 × a", spread("b"))
    row("c  the same, warm", f"{c:,.0f} ms", f"{ratio['c']:.2f} × a", "≤ 0.2 × a", spread("c"))
    row("   its worker alone on an empty page, warm, to the answer", f"{w:,.0f} ms", f"{ratio['w']:.2f} × a", "", spread("w"))
    row("f  fallback (normal boot) to first result, cold", f"{f:,.0f} ms", f"{ratio['f']:.2f} × a", "≤ 1.15 × a", spread("f"))
    row("d  bytes of the calculator page, gzip -9", f"{d / 1e6:,.2f} MB", f"{d / core:.2f} × core", "≤ 2 × core")
    row("   Pyodide core files, gzip -9", f"{core / 1e6:,.2f} MB", "", "")
    row("e  1,000-unit batch, in the page", f"{e_page:,.0f} ms", f"{e_page / e_cpython:.2f} × CPy", "≤ 3 × CPython")
    row("   the same in CPython", f"{e_cpython:,.0f} ms", "", "")
    row("g  5,000 lines of unknown names, in the page", f"{g_page:,.0f} ms", f"{g_page / g_cpython:.2f} × CPy",
        "≤ 3 × CPython")
    row("   the same in CPython", f"{g_cpython:,.0f} ms", "", "≤ 2,000 ms")
    print("\nPyodide files the calculator page fetched:", ", ".join(pyodide_on_page))


if __name__ == "__main__":
    main()
