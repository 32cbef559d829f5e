"""The Other gate by held-out language: variants of the meta steps measured on languages the models never saw.

For each language L the base models are fitted on the *dev* part of the other four languages and score every
article of L. The gate variants differ only in the meta steps (Other stack, Platt maps, Other bias), always
fitted on the other languages' rows:

- ``seen``: meta fitted on the dev-CV out-of-fold scores of the other languages (the trainer's protocol;
  those scores come from models that had seen each row's language). Global Other bias for L.
- ``unseen``: meta fitted on the other languages' *held-out-language* scores (each row scored by base
  models that never saw its language), i.e. on scores made in the condition the gate is then used in.
- ``mixed``: both sets of rows (seen and unseen scores of the same articles), one meta fit.
- ``... -tfidf``: the Other stack without the TF-IDF Other input (word n-grams do not cross languages).
- ``... nostack``: no Other stack (P(Other) from the embedding model alone, Platt-mapped).
- ``... quantile``: a prior on the official share instead of the tuned bias: in each batch of articles of
  one language, the 25% with the largest Other margin answer Other (label-free, but needs a batch). Scored on
  batches resampled to a 25% Other share (200 draws).

Selection is on L's dev part; L's held-out fifth (never used for anything else) is reported once beside it.
``mixed`` is also measured on the seen-language dev CV (every fold's meta fitted off the fold), so that what
it costs where the language is known is on the same table.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/narratives_gate.py --embedding-cache /work/cache/narratives

The base-model scores are cached in the embedding-cache folder (``gate-scores-*.npz``). Needs ../shared.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

import numpy as np
from narratives_split import add_split_args, load_split  # bench/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]


def doubled(prep, k: int = 2):
    """A Prepared whose label rows are repeated k times (the meta steps read only Y, languages, net)."""
    return dataclasses.replace(prep, Y=np.vstack([prep.Y] * k), languages=np.concatenate([prep.languages] * k),
                               net=np.concatenate([prep.net] * k))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_split_args(ap)
    ap.add_argument("--draws", type=int, default=200)
    ap.add_argument("--variants", nargs="+", help="only these LOLO variants (default: all)")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()

    from narrascope.narratives.train.tuning import prior_weights

    data = Path(args.data)
    if not data.is_dir():
        print(f"needs {data}", file=sys.stderr)
        return 2
    split = load_split(data, args.embedder, args.embedding_cache, args.holdout)
    trainer, prep, test, dev, folds = split.trainer, split.prep, split.test, split.dev, split.folds
    settings, langs = trainer.settings, prep.languages

    def without_each_language(P, Pt) -> dict:
        """Base scores of each language from models that never saw it (dev rows only)."""
        Pl, Ptl = np.zeros_like(P), np.zeros_like(Pt)
        for L in sorted(set(langs.tolist())):
            trainer.log(f"base models without {L}")
            te = langs == L
            p, pt = trainer.apply_base(trainer.fit_base(prep, dev & ~te), prep, te)
            Pl[te], Ptl[te] = p, pt
        return {"Pl": Pl, "Ptl": Ptl}

    P, Pt, more = split.dev_scores(extra=without_each_language)
    if "Pl" not in more:  # the cache was written by a bench that needed no LOLO scores
        more = without_each_language(P, Pt)
        split.save_dev_scores(P, Pt, **more)
    Pl, Ptl = more["Pl"], more["Ptl"]
    Yo = prep.Y[:, -1]
    rng = np.random.RandomState(0)

    def gate(meta_P, meta_Pt, meta_rows, prep_meta, test_P, test_Pt, rows, quantile=False, by_language=True):
        """(O, F1@fine) on ``rows`` with the meta steps fitted on ``meta_rows`` of (meta_P, prep_meta)."""
        meta = trainer.fit_meta(meta_P, meta_Pt, prep_meta, meta_rows)
        efi, _, _ = trainer.decide(meta, test_P, test_Pt, prep, rows)
        bias = np.array([meta.other_bias_by_language.get(l, meta.other_bias) for l in langs[rows]])
        margin = efi.other_logit - np.log(np.maximum(efi.ef1, 1e-9))
        f_set, f_oth = efi.f1_sets[1], efi.f1_other[1]
        gate.margin = margin
        if not quantile:
            O = efi.other(bias if by_language else np.full(len(bias), meta.other_bias))
            return O, np.where(O, f_oth, f_set), None
        # label-free: per batch, the top quarter by margin answers Other; batches resampled to 25% Other
        yo = Yo[rows]
        io, ino = np.flatnonzero(yo), np.flatnonzero(~yo)
        n_o = min(len(io), len(ino) // 3) if len(ino) >= 3 else 0
        vals, share = [], []
        for _ in range(args.draws if n_o else 0):
            s = np.concatenate([rng.choice(io, n_o, replace=False), rng.choice(ino, 3 * n_o, replace=False)])
            thr = np.quantile(margin[s], 0.75)
            O = margin[s] >= thr
            vals.append(np.where(O, f_oth[s], f_set[s]).mean())
        O = margin >= np.quantile(margin, 1 - 0.25)  # on the batch as it is (for P/R only)
        return O, np.where(O, f_oth, f_set), (float(np.mean(vals)) if vals else None)

    def auc(score, y):
        """ROC AUC of ``score`` for y (Mann-Whitney), None when one class is absent."""
        if y.all() or not y.any():
            return None
        r = np.argsort(np.argsort(score)) + 1.0
        return float((r[y].sum() - y.sum() * (y.sum() + 1) / 2) / (y.sum() * (~y).sum()))

    def report(O, f1, rows, q=None):
        yo = Yo[rows]
        tp = (O & yo).sum()
        p, r = tp / max(O.sum(), 1), tp / max(yo.sum(), 1)
        w = prior_weights(yo, 0.25)
        at = float((f1 * w).sum() / w.sum()) if yo.any() and (~yo).any() else None
        return {"n": int(rows.sum()), "n_other": int(yo.sum()), "P": float(p), "R": float(r), "F1_other": float(2 * p * r / max(p + r, 1e-9)),
                "fine": float(f1.mean()), "fine_non_other": float(f1[~yo].mean()), "fine_at_25": q if q is not None else at,
                "auc": auc(gate.margin, yo)}

    dup = doubled(prep)

    def nostack(fn):
        """The same with no Other stack: P(Other) is the embedding model's alone (Platt-mapped), the input that
        ranks Other articles best in languages the models never saw."""
        def run(*a, **k):
            settings.stack_other = False
            try:
                return fn(*a, **k)
            finally:
                settings.stack_other = True
        return run

    variants = {
        "seen": lambda L, rows, q=False: gate(P, Pt, dev & (langs != L), prep, Pl, Ptl, rows, q),
        "unseen": lambda L, rows, q=False: gate(Pl, Ptl, dev & (langs != L), prep, Pl, Ptl, rows, q),
        "mixed": lambda L, rows, q=False: gate(np.vstack([P, Pl]), np.concatenate([Pt, Ptl]), np.tile(dev & (langs != L), 2), dup, Pl, Ptl, rows, q),
        "seen -tfidf": lambda L, rows, q=False: gate(P, None, dev & (langs != L), prep, Pl, None, rows, q),
        "unseen -tfidf": lambda L, rows, q=False: gate(Pl, None, dev & (langs != L), prep, Pl, None, rows, q),
        "mixed -tfidf": lambda L, rows, q=False: gate(np.vstack([P, Pl]), None, np.tile(dev & (langs != L), 2), dup, Pl, None, rows, q),
    }
    variants["seen nostack"] = nostack(variants["seen"])
    variants["unseen nostack"] = nostack(variants["unseen"])
    out: dict = {"lolo": {}, "seen_cv": {}}
    print("\nOTHER GATE BY HELD-OUT LANGUAGE (base models never saw the language; meta on the other languages)")
    print("| variant | part | language | n (Other) | Other P | Other R | Other F1 | Other-margin AUC | F1@fine | non-Other | F1@fine @25% |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for name, fn in variants.items():
        if args.variants and name not in args.variants:
            continue
        for q in (False, True):
            vname = name + (" quantile" if q else "")
            out["lolo"][vname] = {}
            for part, mask in (("dev", dev), ("held-out", test)):
                acc = []
                for L in sorted(set(langs.tolist())):
                    rows = mask & (langs == L)
                    O, f1, qq = fn(L, rows, q)
                    r = report(O, f1, rows, qq)
                    out["lolo"][vname][f"{part}:{L}"] = r
                    acc.append(r)
                    g = lambda k: "-" if r[k] is None else f"{r[k]:.3f}"  # noqa: E731
                    print(f"| {vname} | {part} | {L} | {r['n']} ({r['n_other']}) | {g('P')} | {g('R')} | {g('F1_other')} | {g('auc')} | {g('fine')} | "
                          f"{g('fine_non_other')} | {g('fine_at_25')} |")
                m = lambda k: float(np.mean([a[k] for a in acc if a[k] is not None]))  # noqa: E731
                out["lolo"][vname][f"{part}:mean"] = {k: m(k) for k in ("F1_other", "auc", "fine", "fine_non_other", "fine_at_25")}
                print(f"| {vname} | {part} | **mean of 5** | | | | {m('F1_other'):.3f} | {m('auc'):.3f} | {m('fine'):.3f} | {m('fine_non_other'):.3f} | **{m('fine_at_25'):.3f}** |",
                      flush=True)

    # the same meta variants where the language is known: the dev CV (meta of fold f fitted off fold f)
    print("\nSEEN-LANGUAGE DEV CV (per-language Other bias where a language has >= 10 Other articles)")
    print("| variant | language | Other F1 | Other-margin AUC | F1@fine | non-Other | F1@fine @25% |")
    print("|---|---|---|---|---|---|---|")
    for name in ("seen", "seen global bias", "mixed", "seen -tfidf", "mixed -tfidf", "seen nostack"):
        if args.variants and name.replace(" global bias", "") not in args.variants:
            continue
        tf = "-tfidf" not in name
        settings.stack_other = "nostack" not in name
        M_all = np.zeros(len(langs))
        O_all, F_all = np.zeros(len(langs), bool), np.zeros(len(langs))
        for f in range(settings.folds):
            tr, te = dev & (folds != f), dev & (folds == f)
            if name.startswith("mixed"):
                # unseen-language scores of the training folds' rows (models without their language; those saw fold f
                # only through other languages' rows)
                O, f1, _ = gate(np.vstack([P, Pl]), np.concatenate([Pt, Ptl]) if tf else None, np.tile(tr, 2), dup, P, Pt if tf else None, te)
            else:
                O, f1, _ = gate(P, Pt if tf else None, tr, prep, P, Pt if tf else None, te, by_language="global" not in name)
            O_all[te], F_all[te], M_all[te] = O, f1, gate.margin
        out["seen_cv"][name] = {}
        for L in [*sorted(set(langs.tolist())), "ALL"]:
            rows = dev & ((langs == L) if L != "ALL" else True)
            gate.margin = M_all[rows]
            r = report(O_all[rows], F_all[rows], rows)
            out["seen_cv"][name][L] = r
            a = "-" if r["auc"] is None else f"{r['auc']:.3f}"
            print(f"| {name} | {L} | {r['F1_other']:.3f} | {a} | {r['fine']:.3f} | {r['fine_non_other']:.3f} | {r['fine_at_25']:.3f} |", flush=True)
        settings.stack_other = True
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
