"""Train the cleaner's line model (src/narrascope/clean/line_model.json) and report if it helps.

Data: the article-extraction benchmark in ../shared rendered to lines (narrascope.clean.evaluate),
restricted to the lines the rules keep and may judge (not quotes, not article lists, not running
text). 5-fold cross-validation by page picks the threshold; then the script prints, for the rules
alone and for rules + model, the scores on the benchmark (cross-validated), and on our own dev and
held-out sets (model trained on all pages). Writes the model only with --write.

    OMP_NUM_THREADS=1 nice .venv/bin/python eval/cleaning/train_line_model.py [--write] [--max-loss 0.002]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.clean.evaluate import benchmark_docs, load_gold  # noqa: E402
from narrascope.clean.lines import make_line  # noqa: E402
from narrascope.clean.model import FEATURES, LineModel, line_features  # noqa: E402
from narrascope.clean.quotes import protected_lines  # noqa: E402
from narrascope.clean.rules import is_article_like, rule_reasons  # noqa: E402
from narrascope.text import paragraphs  # noqa: E402


def rows(doc):
    spans = paragraphs(doc.text)
    lines = [make_line(doc.text[s:e], s, e) for s, e in spans]
    prot = protected_lines([ln.text for ln in lines])
    reasons, free = rule_reasons(lines, prot, doc.title)
    X = line_features(lines, reasons)
    gold = np.array([r is not None for _, _, r in doc.lines])
    rule_removed = np.array([r is not None for r in reasons])
    judgeable = np.array([reasons[i] is None and free[i] and not is_article_like(lines[i]) for i in range(len(lines))])
    return X, gold, rule_removed, judgeable


def fit(X, y):
    scaler = StandardScaler().fit(X)
    scale = np.where(scaler.scale_ > 0, scaler.scale_, 1.0)
    clf = LogisticRegression(C=1.0, max_iter=2000, class_weight=None).fit((X - scaler.mean_) / scale, y)
    return scaler.mean_, scale, clf.coef_[0], clf.intercept_[0]


def summary(name, gold, removed):
    tp = int((gold & removed).sum()); fp = int((~gold & removed).sum()); fn = int((gold & ~removed).sum())
    art = int((~gold).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"  {name:<34} P={p:.3f} R={r:.3f} F1={f:.3f} article_lines_lost={fp} ({fp / max(art, 1):.2%})")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--max-loss", type=float, default=0.002, help="extra article lines lost allowed (share of article lines)")
    args = ap.parse_args()
    docs = benchmark_docs(Path(args.shared) / "data" / "article-extraction-benchmark")
    data = [rows(d) for d in docs]
    rng = np.random.default_rng(0)
    folds = rng.permutation(len(docs)) % 5
    # cross-validated probabilities for every judgeable line
    probs = [np.zeros(len(d[0])) for d in data]
    for k in range(5):
        tr = [i for i in range(len(docs)) if folds[i] != k]
        X = np.vstack([data[i][0][data[i][3]] for i in tr])
        y = np.concatenate([data[i][1][data[i][3]] for i in tr])
        m = LineModel(*fit(X, y), threshold=0.5)
        for i in range(len(docs)):
            if folds[i] == k:
                probs[i] = m.proba(data[i][0])
    gold = np.concatenate([d[1] for d in data])
    rule = np.concatenate([d[2] for d in data])
    judge = np.concatenate([d[3] for d in data])
    prob = np.concatenate(probs)
    n_art = int((~gold).sum())
    print(f"benchmark: {len(docs)} pages, {len(gold)} lines, {int(judge.sum())} judgeable by the model")
    best = None
    for t in np.arange(0.50, 0.995, 0.02):
        add = judge & (prob >= t)
        extra_fp = int((add & ~gold).sum())
        extra_tp = int((add & gold).sum())
        if extra_fp / n_art <= args.max_loss and (best is None or extra_tp > best[1]):
            best = (float(t), extra_tp, extra_fp)
    if best is None:
        print("no threshold keeps the loss under the limit: the model does not help")
        return 1
    t = best[0]
    print(f"threshold {t:.2f}: +{best[1]} boilerplate lines found, +{best[2]} article lines lost (cross-validated)")
    summary("benchmark, rules alone", gold, rule)
    summary("benchmark, rules + model (5-fold CV)", gold, rule | (judge & (prob >= t)))

    X = np.vstack([d[0][d[3]] for d in data])
    y = np.concatenate([d[1][d[3]] for d in data])
    model = LineModel(*fit(X, y), threshold=t, meta={
        "trained_on": "article-extraction-benchmark (Zyte, MIT), 181 pages rendered to lines; labels from articleBody",
        "rows": int(len(y)), "features": len(FEATURES), "max_loss": args.max_loss,
    })
    for part in ("dev", "test"):
        own = [rows(d) for d in load_gold(ROOT / "eval" / "cleaning" / part)]
        g = np.concatenate([o[1] for o in own])
        r = np.concatenate([o[2] for o in own])
        add = np.concatenate([o[3] & (model.proba(o[0]) >= t) for o in own])
        summary(f"own {part}, rules alone", g, r)
        summary(f"own {part}, rules + model", g, r | add)
    for name, w in sorted(zip(FEATURES, model.coef), key=lambda x: -abs(x[1]))[:8]:
        print(f"    weight {name:<20} {w:+.2f}")
    if args.write:
        out = ROOT / "src" / "narrascope" / "clean" / "line_model.json"
        out.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
