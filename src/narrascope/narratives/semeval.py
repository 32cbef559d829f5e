"""The official SemEval-2025 Task 10 subtask-2 file format, and reading the training data.

One line per article: ``id<TAB>narrative;narrative…<TAB>subnarrative;subnarrative…``, where ``id`` is the
article's file name (``EN_UA_100012.txt``). ``Other`` means no narrative of the taxonomy. Only ids, labels
and file paths are handled here: the licensed article texts are read from the user's data folder.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import E, NarrascopeError


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
        # Universal newlines ("\r\n" -> "\n"): the offsets of cached sentence embeddings assume this.
        return self.path.read_text("utf-8")


def find_language_dirs(data: str | Path) -> list[Path]:
    """``data`` may be a ``train/`` folder (with ``<LANG>/`` inside) or one language folder."""
    data = Path(data)
    if not data.is_dir():
        raise NarrascopeError(E.E302, path=data, hint="Pass the SemEval train folder or one of its language folders.")
    if (data / "subtask-2-annotations.txt").is_file():
        return [data]
    dirs = sorted(p for p in data.iterdir() if (p / "subtask-2-annotations.txt").is_file())
    if not dirs:
        raise NarrascopeError(E.E302, path=data, hint="No subtask-2-annotations.txt inside it or its sub-folders.")
    return dirs


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
