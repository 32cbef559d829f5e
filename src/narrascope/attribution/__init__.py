"""Quote attribution: who said what, to whom, on what sourcing.

``attribute(text, language)`` returns :class:`narrascope.doc.Quote` objects:
direct quotes (also over several paragraphs), indirect speech, "according
to X", colon-introduced quotes; speakers resolved to names; anonymous sources,
media and hedges marked. English uses a spaCy parse; other languages use
quote marks and lexicons (multilingual.py).
"""
from __future__ import annotations

from ..doc import Quote
from .lexicon import load_lexicon

__all__ = ["attribute", "Attributor"]


class Attributor:
    """Attribution with its models loaded once; ``__call__`` for one text, ``pipe`` for many."""

    def __init__(self, model: str | None = None, lexicons: str | None = None, min_quote_words: int = 4,
                 batch_size: int = 16):
        self.model = model
        self.lex = load_lexicon(lexicons)
        self.min_quote_words = min_quote_words
        self.batch_size = batch_size
        self._nlp = None

    @property
    def nlp(self):
        if self._nlp is None:
            from .nlp import load_english

            self._nlp = load_english(self.model)
        return self._nlp

    def attribute_article(self, article) -> list[Quote]:
        """Quotes of an :class:`~narrascope.doc.Article`, from its shared analysis (the one spaCy parse)."""
        from .english import attribute_doc
        from .multilingual import attribute_rules

        text = article.text or ""
        if not text.strip():
            return []
        if _is_english(article.language):
            doc = article.analysis.doc
            if doc is not None:
                return attribute_doc(doc, self.lex, self.min_quote_words, title=article.title)
        return attribute_rules(text, article.language, self.lex)

    def __call__(self, text: str, language: str | None = "en") -> list[Quote]:
        return self.pipe([text], [language])[0]

    def pipe(self, texts: list[str], languages: list[str | None] | None = None) -> list[list[Quote]]:
        from .english import attribute_doc
        from .multilingual import attribute_rules

        languages = languages or ["en"] * len(texts)
        out: list[list[Quote] | None] = [None] * len(texts)
        english = []
        for i, (text, lang) in enumerate(zip(texts, languages)):
            if text is None:
                raise TypeError("attribute() needs a str, got None")
            if not text.strip():
                out[i] = []
            elif _is_english(lang):
                english.append(i)
            else:
                out[i] = attribute_rules(text, lang, self.lex)
        if english:
            docs = self.nlp.pipe([texts[i] for i in english], batch_size=self.batch_size)
            for i, doc in zip(english, docs):
                out[i] = attribute_doc(doc, self.lex, self.min_quote_words)
        return [o or [] for o in out]


def _is_english(lang: str | None) -> bool:
    return lang is None or lang.lower().split("-")[0].split("_")[0] in ("en", "eng", "english", "")


_default: Attributor | None = None


def attribute(text: str, language: str | None = "en") -> list[Quote]:
    """Attributed quotes in ``text`` (offsets index into ``text``).

    ``language``: ISO 639-1 code; English (or None) uses the spaCy parser, others the rules.
    """
    global _default
    if not isinstance(text, str):
        raise TypeError(f"attribute() needs a str, got {type(text).__name__}")
    if _default is None:
        _default = Attributor()
    return _default(text, language)
