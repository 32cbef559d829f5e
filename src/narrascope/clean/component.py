"""The ``clean`` pipeline component.

Sets ``article.text`` to the cleaned text and ``article.removed`` to what was
dropped (offsets into ``article.raw_text``, the text before cleaning, which it
keeps when ingest did not). Running it twice is harmless: an article already
cleaned is left as it is.

Config (``[components.clean]``): ``enabled = true`` (false: pass the text
through untouched, e.g. for already curated corpora); ``line_model = false``
(true: the learned line model, :mod:`narrascope.clean.model`, has the last word on the lines the
rules judge by layout; it removes more furniture of whole-page text dumps at some cost in article
lines, see bench/quality_cleaning.py).
"""
from __future__ import annotations

from typing import Any, Callable

from ..config import component_settings
from ..doc import Article
from . import clean_text

CLEANED_FLAG = "cleaned"  # key in Article.meta set once an article has been cleaned


def make_component(config: dict[str, Any] | None = None) -> Callable[[Article], Article]:
    config = component_settings("clean", config)
    enabled = bool(config["enabled"])
    line_model = bool(config["line_model"])

    def clean(article: Article) -> Article:
        if article.meta.get(CLEANED_FLAG):
            return article
        article.meta[CLEANED_FLAG] = True
        if article.raw_text is None:
            article.raw_text = article.text
        if not enabled:
            return article
        result = clean_text(article.text or "", title=article.title, language=article.language,
                            line_model=line_model)
        article.text = result.text
        article.removed = result.removed
        return article

    return clean
