"""SQLAlchemy 2 tables of the corpus store.

One row in ``articles`` is one *appearance* of one *version* of an analysed
article. An article is its content (``content_hash``: title + raw text, with the
analysis) plus its appearances (``article_id``, outlet, url, date): the same text
under another id (a wire copy in another outlet) is a row of its own sharing the
``content_hash``, so per-outlet questions count it without a join. The same
``article_id`` with new content is a new row (``version`` + 1) and only the
newest has ``is_latest`` set, so history is kept and queries see the latest.
Corrected metadata of a stored appearance is updated in place and the old values
are kept in ``article_changes``.
Spans live where they are queried: quotes, labels, entities and removed pieces
get their own tables; evidence and mention lists are JSON on their owner row
(they are only read with it). Every field of :class:`narrascope.doc.Article`
is stored, so ``Store.get_article`` gives back an equal Article.

Changing a table here needs a new Alembic revision in ``migrations/versions``.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Run(Base):
    """One ``narrascope ingest`` (or API store) invocation: what ran, with which config."""

    __tablename__ = "runs"
    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime)
    command: Mapped[str | None] = mapped_column(Text)
    version: Mapped[str | None] = mapped_column(String(32))  # narrascope version
    components: Mapped[list | None] = mapped_column(JSON)
    config: Mapped[dict | None] = mapped_column(JSON)
    n_stored: Mapped[int] = mapped_column(Integer, default=0)
    n_skipped: Mapped[int] = mapped_column(Integer, default=0)
    n_failed: Mapped[int] = mapped_column(Integer, default=0)
    failures: Mapped[list | None] = mapped_column(JSON)  # error messages, one per failed input


class Speaker(Base):
    """A speaker across the corpus, keyed by the normalised name (or anonymous description)."""

    __tablename__ = "speakers"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(400), unique=True)
    group_key: Mapped[str | None] = mapped_column(String(400), index=True)  # spelling variants share it (store/search.py)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str | None] = mapped_column(String(32))
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)


class ArticleRow(Base):
    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("article_id", "content_hash", name="uq_articles_id_hash"),
        UniqueConstraint("article_id", "version", name="uq_articles_id_version"),
        # Date/outlet first: is_latest alone is not selective, and an index led by it
        # lures SQLite's planner away from ix_articles_article_id for one-article lookups.
        Index("ix_articles_date_latest", "published_date", "is_latest"),
        Index("ix_articles_outlet_latest", "outlet", "is_latest"),
    )
    pk: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[str] = mapped_column(String(400), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    is_latest: Mapped[bool] = mapped_column(Boolean, default=True)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    stored_at: Mapped[datetime] = mapped_column(DateTime)

    title: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    raw_text: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16), index=True)
    language_score: Mapped[float | None] = mapped_column(Float)
    url: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(400))
    published: Mapped[str | None] = mapped_column(String(64))  # as given (ISO 8601)
    published_date: Mapped[date | None] = mapped_column(Date)  # parsed, for time aggregates
    author: Mapped[str | None] = mapped_column(Text)
    source_path: Mapped[str | None] = mapped_column(Text)
    source_format: Mapped[str | None] = mapped_column(String(16))
    duplicate_of: Mapped[str | None] = mapped_column(String(400))
    duplicate_kind: Mapped[str | None] = mapped_column(String(16))
    duplicate_similarity: Mapped[float | None] = mapped_column(Float)
    explanation_text: Mapped[str | None] = mapped_column(Text)
    explanation_narrative: Mapped[str | None] = mapped_column(Text)
    explanation_evidence: Mapped[list | None] = mapped_column(JSON)
    top_narrative: Mapped[str | None] = mapped_column(String(400))
    n_quotes: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[list | None] = mapped_column(JSON)
    timings: Mapped[dict | None] = mapped_column(JSON)
    meta: Mapped[dict | None] = mapped_column(JSON)
    search_text: Mapped[str] = mapped_column(Text)  # lower-cased title + text, for full-text search

    quotes: Mapped[list["QuoteRow"]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                    order_by="QuoteRow.idx", passive_deletes=True)
    labels: Mapped[list["LabelRow"]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                    order_by="LabelRow.idx", passive_deletes=True)
    entities: Mapped[list["EntityRow"]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                       order_by="EntityRow.idx", passive_deletes=True)
    removals: Mapped[list["RemovalRow"]] = relationship(back_populates="article", cascade="all, delete-orphan",
                                                        order_by="RemovalRow.idx", passive_deletes=True)


class ArticleChange(Base):
    """A metadata correction of one stored appearance: ``changes`` maps field -> [old, new]."""

    __tablename__ = "article_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    run_id: Mapped[int | None] = mapped_column(Integer)
    changes: Mapped[dict] = mapped_column(JSON)


class ClaimGroup(Base):
    """Quotes that say the same thing, across articles: every pair of members has cosine >= ``threshold``."""

    __tablename__ = "claim_groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)  # the medoid quote's text: the group's label
    centroid: Mapped[bytes] = mapped_column(LargeBinary)  # float32, L2-normalised mean of members (informative only)
    size: Mapped[int] = mapped_column(Integer, default=0)  # members when grouped (a mismatch marks the group for regrouping)
    embedder: Mapped[str | None] = mapped_column(String(200))
    threshold: Mapped[float | None] = mapped_column(Float)


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (Index("ix_quotes_speaker_article", "speaker_id", "article_pk"),)  # covering (0004)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speakers.id"), index=True)
    speaker: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(16))
    cue: Mapped[str | None] = mapped_column(Text)
    anonymous: Mapped[bool] = mapped_column(Boolean, default=False)
    medium: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str | None] = mapped_column(Text)  # the outlet that reports it (migration 0006)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    hedges: Mapped[list | None] = mapped_column(JSON)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker_mention: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int] = mapped_column(Integer, default=-1)
    speaker_end: Mapped[int] = mapped_column(Integer, default=-1)
    cue_start: Mapped[int] = mapped_column(Integer, default=-1)
    cue_end: Mapped[int] = mapped_column(Integer, default=-1)
    speaker_type: Mapped[str | None] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    embedding: Mapped[bytes | None] = mapped_column(LargeBinary)  # float32 of the quote text, for claims
    embedding_model: Mapped[str | None] = mapped_column(String(200))  # the embedder spec of ``embedding``
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claim_groups.id", ondelete="SET NULL"), index=True)

    article: Mapped[ArticleRow] = relationship(back_populates="quotes")


class LabelRow(Base):
    """A narrative (level "narrative") or subnarrative (level "subnarrative") of one article version."""

    __tablename__ = "labels"
    __table_args__ = (Index("ix_labels_label_article", "label", "article_pk"),
                      Index("ix_labels_article_level_score", "article_pk", "level", "score", "label"))  # covering (0004)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    level: Mapped[str] = mapped_column(String(16))
    idx: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(400))
    score: Mapped[float] = mapped_column(Float)
    tier: Mapped[str | None] = mapped_column(String(16))  # "confident" | "likely" | "guess" (doc.Label.tier)
    evidence: Mapped[list | None] = mapped_column(JSON)

    article: Mapped[ArticleRow] = relationship(back_populates="labels")


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_key_article", "key", "article_pk"),)  # covering (0004)
    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(400), index=True)  # normalised name: groups an actor across articles
    type: Mapped[str | None] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    main_role: Mapped[str | None] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(Float, default=0.0)
    framed: Mapped[bool] = mapped_column(Boolean, default=True)  # False: only mentioned, not cast (doc.Entity.framed)
    framed_score: Mapped[float] = mapped_column(Float, default=1.0)
    fine_roles: Mapped[list | None] = mapped_column(JSON)
    fine_role_scores: Mapped[dict | None] = mapped_column(JSON)
    mentions: Mapped[list | None] = mapped_column(JSON)
    evidence: Mapped[list | None] = mapped_column(JSON)

    article: Mapped[ArticleRow] = relationship(back_populates="entities")


class RemovalRow(Base):
    __tablename__ = "removals"
    id: Mapped[int] = mapped_column(primary_key=True)
    article_pk: Mapped[int] = mapped_column(ForeignKey("articles.pk", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer, default=-1)
    end: Mapped[int] = mapped_column(Integer, default=-1)

    article: Mapped[ArticleRow] = relationship(back_populates="removals")
