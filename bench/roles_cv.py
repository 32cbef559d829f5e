"""Cross-validated entity framing figures (SemEval-2025 Task 10 subtask 1, all five languages pooled).

    .venv/bin/python bench/roles_cv.py [--data ../shared/data/semeval2025/train] [--folds 5]

Prints, per language and overall: exact match of the fine-role set (official metric), main-role accuracy,
fine-role micro-F1 for our model and for the majority baseline computed on the same folds (most frequent main
role and fine-role set of the training folds), and prediction time per article (fresh embeddings, no cache).
Folds are grouped by article. Decoding thresholds are picked on the pooled out-of-fold scores (a grid of 20
settings), so the figures are slightly optimistic on that part. Embeddings are cached in
/work/cache/framing/emb_cache.npz (or --cache).
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.framing.cache import EmbeddingCache  # noqa: E402
from narrascope.framing.model import MAIN_ROLES, RoleModel, decode, sigmoid, softmax  # noqa: E402
from narrascope.framing.scoring import score  # noqa: E402
from narrascope.framing.semeval import MentionRow  # noqa: E402
from narrascope.framing.train import DEFAULTS, LANGUAGES, fit, load_examples  # noqa: E402


def oof_probs(examples, emb, folds, params):
    from sklearn.model_selection import GroupKFold

    groups = [e.row.article_id for e in examples]
    main_p = np.zeros((len(examples), 3))
    fine_p = None
    config = None
    for tr, te in GroupKFold(n_splits=folds).split(examples, groups=groups):
        config, weights = fit([examples[i] for i in tr], emb[tr], params)
        model = RoleModel(config, weights)
        X = model.features([examples[i].context for i in te], emb[te])
        main_p[te] = softmax(np.asarray(X @ model.main_coef.T) + model.main_bias)
        fp = sigmoid(np.asarray(X @ model.fine_coef.T) + model.fine_bias)
        if fine_p is None:
            fine_p = np.zeros((len(examples), fp.shape[1]))
        fine_p[te] = fp
    return main_p, fine_p, config


def decode_all(examples, main_p, fine_p, config, ratio, minimum, joint=False):
    rows = []
    for e, mp, fp in zip(examples, main_p, fine_p):
        d = decode(mp, fp, config["fine_roles"], config["parent"], ratio, minimum, joint)
        rows.append(MentionRow(e.row.article_id, e.row.mention, e.row.start, e.row.end, d.main_role, d.fine_roles))
    return rows


def majority_rows(examples, folds):
    from sklearn.model_selection import GroupKFold

    groups = [e.row.article_id for e in examples]
    out: list = [None] * len(examples)
    for tr, te in GroupKFold(n_splits=folds).split(examples, groups=groups):
        main = Counter(examples[i].row.main_role for i in tr).most_common(1)[0][0]
        fine = Counter(tuple(sorted(examples[i].row.fine_roles)) for i in tr if examples[i].row.main_role == main).most_common(1)[0][0]
        for i in te:
            r = examples[i].row
            out[i] = MentionRow(r.article_id, r.mention, r.start, r.end, main, list(fine))
    return out


def report(examples, pred, label):
    print(f"\n{label}")
    print(f"{'lang':6}{'n':>6}{'exact':>8}{'main_acc':>10}{'fine_F1':>9}")
    for lang in LANGUAGES + ["ALL"]:
        idx = [i for i, e in enumerate(examples) if lang == "ALL" or e.lang == lang]
        s = score([examples[i].row for i in idx], [pred[i] for i in idx])
        print(f"{lang:6}{s.n:>6}{s.exact_match:>8.3f}{s.main_accuracy:>10.3f}{s.fine_micro_f1:>9.3f}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/semeval2025/train"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cache", default="/work/cache/framing/emb_cache.npz")
    ap.add_argument("--timing-articles", type=int, default=10)
    args = ap.parse_args()
    if not Path(args.data).is_dir():
        print(f"needs {args.data} (SemEval-2025 Task 10 train data); not present", file=sys.stderr)
        return 2
    examples = load_examples(args.data)
    emb = EmbeddingCache(args.cache).embed([e.context.embedding_text() for e in examples])
    t0 = time.perf_counter()
    main_p, fine_p, config = oof_probs(examples, emb, args.folds, DEFAULTS)
    print(f"{len(examples)} mentions, {len({e.row.article_id for e in examples})} articles, {args.folds}-fold CV grouped by article "
          f"(train+predict {time.perf_counter() - t0:.0f}s)")
    best = None
    for joint in (False, True):
        for ratio in (0.5, 0.6, 0.7, 0.8, 0.9, 1.01):
            for minimum in (0.2, 0.3, 0.4, 0.5):
                rows = decode_all(examples, main_p, fine_p, config, ratio, minimum, joint)
                em = score([e.row for e in examples], rows).exact_match
                if best is None or em > best[0]:
                    best = (em, ratio, minimum, joint)
    d = DEFAULTS["decode"]
    print(f"decode picked on OOF: second_ratio={best[1]} second_min={best[2]} joint={best[3]} (defaults {d})")
    report(examples, decode_all(examples, main_p, fine_p, config, d["second_ratio"], d["second_min"], d.get("joint", False)), "narrascope roles model (default decode)")
    report(examples, decode_all(examples, main_p, fine_p, config, d["second_ratio"], d["second_min"], not d.get("joint", False)), f"narrascope roles model (default thresholds, joint={not d.get('joint', False)})")
    report(examples, decode_all(examples, main_p, fine_p, config, best[1], best[2], best[3]), "narrascope roles model (OOF-picked decode)")
    report(examples, majority_rows(examples, args.folds), "majority baseline (same folds)")
    if args.timing_articles:
        timing(args)
    return 0


def timing(args):
    """Seconds per article to predict roles for its gold mentions, embeddings computed fresh."""
    from narrascope.framing.features import SentenceIndex, domain_of, mention_context
    from narrascope.framing.semeval import load_articles, locate, read_rows

    model = RoleModel.load()
    rows = read_rows(Path(args.data) / "EN" / "subtask-1-annotations.txt")
    ids = sorted({r.article_id for r in rows})[: args.timing_articles]
    docs = load_articles(Path(args.data) / "EN", set(ids))
    model.predict([mention_context(SentenceIndex("warm up."), 0, 4)])
    t0 = time.perf_counter()
    n = 0
    for aid in ids:
        ix = SentenceIndex(docs[aid])
        ctx = [mention_context(ix, *locate(docs[aid], r), domain_of(aid)) for r in rows if r.article_id == aid]
        model.predict(ctx)
        n += len(ctx)
    dt = time.perf_counter() - t0
    print(f"\ntime: {dt / len(ids):.3f} s/article ({n} mentions in {len(ids)} EN articles, bundled model, fresh embeddings)")


if __name__ == "__main__":
    sys.exit(main())
