"""Which side of the climate debate an article takes, read from its words (EN, BG, PT, RU, HI).

The climate narratives of the taxonomy serve two sides: "Amplifying Climate Fears" speaks for alarm, the
narratives that downplay the change, question the science, attack the movement, see hidden plots or doubt green
technology speak for scepticism, and criticism of governments or of climate policies comes from both (an
article can blame a government for doing too little). A bag of embeddings knows the topic (emissions, heat,
renewables) but not the side: a piece defending renewables against nuclear power, or warning that billions
are "climate vulnerable", was answered "Renewable energy is dangerous" and "Hidden plots".

``article_stance`` counts sentences that use the words of either side: the sceptic's ("alarmist", "climate
hoax", "junk science", "eco-zealots", a "climate crisis" in scare quotes or called "so-called") and the
concerned writer's ("the climate crisis" said plainly, "climate deniers", "global heating", "fossil fuel
interests", "extreme weather fuelled by climate change"). The title counts twice, a sentence carried by a
hedged attributed statement half (``side.weighted_counts``); a concerned word inside a quotation is the quoted
speaker's (the sceptic quotes the claims it disputes) and counts for no side. The result is one number in
[-1, 1]: > 0 the article writes as one concerned by climate change, < 0 as a sceptic, 0 no side.

The lexicons are written from what each side's vocabulary is, not copied from any article; they were refined by
reading the dev articles of the shared split that the reading got wrong (never the held-out fifth). How often the
reading agrees with the gold: ``bench/narratives_stance_agreement.py``.

``served_stance`` says which side a label serves (+1 alarm, -1 sceptic, 0 both or not a climate label);
``contradicts`` is true for a label against a clear article stance. The tiers show such a label no higher than
"guess", and with the model setting ``stance_veto`` the decoder never answers it.
"""
from __future__ import annotations

import re
from typing import Sequence

import numpy as np

from . import polarity as pol
from .side import weighted_counts

MIN_STANCE = 0.5  # |stance| from which a label of the other side is shown no higher than "guess"; fixed, not tuned

# Narratives (every subnarrative included) that serve one side of the climate debate. Criticism of institutions
# and of climate policies is voiced from both sides (a government "failing" on climate), so it serves neither.
SERVED_NARRATIVES: dict[str, int] = {
    "CC: Amplifying Climate Fears": +1,
    "CC: Climate change is beneficial": -1,
    "CC: Downplaying climate change": -1,
    "CC: Questioning the measurements and science": -1,
    "CC: Criticism of climate movement": -1,
    "CC: Controversy about green technologies": -1,
    "CC: Hidden plots by secret schemes of powerful groups": -1,
    "CC: Green policies are geopolitical instruments": -1,
}

# -- the sceptic's words (lower-cased prefixes, matched at a word start) ---------------------------------------
SCEPTIC = [
    # EN
    "alarmis", "alarmist", "climate hoax", "global warming hoax", "climate scam", "climate con ", "climate cult",
    "climate religion", "climate hysteria", "climate fanatic", "climate zealot", "climate lunacy", "climate lie",
    "climate fraud", "climate propaganda", "climate nonsense", "climate doom", "climate grift", "climate racket",
    "fearmonger", "fear-monger", "fear monger", "scaremonger", "scare-monger", "junk science", "pseudo-science",
    "pseudoscience", "so-called climate", "so-called green", "so called climate", "eco-loon", "eco-zealot",
    "eco-fascis", "eco-nut", "eco-lunatic", "eco-warrior", "eco warrior", "ecofascis", "warmist", "greenie",
    "green zealot", "green fanatic", "green lunacy", "green madness", "green scam", "green religion",
    "green agenda", "net zero madness", "net zero lunacy", "net zero zealot", "net-zero zealot", "net zero fanatic",
    "net zero insanity", "globalist", "plant food", "no climate crisis", "no climate emergency",
    "failed predictions", "failed prophec", "doomsday prophe", "doomsday predictions", "doomsayer", "climate narrative",
    "climate industrial complex", "climate-industrial complex", "climate industry", "depopulation", "great reset",
    "carbon cult", "thermageddon", "hysterical", "useful idiots",
    # RU
    "алармист", "климатическая истерия", "климатической истерии", "климатическая афера", "климатический обман",
    "так называемого глобального", "так называемое глобальное", "зеленая повестка", "зелёная повестка",
    "зеленой повестки", "зелёной повестки", "глобалист", "экофашис", "эко-фашис", "лженаук",
    # BG
    "алармис", "климатична истерия", "климатичната истерия", "климатична измама", "климатичната измама",
    "климатичния култ", "климатичен култ", "така нареченото глобално", "така наречената климатична", "глобалист",
    "зелена идеология", "зелената идеология", "зелените фанатици", "еко-фашис", "екофашис", "псевдонаук",
    "зелената лудост", "климатичните фанатици",
    # PT
    "alarmis", "histeria climática", "fraude climática", "farsa climática", "farsa do aquecimento", "seita climática",
    "religião climática", "suposta crise", "suposto aquecimento", "chamado aquecimento", "globalista", "ecofascis",
    "eco-fascis", "ecoterroris", "eco-terroris", "pseudociência", "agenda verde", "fanáticos do clima",
    "fanatismo climático", "catastrofis",
    # HI
    "जलवायु धोखा", "जलवायु घोटाला", "जलवायु झूठ", "अलार्मिस्ट", "डर फैला",
]
# ... and the concerned writer's. Neutral names of the topic ("climate change", "global warming", "fossil fuels",
# "extreme weather", "decarbonisation") are neither: the sceptic's articles use them as much.
CONCERNED = [
    # EN
    "climate crisis", "climate emergency", "climate breakdown", "climate catastrophe", "global heating",
    "climate denier", "climate denial", "deniers", "science denial", "climate misinformation",
    "climate disinformation", "fossil fuel industry", "fossil fuel interests", "fossil fuel lobby",
    "fossil fuel companies", "big oil", "polluters", "polluting industries", "greenwashing", "carbon pollution",
    "climate pollution", "climate action", "climate justice", "climate-fuelled", "climate-fueled",
    "fuelled by climate change", "fueled by climate change", "driven by climate change", "worsened by climate change",
    "made worse by climate change", "exacerbated by climate change", "because of climate change",
    "due to climate change", "caused by climate change", "linked to climate change", "human-caused climate",
    "human-caused warming", "man-made climate change", "manmade climate change", "climate vulnerable",
    "most vulnerable", "tipping point", "scientists warn", "scientists have warned", "experts warn",
    "clean energy", "transition away from fossil", "phase out fossil", "phase-out of fossil",
    "climate goals", "climate targets", "climate ambition", "climate inaction", "not doing enough",
    "existential threat", "record heat", "record temperatures", "hottest year", "hottest day", "hottest month",
    "warmest year on record", "hottest on record", "uninhabitable", "climate scientists warn",
    # RU
    "климатический кризис", "климатического кризиса", "климатическая катастрофа", "изменение климата угрожает",
    "из-за изменения климата", "изменением климата", "аномальная жара", "чистой энергетики", "отрицател",
    "самый жаркий", "самым жарким", "температурные рекорды", "температурный рекорд", "учёные предупреждают",
    "ученые предупреждают", "непригодн",
    # BG
    "климатична криза", "климатичната криза", "климатична катастрофа", "климатичната катастрофа",
    "климатичната извънредна", "заради климатичните промени", "заради изменението на климата",
    "вследствие на климатичните промени", "учените предупреждават", "учени предупреждават", "климатолози предупреждават",
    "бие тревога", "бият тревога", "най-горещ", "температурни рекорди", "температурните рекорди", "предизвикани от човека",
    "причинени от човека", "свързани с климатичните промени", "свързани с глобалното затопляне",
    "заради глобалното затопляне", "вследствие на глобалното затопляне", "катастрофални последици", "необитаем",
    "рекордни температури", "рекордно горещ", "климатична справедливост", "чиста енергия",
    # PT
    "crise climática", "emergência climática", "catástrofe climática", "colapso climático",
    "negacionis", "devido às alterações climáticas", "devido às mudanças climáticas", "causada pelas alterações", "causadas pelas alterações",
    "causados pelas alterações", "causada pelas mudanças", "causados pelas mudanças", "energias limpas",
    "por causa das alterações climáticas", "por causa das mudanças climáticas", "provocadas pelas alterações",
    "provocados pelas alterações", "provocada pelas alterações", "inabitáve", "dia mais quente", "mês mais quente",
    "ano mais quente", "mais quente de que há registo", "mais quente já registado", "especialistas alertam",
    "investigadores alertam", "energia limpa", "justiça climática",
    "cientistas alertam", "temperaturas recorde", "ação climática", "acção climática", "ponto de não retorno",
    # HI
    "जलवायु संकट", "जलवायु आपातकाल", "जलवायु परिवर्तन के कारण", "जलवायु परिवर्तन की वजह",
    "वैज्ञानिकों ने चेतावनी", "सबसे गर्म", "जलवायु परिवर्तन के चलते", "रिकॉर्ड तापमान", "स्वच्छ ऊर्जा",
]
_SCEPTIC = pol._compile(SCEPTIC)
_CONCERNED = pol._compile(CONCERNED)
# A concerned word after "so-called", or in scare quotes (a quote mark just before and its closer just after), is
# the sceptic's mockery ("the “climate crisis”"); a quoted sentence that opens with the word is not.
_MOCKED = re.compile(r"(?:so-called\s+|so called\s+|alleged\s+|supposed\s+|"
                     r"так называем\w*\s+|така наречен\w*\s+|suposta\s+|pretensa\s+|chamada\s+)$")
_SCARE_OPEN = re.compile(r"[\"“”'‘’«„]$")
_SCARE_CLOSE = re.compile(r"^\w{0,3}[\"“”'‘’»]")
# Quotation marks: an opener and the closers it takes (German/Bulgarian „…“, English “…”, « … », straight "…").
_CLOSERS = {"“": "”", "„": "“”", "«": "»", '"': '"'}
# A concerned word denied ("there is no climate emergency", "no evidence of a climate crisis", "not a crisis").
_DENIED = re.compile(r"(?:\bno|\bnot an?|\bnot|\bnever|\bisn['’]t an?|\bno evidence of an?|\bno such|нет|няма|não há|"
                     r"nenhuma|नहीं)\s+(?:\w+\s+){0,2}$")
# "Climate deniers" named in a sceptic's scare quotes ("so-called “deniers”") are the sceptic's own complaint.
_SELF_NAMED = re.compile(r"(?:denier|отрицател|negacionis)")


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """The parts of ``sentence`` inside quotation marks; a closer with no opener before it ends a quotation that
    began in an earlier sentence (its start is the sentence's)."""
    spans, opener, start = [], None, 0
    for i, ch in enumerate(sentence):
        if opener is None:
            if ch == '"' and not spans and not sentence[i + 1:].strip():  # a quotation from earlier sentences ends here
                spans.append((0, i))
            elif ch in _CLOSERS:
                opener, start = ch, i
            elif ch in "”»" and not spans:
                spans.append((0, i))
        elif ch in _CLOSERS[opener]:
            spans.append((start, i))
            opener = None
    if opener is not None:
        spans.append((start, len(sentence)))
    return spans


def _proper_name(original: str) -> bool:
    """A cue of two or more words all capitalised is part of a name ("Ministry for Climate Action")."""
    words = original.split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


def sentence_stance(sentence: str) -> tuple[int, int]:
    """(concerned, sceptic) as 0/1 for one sentence, read as the module says. A concerned word inside a quotation
    is the quoted speaker's, not the writer's (the sceptic quotes the claims they dispute), and counts for no side."""
    s = sentence.lower()
    concerned = sceptic = 0
    if _SCEPTIC.search(s):
        sceptic = 1
    quoted = None
    for m in _CONCERNED.finditer(s):
        before = s[max(0, m.start() - 30):m.start()]
        self_named = bool(_SELF_NAMED.match(m.group(0)))
        if _MOCKED.search(before) or (_SCARE_OPEN.search(before) and _SCARE_CLOSE.match(s[m.end():m.end() + 4])):
            if not self_named:
                sceptic = 1
            continue
        if _DENIED.search(before):
            if not self_named:  # "there is no denial that …" says nothing of the writer's side
                sceptic = 1
            continue
        if len(s) == len(sentence) and _proper_name(sentence[m.start():m.end()]):
            continue
        quoted = quoted_spans(sentence) if quoted is None else quoted
        if any(a <= m.start() < b for a, b in quoted):
            continue
        concerned = 1
    return concerned, sceptic


def stance_counts(text: str, spans: Sequence[tuple[int, int]], title: str | None = None, quotes=None) -> np.ndarray:
    """Weighted (concerned, sceptic) sentence counts over the sentences and the title."""
    return weighted_counts(sentence_stance, text, spans, title, quotes)


def net(c: np.ndarray) -> float:
    """> 0: concerned, < 0: sceptic; shrunk toward 0 when there are few cues (as ``polarity.net``)."""
    return float((c[0] - c[1]) / (c[0] + c[1] + 1.0))


def article_stance(text: str, spans: Sequence[tuple[int, int]], title: str | None = None, quotes=None) -> float:
    """> 0: the article writes as one concerned by climate change; < 0: as a sceptic; 0: no side."""
    return net(stance_counts(text, spans, title, quotes))


def served_stance(label: str) -> int:
    """+1: ``label`` serves alarm, -1: scepticism, 0: both sides or not a climate label."""
    for narrative, sign in SERVED_NARRATIVES.items():
        if label == narrative or label.startswith(narrative + ": "):
            return sign
    return 0


def contradicts(label: str, stance: float | None, min_stance: float = MIN_STANCE) -> bool:
    """``label`` serves the other side of a clear article ``stance``."""
    ls = served_stance(label)
    return bool(ls and stance is not None and abs(stance) >= min_stance and ls * stance < 0)


def veto(cond: np.ndarray, labels: Sequence[str], stances, min_stance: float) -> np.ndarray:
    """P(subnarrative | not Other) (rows: articles, columns: ``labels``) with every label against its article's
    clear stance set to 0; ``min_stance`` <= 0: no change."""
    cond = np.asarray(cond, dtype=float)
    if min_stance <= 0:
        return cond
    out = cond.copy()
    served = np.array([served_stance(label) for label in labels])
    for i, st in enumerate(np.asarray(stances, dtype=float).reshape(-1)):
        if abs(st) >= min_stance:
            out[i, served * st < 0] = 0.0
    return out
