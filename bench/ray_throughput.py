"""Throughput of the Ray engine with 1 and 2 workers on this machine (prints articles/s).

    .venv/bin/python bench/ray_throughput.py [--n 40] [--components language,clean,attribution] [--workers 1,2]

Reads the first N English test articles of ../shared/data/semeval2025 (falls back to articles
generated from tests/engine/engine_articles.py when ../shared is absent), starts a local Ray
cluster with 2 CPUs per run, and times the run after the cluster is up (actor start-up and
model loading included, as a user would see it). Also prints the local engine on the same input.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "semeval2025" / "test" / "EN" / "subtask-2-documents"


def inputs(n: int) -> Path:
    out = Path(tempfile.mkdtemp(prefix="ray-bench-"))
    if SHARED.is_dir():
        for src in sorted(SHARED.glob("*.txt"))[:n]:
            (out / src.name).write_bytes(src.read_bytes())
        return out
    sys.path.insert(0, str(ROOT / "tests" / "engine"))
    from engine_articles import write_text_tree

    write_text_tree(out, n)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--components", default="language,clean,attribution")
    ap.add_argument("--workers", default="1,2")
    args = ap.parse_args()
    import ray

    from narrascope.engine.local import run_local
    from narrascope.engine.ray_engine import RayEngine
    from narrascope.pipeline import load_config

    folder = inputs(args.n)
    config = load_config()
    config["pipeline"]["components"] = args.components.split(",")
    print(f"input: {args.n} articles from {SHARED if SHARED.is_dir() else 'generated text'}; stages: {args.components}")
    t0 = time.perf_counter()
    n = sum(1 for x in run_local([str(folder)], config) if hasattr(x, "id"))
    dt = time.perf_counter() - t0
    print(f"local engine           : {n} articles in {dt:6.1f} s = {n / dt:5.2f} articles/s (model load included)")
    for workers in [int(w) for w in args.workers.split(",")]:
        ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
        try:
            engine = RayEngine(config, workers=workers, batch_size=4)
            t0 = time.perf_counter()
            first = None
            pids: dict[int, int] = {}
            n = 0
            for result in engine.results([str(folder)]):
                first = first or time.perf_counter() - t0
                n += hasattr(result.item, "id")
                pids[result.worker_pid] = pids.get(result.worker_pid, 0) + 1
            dt = time.perf_counter() - t0
            steady = (n - 1) / max(dt - first, 1e-9)
            print(f"ray, {workers} worker(s)       : {n} articles in {dt:6.1f} s = {n / dt:5.2f} articles/s; "
                  f"first result after {first:4.1f} s; after it {steady:5.2f} articles/s; per worker {sorted(pids.values())}")
        finally:
            ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
