"""The analyst's tier of an answered label (confident / likely / guess), read for the user's feed.

The cut-points are measured on cross-validated SemEval scores (``train.calibration.tier_cuts``): the lowest
score from which the answered labels reach the tier's precision. SemEval articles were chosen because they
carry narratives (a quarter ``Other`` in the official sets), so two corrections are applied before the
cut-points are met:

- a narrative is never graded above its best answered subnarrative: on SemEval an answered narrative is
  right at almost any score (its "likely" cut-point is 0.02), but what tells a neutral wire story from an
  article that carries the narrative is the subnarrative-level evidence (measured:
  ``bench/narratives_tiers.py``, on the held-out fifth and on our own neutral articles);
- with ``feed_other_share`` (the share of articles that carry no catalogued narrative in the user's feed),
  P(Other) moves to that prior (its log-odds shift by the difference of the two priors' log-odds) and every
  other label's score shrinks with 1 - P(Other). Off by default: on our tuning articles it demoted true
  labels and no neutral one (README, "Tiers");
- with ``side`` (``side.article_side``: whose army the article says is losing), a polar label whose side
  contradicts a clear article side is shown no higher than "guess" ("Praise of Russian military might" on an
  article whose message is that Russia is preparing for defeat); with ``whole_narratives`` (off: measured, it
  demotes more right labels than wrong ones) also every label of a narrative that serves the other side.

The scores themselves, which ``predict`` and the metric read, do not change.
"""
from __future__ import annotations

from typing import Callable, Sequence

from .features import logit, sigmoid
from .side import contradicts
from .stance import contradicts as against_stance
from .taxonomy import Taxonomy

TIERS = ("confident", "likely", "guess")
_RANK = {t: i for i, t in enumerate(TIERS)}


def tier_of(cuts: Sequence[float] | None, score: float) -> str | None:
    """``cuts`` = [confident, likely]; None when the model measured no cut-points (nothing is graded)."""
    if not cuts:
        return None
    return "confident" if score >= cuts[0] else "likely" if score >= cuts[1] else "guess"


def feed_other_probability(p_other: float, feed_other_share: float | None, other_prior: float) -> float:
    """P(Other) moved from the prior it was tuned for (``other_prior``) to the feed's share (Bayes)."""
    if feed_other_share is None or not 0.0 < feed_other_share < 1.0 or not 0.0 < p_other < 1.0:
        return p_other
    return float(sigmoid(logit(p_other) + logit(feed_other_share) - logit(other_prior)))


def grade(taxonomy: Taxonomy, cuts_of: Callable[[str], Sequence[float] | None], narratives: Sequence[str],
          subnarratives: Sequence[str], scores: dict[str, float], feed_other_share: float | None = None,
          other_prior: float = 0.25, cap_narratives: bool = True, side: float | None = None,
          whole_narratives: bool = False, stance: float | None = None) -> dict[str, str | None]:
    """Tier of every answered label. ``cuts_of(label)``: the label's level's [confident, likely] cut-points;
    ``scores``: every label's decided probability (Other's included, as the decoder wrote them);
    ``side`` / ``stance``: the article's war side and climate stance (a label against either is a "guess");
    ``whole_narratives``: the side cap also takes every label of a narrative that serves the other side (off: it
    lost on SemEval, where the side reading contradicts the gold a third of the time; README, "Tiers")."""
    other = taxonomy.other_label
    p_other = float(scores.get(other, 0.0))
    p_feed = feed_other_probability(p_other, feed_other_share, other_prior)
    factor = (1.0 - p_feed) / (1.0 - p_other) if p_other < 1.0 else 1.0

    def own(label: str) -> str | None:
        return tier_of(cuts_of(label), p_feed if label == other else float(scores.get(label, 0.0)) * factor)

    out: dict[str, str | None] = {s: own(s) for s in subnarratives}
    for s in subnarratives:
        if out[s] and (contradicts(s, side, whole_narratives=whole_narratives) or against_stance(s, stance)):  # the article says the opposite
            out[s] = "guess"
    for n in narratives:
        t = own(n)
        if t and (contradicts(n, side, whole_narratives=whole_narratives) or against_stance(n, stance)):
            t = "guess"
        kids = [out[s] for s in subnarratives if s != other and out.get(s) and taxonomy.parent(s) == n]
        if cap_narratives and n != other and t and kids:
            t = max(t, min(kids, key=_RANK.__getitem__), key=_RANK.__getitem__)
        out[n] = t
    return out
