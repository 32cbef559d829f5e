"""Fixtures for the report tests."""
from __future__ import annotations

import pytest

from narrascope.doc import Article, Duplicate
from report_articles import make_article


@pytest.fixture
def article() -> Article:
    return make_article()


@pytest.fixture
def corpus() -> list[Article]:
    first = make_article()
    second = make_article("EN/TEST 2?")
    second.title = None
    second.duplicate_of = Duplicate(of=first.id, kind="near", similarity=0.91)
    third = Article(id="empty-one", text="")
    return [first, second, third]
