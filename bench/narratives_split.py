"""The split every narratives bench shares, and its cached base-model scores.

Per language a fifth of the near-duplicate groups is held out (``holdout_split``); the rest (dev) is cut
into the trainer's folds. ``dev_scores`` gives the dev part's out-of-fold base scores, ``holdout_scores``
the held-out fifth scored by base models trained on the whole dev part; both are cached in the embedding
cache folder under a key of the settings and the split (``gate-scores-*`` / ``holdout-scores-*``), so the
gate, MIL and tier benches reuse one another's scores.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))


def add_split_args(ap) -> None:
    """The options every narratives bench on this split takes (data, embedder, cache, held-out share)."""
    ap.add_argument("--data", default=str(SHARED / "data" / "semeval2025" / "train"))
    ap.add_argument("--embedding-cache", default=str(ROOT / ".cache" / "narratives"))
    ap.add_argument("--embedder", default="use-m")
    ap.add_argument("--holdout", type=float, default=0.2)


@dataclass
class Split:
    trainer: object
    prep: object
    examples: list
    test: np.ndarray  # the held-out fifth
    dev: np.ndarray
    folds: np.ndarray  # dev folds (-1 on the held-out rows)
    key: str
    cache: Path

    def dev_scores(self, extra=None):
        """(P, Pt) out of fold on the dev part; ``extra(P, Pt) -> dict`` adds arrays to a fresh cache file."""
        f = self.cache / f"gate-scores-{self.key}.npz"
        if f.is_file():
            d = np.load(f)
            return d["P"], d["Pt"], {k: d[k] for k in d.files if k not in ("P", "Pt")}
        P, Pt = self.trainer.out_of_fold(self.prep, self.folds, self.dev)
        more = extra(P, Pt) if extra else {}
        self.save_dev_scores(P, Pt, **more)
        return P, Pt, more

    def save_dev_scores(self, P, Pt, **more) -> None:
        np.savez(self.cache / f"gate-scores-{self.key}.npz", P=P, Pt=Pt, **more)

    def holdout_scores(self):
        """(P, Pt) of the held-out rows from base models trained on the whole dev part."""
        f = self.cache / f"holdout-scores-{self.key}.npz"
        if f.is_file():
            d = np.load(f)
            return d["P"], d["Pt"]
        self.trainer.log("base models on the dev part (for the held-out fifth)")
        Ph, Pth = self.trainer.apply_base(self.trainer.fit_base(self.prep, self.dev), self.prep, self.test)
        np.savez(f, P=Ph, Pt=Pth)
        return Ph, Pth


def load_split(data: str | Path, embedder: str, cache_dir: str | Path, holdout: float = 0.2) -> Split:
    from narrascope.narratives.taxonomy import load_taxonomy
    from narrascope.narratives.train import Trainer, TrainSettings, duplicate_groups, holdout_split, load_examples, make_folds

    settings = TrainSettings(embedder_spec=embedder)
    trainer = Trainer(load_taxonomy(), settings, cache_dir=cache_dir)
    examples = load_examples(Path(data))
    prep = trainer.prepare(examples)
    langs = prep.languages
    groups = duplicate_groups(prep.texts, list(langs), settings.dedup_threshold)
    test = holdout_split(groups, list(langs), holdout)
    dev = ~test
    folds = np.where(dev, make_folds(groups, list(langs), settings.folds, settings.seed), -1)
    key = hashlib.sha1(json.dumps([dataclasses.asdict(settings), len(langs), int(test.sum()), holdout],
                                  sort_keys=True).encode()).hexdigest()[:10]
    return Split(trainer, prep, examples, test, dev, folds, key, Path(cache_dir))
