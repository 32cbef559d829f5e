"""Train the role model (and the framed-or-not model) on SemEval-2025 Task 10 subtask-1 data.

``narrascope train roles --data ../shared/data/semeval2025/train --out DIR`` (see ``cli/roles.py``);
``bench/roles_cv.py`` cross-validates the same code.

One text path: the training articles are read by :func:`narrascope.formats.semeval.read_articles` (the
reader and first stages of ``narrascope analyze``: language, clean, attribution), the gold spans are mapped
onto that text (:mod:`.align`), and the features come from the article's shared analysis — the same as in
``predict roles`` and the pipeline.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np

from ..errors import E, NarrascopeError
from .features import MentionContext, context_vectors, domain_of, mention_contexts
from .model import CHAR_TFIDF, MAIN_ROLES, TAGS_TFIDF, WORD_TFIDF, _Tfidf, build_matrix, load_taxonomy
from .semeval import MentionRow, read_rows

LANGUAGES = ["EN", "BG", "HI", "PT", "RU"]
STAGES = "language,clean,attribution"
CORPUS_VERSION = 21  # 21: Russian names in the nominative (Андрея Ермака = Ермак); 19-20: a sentence-opening common noun is no actor (a camp in -ist is); 18: Bulgarian and Russian names of the federation and the United States; 17: more place parts; 16: a state's organs are no location; 15: debunking a falsehood is help, a plight is harm done; 14: a place possessive of its parts is a location; 13: the side reading per article; 12: help modifiers and a defence that holds, holidays and weather no actors; 11: hostility, suffering and inflicted harm; 9: casting evidence (casting.py); 10: deed nouns, relative clauses, appositions; 6-7: alias matches inside longer names and name fragments dropped, cast_by_text feature; 8: headline pieces, sentence adverbs, journals and natural features

FRAMED_C = 0.3  # the framed-or-not model's C (bench/roles_cv.py --framed)
DEFAULTS = {
    # side 1.0, mention 0.3, evaluative: picked on the held-back English dev of bench/roles_cv.py and the
    # paired articles (side=1+eval+mention=0.3: main-role acc 0.824, exact 0.321, paired 13/20)
    "weights": {"embedding": 1.0, "window": 1.0, "mention": 0.3, "domain": 1.0, "tags": 1.0, "side": 1.0},
    "evaluative": True,
    "C_main": 4.0,
    "C_side": 0.03,
    "C_fine": 4.0,
    # cast_weight: the text's casting evidence (casting.py), picked on the tune part by bench/roles_cv.py "@cast"
    "decode": {"second_ratio": 0.5, "second_min": 0.5, "joint": True, "cast_weight": 3.0},
    "word_max_features": 40000,
    "char_max_features": 20000,
}


@dataclass
class Example:
    lang: str
    row: MentionRow
    context: MentionContext
    group: int = 0  # near-duplicate group of the article (CV folds keep a group together)


@dataclass
class ActorExample:
    """An actor the pipeline finds in a training article; ``framed``: some mention has a gold role."""

    lang: str
    article_id: str
    name: str
    framed: int
    group: int
    dense: np.ndarray = field(repr=False, default=None)


@dataclass
class ArticleInfo:
    lang: str
    group: int
    side_input: np.ndarray = field(repr=False, default=None)  # features.side_vector_features
    side: int = 0  # features.narrative_side of the gold narratives and subnarratives
    side_reading: np.ndarray = field(repr=False, default=None)  # features.side_reading_features


@dataclass
class Corpus:
    examples: list[Example]
    vectors: np.ndarray  # one row per example: the shared sentence vector of its sentence
    actors: list[ActorExample]
    spec: str
    unmapped: int = 0  # gold mentions in lines the cleaner dropped
    missed: int = 0  # gold mentions no found actor covers
    # file name -> ArticleInfo: the side model's input and the gold side of the article's narratives
    articles: dict = field(default_factory=dict)

    def dense_actors(self) -> np.ndarray:
        return np.stack([a.dense for a in self.actors])


def near_duplicate_groups(articles, threshold: float = 0.5) -> dict[str, int]:
    """article id -> group id: near-duplicates (MinHash, word 5-shingles, estimated Jaccard >= threshold)
    share a group."""
    from ..ingest.dedup import Deduplicator

    dedup = Deduplicator(threshold=threshold)
    parent: dict[str, str] = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a in articles:
        d = dedup.check(a)
        a.duplicate_of = None
        if d is not None:
            parent[find(a.id)] = find(d.of)
    roots = {}
    return {a.id: roots.setdefault(find(a.id), len(roots)) for a in articles}


def _attach_gold_narratives(root: Path, lang: str, arts) -> None:
    from ..doc import Label
    from ..formats.semeval import read_annotations

    ann = root / lang / "subtask-2-annotations.txt"
    if not ann.is_file():
        return
    gold = read_annotations(ann)
    for a in arts:
        g = gold.get(a.meta.get("file_name", a.id + ".txt"))
        if g:
            a.narratives = [Label(n, 1.0) for n in g.narratives]
            a.meta["gold_labels"] = list(g.narratives) + list(g.subnarratives)


def load_corpus(root: str | Path, languages: Sequence[str] = LANGUAGES, spec: str = "use-m", *,
                narratives: str = "gold", cache: str | Path | None = None, progress: bool = True,
                with_actors: bool = True) -> Corpus:
    """Every gold mention under ``root/<LANG>/`` (features from the pipeline's text and shared analysis),
    and every actor the pipeline finds in those articles (for the framed model).

    ``narratives``: "gold" (the subtask-2 labels become ``article.narratives``) or "none".
    ``cache``: a pickle of the result, keyed by the settings. It holds the mentions' context windows (text of
    the licensed articles): keep it outside the repository."""
    root = Path(root)
    key = hashlib.sha1(repr((CORPUS_VERSION, str(root.resolve()), list(languages), spec, narratives, with_actors)).encode()).hexdigest()[:12]
    cpath = Path(cache).with_suffix(f".{key}.pkl") if cache else None
    if cpath and cpath.is_file():
        with open(cpath, "rb") as fh:
            return pickle.load(fh)
    from ..analysis import prepare
    from ..formats.semeval import read_articles, read_raw
    from ..pipeline import load_config
    from .align import map_rows
    from .entities import ActorFinder
    from .features import narrative_side, side_reading_features, side_vector_features
    from .framed import dense_features

    config = load_config()
    finder = ActorFinder()
    examples: list[Example] = []
    vectors: list[np.ndarray] = []
    actors: list[ActorExample] = []
    infos: dict[str, ArticleInfo] = {}
    unmapped = missed = 0
    next_group = 0
    for lang in languages:
        ann = root / lang / "subtask-1-annotations.txt"
        if not ann.is_file():
            raise NarrascopeError(E.E302, path=ann, hint="Point --data at the SemEval train folder (with EN/, BG/, ... inside).")
        rows = read_rows(ann, with_roles=True)
        ids = sorted({r.article_id for r in rows})
        docs = root / lang / "raw-documents"
        paths = [docs / i for i in ids]
        for p in paths:
            if not p.is_file():
                raise NarrascopeError(E.E302, path=p, hint=f"It is listed in {ann} but missing.")
        light = read_articles(paths, config, stages=None)  # cheap read: near-duplicate groups over all articles
        groups = {a.meta.get("file_name", a.id + ".txt"): g for a, g in zip(light, near_duplicate_groups(light).values())}
        goff = next_group
        next_group += len(set(groups.values()))
        del light
        if progress:
            import sys

            print(f"narrascope: {lang}: {len(paths)} articles, {len(rows)} gold mentions; analysing", file=sys.stderr, flush=True)
        for lo in range(0, len(paths), 16):
            # The pipeline's reader and first stages, 16 articles at a time (their spaCy Docs are freed after).
            batch = read_articles(paths[lo:lo + 16], config, stages=STAGES)
            if narratives == "gold":
                _attach_gold_narratives(root, lang, batch)
            prepare(batch, parse=True, sentence_vectors=[spec])
            for art in batch:
                fname = art.meta.get("file_name", art.id + ".txt")
                raw = read_raw(docs / fname)
                mine = [r for r in rows if r.article_id == fname]
                spans, where, kept_at, lost_at = map_rows(art, raw, mine)
                unmapped += len(lost_at)
                kept = [mine[k] for k in kept_at]
                ctx = mention_contexts(art, spans, domain_of(fname), where)
                if ctx:
                    vectors.append(context_vectors(art, ctx, spec))
                g = goff + groups[fname]
                infos[fname] = ArticleInfo(lang, g, side_vector_features(art, spec), narrative_side(art.meta.get("gold_labels", [])),
                                           side_reading_features(art))
                examples += [Example(lang, r, c, g) for r, c in zip(kept, ctx)]
                if with_actors and art.text.strip():
                    found = finder.find_in(art)
                    gold_spans = [sp for sp, w in zip(spans, where) if w == "text"]
                    covered = set()
                    labels = []
                    for ac in found:
                        hit = [k for k, (s, e) in enumerate(gold_spans) if any(m.start < e and s < m.end for m in ac.mentions)]
                        covered.update(hit)
                        labels.append(int(bool(hit)))
                    missed += len(gold_spans) - len(covered)
                    dense = dense_features(art, found, spec) if found else []
                    for ac, y, d in zip(found, labels, dense):
                        actors.append(ActorExample(lang, fname, ac.name, y, g, d))
                art.__dict__.pop("_analysis", None)  # free the Doc
    corpus = Corpus(examples, np.concatenate(vectors) if vectors else np.zeros((0, 512), np.float32), actors, spec,
                    unmapped, missed, infos)
    if cpath:
        cpath.parent.mkdir(parents=True, exist_ok=True)
        with open(cpath, "wb") as fh:
            pickle.dump(corpus, fh)
    return corpus


def load_examples(root: str | Path, languages: Sequence[str] = LANGUAGES, spec: str = "use-m", **kw) -> list[Example]:
    return load_corpus(root, languages, spec, with_actors=False, **kw).examples


def side_matrix(articles: dict, ids: Sequence[str], reading: bool = False) -> np.ndarray:
    """The side model's input rows of the corpus articles ``ids``; ``reading``: with the narratives stage's side
    reading (``features.side_reading_features``), as a model trained with ``side_reading`` reads it."""
    X = np.stack([articles[i].side_input for i in ids])
    return np.hstack([X, np.stack([articles[i].side_reading for i in ids])]) if reading else X


def fit(examples: Sequence[Example], embeddings: np.ndarray, params: dict | None = None,
        taxonomy: dict[str, str] | None = None, embedder: str = "use-m",
        articles: dict | None = None) -> tuple[dict, dict[str, np.ndarray]]:
    """Fit the model; returns (config, weights) ready for ``RoleModel`` / ``RoleModel.save``. ``embedder``:
    the spec that produced ``embeddings`` (stored: the pipeline reads that embedder's shared sentence vectors).
    ``articles`` (``Corpus.articles``): with a ``side`` weight > 0, the side model is fitted on the examples'
    articles and the role model trained on their out-of-fold side scores."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    p = {**DEFAULTS, **(params or {})}
    p["weights"] = {**DEFAULTS["weights"], **p.get("weights", {})}
    taxonomy = taxonomy or load_taxonomy()
    fine_roles = list(taxonomy)
    contexts = [e.context for e in examples]
    side_model = None
    if p["weights"].get("side", 0) > 0:
        if not articles:
            raise ValueError("a side weight needs the corpus articles (Corpus.articles)")
        from dataclasses import replace

        from .side import fit_side, oof_side_scores

        ids = sorted({e.row.article_id for e in examples if e.row.article_id in articles})
        Xs = side_matrix(articles, ids, bool(p.get("side_reading")))
        ys = [articles[i].side for i in ids]
        oof = oof_side_scores(Xs, ys, [articles[i].group for i in ids], C=p["C_side"])
        by_id = dict(zip(ids, oof.tolist()))
        contexts = [replace(c, side=by_id.get(e.row.article_id, 0.0)) for c, e in zip(contexts, examples)]
        side_model = fit_side(Xs, ys, C=p["C_side"])
    word = TfidfVectorizer(min_df=2, max_features=p["word_max_features"], **WORD_TFIDF).fit([c.window for c in contexts])
    char = TfidfVectorizer(min_df=2, max_features=p["char_max_features"], **CHAR_TFIDF).fit([c.mention for c in contexts])
    use_tags = p["weights"].get("tags", 0) > 0
    inter = bool(p.get("interactions", False))
    evaluative = bool(p.get("evaluative", False))
    if use_tags:
        from .features import tag_string

        tags = TfidfVectorizer(min_df=2, **TAGS_TFIDF).fit([tag_string(c, inter, evaluative) + " _bias_" for c in contexts])
    else:
        tags = None
    word_t = _Tfidf(WORD_TFIDF, word.vocabulary_, word.idf_)
    char_t = _Tfidf(CHAR_TFIDF, char.vocabulary_, char.idf_)
    tags_t = _Tfidf(TAGS_TFIDF, tags.vocabulary_, tags.idf_) if tags is not None else None
    X = build_matrix(contexts, embeddings, word_t, char_t, p["weights"], tags_t, inter, evaluative)
    y_main = np.array([MAIN_ROLES.index(e.row.main_role) for e in examples])
    lw = p.get("language_weights") or {}
    sw = np.array([float(lw.get(e.lang, 1.0)) for e in examples]) if lw else None
    main = LogisticRegression(C=p["C_main"], max_iter=3000, class_weight=p.get("class_weight_main")).fit(X, y_main, sample_weight=sw)
    Y = np.zeros((len(examples), len(fine_roles)), dtype=np.int8)
    for i, e in enumerate(examples):
        for r in e.row.fine_roles:
            if r in taxonomy:
                Y[i, fine_roles.index(r)] = 1
    fine_coef = np.zeros((len(fine_roles), X.shape[1]), dtype=np.float32)
    fine_bias = np.full(len(fine_roles), -8.0, dtype=np.float32)  # a role never seen is never predicted
    for j in range(len(fine_roles)):
        if 0 < Y[:, j].sum() < len(Y):
            clf = LogisticRegression(C=p["C_fine"], max_iter=3000, solver="liblinear").fit(X, Y[:, j], sample_weight=sw)
            fine_coef[j], fine_bias[j] = clf.coef_[0], clf.intercept_[0]
    config = {
        "name": "narrascope-roles",
        "version": 2,
        "embedder": embedder,
        "fine_roles": fine_roles,
        "parent": taxonomy,
        "main_roles": MAIN_ROLES,
        "weights": p["weights"],
        "decode": p["decode"],
        "interactions": inter,
        "evaluative": evaluative,
        "side_reading": bool(p.get("side_reading", False)),
        "params": {k: v for k, v in p.items() if k not in ("weights", "decode")},
        "word_vocab": sorted(word.vocabulary_, key=word.vocabulary_.get),
        "char_vocab": sorted(char.vocabulary_, key=char.vocabulary_.get),
        "trained_on": f"SemEval-2025 Task 10 subtask-1 training data, {len(examples)} mentions",
    }
    weights = {"word_idf": word.idf_.astype(np.float32), "char_idf": char.idf_.astype(np.float32),
               "main_coef": main.coef_.astype(np.float32), "main_bias": main.intercept_.astype(np.float32),
               "fine_coef": fine_coef, "fine_bias": fine_bias}
    if side_model is not None:
        weights["side_coef"], weights["side_bias"] = side_model.coef, side_model.bias
    if tags is not None:
        config["tags_vocab"] = sorted(tags.vocabulary_, key=tags.vocabulary_.get)
        weights["tags_idf"] = tags.idf_.astype(np.float32)
    return config, weights


def write_model_card(path: Path, config: dict, examples: Sequence[Example], cv: str | None = None) -> None:
    from collections import Counter

    per_lang = Counter(e.lang for e in examples)
    framed = config.get("framed")
    lines = [
        "# narrascope entity-role model",
        "",
        "Decides, for an actor of a news article, whether the article casts it at all (framed or merely",
        "mentioned), and for a cast actor its main role (Protagonist / Antagonist / Innocent) and its fine-grained",
        "roles (22, constrained to the main role).",
        "",
        "**Trained on** the SemEval-2025 Task 10 subtask-1 training data (entity framing), all five languages:",
        ", ".join(f"{k} {v}" for k, v in sorted(per_lang.items())) + f" mentions ({len(examples)} in all),",
        "read through the pipeline's own reader and stages (language, clean, attribution), so the model sees the",
        "text it sees in use. That data is for research use only; this model is our own artifact trained on it,",
        "and contains no article text (TF-IDF vocabularies are single words, word pairs, character n-grams and",
        "symbolic tags).",
        "",
        f"**Role inputs**: the shared sentence vector (`{config.get('embedder')}`) of the mention's sentence,",
        "TF-IDF of the words around the mention (mention replaced by a placeholder), character n-grams of the",
        "mention, tags (English parse: agent / patient and its verb, possessor, speaker; the article's narratives,",
        "alone and paired with the actor), the article's domain (URW / CC / unknown)"
        + (", evaluative tags from an own small English lexicon (the words right after / before the mention: the "
           "actor harms, helps, is harmed, is helped; harm / help words near it; each also paired with the actor's camp)"
           if config.get("evaluative") else "")
        + (f", and **the article's side** (weight {config['weights'].get('side')}): a side model (`side_*` arrays, "
           "3-class logistic regression on the article's mean sentence vector and the side-aware polarity counts, "
           "trained on the gold narratives' side: pro-Kremlin / climate-sceptic, the other side, neither) gives a "
           "score in [-1, 1]; it enters as side x actor camp (RU / UA / WEST / CLIMATE / OTHER), side x camp x "
           "agent, side x camp x patient, so the same actor can be cast differently by opposite articles; the role "
           "model was trained on out-of-fold side scores" if config["weights"].get("side", 0) > 0 else "")
        + ". **Models**: multinomial",
        "logistic regression for the main role, one-vs-rest logistic regressions for fine roles. Decoding "
        + ("(joint) takes the fine role with the highest P(main role of its parent) x P(fine role), its parent as "
           "the main role" if config["decode"].get("joint") else "takes the best fine role under the predicted main role")
        + ", and adds the second-best fine role of that main role when it scores at least "
        f"{config['decode']['second_ratio']} x the first and >= {config['decode']['second_min']}. "
        f"The text's own casting evidence (framing/casting.py: what the actor does or suffers in the English parse, "
        f"summed per actor) adds {config['decode'].get('cast_weight', 0.0)} x its counts to the main-role log-odds.",
    ]
    if framed:
        lines += [
            "",
            f"**Framed or not** (`framed_*` arrays): logistic regression over {framed.get('n_actors', '?')} actors the",
            "pipeline finds in the training articles (positives: an annotator gave one of its mentions a role);",
            "features: mention counts and positions, title / lead, parse shares (agent, patient, possessor,",
            "location preposition), reporting shape (\"X reported\", \"according to X\"), quote speaker / medium,",
            "type, character n-grams of the name, mean sentence vector"
            + (", prominence among the article's actors (mentions over the top actor's, rank, number of actors)"
               if framed.get("relative") else "")
            + (", report-title / expert / outlet-name shapes" if "titled" in framed.get("numeric", []) else "")
            + (", the share of mentions the text casts (accused / attacked / praised, deceives or does harm, "
               "called names; own English lexicon on the parse)" if "cast_by_text" in framed.get("numeric", []) else "")
            + f". Threshold {framed['threshold']}."
            + (" Shape rules: an actor used only as a place (\"in Baku, Azerbaijan\"), only as a cited source "
               "(\"Reuters reported\", \"according to\"), as a title, or only as an expert voice, never as the "
               "patient or possessor of an event nor cast by the text, is \"mentioned\" whatever the score"
               + (" ({} such actors in the training articles, {} of them annotated)".format(*framed["shape_actors"])
                  if framed.get("shape_actors") else "") + "." if framed.get("shape_rules") else "")
            + (f" Cast rule: an actor the text casts in at least {framed.get('cast_share', 0.25):.0%} of its "
               "mentions is \"framed\" whatever the score"
               + (" ({} such actors, {} of them annotated)".format(*framed["cast_actors"])
                  if framed.get("cast_actors") else "") + "." if framed.get("cast_rule", True) else ""),
        ]
    lines += ["", "Files: `config.json` (settings, vocabularies, label lists), `weights.npz` (float16 arrays).",
              "Retrain: `narrascope train roles --data ../shared/data/semeval2025/train --out DIR`."]
    if cv:
        lines += ["", cv]
    (path / "README.md").write_text("\n".join(lines) + "\n", "utf-8")
