"""What the role model sees of a mention: its context, marked.

One function builds the context for training (SemEval rows) and for the
pipeline (entities found by NER), so both see the same input. The mention is
wrapped in brackets in the sentence (what the embedding sees) and replaced by
a placeholder in the bag-of-words window (so "ENT said" / "attacked ENT"
generalise across names).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..text import sentences

PLACEHOLDER = "ENTX"
MAX_SENTENCE_CHARS = 600  # longer "sentences" (lists, missing punctuation) are cut around the mention


@dataclass
class MentionContext:
    mention: str
    sentence: str  # the sentence with the mention in [brackets]
    window: str  # previous + this + next sentence, the mention as PLACEHOLDER
    domain: str  # "URW" | "CC" | "" (unknown)
    sentence_span: tuple[int, int]  # offsets of the sentence in the text

    def embedding_text(self) -> str:
        return f"{self.mention}: {self.sentence}"


class SentenceIndex:
    """Sentences of one text, looked up by offset."""

    def __init__(self, text: str):
        self.text = text
        self.spans = sentences(text) or [(0, len(text))]
        self._starts = [s for s, _ in self.spans]

    def find(self, pos: int) -> int:
        i = bisect_right(self._starts, pos) - 1
        return max(i, 0)


def _cut(text: str, s: int, e: int, ms: int, me: int, limit: int) -> tuple[int, int]:
    """Narrow (s, e) to at most ``limit`` characters around the mention (ms, me)."""
    if e - s <= limit:
        return s, e
    half = max((limit - (me - ms)) // 2, 0)
    ns = max(s, ms - half)
    ne = min(e, ns + limit)
    ns = max(s, ne - limit)
    return ns, ne


def mention_context(index: SentenceIndex, start: int, end: int, domain: str = "") -> MentionContext:
    text = index.text
    i = index.find(start)
    s, e = index.spans[i]
    # A mention can sit in the gap between sentences (a title line, a bullet): widen to cover it.
    s, e = min(s, start), max(e, end)
    s, e = _cut(text, s, e, start, end, MAX_SENTENCE_CHARS)
    mention = text[start:end]
    sentence = _squash(text[s:start] + "[" + mention + "]" + text[end:e])
    ps = index.spans[i - 1][0] if i > 0 else s
    pe = index.spans[i + 1][1] if i + 1 < len(index.spans) else e
    ws, we = _cut(text, min(ps, s), max(pe, e), start, end, 3 * MAX_SENTENCE_CHARS)
    window = _squash(text[ws:start] + f" {PLACEHOLDER} " + text[end:we])
    return MentionContext(mention=_squash(mention), sentence=sentence, window=window, domain=domain, sentence_span=(s, e))


def domain_of(article_id: str) -> str:
    """SemEval ids carry the domain: EN_UA_..., EN_CC_..., RU_TEST_... (test ids give no domain)."""
    tags = set(re.split(r"[_\-.]", article_id.upper()))
    if "CC" in tags:
        return "CC"
    if tags & {"UA", "URW"}:
        return "URW"
    return ""


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()
