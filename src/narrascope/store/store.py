"""The corpus store: put analysed Articles in, get them (and history) back.

An article is its content (``Article.content_hash``: title + raw text, and the
analysis of it) plus its appearances (id, outlet, url, date). Storing is
idempotent per appearance:

- this id with this hash already stored, same metadata  -> nothing written ("unchanged")
- the same, with corrected outlet/url/date/author        -> the row is updated, the old
  values kept in ``article_changes`` ("corrected")
- a hash stored under *other* ids only (a syndicated copy) -> a new row for this id,
  the analysis copied, counted for its own outlet ("appearance")
- a new hash for a known article id -> a new version; the old one is kept but
  no longer ``is_latest`` ("version")
- otherwise                        -> version 1 ("stored")

Each ``add``/``add_many`` is one transaction, so a process killed with
``kill -9`` loses at most the batch in flight and never leaves half an article.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, fields
from typing import Iterable

import numpy as np
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from .. import __version__
from ..doc import Article, Duplicate, Entity, Evidence, Explanation, Label, Quote, Removal, Span
from ..errors import E, NarrascopeError
from . import db
from .search import speaker_group_key
from .models import ArticleChange, ArticleRow, ClaimGroup, EntityRow, LabelRow, QuoteRow, RemovalRow, Run, Speaker

STORED, VERSION, UNCHANGED, APPEARANCE, CORRECTED = "stored", "version", "unchanged", "appearance", "corrected"
METADATA_FIELDS = ("outlet", "url", "published", "author")  # what a re-ingest may correct (title is part of the content)


def name_key(name: str) -> str:
    """How a speaker or entity name is matched across articles: case, spaces and a leading 'the' ignored."""
    key = " ".join(name.lower().split())
    key = re.sub(r"^the ", "", key)
    return key.strip(" .,:;\"'«»“”‘’")[:400]


def parse_date(value: str | None) -> dt.date | None:
    """The calendar date of an ISO 8601 date/datetime string (None when it is not one)."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _spans(spans: list[Span]) -> list[dict]:
    return [asdict(s) for s in spans]


def _unspans(data: list | None, cls: type = Span) -> list:
    # Only the fields ``cls`` knows: an explanation's evidence may be label Evidence (voice fields), and a
    # row written by a newer version may hold fields this one lacks; neither may break reading it back.
    names = {f.name for f in fields(cls)}
    return [cls(**{k: v for k, v in s.items() if k in names}) for s in data or []]


def _clean(text: str | None) -> str | None:
    # PostgreSQL text cannot hold NUL; ingest refuses binary files, but be safe for API input.
    return text.replace("\x00", "\ufffd") if text and "\x00" in text else text


class Store:
    """``Store(url)``: open (and migrate) the database at ``url``."""

    def __init__(self, url: str = db.DEFAULT_URL, *, migrate: bool = True, create: bool = True,
                 claim_embedder: str | None = None):
        """``create=False``: refuse a SQLite file that does not exist (a mistyped path) instead of creating it.
        ``claim_embedder``: embedder spec whose vectors of each stored quote are kept for claim grouping,
        taken from the article's shared analysis (``article.analysis.vectors``); None = embed later."""
        self.url = db.normalize_url(url)
        if not create:
            db.require_existing(self.url)
        self.engine = db.make_engine(self.url)
        self.claim_embedder = claim_embedder
        self._embed_failed = False
        if migrate:
            db.ensure_schema(self.engine)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        self._speaker_ids: dict[str, int] = {}

    @property
    def backend(self) -> str:
        return self.engine.url.get_backend_name()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- runs ------------------------------------------------------------
    def start_run(self, command: str | None = None, config: dict | None = None) -> int:
        components = list((config or {}).get("pipeline", {}).get("components", []))
        with self.Session.begin() as s:
            run = Run(started_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), command=command,
                      version=__version__, components=components, config=config, n_stored=0, n_skipped=0, n_failed=0,
                      failures=[])
            s.add(run)
            s.flush()
            return run.id

    def finish_run(self, run_id: int, stored: int, skipped: int, failures: list[str]) -> None:
        with self.Session.begin() as s:
            run = s.get(Run, run_id)
            if run is None:
                return
            run.finished_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
            run.n_stored, run.n_skipped, run.n_failed = stored, skipped, len(failures)
            run.failures = failures[:1000]

    def optimize(self) -> None:
        """Refresh the query planner's statistics after a large ingest (SQLite ``PRAGMA optimize``, PostgreSQL ``ANALYZE``)."""
        with self.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA optimize" if self.backend == "sqlite" else "ANALYZE")

    def runs(self) -> list[dict]:
        """Runs, newest first. A run that never finished (killed, or still going) reports the article rows
        it has stored so far, counted from the rows themselves, with ``status`` "unfinished"."""
        with self.Session() as s:
            rows = s.scalars(select(Run).order_by(Run.id.desc())).all()
            open_ids = [r.id for r in rows if r.finished_at is None]
            live = dict(s.execute(select(ArticleRow.run_id, func.count()).where(ArticleRow.run_id.in_(open_ids))
                                  .group_by(ArticleRow.run_id)).all()) if open_ids else {}
            return [{"id": r.id, "status": "finished" if r.finished_at else "unfinished",
                     "started_at": r.started_at.isoformat(), "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                     "command": r.command, "version": r.version, "components": r.components,
                     "stored": r.n_stored if r.finished_at else live.get(r.id, 0),
                     "skipped": r.n_skipped, "failed": r.n_failed, "failures": r.failures or []} for r in rows]

    # -- writing -----------------------------------------------------------
    def known_hashes(self) -> set[str]:
        """Content hashes already stored (every version): what a resumed ingest can skip."""
        with self.Session() as s:
            return set(s.scalars(select(ArticleRow.content_hash)))

    def add(self, article: Article, run_id: int | None = None) -> str:
        """Store one article; returns "stored", "version" or "unchanged"."""
        return self.add_many([article], run_id)[0]

    def add_many(self, articles: Iterable[Article], run_id: int | None = None) -> list[str]:
        """Store several articles in one transaction (all or none)."""
        articles = list(articles)
        for attempt in range(3):
            try:
                with self.Session.begin() as s:
                    return [self._add(s, a, run_id) for a in articles]
            except IntegrityError:
                # Another writer stored the same hash/speaker at the same moment: retry sees it.
                self._speaker_ids.clear()
                if attempt == 2:
                    raise
            except Exception:
                self._speaker_ids.clear()
                raise
        return []  # pragma: no cover

    def _add(self, s: Session, art: Article, run_id: int | None) -> str:
        # Core statements, not ORM objects: storing is ~5x faster and this is the ingest hot path.
        if not art.id:
            raise NarrascopeError(E.E401, url=db.redact(self.url), detail="an article without an id cannot be stored")
        content_hash = art.content_hash or art.compute_hash()
        found = s.execute(select(ArticleRow.pk, ArticleRow.is_latest)
                          .where(ArticleRow.content_hash == content_hash, ArticleRow.article_id == art.id[:400])).first()
        if found is not None:
            outcome = UNCHANGED
            if not found.is_latest:
                # Content reverted to an earlier version: that version is the latest again.
                s.execute(update(ArticleRow).where(ArticleRow.article_id == art.id, ArticleRow.is_latest.is_(True))
                          .values(is_latest=False))
                s.execute(update(ArticleRow).where(ArticleRow.pk == found.pk).values(is_latest=True))
                outcome = VERSION
            if self._correct(s, found.pk, art, run_id) and outcome == UNCHANGED:
                outcome = CORRECTED
            return outcome
        first = s.execute(select(ArticleRow.article_id).where(ArticleRow.content_hash == content_hash)
                          .order_by(ArticleRow.pk).limit(1)).scalar()
        if first is not None:
            if not _analysed(art):
                art = self._copy_of(s, content_hash, art)
            if art.duplicate_of is None:
                art.duplicate_of = Duplicate(first, "exact", 1.0)
        last = s.execute(select(func.max(ArticleRow.version)).where(ArticleRow.article_id == art.id)).scalar()
        if last is not None:
            s.execute(update(ArticleRow).where(ArticleRow.article_id == art.id, ArticleRow.is_latest.is_(True))
                      .values(is_latest=False))
        pk = s.execute(insert(ArticleRow).values(**self._row(art, content_hash, (last or 0) + 1, run_id))
                       .returning(ArticleRow.pk)).scalar_one()
        quotes = [{**self._quote_row(s, i, q), "article_pk": pk} for i, q in enumerate(art.quotes)]
        self._embed_quotes(art, quotes)
        labels = ([{**self._label_row("narrative", i, lab), "article_pk": pk} for i, lab in enumerate(art.narratives)]
                  + [{**self._label_row("subnarrative", i, lab), "article_pk": pk} for i, lab in enumerate(art.subnarratives)])
        entities = [{**self._entity_row(i, e), "article_pk": pk} for i, e in enumerate(art.entities)]
        removals = [{"article_pk": pk, "idx": i, "text": _clean(r.text), "reason": r.reason, "start": r.start, "end": r.end}
                    for i, r in enumerate(art.removed)]
        for table, rows in ((QuoteRow, quotes), (LabelRow, labels), (EntityRow, entities), (RemovalRow, removals)):
            if rows:
                s.execute(insert(table), rows)
        if first is not None and last is None:
            return APPEARANCE
        return STORED if last is None else VERSION

    def add_appearance(self, article: Article, run_id: int | None = None) -> str:
        """Store an *unanalysed* article whose content is already stored: its analysis is copied from the
        stored content, its metadata is its own (a wire copy, or a re-ingest with corrected metadata).
        Returns what :meth:`add` would; ``ingest`` calls it before analysing so stored text is not analysed again."""
        return self.add_many([article], run_id)[0]

    def _copy_of(self, s: Session, content_hash: str, art: Article) -> Article:
        pk = s.execute(select(ArticleRow.pk).where(ArticleRow.content_hash == content_hash)
                       .order_by(ArticleRow.is_latest.desc(), ArticleRow.pk).limit(1)).scalar()
        stored = load_articles(s, [pk], include_raw=True)[pk]
        for name in ("id", "url", "outlet", "published", "author", "source_path", "source_format"):
            setattr(stored, name, getattr(art, name))
        stored.meta = {**stored.meta, **art.meta}
        stored.duplicate_of = art.duplicate_of
        stored.content_hash = content_hash
        return stored

    def _correct(self, s: Session, pk: int, art: Article, run_id: int | None) -> bool:
        """Apply changed metadata of a stored appearance (values given only), keeping the old ones."""
        row = s.execute(select(*(getattr(ArticleRow, f) for f in METADATA_FIELDS)).where(ArticleRow.pk == pk)).one()
        changes = {}
        for name, old in zip(METADATA_FIELDS, row):
            new = _clean(getattr(art, name))
            if new is not None and new != old:
                changes[name] = [old, new]
        if not changes:
            return False
        values = {k: v[1] for k, v in changes.items()}
        if "published" in values:
            values["published_date"] = parse_date(values["published"])
        s.execute(update(ArticleRow).where(ArticleRow.pk == pk).values(**values))
        s.execute(insert(ArticleChange).values(article_pk=pk, run_id=run_id, changes=changes,
                                               changed_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)))
        return True

    def _embed_quotes(self, art: Article, rows: list[dict]) -> None:
        """Vectors of the quotes worth grouping, from the article's shared analysis (one place vectors come from)."""
        if not self.claim_embedder or self._embed_failed:
            return
        from .claims import is_claim

        todo = [r for r in rows if is_claim(r["text"])]
        if not todo:
            return
        try:
            vectors = art.analysis.vectors([r["text"] for r in todo], self.claim_embedder)
        except NarrascopeError as exc:  # embedder not installed: grouping embeds later (and says so there)
            import sys

            print(f"narrascope: warning: quotes not embedded at store time ({exc})", file=sys.stderr)
            self._embed_failed = True
            return
        for r, v in zip(todo, vectors):
            r["embedding"] = np.asarray(v, dtype=np.float32).tobytes()
            r["embedding_model"] = self.claim_embedder

    # -- deleting ----------------------------------------------------------
    def delete_article(self, article_id: str) -> int:
        """Delete every version of ``article_id`` (its quotes, labels, entities go with it); returns rows deleted.
        Claim groups that held its quotes are regrouped by the next ``update_claims``."""
        with self.Session.begin() as s:
            pks = list(s.scalars(select(ArticleRow.pk).where(ArticleRow.article_id == article_id)))
            if not pks:
                return 0
            # Mark the groups that lose members (size no longer matches) and drop the rows.
            gids = list(s.scalars(select(QuoteRow.claim_id).where(QuoteRow.article_pk.in_(pks), QuoteRow.claim_id.is_not(None))
                                  .distinct()))
            if gids:
                s.execute(update(ClaimGroup).where(ClaimGroup.id.in_(gids)).values(size=-1))
            s.execute(delete(ArticleRow).where(ArticleRow.pk.in_(pks)))
            return len(pks)

    def _row(self, art: Article, content_hash: str, version: int, run_id: int | None) -> dict:
        top = max(art.narratives, key=lambda lab: lab.score).label if art.narratives else None
        dup = art.duplicate_of
        exp = art.explanation
        return dict(
            article_id=art.id[:400], version=version, is_latest=True, content_hash=content_hash, run_id=run_id,
            stored_at=dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
            title=_clean(art.title), text=_clean(art.text) or "", raw_text=_clean(art.raw_text), language=art.language,
            language_score=art.language_score, url=art.url, outlet=_clean(art.outlet), published=art.published,
            published_date=parse_date(art.published), author=_clean(art.author), source_path=art.source_path,
            source_format=art.source_format,
            duplicate_of=dup.of if dup else None, duplicate_kind=dup.kind if dup else None,
            duplicate_similarity=dup.similarity if dup else None,
            explanation_text=exp.text if exp else None, explanation_narrative=exp.narrative if exp else None,
            explanation_evidence=_spans(exp.evidence) if exp else None,
            top_narrative=top, n_quotes=len(art.quotes), warnings=list(art.warnings), timings=dict(art.timings),
            meta=dict(art.meta), search_text=_clean(((art.title or "") + "\n" + (art.text or "")).lower()) or "",
        )

    def _speaker_id(self, s: Session, q: Quote) -> int | None:
        if not q.speaker or not q.speaker.strip():
            return None
        key = name_key(q.speaker)
        if not key:
            return None
        if key in self._speaker_ids:
            return self._speaker_ids[key]
        sid = s.execute(select(Speaker.id).where(Speaker.key == key)).scalar()
        if sid is None:
            sid = s.execute(insert(Speaker).values(key=key, group_key=speaker_group_key(key), name=q.speaker.strip(), type=q.speaker_type,
                                                   anonymous=bool(q.anonymous)).returning(Speaker.id)).scalar_one()
        self._speaker_ids[key] = sid
        return sid

    def _quote_row(self, s: Session, i: int, q: Quote) -> dict:
        return dict(
            idx=i, speaker_id=self._speaker_id(s, q), speaker=q.speaker, text=_clean(q.text) or "", kind=q.kind,
            cue=q.cue, anonymous=bool(q.anonymous), medium=q.medium, reported_by=q.reported_by, hedged=bool(q.hedged), hedges=list(q.hedges),
            start=q.start, end=q.end, speaker_mention=q.speaker_mention, speaker_start=q.speaker_start,
            speaker_end=q.speaker_end, cue_start=q.cue_start, cue_end=q.cue_end, speaker_type=q.speaker_type,
            confidence=q.confidence, embedding=None, embedding_model=None, claim_id=None,
        )

    @staticmethod
    def _label_row(level: str, i: int, lab: Label) -> dict:
        return dict(level=level, idx=i, label=lab.label[:400], score=float(lab.score), tier=getattr(lab, "tier", None),
                    evidence=_spans(lab.evidence))

    @staticmethod
    def _entity_row(i: int, e: Entity) -> dict:
        return dict(idx=i, name=e.text, key=name_key(e.text) or e.text[:400], type=e.type, start=e.start, end=e.end,
                    main_role=e.main_role, score=float(e.score), framed=bool(getattr(e, "framed", True)),
                    framed_score=float(getattr(e, "framed_score", 1.0)), fine_roles=list(e.fine_roles),
                    fine_role_scores=dict(e.fine_role_scores), mentions=_spans(e.mentions), evidence=_spans(e.evidence))

    # -- reading -----------------------------------------------------------
    def get_article(self, article_id: str, version: int | None = None, *, include_raw: bool = True) -> Article | None:
        """The latest version of ``article_id`` (or the given version) as an Article, or None."""
        with self.Session() as s:
            stmt = select(ArticleRow.pk).where(ArticleRow.article_id == article_id)
            stmt = stmt.where(ArticleRow.version == version) if version is not None else stmt.where(ArticleRow.is_latest.is_(True))
            pk = s.execute(stmt).scalar()
            return load_articles(s, [pk], include_raw)[pk] if pk is not None else None

    def article_view(self, article_id: str, version: int | None = None, *, include_raw: bool = False) -> dict | None:
        """What the API's article page shows, in one session: the article's fields, its versions,
        appearances and metadata history (None when there is no such article/version)."""
        at, ct = ArticleRow.__table__, ArticleChange.__table__
        with self.Session() as s:
            # Seven statements, on the Core connection: on PostgreSQL a statement's cost is mostly its round
            # trip and the ORM's bookkeeping, not the database's work (bench/api_cpu.py, "one article").
            # The first reads the article's versions and, with them, every other appearance of its content.
            conn = s.connection()
            latest_hash = select(at.c.content_hash).where(at.c.article_id == article_id, at.c.is_latest.is_(True)).scalar_subquery()
            rows = conn.execute(select(at.c.pk, at.c.article_id, at.c.version, at.c.content_hash, at.c.stored_at, at.c.is_latest,
                                       at.c.run_id, at.c.outlet, at.c.url, at.c.published)
                                .where((at.c.article_id == article_id) | ((at.c.content_hash == latest_hash) & at.c.is_latest.is_(True)))
                                .order_by(at.c.pk)).all()
            own = sorted((r for r in rows if r.article_id == article_id), key=lambda r: r.version)
            chosen = next((r for r in own if (r.version == version if version is not None else r.is_latest)), None)
            if chosen is None:
                return None
            art = load_articles(s, [chosen.pk], include_raw)[chosen.pk]
            latest = next((r for r in own if r.is_latest), None)
            by_pk = {r.pk: r.version for r in own}
            changes = conn.execute(select(ct.c.article_pk, ct.c.changed_at, ct.c.run_id, ct.c.changes)
                                   .where(ct.c.article_pk.in_(list(by_pk))).order_by(ct.c.id)).all()
            return {**art.to_dict(include_raw=include_raw),
                    "versions": [_version_dict(r) for r in own],
                    "appearances": [_appearance_dict(r) for r in rows
                                    if latest and r.is_latest and r.content_hash == latest.content_hash],
                    "history": [_change_dict(c, by_pk[c.article_pk]) for c in changes]}

    def appearances(self, article_id: str) -> list[dict]:
        """Every latest appearance of the content of ``article_id`` (itself included): id, outlet, url, date."""
        with self.Session() as s:
            return self._appearances(s, article_id)

    @staticmethod
    def _appearances(s: Session, article_id: str, content_hash: str | None = None) -> list[dict]:
        h = content_hash or s.execute(select(ArticleRow.content_hash).where(ArticleRow.article_id == article_id,
                                                                             ArticleRow.is_latest.is_(True))).scalar()
        if h is None:
            return []
        at = ArticleRow.__table__
        rows = s.connection().execute(select(at.c.article_id, at.c.outlet, at.c.url, at.c.published)
                                      .where(at.c.content_hash == h, at.c.is_latest.is_(True)).order_by(at.c.pk)).all()
        return [_appearance_dict(r) for r in rows]

    def history(self, article_id: str) -> list[dict]:
        """Metadata corrections of ``article_id`` (every version), oldest first: when, which run, field -> [old, new]."""
        with self.Session() as s:
            return self._history(s, article_id)

    @staticmethod
    def _history(s: Session, article_id: str) -> list[dict]:
        rows = s.execute(select(ArticleChange, ArticleRow.version).join(ArticleRow, ArticleChange.article_pk == ArticleRow.pk)
                         .where(ArticleRow.article_id == article_id).order_by(ArticleChange.id)).all()
        return [_change_dict(c, v) for c, v in rows]

    def versions(self, article_id: str) -> list[dict]:
        with self.Session() as s:
            return self._versions(s, article_id)

    @staticmethod
    def _versions(s: Session, article_id: str) -> list[dict]:
        rows = s.execute(select(ArticleRow.version, ArticleRow.content_hash, ArticleRow.stored_at, ArticleRow.is_latest,
                                ArticleRow.run_id).where(ArticleRow.article_id == article_id).order_by(ArticleRow.version)).all()
        return [_version_dict(r) for r in rows]

    def count(self, latest_only: bool = True) -> int:
        with self.Session() as s:
            stmt = select(func.count()).select_from(ArticleRow)
            if latest_only:
                stmt = stmt.where(ArticleRow.is_latest.is_(True))
            return s.execute(stmt).scalar() or 0

    def iter_articles(self, pks: Iterable[int] | None = None, batch: int = 200, include_raw: bool = False):
        """Latest articles (or the given row keys) as Article objects, in batches to keep memory flat."""
        with self.Session() as s:
            if pks is None:
                pks = list(s.scalars(select(ArticleRow.pk).where(ArticleRow.is_latest.is_(True)).order_by(ArticleRow.pk)))
            pks = list(pks)
            for i in range(0, len(pks), batch):
                chunk = pks[i:i + batch]
                loaded = load_articles(s, chunk, include_raw)
                for pk in chunk:
                    if pk in loaded:
                        yield loaded[pk]


def _analysed(art: Article) -> bool:
    """Has the pipeline run on this article (anything beyond what a reader gives)?"""
    return bool(art.timings or art.quotes or art.narratives or art.entities or art.removed or art.explanation)


def load_articles(s: Session, pks: list[int], include_raw: bool = True) -> dict[int, Article]:
    """Rebuild the stored Articles of the given row keys (five queries, however many articles)."""
    if not pks:
        return {}
    cols = [c for c in ArticleRow.__table__.c if c.name not in ("search_text",) + (() if include_raw else ("raw_text",))]
    conn = s.connection()  # Core statements on the connection: no ORM bookkeeping per statement
    rows = conn.execute(select(*cols).where(ArticleRow.pk.in_(pks))).mappings().all()
    out: dict[int, Article] = {}
    for r in rows:
        art = Article(
            id=r["article_id"], text=r["text"], title=r["title"], language=r["language"], language_score=r["language_score"],
            url=r["url"], outlet=r["outlet"], published=r["published"], author=r["author"], source_path=r["source_path"],
            source_format=r["source_format"], raw_text=r.get("raw_text") if include_raw else None,
            content_hash=r["content_hash"], warnings=list(r["warnings"] or []), timings=dict(r["timings"] or {}),
            meta=dict(r["meta"] or {}))
        if r["explanation_text"] is not None:
            art.explanation = Explanation(r["explanation_text"], r["explanation_narrative"] or "", _unspans(r["explanation_evidence"]))
        if r["duplicate_of"]:
            art.duplicate_of = Duplicate(r["duplicate_of"], r["duplicate_kind"] or "exact", r["duplicate_similarity"] or 1.0)
        out[r["pk"]] = art
    qt, lt, et, rt = QuoteRow.__table__, LabelRow.__table__, EntityRow.__table__, RemovalRow.__table__
    for r in conn.execute(select(rt).where(rt.c.article_pk.in_(pks)).order_by(rt.c.article_pk, rt.c.idx)).mappings():
        out[r["article_pk"]].removed.append(Removal(text=r["text"], reason=r["reason"], start=r["start"], end=r["end"]))
    for q in conn.execute(select(qt).where(qt.c.article_pk.in_(pks)).order_by(qt.c.article_pk, qt.c.idx)).mappings():
        out[q["article_pk"]].quotes.append(Quote(
            speaker=q["speaker"], text=q["text"], kind=q["kind"], cue=q["cue"], anonymous=q["anonymous"], medium=q["medium"],
            reported_by=q["reported_by"], hedged=q["hedged"], start=q["start"], end=q["end"], hedges=list(q["hedges"] or []), speaker_mention=q["speaker_mention"],
            speaker_start=q["speaker_start"], speaker_end=q["speaker_end"], cue_start=q["cue_start"], cue_end=q["cue_end"],
            speaker_type=q["speaker_type"], confidence=q["confidence"]))
    for lab in conn.execute(select(lt).where(lt.c.article_pk.in_(pks)).order_by(lt.c.article_pk, lt.c.idx)).mappings():
        target = out[lab["article_pk"]].narratives if lab["level"] == "narrative" else out[lab["article_pk"]].subnarratives
        target.append(Label(lab["label"], lab["score"], _unspans(lab["evidence"], Evidence), tier=lab["tier"]))
    for e in conn.execute(select(et).where(et.c.article_pk.in_(pks)).order_by(et.c.article_pk, et.c.idx)).mappings():
        out[e["article_pk"]].entities.append(Entity(
            text=e["name"], start=e["start"], end=e["end"], main_role=e["main_role"], fine_roles=list(e["fine_roles"] or []),
            score=e["score"], fine_role_scores=dict(e["fine_role_scores"] or {}), type=e["type"],
            mentions=_unspans(e["mentions"]), evidence=_unspans(e["evidence"]), framed=bool(e["framed"]),
            framed_score=e["framed_score"]))
    return out


# One shape each for what the article page, /versions, /appearances and /history return (rows from the ORM or Core).
def _version_dict(r) -> dict:
    return {"version": r.version, "content_hash": r.content_hash, "stored_at": r.stored_at.isoformat(),
            "is_latest": r.is_latest, "run_id": r.run_id}


def _appearance_dict(r) -> dict:
    return {"id": r.article_id, "outlet": r.outlet, "url": r.url, "published": r.published}


def _change_dict(c, version: int) -> dict:
    return {"version": version, "changed_at": c.changed_at.isoformat(), "run_id": c.run_id, "changes": c.changes}
