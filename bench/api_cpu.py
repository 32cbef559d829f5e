"""Server CPU per API request: one client, sequential requests, the server's own user+system time.

    .venv/bin/python bench/api_cpu.py sqlite:///STORE.db [--src DIR] [--requests 100]

Unlike ``bench/api_load.py`` (latency under 8 concurrent clients), this figure does not move with the
machine's load, so it compares two versions fairly: ``--src`` runs another checkout's package (e.g.
``git worktree add /tmp/before <commit>`` then ``--src /tmp/before/src``) on the same database. Fill a
store first, e.g. with ``bench/api_load.py``'s synthetic corpus (``narrascope.store.synthetic``).
Prints one Markdown row per endpoint of ``api_load.ENDPOINTS``: CPU ms per request, median wall ms.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api_load as A  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("db", help="store URL, e.g. sqlite:///b10k.db")
    ap.add_argument("--src", default=None, help="run the narrascope package found in this src/ folder")
    ap.add_argument("--requests", type=int, default=100, help="sequential requests per endpoint")
    ap.add_argument("--articles", type=int, default=10000, help="size of the synthetic corpus (for the request mix)")
    ap.add_argument("--settle", type=float, default=5.0, help="seconds to wait after the warm-up requests")
    ap.add_argument("--only", default="", help="only the rows whose name contains one of these comma-separated words")
    args = ap.parse_args()
    env = {**os.environ, **({"PYTHONPATH": args.src} if args.src else {})}
    port = A.free_port()
    proc = subprocess.Popen([sys.executable, "-c", "import sys; from narrascope.cli import main; sys.exit(main(sys.argv[1:]))",
                             "serve", "--db", args.db, "--port", str(port)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/health").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        tck = os.sysconf("SC_CLK_TCK")

        def cpu() -> float:
            fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / tck

        print("| operation | server CPU ms/request | median wall ms |\n|---|---:|---:|")
        with httpx.Client(base_url=base, timeout=60) as client:
            for make in A.ENDPOINTS.values():  # warm every route once
                path, params = make(random.Random(0), args.articles)
                client.get(path, params=params)
            time.sleep(args.settle)  # what the first requests start in the background (the text index) is not a row's CPU
            for label, make in A.ENDPOINTS.items():
                if args.only and not any(word in label for word in args.only.split(",")):
                    continue
                rng = random.Random(1)
                t0, walls = cpu(), []
                for _ in range(args.requests):
                    path, params = make(rng, args.articles)
                    t = time.perf_counter()
                    r = client.get(path, params=params)
                    walls.append((time.perf_counter() - t) * 1000)
                    if r.status_code != 200:
                        print(f"bench: {label}: HTTP {r.status_code}: {r.text[:200]}", file=sys.stderr)
                        return 1
                print(f"| {label} | {(cpu() - t0) / args.requests * 1000:.1f} | {statistics.median(walls):.1f} |", flush=True)
    finally:
        proc.terminate()
        proc.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
