"""Grounded explanations of an article's dominant narrative.

``core`` picks the dominant label, ranks evidence sentences and composes a
short explanation that only restates them; ``scoring`` holds the offline proxy
metrics (ROUGE-L F1, embedding cosine) used in place of BERTScore.
"""
