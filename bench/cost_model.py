"""Per-article cost per stage, and the paper sizing of a Ray cluster for 10 million articles.

    OMP_NUM_THREADS=1 .venv/bin/python bench/cost_model.py [--n 20] [--components ...] [--articles 10000000]

Runs the pipeline in one process (one core, as one Ray worker does) over a sample of
../shared/data/semeval2025/test/EN articles and prints, per stage: mean and p95 seconds per
article (from Article.timings; with one thread, wall time ~= CPU time, and CPU time of the
process is printed to check) and the resident memory the stage's models add when loaded.
Then works out workers, nodes and hours for --articles on nodes of --node-cores/--node-gb.
"""
from __future__ import annotations

import argparse
import math
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "semeval2025" / "test" / "EN" / "subtask-2-documents"


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--components", default=None, help="default: the pipeline of config/default.toml")
    ap.add_argument("--articles", type=float, default=10e6)
    ap.add_argument("--node-cores", type=int, default=32)
    ap.add_argument("--node-gb", type=float, default=128)
    ap.add_argument("--nodes", type=int, default=20, help="cluster size for the time estimate")
    args = ap.parse_args()
    if not SAMPLE.is_dir():
        print(f"needs {SAMPLE} (../shared beside the repo); not present", file=sys.stderr)
        return 2
    from narrascope.ingest import read_paths
    from narrascope.pipeline import Pipeline, load_config
    from narrascope.registry import get_factory

    config = load_config()
    names = args.components.split(",") if args.components else config["pipeline"]["components"]
    base = rss_mb()
    load_mb, built = {}, []
    for name in names:
        before = rss_mb()
        t0 = time.perf_counter()
        try:
            built.append((name, get_factory(name)(config["components"].get(name, {}) or {})))
        except Exception as exc:  # noqa: BLE001 - a stage not ready is reported, the rest measured
            print(f"stage {name}: could not be built ({type(exc).__name__}: {exc}); left out")
            continue
        load_mb[name] = (rss_mb() - before, time.perf_counter() - t0)
    pipeline = Pipeline(built, config)
    files = sorted(SAMPLE.glob("*.txt"))[:args.n]
    arts = [a for a in read_paths(files, config) if hasattr(a, "id")]
    chars = statistics.mean(len(a.text) for a in arts)
    # Models load lazily at first use: warm each stage on one article (a copy) and note what it adds.
    from narrascope.doc import Article

    warm = Article.from_dict(arts[0].to_dict(include_raw=True))
    for name, comp in built:
        before, t0 = rss_mb(), time.perf_counter()
        try:
            comp(warm)
        except Exception:  # noqa: BLE001 - the timed run reports failures on the articles
            pass
        load_mb[name] = (load_mb[name][0] + rss_mb() - before, load_mb[name][1] + time.perf_counter() - t0)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    peak_before = rss_mb()
    done = list(pipeline.pipe(arts, batch_size=8))
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    worker_mb = rss_mb()
    print(f"sample: {len(done)} articles of {SAMPLE} (mean {chars:.0f} characters)")
    print(f"process: {base:.0f} MB before models, {peak_before:.0f} MB with models, {worker_mb:.0f} MB after the run")
    print(f"{'stage':<12} {'load s':>7} {'model MB':>8} {'mean s/art':>11} {'p95 s/art':>10}")
    total = 0.0
    for name, _ in built:
        times = sorted(a.timings.get(name, 0.0) for a in done)
        mean = statistics.mean(times)
        total += mean
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"{name:<12} {load_mb[name][1]:7.1f} {load_mb[name][0]:8.0f} {mean:11.3f} {p95:10.3f}")
    per_article_cpu = cpu / len(done)
    print(f"{'all':<12} {'':7} {'':8} {total:11.3f}   (process CPU {per_article_cpu:.3f} s/article, wall {wall / len(done):.3f})")
    # -- paper sizing -------------------------------------------------------------------------
    cost = max(per_article_cpu, total)
    worker_gb = worker_mb / 1024 * 1.25  # headroom for long articles and Python garbage
    per_node = min(args.node_cores - 1, int(args.node_gb * 0.8 / worker_gb))  # a core and 20% RAM for Ray itself
    core_hours = args.articles * cost / 3600
    hours = core_hours / (per_node * args.nodes) / 0.9  # ~90% actor utilisation measured by ray_throughput
    print(f"\n10M sizing: {args.articles:.0f} articles x {cost:.3f} CPU s = {core_hours:,.0f} core-hours")
    print(f"  a worker needs ~{worker_gb:.2f} GB; a {args.node_cores}-core {args.node_gb:.0f} GB node runs {per_node} workers")
    print(f"  {args.nodes} nodes ({args.nodes * per_node} workers): {hours:,.1f} h;"
          f" for 24 h: {math.ceil(core_hours / 24 / 0.9 / per_node)} nodes")
    print(f"  results: ~{statistics.mean(len(a.to_json()) for a in done) / 1024:.1f} KB JSON per article"
          f" -> {args.articles * statistics.mean(len(a.to_json()) for a in done) / 1e9:.0f} GB for the corpus")
    return 0


if __name__ == "__main__":
    sys.exit(main())
