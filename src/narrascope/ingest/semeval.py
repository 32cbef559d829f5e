"""SemEval-2025 Task 10 folders: what is a document, and which language.

A language folder (``train/EN``, ``test/RU``) holds ``raw-documents/`` or
``subtask-2-documents/`` / ``subtask-1-documents/`` next to annotation files;
only the documents are articles. The test release ships the same articles in
both subtask folders, so a file name already read from one is skipped in the
next. Files named like ``EN_UA_100012.txt`` or ``RU-URW-1234.txt`` are SemEval
documents wherever they lie.
"""
from __future__ import annotations

import re
from pathlib import Path

DOCUMENT_DIRS = ("raw-documents", "subtask-2-documents", "subtask-1-documents", "subtask-3-documents")
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
