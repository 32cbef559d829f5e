"""Exports of the latest articles matching a filter: JSON Lines, CSV, SemEval.

- ``jsonl``: one ``Article.to_dict()`` per line (the same JSON as ``narrascope analyze``).
- ``csv``: one row per article with its narratives, subnarratives, speakers and actors.
- ``semeval``: the SemEval-2025 Task 10 subtask 2 prediction format,
  ``file_name<TAB>narratives<TAB>subnarratives`` with ``;`` between labels, ``Other``
  for none and ``<narrative>: Other`` for a narrative without subnarratives.
"""
from __future__ import annotations

import csv
import io
from typing import Iterator, TextIO

from sqlalchemy import select

from ..doc import Article
from ..errors import E, NarrascopeError
from .models import ArticleRow
from .queries import Filters, conditions

FORMATS = ("jsonl", "csv", "semeval")
CSV_FIELDS = ["id", "title", "outlet", "published", "language", "url", "narratives", "subnarratives",
              "top_narrative", "n_quotes", "speakers", "anonymous_quotes", "entities", "duplicate_of", "explanation", "content_hash"]


def iter_export_lines(store, fmt: str, filters: Filters | None = None) -> Iterator[str]:
    """The export as lines of text (each ends with a newline), streamed from the database."""
    if fmt not in FORMATS:
        raise NarrascopeError(E.E402, format=fmt, available=", ".join(FORMATS))
    filters = filters or Filters()
    with store.Session() as s:
        pks = list(s.scalars(select(ArticleRow.pk).where(*conditions(filters, s))
                             .order_by(ArticleRow.published_date, ArticleRow.article_id)))
    articles = store.iter_articles(pks)
    if fmt == "jsonl":
        for art in articles:
            yield art.to_json() + "\n"
    elif fmt == "csv":
        yield _csv_line(CSV_FIELDS)
        for art in articles:
            yield _csv_line([_csv_value(art, name) for name in CSV_FIELDS])
    else:
        for art in articles:
            yield "\t".join(semeval_row(art)) + "\n"


def export(store, fmt: str, out: TextIO, filters: Filters | None = None) -> int:
    """Write the export to ``out``; returns the number of articles written."""
    n = 0
    for line in iter_export_lines(store, fmt, filters):
        out.write(line)
        n += 1
    return n - 1 if fmt == "csv" else n


def semeval_row(art: Article) -> tuple[str, str, str]:
    """(file name, narratives, subnarratives) of one article in the subtask-2 format."""
    file_name = art.meta.get("file_name") or ""
    if not (file_name.endswith(".txt") and file_name[:-4] == art.id):
        # Records of a JSON Lines/CSV file share its file name: the article id names the row instead.
        file_name = art.id if art.id.endswith(".txt") else art.id + ".txt"
    # "Other" (no narrative of the taxonomy) is written only when nothing else is there.
    narratives = [lab.label for lab in art.narratives if lab.label != "Other"]
    if not narratives:
        return file_name, "Other", "Other"
    subs = [lab.label for lab in art.subnarratives if lab.label != "Other"]
    for narr in narratives:
        if not any(sub.startswith(narr + ":") for sub in subs):
            subs.append(f"{narr}: Other")
    return file_name, ";".join(narratives), ";".join(subs)


def _csv_value(art: Article, name: str):
    if name in ("narratives", "subnarratives"):
        return "; ".join(f"{lab.label} ({lab.score:.2f})" for lab in getattr(art, name))
    if name == "top_narrative":
        return max(art.narratives, key=lambda lab: lab.score).label if art.narratives else ""
    if name == "n_quotes":
        return len(art.quotes)
    if name == "speakers":
        return "; ".join(dict.fromkeys(q.speaker for q in art.quotes if q.speaker))
    if name == "anonymous_quotes":
        return sum(1 for q in art.quotes if q.anonymous)
    if name == "entities":
        return "; ".join(f"{e.text} ({e.main_role})" if e.main_role else e.text for e in art.entities)
    if name == "duplicate_of":
        return art.duplicate_of.of if art.duplicate_of else ""
    if name == "explanation":
        return art.explanation.text if art.explanation else ""
    value = getattr(art, name)
    return "" if value is None else value


def _csv_line(values: list) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(values)
    return buf.getvalue()
