"""Is an actor cast by the article, or merely mentioned? (decided before any role is given)

Learned from the SemEval subtask-1 training articles: the actors the pipeline finds there that the
annotators gave a role are positives, the others negatives (places named as locations, outlets cited as
sources, experts quoted for facts, actors in passing). Features per actor:

- how it appears: mentions (count, share of the article's sentences), first position, in the title, in the
  lead; its type (PERSON / ORG / GPE / NORP);
- what it does in the parse (English): share of mentions that are agents, patients, possessors, objects of
  a location preposition ("in Kherson"), and of an attribution verb ("Reuters reported", "according to");
- sourcing (attribution, when it ran): how often it is a quote's speaker or the medium a quote was made to;
- casting (English parse, own lexicon): how often the text accuses, attacks or praises it, has it deceive or
  do harm, or calls it names (``cast_by_text``);
- who it is: character n-grams of its name (an outlet's name, a city's);
- what is said around it: the mean shared sentence vector of its mentions' sentences.

A logistic regression; the threshold is chosen by cross-validation (grouped by article and near-duplicate).
Two rules sit on top: an actor used only as a place (a natural feature, "the West Antarctic Ice Sheet", counts as
one), a cited source, a title (a journal a finding appeared in: "a study in Nature Climate Change") or an expert
voice is "mentioned" (``not_cast_by_shape``); an actor the text casts in a quarter of its mentions is "framed"
(``cast_by_text``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Sequence

import numpy as np
from scipy import sparse

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article
    from .entities import Actor

TYPES = ["PERSON", "ORG", "GPE", "NORP"]
LOCATION_PREPS = {"in", "at", "near", "from", "to", "into", "across", "around", "outside", "inside", "towards", "toward",
                  "through", "throughout", "within", "of"}
_REPORT = re.compile(r"^\W{0,3}(?:reported|reports|reporting|wrote|writes|published|said in a report|cited|citing|quoted|"
                     r"news agency|newspaper|TV|channel|broadcaster|website|outlet)\b", re.I)
_ACCORDING = re.compile(r"\b(?:according to|told|cited by|quoted by|reported by|published by|writes|wrote in|"
                        r"in an interview with|speaking to|via)\s+(?:the\s+)?$", re.I)
_TITLED = re.compile(r"(?:titled|entitled|called|named|headlined|report|study|book|film|documentary|article|paper|"
                     r"op-ed|column|survey|programme|program|series|show)\s*[\"“‘'«]?\s*$", re.I)
# A journal or report cited as where a finding appeared ("a study in Nature Climate Change", "published in the
# journal Science"): a title, like "the report X".
_CITED_IN = re.compile(r"\b(?:journal|study|paper|report|article|research|review|survey|analysis|findings|published|"
                       r"appeared|appearing)\s+(?:published\s+)?(?:in|by)\s+(?:the\s+)?(?:journal\s+)?$", re.I)
# ... or named as the study's source ("the Nature Climate Change study's authors"). Not "report": "the IPCC
# report" is often an actor's own voice.
_CITED_AS = re.compile(r"^(?:['’]s)?\s+(?:study|studies|paper|papers|journal)\b", re.I)
# A natural feature ("the West Antarctic Ice Sheet", "the Great Barrier Reef"): a place the article may be about,
# not an actor, unless the text casts it.
_NATURAL = re.compile(r"\S\s+(?:Ice Sheet|Sheet|Ice Shelf|Shelf|Glacier|Ocean|Sea|Reef|Current|Stream|Basin|River|"
                      r"Lake|Mountains|Peninsula|Rainforest|Forest|Desert|Volcano|Plateau|Strait)$")
_EXPERT_WORDS = (r"analyst|expert|professor|researcher|economist|scientist|fellow|scholar|strategist|historian|"
                 r"specialist|commentator|lecturer|consultant|observer|journalist|correspondent|author")
_EXPERT_BEFORE = re.compile(rf"\b(?:{_EXPERT_WORDS}|director of|head of)\b[^.;:!?]{{0,40}}$", re.I)
_EXPERT_AFTER = re.compile(rf"^,?\s*(?:a|an|the)?\s*(?:[\w'’-]+\s+){{0,5}}(?:{_EXPERT_WORDS})\b", re.I)
# An academic title in the name itself ("Dr Maria Levin"): a voice of expertise, like "an analyst".
_EXPERT_TITLE = re.compile(r"(?:Dr|Prof|Professor|Dozent|Д-р|Проф|Dra?)\.?\s+\S", re.U)
_OUTLET = re.compile(r"\b(?:news|times|post|tass|ria|reuters|bloomberg|cnn|bbc|afp|ap|agency|press|journal|gazette|"
                     r"media|tv|radio|daily|herald|telegraph|tribune|izvestia|kommersant|interfax|politico|axios|"
                     r"magazine|monitor|insider|channel|network|observer|express|mirror|sun|mail|nbc|cbs|abc|fox|"
                     r"sputnik|rt|euronews|dw|al jazeera|ukrinform|pravda|kyiv independent|liberty)\b", re.I)
# What the text does to an actor it casts (own English lexicon, read on the parse): it accuses, attacks or praises
# the actor (the actor the object of these verbs: "accused CNN of lying"), the actor deceives, pushes a line or
# does harm ("CNN consistently pushes the narrative"), or the text calls it names ("the lying media", "CNN, a
# propaganda outlet"). Such an actor is cast even when it is also a cited source, an expert or a place.
_CAST_OBJECT = {
    "accuse", "blame", "condemn", "criticise", "criticize", "slam", "denounce", "mock", "ridicule", "expose",
    "debunk", "praise", "hail", "commend", "applaud", "laud", "salute", "glorify", "demonise", "demonize", "vilify",
    "smear", "discredit", "attack", "betray", "deceive", "mislead", "dupe", "brainwash", "exploit", "humiliate",
    "bully", "blackmail", "lambast", "berate", "castigate", "scold", "shame", "admire", "celebrate", "honour", "honor",
    "defend", "thank", "reward", "punish", "sanction", "invade", "bomb", "shell", "kill", "murder", "torture",
}
_CAST_AGENT = {
    "lie", "mislead", "distort", "push", "peddle", "spread", "hype", "fearmonger", "ignore", "omit", "conceal", "hide",
    "fabricate", "smear", "spin", "exaggerate", "censor", "manipulate", "deceive", "claim", "propagandize",
    "propagandise", "brainwash", "betray", "cheat", "steal", "loot", "threaten", "provoke", "sabotage", "bully",
    "terrorize", "terrorise", "massacre", "torture", "invade", "bomb", "shell", "kill", "murder", "destroy",
    "blackmail", "exploit", "suppress", "persecute", "rescue", "liberate", "defend", "protect", "sacrifice",
    "demonise", "demonize", "whitewash", "cover up", "downplay", "play down", "misrepresent", "scaremonger",
}
_CAST_WORDS = {
    "lying", "liar", "liars", "corrupt", "biased", "propaganda", "propagandist", "mouthpiece", "alarmist", "fake",
    "dishonest", "deceitful", "shameless", "criminal", "regime", "puppet", "puppets", "hysterical", "notorious",
    "disgraced", "discredited", "heroic", "hero", "heroes", "brave", "courageous", "valiant", "villain", "traitor",
    "treacherous", "mainstream", "so-called", "globalist", "warmonger", "warmongers", "warmongering", "terrorist",
    "fascist", "nazi", "neo-nazi", "tyrant", "dictator", "murderous", "bloodthirsty", "evil", "hypocrite",
    "hypocritical", "hypocrisy", "incompetent", "clueless",
}
NUMERIC = ["log_mentions", "share_sentences", "first_pos", "in_title", "in_lead", "agent", "patient", "poss",
           "location", "report_shape", "speaker", "medium", "has_parse", "quoted_inside", "multiword", "n_title_words",
           "titled", "expertise", "outlet_name", "cast_by_text"]
CAST_SHARE = 0.25  # see cast_by_text
CHAR_TFIDF = dict(analyzer="char_wb", ngram_range=(2, 4), lowercase=True, sublinear_tf=True, dtype=np.float32)


def numeric_features(article: "Article", actor: "Actor") -> np.ndarray:
    from .features import actor_key

    a = article.analysis
    text = article.text
    n_sent = max(len(a.sentences), 1)
    ms = actor.mentions
    sent_ids = {a.sentence_at(m.start) for m in ms}
    title = (article.title or "").lower()
    names = {m.text.lower() for m in ms} | {actor.name.lower()}
    in_title = float(any(n and n in title for n in names))
    lead = a.sentences[1][1] if len(a.sentences) > 1 else len(text)
    doc = a.doc if a.has_parser else None
    agent = patient = poss = loc = cast = 0
    if doc is not None:
        from .features import AGENT_DEPS, PATIENT_DEPS

        for m in ms:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or not len(span):
                continue
            r = span.root
            cast += _cast_here(r, AGENT_DEPS, PATIENT_DEPS)
            if r.dep_ in AGENT_DEPS:
                agent += 1
            elif r.dep_ in PATIENT_DEPS:
                patient += 1
            elif r.dep_ == "poss" and actor.type == "GPE" and _place_owned(r):
                loc += 1  # "London’s National Gallery", "Kyiv's streets": where, not whose deed
            elif r.dep_ == "poss":
                poss += 1
            elif actor.type == "GPE" and _is_location(r):
                loc += 1
    report = titled = expert = 0
    for m in ms:
        before = text[max(0, m.start - 60):m.start]
        if (_TITLED.search(before[-30:]) or _CITED_IN.search(before[-40:]) or _CITED_AS.match(text[m.end:m.end + 12])
                or (before[-1:] in "\"“‘«" and before[-1:] != "")):
            titled += 1
        if (_EXPERT_BEFORE.search(before) or _EXPERT_AFTER.match(text[m.end:m.end + 60])
                or _EXPERT_TITLE.match(text[m.start:m.end])):
            expert += 1
        if _REPORT.match(text[m.end:m.end + 30]) or _ACCORDING.search(text[max(0, m.start - 40):m.start]):
            report += 1
    key = actor_key(actor.name)
    speaker = medium = inside = 0
    for q in article.quotes:
        if any(q.speaker_start <= m.start < max(q.speaker_end, q.speaker_start + 1) for m in ms) or (
                q.speaker and actor_key(q.speaker) == key):
            speaker += 1
        if q.medium and actor_key(q.medium) == key:
            medium += 1
        if any(q.start <= m.start < q.end for m in ms):
            inside += 1
    n = len(ms)
    if cast == 0 and _NATURAL.search(actor.name.strip()):
        loc = n  # all its mentions are a place: the shape rule keeps it "mentioned"
    return np.array([
        np.log1p(n), len(sent_ids) / n_sent, ms[0].start / max(len(text), 1), in_title, float(ms[0].start < lead),
        agent / n, patient / n, poss / n, loc / n, report / n, min(speaker, 5) / 5, min(medium, 3) / 3,
        float(doc is not None), inside / n, float(len(actor.name.split()) > 1), 0.0,
        titled / n, expert / n, float(bool(_OUTLET.search(actor.name))), cast / n,
    ], dtype=np.float32)


def _cast_here(r, agent_deps, patient_deps) -> int:
    """1 when this mention (its parse root ``r``) is accused / attacked / praised, deceives or does harm, or is
    called names (see ``_CAST_OBJECT`` / ``_CAST_AGENT`` / ``_CAST_WORDS``); else 0."""
    first = r
    while first.dep_ == "conj" and first.head is not first:  # "the BBC and CNN are misleading": CNN as the BBC
        first = first.head
    dep, head = first.dep_, first.head
    if dep == "pobj" and head.dep_ == "agent":  # "posted by CNN": the agent of the passive verb
        dep, head = "nsubj", head.head
    # the verb and the verbs sharing its subject ("acknowledge but play down"), with their particles
    verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    lemmas = set()
    for v in verbs:
        lemmas.add(v.lemma_.lower())
        lemmas.update(f"{v.lemma_.lower()} {c.lower_}" for c in v.children if c.dep_ == "prt")
    if dep in agent_deps and lemmas & _CAST_AGENT:
        return 1
    if dep in patient_deps and dep != "attr" and head.lemma_.lower() in _CAST_OBJECT:
        return 1
    if dep == "pobj" and head.lemma_.lower() in ("of", "against", "on") and head.head.lemma_.lower() in {
            "criticism", "accusation", "attack", "condemnation", "praise", "propaganda", "lie", "lies", "hypocrisy"}:
        return 1  # "the lies of CNN", "attacks on the Kremlin"
    words = [c for c in r.children if c.dep_ in ("amod", "compound", "appos", "acl")]
    for c in words:
        if c.lower_ in _CAST_WORDS or any(g.lower_ in _CAST_WORDS for g in c.children if g.dep_ in ("amod", "compound")):
            return 1
    if dep in agent_deps and head.lemma_ == "be":  # "CNN is a propaganda outlet"
        for c in head.children:
            if c.dep_ == "attr" and (c.lower_ in _CAST_WORDS or any(g.lower_ in _CAST_WORDS for g in c.children)):
                return 1
    return 0


# Nouns a place's possessive names a part or an institution of ("Kyiv's streets", "London's police").
_PLACE_PARTS = {"street", "streets", "centre", "center", "outskirts", "suburb", "suburbs", "district", "districts",
                "airport", "port", "harbour", "harbor", "station", "museum", "gallery", "university", "hospital",
                "mayor", "police", "residents", "skyline", "square", "park", "zoo", "metro", "subway", "river",
                "coast", "neighbourhood", "neighborhood", "downtown", "landmark", "cathedral", "theatre", "theater",
                "academy", "library", "hall", "bridge", "market", "tower", "stadium", "opera", "castle", "beach"}


def _place_owned(r) -> bool:
    """A place's possessive of one of its parts or local institutions, named or not ("London’s National Gallery",
    "Kyiv’s streets": ``_PLACE_PARTS``). A state's own organs ("Russia’s Duma", "Russia's corridor") stay its deeds."""
    head = r.head
    return head.lemma_.lower() in _PLACE_PARTS or head.lower_ in _PLACE_PARTS


def _is_location(r) -> bool:
    """The object of a location preposition ("in Kherson"), or a name attached to one ("in Baku, Azerbaijan",
    "in the Kherson region")."""
    for _ in range(2):
        if r.dep_ == "pobj" and r.head.lemma_.lower() in LOCATION_PREPS:
            return True
        if r.dep_ in ("appos", "compound", "conj", "amod", "nmod") and r.head is not r:
            r = r.head
            continue
        return False
    return False


def type_features(actor: "Actor") -> np.ndarray:
    v = np.zeros(len(TYPES) + 1, dtype=np.float32)
    v[TYPES.index(actor.type) if actor.type in TYPES else len(TYPES)] = 1.0
    return v


def actor_vector(article: "Article", actor: "Actor", spec: str) -> np.ndarray:
    a = article.analysis
    n = len(a.embedded_sentences)
    idx = sorted({a.sentence_at(m.start) for m in actor.mentions} & set(range(n)))
    if not idx:
        return np.zeros(a.sentence_vectors(spec).shape[1] if n else 512, dtype=np.float32)
    v = a.sentence_vectors(spec)[idx].mean(axis=0)
    return (v / max(np.linalg.norm(v), 1e-9)).astype(np.float32)


def dense_features(article: "Article", actors: Sequence["Actor"], spec: str) -> np.ndarray:
    rows = [np.concatenate([numeric_features(article, ac), type_features(ac), actor_vector(article, ac, spec)])
            for ac in actors]
    return np.stack(rows) if rows else np.zeros((0, len(NUMERIC) + len(TYPES) + 1), np.float32)


RELATIVE = ["share_of_top", "rank", "log_actors"]


def relative_features(log_mentions: np.ndarray, article_ids: Sequence[str]) -> np.ndarray:
    """How prominent the actor is among the article's actors: its mention count over the article's most
    mentioned actor's, its rank by mentions (capped at 10, / 10), log(1 + number of actors found)."""
    from collections import defaultdict

    by = defaultdict(list)
    for i, a in enumerate(article_ids):
        by[a].append(i)
    out = np.zeros((len(article_ids), len(RELATIVE)), np.float32)
    for ix in by.values():
        n = np.expm1(np.asarray(log_mentions, np.float64)[ix])
        order = np.argsort(-n, kind="stable")
        rank = np.empty(len(ix))
        rank[order] = np.arange(len(ix))
        out[ix, 0] = n / max(n.max(), 1.0)
        out[ix, 1] = np.minimum(rank, 10) / 10
        out[ix, 2] = np.log1p(len(ix))
    return out


def with_relative(dense: np.ndarray, article_ids: Sequence[str]) -> np.ndarray:
    return np.hstack([dense, relative_features(dense[:, 0], article_ids)]) if len(dense) else dense


def not_cast_by_shape(dense: np.ndarray) -> np.ndarray:
    """Actors the text only uses as a place, a cited source, a title or an expert voice, never as the agent
    or patient of an event: "mentioned", whatever the learned score. Columns as in ``NUMERIC``."""
    col = {k: i for i, k in enumerate(NUMERIC)}
    d = np.asarray(dense)
    acts = d[:, col["patient"]] + d[:, col["poss"]] + d[:, col["cast_by_text"]]
    place = d[:, col["location"]] >= 0.999
    source = (d[:, col["report_shape"]] >= 0.5) & (acts == 0)
    title = (d[:, col["titled"]] >= 0.5) & (d[:, col["cast_by_text"]] == 0)
    n = np.expm1(d[:, col["log_mentions"]])
    # An expert voice: described as an expert in half its mentions, or in some with every other mention speaking a
    # quote ("Calder Walton, a scholar at …" then "Walton said …" six times; one such actor in the training data,
    # not annotated).
    ex = d[:, col["expertise"]]
    expert = ((ex >= 0.5) | ((ex > 0) & (d[:, col["speaker"]] * 5 + ex * n >= n - 1e-6))) & (acts == 0)
    # A voice only: every mention of it speaks a quote (speaker counts quotes, capped at 5), and nothing else is
    # said of it ("the Norwegian Oil and Gas Association warned that …").
    organisation = d[:, len(NUMERIC) + TYPES.index("ORG")] >= 0.5 if d.shape[1] > len(NUMERIC) + len(TYPES) else False
    voice = (d[:, col["speaker"]] * 5 >= n - 1e-6) & (n <= 2) & (acts == 0) & (d[:, col["in_title"]] < 0.5) \
        & (d[:, col["quoted_inside"]] == 0) & organisation
    return place | source | title | expert | voice


def cast_by_text(dense: np.ndarray, share: float = CAST_SHARE) -> np.ndarray:
    """Actors the text accuses, attacks or praises (``cast_by_text`` share of its mentions >= ``share``):
    "framed", whatever the learned score (an outlet the article attacks is not a mere source)."""
    return np.asarray(dense)[:, NUMERIC.index("cast_by_text")] >= share


class FramedModel:
    """P(the article casts this actor). Weights live in the role model's directory (``framed_*``)."""

    def __init__(self, config: dict, weights: dict[str, np.ndarray]):
        from .model import _Tfidf

        self.config = config
        self.char = _Tfidf(CHAR_TFIDF, {t: i for i, t in enumerate(config["char_vocab"])}, weights["framed_char_idf"])
        self.coef, self.bias = weights["framed_coef"], float(weights["framed_bias"][0])
        self.mean, self.scale = weights["framed_mean"], weights["framed_scale"]
        self.threshold = float(config["threshold"])
        self.embedder = config.get("embedder", "use-m")
        self.char_weight = float(config.get("char_weight", 1.0))
        self.relative = bool(config.get("relative", False))
        self.shape_rules = bool(config.get("shape_rules", False))
        # the text-casting rule is a rule, not a weight: models saved before it get it too
        self.cast_rule = bool(config.get("cast_rule", True))
        self.cast_share = float(config.get("cast_share", CAST_SHARE))

    def matrix(self, dense: np.ndarray, names: Sequence[str]):
        return build(dense, names, self.char, self.mean, self.scale, self.char_weight)

    def probabilities(self, article: "Article", actors: Sequence["Actor"]) -> np.ndarray:
        if not actors:
            return np.zeros(0)
        base = dense_features(article, actors, self.embedder)
        dense = base[:, self.columns(base.shape[1])]
        if self.relative:
            dense = with_relative(dense, ["a"] * len(actors))
        X = self.matrix(dense, [a.name for a in actors])
        p = 1.0 / (1.0 + np.exp(-(np.asarray(X @ self.coef) + self.bias)))
        if self.shape_rules:
            p = np.where(not_cast_by_shape(base), np.minimum(p, 0.0), p)
        if self.cast_rule:
            p = np.where(cast_by_text(base, self.cast_share), np.maximum(p, self.threshold), p)
        return p

    def columns(self, width: int) -> list[int]:
        """The columns of today's ``dense_features`` this model was trained on (a model saved before a numeric
        feature was added reads the others by name)."""
        own = self.config.get("numeric", NUMERIC)
        return [NUMERIC.index(k) for k in own] + list(range(len(NUMERIC), width))


def build(dense: np.ndarray, names: Sequence[str], char, mean, scale, char_weight: float = 1.0):
    d = (dense - mean) / scale
    return sparse.hstack([sparse.csr_matrix(d.astype(np.float32)), char.transform(list(names)) * char_weight], format="csr")


def fit_framed(dense: np.ndarray, names: Sequence[str], y: np.ndarray, C: float = 0.5, char_weight: float = 1.0,
               threshold: float = 0.5, embedder: str = "use-m", article_ids: Sequence[str] | None = None,
               shape_rules: bool = False, cast_rule: bool = True,
               cast_share: float = CAST_SHARE) -> tuple[dict, dict[str, np.ndarray]]:
    """``article_ids``: given, the relative-prominence features (``RELATIVE``) are added (and used in
    prediction). ``shape_rules``: prediction applies ``not_cast_by_shape``; ``cast_rule``: ``cast_by_text``."""
    y = np.asarray(y)
    shape, cast = not_cast_by_shape(dense), cast_by_text(dense, cast_share)  # counted for the model card
    if article_ids is not None:
        dense = with_relative(dense, article_ids)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from .model import _Tfidf

    char = TfidfVectorizer(min_df=2, max_features=8000, **CHAR_TFIDF).fit(list(names))
    mean = dense.mean(axis=0)
    scale = np.maximum(dense.std(axis=0), 1e-2)  # float16 on disk: no tiny scales
    X = build(dense, names, _Tfidf(CHAR_TFIDF, char.vocabulary_, char.idf_), mean, scale, char_weight)
    clf = LogisticRegression(C=C, max_iter=3000, class_weight="balanced").fit(X, y)
    config = {"char_vocab": sorted(char.vocabulary_, key=char.vocabulary_.get), "threshold": threshold, "C": C,
              "char_weight": char_weight, "embedder": embedder, "numeric": NUMERIC, "types": TYPES,
              "relative": article_ids is not None, "shape_rules": shape_rules, "cast_rule": cast_rule,
              "cast_share": cast_share, "shape_actors": [int(shape.sum()), int(y[shape].sum())],
              "cast_actors": [int(cast.sum()), int(y[cast].sum())]}
    weights = {"framed_char_idf": char.idf_.astype(np.float32), "framed_coef": clf.coef_[0].astype(np.float32),
               "framed_bias": np.array([clf.intercept_[0]], np.float32), "framed_mean": mean.astype(np.float32),
               "framed_scale": scale.astype(np.float32)}
    return config, weights
