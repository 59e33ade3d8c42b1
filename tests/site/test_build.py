from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from datafiles import DATA_DIR
from tests.site.browsing import close, visit
from tests.site.conftest import LANGUAGES, PAGES, ROOT, build_site, calculator_files, folder, pyodide_files, serve


def test_every_page_in_both_languages(site_dir: Path) -> None:
    for prefix in LANGUAGES.values():
        for page in PAGES:
            assert (site_dir / prefix / page / "index.html").is_file(), prefix + page


def test_html_lang_per_language(site_dir: Path) -> None:
    for lang, prefix in LANGUAGES.items():
        for page in PAGES:
            html = (site_dir / prefix / page / "index.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}"' in html


def test_no_lunr_index_and_a_pagefind_index_per_language(site_dir: Path) -> None:
    assert not (site_dir / "search" / "search_index.json").exists()
    assert (site_dir / "pagefind" / "pagefind.js").is_file()
    metas = sorted(p.name.split("_")[0] for p in (site_dir / "pagefind").glob("pagefind.*.pf_meta"))
    assert metas == ["pagefind.en", "pagefind.tr"]


def test_pyodide_files_are_the_pinned_packages_own(site_dir: Path) -> None:
    """Only the files a pure-Python package needs, copied from node_modules unchanged (but for
    the compile hint that starts pyodide.asm.mjs), and a lock file of no packages."""
    npm = ROOT / "node_modules" / "pyodide"
    built = pyodide_files(site_dir)
    copied = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip"]
    # Beside them only the build's precompressed copies (.br, .gz) of the text and wasm files.
    assert sorted(p.name for p in built.iterdir() if p.suffix not in (".br", ".gz")) == sorted([*copied, "pyodide-lock.json"])
    assert (built / "pyodide.asm.wasm.br").is_file() and not (built / "python_stdlib.zip.br").exists()
    hint = b"//# allFunctionsCalledOnLoad\n"
    for name in copied:
        expected = (npm / name).read_bytes()
        assert (built / name).read_bytes() == (hint + expected if name == "pyodide.asm.mjs" else expected), name
    assert json.loads((built / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"] == {}


def test_package_zip_holds_the_tested_sources_and_their_checked_bytecode(site_dir: Path) -> None:
    """The very files the tests import, unchanged; beside each, bytecode that Python checks against
    the source's hash before using it (flags 0b11 in the .pyc header), for the normal boot."""
    sources = sorted(p for p in (ROOT / "calculator").rglob("*.py") if "__pycache__" not in p.parts)
    with zipfile.ZipFile(calculator_files(site_dir) / "calculator.zip") as package:
        names = package.namelist()
        for source in sources:
            name = source.relative_to(ROOT).as_posix()
            assert package.read(name) == source.read_bytes(), name
            compiled = [n for n in names if n.startswith(f"calculator/__pycache__/{source.stem}.") and n.endswith(".pyc")]
            assert len(compiled) == 1, name
            assert package.read(compiled[0])[4:8] == (0b11).to_bytes(4, "little"), compiled[0]
        assert len([n for n in names if n.endswith(".pyc")]) == len(sources)


def test_snapshot_comes_with_an_empty_standard_library(site_dir: Path) -> None:
    """The restored interpreter mounts this in place of the 2.5 MB zip: a valid zip, of no files."""
    calculator = calculator_files(site_dir)
    assert (calculator / "snapshot.bin").is_file()
    with zipfile.ZipFile(calculator / "empty-stdlib.zip") as empty:
        assert empty.namelist() == []


def test_every_file_the_start_script_names_is_in_the_build(site_dir: Path) -> None:
    """The calculator page's start script names files of the two versioned folders (those it downloads
    early, those it probes when the worker cannot start): each must be one the build wrote there."""
    page = (site_dir / "calculator" / "index.html").read_text(encoding="utf-8")
    named = re.findall(r"\$\{(py|calc)\}([\w.-]+)", page)
    assert {name for _, name in named} >= {"snapshot.bin", "stdlib-core.zip", "pyodide.asm.wasm", "calculator-worker.js"}
    for kind, name in named:
        files = pyodide_files(site_dir) if kind == "py" else calculator_files(site_dir)
        assert (files / name).is_file(), name


def test_the_normal_boot_gets_the_standard_library_it_uses_compiled(site_dir: Path) -> None:
    """The manifest names a zip of the standard library's modules the calculator's interpreter imported,
    each top-level package whole, as unchecked bytecode without sources, stored for the host to
    compress (its .br beside it); far smaller than Pyodide's whole zip, which stays for the rest."""
    calculator = calculator_files(site_dir)
    manifest = json.loads((calculator / "manifest.json").read_text(encoding="utf-8"))
    core_path = calculator / manifest["stdlib"]
    whole = zipfile.ZipFile(pyodide_files(site_dir) / "python_stdlib.zip")
    with zipfile.ZipFile(core_path) as core:
        names = core.namelist()
        assert all(info.compress_type == zipfile.ZIP_STORED for info in core.infolist())
        assert not [n for n in names if n.endswith(".py")]
        for name in (
            "json/__init__.pyc",
            "json/decoder.pyc",
            "dataclasses.pyc",
            "csv.pyc",
            "encodings/utf_8.pyc",
            "_pyodide/__init__.pyc",
            "pyodide/__init__.pyc",
        ):
            assert name in names, name
            header = core.read(name)[:16]
            assert header[4:8] == (0b01).to_bytes(4, "little"), name  # hash-based, never checked
        # A package is whole: every source of json/ in Pyodide's zip is in it, compiled.
        for source in (n for n in whole.namelist() if n.startswith("json/") and n.endswith(".py")):
            assert source + "c" in names, source
        assert "statistics.pyc" not in names and "email/__init__.pyc" not in names  # never imported
    whole_size = (pyodide_files(site_dir) / "python_stdlib.zip").stat().st_size
    assert core_path.with_name(core_path.name + ".br").stat().st_size < whole_size / 2


def _data_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy)
    return copy


@pytest.mark.usefixtures("site_builder")
def test_one_changed_data_folder_reaches_every_surface_escaped(tmp_path: Path, browser: Any) -> None:
    """A build from a changed copy of data/ (GUIDE_DATA_DIR) shows the change on the pages, in the
    calculator's data.json, in the answers of its snapshot and in the printed document the PDFs are
    printed from (the PDFs themselves are left out of this build: test_pdf.py proves they print that
    page); and its text as text."""
    data = _data_copy(tmp_path)
    nace = yaml.safe_load((data / "nace.yaml").read_text(encoding="utf-8"))
    nace["groups"][4]["units"][3]["name"]["tr"] = "Kantin <script>alert('x')</script>"
    nace["groups"][4]["units"][3]["name"]["en"] = "Canteen <img src=x onerror=alert(1)>"
    (data / "nace.yaml").write_text(yaml.safe_dump(nace, allow_unicode=True), encoding="utf-8")
    login = yaml.safe_load((data / "login.yaml").read_text(encoding="utf-8"))
    login["steps"][0]["title"]["tr"] = "Yetki <b>yazısı</b> *vurgu*"
    (data / "login.yaml").write_text(yaml.safe_dump(login, allow_unicode=True), encoding="utf-8")
    # The safety specialist's minutes in very hazardous workplaces: 40 per employee becomes 41.
    durations = yaml.safe_load((data / "durations.yaml").read_text(encoding="utf-8"))
    rate = next(
        r for r in durations["rates"] if r["role"] == "igu" and r["hazard_class"] == "cok_tehlikeli" and r["valid_to"] is None
    )
    assert rate["minutes_per_employee"] == 40
    rate["minutes_per_employee"] = 41
    (data / "durations.yaml").write_text(yaml.safe_dump(durations, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    done = build_site(site, data, skip_pdf=True)
    assert done.returncode == 0, done.stderr
    tr = (site / "nace-codes" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "nace-codes" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in tr and "Kantin &lt;script&gt;alert" in tr
    assert "<img src=x" not in en and "Canteen &lt;img src=x onerror=alert(1)&gt;" in en
    login_html = (site / "login" / "index.html").read_text(encoding="utf-8")
    assert "<b>yazısı</b>" not in login_html and "<em>vurgu</em>" not in login_html
    assert "&lt;b&gt;yazısı&lt;/b&gt;" in login_html
    assert "<strong>41</strong>" in (site / "working-times" / "index.html").read_text(encoding="utf-8")
    # The calculator ships the same dataset the pages were made from...
    shipped = json.loads((calculator_files(site) / "data.json").read_text(encoding="utf-8"))
    assert shipped["nace"]["groups"][4]["units"][3]["name"]["tr"] == "Kantin <script>alert('x')</script>"
    assert 41 in [r["minutes_per_employee"] for r in shipped["durations"]["rates"] if r["role"] == "igu"]
    # ...its snapshot answers with it (300 employees × 41 min)...
    server, url = serve(site)
    seen = visit(browser, url + "calculator/?hazard=cok&employees=300")
    try:
        seen.page.wait_for_selector("html[data-calculator]", state="attached", timeout=60_000)
        assert seen.page.get_attribute("html", "data-calculator") == "ready-snapshot"
        seen.page.wait_for_selector('#calc-result[data-request="hazard=cok&employees=300"]', timeout=10_000)
        assert seen.page.get_attribute('#calc-result .calc-role[data-role="igu"]', "data-required-minutes") == "12300"
    finally:
        close(seen)
        server.shutdown()
    # ...and the printed document says it (the worked example: 300 employees in a very hazardous workplace).
    assert "12.300" in (site / "print" / "index.html").read_text(encoding="utf-8")
    assert "12,300" in (site / "en" / "print" / "index.html").read_text(encoding="utf-8")


@pytest.mark.usefixtures("site_builder")
def test_broken_data_stops_the_build_naming_file_entry_field(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    text = (data / "nace.yaml").read_text(encoding="utf-8")
    (data / "nace.yaml").write_text(
        text.replace('{code: "33.12.03", hazard_class: cok_tehlikeli}', '{code: "33.12.03", hazard_class: very}'),
        encoding="utf-8",
    )
    done = build_site(tmp_path / "site", data)
    assert done.returncode != 0
    assert 'data/nace.yaml, entry groups[2].units[7] "kazan-dairesi", field codes[0].hazard_class' in done.stderr


@pytest.mark.usefixtures("site_builder")
def test_unknown_label_in_a_step_stops_the_build(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    text = (data / "contract.yaml").read_text(encoding="utf-8")
    (data / "contract.yaml").write_text(text.replace("{Yeni}", "{Yeni Sözleşme}", 1), encoding="utf-8")
    done = build_site(tmp_path / "site", data)
    assert done.returncode != 0
    assert "data/contract.yaml" in done.stderr and "Yeni Sözleşme" in done.stderr


def test_pyodide_and_the_calculator_are_in_versioned_folders_the_worker_names(site_dir: Path) -> None:
    """Each folder's name is a hash of what its files are made of (so they are served as immutable);
    the worker, in the calculator's folder, names this build's two folders; the calculator page,
    revalidated on every visit, names the worker; nothing else is left in assets/pyodide/ or
    assets/calculator/, and no worker in assets/js/."""
    pyodide, calculator = folder(site_dir, "pyodide"), folder(site_dir, "calculator")
    for name, versioned in (("pyodide", pyodide), ("calculator", calculator)):
        assert [p.name for p in (site_dir / "assets" / name).iterdir()] == [versioned.split("/")[1]]
    worker = (site_dir / "assets" / calculator / "calculator-worker.js").read_text(encoding="utf-8")
    assert f'from "../../{pyodide}pyodide.mjs"' in worker and f'import("../../{pyodide}pyodide.asm.mjs")' in worker
    assert 'const ASSETS = new URL("../../", import.meta.url);' in worker
    assert f'new URL("{pyodide}", ASSETS)' in worker and f'new URL("{calculator}", ASSETS)' in worker
    assert 'new URL("pyodide/", ASSETS)' not in worker and '"../pyodide/pyodide.mjs"' not in worker
    assert (site_dir / "assets" / calculator / "snapshot-pages.mjs").is_file()
    assert not list((site_dir / "assets" / "js").glob("calculator-worker.js*"))
    assert not list((site_dir / "assets" / "js").glob("snapshot-pages.mjs*"))
    page = (site_dir / "calculator" / "index.html").read_text(encoding="utf-8")
    assert f'data-pyodide="{pyodide}" data-calculator="{calculator}"' in page
    assert f'data-worker="../assets/{calculator}calculator-worker.js"' in page


def test_the_pages_load_the_guide_s_stylesheets_and_scripts_from_versioned_folders(site_dir: Path) -> None:
    """hooks/versioned_assets.py: no page names assets/css/ or assets/js/ (whose files a browser would
    have to revalidate on every visit); each stylesheet or script it names in assets/css-<hash>/ or
    assets/js-<hash>/ is there, and those folders hold what docs/assets/css/ and docs/assets/js/ do."""
    named: set[str] = set()
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(?:src|href|data-[a-z-]+)="[^"]*assets/(?:css|js)/', html), page
        for address in re.findall(r'(?:src|href|data-[a-z-]+)="([^"]*assets/(?:css|js)-[0-9a-f]+/[^"]+)"', html):
            target = (page.parent / address).resolve() if not address.startswith("/") else site_dir / address.lstrip("/")
            assert target.is_file(), (page, address)
            named.add(target.name)
    assert {"guide.css", "calculator.js", "plan.js", "offline.js", "search.js"} <= named
    for kind in ("css", "js"):
        [versioned] = [p for p in (site_dir / "assets").iterdir() if p.name.startswith(kind + "-")]
        sources = {p.name for p in (ROOT / "docs" / "assets" / kind).iterdir() if p.suffix in (".css", ".js")}
        sources -= {"service-worker.js", "calculator-worker.js"}
        assert {p.name for p in versioned.iterdir() if p.suffix in (".css", ".js")} == sources
