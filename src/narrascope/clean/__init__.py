"""Clean scraped plain text: drop what is not the article, keep every line that is.

``clean_text(text, title=None, language=None) -> CleanResult`` works line by
line (a line is a paragraph of the input). Each dropped piece is reported as a
:class:`~narrascope.doc.Removal` with its offsets in the text passed in and one
reason from this fixed vocabulary:

==================  =====================================================================
reason              what it is
==================  =====================================================================
``consent``         cookie / privacy / consent notices and their buttons ("Accept all")
``signup``          newsletter, subscription, log-in, follow-us, paywall prompts
``related-block``   a "Related" / "Read more" / "Other news" / "Читайте также" / "Още по
                    темата" / "Leia também" / "यह भी पढ़ें" header and its list of
                    headlines; also lists of headlines interleaved with times, and a
                    list of headlines after the article's last paragraph
``headline-link``   one headline linking to another story ("Read more: …", "► …",
                    "WATCH: …", "… | Video", a bare URL)
``comment-prompt``  "Post a comment", "Comments (12)", "Join the conversation", comment-form
                    notices ("Your email address will not be published", "Name *"), and
                    a thread of readers' comments under a comment header ("X says:" /
                    time / text / "Reply")
``source-trailer``  "Source: …", "Read the full article at …", "Originally published …",
                    copyright and "Reporting by …; Editing by …" lines
``caption``         photo captions and credits ("Photo: …", "(AP Photo/…)", "REUTERS/…",
                    "Getty Images", "Фото: …", "Снимка: …"), and captions with a place
                    and a date ("A at a meeting with B in C on 3 May 2024.")
``repeated-title``  the title repeated inside the body (also "Title | Outlet")
``share-buttons``   "Share", "Facebook Twitter WhatsApp Email", "Поделиться"
``navigation``      menus and breadcrumbs ("Home | World | Europe"), "Skip to content",
                    "Tags: …", short unpunctuated labels before the article starts or
                    after it ends
``advert``          "Advertisement", "Sponsored", "Story continues below advertisement"
``byline-meta``     "By Jane Doe", "Published 3 March 2025", "5 min read", a bare date/time
``promo``           news-tip, donation, app and audio-player prompts
``layout``          (only with ``line_model=True``) furniture recognised by the learned
                    line model from its shape and neighbourhood (lines it drops that fit
                    a shape above get that shape's reason instead)
==================  =====================================================================

What is never removed: a line that belongs to a quotation — a quote running
over several paragraphs (each opening with a quote mark, only the last
closing), every paragraph in between, and a line quoting someone with a verb
of saying — and the items of a list that an article sentence introduces with
a colon; except inside a block of readers' comments after the article (name /
time / text / "Reply" · "Like 12", to "Show more comments"), where readers
quote too and the whole block goes as ``comment-prompt``. A headline (no sentence punctuation at its end, not opening with a
quote mark) is not a quote line when its quote marks are single (‘…’) or when
it stands in a list under a "Related" / "Read more" header, so
"Minister warned never to ‘write off the army’ as front shifts" can go. Rules fire on *shapes* (short, unpunctuated, Title Cased, an
imperative first word, the reader addressed as "you", menu separators, runs
of similar lines under a header, position before/after the article), with
cue words in English, Russian, Bulgarian, Portuguese and Hindi
(:mod:`narrascope.clean.lexicon`).

Cleaning is idempotent: cleaning a cleaned text removes nothing more.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..doc import Removal
from ..text import paragraphs
from .lines import make_line
from .quotes import protected_lines
from .rules import classify, inline_promo, tail_reason

REASONS = (
    "consent", "signup", "related-block", "headline-link", "comment-prompt", "source-trailer", "caption",
    "repeated-title", "share-buttons", "navigation", "advert", "byline-meta", "promo", "layout",
)

__all__ = ["CleanResult", "REASONS", "clean_text", "line_labels"]


@dataclass
class CleanResult:
    text: str  # the kept lines, joined with the input's own line and paragraph breaks
    removed: list[Removal] = field(default_factory=list)  # offsets into the text passed in


def line_labels(text: str, title: str | None = None) -> list[tuple[int, int, str | None]]:
    """Every non-empty line of ``text`` as (start, end, reason or None when it is article)."""
    spans = paragraphs(text)
    lines = [make_line(text[s:e], s, e) for s, e in spans]
    protected = protected_lines([ln.text for ln in lines])
    reasons = classify(lines, protected, title)
    return [(ln.start, ln.end, r) for ln, r in zip(lines, reasons)]


def clean_text(text: str, title: str | None = None, language: str | None = None, *, line_model: bool = False) -> CleanResult:
    """Drop the lines of ``text`` that are not the article and say why.

    ``title``: the article's title, to drop its repeats in the body.
    ``language``: accepted for the pipeline's sake; cue words of all five
    languages are always active, since scraped pages mix languages in their
    furniture (an English cookie banner on a Russian page).
    ``line_model``: also apply the learned line model (:mod:`narrascope.clean.model`).
    Off by default: on held-out sites of the extraction benchmark it finds more
    furniture only by losing more article lines (see bench/quality_cleaning.py).
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text expects str, got {type(text).__name__}")
    if not text.strip():
        return CleanResult(text="", removed=[])
    spans = paragraphs(text)
    lines = [make_line(text[s:e], s, e) for s, e in spans]
    protected = protected_lines([ln.text for ln in lines])
    model = None
    if line_model:
        from .model import bundled_model

        model = bundled_model()
    reasons = classify(lines, protected, title, model=model)

    removed: list[Removal] = []
    kept: list[tuple[int, str]] = []  # (index of the line, kept text)
    for idx, (line, reason) in enumerate(zip(lines, reasons)):
        if reason is not None:
            removed.append(Removal(text=line.text, reason=reason, start=line.start, end=line.end))
            continue
        piece = line.text
        at = lambda p: p  # noqa: E731  (offset in the line before an inline cut, of offset p after it)
        promo = inline_promo(line)
        if promo is not None:
            a, b = promo
            removed.append(Removal(text=piece[a:b], reason="headline-link", start=line.start + a, end=line.start + b))
            head, rest = piece[:a].rstrip(), piece[b:]
            skip = len(rest) - len(rest.lstrip())
            piece = head + (" " + rest.lstrip() if rest.strip() else "")
            at = lambda p, h=len(head) + 1, o=b + skip: p if p < h else o + (p - h)  # noqa: E731
            line = make_line(piece, line.start, line.start + len(piece))  # (the tail rule reads what is left)
        if not protected[idx]:
            tail = tail_reason(line)
            if tail is not None:
                cut, why = tail
                keep = piece[:cut].rstrip()
                removed.append(Removal(text=piece[cut:], reason=why, start=lines[idx].start + at(cut), end=lines[idx].end))
                piece = keep
        kept.append((idx, piece))

    # Join kept lines with the break found in the input; where lines were dropped
    # between two kept ones, keep the widest break (a paragraph break stays one).
    out: list[str] = []
    prev = None
    for idx, piece in kept:
        if prev is not None:
            gaps = [text[lines[j].end:lines[j + 1].start] for j in range(prev, idx)]
            out.append(max(gaps, key=lambda g: (g.count("\n"), len(g))))
        out.append(piece)
        prev = idx
    return CleanResult(text="".join(out), removed=removed)
