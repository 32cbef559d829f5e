"""``narrascope analyze PATH... [--out FILE.jsonl] [--html DIR]``"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..errors import NarrascopeError
from ..pipeline import load_config, restrict_stages
from ..progress import Progress
from . import arg, command


@command(
    "analyze",
    help="Analyse articles (files or folders): clean text, quotes and speakers, narratives, actors. One JSON object per article.",
    args=[
        arg("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .html, .jsonl, .csv, SemEval folders)"),
        arg("--out", "-o", metavar="FILE.jsonl", help="write JSON Lines here (default: standard output)"),
        arg("--html", metavar="DIR", help="also write a readable HTML report into DIR"),
        arg("--config", metavar="FILE.toml", help="pipeline config (default: narrascope/config/default.toml)"),
        arg("--only", metavar="STAGES", help="comma-separated stages to run, e.g. clean,attribution"),
        arg("--engine", choices=["local", "ray"], default="local", help="where to run (ray needs narrascope[ray])"),
        arg("--address", metavar="ADDR", help="Ray cluster address (with --engine ray)"),
        arg("--include-raw", action="store_true", help="also write the text before cleaning (raw_text)"),
        arg("--quiet", "-q", action="store_true", help="no progress on stderr"),
        arg("--show-pipeline", action="store_true", help="print the stages, what each reads and writes, and exit"),
    ],
)
def run(args) -> int:
    config = load_config(args.config)
    restrict_stages(config, args.only)
    if args.show_pipeline:
        return _show_pipeline(config)
    from ..engine import run as run_engine

    kwargs = {"address": args.address} if args.engine == "ray" else {}
    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    progress = Progress(enabled=not args.quiet)
    failed = 0
    articles = []
    try:
        for item in run_engine(args.paths, config, engine=args.engine, **kwargs):
            if isinstance(item, NarrascopeError):
                failed += 1
                print(f"narrascope: error: {item}", file=sys.stderr)
                progress.update(0, failed=1)
                continue
            out.write(item.to_json(include_raw=args.include_raw) + "\n")
            out.flush()
            if args.html:
                articles.append(item)
            progress.update(1)
    finally:
        if args.out:
            out.close()
    progress.close()
    if args.html:
        from ..report import write_report

        index = write_report(articles, Path(args.html))
        print(f"narrascope: report written to {index}", file=sys.stderr)
    if failed:
        print(f"narrascope: {failed} input(s) failed; the rest were analysed.", file=sys.stderr)
    return 1 if failed else 0


def _show_pipeline(config: dict) -> int:
    """The configured stages without loading their models: names, reads, writes, shared pieces computed."""
    from ..pipeline import describe_stages

    table = config.get("analysis", {})
    print(f"analysis: embedder {table.get('embedder', 'use-m')!r}, parser {table.get('spacy_model') or 'en_core_web_md (else sm)'}")
    for row in describe_stages(config["pipeline"]["components"]):
        print(f"{row['name']:<12} reads {', '.join(row['requires'])}; writes {', '.join(row['assigns'])}"
              + (f"; computes {', '.join(row['computes'])}" if row["computes"] else ""))
    return 0
