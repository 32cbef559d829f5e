"""The ``explain`` pipeline component: fills ``article.explanation``.

Runs after ``narratives`` (and reads ``quotes`` and ``entities`` when attribution and framing ran). The
dominant label is the top-scored subnarrative (a "X: Other" subnarrative stands for its narrative X), else
the top narrative. When the article has no narrative but ``Other`` (or none at all),
``article.explanation`` stays ``None``: we do not write text that no evidence supports.

English articles get an analyst's note (``analyst.explain_article``): what the narrative does, the sentence
that carries it best, who is quoted saying it; other languages the carrying sentences themselves. Sentences
are ranked with the shared sentence vectors (``article.analysis``); the only text embedded here is the label
query (through ``analysis.vectors``).

Config ``[components.explain]``: ``max_words`` (hard cap, 80), ``budget`` (target words of the English note),
``budget_extractive`` (target words otherwise), ``evidence_sentences``, ``quotes``, ``casting``,
``template_languages``, ``embedder`` (the shared analysis' embedder), ``taxonomy`` (label descriptions).
"""
from __future__ import annotations

from typing import Any, Callable

from ..doc import Article
from .analyst import Settings, explain
from .core import dominant_from_article, label_query

def explain_settings(config: dict[str, Any] | None) -> dict[str, Any]:
    """``[components.explain]`` of default.toml (the one place its defaults live) updated by ``config``."""
    from ..config import component_settings

    return component_settings("explain", config)


def embedder_spec(config: dict[str, Any]) -> str:
    """The explain table's embedder, else the shared analysis' (``[analysis] embedder``)."""
    if config.get("embedder"):
        return str(config["embedder"])
    from .. import analysis

    return analysis.default_embedder() if hasattr(analysis, "default_embedder") else "use-m"


def taxonomy_describer(spec: str) -> Callable[[str], str] | None:
    """Label -> description from the narratives taxonomy, if that module and file are there."""
    try:
        from ..narratives.taxonomy import load_taxonomy

        return load_taxonomy(spec).description
    except Exception:  # noqa: BLE001 - descriptions only sharpen the ranking; the label name alone works
        return None


def settings_from(config: dict[str, Any]) -> Settings:
    config = explain_settings(config)
    return Settings(budget=int(config["budget"]), evidence_sentences=int(config["evidence_sentences"]),
                    quotes=bool(config["quotes"]), casting=bool(config["casting"]), topics=bool(config["topics"]),
                    sub_clause=bool(config["sub_clause"]), evidence_prefix=str(config["evidence_prefix"]),
                    style=str(config["style"]), head_style=str(config["head_style"]), intro=str(config["intro"]),
                    quote_intro=str(config["quote_intro"]), max_clause_words=int(config["max_clause_words"]),
                    lead_bonus_extractive=float(config["lead_bonus_extractive"]))


class ExplainComponent:
    def __init__(self, config: dict[str, Any]):
        self.config = explain_settings(config)
        self.max_words = int(self.config["max_words"])
        self.budget_extractive = int(self.config["budget_extractive"])
        self.template_languages = tuple(self.config["template_languages"])
        self.spec = embedder_spec(self.config)
        self.settings = settings_from(self.config)
        self._describe: Callable[[str], str] | None = None
        self._described = False

    @property
    def describe(self):
        if not self._described:
            self._describe = taxonomy_describer(self.config["taxonomy"])
            self._described = True
        return self._describe

    def __call__(self, article: Article) -> Article:
        self.pipe([article])
        return article

    def pipe(self, articles: list[Article]) -> list[Article]:
        from ..analysis import prepare

        todo = []
        for art in articles:
            dom = dominant_from_article(art)
            art.explanation = None
            if dom is not None and (art.text or "").strip():
                todo.append((art, dom))
        if not todo:
            return articles
        prepare([a for a, _ in todo], sentence_vectors=[self.spec],
                texts={self.spec: [(a, label_query(d, self.describe), "query") for a, d in todo]})
        for art, dom in todo:
            art.explanation = explain(art, dom, self.spec, self.settings, self.describe, self.max_words,
                                      self.template_languages, self.budget_extractive)
        return articles


def make_component(config: dict[str, Any]) -> ExplainComponent:
    return ExplainComponent(config or {})
