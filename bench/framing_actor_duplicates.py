"""One actor, one name: actors the finder splits in two because the text declined the name (Russian test articles).

    .venv/bin/python bench/framing_actor_duplicates.py                       # RU
    .venv/bin/python bench/framing_actor_duplicates.py --langs RU BG --show 10
    NARRASCOPE_SRC=/tmp/prev/src .venv/bin/python bench/framing_actor_duplicates.py   # an older tree

For every unlabelled SemEval test article of the language, the actors ``framing.entities.ActorFinder`` finds, and
the pairs of them that are one actor under two case forms: both names reduce to the same words once each word is
replaced by its dictionary lemma (pymorphy3, the bench's own reading, independent of the finder: "Андрея Ермака"
and "Ермак" share the surname's lemma, "Киева" and "Киев" the whole name). A pair counts when the lemmas are equal
("Вооруженных сил Украины" and "Вооруженные силы Украины"; "Российские войска" and "российские войска"), or one
word is the last of a person-shaped name of up to three capitalised words (a surname and the full name). Canonical English names from the alias table ("Vladimir Putin") are compared through
their Russian aliases' lemmas, so "Владимиром Путиным" beside "Vladimir Putin" is a pair. No gold: a count of
plainly split actors, with the number of actors beside it.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("NARRASCOPE_SRC") or str(ROOT / "src"))

from narrascope.framing.entities import ActorFinder, default_aliases  # noqa: E402

SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))
TEST = SHARED / "data" / "semeval2025" / "test"


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=None)
def lemmas(name: str) -> tuple[str, ...]:
    out = []
    for w in re.findall(r"[\w-]+", name):
        out.append(_morph().parse(w)[0].normal_form if re.match(r"[А-Яа-яЁё]", w) else w.lower())
    return tuple(w.replace("ё", "е") for w in out)


def readings(name: str, russian_aliases: dict[str, list[str]]) -> set[tuple[tuple[str, ...], bool]]:
    """The lemma sequences a name stands for (its own, and for a canonical name those of its Cyrillic aliases),
    each with whether it is a person-shaped name (every word capitalised: a surname may stand for it)."""
    return {(lemmas(n), all(w[:1].isupper() for w in n.split())) for n in [name] + russian_aliases.get(name, [])}


def _same(x: tuple, y: tuple) -> bool:
    (a, a_named), (b, b_named) = x, y
    if a == b:
        return True
    short, (long_, long_named) = (a, (b, b_named)) if len(a) < len(b) else (b, (a, a_named))
    # "Ермак" and "Андрей Ермак"; not "Украина" and "Вооруженные силы Украины"
    return len(short) == 1 and long_named and len(long_) <= 3 and long_[-1] == short[0]


def split_pairs(names: list[str], russian_aliases: dict[str, list[str]]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if any(_same(x, y) for x in readings(a, russian_aliases) for y in readings(b, russian_aliases)):
                pairs.append((a, b))
    return pairs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--langs", nargs="+", default=["RU"])
    ap.add_argument("--show", type=int, default=0, help="print up to N split pairs")
    args = ap.parse_args()
    if not TEST.is_dir():
        sys.exit(f"no SemEval test articles at {TEST}: put ../shared beside the project (or set NARRASCOPE_SHARED)")
    table = default_aliases()
    russian_aliases: dict[str, list[str]] = {}
    for alias, (name, _) in table.canonical.items():
        if re.search(r"[А-Яа-яЁё]", alias):
            russian_aliases.setdefault(name, []).append(alias)
    finder = ActorFinder()
    for lang in args.langs:
        files = sorted((TEST / lang / "subtask-2-documents").glob("*.txt"))
        if not files:
            sys.exit(f"no articles in {TEST / lang / 'subtask-2-documents'}")
        n_actors, found = 0, []
        for path in files:
            actors = finder.find(path.read_text(encoding="utf-8", errors="replace"), lang.lower())
            n_actors += len(actors)
            found += [(path.stem, a, b) for a, b in split_pairs([a.name for a in actors], russian_aliases)]
        print(f"{lang}: {len(files)} articles, {n_actors} actors, {len(found)} pairs that are one actor split by case or capitals "
              f"({len({f[0] for f in found})} articles)")
        for art, a, b in found[:args.show]:
            print(f"    {art}: {a} | {b}")


if __name__ == "__main__":
    main()
