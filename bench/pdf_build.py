"""How long the PDF step adds to the build.

    .venv/bin/python bench/pdf_build.py [--runs 3]

Builds the whole site with and without the PDFs (GUIDE_SKIP_PDF=1) and
prints the medians and the difference. A script, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build(skip_pdf: bool) -> float:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "GUIDE_SKIP_PDF": "1" if skip_pdf else "0"}
    with tempfile.TemporaryDirectory() as target:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", target], cwd=ROOT, env=env, check=True
        )
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    without = statistics.median(build(skip_pdf=True) for _ in range(runs))
    with_pdf = statistics.median(build(skip_pdf=False) for _ in range(runs))
    print(f"median of {runs} builds")
    print(f"build without PDFs   {without:6.1f} s")
    print(f"build with PDFs      {with_pdf:6.1f} s")
    print(f"the PDF step adds    {with_pdf - without:6.1f} s  ({(with_pdf - without) / without:.0%} of the build)")


if __name__ == "__main__":
    main()
