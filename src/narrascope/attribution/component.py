"""The ``attribution`` pipeline component: fills ``article.quotes``.

English is read from the shared analysis's spaCy ``Doc`` (``article.analysis.doc``: one parse per
article for every stage; the batch is parsed with ``nlp.pipe`` in ``pipe``); other languages use quote
marks and lexicons. The parser is ``[analysis] spacy_model``.

Config ([components.attribution]):
  lexicons = ""         folder with the lexicon files ("" = the bundled ones)
  min_quote_words = 4   a quoted paragraph with no cue needs this many words to be taken as speech
  batch_size = 16       texts per spaCy batch in ``pipe``
"""
from __future__ import annotations

from ..analysis import prepare
from ..config import component_settings
from ..doc import Article
from . import Attributor


def make_component(config: dict):
    config = component_settings("attribution", config)  # defaults: config/default.toml only
    attributor = Attributor(
        model=config.get("model") or None,
        lexicons=config["lexicons"] or None,
        min_quote_words=int(config["min_quote_words"]),
        batch_size=int(config["batch_size"]),
    )

    def attribution(article: Article) -> Article:
        return pipe([article])[0]

    def pipe(articles: list[Article]) -> list[Article]:
        prepare([a for a in articles if (a.text or "").strip()], parse=True, batch_size=attributor.batch_size)
        for article in articles:
            article.quotes = attributor.attribute_article(article)
        return articles

    attribution.pipe = pipe
    attribution.attributor = attributor
    return attribution
