"""Training the narrative classifier, in parts: ``data`` (examples read as ``analyze`` reads them),
``cache`` (one embedding cache keyed by embedder spec and text hash), ``folds`` (containment-based
near-duplicate groups, folds, a held-out split), ``fitting`` (the estimators), ``calibration`` (Other stack,
Platt and polarity-aware maps, tiers, Brier / ECE), ``tuning`` (label space, expected-F1 decoding over
arrays, the Other bias) and ``trainer`` (cross-validation with every meta step fitted off the test fold,
the final model). ``narratives.model`` does not import this package."""
from .cache import EmbeddingCache
from .data import Example, load_examples
from .folds import duplicate_groups, holdout_split, make_folds
from .trainer import CVResult, Prepared, Trainer, TrainSettings

__all__ = ["EmbeddingCache", "Example", "load_examples", "duplicate_groups", "holdout_split", "make_folds",
           "CVResult", "Prepared", "Trainer", "TrainSettings"]
