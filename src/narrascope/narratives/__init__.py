"""Narrative classification (SemEval-2025 Task 10 subtask 2 and user taxonomies).

- ``taxonomy``: label sets as data (TOML/JSON), loaded and validated.
- ``labels``: consistent decoding (subnarrative implies narrative, ``Other`` alone, ``X: Other``), expected-F1 sets.
- ``features``: what the classifier reads from an article's shared analysis (rows, prompt similarities, TF-IDF).
- ``polarity``: who is said to be losing (side-aware lexicon, EN/RU/BG/PT/HI) and the joint decision of polar labels.
- ``model``: the classifier (load, predict with calibrated scores, evidence sentences and tiers); never imports ``train``.
- ``train``: training and honest cross-validation (package: data, cache, folds, fitting, calibration, tuning, trainer).
- ``pairs``: the paired-opposites check ("Russia is losing" vs "Ukraine is losing").
- ``semeval``: re-exports ``narrascope.formats.semeval`` (the one SemEval I/O module).
- ``scoring``: F1@coarse / F1@fine as the official scorer computes them.
- ``component``: the ``narratives`` pipeline component (reads ``article.analysis``; ``pipe`` batches).
"""
