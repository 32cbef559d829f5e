"""Build data/gazetteer.tsv: actor names seen in SemEval subtask-1 training mentions.

Only the mention strings (names of actors) are kept, with the language, a type
guessed from the alias table or the name's shape, and in how many training
articles the name occurs; only names seen in at least ``min_articles``
articles, so one-off phrases stay out. No article text is copied.

    python -m narrascope.framing.make_gazetteer ../shared/data/semeval2025/train
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from .entities import AliasTable
from .semeval import read_rows


def build(root: Path, min_articles: int = 2) -> list[tuple[str, str, str, int]]:
    aliases = AliasTable.load()
    out = []
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        ann = lang_dir / "subtask-1-annotations.txt"
        if not ann.is_file() or lang_dir.name == "EN":
            continue
        seen = defaultdict(set)
        for r in read_rows(ann):
            name = " ".join(r.mention.split())
            if 2 <= len(name) <= 60 and not set(name) & set("()[]\"“”«»"):
                seen[name].add(r.article_id)
        for name, ids in sorted(seen.items()):
            if len(ids) < min_articles:
                continue
            hit = aliases.lookup(name)
            typ = hit[1] if hit else ("PERSON" if len(name.split()) >= 2 and all(w[:1].isupper() for w in name.split()) else "ORG")
            out.append((name, lang_dir.name.lower(), typ, len(ids)))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = argv if argv is not None else sys.argv[1:]
    root = Path(argv[0])
    rows = build(root)
    dest = Path(__file__).parent / "data" / "gazetteer.tsv"
    with open(dest, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("name\tlanguage\ttype\tarticles\n")
        for row in rows:
            fh.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} names -> {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
