"""Offsets in the SemEval convention vs Python ``str`` indices.

SemEval subtask-1 offsets count UTF-16 code units over the raw file decoded
as UTF-8 with ``\\r\\n`` kept, and the end is inclusive. Python indexes code
points, so an astral character (emoji, some CJK) is one index but two units.
"""
from __future__ import annotations

from bisect import bisect_left
from pathlib import Path


def read_raw(path: str | Path) -> str:
    """A file's text exactly as its bytes say: UTF-8, line endings untouched (offsets depend on it)."""
    data = Path(path).read_bytes()
    # A BOM stays: it is one code unit in the file the annotators counted.
    return data.decode("utf-8")


class UTF16Index:
    """Convert between Python indices and UTF-16 code-unit offsets of one text."""

    def __init__(self, text: str):
        self.text = text
        # Python indices of astral characters: each shifts later UTF-16 offsets by one.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # The same positions in UTF-16 units (the high surrogate's offset).
        self._astral16 = [i + k for k, i in enumerate(self._astral)]

    def to_utf16(self, index: int) -> int:
        """UTF-16 offset of the character at Python ``index``."""
        return index + bisect_left(self._astral, index)

    def from_utf16(self, offset: int) -> int:
        """Python index of the character whose UTF-16 offset is ``offset`` (a low surrogate maps to its character)."""
        k = bisect_left(self._astral16, offset)
        # Inside a surrogate pair (offset = high + 1) belongs to that character.
        if k > 0 and self._astral16[k - 1] + 1 == offset:
            return self._astral[k - 1]
        return offset - k

    def span_from_semeval(self, start: int, end_inclusive: int) -> tuple[int, int]:
        """SemEval (start, inclusive end) in UTF-16 units -> Python (start, exclusive end)."""
        return self.from_utf16(start), self.from_utf16(end_inclusive) + 1

    def span_to_semeval(self, start: int, end: int) -> tuple[int, int]:
        """Python (start, exclusive end) -> SemEval (start, inclusive end) in UTF-16 units."""
        last = end - 1
        last16 = self.to_utf16(last) + (1 if 0 <= last < len(self.text) and ord(self.text[last]) > 0xFFFF else 0)
        return self.to_utf16(start), last16
