"""Roles follow the article: paired articles we wrote cast the same actors oppositely (pro-Kremlin vs
pro-Ukrainian); the bundled model, given the actors' mentions, must cast them as each article does."""
import re

import pytest

from narrascope.doc import Article
from narrascope.framing.features import context_vectors, mention_contexts
from narrascope.framing.model import RoleModel
from paired_articles import PAIRS

MIN_ACCURACY = 0.55  # regression floor, NOT the goal (16/20): the bundled model gets 12/20 (bench/roles_cv.py --paired bundled);
# roles still follow the actor's usual casting more than the article (issue 12 item 2 open)


def spans_of(text: str, name: str) -> list[tuple[int, int]]:
    short = {"Volodymyr Zelensky": "Zelensky", "Vladimir Putin": "Putin"}.get(name, name)
    return [(m.start(), m.end()) for m in re.finditer(re.escape(short), text)]


def paired_predictions(model: RoleModel):
    out = []
    for name, pro_kremlin, pro_ukraine, expected in PAIRS:
        for side, text in ((0, pro_kremlin), (1, pro_ukraine)):
            art = Article(f"{name}-{side}", text=text, language="en")
            for actor, roles in expected.items():
                spans = spans_of(text, actor)
                ctx = model.attach_side(art, mention_contexts(art, spans, "URW"))
                main_p, _ = model.probabilities(ctx, context_vectors(art, ctx, model.embedder))
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
    assert flips >= 1, rows  # measured: 1 of 5 pairs flips (zelensky-leadership, both actors): regression floor
