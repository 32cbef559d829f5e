"""Paired opposites: does the model tell "Russia is losing" from "Ukraine is losing"?

A pairs file (``eval/narratives_pairs/pairs.jsonl``, written for this project) holds short articles in
pairs with opposite messages: ``{"pair", "language", "side": "ru_loses" | "ua_loses", "title", "text"}``.
An article is *right* when the model gives it a polar label of its side (``polarity.POLAR_LABELS``) and
none of the other side, *wrong* when it gives one of the other side, *missed* otherwise (``Other`` or no
polar label). A pair is right when both its articles are. The climate pairs (``climate.jsonl``, sides
``concerned`` / ``sceptic``) are read the same way with the labels each side's narratives serve
(``stance.served_stance``) and the stance reading (``stance.article_stance``) as the lexicon.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..doc import Article
from .polarity import POLAR_LABELS, counts, net
from .stance import article_stance, served_stance

# side -> (its sign, the side each label serves, the lexicon's reading of an article)
SIDES = {"ru_loses": +1, "ua_loses": -1, "concerned": +1, "sceptic": -1}
_WAR = (lambda label: POLAR_LABELS.get(label, 0), lambda a: net(counts(a.text, a.analysis.sentences, a.title)))
_CLIMATE = (served_stance, lambda a: article_stance(a.text, a.analysis.sentences, a.title))
READINGS = {"ru_loses": _WAR, "ua_loses": _WAR, "concerned": _CLIMATE, "sceptic": _CLIMATE}


def read_pairs(path: str | Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]


def evaluate(model, records: list[dict]) -> dict:
    """Per article outcome, and accuracy overall and per language (``model``: a NarrativeModel or NarrativeRouter)."""
    arts = [Article(id=f"{r['pair']}-{r['side']}", title=r.get("title"), text=r["text"], language=r["language"]) for r in records]
    model.predict_batch(arts)
    rows = []
    for r, a in zip(records, arts):
        side = SIDES[r["side"]]
        serves, lexicon = READINGS[r["side"]]
        labels = [l.label for l in a.subnarratives]
        own = [l for l in labels if serves(l) == side]
        opposite = [l for l in labels if serves(l) == -side]
        outcome = "wrong" if opposite else "right" if own else "missed"
        lex = lexicon(a)
        rows.append({"pair": r["pair"], "language": r["language"], "side": r["side"], "outcome": outcome, "labels": labels,
                     "lexicon_net": round(lex, 3), "lexicon_right": (lex * side) > 0})
    out = {"articles": rows}
    for key in ["ALL", *sorted({r["language"] for r in records})]:
        rs = [x for x in rows if key == "ALL" or x["language"] == key]
        pairs = {}
        for x in rs:
            pairs.setdefault(x["pair"], []).append(x["outcome"] == "right")
        out[key] = {"n": len(rs), "right": sum(x["outcome"] == "right" for x in rs), "wrong": sum(x["outcome"] == "wrong" for x in rs),
                    "missed": sum(x["outcome"] == "missed" for x in rs),
                    "pairs_right": sum(all(v) for v in pairs.values()), "pairs": len(pairs),
                    "lexicon_right": sum(x["lexicon_right"] for x in rs),
                    "ru_loses_labelled_opposite": sum(x["outcome"] == "wrong" and x["side"] == "ru_loses" for x in rs)}
    return out
