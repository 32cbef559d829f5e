"""The shared analysis of one article: sentences, the spaCy parse, embeddings — computed once.

``article.analysis`` (not part of the JSON) is where every stage reads what more than one stage needs:

- ``sentences``: the sentence offsets of ``article.text`` from the package's one splitter
  (:func:`narrascope.text.sentences`);
- ``doc``: one spaCy ``Doc`` where a pipeline exists for the language (English), or ``None``;
- ``sentence_vectors(spec)``: the embeddings of the first ``MAX_SENTENCES`` sentences by the
  embedder ``spec`` (L2-normalised rows, one per sentence);
- ``vectors(texts, spec, kind)``: any other text the stages embed (the title, quotes for the store's
  claim groups), memoised per article.

Each piece is computed lazily by the first stage that asks, so ``--only`` and single-article calls
work. :func:`prepare` computes the pieces a batch will need in one call per model (``nlp.pipe``
over the batch's English articles, one embedder call for all their sentences): components call it
from their ``pipe``. The analysis belongs to the text it was computed on: when a stage (clean)
replaces ``article.text``, the next access starts a fresh one.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Sequence

import numpy as np

from .text import sentences as split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from .doc import Article

MAX_SENTENCES = 80  # sentences embedded per article (longer articles: the first 80)
MAX_SENTENCE_CHARS = 2000  # a "sentence" longer than this (a list without stops) is cut for the embedder

# The ``[analysis]`` table of the config, set by ``Pipeline.from_config`` (``configure``): which embedder
# stages use unless a trained model names its own, and which spaCy pipeline parses English.
SETTINGS: dict = {"embedder": "use-m", "spacy_model": ""}


def configure(table: dict | None) -> None:
    """Apply an ``[analysis]`` config table (keys: ``embedder``, ``spacy_model``)."""
    for key in ("embedder", "spacy_model"):
        if table and key in table:
            SETTINGS[key] = table[key]


def default_embedder() -> str:
    """The embedder spec of ``[analysis] embedder``: what stages embed with unless their model says otherwise."""
    return str(SETTINGS["embedder"] or "use-m")


def load_parser():
    """The one spaCy pipeline (``[analysis] spacy_model``; default en_core_web_md, else sm)."""
    from .nlp import load_english

    return load_english(SETTINGS["spacy_model"] or None)


def has_parser(language: str | None) -> bool:
    """Is there a spaCy pipeline for this language? (English only: none installs offline for the others.)"""
    return (language or "en").lower().replace("_", "-").split("-")[0] in ("en", "eng", "english", "")


class Analysis:
    """Shared, lazily computed annotations of one text. Build with :meth:`for_article`."""

    def __init__(self, text: str, language: str | None = None, title: str | None = None):
        self.text = text
        self.language = language
        self.title = title
        self._sentences: list[tuple[int, int]] | None = None
        self._doc = None
        self._doc_done = False
        self._sentence_vectors: dict[str, np.ndarray] = {}
        self._memo: dict[tuple[str, str, str], np.ndarray] = {}

    @staticmethod
    def for_article(article: "Article") -> "Analysis":
        a = article.__dict__.get("_analysis")
        if a is None or not (a.text is article.text or a.text == article.text) or a.language != article.language:
            a = Analysis(article.text or "", article.language, article.title)
            article.__dict__["_analysis"] = a
        return a

    # -- sentences -------------------------------------------------------
    @property
    def sentences(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = split_sentences(self.text)
        return self._sentences

    @property
    def embedded_sentences(self) -> list[tuple[int, int]]:
        """The sentences that ``sentence_vectors`` covers (the first ``MAX_SENTENCES``)."""
        return self.sentences[:MAX_SENTENCES]

    def sentence_texts(self) -> list[str]:
        return [self.text[s:e][:MAX_SENTENCE_CHARS] for s, e in self.embedded_sentences]

    def sentence_at(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the last one starting before it), -1 if none."""
        from bisect import bisect_right

        i = bisect_right([s for s, _ in self.sentences], offset) - 1
        return i

    # -- parse -------------------------------------------------------------
    @property
    def has_parser(self) -> bool:
        return has_parser(self.language)

    @property
    def doc(self):
        """The spaCy ``Doc`` of the text (English), parsed on first use; ``None`` for other languages."""
        if not self._doc_done:
            if self.has_parser and self.text.strip():
                self.set_doc(load_parser()(self.text))
            else:
                self.set_doc(None)
        return self._doc

    def set_doc(self, doc) -> None:
        self._doc, self._doc_done = doc, True

    # -- embeddings --------------------------------------------------------
    def sentence_vectors(self, spec: str) -> np.ndarray:
        """(len(embedded_sentences), dim) embeddings by embedder ``spec``; embedded on first use."""
        if spec not in self._sentence_vectors:
            from .embeddings import get_embedder

            self._sentence_vectors[spec] = _as_matrix(get_embedder(spec).embed(self.sentence_texts(), kind="passage"),
                                                      len(self.embedded_sentences))
        return self._sentence_vectors[spec]

    def has_sentence_vectors(self, spec: str) -> bool:
        return spec in self._sentence_vectors

    def set_sentence_vectors(self, spec: str, vectors: np.ndarray) -> None:
        self._sentence_vectors[spec] = _as_matrix(vectors, len(self.embedded_sentences))

    def vectors(self, texts: Sequence[str], spec: str, kind: str = "passage") -> np.ndarray:
        """Embeddings of other texts of this article (memoised: a text embedded twice costs once)."""
        missing = [t for t in dict.fromkeys(texts) if (spec, kind, t) not in self._memo]
        if missing:
            from .embeddings import get_embedder

            for t, v in zip(missing, _as_matrix(get_embedder(spec).embed(missing, kind=kind), len(missing))):
                self._memo[(spec, kind, t)] = v
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self._memo[(spec, kind, t)] for t in texts])

    def remember(self, texts: Sequence[str], spec: str, kind: str, vectors: np.ndarray) -> None:
        for t, v in zip(texts, vectors):
            self._memo[(spec, kind, t)] = np.asarray(v, dtype=np.float32)

    def has_vector(self, text: str, spec: str, kind: str = "passage") -> bool:
        return (spec, kind, text) in self._memo


def _as_matrix(arr, n: int) -> np.ndarray:
    arr = np.asarray(arr, dtype=np.float32)
    return arr.reshape(n, -1) if n else arr.reshape(0, arr.shape[-1] if arr.ndim == 2 else 0)


def prepare(articles: Iterable["Article"], *, parse: bool = False, sentence_vectors: Iterable[str] = (),
            texts: dict[str, list[tuple["Article", str, str]]] | None = None, batch_size: int = 16) -> None:
    """Compute, for a batch, the pieces its stages will read, one model call per piece.

    ``parse``: spaCy ``Doc`` of every English article that has none yet (``nlp.pipe``);
    ``sentence_vectors``: embedder specs whose sentence embeddings are needed (one ``embed`` call per
    spec over all the batch's sentences); ``texts``: spec -> [(article, text, kind)] of other texts
    to embed in the same call.
    """
    articles = list(articles)
    analyses = [Analysis.for_article(a) for a in articles]
    if parse:
        todo = [a for a in analyses if not a._doc_done and a.has_parser and a.text.strip()]
        if todo:
            for a, doc in zip(todo, load_parser().pipe([a.text for a in todo], batch_size=batch_size)):
                a.set_doc(doc)
    specs = set(sentence_vectors) | set(texts or {})
    for spec in specs:
        jobs: list[tuple[Analysis, str, str | None]] = []  # (analysis, kind, text or None = its sentences)
        chunks: list[str] = []
        if spec in set(sentence_vectors):
            for a in analyses:
                if not a.has_sentence_vectors(spec):
                    jobs.append((a, "passage", None))
        extra = [(Analysis.for_article(art), t, kind) for art, t, kind in (texts or {}).get(spec, [])]
        by_kind: dict[str, list[tuple[Analysis, str]]] = {}
        for a, t, kind in extra:
            if not a.has_vector(t, spec, kind):
                by_kind.setdefault(kind, []).append((a, t))
        from .embeddings import get_embedder

        embedder = get_embedder(spec)
        # Sentences and passage-kind texts in one call; queries (e5 prefixes differ) in another.
        passage_extra = by_kind.pop("passage", [])
        for a, _, _ in jobs:
            chunks.extend(a.sentence_texts())
        chunks.extend(t for _, t in passage_extra)
        if chunks:
            out = _as_matrix(embedder.embed(chunks, kind="passage"), len(chunks))
            pos = 0
            for a, _, _ in jobs:
                n = len(a.embedded_sentences)
                a.set_sentence_vectors(spec, out[pos:pos + n])
                pos += n
            for a, t in passage_extra:
                a.remember([t], spec, "passage", out[pos:pos + 1])
                pos += 1
        for kind, items in by_kind.items():
            out = _as_matrix(embedder.embed([t for _, t in items], kind=kind), len(items))
            for (a, t), v in zip(items, out):
                a.remember([t], spec, kind, v[None])
