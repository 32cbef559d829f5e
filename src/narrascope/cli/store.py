"""``narrascope ingest``, ``narrascope export``, ``narrascope db upgrade|claims|info``: the corpus store."""
from __future__ import annotations

import datetime as dt
import os
import sys

from ..errors import E, NarrascopeError
from ..pipeline import load_config, restrict_stages
from ..progress import Progress
from . import arg, command

DB_ARG = arg("--db", default="sqlite:///narrascope.db", metavar="URL",
             help="database: sqlite:///FILE.db (default sqlite:///narrascope.db) or postgresql://user:pass@host/db")
FILTER_ARGS = [
    arg("--outlet", help="only this outlet"),
    arg("--language", help="only this language (ISO 639-1)"),
    arg("--from", dest="date_from", metavar="YYYY-MM-DD", help="published on or after"),
    arg("--to", dest="date_to", metavar="YYYY-MM-DD", help="published on or before"),
    arg("--narrative", help="only articles with this narrative or subnarrative label"),
    arg("--speaker", help="only articles quoting this speaker"),
    arg("--entity", help="only articles mentioning this actor"),
    arg("--search", dest="q", metavar="WORDS", help="only articles containing all these words (full-text index: "
                                                     "SQLite FTS5 words and word prefixes, PostgreSQL stems per language)"),
]


def filters_from_args(args):
    from ..store import Filters

    def day(value, name):
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise NarrascopeError(E.E403, name=name, value=value) from exc

    return Filters(outlet=args.outlet, language=args.language, date_from=day(args.date_from, "--from"),
                   date_to=day(args.date_to, "--to"), narrative=args.narrative, speaker=args.speaker,
                   entity=args.entity, q=args.q)


@command(
    "ingest",
    help="Analyse articles and store them in a database (idempotent: already stored articles are skipped; "
         "a changed article becomes a new version; the same text under another id or outlet is stored as another "
         "appearance without analysing it again; corrected outlet/url/date/author are updated, the old values kept). "
         "Safe to kill and re-run.",
    args=[
        arg("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .html, .jsonl, .csv, SemEval folders)"),
        DB_ARG,
        arg("--config", metavar="FILE.toml", help="pipeline config (default: narrascope/config/default.toml)"),
        arg("--only", metavar="STAGES", help="comma-separated stages to run, e.g. language,clean,attribution"),
        arg("--engine", choices=["local", "ray"], default="local", help="where to run (ray needs narrascope[ray])"),
        arg("--address", metavar="ADDR", help="Ray cluster address (with --engine ray)"),
        arg("--no-claims", action="store_true", help="do not group quotes into claims after storing (run 'narrascope db claims' later)"),
        arg("--quiet", "-q", action="store_true", help="no progress on stderr"),
    ],
)
def run_ingest(args) -> int:
    from ..engine import run as run_engine
    from ..store import Store
    from ..store.claims import settings as claim_settings

    config = load_config(args.config)
    restrict_stages(config, args.only)
    spec, threshold = claim_settings(config)
    store = Store(args.db, claim_embedder=None if args.no_claims else spec)
    known = _CountingSet(store.known_hashes())
    run_id = store.start_run(command="ingest " + " ".join(args.paths), config=config)
    kwargs = {"address": args.address} if args.engine == "ray" else {}
    progress = Progress(unit="articles", enabled=not args.quiet)
    counts = dict.fromkeys(OUTCOMES.values(), 0)
    failures: list[str] = []
    try:
        if known:
            # Text already stored: not analysed again, but a wire copy under another id/outlet is a new
            # appearance and corrected metadata is applied. Reading twice costs far less than analysing.
            _store_known(args.paths, config, store, known, run_id, counts, progress)
        for item in run_engine(args.paths, config, engine=args.engine, skip_hashes=known, **kwargs):
            if isinstance(item, NarrascopeError):
                failures.append(str(item))
                print(f"narrascope: error: {item}", file=sys.stderr)
                progress.update(0, failed=1)
                continue
            # One transaction per article: kill -9 loses at most the one in flight.
            counts[OUTCOMES[store.add(item, run_id=run_id)]] += 1
            progress.update(1)
    finally:
        progress.close()
        written = counts["stored"] + counts["versions"] + counts["appearances"] + counts["corrected"]
        store.finish_run(run_id, written, counts["unchanged"], failures)
        if written:
            store.optimize()
    if not args.no_claims and counts["stored"] + counts["versions"] + counts["appearances"]:
        from ..store.claims import update_claims

        try:
            stats = update_claims(store, spec=spec, threshold=threshold, progress=not args.quiet, config=config)
            print(f"narrascope: claims: {stats['grouped']} quotes grouped, {stats['new_groups']} new groups, "
                  f"{stats['groups']} groups", file=sys.stderr)
        except NarrascopeError as exc:  # the articles are stored; grouping can be re-run later
            print(f"narrascope: warning: claims not grouped ({exc}); run 'narrascope db claims --db URL' later", file=sys.stderr)
    print(f"narrascope: {counts['stored']} stored, {counts['versions']} new versions, {counts['appearances']} new appearances "
          f"of stored text, {counts['corrected']} with corrected metadata, {counts['unchanged']} already stored (skipped), "
          f"{len(failures)} failed (run {run_id}, {store.count()} articles in {_safe(args.db)})", file=sys.stderr)
    store.close()
    return 1 if failures else 0


OUTCOMES = {"stored": "stored", "version": "versions", "unchanged": "unchanged", "appearance": "appearances",
            "corrected": "corrected"}


def _store_known(paths, config, store, known, run_id, counts, progress) -> None:
    from ..engine.sources import read_sources

    for item in read_sources(paths, config):
        if isinstance(item, NarrascopeError):
            continue  # reported by the analysing pass
        if set.__contains__(known, item.content_hash or item.compute_hash()):
            counts[OUTCOMES[store.add_appearance(item, run_id=run_id)]] += 1
            progress.update(1)


class _CountingSet(set):
    """The stored hashes handed to the engine; counts how many inputs it skipped as already stored."""

    hits = 0

    def __contains__(self, item) -> bool:
        found = super().__contains__(item)
        self.hits += found
        return found


def _safe(url: str) -> str:
    from ..store.db import normalize_url, redact

    return redact(normalize_url(url))


@command(
    "export",
    help="Export stored articles (latest versions) as JSON Lines, CSV or SemEval subtask-2 predictions, with filters.",
    args=[DB_ARG,
          arg("--format", dest="fmt", default="jsonl", metavar="FORMAT", help="jsonl (default), csv or semeval"),
          arg("--out", "-o", metavar="FILE", help="write here (default: standard output)"),
          *FILTER_ARGS],
)
def run_export(args) -> int:
    from ..store import Store
    from ..store.export import FORMATS, export

    if args.fmt not in FORMATS:
        raise NarrascopeError(E.E402, format=args.fmt, available=", ".join(FORMATS))
    filters = filters_from_args(args)
    with Store(args.db) as store:
        out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
        try:
            n = export(store, args.fmt, out, filters)
        except BrokenPipeError:  # `narrascope export … | head`: the reader has had enough
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        finally:
            if args.out:
                out.close()
    print(f"narrascope: exported {n} articles" + (f" to {args.out}" if args.out else ""), file=sys.stderr)
    return 0


@command("db upgrade", help="Create the database or bring its schema to this version of narrascope (Alembic migrations).",
         args=[DB_ARG])
def run_db_upgrade(args) -> int:
    from ..store import db

    engine = db.make_engine(args.db)
    before = db.current_revision(engine)
    after = db.upgrade(engine)
    engine.dispose()
    print(f"narrascope: {_safe(args.db)}: schema {before or 'empty'} -> {after}", file=sys.stderr)
    return 0


@command("db claims", help="Group stored quotes into claims by meaning: every quote of a group is similar to every other "
                           "(complete linkage); only new quotes are embedded and only the groups they touch are regrouped.",
         args=[DB_ARG, arg("--threshold", type=float, default=None,
                           help="cosine at which two quotes say the same thing (default: [store] claim_threshold)"),
               arg("--config", metavar="FILE.toml", help="config with [store] claim_embedder / claim_threshold"),
               arg("--rebuild", action="store_true", help="regroup every quote (same groups as incremental updates)"),
               arg("--quiet", "-q", action="store_true", help="no progress on stderr")])
def run_db_claims(args) -> int:
    from ..store import Store
    from ..store.claims import settings, update_claims

    config = load_config(args.config)
    spec, threshold = settings(config)
    with Store(args.db, create=False) as store:
        stats = update_claims(store, spec=spec, threshold=args.threshold or threshold, progress=not args.quiet,
                              rebuild=args.rebuild, config=config)
    print(f"narrascope: {stats['embedded']} quotes embedded, {stats['grouped']} grouped, {stats['regrouped']} regrouped, "
          f"{stats['new_groups']} new groups, {stats['groups']} groups", file=sys.stderr)
    return 0


@command("db info", help="What a database holds: articles, versions, runs.", args=[DB_ARG])
def run_db_info(args) -> int:
    import json

    from ..store import Store

    with Store(args.db) as store:
        info = {"database": _safe(args.db), "articles": store.count(), "versions": store.count(latest_only=False),
                "runs": store.runs()[:10]}
    print(json.dumps(info, indent=2, ensure_ascii=False))
    return 0
