"""What the role model sees of a mention: its context in the article's shared analysis.

One function builds the context for training (SemEval rows mapped onto the pipeline's text) and for the
pipeline (actors found by NER), so both see the same input:

- ``sentence_index``: the mention's sentence in ``article.analysis.sentences`` (its shared sentence
  vector is the embedding input; beyond the first 80 sentences, or for a mention in the title, the
  sentence text is embedded through ``analysis.vectors``);
- ``window``: previous + this + next sentence, the mention replaced by a placeholder (so "ENTX said" /
  "attacked ENTX" generalise across names) — TF-IDF words;
- ``mention``: the mention string — TF-IDF character n-grams (who it is);
- ``tags``: symbolic features — the parse (is the mention the agent or the patient of its verb, and
  which verb), whether it speaks (a quote's speaker), the article's narratives and their pairing with the
  actor (so the same actor can be cast differently by a pro-Kremlin and a pro-Ukrainian article).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence

import numpy as np

from .casting import mention_casting

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article

PLACEHOLDER = "ENTX"
MAX_SENTENCE_CHARS = 600  # longer "sentences" (lists, missing punctuation) are cut around the mention
NARRATIVE_MIN_SCORE = 0.3  # narratives of the article that become tags

AGENT_DEPS = {"nsubj", "agent", "csubj", "compound_nsubj"}
PATIENT_DEPS = {"dobj", "nsubjpass", "obj", "iobj", "dative", "attr", "oprd"}
_SPEECH = {"say", "tell", "claim", "state", "announce", "warn", "accuse", "insist", "argue", "report", "write", "add",
           "note", "deny", "call", "declare", "stress", "suggest", "believe", "admit"}


@dataclass
class MentionContext:
    mention: str
    window: str  # previous + this + next sentence, the mention as PLACEHOLDER
    domain: str  # "URW" | "CC" | "" (unknown)
    sentence_span: tuple[int, int]  # offsets of the sentence in article.text ((-1, -1): the title)
    sentence_index: int = -1  # index in article.analysis.sentences; -1: not in the text (title)
    sentence_text: str = ""  # the sentence (embedded only when it has no shared vector)
    tags: list[str] = field(default_factory=list)
    side: float = 0.0  # the article's side score (side.SideModel): > 0 pro-Kremlin / climate-sceptic, < 0 the other side
    camp: str = ""  # the actor's camp (camp_of): RU / UA / WEST / CLIMATE / OTHER
    cast: tuple[int, int, int] = (0, 0, 0)  # what the text says the actor does / suffers (casting.mention_casting)

    @property
    def sentence(self) -> str:  # kept for callers of the old context
        return self.sentence_text


def domain_of(article_id: str) -> str:
    """SemEval ids carry the domain: EN_UA_..., EN_CC_..., RU_TEST_... (test ids give no domain)."""
    tags = set(re.split(r"[_\-.]", article_id.upper()))
    if "CC" in tags:
        return "CC"
    if tags & {"UA", "URW"}:
        return "URW"
    return ""


def article_domain(article: "Article") -> str:
    for lab in sorted(article.narratives, key=lambda lab: -lab.score):
        if lab.label.startswith("CC:"):
            return "CC"
        if lab.label.startswith("URW:"):
            return "URW"
    dom = article.meta.get("domain")
    if dom in ("CC", "URW"):
        return dom
    return domain_of(article.id or "")


def _cut(s: int, e: int, ms: int, me: int, limit: int) -> tuple[int, int]:
    """Narrow (s, e) to at most ``limit`` characters around the mention (ms, me)."""
    if e - s <= limit:
        return s, e
    half = max((limit - (me - ms)) // 2, 0)
    ns = max(s, ms - half)
    ne = min(e, ns + limit)
    ns = max(s, ne - limit)
    return ns, ne


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def actor_key(mention: str) -> str:
    """Who a mention names, across spellings: the alias table's canonical name, else the folded string."""
    from .entities import _fold, default_aliases, normalise

    norm = normalise(mention)
    hit = default_aliases().lookup(norm)
    return (hit[0] if hit else _fold(norm)).replace(" ", "_")


def narrative_tags(article: "Article", key: str) -> list[str]:
    """The article's narratives (and their pairing with this actor) as tags."""
    out = []
    labels = [lab for lab in article.narratives if lab.label != "Other" and lab.score >= NARRATIVE_MIN_SCORE]
    if not labels and article.narratives:
        labels = [max(article.narratives, key=lambda lab: lab.score)]
    for lab in labels:
        n = re.sub(r"\W+", "_", lab.label)
        out.append(f"nar={n}")
        out.append(f"nar={n}|{key}")
    return out


def parse_tags(article: "Article", start: int, end: int) -> list[str]:
    """Agent / patient / speaker tags from the shared spaCy parse (English); [] without one."""
    a = article.analysis
    doc = a.doc if a.has_parser else None
    if doc is None:
        return []
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return []
    root = span.root
    dep = root.dep_
    head = root.head
    tags = [f"dep={dep}"]
    if dep in ("poss",):
        tags.append("poss")
        head = head.head
        dep = "poss"
    if dep == "pobj" and head.dep_ == "agent":
        dep = "agent"
        head = head.head
    elif dep == "pobj":
        tags.append(f"prep={head.lemma_.lower()}")
        head = head.head
    lemma = head.lemma_.lower() if head is not None else ""
    if dep in AGENT_DEPS:
        tags += ["agent", f"agent:{lemma}"]
        if lemma in _SPEECH:
            tags.append("speaks")
    elif dep in PATIENT_DEPS:
        tags += ["patient", f"patient:{lemma}"]
    elif dep == "poss":
        tags.append(f"poss:{root.head.lemma_.lower()}")
    else:
        tags.append(f"other:{lemma}")
    if any(t.dep_ == "neg" for t in head.children):
        tags.append("negated")
    return tags


def speaker_tags(article: "Article", start: int, end: int, key: str) -> list[str]:
    """Does this actor speak in the article (attribution's quotes, when that stage ran)?"""
    out = []
    for q in article.quotes:
        if q.speaker_start <= start < q.speaker_end or (q.speaker and actor_key(q.speaker) == key):
            out.append("quoted_speaker")
            break
    for q in article.quotes:
        if q.start <= start < q.end:
            out.append("inside_quote")
            break
    return out


def mention_contexts(article: "Article", spans: Sequence[tuple[int, int]], domain: str | None = None,
                     where: Sequence[str] | None = None) -> list[MentionContext]:
    """Contexts of mentions of ``article``: ``spans`` index ``article.text`` (``where[i] == "title"``:
    ``article.title``)."""
    a = article.analysis
    text = article.text
    sents = a.sentences or [(0, len(text))]
    dom = article_domain(article) if domain is None else domain
    out = []
    for i, (start, end) in enumerate(spans):
        if where is not None and where[i] == "title":
            title = article.title or ""
            mention = title[start:end]
            key = actor_key(mention)
            window = _squash(title[:start] + f" {PLACEHOLDER} " + title[end:])
            tags = ["in_title"] + narrative_tags(article, key)
            out.append(MentionContext(_squash(mention), window, dom, (-1, -1), -1, _squash(title), tags,
                                      camp=camp_of(mention)))
            continue
        k = max(a.sentence_at(start), 0)
        s, e = sents[k] if k < len(sents) else (0, len(text))
        s, e = min(s, start), max(e, end)  # a mention in the gap between sentences: widen to cover it
        cs, ce = _cut(s, e, start, end, MAX_SENTENCE_CHARS)
        ps = sents[k - 1][0] if k > 0 else s
        pe = sents[k + 1][1] if k + 1 < len(sents) else e
        ws, we = _cut(min(ps, s), max(pe, e), start, end, 3 * MAX_SENTENCE_CHARS)
        mention = text[start:end]
        key = actor_key(mention)
        window = _squash(text[ws:start] + f" {PLACEHOLDER} " + text[end:we])
        tags = parse_tags(article, start, end) + speaker_tags(article, start, end, key) + narrative_tags(article, key)
        if k == 0:
            tags.append("lead")
        exact = (s, e) == tuple(sents[k]) if k < len(sents) else False
        out.append(MentionContext(_squash(mention), window, dom, (s, e), k if exact else -1, _squash(text[cs:ce]), tags,
                                  camp=camp_of(mention), cast=mention_casting(article, start, end)))
    return out


def context_vectors(article: "Article", contexts: Sequence[MentionContext], spec: str) -> np.ndarray:
    """The shared sentence vector of each mention's sentence (embedded sentences), else the sentence text
    embedded through ``analysis.vectors`` (memoised per article)."""
    a = article.analysis
    n_emb = len(a.embedded_sentences)
    need = [c for c in contexts if not (0 <= c.sentence_index < n_emb)]
    if need:
        a.vectors([c.sentence_text for c in need], spec)  # one call for all of them
    mat = a.sentence_vectors(spec) if any(0 <= c.sentence_index < n_emb for c in contexts) else None
    rows = []
    for c in contexts:
        if 0 <= c.sentence_index < n_emb:
            rows.append(mat[c.sentence_index])
        else:
            rows.append(a.vectors([c.sentence_text], spec)[0])
    return np.stack(rows).astype(np.float32) if rows else np.zeros((0, 0), np.float32)


def extra_texts(article: "Article", contexts: Sequence[MentionContext]) -> list[str]:
    """Sentence texts of ``contexts`` with no shared vector (for ``analysis.prepare(texts=...)``)."""
    n_emb = len(article.analysis.embedded_sentences)
    return [c.sentence_text for c in contexts if not (0 <= c.sentence_index < n_emb)]


def expand_tags(tags: Sequence[str]) -> list[str]:
    """Interaction tags: the article's narratives and the actor paired with what the actor does in the
    sentence ("nar=Discrediting_Ukraine|patient", "Russia|agent"), so one actor can be cast differently."""
    roles = [t for t in tags if t in ("agent", "patient", "poss", "speaks", "quoted_speaker", "in_title")]
    nars = [t for t in tags if t.startswith("nar=") and "|" not in t]
    keys = {t.split("|", 1)[1] for t in tags if t.startswith("nar=") and "|" in t}
    out = list(tags)
    for r in roles or ["norole"]:
        out += [f"{n}|{r}" for n in nars]
        out += [f"{k}|{r}" for k in keys]
    return out


# -- the article's side and the actor's camp ---------------------------------------------------------------
# Which side an article's narratives serve (SemEval-2025 URW / CC taxonomy): +1 the narratives the taxonomy
# catalogues (pro-Kremlin for the war, climate-sceptic for CC), -1 the few that serve the other side (the
# West overpraised, Russia's army collapsing / losing, Russia attacking more countries), 0 neither ("Other").
COUNTER_LABELS = (
    "URW: Overpraising the West",
    "URW: Speculating war outcomes: Russian army is collapsing",
    "URW: Speculating war outcomes: Russian army will lose all the occupied territories",
    "URW: Amplifying war-related fears: Russia will also attack other countries",
)
NEUTRAL_LABELS = ("URW: Speculating war outcomes", "URW: Amplifying war-related fears")  # side given by the subnarrative
CAMPS = ["RU", "UA", "WEST", "CLIMATE", "OTHER"]
_CAMP_PATTERNS = [
    ("RU", r"russia|russian|putin|kremlin|moscow|lavrov|peskov|shoigu|gerasimov|medvedev|wagner|prigozhin|kadyrov|"
           r"zakharova|росси|русск|путин|кремл|москв|лавров|шойгу|русия|руск|кремъл|rússia|russo|russa|moscovo|"
           r"moscou|रूस|पुतिन|क्रेमलिन"),
    ("UA", r"ukrain|kyiv|kiev|zelensk|zaluzhn|syrskyi|kuleba|podolyak|yermak|azov|украин|киев|зеленск|всу|украйн|"
           r"ucrân|ucran|यूक्रेन|युक्रेन|ज़ेलेंस्की|जेलेंस्की"),
    ("WEST", r"united states|\bus\b|\bu\.s\.|america|washington|biden|blinken|nato|\beu\b|european|west|britain|"
             r"\buk\b|united kingdom|london|sunak|johnson|scholz|germany|france|macron|pentagon|white house|"
             r"stoltenberg|von der leyen|brussels|сша|америк|вашингтон|байден|нато|запад|евросоюз|ес\b|"
             r"европ|eua|estados unidos|ocidente|otan|américa|अमेरिका|नाटो|पश्चिम"),
    ("CLIMATE", r"climate|ipcc|greta|thunberg|gore|gates|activist|greenpeace|extinction rebellion|just stop oil|"
                r"net zero|\bun\b|united nations|cop2|wef|world economic forum|schwab|kerry|environment|клима|"
                r"clima|जलवायु"),
]
_CAMP_RE = [(c, re.compile(p, re.I)) for c, p in _CAMP_PATTERNS]


def camp_of(mention: str) -> str:
    """The actor's camp from its name: RU / UA / WEST / CLIMATE / OTHER (first match wins)."""
    for camp, pat in _CAMP_RE:
        if pat.search(mention):
            return camp
    return "OTHER"


def narrative_side(labels: Sequence[str]) -> int:
    """+1 / -1 / 0 for a set of narrative and subnarrative labels (see ``COUNTER_LABELS``)."""
    own = counter = 0
    for lab in labels:
        if lab == "Other" or lab.endswith(": Other"):
            continue
        if any(lab == c or lab.startswith(c + ":") for c in COUNTER_LABELS):
            counter += 1
        elif lab in NEUTRAL_LABELS:
            continue  # its subnarratives tell the side
        elif lab.startswith(("URW:", "CC:")):
            own += 1
    if own > counter:
        return 1
    if counter > own:
        return -1
    return 0


def article_vector(article: "Article", spec: str) -> np.ndarray:
    """Mean of the article's shared sentence vectors, unit length (zeros for an empty article)."""
    a = article.analysis
    if not a.embedded_sentences:
        return np.zeros(512, np.float32)
    v = np.asarray(a.sentence_vectors(spec), np.float32).mean(axis=0)
    return (v / max(float(np.linalg.norm(v)), 1e-9)).astype(np.float32)


def side_vector_features(article: "Article", spec: str, reading: bool = False) -> np.ndarray:
    """Input of the side model: the article vector and the side-aware polarity counts (who is losing);
    ``reading``: also the narratives stage's closer side reading (``side_reading_features``)."""
    from ..narratives import polarity as pol

    a = article.analysis
    c = pol.counts(article.text or "", list(a.sentences), article.title)
    parts = [article_vector(article, spec), pol.features(c).astype(np.float32)]
    if reading:
        parts.append(side_reading_features(article))
    return np.concatenate(parts)


def side_reading_features(article: "Article") -> np.ndarray:
    """The narratives stage's side reading (``narratives.side``: a defence that holds, denials, plans, hedged
    quotes at half weight) as the polarity features: log1p of its four counts and its net share."""
    from ..narratives import polarity as pol
    from ..narratives.side import side_counts

    c = side_counts(article.text or "", list(article.analysis.sentences), article.title, article.quotes)
    return pol.features(c).astype(np.float32)


N_SIDE = 3 * len(CAMPS) + len(CAMPS) + 3


def side_block(contexts: Sequence[MentionContext]) -> np.ndarray:
    """Dense interaction features of the article's side with the actor's camp and its parse role: the camp
    alone, side x camp, side x camp x agent, side x camp x patient, side, side x agent, side x patient.
    With them "Russia in a pro-Kremlin article" and "Russia in a pro-Ukrainian article" get different weights."""
    out = np.zeros((len(contexts), N_SIDE), np.float32)
    n = len(CAMPS)
    for i, c in enumerate(contexts):
        k = CAMPS.index(c.camp) if c.camp in CAMPS else CAMPS.index(camp_of(c.mention))
        s = float(c.side or 0.0)
        agent, patient = float("agent" in c.tags), float("patient" in c.tags)
        out[i, k] = 1.0
        out[i, n + k] = s
        out[i, 2 * n + k] = s * agent
        out[i, 3 * n + k] = s * patient
        out[i, 4 * n:] = (s, s * agent, s * patient)
    return out


# -- what the sentence says the actor does (own small English lexicon; read from the context window) ---------
_HARM = (r"shell|attack|kill|invad|invasion|bomb|threat|jail|imprison|steal|stole|provok|provoc|reject|destroy|"
         r"occup|murder|tortur|lie[sd]?\b|lying|aggress|terror|massacr|loot|rape|deport|blackmail|sabotag|escalat|"
         r"corrupt|cancel|cling|drag|blam|atrocit|war crime|strik|struck|target|block|sanction|annex|oppress|"
         r"censor|persecut|exploit|betray|deceiv|manipulat|prolong|doom|abandon|plunder|profit")
_HELP = (r"protect|defend|defen[cs]e|help|deliver|evacuat|rescu|liberat|support|aid\b|thank|feed|fed\b|restraint|"
         r"negotiat|peace|offer|guarantee|unite|united|save|saving|heroic|hero|brave|courag|humane|welcom|"
         r"rebuild|resist|treat\w* \w+ humanely|donat|shelter|heal|care for|stand with|stood with")
_AFTER_HARM = re.compile(rf"^\W{{0,3}}(?:\w+\W+){{0,4}}?\b(?:{_HARM})", re.I)
_AFTER_HELP = re.compile(rf"^\W{{0,3}}(?:\w+\W+){{0,4}}?\b(?:{_HELP})", re.I)
_BEFORE_HARM = re.compile(rf"\b(?:{_HARM})\w*\W+(?:\w+\W+){{0,3}}$", re.I)
_BEFORE_HELP = re.compile(rf"\b(?:{_HELP})\w*\W+(?:\w+\W+){{0,3}}$", re.I)
_NEAR_HARM = re.compile(rf"\b(?:{_HARM})", re.I)
_NEAR_HELP = re.compile(rf"\b(?:{_HELP})", re.I)


def evaluative_tags(window: str) -> list[str]:
    """Tags from the words right after / before the mention in its window ("ENTX shelled ..." -> the actor
    harms; "... killed ENTX" -> it is harmed; "ENTX delivered aid" -> it helps) and the counts of harm / help
    words near it. English only in effect (the lexicon is English)."""
    i = window.find(PLACEHOLDER)
    if i < 0:
        return []
    after, before = window[i + len(PLACEHOLDER):i + len(PLACEHOLDER) + 60], window[max(0, i - 50):i]
    out = []
    if _AFTER_HARM.search(after):
        out.append("ev_does_harm")
    if _AFTER_HELP.search(after):
        out.append("ev_does_help")
    if _BEFORE_HARM.search(before):
        out.append("ev_harmed")
    if _BEFORE_HELP.search(before):
        out.append("ev_helped")
    near = window[max(0, i - 120):i + 160]
    nh, np_ = len(_NEAR_HARM.findall(near)), len(_NEAR_HELP.findall(near))
    if nh:
        out.append("ev_near_harm" + ("2" if nh > 1 else ""))
    if np_:
        out.append("ev_near_help" + ("2" if np_ > 1 else ""))
    return out


def tag_string(c: MentionContext, interactions: bool = False, evaluative: bool = False) -> str:
    """The tags text the tag vectoriser reads (one definition for training and prediction)."""
    tags = list(c.tags)
    if evaluative:
        ev = evaluative_tags(c.window)
        camp = c.camp or camp_of(c.mention)
        tags += ev + [f"{t}|{camp}" for t in ev]
    return " ".join(expand_tags(tags) if interactions else tags)
