"""Roles follow the article: paired articles we wrote cast the same actors oppositely (pro-Kremlin vs
pro-Ukrainian); the bundled model, given the actors' mentions, must cast them as each article does."""
import re

import pytest

from narrascope.doc import Article
from narrascope.framing.features import context_vectors, mention_contexts
from narrascope.framing.model import RoleModel
from paired_articles import HELD_OUT_PAIRS, PAIRS

MIN_ACCURACY = 0.9  # regression floor: the bundled model gets 19/20 (bench/roles_cv.py --paired bundled; 12/20 before the
# text's casting evidence, framing/casting.py, whose lexicon was written looking at these pairs)
HELD_OUT_MIN_ACCURACY = 0.8  # 10/12 on pairs written after casting.py and never used to choose (7/12 without it)


def spans_of(text: str, name: str) -> list[tuple[int, int]]:
    short = {"Volodymyr Zelensky": "Zelensky", "Vladimir Putin": "Putin"}.get(name, name)
    return [(m.start(), m.end()) for m in re.finditer(re.escape(short), text)]


def paired_predictions(model: RoleModel, pairs=PAIRS):
    out = []
    for name, pro_kremlin, pro_ukraine, expected in pairs:
        for side, text in ((0, pro_kremlin), (1, pro_ukraine)):
            art = Article(f"{name}-{side}", text=text, language="en")
            for actor, roles in expected.items():
                spans = spans_of(text, actor)
                ctx = model.attach_side(art, mention_contexts(art, spans, "URW"))
                main_p, _ = model.probabilities(ctx, context_vectors(art, ctx, model.embedder), [actor] * len(ctx))
                pred = ["Protagonist", "Antagonist", "Innocent"][int(main_p.mean(axis=0).argmax())]
                out.append((name, side, actor, roles[side], pred))
    return out


@pytest.mark.slow
def test_roles_follow_the_article():
    rows = paired_predictions(RoleModel.load())
    right = sum(exp == pred for *_, exp, pred in rows)
    assert right / len(rows) >= MIN_ACCURACY, rows
    # In most pairs at least one actor changes role between the two articles.
    flips = 0
    for name, *_ in PAIRS:
        pk = {a: p for n, s, a, _, p in rows if n == name and s == 0}
        pu = {a: p for n, s, a, _, p in rows if n == name and s == 1}
        flips += any(pk[a] != pu[a] for a in pk)
    assert flips >= 5, rows  # measured: every pair flips at least one actor (1 of 5 before the casting evidence)


@pytest.mark.slow
def test_roles_follow_the_article_held_out_pairs():
    rows = paired_predictions(RoleModel.load(), HELD_OUT_PAIRS)
    right = sum(exp == pred for *_, exp, pred in rows)
    assert right / len(rows) >= HELD_OUT_MIN_ACCURACY, rows
