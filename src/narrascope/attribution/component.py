"""The ``attribution`` pipeline component: fills ``article.quotes``.

Config ([components.attribution]):
  model = ""            spaCy pipeline package or path ("" = en_core_web_md, else en_core_web_sm)
  lexicons = ""         folder with the lexicon files ("" = the bundled ones)
  min_quote_words = 4   a quoted paragraph with no cue needs this many words to be taken as speech
  batch_size = 16       texts per spaCy batch in ``pipe``
"""
from __future__ import annotations

from ..doc import Article
from . import Attributor


def make_component(config: dict):
    attributor = Attributor(
        model=config.get("model") or None,
        lexicons=config.get("lexicons") or None,
        min_quote_words=int(config.get("min_quote_words", 4)),
        batch_size=int(config.get("batch_size", 16)),
    )

    def attribution(article: Article) -> Article:
        article.quotes = attributor(article.text or "", article.language or "en")
        return article

    def pipe(articles: list[Article]) -> list[Article]:
        results = attributor.pipe([a.text or "" for a in articles], [a.language or "en" for a in articles])
        for article, quotes in zip(articles, results):
            article.quotes = quotes
        return articles

    attribution.pipe = pipe
    attribution.attributor = attributor
    return attribution
