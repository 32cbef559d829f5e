"""Entity framing figures on SemEval-2025 Task 10 subtask 1 (all five languages), through the pipeline's text path.

    OMP_NUM_THREADS=1 .venv/bin/python bench/roles_cv.py [--data ../shared/data/semeval2025/train] [--folds 5]
        [--embedder use-m] [--variants full,no-tags,...] [--framed]

The training articles are read as ``narrascope analyze`` reads them (reader + language, clean, attribution), the
gold mentions mapped onto that text, the features taken from the shared analysis (``framing.train.load_corpus``;
cached as a pickle in /work/cache/framing/, outside the repository: it holds context windows of the licensed text).

Printed:
1. held-back English dev: 30% of the English near-duplicate groups (fixed by a hash of the article id) never
   seen in training; the model is trained on everything else (all languages). Exact match (official), main-role
   accuracy, fine micro-F1, and the majority baseline (most frequent main role / fine set of the training part).
2. k-fold CV grouped by article and near-duplicate, all languages pooled, per language, with the majority baseline.
3. with ``--framed``: precision / recall / F1 of "framed" (the actor has a gold role) over the actors the pipeline
   finds, by the same grouped CV, and the threshold picked on the out-of-fold scores; with and without the
   prominence features, the shape rules, the ``cast_by_text`` feature and the cast rule (the last row: bundled).
Variants (``--variants``): ``full`` (the bundled model's settings: side 1.0, mention 0.3, evaluative tags),
``no-tags`` (no parse/narrative tags), ``no-narratives`` (no narrative tags; the side model still reads the text),
``no-embedding``, ``side=W`` (weight of the article-side x actor-camp block; 0: no side model), ``mention=W``,
``eval`` / ``no-eval`` (evaluative tags), ``side-reading`` (the side model also reads the narratives stage's side
reading; lost in session 13), combined with ``+``; the previous round's settings:
``side=0+mention=1+no-eval``. The side model is fitted on the training part's articles only; the role model
trains on its out-of-fold side scores.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Sequence

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.framing.model import RoleModel, decode, sigmoid, softmax  # noqa: E402
from narrascope.framing.scoring import score  # noqa: E402
from narrascope.framing.semeval import MentionRow  # noqa: E402
from narrascope.framing.train import DEFAULTS, LANGUAGES, fit, load_corpus, side_matrix  # noqa: E402

DEV_SHARE = 0.3


def is_dev(example) -> bool:
    """English examples whose near-duplicate group falls in the held-back 30% (hash of the group's id)."""
    return example.lang == "EN" and int(hashlib.sha1(f"g{example.group}".encode()).hexdigest(), 16) % 100 < DEV_SHARE * 100


def is_tune(example) -> bool:
    """A fresh tune part of the training side (never the dev part): 30% of the non-dev English groups, by a
    differently salted hash. Calibration offsets (``@calib``) are picked here only."""
    return (example.lang == "EN" and not is_dev(example)
            and int(hashlib.sha1(f"tune{example.group}".encode()).hexdigest(), 16) % 100 < 30)


def shift(main_p, offsets):
    """Main-role probabilities with per-role log offsets added (what RoleModel's decode main_offsets does)."""
    z = np.log(np.clip(main_p, 1e-12, 1)) + np.asarray(offsets)
    return softmax(z)


def pick_offsets(ex, em, tr, params, articles):
    """Fit on the training side minus the tune part, pick the per-main-role log offsets (Protagonist fixed at 0)
    that maximise main-role accuracy on the tune part, exact match not more than 0.01 below no offsets."""
    tune = [i for i in tr if is_tune(ex[i])]
    rest = [i for i in tr if not is_tune(ex[i])]
    mp, fp, config = predict_probs([ex[i] for i in rest], em[rest], [ex[i] for i in tune], em[tune], params, articles)
    gold = [ex[i].row for i in tune]
    t_ex = [ex[i] for i in tune]
    grid = np.arange(-1.5, 1.51, 0.25)
    s0 = score(gold, rows_from(t_ex, mp, fp, config, DEFAULTS["decode"]))
    best = (s0.main_accuracy, s0.exact_match, (0.0, 0.0, 0.0))
    for a in grid:
        for b in grid:
            o = (0.0, float(a), float(b))
            s = score(gold, rows_from(t_ex, shift(mp, o), fp, config, DEFAULTS["decode"]))
            if s.exact_match >= s0.exact_match - 0.01 and (s.main_accuracy, s.exact_match) > best[:2]:
                best = (s.main_accuracy, s.exact_match, o)
    print(f"   tune part: {len(tune)} mentions; no offsets main {s0.main_accuracy:.3f} EM {s0.exact_match:.3f}; "
          f"picked offsets {best[2]} main {best[0]:.3f} EM {best[1]:.3f}", flush=True)
    return best[2]


def cast_groups(examples):
    """The actor of each mention, for pooling the casting evidence: (article, actor key)."""
    from narrascope.framing.features import actor_key

    return [(e.row.article_id, actor_key(e.context.mention)) for e in examples]


def with_cast(main_p, examples, weight):
    """Main-role probabilities with the text's casting evidence added (what RoleModel's cast_weight does)."""
    from narrascope.framing.casting import actor_offsets

    if not weight:
        return main_p
    off = weight * actor_offsets([e.context.cast for e in examples], cast_groups(examples))
    return softmax(np.log(np.clip(main_p, 1e-12, 1)) + off)


CAST_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
CAMP_GRID = (0.0, 0.25, 0.5, 0.75, 1.0, 1.5)


# Lost experiment (``@camp``; README, "Entity framing"): camps whose actors an article casts together. In the
# English training articles two different actors of the Russian camp (Russia, Putin, the Kremlin, Lavrov …) share
# their main role in 51 of 54 pairs, of the Western camp in 32 of 38; the Ukrainian camp only 17 of 27 (Ukraine is
# a victim where Zelensky is a hero), so it is left out.
PULLED_CAMPS = ("RU", "WEST")


def camp_pull(main_p: np.ndarray, actors: Sequence[object], camps: Sequence[str],
              articles: Sequence[object] | None = None) -> np.ndarray:
    """(n, 3) log offsets: for a mention of a pulled camp, the mean main-role log-probability of the other
    actors of its camp in the same article (each actor averaged over its mentions); zeros elsewhere.
    ``actors[i]``: mention i's actor; ``articles[i]``: its article (None: all one article)."""
    logp = np.log(np.clip(np.asarray(main_p, np.float64), 1e-12, 1.0))
    n = len(logp)
    articles = [0] * n if articles is None else list(articles)
    keys = list(zip(articles, actors))
    mean: dict[object, np.ndarray] = {}
    for k in set(keys):
        mean[k] = logp[[i for i in range(n) if keys[i] == k]].mean(axis=0)
    out = np.zeros((n, 3), np.float32)
    for i in range(n):
        if camps[i] not in PULLED_CAMPS:
            continue
        others = [v for (art, act), v in mean.items()
                  if art == articles[i] and act != actors[i] and camps[keys.index((art, act))] == camps[i]]
        if others:
            out[i] = np.mean(others, axis=0)
    return out


def with_camp(main_p, examples, weight):
    """Main-role probabilities pulled toward the other actors of the same camp in the article."""
    if not weight:
        return main_p
    camps = [e.context.camp for e in examples]
    actors = [g[1] for g in cast_groups(examples)]
    pull = camp_pull(main_p, actors, camps, [e.row.article_id for e in examples])
    return softmax(np.log(np.clip(main_p, 1e-12, 1)) + weight * pull)


def pick_weight(ex, em, tr, params, articles, grid, apply, label, before=None):
    """Fit on the training side minus the tune part; the weight of ``grid`` that maximises main-role accuracy
    on the tune part (``apply(main_p, examples, w)``), exact match not more than 0.01 below weight 0;
    ``before``: applied to the probabilities first."""
    tune = [i for i in tr if is_tune(ex[i])]
    rest = [i for i in tr if not is_tune(ex[i])]
    t_ex = [ex[i] for i in tune]
    mp, fp, config = predict_probs([ex[i] for i in rest], em[rest], t_ex, em[tune], params, articles)
    if before is not None:
        mp = before(mp, t_ex)
    gold = [e.row for e in t_ex]
    scores = {w: score(gold, rows_from(t_ex, apply(mp, t_ex, w), fp, config, DEFAULTS["decode"])) for w in grid}
    s0 = scores[0.0]
    ok = [w for w in grid if scores[w].exact_match >= s0.exact_match - 0.01]
    best = max(ok, key=lambda w: (round(scores[w].main_accuracy, 6), scores[w].exact_match, -w))
    print(f"   tune part: {len(tune)} mentions; {label}: "
          + ", ".join(f"{w}: main {scores[w].main_accuracy:.3f} EM {scores[w].exact_match:.3f}" for w in grid)
          + f"; picked {best}", flush=True)
    return best


def pick_cast_weight(ex, em, tr, params, articles):
    return pick_weight(ex, em, tr, params, articles, CAST_GRID, with_cast, "casting weight")


def pick_camp_weight(ex, em, tr, params, articles, cast_w):
    """As pick_cast_weight, for the camp weight, with the casting evidence (``cast_w``) applied first."""
    return pick_weight(ex, em, tr, params, articles, CAMP_GRID, with_camp, "camp weight",
                       before=lambda mp, t_ex: with_cast(mp, t_ex, cast_w))


def variant(examples, emb, name):
    if "+" in name:  # combinations: "C=10+mention=0.3", "side=1+no-narratives"
        return _combine(examples, emb, name)
    if name == "full":
        return examples, emb, {}
    if name == "no-tags":
        return examples, emb, {"weights": {**DEFAULTS["weights"], "tags": 0.0}}
    if name == "no-narratives":
        ex = [replace(e, context=replace(e.context, tags=[t for t in e.context.tags if not t.startswith("nar=")])) for e in examples]
        return ex, emb, {}
    if name == "no-parse":
        ex = [replace(e, context=replace(e.context, tags=[t for t in e.context.tags if t.startswith("nar=")])) for e in examples]
        return ex, emb, {}
    if name == "no-embedding":
        return examples, emb, {"weights": {**DEFAULTS["weights"], "embedding": 0.0}}
    if name.startswith("C="):
        c = float(name[2:])
        return examples, emb, {"C_main": c, "C_fine": c}
    if name.startswith("emb="):
        return examples, emb, {"weights": {**DEFAULTS["weights"], "embedding": float(name[4:])}}
    if name == "eval":
        return examples, emb, {"evaluative": True}
    if name == "no-eval":
        return examples, emb, {"evaluative": False}
    if name == "side-reading":  # the side model also reads the narratives stage's side reading
        return examples, emb, {"side_reading": True}
    if name == "interact":
        return examples, emb, {"interactions": True}
    if name.startswith("en="):
        return examples, emb, {"language_weights": {"EN": float(name[3:])}}
    if name.startswith("mention="):
        return examples, emb, {"weights": {**DEFAULTS["weights"], "mention": float(name[8:])}}
    if name.startswith("side="):
        return examples, emb, {"weights": {**DEFAULTS["weights"], "side": float(name[5:])}}
    if name.startswith("Cside="):
        return examples, emb, {"C_side": float(name[6:])}
    if name.startswith("tags="):
        return examples, emb, {"weights": {**DEFAULTS["weights"], "tags": float(name[5:])}}
    raise SystemExit(f"unknown variant {name}")


def _combine(examples, emb, name):
    weights = dict(DEFAULTS["weights"])
    out: dict = {}
    for part in name.split("+"):
        examples, emb, p = variant(examples, emb, part)
        w = p.pop("weights", None)
        if w:
            weights.update({k: v for k, v in w.items() if v != DEFAULTS["weights"].get(k)})
        out.update(p)
    out["weights"] = weights
    return examples, emb, out


def predict_probs(train_ex, train_emb, test_ex, test_emb, params, articles=None):
    """Fit on the training part (the side model on its articles only), predict the test part (its side scores
    from that side model)."""
    config, weights = fit(train_ex, train_emb, params, articles=articles)
    model = RoleModel(config, weights)
    ctxs = [e.context for e in test_ex]
    if model.side is not None:
        ids = sorted({e.row.article_id for e in test_ex})
        sc = dict(zip(ids, model.side.scores(side_matrix(articles, ids, bool(model.config.get("side_reading")))).tolist()))
        ctxs = [replace(c, side=sc[e.row.article_id]) for c, e in zip(ctxs, test_ex)]
    X = model.features(ctxs, test_emb)
    predict_probs.last_model = model
    return softmax(np.asarray(X @ model.main_coef.T) + model.main_bias), sigmoid(np.asarray(X @ model.fine_coef.T) + model.fine_bias), config


def rows_from(examples, main_p, fine_p, config, dec):
    out = []
    for e, mp, fp in zip(examples, main_p, fine_p):
        d = decode(mp, fp, config["fine_roles"], config["parent"], dec["second_ratio"], dec["second_min"], dec.get("joint", False))
        out.append(MentionRow(e.row.article_id, e.row.mention, e.row.start, e.row.end, d.main_role, d.fine_roles))
    return out


def majority(train_ex, test_ex):
    main = Counter(e.row.main_role for e in train_ex).most_common(1)[0][0]
    fine = Counter(tuple(sorted(e.row.fine_roles)) for e in train_ex if e.row.main_role == main).most_common(1)[0][0]
    return [MentionRow(e.row.article_id, e.row.mention, e.row.start, e.row.end, main, list(fine)) for e in test_ex]


def line(label, gold, pred):
    s = score(gold, pred)
    return f"{label:34}{s.n:>6}{s.exact_match:>8.3f}{s.main_accuracy:>10.3f}{s.fine_micro_f1:>9.3f}"


def with_predicted_narratives(examples, dev_idx, path="/work/cache/framing/pred_narr_EN_dev.json"):
    """The dev examples' narrative tags rebuilt from the narratives stage's predictions (as in use) instead of
    the gold subtask-2 labels (training keeps gold). Predictions: `narrascope` narratives stage, bundled model
    (trained on all of train, dev included: still optimistic)."""
    import json

    from narrascope.doc import Article, Label
    from narrascope.framing.features import actor_key, narrative_tags

    pred = json.load(open(path))
    out = list(examples)
    for i in dev_idx:
        e = examples[i]
        art = Article(e.row.article_id, narratives=[Label(lab, sc) for lab, sc in pred.get(e.row.article_id, [])])
        tags = [t for t in e.context.tags if not t.startswith("nar=")] + narrative_tags(art, actor_key(e.row.mention))
        out[i] = replace(e, context=replace(e.context, tags=tags))
    return out


def dev_eval(examples, emb, variants, articles=None):
    dev = [i for i, e in enumerate(examples) if is_dev(e)]
    tr = [i for i, e in enumerate(examples) if not is_dev(e)]
    print(f"\nheld-back EN dev: {len(dev)} mentions in {len({examples[i].row.article_id for i in dev})} articles; "
          f"trained on {len(tr)} mentions (all languages, the dev articles' near-duplicates excluded)")
    print(f"{'':34}{'n':>6}{'exact':>8}{'main_acc':>10}{'fine_F1':>9}{'main(no joint)':>15}{'paired':>8}")
    gold = [examples[i].row for i in dev]
    sys.path.insert(0, str(ROOT / "tests" / "framing"))
    from test_paired import paired_predictions

    for name in variants:
        pred_narr = "@predicted-narratives" in name
        calib = "@calib" in name
        cast_w = None
        if "@cast" in name:  # "@cast": weight picked on the tune part; "@cast=W": fixed
            tail = name.split("@cast", 1)[1].split("@")[0]
            cast_w = float(tail[1:]) if tail.startswith("=") else "pick"
        camp_w = None
        if "@camp" in name:  # "@camp": weight picked on the tune part (after the casting weight); "@camp=W": fixed
            tail = name.split("@camp", 1)[1].split("@")[0]
            camp_w = float(tail[1:]) if tail.startswith("=") else "pick"
        name_v = name.replace("@predicted-narratives", "").replace("@calib", "").split("@cast")[0].split("@camp")[0]
        ex, em, params = variant(examples, emb, name_v)
        if pred_narr:
            ex = with_predicted_narratives(ex, set(dev))
        offsets = pick_offsets(ex, em, tr, params, articles) if calib else (0.0, 0.0, 0.0)
        mp, fp, config = predict_probs([ex[i] for i in tr], em[tr], [ex[i] for i in dev], em[dev], params, articles)
        mp = shift(mp, offsets)
        predict_probs.last_model.main_offsets = np.asarray(offsets, np.float32)
        predict_probs.last_model.cast_weight = 0.0  # rows without "@cast" are the model alone
        if cast_w is not None:
            model = predict_probs.last_model
            cast_w = pick_cast_weight(ex, em, tr, params, articles) if cast_w == "pick" else cast_w
            mp = with_cast(mp, [ex[i] for i in dev], cast_w)
            model.cast_weight = cast_w
            predict_probs.last_model = model
        if camp_w is not None:
            camp_w = pick_camp_weight(ex, em, tr, params, articles, cast_w or 0.0) if camp_w == "pick" else camp_w
            mp = with_camp(mp, [ex[i] for i in dev], camp_w)  # not in the model: the paired column ignores it
        nj = score(gold, rows_from([ex[i] for i in dev], mp, fp, config, {**DEFAULTS["decode"], "joint": False})).main_accuracy
        pr = paired_predictions(predict_probs.last_model)
        pacc = sum(r[3] == r[4] for r in pr) / len(pr)
        print(line(name, gold, rows_from([ex[i] for i in dev], mp, fp, config, DEFAULTS["decode"])) + f"{nj:>15.3f}{pacc:>8.2f}", flush=True)
    print(line("majority baseline", gold, majority([examples[i] for i in tr], [examples[i] for i in dev])))


def cv(examples, emb, folds, name, articles=None):
    from sklearn.model_selection import GroupKFold

    ex, em, params = variant(examples, emb, name)
    groups = [e.group for e in ex]
    main_p = np.zeros((len(ex), 3))
    fine_p = np.zeros((len(ex), 22))
    maj: list = [None] * len(ex)
    config = None
    for tr, te in GroupKFold(n_splits=folds).split(ex, groups=groups):
        mp, fp, config = predict_probs([ex[i] for i in tr], em[tr], [ex[i] for i in te], em[te], params, articles)
        main_p[te], fine_p[te] = mp, fp
        for i, r in zip(te, majority([ex[i] for i in tr], [ex[i] for i in te])):
            maj[i] = r
    pred = rows_from(ex, main_p, fine_p, config, DEFAULTS["decode"])
    print(f"\n{folds}-fold CV grouped by article and near-duplicate, all languages pooled: {name}")
    print(f"{'lang':34}{'n':>6}{'exact':>8}{'main_acc':>10}{'fine_F1':>9}   majority EM / main acc")
    for lang in LANGUAGES + ["ALL"]:
        idx = [i for i, e in enumerate(ex) if lang == "ALL" or e.lang == lang]
        m = score([ex[i].row for i in idx], [maj[i] for i in idx])
        print(line(lang, [ex[i].row for i in idx], [pred[i] for i in idx]) + f"   {m.exact_match:.3f} / {m.main_accuracy:.3f}")


def framed_cv(corpus, folds):
    from sklearn.model_selection import GroupKFold

    from narrascope.framing.framed import NUMERIC, FramedModel, cast_by_text, fit_framed, not_cast_by_shape, with_relative

    actors = corpus.actors
    base = corpus.dense_actors()
    ids = [a.article_id for a in actors]
    dense = with_relative(base, ids)  # what FramedModel.probabilities builds for a relative model
    shape = not_cast_by_shape(base)
    cast = cast_by_text(base)
    no_cast_col = [i for i in range(dense.shape[1]) if i != NUMERIC.index("cast_by_text")]
    names = [a.name for a in actors]
    y = np.array([a.framed for a in actors])
    groups = [a.group for a in actors]
    print(f"\nframed or not: {len(actors)} actors found by the pipeline in the training articles, {int(y.sum())} framed "
          f"(gold mentions no found actor covers: {corpus.missed}; gold mentions in dropped lines: {corpus.unmapped})")
    print(f"shape rules (place / cited source / title / expert only): {int(shape.sum())} actors, "
          f"{int(y[shape].sum())} of them framed in the gold")
    print(f"cast by the text (accused / attacked / praised, deceives or harms, called names in >= 25% of its "
          f"mentions): {int(cast.sum())} actors, {int(y[cast].sum())} of them framed in the gold")
    # (C, prominence features, shape rules, cast_by_text feature, cast rule); the bundled settings are the last
    for C, rel, rules, feat, cast_rule in ((0.3, False, False, False, False), (0.3, True, True, False, False),
                                           (0.3, True, True, True, False), (0.3, True, True, False, True),
                                           (0.3, True, True, True, True)):
        p = np.zeros(len(actors))
        d = dense if rel else base
        if not feat:
            d = d[:, [i for i in no_cast_col if i < d.shape[1]]]
        for tr, te in GroupKFold(n_splits=folds).split(actors, groups=groups):
            config, weights = fit_framed(d[tr], [names[i] for i in tr], y[tr], C=C)
            m = FramedModel(config, weights)
            X = m.matrix(d[te], [names[i] for i in te])
            p[te] = 1 / (1 + np.exp(-(np.asarray(X @ m.coef) + m.bias)))
        if rules:
            p[shape] = 0.0
        if cast_rule:
            p[cast] = np.maximum(p[cast], 0.5)
        print(f"C={C} relative={rel} shape_rules={rules} cast_by_text feature={feat} cast rule={cast_rule}")
        for thr in (0.5, 0.55, 0.6):
            pr = p >= thr
            tp = int((pr & (y == 1)).sum())
            en = np.array([a.lang == "EN" for a in actors])
            tpe = int((pr & en & (y == 1)).sum())
            print(f"   threshold {thr:.2f}: P {tp / max(pr.sum(), 1):.3f} R {tp / max(y.sum(), 1):.3f}   "
                  f"EN P {tpe / max((pr & en).sum(), 1):.3f} R {tpe / max((y[en]).sum(), 1):.3f}")
        best = None
        for thr in np.arange(0.3, 0.91, 0.05):
            pr = p >= thr
            tp = int((pr & (y == 1)).sum())
            prec, rec = tp / max(pr.sum(), 1), tp / max(y.sum(), 1)
            f1 = 2 * prec * rec / max(prec + rec, 1e-9)
            if best is None or f1 > best[0]:
                best = (f1, thr, prec, rec)
        print(f"C={C}: OOF-picked threshold {best[1]:.2f}: P {best[2]:.3f} R {best[3]:.3f} F1 {best[0]:.3f}")
        for lang in LANGUAGES:
            idx = np.array([i for i, a in enumerate(actors) if a.lang == lang])
            if not len(idx):
                continue
            pr = p[idx] >= best[1]
            yy = y[idx]
            tp = int((pr & (yy == 1)).sum())
            prec, rec = tp / max(pr.sum(), 1), tp / max(yy.sum(), 1)
            print(f"   {lang}: {len(idx)} actors, {int(yy.sum())} framed: P {prec:.3f} R {rec:.3f}")
    base = y.mean()
    print(f"everything framed (baseline): P {base:.3f} R 1.000 F1 {2 * base / (1 + base):.3f}")


def paired(model_dir: str, cast_weight: float | None = None) -> None:
    """The paired articles of tests/framing/paired_articles.py (written for this project): main role per actor,
    the tuning pairs and the held-out ones apart. ``cast_weight``: override the model's casting weight."""
    sys.path.insert(0, str(ROOT / "tests" / "framing"))
    from paired_articles import HELD_OUT_PAIRS, PAIRS
    from test_paired import paired_predictions

    model = RoleModel.load(model_dir)
    if cast_weight is not None:
        model.cast_weight = cast_weight
    print(f"\ncasting weight {model.cast_weight}")
    for label, pairs in (("paired articles", PAIRS), ("held-out paired articles", HELD_OUT_PAIRS)):
        rows = paired_predictions(model, pairs)
        right = sum(exp == pred for *_, exp, pred in rows)
        print(f"{label} (pro-Kremlin / pro-Ukrainian, {len(rows)} actor casts): main role right {right}/{len(rows)}")
        for name, side, actor, exp, pred in rows:
            print(f"  {name:22}{'pro-Kremlin' if side == 0 else 'pro-Ukrainian':15}{actor:22}{exp:13}{pred:13}{'' if exp == pred else 'WRONG'}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/semeval2025/train"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--embedder", default="use-m")
    ap.add_argument("--cache", default="/work/cache/framing/corpus.pkl")
    ap.add_argument("--variants", default="full,no-tags,no-narratives")
    ap.add_argument("--cv-variants", default="full")
    ap.add_argument("--framed", action="store_true")
    ap.add_argument("--paired", metavar="MODEL", help="also score the paired articles with this model ('bundled')")
    ap.add_argument("--cast-weight", type=float, default=None, help="with --paired: override the model's casting weight")
    args = ap.parse_args()
    if args.paired and not args.variants and not args.cv_variants and not args.framed:
        paired(args.paired, args.cast_weight)
        return 0
    if not Path(args.data).is_dir():
        print(f"needs {args.data} (SemEval-2025 Task 10 train data); not present", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    corpus = load_corpus(args.data, spec=args.embedder, cache=args.cache)
    print(f"{len(corpus.examples)} gold mentions ({corpus.unmapped} in lines the cleaner dropped are left out), "
          f"embedder {args.embedder}; corpus {time.perf_counter() - t0:.0f}s")
    if args.variants:
        dev_eval(corpus.examples, corpus.vectors, args.variants.split(","), corpus.articles)
    for name in filter(None, args.cv_variants.split(",")):
        cv(corpus.examples, corpus.vectors, args.folds, name, corpus.articles)
    if args.framed:
        framed_cv(corpus, args.folds)
    if args.paired:
        paired(args.paired, args.cast_weight)
    return 0


if __name__ == "__main__":
    sys.exit(main())
