"""How often does the article's climate stance (``narratives.stance.article_stance``) agree with the side its gold
climate narratives serve? The stance caps (and may veto) labels of the other side, so it must be right when it speaks.

For every SemEval training article whose gold labels serve one side of the climate debate only
(``stance.served_stance``: "Amplifying Climate Fears" for alarm; downplaying, questioning the science, attacking
the movement, hidden plots, doubting green technology, "beneficial", "geopolitical instruments" for scepticism)
the stance read from its text and title (no quotes: the attribution stage does not run here) either agrees,
contradicts, or stays below the rule's threshold. Also printed: how the climate articles whose gold is ``Other``
read (the veto would push labels of one side off those). The dev part of the shared split (``narratives_split``)
chooses; the held-out fifth is printed for the chosen rule only. Choice rule, fixed before the run: the threshold
that speaks on the most dev articles among those whose agreement is at least ``MIN_PRECISION``.

    .venv/bin/python bench/narratives_stance_agreement.py --embedding-cache /work/cache/narratives [--by-language]

Needs ../shared/data/semeval2025 (research-use-only data, never copied into the repo).
"""
from __future__ import annotations

import argparse
import sys

import numpy as np
from narratives_split import add_split_args, load_split  # bench/ is the script's folder, first on sys.path

THRESHOLDS = (0.3, 0.5, 0.7)
MIN_PRECISION = 0.9


def gold_stances(split) -> tuple[np.ndarray, np.ndarray]:
    """(+1 / -1 where every gold label that serves a climate side serves that one, 0 elsewhere;
    True where the article is about climate (a gold CC label) or is a climate article answered ``Other``)."""
    from narrascope.narratives.stance import served_stance

    space = split.trainer.space
    Gn, Gs, _ = space.split(split.prep.Y)
    out = np.zeros(len(split.prep.Y), int)
    climate = np.zeros(len(out), bool)
    for i, ex in enumerate(split.examples):
        labels = [space.subs[j] for j in np.flatnonzero(Gs[i])] + [space.narr[j] for j in np.flatnonzero(Gn[i])]
        signs = {served_stance(lab) for lab in labels} - {0}
        out[i] = signs.pop() if len(signs) == 1 else 0
        climate[i] = any(lab.startswith("CC:") for lab in labels) or "_CC_" in str(ex.article.id)
    return out, climate


def tally(st: np.ndarray, gold: np.ndarray, rows: np.ndarray, t: float) -> tuple[int, int, int]:
    agree = against = quiet = 0
    for i in np.flatnonzero(rows & (gold != 0)):
        if abs(st[i]) < t:
            quiet += 1
        elif st[i] * gold[i] > 0:
            agree += 1
        else:
            against += 1
    return agree, against, quiet


def others(st: np.ndarray, climate: np.ndarray, gold_other: np.ndarray, rows: np.ndarray, t: float) -> str:
    r = rows & climate & gold_other
    return (f"{int(r.sum())} climate articles with gold Other: concerned {int((st[r] >= t).sum())}, "
            f"sceptic {int((st[r] <= -t).sum())}, below {int((np.abs(st[r]) < t).sum())}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_split_args(ap)
    ap.add_argument("--by-language", action="store_true", help="also print the dev tally per language")
    args = ap.parse_args()
    split = load_split(args.data, args.embedder, args.embedding_cache, args.holdout)
    gold, climate = gold_stances(split)
    st = split.prep.stance  # read as the trainer reads it (text and title, no quotes)
    gold_other = split.prep.Y[:, -1] > 0  # the label space's last column is Other
    ids = np.array([str(ex.article.id) for ex in split.examples])
    climate |= np.char.find(ids.astype(str), "_CC_") >= 0
    dev, test = split.dev, split.test
    print(f"one-sided climate gold: dev {int((dev & (gold != 0)).sum())} articles ({int((dev & (gold > 0)).sum())} "
          f"alarm side), held-out {int((test & (gold != 0)).sum())} ({int((test & (gold > 0)).sum())} alarm)")
    print("\n| rule | dev: agrees | contradicts | below | agreement | dev climate `Other` articles |\n|---|---|---|---|---|---|")
    best = None
    for t in THRESHOLDS:
        a, b, q = tally(st, gold, dev, t)
        p = a / max(a + b, 1)
        print(f"| \\|stance\\| >= {t} | {a} | {b} | {q} | {p:.3f} | {others(st, climate, gold_other, dev, t)} |")
        if p >= MIN_PRECISION and (best is None or a + b > best[1]):
            best = (t, a + b)
    if args.by_language:
        langs = split.prep.languages
        for lang in sorted(set(langs.tolist())):
            for t in THRESHOLDS:
                a, b, q = tally(st, gold, dev & (langs == lang), t)
                if a + b + q:
                    print(f"  {lang} |stance| >= {t}: agrees {a}, contradicts {b}, below {q}; "
                          f"{others(st, climate, gold_other, dev & (langs == lang), t)}")
    if best is None:
        print(f"\nno threshold reaches agreement {MIN_PRECISION} on dev")
        return 0
    t = best[0]
    a, b, q = tally(st, gold, test, t)
    print(f"\nchosen on dev: |stance| >= {t}. Held-out fifth: agrees {a}, contradicts {b}, below {q} "
          f"(agreement {a / max(a + b, 1):.3f}); {others(st, climate, gold_other, test, t)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
