"""The analyst's tiers (narratives.tiers): a narrative is graded no higher than its best subnarrative, and
an optional feed prior moves P(Other) before the cut-points are met; the scores never change."""
import json
from pathlib import Path

import pytest

from narrascope.narratives.taxonomy import load_taxonomy
from narrascope.narratives.tiers import feed_other_probability, grade, tier_of

ROOT = Path(__file__).resolve().parents[2]
CUTS = {"narrative": [0.5, 0.02], "subnarrative": [0.52, 0.24], "other": [1.01, 0.56]}
NARR = "URW: Blaming the war on others rather than the invader"
SUB = "URW: Blaming the war on others rather than the invader: Ukraine is the aggressor"


@pytest.fixture(scope="module")
def tax():
    return load_taxonomy()


def cuts_of(tax):
    return lambda l: CUTS["other" if l == tax.other_label else "subnarrative" if tax.is_subnarrative(l) else "narrative"]


def test_tier_of_reads_cut_points():
    assert [tier_of([0.5, 0.2], s) for s in (0.6, 0.3, 0.1)] == ["confident", "likely", "guess"]
    assert tier_of(None, 0.9) is None


def test_narrative_never_above_its_best_subnarrative(tax):
    scores = {tax.other_label: 0.11, NARR: 0.25, SUB: 0.23}
    uncapped = grade(tax, cuts_of(tax), [NARR], [SUB], scores, cap_narratives=False)
    assert uncapped == {NARR: "likely", SUB: "guess"}  # the old reading: a neutral story shown a "likely" narrative
    assert grade(tax, cuts_of(tax), [NARR], [SUB], scores) == {NARR: "guess", SUB: "guess"}
    strong = {tax.other_label: 0.02, NARR: 0.7, SUB: 0.6}
    assert grade(tax, cuts_of(tax), [NARR], [SUB], strong) == {NARR: "confident", SUB: "confident"}


def test_feed_prior_shrinks_labels_and_raises_other(tax):
    assert feed_other_probability(0.25, 0.5, 0.25) == pytest.approx(0.5)
    assert feed_other_probability(0.25, None, 0.25) == 0.25
    scores = {tax.other_label: 0.3, NARR: 0.45, SUB: 0.3}
    assert grade(tax, cuts_of(tax), [NARR], [SUB], scores)[SUB] == "likely"
    assert grade(tax, cuts_of(tax), [NARR], [SUB], scores, feed_other_share=0.75)[SUB] == "guess"
    other_only = {tax.other_label: 0.5}
    assert grade(tax, cuts_of(tax), [tax.other_label], [tax.other_label], other_only) == {tax.other_label: "guess"}
    assert grade(tax, cuts_of(tax), [tax.other_label], [tax.other_label], other_only, feed_other_share=0.75)[tax.other_label] == "likely"


def test_neutral_set_is_well_formed():
    rows = [json.loads(x) for x in (ROOT / "eval" / "narratives_neutral" / "articles.jsonl").read_text("utf-8").splitlines()]
    assert len({r["id"] for r in rows}) == len(rows) >= 30
    assert {r["language"] for r in rows} == {"en", "ru", "bg", "pt", "hi"}
    assert {r["split"] for r in rows} == {"tune", "test"}
    assert all(r["title"] and len(r["text"].split()) >= 20 for r in rows)


def test_component_reads_the_feed_share_from_its_table():
    from narrascope.narratives.component import make_component

    assert make_component({}).model.feed_other_share is None  # default.toml: 0 = SemEval's own prior
    assert make_component({"feed_other_share": 0.5}).model.feed_other_share == 0.5
