import pytest

from narrascope.narratives.scoring import score, set_f1
from narrascope.narratives.semeval import Annotation

CLASSES_C = ["N1", "N2", "Other"]
CLASSES_F = ["N1: a", "N1: b", "N1: Other", "N2: Other", "Other"]


def test_set_f1():
    assert set_f1({"a", "b"}, {"a"}) == pytest.approx(2 / 3)
    assert set_f1(set(), set()) == 0.0  # both empty scores 0, as the official scorer
    assert set_f1({"a"}, {"b"}) == 0.0


def test_known_scores():
    gold = {
        "1": Annotation("1", ["N1"], ["N1: a", "N1: b"]),
        "2": Annotation("2", ["Other"], ["Other"]),
        "3": Annotation("3", ["N1", "N2"], ["N1: a", "N2: Other"]),
        "4": Annotation("4", ["N2"], ["N2: Other"]),
    }
    pred = {
        "1": Annotation("1", ["N1"], ["N1: a"]),  # coarse 1, fine 2/3
        "2": Annotation("2", ["Other"], ["Other"]),  # 1, 1
        "3": Annotation("3", ["N1", "Bogus"], ["N1: a", "N1: b"]),  # coarse 2/3 (Bogus dropped), fine 1/2
        # "4" missing: scored as an empty prediction -> 0, 0
        "5": Annotation("5", ["N1"], ["N1: a"]),  # not in gold: ignored
    }
    s = score(gold, pred, CLASSES_C, CLASSES_F)
    coarse = [1, 1, 2 / 3, 0]
    fine = [2 / 3, 1, 0.5, 0]
    mean = lambda v: sum(v) / len(v)  # noqa: E731
    std = lambda v: (sum((x - mean(v)) ** 2 for x in v) / len(v)) ** 0.5  # noqa: E731
    assert s.f1_coarse == pytest.approx(mean(coarse)) and s.std_coarse == pytest.approx(std(coarse))
    assert s.f1_fine == pytest.approx(mean(fine)) and s.std_fine == pytest.approx(std(fine))
    assert s.missing == ["4"] and s.unknown_labels == ["Bogus"] and s.n == 4
    # restricted to a subset of ids
    assert score(gold, pred, CLASSES_C, CLASSES_F, ["2"]).f1_fine == 1.0
