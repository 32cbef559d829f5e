"""Training and honest cross-validation of the narrative classifier (``narrascope train narratives``).

Steps: the training articles are read as ``narrascope analyze`` reads them (``data.load_examples``:
the same reader, language and cleaning stages); their rows (sentences, title) are embedded through the
embedding cache; features (``narratives.features``) and the label matrix are built. The *base* models
(one balanced logistic regression per label, the kNN vote, the per-label and ``Other`` TF-IDF models) are
fitted per fold and give out-of-fold scores. The *meta* steps (the ``Other`` stack, the Platt maps, the
polarity-aware conditional maps, the ``Other`` bias per language, the tier cut-points) are fitted, for each
test fold, on the out-of-fold rows of the other folds only, and applied to the test fold: no fold is scored
by anything fitted on its own labels. The final model: base models on all articles, meta steps on all
out-of-fold rows.
"""
from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

import numpy as np

from ...progress import Progress
from .. import polarity as pol
from ..features import (apply_sparse_labels, assemble, doc_stats, knn_scores, label_prompt, sigmoid, sparse_label_matrix,
                        tfidf_rows, tfidf_text)
from ..labels import subnarrative_conflicts
from ..model import FORMAT_VERSION, NarrativeModel
from ..side import article_side, veto
from ..stance import article_stance
from ..stance import veto as stance_veto
from ..taxonomy import Taxonomy
from .cache import EmbeddingCache
from .calibration import (apply_conditional, apply_levels, apply_other_stack, brier, calibrate_conditional, calibrate_levels, ece,
                          fit_other_stack, tier_cuts)
from .data import Example
from .fitting import fit_linear, fit_sparse_labels
from .folds import duplicate_groups, make_folds
from .tuning import ExpectedF1Inputs, LabelSpace, bias_vector, prior_weights, tune_other_bias


@dataclass
class TrainSettings:
    folds: int = 5
    C: float = 3.0
    other_prior: float = 0.25
    min_other_f1: float = 0.0  # tuning keeps F1 on Other articles at least this (a penalty below it)
    seed: int = 0
    max_sentences: int = 80
    embedder_spec: str = "use-m"
    centre: str = "global"  # "global" | "language" | "none"
    knn_weight: float = 0.1
    knn_k: int = 10
    knn_temperature: float = 20.0
    stack_other: bool = True
    tfidf_other: bool = True
    tfidf_features: int = 2 ** 17
    max_labels: int = 8
    tfidf_label_weight: float = 0.65
    tfidf_label_keep: int = 8000
    tfidf_label_C: float = 10.0
    title_row: bool = True  # the title is embedded as one more row
    polarity: bool = True  # side-aware polarity features and polarity-aware maps of the polar labels
    joint_polarity: bool = True  # contradicting polar labels never in one answer
    polarity_strength: float = 3.0  # polarity.adjust: how far the text's side moves the polar labels (0: off); fixed, not tuned
    polarity_maps: bool = False  # learned polarity-aware Platt maps of the polar labels (experiment)
    side_veto: float = 0.0  # > 0: a polar label against a clear article side (|side.article_side| >= this) is never answered
    stance_veto: float = 0.0  # > 0: a climate label against a clear climate stance (|stance.article_stance| >= this) is never answered
    dedup_threshold: float = 0.8  # containment of word 5-shingles that makes two articles one group


@dataclass
class Prepared:
    Xl: np.ndarray
    Xo: np.ndarray
    T: object  # CSR TF-IDF rows, or None
    Y: np.ndarray
    languages: np.ndarray
    net: np.ndarray  # polarity.net per article
    texts: list[str]  # title + text (grouping of near-duplicates; not stored)
    prompt_labels: list[str]
    feature_languages: list[str]
    arrays: dict
    side: np.ndarray | None = None  # side.article_side per article (no quotes: the attribution stage does not run here)
    stance: np.ndarray | None = None  # stance.article_stance per article (climate; no quotes, as ``side``)


@dataclass
class Base:
    W: np.ndarray
    b: np.ndarray
    tfidf_other: tuple | None = None
    tfidf_labels: tuple | None = None
    knn: tuple | None = None


@dataclass
class Meta:
    stack: list[float] | None
    calibration: dict
    conditional: dict
    other_bias: float
    other_bias_by_language: dict
    tiers: dict


@dataclass
class CVResult:
    folds: np.ndarray
    f1_coarse: np.ndarray
    f1_fine: np.ndarray
    decided_other: np.ndarray  # answered Other
    p_other: np.ndarray  # the decided P(Other) (bias applied), per article
    p_sub: np.ndarray  # the decided P(sub) = P(sub | not Other) (1 - P(Other)), per article and subnarrative
    answer: np.ndarray  # the answered subnarrative sets (False rows when Other)
    P: np.ndarray  # raw out-of-fold scores (base models)
    Pt: np.ndarray | None
    metas: list[Meta] = field(default_factory=list)
    tier_of: np.ndarray | None = None  # tiers of the answered subnarratives (test-fold cut-points)


class Trainer:
    def __init__(self, taxonomy: Taxonomy, settings: TrainSettings | None = None, embedder=None,
                 cache_dir: str | Path | None = None, progress: bool = True):
        self.taxonomy = taxonomy
        self.settings = settings or TrainSettings()
        self._embedder = embedder
        self.cache = EmbeddingCache(cache_dir, self.settings.embedder_spec if embedder is None else getattr(embedder, "name", "custom"))
        self.progress = progress
        conflicts = subnarrative_conflicts(taxonomy)
        if self.settings.joint_polarity:
            for a, bs in pol.joint_conflicts(taxonomy.subnarrative_labels).items():
                conflicts.setdefault(a, set()).update(bs)
        self.space = LabelSpace(taxonomy, conflicts)
        self.polar = pol.polar_labels(taxonomy.subnarrative_labels) if self.settings.polarity and self.settings.polarity_maps else {}

    @property
    def embedder(self):
        if self._embedder is None:
            from ...embeddings import get_embedder

            self._embedder = get_embedder(self.settings.embedder_spec)
        return self._embedder

    def log(self, msg: str) -> None:
        if self.progress:
            print(f"narrascope: {msg}", file=sys.stderr, flush=True)

    # -- features ------------------------------------------------------------------------------------
    def rows_of(self, ex: Example) -> tuple[list[str], list[tuple[int, int]]]:
        a = ex.article.analysis
        spans = a.embedded_sentences[: self.settings.max_sentences]
        texts = a.sentence_texts()[: len(spans)]
        if self.settings.title_row and ex.article.title and ex.article.title.strip():
            texts = texts + [ex.article.title.strip()]
        return texts, spans

    def prepare(self, examples: Sequence[Example]) -> Prepared:
        s = self.settings
        self.log(f"embedding {len(examples)} articles ({len(self.cache)} vectors cached)")
        prog = Progress(len(examples), enabled=self.progress)
        embed = lambda t: self.embedder.embed(t, kind="passage")  # noqa: E731
        rows, pcs, texts, sides, stances = [], [], [], [], []
        for i, ex in enumerate(examples):
            rt, spans = self.rows_of(ex)
            rows.append(self.cache.embed(rt, embed) if rt else None)
            title = ex.article.title if s.title_row else None
            pcs.append(pol.counts(ex.article.text or "", spans, title))
            sides.append(article_side(ex.article.text or "", spans, title))
            stances.append(article_stance(ex.article.text or "", spans, title))
            texts.append(tfidf_text(title, ex.article.text or ""))
            prog.update()
            if i % 200 == 199:
                self.cache.save()
        prog.close()
        self.cache.save()
        dim = next(r.shape[1] for r in rows if r is not None and len(r))
        rows = [r if r is not None and len(r) else np.full((1, dim), 1.0 / np.sqrt(dim), np.float32) for r in rows]
        prompt_labels = self.space.labels
        Q = self.cache.embed([label_prompt(self.taxonomy, l) for l in prompt_labels],
                             lambda t: self.embedder.embed(t, kind="query"), kind="query")
        self.cache.save()
        stats = [doc_stats(E_, Q) for E_ in rows]
        sims = np.stack([np.concatenate([st.smax, st.stop]) for st in stats])
        means = np.stack([st.mean for st in stats])
        langs = np.array([ex.language for ex in examples])
        feature_languages = sorted(set(langs.tolist()))
        lang_mean = np.stack([means[langs == l].mean(0) for l in feature_languages]).astype(np.float32)
        lang_sim_mean = np.stack([sims[langs == l].mean(0) for l in feature_languages]).astype(np.float32)
        lang_sim_std = np.stack([sims[langs == l].std(0) for l in feature_languages]).astype(np.float32)
        sim_mean, sim_std = sims.mean(0).astype(np.float32), sims.std(0).astype(np.float32)
        global_mean = means.mean(0).astype(np.float32)
        li = {l: i for i, l in enumerate(feature_languages)}
        pf = [pol.features(c) if s.polarity else None for c in pcs]
        Xo = np.stack([assemble(st, None, sim_mean, sim_std, p) for st, p in zip(stats, pf)])
        if s.centre == "language":
            Xl = np.stack([assemble(st, lang_mean[li[g]], lang_sim_mean[li[g]], lang_sim_std[li[g]], p) for st, g, p in zip(stats, langs, pf)])
        elif s.centre == "global":
            Xl = np.stack([assemble(st, global_mean, sim_mean, sim_std, p) for st, p in zip(stats, pf)])
        else:
            Xl = np.stack([assemble(st, None, sim_mean, sim_std, p) for st, p in zip(stats, pf)])
        T, idf = None, None
        if s.tfidf_other or s.tfidf_label_weight > 0:
            from sklearn.feature_extraction.text import TfidfTransformer

            from ..features import hashing_vectorizer

            counts = hashing_vectorizer(s.tfidf_features).transform(texts)
            idf = TfidfTransformer(sublinear_tf=True).fit(counts).idf_.astype(np.float32)
            T = tfidf_rows(texts, idf).tocsr()
        Y = self.space.matrix([(ex.narratives, ex.subnarratives) for ex in examples])
        net = np.array([pol.net(c) for c in pcs], dtype=float)
        arrays = {"label_queries": Q, "sim_mean": sim_mean, "sim_std": sim_std, "lang_mean": lang_mean, "global_mean": global_mean,
                  "lang_sim_mean": lang_sim_mean, "lang_sim_std": lang_sim_std}
        if idf is not None:
            arrays["tfidf_idf"] = idf
        return Prepared(Xl, Xo, T, Y, langs, net, texts, prompt_labels, feature_languages, arrays, np.array(sides, dtype=float),
                        np.array(stances, dtype=float))

    @property
    def dim(self) -> int:
        return int(getattr(self.embedder, "dim", 384))

    # -- base models ---------------------------------------------------------------------------------
    def fit_base(self, prep: Prepared, rows: np.ndarray) -> Base:
        s = self.settings
        Xl, Xo, Y = prep.Xl[rows], prep.Xo[rows], prep.Y[rows]
        W, b = fit_linear(Xl, Y[:, :-1], s.C)
        Wo, bo = fit_linear(Xo, Y[:, -1:], s.C)
        base = Base(np.vstack([W, Wo]), np.concatenate([b, bo]))
        if prep.T is not None and s.tfidf_other:
            wt, bt = fit_linear(prep.T[rows], Y[:, -1:], s.C)
            base.tfidf_other = (wt[0], bt)
        if prep.T is not None and s.tfidf_label_weight > 0:
            base.tfidf_labels = fit_sparse_labels(prep.T[rows], Y[:, :-1], s.tfidf_label_C, s.tfidf_label_keep)
        if s.knn_weight > 0:
            base.knn = (Xl[:, : prep.arrays["label_queries"].shape[1]], Y[:, :-1])
        return base

    def apply_base(self, base: Base, prep: Prepared, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray | None]:
        s = self.settings
        Xl, Xo = prep.Xl[rows], prep.Xo[rows]
        dim = prep.arrays["label_queries"].shape[1]
        P = np.hstack([sigmoid(Xl @ base.W[:-1].T + base.b[:-1]), sigmoid(Xo @ base.W[-1:].T + base.b[-1:])]).astype(np.float64)
        if base.knn is not None and s.knn_weight > 0:
            a = s.knn_weight
            P[:, :-1] = (1 - a) * P[:, :-1] + a * knn_scores(base.knn[0], base.knn[1], Xl[:, :dim], s.knn_k, s.knn_temperature)
        if base.tfidf_labels is not None:
            a = s.tfidf_label_weight
            off, ind, val, bias = base.tfidf_labels
            W_t = sparse_label_matrix(off, ind, val, prep.T.shape[1])
            P[:, :-1] = (1 - a) * P[:, :-1] + a * apply_sparse_labels(prep.T[rows], W_t, bias)
        Pt = None
        if base.tfidf_other is not None:
            wt, bt = base.tfidf_other
            Pt = sigmoid(np.asarray(prep.T[rows] @ wt).ravel() + bt[0])
        return P, Pt

    def out_of_fold(self, prep: Prepared, folds: np.ndarray, rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """Base-model scores of every article in ``rows`` from the models fitted on the other folds."""
        rows = np.ones(len(prep.Y), bool) if rows is None else rows
        P = np.zeros(prep.Y.shape)
        Pt = np.zeros(len(prep.Y)) if (prep.T is not None and self.settings.tfidf_other) else None
        ks = sorted(set(folds[rows].tolist()))
        prog = Progress(len(ks), unit="folds", enabled=self.progress, every=0.0)
        for f in ks:
            tr, te = rows & (folds != f), rows & (folds == f)
            p, pt = self.apply_base(self.fit_base(prep, tr), prep, te)
            P[te] = p
            if Pt is not None:
                Pt[te] = pt
            prog.update()
        prog.close()
        return P, Pt

    # -- meta steps ----------------------------------------------------------------------------------
    def decide(self, meta: Meta, P: np.ndarray, Pt, prep: Prepared, rows: np.ndarray):
        """(EFI, P(Other) before bias, P(sub | not Other)) of ``rows`` under ``meta``."""
        n_narr = len(self.space.narr)
        Pr = apply_other_stack(P[rows], meta.stack, n_narr, None if Pt is None else Pt[rows])
        Pc = apply_levels(Pr, self.space, meta.calibration)
        cond = apply_conditional(Pr, self.space, meta.conditional, prep.net[rows] if self.polar else None)
        if self.settings.polarity_strength > 0:
            cond = pol.adjust(cond, self.space.subs, prep.net[rows], self.settings.polarity_strength)
        if self.settings.side_veto > 0 and prep.side is not None:
            cond = veto(cond, self.space.subs, prep.side[rows], self.settings.side_veto)
        if self.settings.stance_veto > 0 and prep.stance is not None:
            cond = stance_veto(cond, self.space.subs, prep.stance[rows], self.settings.stance_veto)
        efi = ExpectedF1Inputs.build(cond, Pc[:, -1], prep.Y[rows], self.space, self.settings.max_labels)
        return efi, Pc[:, -1], cond

    def fit_meta(self, P: np.ndarray, Pt, prep: Prepared, rows: np.ndarray) -> Meta:
        s = self.settings
        n_narr = len(self.space.narr)
        Y = prep.Y[rows]
        stack = fit_other_stack(P[rows], Y, n_narr, None if Pt is None else Pt[rows]) if s.stack_other else None
        Pr = apply_other_stack(P[rows], stack, n_narr, None if Pt is None else Pt[rows])
        calib = calibrate_levels(Pr, Y, self.space)
        cond = calibrate_conditional(Pr, Y, self.space, prep.net[rows] if self.polar else None, self.polar)
        meta = Meta(stack, calib, cond, 0.0, {}, {})
        efi, _, _ = self.decide(meta, P, Pt, prep, rows)
        langs = prep.languages[rows]
        meta.other_bias, meta.other_bias_by_language = tune_other_bias(efi, Y, langs, s.other_prior, s.min_other_f1)
        meta.tiers = self._tiers(meta, efi, P, Pt, prep, rows)
        return meta

    def _decided(self, meta: Meta, efi: ExpectedF1Inputs, p_other_raw: np.ndarray, cond: np.ndarray, langs: np.ndarray):
        from ..features import logit

        bias = bias_vector(langs, meta.other_bias, meta.other_bias_by_language)
        O = efi.other(bias)
        p_other = sigmoid(logit(p_other_raw) + bias)
        p_sub = cond * (1 - p_other)[:, None]
        return O, p_other, p_sub

    def _tiers(self, meta: Meta, efi, P, Pt, prep: Prepared, rows: np.ndarray) -> dict:
        _, po_raw, cond = self.decide(meta, P, Pt, prep, rows)
        O, p_other, p_sub = self._decided(meta, efi, po_raw, cond, prep.languages[rows])
        Y = prep.Y[rows]
        _, Gs, Go = self.space.split(Y)
        S = efi.S & ~O[:, None]
        Pn, Gn = self._narrative_scores(cond, p_other), self.space.split(Y)[0]
        N = self.space.narratives_of(S)
        return {"subnarrative": tier_cuts(p_sub[S], Gs[S]), "narrative": tier_cuts(Pn[N], Gn[N]),
                "other": tier_cuts(p_other[O], Go[O])}

    def _narrative_scores(self, cond: np.ndarray, p_other: np.ndarray) -> np.ndarray:
        q = np.ones((len(cond), len(self.space.narr)))
        for j, par in enumerate(self.space.parent):
            q[:, par] *= 1 - cond[:, j]
        return (1 - q) * (1 - p_other)[:, None]

    # -- cross-validation ----------------------------------------------------------------------------
    def make_folds(self, prep: Prepared, rows: np.ndarray | None = None) -> np.ndarray:
        groups = duplicate_groups(prep.texts, list(prep.languages), self.settings.dedup_threshold)
        folds = make_folds(groups, list(prep.languages), self.settings.folds, self.settings.seed)
        if rows is not None:
            folds = np.where(rows, folds, -1)
        return folds

    def cross_validate(self, prep: Prepared, folds: np.ndarray, rows: np.ndarray | None = None) -> CVResult:
        rows = np.ones(len(prep.Y), bool) if rows is None else (rows & (folds >= 0))
        P, Pt = self.out_of_fold(prep, folds, rows)
        return self.score_folds(prep, folds, P, Pt, rows)

    def score_folds(self, prep: Prepared, folds: np.ndarray, P, Pt, rows: np.ndarray, leaky: bool = False) -> CVResult:
        """Decide and score every test fold with meta steps fitted on the other folds' rows. ``leaky``: the
        earlier protocol, kept to measure the leak: stack and maps fitted on all rows, test fold included
        (only the Other bias tuned off the fold)."""
        n = len(prep.Y)
        res = CVResult(folds, np.zeros(n), np.zeros(n), np.zeros(n, bool), np.zeros(n), np.zeros((n, len(self.space.subs))),
                       np.zeros((n, len(self.space.subs)), bool), P, Pt, [], np.full((n, len(self.space.subs)), "", dtype=object))
        meta_all = self.fit_meta(P, Pt, prep, rows) if leaky else None
        for f in sorted(set(folds[rows].tolist())):
            tr, te = rows & (folds != f), rows & (folds == f)
            if leaky:
                efi, _, _ = self.decide(meta_all, P, Pt, prep, tr)
                glob, by_lang = tune_other_bias(efi, prep.Y[tr], prep.languages[tr], self.settings.other_prior, self.settings.min_other_f1)
                meta = Meta(meta_all.stack, meta_all.calibration, meta_all.conditional, glob, by_lang, meta_all.tiers)
            else:
                meta = self.fit_meta(P, Pt, prep, tr)
            res.metas.append(meta)
            self.score_rows(meta, P, Pt, prep, te, res)
        return res

    def score_rows(self, meta: Meta, P, Pt, prep: Prepared, te: np.ndarray, res: CVResult) -> None:
        """Decide the articles ``te`` under ``meta`` and write their F1s, probabilities, answers and tiers into ``res``."""
        efi, po_raw, cond = self.decide(meta, P, Pt, prep, te)
        O, p_other, p_sub = self._decided(meta, efi, po_raw, cond, prep.languages[te])
        res.f1_coarse[te] = np.where(O, efi.f1_other[0], efi.f1_sets[0])
        res.f1_fine[te] = np.where(O, efi.f1_other[1], efi.f1_sets[1])
        res.decided_other[te], res.p_other[te], res.p_sub[te] = O, p_other, p_sub
        S = efi.S & ~O[:, None]
        res.answer[te] = S
        cuts = meta.tiers["subnarrative"]
        t = np.where(p_sub >= cuts[0], "confident", np.where(p_sub >= cuts[1], "likely", "guess"))
        res.tier_of[te] = np.where(S, t, "")

    def evaluate_holdout(self, prep: Prepared, dev: np.ndarray, test: np.ndarray, cv_dev: CVResult) -> CVResult:
        """The held-out part scored by the model trained on the dev part (base models on all dev articles, meta
        steps on the dev out-of-fold rows): nothing about the held-out articles was used."""
        P, Pt = cv_dev.P.copy(), None if cv_dev.Pt is None else cv_dev.Pt.copy()
        p, pt = self.apply_base(self.fit_base(prep, dev), prep, test)
        P[test] = p
        if Pt is not None:
            Pt[test] = pt
        meta = self.fit_meta(cv_dev.P, cv_dev.Pt, prep, dev)
        n = len(prep.Y)
        res = CVResult(np.where(test, 0, -1), np.zeros(n), np.zeros(n), np.zeros(n, bool), np.zeros(n), np.zeros((n, len(self.space.subs))),
                       np.zeros((n, len(self.space.subs)), bool), P, Pt, [meta], np.full((n, len(self.space.subs)), "", dtype=object))
        self.score_rows(meta, P, Pt, prep, test, res)
        return res

    def evaluate_language_held_out(self, prep: Prepared, cv: CVResult, language: str) -> CVResult:
        """One language scored by models that never saw it: base models on the other languages, meta steps on
        the other languages' out-of-fold rows (its Other bias: the global one). Only rows that have out-of-fold
        scores train: the other languages' held-out parts (no scores in ``cv``) are left out of base and meta fits."""
        test = prep.languages == language
        return self.evaluate_holdout(prep, ~test & (cv.folds >= 0), test, cv)

    # -- reports -------------------------------------------------------------------------------------
    def summary(self, cv: CVResult, prep: Prepared, rows: np.ndarray | None = None) -> dict:
        rows = np.ones(len(prep.Y), bool) if rows is None else rows
        rows = rows & (cv.folds >= 0)
        langs = prep.languages
        Y_other = prep.Y[:, -1]
        p = self.settings.other_prior
        out = {}
        for lang in [*sorted(set(langs[rows].tolist())), "ALL"]:
            m = rows & (np.ones(len(langs), bool) if lang == "ALL" else langs == lang)
            r = {"n": int(m.sum()), "n_other": int((m & Y_other).sum())}
            for key, arr, mask in (("coarse", cv.f1_coarse, m), ("fine", cv.f1_fine, m),
                                   ("fine_other", cv.f1_fine, m & Y_other), ("fine_non_other", cv.f1_fine, m & ~Y_other),
                                   ("coarse_non_other", cv.f1_coarse, m & ~Y_other)):
                vals = [arr[mask & (cv.folds == k)].mean() for k in sorted(set(cv.folds[rows].tolist())) if (mask & (cv.folds == k)).any()]
                r[key] = [float(np.mean(vals)), float(np.std(vals))] if vals else None
            for key, arr in (("fine_at_prior", cv.f1_fine), ("coarse_at_prior", cv.f1_coarse)):
                w = prior_weights(Y_other[m], p)
                r[key] = float((arr[m] * w).sum() / w.sum()) if (m & Y_other).any() and (m & ~Y_other).any() else None
            out[lang] = r
        return out

    def calibration_report(self, cv: CVResult, prep: Prepared, rows: np.ndarray | None = None) -> dict:
        """Brier score and ECE of the probabilities the decoder weighed, on the test folds, with Other articles
        re-weighted to the evaluation prior (the decided P(Other) is meant for that prior)."""
        rows = (np.ones(len(prep.Y), bool) if rows is None else rows) & (cv.folds >= 0)
        _, Gs, Go = self.space.split(prep.Y)
        w = prior_weights(Go[rows], self.settings.other_prior)
        ws = np.repeat(w, Gs.shape[1])
        out = {"other": {"brier": brier(cv.p_other[rows], Go[rows], w), "ece": ece(cv.p_other[rows], Go[rows], w), "n": int(rows.sum())},
               "subnarrative": {"brier": brier(cv.p_sub[rows].ravel(), Gs[rows].ravel(), ws),
                                "ece": ece(cv.p_sub[rows].ravel(), Gs[rows].ravel(), ws), "n": int(rows.sum() * Gs.shape[1])}}
        S = cv.answer[rows]
        wa = np.broadcast_to(w[:, None], S.shape)[S]
        out["answered subnarratives"] = {"brier": brier(cv.p_sub[rows][S], Gs[rows][S], wa), "ece": ece(cv.p_sub[rows][S], Gs[rows][S], wa),
                                         "n": int(S.sum())}
        return out

    def tier_report(self, cv: CVResult, prep: Prepared, rows: np.ndarray | None = None) -> dict:
        rows = (np.ones(len(prep.Y), bool) if rows is None else rows) & (cv.folds >= 0)
        _, Gs, _ = self.space.split(prep.Y)
        out = {}
        for t in ("confident", "likely", "guess"):
            m = (cv.tier_of == t) & rows[:, None]
            out[t] = {"n": int(m.sum()), "precision": float(Gs[m].mean()) if m.any() else None}
        return out

    # -- the final model -----------------------------------------------------------------------------
    def train(self, examples: Sequence[Example], data_note: str = "", command: str = "",
              prep: Prepared | None = None, oof: tuple | None = None) -> tuple[NarrativeModel, CVResult]:
        """``oof``: (folds, P, Pt) base-model out-of-fold scores already computed for ``prep`` (the meta steps and
        the scores are redone from them; only the base fits are skipped)."""
        t0 = time.time()
        s = self.settings
        prep = prep or self.prepare(examples)
        self.log("grouping near-duplicate articles (containment), making folds")
        if oof is not None:
            folds, P0, Pt0 = oof
            cv = self.score_folds(prep, folds, P0, Pt0, np.ones(len(prep.Y), bool))
        else:
            folds = self.make_folds(prep)
            self.log(f"{s.folds}-fold cross-validation ({prep.Y.shape[1]} labels)")
            cv = self.cross_validate(prep, folds)
        self.log("fitting the final model (base models on all articles, meta steps on all out-of-fold rows)")
        allrows = np.ones(len(prep.Y), bool)
        meta = self.fit_meta(cv.P, cv.Pt, prep, allrows)
        base = self.fit_base(prep, allrows)
        arrays = dict(prep.arrays)
        if "tfidf_idf" in arrays:
            arrays["tfidf_idf"] = arrays["tfidf_idf"].astype(np.float16)
        if base.tfidf_other is not None:
            arrays.update(tfidf_coef=base.tfidf_other[0].astype(np.float16), tfidf_bias=base.tfidf_other[1])
        if base.tfidf_labels is not None:
            off, ind, val, bias = base.tfidf_labels
            arrays.update(tfidf_label_offsets=off, tfidf_label_indices=ind, tfidf_label_values=val.astype(np.float16),
                          tfidf_label_bias=bias)
        if base.knn is not None:
            arrays.update(knn_docs=base.knn[0].astype(np.float16), knn_labels=base.knn[1])
        langs = prep.languages.tolist()
        summary = self.summary(cv, prep)
        config = {
            "format_version": FORMAT_VERSION,
            "task": "narratives",
            "taxonomy": self.taxonomy.to_dict(),
            "labels": self.space.labels,
            "prompt_labels": prep.prompt_labels,
            "feature_languages": prep.feature_languages,
            "centre": s.centre,
            "embedder": getattr(self.embedder, "name", str(self.embedder)),
            "embedder_spec": s.embedder_spec,
            "max_sentences": s.max_sentences,
            "title_row": s.title_row,
            "polarity": s.polarity,
            "joint_polarity": s.joint_polarity,
            "polarity_strength": s.polarity_strength,
            "side_veto": s.side_veto,
            "stance_veto": s.stance_veto,
            "decode_mode": "expected_f1",
            "expected_f1": {"conditional_calibration": {"listed": meta.conditional["listed"], "x_other": meta.conditional["x_other"]},
                            "polarity_calibration": meta.conditional.get("polar") or {},
                            "other_bias": meta.other_bias, "other_bias_by_language": meta.other_bias_by_language,
                            "max_labels": s.max_labels},
            "calibration": meta.calibration,
            "other_stack": meta.stack,
            "tiers": meta.tiers,
            "knn": {"weight": s.knn_weight, "k": s.knn_k, "temperature": s.knn_temperature},
            "tfidf_labels": {"weight": s.tfidf_label_weight},
            "other_prior": s.other_prior,
            "train_settings": asdict(s),
            "languages": sorted(set(langs)),
            "n_articles": len(langs),
            "articles_per_language": {l: langs.count(l) for l in sorted(set(langs))},
            "cv": {"folds": s.folds, "per_language": summary, "calibration": self.calibration_report(cv, prep),
                   "tiers": self.tier_report(cv, prep)},
            "data_note": data_note,
            "command": command,
            "trained_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "train_seconds": round(time.time() - t0, 1),
        }
        arrays.update(W=base.W, b=base.b)
        return NarrativeModel(self.taxonomy, config, arrays), cv
