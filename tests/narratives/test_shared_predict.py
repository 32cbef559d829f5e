"""Predict on a few real SemEval training articles with the bundled model; the scorer accepts the file.
Skips without ../shared (the data are research-use-only and never copied into the repo)."""
import shutil

import pytest

from shared_data import shared_path
from narrascope.cli import main
from narrascope.narratives.semeval import read_annotations


@pytest.mark.shared
@pytest.mark.slow
def test_predict_and_evaluate_real_articles(tmp_path, capsys):
    en = shared_path("data", "semeval2025", "train", "EN")
    gold_all = read_annotations(en / "subtask-2-annotations.txt")
    ids = sorted(gold_all)[:3]
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in ids:
        shutil.copy(en / "raw-documents" / i, docs / i)
    pred = tmp_path / "pred.txt"
    assert main(["predict", "narratives", str(docs), "--out", str(pred), "-q"]) == 0
    got = read_annotations(pred)
    assert sorted(got) == ids
    gold = tmp_path / "gold.txt"
    gold.write_text("".join(f"{i}\t{';'.join(gold_all[i].narratives)}\t{';'.join(gold_all[i].subnarratives)}\n" for i in ids), encoding="utf-8")
    capsys.readouterr()
    assert main(["evaluate", "narratives", "--gold", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "F1@coarse:" in out and "F1@fine:" in out and "articles: 3" in out
