"""The same vectors through the same `calculator` files under Pyodide in
Node.js: the answers must be identical to CPython's."""

from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from calculator.api import Service
from datafiles.export import write_calculator_json
from tests.vectors import all_vectors

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "tests" / "pyodide" / "run_vectors.mjs"


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any], node: str) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("pyodide")
    data_json = write_calculator_json(folder / "data.json")
    vectors = folder / "vectors.json"
    vectors.write_text(json.dumps(all_vectors(data), ensure_ascii=False), encoding="utf-8")
    out = subprocess.run(
        [node, str(RUNNER), str(ROOT / "calculator"), str(data_json), str(vectors)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    result: dict[str, Any] = json.loads(out.stdout)
    return result


@pytest.fixture(scope="module")
def snapshot_pages(node: str) -> dict[str, Any]:
    """What tests/pyodide/snapshot_pages.mjs got back from the site's snapshot format."""
    out = subprocess.run(
        [node, str(ROOT / "tests" / "pyodide" / "snapshot_pages.mjs")], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert out.returncode == 0, out.stderr
    report: dict[str, Any] = json.loads(out.stdout)
    return report


def test_runs_under_pyodide_from_the_same_files(pyodide_run: dict[str, Any]) -> None:
    assert pyodide_run["file"] == "/pkg/calculator/__init__.py"
    assert pyodide_run["python"].startswith("3.")
    # Nothing beyond the standard library was imported.
    assert pyodide_run["modules"] == []


def test_same_answers_as_cpython(pyodide_run: dict[str, Any], data: dict[str, Any]) -> None:
    service = Service(json.loads(json.dumps(data)))
    vectors = all_vectors(data)
    expected = [json.loads(json.dumps(service.call(v), ensure_ascii=False)) for v in vectors]
    answers = pyodide_run["answers"]
    assert len(answers) == len(vectors) >= 150
    for vector, want, got in zip(vectors, expected, answers, strict=True):
        assert got == want, vector
    # The vectors cover both outcomes.
    assert any(a["ok"] for a in answers) and any(not a["ok"] for a in answers)


def test_snapshot_pages_round_trip_and_refuse_corrupt_input(snapshot_pages: dict[str, Any]) -> None:
    """The snapshot leaves its empty pages out; what the worker unpacks must be byte for byte what Node packed."""
    assert snapshot_pages["round_trip"] == {"sparse": True, "ragged_tail": True, "empty_memory": True, "full": True}
    header, page = 32, 4096
    # Only the pages holding data are stored, each with its 4-byte number.
    assert snapshot_pages["packed_size"]["sparse"] == header + 4 * (4 + page)
    assert snapshot_pages["packed_size"]["ragged_tail"] == header + 2 * 4 + page + 123
    assert snapshot_pages["packed_size"]["empty_memory"] == header
    corrupt = snapshot_pages["corrupt"]
    assert all(str(why).startswith("corrupt snapshot") for why in corrupt.values()), corrupt


def test_snapshot_unpacks_as_it_streams_in(snapshot_pages: dict[str, Any]) -> None:
    """The worker hands Pyodide the buffer once the header is in and fills it as the pages arrive.

    Pyodide starts its WebAssembly meanwhile and restores memory only after
    the last page; a buffer left unfinished must be one Pyodide refuses.
    """
    # Pieces of any size rebuild the same memory, in the buffer handed out early.
    assert snapshot_pages["streamed"] == {"bytes": True, "odd": True, "pages": True, "large": True}
    # With only the header and page list in, the buffer exists at full size and is not yet done.
    assert snapshot_pages["early"] == {"length": 40 * 4096, "filled_before_pages": False, "same_buffer_when_filled": True}
    # Cut short: an error, and the first page (Pyodide's header) left blank though later pages came.
    assert snapshot_pages["cut"] == {
        "error": "corrupt snapshot: pages cut short",
        "first_page_blank": True,
        "later_page_in": True,
    }
    # A wrong header: no buffer at all.
    assert snapshot_pages["bad_header"] == {
        "memory": "corrupt snapshot: not a packed snapshot",
        "filled": "corrupt snapshot: not a packed snapshot",
    }


def test_snapshot_leaves_out_the_modules_initial_data(snapshot_pages: dict[str, Any]) -> None:
    """Pages equal to the module's initial memory (as its WebAssembly is instantiated) are copied from it
    in the browser, not sent; pages changed since travel as their difference from it.

    The buffer is finished (its first page, Pyodide's header, written) only once both the stream and
    that copy are done, in either order; a copy from other initial data, or none, leaves it unfinished.
    """
    base = snapshot_pages["base"]
    # Sent: the header page, the page cleared since (zeros where the base had data), the page changed
    # since, the new page; from the base: the five pages (2-4, 7, 8; the base starts 144 bytes in) it
    # still equals. Zero pages: neither. The cleared and the changed pages travel as their difference
    # from the base: the changed one is a single byte among zeros.
    assert (base["pages_sent"], base["pages_from_base"], base["differences"]) == (4, 5, 2)
    assert base["packed_size"] == 32 + 4 * (4 + 5 + 2) + 4 * 4096
    assert base["changed_page_nonzero"] == 1 and base["cleared_page_is_initial"] is True
    assert base["after_stream"] == {"filled": "ok", "blank_before_base": True, "complete": True}
    assert base["before_stream"] == {"filled": "ok", "blank_before_base": False, "complete": True}
    # The base arriving while a difference page is half in: its first half undone then, the rest on arrival.
    assert base["mid_page"] == {"filled": "ok", "blank_before_base": False, "complete": True}
    assert base["other_base"] == {
        "filled": "ok",
        "blank_before_base": True,
        "complete": "corrupt snapshot: made against another module's initial memory",
    }
    assert base["no_base"] == {
        "filled": "ok",
        "blank_before_base": True,
        "complete": "corrupt snapshot: no initial memory to fill pages from",
    }
    assert base["without_base_needs_none"] is True


def test_excel_under_pyodide_from_the_builds_library_zip(tmp_path: Path, data: dict[str, Any], node: str) -> None:
    """Before the library zip is unpacked the calculator asks for it (the worker's cue to fetch it); after,
    a workbook reads and the table writes exactly as in CPython."""
    sys.path.insert(0, str(ROOT / "hooks"))  # the build's own code zips the library
    from calculator_assets import LIBRARIES, library_zip

    library = tmp_path / "xlsx.zip"
    library.write_bytes(library_zip(LIBRARIES["xlsx"]))
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    rows: list[list[Any]] = [["Birim", "Çalışan", "İGU mevcut dk"], ["Kazan dairesi", 300, 1500], ["43.22.06", 40.0, None]]
    for row in rows:
        sheet.append(row)
    workbook = tmp_path / "in.xlsx"
    book.save(workbook)
    data_json = write_calculator_json(tmp_path / "data.json")
    out = subprocess.run(
        [
            node,
            str(ROOT / "tests" / "pyodide" / "run_xlsx.mjs"),
            str(ROOT / "calculator"),
            str(data_json),
            str(library),
            str(workbook),
            "en",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)
    assert got["before"]["error"]["error"] == "needs_library" and got["before"]["error"]["field"] == "xlsx"
    service = Service(json.loads(json.dumps(data)))
    decoded = service.call({"op": "decode_file", "base64": base64.b64encode(workbook.read_bytes()).decode()})
    assert got["decoded"] == decoded
    text = decoded["result"]["text"]
    assert got["table"] == json.loads(json.dumps(service.call({"op": "batch_csv", "text": text, "lang": "en"})))
    written = openpyxl.load_workbook(io.BytesIO(base64.b64decode(got["xlsx"]["result"]["xlsx"]))).active
    want = service.call({"op": "batch_xlsx", "text": text, "lang": "en"})
    expected = openpyxl.load_workbook(io.BytesIO(base64.b64decode(want["result"]["xlsx"]))).active
    assert written is not None and expected is not None
    assert list(written.iter_rows(values_only=True)) == list(expected.iter_rows(values_only=True))


def test_pyodide_still_warns_as_the_worker_expects_when_its_wasm_breaks_off(node: str) -> None:
    """calculator-worker.js learns that the WebAssembly download broke off only from this warning (Pyodide
    catches the error and never settles): an upgrade that changes it must change the worker too."""
    worker = (ROOT / "docs" / "assets" / "js" / "calculator-worker.js").read_text(encoding="utf-8")
    said = re.search(r'const WASM_FAILED = "([^"]+)";', worker)
    assert said is not None
    assert f'console.warn("{said.group(1)}")' in (ROOT / "node_modules" / "pyodide" / "pyodide.mjs").read_text(encoding="utf-8")
