"""Kept for imports from earlier releases: the spaCy loader now lives in :mod:`narrascope.nlp`."""
from ..nlp import load_english, model_path  # noqa: F401
