"""The ``framing`` pipeline component: fills ``article.entities``.

Actors come from ``entities.ActorFinder`` (mentions merged per actor). Each
actor's first mentions are classified by the role model; their probabilities
are averaged (an article usually casts an actor one way), then decoded to a
main role and fine roles. Evidence: the sentences of the mentions that most
strongly carry the chosen role.

Config ``[components.framing]``: ``model`` ("bundled" or a model directory),
``max_entities`` (most-mentioned actors kept), ``max_mentions`` (mentions per
actor sent to the model), ``evidence_sentences``, ``spacy_model`` ("auto").
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..doc import Article, Entity, Span
from .entities import ActorFinder
from .features import SentenceIndex, mention_context
from .model import MAIN_ROLES, RoleModel


def article_domain(article: Article) -> str:
    labels = sorted(article.narratives, key=lambda lab: -lab.score)
    for lab in labels:
        if lab.label.startswith("CC:"):
            return "CC"
        if lab.label.startswith("URW:"):
            return "URW"
    return str(article.meta.get("domain", "")) if article.meta.get("domain") in ("CC", "URW") else ""


class FramingComponent:
    def __init__(self, config: dict[str, Any]):
        self.config = config
        self.model_path = config.get("model", "bundled")
        self.max_entities = int(config.get("max_entities", 20))
        self.max_mentions = int(config.get("max_mentions", 4))
        self.evidence_sentences = int(config.get("evidence_sentences", 2))
        self.finder = ActorFinder(spacy_model=config.get("spacy_model", "auto"))
        self._model: RoleModel | None = None

    @property
    def model(self) -> RoleModel:
        if self._model is None:
            self._model = RoleModel.load(self.model_path)
        return self._model

    def __call__(self, article: Article) -> Article:
        self.pipe([article])
        return article

    def pipe(self, articles: list[Article]) -> list[Article]:
        jobs = []  # (article, actor, [contexts])
        contexts = []
        for art in articles:
            if not art.text.strip():
                art.entities = []
                continue
            actors = self.finder.find(art.text, art.language)
            actors = sorted(actors, key=lambda a: (-len(a.mentions), a.start))[: self.max_entities]
            actors.sort(key=lambda a: a.start)
            ix = SentenceIndex(art.text)
            dom = article_domain(art)
            for actor in actors:
                ctx = [mention_context(ix, m.start, m.end, dom) for m in actor.mentions[: self.max_mentions]]
                jobs.append((art, actor, len(contexts), len(contexts) + len(ctx), ctx))
                contexts.extend(ctx)
            art.entities = []
        if not contexts:
            return articles
        main_p, fine_p = self.model.probabilities(contexts)
        for art, actor, lo, hi, ctx in jobs:
            mp, fp = main_p[lo:hi].mean(axis=0), fine_p[lo:hi].mean(axis=0)
            pred = self.model.decode(mp, fp)
            role_idx = MAIN_ROLES.index(pred.main_role)
            # Evidence: the sentences whose mention casts the actor most clearly in the chosen role.
            strength = main_p[lo:hi, role_idx]
            seen, evidence = set(), []
            for k in np.argsort(-strength):
                span = ctx[int(k)].sentence_span
                if span not in seen:
                    seen.add(span)
                    evidence.append(art.span(*span))
                if len(evidence) >= self.evidence_sentences:
                    break
            first = actor.mentions[0]
            art.entities.append(Entity(
                text=actor.name, start=first.start, end=first.end, main_role=pred.main_role,
                fine_roles=pred.fine_roles, score=round(pred.main_score, 4), fine_role_scores=pred.fine_scores,
                type=actor.type, mentions=[Span(m.start, m.end, art.text[m.start:m.end]) for m in actor.mentions],
                evidence=sorted(evidence, key=lambda s: s.start),
            ))
        return articles


def make_component(config: dict[str, Any]) -> FramingComponent:
    return FramingComponent(config or {})
