"""The article's side (narratives.side) and the tier cap of polar labels against it; sentences written for this test."""
import pytest

from narrascope.narratives.side import article_side, contradicts, sentence_side
from narrascope.narratives.taxonomy import load_taxonomy
from narrascope.narratives.tiers import grade

PRAISE = "URW: Praise of Russia: Praise of Russian military might"
NARR = "URW: Praise of Russia"
CUTS = {"narrative": [0.5, 0.02], "subnarrative": [0.52, 0.24], "other": [1.01, 0.56]}


def test_place_mentions_are_not_the_losing_side():
    assert sentence_side("Moscow is bracing for defeat in the war in Ukraine.") == (1, 0, 0, 0)


def test_imagined_wins_do_not_count():
    assert sentence_side("The generals believed they could capture Kyiv within a week.") == (0, 0, 0, 0)
    assert sentence_side("Russian forces captured the village.") == (0, 0, 1, 0)


def test_title_speaks_for_the_article():
    text = "Russian troops advanced near the river. Analysts say the Russian army is exhausted."
    spans = [(0, 39), (40, len(text))]
    assert article_side(text, spans, "Russia is losing the war") > 0.3


def test_contrary_polar_label_shown_as_guess_only():
    tax = load_taxonomy()
    cuts = lambda l: CUTS["other" if l == tax.other_label else "subnarrative" if tax.is_subnarrative(l) else "narrative"]  # noqa: E731
    scores = {tax.other_label: 0.1, PRAISE: 0.4, NARR: 0.4}
    assert grade(tax, cuts, [NARR], [PRAISE], scores)[PRAISE] == "likely"
    capped = grade(tax, cuts, [NARR], [PRAISE], scores, side=0.8)
    assert capped == {NARR: "guess", PRAISE: "guess"}
    assert grade(tax, cuts, [NARR], [PRAISE], scores, side=-0.8)[PRAISE] == "likely"
    assert not contradicts(PRAISE, 0.1) and contradicts(PRAISE, 0.5)


def test_veto_zeroes_only_polar_labels_against_a_clear_side():
    import numpy as np

    from narrascope.narratives.side import veto

    collapse = "URW: Speculating war outcomes: Russian army is collapsing"
    plain = "URW: Blaming the war on others rather than the invader: The West are the aggressors"
    labels = [PRAISE, collapse, plain]
    cond = np.array([[0.6, 0.5, 0.4], [0.6, 0.5, 0.4], [0.6, 0.5, 0.4]])
    out = veto(cond, labels, [0.8, -0.8, 0.1], min_side=0.3)
    assert out.tolist() == [[0.0, 0.5, 0.4], [0.6, 0.0, 0.4], [0.6, 0.5, 0.4]]
    assert veto(cond, labels, [0.8, -0.8, 0.1], min_side=0.0).tolist() == cond.tolist()


def test_whole_narrative_of_the_other_side_capped_only_when_asked():
    # An article whose message is that Russia is losing, answered "Discrediting Ukraine" on its topic words.
    tax = load_taxonomy()
    cuts = lambda l: CUTS["other" if l == tax.other_label else "subnarrative" if tax.is_subnarrative(l) else "narrative"]  # noqa: E731
    narr = "URW: Discrediting Ukraine"
    sub = "URW: Discrediting Ukraine: Discrediting Ukrainian government and officials and policies"
    scores = {tax.other_label: 0.1, sub: 0.4, narr: 0.7}
    capped = grade(tax, cuts, [narr], [sub], scores, side=0.8, whole_narratives=True)
    assert capped == {narr: "guess", sub: "guess"}
    assert grade(tax, cuts, [narr], [sub], scores, side=0.8)[sub] == "likely"  # off by default (lost on SemEval)
    assert grade(tax, cuts, [narr], [sub], scores, side=-0.8, whole_narratives=True)[sub] == "likely"  # its own side
    assert grade(tax, cuts, [narr], [sub], scores, side=0.1, whole_narratives=True)[sub] == "likely"  # no clear side
    blame = "URW: Blaming the war on others rather than the invader: The West are the aggressors"
    assert not contradicts(blame, 0.8, whole_narratives=True)  # serves no side as a whole: untouched
    assert contradicts("URW: Overpraising the West", -0.8, whole_narratives=True)


def test_side_reading_of_a_worn_out_army():
    # cues of an army worn out; a side word far after the cue belongs to another clause
    assert sentence_side("The undertrained, poorly led Russian units are running low on shells.")[0] == 1
    far = ("Their stocks are rapidly depleting and the soldiers are demoralized, the general said at a press conference "
           "after the Ukraine Defense Contact Group meeting.")
    assert sentence_side(far) == (0, 0, 0, 0)
    assert sentence_side("Heavy losses for Russia near the river.")[0] == 1  # close after the cue: still its side


def test_side_reading_of_denied_wins_and_losses():
    assert sentence_side("Украйна няма да може да победи Русия.") == (0, 1, 0, 0)  # will not be able to win
    assert sentence_side("There is no sign that Russia is losing this war of attrition.") == (0, 0, 1, 0)
    assert sentence_side("There is no doubt that Russia is losing this war.") == (1, 0, 0, 0)  # doubt denied: still losing
    assert sentence_side("यूक्रेन के बढ़ते हमलों के बीच रूस ने बयान दिया") == (0, 0, 0, 0)  # growing attacks, no lead


def test_side_reading_of_a_defence_that_holds():
    # the object of "held off" / "repelled" loses; a passive subject loses; no object: the subject wins
    assert sentence_side("The battered but unbowed marines held off the Russian army for weeks.") == (1, 0, 0, 0)
    assert sentence_side("Their goal was holding back the Russian advance on the city.") == (1, 0, 0, 0)
    assert sentence_side("Российские войска отразили атаку ВСУ у села.") == (0, 1, 0, 0)
    assert sentence_side("The Russian columns were pushed back from the outskirts of Kharkiv.") == (1, 0, 0, 0)
    assert sentence_side("Ukrainian brigades repelled the assault near the village.") == (0, 0, 0, 1)
    assert sentence_side("Moscow halted the gas flow to the south.") == (0, 0, 0, 0)  # no war object


def test_side_reading_skips_history_and_shared_losses():
    assert sentence_side("Putin marked the defeat of Nazi Germany with a parade on Red Square.") == (0, 0, 0, 0)
    assert sentence_side("Kyiv gave up the town after months of shelling and huge losses for both sides.") == (0, 0, 0, 0)
    assert sentence_side("Russian shelling left the streets of the Ukrainian town deserted.") == (0, 0, 0, 0)
    assert sentence_side("Russian conscripts deserted their positions overnight.")[0] == 1
    # a plan is no win: "determined to ... capturing"
    assert sentence_side("The Kremlin is determined to grab the region by capturing two cities.") == (0, 0, 0, 0)


def test_a_sentence_against_the_label_is_no_evidence():
    from narrascope.narratives.side import sentence_against

    assert sentence_against("URW: Discrediting Ukraine: Discrediting Ukrainian government and officials and policies",
                            "The Russian occupiers have already lost the war in their minds.")
    assert not sentence_against("URW: Discrediting Ukraine", "The Ukrainian army is running out of shells.")
    assert not sentence_against("URW: Blaming the war on others rather than the invader",
                                "The Russian occupiers have already lost the war.")  # serves no side


def test_side_reading_of_possessors_scare_quotes_and_objects():
    assert sentence_side("The war can end only one way: with Moscow's victory.")[2] == 1  # a possessor after "with"
    # a win in scare quotes is mocked, not claimed: the failing half still counts
    assert sentence_side("The Ukrainian “counteroffensive” shows its impossibility of success.") == (0, 1, 0, 0)
    # the side after a gerund is the verb's object, not the one who failed
    assert sentence_side("The sanctions have failed as a means of weakening Russia.") == (0, 0, 0, 0)
