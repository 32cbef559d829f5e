"""Training examples: the annotated SemEval articles read as ``narrascope analyze`` reads them.

``formats.semeval.read_articles`` gives each document through the same reader and the same first pipeline
stages (language, clean) as ``analyze``: the title apart, the cleaned text, the language from the folder.
The gold labels come from ``subtask-2-annotations.txt`` (ids there carry ``.txt``; ``Article.id`` does not,
``article.meta["file_name"]`` does).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...doc import Article
from ...errors import E, NarrascopeError
from ...formats.semeval import find_language_dirs, read_annotations, read_articles


@dataclass
class Example:
    article: Article
    language: str  # upper-case SemEval code (EN, BG, HI, PT, RU)
    narratives: list[str] = field(default_factory=list)
    subnarratives: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.article.meta.get("file_name") or f"{self.article.id}.txt"


def load_examples(*folders: str | Path, config: dict | None = None, languages: list[str] | None = None) -> list[Example]:
    """Every annotated article under the SemEval-format folders (by language, then id)."""
    out: list[Example] = []
    for folder in folders:
        for lang_dir in find_language_dirs(folder):
            lang = lang_dir.name.upper()
            if languages and lang not in languages:
                continue
            gold = read_annotations(lang_dir / "subtask-2-annotations.txt")
            docs = lang_dir / "raw-documents"
            missing = [i for i in gold if not (docs / i).is_file()]
            if missing:
                raise NarrascopeError(E.E302, path=docs / missing[0], hint=f"It is listed in {lang_dir / 'subtask-2-annotations.txt'} but missing.")
            arts = read_articles([docs / i for i in sorted(gold)], config)
            for art in arts:
                name = art.meta.get("file_name") or f"{art.id}.txt"
                a = gold[name]
                if not art.language:
                    art.language = lang.lower()
                out.append(Example(art, lang, a.narratives, a.subnarratives))
    return out
