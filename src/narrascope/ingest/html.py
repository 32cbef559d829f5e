"""HTML pages: the main text and metadata, extracted with trafilatura.

We do not write an extractor of our own: trafilatura finds the article body
and the title, date, site name (our ``outlet``), canonical URL and author.
Options come from ``config["ingest"]["html"]`` and were chosen by measurement
on the article-extraction benchmark (``bench/html_extraction.py``).
Hostile pages (scripts only, absurd nesting, junk) give E006/E009, never a crash.
"""
from __future__ import annotations

import logging
import re
from typing import Any

from ..doc import Article
from ..errors import E, InputError
from .decode import decode, normalise_newlines
from .records import normalise_date

# trafilatura options a config may set; the rest of its signature is ours to fix.
HTML_OPTIONS = {"favor_precision", "favor_recall", "include_comments", "include_tables", "no_fallback", "fast",
                "deduplicate", "include_formatting", "include_links", "max_tree_size", "target_language"}
# Measured (bench/html_extraction.py): fast + favor_recall scores best and runs fastest; recall matters
# more than precision here because the clean stage removes leftover boilerplate downstream.
DEFAULT_HTML_OPTIONS: dict[str, Any] = {"include_comments": False, "include_tables": True, "fast": True, "favor_recall": True}
# trafilatura needs ~0.3 ms per element; a news page has a few thousand (at most 1,709 in the
# benchmark), so a page past this is junk or an attack and would stall the batch for minutes.
MAX_ELEMENTS = 50000
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first bytes (``<meta charset=...>``)."""
    m = _META_CHARSET.search(data[:8192])
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    import codecs

    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def count_elements(html: str) -> int:
    """Number of elements lxml sees in the page (0 when it cannot parse it)."""
    from lxml import etree

    parser = etree.HTMLParser(collect_ids=False, remove_comments=True, encoding="utf-8")
    try:
        root = etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (etree.ParserError, ValueError):
        return 0
    return 0 if root is None else sum(1 for _ in root.iter())


def extract(html: str, path: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """Main text and metadata of a page: keys text, title, author, date, sitename, url, hostname, language."""
    import trafilatura

    options = options or {}
    opts = dict(DEFAULT_HTML_OPTIONS)
    opts.update({k: v for k, v in options.items() if k in HTML_OPTIONS})
    limit = int(options.get("max_elements", MAX_ELEMENTS) or 0)
    if limit:
        count = count_elements(html)
        if count > limit:
            raise InputError(E.E009, path=path, detail=f"the page has {count} HTML elements, over the limit of {limit} "
                             "([ingest.html] max_elements); a news page has a few thousand")
    # trafilatura logs every unparsable page at ERROR; we report them ourselves.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, output_format="python", **opts)
    except Exception as exc:  # noqa: BLE001 - any parser failure is this file's problem, not the batch's
        raise InputError(E.E009, path=path, detail=f"{type(exc).__name__}: {exc}") from exc
    if doc is None:
        raise InputError(E.E006, path=path, detail="the HTML has no extractable main text")
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    if not text.strip():
        raise InputError(E.E006, path=path, detail="the page's main content is empty")
    return {k: get(k) for k in ("title", "author", "date", "sitename", "url", "hostname", "language", "description")} | {"text": text}


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura often repeats the headline as the first line of the text."""
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if " ".join(first.split()).casefold() == " ".join(title.split()).casefold() and rest.strip():
        return rest.lstrip("\n")
    return text


def article_from_html(data: bytes, path: str, id: str, ingest_config: dict, meta: dict | None = None) -> Article:
    html, encoding = decode(data, path, fallback=declared_charset(data))
    found = extract(html.lstrip("\ufeff"), path, ingest_config.get("html"))
    title = " ".join(found["title"].split()) if found.get("title") else None
    text = normalise_newlines(_drop_title_line(found["text"], title)).strip()
    art = Article(
        id=id,
        title=title,
        text=text,
        raw_text=html,
        source_path=path,
        source_format="html",
        url=found.get("url"),
        outlet=found.get("sitename") or found.get("hostname"),
        published=normalise_date(found.get("date")),
        author=found.get("author"),
        meta=dict(meta or {}),
    )
    art.meta["encoding"] = encoding
    if found.get("language"):
        art.meta["declared_language"] = found["language"]
    if found.get("description"):
        art.meta["description"] = found["description"]
    art.compute_hash()
    return art
