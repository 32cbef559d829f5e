"""Throughput and peak memory of `narrascope analyze` over the English SemEval test articles.

    .venv/bin/python bench/analyze_throughput.py [--limit N] [--only clean,attribution] [--folder DIR] [--src DIR]

Runs the real CLI in a subprocess (cold start included and reported apart), then prints articles/s,
CPU seconds per article (user + system of the whole process: steady when other jobs share the machine),
seconds per article per stage (from each article's `timings`), and the peak resident memory.
``--src DIR`` runs another checkout's package (e.g. ``git worktree add /tmp/before <commit>`` then
``--src /tmp/before/src``) with this virtual environment: the before/after rows of the README.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "semeval2025" / "test" / "EN" / "subtask-2-documents"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--folder", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="only the first N articles (0 = all)")
    ap.add_argument("--only", default="", help="comma-separated stages (default: the full default pipeline)")
    ap.add_argument("--src", type=Path, default=None, help="run the narrascope package found in this src/ folder")
    args = ap.parse_args()
    if not args.folder.exists():
        print(f"bench: {args.folder} not found — needs ../shared/data/semeval2025 beside the repo", file=sys.stderr)
        return 2
    files = sorted(args.folder.glob("*.txt"))
    if args.limit:
        files = files[: args.limit]
    tmp = Path(tempfile.mkdtemp(prefix="narrascope-bench-"))
    try:
        inp = tmp / "in"
        inp.mkdir()
        for f in files:
            shutil.copy(f, inp / f.name)
        out = tmp / "out.jsonl"
        if args.src:
            exe = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(args.src.resolve())!r}); "
                   "from narrascope.cli import main; sys.exit(main())"]
        else:
            exe = [str(ROOT / ".venv" / "bin" / "narrascope") if (ROOT / ".venv" / "bin" / "narrascope").exists() else "narrascope"]
        cmd = [*exe, "analyze", str(inp), "--out", str(out), "--quiet"]
        if args.only:
            cmd += ["--only", args.only]
        # Cold start: import + model load, measured on a single tiny article.
        one = tmp / "one"
        one.mkdir()
        (one / "x.txt").write_text("Title\n\nThe minister said the talks had stalled.\n", encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([*exe, "analyze", str(one), "--out", str(tmp / "one.jsonl"), "--quiet"] + (["--only", args.only] if args.only else []), check=True)
        cold = time.perf_counter() - t0
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        peak_mb = after.ru_maxrss / 1024
        rows = [json.loads(l) for l in out.read_text("utf-8").splitlines() if l.strip()]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if proc.returncode not in (0, 1):
        print(proc.stderr[-2000:], file=sys.stderr)
        return proc.returncode
    n = len(rows)
    stages: dict[str, list[float]] = {}
    for r in rows:
        for k, v in r.get("timings", {}).items():
            stages.setdefault(k, []).append(v)
    words = statistics.mean(len(r["text"].split()) for r in rows) if rows else 0
    print(f"articles: {n} (mean {words:.0f} words after cleaning) from {args.folder}")
    print(f"machine: {os.cpu_count()} CPU cores")
    print(f"cold start (1 tiny article, imports + model loading): {cold:.1f} s")
    print(f"batch wall time: {wall:.1f} s  ->  {n / wall:.2f} articles/s ({wall / max(n, 1):.2f} s/article incl. start-up)")
    print(f"process CPU time: {cpu:.1f} s  ->  {cpu / max(n, 1):.2f} CPU-s/article ({n / max(cpu, 1e-9):.2f} articles per CPU-second)")
    print(f"peak resident memory (largest process): {peak_mb:.0f} MB")
    print("per-stage seconds per article (mean / p95):")
    for k, v in stages.items():
        v = sorted(v)
        print(f"  {k:<12} {statistics.mean(v):.3f} / {v[int(0.95 * (len(v) - 1))]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
