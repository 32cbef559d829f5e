"""The "language" component: ISO 639-1 code and confidence with py3langid.

Scores are py3langid's normalised probabilities. Text too short to judge
(fewer than ``min_chars`` letters) gets ``None`` and a warning rather than a
guess. Config (``[components.language]``): ``languages`` restricts the
candidates (e.g. ``["en", "ru", "uk", "bg", "pt", "hi"]``), ``min_chars``,
``max_chars`` (only the start of long texts is read: it is enough and fast).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from ..doc import Article

MIN_CHARS = 20
MAX_CHARS = 5000


@lru_cache(maxsize=8)
def _identifier(languages: tuple[str, ...] | None):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if languages:
        try:
            identifier.set_languages(list(languages))
        except ValueError as exc:
            raise ValueError(f"[components.language] languages: {exc}") from exc
    return identifier


def detect_language(text: str, *, languages: Iterable[str] | None = None, min_chars: int = MIN_CHARS,
                    max_chars: int = MAX_CHARS) -> tuple[str | None, float | None]:
    """(ISO 639-1 code, probability) of ``text``; (None, None) when it is too short to tell."""
    text = (text or "")[:max_chars]
    if sum(ch.isalpha() for ch in text) < min_chars:
        return None, None
    code, score = _identifier(tuple(sorted(languages)) if languages else None).classify(text)
    return code, round(float(score), 4)


def make_component(config: dict):
    from ..config import component_settings

    config = component_settings("language", config)
    languages = tuple(sorted(config["languages"] or ())) or None
    min_chars = int(config["min_chars"])
    max_chars = int(config["max_chars"])
    _identifier(languages)  # load the model once, now, and check the language list

    def language(article: Article) -> Article:
        text = article.text or ""
        if sum(ch.isalpha() for ch in text[:max_chars]) < min_chars and article.title:
            text = f"{article.title}\n{text}"
        code, score = detect_language(text, languages=languages, min_chars=min_chars, max_chars=max_chars)
        article.language, article.language_score = code, score
        if code is None:
            article.warnings.append(
                f"language: text of '{article.id}' is too short to identify its language (under {min_chars} letters)")
        return article

    def pipe(articles: list[Article]) -> list[Article]:
        for art in articles:
            language(art)
        return articles

    language.pipe = pipe
    return language
