"""Who is said to be losing: the side-aware polarity lexicon and the joint decision of polar labels."""
from pathlib import Path

import numpy as np
import pytest

from narrascope.narratives import polarity as pol
from narrascope.narratives.labels import decode_expected_f1, subnarrative_conflicts
from narrascope.narratives.pairs import read_pairs
from narrascope.narratives.taxonomy import load_taxonomy

RU_COLLAPSE = "URW: Speculating war outcomes: Russian army is collapsing"
UA_COLLAPSE = "URW: Speculating war outcomes: Ukrainian army is collapsing"
PRAISE = "URW: Praise of Russia: Praise of Russian military might"
PAIRS = Path(__file__).resolve().parents[2] / "eval" / "narratives_pairs" / "pairs.jsonl"


@pytest.mark.parametrize("sentence, expected", [
    ("The Russian army is collapsing near Kherson.", (1, 0, 0, 0)),
    ("Putin is losing the war, a former minister said.", (1, 0, 0, 0)),
    ("The Ukrainian army is running out of shells.", (0, 1, 0, 0)),
    ("Russia is not losing this war.", (0, 0, 1, 0)),
    ("Ukrainian troops are advancing in the south.", (0, 0, 0, 1)),
    ("Российская армия отступает под Херсоном.", (1, 0, 0, 0)),
    ("Украинската армия губи войната.", (0, 1, 0, 0)),
    ("O exército russo recua perto de Kherson.", (1, 0, 0, 0)),
    ("रूसी सेना पीछे हट रही है।", (1, 0, 0, 0)),
    ("The weather was mild in Moscow.", (0, 0, 0, 0)),
])
def test_sentence_polarity(sentence, expected):
    assert pol.sentence_polarity(sentence) == expected


def test_net_sign():
    assert pol.net(np.array([2, 0, 0, 1.0])) > 0.5
    assert pol.net(np.array([0, 2, 1, 0.0])) < -0.5
    assert pol.net(np.zeros(4)) == 0.0


def test_adjust_moves_the_mirrored_pair_to_the_texts_side():
    labels = [RU_COLLAPSE, UA_COLLAPSE, PRAISE, "URW: Praise of Russia: Other"]
    cond = np.array([[0.1, 0.6, 0.5, 0.2], [0.1, 0.6, 0.5, 0.2], [0.1, 0.6, 0.5, 0.2]])
    out = pol.adjust(cond, labels, [0.8, -0.8, 0.0], 3.0)
    assert out[0, 0] > 0.5 > out[0, 1] and out[0, 2] < 0.15  # Russia losing: its label wins, praise falls
    assert out[1, 1] > 0.5 > out[1, 0] and out[1, 2] == pytest.approx(0.5)  # Ukraine losing: praise untouched
    assert np.allclose(out[2], cond[2])  # no clear side: unchanged
    assert np.allclose(out[:, 3], cond[:, 3])  # not a polar label
    assert np.allclose(pol.adjust(cond, labels, [0.8, -0.8, 0.0], 0.0), cond)


def test_contradicting_polar_labels_are_decided_jointly():
    tax = load_taxonomy()
    conflicts = subnarrative_conflicts(tax)
    for a, bs in pol.joint_conflicts(tax.subnarrative_labels).items():
        conflicts.setdefault(a, set()).update(bs)
    scores = {l: 0.0 for l in tax.subnarrative_labels}
    scores.update({RU_COLLAPSE: 0.7, UA_COLLAPSE: 0.6, PRAISE: 0.55})
    _, subs = decode_expected_f1(tax, scores, 0.05, 8, conflicts)
    assert RU_COLLAPSE in subs and UA_COLLAPSE not in subs and PRAISE not in subs
    _, free = decode_expected_f1(tax, scores, 0.05, 8)  # independently, all three would stand together
    assert {RU_COLLAPSE, UA_COLLAPSE, PRAISE} <= set(free)


def test_polar_labels_are_in_the_taxonomy():
    tax = load_taxonomy()
    assert set(pol.POLAR_LABELS) <= set(tax.subnarrative_labels)
    assert all(a in tax.subnarrative_labels and b in tax.subnarrative_labels for a, b in pol.CONTRADICTIONS)


def test_pairs_file_covers_five_languages_with_opposite_pairs():
    recs = read_pairs(PAIRS)
    assert {r["language"] for r in recs} == {"en", "bg", "hi", "pt", "ru"}
    by_pair = {}
    for r in recs:
        by_pair.setdefault(r["pair"], set()).add(r["side"])
    assert all(v == {"ru_loses", "ua_loses"} for v in by_pair.values())


@pytest.mark.slow
def test_bundled_model_on_the_paired_opposites():
    """No 'Russia is losing' article gets the opposite reading; at least half get their own side's label."""
    from narrascope.narratives.model import load_model
    from narrascope.narratives.pairs import evaluate

    res = evaluate(load_model("bundled"), read_pairs(PAIRS))
    assert res["ALL"]["ru_loses_labelled_opposite"] == 0
    assert res["ALL"]["wrong"] == 0
    assert res["ALL"]["right"] >= 0.5 * res["ALL"]["n"]  # measured 17 of 28; the misses are Other (short BG/PT/HI texts)
