"""Are the analyst's tiers honest? Precision of the labels shown as confident / likely, on SemEval's held-out
fifth and on neutral war news we wrote (eval/narratives_neutral), before and after the tier corrections of
``narratives.tiers`` (a narrative graded no higher than its best subnarrative; an optional feed prior).

1. **SemEval held-out fifth** (the split of ``bench/narratives_cv.py``: per language, a fifth of the
   near-duplicate groups, never used for a choice): base models trained on the dev part, meta steps and
   cut-points fitted on the dev out-of-fold rows. Precision of the narratives and subnarratives shown at
   each tier, with Other articles re-weighted to the official quarter and to a half (a general feed).
2. **Own neutral articles** (36, five languages, written for this project; ``split`` = tune / test fixed
   when they were written): articles shown any narrative as confident or likely, with the bundled models
   (each language read by the model ``analyze`` gives it).
   The tune half chose the settings; the test half is reported.
3. **Own paired opposites** (eval/narratives_pairs): the cost side, labels of the right side still shown.

    OMP_NUM_THREADS=1 .venv/bin/python bench/narratives_tiers.py --embedding-cache /work/cache/narratives

Needs ../shared/data/semeval2025 for part 1 (parts 2 and 3 run without it; ``--no-semeval``).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from narratives_split import add_split_args, load_split  # bench/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]
VARIANTS = {"before (own cut-points)": dict(cap_narratives=False, feed_other_share=None),
            "cap by subnarrative": dict(cap_narratives=True, feed_other_share=None),
            "cap + feed 50% Other": dict(cap_narratives=True, feed_other_share=0.5),
            "cap + feed 75% Other": dict(cap_narratives=True, feed_other_share=0.75),
            "cap + article side, polar labels (default)": dict(cap_narratives=True, feed_other_share=None, side=True),
            "cap + article side, whole narratives (lost)": dict(cap_narratives=True, feed_other_share=None, side=True,
                                                                whole_narratives=True)}


def semeval_part(args) -> None:
    from narrascope.narratives.side import article_side
    from narrascope.narratives.tiers import grade
    from narrascope.narratives.train.trainer import CVResult
    from narrascope.narratives.train.tuning import prior_weights

    split = load_split(args.data, args.embedder, args.embedding_cache, args.holdout)
    trainer, prep, test, dev = split.trainer, split.prep, split.test, split.dev
    settings, tax = trainer.settings, trainer.taxonomy
    P, Pt, _ = split.dev_scores()
    Ph, Pth = split.holdout_scores()
    meta = trainer.fit_meta(P, Pt, prep, dev)
    P_all, Pt_all = P.copy(), Pt.copy()
    P_all[test], Pt_all[test] = Ph, Pth
    n, space = len(prep.Y), trainer.space
    res = CVResult(np.where(test, 0, -1), np.zeros(n), np.zeros(n), np.zeros(n, bool), np.zeros(n),
                   np.zeros((n, len(space.subs))), np.zeros((n, len(space.subs)), bool), P_all, Pt_all, [meta],
                   np.full((n, len(space.subs)), "", dtype=object))
    trainer.score_rows(meta, P_all, Pt_all, prep, test, res)
    Gn, Gs, Go = space.split(prep.Y)
    other = tax.other_label
    level_cuts = meta.tiers
    cuts_of = lambda l: level_cuts["other" if l == other else "subnarrative" if tax.is_subnarrative(l) else "narrative"]  # noqa: E731
    rows = np.flatnonzero(test)
    print(f"\n## SemEval held-out fifth ({len(rows)} articles, {int(Go[rows].sum())} Other); cut-points from the dev "
          f"out-of-fold rows: {json.dumps(level_cuts)}")
    print("| variant | Other share | level | shown confident (precision) | shown likely (precision) | right labels shown ≥ likely / right answered |")
    print("|---|---|---|---|---|---|")
    for name, variant_kw in VARIANTS.items():
        for share in (0.25, 0.5):
            w = prior_weights(Go[rows], share)
            acc = {lvl: {"confident": [0.0, 0.0], "likely": [0.0, 0.0], "right": [0.0, 0.0]} for lvl in ("narrative", "subnarrative")}
            for wi, i in zip(w, rows):
                S = res.answer[i]
                if not S.any():
                    continue
                p_other = float(res.p_other[i])
                subs = [space.subs[j] for j in np.flatnonzero(S)]
                cond = res.p_sub[i] / max(1e-9, 1.0 - p_other)
                narrs = sorted({space.narr[space.parent[j]] for j in np.flatnonzero(S)})
                scores = {other: p_other, **{space.subs[j]: float(res.p_sub[i, j]) for j in np.flatnonzero(S)}}
                for nl in narrs:
                    kids = [j for j in range(len(space.subs)) if space.narr[space.parent[j]] == nl]
                    scores[nl] = float((1.0 - np.prod(1.0 - cond[kids])) * (1.0 - p_other))
                kw = dict(variant_kw)
                if kw.get("side"):  # the article's side as the model reads it (no quotes here: no attribution stage)
                    a = split.examples[i].article
                    kw["side"] = article_side(a.text or "", a.analysis.embedded_sentences, a.title)
                tiers = grade(tax, cuts_of, narrs, subs, scores, other_prior=settings.other_prior, **kw)
                for lvl, labels in (("narrative", narrs), ("subnarrative", subs)):
                    for l in labels:
                        right = bool(Gn[i, space.narr.index(l)] if lvl == "narrative" else Gs[i, space.subs.index(l)])
                        t = tiers[l]
                        for k in ("confident", "likely"):
                            if t == k or (k == "likely" and t == "confident"):
                                acc[lvl][k][0] += wi
                                acc[lvl][k][1] += wi * right
                        if right:
                            acc[lvl]["right"][1] += wi
                            acc[lvl]["right"][0] += wi * (t in ("confident", "likely"))
            for lvl, a in acc.items():
                f = lambda k: f"{a[k][0]:.0f} ({a[k][1] / a[k][0]:.3f})" if a[k][0] else "0"  # noqa: E731
                print(f"| {name} | {share:.0%} | {lvl} | {f('confident')} | {f('likely')} | "
                      f"{a['right'][0]:.0f} / {a['right'][1]:.0f} ({a['right'][0] / max(a['right'][1], 1e-9):.3f}) |")


def own_part(args) -> None:
    from narrascope.narratives.component import component_settings, make_router

    settings = component_settings({})  # "bundled": each language read by the model `analyze` gives it
    if args.model != "bundled":
        settings = {**settings, "model": args.model, "models_by_language": {}}
    router = make_router(settings)
    router.set_feed_other_share(None)
    seen: dict = {}
    for m in router.models:
        def spy(n, s, scores, side=None, m=m, graded=m.feed_tiers):
            seen["last"] = (m, list(n), list(s), dict(scores))
            seen["side"] = side
            return graded(n, s, scores, side)

        m.feed_tiers = spy
    sets = [("neutral", json.loads(x)) for x in (ROOT / "eval" / "narratives_neutral" / "articles.jsonl").read_text("utf-8").splitlines() if x.strip()]
    sets += [("pairs", json.loads(x)) for x in (ROOT / "eval" / "narratives_pairs" / "pairs.jsonl").read_text("utf-8").splitlines() if x.strip()]
    done = []
    for kind, r in sets:
        router.model_for(r["language"]).predict(r["text"], language=r["language"], title=r.get("title"))
        done.append((kind, r, seen["last"], seen.get("side")))
    from narrascope.narratives.pairs import SIDES
    from narrascope.narratives.polarity import served_side
    from narrascope.narratives.tiers import grade

    print("\n## Own articles, bundled model")
    print("| variant | neutral tune: articles shown a narrative ≥ likely | neutral test | pairs: articles shown a right-side label ≥ likely | pairs: wrong-side labels shown ≥ likely (polar labels and the narratives that serve a side) |")
    print("|---|---|---|---|---|")
    for name, variant_kw in VARIANTS.items():
        c = {"tune": [0, 0], "test": [0, 0], "pairs": [0, 0], "wrong": 0}
        for kind, r, (model, narrs, subs, scores), side in done:
            cuts_of = lambda l, model=model: (model.config.get("tiers") or {}).get(model.level(l))  # noqa: E731
            kw = {**variant_kw, "side": side if variant_kw.get("side") else None}
            t = grade(model.taxonomy, cuts_of, narrs, subs, scores, other_prior=float(model.config.get("other_prior", 0.25)), **kw)
            shown = [lab for lab, v in t.items() if lab != model.taxonomy.other_label and v in ("confident", "likely")]
            if kind == "neutral":
                c[r["split"]][0] += 1
                c[r["split"]][1] += bool(shown)
                continue
            c["pairs"][0] += 1
            side = SIDES[r["side"]]
            polar = [lab for lab in shown if served_side(lab)]  # polar labels and the narratives that serve a side
            c["pairs"][1] += any(served_side(lab) == side for lab in polar)
            c["wrong"] += sum(served_side(lab) != side for lab in polar)
        print(f"| {name} | {c['tune'][1]} / {c['tune'][0]} | {c['test'][1]} / {c['test'][0]} | {c['pairs'][1]} / {c['pairs'][0]} | {c['wrong']} |")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_split_args(ap)
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--no-semeval", action="store_true")
    args = ap.parse_args()
    own_part(args)
    if not args.no_semeval:
        if not Path(args.data).is_dir():
            print(f"needs {args.data} for the SemEval part (or --no-semeval)", file=sys.stderr)
            return 2
        semeval_part(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
