from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculator import Calculator
from calculator.errors import InvalidCode
from calculator.matching import STEM_SHARED, same_stem, stem_shared
from calculator.text import fold
from tests.nace_queries import listed_now


def test_every_unit_found_by_its_name_in_both_languages(calc: Calculator, all_units: list[dict[str, Any]]) -> None:
    for unit in all_units:
        for lang in ("tr", "en"):
            found = calc.lookup(unit["name"][lang]).matches
            assert found, unit["name"][lang]
            # Exact names rank first (the two "Tıbbi laboratuvar" rows tie).
            top = [m.unit_id for m in found if fold(m.name[lang]) == fold(unit["name"][lang])]
            assert unit["id"] in top
            assert found[0].unit_id in top


def test_every_unit_found_by_each_of_its_codes(calc: Calculator, all_units: list[dict[str, Any]]) -> None:
    for unit in all_units:
        for entry in unit["codes"]:
            result = calc.lookup(entry["code"])
            hit = [m for m in result.matches if m.unit_id == unit["id"]]
            assert hit, entry["code"]
            assert entry["code"] in hit[0].matched_codes
            classes = {e.code: e.hazard_class for e in hit[0].codes}
            assert classes[entry["code"]] == entry["hazard_class"]


def test_every_unit_found_without_turkish_letters(calc: Calculator, all_units: list[dict[str, Any]]) -> None:
    for unit in all_units:
        ascii_name = fold(unit["name"]["tr"])
        assert unit["id"] in [m.unit_id for m in calc.lookup(ascii_name).matches], ascii_name


@pytest.mark.parametrize(
    "query, unit_id",
    [
        ("kazan", "kazan-dairesi"),
        ("KAZAN DAİRESİ", "kazan-dairesi"),
        ("kazan dairesi", "kazan-dairesi"),
        ("kazanı", "kazan-dairesi"),
        ("isitma", "sihhi-tesisat-isitma"),
        ("ISITMA", "sihhi-tesisat-isitma"),
        ("ısıtma", "sihhi-tesisat-isitma"),
        ("hvac", "hvac-bakim"),
        ("ameliyathane", "ameliyathane"),
        ("AMELİYATHANE", "ameliyathane"),
        ("ameliyathanesi", "ameliyathane"),
        ("boiler", "kazan-dairesi"),
        ("camasirhane", "camasirhane"),
        ("kütüphane", "kutuphane"),
        ("ogrenci isleri", "ogrenci-isleri"),
        ("nukleer", "nukleer-tip"),
        ("operating theatre", "ameliyathane"),
    ],
)
def test_name_queries(calc: Calculator, query: str, unit_id: str) -> None:
    assert calc.lookup(query).matches[0].unit_id == unit_id


def test_i_and_dotless_i_the_turkish_way() -> None:
    assert fold("KAZAN DAİRESİ") == fold("kazan dairesi") == "kazan dairesi"
    assert fold("ISITMA") == fold("ısıtma") == "isitma"
    assert fold("İSG") == "isg"


def test_six_digit_code_exact(calc: Calculator) -> None:
    result = calc.lookup("43.22.06")
    assert result.kind == "code"
    assert [m.unit_id for m in result.matches] == ["hvac-bakim"]
    assert [m.unit_id for m in calc.lookup("432206").matches] == ["hvac-bakim"]


def test_four_digit_prefix_lists_every_match(calc: Calculator, all_units: list[dict[str, Any]]) -> None:
    result = calc.lookup("43.22")
    assert result.kind == "prefix"
    expected = [u["id"] for u in all_units if any(e["code"] == "43.22" or e["code"].startswith("43.22.") for e in u["codes"])]
    assert [m.unit_id for m in result.matches] == expected
    assert len(expected) == 3


def test_code_given_two_classes_says_so(calc: Calculator) -> None:
    result = calc.lookup("86.91.01")
    assert {m.unit_id for m in result.matches} == {"tibbi-laboratuvar", "nukleer-tip"}
    for match in result.matches:
        entry = next(e for e in match.codes if e.code == "86.91.01")
        assert len(entry.guide_classes) > 1
        assert set(entry.guide_classes) == {"tehlikeli", "cok_tehlikeli"}
    hvac = calc.lookup("43.22.06").matches[0].codes[0]
    assert len(hvac.guide_classes) == 1


def test_pairs_kept_as_the_guide_pairs_them(calc: Calculator) -> None:
    radiation = calc.lookup("Radyasyonlu laboratuvar").matches[0]
    assert [(e.code, e.hazard_class) for e in radiation.codes] == [("72.10.02", "tehlikeli"), ("86.91.02", "cok_tehlikeli")]
    cleaning = calc.lookup("Temizlik hizmetleri").matches[0]
    assert [(e.code, e.hazard_class) for e in cleaning.codes] == [("81.21.01", "az_tehlikeli"), ("81.22.03", "cok_tehlikeli")]


def test_odd_guide_codes_found_as_written(calc: Calculator) -> None:
    assert [m.unit_id for m in calc.lookup("86.90.1").matches] == ["hastane-tibbi-laboratuvar"]
    assert "arge-laboratuvari" in [m.unit_id for m in calc.lookup("72.10").matches]


def test_unknown_code_is_no_match_with_nearby_units(calc: Calculator) -> None:
    unknown = calc.lookup("99.99.99")
    assert unknown.matches == [] and unknown.nearby == []
    near = calc.lookup("43.22.01")
    assert near.matches == []
    assert {m.unit_id for m in near.nearby} == {"sihhi-tesisat-isitma", "hvac-bakim", "tibbi-gaz-tesisati"}


@pytest.mark.parametrize("query", ["4", "43.222.1", "43..22", "1234567", "4.322"])
def test_malformed_codes(calc: Calculator, query: str) -> None:
    with pytest.raises(InvalidCode) as caught:
        calc.lookup(query)
    assert "NACE" in caught.value.message["tr"] and "NACE" in caught.value.message["en"]


def test_nonsense_name_finds_nothing(calc: Calculator) -> None:
    assert calc.lookup("zzzz qqq").matches == []


def test_codes_in_data_are_well_formed_or_noted(all_units: list[dict[str, Any]]) -> None:
    six = re.compile(r"\d{2}\.\d{2}\.\d{2}")
    four = re.compile(r"\d{2}\.\d{2}")
    for unit in all_units:
        kinds = {n["kind"] for n in unit.get("notes", [])}
        for entry in unit["codes"]:
            if four.fullmatch(entry["code"]):
                assert "four_digit_code" in kinds, unit["id"]
            elif not six.fullmatch(entry["code"]):
                assert "malformed_code" in kinds, unit["id"]


def test_cached_word_scores_equal_the_plain_rule(calc: Calculator) -> None:
    """The index scores each query word once per vocabulary and caches it: the cache must
    agree with matching.word_score, asked afresh, and not mix the two vocabularies."""
    from calculator.matching import word_score
    from calculator.text import words

    index = calc.index
    vocabulary = index._vocabulary
    queries = {
        w
        for word in vocabulary
        for w in (word, word[:3], word[:4], word[:5], word + "lar", word + "ı", word[:-1], word[1:], word.replace("t", "d"))
    } | set(words("laboratuvarları ameliyathanesi yurdu kreş kres isitma kazanı hastanesi"))
    index.lookup("yurdu")  # fills the title vocabulary's cache too
    for query in sorted(q for q in queries if q):
        want = {w: word_score(query, w) for w in vocabulary if word_score(query, w)}
        assert index._scores([query], vocabulary, titles=False) == [want], query


def test_ranking_on_the_query_matrix(calc: Calculator, data: dict[str, Any]) -> None:
    """Whole names first, then the same word, another suffix of it, a word it starts, a word it is
    inside of, a word a typo away: for every one-word query, the list's titles come in that order,
    titles about making or building a thing after the rest; and a query typed without Turkish
    letters answers exactly as with them."""
    from calculator.matching import making, searchable, word_score
    from tests.nace_queries import queries

    english = {code: searched for code, (_, searched) in calc.index.classes_en().items()}
    for query in queries(data):
        folded = fold(query)
        if not folded or folded.replace(" ", "").isdigit():
            continue
        found = calc.lookup(query)
        assert dataclasses.replace(found, query=folded) == calc.lookup(folded), query
        if " " not in folded:
            # A code's words: its Turkish title's as searched, and its class's English title's.
            titles = [f"{searchable(e.title_tr)} {english.get(e.code[:5], '')}".split() for e in found.list_entries]
            tiers = [(not making(t) or making([folded]), max(word_score(folded, w) for w in t)) for t in titles]
            assert tiers == sorted(tiers, reverse=True), query


def test_a_word_without_turkish_letters_finds_the_word_meant(calc: Calculator) -> None:
    kres = calc.lookup("kres").list_entries
    assert kres and all("kreş" in e.title_tr.lower() for e in kres)
    assert "88.91.01" in [e.code for e in kres]
    assert not any("gres" in fold(e.title_tr).split() for e in kres)
    assert next(e.code for e in calc.lookup("ogrenci yurdu").list_entries) == "55.90.01"
    labs = calc.lookup("laboratuvarlar").matches  # the page found none before
    assert [u.unit_id for u in labs[:6]] == [u.unit_id for u in calc.index.units if "laboratuvar" in fold(u.name["tr"])]
    assert [u.unit_id for u in labs[6:]] == ["akademik-idari-ofisler"]  # by another name: "Bilgisayar laboratuvarı"
    assert "kazak" not in " ".join(fold(e.title_tr) for e in calc.lookup("kazan").list_entries).split()


def test_partial_codes_give_every_code_under_them(calc: Calculator, data: dict[str, Any]) -> None:
    codes = [row["code"] for row in listed_now(data)]
    for query, digits in (("43.2", "432"), ("432", "432"), ("43", "43"), ("43.", "43"), ("8691", "8691")):
        found = calc.lookup(query)
        assert found.kind == "prefix"
        assert [e.code for e in found.list_entries] == [c for c in codes if c.replace(".", "").startswith(digits)]


def test_the_browsers_start_keeps_the_list_packed_and_answers_alike(data: dict[str, Any]) -> None:
    """calculator.browser.start packs the NACE list (a smaller memory snapshot); every recorded
    vector, lookups of the list's codes and titles among them, is answered as by a plain Service,
    and the list's rows are read back only once something needs them."""
    from calculator.api import Service
    from calculator.browser import start
    from tests.vectors import all_vectors

    text = json.dumps(data, ensure_ascii=False)
    plain, started = Service(json.loads(text)), start(text, "")
    index = started.calculator.index
    assert index.has_list and index._list_entries is None and index._history is None and index._packed
    started.call({"op": "requirements", "hazard_class": "tehlikeli", "employees": "40", "lang": "tr"})
    assert index._list_entries is None  # the page's first answer reads no row
    for vector in all_vectors(data):
        assert started.call(vector) == plain.call(vector), vector
    assert index._list_entries == plain.calculator.index.list_entries
    # Packed again (after a word search made the folded titles too), it answers alike again.
    index.pack_list()
    for query in ("kazan dairesi", "55.90", "01.11.07", "ogrenci yurdu"):
        assert started.calculator.lookup(query) == plain.calculator.lookup(query), query


def test_the_browsers_warm_up_answers_every_line_and_changes_no_answer(data: dict[str, Any]) -> None:
    """calculator.browser.warm_up, run by the worker while the reader reads (so that the browser keeps
    the WebAssembly's compiled code): each piece is a batch of WARM_UP_LINES of the guide's own units,
    each answered; afterwards every recorded vector is answered as before, and the NACE list is still
    packed (the warm-up names units, not codes)."""
    from calculator.browser import WARM_UP_LINES, WARM_UP_PIECES, start, warm_up
    from tests.vectors import all_vectors

    text = json.dumps(data, ensure_ascii=False)
    warmed, fresh = start(text, ""), start(text, "")
    assert [warm_up(warmed, piece) for piece in range(WARM_UP_PIECES)] == [WARM_UP_LINES] * WARM_UP_PIECES
    assert warmed.calculator.index._list_entries is None
    for vector in all_vectors(data):
        assert warmed.call(vector) == fresh.call(vector), vector


@given(st.text("abcdegklnprstuyz", max_size=9), st.text("abcdegklnprstuyz", max_size=9))
def test_words_of_another_start_share_no_stem(a: str, b: str) -> None:
    """same_stem() tells words apart by their first STEM_SHARED - 1 letters before comparing them
    letter by letter: words that differ there never share STEM_SHARED letters, softening counted."""
    if a[: STEM_SHARED - 1] != b[: STEM_SHARED - 1]:
        assert stem_shared(a, b) < STEM_SHARED and not same_stem(a, b)


def test_a_query_word_matching_nothing_matches_no_name(calc: Calculator) -> None:
    """Every query word must match a word of a name (calculator.matching.name_score): with one that
    matches no word anywhere, nothing is found, whatever the other words match."""
    for known in ("kazan dairesi", "ogrenci yurdu", "laboratuvar", "kazan"):
        assert calc.lookup(known).matches or calc.lookup(known).list_entries
        found = calc.lookup(known + " qqxqq")
        assert found.matches == [] and found.list_entries == []


def test_lookup_says_where_the_guide_and_the_list_disagree(calc: Calculator, capsys: pytest.CaptureFixture[str]) -> None:
    from cli import main

    theatre = next(u for u in calc.lookup("Ameliyathane").matches if u.name["tr"] == "Ameliyathane")
    entry = theatre.codes[0]
    assert entry.list_class is not None and entry.list_class != entry.hazard_class and entry.disagreement
    agreeing = [e for u in calc.index.units for e in u.codes if e.list_class == e.hazard_class]
    assert agreeing and not any(e.disagreement for e in agreeing)
    assert main(["lookup", "Ameliyathane", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["matches"][0]["codes"][0]["disagreement"] is True
    assert main(["lookup", "Ameliyathane", "--lang", "en"]) == 0
    assert "the NACE list gives this code another class" in capsys.readouterr().out
