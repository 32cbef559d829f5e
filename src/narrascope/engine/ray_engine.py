"""The Ray engine: the same pipeline over a Ray cluster, with Ray Data.

``narrascope analyze PATH... --engine ray [--address ADDR]`` lands here. The
plan is a Ray Data stream::

    units (paths only) ──map_batches: read_unit (tasks)──▶ ingested articles
        ──map_batches: Analyser (long-lived actors, one pipeline each)──▶ results ──▶ driver

- Models load once per worker: each :class:`Analyser` actor builds the
  pipeline in its constructor and keeps it for every batch it is given.
- Results stream back as they finish (``iter_rows``), in input order by default
  (``ordered = false`` trades order for throughput).
- A component that fails on one article leaves a warning on it (the pipeline's
  own rule); a worker that dies (killed, out of memory) is restarted and its
  batch retried (``max_restarts`` / ``max_task_retries``), so nothing is lost.
- ``skip_ids`` / ``skip_hashes`` (what a store already holds) are dropped
  right after reading, before any model sees them.
- Duplicates are flagged on the driver, as results arrive, from the text as
  ingested: with ordered results the flags equal the local engine's.

Ray is an optional extra (``pip install 'narrascope[ray]'``); nothing here
imports it at module level, so the core stays importable without it.
"""
from __future__ import annotations

import importlib
import json
import logging
import os
import socket
import warnings
from dataclasses import dataclass
from typing import Any, Iterable, Iterator

from ..doc import Article
from ..errors import E, NarrascopeError
from . import sources

# Settings read from ``[engine.ray]`` in the config; keyword arguments override them.
DEFAULTS: dict[str, Any] = {
    "workers": None,            # analysis actors; None = cluster CPUs / cpus_per_worker; [min, max] autoscales
    "cpus_per_worker": 1.0,     # CPUs reserved per actor (its models use them)
    "batch_size": 8,            # articles per actor call (components with .pipe get them together)
    "files_per_unit": 32,       # small article files read per reading task
    "reader_tasks": 2,          # reading tasks at once (reading is cheap next to analysis)
    "block_bytes": 1,           # blocks of one article: the actor stage bundles batch_size of them per call
    "reader_cpus": 0.0,         # CPUs reserved per reading task; 0 so readers never wait for the actors' CPUs
    "max_task_retries": 3,      # a batch whose worker died is retried this often, then the run stops (E505)
    "ordered": True,            # results in input order (as the local engine); false: as they finish
    "dedup": True,              # flag exact/near duplicates on the driver
    "imports": [],              # modules each worker imports first (plugins registering components)
    "num_cpus": None,           # CPUs of a local cluster started here (None: all of this machine)
}

log = logging.getLogger(__name__)


@dataclass
class Result:
    """One output of a Ray run and the worker that produced it (pid, host)."""

    item: Article | NarrascopeError
    worker_pid: int | None = None
    worker_host: str | None = None


def run_ray(paths: Iterable[str], config: dict, *, address: str | None = None, skip_ids: set[str] | None = None,
            skip_hashes: set[str] | None = None, **options: Any) -> Iterator[Article | NarrascopeError]:
    """Analyse every article under ``paths`` on Ray; yields Articles and per-input errors like ``run_local``."""
    engine = RayEngine(config, address=address, **options)
    for result in engine.results(paths, skip_ids=skip_ids, skip_hashes=skip_hashes):
        yield result.item


def settings_from(config: dict, options: dict[str, Any]) -> dict[str, Any]:
    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown Ray engine option(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}")
    settings = dict(DEFAULTS)
    settings.update((config.get("engine") or {}).get("ray") or {})
    settings.update({k: v for k, v in options.items() if v is not None})
    return settings


def import_ray():
    try:
        import ray
        import ray.data  # noqa: F401 - the [data] part of the extra
    except ImportError as exc:
        raise NarrascopeError(E.E502, detail=exc) from exc
    return ray


class RayEngine:
    def __init__(self, config: dict, *, address: str | None = None, **options: Any):
        self.config = config
        self.address = address
        self.settings = settings_from(config, options)

    # -- cluster ------------------------------------------------------------------
    def _connect(self, ray) -> bool:
        """Join the cluster at ``address`` (or RAY_ADDRESS), else start a local one. True if we started it."""
        if ray.is_initialized():
            return False
        kwargs: dict[str, Any] = {"include_dashboard": False, "logging_level": logging.WARNING,
                                  "ignore_reinit_error": True}
        if self.address:
            kwargs["address"] = self.address
        elif self.settings["num_cpus"]:
            kwargs["num_cpus"] = int(self.settings["num_cpus"])
        try:
            ray.init(**kwargs)
        except Exception as exc:  # noqa: BLE001 - ConnectionError, RuntimeError, ValueError ... all mean the same here
            raise NarrascopeError(E.E503, address=self.address or os.environ.get("RAY_ADDRESS") or "(local)",
                                  detail=f"{type(exc).__name__}: {exc}") from exc
        return True

    def _workers(self, ray):
        workers = self.settings["workers"]
        if isinstance(workers, (list, tuple)):
            return tuple(int(w) for w in workers)
        if workers:
            return int(workers)
        cpus = ray.cluster_resources().get("CPU", 1.0)
        return max(1, int(cpus // float(self.settings["cpus_per_worker"])))

    # -- the run --------------------------------------------------------------------
    def results(self, paths: Iterable[str], *, skip_ids: set[str] | None = None,
                skip_hashes: set[str] | None = None) -> Iterator[Result]:
        ray = import_ray()
        started = self._connect(ray)
        from ray.data import DataContext

        ctx = DataContext.get_current()
        logging.getLogger("ray.data").setLevel(logging.WARNING)  # no progress chatter; narrascope has its own
        saved = (ctx.execution_options.preserve_order, ctx.enable_progress_bars, ctx.print_on_execution_start,
                 ctx.target_max_block_size)
        ctx.execution_options.preserve_order = bool(self.settings["ordered"])
        # A reading task's output is cut into blocks of this size; each block is one actor task, so
        # small blocks (a few articles) keep every actor busy. Analysis dwarfs the per-block overhead.
        ctx.target_max_block_size = int(self.settings["block_bytes"])
        ctx.enable_progress_bars = False  # narrascope reports progress itself
        ctx.print_on_execution_start = False
        done = 0
        try:
            dataset = self.dataset(ray, paths, skip_ids=skip_ids, skip_hashes=skip_hashes)
            dedup = None
            if self.settings["dedup"]:
                from ..ingest.dedup import Deduplicator

                dedup = Deduplicator(threshold=self.config.get("ingest", {}).get("near_duplicate_threshold", 0.85))
            try:
                for row in (dataset.iter_rows() if dataset is not None else ()):
                    result = decode_row(row, dedup)
                    done += isinstance(result.item, Article)
                    yield result
            except NarrascopeError:
                raise
            except Exception as exc:  # noqa: BLE001 - Ray wraps worker failures in many types
                detail = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
                yield Result(NarrascopeError(E.E505, done=done, detail=detail))
        finally:
            (ctx.execution_options.preserve_order, ctx.enable_progress_bars, ctx.print_on_execution_start,
             ctx.target_max_block_size) = saved
            if started:
                ray.shutdown()

    def dataset(self, ray, paths: Iterable[str], *, skip_ids=None, skip_hashes=None):
        """The lazy Ray Dataset of results (nothing runs until it is iterated); None when there is no input."""
        s = self.settings
        units = [{"unit": json.dumps(u)} for u in sources.plan_units(paths, int(s["files_per_unit"]))]
        if not units:
            return None
        skip_ref = ray.put((frozenset(skip_ids or ()), frozenset(skip_hashes or ()))) if (skip_ids or skip_hashes) else None
        from ray.data import ActorPoolStrategy, TaskPoolStrategy

        batch_size = int(s["batch_size"])
        ds = ray.data.from_items(units, override_num_blocks=len(units))
        ds = ds.map_batches(read_units, batch_size=1, batch_format="numpy",
                            fn_kwargs={"config": self.config, "skip_ref": skip_ref, "rows_per_batch": 1},
                            num_cpus=float(s["reader_cpus"]), compute=TaskPoolStrategy(size=int(s["reader_tasks"])))
        workers = self._workers(ray)
        # One batch in flight per actor: queued batches wait for the first idle actor instead of piling up on one.
        pool = ActorPoolStrategy(min_size=workers[0], max_size=workers[1], max_tasks_in_flight_per_actor=1) \
            if isinstance(workers, tuple) else ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=1)
        with warnings.catch_warnings():
            # Ray 2.60 has no named parameter for actor retries yet; ray_remote_args still works (deprecated).
            warnings.simplefilter("ignore", DeprecationWarning)
            ds = ds.map_batches(Analyser, batch_size=batch_size, batch_format="numpy", compute=pool,
                                fn_constructor_kwargs={"config": self.config, "imports": list(s["imports"] or [])},
                                num_cpus=float(s["cpus_per_worker"]),
                                max_restarts=-1, max_task_retries=int(s["max_task_retries"]))
        return ds


# -- what runs on the workers ------------------------------------------------------------

_skip_cache: dict[str, tuple[frozenset, frozenset]] = {}


def _skip_sets(skip_ref) -> tuple[frozenset, frozenset]:
    """The skip sets, fetched once per worker process (they may hold millions of ids)."""
    if skip_ref is None:
        return frozenset(), frozenset()
    key = skip_ref.hex()
    if key not in _skip_cache:
        import ray

        _skip_cache.clear()
        _skip_cache[key] = ray.get(skip_ref)
    return _skip_cache[key]


def _column(values: list) -> Any:
    import numpy as np

    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def read_units(batch: dict, config: dict, skip_ref=None, rows_per_batch: int = 16) -> Iterator[dict]:
    """Reading task: units in, ingested articles (and input errors) out, a few rows at a time."""
    skip_ids, skip_hashes = _skip_sets(skip_ref)
    kinds: list[str] = []
    payloads: list[str] = []
    for unit_json in batch["unit"]:
        for item in sources.read_unit(json.loads(unit_json), config):
            if isinstance(item, NarrascopeError):
                kinds.append("error")
                payloads.append(json.dumps(sources.error_to_dict(item)))
            else:
                if item.id in skip_ids or (item.content_hash and item.content_hash in skip_hashes):
                    continue
                kinds.append("article")
                payloads.append(json.dumps(item.to_dict(include_raw=True)))
            if len(kinds) >= rows_per_batch:
                yield {"kind": _column(kinds), "payload": _column(payloads)}
                kinds, payloads = [], []
    if kinds:
        yield {"kind": _column(kinds), "payload": _column(payloads)}


class Analyser:
    """A long-lived worker: builds the pipeline once, then analyses batch after batch."""

    def __init__(self, config: dict, imports: list[str] = ()):
        for module in imports:
            importlib.import_module(module)
        from ..pipeline import Pipeline

        self.pipeline = Pipeline.from_config(config)
        self.pid = os.getpid()
        self.host = socket.gethostname()

    def __call__(self, batch: dict) -> dict:
        kinds = [str(k) for k in batch["kind"]]
        payloads = [str(p) for p in batch["payload"]]
        articles: list[tuple[int, Article, str]] = []
        out: list[str] = list(payloads)
        for i, (kind, payload) in enumerate(zip(kinds, payloads)):
            if kind == "article":
                art = Article.from_dict(json.loads(payload))
                articles.append((i, art, art.text))
        if articles:
            # pipe() keeps each article's failures on the article (E103), so one bad article never sinks the batch.
            list(self.pipeline.pipe([art for _, art, _ in articles], batch_size=len(articles)))
            for i, art, ingest_text in articles:
                out[i] = json.dumps({"article": art.to_dict(include_raw=True), "ingest_text": ingest_text})
        n = len(kinds)
        return {"kind": _column(kinds), "payload": _column(out), "worker_pid": _column([self.pid] * n),
                "worker_host": _column([self.host] * n)}


# -- back on the driver ----------------------------------------------------------------------

def decode_row(row: dict, dedup=None) -> Result:
    pid = row.get("worker_pid")
    host = row.get("worker_host")
    data = json.loads(row["payload"])
    if row["kind"] == "error":
        return Result(sources.error_from_dict(data), pid, host)
    art = Article.from_dict(data["article"])
    if dedup is not None:
        probe = Article(id=art.id, text=data["ingest_text"])
        if dedup.check(probe) is not None:
            art.duplicate_of = probe.duplicate_of
    return Result(art, int(pid) if pid is not None else None, host)
