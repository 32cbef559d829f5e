"""The hand-written evaluation set is well-formed (offsets hold, both parts present)."""
import json
from pathlib import Path

EVAL = Path(__file__).resolve().parents[2] / "eval" / "attribution"


def test_eval_set_is_well_formed():
    files = sorted(EVAL.glob("*.json"))
    assert len(files) >= 25
    splits = {"tune": 0, "heldout": 0}
    languages = set()
    for path in files:
        art = json.loads(path.read_text("utf-8"))
        splits[art["split"]] += 1
        languages.add(art["language"])
        for g in art["quotes"]:
            assert art["text"][g["start"]:g["end"]] == g["content"], path.name
            assert g["kind"] in ("direct", "indirect")
        for trap in art.get("traps", []):
            assert trap in art["text"], path.name
    assert 8 <= splits["heldout"] <= 10
    assert {"en", "ru", "bg", "pt"} <= languages
