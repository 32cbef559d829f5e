"""Test-only pipeline components, imported on Ray workers through ``[engine.ray] imports``."""
from __future__ import annotations

import time

from narrascope.registry import component


@component("test_slow")
def make_slow(config: dict):
    """Takes ``seconds`` per article and records a word count, so a run lasts long enough to kill a worker."""
    seconds = float(config.get("seconds", 0.2))

    def slow(article):
        time.sleep(seconds)
        article.meta["words"] = len(article.text.split())
        return article

    return slow


@component("test_explode")
def make_explode(config: dict):
    """Fails on the ids it is given, like a component meeting an article it cannot handle."""
    bad = set(config.get("ids", []))

    def explode(article):
        if article.id in bad:
            raise RuntimeError(f"cannot handle {article.id}")
        article.meta["explode_checked"] = True
        return article

    return explode
