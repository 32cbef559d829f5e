"""The gold articles in eval/cleaning parse, and the cleaner loses none of their article lines."""
from __future__ import annotations

from pathlib import Path

import pytest

from narrascope.clean import REASONS
from narrascope.clean.evaluate import benchmark_docs, load_gold, parse_gold, render_html_lines, score
from narrascope.errors import NarrascopeError
from shared_data import shared_path

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("part", ["train", "dev", "test"])
def test_gold_files_parse_with_known_reasons(part):
    docs = load_gold(ROOT / "eval" / "cleaning" / part)
    assert len(docs) >= 8
    for doc in docs:
        assert doc.title
        reasons = {r for _, _, r in doc.lines if r}
        assert reasons <= set(REASONS), (doc.name, reasons - set(REASONS))
        assert any(r is None for _, _, r in doc.lines)


@pytest.mark.parametrize("part", ["train", "dev", "test"])
def test_no_article_line_lost_and_high_recall_on_own_set(part):
    sc = score(load_gold(ROOT / "eval" / "cleaning" / part))
    assert sc.fp == 0, sc.lost
    assert sc.recall >= 0.9, sc.missed


def test_parse_gold_reports_bad_metadata():
    with pytest.raises(NarrascopeError, match="E301"):
        parse_gold("#: title\nbody line\n", "bad.txt")


def test_render_html_lines_keeps_blocks_apart_and_drops_scripts():
    html = ("<html><head><title>T</title><script>var x=1;</script></head><body><nav><a>Home</a> <a>World</a></nav>"
            "<h1>A headline</h1><p>First <b>bold</b> paragraph.</p><div style='display: none'>hidden</div>"
            "<p>Second paragraph.</p></body></html>")
    text, title = render_html_lines(html)
    assert title == "A headline"
    assert text.split("\n") == ["Home World", "A headline", "First bold paragraph.", "Second paragraph."]


@pytest.mark.shared
def test_benchmark_pages_render_to_labelled_lines():
    folder = shared_path("data", "article-extraction-benchmark")
    docs = benchmark_docs(folder, limit=3)
    assert len(docs) == 3
    for doc in docs:
        assert any(r is None for _, _, r in doc.lines) and any(r for _, _, r in doc.lines)
