"""Speaker-noun resources learned from the PolNeAR *train* split (never from dev or test).

    .venv/bin/python -m narrascope.attribution.learn /path/to/polnear [--cache DIR]

writes two files into ``lexicons/``:

* ``speaker_heads.txt``: common-noun heads that PolNeAR annotators marked as the source of an attribution at
  least 3 times and in at least 15% of the times they head a subject ("campaign", "poll", "official", "aide");
* ``speaker_nouns.json``: a logistic regression on the spaCy word vector of a head noun (en_core_web_md), trained
  on the same split, that says whether a noun names someone who can speak (a person, group, organisation or a
  document) when the noun is in no lexicon: "conviction", "sanctions", "emphasis" score low, "plumber" high.

Only the train split is read; the model's held-out figure is on lemmas it was not fitted on (a 20% split).
"""
from __future__ import annotations

import argparse
import collections
import json
import math
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent / "lexicons"


def _read_sources(path: Path) -> list[tuple[int, int]]:
    """Character spans of the Source annotations of a brat .ann file."""
    spans = []
    for line in path.read_text("utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2 and parts[1].startswith("Source "):
            offs = parts[1].partition(" ")[2]
            first = offs.split(";")[0].split()
            spans.append((int(first[0]), int(first[1])))
    return spans


def collect(polnear: Path, nlp, cache: Path | None = None):
    """(gold source head lemmas, subject-noun lemmas) counted over the train split."""
    base = polnear / "train"
    items = []
    for txt in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(txt.stem + "_*.ann"))
        if anns:
            items.append((txt.read_text("utf-8"), _read_sources(anns[0])))
    docs = None
    if cache is not None:
        from spacy.tokens import DocBin

        hits = sorted(cache.glob("polnear_train_*.spacy"))
        if hits:
            docs = list(DocBin().from_disk(hits[-1]).get_docs(nlp.vocab))
            if len(docs) != len(items) or any(d.text != t for d, (t, _) in zip(docs, items)):
                docs = None
    if docs is None:
        docs = nlp.pipe([t for t, _ in items], batch_size=16)
    source = collections.Counter()
    subject = collections.Counter()
    for doc, (_, spans) in zip(docs, items):
        heads = set()
        for s, e in spans:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span) and span.root.pos_ == "NOUN":
                heads.add(span.root.i)
                source[span.root.lemma_.lower()] += 1
        for tok in doc:
            if tok.pos_ == "NOUN" and tok.dep_ in ("nsubj", "pobj") and tok.i not in heads:
                subject[tok.lemma_.lower()] += 1
    return source, subject


def fit(source, subject, vocab, seed: int = 13):
    """Lexicon of frequent source heads and a vector model for the rest."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    heads = sorted(l for l, n in source.items() if n >= 3 and n / (n + subject[l]) >= 0.15 and l.isalpha() and len(l) > 2)
    lemmas, X, y = [], [], []
    for lemma in sorted(set(source) | {l for l, n in subject.items() if n >= 3}):
        n_src, n_sub = source[lemma], subject[lemma]
        if not lemma.isalpha() or n_src + n_sub < 3:
            continue
        lex = vocab[lemma]
        if not lex.has_vector:
            continue
        v = lex.vector / (lex.vector_norm or 1.0)
        lemmas.append(lemma)
        X.append(v)
        y.append(int(n_src >= 2 and n_src / (n_src + n_sub) >= 0.15))
    X, y = np.array(X), np.array(y)
    rng = random.Random(seed)
    idx = list(range(len(y)))
    rng.shuffle(idx)
    cut = len(idx) // 5
    test, train = idx[:cut], idx[cut:]
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
    model.fit(X[train], y[train])
    auc = roc_auc_score(y[test], model.predict_proba(X[test])[:, 1])
    acc = float((model.predict(X[test]) == y[test]).mean())
    model.fit(X, y)  # the shipped model sees all train lemmas
    return heads, model, {"lemmas": len(y), "positive": int(y.sum()), "heldout_auc": round(float(auc), 3),
                          "heldout_accuracy": round(acc, 3)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("polnear", type=Path, help="the PolNeAR folder (its train/ split is read, nothing else)")
    ap.add_argument("--cache", type=Path, help="folder with a DocBin of the train split (bench/quality_attribution.py --cache)")
    ap.add_argument("--out", type=Path, default=HERE)
    args = ap.parse_args()
    from ..nlp import load_english

    nlp = load_english()
    source, subject = collect(args.polnear, nlp, args.cache)
    heads, model, info = fit(source, subject, nlp.vocab)
    (args.out / "speaker_heads.txt").write_text(
        "# Head nouns of speakers, induced from the PolNeAR train split (narrascope.attribution.learn): annotated as\n"
        "# an attribution's source >= 3 times and in >= 15% of their subject uses. Never built from dev or test.\n"
        + "\n".join(heads) + "\n", "utf-8")
    (args.out / "speaker_nouns.json").write_text(json.dumps({
        "about": "logistic regression on the unit-length en_core_web_md vector of a head noun: can it name a speaker? "
                 "Trained on the PolNeAR train split (narrascope.attribution.learn).",
        "vectors": nlp.meta.get("name", "") + "-" + nlp.meta.get("version", ""),
        "dim": len(model.coef_[0]), **info,
        "bias": round(float(model.intercept_[0]), 5),
        "weights": [round(float(w), 5) for w in model.coef_[0]],
    }), "utf-8")
    print(f"{len(heads)} speaker heads; noun model: {info}")
    return 0


def score(vector, model: dict) -> float:
    """Probability that a noun with this vector names a speaker (``model``: speaker_nouns.json)."""
    norm = math.sqrt(sum(float(x) * float(x) for x in vector)) or 1.0
    z = model["bias"] + sum(w * float(x) for w, x in zip(model["weights"], vector)) / norm
    return 1.0 / (1.0 + math.exp(-z))


if __name__ == "__main__":
    raise SystemExit(main())
