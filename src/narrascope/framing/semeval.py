"""Read and write the official SemEval-2025 Task 10 subtask-1 files.

Gold / prediction rows: ``article_id<TAB>mention<TAB>start<TAB>end<TAB>main_role<TAB>fine_role[<TAB>...]``;
a mentions file has the first four columns. Offsets follow ``offsets`` (UTF-16, inclusive end, CRLF kept).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, InputError, NarrascopeError
from .offsets import UTF16Index, read_raw

MAIN_ROLES = ("Protagonist", "Antagonist", "Innocent")


@dataclass
class MentionRow:
    article_id: str
    mention: str
    start: int  # UTF-16, as in the file
    end: int  # UTF-16, inclusive
    main_role: str | None = None
    fine_roles: list[str] = field(default_factory=list)

    def key(self) -> tuple[str, int, int]:
        return (self.article_id, self.start, self.end)


def read_rows(path: str | Path, with_roles: bool | None = None) -> list[MentionRow]:
    """Rows of a mentions, gold or prediction file; ``with_roles=True`` demands the role columns."""
    path = Path(path)
    if not path.is_file():
        raise NarrascopeError(E.E007, path=path)
    rows = []
    text = path.read_bytes().decode("utf-8-sig")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = line.rstrip("\r\n").split("\t")
        if len(parts) < 4:
            raise InputError(E.E301, path=path, line=n, detail=f"expected at least 4 tab-separated columns, got {len(parts)}")
        try:
            start, end = int(parts[2]), int(parts[3])
        except ValueError:
            raise InputError(E.E301, path=path, line=n, detail=f"start/end must be integers, got {parts[2]!r} {parts[3]!r}") from None
        if start < 0 or end < start:
            raise InputError(E.E301, path=path, line=n, detail=f"bad span {start}-{end}")
        row = MentionRow(parts[0], parts[1], start, end)
        if len(parts) >= 5:
            row.main_role = parts[4].strip() or None
            row.fine_roles = [p.strip() for p in parts[5:] if p.strip()]
        if with_roles and (row.main_role is None or not row.fine_roles):
            raise InputError(E.E301, path=path, line=n, detail="expected main_role and at least one fine role (columns 5 and 6)")
        rows.append(row)
    return rows


def format_row(row: MentionRow) -> str:
    cols = [row.article_id, row.mention, str(row.start), str(row.end), row.main_role or "", *row.fine_roles]
    return "\t".join(cols)


def write_rows(rows: list[MentionRow], path: str | Path) -> None:
    # newline="" so Windows never turns our \n into \r\n; the official scorer splits on tabs and \n.
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for row in rows:
            fh.write(format_row(row) + "\n")


def locate(text: str, row: MentionRow, index: UTF16Index | None = None) -> tuple[int, int]:
    """Python (start, end) of a row's mention in the raw text; checks the mention string when it can."""
    index = index or UTF16Index(text)
    start, end = index.span_from_semeval(row.start, row.end)
    if not (0 <= start < end <= len(text)):
        raise InputError(E.E301, path=row.article_id, line="-", detail=f"span {row.start}-{row.end} is outside the article ({len(text)} characters)")
    return start, end


def load_articles(folder: str | Path, ids: set[str] | None = None) -> dict[str, str]:
    """Raw texts of a SemEval documents folder (``raw-documents`` / ``subtask-1-documents`` or the files themselves)."""
    folder = Path(folder)
    if not folder.exists():
        raise NarrascopeError(E.E007, path=folder)
    candidates = [folder / "raw-documents", folder / "subtask-1-documents", folder]
    docs = next((c for c in candidates if c.is_dir() and any(c.glob("*.txt"))), None)
    if docs is None:
        raise NarrascopeError(E.E302, path=folder, hint="Expected .txt articles in it or in its raw-documents/ or subtask-1-documents/ folder.")
    out = {}
    for p in sorted(docs.glob("*.txt")):
        if ids is None or p.name in ids:
            out[p.name] = read_raw(p)
    return out
