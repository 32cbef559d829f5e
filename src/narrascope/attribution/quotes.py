"""Quote-mark spans, including quotes that run over several paragraphs.

News style: a quote that goes on over several paragraphs opens each paragraph
with a quote mark and closes only in the last one. We scan paragraph by
paragraph with one open/closed state; a paragraph that ends while a quote is
open continues it when the next paragraph opens with a quote mark too.
Straight quotes (") are opening or closing by what stands around them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import paragraphs

# Opening mark -> the marks that may close it.
_CLOSERS = {
    "“": "”\"",
    "„": "“”\"",
    "«": "»",
    "‹": "›",
    "\"": "\"”",
    "‘": "’",
    "‚": "‘’",
}
_DOUBLE_OPENERS = "“„«\""
_SINGLE_OPENERS = "‘‚‹"
# Characters that may stand right before an opening mark.
_BEFORE_OPEN = set(" \t\n([{—–-:/") | {""}


@dataclass
class QuoteSpan:
    start: int  # content start (after the opening mark)
    end: int  # content end (before the closing mark), trailing comma dropped
    open_at: int  # index of the opening mark
    close_at: int  # index just after the closing mark (or the paragraph end when unclosed)
    paragraphs: int = 1
    closed: bool = True
    mark: str = "“"
    lost_from: int = -1  # the opening mark of a quote before it whose closing mark was lost (-1: none)

    @property
    def text_range(self) -> tuple[int, int]:
        return self.start, self.end


def _is_opening(text: str, i: int, single: bool) -> bool:
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    if not after or after.isspace():
        return False
    if before and before not in _BEFORE_OPEN and not before.isspace():
        return single is False and text[i] in "«„“"  # guillemets may follow a letter in some styles
    if single:
        # ‘ after a space opening a word is a quote; ' is too ambiguous (elisions, 'em) unless a letter follows.
        return after.isalnum() or after in "…"
    return True


def _is_closing(text: str, i: int, mark: str) -> bool:
    if mark in "’'":
        after = text[i + 1] if i + 1 < len(text) else ""
        # An apostrophe inside a word (Ukraine’s, don’t) is not a closing mark.
        return not after.isalnum()
    return True


def _double_apostrophes(text: str) -> str:
    """'' used as a double quote (some wire copy): rewritten, at the same length, to one mark and a space."""
    if "''" not in text:
        return text

    def repl(m: re.Match) -> str:
        before = text[m.start() - 1] if m.start() > 0 else " "
        return " \"" if before.isspace() or before in "([—–-" else "\" "

    return re.sub(r"(?<!')''(?!')", repl, text)


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All quote-mark spans in ``text`` (outermost only), in order."""
    text = _double_apostrophes(text)
    spans: list[QuoteSpan] = []
    paras = paragraphs(text)
    open_mark: str | None = None
    open_at = start = -1
    n_paras = 0
    lost = -1  # the opener of a quote whose closing mark was lost, for the span that restarts after it
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        if open_mark is not None:
            # A quote left open at the end of the previous paragraph: continued here only when this one opens
            # with a quote mark; otherwise it ended with that paragraph (unclosed).
            if text[ps] in _DOUBLE_OPENERS + _SINGLE_OPENERS and (text[ps] == open_mark or text[ps] in _DOUBLE_OPENERS and open_mark in _DOUBLE_OPENERS):
                i = ps + 1
                n_paras += 1
            else:
                prev_end = paras[pi - 1][1]
                spans.append(_make(text, start, prev_end, open_at, prev_end, n_paras, False, open_mark))
                open_mark = None
        while i < pe:
            ch = text[i]
            if open_mark is None:
                if ch in _DOUBLE_OPENERS and _is_opening(text, i, False) or ch in _SINGLE_OPENERS and _is_opening(text, i, True):
                    open_mark, open_at, start, n_paras, lost = ch, i, i + 1, 1, -1
            elif ch in _CLOSERS[open_mark] and _is_closing(text, i, ch):
                if not (ch == "\"" and i == start):
                    spans.append(_make(text, start, i, open_at, i + 1, n_paras, True, open_mark, lost))
                    open_mark, lost = None, -1
            elif ch in "“«„" and open_mark in "\"" and _is_opening(text, i, False):
                # A curly opener inside a straight-quoted run: the straight mark was stray; restart here.
                open_mark, open_at, start, n_paras = ch, i, i + 1, 1
            elif ch in "“„" and open_mark in "“„" and _is_opening(text, i, False):
                # A second curly double opener while one is open (a quote inside a quote takes single marks): the
                # first one's closing mark was lost (scraped pages drop it with a link's text); its extent is
                # unknown, so it is no quote. Restart here.
                lost = open_at
                open_mark, open_at, start, n_paras = ch, i, i + 1, 1
            i += 1
    if open_mark is not None and paras:
        pe = paras[-1][1]
        spans.append(_make(text, start, pe, open_at, pe, n_paras, False, open_mark))
    return [s for s in spans if s.end > s.start]


def _make(text: str, start: int, end: int, open_at: int, close_at: int, n: int, closed: bool, mark: str,
          lost_from: int = -1) -> QuoteSpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return QuoteSpan(start, end, open_at, close_at, n, closed, mark, lost_from)


def word_len(text: str, span: QuoteSpan) -> int:
    return len(text[span.start:span.end].split())


_STOP_END = re.compile(r"[.!?…:;।][\"'”’»)\]]*$")  # "।": the Devanagari full stop
_PRONOUN_CUE = re.compile(r"(?i)\b(he|she|they|i|we)\s+(said|says|added|told|asked|wrote|continued)\b")
_QUOTE_OPEN = "“„«\"‘‚‹'"


def headline_shaped(text: str, ps: int, pe: int, first: bool) -> bool:
    """A title or a listed headline: one short line with no final stop, or in title case ("Leader Says ...").

    A line that opens with a quote ending in a stop (a quote paragraph, a signed quote), one with an introducing
    colon before a quote or a "he said" is body text."""
    line = text[ps:pe]
    words = line.split()
    if not words or len(words) > 20:
        return False
    if line[0] in _QUOTE_OPEN and re.search(r"[.!?…][\"”’»]", line):
        return False
    if re.search(r":\s*[“\"«‘].*[.!?…][\"”’»]", line) or _PRONOUN_CUE.search(line):
        return False
    long_words = [w.strip("“”\"‘’'«»()[],.:;!?") for w in words]
    long_words = [w for w in long_words if len(w) >= 4 and w[:1].isalpha()]
    title_case = len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)
    no_stop = not _STOP_END.search(line.rstrip())
    if no_stop and len(words) <= 16:
        return True
    return title_case and (first or no_stop or len(words) <= 14)


def headline_paragraphs(text: str) -> list[tuple[int, int]]:
    """The headline-shaped paragraphs of ``text`` (the first line counts as a title when more follows)."""
    paras = paragraphs(text)
    return [(ps, pe) for i, (ps, pe) in enumerate(paras) if headline_shaped(text, ps, pe, i == 0 and len(paras) > 1)]
