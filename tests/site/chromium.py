"""Debian's Chromium, as the browser tests and the benches launch it through Playwright: the build's
switches (hooks/chromium_flags.py) and the features no test needs."""

from __future__ import annotations

import functools
import uuid
from pathlib import Path
from typing import Any

from chromium_flags import BASE_FLAGS, CHROMIUM

__all__ = ["BASE_FLAGS", "CHROMIUM", "launch_args"]

# Headless Chromium builds the omnibox's drop-down (WebUI pages of some 500
# scripts) for every new browser window, that is for every Playwright context.
# No page under test needs it, and on a 2-core machine it takes the CPU from
# the page being tested or timed.
UNNEEDED_FEATURES = ("WebUIOmniboxPopup", "WebUIOmniboxAimPopup")
DISABLE_FEATURES = "--disable-features="


def command_line(marker: str) -> list[str]:
    """The arguments of the running process that was given `marker` as one of them."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().decode(errors="replace").split("\0")
        except OSError:  # it ended while we looked
            continue
        if marker in args:
            return args
    raise LookupError(f"no process was started with {marker}")


def features_in(switches: list[str]) -> list[str]:
    """The features named by every --disable-features switch among `switches`, in order."""
    named = (f for s in switches if s.startswith(DISABLE_FEATURES) for f in s[len(DISABLE_FEATURES) :].split(","))
    return list(dict.fromkeys(f for f in named if f))


@functools.cache
def launch_args(chromium: Any) -> tuple[str, ...]:
    """BASE_FLAGS and one --disable-features naming Playwright's own list and UNNEEDED_FEATURES.

    `chromium` is Playwright's BrowserType for Chromium (`playwright.chromium`).

    Chromium honours only the last --disable-features switch, and Playwright
    puts its own before the caller's: a switch naming only ours would silently
    turn back on everything Playwright turns off. Playwright does not publish
    its list, so it is read off a Chromium that Playwright has launched.
    """
    marker = f"--guide-launch-probe={uuid.uuid4().hex}"
    probe = chromium.launch(executable_path=CHROMIUM, args=[*BASE_FLAGS, marker])
    try:
        playwrights = features_in(command_line(marker))
    finally:
        probe.close()
    return (*BASE_FLAGS, DISABLE_FEATURES + ",".join(dict.fromkeys([*playwrights, *UNNEEDED_FEATURES])))
