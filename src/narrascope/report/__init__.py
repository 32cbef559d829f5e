"""The readable HTML report of analysed articles (``narrascope analyze --html DIR``).

``write_report(articles, out_dir) -> Path`` writes an index page (corpus
summary, one row per article) and one page per article: the cleaned text with
quotes coloured by speaker, evidence highlighted, a who-said-what table, the
actors and their roles, narratives with evidence, and what cleaning removed.
"""
from .html import article_view, corpus_summary, write_report

__all__ = ["write_report", "article_view", "corpus_summary"]
