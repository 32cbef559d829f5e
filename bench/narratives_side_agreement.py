"""How often does the article's side (``narratives.side.article_side``) agree with the side its gold narratives
serve? The side caps the tiers of labels that serve the other side, so it must be right when it speaks.

For every SemEval training article whose gold labels serve one side only (``polarity.served_side``: the polar
subnarratives and the narratives that serve a side as a whole), the side read from its text and title (no quotes:
the attribution stage does not run here) either agrees with it, contradicts it, or stays below the rule's
threshold. Rules: |side| >= t with at least ``e`` weighted cues (``side.MIN_EVIDENCE``). The dev part of the
shared split (``narratives_split``) chooses; the held-out fifth is printed for the chosen rule only.
Choice rule, fixed before the run: the rule that speaks on the most dev articles among those whose agreement
(agree / (agree + against)) is at least ``MIN_PRECISION``.

    .venv/bin/python bench/narratives_side_agreement.py --embedding-cache /work/cache/narratives [--polar-only]

Needs ../shared/data/semeval2025 (research-use-only data, never copied into the repo).
"""
from __future__ import annotations

import argparse
import sys

import numpy as np
from narratives_split import add_split_args, load_split  # bench/ is the script's folder, first on sys.path

THRESHOLDS = (0.3, 0.5, 0.7)
EVIDENCE = (1.0, 2.0, 3.0, 4.0)
MIN_PRECISION = 0.85


def gold_sides(split, polar_only: bool = False) -> np.ndarray:
    """+1 / -1 where every gold label that serves a side serves that one, 0 elsewhere (none, or both);
    ``polar_only``: only the polar subnarratives count (what the polar cap needs to be right about)."""
    from narrascope.narratives.polarity import POLAR_LABELS, served_side

    if polar_only:
        served_side = lambda label: POLAR_LABELS.get(label, 0)  # noqa: E731
    space = split.trainer.space
    Gn, Gs, _ = space.split(split.prep.Y)
    out = np.zeros(len(split.prep.Y), int)
    for i in range(len(out)):
        labels = [space.subs[j] for j in np.flatnonzero(Gs[i])] + [space.narr[j] for j in np.flatnonzero(Gn[i])]
        signs = {served_side(lab) for lab in labels} - {0}
        out[i] = signs.pop() if len(signs) == 1 else 0
    return out


def counts(split) -> np.ndarray:
    from narrascope.narratives.side import side_counts

    rows = []
    for ex in split.examples:
        a = ex.article
        rows.append(side_counts(a.text or "", a.analysis.embedded_sentences, a.title))
    return np.array(rows)


def tally(c: np.ndarray, gold: np.ndarray, rows: np.ndarray, t: float, e: float) -> tuple[int, int, int]:
    from narrascope.narratives.polarity import net

    agree = against = quiet = 0
    for i in np.flatnonzero(rows & (gold != 0)):
        s = net(c[i]) if c[i].sum() >= e else 0.0
        if abs(s) < t:
            quiet += 1
        elif s * gold[i] > 0:
            agree += 1
        else:
            against += 1
    return agree, against, quiet


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_split_args(ap)
    ap.add_argument("--polar-only", action="store_true", help="gold side from the polar subnarratives only")
    args = ap.parse_args()
    split = load_split(args.data, args.embedder, args.embedding_cache, args.holdout)
    gold, c = gold_sides(split, args.polar_only), counts(split)
    dev, test = split.dev, split.test
    print(f"one-sided gold: dev {int((dev & (gold != 0)).sum())} articles "
          f"({int((dev & (gold > 0)).sum())} Russia-losing side), held-out {int((test & (gold != 0)).sum())}")
    print("\n| rule | dev: agrees | contradicts | below | agreement |\n|---|---|---|---|---|")
    best = None
    for t in THRESHOLDS:
        for e in EVIDENCE:
            a, b, q = tally(c, gold, dev, t, e)
            p = a / max(a + b, 1)
            print(f"| \\|side\\| >= {t}, >= {e:g} cues | {a} | {b} | {q} | {p:.3f} |")
            if p >= MIN_PRECISION and (best is None or a + b > best[2]):
                best = (t, e, a + b)
    a, b, q = tally(c, gold, test, 0.3, 1.0)
    print(f"\nheld-out fifth, the rule in use (|side| >= 0.3, any cue): agrees {a}, contradicts {b}, below {q} "
          f"(agreement {a / max(a + b, 1):.3f})")
    if best is None:
        print(f"no rule reaches agreement {MIN_PRECISION} on dev")
        return 0
    t, e, _ = best
    a, b, q = tally(c, gold, test, t, e)
    print(f"\nchosen on dev: |side| >= {t}, >= {e:g} cues. Held-out fifth: agrees {a}, contradicts {b}, below {q} "
          f"(agreement {a / max(a + b, 1):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
