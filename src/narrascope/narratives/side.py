"""Whose side of the war an article takes, read for the tiers (a display decision; scores never change).

``polarity.counts`` counts sentences in which a side is said to lose or win. Read on real articles those
counts are often nearly even where a reader has no doubt: "Russia is preparing for defeat", quoting a
Ukrainian expert, also says that the Kremlin believed it could "capture Kyiv in three days" (a winning cue
for Russia inside a belief that failed) and speaks of "the war in Ukraine" (Ukraine as a place, not the
side that loses). ``article_side`` reads the same cues more carefully:

- a side named as a place or an object ("in Ukraine", "the territory of Ukraine", "against Russia") is not
  the subject of the loss or win when a subject-like mention exists;
- a winning cue under a belief, hope or plan ("believed they could capture", "hoped to take") is irrealis:
  it is dropped (it says the opposite as often as not);
- the title speaks for the article: its sentence counts ``TITLE_WEIGHT`` times;
- a sentence carried by a quote (``voice``: the attribution stage's statements) whose speaker the article
  does not endorse (hedged) counts half;
- the reading adds its own cues to the polarity lexicons (an army "depleting", "undertrained", "poorly led"),
  negations ("няма да", "impossible") and denials before the subject ("there is no sign that Russia is
  losing"), and ignores a side word far after the cue (another clause's);
- a defence that holds makes its object the loser ("held off the Russian army", "repelled Ukrainian attacks",
  ``OBJECT_LOSES``); a sentence about the Second World War, a loss "for both sides", "deserted streets", a plan
  ("determined to … capture"), a win in scare quotes ("the “counteroffensive”") say nothing; a possessor is a
  subject after any preposition ("with Moscow's victory"); a side after a gerund is its object ("failed as a
  means of weakening Russia"). Measured against the gold: ``bench/narratives_side_agreement.py``.

``sentence_against`` reads one sentence alone: one that says the opposite of the side a label serves is never
that label's evidence sentence nor its explanation's clause.

The result is one number in [-1, 1] (> 0: "Russia is losing / Ukraine is winning", as ``polarity.net``).
``tiers.grade`` caps the tier of a polar label whose side contradicts a clear article side (|side| >=
``MIN_SIDE``) at "guess". With the model setting ``side_veto`` (> 0: the |side| from which it applies) the
decoder also never answers such a label (``veto``): P(label | not Other) goes to 0 before the expected-F1
decoder picks the set, so the answer is chosen without it (another label, or ``Other``).
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

import numpy as np

from . import polarity as pol

TITLE_WEIGHT = 2.0
HEDGED_WEIGHT = 0.5
MIN_SIDE = pol.MIN_NET  # |side| from which a contrary polar label is shown no higher than "guess"; fixed, not tuned

# Prepositions / nouns that make the next side word a place or an object, not a subject (lower-cased, ends at the side word).
_PLACE = re.compile(
    r"(?:\b(?:in|into|to|of|against|across|over|on|from|with|inside|for)\s+(?:the\s+)?(?:territory\s+of\s+|east(?:ern)?\s+|south(?:ern)?\s+)?"
    r"|(?<![\w])(?:в|во|на|по|против|с|из|для|к|территории)\s+"
    r"|(?<![\w])(?:в|във|на|срещу|от|за|към|с|територията\s+на)\s+"
    r"|\b(?:em|na|no|contra|da|do|de|para|à|ao)\s+"
    r"|(?:में|पर|के\s+खिलाफ|से|को)\s*)$")
# Words of belief / hope / plan before a winning cue: the win was imagined, not claimed.
_IRREALIS = re.compile(
    r"(?<![\w])(?:believ|thought|hop(?:e|ed|ing)|expect|plann|dream|illusion|could|would|wanted|intend|possibilit|"
    r"determined to|seek|aim(?:s|ed|ing)? to|trying to|tries to|tried to|attempt|bid to|"
    r"рассчитыва|надея|верил|думал|мечта|планир|могли бы|хотел|"
    r"вярва|надява|мисле|очаква|искаше|"
    r"acreditav|esperav|pensav|planeav|sonhav|queria|"
    r"उम्मीद|सोच|चाहत)")


# Losing cues the article-side reading adds to ``polarity.LOSING`` (the model's own features keep that list, so
# the bundled models read what they were trained on): an army described as worn out or badly run.
SIDE_LOSING = ["depleting", "depleted", "dwindling", "undertrained", "untrained", "unmotivated", "poorly led",
               "poorly equipped", "low morale", "panic", "mindless", "in tatters",
               "паник", "деморализ", "паника", "pânico", "घबराहट"]
_SIDE_LOSE = pol._compile(pol.LOSING + SIDE_LOSING)
# Negations the side reading adds ("Ukraine will not be able to defeat Russia", "no sign that Russia is losing").
SIDE_NEGATION = ["няма да", "невъзможно", "невозможно", "no sign", "no indication", "no evidence", "no chance",
                 "unable to", "impossible", "impossibility", "dificilmente", "impossível"]
_SIDE_NEG = pol._compile(pol.NEGATION + SIDE_NEGATION)
# ... and those that deny the whole clause before its subject ("there is no sign that Russia is losing").
_DENIED = pol._compile(["no sign", "no indication", "no evidence", "no chance", "not true that", "false that",
                        "myth that", "нет признаков", "нет никаких признаков", "няма признаци", "nada indica"])
# Cues whose loser is their object ("held off the Russian army", "holding back the Russian advance", "the
# defeat of Nazi Germany"): the side named right after loses; with none there, the subject before wins, or, in
# the passive ("were pushed back"), loses. A non-side object ("defeating Nazi Germany") says nothing of this war.
OBJECT_LOSES = ["held off", "hold off", "holding off", "holds off", "held back", "hold back", "holding back",
                "holds back", "repel", "repuls", "fought off", "fend off", "fended off", "fending off", "beat back",
                "beaten back", "beating back", "pushed back", "pushing back", "push back", "thwart", "foil",
                "defeat of", "defeating", "halted the", "stopped the", "routed", "blunted",
                "отбил", "отбива", "отразил", "отража", "сдержал", "сдержива", "остановил",
                "отблъсна", "отблъсква", "repeliu", "repelir", "repelem", "travou", "conteve", "derrotou",
                "खदेड़", "रोक दिया"]
_OBJECT_LOSES = pol._compile(OBJECT_LOSES)
_PASSIVE = re.compile(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+\s+)?$|(?:был[аио]?|были|е|са|бяха|foi|foram)\s+$")
# What may follow such a cue for its subject to be the winner: nothing (an end, a preposition) or an attack
# ("Ukrainian forces held off", "repelled the assault near Bakhmut"); another object ("halted the gas flow") is not this war.
_NO_OBJECT = re.compile(r"(?:\w*)\s*(?:$|[,.;:!?)\u2014-]|(?:at|near|in|on|from|for|after|during|despite|again|"
                        r"twice|there|with|и|в|на|под|em|na|no|e|,)\b|(?:(?:the|an?|a|its|their|all|every|"
                        r"uma?|o|os|as|все|всички)\s+)?(?:\w+\s+)?(?:attack|assault|offensive|incursion|advance|"
                        r"ataque|ofensiva|incurs|avanço|атак|наступлени|атаки|настъпление|прорыв))")

# A sentence about the Second World War (Victory Day, the defeat of Nazi Germany) tells nothing of who wins this one.
_HISTORICAL = pol._compile(["nazi", "world war ii", "second world war", "great patriotic war", "victory day",
                            "red army", "1945", "napoleon", "napoleão", "наполеон", "нацист", "великой отечественной", "великая отечественная",
                            "день победы", "втората световна", "деня на победата", "segunda guerra",
                            "dia da vitória", "नाज़ी", "नाजी", "द्वितीय विश्व"])
# A loss or win shared by both sides ("huge losses for both sides") is nobody's.
_BOTH_SIDES = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:both sides|both armies|each side|обе стороны|обеих сторон|двете страни|"
                         r"ambos os lados|दोनों पक्ष)")
# "deserted streets": "deserted" is a losing cue only for soldiers who deserted.
_NOT_DESERTION = re.compile(r"deserted\b")
_DESERTERS = re.compile(r"(?:troops|soldiers|men|who|they|have|had|conscripts|servicemen|units)\s+$")

# A side word after the cue names the loser only when close ("heavy losses for Russia"); further on it is
# another clause's ("Their stocks are depleting, … Milley said after the Ukraine Defense Contact Group meeting").
AFTER_CUE_CHARS = 40


_POSSESSOR = re.compile(r"\w*['’]s\b")
# A winning word in scare quotes ("the Ukrainian “counteroffensive”"): the writer mocks it, nobody is winning.
_SCARE_QUOTED = re.compile(r"[\"“'‘«]\s*$")
# A verb's -ing form between a cue and a side word after it makes the side its object ("has failed as a means of
# weakening Russia"), not the one who fails.
_GERUND_BETWEEN = re.compile(r"\b\w{3,}ing\b")


def _subject_sides(s: str) -> list[tuple[int, str, bool]]:
    """(position, side, is a subject-like mention) of every side word in a lower-cased sentence."""
    out = []
    for pattern, side in ((pol._RU, "R"), (pol._UA, "U")):
        for m in pattern.finditer(s):
            # a possessor is the one whose deed it is, after any preposition ("with Moscow's victory")
            owner = bool(_POSSESSOR.match(s, m.end()))
            out.append((m.start(), side, owner or not _PLACE.search(s[max(0, m.start() - 30):m.start()])))
    return sorted(out)


def sentence_side(sentence: str) -> tuple[int, int, int, int]:
    """(Russia losing, Ukraine losing, Russia winning, Ukraine winning) as 0/1, read as the module says."""
    s = sentence.lower()
    sides = _subject_sides(s)
    if not sides or _HISTORICAL.search(s):
        return (0, 0, 0, 0)
    subjects = [t for t in sides if t[2]] or sides
    got = {"RL": 0, "UL": 0, "RW": 0, "UW": 0}
    taken: list[tuple[int, int]] = []
    for m in _OBJECT_LOSES.finditer(s):
        taken.append((m.start(), m.end()))
        after = [t for t in sides if t[2] and m.end() <= t[0] <= m.end() + AFTER_CUE_CHARS]
        before = [t for t in subjects if t[0] < m.start()]
        if after:
            side, k = after[0][1], "L"
            taken.append((after[0][0], after[0][0] + 30))  # "the Russian advance": the object's own cue is not another
        elif before and not m.group(0).endswith(("of", "ing")) and _NO_OBJECT.match(s, m.end()):
            side, k = before[-1][1], ("L" if _PASSIVE.search(s[max(0, m.start() - 20):m.start()]) else "W")
        else:
            continue  # nobody of this war is the object ("defeating Nazi Germany")
        if _SIDE_NEG.search(s, max(0, m.start() - 25), m.start()):
            k = "W" if k == "L" else "L"
        got[side + k] = 1
    for kind, pattern in (("L", _SIDE_LOSE), ("W", pol._WIN)):
        for m in pattern.finditer(s):
            if any(a <= m.start() < b for a, b in taken):
                continue
            taken.append((m.start(), m.end()))
            if _BOTH_SIDES.search(s[m.end():m.end() + 40]) or (
                    kind == "L" and _NOT_DESERTION.match(s, m.start())
                    and not _DESERTERS.search(s[max(0, m.start() - 20):m.start()])):
                continue
            if m.group(0) == "बढ़त" and "\u093e" <= s[m.end():m.end() + 1] <= "\u094c":
                continue  # "बढ़ते हमले" are growing attacks, not a lead
            if kind == "W" and _IRREALIS.search(s, max(0, m.start() - 40), m.start()):
                continue
            if kind == "W" and _SCARE_QUOTED.search(s, max(0, m.start() - 2), m.start()):
                continue
            before = [t for t in subjects if t[0] < m.start()]
            pos, side, _ = before[-1] if before else min(subjects, key=lambda t: t[0] - m.start())
            if pos > m.end() + AFTER_CUE_CHARS or (pos > m.end() and _GERUND_BETWEEN.search(s, m.end(), pos)):
                continue
            lo, hi = sorted((pos, m.start()))
            k = kind
            if (pos < m.start() and _SIDE_NEG.search(s, lo, hi + 1)) or _DENIED.search(s, max(0, pos - 40), pos + 1):
                k = "W" if kind == "L" else "L"
            got[side + k] = 1
    return (got["RL"], got["UL"], got["RW"], got["UW"])


def _mostly_hedged(start: int, end: int, quotes) -> bool:
    """The sentence lies mostly inside a hedged statement the article attributes (the article keeps its distance)."""
    length = max(1, end - start)
    for q in quotes or ():
        if q.start < 0 or q.end <= q.start:
            continue
        if (min(end, q.end) - max(start, q.start)) / length >= 0.5 and bool(q.hedged or q.hedges):
            return True
    return False


def weighted_counts(read: Callable[[str], tuple[int, ...]], text: str, spans: Sequence[tuple[int, int]],
                    title: str | None = None, quotes=None) -> np.ndarray:
    """``read`` (one sentence's cue counts) summed over the sentences, a hedged attributed one ``HEDGED_WEIGHT``
    times, the title ``TITLE_WEIGHT`` times (shared by the war side and the climate stance)."""
    c = np.zeros(len(read("")), dtype=np.float64)
    for s, e in spans:
        w = HEDGED_WEIGHT if _mostly_hedged(s, e, quotes) else 1.0
        c += w * np.asarray(read(text[s:e]), dtype=np.float64)
    if title:
        c += TITLE_WEIGHT * np.asarray(read(title), dtype=np.float64)
    return c


def side_counts(text: str, spans: Sequence[tuple[int, int]], title: str | None = None, quotes=None) -> np.ndarray:
    """Weighted (Russia losing, Ukraine losing, Russia winning, Ukraine winning) over the sentences and the title."""
    return weighted_counts(sentence_side, text, spans, title, quotes)


def article_side(text: str, spans: Sequence[tuple[int, int]], title: str | None = None, quotes=None) -> float:
    """> 0: the article says Russia is losing (or Ukraine winning); < 0: the opposite; 0: no side."""
    return pol.net(side_counts(text, spans, title, quotes))


def veto(cond: np.ndarray, labels: Sequence[str], sides, min_side: float) -> np.ndarray:
    """P(subnarrative | not Other) (rows: articles, columns: ``labels``) with every polar label that contradicts
    its article's clear side (``contradicts`` at ``min_side``) set to 0; ``min_side`` <= 0: no change."""
    cond = np.asarray(cond, dtype=float)
    if min_side <= 0:
        return cond
    out = cond.copy()
    polar = [j for j, label in enumerate(labels) if label in pol.POLAR_LABELS]
    for i, side in enumerate(np.asarray(sides, dtype=float).reshape(-1)):
        for j in polar:
            if contradicts(labels[j], float(side), min_side):
                out[i, j] = 0.0
    return out


def contradicts(label: str, side: float | None, min_side: float = MIN_SIDE, whole_narratives: bool = False) -> bool:
    """The polar ``label`` says the opposite of a clear article ``side``; ``whole_narratives``: also any label
    of a narrative that serves the other side (``polarity.SERVED_NARRATIVES``)."""
    ls = pol.served_side(label) if whole_narratives else pol.POLAR_LABELS.get(label)
    return bool(ls and side is not None and abs(side) >= min_side and ls * side < 0)


def sentence_against(label: str, sentence: str) -> bool:
    """The sentence, read alone, says the opposite of the side ``label`` serves ("the Russian occupiers have already
    lost the war" for "Discrediting Ukraine"): it cannot be the label's evidence, whatever its embedding says."""
    served = pol.served_side(label)
    if not served:
        return False
    return pol.net(np.asarray(sentence_side(sentence), dtype=np.float64)) * served < 0
