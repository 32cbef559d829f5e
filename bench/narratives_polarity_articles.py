"""Qualitative check on named articles (e.g. SemEval test articles, unlabelled): the bundled models' labels with
score and tier, the old polarity net and the article side (``narratives/side.py``) that caps contrary polar labels.
For reading only: nothing may be tuned on what it prints.

    .venv/bin/python bench/narratives_polarity_articles.py FILE.txt [FILE.txt ...]

A file's first line is its title (the SemEval layout); the language is read from its folder (``.../EN/...``).
"""
from __future__ import annotations

import sys
from pathlib import Path


def main() -> int:
    from narrascope.doc import Article
    from narrascope.narratives import polarity as pol
    from narrascope.narratives.component import component_settings, make_router
    from narrascope.narratives.side import article_side

    arts = []
    for f in map(Path, sys.argv[1:]):
        lines = f.read_text("utf-8").splitlines()
        lang = next((p for p in f.parts if p in ("EN", "BG", "HI", "PT", "RU")), "EN").lower()
        arts.append(Article(id=f.stem, title=lines[0].strip(), text="\n".join(lines[1:]).strip(), language=lang))
    router = make_router(component_settings({}))
    router.predict_batch(arts)
    for a in arts:
        spans = a.analysis.embedded_sentences
        print(f"\n{a.id} ({a.language}): polarity net {pol.net(pol.counts(a.text, spans, a.title)):+.2f}, "
              f"article side {article_side(a.text, spans, a.title, a.quotes):+.2f}")
        for lab in a.subnarratives:
            print(f"  {lab.score:.3f} {lab.tier or '-':9s} {'[' + ('+' if pol.POLAR_LABELS[lab.label] > 0 else '-') + ']' if lab.label in pol.POLAR_LABELS else '   '} {lab.label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
