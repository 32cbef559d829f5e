"""Subtask-1 figures, our own code: exact match of the fine-role set (official), main-role accuracy, fine micro-F1.

Rows are matched on (article_id, start, end); a gold mention with no prediction counts as wrong.
"""
from __future__ import annotations

from dataclasses import dataclass

from .semeval import MentionRow


@dataclass
class RoleScores:
    n: int
    exact_match: float
    main_accuracy: float
    fine_micro_f1: float
    fine_precision: float
    fine_recall: float
    missing: int  # gold mentions without a prediction

    def as_dict(self) -> dict:
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in self.__dict__.items()}


def score(gold: list[MentionRow], pred: list[MentionRow]) -> RoleScores:
    by_key = {p.key(): p for p in pred}
    em = main = tp = n_pred = n_gold = missing = 0
    for g in gold:
        p = by_key.get(g.key())
        gset = set(g.fine_roles)
        n_gold += len(gset)
        if p is None:
            missing += 1
            continue
        pset = set(p.fine_roles)
        em += pset == gset
        main += p.main_role == g.main_role
        tp += len(pset & gset)
        n_pred += len(pset)
    n = len(gold)
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return RoleScores(n, em / n if n else 0.0, main / n if n else 0.0, f1, prec, rec, missing)
