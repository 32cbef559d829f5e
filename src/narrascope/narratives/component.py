"""The ``narratives`` pipeline component: fills ``article.narratives`` / ``article.subnarratives``.

It reads the shared analysis (``article.analysis``: sentences, their embeddings and the title's, by the
model's embedder); ``pipe`` embeds a whole batch in one call per model (``analysis.prepare``). Settings
come from the ``[components.narratives]`` table of the config (defaults in ``config/default.toml`` only):
``model`` (``"bundled"`` or a model directory), ``models_by_language`` (a language code -> the model that
reads that language instead, ``narratives.router``), ``max_evidence`` (evidence sentences per label) and
``feed_other_share`` (the share of articles carrying no catalogued narrative in the user's feed, which the
analyst's tiers are read for; 0 = SemEval's own quarter; ``narratives.tiers``).
"""
from __future__ import annotations

from ..doc import Article


def component_settings(config: dict | None) -> dict:
    """The component's table over the package defaults (``[components.narratives]`` of default.toml)."""
    from ..config import component_settings as settings

    return settings("narratives", config)


def make_router(settings: dict):
    """The models of a ``[components.narratives]`` table (each loaded once), the feed share set on each."""
    from .router import load_router

    router = load_router(settings["model"], settings.get("models_by_language") or {})
    share = float(settings.get("feed_other_share") or 0.0)
    router.set_feed_other_share(share if 0.0 < share < 1.0 else None)
    return router


def make_component(config: dict):
    settings = component_settings(config)
    router = make_router(settings)  # once, when the pipeline is built
    max_evidence = int(settings["max_evidence"])

    def narratives(article: Article) -> Article:
        return router.predict_article(article, max_evidence=max_evidence)

    def pipe(articles: list[Article]) -> list[Article]:
        return router.predict_batch(articles, max_evidence=max_evidence)

    narratives.pipe = pipe
    narratives.model = router.default
    narratives.router = router
    return narratives
