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
        for m in _END.finditer(text, ps, pe):
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
        if pe - start > 0:
            out.append((start, pe))
    return out


def word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))
