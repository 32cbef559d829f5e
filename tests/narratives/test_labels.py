from narrascope.narratives.labels import DecodeSettings, decode, make_consistent
from narrascope.narratives.taxonomy import load_taxonomy

T = load_taxonomy()
DU = "URW: Discrediting Ukraine"
MIL = f"{DU}: Discrediting Ukrainian military"
NAZI = f"{DU}: Ukraine is associated with nazism"
PR = "URW: Praise of Russia"
SET = DecodeSettings(other_threshold=0.5, narrative_threshold=0.5, subnarrative_threshold=0.5, fallback_threshold=0.0)


def test_other_stands_alone():
    n, s = decode(T, {DU: 0.9}, {MIL: 0.9}, SET, other_score=0.7)
    assert (n, s) == (["Other"], ["Other"])


def test_subnarrative_only_under_chosen_narrative_and_best_first():
    n, s = decode(T, {DU: 0.9, PR: 0.2}, {MIL: 0.6, NAZI: 0.8, f"{PR}: Praise of Russian military might": 0.95}, SET, other_score=0.1)
    assert n == [DU]
    assert s == [NAZI, MIL]  # the Praise subnarrative is dropped: its narrative did not hold


def test_narrative_without_listed_subnarrative_gets_x_other():
    n, s = decode(T, {DU: 0.9, PR: 0.8}, {MIL: 0.1}, SET, other_score=0.1)
    assert n == [DU, PR]
    assert s == [f"{DU}: Other", f"{PR}: Other"]


def test_fallback_keeps_best_narrative_when_not_other():
    n, s = decode(T, {DU: 0.3, PR: 0.2}, {MIL: 0.9}, SET, other_score=0.1)
    assert n == [DU] and s == [MIL]
    # Without an Other score and with no fallback, nothing over threshold means Other.
    strict = DecodeSettings(narrative_threshold=0.5, fallback_threshold=1.0)
    assert decode(T, {DU: 0.3}, {}, strict) == (["Other"], ["Other"])


def test_per_label_threshold_and_caps():
    settings = DecodeSettings(narrative_threshold=0.5, subnarrative_threshold=0.5, label_thresholds={MIL: 0.95},
                              max_subnarratives=1)
    n, s = decode(T, {DU: 0.9}, {MIL: 0.9, NAZI: 0.6, f"{DU}: Situation in Ukraine is hopeless": 0.7}, settings)
    assert s == [f"{DU}: Situation in Ukraine is hopeless"]


def test_make_consistent_repairs():
    # parent added, X: Other dropped next to a listed sibling, unknown labels dropped, Other removed when labels exist
    n, s = make_consistent(T, ["Other", "Nonsense"], [MIL, f"{DU}: Other", "URW: Praise of Russia: Other"])
    assert n == [DU, PR]
    assert s == [MIL, "URW: Praise of Russia: Other"]
    assert make_consistent(T, [PR], []) == ([PR], [f"{PR}: Other"])
    assert make_consistent(T, [], []) == (["Other"], ["Other"])


# ---------------------------------------------------------------------------- expected-F1 decoding
from narrascope.narratives.labels import decode_expected_f1, expected_f1_set  # noqa: E402


def test_expected_f1_set_adds_labels_only_while_they_pay():
    labels, ef1 = expected_f1_set([("a", 0.9), ("b", 0.6), ("c", 0.05)])
    # E[F1] of {a} = 1.8 / 2.55, of {a, b} = 3.0 / 3.55, of {a, b, c} = 3.1 / 4.55
    assert labels == ["a", "b"]
    assert abs(ef1 - 3.0 / 3.55) < 1e-9


def test_expected_f1_set_honours_conflicts():
    labels, _ = expected_f1_set([("x", 0.8), ("x_other", 0.7), ("y", 0.6)], conflicts={"x_other": {"x"}, "x": {"x_other"}})
    assert labels == ["x", "y"]


def test_decode_expected_f1_picks_other_when_it_is_the_better_bet():
    subs = {MIL: 0.5, NAZI: 0.3}
    assert decode_expected_f1(T, subs, other_score=0.8) == (["Other"], ["Other"])
    n, s = decode_expected_f1(T, subs, other_score=0.1)
    assert n == [DU] and s[0] == MIL


def test_decode_expected_f1_is_consistent():
    # "X: Other" beside a listed subnarrative of X never survives; parents come with their subnarratives.
    subs = {MIL: 0.9, f"{DU}: Other": 0.85, f"{PR}: Praise of Russian military might": 0.7}
    n, s = decode_expected_f1(T, subs, other_score=0.05)
    assert f"{DU}: Other" not in s
    assert set(n) == {DU, PR} and MIL in s
    assert make_consistent(T, n, s) == (n, s)
