"""Text utilities every stage shares: paragraphs and sentences with offsets.

A rule-based splitter that works for all five languages (Latin, Cyrillic,
Devanagari) without a model, so offsets agree across stages.
"""
from __future__ import annotations

import re

# Abbreviations after which a period does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt", "col", "sgt", "capt", "maj", "rep",
    "sen", "gov", "pres", "u.s", "u.k", "u.n", "e.g", "i.e", "etc", "vs", "no", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "mt", "ft", "approx",
    "г", "гг", "т.е", "т.к", "им", "ул", "проф", "др", "тыс", "млн", "млрд", "ср", "вж", "напр", "sra", "sr",
}
_END = re.compile(r"[.!?…।]+[\"'”’»)\]]*(?=\s+|$)")
_PARA = re.compile(r"\n\s*\n|\n")
# A subheading run into the prose when a page was flattened: two or more upper-case words (quoted or not)
# before a capitalised word that starts a sentence ("… 1,100 places. 'NO HOPE OF RETURN' Romania, which …").
# Its own sentence, so no quote, explanation or evidence span pastes it into the prose after it.
_CAPS_WORD = r"[A-ZА-ЯЁІЇЄҐ][A-ZА-ЯЁІЇЄҐ0-9'’\-]*"
_INLINE_HEADING = re.compile(rf"[\"'‘“«]?{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{1,11}}[\"'’”»]?(?=[ \t]+[A-ZА-ЯЁІЇЄҐ][a-zа-яёіїєґ])")


def _inline_heading_end(text: str, start: int, end: int) -> int | None:
    """End of an upper-case subheading at ``start`` (see _INLINE_HEADING), None if there is none."""
    m = _INLINE_HEADING.match(text, start, end)
    words = re.findall(r"[^\W\d_]+", m.group()) if m else []
    if not words or sum(map(len, words)) < 8 or max(map(len, words)) < 4:
        return None  # "UK PM", "NATO SG": acronyms before a name, not a heading
    if len(words) < 3 and m.group()[0].isalpha():
        return None  # "SIR DAVID Attenborough", "РОСТОВ НА Дону": a name in capitals; a heading is quoted or longer
    return m.end()


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines/paragraphs as (start, end), stripped of surrounding spaces."""
    out = []
    pos = 0
    for m in _PARA.finditer(text + "\n"):
        s, e = pos, m.start()
        pos = m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentences as (start, end) offsets; never crosses a paragraph break."""
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        start = ps

        def heading(start: int) -> int:
            h = _inline_heading_end(text, start, pe)
            if h is None:
                return start
            out.append((start, h))
            while h < pe and text[h].isspace():
                h += 1
            return h

        start = heading(start)
        for m in _END.finditer(text, start, pe):
            if m.start() < start:
                continue
            end = m.end()
            word = re.search(r"(\S+)$", text[start:m.start() + 1])
            token = word.group(1).lower().rstrip(".") if word else ""
            if text[m.start()] == "." and (token in ABBREVIATIONS or re.fullmatch(r"[a-zа-я]", token) or re.fullmatch(r"\d+", token) and m.end() < pe and text[m.end():m.end() + 2].strip()[:1].islower()):
                continue
            nxt = text[end:end + 3].lstrip()
            if nxt and (nxt[0].islower() or nxt[0].isdigit() and text[m.start()] == "."):
                continue
            if end - start > 1:
                out.append((start, end))
            start = end
            while start < pe and text[start].isspace():
                start += 1
            start = heading(start)
        if pe - start > 0:
            out.append((start, pe))
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
