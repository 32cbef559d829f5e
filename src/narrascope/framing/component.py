"""The ``framing`` pipeline component: fills ``article.entities``.

Actors come from ``entities.ActorFinder`` over the article's shared analysis (the one spaCy ``Doc``),
mentions merged per actor. First the framed model decides whether the article casts each actor at all;
an actor merely mentioned (a place, a cited outlet, an expert quoted for facts) gets ``framed=False`` and
no role. A cast actor's first mentions are classified by the role model (input: the shared sentence vector
of each mention's sentence, its word window, the parse, the article's narratives); their probabilities are
averaged (an article usually casts an actor one way), then decoded to a main role and fine roles.
Evidence: the sentences of the mentions that most strongly carry the chosen role.

Config ``[components.framing]``: ``model`` ("bundled" or a model directory), ``max_entities``
(most-mentioned actors kept), ``max_mentions`` (mentions per actor sent to the model),
``evidence_sentences``, ``framed_threshold`` ("model" = the threshold stored with the model, or a number;
0 gives every actor a role).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..doc import Article, Entity, Span
from .entities import ActorFinder
from .features import article_domain, context_vectors, extra_texts, mention_contexts  # noqa: F401 (article_domain: API)
from .model import MAIN_ROLES, RoleModel


class FramingComponent:
    def __init__(self, config: dict[str, Any]):
        from ..config import component_settings

        self.config = config = component_settings("framing", config)  # defaults: config/default.toml only
        self.model_path = config["model"]
        self.max_entities = int(config["max_entities"])
        self.max_mentions = int(config["max_mentions"])
        self.evidence_sentences = int(config["evidence_sentences"])
        thr = config["framed_threshold"]
        self.framed_threshold = None if thr in ("model", None, "") else float(thr)
        self.finder = ActorFinder()
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
        from ..analysis import prepare

        live = [a for a in articles if (a.text or "").strip()]
        for a in articles:
            a.entities = []
        if not live:
            return articles
        spec = self.model.embedder
        prepare(live, parse=True, sentence_vectors=[spec])
        plans = []
        extra: list[tuple[Article, str, str]] = []
        for art in live:
            found = self.finder.find_in(art)
            # framed-or-not reads every actor found (its prominence among them), then the most mentioned are kept
            framed_all = self.model.framed_probabilities(art, found)
            keep = sorted(range(len(found)), key=lambda i: (-len(found[i].mentions), found[i].start))[: self.max_entities]
            keep.sort(key=lambda i: found[i].start)
            actors = [found[i] for i in keep]
            framed_p = [framed_all[i] for i in keep]
            ctxs = []
            for actor in actors:
                ms = actor.mentions[: self.max_mentions]
                ctxs.append(mention_contexts(art, [(m.start, m.end) for m in ms]))
            self.model.attach_side(art, [c for cs in ctxs for c in cs])  # the article's side, for every mention
            extra += [(art, t, "passage") for c in ctxs for t in extra_texts(art, c)]
            plans.append((art, actors, framed_p, ctxs))
        if extra:
            prepare(live, texts={spec: extra})
        thr = self.framed_threshold if self.framed_threshold is not None else self.model.framed_threshold
        for art, actors, framed_p, ctxs in plans:
            flat = [c for cs in ctxs for c in cs]
            if not flat:
                continue
            groups = [k for k, cs in enumerate(ctxs) for _ in cs]  # the actor of each mention
            main_p, fine_p = self.model.probabilities(flat, context_vectors(art, flat, spec), groups)
            pos = 0
            for actor, fp_framed, ctx in zip(actors, framed_p, ctxs):
                lo, hi = pos, pos + len(ctx)
                pos = hi
                first = actor.mentions[0]
                mentions = [Span(m.start, m.end, art.text[m.start:m.end]) for m in actor.mentions]
                framed = bool(fp_framed >= thr)
                if not framed:
                    art.entities.append(Entity(text=actor.name, start=first.start, end=first.end, type=actor.type,
                                               mentions=mentions, framed=False, framed_score=round(float(fp_framed), 4),
                                               score=0.0))
                    continue
                mp, fp = main_p[lo:hi].mean(axis=0), fine_p[lo:hi].mean(axis=0)
                pred = self.model.decode(mp, fp)
                role_idx = MAIN_ROLES.index(pred.main_role)
                # Evidence: the sentences whose mention casts the actor most clearly in the chosen role.
                strength = main_p[lo:hi, role_idx]
                seen, evidence = set(), []
                for k in np.argsort(-strength, kind="stable"):
                    span = ctx[int(k)].sentence_span
                    if span[0] < 0 or span in seen:
                        continue
                    seen.add(span)
                    evidence.append(art.span(*span))
                    if len(evidence) >= self.evidence_sentences:
                        break
                art.entities.append(Entity(
                    text=actor.name, start=first.start, end=first.end, main_role=pred.main_role,
                    fine_roles=pred.fine_roles, score=round(pred.main_score, 4), fine_role_scores=pred.fine_scores,
                    type=actor.type, mentions=mentions, evidence=sorted(evidence, key=lambda s: s.start),
                    framed=True, framed_score=round(float(fp_framed), 4),
                ))
        return articles


def make_component(config: dict[str, Any]) -> FramingComponent:
    return FramingComponent(config or {})
