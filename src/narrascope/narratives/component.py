"""The ``narratives`` pipeline component: fills ``article.narratives`` / ``article.subnarratives``.

Config (``[components.narratives]``): ``model = "bundled"`` (the model shipped under
narrascope/models/narratives) or a model directory; ``max_evidence`` sentences per label (default 3).
"""
from __future__ import annotations

from ..doc import Article


def make_component(config: dict):
    from .model import load_model

    model = load_model(config.get("model", "bundled"))  # once, when the pipeline is built
    max_evidence = int(config.get("max_evidence", 3))

    def narratives(article: Article) -> Article:
        return model.predict_article(article, max_evidence=max_evidence)

    narratives.model = model
    return narratives
