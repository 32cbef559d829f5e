"""Highlight stretches of an article's text from offsets, overlaps included.

Every highlight is a :class:`Mark` (start, end, CSS classes, attributes). The
text is cut at every mark boundary and paragraph break; each piece is wrapped
in one ``<span>`` per mark that covers it, so overlapping and nested marks
always give well-formed HTML. Text is escaped here (article text is untrusted);
the result is :class:`markupsafe.Markup` for the templates.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..text import paragraphs


@dataclass
class Mark:
    start: int
    end: int
    classes: str
    # Extra attributes for the wrapping <span> ("title", "style", "data-speaker").
    attrs: dict[str, str] = field(default_factory=dict)
    # Emitted once, just before the mark's first character (an anchor, a quote number).
    prefix: Markup | None = None


def valid(start: int, end: int, length: int) -> bool:
    """Offsets that point inside the text; others are ignored rather than trusted."""
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _open_tag(mark: Mark) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in mark.attrs.items())
    return f'<span class="{escape(mark.classes)}"{attrs}>'


def render(text: str, marks: list[Mark], *, block: str = "p") -> Markup:
    """``text`` as HTML paragraphs (``<block>`` each) with every valid mark highlighted.

    With ``block=""`` the text is rendered inline, without paragraph elements.
    """
    marks = [m for m in marks if valid(m.start, m.end, len(text))]
    # Longer marks outermost, so nesting is stable from piece to piece.
    marks.sort(key=lambda m: (m.start, -m.end))
    blocks = paragraphs(text) if block else [(0, len(text))]
    out: list[str] = []
    started: set[int] = set()
    for bstart, bend in blocks:
        cuts = {bstart, bend}
        for m in marks:
            if m.end > bstart and m.start < bend:
                cuts.add(min(max(m.start, bstart), bend))
                cuts.add(min(max(m.end, bstart), bend))
        points = sorted(cuts)
        pieces: list[str] = []
        for a, b in zip(points, points[1:]):
            active = [m for m in marks if m.start <= a and m.end >= b]
            for i, m in enumerate(marks):
                if m.prefix is not None and i not in started and max(m.start, bstart) == a and m.end > a:
                    started.add(i)
                    pieces.append(str(m.prefix))
            piece = str(escape(text[a:b]))
            for m in reversed(active):
                piece = _open_tag(m) + piece + "</span>"
            pieces.append(piece)
        body = "".join(pieces)
        out.append(f"<{block}>{body}</{block}>" if block else body)
    return Markup("\n".join(out))


def excerpt(text: str, start: int, end: int, marks: list[Mark] = ()) -> Markup:
    """One stretch of text (an evidence sentence) rendered inline with the marks inside it."""
    if not valid(start, end, len(text)):
        return Markup("")
    inner = [Mark(max(m.start, start) - start, min(m.end, end) - start, m.classes, m.attrs)
             for m in marks if m.end > start and m.start < end]
    return render(text[start:end], inner, block="")
