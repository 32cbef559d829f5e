"""The one data model: an analysed article and its spans.

Every pipeline stage reads an :class:`Article` and extends it in place
(ingest fills the text and metadata, clean fills ``text`` and ``removed``,
attribution fills ``quotes``, narratives fill ``narratives`` /
``subnarratives``, framing fills ``entities``, explain fills ``explanation``).
``Article.to_dict()`` is the JSON contract written by ``narrascope analyze``;
``schema/article.schema.json`` documents it. Offsets (``start``/``end``) are
Python ``str`` indices into ``Article.text`` (the cleaned text), end exclusive.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

SCHEMA_VERSION = "1.0"


@dataclass
class Span:
    """A stretch of ``Article.text``: evidence sentences, mentions."""

    start: int
    end: int
    text: str = ""


@dataclass
class Evidence(Span):
    """An evidence sentence of a narrative label, and whose voice it is: the article's own (``quoted`` False)
    or a statement the article attributes (``speaker``, None when unattributed), kept at a distance when
    ``hedged`` ("claimed", "allegedly"). A label carried only by quoted evidence is something the article
    reports, which an analyst reads differently from what it asserts."""

    quoted: bool = False
    speaker: str | None = None
    hedged: bool = False


@dataclass
class Removal:
    """A piece of the input that cleaning dropped, and why."""

    text: str
    reason: str
    # Offsets into the body as it was before cleaning (the text the cleaner received).
    start: int = -1
    end: int = -1


@dataclass
class Quote:
    """One attributed statement (direct quote or reported speech)."""

    speaker: str | None  # resolved name, or the anonymous description
    text: str  # the content, as it stands in ``Article.text[start:end]``
    kind: str  # "direct" | "indirect"
    cue: str | None = None  # "said", "told", "according to", ":" ...
    anonymous: bool = False
    medium: str | None = None  # "Bloomberg", "LBC", "Radio Free Europe"
    # The outlet that reports it ("According to TASS, Peskov told Rossiya-1 ...": TASS reports, Rossiya-1 is
    # the medium spoken to); the same as ``medium`` when no other medium is named.
    reported_by: str | None = None
    hedged: bool = False
    start: int = -1
    end: int = -1
    hedges: list[str] = field(default_factory=list)  # "reportedly", "allegedly"
    # Where the speaker is named for this quote ("he", "Orlov", "the former minister").
    speaker_mention: str | None = None
    speaker_start: int = -1
    speaker_end: int = -1
    cue_start: int = -1
    cue_end: int = -1
    speaker_type: str | None = None  # "person" | "organisation" | "anonymous" | "unknown"
    confidence: float = 1.0


@dataclass
class Label:
    """A narrative or subnarrative with its calibrated score and evidence."""

    label: str
    score: float
    evidence: list[Evidence] = field(default_factory=list)
    # How far an analyst may lean on it: "confident" | "likely" | "guess" (None: not graded). The
    # metric-optimal decoder may keep a label at a low score; the tier says so instead of hiding it.
    tier: str | None = None

    def __post_init__(self) -> None:
        # Plain spans (hand-built labels, older records) become Evidence in the article's own voice, so every
        # label's evidence has one shape in the JSON, the store and the report.
        self.evidence = [e if isinstance(e, Evidence) else Evidence(e.start, e.end, e.text) for e in self.evidence]


@dataclass
class Entity:
    """One actor, its mentions merged, and how the article casts it."""

    text: str  # canonical name of the actor
    start: int  # first mention
    end: int
    main_role: str | None = None  # Protagonist | Antagonist | Innocent
    fine_roles: list[str] = field(default_factory=list)
    score: float = 0.0  # confidence of main_role
    fine_role_scores: dict[str, float] = field(default_factory=dict)
    type: str | None = None  # PERSON | ORG | GPE | NORP ...
    mentions: list[Span] = field(default_factory=list)
    evidence: list[Span] = field(default_factory=list)  # sentences that cast it
    # Does the article cast this actor at all? False: merely mentioned (a place, a cited outlet, an
    # expert quoted for facts); main_role / fine_roles are then empty. framed_score: P(framed).
    framed: bool = True
    framed_score: float = 1.0


@dataclass
class Explanation:
    text: str
    narrative: str
    evidence: list[Span] = field(default_factory=list)


@dataclass
class Duplicate:
    of: str  # id of the article this one duplicates
    kind: str  # "exact" | "near"
    similarity: float = 1.0


@dataclass
class Article:
    id: str
    text: str = ""
    title: str | None = None
    language: str | None = None
    language_score: float | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    author: str | None = None
    source_path: str | None = None
    source_format: str | None = None  # "text" | "html" | "jsonl" | "csv" | "semeval"
    raw_text: str | None = None  # the text before cleaning (not in JSON unless asked)
    content_hash: str | None = None
    removed: list[Removal] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    narratives: list[Label] = field(default_factory=list)
    subnarratives: list[Label] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    explanation: Explanation | None = None
    duplicate_of: Duplicate | None = None
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # stage -> seconds
    meta: dict[str, Any] = field(default_factory=dict)

    # -- the shared analysis (not serialised) ---------------------------
    @property
    def analysis(self):
        """Sentences, parse and embeddings of ``text``, computed once and shared by the stages
        (:class:`narrascope.analysis.Analysis`); a fresh one when ``text`` has changed."""
        from .analysis import Analysis

        return Analysis.for_article(self)

    def __getstate__(self):
        # Pickled for Ray workers and caches: the analysis (a spaCy Doc, vectors) stays behind.
        state = dict(self.__dict__)
        state.pop("_analysis", None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)

    # -- helpers ---------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def compute_hash(self) -> str:
        """Content hash of what was ingested (title + raw text), for idempotent storage. A front-matter
        block is metadata, not content: a corrected date there must not make a new article."""
        raw = self.raw_text if self.raw_text is not None else self.text
        basis = (self.title or "") + "\n\n" + raw[int(self.meta.get("front_matter_end", 0) or 0):]
        self.content_hash = hashlib.sha256(basis.encode("utf-8", "surrogatepass")).hexdigest()
        return self.content_hash

    # -- serialisation ---------------------------------------------------
    def to_dict(self, include_raw: bool = False) -> dict[str, Any]:
        d = dataclasses.asdict(self)
        d["schema_version"] = SCHEMA_VERSION
        if not include_raw:
            d.pop("raw_text", None)
        return d

    def to_json(self, include_raw: bool = False) -> str:
        return json.dumps(self.to_dict(include_raw), ensure_ascii=False)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        d = dict(d)
        d.pop("schema_version", None)
        known = {f.name for f in dataclasses.fields(cls)}
        extra = {k: d.pop(k) for k in list(d) if k not in known}
        d["removed"] = [Removal(**_known(Removal, r)) for r in d.get("removed") or []]
        d["quotes"] = [Quote(**_known(Quote, q)) for q in d.get("quotes") or []]
        d["narratives"] = [_label(x) for x in d.get("narratives") or []]
        d["subnarratives"] = [_label(x) for x in d.get("subnarratives") or []]
        d["entities"] = [_entity(x) for x in d.get("entities") or []]
        if d.get("explanation"):
            e = d["explanation"]
            d["explanation"] = Explanation(e["text"], e["narrative"], [Span(**_known(Span, s)) for s in e.get("evidence") or []])
        if d.get("duplicate_of"):
            d["duplicate_of"] = Duplicate(**d["duplicate_of"])
        art = cls(**d)
        art.meta.update(extra)
        return art

    @classmethod
    def from_json(cls, s: str) -> "Article":
        return cls.from_dict(json.loads(s))


def _known(klass, d: dict) -> dict:
    names = {f.name for f in dataclasses.fields(klass)}
    return {k: v for k, v in d.items() if k in names}


def _label(d: dict) -> Label:
    return Label(d["label"], d.get("score", 0.0), [Evidence(**_known(Evidence, s)) for s in d.get("evidence") or []], d.get("tier"))


def _entity(d: dict) -> Entity:
    d = _known(Entity, d)
    d["mentions"] = [Span(**_known(Span, s)) for s in d.get("mentions") or []]
    d["evidence"] = [Span(**_known(Span, s)) for s in d.get("evidence") or []]
    return Entity(**d)
