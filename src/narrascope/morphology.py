"""Russian speaker names in the nominative: "по словам губернатора Вячеслава Гладкова" names the speaker
"губернатор Вячеслав Гладков", so one person is one speaker in the who-said-what tables whatever the phrase
that introduced them.

The case comes from the cue ("по словам" takes the genitive, "со ссылкой на" the accusative); pymorphy3's
OpenCorpora dictionary (pinned, inside the wheel) gives each word's reading in that case and its nominative.
The phrase's own agreement is kept: the words up to the first common noun (the head: "бывшего министра") and
the names after it are put in the nominative; a genitive complement of the head stays as written
("министр *обороны*", "губернатор *Белгородской области*"). A first name fixes the gender of the surname after
it ("Вячеслава Гладкова" is a man: Гладков, not Гладкова). Words the dictionary does not know in that case,
Latin-script names and acronyms stay as written.
"""
from __future__ import annotations

import re
from functools import lru_cache

_CYRILLIC = re.compile(r"^[А-Яа-яЁё][А-Яа-яЁё-]*$")
_NAME_GRAMMEMES = ("Name", "Surn", "Patr")

# The case a Russian "according to" cue governs (the source after it); a verb's subject is already nominative.
CUE_CASE = {"по словам": "gent", "по данным": "gent", "по информации": "gent", "по мнению": "gent",
            "со слов": "gent", "со ссылкой на": "accs", "согласно": "datv"}


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3  # 0.2 s to open its dictionary; only when a Russian source needs it

    return pymorphy3.MorphAnalyzer(lang="ru")


def _recase(word: str, like: str) -> str:
    """``word`` (lower case, from the dictionary) written with the capitals of ``like``, part by part of a
    hyphenated word ("премьер-министр")."""
    parts, models = word.split("-"), like.split("-")
    if len(parts) != len(models):
        parts, models = [word], [like]
    return "-".join(p[:1].upper() + p[1:] if m[:1].isupper() else p for p, m in zip(parts, models))


def _in_case(word: str, case: str, gender: str | None = None):
    """The dictionary readings of ``word`` in ``case`` (the given gender's first, a neuter last), best first."""
    parses = [p for p in _morph().parse(word) if p.tag.case == case]
    # a speaker is a person or a body: "по словам военного" is a military man, not a neuter thing
    parses.sort(key=lambda p: (bool(gender) and p.tag.gender != gender, p.tag.gender == "neut", -p.score))
    return parses


def to_nominative(phrase: str, case: str | None) -> str:
    """``phrase`` (a Russian source governed by ``case``, a pymorphy grammeme: "gent", "accs", "datv") with its
    head and names in the nominative; unchanged for the nominative, an unknown case, or nothing to change."""
    if not phrase or case in (None, "nomn"):
        return phrase
    words = phrase.split()
    out: list[str] = []
    head_done = False
    gender: str | None = None
    for k, w in enumerate(words):
        core = w.strip(",.;:«»\"“”()")
        if not _CYRILLIC.match(core) or core.isupper():
            out.append(w)
            continue
        capital = core[:1].isupper()
        parses = _in_case(core.lower() if not capital else core, case, gender)
        if not parses:
            out.append(w)
            head_done = head_done or not capital
            continue
        p = parses[0]
        is_name = capital and any(g in p.tag for g in _NAME_GRAMMEMES)
        nxt = words[k + 1].strip(",.;:") if k + 1 < len(words) else ""
        # "Зеленского" (a surname declined like an adjective) is a name; "Белгородской области" is a complement.
        adjective_name = capital and p.tag.POS == "ADJF" and not (nxt[:1].islower())
        if head_done and not (is_name or adjective_name):
            out.append(w)  # a complement of the head: "министр обороны"
            continue
        form = p.inflect({"nomn"})
        if form is None:
            out.append(w)
            continue
        if is_name and "Name" in p.tag and p.tag.gender:
            gender = p.tag.gender  # the first name says whether the surname is a man's or a woman's
        out.append(w.replace(core, _recase(form.word, core)))
        if p.tag.POS == "NOUN" and not is_name:
            head_done = True
    return " ".join(out)


# Readings whose case is a guess for a name alone: a nominative among them, at this share of the best
# reading's score, leaves the phrase as written ("Мария", "Россия", "Орбан" are read first as nominatives).
_NOMINATIVE_SHARE = 0.3
_PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")


def name_in_nominative(phrase: str) -> str:
    """A Russian actor's name as the text declined it ("Андрея Ермака", "Владимиром Путиным", "Киева",
    "Вооруженных сил Украины") in the nominative ("Андрей Ермак", "Владимир Путин", "Киев", "Вооруженные силы
    Украины"), so one actor is one name whatever the case. The case is the likeliest one that every word up to
    the head noun can take (a first name or a patronymic is no head: the surname after it follows); those words
    go to the nominative, the rest ("Украины") stays, and so do indeclinable words ("Джо"). Unchanged when the
    first declinable word may be a nominative ("Песков" is a surname before it is the sands' genitive), is not
    Cyrillic or is an acronym, or no case fits."""
    words = phrase.split()
    if not words or len(words) > 6:
        return phrase
    cores = [w.strip(",.;:«»\"“”()") for w in words]
    if not all(_CYRILLIC.match(c) and not c.isupper() for c in cores[:1]):
        return phrase
    fixed = 0  # leading indeclinable words: "Джо Байдена"
    while fixed < len(words) - 1 and all("Fixd" in p.tag for p in _morph().parse(cores[fixed])):
        fixed += 1
    parses = [p for p in _morph().parse(cores[fixed]) if p.tag.case] if _CYRILLIC.match(cores[fixed]) else []
    if not parses or any("Fixd" in p.tag for p in parses):
        return phrase
    best = parses[0]
    if best.tag.case == "nomn" or any(p.tag.case == "nomn" and (p.score >= _NOMINATIVE_SHARE * best.score or
                                                               p.tag.number != "plur" and any(g in p.tag for g in _PROPER))
                                      for p in parses):
        return phrase
    for case in dict.fromkeys(p.tag.case for p in parses):
        out, gender = words[:fixed], None
        for k in range(fixed, len(words)):
            core = cores[k]
            readings = _in_case(core, case, gender) if _CYRILLIC.match(core) and not core.isupper() else []
            form = readings[0].inflect({"nomn"}) if readings else None
            if form is None:
                break  # this case does not fit every word before the head: try the next
            word = _recase(form.word, core)
            if "ё" not in core.lower():
                word = word.replace("ё", "е").replace("Ё", "Е")  # the text's spelling, not the dictionary's
            out.append(words[k].replace(core, word))
            tag = readings[0].tag
            if "Name" in tag and tag.gender:
                gender = tag.gender  # "Олега Захарова" is a man: Захаров
            if tag.POS == "NOUN" and not ("Name" in tag or "Patr" in tag):
                return " ".join(out + words[k + 1:])  # the head: what follows is its complement
        else:
            return " ".join(out)
    return phrase
