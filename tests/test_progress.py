"""scripts/build says each long step as it starts (hooks/progress.py); other builds (the tests') stay quiet."""

from __future__ import annotations

import pytest

from progress import say
from tests.conftest import ROOT


def test_a_step_is_said_only_when_asked(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("GUIDE_BUILD_PROGRESS", raising=False)
    say("the search index")
    assert capsys.readouterr().err == ""
    monkeypatch.setenv("GUIDE_BUILD_PROGRESS", "1")
    say("the search index")
    assert capsys.readouterr().err.startswith("build: the search index (")


def test_scripts_build_asks_for_the_steps() -> None:
    assert "export GUIDE_BUILD_PROGRESS=1" in (ROOT / "scripts" / "build").read_text(encoding="utf-8")
    hooks = [path.name for path in (ROOT / "hooks").glob("*.py") if "say(" in path.read_text(encoding="utf-8")]
    # The long steps: pages, the calculator's snapshot, the PDFs, the search index, the compressed copies.
    for hook in ("data_pages.py", "calculator_assets.py", "pdf_export.py", "search_index.py", "precompress.py"):
        assert hook in hooks
