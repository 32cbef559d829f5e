"""The article's climate stance (narratives.stance) and what it does to climate labels; sentences written for this test."""
from pathlib import Path

import numpy as np
import pytest

from narrascope.narratives.stance import article_stance, contradicts, sentence_stance, served_stance, veto
from narrascope.narratives.taxonomy import load_taxonomy
from narrascope.narratives.tiers import grade

RENEWABLE = "CC: Controversy about green technologies: Renewable energy is dangerous"
GREEN = "CC: Controversy about green technologies"
FEARS = "CC: Amplifying Climate Fears: Amplifying existing fears of global warming"
POLICY = "CC: Criticism of climate policies: Climate policies are ineffective"
CUTS = {"narrative": [0.5, 0.02], "subnarrative": [0.52, 0.24], "other": [1.01, 0.56]}


def test_each_side_has_its_words():
    assert sentence_stance("Wildfires fuelled by climate change forced thousands to flee.") == (1, 0)
    assert sentence_stance("The alarmists have been wrong about every prediction.") == (0, 1)
    assert sentence_stance("Climate change was on the agenda of the summit.") == (0, 0)  # the topic: no side


def test_mocked_or_denied_concern_is_the_sceptics():
    assert sentence_stance("The so-called climate crisis is a gift to bureaucrats.") == (0, 1)
    assert sentence_stance("Politicians keep talking about the “climate emergency”.") == (0, 1)
    assert sentence_stance("There is no climate emergency, the physicist said.") == (0, 1)
    assert sentence_stance("The climate crisis is already costing farmers their harvests.") == (1, 0)


def test_sceptic_quoting_the_word_denier_is_not_concern_either_way():
    assert sentence_stance("He was smeared as a “denier” for asking questions.") == (0, 0)


def test_article_reading_weighs_the_title():
    text = "Solar farms now supply a fifth of the grid. The fossil fuel lobby fought the plan for years."
    spans = [(0, 43), (44, len(text))]
    assert article_stance(text, spans, "Clean energy is winning") > 0.5
    sceptic = "Another winter, another forecast of doom. Ordinary families pay for the green agenda."
    assert article_stance(sceptic, [(0, 41), (42, len(sceptic))], "The climate hoax costs us all") < -0.5
    assert article_stance("", [], None) == 0.0


def test_which_side_a_label_serves():
    assert served_stance(FEARS) == 1 and served_stance("CC: Amplifying Climate Fears") == 1
    assert served_stance(RENEWABLE) == -1
    assert served_stance(POLICY) == 0  # criticised from both sides
    assert served_stance("URW: Praise of Russia") == 0
    assert contradicts(RENEWABLE, 0.8) and not contradicts(RENEWABLE, 0.2) and not contradicts(RENEWABLE, -0.8)
    assert contradicts(FEARS, -0.6) and not contradicts(POLICY, 0.9) and not contradicts(RENEWABLE, None)


def test_label_against_a_clear_stance_shown_as_guess_only():
    tax = load_taxonomy()
    cuts = lambda l: CUTS["other" if l == tax.other_label else "subnarrative" if tax.is_subnarrative(l) else "narrative"]  # noqa: E731
    scores = {tax.other_label: 0.1, RENEWABLE: 0.4, GREEN: 0.4}
    assert grade(tax, cuts, [GREEN], [RENEWABLE], scores)[RENEWABLE] == "likely"
    assert grade(tax, cuts, [GREEN], [RENEWABLE], scores, stance=0.8) == {GREEN: "guess", RENEWABLE: "guess"}
    assert grade(tax, cuts, [GREEN], [RENEWABLE], scores, stance=-0.8)[RENEWABLE] == "likely"


def test_veto_zeroes_only_labels_against_a_clear_stance():
    labels = [RENEWABLE, FEARS, POLICY]
    cond = np.array([[0.6, 0.5, 0.4]] * 3)
    out = veto(cond, labels, [0.8, -0.8, 0.1], min_stance=0.5)
    assert out.tolist() == [[0.0, 0.5, 0.4], [0.6, 0.0, 0.4], [0.6, 0.5, 0.4]]
    assert veto(cond, labels, [0.8, -0.8, 0.1], min_stance=0.0).tolist() == cond.tolist()


def test_explanation_never_explains_a_label_against_the_stance():
    from narrascope.doc import Article, Label
    from narrascope.explain.core import dominant_from_article

    art = Article(id="a", text="x")
    art.narratives = [Label(GREEN, 0.7), Label("CC: Criticism of climate policies", 0.3)]
    art.subnarratives = [Label(RENEWABLE, 0.7), Label(POLICY, 0.3)]
    art.meta["stance"] = 0.9
    assert dominant_from_article(art).label == POLICY
    art.meta["stance"] = -0.9
    assert dominant_from_article(art).label == RENEWABLE


CLIMATE_PAIRS = Path(__file__).resolve().parents[2] / "eval" / "narratives_pairs" / "climate.jsonl"


def test_climate_pairs_file_has_both_sides_of_every_pair():
    from narrascope.narratives.pairs import read_pairs

    by_pair = {}
    for r in read_pairs(CLIMATE_PAIRS):
        by_pair.setdefault(r["pair"], set()).add(r["side"])
    assert by_pair and all(v == {"concerned", "sceptic"} for v in by_pair.values())


@pytest.mark.slow
def test_bundled_model_on_the_climate_pairs():
    """With the stance veto no own climate article gets a label of the other side (5 of 12 did without it)."""
    from narrascope.narratives.model import load_model
    from narrascope.narratives.pairs import evaluate, read_pairs

    res = evaluate(load_model("bundled"), read_pairs(CLIMATE_PAIRS))
    assert res["ALL"]["wrong"] == 0
    assert res["ALL"]["right"] >= 0.5 * res["ALL"]["n"]  # measured 9 of 12 through the router (bench/narratives_pairs.py)
    assert res["ALL"]["lexicon_right"] == res["ALL"]["n"]
