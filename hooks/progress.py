"""One line per long build step on standard error while scripts/build runs (GUIDE_BUILD_PROGRESS=1),
so that a reader waiting the few minutes a build takes sees where it is. Builds made by the tests
stay quiet."""

from __future__ import annotations

import os
import sys
import time

from mkdocs.config.defaults import MkDocsConfig

from language_builds import nested_language_build

_started = time.monotonic()


def say(step: str, config: MkDocsConfig | None = None) -> None:
    """`step` with the seconds since the build started; not during the other language's nested build."""
    if not os.environ.get("GUIDE_BUILD_PROGRESS") or (config is not None and nested_language_build(config)):
        return
    print(f"build: {step} ({time.monotonic() - _started:.0f} s)", file=sys.stderr, flush=True)
