"""Reading the real SemEval-2025 folders in ../shared (skipped when absent)."""
import pytest

from shared_data import shared_path
from narrascope.doc import Article
from narrascope.ingest import read_path
from narrascope.ingest.decode import normalise_newlines
from narrascope.ingest.language import detect_language

pytestmark = pytest.mark.shared


def test_read_english_training_folder():
    folder = shared_path("data", "semeval2025", "train", "EN")
    items = list(read_path(folder))
    arts = [a for a in items if isinstance(a, Article)]
    assert len(arts) == len(items) == 399  # the annotation files beside raw-documents are not articles
    assert all(a.source_format == "semeval" and a.meta["semeval_lang"] == "en" for a in arts)
    assert all(a.meta["file_name"].endswith(".txt") and a.id == a.meta["file_name"][:-4] for a in arts)
    with_title = sum(a.title is not None for a in arts)
    assert with_title / len(arts) > 0.95  # SemEval documents are title line, blank line, body
    for art in arts:
        body = normalise_newlines(art.raw_text[art.meta["body_offset"]:])
        assert body.startswith(art.text[:200])


def test_raw_text_keeps_bom_and_crlf_so_gold_offsets_line_up():
    folder = shared_path("data", "semeval2025", "train", "RU")
    arts = {a.id + ".txt": a for a in read_path(folder) if isinstance(a, Article)}
    checked = 0
    for line in (folder / "subtask-1-annotations.txt").read_text("utf-8").splitlines():
        doc, mention, start, end = line.split("\t")[:4]
        raw = arts[doc].raw_text
        # Offsets count UTF-16 code units over the raw file, end inclusive.
        units = raw.encode("utf-16-le")
        assert units[2 * int(start):2 * (int(end) + 1)].decode("utf-16-le") == mention
        checked += 1
    assert checked > 100


def test_language_of_all_training_documents():
    root = shared_path("data", "semeval2025", "train")
    total = right = 0
    for art in read_path(root):
        code, _ = detect_language(art.text)
        total += 1
        right += code == art.meta["semeval_lang"]
    assert total > 1500 and right / total > 0.98
