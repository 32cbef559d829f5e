"""Whose voice an evidence sentence is: the article's own, or a statement it attributes.

"Ukraine's army is collapsing" asserted by an article and the same words quoted from a Kremlin spokesman
in order to rebut them serve the narrative differently; an analyst needs to see which. The attribution
stage has already found every quote and reported statement (``article.quotes``, with speaker and hedges),
so an evidence sentence is *quoted* when at least half of its characters lie inside one of them; it then
carries that statement's speaker (None when unattributed) and whether the article hedges it.
"""
from __future__ import annotations

from typing import Sequence

from ..doc import Evidence, Quote, Span

QUOTED_SHARE = 0.5  # share of the sentence's characters inside one statement for it to be that statement's voice


def voice_evidence(spans: Sequence[Span], quotes: Sequence[Quote]) -> list[Evidence]:
    out = []
    for sp in spans:
        length = max(1, sp.end - sp.start)
        best, best_overlap = None, 0
        for q in quotes:
            if q.start < 0 or q.end <= q.start:
                continue
            overlap = min(sp.end, q.end) - max(sp.start, q.start)
            if overlap > best_overlap:
                best, best_overlap = q, overlap
        if best is not None and best_overlap / length >= QUOTED_SHARE:
            out.append(Evidence(sp.start, sp.end, sp.text, quoted=True, speaker=best.speaker,
                                hedged=bool(best.hedged or best.hedges)))
        else:
            out.append(Evidence(sp.start, sp.end, sp.text))
    return out
