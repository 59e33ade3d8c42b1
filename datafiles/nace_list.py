"""The hazard class of every six-digit NACE Rev. 2.1 code, dated: data/nace_list.csv,
with its acts and sources in data/nace_list.yaml.

Each row is one state of one code: its class and title, the day it took effect and the act that
set it (`act`, a Resmî Gazete number), and where it ended the last day it was in force, the act
that ended it (`ended_by`, empty where no act is known) and the code that replaced it
(`successor`, for a renumbering). `confidence` is `secondary` where a transcription cites the act
for the row, `unconfirmed` where only an undated transcription gives it or where the two
disagree (the higher class is kept and the other said in `note`).

Taking in a newer list is one command, never a hand edit. It prints what would change first:

    .venv/bin/python -m datafiles.nace_list NEW.csv --source "where it came from"           # the report
    .venv/bin/python -m datafiles.nace_list NEW.csv --source "where it came from" --write   # then write

NEW.csv is either a transcription that cites an act per row (the columns "NACE Altılı Kod",
"Tehlike Sınıfı", "Faaliyet Tanımı", "Son Mevzuat Tarihi", "Resmî Gazete Sayısı", "Değişiklik
Notu") or a plain list (code, hazard_class, description_tr[, note]) with `--act NUMBER` naming
the act whose list it is. A class may be spelled as the Tebliğ spells it ("Çok Tehlikeli *"). An
act not yet in nace_list.yaml is added with its publication date as the day it took effect,
marked unconfirmed (no text read here gives another). The provenance file records the row count
and the CSV's SHA-256, which the loader checks, so a hand edit that skipped this is caught.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import io
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from calculator.bilingual import shifted
from datafiles.errors import DataFileError
from datafiles.load import DATA_DIR

COLUMNS = (
    "code",
    "hazard_class",
    "description_tr",
    "valid_from",
    "valid_to",
    "act",
    "ended_by",
    "successor",
    "confidence",
    "note",
)
LIST_FILE = "nace_list.csv"
SOURCE_FILE = "nace_list.yaml"
_CODE = re.compile(r"[0-9]{2}\.[0-9]{2}\.[0-9]{2}")
_RENUMBERED = re.compile(r"kod ([0-9]{2}\.[0-9]{2}\.[0-9]{2}) *(?:→|->) *([0-9]{2}\.[0-9]{2}\.[0-9]{2})")
_CLASS_WORDS = {"az tehlikeli": "az_tehlikeli", "tehlikeli": "tehlikeli", "cok tehlikeli": "cok_tehlikeli"}
_RANK = {"az_tehlikeli": 1, "tehlikeli": 2, "cok_tehlikeli": 3}
# The columns of a transcription that cites the act of each row.
_CITED = {
    "code": "NACE Altılı Kod",
    "hazard_class": "Tehlike Sınıfı",
    "description_tr": "Faaliyet Tanımı",
    "act_date": "Son Mevzuat Tarihi",
    "act": "Resmî Gazete Sayısı",
    "change": "Değişiklik Notu",
    "url": "Kaynak URL",
}
SECONDARY, UNCONFIRMED = "secondary", "unconfirmed"


def canonical_class(spelled: str) -> str | None:
    """ "Çok Tehlikeli *" -> "cok_tehlikeli"; None when it names no class."""
    from calculator.text import fold

    words = fold(spelled.replace("_", " ").replace("*", " "))
    return _CLASS_WORDS.get(words)


@dataclass
class Listed:
    """One code as a newer list gives it."""

    code: str
    hazard_class: str
    title: str
    act: str
    note: str = ""
    renumbered_from: str = ""
    said_changed: bool = False


@dataclass
class Snapshot:
    rows: dict[str, Listed]
    # Acts the list cites that nace_list.yaml may not know yet: number -> (publication date, address).
    acts: dict[str, tuple[str, str]] = field(default_factory=dict)


def _read_csv(path: Path) -> csv.DictReader[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(path.name, f"cannot read the file: {error}") from None
    return csv.DictReader(io.StringIO(text))


def _dotted_date(text: str, name: str, entry: str) -> str:
    try:
        return dt.datetime.strptime(text.strip(), "%d.%m.%Y").date().isoformat()
    except ValueError:
        raise DataFileError(name, f"not a date (DD.MM.YYYY): {text!r}", entry=entry, field="act_date") from None


def _listed(raw: dict[str, str], columns: dict[str, str], name: str, entry: str, act: str) -> Listed:
    code = (raw.get(columns["code"]) or "").strip()
    if not _CODE.fullmatch(code):
        raise DataFileError(name, f"not a six-digit NACE code: {code!r}", entry=entry, field="code")
    spelled = (raw.get(columns["hazard_class"]) or "").strip()
    hazard = canonical_class(spelled)
    if hazard is None:
        raise DataFileError(name, f"unknown hazard class {spelled!r}", entry=entry, field="hazard_class")
    title = " ".join((raw.get(columns["description_tr"]) or "").split())
    if not title:
        raise DataFileError(name, "empty title", entry=entry, field="description_tr")
    note = (raw.get("note") or "").strip()
    if not note and "*" in spelled:
        note = f"raw sinif={spelled!r}"
    change = (raw.get(columns.get("change", "")) or "").strip()
    renumbered = _RENUMBERED.search(change)
    return Listed(code, hazard, title, act, note, renumbered[1] if renumbered else "", "değiştiril" in change)


def read_source(path: Path, act: str = "") -> Snapshot:
    """A newer list's rows, checked and canonical; a bad row raises DataFileError naming its line."""
    reader = _read_csv(path)
    header = reader.fieldnames or []
    cited = _CITED["code"] in header
    columns = _CITED if cited else {"code": "code", "hazard_class": "hazard_class", "description_tr": "description_tr"}
    needed = (
        [_CITED[k] for k in ("code", "hazard_class", "description_tr", "act_date", "act")] if cited else list(columns.values())
    )
    missing = [c for c in needed if c not in header]
    if missing:
        raise DataFileError(path.name, f"missing column(s): {', '.join(missing)}", entry="header")
    snapshot = Snapshot({})
    for line, raw in enumerate(reader, start=2):
        entry = f"line {line}"
        row_act = (raw.get(_CITED["act"]) or "").strip() if cited else act
        if cited:
            day = _dotted_date(raw.get(_CITED["act_date"]) or "", path.name, entry)
            snapshot.acts.setdefault(row_act, (day, (raw.get(_CITED["url"]) or "").strip()))
        listed = _listed(raw, columns, path.name, entry, row_act)
        if listed.code in snapshot.rows:
            raise DataFileError(path.name, f"code {listed.code} appears twice", entry=entry, field="code")
        snapshot.rows[listed.code] = listed
    return snapshot


# -- merging a newer list into the dated one ------------------------------------------------------


@dataclass
class Merge:
    """The dated list being changed, and what each change was (the report)."""

    rows: list[dict[str, str]]
    effective: dict[str, str]  # act number -> the day it took effect
    latest_act: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, code, said)

    def current(self) -> dict[str, dict[str, str]]:
        return {row["code"]: row for row in self.rows if not row["valid_to"]}

    def close(self, row: dict[str, str], act: str, known_act: bool = True) -> None:
        row["valid_to"] = shifted(self.effective[act], -1)
        row["ended_by"] = act if known_act else ""

    def start(self, listed: Listed, confidence: str, note: str = "") -> None:
        self.rows.append(
            {
                "code": listed.code,
                "hazard_class": listed.hazard_class,
                "description_tr": listed.title,
                "valid_from": self.effective[listed.act],
                "valid_to": "",
                "act": listed.act,
                "ended_by": "",
                "successor": "",
                "confidence": confidence,
                "note": note or listed.note,
            }
        )

    def is_later(self, act: str, than: str) -> bool:
        return self.effective[act] > self.effective[than]


def _joined(*notes: str) -> str:
    return "; ".join(note for note in notes if note)


def _same_act(merge: Merge, row: dict[str, str], listed: Listed) -> None:
    """The newer list cites the act our row already has: it confirms the row, or the two disagree."""
    if listed.hazard_class != row["hazard_class"]:
        higher = max(listed.hazard_class, row["hazard_class"], key=_RANK.__getitem__)
        other = listed.hazard_class if higher == row["hazard_class"] else row["hazard_class"]
        row.update(
            hazard_class=higher,
            confidence=UNCONFIRMED,
            note=f"transcriptions differ: the other gives {other}; the higher class is kept",
        )
        merge.changes.append(("disagrees", listed.code, f"{other} in one transcription, {higher} kept"))
        return
    if row["confidence"] == UNCONFIRMED and "transcriptions differ" not in row["note"]:
        row["confidence"] = SECONDARY
        merge.changes.append(("confirmed", listed.code, f"act {listed.act} cited for it"))
    if listed.title != row["description_tr"] and "other transcription's title" not in row["note"]:
        row["note"] = _joined(row["note"], f"other transcription's title: {listed.title}")
        merge.changes.append(("title differs", listed.code, "the other wording kept in note"))


def _later_act(merge: Merge, row: dict[str, str], listed: Listed) -> None:
    """The newer list's row was set by a later act: our row ends the day before it, the new one starts."""
    if (listed.hazard_class, listed.title) == (row["hazard_class"], row["description_tr"]):
        return
    kind = "reclassified" if listed.hazard_class != row["hazard_class"] else "retitled"
    merge.close(row, listed.act)
    merge.start(listed, SECONDARY)
    merge.changes.append(
        (
            kind,
            listed.code,
            f"{row['hazard_class']} -> {listed.hazard_class} by act {listed.act}"
            if kind == "reclassified"
            else f"title changed by act {listed.act}",
        )
    )


def _new_code(merge: Merge, listed: Listed, current: dict[str, dict[str, str]]) -> None:
    old = current.get(listed.renumbered_from)
    if old is not None:
        merge.close(old, listed.act)
        old["successor"] = listed.code
        merge.start(listed, SECONDARY)
        merge.changes.append(("renumbered", listed.code, f"was {old['code']}, by act {listed.act}"))
        return
    note = "said to be changed by this act; its earlier row is in no transcription held here" if listed.said_changed else ""
    merge.start(listed, SECONDARY, note)
    merge.changes.append(("added", listed.code, f"by act {listed.act}"))


def _removed(merge: Merge, row: dict[str, str], added: dict[str, str]) -> None:
    """A code the newer list no longer has: it ends by the list's latest act, which no text confirms."""
    merge.close(row, merge.latest_act, known_act=False)
    same_title = added.get(row["description_tr"])
    row["confidence"] = UNCONFIRMED
    row["note"] = _joined(
        row["note"],
        f"not in the list as amended by act {merge.latest_act}; no act found for its "
        "removal" + (f"; the same title from then on: {same_title}" if same_title else ""),
    )
    merge.changes.append(("removed", row["code"], row["note"]))


def merge(rows: list[dict[str, str]], snapshot: Snapshot, effective: dict[str, str]) -> Merge:
    """The dated list `rows` with `snapshot` taken in; `effective` gives each act's first day in force."""
    cited = set(snapshot.acts) or {listed.act for listed in snapshot.rows.values()}
    latest = max(cited, key=lambda a: effective[a])
    result = Merge([dict(row) for row in rows], effective, latest)
    current = result.current()
    renumbered = {listed.renumbered_from for listed in snapshot.rows.values() if listed.renumbered_from}
    added: dict[str, str] = {}
    for listed in snapshot.rows.values():
        row = current.get(listed.code)
        if row is None:
            _new_code(result, listed, current)
            added[listed.title] = listed.code
        elif listed.act == row["act"] or not result.is_later(listed.act, row["act"]):
            _same_act(result, row, listed)
        else:
            _later_act(result, row, listed)
    for code, row in current.items():
        # A list of an act no later than the row's own says nothing of the codes it lacks.
        if code not in snapshot.rows and code not in renumbered and result.is_later(latest, row["act"]):
            _removed(result, row, added)
    result.rows.sort(key=lambda r: (r["code"], r["valid_from"]))
    return result


# -- the files ------------------------------------------------------------------------------------


def render(rows: Iterable[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _provenance(data_dir: Path) -> dict[str, Any]:
    path = data_dir / SOURCE_FILE
    return dict(yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {"acts": [], "sources": []}


def _effective(provenance: dict[str, Any], snapshot: Snapshot) -> dict[str, str]:
    """Each act's first day in force; an act new to the provenance file is added, from its publication."""
    acts = provenance.setdefault("acts", [])
    known = {str(act["number"]) for act in acts}
    for number, (published, address) in sorted(snapshot.acts.items(), key=lambda item: item[1][0]):
        if number not in known:
            acts.append(
                {
                    "number": number,
                    "published": published,
                    "effective": published,
                    "effective_confirmed": False,
                    "address": address,
                }
            )
    return {str(act["number"]): str(act["effective"]) for act in acts}


def _current_rows(data_dir: Path) -> list[dict[str, str]]:
    path = data_dir / LIST_FILE
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def refresh(source: Path, data_dir: Path, source_note: str, retrieved: str, act: str = "", write: bool = True) -> Merge:
    """Takes `source` into the dated list of `data_dir`; writes the files only when `write`."""
    snapshot = read_source(source, act)
    provenance = _provenance(data_dir)
    effective = _effective(provenance, snapshot)
    unknown = sorted({listed.act for listed in snapshot.rows.values()} - set(effective))
    if unknown:
        raise DataFileError(
            source.name,
            f"act(s) not in {SOURCE_FILE}: {', '.join(unknown) or '(none given)'}; give --act NUMBER for a plain list",
            entry="header",
        )
    result = merge(_current_rows(data_dir), snapshot, effective)
    if write:
        text = render(result.rows)
        (data_dir / LIST_FILE).write_text(text, encoding="utf-8")
        sources = provenance.setdefault("sources", [])
        if source_note and all(s.get("source") != source_note for s in sources):
            sources.append({"source": source_note, "retrieved": retrieved})
        provenance.update(rows=len(result.rows), sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())
        header = "# Provenance of nace_list.csv. Written by `python -m datafiles.nace_list`; do not edit rows by hand.\n"
        (data_dir / SOURCE_FILE).write_text(
            header + yaml.safe_dump(provenance, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
        )
    return result


def report(result: Merge) -> str:
    counts: dict[str, int] = {}
    for kind, _, _ in result.changes:
        counts[kind] = counts.get(kind, 0) + 1
    lines = [f"{kind}: {count}" for kind, count in sorted(counts.items())]
    lines += [f"  {kind:13} {code}  {said}" for kind, code, said in result.changes if kind != "confirmed"]
    return "\n".join(lines) or "no change"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m datafiles.nace_list", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the newer list (CSV)")
    parser.add_argument("--source", dest="source_note", default="", help="where the list came from")
    parser.add_argument("--retrieved", default=dt.date.today().isoformat(), help="when it was taken (YYYY-MM-DD)")
    parser.add_argument("--act", default="", help="for a plain list: the Resmî Gazete number of the act it is the list of")
    parser.add_argument("--write", action="store_true", help="write the files (without it: only the report)")
    parser.add_argument("--data", type=Path, default=DATA_DIR, help="the data folder to write into")
    args = parser.parse_args(argv)
    try:
        result = refresh(args.source, args.data, args.source_note, args.retrieved, args.act, args.write)
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(report(result))
    print(
        f"wrote {len(result.rows)} rows to {args.data / LIST_FILE}"
        if args.write
        else "nothing written: add --write to take these changes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
