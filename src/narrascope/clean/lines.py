"""Shape features of one line of scraped text.

Boilerplate is recognised by its shape more than by its words: page furniture
is short, carries no sentence punctuation, is Title Cased, sits in runs of
similar lines, addresses the reader, or is made of menu items. A line of the
article is a sentence: it ends with a full stop and runs to many words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_TERMINAL = ".!?…।。！？"
_CLOSING = "\"'”’»)]›*"
_BULLET = re.compile(r"^\s*(?:[-–—•·*▪►▶▸→»>]+|\d{1,2}[.)])\s+")
_MENU_SEP = re.compile(r"\s+[|•·›»/>]\s+|\s+[|•·]\s*|\s*[|•·]\s+")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|ru|bg|ua|br|pt|in|co\.uk|uk|eu|info|news)(?:/\S*)?\b", re.I)


@dataclass
class Line:
    text: str
    start: int
    end: int
    words: int
    terminal: bool  # ends like a sentence (. ! ? … ।), after closing quotes/brackets
    colon: bool  # ends with a colon: introduces what follows
    title_ratio: float  # share of longer words that start with a capital
    bullet: bool
    menu_items: int  # items of a | • · › separated menu (0 when not a menu)
    url: bool
    sentences: int

    @property
    def core(self) -> str:
        """The text without a leading bullet or arrow."""
        return _BULLET.sub("", self.text, count=1).strip()


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def tokens(s: str) -> list[str]:
    return [t for t in s.split() if any(c.isalnum() for c in t)]


def word_count(s: str) -> int:
    """Words; Chinese and Japanese, written without spaces, count a word per two characters."""
    n = 0
    for t in tokens(s):
        cjk = len(_CJK.findall(t))
        n += max(1, cjk // 2) if cjk else 1
    return n


def make_line(text: str, start: int, end: int) -> Line:
    toks = tokens(text)
    stripped = text.rstrip().rstrip(_CLOSING).rstrip()
    last = stripped[-1:] if stripped else ""
    longer = [t for t in toks if sum(c.isalpha() for c in t) > 3]
    caps = sum(1 for t in longer if next((c for c in t if c.isalpha()), "").isupper())
    parts = [p for p in _MENU_SEP.split(text) if p.strip()]
    menu = len(parts) if len(parts) >= 3 and all(len(tokens(p)) <= 4 for p in parts) else 0
    n_sent = len(re.findall(r"[.!?…।][\"'”’»)]*\s+(?=[A-ZА-ЯЁ\u0900-\u097F\"“«„])", text)) + 1
    return Line(
        text=text,
        start=start,
        end=end,
        words=word_count(text),
        terminal=last in _TERMINAL if last else False,
        colon=last in ":：",
        title_ratio=caps / len(longer) if longer else 0.0,
        bullet=bool(_BULLET.match(text)),
        menu_items=menu,
        url=bool(_URL.search(text)),
        sentences=n_sent,
    )


def normalise(s: str) -> str:
    """Lower case, letters and digits only: to compare a line with the title."""
    return re.sub(r"[\W_]+", " ", s.lower()).strip()
