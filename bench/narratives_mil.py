"""Experiment (issue 11 item 4): sentence-level (multiple-instance) evidence from the subtask-3 explanations.

For every subnarrative, a prototype: the mean embedding of the training articles' subtask-3 explanations whose
dominant subnarrative it is (>= 3 of them). An article's evidence for the label is the best match among its
sentences, max_k cos(sentence_k, prototype), standardised per label over the training rows. It moves the
base score: logit P' = logit P + beta * z, with beta chosen on the dev CV and the held-out fifth scored once.
Prototypes of a test fold's articles come from the other folds' explanations only (and the held-out part's
from the dev part's), so no article is scored with its own explanation.

    OMP_NUM_THREADS=1 nice -n 10 .venv/bin/python bench/narratives_mil.py --embedding-cache /work/cache/narratives

Reuses the base-model scores that bench/narratives_gate.py cached (computes them when absent). Needs ../shared.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from narratives_split import add_split_args, load_split  # bench/ is the script's folder, first on sys.path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_split_args(ap)
    ap.add_argument("--betas", type=float, nargs="+", default=[0.0, 0.25, 0.5, 1.0])
    ap.add_argument("--pool", choices=["max", "top3"], default="max")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "bench"))
    from narratives_cv import table

    from narrascope.narratives.features import logit, sigmoid
    from narrascope.narratives.train.trainer import CVResult

    data = Path(args.data)
    if not data.is_dir():
        print(f"needs {data}", file=sys.stderr)
        return 2
    split = load_split(data, args.embedder, args.embedding_cache, args.holdout)
    trainer, prep, examples, test, dev, folds = split.trainer, split.prep, split.examples, split.test, split.dev, split.folds
    settings, langs = trainer.settings, prep.languages
    P, Pt, _ = split.dev_scores()
    Ph, Pth = split.holdout_scores()
    P_all, Pt_all = P.copy(), Pt.copy()
    P_all[test], Pt_all[test] = Ph, Pth

    # sentence rows (from the embedding cache) and the explanations
    embed = lambda t: trainer.embedder.embed(t, kind="passage")  # noqa: E731
    rows = [trainer.cache.embed(trainer.rows_of(ex)[0], embed) for ex in examples]
    index = {(ex.language, ex.id): i for i, ex in enumerate(examples)}
    sub_index = {l: j for j, l in enumerate(trainer.space.subs)}
    exp_of: dict[int, tuple[int, str]] = {}
    for lang_dir in sorted(Path(data).iterdir()):
        f = lang_dir / "subtask-3-annotations.txt"
        if not f.is_file():
            continue
        for line in f.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 4:
                continue
            i, j = index.get((lang_dir.name.upper(), parts[0])), sub_index.get(parts[2].strip())
            if i is not None and j is not None and parts[3].strip():
                exp_of[i] = (j, parts[3].strip())
    ids = sorted(exp_of)
    V = trainer.cache.embed([exp_of[i][1] for i in ids], embed)
    trainer.cache.save()
    exp_lab = np.array([exp_of[i][0] for i in ids])
    exp_row = np.array(ids)
    print(f"{len(ids)} explanations with a subnarrative of the taxonomy", file=sys.stderr)
    n_sub = len(trainer.space.subs)

    def evidence(train_rows: np.ndarray, target: np.ndarray) -> np.ndarray:
        """z (len(target), n_sub): best sentence match to each label's prototype (from train_rows' explanations)."""
        C = np.zeros((n_sub, V.shape[1]), np.float32)
        have = np.zeros(n_sub, bool)
        sel = train_rows[exp_row]
        for j in range(n_sub):
            m = sel & (exp_lab == j)
            if m.sum() >= 3:
                c = V[m].mean(0)
                C[j], have[j] = c / max(np.linalg.norm(c), 1e-9), True
        def pool(E):
            s = E @ C.T
            return s.max(0) if args.pool == "max" or len(s) < 3 else np.sort(s, 0)[-3:].mean(0)
        S_tr = np.stack([pool(rows[i]) for i in np.flatnonzero(train_rows)])
        mu, sd = S_tr.mean(0), S_tr.std(0) + 1e-6
        S = np.stack([pool(rows[i]) for i in np.flatnonzero(target)])
        return np.where(have, (S - mu) / sd, 0.0)

    n_narr = len(trainer.space.narr)
    Z = np.zeros((len(langs), n_sub))
    for f in range(settings.folds):
        te = dev & (folds == f)
        Z[te] = evidence(dev & (folds != f), te)
    Z[test] = evidence(dev, test)

    out = {}
    best, best_b = -1.0, 0.0
    for b in args.betas:
        Pb = P.copy()
        Pb[:, n_narr:n_narr + n_sub] = sigmoid(logit(P[:, n_narr:n_narr + n_sub]) + b * Z)
        cv = trainer.score_folds(prep, folds, Pb, Pt, dev)
        s = trainer.summary(cv, prep, dev)
        out[f"dev beta={b}"] = s
        table(f"DEV CV, explanation-prototype evidence, beta={b} (pool {args.pool})", s)
        if s["ALL"]["fine_at_prior"] > best:
            best, best_b = s["ALL"]["fine_at_prior"], b
    for b in sorted({0.0, best_b}):
        Pb = P_all.copy()
        Pb[:, n_narr:n_narr + n_sub] = sigmoid(logit(P_all[:, n_narr:n_narr + n_sub]) + b * Z)
        meta = trainer.fit_meta(Pb, Pt_all, prep, dev)
        n = len(langs)
        res = CVResult(np.where(test, 0, -1), np.zeros(n), np.zeros(n), np.zeros(n, bool), np.zeros(n), np.zeros((n, n_sub)),
                       np.zeros((n, n_sub), bool), Pb, Pt_all, [meta], np.full((n, n_sub), "", dtype=object))
        trainer.score_rows(meta, Pb, Pt_all, prep, test, res)
        s = trainer.summary(res, prep, test)
        out[f"held-out beta={b}"] = s
        table(f"HELD-OUT fifth, beta={b} ({'chosen on dev' if b == best_b else 'baseline'})", s)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
