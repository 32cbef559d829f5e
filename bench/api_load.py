"""Store rate and API latency under concurrent clients, for SQLite and PostgreSQL.

Fills a fresh database with N synthetic analysed articles (narrascope.store.synthetic:
varied outlets, dates, speakers, narratives, actors; no NLP is run) one transaction per
article as ``narrascope ingest`` does, then starts ``narrascope serve`` in its own process
on 127.0.0.1 and drives it with C client threads (httpx) for each endpoint class, bounded
by a request count and a time limit. Prints a table.

    python bench/api_load.py                     # 10,000 articles, SQLite and PostgreSQL
    python bench/api_load.py --n 2000 --backends sqlite --clients 4
    python bench/api_load.py --db sqlite:///b10k.db --only search   # an existing 10k store, the search rows only
"""
from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from narrascope.store import Store
from narrascope.store.synthetic import FILLER, NARRATIVES, OUTLETS, synthetic_article

# A tiny random min_score makes every request a new cache key: the "uncached" rows measure computing the
# answer (from the server's column snapshot of the corpus, store/snapshot.py, or SQL), not the result cache.
_unique = lambda rng: {"min_score": round(rng.random() * 1e-6, 12)}  # noqa: E731
# Words of the synthetic articles: "search (varied words)" asks one or two of them, a few hundred combinations.
_SENTENCES = [n[2] for n in NARRATIVES] + [n[3] for n in NARRATIVES] + FILLER
_WORDS = [[w.strip(".,") for w in sent.split() if len(w.strip(".,")) >= 4] for sent in _SENTENCES]


def _varied_words(rng: random.Random) -> str:
    ws = rng.choice(_WORDS)
    i = rng.randrange(len(ws))
    return " ".join(ws[i:i + rng.choice([1, 2])])

ENDPOINTS = {
    "list (50, filtered)": lambda rng, n: ("/api/articles", {"limit": 50, "offset": rng.randrange(0, 500),
                                                             **rng.choice([{}, {"outlet": rng.choice(OUTLETS)},
                                                                           {"narrative": rng.choice(NARRATIVES)[0]}])}),
    "search (full text)": lambda rng, n: ("/api/articles", {"limit": 20, "q": rng.choice(["sanctions", "front break", "fuel stations", "missiles europe"])}),
    "search (varied words)": lambda rng, n: ("/api/articles", {"limit": 20, "q": _varied_words(rng), "offset": rng.choice([0, 0, 20])}),
    # The dashboard's order when there are search words: ranked by the store (bm25 / ts_rank), in SQL.
    "search (relevance, varied words)": lambda rng, n: ("/api/articles", {"limit": 20, "q": _varied_words(rng), "sort": "relevance"}),
    "one article": lambda rng, n: (f"/api/articles/synthetic-{rng.randrange(n):06d}", {}),
    "timeline (cache on)": lambda rng, n: ("/api/aggregates/timeline", rng.choice([{"period": "week"}, {"period": "month", "outlet": rng.choice(OUTLETS)}])),
    "timeline (uncached)": lambda rng, n: ("/api/aggregates/timeline", {"period": rng.choice(["week", "month"]), **_unique(rng)}),
    "by outlet (uncached)": lambda rng, n: ("/api/aggregates/outlets", _unique(rng)),
    "speakers (cache on)": lambda rng, n: ("/api/speakers", {"limit": 20, "offset": rng.choice([0, 20])}),
    "speakers (uncached)": lambda rng, n: ("/api/speakers", {"limit": 20, **_unique(rng)}),
    "stats (uncached)": lambda rng, n: ("/api/stats", _unique(rng)),
    "narratives (uncached)": lambda rng, n: ("/api/aggregates/narratives", {"level": rng.choice(["narrative", "subnarrative"]), **_unique(rng)}),
    "co-occurrence (uncached)": lambda rng, n: ("/api/aggregates/cooccurrence", _unique(rng)),
    "sourcing (uncached)": lambda rng, n: ("/api/aggregates/sourcing", _unique(rng)),
    "actors (uncached)": lambda rng, n: ("/api/entities", {"limit": 20, **_unique(rng)}),
}


def fill(url: str, n: int, seed: int) -> tuple[float, float]:
    """Store n articles, one transaction each; returns (articles/s, seconds)."""
    rng = random.Random(seed)
    st = Store(url)
    t0 = time.perf_counter()
    for i in range(n):
        st.add(synthetic_article(i, rng))
        if (i + 1) % 2000 == 0:
            print(f"  stored {i + 1}/{n} ({(i + 1) / (time.perf_counter() - t0):.0f}/s)", file=sys.stderr)
    took = time.perf_counter() - t0
    assert st.count() == n
    st.optimize()  # as `narrascope ingest` does at the end of a run
    st.close()
    return n / took, took


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(url: str, workers: int = 1) -> tuple[subprocess.Popen, str]:
    port = free_port()
    # The server's log goes to a file: a pipe nobody reads fills up (64 KB of tracebacks) and blocks the
    # server, which then looks frozen to every client.
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from narrascope.cli import main; sys.exit(main(sys.argv[1:]))", "serve", "--db", url, "--host", "127.0.0.1", "--port", str(port),
                             "--workers", str(workers)],
                            stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    proc.wait()
    log.seek(0)
    raise RuntimeError("server did not start: " + log.read().decode(errors="replace")[-2000:])


def load(base: str, make, n_articles: int, clients: int, requests: int, seconds: float) -> dict:
    """``clients`` threads share ``requests`` requests (or stop after ``seconds``); latencies in ms."""
    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    remaining = [requests]
    stop_at = time.monotonic() + seconds

    def worker(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.monotonic() < stop_at:
                with lock:
                    if remaining[0] <= 0:
                        return
                    remaining[0] -= 1
                path, params = make(rng, n_articles)
                t = time.perf_counter()
                try:
                    ok = c.get(path, params=params).status_code == 200
                except httpx.HTTPError:
                    ok = False
                ms = (time.perf_counter() - t) * 1000
                with lock:
                    lat.append(ms)
                    errors += not ok

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    lat.sort()
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [lat[0]] * 99
    return {"n": len(lat), "errors": errors, "rps": len(lat) / wall, "p50": q[49], "p99": q[98]}


def run_backend(name: str, url: str, args) -> list[tuple]:
    if args.db:
        rows = []
    else:
        print(f"[{name}] storing {args.n} articles…", file=sys.stderr)
        rate, took = fill(url, args.n, args.seed)
        rows = [(name, "store (1 commit/article)", args.n, 0, rate, None, None)]
    proc, base = serve(url, args.workers)
    try:
        with httpx.Client(base_url=base) as c:  # warm caches and the pool once per endpoint
            for label, make in ENDPOINTS.items():
                path, params = make(random.Random(0), args.n)
                try:  # a failing route is counted in its row's errors, and must not stop the others
                    status = c.get(path, params=params).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                if status != 200:
                    print(f"[{name}] warm-up {label}: {status}", file=sys.stderr)
        time.sleep(5)  # what the first requests start in the background (the text index) is read before the rows
        for label, make in ENDPOINTS.items():
            if args.only and not any(word in label for word in args.only.split(",")):
                continue
            r = load(base, make, args.n, args.clients, args.requests, args.seconds)
            rows.append((name, label, r["n"], r["errors"], r["rps"], r["p50"], r["p99"]))
            print(f"[{name}] {label}: p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms", file=sys.stderr)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return rows


def main() -> int:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the temporary PostgreSQL server is stopped
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles to store (default 10000)")
    ap.add_argument("--clients", type=int, default=8, help="concurrent client threads (default 8)")
    ap.add_argument("--requests", type=int, default=400, help="requests per endpoint class (default 400)")
    ap.add_argument("--seconds", type=float, default=30, help="time limit per endpoint class (default 30)")
    ap.add_argument("--backends", default="sqlite,postgresql")
    ap.add_argument("--workers", type=int, default=1, help="server processes, `serve --workers` (default 1)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--only", default="", help="only the rows whose name contains one of these comma-separated words, e.g. search")
    ap.add_argument("--db", default="", help="an existing store URL filled with this corpus (its article count must be --n): no fill")
    args = ap.parse_args()
    rows: list[tuple] = []
    with tempfile.TemporaryDirectory(prefix="narrascope-bench-") as tmp:
        if args.db:  # quick iterations on a store filled before (e.g. by a run of this script kept alive)
            rows += run_backend(Store(args.db).backend, args.db, args)
            args.backends = ""
        for backend in filter(None, args.backends.split(",")):
            if backend == "sqlite":
                rows += run_backend("SQLite", f"sqlite:///{Path(tmp) / 'bench.db'}", args)
            elif backend == "postgresql":
                from narrascope.store.pgtemp import PostgresUnavailable, temporary_postgres

                try:
                    with temporary_postgres("bench") as url:
                        rows += run_backend("PostgreSQL", url, args)
                except PostgresUnavailable as exc:
                    print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
    cpus = os.cpu_count()
    print(f"\nnarrascope API load: {args.n} articles, {args.clients} concurrent clients, up to {args.requests} requests "
          f"or {args.seconds:.0f} s per row, server and clients on one machine ({cpus} CPUs)\n")
    print(f"| backend | operation | requests | errors | rate (/s) | p50 (ms) | p99 (ms) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for backend, op, n, err, rate, p50, p99 in rows:
        fmt = lambda v: "" if v is None else f"{v:.1f}"  # noqa: E731
        print(f"| {backend} | {op} | {n} | {err} | {rate:.0f} | {fmt(p50)} | {fmt(p99)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
