"""Speakers that are plainly no speaker, on the unlabelled SemEval test articles (Russian, Bulgarian, ...).

    .venv/bin/python bench/attribution_speaker_shapes.py                  # RU and BG
    .venv/bin/python bench/attribution_speaker_shapes.py --langs RU BG PT
    NARRASCOPE_SRC=/tmp/prev/src .venv/bin/python bench/attribution_speaker_shapes.py   # an older tree

There is no gold for these articles, so this counts shapes, not accuracy: a quote whose speaker is a bare pronoun
("Он", "Той": never resolved), a role noun alone ("Политик", "Премьер": the person named before was not found),
a country in the genitive or an acronym of no body ("РФ", "СВО", "Украины"), a capitalised function word, question word, quantifier or
preposition heading the speaker ("Почему Зеленский", "Дословно", "От", "Някои", Hindi "हालांकि अधिकारी"), a
bracket or quote mark left in it ("एंड एनवायरनमेंट (सीएसई)"), and quotes left with no speaker at all. The word lists below are this bench's own, independent of the attributor's, so an older tree
is counted the same way. Fewer flagged speakers with about as many quotes is the aim; the total is printed
beside them because dropping quotes would also lower the counts.
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, os.environ.get("NARRASCOPE_SRC") or str(ROOT / "src"))

from narrascope.attribution.lexicon import load_lexicon  # noqa: E402
from narrascope.attribution.multilingual import attribute_rules  # noqa: E402

SHARED = Path(os.environ.get("NARRASCOPE_SHARED", ROOT.parent / "shared"))
TEST = SHARED / "data" / "semeval2025" / "test"

PRONOUNS = {"он", "она", "они", "той", "тя", "те", "він", "вона", "вони", "ele", "ela", "eles", "elas"}
ROLE_NOUNS = {"премьер", "политик", "председатель", "парламентарий", "депутат", "эксперт", "аналитик", "дипломат",
              "министр", "президент", "генерал", "политикът", "дипломатът", "министърът", "президентът", "експертът",
              "premier", "político", "ministro", "presidente"}
# A country in the genitive ("президент России" cut to "России") and acronyms of things, not bodies, that
# cannot speak; a state or an agency in the nominative ("Русия обяви", "ТАСС", "ONU") may well be the speaker.
FRAGMENTS = {"россии", "рф", "украины", "сша", "китая", "кнр", "сво", "ндс", "ввп", "шос", "украйна"}
OPENERS = {"почему", "зачем", "кто", "что", "как", "дословно", "буквально", "буквално", "защо", "кой", "от", "из",
           "в", "на", "с", "тази", "този", "този", "этот", "эта", "мен", "според", "com", "de", "em"}
OPENERS |= {"जब", "जबकि", "हालांकि", "अनुसार", "रहे", "जानें", "बीच", "जिसने", "एवं", "लेकिन"}  # Hindi
QUANTIFIERS = {"някои", "други", "мнозина", "много", "некоторые", "многие", "другие"}  # flagged when alone


def shape(speaker: str | None) -> str | None:
    if not speaker:
        return "no speaker"
    words = speaker.split()
    low = speaker.lower()
    if low in PRONOUNS:
        return "bare pronoun"
    if len(words) == 1 and low.strip(".") in ROLE_NOUNS:
        return "role noun alone"
    if low in FRAGMENTS:
        return "country/acronym fragment"
    if words[0].lower().strip(",") in OPENERS or low in QUANTIFIERS:
        return "function word heads it"
    if speaker.count("(") != speaker.count(")") or speaker[-1] in "’‘" or len(words) <= 3 and "(" in speaker:
        return "bracket or quote mark"  # a cut name ("एंड एनवायरनमेंट (सीएसई)"), not "agência Associated Press (AP)"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--langs", nargs="+", default=["RU", "BG"])
    ap.add_argument("--show", type=int, default=0, help="print up to N flagged speakers per shape")
    args = ap.parse_args()
    if not TEST.is_dir():
        sys.exit(f"no SemEval test articles at {TEST}: put ../shared beside the project (or set NARRASCOPE_SHARED)")
    lex = load_lexicon()
    for lang in args.langs:
        folder = TEST / lang / "subtask-2-documents"
        files = sorted(folder.glob("*.txt"))
        if not files:
            sys.exit(f"no articles in {folder}")
        counts: collections.Counter = collections.Counter()
        examples: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
        n = 0
        for path in files:
            text = path.read_text(encoding="utf-8", errors="replace")
            for q in attribute_rules(text, lang.lower(), lex):
                n += 1
                kind = shape(q.speaker)
                if kind:
                    counts[kind] += 1
                    examples[kind][q.speaker or "-"] += 1
        flagged = sum(counts.values())
        print(f"{lang}: {len(files)} articles, {n} quotes, {flagged} with a plainly wrong or missing speaker "
              f"({flagged / n:.3f})" if n else f"{lang}: {len(files)} articles, no quotes")
        for kind in ("bare pronoun", "role noun alone", "country/acronym fragment", "function word heads it",
                     "bracket or quote mark", "no speaker"):
            line = f"    {kind:26s} {counts[kind]:4d}"
            if args.show and examples[kind]:
                line += "   " + ", ".join(f"{s}×{c}" for s, c in examples[kind].most_common(args.show))
            print(line)


if __name__ == "__main__":
    main()
