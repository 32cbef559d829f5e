"""predict explanations / evaluate explanations on a few real training articles (skips without ../shared)."""
import pytest

from shared_data import shared_path
from narrascope.cli import main


@pytest.mark.shared
@pytest.mark.slow
def test_predict_explanations_on_training_articles(tmp_path, capsys):
    root = shared_path("data", "semeval2025", "train", "EN")
    lines = (root / "subtask-3-annotations.txt").read_text("utf-8").splitlines()[:3]
    gold = tmp_path / "gold.txt"
    gold.write_text("\n".join(lines) + "\n", "utf-8")
    dominant = tmp_path / "dominant.txt"
    dominant.write_text("\n".join("\t".join(l.split("\t")[:3]) for l in lines) + "\n", "utf-8")
    pred = tmp_path / "pred.txt"
    assert main(["predict", "explanations", str(root), "--dominant", str(dominant), "--out", str(pred), "-q"]) == 0
    rows = [l.split("\t") for l in pred.read_text("utf-8").splitlines()]
    assert [r[0] for r in rows] == [l.split("\t")[0] for l in lines]
    for _, text in rows:
        assert 0 < len(text.split()) <= 80
    capsys.readouterr()
    assert main(["evaluate", "explanations", "--gold", str(gold), "--pred", str(pred), "--no-embeddings"]) == 0
    out = capsys.readouterr().out
    assert "ROUGE-L" in out and "BERTScore" in out
