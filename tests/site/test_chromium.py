"""The browser the site tests and benches run in: Playwright's settings kept, the omnibox's pages left out."""

from __future__ import annotations

import uuid
from typing import Any

from tests.site.chromium import CHROMIUM, DISABLE_FEATURES, UNNEEDED_FEATURES, command_line, features_in, launch_args


def test_playwrights_disabled_features_are_kept_with_ours(browser: Any) -> None:
    marker = f"--guide-test={uuid.uuid4().hex}"
    launched = browser.browser_type.launch(executable_path=CHROMIUM, args=[*launch_args(browser.browser_type), marker])
    try:
        args = command_line(marker)
    finally:
        launched.close()
    switches = [arg for arg in args if arg.startswith(DISABLE_FEATURES)]
    # Chromium reads only the last switch: it must name everything any switch names.
    effective = features_in(switches[-1:])
    assert set(features_in(switches)) == set(effective)
    assert set(UNNEEDED_FEATURES) <= set(effective)
    assert len(effective) > len(UNNEEDED_FEATURES)  # Playwright's own are there too


def test_a_new_context_builds_no_omnibox_pages(browser: Any) -> None:
    context = browser.new_context()
    try:
        context.new_page()
        targets = browser.new_browser_cdp_session().send("Target.getTargets")["targetInfos"]
    finally:
        context.close()
    assert "page" in [t["type"] for t in targets]
    assert [t["url"] for t in targets if t["type"] == "browser_ui"] == []
