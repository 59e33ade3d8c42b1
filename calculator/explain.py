"""The sentences behind each figure, in both languages.

Kept apart from the arithmetic (requirements.py) so the wording can change
without touching a rule, and so every sentence exists in both languages by
construction: each function renders one message for `lang` and `both()`
calls it once per language.
"""

from __future__ import annotations

from calculator.bilingual import Text, both, day_month_year, duration, number


def _in_sentence(label: Text, lang: str) -> str:
    """A class or role label inside a sentence: as written in Turkish, lower-case in English."""
    return label[lang] if lang == "tr" else label[lang].lower()


def _band(low: int, high: int | None, lang: str) -> str:
    if high is None:
        return f"{low} ve üzeri çalışan" if lang == "tr" else f"{low} or more employees"
    return f"{low}–{high} çalışan" if lang == "tr" else f"{low}–{high} employees"


def rate(hazard: Text, role: Text, minutes: int, employees: int, total: int, band: tuple[int, int | None] | None) -> Text:
    def render(lang: str) -> str:
        n, t = number(employees, lang), number(total, lang)
        within = f" ({_band(band[0], band[1], lang)})" if band else ""
        if lang == "tr":
            return (
                f"{_in_sentence(hazard, lang)} sınıfta{within} {_in_sentence(role, lang)} için çalışan başına "
                f"ayda en az {minutes} dakika: {n} × {minutes} = {t} dakika."
            )
        return (
            f"In a {_in_sentence(hazard, lang)} workplace{within}, the {_in_sentence(role, lang)} needs at least "
            f"{minutes} minutes per employee per month: {n} × {minutes} = {t} minutes."
        )

    return both(render)


def full_time(role: Text, threshold: int, employees: int, count: int, rate_minutes: int, part_time: int) -> Text:
    def render(lang: str) -> str:
        who, t = _in_sentence(role, lang), number(threshold, lang)
        if count == 0:
            if lang == "tr":
                return (
                    f"{t} çalışanın altında tam süreli {who} gerekmez; sürenin tamamı kısmi süreli görevlendirmeyle karşılanır."
                )
            return f"Below {t} employees no full-time {who} is required; all of the time is covered part-time."
        rest = employees - count * threshold
        if lang == "tr":
            return (
                f"Her {t} çalışan için bir tam süreli {who}: {count} tam süreli; kalan {number(rest, lang)} çalışan "
                f"× {rate_minutes} = {number(part_time, lang)} dakika kısmi süreli."
            )
        return (
            f"One full-time {who} for every full {t} employees: {count} full-time; the remaining "
            f"{number(rest, lang)} employees × {rate_minutes} = {number(part_time, lang)} minutes part-time."
        )

    return both(render)


def certificates(hazard: Text, classes: list[str]) -> Text:
    def render(lang: str) -> str:
        joiner = " veya " if lang == "tr" else " or "
        listed = joiner.join(classes) if len(classes) < 3 else ", ".join(classes[:-1]) + joiner + classes[-1]
        if lang == "tr":
            return f"{_in_sentence(hazard, lang)} sınıfta {listed} sınıfı belgeye sahip iş güvenliği uzmanı görev yapabilir."
        return f"In a {_in_sentence(hazard, lang)} workplace a safety specialist with a class {listed} certificate may serve."

    return both(render)


def sector_exception(posts: int, matching: list[str], others: list[str]) -> Text:
    """Of `posts` full-time specialists, one must hold a `matching` class, the others any of `others`."""

    def render(lang: str) -> str:
        joiner = " veya " if lang == "tr" else " or "
        first, rest = joiner.join(matching), ", ".join(others[:-1]) + joiner + others[-1] if len(others) > 1 else others[0]
        if lang == "tr":
            return (
                f"Gereken {posts} tam süreli iş güvenliği uzmanından yalnızca 1'inin {first} sınıfı belgesi olmalı; "
                f"diğer {posts - 1} uzman {rest} sınıfı belgeyle görev yapabilir (kamu kurumlarında ve sayılan "
                "diğer sektörlerde)."
            )
        return (
            f"Of the {posts} full-time safety specialists required, only 1 must hold a class {first} certificate; "
            f"the other {posts - 1} may serve with a class {rest} certificate (in public bodies and the other "
            "sectors listed)."
        )

    return both(render)


def over_capacity(part_time: int, capacity: int) -> Text:
    def render(lang: str) -> str:
        p, c = number(part_time, lang), number(capacity, lang)
        if lang == "tr":
            return (
                f"Kısmi süreli süre ({p} dakika), bir tam süreli çalışanın aylık süresini ({c} dakika) aşıyor; "
                "süreyi birden fazla kişiye bölmek gerekebilir."
            )
        return (
            f"The part-time minutes ({p}) exceed one full-time person's monthly time ({c} minutes); "
            "the time may have to be split between more than one person."
        )

    return both(render)


def guide_gives_several_classes(classes: list[Text], chosen: Text) -> Text:
    def render(lang: str) -> str:
        listed = " / ".join(label[lang] for label in classes)
        if lang == "tr":
            return (
                f"Rehber bu birim için birden fazla tehlike sınıfı veriyor ({listed}); hesap en yüksek sınıfla "
                f"({chosen[lang]}) yapıldı. İSG-KATİP'te geçerli olan, işyerinin kayıtlı NACE kodunun sınıfıdır."
            )
        return (
            f"The guide gives more than one hazard class for this unit ({listed}); the figures use the highest "
            f"({chosen[lang]}). İSG-KATİP uses the class of the workplace's registered NACE code."
        )

    return both(render)


def guide_and_list_differ(guide: Text, listed: Text, used: Text, protective: bool = False) -> Text:
    def render(lang: str) -> str:
        if lang == "tr":
            why = " (çalışanı koruyan, yüksek olan sınıf)" if protective else ""
            return (
                f"Rehber bu birime {guide[lang]} sınıfını veriyor; NACE listesinde (Tebliğ ekinin aktarımı) "
                f"kodun sınıfı {listed[lang]}. İSG-KATİP, işyerinin kayıtlı NACE kodunun sınıfını kullanır; "
                f"orada görünen sınıf geçerlidir. Hesap {used[lang]} sınıfıyla yapıldı{why}."
            )
        why = " (the higher class, which protects the worker)" if protective else ""
        return (
            f"The guide gives this unit the class {guide[lang]}; in the NACE list (a transcription of the "
            f"Communiqué's annex) the code's class is {listed[lang]}. İSG-KATİP uses the class of the "
            f"workplace's registered NACE code: the class it shows is the one that counts. "
            f"The figures use {used[lang]}{why}."
        )

    return both(render)


def rules_of(on: str) -> Text:
    """ "01.12.2026 tarihinde geçerli kurallar": which day's law an answer applies."""
    return both(
        lambda lang: (
            f"{day_month_year(on)} tarihinde geçerli kurallar" if lang == "tr" else f"Rules in force on {day_month_year(on)}"
        )
    )


PHYSICIAN_ASSIGNED: Text = {
    "tr": "Tam süreli işyeri hekimi görevlendirilmiş",
    "en": "A full-time workplace physician is assigned",
}


def physician_assigned_by_choice(minutes: int) -> Text:
    def render(lang: str) -> str:
        m = number(minutes, lang)
        if lang == "tr":
            return (
                f"Tam süreli bir işyeri hekimi görevlendirildiği belirtildi: kısmi süreli karşılanacak aylık {m} "
                "dakika bu tam süreli görevle karşılanır; üstüne kısmi süreli işyeri hekimi görevlendirmesi gerekmez."
            )
        return (
            f"A full-time workplace physician is assigned, as stated: the {m} minutes a month that part-time "
            "assignments would cover are met by that post; no part-time physician assignment is needed on top of it."
        )

    return both(render)


def after_checked_on(on: str, checked_on: str) -> Text:
    def render(lang: str) -> str:
        asked, checked = day_month_year(on), day_month_year(checked_on)
        if lang == "tr":
            return (
                f"{asked} tarihine bugün bilinen kurallar uygulandı. Veriler mevzuatla en son {checked} tarihinde "
                "karşılaştırıldı; bu tarihten sonraki değişiklikler bilinmiyor."
            )
        return (
            f"The rules known today were applied to {asked}. The data was last checked against the law on {checked}; "
            "changes after that day are not known."
        )

    return both(render)


_COVERAGE = {
    "tr": {
        "have": "Görevlendirilmiş: {full} tam süreli, {minutes} dakika kısmi süreli.",
        "missing": "Eksik: {gaps}.",
        "full": "{n} tam süreli {who}",
        "part": "{minutes} dakika kısmi süreli görevlendirme",
        "and": " ve ",
        "covered": "Karşılanıyor.",
        "over": " Asgari süreden {minutes} dakika fazla.",
        "extra": " Gerekenden fazla tam süreli görevlendirmenin kısmi süreli süreyi karşılayıp karşılamadığı bir "
        "kaynakta bulunamadı; kısmi süre ayrıca sayıldı.",
    },
    "en": {
        "have": "Already assigned: {full} full-time, {minutes} minutes part-time.",
        "missing": "Still missing: {gaps}.",
        "full": "{n} full-time {who}(s)",
        "part": "{minutes} minutes of part-time assignments",
        "and": " and ",
        "covered": "Covered.",
        "over": " {minutes} minutes over the minimum.",
        "extra": " Whether a full-time post beyond those required covers the part-time minutes was not found "
        "in any source; the part-time minutes are counted on their own.",
    },
}


def coverage(
    role: Text, full_time: int, minutes: int, missing_full: int, missing: int, over: int, extra_full_time: bool = False
) -> Text:
    """What is still missing, or that the role is covered, after what is already assigned."""

    def render(lang: str) -> str:
        words = _COVERAGE[lang]
        have = words["have"].format(full=full_time, minutes=number(minutes, lang))
        gaps = []
        if missing_full:
            gaps.append(words["full"].format(n=missing_full, who=_in_sentence(role, lang)))
        if missing:
            gaps.append(words["part"].format(minutes=number(missing, lang)))
        caveat = words["extra"] if extra_full_time else ""
        if gaps:
            return f"{have} " + words["missing"].format(gaps=words["and"].join(gaps)) + caveat
        extra = words["over"].format(minutes=number(over, lang)) if over else ""
        return f"{have} {words['covered']}{extra}{caveat}"

    return both(render)


_ANSWER = {
    "tr": {
        "full": "{n} tam süreli görevlendirme",
        "part": "{m} dakika kısmi süreli",
        "none": "gerekmiyor",
        "missing": "eksik: {gaps}",
        "covered": "karşılanıyor, yeni görevlendirme gerekmiyor",
    },
    "en": {
        "full": "{n} full-time assignment{s}",
        "part": "{m} minutes part-time",
        "none": "not required",
        "missing": "missing: {gaps}",
        "covered": "covered, no new assignment needed",
    },
}


def answer(required: bool, full_time: int, part_time: int, missing_full: int | None, missing: int | None) -> Text:
    """A role's answer in a few words, for the top of a result: the assignments to create (`full_time`
    posts, `part_time` minutes), or, where what is already assigned was given, what is still missing."""

    def render(lang: str) -> str:
        words = _ANSWER[lang]
        if not required:
            return words["none"]
        given = missing_full is not None
        full, part = (missing_full or 0, missing or 0) if given else (full_time, part_time)
        gaps = [words["full"].format(n=full, s="s" if full > 1 else "")] if full else []
        gaps += [words["part"].format(m=number(part, lang))] if part else []
        if not given:
            return " + ".join(gaps)
        return words["missing"].format(gaps=" + ".join(gaps)) if gaps else words["covered"]

    return both(render)


# Who may not work overtime elsewhere (IGU md. 12, IH md. 12 as rules.md reads them, corrected (3)).
_OVERTIME = {
    "isyeri_hekimi": {
        "tr": "tam gün çalışan hekim, çalıştığı işyeri dışında fazla çalışma yapamaz (kamu kurumlarında yöneticilik "
        "görevi olmayan hekimler ve aile hekimleri bunun dışındadır)",
        "en": "a full-time physician may not work overtime outside that workplace (except physicians of public "
        "bodies without a management post, and family doctors)",
    },
    "igu": {
        "tr": "tam gün çalışan uzman, çalıştığı işyeri dışında fazla çalışma yapamaz",
        "en": "a full-time specialist may not work overtime outside that workplace",
    },
}


def assignments(role: Text, full_time: int, part_time: int, role_id: str = "igu") -> list[Text]:
    """The assignments to create for one role, in words; what is not known from a source, said so."""
    found: list[Text] = []
    overtime = _OVERTIME.get(role_id, _OVERTIME["igu"])

    def full(lang: str) -> str:
        who = _in_sentence(role, lang)
        if lang == "tr":
            return (
                f"{full_time} tam süreli görevlendirme ({who}): her biri ayrı bir kişiyle; {overtime['tr']}. "
                "Tam süreli görevlendirmenin İSG-KATİP'e hangi dakika değeriyle girildiği bir kaynakta bulunamadı; "
                "formdaki GEREKLİ TAM SÜRELİ İSG SAYISI'na bakın."
            )
        plural = "s" if full_time > 1 else ""
        return (
            f"{full_time} full-time assignment{plural} ({who}): one professional each; {overtime['en']}. With "
            "what minutes a full-time assignment is entered in İSG-KATİP was not found in any source; see "
            "GEREKLİ TAM SÜRELİ İSG SAYISI on the form."
        )

    def part(lang: str) -> str:
        m, d = number(part_time, lang), duration(part_time, lang)
        if lang == "tr":
            return (
                f"Kısmi süreli: toplam {m} dakika ({d}), bir veya birden fazla görevlendirmeyle. Tek bir "
                f"görevlendirme yapılırsa onun “Çalışma Süresi Dakika” değeri {m} olur."
            )
        return (
            f"Part-time: {m} minutes in all ({d}), in one or more assignments. With a single assignment, "
            f"its “Çalışma Süresi Dakika” (working time, minutes) is {m}."
        )

    if full_time:
        found.append(both(full))
    if part_time:
        found.append(both(part))
    return found


def guide_rows_for_code(code: str, rows: list[tuple[Text, Text]], used: Text) -> Text:
    """A code typed alone takes its listed class; the guide's rows with that code, and their classes, said."""

    def render(lang: str) -> str:
        listed = "; ".join(f"“{name[lang]}”: {hazard[lang]}" for name, hazard in rows)
        if lang == "tr":
            return (
                f"{code} kodunun NACE listesindeki sınıfı {used[lang]}; İSG-KATİP bu kodla kayıtlı bir işyeri için "
                f"bu sınıfı kullanır ve hesap bu sınıfla yapıldı. Rehber bu kodu şu satırlarında kullanıyor: {listed}. "
                "Birim bunlardan biriyse, kod yerine birimin adıyla hesaplayın."
            )
        return (
            f"Code {code} has the class {used[lang]} in the NACE list; İSG-KATİP uses that class for a workplace "
            f"registered with this code, and the figures use it. The guide uses this code in these rows: {listed}. "
            "If the unit is one of them, calculate with the unit's name instead of the code."
        )

    return both(render)


def given_class_differs(given: Text, found: Text, used: Text) -> Text:
    def render(lang: str) -> str:
        if lang == "tr":
            return (
                f"Satırın tehlike sınıfı sütunu {given[lang]} diyor; birimden veya koddan bulunan sınıf {found[lang]}. "
                f"Hesap çalışanı koruyan yüksek sınıfla ({used[lang]}) yapıldı."
            )
        return (
            f"The row's hazard class column says {given[lang]}; the unit or code gives {found[lang]}. The figures "
            f"use the higher one, which protects the worker ({used[lang]})."
        )

    return both(render)


def guide_unit_other_code(name: Text, codes: list[str], used: str) -> Text:
    def render(lang: str) -> str:
        given = ", ".join(codes)
        if lang == "tr":
            return f"Rehberde “{name['tr']}” birimine {given} kodu verilmiş; bu satırdaki {used} kodu kullanıldı."
        return f"The guide gives the unit “{name['en']}” the code {given}; this row's code {used} was used."

    return both(render)


def found_in_list_title(typed: str, code: str, title: str) -> Text:
    def render(lang: str) -> str:
        if lang == "tr":
            return (
                f"“{typed}” rehberin Ek-1 listesinde yok; NACE listesinde tek bir koda uyuyor: {code} ({title}). "
                "Bu kod işyerinin kayıtlı kodu değilse, kayıtlı kodu yazın."
            )
        return (
            f"“{typed}” is not in the guide's Annex 1; it matches one code of the NACE list: {code} ({title}). "
            "If that is not the workplace's registered code, give the registered code."
        )

    return both(render)


_CLASS_SOURCE: dict[str, Text] = {
    "code": {
        "tr": "kodun NACE listesindeki sınıfı (İSG-KATİP'in kullandığı)",
        "en": "the code's class in the NACE list (the one İSG-KATİP uses)",
    },
    "higher": {
        "tr": "rehber ile NACE listesinden yüksek olan sınıf",
        "en": "the higher of the guide's and the NACE list's classes",
    },
    "guide": {"tr": "rehberdeki sınıf", "en": "the guide's class"},
    "list": {
        "tr": "NACE listesindeki sınıf (Tebliğ ekinin aktarımı)",
        "en": "the NACE list's class (a transcription of the Communiqué's annex)",
    },
}


def unit_summary(name: Text | None, typed: str, codes: list[str], hazard: Text, source: str) -> Text:
    """ "Birim: Kazan dairesi (NACE 43.22.06) — Çok Tehlikeli, rehber ile ... yüksek olan sınıf"."""

    def render(lang: str) -> str:
        shown = name[lang] if name else typed
        word = "Birim" if lang == "tr" else "Unit"
        return f"{word}: {shown} (NACE {', '.join(codes)}) — {hazard[lang]}, {_CLASS_SOURCE[source][lang]}"

    return both(render)


def osh_committee(employees: int, threshold: int) -> Text:
    def render(lang: str) -> str:
        n = number(employees, lang)
        if lang == "tr":
            return (
                f"{n} çalışan: altı aydan uzun süren sürekli işlerin yapıldığı bir işyerinde {threshold} ve daha fazla "
                "çalışanla iş sağlığı ve güvenliği kurulu oluşturulur."
            )
        return (
            f"{n} employees: a workplace with {threshold} or more employees doing continuous work that lasts more "
            "than six months sets up an occupational health and safety committee."
        )

    return both(render)


def representatives(employees: int, count: int) -> Text:
    def render(lang: str) -> str:
        n = number(employees, lang)
        if lang == "tr":
            return f"{n} çalışan: {count} çalışan temsilcisi görevlendirilir."
        said = "representative is" if count == 1 else "representatives are"
        return f"{n} employees: {count} employee {said} designated."

    return both(render)
