"""What the official NACE list (2,152 codes) costs the calculator page:
time to first result and compressed bytes, with the list and without it.

    .venv/bin/python bench/nace_list_cost.py [--runs 5]

Builds the site twice (PDFs skipped): as it is, and from a copy of data/
whose list holds a single code. Targets: under 10% more time and under
150 KB more compressed transfer. A script, not a test.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from bench.calculator_startup import CALCULATOR_PAGE, cold  # noqa: E402
from datafiles import DATA_DIR  # noqa: E402
from datafiles.nace_list import refresh  # noqa: E402
from tests.site.chromium import CHROMIUM, launch_args  # noqa: E402
from tests.site.conftest import serve  # noqa: E402


def gzipped(path: Path) -> int:
    """A file's size compressed as a static host would serve it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9))


def build(target: Path, data_dir: Path | None = None) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_SKIP_PDF": "1"}
    if data_dir is not None:
        env["GUIDE_DATA_DIR"] = str(data_dir)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(target)], cwd=ROOT, env=env, check=True
    )


def data_without_list(folder: Path) -> Path:
    shutil.copytree(DATA_DIR, folder)
    with (DATA_DIR / "nace_list.csv").open(encoding="utf-8") as handle:
        first = next(csv.DictReader(handle))
    one = folder / "one-code.csv"
    one.write_text(
        f"code,hazard_class,description_tr,note\n{first['code']},{first['hazard_class']},{first['description_tr']},\n",
        encoding="utf-8",
    )
    (folder / "nace_list.csv").unlink()  # the list starts again from this one code
    refresh(one, folder, "bench: a single code", "2026-01-01", act=first["act"])
    return folder


def measure(browser: object, site: Path, runs: int) -> tuple[float, int]:
    server, url = serve(site)
    requests: list[str] = []
    times = [cold(browser, url + CALCULATOR_PAGE, requests if i == 0 else None) for i in range(runs)]
    server.shutdown()
    files = {site / urlparse(u).path.lstrip("/") for u in requests}
    return statistics.median(times), sum(gzipped(p) for p in files if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    work = Path(tempfile.mkdtemp())
    with_list, without_list = work / "with", work / "without"
    build(with_list)
    build(without_list, data_without_list(work / "data"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=launch_args(playwright.chromium))
        t_without, b_without = measure(browser, without_list, runs)
        t_with, b_with = measure(browser, with_list, runs)
        browser.close()
    shutil.rmtree(work)
    print(f"median of {runs} cold visits to the calculator page (first result)")
    print(f"without the list   {t_without:8,.0f} ms   {b_without / 1e6:6.2f} MB gzip -9")
    print(f"with the list      {t_with:8,.0f} ms   {b_with / 1e6:6.2f} MB gzip -9")
    print(
        f"cost               {(t_with - t_without) / t_without:+8.1%}      {(b_with - b_without) / 1e3:+7.0f} KB"
        "    targets: < 10% and < 150 KB"
    )


if __name__ == "__main__":
    main()
