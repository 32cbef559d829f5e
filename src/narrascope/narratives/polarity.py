"""Who is said to be losing: side-aware polarity of an article (EN, RU, BG, PT, HI).

A bag of sentence embeddings knows the topic (armies, collapse, mobilisation) but not whose army. Here
every sentence is read for the two sides of the war (Russia: Russia, Russian, Putin, the Kremlin,
Moscow; Ukraine: Ukraine, Ukrainian, Zelensky, Kyiv) and for words of losing (collapse, retreat,
exhausted, desperate, running out of ...) and of winning (advance, victory, unstoppable, liberated ...).
Each such word is given to the side named nearest before it in the sentence (the subject, in these
languages, mostly comes first: "the Russian army is collapsing", "Putin is losing"), else the nearest
after it; a negation between the two ("is not losing") turns it over.

``counts(text, spans)`` gives four numbers per article: Russia losing, Ukraine losing, Russia winning,
Ukraine winning (sentence counts). ``features`` turns them into the classifier's polarity features and
``net`` into one number: > 0 says "Russia is losing / Ukraine is winning", < 0 the opposite.

``POLAR_LABELS`` (SemEval-2025 URW labels) says which subnarratives carry which message; the decoder
decides them jointly (``joint_conflicts``): a label that says Ukraine is losing never stands beside one
that says Russia is losing, and the polarity of the text weighs in when they compete.
"""
from __future__ import annotations

import re

import numpy as np

# -- lexicons (lower-cased prefixes / words; matched at a word start) --------------------------------------
RUSSIA = [
    # EN
    "russia", "russian", "putin", "kremlin", "moscow", "wagner",
    # RU
    "росси", "российск", "русск", "путин", "кремл", "москв", "рф ", "вс рф",
    # BG
    "русия", "руск", "кремъл", "москва",
    # PT
    "rússia", "russia", "russo", "russa", "moscovo", "moscou", "kremlin",
    # HI
    "रूस", "पुतिन", "क्रेमलिन", "मॉस्को", "मास्को",
]
UKRAINE = [
    "ukrain", "kyiv", "kiev", "zelensk", "zelenskiy", "kharkiv",
    "украин", "киев", "зеленск", "всу",
    "украйн", "зеленски",
    "ucrân", "ucran", "kiev", "zelensky",
    "यूक्रेन", "युक्रेन", "यूक्रेनी", "कीव", "ज़ेलेंस्की", "जेलेंस्की", "ज़ेलेन्स्की",
]
LOSING = [
    # EN
    "losing", "lose ", "loses", "lost the war", "collaps", "crumbl", "retreat", "exhaust", "demoralis", "demoraliz",
    "desperat", "running out", "run out", "ran out", "defeated", "defeat", "failing", "failed", "failure", "desert",
    "shortage", "heavy losses", "huge losses", "staggering losses", "in disarray", "on the verge", "falling apart",
    "bogged down", "stalled", "breaking point", "cannot win", "can't win", "will lose", "is lost", "lost",
    # RU
    "проигр", "проиграл", "поражен", "разгром", "отступ", "рушит", "рухн", "развал", "коллапс", "истощ",
    "деморализ", "отчаян", "дезерт", "нехватк", "не хватает", "катастроф", "огромные потери", "тяжелые потери",
    "тяжёлые потери", "потери", "провал", "бегут", "бежал", "сдают", "сдаются", "в плен",
    # BG
    "губи", "загуб", "загуби", "поражение", "разгром", "отстъп", "рухва", "срива", "разпада", "колапс", "изтощ",
    "деморализ", "отчаян", "дезерт", "недостиг", "липса на", "провал", "тежки загуби", "огромни загуби", "загуби",
    # PT
    "perdendo", "perder", "perde ", "perdeu", "derrota", "derrotad", "colaps", "desmoron", "recua", "recuo", "retir",
    "exaust", "esgota", "desmoraliz", "desesper", "desert", "escassez", "falta de", "fracass", "perdas pesadas",
    "enormes perdas", "perdas",
    # HI
    "हार", "हारन", "हार रहा", "हार रही", "पीछे हट", "पतन", "ढह", "बिखर", "थक", "हताश", "निराश", "भाग रहे",
    "कमी", "विफल", "नाकाम", "भारी नुकसान", "नुकसान",
]
WINNING = [
    # EN
    "winning", "will win", "won the", "victory", "victorious", "advanc", "gaining", "gained", "captur", "liberat",
    "unstoppable", "superior", "breakthrough", "succeed", "success", "triumph", "dominat", "crushing", "crushed",
    "pushed back", "recaptur", "regain", "counteroffensive", "counter-offensive", "overwhelm",
    # RU
    "побед", "выигр", "наступ", "продвига", "продвин", "освобод", "занял", "заняли", "взял", "взяли", "успех",
    "успешн", "непобедим", "превосход", "прорыв", "разгромил", "контрнаступ",
    # BG
    "печели", "спечел", "победа", "побед", "настъп", "напред", "освобод", "превзе", "успех", "успешн",
    "непобедим", "превъзход", "пробив", "контранастъп",
    # PT
    "vencendo", "vencer", "vence ", "venceu", "vitória", "vitorios", "avanç", "conquist", "captur", "libert",
    "imparáv", "superior", "sucesso", "triunf", "dominan", "contraofensiva", "contra-ofensiva", "recuper",
    # HI
    "जीत", "जीतन", "जीत रहा", "विजय", "बढ़त", "आगे बढ़", "कब्जा", "क़ब्ज़ा", "मुक्त", "सफल", "अजेय", "श्रेष्ठ",
    "जवाबी हमला",
]
NEGATION = ["not", "n't", "never", "no longer", "не ", "ни ", "нито", "não", "nunca", "नहीं", "न "]

_WORD_START = r"(?<![\w\u0900-\u097F])"


def _compile(words: list[str]) -> re.Pattern:
    alts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return re.compile(_WORD_START + "(?:" + "|".join(re.escape(w) for w in alts) + ")")


_RU = _compile(RUSSIA)
_UA = _compile(UKRAINE)
_LOSE = _compile(LOSING)
_WIN = _compile(WINNING)
_NEG = _compile(NEGATION)

N_FEATURES = 5  # log1p of the four counts, and the net share


def sentence_polarity(sentence: str) -> tuple[int, int, int, int]:
    """(Russia losing, Ukraine losing, Russia winning, Ukraine winning) as 0/1 for one sentence."""
    s = sentence.lower()
    sides = [(m.start(), "R") for m in _RU.finditer(s)] + [(m.start(), "U") for m in _UA.finditer(s)]
    if not sides:
        return (0, 0, 0, 0)
    sides.sort()
    got = {"RL": 0, "UL": 0, "RW": 0, "UW": 0}
    taken: list[tuple[int, int]] = []
    for kind, pattern in (("L", _LOSE), ("W", _WIN)):
        for m in pattern.finditer(s):
            if any(a <= m.start() < b for a, b in taken):  # inside a longer cue already counted
                continue
            taken.append((m.start(), m.end()))
            before = [(p, side) for p, side in sides if p < m.start()]
            # a side word that is itself the cue's start (e.g. "russian" in "russian losses") counts as before
            if before:
                pos, side = before[-1]
            else:
                pos, side = min(((p, side) for p, side in sides), key=lambda t: t[0] - m.start())
            lo, hi = sorted((pos, m.start()))
            k = kind
            if _NEG.search(s, lo, hi + 1) and pos < m.start():
                k = "W" if kind == "L" else "L"
            got[side + k] = 1
    return (got["RL"], got["UL"], got["RW"], got["UW"])


def counts(text: str, spans: list[tuple[int, int]], title: str | None = None) -> np.ndarray:
    """Sentence counts (Russia losing, Ukraine losing, Russia winning, Ukraine winning) over the sentences
    ``spans`` of ``text`` and the title."""
    c = np.zeros(4, dtype=np.float32)
    for s, e in spans:
        c += sentence_polarity(text[s:e])
    if title:
        c += sentence_polarity(title)
    return c


def net(c: np.ndarray) -> float:
    """> 0: the article says Russia is losing (or Ukraine winning); < 0: Ukraine losing (or Russia winning)."""
    ru_down = float(c[0] + c[3])
    ua_down = float(c[1] + c[2])
    return (ru_down - ua_down) / (ru_down + ua_down + 1.0)


def features(c: np.ndarray) -> np.ndarray:
    return np.concatenate([np.log1p(np.asarray(c, np.float32)), [net(c)]]).astype(np.float32)


# -- labels that carry a side ----------------------------------------------------------------------------
# +1: the message is "Russia is losing / Ukraine (or the West) is winning"; -1: "Ukraine is losing / Russia wins".
POLAR_LABELS: dict[str, int] = {
    "URW: Speculating war outcomes: Russian army is collapsing": +1,
    "URW: Speculating war outcomes: Russian army will lose all the occupied territories": +1,
    "URW: Overpraising the West: NATO will destroy Russia": +1,
    "URW: Speculating war outcomes: Ukrainian army is collapsing": -1,
    "URW: Discrediting Ukraine: Situation in Ukraine is hopeless": -1,
    "URW: Praise of Russia: Praise of Russian military might": -1,
    "URW: Discrediting Ukraine: Discrediting Ukrainian military": -1,
}
# Narratives that serve one side as a whole (same sign convention), every subnarrative included: an article
# whose message is that Russia is losing does not praise Russia or discredit Ukraine, whatever its topic words
# say. Read by ``side.sentence_against`` (no evidence sentence or explanation clause for a label says the
# opposite of its side), by the tiers' optional wider cap (``tiers.grade(whole_narratives=True)``, off: it lost)
# and by ``bench/narratives_side_agreement.py``; the scores and the decoder do not use it.
SERVED_NARRATIVES: dict[str, int] = {
    "URW: Praise of Russia": -1,
    "URW: Discrediting Ukraine": -1,
    "URW: Overpraising the West": +1,
}


def served_side(label: str) -> int:
    """The side ``label`` serves: its polar sign, else its narrative's (``SERVED_NARRATIVES``), else 0."""
    if label in POLAR_LABELS:
        return POLAR_LABELS[label]
    for narrative, sign in SERVED_NARRATIVES.items():
        if label == narrative or label.startswith(narrative + ": "):
            return sign
    return 0


# The two labels that say the same thing of opposite sides.
MIRRORS: dict[str, str] = {
    "URW: Speculating war outcomes: Russian army is collapsing": "URW: Speculating war outcomes: Ukrainian army is collapsing",
    "URW: Speculating war outcomes: Ukrainian army is collapsing": "URW: Speculating war outcomes: Russian army is collapsing",
}
# Labels of opposite sides that contradict each other outright (never in one answer).
CONTRADICTIONS: list[tuple[str, str]] = [
    ("URW: Speculating war outcomes: Russian army is collapsing", "URW: Speculating war outcomes: Ukrainian army is collapsing"),
    ("URW: Speculating war outcomes: Russian army is collapsing", "URW: Praise of Russia: Praise of Russian military might"),
    ("URW: Speculating war outcomes: Russian army will lose all the occupied territories", "URW: Speculating war outcomes: Ukrainian army is collapsing"),
    ("URW: Speculating war outcomes: Russian army will lose all the occupied territories", "URW: Praise of Russia: Praise of Russian military might"),
    ("URW: Overpraising the West: NATO will destroy Russia", "URW: Speculating war outcomes: Ukrainian army is collapsing"),
]


def polar_labels(labels) -> dict[str, int]:
    """The polar labels among ``labels`` (a taxonomy's labels): label -> side."""
    known = set(labels)
    return {l: s for l, s in POLAR_LABELS.items() if l in known}


def joint_conflicts(labels) -> dict[str, set[str]]:
    """Contradicting pairs among ``labels``, for ``labels.expected_f1_set``."""
    known = set(labels)
    out: dict[str, set[str]] = {}
    for a, b in CONTRADICTIONS:
        if a in known and b in known:
            out.setdefault(a, set()).add(b)
            out.setdefault(b, set()).add(a)
    return out


MIN_NET = 0.3  # |net| from which the text's side decides a mirror group

# Labels that speak of one topic (whose army is strong / breaking) from opposite sides, and, per side, the
# label that says that side's message in the group's own words.
MIRROR_GROUPS: list[dict[str, int]] = [{
    "URW: Speculating war outcomes: Russian army is collapsing": +1,
    "URW: Speculating war outcomes: Ukrainian army is collapsing": -1,
    "URW: Praise of Russia: Praise of Russian military might": -1,
}]
MIRROR_OF_SIDE: list[dict[int, str]] = [{
    +1: "URW: Speculating war outcomes: Russian army is collapsing",
    -1: "URW: Speculating war outcomes: Ukrainian army is collapsing",
}]


def adjust(cond: np.ndarray, labels: list[str], net, strength: float) -> np.ndarray:
    """The joint decision of the polar labels, on P(subnarrative | not Other) (rows: articles, columns: ``labels``).

    A mirror group (the Russian army collapsing / the Ukrainian army collapsing / Russian military might) is one
    topic whose probability is the largest the model gives any of its labels; the side comes from the text. Where
    the text clearly names the losing side (|net| >= MIN_NET), s = sigmoid(strength * |net|): the labels of the
    other side keep at most topic * (1 - s), and when the model's best label was of the other side, this side's
    label of the group gets at least topic * s. Every other polar label loses log-odds ``strength * |net|`` where
    the text says its opposite (never gains: the training data hold few articles of one side to learn from).
    ``strength`` 0: no change. Fixed, not tuned on data.
    """
    cond = np.asarray(cond, dtype=float)
    if strength <= 0:
        return cond
    out = cond.copy()
    idx = {l: j for j, l in enumerate(labels)}
    net = np.asarray(net, dtype=float).reshape(-1)
    done: set[str] = set()
    for group, mirror in zip(MIRROR_GROUPS, MIRROR_OF_SIDE):
        members = [(idx[l], side) for l, side in group.items() if l in idx]
        if len(members) < 2:
            continue
        done |= set(group)
        cols = np.array([j for j, _ in members])
        sides = np.array([sd for _, sd in members])
        block = cond[:, cols]
        topic = block.max(1)
        top_side = sides[block.argmax(1)]
        text_side = np.sign(net)
        clear = np.abs(net) >= MIN_NET
        s = 1.0 / (1.0 + np.exp(-strength * np.abs(net)))
        for k, (j, side) in enumerate(members):
            other = clear & (side != text_side)
            out[:, j] = np.where(other, np.minimum(cond[:, j], topic * (1 - s)), out[:, j])
        for text_sd in (+1, -1):
            label = mirror.get(text_sd)
            if label not in idx:
                continue
            j = idx[label]
            boost = clear & (text_side == text_sd) & (top_side != text_sd)
            out[:, j] = np.where(boost, np.maximum(cond[:, j], topic * s), out[:, j])
    for label, side in POLAR_LABELS.items():
        if label in done or label not in idx:
            continue
        j = idx[label]
        against = np.minimum(side * net, 0.0)
        p = np.clip(cond[:, j], 1e-6, 1 - 1e-6)
        out[:, j] = 1.0 / (1.0 + np.exp(-(np.log(p / (1 - p)) + strength * against)))
    return out
