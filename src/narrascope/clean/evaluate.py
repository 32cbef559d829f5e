"""Measure the cleaner: gold files, benchmark pages rendered to lines, line-level scores.

Gold file format (``eval/cleaning/{dev,test}/*.txt``)::

    #: title = <the article's title>
    #: lang = en
    @@navigation| Home | World | Europe
    The first paragraph of the article.
    @@related-block| Related coverage:

A line starting with ``@@<reason>|`` is boilerplate with that reason; the
marker is stripped. Every other non-empty line is article. ``#:`` lines at the
top are metadata.

The benchmark set renders each page of ``article-extraction-benchmark`` to its
visible text lines (lxml) and labels a line as article when it lies in the
page's ground-truth ``articleBody``. It is built at run time from ../shared
and never stored in the repository.
"""
from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, NarrascopeError
from ..text import paragraphs

_MARK = re.compile(r"^@@([a-z-]+)\|\s?")


@dataclass
class GoldDoc:
    name: str
    text: str
    title: str | None
    language: str | None
    # one per non-empty line, in order: (start, end, reason or None for article)
    lines: list[tuple[int, int, str | None]] = field(default_factory=list)


def parse_gold(raw: str, name: str = "<string>") -> GoldDoc:
    meta: dict[str, str] = {}
    body_lines: list[str] = []
    reasons_by_line: list[str | None] = []
    header = True
    for lineno, line in enumerate(raw.splitlines(), 1):
        if header and line.startswith("#:"):
            key, sep, value = line[2:].partition("=")
            if not sep:
                raise NarrascopeError(E.E301, path=name, line=lineno, detail="metadata line needs 'key = value'")
            meta[key.strip()] = value.strip()
            continue
        header = False
        m = _MARK.match(line)
        if m:
            body_lines.append(line[m.end():])
            reasons_by_line.append(m.group(1))
        else:
            body_lines.append(line)
            reasons_by_line.append(None)
    text = "\n".join(body_lines).strip("\n") + "\n"
    # Offsets of each non-empty line, matched to its gold reason in order.
    marked = [(ln, r) for ln, r in zip(body_lines, reasons_by_line) if ln.strip()]
    spans = paragraphs(text)
    if len(spans) != len(marked):
        raise NarrascopeError(E.E301, path=name, line=0, detail=f"{len(spans)} lines found but {len(marked)} annotated")
    lines = [(s, e, r) for (s, e), (_, r) in zip(spans, marked)]
    return GoldDoc(name=name, text=text, title=meta.get("title"), language=meta.get("lang"), lines=lines)


def load_gold(folder: str | Path) -> list[GoldDoc]:
    folder = Path(folder)
    if not folder.is_dir():
        raise NarrascopeError(E.E302, path=folder, hint="Expected a folder of gold .txt files (eval/cleaning/dev).")
    return [parse_gold(p.read_text("utf-8"), str(p)) for p in sorted(folder.glob("*.txt"))]


@dataclass
class Scores:
    tp: int = 0  # boilerplate lines removed
    fp: int = 0  # article lines removed
    fn: int = 0  # boilerplate lines kept
    article_lines: int = 0
    boilerplate_lines: int = 0
    lost: list[str] = field(default_factory=list)  # article lines removed (for error analysis)
    missed: list[str] = field(default_factory=list)  # boilerplate lines kept
    # The benchmark's article bodies hold product boxes, photo credits and "Фото:" placeholders that a
    # news reader wants gone, so "article lines lost" mixes real losses with label noise. Prose lines
    # (see is_prose) are the ones whose loss always hurts: counted apart, conservatively.
    prose_lines: int = 0
    prose_lost: list[str] = field(default_factory=list)

    @property
    def prose_loss_share(self) -> float:
        return len(self.prose_lost) / self.prose_lines if self.prose_lines else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def loss_share(self) -> float:
        return self.fp / self.article_lines if self.article_lines else 0.0


_PROSE_END = re.compile(r"[.!?…,;:\"”»’)]$")


def is_prose(line: str) -> bool:
    """A line of running text: at least 8 words, ending like a sentence (or a clause that goes on).
    Wide on purpose — "This article was originally published by X." counts — so the loss is not
    understated."""
    line = line.strip()
    return len(line.split()) >= 8 and bool(_PROSE_END.search(line))


def score(docs: list[GoldDoc], clean=None) -> Scores:
    """Line-level scores of ``clean(text, title, language)`` (default: narrascope.clean.clean_text)."""
    if clean is None:
        from . import clean_text as clean
    sc = Scores()
    for doc in docs:
        result = clean(doc.text, title=doc.title, language=doc.language)
        removed = {(r.start, r.end) for r in result.removed}
        for s, e, gold in doc.lines:
            pred = (s, e) in removed
            if gold is None:
                sc.article_lines += 1
                prose = is_prose(doc.text[s:e])
                sc.prose_lines += prose
                if pred:
                    sc.fp += 1
                    sc.lost.append(f"{Path(doc.name).name}: {doc.text[s:e][:100]}")
                    if prose:
                        sc.prose_lost.append(sc.lost[-1])
            else:
                sc.boilerplate_lines += 1
                if pred:
                    sc.tp += 1
                else:
                    sc.fn += 1
                    sc.missed.append(f"{Path(doc.name).name} [{gold}]: {doc.text[s:e][:100]}")
    return sc


# -- the extraction benchmark rendered to lines --------------------------------------------

_BLOCK = {
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main",
    "nav", "ol", "p", "pre", "section", "summary", "table", "tr", "td", "th", "ul", "button", "option", "label",
    "caption", "legend", "menu", "time",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select", "canvas", "input", "textarea"}
_WS = re.compile(r"[ \t\r\f\v\u00a0\u200b]+")


def render_html_lines(html: str) -> tuple[str, str | None]:
    """Visible text of a page, one block element per line; and its <h1> (or <title>) as title."""
    import lxml.html

    root = lxml.html.document_fromstring(html)
    title_el = root.find(".//h1")
    title = " ".join(title_el.text_content().split()) if title_el is not None else None
    if not title:
        t = root.find(".//title")
        title = " ".join(t.text_content().split()) if t is not None and t.text_content() else None
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        hidden = tag in _SKIP or el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", "")
        if not hidden and tag:
            block = tag in _BLOCK
            if block:
                out.append("\n")
            if el.text:
                out.append(el.text)
            for child in el:
                walk(child)
            if block:
                out.append("\n")
        if el.tail:
            out.append(el.tail)

    body = root.find(".//body")
    walk(body if body is not None else root)
    lines = [_WS.sub(" ", ln).strip() for ln in "".join(out).split("\n")]
    text = "\n".join(ln for ln in lines if ln)
    return text, title


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def benchmark_docs(folder: str | Path, limit: int | None = None) -> list[GoldDoc]:
    """Pages of the extraction benchmark as gold docs (article = inside the ground-truth articleBody)."""
    folder = Path(folder)
    truth_path = folder / "ground-truth.json"
    if not truth_path.exists():
        raise NarrascopeError(E.E302, path=folder, hint="Needs ../shared/data/article-extraction-benchmark.")
    truth = json.loads(truth_path.read_text("utf-8"))
    docs = []
    for key in sorted(truth)[:limit]:
        page = folder / "html" / f"{key}.html.gz"
        if not page.exists():
            continue
        html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")
        text, title = render_html_lines(html)
        body = truth[key].get("articleBody") or ""
        body_norm = " " + _norm(body) + " "
        paras = {_norm(p) for p in body.split("\n") if p.strip()}
        spans = paragraphs(text)
        found = []
        for s, e in spans:
            ln = _norm(text[s:e])
            found.append(bool(ln) and (" " + ln + " ") in body_norm)
        long_hits = [i for i, (s, e) in enumerate(spans) if found[i] and len(_norm(text[s:e]).split()) >= 5]
        lo, hi = (long_hits[0], long_hits[-1]) if long_hits else (0, -1)
        lines = []
        for i, (s, e) in enumerate(spans):
            ln = _norm(text[s:e])
            if not ln:
                # punctuation-only line: count it with the article when inside it, else furniture
                is_article = lo <= i <= hi
            elif len(ln.split()) >= 5:
                is_article = found[i]
            else:
                is_article = ln in paras or (found[i] and lo <= i <= hi)
            lines.append((s, e, None if is_article else "benchmark"))
        docs.append(GoldDoc(name=key[:12], text=text, title=title, language=None, lines=lines))
    return docs
