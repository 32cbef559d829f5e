"""Corpus questions over the latest article versions: lists, filters, aggregates.

Every function takes an open ``Session`` and a :class:`Filters`; aggregates
group in SQL and bucket dates in Python (day/week/month the same way on SQLite
and PostgreSQL). Each count can be traced back: the article list takes the
same filters, and article pages show the sentences behind each label.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, fields

from sqlalchemy import and_, case, distinct, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from ..errors import E, NarrascopeError
from .models import ArticleRow, ClaimGroup, EntityRow, LabelRow, QuoteRow, Speaker
from . import search
from .search import speaker_group_key
from .store import name_key

PERIODS = ("day", "week", "month")
SORTS = {"published": ArticleRow.published_date, "stored": ArticleRow.pk, "outlet": ArticleRow.outlet,
         "title": ArticleRow.title, "quotes": ArticleRow.n_quotes}


@dataclass
class Filters:
    """Which latest articles a question is about. Empty fields do not filter."""

    outlet: str | None = None
    language: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    narrative: str | None = None  # a narrative or subnarrative label, exact
    min_score: float = 0.0  # for ``narrative``
    speaker: str | None = None  # speaker name (matched like name_key)
    entity: str | None = None  # actor name (matched like name_key)
    q: str | None = None  # words that must all appear in title or text (full-text index, store/search.py)

    def as_dict(self) -> dict:
        return {f.name: (v.isoformat() if isinstance(v, dt.date) else v) for f in fields(self)
                if (v := getattr(self, f.name)) not in (None, "", 0.0)}


def conditions(f: Filters, s: Session | None = None) -> list:
    """WHERE clauses on ArticleRow for ``f`` (always: latest versions only)."""
    conds = [ArticleRow.is_latest.is_(True)]
    if f.outlet:
        conds.append(ArticleRow.outlet == f.outlet)
    if f.language:
        conds.append(ArticleRow.language == f.language)
    if f.date_from:
        conds.append(ArticleRow.published_date >= f.date_from)
    if f.date_to:
        conds.append(ArticleRow.published_date <= f.date_to)
    # Aliases: the EXISTS must correlate with the outer article only, even when the outer
    # query also selects from labels/quotes/entities (speaker and claim aggregates do).
    if f.narrative:
        lab = aliased(LabelRow)
        conds.append(exists().where(lab.article_pk == ArticleRow.pk, lab.label == f.narrative, lab.score >= f.min_score))
    if f.speaker:
        quote, speaker = aliased(QuoteRow), aliased(Speaker)
        conds.append(exists().where(quote.article_pk == ArticleRow.pk, quote.speaker_id == speaker.id,
                                    speaker.group_key == speaker_group_key(name_key(f.speaker))))
    if f.entity:
        ent = aliased(EntityRow)
        conds.append(exists().where(ent.article_pk == ArticleRow.pk, ent.key == name_key(f.entity)))
    if f.q:
        # The full-text index (FTS5 / tsvector, migration 0003); a query without words filters nothing.
        cond = search.condition(_backend(s), f.q)
        if cond is not None:
            conds.append(cond)
    return conds


def _backend(s: Session | None) -> str:
    return s.get_bind().dialect.name if s is not None else "sqlite"


def _period_start(d: dt.date, period: str) -> dt.date:
    if period == "day":
        return d
    if period == "week":
        return d - dt.timedelta(days=d.weekday())  # ISO weeks start on Monday
    if period == "month":
        return d.replace(day=1)
    raise NarrascopeError(E.E404, period=period)


def _next_period(d: dt.date, period: str) -> dt.date:
    if period == "day":
        return d + dt.timedelta(days=1)
    if period == "week":
        return d + dt.timedelta(days=7)
    return (d.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _top_labels(totals: dict, top: int) -> list[str]:
    """The ``top`` labels by total, most first; ties by label (0 = all)."""
    ranked = sorted(totals, key=lambda lab: (-totals[lab], lab))
    return ranked[:top] if top > 0 else ranked


# -- articles ------------------------------------------------------------------
def _select_page(s: Session, f: Filters, cols, limit: int, offset: int, sort: str, descending: bool):
    conds = conditions(f, s)
    total = s.execute(select(func.count()).select_from(ArticleRow).where(*conds)).scalar() or 0
    ranked = sort == "relevance" and bool(search.words(f.q))
    if ranked:  # best match first (BM25 / ts_rank), newest first among equals
        rank = search.rank_subquery(_backend(s), f.q)
        stmt = (select(*cols).join(rank, rank.c.pk == ArticleRow.pk).where(*conds)
                .order_by(rank.c.rank.asc() if descending else rank.c.rank.desc(), ArticleRow.published_date.desc().nulls_last(),
                          ArticleRow.pk.desc()))
    else:
        col = SORTS.get(sort, ArticleRow.published_date)
        order = [(col.desc() if descending else col.asc()).nulls_last(), ArticleRow.pk.desc()]  # same on SQLite and PostgreSQL
        stmt = select(*cols).where(*conds).order_by(*order)
    return total, s.execute(stmt.limit(limit).offset(offset)).all()


# What a list item shows of an article row.
LIST_COLUMNS = (ArticleRow.pk, ArticleRow.article_id, ArticleRow.version, ArticleRow.title, ArticleRow.outlet,
                ArticleRow.published, ArticleRow.language, ArticleRow.url, ArticleRow.top_narrative,
                ArticleRow.n_quotes, ArticleRow.duplicate_of, ArticleRow.warnings)


def list_rows(s: Session, pks: list[int]) -> dict:
    """pk -> the :data:`LIST_COLUMNS` of those article rows."""
    return {r.pk: r for r in s.execute(select(*LIST_COLUMNS).where(ArticleRow.pk.in_(pks)))} if pks else {}


def list_articles(s: Session, f: Filters, limit: int = 50, offset: int = 0, sort: str = "published",
                  descending: bool = True, page: tuple[int, list[int]] | None = None, snippets=None,
                  narratives=None, rows_of=None) -> tuple[int, list[dict]]:
    """(total, items). ``page``: (total, article keys in order) already chosen (store/snapshot.py), so only
    those rows are read, by ``rows_of(s, pks)`` (default :func:`list_rows`); ``snippets``: what makes the
    search snippets (default :func:`search.snippets`); ``narratives``: pk list -> {pk: [{"label", "score"},
    ...]} (default: read from the labels table)."""
    if page is not None:
        total, chosen = page
        by_pk = (rows_of or list_rows)(s, chosen)
        rows = [by_pk[pk] for pk in chosen if pk in by_pk]
    else:
        total, rows = _select_page(s, f, LIST_COLUMNS, limit, offset, sort, descending)
    pks = [r.pk for r in rows]
    labels: dict[int, list[dict]] = defaultdict(list)
    if pks and narratives is not None:
        labels.update(narratives(pks))
    elif pks:
        for lab in s.execute(select(LabelRow.article_pk, LabelRow.label, LabelRow.score)
                             .where(LabelRow.article_pk.in_(pks), LabelRow.level == "narrative")
                             .order_by(LabelRow.article_pk, LabelRow.score.desc(), LabelRow.idx)):
            labels[lab.article_pk].append({"label": lab.label, "score": round(lab.score, 4)})
    items = [{"id": r.article_id, "version": r.version, "title": r.title, "outlet": r.outlet, "published": r.published,
              "language": r.language, "url": r.url, "top_narrative": r.top_narrative, "narratives": labels.get(r.pk, []),
              "n_quotes": r.n_quotes, "duplicate_of": r.duplicate_of, "n_warnings": len(r.warnings or [])} for r in rows]
    if search.words(f.q):
        snips = (snippets or search.snippets)(s, _backend(s), f.q, pks)
        for r, item in zip(rows, items):
            item["snippet"] = snips.get(r.pk, [])
    return total, items


def outlets(s: Session) -> list[dict]:
    rows = s.execute(select(ArticleRow.outlet, func.count()).where(ArticleRow.is_latest.is_(True))
                     .group_by(ArticleRow.outlet).order_by(func.count().desc())).all()
    return [{"outlet": o, "articles": n} for o, n in rows]


def overview(s: Session, f: Filters) -> dict:
    conds = conditions(f, s)
    row = s.execute(select(func.count(), func.min(ArticleRow.published_date), func.max(ArticleRow.published_date),
                           func.count(distinct(ArticleRow.outlet)), func.coalesce(func.sum(ArticleRow.n_quotes), 0),
                           func.count(distinct(ArticleRow.content_hash)))
                    .where(*conds)).one()
    langs = s.execute(select(ArticleRow.language, func.count()).where(*conds).group_by(ArticleRow.language)).all()
    anon = s.execute(select(func.count(), func.coalesce(func.sum(case((QuoteRow.anonymous.is_(True), 1), else_=0)), 0))
                     .select_from(QuoteRow).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk).where(*conds)).one()
    # articles: appearances (a wire copy in two outlets counts twice); texts: distinct contents
    return {"articles": row[0], "texts": row[5], "first_date": row[1].isoformat() if row[1] else None,
            "last_date": row[2].isoformat() if row[2] else None, "outlets": row[3], "quotes": int(row[4]),
            "anonymous_quotes": int(anon[1]), "languages": {lang or "unknown": n for lang, n in langs}}


# -- narratives ----------------------------------------------------------------
def narrative_timeline(s: Session, f: Filters, period: str = "week", level: str = "narrative", top: int = 10) -> dict:
    """Articles carrying each label per period (and all articles per period, for shares)."""
    if period not in PERIODS:
        raise NarrascopeError(E.E404, period=period)
    conds = conditions(f, s) + [ArticleRow.published_date.is_not(None)]
    per_day = s.execute(select(ArticleRow.published_date, func.count()).where(*conds).group_by(ArticleRow.published_date)).all()
    label_day = s.execute(select(ArticleRow.published_date, LabelRow.label, func.count(distinct(ArticleRow.pk)))
                          .join(LabelRow, LabelRow.article_pk == ArticleRow.pk)
                          .where(*conds, LabelRow.level == level, LabelRow.score >= f.min_score)
                          .group_by(ArticleRow.published_date, LabelRow.label)).all()
    totals: Counter = Counter()
    for d, n in per_day:
        totals[_period_start(d, period)] += n
    counts: dict[str, Counter] = defaultdict(Counter)
    label_totals: Counter = Counter()
    for d, label, n in label_day:
        counts[label][_period_start(d, period)] += n
        label_totals[label] += n
    return timeline_result(period, level, totals, counts, label_totals, top)


def timeline_result(period: str, level: str, totals: dict, counts: dict, label_totals: dict, top: int) -> dict:
    """The timeline answer from per-period article totals, per-label per-period counts and label totals
    (shared by the SQL path and the column snapshot): every period from the first to the last, gaps as 0."""
    periods: list[dt.date] = []
    if totals:
        p, last = min(totals), max(totals)
        while p <= last:
            periods.append(p)
            p = _next_period(p, period)
    labels = _top_labels(label_totals, top)
    return {"period": period, "level": level, "periods": [p.isoformat() for p in periods],
            "totals": [totals.get(p, 0) for p in periods],
            "series": [{"label": lab, "total": label_totals[lab], "counts": [counts[lab].get(p, 0) for p in periods]}
                       for lab in labels]}


def narratives_by_outlet(s: Session, f: Filters, level: str = "narrative", top: int = 10) -> dict:
    conds = conditions(f, s)
    per_outlet = dict(s.execute(select(ArticleRow.outlet, func.count()).where(*conds).group_by(ArticleRow.outlet)).all())
    rows = s.execute(select(ArticleRow.outlet, LabelRow.label, func.count(distinct(ArticleRow.pk)))
                     .join(LabelRow, LabelRow.article_pk == ArticleRow.pk)
                     .where(*conds, LabelRow.level == level, LabelRow.score >= f.min_score)
                     .group_by(ArticleRow.outlet, LabelRow.label)).all()
    return by_outlet_result(level, per_outlet, {(outlet, label): n for outlet, label, n in rows}, top)


def by_outlet_result(level: str, per_outlet: dict, cell: dict, top: int) -> dict:
    """The per-outlet answer from articles per outlet and (outlet, label) -> article count (shared by the
    SQL path and the column snapshot): outlets by articles, the ``top`` labels by total."""
    label_totals: Counter = Counter()
    for (_outlet, label), n in cell.items():
        label_totals[label] += n
    outlet_names = sorted(per_outlet, key=lambda o: (-per_outlet[o], o or ""))
    labels = _top_labels(label_totals, top)
    return {"level": level, "outlets": outlet_names, "articles": [per_outlet[o] for o in outlet_names],
            "series": [{"label": lab, "total": label_totals[lab], "counts": [cell.get((o, lab), 0) for o in outlet_names]}
                       for lab in labels]}


def narrative_counts(s: Session, f: Filters, level: str = "narrative") -> list[dict]:
    rows = s.execute(select(LabelRow.label, func.count(distinct(ArticleRow.pk)), func.avg(LabelRow.score))
                     .join(ArticleRow, LabelRow.article_pk == ArticleRow.pk)
                     .where(*conditions(f, s), LabelRow.level == level, LabelRow.score >= f.min_score)
                     .group_by(LabelRow.label)).all()
    return [{"label": lab, "articles": n, "mean_score": round(float(avg or 0), 4)}
            for lab, n, avg in sorted(rows, key=lambda r: (-r[1], r[0]))]


def cooccurrence(s: Session, f: Filters, level: str = "narrative", top: int = 50) -> list[dict]:
    """Pairs of labels found in the same article, most frequent first."""
    a, b = aliased(LabelRow), aliased(LabelRow)
    n = func.count(distinct(ArticleRow.pk))
    rows = s.execute(select(a.label, b.label, n).select_from(ArticleRow)
                     .join(a, a.article_pk == ArticleRow.pk).join(b, b.article_pk == ArticleRow.pk)
                     .where(*conditions(f, s), a.level == level, b.level == level, a.label < b.label,
                            a.score >= f.min_score, b.score >= f.min_score)
                     .group_by(a.label, b.label).order_by(n.desc(), a.label, b.label).limit(top)).all()
    return [{"a": x, "b": y, "articles": k} for x, y, k in rows]


# -- speakers ------------------------------------------------------------------
def speakers(s: Session, f: Filters, limit: int = 50, offset: int = 0, anonymous: bool | None = None) -> tuple[int, list[dict]]:
    """Speakers by how often they are quoted, with the narratives of the articles quoting them.

    Spelling variants (Zelensky / Zelenskyy / Zelenskiy) are one speaker (``Speaker.group_key``): shown under
    the most quoted spelling, with ``variants`` listing every spelling and its quotes. One scan of the quotes
    counts per spelling; only a page's merged speakers need a second (their distinct articles and outlets)."""
    conds = conditions(f, s)
    who = [Speaker.anonymous.is_(anonymous)] if anonymous is not None else []
    per_id = s.execute(select(QuoteRow.speaker_id, func.count(QuoteRow.id), func.count(distinct(ArticleRow.pk)),
                              func.count(distinct(ArticleRow.outlet)))
                       .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                       .where(*conds, QuoteRow.speaker_id.is_not(None),
                              *([QuoteRow.speaker_id.in_(select(Speaker.id).where(*who))] if who else []))
                       .group_by(QuoteRow.speaker_id)).all()
    counts = {sid: (nq, na, no) for sid, nq, na, no in per_id}
    info = {r.id: r for r in s.execute(select(Speaker.id, Speaker.group_key, Speaker.name, Speaker.type, Speaker.anonymous)
                                       .where(Speaker.id.in_(list(counts)))).all()} if counts else {}
    groups: dict[str, list[int]] = defaultdict(list)
    for sid in counts:
        groups[info[sid].group_key or info[sid].name].append(sid)
    order = sorted(groups, key=lambda k: (-sum(counts[i][0] for i in groups[k]), k))
    page = order[offset:offset + limit]
    merged = [k for k in page if len(groups[k]) > 1]
    spread: dict[str, tuple[int, int]] = {}
    if merged:
        for key, na, no in s.execute(select(Speaker.group_key, func.count(distinct(ArticleRow.pk)), func.count(distinct(ArticleRow.outlet)))
                                     .select_from(QuoteRow).join(Speaker, QuoteRow.speaker_id == Speaker.id)
                                     .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                                     .where(*conds, *who, Speaker.group_key.in_(merged)).group_by(Speaker.group_key)):
            spread[key] = (na, no)
    narr = _speaker_narratives(page, s, conds)
    out = []
    for key in page:
        ids = sorted(groups[key], key=lambda i: (-counts[i][0], info[i].name))
        first = info[ids[0]]
        na, no = spread.get(key) or counts[ids[0]][1:]
        out.append({"name": first.name, "type": min((info[i].type for i in ids if info[i].type), default=None),
                    "anonymous": first.anonymous, "quotes": sum(counts[i][0] for i in ids), "articles": na, "outlets": no,
                    "variants": [{"name": info[i].name, "quotes": counts[i][0]} for i in ids],
                    "narratives": narr.get(key, [])[:5]})
    return len(order), out


def _variants(s: Session, keys: list[str], conds: list) -> dict[str, list[dict]]:
    """group key -> its spellings, most quoted first (ties: alphabetical)."""
    if not keys:
        return {}
    rows = s.execute(select(Speaker.group_key, Speaker.name, Speaker.anonymous, func.count(QuoteRow.id))
                     .join(QuoteRow, QuoteRow.speaker_id == Speaker.id).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                     .where(*conds, Speaker.group_key.in_(keys))
                     .group_by(Speaker.group_key, Speaker.id, Speaker.name, Speaker.anonymous)).all()
    out: dict[str, list[dict]] = defaultdict(list)
    for key, name, anon, n in sorted(rows, key=lambda r: (-r[3], r[1])):
        out[key].append({"name": name, "anonymous": anon, "quotes": n})
    return out


def _speaker_narratives(keys: list[str], s: Session, conds: list) -> dict[str, list[dict]]:
    if not keys:
        return {}
    rows = s.execute(select(Speaker.group_key, LabelRow.label, func.count(distinct(ArticleRow.pk)))
                     .select_from(QuoteRow)
                     .join(Speaker, QuoteRow.speaker_id == Speaker.id)
                     .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                     .join(LabelRow, LabelRow.article_pk == ArticleRow.pk)
                     .where(*conds, Speaker.group_key.in_(keys), LabelRow.level == "narrative")
                     .group_by(Speaker.group_key, LabelRow.label)).all()
    out: dict[str, list[dict]] = defaultdict(list)
    for key, label, n in sorted(rows, key=lambda r: (-r[2], r[1])):
        out[key].append({"label": label, "articles": n})
    return out


def speaker_detail(s: Session, name: str, f: Filters, limit: int = 200) -> dict | None:
    """One speaker (every spelling of the name): quotes, outlets, media, narratives, the variants seen."""
    key = speaker_group_key(name_key(name))
    ids = list(s.scalars(select(Speaker.id).where(Speaker.group_key == key)))
    if not ids:
        return None
    conds = conditions(f, s)
    quotes = s.execute(select(QuoteRow, ArticleRow.article_id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published)
                       .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                       .where(*conds, QuoteRow.speaker_id.in_(ids))
                       .order_by(ArticleRow.published_date.desc(), QuoteRow.id).limit(limit)).all()
    by_outlet = s.execute(select(ArticleRow.outlet, func.count(QuoteRow.id)).join(QuoteRow, QuoteRow.article_pk == ArticleRow.pk)
                          .where(*conds, QuoteRow.speaker_id.in_(ids)).group_by(ArticleRow.outlet)).all()
    media = s.execute(select(QuoteRow.medium, func.count()).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                      .where(*conds, QuoteRow.speaker_id.in_(ids), QuoteRow.medium.is_not(None))
                      .group_by(QuoteRow.medium)).all()
    variants = _variants(s, [key], conds).get(key) or [
        {"name": n, "anonymous": a, "quotes": 0} for n, a in s.execute(select(Speaker.name, Speaker.anonymous).where(Speaker.id.in_(ids)))]
    sp_type = s.execute(select(func.min(Speaker.type)).where(Speaker.id.in_(ids))).scalar()
    return {"name": variants[0]["name"], "type": sp_type, "anonymous": variants[0]["anonymous"],
            "variants": [{"name": v["name"], "quotes": v["quotes"]} for v in variants],
            "quotes": [{"article_id": aid, "title": title, "outlet": outlet, "published": pub, "text": q.text, "kind": q.kind,
                        "speaker": q.speaker, "cue": q.cue, "medium": q.medium, "hedged": q.hedged, "hedges": q.hedges or [],
                        "anonymous": q.anonymous, "start": q.start, "end": q.end, "claim_id": q.claim_id}
                       for q, aid, title, outlet, pub in quotes],
            "by_outlet": [{"outlet": o, "quotes": n} for o, n in sorted(by_outlet, key=lambda r: -r[1])],
            "media": [{"medium": m, "quotes": n} for m, n in sorted(media, key=lambda r: -r[1])],
            "narratives": _speaker_narratives([key], s, conds).get(key, [])}


def sourcing_by_outlet(s: Session, f: Filters) -> list[dict]:
    """Per outlet: quotes with a named speaker, anonymous, unattributed, hedged, and via another medium."""
    one = lambda cond: func.coalesce(func.sum(case((cond, 1), else_=0)), 0)  # noqa: E731
    rows = s.execute(select(ArticleRow.outlet, func.count(QuoteRow.id),
                            one(and_(QuoteRow.anonymous.is_(False), QuoteRow.speaker.is_not(None))),
                            one(QuoteRow.anonymous.is_(True)),
                            one(and_(QuoteRow.anonymous.is_(False), QuoteRow.speaker.is_(None))),
                            one(QuoteRow.hedged.is_(True)), one(QuoteRow.medium.is_not(None)))
                     .join(QuoteRow, QuoteRow.article_pk == ArticleRow.pk).where(*conditions(f, s))
                     .group_by(ArticleRow.outlet)).all()
    rows = sorted(rows, key=lambda r: (-r[1], r[0] or ""))
    return [{"outlet": o, "quotes": int(n), "named": int(named), "anonymous": int(anon), "unattributed": int(unatt),
             "hedged": int(hedged), "via_medium": int(med),
             "anonymous_share": round(int(anon) / n, 4) if n else 0.0} for o, n, named, anon, unatt, hedged, med in rows]


# -- entities ------------------------------------------------------------------
def entities(s: Session, f: Filters, limit: int = 50, offset: int = 0, role: str | None = None) -> tuple[int, list[dict]]:
    conds = conditions(f, s)
    if role:
        conds.append(EntityRow.main_role == role)
    n_art = func.count(distinct(ArticleRow.pk))
    base = (select(EntityRow.key, func.min(EntityRow.name).label("name"), func.min(EntityRow.type).label("type"),
                   n_art.label("articles"))
            .join(ArticleRow, EntityRow.article_pk == ArticleRow.pk).where(*conds).group_by(EntityRow.key))
    total = s.execute(select(func.count(distinct(EntityRow.key))).join(ArticleRow, EntityRow.article_pk == ArticleRow.pk)
                      .where(*conds)).scalar() or 0
    rows = s.execute(base.order_by(n_art.desc(), EntityRow.key).limit(limit).offset(offset)).all()
    keys = [r.key for r in rows]
    roles: dict[str, dict] = defaultdict(dict)
    if keys:
        for key, main_role, n in s.execute(select(EntityRow.key, EntityRow.main_role, func.count())
                                           .join(ArticleRow, EntityRow.article_pk == ArticleRow.pk)
                                           .where(*conds, EntityRow.key.in_(keys)).group_by(EntityRow.key, EntityRow.main_role)):
            roles[key][main_role or "none"] = n
    return total, [{"key": r.key, "name": r.name, "type": r.type, "articles": r.articles, "roles": roles.get(r.key, {})}
                   for r in rows]


def entity_detail(s: Session, name: str, f: Filters, limit: int = 200) -> dict | None:
    key = name_key(name)
    conds = conditions(f, s)
    rows = s.execute(select(EntityRow, ArticleRow.article_id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published)
                     .join(ArticleRow, EntityRow.article_pk == ArticleRow.pk).where(*conds, EntityRow.key == key)
                     .order_by(ArticleRow.published_date.desc(), EntityRow.id)).all()
    if not rows:
        return None
    main: Counter = Counter()
    fine: Counter = Counter()
    by_outlet: dict[str, Counter] = defaultdict(Counter)
    for e, _aid, _t, outlet, _p in rows:
        main[e.main_role or "none"] += 1
        fine.update(e.fine_roles or [])
        by_outlet[outlet or "unknown"][e.main_role or "none"] += 1
    first = rows[0][0]
    return {"key": key, "name": first.name, "type": first.type, "articles": len(rows), "roles": dict(main),
            "fine_roles": dict(fine.most_common()),
            "by_outlet": [{"outlet": o, "roles": dict(c)} for o, c in sorted(by_outlet.items(), key=lambda kv: -sum(kv[1].values()))],
            "mentions": [{"article_id": aid, "title": title, "outlet": outlet, "published": pub, "main_role": e.main_role,
                          "fine_roles": e.fine_roles or [], "score": e.score, "evidence": e.evidence or []}
                         for e, aid, title, outlet, pub in rows[:limit]]}


# -- claims --------------------------------------------------------------------
def claims(s: Session, f: Filters, limit: int = 50, offset: int = 0, min_size: int = 2) -> tuple[int, list[dict]]:
    """Claim groups by how many quotes (in latest articles) say the same thing."""
    if s.execute(select(ClaimGroup.id).limit(1)).first() is None:
        return 0, []  # not grouped yet (``narrascope db claims``): no scan of every quote
    conds = conditions(f, s)
    n = func.count(QuoteRow.id)
    base = (select(ClaimGroup.id, ClaimGroup.text, n.label("quotes"), func.count(distinct(ArticleRow.pk)).label("articles"),
                   func.count(distinct(QuoteRow.speaker_id)).label("speakers"), func.count(distinct(ArticleRow.outlet)).label("outlets"),
                   func.min(ArticleRow.published_date).label("first"), func.max(ArticleRow.published_date).label("last"))
            .join(QuoteRow, QuoteRow.claim_id == ClaimGroup.id).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
            .where(*conds, QuoteRow.claim_id.is_not(None)).group_by(ClaimGroup.id, ClaimGroup.text).having(n >= min_size))
    total = s.execute(select(func.count()).select_from(base.subquery())).scalar() or 0
    rows = s.execute(base.order_by(n.desc(), ClaimGroup.id).limit(limit).offset(offset)).all()
    ids = [r.id for r in rows]
    who: dict[int, list[str]] = defaultdict(list)
    where: dict[int, list[str]] = defaultdict(list)
    if ids:
        for cid, name in s.execute(select(QuoteRow.claim_id, QuoteRow.speaker).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                                   .where(*conds, QuoteRow.claim_id.in_(ids)).distinct()):
            if name and name not in who[cid]:
                who[cid].append(name)
        for cid, outlet in s.execute(select(QuoteRow.claim_id, ArticleRow.outlet).join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                                     .where(*conds, QuoteRow.claim_id.in_(ids)).distinct()):
            if outlet and outlet not in where[cid]:
                where[cid].append(outlet)
    return total, [{"id": r.id, "text": r.text, "quotes": r.quotes, "articles": r.articles, "speakers": sorted(who[r.id]),
                    "outlets": sorted(where[r.id]), "first_date": r.first.isoformat() if r.first else None,
                    "last_date": r.last.isoformat() if r.last else None} for r in rows]


def claim_detail(s: Session, claim_id: int, f: Filters) -> dict | None:
    group = s.get(ClaimGroup, claim_id)
    if group is None:
        return None
    rows = s.execute(select(QuoteRow, ArticleRow.article_id, ArticleRow.title, ArticleRow.outlet, ArticleRow.published)
                     .join(ArticleRow, QuoteRow.article_pk == ArticleRow.pk)
                     .where(*conditions(f, s), QuoteRow.claim_id == claim_id)
                     .order_by(ArticleRow.published_date, QuoteRow.id)).all()
    return {"id": group.id, "text": group.text,
            "speakers": sorted({q.speaker for q, *_ in rows if q.speaker}),
            "outlets": sorted({o for _q, _a, _t, o, _p in rows if o}),
            "dates": sorted({p[:10] for *_x, p in rows if p}),
            "quotes": [{"article_id": aid, "title": title, "outlet": outlet, "published": pub, "speaker": q.speaker,
                        "anonymous": q.anonymous, "medium": q.medium, "hedged": q.hedged, "kind": q.kind, "text": q.text,
                        "start": q.start, "end": q.end} for q, aid, title, outlet, pub in rows]}


def search_names(s: Session, text: str, limit: int = 10) -> dict:
    """Speakers and actors whose name contains ``text`` (for the dashboard's search box)."""
    like = f"%{name_key(text)}%"
    folded = f"%{speaker_group_key(name_key(text))}%"
    sp = s.execute(select(func.min(Speaker.name)).where(or_(Speaker.key.like(like), Speaker.group_key.like(folded)))
                   .group_by(Speaker.group_key).order_by(func.min(Speaker.name)).limit(limit)).scalars().all()
    en = s.execute(select(func.min(EntityRow.name)).where(EntityRow.key.like(like)).group_by(EntityRow.key).limit(limit)).scalars().all()
    return {"speakers": list(sp), "entities": list(en)}

