"""Consistent decoding of narrative scores into the two label sets.

Rules (those of the SemEval annotation): a subnarrative implies its narrative; ``Other`` stands alone in
both columns; a narrative with none of its listed subnarratives is written ``<narrative>: Other``.
``decode`` turns per-label scores into labels that follow the rules (hierarchically: narratives first,
then their subnarratives); ``make_consistent`` repairs any pair of label sets.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .taxonomy import Taxonomy


@dataclass
class DecodeSettings:
    """Thresholds tuned by cross-validation (stored in the model's config)."""

    # The article is ``Other`` when the Other score reaches this (models that score Other; 1.0+ = never).
    other_threshold: float = 0.5
    narrative_threshold: float = 0.5
    subnarrative_threshold: float = 0.5
    # Per-label overrides of the two thresholds above.
    label_thresholds: dict[str, float] = field(default_factory=dict)
    # With no narrative over its threshold, the article is ``Other`` unless the best narrative scores at
    # least this much (then that narrative alone is kept): the knob for the expected share of ``Other``.
    fallback_threshold: float = 1.0
    # A subnarrative over its threshold brings its narrative in when the narrative scores at least this.
    promote_threshold: float = 1.0
    # "X: Other" is also kept beside listed subnarratives of X when it scores this much (the SemEval gold
    # has both when annotators differed); above 1.0 = only when no listed subnarrative holds.
    other_sub_threshold: float = 1.01
    max_narratives: int = 4
    max_subnarratives: int = 3  # per narrative

    def threshold(self, label: str, is_sub: bool) -> float:
        default = self.subnarrative_threshold if is_sub else self.narrative_threshold
        return self.label_thresholds.get(label, default)

    def to_dict(self) -> dict:
        return dict(vars(self))

    @classmethod
    def from_dict(cls, d: dict) -> "DecodeSettings":
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def decode(taxonomy: Taxonomy, narrative_scores: dict[str, float], sub_scores: dict[str, float],
           settings: DecodeSettings | None = None, other_score: float | None = None) -> tuple[list[str], list[str]]:
    """(narratives, subnarratives), best first; ``(["Other"], ["Other"])`` when nothing holds.

    With ``other_score``, ``Other`` is decided first (score >= ``other_threshold``); otherwise the article is
    ``Other`` only when no narrative reaches its threshold nor ``fallback_threshold``.
    """
    s = settings or DecodeSettings()
    if other_score is not None and other_score >= s.other_threshold:
        return [taxonomy.other_label], [taxonomy.other_label]
    ranked = sorted(taxonomy.narrative_labels, key=lambda n: -narrative_scores.get(n, 0.0))
    chosen = [n for n in ranked if narrative_scores.get(n, 0.0) >= s.threshold(n, False)]
    # A confident subnarrative pulls in a narrative that is close to its own threshold.
    for n in ranked:
        if n in chosen or narrative_scores.get(n, 0.0) < s.promote_threshold:
            continue
        if any(sub_scores.get(x.label, 0.0) >= s.threshold(x.label, True) for x in taxonomy.narrative(n).subnarratives if not x.is_other):
            chosen.append(n)
    if not chosen and ranked and narrative_scores.get(ranked[0], 0.0) >= s.fallback_threshold:
        chosen = [ranked[0]]
    chosen = sorted(chosen, key=lambda n: -narrative_scores.get(n, 0.0))[: s.max_narratives]
    if not chosen:
        return [taxonomy.other_label], [taxonomy.other_label]
    subs: list[str] = []
    for n in chosen:
        children = [x for x in taxonomy.narrative(n).subnarratives if not x.is_other]
        kids = sorted((x.label for x in children), key=lambda x: -sub_scores.get(x, 0.0))
        picked = [x for x in kids if sub_scores.get(x, 0.0) >= s.threshold(x, True)][: s.max_subnarratives]
        other = taxonomy.other_sub(n)
        if not picked:
            picked = [other] if other else []
        elif other and sub_scores.get(other, 0.0) >= s.other_sub_threshold:
            picked.append(other)
        subs.extend(picked)
    return chosen, subs


def make_consistent(taxonomy: Taxonomy, narratives: list[str], subnarratives: list[str]) -> tuple[list[str], list[str]]:
    """Repair label sets: add the parents of subnarratives, ``X: Other`` for bare narratives, ``Other`` alone.

    Labels outside the taxonomy are dropped; order is kept.
    """
    other = taxonomy.other_label
    narr = [n for n in dict.fromkeys(narratives) if taxonomy.is_narrative(n)]
    subs = [x for x in dict.fromkeys(subnarratives) if taxonomy.is_subnarrative(x)]
    for x in subs:
        parent = taxonomy.parent(x)
        if parent not in narr:
            narr.append(parent)
    for n in narr:
        own = [x for x in subs if taxonomy.parent(x) == n]
        real = [x for x in own if not taxonomy.subnarrative(x).is_other]
        if real:  # "X: Other" only when no listed subnarrative holds
            subs = [x for x in subs if not (taxonomy.parent(x) == n and taxonomy.subnarrative(x).is_other)]
        elif not own:
            o = taxonomy.other_sub(n)
            if o:
                subs.append(o)
    if not narr:
        return [other], [other]
    return narr, subs


# ------------------------------------------------------------------------------ expected-F1 decoding
def expected_f1_set(scores: list[tuple[str, float]], conflicts: dict[str, set[str]] | None = None,
                    max_labels: int = 8) -> tuple[list[str], float]:
    """The label set with the highest expected per-article F1 under independent label probabilities.

    ``scores`` are (label, P(label | the article is not Other)). For a set S of the k most probable labels,
    E[F1] ~= 2 * sum_{s in S} p_s / (k + sum_all p): the official metric is a per-article F1, so adding a
    label pays only while it raises this ratio (a fixed threshold cannot know how many labels an article
    carries). ``conflicts[l]``: labels that may not stand beside ``l`` (``X: Other`` beside a listed
    subnarrative of X); the more probable one wins. Returns (labels best first, their expected F1).
    """
    ranked = sorted(scores, key=lambda t: -t[1])
    expected_gold = sum(p for _, p in ranked)
    if not ranked or expected_gold <= 0:
        return [], 0.0
    conflicts = conflicts or {}
    chosen: list[str] = []
    taken: set[str] = set()
    best: tuple[list[str], float] = ([], 0.0)
    mass = 0.0
    for label, p in ranked:
        if len(chosen) >= max_labels:
            break
        if taken & conflicts.get(label, set()):
            continue
        chosen.append(label)
        taken.add(label)
        mass += p
        ef1 = 2 * mass / (len(chosen) + expected_gold)
        if ef1 > best[1]:
            best = (list(chosen), ef1)
    return best


def subnarrative_conflicts(taxonomy: Taxonomy) -> dict[str, set[str]]:
    """For ``expected_f1_set``: ``X: Other`` may not stand beside a listed subnarrative of X (nor they beside it)."""
    conflicts: dict[str, set[str]] = {}
    for n in taxonomy.narrative_labels:
        other = taxonomy.other_sub(n)
        if not other:
            continue
        listed = {x.label for x in taxonomy.narrative(n).subnarratives if not x.is_other}
        conflicts[other] = listed
        for x in listed:
            conflicts[x] = {other}
    return conflicts


def decode_expected_f1(taxonomy: Taxonomy, sub_scores: dict[str, float], other_score: float,
                       max_labels: int = 8, conflicts: dict[str, set[str]] | None = None) -> tuple[list[str], list[str]]:
    """(narratives, subnarratives) maximising expected F1@fine; ``Other`` when that is the better bet.

    ``sub_scores``: P(subnarrative | not Other) for every subnarrative, ``X: Other`` included;
    ``other_score``: P(Other) at the evaluation prior (the language's bias already applied). Answering
    ``Other`` has expected F1 = P(Other); a label set S has (1 - P(Other)) * E[F1(S) | not Other].
    Narratives are the parents of the chosen subnarratives. ``conflicts``: labels that may not stand together
    (default: ``subnarrative_conflicts``; the model adds the contradicting polar labels).
    """
    subs, ef1 = expected_f1_set([(l, p) for l, p in sub_scores.items() if taxonomy.is_subnarrative(l)],
                                conflicts if conflicts is not None else subnarrative_conflicts(taxonomy), max_labels)
    if not subs or other_score >= (1.0 - other_score) * ef1:
        return [taxonomy.other_label], [taxonomy.other_label]
    narratives = list(dict.fromkeys(taxonomy.parent(x) for x in subs))
    return make_consistent(taxonomy, narratives, subs)
