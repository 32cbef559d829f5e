"""Sourcing marks: anonymous sources, the medium, hedges.

Works on plain strings and offsets so that the English (parsed) and the
other-language (rule) paths share it.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon

_WORD = re.compile(r"[\w'’-]+")


def is_anonymous(phrase: str, lex: Lexicon, has_name: bool, after: str = "") -> bool:
    """Is the speaker phrase an unnamed source ("three people familiar with the matter")?

    ``has_name``: the phrase contains a person's or organisation's proper name (then it is named,
    unless an anonymity phrase says otherwise). ``after``: text right after the phrase, where
    "who asked not to be named" often stands.
    """
    low = phrase.lower()
    tail = after[:120].lower()
    if any(p in low for p in lex.anonymous_phrases) or any(p in tail for p in ("not to be named", "condition of anonymity", "not be named", "not to be identified", "declined to be named")):
        if not has_name or "not to be named" in low or "anonymity" in low:
            return True
    if has_name:
        return False
    if re.match(r"(?i)(the|this|that|these|those)\s", phrase.strip()):
        return False  # "the analyst" refers back to someone; the resolver decides who
    words = [w.lower() for w in _WORD.findall(phrase)]
    if not words:
        return False
    head = words[-1]
    # The head is the last word before a post-modifier ("people familiar with ...", "officials in Kyiv").
    for i, w in enumerate(words):
        if w in ("familiar", "with", "in", "at", "from", "of", "who", "close", "briefed", "speaking", "involved", "knowledgeable", "on"):
            head = words[i - 1] if i > 0 else w
            break
    return head in lex.anonymous_heads


def find_media(text: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Known media names in ``text`` as (start, end, name)."""
    return [(m.start(), m.end(), m.group(1)) for m in lex.media_re.finditer(text)]


def looks_like_medium(name: str, lex: Lexicon) -> bool:
    """A known medium, or a capitalised name built like one ("Kharkiv Radio", "The Odessa Gazette")."""
    name = name.strip()
    if not name:
        return False
    bare = re.sub(r"^(the|The)\s+", "", name)
    if lex.media_re.fullmatch(name) or lex.media_re.fullmatch(bare) or any(m == bare or m == name for m in lex.media):
        return True
    words = name.split()
    return all(w[:1].isupper() or not w[:1].isalpha() or w in ("of", "the", "de") for w in words) and any(w in lex.media_words for w in words)


def find_hedges(text: str, lex: Lexicon) -> list[str]:
    """Hedge words and phrases in ``text``, lower-cased, in order, without repeats."""
    out: list[str] = []
    for m in lex.hedge_re.finditer(text):
        h = m.group(1).lower()
        if h not in out:
            out.append(h)
    return out
