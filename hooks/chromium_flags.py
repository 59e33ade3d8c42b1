"""Debian's Chromium and the switches every launch of it uses: the PDF build (hooks/pdf_export.py),
the browser tests and the benches (tests/site/chromium.py adds what only they need).

No sandbox (containers and CI run as root), no GPU, and none of Chromium's own traffic (updates,
sync, first-run pages): nothing but the page being printed or tested asks the network for anything.
"""

CHROMIUM = "/usr/bin/chromium"
BASE_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
