"""Accuracy on the paired-opposites set (eval/narratives_pairs/pairs.jsonl, written for this project: short
articles in EN/BG/HI/PT/RU, each pair with opposite messages, "Russia is losing" vs "Ukraine is losing").

    .venv/bin/python bench/narratives_pairs.py [--model bundled|DIR] [--verbose]
    .venv/bin/python bench/narratives_pairs.py --pairs eval/narratives_pairs/climate.jsonl   # concerned vs sceptic

``bundled`` reads each language with the model ``analyze`` gives it (``models_by_language``); a DIR reads all.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="bundled")
    ap.add_argument("--pairs", default=str(ROOT / "eval" / "narratives_pairs" / "pairs.jsonl"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    from narrascope.narratives.component import component_settings, make_router
    from narrascope.narratives.pairs import evaluate, read_pairs

    settings = component_settings({})  # "bundled": the models `analyze` uses, each language routed as configured
    if args.model != "bundled":
        settings = {**settings, "model": args.model, "models_by_language": {}}
    res = evaluate(make_router(settings), read_pairs(args.pairs))
    print("| language | articles | right | wrong (opposite side's label) | missed (Other / no polar label) | pairs right | lexicon side right |")
    print("|---|---|---|---|---|---|---|")
    for k in [k for k in res if k != "articles"]:
        r = res[k]
        print(f"| {k} | {r['n']} | {r['right']} | {r['wrong']} | {r['missed']} | {r['pairs_right']} / {r['pairs']} | {r['lexicon_right']} |")
    if "ru_loses" in {a["side"] for a in res["articles"]}:
        print(f"'Russia is losing' articles labelled with the opposite: {res['ALL']['ru_loses_labelled_opposite']}")
    if args.verbose:
        for a in res["articles"]:
            print(a["pair"], a["side"], a["outcome"], a["lexicon_net"], "|", "; ".join(a["labels"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
