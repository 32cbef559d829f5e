"""Grounded explanations of an article's dominant narrative.

``core`` picks the dominant label; ``note`` writes the English analyst's note (``glosses``: our own
paraphrase of each label; ``compress``: evidence sentences shortened on the parse, offsets kept);
``analyst`` holds the sentence filters, the other languages' extractive form and the legacy note;
``scoring`` holds the offline proxy metrics (ROUGE-L F1, embedding cosine) used in place of BERTScore.
"""
