"""Narrative classification (SemEval-2025 Task 10 subtask 2 and user taxonomies).

- ``taxonomy``: label sets as data (TOML/JSON), loaded and validated.
- ``labels``: consistent decoding (subnarrative implies narrative, ``Other`` alone, ``X: Other``).
- ``semeval``: the official subtask-2 file format (read/write) and gold data loading.
- ``scoring``: F1@coarse / F1@fine as the official scorer computes them.
- ``model``: the classifier (train, save, load, predict with evidence sentences).
- ``component``: the ``narratives`` pipeline component.
"""
