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
            out.append(MentionContext(_squash(mention), window, dom, (-1, -1), -1, _squash(title), tags))
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
        out.append(MentionContext(_squash(mention), window, dom, (s, e), k if exact else -1, _squash(text[cs:ce]), tags))
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
