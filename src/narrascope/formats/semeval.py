"""SemEval-2025 Task 10 files: the folder layout, the language map, the newline policy, and the readers
and writers of the three subtasks. The one place that knows this format (ingest, training, ``predict``,
``evaluate`` and the benches all read it through here).

Layout: a language folder (``train/EN``, ``test/RU``) holds ``raw-documents/`` (train) or
``subtask-2-documents/`` / ``subtask-1-documents/`` (test) next to the annotation files; only the documents
are articles. The test release ships the same articles in both subtask folders. Files named like
``EN_UA_100012.txt`` or ``RU-URW-1234.txt`` are SemEval documents wherever they lie.

Newline policy: an article's *text* is read with universal newlines (``read_document``; what ingest,
training and prediction all see); subtask-1 offsets count UTF-16 units over the *raw* bytes with ``\r\n``
kept (``read_raw`` + ``UTF16Index``), and are mapped to the text by ``raw_to_text_offset``.

Subtask 1 rows: ``article_id<TAB>mention<TAB>start<TAB>end<TAB>main_role<TAB>fine_role[<TAB>...]``.
Subtask 2 lines: ``id<TAB>narrative;narrative…<TAB>subnarrative;subnarrative…`` (``Other``: none).
Subtask 3 lines: ``id<TAB>dominant narrative<TAB>dominant subnarrative<TAB>explanation`` (predictions:
``id<TAB>explanation``). Only ids, labels and paths are handled here: the licensed texts are read from the
user's data folder.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import E, InputError, NarrascopeError

if TYPE_CHECKING:  # pragma: no cover
    from ..doc import Article

# -- layout ------------------------------------------------------------------------------------------
DOCUMENT_DIRS = ("raw-documents", "subtask-2-documents", "subtask-1-documents", "subtask-3-documents")
ANNOTATIONS = {1: "subtask-1-annotations.txt", 2: "subtask-2-annotations.txt", 3: "subtask-3-annotations.txt"}
LANGUAGES = {"EN": "en", "BG": "bg", "HI": "hi", "PT": "pt", "RU": "ru"}
# EN_UA_100012, RU-URW-1234, A6_CC_BG_10015, HI_CC_TEST_404, PT_01, CC_TEST_00000, EN_UA_DEV_26.
_FILE_NAME = re.compile(r"^(?:[A-Z0-9]+[_-])*(?:EN|BG|HI|PT|RU|CC|URW|UA)(?:[_-][A-Z]+)*[_-]\d+\.txt$")
_TOKEN = re.compile(r"[A-Z]+")


def document_dirs(folder: Path) -> list[Path]:
    """The document subfolders of a SemEval language folder, in reading order (empty if it is not one)."""
    return [folder / name for name in DOCUMENT_DIRS if (folder / name).is_dir()]


def is_document_dir(folder: Path) -> bool:
    return folder.name in DOCUMENT_DIRS


def is_semeval_name(name: str) -> bool:
    return bool(_FILE_NAME.match(name))


def language_of(path: Path) -> str | None:
    """SemEval language code (lower case, as in ISO 639-1) from the folders, else the file name.

    The folder wins: the English test set holds files named ``RU_TEST_...``.
    """
    for part in reversed(path.parts[:-1]):
        if part in LANGUAGES:
            return LANGUAGES[part]
    if is_semeval_name(path.name):
        for token in _TOKEN.findall(path.stem):
            if token in LANGUAGES:
                return LANGUAGES[token]
    return None


# -- newline policy ----------------------------------------------------------------------------------
def read_raw(path: str | Path) -> str:
    """A file's text exactly as its bytes say: UTF-8, line endings untouched (subtask-1 offsets count these)."""
    # A BOM stays: it is one code unit in the file the annotators counted.
    return Path(path).read_bytes().decode("utf-8")


def to_text(raw: str) -> str:
    """Universal newlines: the text every stage (and training) reads."""
    return raw.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: str | Path) -> str:
    """An article's text under the newline policy (universal newlines)."""
    return to_text(read_raw(path))


def raw_to_text_offset(raw: str, index: int) -> int:
    """A Python index into the raw text -> the same character's index in ``to_text(raw)``."""
    return index - raw.count("\r\n", 0, index) if "\r" in raw else index


def text_to_raw_offset(raw: str, index: int) -> int:
    """Inverse of :func:`raw_to_text_offset` (for the ``\r\n`` case)."""
    if "\r\n" not in raw:
        return index
    crlf = [m.start() for m in re.finditer("\r\n", raw)]
    # k = number of CRLFs before the raw position; raw = text + k
    lo, hi = 0, len(crlf)
    while lo < hi:
        mid = (lo + hi) // 2
        if crlf[mid] - mid < index:
            lo = mid + 1
        else:
            hi = mid
    return index + lo


def find_document(folder: str | Path, article_id: str) -> Path | None:
    """The file of ``article_id`` in a SemEval language folder (any document subfolder) or a flat folder."""
    folder = Path(folder)
    for sub in ("", *DOCUMENT_DIRS):
        p = folder / sub / article_id
        if p.is_file():
            return p
    return None


def read_articles(paths, config: dict | None = None, *, stages: str | None = "language,clean") -> list["Article"]:
    """SemEval documents (files or folders) as :class:`Article` objects through the same reader and the same
    first pipeline stages as ``narrascope analyze``, so a model sees the same text in training and in use.
    ``stages``: the pipeline stages to run after reading (comma-separated; ``None`` = none)."""
    from ..ingest.reader import read_paths
    from ..pipeline import Pipeline, load_config, restrict_stages

    import copy

    config = copy.deepcopy(config) if config is not None else load_config()
    arts = []
    for item in read_paths([str(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)], config):
        if isinstance(item, Exception):
            raise item
        arts.append(item)
    for a in arts:  # the folder says the language: no detector guesses on SemEval data
        if a.meta.get("semeval_lang"):
            a.language = a.meta["semeval_lang"]
    if stages:
        pipe = Pipeline.from_config(restrict_stages(config, stages))
        arts = list(pipe.pipe(arts))
    return arts


def language_dirs(data: str | Path, subtask: int = 2) -> list[Path]:
    """``data`` may be a ``train/`` folder (with ``<LANG>/`` inside) or one language folder."""
    data = Path(data)
    name = ANNOTATIONS[subtask]
    if not data.is_dir():
        raise NarrascopeError(E.E302, path=data, hint="Pass the SemEval train folder or one of its language folders.")
    if (data / name).is_file():
        return [data]
    dirs = sorted(p for p in data.iterdir() if (p / name).is_file())
    if not dirs:
        raise NarrascopeError(E.E302, path=data, hint=f"No {name} inside it or its sub-folders.")
    return dirs


# -- offsets (subtask 1) -----------------------------------------------------------------------------
class UTF16Index:
    """Convert between Python indices and UTF-16 code-unit offsets of one text."""

    def __init__(self, text: str):
        self.text = text
        # Python indices of astral characters: each shifts later UTF-16 offsets by one.
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        # The same positions in UTF-16 units (the high surrogate's offset).
        self._astral16 = [i + k for k, i in enumerate(self._astral)]

    def to_utf16(self, index: int) -> int:
        """UTF-16 offset of the character at Python ``index``."""
        return index + bisect_left(self._astral, index)

    def from_utf16(self, offset: int) -> int:
        """Python index of the character whose UTF-16 offset is ``offset`` (a low surrogate maps to its character)."""
        k = bisect_left(self._astral16, offset)
        # Inside a surrogate pair (offset = high + 1) belongs to that character.
        if k > 0 and self._astral16[k - 1] + 1 == offset:
            return self._astral[k - 1]
        return offset - k

    def span_from_semeval(self, start: int, end_inclusive: int) -> tuple[int, int]:
        """SemEval (start, inclusive end) in UTF-16 units -> Python (start, exclusive end)."""
        return self.from_utf16(start), self.from_utf16(end_inclusive) + 1

    def span_to_semeval(self, start: int, end: int) -> tuple[int, int]:
        """Python (start, exclusive end) -> SemEval (start, inclusive end) in UTF-16 units."""
        last = end - 1
        last16 = self.to_utf16(last) + (1 if 0 <= last < len(self.text) and ord(self.text[last]) > 0xFFFF else 0)
        return self.to_utf16(start), last16


# -- subtask 2 ---------------------------------------------------------------------------------------
@dataclass
class Annotation:
    id: str
    narratives: list[str]
    subnarratives: list[str]


def format_line(article_id: str, narratives: list[str], subnarratives: list[str]) -> str:
    for label in (*narratives, *subnarratives):
        if "\t" in label or ";" in label or "\n" in label:
            raise ValueError(f"label {label!r} cannot be written to a subtask-2 file (tab, ';' or newline)")
    return f"{article_id}\t{';'.join(narratives)}\t{';'.join(subnarratives)}"


def write_annotations(path: str | Path, rows: list[Annotation]) -> None:
    text = "".join(format_line(r.id, r.narratives, r.subnarratives) + "\n" for r in rows)
    Path(path).write_text(text, encoding="utf-8")


def read_annotations(path: str | Path) -> dict[str, Annotation]:
    """Parse a subtask-2 file (gold or prediction) into ``{id: Annotation}``; labels keep their order, repeats dropped."""
    path = Path(path)
    if not path.is_file():
        raise NarrascopeError(E.E302, path=path, hint="Pass a subtask-2 annotation file (id<TAB>narratives<TAB>subnarratives).")
    out: dict[str, Annotation] = {}
    for n, line in enumerate(path.read_text("utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.rstrip("\r").split("\t")
        if len(parts) < 2 or len(parts) > 3:
            raise NarrascopeError(E.E301, path=path, line=n, detail=f"expected 3 tab-separated columns (id, narratives, subnarratives), found {len(parts)}")
        art_id = parts[0].strip()
        if not art_id:
            raise NarrascopeError(E.E301, path=path, line=n, detail="empty article id")
        if art_id in out:
            raise NarrascopeError(E.E301, path=path, line=n, detail=f"article '{art_id}' appears twice")
        narr = _split(parts[1])
        subs = _split(parts[2]) if len(parts) == 3 else []
        out[art_id] = Annotation(art_id, narr, subs)
    return out


def _split(cell: str) -> list[str]:
    labels: list[str] = []
    for label in cell.split(";"):
        label = label.strip()
        if label and label not in labels:
            labels.append(label)
    return labels


@dataclass
class TrainingArticle:
    id: str  # file name, e.g. EN_UA_100012.txt
    language: str
    path: Path
    narratives: list[str] = field(default_factory=list)
    subnarratives: list[str] = field(default_factory=list)

    def read_text(self) -> str:
        return read_document(self.path)


def find_language_dirs(data: str | Path) -> list[Path]:
    return language_dirs(data, 2)


def load_training_data(*folders: str | Path) -> list[TrainingArticle]:
    """Every annotated article under the given SemEval-format folders (sorted by language, then id)."""
    articles: list[TrainingArticle] = []
    for folder in folders:
        for lang_dir in find_language_dirs(folder):
            gold = read_annotations(lang_dir / "subtask-2-annotations.txt")
            docs = lang_dir / "raw-documents"
            for art_id in sorted(gold):
                path = docs / art_id
                if not path.is_file():
                    raise NarrascopeError(E.E302, path=path, hint=f"It is listed in {lang_dir / 'subtask-2-annotations.txt'} but missing.")
                a = gold[art_id]
                articles.append(TrainingArticle(art_id, lang_dir.name.upper(), path, a.narratives, a.subnarratives))
    return articles


# -- subtask 1 ---------------------------------------------------------------------------------------
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


def read_subtask1(path: str | Path, with_roles: bool | None = None) -> list[MentionRow]:
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


def write_subtask1(rows: list[MentionRow], path: str | Path) -> None:
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


# Old names, kept for callers.
read_rows = read_subtask1
write_rows = write_subtask1


# -- subtask 3 ---------------------------------------------------------------------------------------
def read_dominant(path: str | Path) -> list[tuple[str, str, str]]:
    """Rows (id, dominant narrative, dominant subnarrative) of a subtask-3 file (more columns ignored)."""
    path = Path(path)
    if not path.is_file():
        raise NarrascopeError(E.E007, path=path)
    rows = []
    for n, line in enumerate(path.read_bytes().decode("utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise InputError(E.E301, path=path, line=n, detail="expected id<TAB>dominant narrative<TAB>dominant subnarrative")
        rows.append((parts[0].strip(), parts[1].strip(), parts[2].strip() if len(parts) > 2 else ""))
    return rows


def read_explanations(path: str | Path, column: int = -1) -> dict[str, str]:
    """id -> explanation from an ``id<TAB>explanation`` file or a subtask-3 gold file (last column)."""
    path = Path(path)
    if not path.is_file():
        raise NarrascopeError(E.E007, path=path)
    out = {}
    for n, line in enumerate(path.read_bytes().decode("utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            raise InputError(E.E301, path=path, line=n, detail="expected id<TAB>explanation")
        out[parts[0].strip()] = parts[column].strip()
    return out


def write_explanations(path: str | Path, rows: list[tuple[str, str]]) -> None:
    """``id<TAB>explanation`` lines (tabs and newlines inside an explanation become spaces)."""
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for art_id, text in rows:
            fh.write(art_id + "\t" + re.sub(r"[\t\r\n]+", " ", text) + "\n")


def read_subtask3_gold(data: str | Path) -> list[tuple[str, str, str, str]]:
    """(id, dominant narrative, dominant subnarrative, explanation) of every language folder under ``data``."""
    rows = []
    for d in language_dirs(data, 3):
        for line in (d / ANNOTATIONS[3]).read_bytes().decode("utf-8-sig").splitlines():
            p = line.split("\t")
            if len(p) >= 4:
                rows.append((p[0].strip(), p[1].strip(), p[2].strip(), p[3].strip()))
    return rows
