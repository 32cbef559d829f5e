from narrascope.framing.scoring import score
from narrascope.framing.semeval import MentionRow


def row(aid, s, main, *fine):
    return MentionRow(aid, "x", s, s + 3, main, list(fine))


def test_scorer_on_hand_made_pair():
    gold = [row("a", 0, "Antagonist", "Tyrant"), row("a", 10, "Protagonist", "Guardian", "Virtuous"),
            row("b", 5, "Innocent", "Victim"), row("b", 20, "Antagonist", "Deceiver")]
    pred = [row("a", 0, "Antagonist", "Tyrant"),  # exact
            row("a", 10, "Protagonist", "Guardian"),  # main right, set wrong
            row("b", 5, "Antagonist", "Instigator")]  # wrong; b@20 missing
    s = score(gold, pred)
    assert s.n == 4 and s.missing == 1
    assert s.exact_match == 0.25
    assert s.main_accuracy == 0.5
    # tp = 2 (Tyrant, Guardian); predicted 3 roles; gold 5 roles
    assert abs(s.fine_precision - 2 / 3) < 1e-9 and abs(s.fine_recall - 2 / 5) < 1e-9
    assert abs(s.fine_micro_f1 - 0.5) < 1e-9
